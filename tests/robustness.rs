//! Bad input gets a clear message and never a crash, a hang or a silent pass.
mod common;

use std::fs;
use std::time::Duration;

use common::{check_json, row, typo_gate, Row};

#[test]
fn missing_path_exits_2_with_a_clear_error() {
    let output = typo_gate()
        .args(["check", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("path not found: no/such/folder"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn bad_arguments_exit_2() {
    let output = typo_gate()
        .args(["check", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = typo_gate().args(["check", "--jobs", "0"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn hostile_files_are_skipped_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A binary file whose text would otherwise be a finding.
    fs::write(root.join("blob.php"), b"<?php require 'x.phpp';\0\x01\x02").unwrap();
    // A 10 MB single-line file: over the size limit.
    fs::write(root.join("huge.py"), "x = 'a' + ".repeat(1_048_576)).unwrap();
    // Invalid UTF-8 around a real typo: read lossily, still checked.
    let mut bytes = b"<?php\n// \xff\xfe broken\nrequire __DIR__ . '/inc.phpp';\n".to_vec();
    bytes.extend_from_slice(b"$x = '\xc3\x28';\n");
    fs::write(root.join("latin.php"), bytes).unwrap();
    fs::write(root.join("inc.php"), "<?php\n").unwrap();
    // A symlink loop and a link out of the root.
    std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("/", root.join("outside")).unwrap();
    // A FIFO that nobody writes to: reading it would hang forever.
    let fifo = root.join("pipe.py");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());

    let output = typo_gate()
        .args(["check", "--format", "json"])
        .arg(root)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows: Vec<Row> = common::JsonRun {
        code: output.status.code().unwrap(),
        document: document.clone(),
        stderr: String::new(),
    }
    .rows();
    assert_eq!(
        rows,
        vec![row(
            "extension-typo",
            "latin.php",
            3,
            24,
            ".phpp",
            Some(".php")
        )]
    );
    assert_eq!(output.status.code(), Some(1));
    // Scanned: latin.php, inc.php. Skipped: the binary, the huge file, the FIFO.
    assert_eq!(document["summary"]["files_scanned"], 2);
    assert_eq!(document["summary"]["files_skipped"], 3);
}

#[test]
fn a_name_padded_with_white_space_on_disk_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("static ")).unwrap();
    fs::write(dir.path().join("ok.py"), "X = 1\n").unwrap();
    let run = check_json(&[dir.path()], &[]);
    assert_eq!(
        run.rows(),
        vec![row(
            "path-whitespace",
            "static ",
            1,
            1,
            "static ",
            Some("static")
        )]
    );
    assert_eq!(run.code, 1);
}

#[test]
fn gitignored_files_are_not_checked_but_still_exist() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join(".gitignore"), "build/\n").unwrap();
    fs::create_dir(root.join("build")).unwrap();
    fs::write(root.join("build/gen.php"), "<?php require 'x.phpp';\n").unwrap();
    fs::write(root.join("build/layout.php"), "<?php\n").unwrap();
    fs::write(
        root.join("index.php"),
        "<?php require __DIR__ . '/build/layout.php';\n",
    )
    .unwrap();
    let run = check_json(&[root], &[]);
    assert_eq!(run.rows(), Vec::<Row>::new());
    assert_eq!(run.code, 0);
    assert_eq!(run.summary("files_scanned"), 1);
}

#[test]
fn a_single_file_is_checked_against_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("layout.php"), "<?php\n").unwrap();
    fs::write(
        root.join("a.php"),
        "<?php require __DIR__ . '/layuot.php';\n",
    )
    .unwrap();
    fs::write(
        root.join("b.php"),
        "<?php require __DIR__ . '/layuot.php';\n",
    )
    .unwrap();
    let run = check_json(&[&root.join("a.php")], &[]);
    assert_eq!(
        run.rows(),
        vec![row("path-typo", "a.php", 1, 27, "layuot", Some("layout"))]
    );
    assert_eq!(run.summary("files_scanned"), 1);
}

#[test]
fn max_file_size_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.php"),
        "<?php require __DIR__ . '/b.phpp';\n",
    )
    .unwrap();
    let run = check_json(&[dir.path()], &["--max-file-size", "10"]);
    assert_eq!(run.rows(), Vec::<Row>::new());
    assert_eq!(run.summary("files_skipped"), 1);
    assert_eq!(run.code, 0);
}

/// A file too deep to read safely, generated here: its name and text.
struct Deep {
    name: &'static str,
    text: String,
    /// The nesting the note names as the limit.
    limit: usize,
}

