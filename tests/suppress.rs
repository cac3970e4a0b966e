//! Inline suppression through the command line, and `unused-suppression`.
mod common;

use std::fs;

use common::{check_json, row};

fn repo(file: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("logs")).unwrap();
    fs::write(dir.path().join("logs/app.log"), "").unwrap();
    fs::write(dir.path().join(file), text).unwrap();
    dir
}

#[test]
fn a_suppression_on_the_line_or_the_line_before_silences_the_finding() {
    for (file, text) in [
        ("main.py", "LOG = \"logs/app.lgo\"  # typo-gate: ignore\n"),
        (
            "main.py",
            "# typo-gate: ignore[extension-typo]\nLOG = \"logs/app.lgo\"\n",
        ),
        (
            "index.php",
            "<?php\n$log = 'logs/app.lgo'; // typo-gate: ignore\n",
        ),
        (
            "index.php",
            "<?php\n/* typo-gate: ignore */\n$log = 'logs/app.lgo';\n",
        ),
    ] {
        let dir = repo(file, text);
        let run = check_json(&[dir.path()], &[]);
        assert_eq!(run.rows(), Vec::<common::Row>::new(), "{file}: {text}");
        assert_eq!(run.code, 0);
    }
}

#[test]
fn a_suppression_for_another_rule_does_not_silence_and_is_reported() {
    let dir = repo(
        "main.py",
        "LOG = \"logs/app.lgo\"  # typo-gate: ignore[path-typo, no-such-rule]\n",
    );
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(
        run.rows(),
        vec![
            row("extension-typo", "main.py", 1, 16, ".lgo", Some(".log")),
            row(
                "unused-suppression",
                "main.py",
                1,
                25,
                "typo-gate: ignore[path-typo, no-such-rule]",
                None
            ),
        ]
    );
    assert_eq!(
        run.document["findings"][1]["message"],
        "this suppression names an unknown rule: `no-such-rule`; `typo-gate rules` lists them"
    );
    assert_eq!(run.document["findings"][1]["severity"], "warning");
    assert_eq!(run.code, 1);
}

#[test]
fn an_unused_suppression_is_a_warning_that_does_not_block() {
    let dir = repo("main.py", "LOG = \"logs/app.log\"  # typo-gate: ignore\n");
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(
        run.rows(),
        vec![row(
            "unused-suppression",
            "main.py",
            1,
            25,
            "typo-gate: ignore",
            None
        )]
    );
    assert_eq!(run.code, 0);
}
