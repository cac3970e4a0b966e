//! What users see: the exact human report, the JSON shape, and the rule commands.
mod common;

use common::{fixture, typo_gate};

#[test]
fn human_report_underlines_the_wrong_characters_in_the_whole_line_with_the_help() {
    let output = typo_gate()
        .current_dir(fixture("php-template"))
        .args(["check", "--color", "never", "bad"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let (report, summary) = stdout.rsplit_once("\n\n").unwrap();
    let expected =
        "  \u{d7} `layuot.php` does not exist in the repository; did you mean `layout.php`?
   \u{256d}\u{2500}[bad/config/view.php:4:16]
 3 \u{2502} return array(
 4 \u{2502}     'layout'  => 'layuot.php',
   \u{b7}                   \u{2500}\u{2500}\u{2500}\u{252c}\u{2500}\u{2500}
   \u{b7}                      \u{2570}\u{2500}\u{2500} this
 5 \u{2502}     'sidebar' => 'sidebar.php',
   \u{2570}\u{2500}\u{2500}\u{2500}\u{2500}
  help: did you mean 'layout'?";
    assert_eq!(
        report.trim_start_matches("path-typo\n\n").trim_end(),
        expected,
        "{stdout}"
    );
    let summary = summary.trim_end();
    assert!(
        summary.starts_with("1 finding in 1 file, 3 files scanned in ") && summary.ends_with(" ms"),
        "{summary}"
    );
}

#[test]
fn a_single_file_is_shown_under_its_own_folder_with_its_source() {
    let output = typo_gate()
        .current_dir(fixture("auth-address"))
        .args(["check", "--color", "never", "bad/portal/settings.py"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "\u{256d}\u{2500}[bad/portal/settings.py:2:39]\n 1 \u{2502} # Every serving thread"
        ),
        "{stdout}"
    );
    let output = typo_gate()
        .current_dir(fixture("auth-address"))
        .args(["check", "--format", "json", "bad/portal/settings.py"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &document["findings"][0];
    assert_eq!(
        (&finding["root"], &finding["path"]),
        (&"bad/portal".into(), &"settings.py".into())
    );
}

#[test]
fn clean_human_report_is_only_the_summary() {
    let output = typo_gate()
        .args(["check", "--color", "never"])
        .arg(fixture("php-template").join("clean"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("0 findings in 0 files, 3 files scanned in "),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn json_has_the_documented_shape() {
    let output = typo_gate()
        .current_dir(fixture("django-statec"))
        .args(["check", "--format", "json", "bad"])
        .output()
        .unwrap();
    let mut document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["summary"]["duration_ms"] = 0.into();
    let expected = serde_json::json!({
        "version": 1,
        "findings": [{
            "rule": "word-typo",
            "severity": "error",
            "root": "bad",
            "path": "shop/shop/settings.py",
            "line": 21,
            "column": 39,
            "end_line": 21,
            "end_column": 45,
            "found": "statec",
            "suggestion": "static",
            "alternatives": [],
            "literal": "statec/",
            "literal_line": 21,
            "literal_column": 39,
            "literal_end_line": 21,
            "literal_end_column": 46,
            "message": "`statec` looks like a typo of `static`",
            "test_code": false,
        }],
        "summary": {"files_scanned": 3, "files_skipped": 0, "files_not_read": 0, "findings": 1, "test_warnings": 0, "duration_ms": 0},
    });
    assert_eq!(document, expected);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("{\"version\":1,\"findings\":["), "{text}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = typo_gate();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd
            .arg("check")
            .args(args)
            .arg(fixture("php-template").join("bad"))
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().contains('\u{1b}')
    };
    assert!(run(&["--color", "always"], false));
    assert!(!run(&["--color", "never"], false));
    assert!(!run(&[], true), "auto without a terminal is plain");
}

#[test]
fn rules_and_explain() {
    let output = typo_gate().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        ids,
        [
            "path-whitespace",
            "extension-typo",
            "path-typo",
            "word-typo",
            "address-typo",
            "setting-typo",
            "module-typo",
            "constant-typo",
            "ini-typo",
            "key-typo",
            "value-typo",
            "unused-suppression",
        ]
    );

    let output = typo_gate().args(["explain", "path-typo"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .starts_with("# path-typo\n"));

    let output = typo_gate()
        .args(["explain", "path-typos"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("unknown rule `path-typos`")
            && stderr.contains("did you mean `path-typo`?"),
        "{stderr}"
    );
}

#[test]
fn debug_candidates_shows_resolution() {
    let root = fixture("wordpress-phpp").join("bad");
    let output = typo_gate()
        .args(["debug", "candidates"])
        .arg(root.join("wp-settings.php"))
        .arg("--root")
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("definition WPINC = \"wp-includes\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("reads ABSPATH WPINC ABSPATH WPINC ABSPATH WPINC"),
        "{stdout}"
    );
    assert!(
        stdout.contains("8:28     path    \"…wp-includes/class-wp-hook.phpp\""),
        "{stdout}"
    );
}
