//! Baselines: today's findings recorded by rule, path, found and suggestion (never by line,
//! so edits elsewhere in a file do not make them new), with a count per key.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::BaselineArgs;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::ExitStatus;

/// The default file name, written at the first checked root.
pub const FILE_NAME: &str = ".typo-gate-baseline.json";

/// One recorded key and how many findings had it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    /// Relative to the checked root, with `/` separators.
    pub path: String,
    /// The whole token, not only its wrong characters.
    pub found: String,
    /// The whole token as suggested.
    pub suggestion: Option<String>,
    pub count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct Document {
    version: u32,
    entries: Vec<Entry>,
}

type Key = (String, String, String, Option<String>);

/// Made of the whole token and its whole suggestion, as when findings spanned whole
/// tokens, so baselines recorded then still match.
fn key(finding: &Finding) -> Key {
    let (literal, suggestion) = finding.identity();
    (
        finding.rule.to_string(),
        finding.path.clone(),
        literal.to_string(),
        suggestion,
    )
}

/// A loaded baseline: what is left of each key's count as findings are matched against it.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<Key, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
        let document: Document = serde_json::from_str(&text).map_err(|e| Error::Baseline {
            message: format!("{} is not a typo-gate baseline: {e}", path.display()),
        })?;
        let mut remaining = BTreeMap::new();
        for entry in document.entries {
            *remaining
                .entry((entry.rule, entry.path, entry.found, entry.suggestion))
                .or_default() += entry.count;
        }
        Ok(Baseline { remaining })
    }

    /// Whether the finding is recorded (and not yet matched as often as recorded).
    pub fn absorbs(&mut self, finding: &Finding) -> bool {
        match self.remaining.get_mut(&key(finding)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }

    /// The recorded findings that no longer occur, with how many of each are gone.
    pub fn stale(&self) -> Vec<Entry> {
        self.remaining
            .iter()
            .filter(|(_, count)| **count > 0)
            .map(|((rule, path, found, suggestion), count)| Entry {
                rule: rule.clone(),
                path: path.clone(),
                found: found.clone(),
                suggestion: suggestion.clone(),
                count: *count,
            })
            .collect()
    }
}

/// The baseline document of some findings, sorted, one entry per key.
pub fn render<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> String {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for finding in findings {
        *counts.entry(key(finding)).or_default() += 1;
    }
    let document = Document {
        version: 1,
        entries: counts
            .into_iter()
            .map(|((rule, path, found, suggestion), count)| Entry {
                rule,
                path,
                found,
                suggestion,
                count,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// `typo-gate baseline`: checks the roots and records what it finds.
pub fn run(args: &BaselineArgs) -> Result<ExitStatus> {
    let checked = crate::check_roots(
        &args.paths,
        args.config.as_deref(),
        args.jobs,
        args.max_file_size,
        None,
    )?;
    let failed = checked.iter().any(|c| c.outcome.failed);
    let findings: Vec<&Finding> = checked.iter().flat_map(|c| &c.outcome.findings).collect();
    let output = args.output.clone().unwrap_or_else(|| {
        let first = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
        let folder = if first.is_dir() {
            first
        } else {
            first.parent().unwrap_or(Path::new("."))
        };
        folder.join(FILE_NAME)
    });
    std::fs::write(&output, render(findings.iter().copied())).map_err(|source| {
        Error::Unwritable {
            path: output.clone(),
            source,
        }
    })?;
    let plural = if findings.len() == 1 { "" } else { "s" };
    crate::report::write_stdout(&format!(
        "recorded {} finding{plural} in {}\n",
        findings.len(),
        output.display()
    ))
    .map_err(Error::Output)?;
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Clean
    })
}
