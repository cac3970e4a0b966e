//! `--format gitlab`: a GitLab Code Quality report, valid against the format GitLab
//! documents (`tests/gitlab-code-quality.schema.json`), exact in its fields, with
//! fingerprints that are unique and the same as SARIF's.
mod common;

use std::path::Path;

use common::{fixture, typo_gate};
use serde_json::{json, Value};

/// A run in `dir` as the workspace, as a GitLab job runs in its checkout.
fn run(dir: &Path, format: &str, args: &[&str]) -> (i32, Value) {
    let output = typo_gate()
        .current_dir(dir)
        .env("GITHUB_WORKSPACE", dir)
        .args(["check", "--format", format])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap(), report)
}

/// Each way `report` departs from GitLab's Code Quality format.
fn schema_errors(report: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gitlab-code-quality.schema.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_report_is_exact_and_follows_the_format() {
    let (code, report) = run(&fixture("php-template"), "gitlab", &["bad"]);
    assert_eq!(code, 1);
    assert_eq!(
        report,
        json!([{
            "description": "`layuot.php` does not exist in the repository; did you mean `layout.php`?",
            "check_name": "path-typo",
            "fingerprint": "89afdc2662dbca72",
            "severity": "critical",
            "location": { "path": "bad/config/view.php", "lines": { "begin": 4 } },
        }])
    );
    assert_eq!(schema_errors(&report), Vec::<String>::new());

    // The same finding has the same fingerprint in SARIF.
    let (_, log) = run(&fixture("php-template"), "sarif", &["bad"]);
    assert_eq!(
        log["runs"][0]["results"][0]["partialFingerprints"]["typoGate/v1"],
        report[0]["fingerprint"]
    );

    let (code, report) = run(&fixture("php-template"), "gitlab", &["clean"]);
    assert_eq!(code, 0);
    assert_eq!(report, json!([]));
    assert_eq!(schema_errors(&report), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_what_gitlab_cannot_read() {
    let (_, good) = run(&fixture("php-template"), "gitlab", &["bad"]);
    let broken = |edit: fn(&mut Value)| {
        let mut report = good.clone();
        edit(&mut report[0]);
        schema_errors(&report).len()
    };
    assert_eq!(broken(|issue| issue["severity"] = json!("error")), 1);
    assert_eq!(
        broken(|issue| issue["location"]["path"] = json!("./bad/config/view.php")),
        1
    );
    assert_eq!(
        broken(|issue| issue["location"]["path"] = json!("/srv/bad/config/view.php")),
        1
    );
    assert_eq!(
        broken(|issue| issue["location"]["lines"]["begin"] = json!("4")),
        1
    );
    assert_eq!(
        broken(|issue| issue["location"]["lines"]["begin"] = json!(0)),
        1
    );
    assert_eq!(
        broken(|issue| {
            issue.as_object_mut().unwrap().remove("check_name");
        }),
        1
    );
    assert_eq!(
        broken(|issue| {
            issue["location"].as_object_mut().unwrap().remove("lines");
        }),
        1
    );
    assert_eq!(schema_errors(&json!({ "issues": [] })).len(), 1);
}

#[test]
fn warnings_are_minor_and_twins_have_their_own_fingerprints() {
    let repo = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = repo.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("templates/layout.php", "<?php ?>\n");
    let twice = "<?php\nrequire __DIR__ . '/../templates/layout.phpp';\n\
                 require __DIR__ . '/../templates/layout.phpp';\n";
    write("config/view.php", twice);
    // Test code only warns.
    write("tests/view.php", twice);
    std::fs::create_dir(repo.path().join("static ")).unwrap();

    let (code, report) = run(repo.path(), "gitlab", &["."]);
    assert_eq!(code, 1);
    assert_eq!(schema_errors(&report), Vec::<String>::new());
    let issues = report.as_array().unwrap();
    let seen: Vec<(&str, &str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["path"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("extension-typo", "critical", "config/view.php", 2),
            ("extension-typo", "critical", "config/view.php", 3),
            // A folder's own name has no line: GitLab shows it on the first.
            ("path-whitespace", "critical", "static ", 1),
            ("extension-typo", "minor", "tests/view.php", 2),
            ("extension-typo", "minor", "tests/view.php", 3),
        ]
    );
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 5, "{report:#}");

    // Warnings alone do not block.
    std::fs::remove_file(repo.path().join("config/view.php")).unwrap();
    std::fs::remove_dir(repo.path().join("static ")).unwrap();
    let (code, report) = run(repo.path(), "gitlab", &["."]);
    assert_eq!(code, 0);
    assert_eq!(report.as_array().unwrap().len(), 2);
}
