//! `--changed-since REF` against a real git repository made in the test.
mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{check_json, row, typo_gate};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// `main` has an old typo in `old.py`; the branch `topic` adds one in `new.py` (committed)
/// and one in `local.py` (untracked).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    fs::create_dir_all(root.join("logs")).unwrap();
    fs::write(root.join("logs/app.log"), "").unwrap();
    fs::write(root.join("old.py"), "LOG = \"logs/app.lgo\"\n").unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "one"]);
    git(root, &["checkout", "-q", "-b", "topic"]);
    fs::write(root.join("new.py"), "LOG = \"logs/app.lgo\"\n").unwrap();
    git(root, &["add", "new.py"]);
    git(root, &["commit", "-q", "-m", "two"]);
    fs::write(root.join("local.py"), "LOG = \"logs/app.lgo\"\n").unwrap();
    dir
}

#[test]
fn only_files_changed_since_the_merge_base_and_untracked_files_are_reported() {
    let dir = repo();
    let all = check_json(&[dir.path()], &[]);
    assert_eq!(all.rows().len(), 3);
    let run = check_json(&[dir.path()], &["--changed-since", "main"]);
    assert_eq!(
        run.rows(),
        vec![
            row("extension-typo", "local.py", 1, 16, ".lgo", Some(".log")),
            row("extension-typo", "new.py", 1, 16, ".lgo", Some(".log")),
        ]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn a_missing_ref_fails_with_a_hint_for_shallow_clones() {
    let dir = repo();
    let output = typo_gate()
        .args(["check", "--changed-since", "origin/nope"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("--changed-since origin/nope: no such commit in this clone"),
        "{stderr}"
    );
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
}

#[test]
fn outside_a_repository_it_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.py"), "").unwrap();
    let output = typo_gate()
        .args(["check", "--changed-since", "main"])
        .arg(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("is not inside a git repository"));
}
