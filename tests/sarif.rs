//! `--format sarif` and `--sarif-output`: valid SARIF 2.1.0 (the typed model of
//! `serde-sarif`, and the official schema where it sits beside the repository), exact in its
//! fields, and stable in its fingerprints.
mod common;

use std::path::Path;

use common::{fixture, typo_gate};
use serde_json::{json, Value};

/// A SARIF run in `dir` as the workspace, as a job runs in its checkout.
fn sarif(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = typo_gate()
        .current_dir(dir)
        .env("GITHUB_WORKSPACE", dir)
        .args(["check", "--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    let log = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap(), log)
}

/// Every way `log` departs from SARIF 2.1.0: a field the typed model (generated from the
/// official schema) does not know, a value it cannot hold, and, where the official schema
/// file sits beside the repository, each error that schema finds.
fn schema_errors(log: &Value) -> Vec<String> {
    let mut errors = typed_model_errors(log);
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sarif-schema-2.1.0.json");
    match std::fs::read(&schema) {
        Ok(bytes) => {
            let schema: Value = serde_json::from_slice(&bytes).unwrap();
            let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
            errors.extend(
                validator
                    .iter_errors(log)
                    .map(|e| format!("{} at {}", e, e.instance_path())),
            );
        }
        // The note says why this run checked less; it is the test's own output.
        #[allow(clippy::print_stderr)]
        Err(_) => eprintln!(
            "note: {} is absent; the log was checked against the typed SARIF model only",
            schema.display()
        ),
    }
    errors
}

/// Deserializes `log` into `serde_sarif`'s model, rejecting every field it ignores.
fn typed_model_errors(log: &Value) -> Vec<String> {
    let mut unknown = Vec::new();
    let parsed: Result<serde_sarif::sarif::Sarif, _> =
        serde_ignored::deserialize(log, |path| unknown.push(format!("unknown field {path}")));
    match parsed {
        Ok(_) => unknown,
        Err(e) => vec![format!("not a SARIF 2.1.0 log: {e}")],
    }
}

#[test]
fn logs_with_and_without_findings_follow_the_schema() {
    let (code, log) = sarif(&fixture("php-template"), &["bad"]);
    assert_eq!(code, 1);
    assert_eq!(schema_errors(&log), Vec::<String>::new());

    let incidents = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (code, log) = sarif(&incidents, &["incidents"]);
    assert_eq!(code, 1);
    assert!(log["runs"][0]["results"].as_array().unwrap().len() > 5);
    assert_eq!(schema_errors(&log), Vec::<String>::new());

    let (code, log) = sarif(&fixture("php-template"), &["clean"]);
    assert_eq!(code, 0);
    assert_eq!(log["runs"][0]["results"], json!([]));
    assert_eq!(schema_errors(&log), Vec::<String>::new());
}

#[test]
fn the_schema_check_rejects_a_broken_log() {
    let (_, mut log) = sarif(&fixture("php-template"), &["bad"]);
    log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert_eq!(
        typed_model_errors(&log),
        ["not a SARIF 2.1.0 log: unknown variant `fatal`, expected one of `none`, `note`, `warning`, `error`"]
    );
    assert!(!schema_errors(&log).is_empty());

    let (_, mut log) = sarif(&fixture("php-template"), &["bad"]);
    log["runs"][0]["results"][0]["locaton"] = json!({});
    assert_eq!(
        typed_model_errors(&log),
        ["unknown field runs.0.results.?.0.locaton"]
    );
}

#[test]
fn the_driver_describes_every_rule() {
    let (_, log) = sarif(&fixture("php-template"), &["clean"]);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "typo-gate");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let registry: Vec<&str> = typo_gate::check::RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids, registry);

    let path_typo = &rules[ids.iter().position(|id| *id == "path-typo").unwrap()];
    let rule = typo_gate::check::rule("path-typo").unwrap();
    assert_eq!(path_typo["name"], "PathTypo");
    assert_eq!(path_typo["shortDescription"]["text"], rule.summary);
    assert!(path_typo["fullDescription"]["text"]
        .as_str()
        .unwrap()
        .starts_with("A path named in code or configuration (a `require`/`include` target,"));
    assert_eq!(path_typo["help"]["text"], rule.docs);
    assert_eq!(path_typo["help"]["markdown"], rule.docs);
    assert_eq!(path_typo["defaultConfiguration"]["level"], "error");
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn a_result_has_the_rule_the_place_and_the_fix() {
    let (_, log) = sarif(&fixture("php-template"), &["bad"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let mut result = results[0].clone();
    let fingerprint = result["partialFingerprints"]["typoGate/v1"].take();
    assert!(
        fingerprint
            .as_str()
            .is_some_and(|f| f.len() == 16 && f.chars().all(|c| c.is_ascii_hexdigit())),
        "{fingerprint}"
    );
    let rule_index = typo_gate::check::RULES
        .iter()
        .position(|r| r.id == "path-typo")
        .unwrap();
    let location = json!({ "uri": "bad/config/view.php", "uriBaseId": "%SRCROOT%" });
    // `'layuot.php'` after a tab: the token is columns 16 to 25, the end column exclusive;
    // the wrong characters, `layuot`, columns 16 to 21.
    let region = json!({ "startLine": 4, "startColumn": 16, "endLine": 4, "endColumn": 22 });
    let mut shown = region.clone();
    shown["snippet"] = json!({ "text": "layuot" });
    let context = json!({
        "startLine": 4, "startColumn": 16, "endLine": 4, "endColumn": 26,
        "snippet": { "text": "layuot.php" },
    });
    assert_eq!(
        result,
        json!({
            "ruleId": "path-typo",
            "ruleIndex": rule_index,
            "level": "error",
            "message": {
                "text": "`layuot.php` does not exist in the repository; did you mean `layout.php`?"
            },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": shown,
                    "contextRegion": context,
                }
            }],
            "partialFingerprints": { "typoGate/v1": null },
            "fixes": [{
                "description": { "text": "Replace `layuot` with `layout`" },
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [{
                        "deletedRegion": region,
                        "insertedContent": { "text": "layout" }
                    }]
                }]
            }]
        })
    );

    // The workspace is the base the relative paths resolve against.
    let workspace = fixture("php-template").canonicalize().unwrap();
    assert_eq!(
        log["runs"][0]["originalUriBaseIds"],
        json!({ "%SRCROOT%": { "uri": format!("file://{}/", workspace.display()) } })
    );

    // Checked from inside the root, the path has no `./` in front.
    let (_, log) = sarif(&fixture("php-template").join("bad"), &["."]);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "config/view.php");
    let (_, log) = sarif(&fixture("php-template"), &["./bad/"]);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "bad/config/view.php");
}

