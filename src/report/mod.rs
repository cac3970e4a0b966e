//! Everything the tool prints goes through here.
mod fix;
mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};
use std::path::Path;

pub use fix::print_fixes;
pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;

use crate::finding::{Finding, Severity};

/// Totals of one run, over every root.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files_scanned: usize,
    pub files_skipped: usize,
    /// Files a language reads that were left unread: too deep, or too slow to parse.
    pub files_not_read: usize,
    pub findings: usize,
    /// Of `findings`, those in test code that only warn (`[severity] tests`).
    pub test_warnings: usize,
    pub files_with_findings: usize,
    pub duration_ms: u128,
    /// With `--baseline`: the recorded findings that no longer occur.
    pub stale_baseline: Option<Vec<crate::baseline::Entry>>,
}

/// A sink for findings. `finish` is called once, after the last finding.
pub trait Reporter {
    /// `root` is the checked path as the user gave it.
    fn report(&mut self, root: &Path, finding: &Finding) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The path a user can open: the root as given, joined with the root-relative path.
pub fn display_path(root: &Path, path: &str) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        path.to_string()
    } else {
        let root = root.to_string_lossy();
        format!("{}/{}", root.trim_end_matches('/'), path)
    }
}

/// A severity as SARIF levels and GitHub workflow commands name it.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The path relative to where the tool runs (the workspace in CI): the root joined with
/// the root-relative path, without a leading `./`.
pub fn workspace_path(root: &Path, path: &str) -> String {
    let mut joined = display_path(root, path);
    while let Some(rest) = joined.strip_prefix("./") {
        joined = rest.trim_start_matches('/').to_string();
    }
    joined
}

/// Prints one of the tool's own errors to stderr.
pub fn print_error(error: &dyn miette::Diagnostic) {
    let mut text = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut text, error).is_err() {
        text = error.to_string();
    }
    let _ = writeln!(io::stderr(), "{}", text.trim_end());
}

/// Prints a warning about one file to stderr; the run goes on.
pub fn warn(path: &Path, message: &str) {
    let _ = writeln!(io::stderr(), "warning: {}: {message}", path.display());
}

/// Lists on stderr the baseline entries that no longer occur (for formats with no place for them).
pub fn stale_baseline(entries: &[crate::baseline::Entry]) {
    for entry in entries {
        let _ = writeln!(
            io::stderr(),
            "no longer found (baseline): {} {} `{}`",
            entry.rule,
            entry.path,
            entry.found
        );
    }
}

/// Writes to stdout; a closed pipe (`typo-gate check | head`) is not an error.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
