//! `ini-typo`: `ini_set()`/`ini_get()` with a directive one edit from a real `php.ini` one.
use super::{Findings, Rule};
use crate::expr::Lit;
use crate::finding::Severity;
use crate::vocab::nearest_name;

pub const RULE: Rule = Rule {
    id: "ini-typo",
    summary: "An ini_set/ini_get directive one edit from a real php.ini directive",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/ini-typo.md"),
};

pub fn check(lit: &Lit, out: &mut Findings) {
    let directive = lit.text.as_str();
    let vocab = out.vocab();
    if directive.is_empty() || vocab.php_ini.contains(directive) {
        return;
    }
    let near = nearest_name(
        vocab.php_ini.entries().iter().map(String::as_str),
        directive,
        1,
    );
    if let [one] = near.as_slice() {
        let message = format!("`{directive}` is not a php.ini directive; did you mean `{one}`?");
        out.on_literal(&RULE, lit, 0..directive.len(), &[one.to_string()], message);
    }
}
