//! The Python package (`pyproject.toml`, maturin's `bin` bindings): its metadata agrees with
//! Cargo.toml, the pre-commit hook installs it, and the wheel, built for real with a pinned
//! maturin and installed into a fresh virtual environment, runs the check with nothing of
//! Rust or Python around it.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::YamlLoader;

/// The maturin the test builds with; pyproject.toml accepts any 1.x.
const MATURIN: &str = "1.16.0";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_toml(name: &str) -> toml::Table {
    let text = std::fs::read_to_string(manifest_dir().join(name)).unwrap();
    text.parse().unwrap()
}

#[test]
fn the_python_package_is_the_crate_built_by_maturin_as_a_binary() {
    let pyproject = read_toml("pyproject.toml");
    let cargo = read_toml("Cargo.toml");
    let (project, package) = (&pyproject["project"], &cargo["package"]);
    for field in ["name", "version", "description", "readme", "keywords"] {
        assert_eq!(project[field], package[field], "{field}");
    }
    assert_eq!(project["license"]["text"], package["license"]);
    assert_eq!(
        project["requires-python"].as_str(),
        Some(">=3.7"),
        "a binary wheel runs beside any Python 3"
    );
    let system = &pyproject["build-system"];
    assert_eq!(system["build-backend"].as_str(), Some("maturin"));
    assert_eq!(
        system["requires"].as_array().unwrap(),
        &vec![toml::Value::from("maturin>=1.0,<2.0")]
    );
    let (major, _) = MATURIN.split_once('.').unwrap();
    assert_eq!(
        major, "1",
        "the pinned maturin is one pyproject.toml accepts"
    );
    let maturin = &pyproject["tool"]["maturin"];
    assert_eq!(maturin["bindings"].as_str(), Some("bin"));
    assert_eq!(
        maturin["locked"].as_bool(),
        Some(true),
        "builds use Cargo.lock"
    );
}

#[test]
fn the_pre_commit_hook_installs_the_python_package() {
    let text = std::fs::read_to_string(manifest_dir().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let hooks = hooks.as_vec().unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("typo-gate"));
    assert_eq!(hook["language"].as_str(), Some("python"));
    assert_eq!(hook["entry"].as_str(), Some("typo-gate check"));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    assert_eq!(hook["always_run"].as_bool(), Some(true));
}

/// The folder cargo builds into for this test run: the test binary is
/// `TARGET/PROFILE/deps/wheel-HASH`. maturin builds there too, so it reuses what an
/// earlier run compiled instead of starting from nothing.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

fn run(cmd: &mut Command) -> Output {
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
    assert!(
        output.status.success(),
        "{cmd:?} failed: {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A fresh virtual environment at `dir`, or why none can be made here.
fn venv(dir: &Path) -> Result<PathBuf, String> {
    let output = Command::new("python3")
        .args(["-m", "venv"])
        .arg(dir)
        .output()
        .map_err(|e| format!("python3 could not be started: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`python3 -m venv` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(dir.join("bin"))
}

/// pip, never asking PyPI whether it is itself up to date.
fn pip(bin: &Path) -> Command {
    let mut cmd = Command::new(bin.join("python"));
    cmd.args(["-m", "pip", "--disable-pip-version-check"])
        .env("PIP_NO_INPUT", "1")
        .env_remove("PIP_REQUIRE_VIRTUALENV")
        .env_remove("PYTHONPATH");
    cmd
}

#[test]
fn the_wheel_installs_a_typo_gate_that_runs_without_rust_or_python() {
    let work = tempfile::tempdir().unwrap();
    let build_env = match venv(&work.path().join("build-env")) {
        Ok(bin) => bin,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("CI must build the wheel, but {why}; install python3 with its venv module")
        }
        Err(why) => {
            // The test harness shows a test's own output, the one place for the reason.
            #[allow(clippy::print_stdout)]
            {
                println!("skipped: the wheel is not built because {why}");
            }
            return;
        }
    };
    run(pip(&build_env).args(["install", "--quiet", &format!("maturin=={MATURIN}")]));

    let dist = work.path().join("dist");
    run(Command::new(build_env.join("maturin"))
        .args(["build", "--release", "--quiet", "--out"])
        .arg(&dist)
        .arg("--manifest-path")
        .arg(manifest_dir().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir()));
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(wheels.len(), 1, "{wheels:?}");
    let wheel = &wheels[0];
    let name = wheel.file_name().unwrap().to_str().unwrap();
    let prefix = format!("typo_gate-{}-py3-none-", env!("CARGO_PKG_VERSION"));
    assert!(
        name.starts_with(&prefix) && name.ends_with(".whl"),
        "one wheel for every Python 3: {name}"
    );

    let env = venv(&work.path().join("env")).unwrap();
    run(pip(&env)
        .args(["install", "--quiet", "--no-index", "--no-deps"])
        .arg(wheel));
    let shown = run(pip(&env).args(["show", "typo-gate"]));
    let shown = String::from_utf8(shown.stdout).unwrap();
    for line in [
        "Name: typo-gate".to_string(),
        format!("Version: {}", env!("CARGO_PKG_VERSION")),
        format!("Summary: {}", env!("CARGO_PKG_DESCRIPTION")),
    ] {
        assert!(shown.lines().any(|l| l == line), "{line} in\n{shown}");
    }

    // The installed executable is typo-gate itself, not a Python launcher, so it runs with
    // an empty environment: no PATH to cargo or python.
    let typo_gate = env.join("typo-gate");
    let head = std::fs::read(&typo_gate).unwrap();
    assert!(
        !head.starts_with(b"#!"),
        "a native executable, not a script"
    );
    // GITHUB_WORKSPACE is where the annotations' paths start, as in a job.
    let bad = manifest_dir().join("tests/fixtures/php-template/bad");
    let output = Command::new(&typo_gate)
        .env_clear()
        .env("GITHUB_WORKSPACE", &bad)
        .current_dir(&bad)
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "nothing on stderr"
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "::error file=config/view.php,line=4,col=16,endColumn=22,title=path-typo::\
         `layuot.php` does not exist in the repository; did you mean `layout.php`?\n\
         typo-gate: 1 finding, 3 files scanned\n"
    );
    assert_eq!(output.status.code(), Some(1), "findings block: exit 1");

    let output = Command::new(&typo_gate)
        .env_clear()
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("typo-gate {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(output.status.code(), Some(0));
}
