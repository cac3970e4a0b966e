//! `typo-gate hook install`: where the hook goes, what it contains, when it refuses, and
//! that the installed hook really gates a commit.
#![cfg(unix)]
mod common;

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::fixture;

const PRE_PUSH: &str = r#"#!/bin/sh
# typo-gate hook
# Written by `typo-gate hook install`, which may rewrite it; remove this file to uninstall.
# Checks the repository before each push: exit 1 (findings) or 2 (the tool failed)
# stops the push. Skip the check once with `git push --no-verify`.
if ! command -v typo-gate >/dev/null 2>&1; then
    echo "typo-gate pre-push hook: typo-gate is not on PATH: install it, or skip the check once with git push --no-verify" >&2
    exit 2
fi
cd "$(git rev-parse --show-toplevel)" || exit 2
exec typo-gate check
"#;

/// A git repository isolated from the user's and the system's git configuration, with
/// a copy of `files` from a fixture folder.
struct Repo {
    dir: tempfile::TempDir,
    config: PathBuf,
}

impl Repo {
    fn new(from: Option<&Path>) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("gitconfig");
        std::fs::write(&config, "[user]\n\tname = t\n\temail = t@example.com\n").unwrap();
        let repo = Repo { dir, config };
        std::fs::create_dir(repo.root()).unwrap();
        repo.git(&["init", "-q"]);
        if let Some(from) = from {
            copy(from, &repo.root());
        }
        repo
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn isolate(&self, cmd: &mut Command) {
        for var in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GITHUB_ACTIONS",
            "GITHUB_STEP_SUMMARY",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("GIT_CONFIG_GLOBAL", &self.config)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1");
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        self.isolate(&mut cmd);
        let output = cmd.current_dir(self.root()).args(args).output().unwrap();
        assert!(output.status.success(), "git {args:?}: {output:?}");
        output
    }

