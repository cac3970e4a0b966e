//! YAML: scalars become literals. Compose files, GitHub workflows and plain YAML share
//! these helpers; each has its own row and query.
use tree_sitter::Node;

use super::{decode_escapes, Document, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::extract::NotRead;
use crate::finding::Span;

pub const LANGUAGE: Language = Language {
    id: "yaml",
    extensions: &["yml", "yaml"],
    shebangs: &[],
    globs: &[],
    sniff: None,
    keys: None,
    grammar: GRAMMAR,
    query: include_str!("yaml.scm"),
    walk: None,
    document: Some(DOCUMENT),
    plain_string: None,
    lower: scalar,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

/// The YAML grammar, guarded: its scanner keeps one entry per open block and aborts the
/// process once a file opens more than 253 at once.
pub const GRAMMAR: Grammar = Grammar::Guarded(tree_sitter_yaml::LANGUAGE, within_scanner_limit);

/// Keys of every YAML row: the plain or quoted scalar before a mapping's `:`.
pub const DOCUMENT: Document = Document {
    family: "yaml",
    key: |node, ctx| match node.kind() {
        "block_mapping_pair" | "flow_pair" => {
            super::key_literal(node.child_by_field_name("key"), ctx, scalar)
        }
        _ => None,
    },
    dotted: None,
    scalar: |node, ctx| match node.kind() {
        "plain_scalar" | "double_quote_scalar" | "single_quote_scalar" => {
            super::key_literal(Some(node), ctx, scalar)
        }
        "block_scalar" => super::key_literal(Some(node), ctx, block_scalar),
        _ => None,
    },
    sequences: &["block_sequence", "flow_sequence"],
};

/// The most blocks a file may open at once; the scanner's own limit is 253.
pub const MAX_OPEN_BLOCKS: usize = 200;

fn within_scanner_limit(text: &str) -> Result<(), NotRead> {
    if open_blocks(text) > MAX_OPEN_BLOCKS {
        Err(NotRead::TooDeep(MAX_OPEN_BLOCKS))
    } else {
        Ok(())
    }
}

/// How many block mappings and sequences a text opens at once at most, counted as the
/// scanner counts them or a little more, never less: a block starts where a line's text
/// starts and after each `- `, `? ` or `: ` indicator that leads it (so the scalar after a
/// dash counts too), and stays open until a line is indented less. The content of a block
/// scalar (`|`, `>`) opens nothing; the lines of a multi-line scalar are counted as blocks,
/// which overcounts only text no one writes by hand.
pub fn open_blocks(text: &str) -> usize {
    // Open blocks, innermost last: their column and whether they are a sequence.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut most = 0;
    // The indentation of the line that began a block scalar, while inside it.
    let mut block_scalar: Option<usize> = None;
    for line in text.lines() {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        match block_scalar {
            Some(parent) if indent > parent => continue,
            _ => block_scalar = None,
        }
        while open.last().is_some_and(|&(column, _)| column > indent) {
            open.pop();
        }
        let (mut column, mut rest) = (indent, rest);
        loop {
            let dash = rest == "-" || rest.starts_with("- ");
            match open.last() {
                Some(&(top, _)) if top > column => {}
                // A sequence may stand at its mapping's own column.
                Some(&(top, sequence)) if top == column && (sequence || !dash) => {}
                _ => open.push((column, dash)),
            }
            let indicator = ["- ", "? ", ": "].into_iter().find(|i| rest.starts_with(i));
            let Some(indicator) = indicator else { break };
            let after = rest[indicator.len()..].trim_start_matches(' ');
            column += rest.len() - after.len();
            rest = after;
            if rest.is_empty() || rest.starts_with('#') {
                break;
            }
        }
        most = most.max(open.len());
        if opens_block_scalar(line) {
            block_scalar = Some(indent);
        }
    }
    most
}

/// `key: |`, `- >-`, `run: |2 # comment`: the line's last word is a block scalar header.
fn opens_block_scalar(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or(line);
    code.split_whitespace().last().is_some_and(|word| {
        word.starts_with(['|', '>'])
            && word[1..]
                .bytes()
                .all(|b| b == b'-' || b == b'+' || b.is_ascii_digit())
    })
}

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
            let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), 1);
            ctx.literal(from, to, decode_escapes(&ctx.source[from..to]))
        }
        "single_quote_scalar" => {
            let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), 1);
            ctx.literal(from, to, ctx.source[from..to].replace("''", "'"))
        }
        _ => Expr::Unknown,
    }
}

/// A block scalar (`description: |` and its lines) as the text of its lines, each trimmed:
/// never byte for byte its source, so no rule rewrites it, but its words are the file's.
fn block_scalar(node: Node, ctx: &Lowering) -> Expr {
    let source = ctx.text(node);
    let Some(header) = source.find('\n') else {
        return Expr::Unknown;
    };
    let text: Vec<&str> = source[header + 1..].lines().map(str::trim).collect();
    let start = node.start_byte() + header + 1;
    let mut lit = ctx.literal(start, node.end_byte(), text.join("\n"));
    if let Expr::Lit(inner) = &mut lit {
        std::sync::Arc::make_mut(inner).exact = false;
    }
    lit
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
    fn open_blocks_are_counted_as_the_scanner_counts_them_or_one_more() {
        // The scalar after a dash counts as one more block: `- b` is 2 where the scanner
        // has 1; the count only ever errs upwards.
        for (text, blocks) in [
            ("a: 1\n", 1),
            ("a:\n  b:\n    c: 1\nd: 2\n", 3),
            // A sequence at its mapping's column is a block of its own.
            ("a:\n- b\n- c\n", 3),
            ("- - - x\n", 4),
            ("- a: 1\n  b:\n    - c\n", 4),
            ("? a\n: b\n", 2),
            // A block scalar's lines open nothing, however they are indented.
            ("run: |\n    x\n      y\n        z\nb: 1\n", 1),
            ("- >-\n  x\n   y\n", 2),
            // Comments and blank lines close nothing; a new document closes everything.
            ("a:\n  b:\n# c\n\n    c: 1\n---\nd: 1\n", 3),
        ] {
            assert_eq!(super::open_blocks(text), blocks, "{text:?}");
        }
    }

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
