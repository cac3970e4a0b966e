//! INI files and `php.ini`: `name = value` settings in `[sections]`.
use tree_sitter::Node;

use super::yaml::no_definition;
use super::{Document, Grammar, Language, Lowering};
use crate::expr::Expr;

pub const LANGUAGE: Language = Language {
    id: "ini",
    extensions: &["ini"],
    shebangs: &[],
    globs: &["php.ini", "php.ini-*", ".user.ini"],
    sniff: None,
    keys: Some("php-ini"),
    grammar: Grammar::TreeSitter(tree_sitter_ini::LANGUAGE),
    query: include_str!("ini.scm"),
    walk: None,
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
        "setting" => super::key_literal(node.named_child(0), ctx, lower),
        _ => None,
    },
    dotted: None,
    scalar: |node, ctx| match node.kind() {
        "setting_value" => super::key_literal(Some(node), ctx, lower),
        _ => None,
    },
    sequences: &[],
};

fn lower(node: Node, ctx: &Lowering) -> Expr {
    let (start, end) = (node.start_byte(), node.end_byte());
    let raw = &ctx.source[start..end];
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
}
