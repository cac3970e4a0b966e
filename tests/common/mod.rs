//! Helpers shared by the CLI tests.
#![allow(dead_code)]
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn typo_gate() -> Command {
    let mut cmd = Command::cargo_bin("typo-gate").expect("the binary is built");
    cmd.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("TYPO_GATE_NO_CACHE")
        // Caching stays on, but in the build's folder rather than the repository's .git.
        .env("TYPO_GATE_CACHE_DIR", cache_dir());
    cmd
}

/// The result cache every test run shares: one for the whole build, so that later runs
/// on the fixtures reuse what earlier ones stored.
pub fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("typo-gate-cache")
}

/// One finding as the tests compare it: rule, path, line, column, found, suggestion.
pub type Row = (String, String, u64, u64, String, Option<String>);

pub struct JsonRun {
    pub code: i32,
    pub document: Value,
    pub stderr: String,
}

impl JsonRun {
    pub fn rows(&self) -> Vec<Row> {
        self.document["findings"]
            .as_array()
            .expect("findings is an array")
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["found"].as_str().unwrap().to_string(),
                    f["suggestion"].as_str().map(str::to_string),
                )
            })
            .collect()
    }

    pub fn summary(&self, field: &str) -> u64 {
        self.document["summary"][field].as_u64().unwrap()
    }
}

pub fn check_json(paths: &[&Path], extra: &[&str]) -> JsonRun {
    let output = typo_gate()
        .arg("check")
        .args(["--format", "json"])
        .args(extra)
        .args(paths)
        // A guard against a hang, not a measure of speed: a healthy run takes well under.
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("typo-gate runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    JsonRun {
        code: output.status.code().expect("exited normally"),
        document: serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}")),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn row(
    rule: &str,
    path: &str,
    line: u64,
    column: u64,
    found: &str,
    suggestion: Option<&str>,
) -> Row {
    (
        rule.to_string(),
        path.to_string(),
        line,
        column,
        found.to_string(),
        suggestion.map(str::to_string),
    )
}

/// A finding as a fixture expects it: rule, path, line, column, found, suggestion.
pub type Expected<'a> = (&'a str, &'a str, u64, u64, &'a str, Option<&'a str>);

/// `dir/bad` fires exactly `expected` and exits 1; its twin `dir/clean` is silent and
/// exits 0.
pub fn assert_bad_and_clean(dir: &Path, expected: &[Expected]) {
    let name = dir
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let bad = check_json(&[&dir.join("bad")], &[]);
    let expected: Vec<Row> = expected
        .iter()
        .map(|(rule, path, line, column, found, suggestion)| {
            row(rule, path, *line, *column, found, *suggestion)
        })
        .collect();
    assert_eq!(bad.rows(), expected, "{name}/bad");
    assert_eq!(bad.code, 1, "{name}/bad");
    let clean = check_json(&[&dir.join("clean")], &[]);
    assert_eq!(clean.rows(), Vec::<Row>::new(), "{name}/clean");
    assert_eq!(clean.code, 0, "{name}/clean");
}
