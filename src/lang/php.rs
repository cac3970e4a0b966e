//! PHP: lowering of include paths (`__DIR__ . '/x.php'`, `ABSPATH . WPINC . '/…'`).
use tree_sitter::Node;

use super::{decode_escapes, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::finding::Span;

pub const LANGUAGE: Language = Language {
    id: "php",
    extensions: &["php", "phtml", "php5", "php7", "php8"],
    shebangs: &["php"],
    globs: &[],
    sniff: None,
    keys: Some("mediawiki-settings"),
    grammar: Grammar::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    query: include_str!("php.scm"),
    lower,
    definition_name,
    identifier_kinds: &["name"],
    not_constant_parents: &[
        "attribute",
        "base_clause",
        "class_constant_access_expression",
        "class_declaration",
        "class_interface_clause",
        "const_element",
        "enum_case",
        "enum_declaration",
        "function_call_expression",
        "function_definition",
        "goto_statement",
        "interface_declaration",
        "member_access_expression",
        "member_call_expression",
        "method_declaration",
        "named_label_statement",
        "named_type",
        "namespace_definition",
        "namespace_name",
        "namespace_use_clause",
        "nullsafe_member_access_expression",
        "nullsafe_member_call_expression",
        "object_creation_expression",
        "property_element",
        "qualified_name",
        "scoped_call_expression",
        "scoped_property_access_expression",
        "trait_declaration",
        "use_declaration",
        "variable_name",
    ],
};

fn definition_name(node: Node, ctx: &Lowering) -> Option<(String, Span)> {
    // Class constants (`const X = ...` in a class) live in their class, not in the global
    // namespace of constants; `define()` defines a global one wherever it is called.
    let mut ancestor = node.parent().filter(|_| node.kind() == "name");
    while let Some(a) = ancestor {
        if a.kind() == "declaration_list" || a.kind() == "enum_declaration_list" {
            return None;
        }
        ancestor = a.parent();
    }
    match node.kind() {
        "name" => Some((ctx.text(node).to_string(), ctx.node_span(node))),
        "string" | "encapsed_string" => match lower(node, ctx) {
            Expr::Lit(lit) => Some((lit.text.clone(), lit.span.clone())),
            _ => None,
        },
        _ => None,
    }
}

fn lower(node: Node, ctx: &Lowering) -> Expr {
    match node.kind() {
        "string" => {
            let (from, to) = content_range(node);
            let raw = &ctx.source[from..to];
            ctx.literal(from, to, raw.replace("\\'", "'").replace("\\\\", "\\"))
        }
        "encapsed_string" => lower_encapsed(node, ctx),
        "name" => match ctx.text(node) {
            "__DIR__" => Expr::FileDir,
            "__FILE__" => Expr::File,
            name => Expr::Name(name.to_string()),
        },
        "parenthesized_expression" => node.named_child(0).map_or(Expr::Unknown, |c| lower(c, ctx)),
        "binary_expression" => {
            let (Some(left), Some(right)) = (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            ) else {
                return Expr::Unknown;
            };
            match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some(".") => Expr::Concat(vec![lower(left, ctx), lower(right, ctx)]),
                _ => Expr::Unknown,
            }
        }
        "function_call_expression" => lower_call(node, ctx),
        "array_creation_expression" => lower_array(node, ctx),
        _ => Expr::Unknown,
    }
}

fn lower_call(node: Node, ctx: &Lowering) -> Expr {
    let Some(function) = node
        .child_by_field_name("function")
        .filter(|f| f.kind() == "name")
    else {
        return Expr::Unknown;
    };
    let args: Vec<Node> = node
        .child_by_field_name("arguments")
        .map(|a| {
            (0..a.named_child_count())
                .filter_map(|i| a.named_child(i))
                .filter(|c| c.kind() == "argument")
                .filter_map(|c| c.named_child(0))
                .collect()
        })
        .unwrap_or_default();
    let first = || args.first().map_or(Expr::Unknown, |a| lower(*a, ctx));
    match ctx.text(function) {
        "dirname" => {
            let levels = match args.get(1) {
                None => 1,
                Some(n) => match ctx.text(*n).parse::<usize>() {
                    Ok(n @ 1..=8) => n,
                    _ => return Expr::Unknown,
                },
            };
            (0..levels).fold(first(), |e, _| Expr::Dirname(Box::new(e)))
        }
        "realpath" if args.len() == 1 => first(),
        // WordPress: the folder of a plugin file, with a trailing slash.
        "plugin_dir_path" | "trailingslashit" if args.len() == 1 => {
            let base = match ctx.text(function) {
                "plugin_dir_path" => Expr::Dirname(Box::new(first())),
                _ => first(),
            };
            // Joining with an empty part adds the trailing slash.
            Expr::Join(vec![base, Expr::Concat(Vec::new())])
        }
        _ => Expr::Unknown,
    }
}

fn lower_encapsed(node: Node, ctx: &Lowering) -> Expr {
    let (from, to) = content_range(node);
    let mut cursor = node.walk();
    let children: Vec<Node> = node.named_children(&mut cursor).collect();
    if children
        .iter()
        .all(|c| matches!(c.kind(), "string_content" | "escape_sequence"))
    {
        return ctx.literal(from, to, decode_escapes(&ctx.source[from..to]));
    }
    // Interpolated: keep the literal stretches, the rest is unknown.
    let mut parts = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for child in children {
        if matches!(child.kind(), "string_content" | "escape_sequence") {
            run = Some(
                run.map_or((child.start_byte(), child.end_byte()), |(s, _)| {
                    (s, child.end_byte())
                }),
            );
        } else {
            if let Some((s, e)) = run.take() {
                parts.push(ctx.literal(s, e, decode_escapes(&ctx.source[s..e])));
            }
            parts.push(Expr::Unknown);
        }
    }
    if let Some((s, e)) = run {
        parts.push(ctx.literal(s, e, decode_escapes(&ctx.source[s..e])));
    }
    Expr::Concat(parts)
}

/// The bytes between the quotes of a string node.
fn content_range(node: Node) -> (usize, usize) {
    let from = node.start_byte() + 1;
    let to = node.end_byte().saturating_sub(1).max(from);
    (from, to)
}

/// `['key' => value, ...]` becomes a dictionary; `[a, b]` a list.
fn lower_array(node: Node, ctx: &Lowering) -> Expr {
    let mut cursor = node.walk();
    let elements: Vec<Node> = node
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "array_element_initializer")
        .collect();
    let keyed = |element: &Node| element.child(1).is_some_and(|c| c.kind() == "=>");
    if elements.iter().any(keyed) {
        Expr::Dict(
            elements
                .iter()
                .filter(|e| keyed(e))
                .filter_map(|e| {
                    let key = e.named_child(0)?;
                    let value = e.named_child(1)?;
                    match lower(key, ctx) {
                        Expr::Lit(key) => Some((key, lower(value, ctx))),
                        _ => None,
                    }
                })
                .collect(),
        )
    } else {
        Expr::List(
            elements
                .iter()
                .filter_map(|e| e.named_child(0))
                .map(|v| lower(v, ctx))
                .collect(),
        )
    }
}
