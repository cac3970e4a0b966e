//! Baselines: recorded findings stop blocking, new ones still do, gone ones are listed.
mod common;

use std::fs;

use common::{check_json, row, typo_gate};

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("logs")).unwrap();
    fs::write(root.join("logs/app.log"), "").unwrap();
    fs::write(
        root.join("main.py"),
        "LOG = \"logs/app.lgo\"\nOTHER = \"logs/app.lgo\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn baseline_records_keys_with_counts_not_lines() {
    let dir = repo();
    let output = typo_gate()
        .arg("baseline")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let file = dir.path().join(".typo-gate-baseline.json");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("recorded 2 findings in {}\n", file.display())
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        r#"{
  "version": 1,
  "entries": [
    {
      "rule": "extension-typo",
      "path": "main.py",
      "found": "logs/app.lgo",
      "suggestion": "logs/app.log",
      "count": 2
    }
  ]
}
"#
    );
}

#[test]
fn check_with_a_baseline_blocks_only_new_findings_and_lists_stale_ones() {
    let dir = repo();
    let file = dir.path().join("recorded.json");
    typo_gate()
        .arg("baseline")
        .arg(dir.path())
        .args(["--output", file.to_str().unwrap()])
        .assert()
        .success();
    let baseline = ["--baseline", file.to_str().unwrap()];

    // Lines moved: still recorded.
    fs::write(
        dir.path().join("main.py"),
        "\n\nLOG = \"logs/app.lgo\"\nOTHER = \"logs/app.lgo\"\n",
    )
    .unwrap();
    let run = check_json(&[dir.path()], &baseline);
    assert_eq!(run.rows(), Vec::<common::Row>::new());
    assert_eq!(run.document["stale_baseline"], serde_json::json!([]));
    assert_eq!(run.code, 0);

    // A third occurrence is new; the key's count is exhausted.
    fs::write(
        dir.path().join("main.py"),
        "LOG = \"logs/app.lgo\"\nOTHER = \"logs/app.lgo\"\nTHIRD = \"logs/app.lgo\"\n",
    )
    .unwrap();
    let run = check_json(&[dir.path()], &baseline);
    assert_eq!(
        run.rows(),
        vec![row(
            "extension-typo",
            "main.py",
            3,
            18,
            ".lgo",
            Some(".log")
        )]
    );
    assert_eq!(run.code, 1);

    // Fixed: the entry is stale.
    fs::write(dir.path().join("main.py"), "LOG = \"logs/app.log\"\n").unwrap();
    let run = check_json(&[dir.path()], &baseline);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.document["stale_baseline"],
        serde_json::json!([{
            "rule": "extension-typo",
            "path": "main.py",
            "found": "logs/app.lgo",
            "suggestion": "logs/app.log",
            "count": 2
        }])
    );
    let human = typo_gate()
        .arg("check")
        .args(["--color", "never"])
        .args(baseline)
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(
        stdout.ends_with(
            "no longer found (baseline): extension-typo main.py `logs/app.lgo` (2 times)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_missing_or_broken_baseline_is_a_failure() {
    let dir = repo();
    let missing = dir.path().join("nope.json");
    let run = typo_gate()
        .arg("check")
        .args(["--baseline", missing.to_str().unwrap()])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "[]").unwrap();
    let run = typo_gate()
        .arg("check")
        .args(["--baseline", broken.to_str().unwrap()])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8(run.stderr)
        .unwrap()
        .contains("broken.json is not a typo-gate baseline"));
}
