//! YAML: scalars become literals. Compose files, GitHub workflows and plain YAML share
//! these helpers; each has its own row and query.
use tree_sitter::Node;

use super::{decode_escapes, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::finding::Span;

pub const LANGUAGE: Language = Language {
    id: "yaml",
    extensions: &["yml", "yaml"],
    shebangs: &[],
    globs: &[],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_yaml::LANGUAGE),
    query: include_str!("yaml.scm"),
    walk: None,
    plain_string: None,
    lower: scalar,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

pub fn no_definition(_: Node, _: &Lowering) -> Option<(String, Span)> {
    None
}

/// A scalar (or the `flow_node` around one) as a literal; anything else is unknown.
pub fn scalar(node: Node, ctx: &Lowering) -> Expr {
    match node.kind() {
        "flow_node" => node
            .named_child(0)
            .map_or(Expr::Unknown, |c| scalar(c, ctx)),
        "plain_scalar" => {
            let text = ctx.text(node);
            ctx.literal(node.start_byte(), node.end_byte(), text.to_string())
        }
        "double_quote_scalar" => {
            let (from, to) = inside_quotes(node);
            ctx.literal(from, to, decode_escapes(&ctx.source[from..to]))
        }
        "single_quote_scalar" => {
            let (from, to) = inside_quotes(node);
            ctx.literal(from, to, ctx.source[from..to].replace("''", "'"))
        }
        _ => Expr::Unknown,
    }
}

fn inside_quotes(node: Node) -> (usize, usize) {
    let from = node.start_byte() + 1;
    (from, node.end_byte().saturating_sub(1).max(from))
}

/// The text of a mapping pair's key, when it is a plain scalar.
pub fn key_of<'a>(pair: Node, ctx: &Lowering<'a>) -> Option<&'a str> {
    let key = pair.child_by_field_name("key")?;
    let scalar = key.named_child(0)?;
    (scalar.kind() == "plain_scalar").then(|| ctx.text(scalar))
}

/// The nearest enclosing mapping pair of a value node, and its key; `None` for a key.
pub fn enclosing_pair<'a>(node: Node<'a>, ctx: &Lowering<'a>) -> Option<(Node<'a>, &'a str)> {
    let parent = node.parent()?;
    if parent.child_by_field_name("key") == Some(node) {
        return None;
    }
    let mut current = Some(parent);
    while let Some(n) = current {
        if matches!(n.kind(), "block_mapping_pair" | "flow_pair") {
            return Some((n, key_of(n, ctx)?));
        }
        current = n.parent();
    }
    None
}

/// The value of the pair named `key` in the same mapping as `pair`.
pub fn sibling_value<'a>(pair: Node<'a>, key: &str, ctx: &Lowering<'a>) -> Option<Node<'a>> {
    let mapping = pair.parent()?;
    let mut cursor = mapping.walk();
    let sibling = mapping
        .named_children(&mut cursor)
        .find(|p| key_of(*p, ctx) == Some(key))?;
    sibling.child_by_field_name("value")
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    #[test]
    fn scalars_of_every_style_are_literals() {
        let lang = Language::by_id("yaml").unwrap();
        let facts = extract(
            lang,
            "a: ./x.php\nb: \"y\\tz\"\nc: 'it''s'\nd: [e.txt]\n",
            0,
        );
        let texts: Vec<String> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::String)
            .flat_map(|c| c.expr.literals().into_iter().map(|l| l.text.clone()))
            .collect();
        assert_eq!(texts, ["./x.php", "y\tz", "it's", "e.txt"]);
    }

    #[test]
    fn address_keys_make_address_candidates() {
        let lang = Language::by_id("yaml").unwrap();
        let facts = extract(
            lang,
            "db:\n  DATABASE_URL: postgres://db:5432/x\n  name: x\n",
            0,
        );
        let addresses: Vec<_> = facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Address)
            .collect();
        assert_eq!(addresses.len(), 1);
    }
}