/// The shapes of generated and hostile files that once overflowed the stack, ran for
/// minutes or aborted in a parser: long operator chains, deep parentheses, deep arrays and
/// flow sequences, deep indentation.
fn deep_files() -> Vec<Deep> {
    let chain = |item: &str, operator: &str, n: usize| vec![item; n].join(operator);
    vec![
        Deep {
            name: "lang.php",
            text: format!("<?php\n$a = {};\n", chain("\"/x\"", " . ", 5_000)),
            limit: 1000,
        },
        Deep {
            name: "generated.py",
            text: format!("a = {}\n", chain("\"x\"", " + ", 100_000)),
            limit: 1000,
        },
        Deep {
            name: "parens.php",
            text: format!(
                "<?php\n$a = {}1{};\n",
                "(".repeat(50_000),
                ")".repeat(50_000)
            ),
            limit: 1000,
        },
        Deep {
            name: "data.json",
            text: format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            limit: 1000,
        },
        Deep {
            name: "flow.yaml",
            text: format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            limit: 1000,
        },
        // Indented past what the YAML scanner can hold: it would abort the process.
        Deep {
            name: "indented.yml",
            text: (0..300).map(|i| format!("{}k:\n", " ".repeat(i))).collect(),
            limit: 200,
        },
    ]
}

#[test]
fn a_file_too_deep_to_read_is_named_and_the_others_are_still_checked() {
    for deep in deep_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join(deep.name), &deep.text).unwrap();
        fs::write(
            root.join("app.php"),
            "<?php\nrequire __DIR__ . '/inc.phpp';\n",
        )
        .unwrap();
        fs::write(root.join("inc.php"), "<?php\n").unwrap();

        let run = check_json(&[root], &[]);
        let note = format!(
            "warning: {}: not read: nested more than {} levels deep\n",
            root.join(deep.name).display(),
            deep.limit
        );
        assert_eq!(run.stderr, note, "{}", deep.name);
        assert_eq!(
            run.rows(),
            vec![row(
                "extension-typo",
                "app.php",
                2,
                24,
                ".phpp",
                Some(".php")
            )],
            "{}",
            deep.name
        );
        assert_eq!(run.code, 1, "{}: the finding blocks", deep.name);
        assert_eq!(run.summary("files_not_read"), 1, "{}", deep.name);
        assert_eq!(run.summary("files_scanned"), 2, "{}", deep.name);

        // Alone, the unread file fails the run closed.
        fs::remove_file(root.join("app.php")).unwrap();
        let output = typo_gate().arg("check").arg(root).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", deep.name);
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            note,
            "{}",
            deep.name
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.starts_with("0 findings in 0 files, 1 file scanned in ")
                && stdout.ends_with(" ms (1 not read)\n"),
            "{}: {stdout}",
            deep.name
        );
    }
}

#[test]
fn a_definition_that_names_itself_many_times_is_checked_in_bounded_work() {
    // Each level of `BASE_DIR` multiplies the work by four: unbounded, this file alone
    // kept the run busy for minutes (found by the python fuzz target).
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("settings.py"),
        "import os\n\
         BASE_DIR = os.path.join(BASE_DIR, BASE_DIR, BASE_DIR, BASE_DIR, \"stat ic\")\n\
         STATIC_ROOT = os.path.join(BASE_DIR, \"x\")\n",
    )
    .unwrap();
    fs::write(
        root.join("app.php"),
        "<?php\nrequire __DIR__ . '/inc.phpp';\n",
    )
    .unwrap();
    fs::write(root.join("inc.php"), "<?php\n").unwrap();

    let run = check_json(&[root], &[]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.rows(),
        vec![row(
            "extension-typo",
            "app.php",
            2,
            24,
            ".phpp",
            Some(".php")
        )]
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.summary("files_scanned"), 3);
}

#[test]
fn a_value_word_of_letters_of_several_bytes_is_compared_without_a_crash() {
    // The repository's words were looked up capitalised by slicing the first byte, which
    // panicked inside `ح`.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.yml"), "label: حساب\n").unwrap();
    fs::write(root.join("b.yml"), "label: حساب\n").unwrap();
    fs::write(root.join("c.yml"), "label: حسات\n").unwrap();

    let run = check_json(&[root], &[]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.rows(),
        vec![row("value-typo", "c.yml", 1, 8, "حسات", Some("حساب"))]
    );
    assert_eq!(run.code, 1);
}
