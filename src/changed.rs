//! `--changed-since REF`: the files changed since the merge base with REF, plus untracked
//! ones. Only their findings are reported; paths still resolve against the whole tree.
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// Root-relative paths of the files changed since the merge base of `reference` and HEAD
/// in the repository holding `tree`.
pub fn changed_files(tree: &Path, reference: &str) -> Result<HashSet<String>> {
    let fail = |message: String, help: &str| Error::ChangedSince {
        reference: reference.to_string(),
        message,
        help: help.to_string(),
    };
    let git = |args: &[&str]| -> Result<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(tree)
            .args(args)
            .output()
            .map_err(|e| fail(format!("cannot run git: {e}"), "install git"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(fail(
                String::from_utf8_lossy(&output.stderr).trim().to_string(),
                "",
            ))
        }
    };
    let prefix = git(&["rev-parse", "--show-prefix"]).map_err(|_| {
        fail(
            format!("{} is not inside a git repository", tree.display()),
            "run the check inside a git clone, or drop --changed-since",
        )
    })?;
    let commit = format!("{reference}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        fail(
            "no such commit in this clone".to_string(),
            "fetch it first; in a shallow CI clone use `fetch-depth: 0` with actions/checkout",
        )
    })?;
    let base = git(&["merge-base", reference, "HEAD"]).map_err(|_| {
        fail(
            "no merge base with HEAD".to_string(),
            "the history is incomplete; in a shallow CI clone use `fetch-depth: 0` with actions/checkout",
        )
    })?;
    let diff = git(&["diff", "--name-only", "--no-renames", base.trim()])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
    let prefix = prefix.trim();
    Ok(diff
        .lines()
        .chain(untracked.lines())
        .filter_map(|path| path.strip_prefix(prefix))
        .map(str::to_string)
        .collect())
}
