//! Inline suppression: `typo-gate: ignore` or `typo-gate: ignore[rule, rule]` in a comment
//! on a finding's line or the line before. A suppression that silences nothing, or names
//! an unknown rule, is itself reported (`unused-suppression`, a warning).
use std::collections::BTreeMap;

use crate::check::Rule;
use crate::finding::{Finding, Literal, Position, Severity, Span};

pub const RULE: Rule = Rule {
    id: "unused-suppression",
    summary: "a typo-gate: ignore comment that silences nothing or names an unknown rule",
    severity: Severity::Warning,
    docs: include_str!("../rules/docs/unused-suppression.md"),
};

pub const MARKER: &str = "typo-gate: ignore";

/// The tokens that open a comment in each language; JSON has no comments.
pub fn comment_tokens(language: &str) -> &'static [&'static str] {
    match language {
        "php" => &["//", "#", "/*"],
        "ini" => &[";", "#"],
        "json" => &[],
        _ => &["#"],
    }
}

/// One `typo-gate: ignore` comment.
struct Suppression {
    line: usize,
    column: usize,
    bytes: (usize, usize),
    /// Empty: every rule.
    rules: Vec<String>,
    used: bool,
}

fn suppressions(text: &str, tokens: &[&str]) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if let Some(at) = line.find(MARKER) {
            let before = &line[..at];
            if tokens.iter().any(|t| before.contains(t)) {
                let rest = &line[at + MARKER.len()..];
                let mut end = at + MARKER.len();
                let rules = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
                    Some((list, _)) => {
                        end += list.len() + 2;
                        list.split(',')
                            .map(|r| r.trim().to_string())
                            .filter(|r| !r.is_empty())
                            .collect()
                    }
                    None => Vec::new(),
                };
                out.push(Suppression {
                    line: index + 1,
                    column: before.chars().count() + 1,
                    bytes: (offset + at, offset + end),
                    rules,
                    used: false,
                });
            }
        }
        offset += line.len();
    }
    out
}

