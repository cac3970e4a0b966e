//! `typo-gate hook install`: a git hook that runs the gate before a push or a commit.
use std::path::{Path, PathBuf};
use std::process::Command;

use miette::Diagnostic;
use thiserror::Error;

/// The line that marks a hook as typo-gate's own, so installing again may replace it.
pub const MARKER: &str = "# typo-gate hook";

/// Which git hook to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookKind {
    PrePush,
    PreCommit,
}

impl HookKind {
    /// The hook's file name, as git looks it up.
    pub fn name(self) -> &'static str {
        match self {
            HookKind::PrePush => "pre-push",
            HookKind::PreCommit => "pre-commit",
        }
    }

    /// The git command the hook guards.
    fn guards(self) -> &'static str {
        match self {
            HookKind::PrePush => "push",
            HookKind::PreCommit => "commit",
        }
    }
}

#[derive(Debug, Error, Diagnostic)]
pub enum HookError {
    #[error("cannot run git: {0}")]
    #[diagnostic(
        code(typo_gate::hook::git),
        help("the hooks folder is found with `git rev-parse --git-path hooks`: put git on PATH")
    )]
    Git(#[source] std::io::Error),

    #[error("not inside a git repository: {0}")]
    #[diagnostic(
        code(typo_gate::hook::not_a_repository),
        help("run `typo-gate hook install` inside the repository to guard")
    )]
    NotARepository(String),

    #[error("{} exists and typo-gate did not write it", .0.display())]
    #[diagnostic(
        code(typo_gate::hook::foreign),
        help(
            "rerun with --force to replace it, or call `typo-gate check` from that hook yourself"
        )
    )]
    Foreign(PathBuf),

    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(typo_gate::hook::unwritable))]
    Unwritable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes the hook into the current repository's hooks folder and returns its path.
/// An existing hook is replaced only if it carries [`MARKER`] or `force` is set.
pub fn install(kind: HookKind, force: bool) -> Result<PathBuf, HookError> {
    // `--git-path` follows core.hooksPath and finds the common folder of a worktree.
    let output = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .output()
        .map_err(HookError::Git)?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = message.trim().trim_start_matches("fatal: ");
        return Err(HookError::NotARepository(message.to_string()));
    }
    let folder = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim_end_matches('\n'));
    let path = folder.join(kind.name());
    let unwritable = |source| HookError::Unwritable {
        path: path.clone(),
        source,
    };
    if std::fs::symlink_metadata(&path).is_ok() {
        let ours = std::fs::read_to_string(&path)
            .is_ok_and(|text| text.lines().any(|line| line.trim_end() == MARKER));
        if !ours && !force {
            return Err(HookError::Foreign(path));
        }
        // Removed first so a hook that is a symlink is replaced, not written through.
        std::fs::remove_file(&path).map_err(unwritable)?;
    }
    std::fs::create_dir_all(&folder).map_err(unwritable)?;
    std::fs::write(&path, script(kind)).map_err(unwritable)?;
    make_executable(&path).map_err(unwritable)?;
    Ok(path)
}

/// The hook: from the repository's top level, run the gate and exit with its status.
pub fn script(kind: HookKind) -> String {
    let (name, guards) = (kind.name(), kind.guards());
    format!(
        r#"#!/bin/sh
{MARKER}
# Written by `typo-gate hook install`, which may rewrite it; remove this file to uninstall.
# Checks the repository before each {guards}: exit 1 (findings) or 2 (the tool failed)
# stops the {guards}. Skip the check once with `git {guards} --no-verify`.
if ! command -v typo-gate >/dev/null 2>&1; then
    echo "typo-gate {name} hook: typo-gate is not on PATH: install it, or skip the check once with git {guards} --no-verify" >&2
    exit 2
fi
cd "$(git rev-parse --show-toplevel)" || exit 2
exec typo-gate check
"#
    )
}

#[cfg(unix)]
fn make_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

/// Git for Windows runs hooks through its own shell, whatever the file's mode.
#[cfg(not(unix))]
fn make_executable(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
