//! `path-whitespace`: white space or invisible characters where no path can hold them.
use super::resolve::{Resolved, Shape, State};
use super::{literal_of, Findings, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    id: "path-whitespace",
    summary: "Leading or trailing white space, tabs, newlines or invisible characters in a path",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/path-whitespace.md"),
};

/// Characters that never belong in a file name and cannot be seen in review.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00A0}' | '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202F}'
        | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{FEFF}')
        || (c.is_control() && c != ' ')
}

pub fn check(resolved: &Resolved, out: &mut Findings) {
    if resolved.shape == Shape::Guessed {
        return;
    }
    // In a plain string, leading white space is often a separator (`' ' . $x`); only a
    // rooted path (`' /var/www'`) cannot begin with it.
    let leading_counts = resolved.certain() || resolved.value.text.trim_start().starts_with('/');
    for (i, component) in resolved.components.iter().enumerate() {
        let name = resolved.text(component);
        if i == 0 && !leading_counts && name.trim_start() != name && name.trim_end() == name {
            continue;
        }
        if component.state == State::Exists {
            continue; // A name on disk, however odd, is what the author meant.
        }
        let cleaned: String = name.trim().chars().filter(|c| !is_invisible(*c)).collect();
        if cleaned == name || cleaned.is_empty() {
            continue;
        }
        let Some((lit, range)) = literal_of(resolved.value, &component.range) else {
            continue;
        };
        let what = describe(name);
        out.on_literal(
            &RULE,
            lit,
            range,
            std::slice::from_ref(&cleaned),
            format!("path component {name:?} has {what}; the name is probably `{cleaned}`"),
        );
    }
}

fn describe(name: &str) -> &'static str {
    let trimmed = name.trim();
    if name
        .chars()
        .any(|c| c != ' ' && c != '\t' && is_invisible(c) && !c.is_whitespace())
    {
        "an invisible character"
    } else if name.contains(['\n', '\r']) {
        "a line break"
    } else if name.contains('\t') {
        "a tab"
    } else if name.starts_with(char::is_whitespace) && name.ends_with(char::is_whitespace) {
        "white space at both ends"
    } else if name.starts_with(char::is_whitespace) {
        "leading white space"
    } else if name.ends_with(char::is_whitespace) {
        "trailing white space"
    } else if trimmed.chars().any(is_invisible) {
        "an invisible character"
    } else {
        "white space"
    }
}
