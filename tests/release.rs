//! `.github/workflows/release.yml`: wheels for Linux, macOS and Windows and an sdist, built by
//! maturin-action; only a tag publishes, and only the publishing job may mint an OIDC token.
//! typo-gate finds nothing in its own packaging files.
mod common;

use std::path::Path;

use common::typo_gate;
use yaml_rust2::{Yaml, YamlLoader};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn workflow() -> Yaml {
    let file = manifest_dir().join(".github/workflows/release.yml");
    let text = std::fs::read_to_string(file).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn strings(yaml: &Yaml) -> Vec<&str> {
    yaml.as_vec()
        .unwrap_or_else(|| panic!("expected a list: {yaml:?}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

fn uses(job: &Yaml) -> Vec<&str> {
    job["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect()
}

#[test]
fn a_tag_publishes_wheels_for_three_systems_and_an_sdist() {
    let workflow = workflow();
    assert_eq!(strings(&workflow["on"]["push"]["tags"]), ["v*"]);
    assert_eq!(workflow["permissions"]["contents"].as_str(), Some("read"));
    let jobs = &workflow["jobs"];

    let wheels = &jobs["wheels"];
    let builds = wheels["strategy"]["matrix"]["include"].as_vec().unwrap();
    let mut systems: Vec<&str> = builds.iter().map(|b| b["os"].as_str().unwrap()).collect();
    systems.dedup();
    assert_eq!(systems, ["ubuntu-latest", "macos-latest", "windows-latest"]);
    for build in builds {
        let target = build["target"].as_str().unwrap();
        let system = build["os"].as_str().unwrap();
        let family = match target.split('-').nth(2) {
            Some("linux") => "ubuntu",
            Some("darwin") => "macos",
            Some("windows") => "windows",
            _ => panic!("an unexpected target {target}"),
        };
        assert!(system.starts_with(family), "{target} on {system}");
    }
    assert_eq!(wheels["runs-on"].as_str(), Some("${{ matrix.os }}"));
    assert_eq!(
        uses(wheels),
        [
            "actions/checkout@v4",
            "PyO3/maturin-action@v1",
            "actions/upload-artifact@v4"
        ]
    );
    let build = &wheels["steps"][1]["with"];
    assert_eq!(build["target"].as_str(), Some("${{ matrix.target }}"));
    assert_eq!(build["args"].as_str(), Some("--release --out dist"));

    let sdist = &jobs["sdist"];
    assert_eq!(sdist["steps"][1]["with"]["command"].as_str(), Some("sdist"));

    let publish = &jobs["publish"];
    assert_eq!(strings(&publish["needs"]), ["wheels", "sdist"]);
    assert_eq!(
        publish["if"].as_str(),
        Some("startsWith(github.ref, 'refs/tags/v')")
    );
    assert_eq!(publish["environment"].as_str(), Some("pypi"));
    assert_eq!(publish["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(
        uses(publish),
        [
            "actions/download-artifact@v4",
            "pypa/gh-action-pypi-publish@release/v1"
        ]
    );
    assert_eq!(
        publish["steps"][0]["with"]["merge-multiple"].as_bool(),
        Some(true),
        "every artifact lands in one dist/"
    );

    for (name, job) in jobs.as_hash().unwrap() {
        if name.as_str() != Some("publish") {
            assert!(job["permissions"].is_badvalue(), "{name:?} mints no token");
        }
        for step in job["steps"].as_vec().unwrap() {
            assert!(step["run"].is_badvalue(), "no scripts: {step:?}");
        }
    }
}

#[test]
fn typo_gate_finds_nothing_in_its_own_packaging_files() {
    let output = typo_gate()
        .current_dir(manifest_dir())
        .args(["check", "--format", "json"])
        .args([
            ".github",
            "action.yml",
            ".pre-commit-hooks.yaml",
            "pyproject.toml",
            "Cargo.toml",
        ])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["findings"], serde_json::json!([]), "{document:#}");
    assert_eq!(document["summary"]["files_scanned"], 5);
    assert_eq!(output.status.code(), Some(0));
}
