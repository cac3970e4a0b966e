//! Findings: plain data produced by the checks and consumed by the reporters.
use serde::Serialize;

/// How a finding affects the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported without blocking.
    Warning,
    /// Blocks the deploy.
    Error,
}

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The exact token a finding is about. `end` is exclusive: the position just past the token.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: Position,
    pub end: Position,
    /// Byte range in the file, when the token lies in the file's text (not for a file's own name).
    pub bytes: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Relative to the checked root, with `/` separators.
    pub path: String,
    pub span: Span,
    pub found: String,
    /// The one confident replacement for `found`, if there is exactly one.
    pub suggestion: Option<String>,
    /// Every equally good replacement, when there is more than one.
    pub alternatives: Vec<String>,
    pub message: String,
}

impl Finding {
    /// The order findings are reported in: by path, line, column, then rule.
    pub fn sort_key(&self) -> (&str, Position, &str, &str) {
        (&self.path, self.span.start, self.rule, &self.found)
    }
}
