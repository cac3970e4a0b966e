//! Where each format's paths start. `github`, `sarif`, `gitlab` and `junit` show paths
//! relative to the repository's top (`GITHUB_WORKSPACE`, else the nearest folder holding
//! `.git`, else the checked folder), however the root was given; `human` and `json` show
//! them under the root as typed.
#![cfg(unix)]
mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{fixture, typo_gate};
use serde_json::{json, Value};

const VIEW: &str = "<?php\nreturn array(\n\t'layout' => 'layuot.php',\n);\n";

/// The annotation of the typo in `VIEW` at `path`.
fn annotation(path: &str) -> String {
    format!(
        "::error file={path},line=3,col=15,endColumn=21,title=path-typo::\
         `layuot.php` does not exist in the repository; did you mean `layout.php`?\n\
         typo-gate: 1 finding, 2 files scanned\n"
    )
}

/// A folder holding `site/` with `VIEW` in `site/index.php`, and a folder to run from
/// that is neither inside it nor above it.
fn layout() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let top = tempfile::tempdir().unwrap();
    let repo = top.path().join("repo");
    for (path, text) in [
        ("site/index.php", VIEW),
        ("site/templates/layout.php", "<?php ?>\n"),
    ] {
        let path = repo.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let elsewhere = top.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    (top, repo, elsewhere)
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

fn check(cwd: &Path, workspace: Option<&Path>, format: &str, root: &Path) -> String {
    let mut cmd = typo_gate();
    cmd.current_dir(cwd)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--format", format])
        .arg(root);
    if let Some(workspace) = workspace {
        cmd.env("GITHUB_WORKSPACE", workspace);
    }
    stdout(&mut cmd, 1)
}

fn sarif_location(log: &str) -> Value {
    let log: Value = serde_json::from_str(log).unwrap();
    let result = &log["runs"][0]["results"][0];
    json!({
        "bases": log["runs"][0]["originalUriBaseIds"],
        "location": result["locations"][0]["physicalLocation"]["artifactLocation"],
        "fix": result["fixes"][0]["artifactChanges"][0]["artifactLocation"],
    })
}

/// `file:///…/`: the folder as SARIF names a base.
fn folder_uri(folder: &Path) -> String {
    format!("file://{}/", folder.canonicalize().unwrap().display())
}

#[test]
fn every_form_of_a_root_in_the_workspace_gives_the_same_paths() {
    let (_top, repo, elsewhere) = layout();
    let site = repo.join("site");
    // Absolute, `./x`, `../repo/x`, a path through `..` inside the tree, and one file.
    let forms: [(&Path, PathBuf); 6] = [
        (&repo, site.clone()),
        (&elsewhere, site.clone()),
        (&repo, PathBuf::from("./site")),
        (&elsewhere, PathBuf::from("../repo/site")),
        (&repo, PathBuf::from("site/templates/../../site")),
        (&elsewhere, site.join("index.php")),
    ];
    for (cwd, root) in &forms {
        let out = check(cwd, Some(&repo), "github", root);
        let expected = annotation("site/index.php");
        let expected = if root.ends_with("index.php") {
            expected.replace("2 files scanned", "1 file scanned")
        } else {
            expected
        };
        assert_eq!(out, expected, "from {}: {}", cwd.display(), root.display());

        let location = json!({ "uri": "site/index.php", "uriBaseId": "%SRCROOT%" });
        assert_eq!(
            sarif_location(&check(cwd, Some(&repo), "sarif", root)),
            json!({
                "bases": { "%SRCROOT%": { "uri": folder_uri(&repo) } },
                "location": location,
                "fix": location,
            }),
            "from {}: {}",
            cwd.display(),
            root.display()
        );

        let report: Value = serde_json::from_str(&check(cwd, Some(&repo), "gitlab", root)).unwrap();
        assert_eq!(report[0]["location"]["path"], "site/index.php");

        let xml = check(cwd, Some(&repo), "junit", root);
        assert!(
            xml.contains("<testcase name=\"site/index.php\" classname=\"typo-gate\" file=\"site/index.php\">"),
            "{xml}"
        );
    }
}

#[test]
fn human_and_json_keep_the_root_as_typed() {
    let (_top, repo, elsewhere) = layout();
    let out = stdout(
        typo_gate()
            .current_dir(&elsewhere)
            .env("GITHUB_WORKSPACE", &repo)
            .args(["check", "--color", "never", "../repo/site"]),
        1,
    );
    assert!(
        out.contains("\u{256d}\u{2500}[../repo/site/index.php:3:15]\n"),
        "{out}"
    );
    let out = check(&elsewhere, Some(&repo), "json", Path::new("../repo/site"));
    let document: Value = serde_json::from_str(&out).unwrap();
    let finding = &document["findings"][0];
    assert_eq!(
        (&finding["root"], &finding["path"]),
        (&json!("../repo/site"), &json!("index.php"))
    );
}

#[test]
fn without_a_workspace_the_top_of_the_git_work_tree() {
    let (_top, repo, elsewhere) = layout();
    std::fs::create_dir(repo.join(".git")).unwrap();
    let site = repo.join("site");
    assert_eq!(
        check(&elsewhere, None, "github", &site),
        annotation("site/index.php")
    );
    let location = json!({ "uri": "site/index.php", "uriBaseId": "%SRCROOT%" });
    assert_eq!(
        sarif_location(&check(&elsewhere, None, "sarif", &site)),
        json!({
            "bases": { "%SRCROOT%": { "uri": folder_uri(&repo) } },
            "location": location,
            "fix": location,
        })
    );

    // A worktree's `.git` is a file; the nearest one wins.
    std::fs::write(site.join(".git"), "gitdir: ../.git/worktrees/site\n").unwrap();
    assert_eq!(
        check(&elsewhere, None, "github", &site),
        annotation("index.php")
    );
}

#[test]
fn outside_any_work_tree_the_checked_folder() {
    let (top, repo, elsewhere) = layout();
    let above_git: Vec<&Path> = top
        .path()
        .ancestors()
        .filter(|dir| dir.join(".git").exists())
        .collect();
    assert_eq!(
        above_git,
        Vec::<&Path>::new(),
        "the temporary folder must lie outside any git work tree for this test"
    );
    let site = repo.join("site");
    assert_eq!(
        check(&elsewhere, None, "github", &site),
        annotation("index.php")
    );
    let location = json!({ "uri": "index.php", "uriBaseId": "%SRCROOT%" });
    assert_eq!(
        sarif_location(&check(&elsewhere, None, "sarif", &site)),
        json!({
            "bases": { "%SRCROOT%": { "uri": folder_uri(&site) } },
            "location": location,
            "fix": location,
        })
    );
}

#[test]
fn a_root_outside_the_workspace_keeps_absolute_paths() {
    let (_top, repo, elsewhere) = layout();
    let site = repo.join("site").canonicalize().unwrap();
    let absolute = format!("{}/index.php", site.display());
    assert_eq!(
        check(&elsewhere, Some(&elsewhere), "github", &site),
        annotation(&absolute)
    );
    let location = json!({ "uri": format!("file://{absolute}") });
    // No root lies in the workspace, so no base is named.
    assert_eq!(
        sarif_location(&check(&elsewhere, Some(&elsewhere), "sarif", &site)),
        json!({ "bases": null, "location": location, "fix": location })
    );
}

#[test]
fn roots_in_two_repositories_have_a_base_each() {
    let (_top, repo, elsewhere) = layout();
    std::fs::create_dir(repo.join(".git")).unwrap();
    let other = fixture("php-template").join("bad");
    let output = typo_gate()
        .current_dir(&elsewhere)
        .args(["check", "--format", "sarif"])
        .arg(repo.join("site"))
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let other_base = other
        .canonicalize()
        .unwrap()
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| other.canonicalize().unwrap());
    assert_eq!(
        log["runs"][0]["originalUriBaseIds"],
        json!({
            "%SRCROOT%": { "uri": folder_uri(&repo) },
            "%SRCROOT2%": { "uri": folder_uri(&other_base) },
        })
    );
    let locations: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"])
        .collect();
    assert_eq!(locations, [&json!("%SRCROOT%"), &json!("%SRCROOT2%")]);
}
