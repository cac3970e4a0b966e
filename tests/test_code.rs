//! Findings in test code warn; `[severity] tests` makes them block or silences them.
mod common;

use std::fs;

use common::{check_json, row, typo_gate};

/// A tree with the same slip in deploy code (if `deploy`) and in test code of each shape.
fn tree(deploy: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("templates/layout.php", "<?php\n");
    let slip = "<?php\nrequire __DIR__ . '/templates/layuot.php';\n";
    if deploy {
        write("index.php", slip);
    }
    write(
        "tests/Unit/bootstrap.php",
        slip.replace("/templates", "/../../templates").as_str(),
    );
    write(
        "src/Tests/KernelTest.php",
        slip.replace("/templates", "/../../templates").as_str(),
    );
    write(
        "src/ViewTest.php",
        slip.replace("/templates", "/../templates").as_str(),
    );
    dir
}

fn severities(run: &common::JsonRun) -> Vec<(String, String, bool)> {
    run.document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["test_code"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn findings_in_test_code_warn_and_do_not_block() {
    let dir = tree(false);
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        severities(&run),
        [
            ("src/Tests/KernelTest.php".into(), "warning".into(), true),
            ("src/ViewTest.php".into(), "warning".into(), true),
            ("tests/Unit/bootstrap.php".into(), "warning".into(), true),
        ]
    );
    assert_eq!(run.summary("findings"), 3);
    assert_eq!(run.summary("test_warnings"), 3);
}

#[test]
fn deploy_code_still_blocks_beside_test_code() {
    let dir = tree(true);
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.rows()[0],
        row("path-typo", "index.php", 2, 31, "layuot", Some("layout"))
    );
    assert_eq!(
        severities(&run)[0],
        ("index.php".into(), "error".into(), false)
    );
    assert_eq!(run.summary("test_warnings"), 3);

    let human = typo_gate()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(human.stdout).unwrap();
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("4 findings in 4 files, 5 files scanned in ")
            && last.ends_with(" ms; 3 warnings in test code, which do not block"),
        "{last}"
    );
}

#[test]
fn the_configuration_makes_test_code_block_or_silences_it() {
    let dir = tree(false);
    let config = |level: &str| {
        fs::write(
            dir.path().join("typo-gate.toml"),
            format!("[severity]\ntests = \"{level}\"\n"),
        )
        .unwrap();
    };
    config("error");
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.code, 1);
    assert!(severities(&run).iter().all(|(_, s, t)| s == "error" && *t));
    assert_eq!(run.summary("test_warnings"), 0);

    config("off");
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.code, 0);
    assert_eq!(run.rows(), []);

    config("blocking");
    let output = typo_gate().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the severity of `tests` must be \"error\", \"warning\" or \"off\""),
        "{stderr}"
    );
}

#[test]
fn test_code_is_told_by_folder_and_by_name() {
    use typo_gate::config::is_test_code;
    for path in [
        "tests/a.py",
        "app/test/settings.py",
        "spec/x.yml",
        "testing/conf.ini",
        "fixtures/a.json",
        "pkg/testdata/a.yaml",
        "web/__tests__/a.js",
        "src/Symfony/Tests/Kernel.php",
        "test_views.py",
        "app/views_test.py",
        "conftest.py",
        "polls/tests.py",
        "src/RouterTest.php",
        "app.test.js",
        "component.spec.ts",
        "user_spec.rb",
    ] {
        assert!(is_test_code(path), "{path}");
    }
    for path in [
        "settings.py",
        "testimonials/views.py",
        "latest.php",
        "contest.py",
        "src/Attest.py",
        "protest/index.php",
        "config/test.yml",
        "tests.py.orig.d/x",
        "Testament.php",
        "docs/spec.md",
    ] {
        assert!(!is_test_code(path), "{path}");
    }
}
