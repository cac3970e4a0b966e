//! INI files: `php.ini`, Python's `setup.cfg`/`tox.ini`, and the `name = value` settings
//! in `[sections]` that many daemons read from `*.conf` and `*.cfg`.
use tree_sitter::Node;

use super::yaml::no_definition;
use super::{Capture, Document, Grammar, Language, Lowering, Role};
use crate::expr::Expr;

pub const LANGUAGE: Language = Language {
    id: "ini",
    extensions: &["ini"],
    shebangs: &[],
    globs: &[
        "php.ini",
        "php.ini-*",
        ".user.ini",
        ".coveragerc",
        ".flake8",
        ".pylintrc",
        "pylintrc",
        ".pypirc",
        ".editorconfig",
        "*.cnf",
        // Most `*.cfg` and `*.conf` files not nginx's or Apache's are INI, but not all
        // (Nagios object files, lighttpd, shell fragments): the text decides.
        "?*.cfg",
        "?*.conf",
    ],
    sniff: Some(looks_like_ini),
    keys: Some("php-ini"),
    grammar: Grammar::TreeSitter(tree_sitter_ini::LANGUAGE),
    query: include_str!("ini.scm"),
    walk: Some(walk),
    document: Some(DOCUMENT),
    plain_string: None,
    lower,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

const DOCUMENT: Document = Document {
    family: "ini",
    key: |node, ctx| match node.kind() {
        "setting" if !is_continuation(node) => super::key_literal(node.named_child(0), ctx, lower),
        _ => None,
    },
    dotted: None,
    scalar: |node, ctx| match node.kind() {
        "setting" if is_continuation(node) => super::key_literal(Some(node), ctx, lower),
        "setting_value" if !node.parent().is_some_and(is_continuation) => {
            super::key_literal(Some(node), ctx, lower)
        }
        _ => None,
    },
    sequences: &[],
};

/// What `ini.scm` captures, with one thing a query cannot see: an indented line under a
/// setting continues that setting's value (as Python's `configparser` reads `setup.cfg`
/// and `tox.ini`), so the whole line is a value, not a `name = value` of its own.
fn walk<'t>(root: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    super::preorder(root, |node, _| {
        if node.kind() != "setting" {
            return;
        }
        if is_continuation(node) {
            report(Capture::Node(node, Role::String));
            return;
        }
        let (mut name, mut value) = (None, None);
        for i in 0..node.named_child_count() {
            let Some(child) = node.named_child(i) else {
                continue;
            };
            match child.kind() {
                "setting_name" => name = Some(child),
                "setting_value" => value = Some(child),
                _ => {}
            }
        }
        if let Some(name) = name {
            report(Capture::Node(name, Role::Key));
        }
        if let Some(value) = value {
            report(Capture::Node(value, Role::String));
            let is_address = name.is_some_and(|name| {
                let text = ctx.source[name.byte_range()]
                    .trim_end()
                    .to_ascii_lowercase();
                ["_url", "_uri", "_host", "_port"]
                    .iter()
                    .any(|end| text.ends_with(end))
            });
            if is_address {
                report(Capture::Node(value, Role::Address));
            }
        }
    });
}

/// An indented setting right after another setting (comments between do not count).
fn is_continuation(setting: Node) -> bool {
    if setting.start_position().column == 0 {
        return false;
    }
    let mut before = setting.prev_sibling();
    while let Some(node) = before {
        match node.kind() {
            "comment" => before = node.prev_sibling(),
            kind => return kind == "setting",
        }
    }
    false
}

/// Whether a `*.conf` or `*.cfg` file reads as INI: most of its lines (comments and blank
/// lines aside) are `[section]` headers, `name = value` settings or lines indented under
/// them, and some are settings.
fn looks_like_ini(text: &str) -> bool {
    let (mut ini, mut settings, mut lines) = (0usize, 0usize, 0usize);
    for line in text.lines().take(400) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        lines += 1;
        let indented = line.starts_with([' ', '\t']);
        let setting = trimmed.split_once('=').is_some_and(|(name, _)| {
            let name = name.trim();
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-.:/ ".contains(&b))
        });
        let section = trimmed.starts_with('[') && trimmed.ends_with(']');
        settings += usize::from(setting && !indented);
        ini += usize::from(setting || section || (indented && settings > 0));
    }
    settings > 0 && ini * 10 >= lines * 8
}

fn lower(node: Node, ctx: &Lowering) -> Expr {
    let (start, end) = (node.start_byte(), node.end_byte());
    let raw = &ctx.source[start..end];
    if node.kind() == "setting" {
        let line = raw.trim_end();
        let lead = line.len() - line.trim_start().len();
        return ctx.literal(start + lead, start + line.len(), line[lead..].to_string());
    }
    if node.kind() == "setting_name" {
        let name = raw.trim_end();
        return ctx.literal(start, start + name.len(), name.to_string());
    }
    let lead = raw.len() - raw.trim_start().len();
    let value = &raw[lead..];
    let (from, text) = if let Some(quoted) = value.strip_prefix('"') {
        (
            lead + 1,
            &quoted[..quoted.find('"').unwrap_or(quoted.len())],
        )
    } else {
        // An unquoted value ends at a `;` comment.
        (
            lead,
            value[..value.find(';').unwrap_or(value.len())].trim_end(),
        )
    };
    ctx.literal(start + from, start + from + text.len(), text.to_string())
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, CandidateKind};
    use crate::lang::{testing, Language};

    #[test]
    fn names_and_values() {
        let source = "[PHP]\nengine = On ; on\nerror_log = \"/var/log/php.log\"\n[mail function]\nsmtp_port = 25\n";
        let facts = extract(Language::by_id("ini").unwrap(), source, 0);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::Key("php-ini")),
            ["engine", "error_log", "smtp_port"]
        );
        assert_eq!(of(CandidateKind::String), ["On", "/var/log/php.log", "25"]);
        assert_eq!(of(CandidateKind::Address), ["25"]);
    }

    #[test]
    fn indented_lines_continue_the_value_above() {
        let source = "[tox]\nenvlist = py3\n[testenv]\ncommands =\n    python manage.py test\n    core: py.test --cov=app\ndeps =\n    # pinned\n    mock>=0.7\nname = app\n";
        let facts = extract(Language::by_id("ini").unwrap(), source, 0);
        let of = |kind: CandidateKind| testing::candidates(&facts, kind);
        assert_eq!(
            of(CandidateKind::Key("php-ini")),
            ["envlist", "commands", "deps", "name"]
        );
        let keys: Vec<&str> = facts.keys.iter().map(|k| k.lit.text.as_str()).collect();
        assert_eq!(keys, ["envlist", "commands", "deps", "name"]);
        assert!(of(CandidateKind::String).contains(&"py3".to_string()));
        assert!(!of(CandidateKind::String).iter().any(|s| s == "0.7"));
    }
}
