//! `path-whitespace`: white space or invisible characters where no path can hold them.
use super::resolve::{Resolved, Shape, State};
use std::ops::Range;

use super::{literal_of, Findings, Rule};
use crate::expr::UNKNOWN;
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
    let value = resolved.value;
    for (i, component) in resolved.components.iter().enumerate() {
        if component.state == State::Exists {
            continue; // A name on disk, however odd, is what the author meant.
        }
        let name = resolved.text(component);
        if !name.chars().any(|c| !c.is_whitespace() && c != UNKNOWN) {
            continue; // Only white space between two parts: a separator, not a name.
        }
        let mut stray = stray_characters(name, resolved.certain());
        if i == 0 && !leading_counts {
            stray.retain(|r| r.start != 0 || name.trim_end() != name);
        }
        // Each stray character is reported on the literal that holds it; a component may
        // span several (`__DIR__ . ' /x'`).
        let mut by_literal: Vec<(&std::sync::Arc<crate::expr::Lit>, Vec<Range<usize>>)> =
            Vec::new();
        for range in stray {
            let at = component.range.start + range.start..component.range.start + range.end;
            let Some((lit, inner)) = literal_of(value, &at) else {
                continue;
            };
            match by_literal
                .iter_mut()
                .find(|(l, _)| std::sync::Arc::ptr_eq(l, lit))
            {
                Some((_, ranges)) => ranges.push(inner),
                None => by_literal.push((lit, vec![inner])),
            }
        }
        for (lit, ranges) in by_literal {
            let cleaned: String = lit
                .text
                .char_indices()
                .filter(|(at, _)| !ranges.iter().any(|r| r.contains(at)))
                .map(|(_, c)| c)
                .collect();
            let shown = name.replace(UNKNOWN, "…");
            let what = describe(name);
            let clean_name: String = shown.trim().chars().filter(|c| !is_invisible(*c)).collect();
            out.on_literal(
                &RULE,
                lit,
                0..lit.text.len(),
                std::slice::from_ref(&cleaned),
                format!("path component {shown:?} has {what}; the name is probably `{clean_name}`"),
            );
        }
    }
}

/// Byte ranges of characters that cannot belong to the name: white space at either end
/// (or, in a certain path, next to a part that is not known), invisible characters and
/// control characters anywhere.
fn stray_characters(name: &str, certain: bool) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut stray = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let range = at..at + c.len_utf8();
        if is_invisible(c) && c != ' ' {
            stray.push(range);
            continue;
        }
        if !c.is_whitespace() {
            continue;
        }
        let run_reaches = |step: isize| {
            let mut i = k as isize;
            loop {
                i += step;
                match chars.get(i as usize).map(|(_, c)| *c) {
                    _ if i < 0 => return true,
                    None => return true,
                    Some(UNKNOWN) => return certain,
                    Some(c) if c.is_whitespace() => continue,
                    Some(_) => return false,
                }
            }
        };
        if run_reaches(-1) || run_reaches(1) {
            stray.push(range);
        }
    }
    stray
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
