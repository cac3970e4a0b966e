//! The result cache: a warm run prints what a cold run prints, byte for byte, and nothing a
//! finding depends on can change without the stored findings being passed over.
mod common;

use std::path::{Path, PathBuf};

use common::typo_gate;

/// A repository with one mistyped template name.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "config/view.php", VIEW_WITH_TYPO);
    write(dir.path(), "templates/layout.php", "<p>layout</p>\n");
    write(dir.path(), "templates/sidebar.php", "<p>sidebar</p>\n");
    dir
}

const VIEW_WITH_TYPO: &str =
    "<?php\nreturn array(\n\t'layout'  => 'layuot.php',\n\t'sidebar' => 'sidebar.php',\n);\n";
const VIEW_FIXED: &str =
    "<?php\nreturn array(\n\t'layout'  => 'layout.php',\n\t'sidebar' => 'sidebar.php',\n);\n";
const VIEW_OTHER_TYPO: &str =
    "<?php\nreturn array(\n\t'layout'  => 'layout.php',\n\t'sidebar' => 'sidebra.php',\n);\n";

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// One run's exit code, stdout with the run's duration blanked, and stderr.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(root: &Path, cache: Option<&Path>, format: &str) -> Run {
    let mut cmd = typo_gate();
    cmd.arg("check")
        .args(["--format", format, "--color", "never"]);
    match cache {
        Some(dir) => cmd.arg("--cache-dir").arg(dir),
        None => cmd.arg("--no-cache"),
    };
    let output = cmd
        .arg(root)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let duration = regex_lite::Regex::new(r#"("duration_ms":)\d+| in \d+ ms"#).unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: duration.replace_all(&stdout, "${1}0").into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn stored(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|listing| listing.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    files
}

#[test]
fn a_warm_run_prints_what_a_cold_run_prints() {
    let repo = repository();
    let temporary = tempfile::tempdir().unwrap();
    let cache = temporary.path().join("results");
    let cache = cache.as_path();
    for format in ["json", "human", "sarif", "github", "junit"] {
        let fresh = run(repo.path(), None, format);
        let cold = run(repo.path(), Some(cache), format);
        let warm = run(repo.path(), Some(cache), format);
        assert_eq!(cold.code, 1, "{format}: {cold:?}");
        assert_eq!(cold.stderr, "");
        assert_eq!(warm, cold, "{format}");
        assert_eq!(fresh, cold, "{format}");
    }
    let human = run(repo.path(), Some(cache), "human");
    assert!(
        human
            .stdout
            .contains("`layuot.php` does not exist in the repository"),
        "{}",
        human.stdout
    );
    assert_eq!(stored(cache).len(), 1);
    // A folder typo-gate creates keeps itself out of walks and commits.
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# Written by typo-gate.\n*\n"
    );
}

/// The stored findings are what a warm run reports: altered in the cache, altered in the
/// output. (Only a test alters them; it shows the run did reuse them.)
#[test]
fn a_warm_run_reports_the_stored_findings() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    run(repo.path(), Some(cache.path()), "json");
    let [file] = stored(cache.path()).try_into().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("does not exist in the repository"));
    std::fs::write(&file, text.replace("does not exist", "is not found")).unwrap();
    let warm = run(repo.path(), Some(cache.path()), "json");
    assert!(
        warm.stdout.contains("`layuot.php` is not found"),
        "{warm:?}"
    );
}

#[test]
fn after_an_edit_the_output_is_that_of_a_cold_run() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    let before = run(repo.path(), Some(cache.path()), "json");
    assert_eq!(before.code, 1);
    for (text, code) in [(VIEW_FIXED, 0), (VIEW_OTHER_TYPO, 1), (VIEW_WITH_TYPO, 1)] {
        write(repo.path(), "config/view.php", text);
        for format in ["json", "human"] {
            let warm = run(repo.path(), Some(cache.path()), format);
            assert_eq!(warm.code, code, "{text}");
            assert_eq!(warm, run(repo.path(), None, format), "{text}");
        }
    }
    assert_eq!(run(repo.path(), Some(cache.path()), "json"), before);
    let fixed = {
        write(repo.path(), "config/view.php", VIEW_FIXED);
        run(repo.path(), Some(cache.path()), "json")
    };
    assert_ne!(fixed.stdout, before.stdout);
    // A renamed file changes the findings of the files that name it.
    write(repo.path(), "config/view.php", VIEW_WITH_TYPO);
    std::fs::rename(
        repo.path().join("templates/layout.php"),
        repo.path().join("templates/layuot.php"),
    )
    .unwrap();
    let renamed = run(repo.path(), Some(cache.path()), "json");
    assert_eq!(renamed, run(repo.path(), None, "json"));
    assert_eq!(renamed.code, 0);
}

