//! Configuration: discovery, every key, errors that point at the line, `init`, the schema.
mod common;

use std::fs;
use std::path::Path;

use common::{check_json, row, typo_gate};
use serde_json::Value;

/// A repository with one extension typo in `main.py` and one in `vendor/x.py`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("logs")).unwrap();
    fs::create_dir_all(root.join("vendor")).unwrap();
    fs::write(root.join("logs/app.log"), "").unwrap();
    fs::write(root.join("main.py"), "LOG = \"logs/app.lgo\"\n").unwrap();
    fs::write(root.join("vendor/x.py"), "LOG = \"logs/app.lgo\"\n").unwrap();
    dir
}

fn both() -> Vec<common::Row> {
    vec![
        row("extension-typo", "main.py", 1, 16, ".lgo", Some(".log")),
        row("extension-typo", "vendor/x.py", 1, 16, ".lgo", Some(".log")),
    ]
}

fn stderr_of(root: &Path, extra: &[&str]) -> (i32, String) {
    let output = typo_gate()
        .arg("check")
        .args(extra)
        .arg(root)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn without_a_configuration_everything_is_reported() {
    let dir = repo();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), both());
    assert_eq!(run.code, 1);
}

#[test]
fn exclude_leaves_files_unread() {
    let dir = repo();
    fs::write(
        dir.path().join("typo-gate.toml"),
        "exclude = [\"vendor/\"]\n",
    )
    .unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), both()[..1].to_vec());
}

#[test]
fn the_configuration_is_found_above_the_checked_folder() {
    let dir = repo();
    fs::write(dir.path().join(".typo-gate.toml"), "exclude = [\"x.py\"]\n").unwrap();
    let run = check_json(&[&dir.path().join("vendor")], &[]);
    assert_eq!(run.rows(), Vec::<common::Row>::new());
    assert_eq!(run.code, 0);
}

#[test]
fn pyproject_tool_table_is_read() {
    let dir = repo();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.typo-gate.allow]\npaths = [\"main.py\"]\n",
    )
    .unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), both()[1..].to_vec());
}

#[test]
fn severity_warning_reports_without_blocking_and_off_silences() {
    let dir = repo();
    let config = dir.path().join("typo-gate.toml");
    fs::write(&config, "[severity]\nextension-typo = \"warning\"\n").unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), both());
    assert_eq!(run.document["findings"][0]["severity"], "warning");
    assert_eq!(run.code, 0);
    fs::write(&config, "[severity]\nextension-typo = \"off\"\n").unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), Vec::<common::Row>::new());
    assert_eq!(run.code, 0);
}

#[test]
fn allowed_words_and_vocabulary_words_are_never_reported() {
    let dir = repo();
    let config = dir.path().join("typo-gate.toml");
    fs::write(&config, "[allow]\nwords = [\"lgo\"]\n").unwrap();
    assert_eq!(check_json(&[dir.path()], &[]).code, 0);
    fs::write(dir.path().join("words.txt"), "# ours\nlgo\n").unwrap();
    fs::write(&config, "vocabulary = [\"words.txt\"]\n").unwrap();
    assert_eq!(
        check_json(&[dir.path()], &[]).rows(),
        Vec::<common::Row>::new()
    );
}

#[test]
fn an_explicit_config_file_wins() {
    let dir = repo();
    fs::write(
        dir.path().join("typo-gate.toml"),
        "exclude = [\"vendor\"]\n",
    )
    .unwrap();
    let other = dir.path().join("other.toml");
    fs::write(&other, "exclude = [\"main.py\"]\n").unwrap();
    let run = check_json(&[dir.path()], &["--config", other.to_str().unwrap()]);
    assert_eq!(run.rows(), both()[1..].to_vec());
}

#[test]
fn max_file_size_from_the_configuration_and_the_command_line() {
    let dir = repo();
    fs::write(dir.path().join("typo-gate.toml"), "max-file-size = 10\n").unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.rows(), Vec::<common::Row>::new());
    let run = check_json(&[dir.path()], &["--max-file-size", "1K"]);
    assert_eq!(run.rows(), both());
}

#[test]
fn paths_map_deploy_folders_onto_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("site/conf")).unwrap();
    fs::write(root.join("site/conf/app.ini"), "").unwrap();
    fs::write(root.join("main.py"), "CONF = \"/srv/app/conf/app.inii\"\n").unwrap();
    let before = check_json(&[root], &[]);
    fs::write(
        root.join("typo-gate.toml"),
        "[paths]\n\"/srv/app\" = \"site\"\n",
    )
    .unwrap();
    let after = check_json(&[root], &[]);
    assert_eq!(
        after.rows(),
        vec![row(
            "extension-typo",
            "main.py",
            1,
            26,
            ".inii",
            Some(".ini")
        )],
        "before: {:?}",
        before.rows()
    );
}

