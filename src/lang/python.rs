//! Python: lowering of path expressions (`os.path.join`, `pathlib`, `__file__`).
use tree_sitter::Node;

use super::{decode_escapes, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::finding::Span;

pub const LANGUAGE: Language = Language {
    id: "python",
    extensions: &["py", "pyw", "wsgi", "asgi"],
    shebangs: &["python", "python3", "python2", "pypy", "pypy3"],
    globs: &[],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_python::LANGUAGE),
    query: include_str!("python.scm"),
    walk: Some(super::python_walk::walk),
    document: None,
    plain_string: Some(plain_string),
    lower,
    definition_name,
    identifier_kinds: &["identifier"],
    not_constant_parents: &[
        "import_from_statement",
        "dotted_name",
        "aliased_import",
        "keyword_argument",
    ],
};

fn definition_name(node: Node, ctx: &Lowering) -> Option<(String, Span)> {
    Some((ctx.text(node).to_string(), ctx.node_span(node)))
}

/// What `lower_string` makes of a string with no escape and no `b` or `f` prefix: the text
/// between its quotes.
fn plain_string<'s>(_node: Node, text: &'s str) -> Option<&'s str> {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let prefix = &text[..text.len() - rest.len()];
    if prefix.contains(['b', 'B', 'f', 'F']) {
        return None;
    }
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| rest.starts_with(q))?;
    let content = rest
        .strip_prefix(quote)?
        .strip_suffix(quote)
        .filter(|c| !c.contains('\\'))?;
    Some(content)
}

fn lower(node: Node, ctx: &Lowering) -> Expr {
    match node.kind() {
        "string" => lower_string(node, ctx),
        "concatenated_string" => {
            Expr::Concat(named_children(node).map(|c| lower(c, ctx)).collect())
        }
        "identifier" => match ctx.text(node) {
            "__file__" => Expr::File,
            name => Expr::Name(name.to_string()),
        },
        "parenthesized_expression" => node.named_child(0).map_or(Expr::Unknown, |c| lower(c, ctx)),
        "binary_operator" => {
            let (Some(left), Some(right)) = (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            ) else {
                return Expr::Unknown;
            };
            match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some("/") => Expr::Join(vec![lower(left, ctx), lower(right, ctx)]),
                Some("+") => Expr::Concat(vec![lower(left, ctx), lower(right, ctx)]),
                _ => Expr::Unknown,
            }
        }
        "attribute" => {
            let object = node.child_by_field_name("object");
            let attribute = node.child_by_field_name("attribute").map(|a| ctx.text(a));
            match (object, attribute) {
                (Some(object), Some("parent")) => Expr::Dirname(Box::new(lower(object, ctx))),
                // settings.BASE_DIR, conf.STATIC_ROOT: an upper-case attribute names a constant.
                (_, Some(name)) if is_constant_name(name) => Expr::Name(name.to_string()),
                _ => Expr::Unknown,
            }
        }
        "call" => lower_call(node, ctx),
        "dictionary" => Expr::Dict(
            named_children(node)
                .filter(|c| c.kind() == "pair")
                .filter_map(|pair| {
                    let key = pair.child_by_field_name("key")?;
                    let value = pair.child_by_field_name("value")?;
                    match lower(key, ctx) {
                        Expr::Lit(key) => Some((key, lower(value, ctx))),
                        _ => None,
                    }
                })
                .collect(),
        ),
        "list" | "tuple" | "set" => {
            Expr::List(named_children(node).map(|c| lower(c, ctx)).collect())
        }
        _ => Expr::Unknown,
    }
}

fn lower_call(node: Node, ctx: &Lowering) -> Expr {
    let Some(function) = node.child_by_field_name("function") else {
        return Expr::Unknown;
    };
    let args: Vec<Node> = node
        .child_by_field_name("arguments")
        .map(|a| {
            named_children(a)
                .filter(|c| c.kind() != "keyword_argument")
                .collect()
        })
        .unwrap_or_default();
    let (receiver, name) = match function.kind() {
        "identifier" => (None, ctx.text(function)),
        "attribute" => (
            function.child_by_field_name("object"),
            function
                .child_by_field_name("attribute")
                .map_or("", |a| ctx.text(a)),
        ),
        _ => return Expr::Unknown,
    };
    let first = || args.first().map_or(Expr::Unknown, |a| lower(*a, ctx));
    match name {
        "join" if receiver.is_some_and(|r| is_path_module(ctx.text(r))) => {
            Expr::Join(args.iter().map(|a| lower(*a, ctx)).collect())
        }
        "dirname" if args.len() == 1 => Expr::Dirname(Box::new(first())),
        "abspath" | "realpath" | "normpath" | "fspath" | "str" if args.len() == 1 => first(),
        "Path" | "PurePath" | "PosixPath" if !args.is_empty() => {
            Expr::Join(args.iter().map(|a| lower(*a, ctx)).collect())
        }
        "joinpath" => match receiver {
            Some(receiver) => Expr::Join(
                std::iter::once(lower(receiver, ctx))
                    .chain(args.iter().map(|a| lower(*a, ctx)))
                    .collect(),
            ),
            None => Expr::Unknown,
        },
        "resolve" | "absolute" if args.is_empty() => {
            receiver.map_or(Expr::Unknown, |r| lower(r, ctx))
        }
        _ => Expr::Unknown,
    }
}

fn lower_string(node: Node, ctx: &Lowering) -> Expr {
    let mut children = node.children(&mut node.walk()).collect::<Vec<_>>();
    let (Some(start), Some(end)) = (children.first().copied(), children.last().copied()) else {
        return Expr::Unknown;
    };
    if start.kind() != "string_start" || end.kind() != "string_end" {
        return Expr::Unknown;
    }
    let prefix = ctx.text(start).to_ascii_lowercase();
    let raw = prefix.contains('r');
    if prefix.contains('b') {
        return Expr::Unknown;
    }
    children.retain(|c| c.kind() == "interpolation");
    if children.is_empty() {
        let (from, to) = (start.end_byte(), end.start_byte());
        let text = &ctx.source[from..to];
        let value = if raw {
            text.to_string()
        } else {
            decode_escapes(text)
        };
        return ctx.literal(from, to, value);
    }
    // An f-string: literal stretches between interpolations.
    let mut parts = Vec::new();
    let mut from = start.end_byte();
    for interpolation in children {
        if interpolation.start_byte() > from {
            parts.push(stretch(ctx, from, interpolation.start_byte(), raw));
        }
        parts.push(Expr::Unknown);
        from = interpolation.end_byte();
    }
    if end.start_byte() > from {
        parts.push(stretch(ctx, from, end.start_byte(), raw));
    }
    Expr::Concat(parts)
}

fn stretch(ctx: &Lowering, from: usize, to: usize, raw: bool) -> Expr {
    let text = &ctx.source[from..to];
    let value = if raw {
        text.to_string()
    } else {
        decode_escapes(text)
    }
    .replace("{{", "{")
    .replace("}}", "}");
    ctx.literal(from, to, value)
}

fn is_path_module(text: &str) -> bool {
    text == "path"
        || text.ends_with(".path")
        || text.ends_with("posixpath")
        || text.ends_with("ntpath")
}

fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn named_children(node: Node) -> impl Iterator<Item = Node> {
    (0..node.named_child_count()).filter_map(move |i| node.named_child(i))
}
