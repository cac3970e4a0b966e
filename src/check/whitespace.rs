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
    // rooted or relative path (`' /var/www'`, `' ../images/x.svg'`) cannot begin with it.
    let start = resolved.value.text.trim_start();
    let leading_counts = resolved.certain()
        || ["/", "./", "../", "~/"]
            .iter()
            .any(|root| start.starts_with(root));
    let value = resolved.value;
    if !resolved.certain()
        && (after_a_word(resolved, out)
            || text_block(&value.text)
            || command_prefix(&value.text)
            || separates_pieces(value)
            || dotted_name(resolved, out)
            || list_of_names(&value.text, out))
    {
        return;
    }
    let has_named = resolved
        .components
        .iter()
        .any(|c| resolved.text(c).chars().any(char::is_alphanumeric));
    // `trim($s, " ./_")`: characters, not a name.
    if !has_named {
        return;
    }
    for (i, component) in resolved.components.iter().enumerate() {
        if component.state == State::Exists {
            continue; // A name on disk, however odd, is what the author meant.
        }
        let name = resolved.text(component);
        // ` /var/www`, `doc/html/ `: white space before the root or after the last
        // folder belongs to no name and cannot be meant.
        let at_edge = component.range.start == 0 || component.range.end == value.text.len();
        let blank = !name.chars().any(|c| !c.is_whitespace() && c != UNKNOWN);
        let stray_edge = at_edge && name.chars().all(char::is_whitespace) && has_named;
        if blank && !stray_edge {
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

/// `cat /var/log/app.log`, `GET /`: a word and a space before a rooted path make a
/// command, a request line or a sentence, unless the word names something in the tree.
fn after_a_word(resolved: &Resolved, out: &Findings) -> bool {
    let Some(first) = resolved.components.first() else {
        return false;
    };
    let word = resolved.text(first);
    first.range.start == 0
        && resolved.value.text[first.range.end..].starts_with('/')
        && word.ends_with(char::is_whitespace)
        && !word.trim().is_empty()
        && !out.index().has_name(word.trim())
}

/// `'manage.py ' + args`, `'../../configure ' + " ".join(opts)`: white space where one
/// piece meets the next separates a command from its arguments or one sentence from the
/// next; at a folder's edge (`$dir . ' /x'`) it still belongs to no name.
fn separates_pieces(value: &crate::expr::Value) -> bool {
    value.pieces.iter().any(|piece| {
        piece.lit.as_ref().is_some_and(|lit| {
            let text = lit.text.as_str();
            (piece.range.end < value.text.len()
                && text.ends_with(char::is_whitespace)
                && !text.trim_end().ends_with('/'))
                || (piece.range.start > 0
                    && text.starts_with(char::is_whitespace)
                    && !text.trim_start().starts_with('/'))
        })
    })
}

/// `INPUT = lib/ docs/`: white space between names that each end in a name of the tree
/// separates the items of a list.
fn list_of_names(text: &str, out: &Findings) -> bool {
    let items: Vec<&str> = text.split_whitespace().collect();
    items.len() >= 2
        && items.iter().all(|item| {
            let name = item.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            !name.is_empty() && out.index().has_name(name)
        })
}

/// `'/usr/bin/env '`: a program's path and the space before its arguments.
fn command_prefix(text: &str) -> bool {
    const PROGRAM_FOLDERS: &[&str] = &[
        "/bin/",
        "/sbin/",
        "/usr/bin/",
        "/usr/sbin/",
        "/usr/local/bin/",
    ];
    let program = text.trim_end();
    program.len() < text.len()
        && PROGRAM_FOLDERS.iter().any(|folder| {
            program
                .strip_prefix(folder)
                .is_some_and(|name| !name.is_empty() && !name.contains('/'))
        })
}

/// `"remote.origin.url "`: a dotted name without a folder is a key or a prefix unless it
/// names a file of the tree or ends in a deploy extension (`'index.py '`).
fn dotted_name(resolved: &Resolved, out: &Findings) -> bool {
    let text = resolved.value.text.trim();
    if text.contains('/') || text.contains(UNKNOWN) {
        return false;
    }
    let deploy = text.rsplit_once('.').is_some_and(|(_, e)| {
        out.vocab()
            .deploy_extensions
            .contains(&e.to_ascii_lowercase())
    });
    !deploy && !out.index().has_name(text)
}

/// Line breaks at both ends: a block of text (a docstring), not a name.
fn text_block(text: &str) -> bool {
    let end = text.trim_end().len();
    let start = text.len() - text.trim_start().len();
    start < end && text[..start].contains('\n') && text[end..].contains('\n')
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

/// In a concatenation, even one that does not read as a path as a whole (`$dir .
/// '/plugins '`, `$home . '.htaccess '`), a piece that is a path or a name of the
/// repository with white space at an edge.
pub fn check_pieces(value: &crate::expr::Value, out: &mut Findings) {
    // `"Saving translations to " . $base . "/LC_MESSAGES/attributes.po\n"`: a message
    // printed with its line break, not a path.
    let prose = value.pieces.iter().any(|piece| {
        piece
            .lit
            .as_ref()
            .is_some_and(|lit| lit.text.trim().contains(char::is_whitespace))
    });
    if prose {
        return;
    }
    for piece in &value.pieces {
        let Some(lit) = &piece.lit else { continue };
        let (first, last) = (piece.range.start == 0, piece.range.end == value.text.len());
        let trimmed = lit.text.trim();
        // White space that meets another piece is a separator (`'PHPMailer ' . VERSION`,
        // `' HTTP/' . $version`), unless it meets the root or a folder's end (`$dir . ' /x'`,
        // `'doc/html/ ' . $page`), where no separator belongs.
        let leading = lit.text.starts_with(char::is_whitespace);
        let trailing = lit.text.ends_with(char::is_whitespace);
        if (leading && !first && !trimmed.starts_with('/'))
            || (trailing && !last && !trimmed.ends_with('/'))
        {
            continue;
        }
        if trimmed.len() == lit.text.len()
            || trimmed.is_empty()
            || !trimmed
                .chars()
                .all(|c| c.is_alphanumeric() || "/._-".contains(c))
        {
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        // `/plugins`, `doc/html/`: rooted or ending in a folder, unlike `KB/s`.
        let path = (trimmed.starts_with('/') || trimmed.ends_with('/'))
            && trimmed.len() >= 4
            && trimmed.chars().any(char::is_alphabetic);
        // An English word names a folder only where its white space separates nothing: at
        // the very end of the value (`RCUBE_INSTALL_PATH . 'skins '`) or its very start.
        let at_edge = (trailing && last) || (leading && first);
        let named = trimmed.len() >= 4
            && out.index().has_name(trimmed)
            && (at_edge || !out.vocab().english.contains(&lower));
        if !(path || named) {
            continue;
        }
        let what = describe(&lit.text);
        out.on_literal(
            &RULE,
            lit,
            0..lit.text.len(),
            &[trimmed.to_string()],
            format!(
                "path `{}` has {what}; the name is probably `{trimmed}`",
                lit.text
            ),
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
