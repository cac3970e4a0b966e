//! Everything the tool prints goes through here.
mod fix;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod root;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

pub use fix::print_fixes;
pub use github::Github;
pub use gitlab::Gitlab;
pub use human::Human;
pub use json::Json;
pub use junit::Junit;
pub use root::Root;
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
    /// `root` is the checked folder the finding's path is relative to.
    fn report(&mut self, root: &Root, finding: &Finding) -> io::Result<()>;
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

/// Tells findings apart across runs: a hash of what a finding is, not where, so moving
/// unrelated lines keeps it, and of how many identical findings came before it, so twins
/// in one file differ. SARIF and GitLab carry the same value.
#[derive(Default)]
struct Fingerprints {
    /// How many findings with the same identity were seen.
    occurrences: HashMap<u64, usize>,
}

impl Fingerprints {
    /// The next finding's fingerprint, 16 hex digits; `path` as the report shows it.
    fn next(&mut self, path: &str, finding: &Finding) -> String {
        // The whole token, as before findings spanned only its wrong characters.
        let (literal, suggestion) = finding.identity();
        let identity = [
            finding.rule,
            path,
            literal,
            suggestion.as_deref().unwrap_or(""),
        ];
        let occurrence = self.occurrences.entry(fnv1a(&identity)).or_default();
        let key = fnv1a(&[&identity[..], &[&occurrence.to_string()]].concat());
        *occurrence += 1;
        format!("{key:016x}")
    }
}

/// 64-bit FNV-1a over the fields, each ended by a byte that UTF-8 never contains. Stable
/// across Rust versions and platforms, unlike `std`'s hasher, so fingerprints survive
/// upgrades of the toolchain.
fn fnv1a(fields: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in fields {
        for &byte in field.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fnv1a_and_separate_fields() {
        // The FNV-1a test vector for the empty input, then the field separator's effect.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn fingerprints_are_made_of_the_whole_token() {
        use crate::finding::{Literal, Position, Span};
        let at = |column| Position { line: 4, column };
        let whole = Span {
            start: at(18),
            end: at(42),
            bytes: Some((60, 84)),
        };
        let before = Finding {
            rule: "address-typo",
            severity: Severity::Error,
            path: "settings.py".to_string(),
            span: whole.clone(),
            found: "redis://localhsot:6379/1".to_string(),
            suggestion: Some("redis://localhost:6379/1".to_string()),
            alternatives: Vec::new(),
            literal: Literal::whole("redis://localhsot:6379/1", &whole),
            message: String::new(),
        };
        let now = Finding {
            span: whole.part(&before.literal.text, 8..17),
            found: "localhsot".to_string(),
            suggestion: Some("localhost".to_string()),
            literal: Literal {
                found_at: 8..17,
                ..before.literal.clone()
            },
            ..before.clone()
        };
        assert_eq!(now.span.start, at(26));
        assert_eq!(now.identity(), before.identity());
        assert_eq!(
            Fingerprints::default().next("settings.py", &now),
            Fingerprints::default().next("settings.py", &before)
        );
    }
}
