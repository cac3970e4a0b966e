//! `--format json`: one object on stdout. Fields may be added, never renamed.
use std::io;

use serde::Serialize;
use serde_json::json;

use super::{write_stdout, Reporter, Root, Summary};
use crate::finding::{Finding, Severity};

#[derive(Default)]
pub struct Json {
    findings: Vec<JsonFinding>,
}

#[derive(Serialize)]
struct JsonFinding {
    rule: &'static str,
    severity: Severity,
    root: String,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The wrong characters, which `line` to `end_column` cover.
    found: String,
    /// What replaces `found`.
    suggestion: Option<String>,
    alternatives: Vec<String>,
    /// The whole token `found` stands in, as written, and where it stands.
    literal: String,
    literal_line: usize,
    literal_column: usize,
    literal_end_line: usize,
    literal_end_column: usize,
    message: String,
    /// In test code (a test folder or a test file): it blocks only if `[severity] tests`
    /// says "error".
    test_code: bool,
}

impl Reporter for Json {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        self.findings.push(JsonFinding {
            rule: finding.rule,
            severity: finding.severity,
            root: root.given().to_string_lossy().into_owned(),
            path: finding.path.clone(),
            line: finding.span.start.line,
            column: finding.span.start.column,
            end_line: finding.span.end.line,
            end_column: finding.span.end.column,
            found: finding.found.clone(),
            suggestion: finding.suggestion.clone(),
            alternatives: finding.alternatives.clone(),
            literal: finding.literal.text.clone(),
            literal_line: finding.literal.span.start.line,
            literal_column: finding.literal.span.start.column,
            literal_end_line: finding.literal.span.end.line,
            literal_end_column: finding.literal.span.end.column,
            message: finding.message.clone(),
            test_code: crate::config::is_test_code(&finding.path),
        });
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let mut document = json!({
            "version": 1,
            "findings": self.findings,
            "summary": {
                "files_scanned": summary.files_scanned,
                "files_skipped": summary.files_skipped,
                "files_not_read": summary.files_not_read,
                "findings": summary.findings,
                "test_warnings": summary.test_warnings,
                "duration_ms": summary.duration_ms,
            },
        });
        if let Some(stale) = &summary.stale_baseline {
            document["stale_baseline"] = json!(stale);
        }
        let mut text = serde_json::to_string(&document).map_err(io::Error::other)?;
        text.push('\n');
        write_stdout(&text)
    }
}