fn fingerprints(dir: &Path) -> Vec<(u64, String)> {
    let (_, log) = sarif(dir, &["."]);
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                r["partialFingerprints"]["typoGate/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_moved_lines_and_tell_twins_apart() {
    let repo = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = repo.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let view =
        std::fs::read_to_string(fixture("php-template").join("bad/config/view.php")).unwrap();
    write("templates/layout.php", "<?php ?>\n");
    write("templates/sidebar.php", "<?php ?>\n");
    write("config/view.php", &view);
    let before = fingerprints(repo.path());
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0, 4);

    write(
        "config/view.php",
        &view.replacen("<?php\n", "<?php\n\n\n\n", 1),
    );
    let after = fingerprints(repo.path());
    assert_eq!(after[0].0, 7, "the finding moved down three lines");
    assert_eq!(after[0].1, before[0].1, "and kept its fingerprint");

    // The same typo twice in one file: two results, two fingerprints, the first unchanged.
    let twice = view.replace(
        "'sidebar' => 'sidebar.php',",
        "'sidebar' => 'sidebar.php',\n\t'footer'  => 'layuot.php',",
    );
    write("config/view.php", &twice);
    let twins = fingerprints(repo.path());
    assert_eq!(twins.len(), 2);
    assert_eq!(twins[0].1, before[0].1);
    assert_ne!(twins[1].1, twins[0].1);
}

#[test]
fn sarif_output_writes_the_log_beside_another_format() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("typo-gate.sarif");
    let output = typo_gate()
        .current_dir(fixture("php-template"))
        .env("GITHUB_WORKSPACE", fixture("php-template"))
        .args(["check", "--format", "json", "--sarif-output"])
        .arg(&file)
        .arg("bad")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["findings"], 1);
    let log: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let (_, stdout_log) = sarif(&fixture("php-template"), &["bad"]);
    assert_eq!(log, stdout_log);

    // An unwritable destination is the tool failing, with the path in the message.
    let missing = out.path().join("no-such-folder/typo-gate.sarif");
    let output = typo_gate()
        .current_dir(fixture("php-template"))
        .args(["check", "--sarif-output"])
        .arg(&missing)
        .arg("clean")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write the report") && stderr.contains("no-such-folder"),
        "{stderr}"
    );
}

#[test]
fn a_badly_named_folder_is_a_result_without_region_or_fix() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join("static ")).unwrap();
    std::fs::write(repo.path().join("ok.py"), "X = 1\n").unwrap();
    let (code, log) = sarif(repo.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(schema_errors(&log), Vec::<String>::new());
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "path-whitespace");
    assert_eq!(
        result["locations"][0]["physicalLocation"],
        json!({ "artifactLocation": { "uri": "static%20", "uriBaseId": "%SRCROOT%" } })
    );
    assert_eq!(result.get("fixes"), None);

    // An absolute root in the workspace gives the same relative URI.
    let (_, log) = sarif(repo.path(), &[repo.path().to_str().unwrap()]);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"],
        json!({ "uri": "static%20", "uriBaseId": "%SRCROOT%" })
    );
}