/// Drops the findings of one file that a suppression covers, and adds a finding for each
/// suppression that silenced nothing or names an unknown rule.
pub fn apply(path: &str, language: &str, text: &str, findings: Vec<Finding>) -> Vec<Finding> {
    let tokens = comment_tokens(language);
    if tokens.is_empty() || !text.contains(MARKER) {
        return findings;
    }
    let mut found = suppressions(text, tokens);
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| {
            // The token's first line: a comment cannot stand inside a string that spans lines.
            let line = finding.literal.span.start.line;
            let covers = |s: &Suppression, at: usize| {
                s.line == at && (s.rules.is_empty() || s.rules.iter().any(|r| r == finding.rule))
            };
            // A comment on the finding's own line is preferred to one on the line before.
            let index = found
                .iter()
                .position(|s| covers(s, line))
                .or_else(|| found.iter().position(|s| covers(s, line.wrapping_sub(1))));
            let covering = index.map(|i| &mut found[i]);
            match covering {
                Some(suppression) => {
                    suppression.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    for suppression in &found {
        let unknown: Vec<&String> = suppression
            .rules
            .iter()
            .filter(|r| crate::check::rule(r).is_none())
            .collect();
        let message = if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|r| format!("`{r}`")).collect();
            format!(
                "this suppression names an unknown rule: {}; `typo-gate rules` lists them",
                names.join(", ")
            )
        } else if !suppression.used {
            "this suppression silences nothing on its line or the next; remove it".to_string()
        } else {
            continue;
        };
        let found_text = text[suppression.bytes.0..suppression.bytes.1].to_string();
        let span = Span {
            start: Position {
                line: suppression.line,
                column: suppression.column,
            },
            end: Position {
                line: suppression.line,
                column: suppression.column + found_text.chars().count(),
            },
            bytes: Some(suppression.bytes),
        };
        kept.push(Finding {
            rule: RULE.id,
            severity: crate::check::rule(RULE.id).map_or(RULE.severity, |r| r.severity),
            path: path.to_string(),
            literal: Literal::whole(&found_text, &span),
            span,
            found: found_text,
            suggestion: None,
            alternatives: Vec::new(),
            message,
        });
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

/// Applies [`apply`] to each file of a root's findings; `sources` gives each read file's
/// language, and `read` its text.
pub fn apply_all(
    findings: Vec<Finding>,
    sources: &[(String, &'static str)],
    read: impl Fn(&str) -> Option<String>,
) -> Vec<Finding> {
    let known: BTreeMap<&str, &str> = sources.iter().map(|(p, l)| (p.as_str(), *l)).collect();
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut out = Vec::new();
    for finding in findings {
        if known.contains_key(finding.path.as_str()) {
            by_file
                .entry(finding.path.clone())
                .or_default()
                .push(finding);
        } else {
            out.push(finding);
        }
    }
    for (path, language) in sources {
        let file_findings = by_file.remove(path).unwrap_or_default();
        if comment_tokens(language).is_empty() {
            out.extend(file_findings);
            continue;
        }
        match read(path) {
            Some(text) => out.extend(apply(path, language, &text, file_findings)),
            None => out.extend(file_findings),
        }
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: usize, rule: &'static str) -> Finding {
        let span = Span {
            start: Position { line, column: 1 },
            end: Position { line, column: 2 },
            bytes: None,
        };
        Finding {
            rule,
            severity: Severity::Error,
            path: "f".to_string(),
            literal: Literal::whole("x", &span),
            span,
            found: "x".to_string(),
            suggestion: None,
            alternatives: Vec::new(),
            message: String::new(),
        }
    }

    fn rules_left(language: &str, text: &str, lines: &[usize]) -> Vec<(usize, &'static str)> {
        let findings = lines.iter().map(|l| finding(*l, "path-typo")).collect();
        apply("f", language, text, findings)
            .iter()
            .map(|f| (f.span.start.line, f.rule))
            .collect()
    }

    #[test]
    fn every_language_comment_syntax_suppresses() {
        let cases = [
            ("python", "x = 'a'  # typo-gate: ignore\n"),
            ("php", "$x = 'a'; // typo-gate: ignore\n"),
            ("php", "$x = 'a'; # typo-gate: ignore\n"),
            ("php", "$x = 'a'; /* typo-gate: ignore */\n"),
            ("yaml", "x: a # typo-gate: ignore[path-typo]\n"),
            ("compose", "x: a # typo-gate: ignore\n"),
            ("github-workflow", "x: a # typo-gate: ignore\n"),
            ("toml", "x = 'a' # typo-gate: ignore\n"),
            ("ini", "x = a ; typo-gate: ignore\n"),
            ("ini", "x = a # typo-gate: ignore\n"),
            ("dotenv", "X=a # typo-gate: ignore\n"),
            ("nginx", "root /a; # typo-gate: ignore\n"),
            ("apache", "DocumentRoot /a # typo-gate: ignore\n"),
            ("dockerfile", "# typo-gate: ignore\nCOPY a /a\n"),
        ];
        for (language, text) in cases {
            let line = if text.starts_with('#') { 2 } else { 1 };
            assert_eq!(
                rules_left(language, text, &[line]),
                [],
                "{language}: {text}"
            );
        }
    }

    #[test]
    fn json_has_no_comments_and_a_marker_outside_a_comment_does_nothing() {
        assert_eq!(
            rules_left("json", "{\"x\": \"typo-gate: ignore\"}\n", &[1]),
            [(1, "path-typo")]
        );
        assert_eq!(
            rules_left("python", "x = 'typo-gate: ignore'\n", &[1]),
            [(1, "path-typo")]
        );
    }

    #[test]
    fn only_the_named_rules_and_only_this_line_and_the_next() {
        let text = "# typo-gate: ignore[word-typo]\na\nb # typo-gate: ignore\nc\nd\n";
        assert_eq!(
            rules_left("python", text, &[2, 3, 5]),
            [
                (1, "unused-suppression"),
                (2, "path-typo"),
                (5, "path-typo")
            ]
        );
    }
}
