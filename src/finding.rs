//! Findings: plain data produced by the checks and consumed by the reporters.
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize};

/// How a finding affects the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported without blocking.
    Warning,
    /// Blocks the deploy.
    Error,
}

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where some text stands in a file. `end` is exclusive: the position just past the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
    /// Byte range in the file, when the text lies in the file's text (not for a file's own name).
    pub bytes: Option<(usize, usize)>,
}

impl Span {
    /// The span of `text[range]`, where `text` is byte for byte what this span covers.
    pub fn part(&self, text: &str, range: Range<usize>) -> Span {
        let advance = |mut at: Position, piece: &str| {
            for c in piece.chars() {
                if c == '\n' {
                    at = Position {
                        line: at.line + 1,
                        column: 1,
                    };
                } else {
                    at.column += 1;
                }
            }
            at
        };
        let start = advance(self.start, &text[..range.start]);
        Span {
            start,
            end: advance(start, &text[range.clone()]),
            bytes: self
                .bytes
                .map(|(from, _)| (from + range.start, from + range.end)),
        }
    }
}

/// The whole token a finding stands in, as written: a string's content, a key, a name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Literal {
    pub text: String,
    pub span: Span,
    /// Where the finding's `found` stands in `text`, in bytes.
    pub found_at: Range<usize>,
}

impl Literal {
    /// A token the finding is about as a whole.
    pub fn whole(text: &str, span: &Span) -> Literal {
        Literal {
            text: text.to_string(),
            span: span.clone(),
            found_at: 0..text.len(),
        }
    }

    /// The token with its found characters replaced.
    pub fn with(&self, replacement: &str) -> String {
        format!(
            "{}{replacement}{}",
            &self.text[..self.found_at.start],
            &self.text[self.found_at.end..]
        )
    }
}

/// Serialized only for the result cache ([`crate::cache`]); the reports have their own shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    #[serde(deserialize_with = "rule_id")]
    pub rule: RuleId,
    pub severity: Severity,
    /// Relative to the checked root, with `/` separators.
    pub path: String,
    /// Where the wrong characters stand: only those, not the whole token.
    pub span: Span,
    /// The wrong characters (`localhsot` in `redis://localhsot:6379/1`, a trailing space).
    pub found: String,
    /// The one confident replacement for `found`, if there is exactly one.
    pub suggestion: Option<String>,
    /// Every equally good replacement, when there is more than one.
    pub alternatives: Vec<String>,
    /// The whole token `found` stands in.
    pub literal: Literal,
    pub message: String,
}

impl Finding {
    /// The order findings are reported in: by path, line, column, then rule.
    pub fn sort_key(&self) -> (&str, Position, &str, &str) {
        (&self.path, self.span.start, self.rule, &self.found)
    }

    /// What the finding is, whatever part of it is shown: the whole token and the whole
    /// token as suggested. Baselines and fingerprints are made of it, so they read the same
    /// as when findings spanned whole tokens.
    pub fn identity(&self) -> (&str, Option<String>) {
        (
            &self.literal.text,
            self.suggestion.as_deref().map(|s| self.literal.with(s)),
        )
    }
}

/// A rule's name, from the rule table. (An alias, so that serde does not take the field
/// for text borrowed from its input.)
pub type RuleId = &'static str;

/// A rule's name read back as the rule table's own: an unknown name is an error.
fn rule_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(deserializer)?;
    crate::check::rule(&name)
        .map(|rule| rule.id)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown rule {name:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_a_span_counts_lines_and_characters() {
        let whole = Span {
            start: Position { line: 3, column: 5 },
            end: Position { line: 4, column: 4 },
            bytes: Some((40, 53)),
        };
        let text = "é localhsot\nab";
        let part = whole.part(text, 3..12);
        assert_eq!(part.start, Position { line: 3, column: 7 });
        assert_eq!(
            part.end,
            Position {
                line: 3,
                column: 16
            }
        );
        assert_eq!(part.bytes, Some((43, 52)));
        let next = whole.part(text, 13..15);
        assert_eq!(next.start, Position { line: 4, column: 1 });
        assert_eq!(next.end, Position { line: 4, column: 3 });
    }

    #[test]
    fn the_identity_is_the_whole_token() {
        let literal = Literal {
            text: "redis://localhsot:6379/1".to_string(),
            span: Span::default(),
            found_at: 8..17,
        };
        assert_eq!(&literal.text[literal.found_at.clone()], "localhsot");
        assert_eq!(literal.with("localhost"), "redis://localhost:6379/1");
    }
}
