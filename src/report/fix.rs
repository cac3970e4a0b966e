//! The output of `typo-gate fix`: one line per finding, fixed or not and why, then the
//! totals. A dry run prints the patch on stdout and the lines on stderr, so its stdout can
//! be saved and applied as it is.
use std::io::{self, Write};

use crate::fix::{Entry, Fate, Skip, Summary};

/// Prints the result of a fix run; `diff` is the patch of a dry run (empty otherwise).
pub fn print_fixes(entries: &[Entry], diff: &[u8], summary: &Summary) -> io::Result<()> {
    let mut text = String::new();
    for entry in entries {
        text.push_str(&line(entry, summary.dry_run));
        text.push('\n');
    }
    text.push_str(&totals(summary));
    text.push('\n');
    if summary.dry_run {
        write_bytes(&mut io::stdout().lock(), diff)?;
        write_bytes(&mut io::stderr().lock(), text.as_bytes())
    } else {
        super::write_stdout(&text)
    }
}

fn line(entry: &Entry, dry_run: bool) -> String {
    let finding = &entry.finding;
    let place = format!(
        "{}:{}:{} {}",
        entry.path, finding.span.start.line, finding.span.start.column, finding.rule
    );
    let found = quoted(&finding.found);
    let suggestion = finding.suggestion.as_deref().map(quoted);
    match &entry.fate {
        Fate::Fixed => format!(
            "{} {place}: {found} -> {}",
            if dry_run { "would fix" } else { "fixed" },
            suggestion.unwrap_or_default()
        ),
        Fate::NotFixed(skip) => {
            let reason = match skip {
                Skip::Ambiguous => {
                    let choices: Vec<String> =
                        finding.alternatives.iter().map(|a| quoted(a)).collect();
                    format!("ambiguous: {}", choices.join(" or "))
                }
                Skip::NoSuggestion => "no suggestion".to_string(),
                Skip::WouldRename => match suggestion {
                    Some(name) => format!("would rename to {name}"),
                    None => "would rename".to_string(),
                },
                Skip::ChangedOnDisk => "changed on disk".to_string(),
                Skip::Overlaps => "overlaps another fix".to_string(),
                Skip::Failed(error) => format!("failed: {error}"),
            };
            format!("not fixed {place}: {found}: {reason}")
        }
    }
}

fn totals(summary: &Summary) -> String {
    match summary.remaining {
        Some(remaining) => format!(
            "{} fixed, {} not fixed; {remaining} {} after the fixes",
            summary.fixed,
            summary.not_fixed,
            if remaining == 1 {
                "finding remains"
            } else {
                "findings remain"
            }
        ),
        None => format!(
            "dry run: {} would be fixed, {} not fixed; nothing was changed",
            summary.fixed, summary.not_fixed
        ),
    }
}

/// A token in quotes, control characters escaped so each finding stays on one line.
fn quoted(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Writes raw bytes (a patch keeps a Latin-1 file's bytes); a closed pipe is not an error.
fn write_bytes(out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