#[test]
fn formats_add_globs_to_a_language() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("logs")).unwrap();
    fs::write(root.join("logs/app.log"), "").unwrap();
    fs::write(root.join("settings.tpl"), "LOG = \"logs/app.lgo\"\n").unwrap();
    assert_eq!(check_json(&[root], &[]).rows(), Vec::<common::Row>::new());
    fs::write(
        root.join("typo-gate.toml"),
        "[formats]\npython = [\"*.tpl\"]\n",
    )
    .unwrap();
    assert_eq!(
        check_json(&[root], &[]).rows(),
        vec![row(
            "extension-typo",
            "settings.tpl",
            1,
            16,
            ".lgo",
            Some(".log")
        )]
    );
}

#[test]
fn an_unknown_key_names_the_file_the_line_and_the_key_meant() {
    let dir = repo();
    fs::write(
        dir.path().join("typo-gate.toml"),
        "# ours\nexclud = [\"vendor\"]\n",
    )
    .unwrap();
    let (code, stderr) = stderr_of(dir.path(), &[]);
    assert_eq!(code, 2);
    let file = dir.path().canonicalize().unwrap().join("typo-gate.toml");
    assert!(
        stderr.contains(&format!("{}:2: unknown key `exclud`", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains("help: did you mean `exclude`?"), "{stderr}");
    assert!(stderr.contains("exclud = [\"vendor\"]"), "{stderr}");
}

#[test]
fn bad_values_are_errors_with_a_hint() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "[severity]\nextension-typo = \"warn\"\n",
            ":2: the severity of `extension-typo` must be \"error\", \"warning\" or \"off\"",
            "did you mean `warning`?",
        ),
        (
            "[severity]\npath-typos = \"off\"\n",
            ":2: unknown rule `path-typos` in [severity]",
            "did you mean `path-typo`?",
        ),
        (
            "[allow]\nword = []\n",
            ":2: unknown key `word` in [allow]",
            "did you mean `words`?",
        ),
        (
            "[formats]\npyhton = [\"*.tpl\"]\n",
            ":2: unknown format `pyhton` in [formats]",
            "did you mean `python`?",
        ),
        (
            "exclude = \"vendor\"\n",
            ":1: `exclude` must be an array of strings, not string",
            "",
        ),
        (
            "\n\nmax-file-size = \"lots\"\n",
            ":3: `max-file-size` must be a size in bytes or with a unit",
            "examples: 2097152",
        ),
        ("exclude = [\n", ":1: unclosed array, expected `]`", ""),
    ];
    for (text, message, help) in cases {
        let dir = repo();
        fs::write(dir.path().join("typo-gate.toml"), text).unwrap();
        let (code, stderr) = stderr_of(dir.path(), &[]);
        assert_eq!(code, 2, "{text}");
        assert!(stderr.contains(message), "{text}: {stderr}");
        assert!(stderr.contains(help), "{text}: {stderr}");
    }
}

#[test]
fn init_writes_the_starter_file_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let output = typo_gate()
        .arg("init")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "wrote ./typo-gate.toml\n"
    );
    let again = typo_gate()
        .arg("init")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8(again.stderr)
        .unwrap()
        .contains("./typo-gate.toml already exists"));
    let forced = typo_gate()
        .args(["init", "--force"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0));
    // The starter file is a valid configuration.
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn schema() -> Value {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("typo-gate.schema.json"))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn starter_as_json() -> Value {
    let dir = tempfile::tempdir().unwrap();
    typo_gate()
        .arg("init")
        .current_dir(dir.path())
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("typo-gate.toml")).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn the_starter_file_validates_against_the_schema() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let starter = starter_as_json();
    let errors: Vec<String> = validator
        .iter_errors(&starter)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bad: Value = serde_json::json!({"exclud": []});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_schema_lists_the_keys_rules_and_formats_the_tool_accepts() {
    let schema = schema();
    let keys = |v: &Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let mut accepted: Vec<String> = typo_gate::config::KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    accepted.sort();
    assert_eq!(keys(&schema["properties"]), accepted);
    let mut allow: Vec<String> = typo_gate::config::ALLOW_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    allow.sort();
    assert_eq!(keys(&schema["properties"]["allow"]["properties"]), allow);
    let enumerated = |v: &Value| -> Vec<String> {
        v["propertyNames"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let mut rules: Vec<String> = typo_gate::check::RULES
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    rules.push(typo_gate::config::TESTS.to_string());
    assert_eq!(enumerated(&schema["properties"]["severity"]), rules);
    let formats: Vec<String> = typo_gate::lang::LANGUAGES
        .iter()
        .map(|l| l.id.to_string())
        .collect();
    assert_eq!(enumerated(&schema["properties"]["formats"]), formats);
}