#[test]
fn a_configuration_change_is_not_answered_from_the_cache() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    assert_eq!(run(repo.path(), Some(cache.path()), "json").code, 1);
    write(
        repo.path(),
        "typo-gate.toml",
        "[severity]\npath-typo = \"off\"\n",
    );
    let off = run(repo.path(), Some(cache.path()), "json");
    assert_eq!(off.code, 0, "{off:?}");
    assert_eq!(off, run(repo.path(), None, "json"));
    // A configuration above the root, outside the walked tree, counts too.
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("app");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::rename(repo.path().join("config"), inner.join("config")).unwrap();
    std::fs::rename(repo.path().join("templates"), inner.join("templates")).unwrap();
    assert_eq!(run(&inner, Some(cache.path()), "json").code, 1);
    write(
        outer.path(),
        "typo-gate.toml",
        "[severity]\npath-typo = \"off\"\n",
    );
    assert_eq!(run(&inner, Some(cache.path()), "json").code, 0);
    write(
        outer.path(),
        "typo-gate.toml",
        "[severity]\npath-typo = \"warning\"\n",
    );
    let warning = run(&inner, Some(cache.path()), "json");
    assert_eq!(warning.code, 0);
    assert_eq!(warning, run(&inner, None, "json"));
    assert!(warning.stdout.contains("\"severity\":\"warning\""));
}

#[test]
fn a_corrupt_cache_is_passed_over() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    let cold = run(repo.path(), Some(cache.path()), "json");
    let [file] = stored(cache.path()).try_into().unwrap();
    for garbage in [&b"{\"format\": 1"[..], b"\xff\xfe\0", b""] {
        std::fs::write(&file, garbage).unwrap();
        assert_eq!(run(repo.path(), Some(cache.path()), "json"), cold);
    }
    // Stored again, and reused.
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("{\"format\""));
    assert_eq!(run(repo.path(), Some(cache.path()), "json"), cold);
}

#[test]
fn an_unwritable_cache_never_fails_the_run() {
    let repo = repository();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    // A file where the folder should be: nothing can be stored below it.
    let cache = blocker.path().join("cache");
    let run_with = run(repo.path(), Some(&cache), "json");
    assert_eq!(run_with, run(repo.path(), None, "json"));
    assert_eq!(run_with.code, 1);
    assert_eq!(run_with.stderr, "");
}

#[test]
fn no_cache_reads_and_writes_nothing() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    let folder = cache.path().join("results");
    let output = typo_gate()
        .args(["check", "--format", "json", "--no-cache", "--cache-dir"])
        .arg(&folder)
        .arg(repo.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!folder.exists());
    let output = typo_gate()
        .args(["check", "--format", "json", "--cache-dir"])
        .arg(&folder)
        .arg(repo.path())
        .env("TYPO_GATE_NO_CACHE", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!folder.exists());
    let output = typo_gate()
        .args(["check", "--format", "json"])
        .arg(repo.path())
        .env("TYPO_GATE_CACHE_DIR", &folder)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stored(&folder).len(), 1);
}

/// Runs with the default folder: no --cache-dir, no TYPO_GATE_CACHE_DIR.
fn run_default(root: &Path, xdg: &Path) -> i32 {
    typo_gate()
        .env_remove("TYPO_GATE_CACHE_DIR")
        .env("XDG_CACHE_HOME", xdg)
        .env("HOME", xdg)
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

#[test]
fn the_default_folder_is_in_the_git_folder_or_the_user_cache() {
    let home = tempfile::tempdir().unwrap();
    let repo = repository();
    assert_eq!(run_default(repo.path(), home.path()), 1);
    let user = if cfg!(target_os = "macos") {
        home.path().join("Library/Caches/typo-gate")
    } else {
        home.path().join("typo-gate")
    };
    assert_eq!(stored(&user).len(), 1);

    let repo = repository();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    assert_eq!(run_default(repo.path(), home.path()), 1);
    assert_eq!(stored(&repo.path().join(".git/typo-gate")).len(), 1);

    // A worktree's .git is a file naming its own git folder.
    let repo = repository();
    let admin = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        ".git",
        &format!("gitdir: {}\n", admin.path().display()),
    );
    assert_eq!(run_default(repo.path(), home.path()), 1);
    assert_eq!(stored(&admin.path().join("typo-gate")).len(), 1);
    assert_eq!(stored(&user).len(), 1);
}

#[test]
fn each_root_and_single_file_has_its_own_entries() {
    let repo = repository();
    let cache = tempfile::tempdir().unwrap();
    let file = repo.path().join("config/view.php");
    let whole = run(repo.path(), Some(cache.path()), "json");
    let single = run(&file, Some(cache.path()), "json");
    assert_eq!(stored(cache.path()).len(), 2);
    assert_eq!(run(&file, Some(cache.path()), "json"), single);
    assert_eq!(run(repo.path(), Some(cache.path()), "json"), whole);
    assert_eq!(single, run(&file, None, "json"));
}
