//! TOML configuration (`pyproject.toml`, `netlify.toml`, app settings).
use std::sync::Arc;

use tree_sitter::Node;

use super::yaml::no_definition;
use super::{decode_escapes, Document, Grammar, Language, Lowering};
use crate::expr::{Expr, Lit};

pub const LANGUAGE: Language = Language {
    id: "toml",
    extensions: &["toml"],
    shebangs: &[],
    globs: &[],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_toml_ng::LANGUAGE),
    query: include_str!("toml.scm"),
    walk: None,
    document: Some(DOCUMENT),
    plain_string: None,
    lower,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

/// A pair's bare or quoted key; a dotted key (`tool.black = …`) is a path, not a key.
const DOCUMENT: Document = Document {
    family: "toml",
    key: |node, ctx| {
        let key = (node.kind() == "pair")
            .then(|| node.named_child(0))
            .flatten()?;
        key_part(key, ctx)
    },
    dotted: Some(dotted),
    scalar: |node, ctx| match node.kind() {
        "string" => super::key_literal(Some(node), ctx, lower),
        _ => None,
    },
    sequences: &["array", "table_array_element"],
};

/// The parts of a table's header (`[tool.black]`, `[[bin]]`) or of a pair's dotted key
/// (`tool.black.line-length = 88`), outermost first.
fn dotted(node: Node, ctx: &Lowering) -> Vec<Arc<Lit>> {
    let key = match node.kind() {
        "table" | "table_array_element" => node.named_child(0),
        "pair" => node.named_child(0).filter(|k| k.kind() == "dotted_key"),
        _ => None,
    };
    let mut parts = Vec::new();
    let Some(key) = key else { return parts };
    // A dotted key nests to the left: `a.b.c` is (dotted_key (dotted_key a b) c).
    let mut pending = vec![key];
    while let Some(node) = pending.pop() {
        match node.kind() {
            "dotted_key" => {
                let mut cursor = node.walk();
                let children: Vec<Node> = node.named_children(&mut cursor).collect();
                pending.extend(children.into_iter().rev());
            }
            "bare_key" | "quoted_key" => parts.extend(key_part(node, ctx)),
            _ => {}
        }
    }
    parts
}

fn key_part(key: Node, ctx: &Lowering) -> Option<Arc<Lit>> {
    match key.kind() {
        "bare_key" => super::key_literal(Some(key), ctx, |n, ctx| {
            ctx.literal(n.start_byte(), n.end_byte(), ctx.text(n).to_string())
        }),
        "quoted_key" => super::key_literal(Some(key), ctx, |n, ctx| {
            let (from, to) = ctx.inner(n.start_byte(), n.end_byte(), 1);
            ctx.literal(from, to, ctx.source[from..to].to_string())
        }),
        _ => None,
    }
}

fn lower(node: Node, ctx: &Lowering) -> Expr {
    if node.kind() == "integer" {
        let text = ctx.text(node);
        return ctx.literal(node.start_byte(), node.end_byte(), text.to_string());
    }
    if node.kind() != "string" {
        return Expr::Unknown;
    }
    let raw = ctx.text(node);
    let quotes = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), quotes);
    let text = &ctx.source[from..to];
    let value = if raw.starts_with('\'') {
        text.to_string()
    } else {
        decode_escapes(text)
    };
    ctx.literal(from, to, value)
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    #[test]
    fn strings_of_every_style() {
        let source = "[tool]\npath = \"src/app.py\"\nraw = 'C:\\x'\nlist = [\"a.txt\"]\n";
        let facts = extract(Language::by_id("toml").unwrap(), source, 0);
        let strings: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::String)
            .flat_map(|c| c.expr.literals().into_iter().map(|l| l.text.clone()))
            .collect();
        assert_eq!(strings, ["src/app.py", "C:\\x", "a.txt"]);
    }
}
