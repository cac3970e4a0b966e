//! `--format github`: workflow commands with GitHub's escaping, the closing total, the step
//! summary, and the default inside GitHub Actions. Each run is in `dir` as the workspace,
//! as a job runs in its checkout (`tests/paths.rs` checks paths given from elsewhere).
mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{fixture, typo_gate};

fn github(dir: &Path) -> Command {
    let mut cmd = typo_gate();
    cmd.current_dir(dir)
        .env("GITHUB_WORKSPACE", dir)
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A repository with `templates/layout.php` and `files` written under it.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    for (path, text) in [("templates/layout.php", "<?php ?>\n")].iter().chain(files) {
        let path = repo.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    repo
}

#[test]
fn one_annotation_per_finding_then_the_total() {
    let out = stdout(
        github(&fixture("php-template")).args(["check", "--format", "github", "./bad"]),
        1,
    );
    assert_eq!(
        out,
        "::error file=bad/config/view.php,line=4,col=16,endColumn=22,title=path-typo::\
         `layuot.php` does not exist in the repository; did you mean `layout.php`?\n\
         typo-gate: 1 finding, 3 files scanned\n"
    );
    let out = stdout(
        github(&fixture("php-template")).args(["check", "--format", "github", "clean"]),
        0,
    );
    assert_eq!(out, "typo-gate: 0 findings, 3 files scanned\n");
}

#[test]
fn paths_with_commas_colons_and_percent_signs_are_escaped() {
    let repo = repo(&[(
        "config/view,100%:x.php",
        "<?php\nrequire __DIR__ . '/../templates/layout.phpp';\n",
    )]);
    let out = stdout(
        github(repo.path()).args(["check", "--format", "github", "."]),
        1,
    );
    assert_eq!(
        out,
        "::error file=config/view%2C100%25%3Ax.php,line=2,col=40,endColumn=45,\
         title=extension-typo::`.phpp` is not a file extension; did you mean `.php`?\n\
         typo-gate: 1 finding, 2 files scanned\n"
    );
}

#[test]
fn over_ten_annotations_the_closing_line_says_where_the_rest_are() {
    let mut php = String::from("<?php\n");
    for n in 1..=12 {
        php.push_str(&format!("require __DIR__ . '/templates/page{n}.phpp';\n"));
    }
    let repo = repo(&[("index.php", &php)]);
    let out = stdout(github(repo.path()).args(["check", "--format", "github"]), 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 13, "{out}");
    assert!(lines[..12]
        .iter()
        .all(|l| l.starts_with("::error file=index.php,line=")));
    assert_eq!(
        lines[11],
        "::error file=index.php,line=13,col=37,endColumn=42,title=extension-typo::\
         `.phpp` is not a file extension; did you mean `.php`?"
    );
    assert_eq!(
        lines[12],
        "typo-gate: 12 findings, 2 files scanned \
         (GitHub shows the first 10 annotations; see the job log or SARIF for all)"
    );
}

#[test]
fn the_step_summary_gets_a_table_appended() {
    let repo = repo(&[(
        "config/a|b.php",
        "<?php\nrequire __DIR__ . '/../templates/layuot.php';\nrequire __DIR__ . '/../templates/layout.phpp';\n",
    )]);
    let job = tempfile::tempdir().unwrap();
    let summary = job.path().join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    stdout(
        github(repo.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--format", "github"]),
        1,
    );
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        "earlier step\n\
         ### typo-gate\n\
         \n\
         2 findings, 2 files scanned.\n\
         \n\
         | rule | file:line | found | suggestion |\n\
         | --- | --- | --- | --- |\n\
         | path-typo | `config/a\\|b.php:2` | `layuot` | `layout` |\n\
         | extension-typo | `config/a\\|b.php:3` | `.phpp` | `.php` |\n\
         \n"
    );

    let clean = fixture("php-template").join("clean");
    let summary = job.path().join("clean-summary.md");
    stdout(
        github(&clean)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--format", "github"]),
        0,
    );
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        "### typo-gate\n\n0 findings, 3 files scanned.\n\n"
    );
}

#[test]
fn github_is_the_default_inside_github_actions() {
    let bad = fixture("php-template");
    let annotation =
        "::error file=bad/config/view.php,line=4,col=16,endColumn=22,title=path-typo::";
    let out = stdout(
        github(&bad)
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "bad"]),
        1,
    );
    assert!(out.starts_with(annotation), "{out}");

    // Elsewhere the human report; an explicit --format always wins.
    let out = stdout(
        github(&bad)
            .env("GITHUB_ACTIONS", "false")
            .args(["check", "--color", "never", "bad"]),
        1,
    );
    assert!(out.starts_with("path-typo\n"), "{out}");
    let out = stdout(
        github(&bad)
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "--format", "json", "bad"]),
        1,
    );
    assert!(out.starts_with("{\"version\":1,"), "{out}");
}

#[test]
fn a_badly_named_folder_is_annotated_on_the_file() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join("static ")).unwrap();
    std::fs::write(repo.path().join("ok.py"), "X = 1\n").unwrap();
    let out = stdout(
        github(repo.path()).args(["check", "--format", "github", "."]),
        1,
    );
    assert_eq!(
        out,
        "::error file=static ,title=path-whitespace::the name \"static \" ends with white space; \
         rename it to `static`\ntypo-gate: 1 finding, 1 file scanned\n"
    );
}