    fn install(&self, dir: &Path, args: &[&str]) -> (i32, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_typo-gate"));
        self.isolate(&mut cmd);
        let output = cmd
            .current_dir(dir)
            .args(["hook", "install"])
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap()
    }
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// PATH with the typo-gate under test first.
fn path_with_binary() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_typo-gate")).parent().unwrap();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&rest)))
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn installs_an_executable_pre_push_hook_and_reinstalls_over_its_own() {
    let repo = Repo::new(None);
    let (code, stdout, stderr) = repo.install(&repo.root(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "installed the pre-push hook: .git/hooks/pre-push\n");
    assert_eq!(repo.read(".git/hooks/pre-push"), PRE_PUSH);
    assert_eq!(mode(&repo.root().join(".git/hooks/pre-push")), 0o755);

    let (code, stdout, _) = repo.install(&repo.root(), &["--pre-push"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "installed the pre-push hook: .git/hooks/pre-push\n");
    assert_eq!(repo.read(".git/hooks/pre-push"), PRE_PUSH);
}

#[test]
fn refuses_a_foreign_hook_unless_forced() {
    let repo = Repo::new(None);
    let foreign = "#!/bin/sh\necho the team's own checks\n";
    std::fs::write(repo.root().join(".git/hooks/pre-push"), foreign).unwrap();

    let (code, stdout, stderr) = repo.install(&repo.root(), &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(".git/hooks/pre-push exists and typo-gate did not write it"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "rerun with --force to replace it, or call `typo-gate check` from that hook yourself"
        ),
        "{stderr}"
    );
    assert_eq!(repo.read(".git/hooks/pre-push"), foreign);

    let (code, _, _) = repo.install(&repo.root(), &["--force"]);
    assert_eq!(code, 0);
    assert_eq!(repo.read(".git/hooks/pre-push"), PRE_PUSH);
}

#[test]
fn pre_commit_and_the_folders_git_names() {
    let repo = Repo::new(None);
    let (code, stdout, _) = repo.install(&repo.root(), &["--pre-commit"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "installed the pre-commit hook: .git/hooks/pre-commit\n"
    );
    let hook = repo.read(".git/hooks/pre-commit");
    assert!(hook.contains("\n# typo-gate hook\n"));
    assert!(hook.contains("before each commit") && hook.contains("git commit --no-verify"));
    assert!(!repo.root().join(".git/hooks/pre-push").exists());

    let (code, _, stderr) = repo.install(&repo.root(), &["--pre-commit", "--pre-push"]);
    assert_eq!(code, 2, "{stderr}");

    // From a subfolder the hook still goes into the repository's hooks folder.
    std::fs::create_dir(repo.root().join("sub")).unwrap();
    let (code, stdout, _) = repo.install(&repo.root().join("sub"), &[]);
    assert_eq!(code, 0);
    assert!(stdout.ends_with(".git/hooks/pre-push\n"), "{stdout}");
    assert!(repo.root().join(".git/hooks/pre-push").exists());

    // core.hooksPath, even when the folder does not exist yet.
    repo.git(&["config", "core.hooksPath", "team-hooks"]);
    let (code, stdout, _) = repo.install(&repo.root(), &[]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "installed the pre-push hook: team-hooks/pre-push\n");
    assert_eq!(repo.read("team-hooks/pre-push"), PRE_PUSH);
}

#[test]
fn a_worktree_installs_into_the_shared_hooks_folder() {
    let repo = Repo::new(None);
    std::fs::write(repo.root().join("README"), "x\n").unwrap();
    repo.git(&["add", "README"]);
    repo.git(&["commit", "-q", "-m", "first"]);
    repo.git(&["worktree", "add", "-q", "../worktree"]);
    let (code, _, stderr) = repo.install(&repo.dir.path().join("worktree"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(repo.read(".git/hooks/pre-push"), PRE_PUSH);
}

#[test]
fn outside_a_repository_it_fails_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repo::new(None);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_typo-gate"));
    repo.isolate(&mut cmd);
    let output = cmd
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["hook", "install"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not inside a git repository: not a git repository"),
        "{stderr}"
    );
}

/// Runs the installed hook from a subfolder, as git would but without git in between.
fn run_hook(repo: &Repo, path: Option<OsString>) -> Output {
    let sub = repo.root().join("config");
    let mut cmd = Command::new("/bin/sh");
    repo.isolate(&mut cmd);
    cmd.current_dir(sub)
        .arg(repo.root().join(".git/hooks/pre-commit"));
    match path {
        Some(path) => cmd.env("PATH", path),
        None => cmd.env("PATH", repo.dir.path()),
    };
    cmd.output().unwrap()
}

#[test]
fn the_installed_hook_blocks_a_typo_and_passes_clean_code() {
    let bad = Repo::new(Some(&fixture("php-template").join("bad")));
    assert_eq!(bad.install(&bad.root(), &["--pre-commit"]).0, 0);
    let output = run_hook(&bad, Some(path_with_binary()));
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("[config/view.php:4:16]") && stdout.contains("1 finding in 1 file"),
        "{stdout}"
    );

    let clean = Repo::new(Some(&fixture("php-template").join("clean")));
    assert_eq!(clean.install(&clean.root(), &["--pre-commit"]).0, 0);
    let output = run_hook(&clean, Some(path_with_binary()));
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    // Without typo-gate on PATH the hook fails closed and says why.
    let output = run_hook(&clean, None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "typo-gate pre-commit hook: typo-gate is not on PATH: install it, or skip the check \
         once with git commit --no-verify\n"
    );
}

#[test]
fn git_commit_runs_the_hook() {
    let bad = Repo::new(Some(&fixture("php-template").join("bad")));
    assert_eq!(bad.install(&bad.root(), &["--pre-commit"]).0, 0);
    bad.git(&["add", "."]);
    let mut cmd = Command::new("git");
    bad.isolate(&mut cmd);
    let output = cmd
        .current_dir(bad.root())
        .env("PATH", path_with_binary())
        .args(["commit", "-q", "-m", "a typo"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    // Git sends a hook's output to stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("[config/view.php:4:16]"), "{stderr}");
    let mut cmd = Command::new("git");
    bad.isolate(&mut cmd);
    let log = cmd
        .current_dir(bad.root())
        .args(["rev-parse", "--verify", "-q", "HEAD"])
        .output()
        .unwrap();
    assert!(!log.status.success(), "the commit was blocked");
}
