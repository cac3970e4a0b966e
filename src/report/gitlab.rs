//! `--format gitlab`: a GitLab Code Quality report, the JSON array of issues that a job's
//! `artifacts:reports:codequality` file holds, which GitLab shows in the merge request.
//! It writes the fields GitLab reads and no others (GitLab ignores the rest of the Code
//! Climate issue); `tests/gitlab.rs` validates the output against them.
use std::io;

use serde_json::{json, Value};

use super::{write_stdout, Fingerprints, Reporter, Root, Summary};
use crate::finding::{Finding, Severity};

#[derive(Default)]
pub struct Gitlab {
    issues: Vec<Value>,
    fingerprints: Fingerprints,
}

impl Reporter for Gitlab {
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()> {
        // GitLab finds the file only by its path in the repository.
        let path = root.repository_path(&finding.path);
        self.issues.push(json!({
            "description": finding.message,
            "check_name": finding.rule,
            "fingerprint": self.fingerprints.next(&path, finding),
            "severity": severity(finding.severity),
            "location": {
                "path": path,
                // A finding about a file's own name has no line: it is shown on the first.
                "lines": { "begin": finding.span.start.line.max(1) },
            },
        }));
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let mut text = serde_json::to_string_pretty(&self.issues).map_err(io::Error::other)?;
        text.push('\n');
        write_stdout(&text)
    }
}

/// GitLab's scale is info, minor, major, critical, blocker. An error stops the deploy, so it
/// ranks above the `major` most linters give their findings; a warning never blocks.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "minor",
    }
}
