//! `constant-typo`: a PHP constant defined under a name nothing reads while a known one is
//! one edit away (`define('WP_DEGUB', true)`), or read under a name nothing defines.
use super::{Findings, Rule};
use crate::extract::FileFacts;
use crate::finding::Severity;
use crate::vocab::{name_budget, nearest_name};

pub const RULE: Rule = Rule {
    id: "constant-typo",
    summary:
        "A PHP constant defined but never read, or read but never defined, one edit from a real one",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/constant-typo.md"),
};

pub fn check(file: usize, facts: &FileFacts, out: &mut Findings) {
    for definition in &facts.definitions {
        let name = definition.name.as_str();
        if is_known(name, out)
            || out.repo().reads(name) > 0
            || !crate::extract::is_constant_name(name)
        {
            continue;
        }
        let vocab = out.vocab();
        let near = nearest_name(
            vocab
                .wordpress_constants
                .entries()
                .iter()
                .map(String::as_str),
            name,
            name_budget(name),
        );
        if let [one] = near.as_slice() {
            let message =
                format!("`{name}` is defined but nothing reads it; did you mean `{one}`?");
            out.on_name(
                &RULE,
                file,
                name,
                &definition.span,
                &[one.to_string()],
                message,
            );
        }
    }
    for read in &facts.reads {
        let name = read.name.as_str();
        if name.starts_with("__") || is_known(name, out) || out.repo().is_defined(name) {
            continue;
        }
        let near = nearest_name(out.repo().defined_names(), name, name_budget(name));
        if let [one] = near.as_slice() {
            let one = one.to_string();
            let message = format!("`{name}` is read but never defined; did you mean `{one}`?");
            out.on_name(&RULE, file, name, &read.span, &[one], message);
        }
    }
}

fn is_known(name: &str, out: &Findings) -> bool {
    let vocab = out.vocab();
    vocab.wordpress_constants.contains(name) || vocab.php_constants.contains(name)
}
