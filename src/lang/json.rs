//! JSON configuration (`composer.json`, `package.json`, `extension.json`). Lock files,
//! minified data and translation catalogues are left out by detection.
use tree_sitter::Node;

use super::yaml::no_definition;
use super::{decode_escapes, Document, Grammar, Language, Lowering};
use crate::expr::Expr;

pub const LANGUAGE: Language = Language {
    id: "json",
    extensions: &["json"],
    shebangs: &[],
    globs: &[],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_json::LANGUAGE),
    query: include_str!("json.scm"),
    walk: None,
    document: Some(DOCUMENT),
    plain_string: None,
    lower,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

const DOCUMENT: Document = Document {
    family: "json",
    key: |node, ctx| match node.kind() {
        "pair" => super::key_literal(node.child_by_field_name("key"), ctx, lower),
        _ => None,
    },
    dotted: None,
    scalar: |node, ctx| match node.kind() {
        "string" => super::key_literal(Some(node), ctx, lower),
        _ => None,
    },
    sequences: &["array"],
};

fn lower(node: Node, ctx: &Lowering) -> Expr {
    if node.kind() == "number" {
        let text = ctx.text(node);
        return ctx.literal(node.start_byte(), node.end_byte(), text.to_string());
    }
    if node.kind() != "string" {
        return Expr::Unknown;
    }
    let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), 1);
    ctx.literal(from, to, decode_escapes(&ctx.source[from..to]))
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    #[test]
    fn string_values_not_keys() {
        let source =
            r#"{"main": "index.js", "files": ["src/a\tb.js"], "api_url": "http://x", "n": 1}"#;
        let facts = extract(Language::by_id("json").unwrap(), source, 0);
        let strings: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::String)
            .flat_map(|c| c.expr.literals().into_iter().map(|l| l.text.clone()))
            .collect();
        assert_eq!(strings, ["index.js", "src/a\tb.js", "http://x"]);
        assert_eq!(
            facts
                .candidates
                .iter()
                .filter(|c| c.kind == CandidateKind::Address)
                .count(),
            1
        );
    }
}
