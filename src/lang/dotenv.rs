//! `.env` files: `NAME=value` lines, read with the bash grammar (`export NAME=value` and
//! quoting follow the shell's rules).
use tree_sitter::Node;

use super::yaml::no_definition;
use super::{decode_escapes, Grammar, Language, Lowering};
use crate::expr::Expr;

pub const LANGUAGE: Language = Language {
    id: "dotenv",
    extensions: &["env"],
    shebangs: &[],
    globs: &[".env", ".env.*", "*.env"],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_bash::LANGUAGE),
    query: include_str!("dotenv.scm"),
    walk: None,
    document: None,
    plain_string: None,
    lower,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

fn lower(node: Node, ctx: &Lowering) -> Expr {
    match node.kind() {
        "word" | "number" => ctx.literal(
            node.start_byte(),
            node.end_byte(),
            ctx.text(node).to_string(),
        ),
        "raw_string" => {
            let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), 1);
            ctx.literal(from, to, ctx.source[from..to].to_string())
        }
        "string" => {
            let mut cursor = node.walk();
            let parts: Vec<Node> = node.named_children(&mut cursor).collect();
            match parts.as_slice() {
                [] => ctx.literal(node.start_byte() + 1, node.start_byte() + 1, String::new()),
                [content] if content.kind() == "string_content" => ctx.literal(
                    content.start_byte(),
                    content.end_byte(),
                    decode_escapes(ctx.text(*content)),
                ),
                _ => Expr::Unknown,
            }
        }
        _ => Expr::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::{testing, Language};

    #[test]
    fn values_and_addresses() {
        let source = "APP_ENV=prod\nexport DATABASE_URL=\"postgres://db:5432/app\"\nREDIS_HOST='redis'\nLOG=storage/logs/app.log # c\n";
        let facts = extract(Language::by_id("dotenv").unwrap(), source, 0);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::String),
            [
                "prod",
                "postgres://db:5432/app",
                "redis",
                "storage/logs/app.log"
            ]
        );
        assert_eq!(
            of(CandidateKind::Address),
            ["postgres://db:5432/app", "redis"]
        );
    }
}
