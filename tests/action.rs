//! `action.yml`: inputs never expanded inside a script, and the steps' scripts run with
//! bash the way a runner runs them, with typo-gate already on PATH so the cache and
//! install steps are skipped.
#![cfg(unix)]

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn action() -> Yaml {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn text(yaml: &Yaml) -> &str {
    yaml.as_str()
        .unwrap_or_else(|| panic!("expected a string: {yaml:?}"))
}

fn steps(action: &Yaml) -> &[Yaml] {
    action["runs"]["steps"].as_vec().unwrap()
}

#[test]
fn scripts_take_inputs_only_through_env() {
    let action = action();
    assert_eq!(text(&action["runs"]["using"]), "composite");
    let mut scripts = 0;
    for step in steps(&action) {
        if let Some(script) = step["run"].as_str() {
            scripts += 1;
            assert!(!script.contains("${{ inputs."), "{script}");
            assert!(
                !script.contains("${{"),
                "an expression inside a script: {script}"
            );
            assert_eq!(text(&step["shell"]), "bash");
        }
    }
    assert_eq!(scripts, 5);
    let check = steps(&action)
        .iter()
        .find(|s| s["id"].as_str() == Some("check"))
        .unwrap();
    for (name, _) in action["inputs"].as_hash().unwrap() {
        let expression = format!("${{{{ inputs.{} }}}}", text(name));
        assert!(
            check["env"]
                .as_hash()
                .unwrap()
                .values()
                .any(|v| text(v) == expression),
            "the check step does not receive {expression}"
        );
    }
}

/// The outcome of running the action's steps.
struct ActionRun {
    /// The exit status of the step that failed, or 0.
    status: i32,
    /// The action's outputs.
    outputs: HashMap<String, String>,
    stdout: String,
    stderr: String,
    summary: String,
}

/// Runs the action's steps in `workspace` with `inputs` over the defaults and `path` as
/// PATH, stopping at the first step that fails, as a runner does. Steps that `uses:`
/// another action must be skipped by their `if:`.
fn run_action(workspace: &Path, inputs: &[(&str, &str)], path: &OsString) -> ActionRun {
    let action = action();
    let mut values: HashMap<String, String> = HashMap::new();
    for (name, input) in action["inputs"].as_hash().unwrap() {
        values.insert(text(name).to_string(), text(&input["default"]).to_string());
    }
    for (name, value) in inputs {
        assert!(values.contains_key(*name), "no input {name}");
        values.insert(name.to_string(), value.to_string());
    }
    let runner = tempfile::tempdir().unwrap();
    let summary = runner.path().join("step-summary.md");
    std::fs::write(&summary, "").unwrap();
    let mut outputs: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut run = ActionRun {
        status: 0,
        outputs: HashMap::new(),
        stdout: String::new(),
        stderr: String::new(),
        summary: String::new(),
    };
    for (n, step) in steps(&action).iter().enumerate() {
        if let Some(condition) = step["if"].as_str() {
            if !holds(condition, &outputs) {
                continue;
            }
        }
        // As on a runner whose cache holds nothing yet: the results folder starts empty.
        if step["id"].as_str() == Some("results-cache") {
            continue;
        }
        assert!(
            step["uses"].is_badvalue(),
            "step {n} uses an action although typo-gate is on PATH"
        );
        let output_file = runner.path().join(format!("output-{n}"));
        std::fs::write(&output_file, "").unwrap();
        let script = runner.path().join(format!("step-{n}.sh"));
        std::fs::write(&script, text(&step["run"])).unwrap();
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(workspace)
            .env("PATH", path)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_ACTION_PATH", manifest_dir())
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_PATH", runner.path().join("path"))
            .env("RUNNER_TEMP", runner.path())
            .env_remove("NO_COLOR");
        if let Some(env) = step["env"].as_hash() {
            for (name, value) in env {
                cmd.env(text(name), substitute(text(value), &values, &outputs));
            }
        }
        let output = cmd.output().unwrap();
        run.stdout
            .push_str(&String::from_utf8_lossy(&output.stdout));
        run.stderr
            .push_str(&String::from_utf8_lossy(&output.stderr));
        if let Some(id) = step["id"].as_str() {
            let written = std::fs::read_to_string(&output_file).unwrap();
            let pairs = written.lines().map(|line| {
                let (name, value) = line.split_once('=').expect("name=value");
                (name.to_string(), value.to_string())
            });
            outputs.insert(id.to_string(), pairs.collect());
        }
        run.status = output.status.code().expect("the step exited");
        if run.status != 0 {
            break;
        }
    }
    for (name, output) in action["outputs"].as_hash().unwrap() {
        let value = substitute(text(&output["value"]), &values, &outputs);
        run.outputs.insert(text(name).to_string(), value);
    }
    run.summary = std::fs::read_to_string(&summary).unwrap();
    run
}

/// Replaces each `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}`.
fn substitute(
    mut text: &str,
    inputs: &HashMap<String, String>,
    outputs: &HashMap<String, HashMap<String, String>>,
) -> String {
    let mut out = String::new();
    while let Some(start) = text.find("${{") {
        let end = start + text[start..].find("}}").unwrap();
        out.push_str(&text[..start]);
        out.push_str(&evaluate(text[start + 3..end].trim(), inputs, outputs));
        text = &text[end + 2..];
    }
    out + text
}

fn evaluate(
    expression: &str,
    inputs: &HashMap<String, String>,
    outputs: &HashMap<String, HashMap<String, String>>,
) -> String {
    let parts: Vec<&str> = expression.split('.').collect();
    match parts.as_slice() {
        ["inputs", name] => inputs[*name].clone(),
        ["steps", id, "outputs", name] => outputs
            .get(*id)
            .and_then(|o| o.get(*name))
            .cloned()
            .unwrap_or_default(),
        _ => panic!("the test cannot evaluate `{expression}`"),
    }
}

/// `steps.a.outputs.b != 'true' && ...`, the only conditions the action uses.
fn holds(condition: &str, outputs: &HashMap<String, HashMap<String, String>>) -> bool {
    condition.split("&&").all(|term| {
        let (left, right) = term
            .split_once("!=")
            .unwrap_or_else(|| panic!("the test cannot evaluate `{condition}`"));
        let right = right.trim().trim_matches('\'');
        evaluate(left.trim(), &HashMap::new(), outputs) != right
    })
}

/// PATH with the typo-gate under test first.
fn path_with_binary() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_typo-gate")).parent().unwrap();
    prepend(bin)
}

fn prepend(dir: &Path) -> OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&rest)))
        .unwrap()
}

fn bad() -> PathBuf {
    manifest_dir().join("tests/fixtures/php-template/bad")
}

const ANNOTATION: &str =
    "::error file=config/view.php,line=4,col=16,endColumn=22,title=path-typo::\
    `layuot.php` does not exist in the repository; did you mean `layout.php`?\n";

#[test]
fn findings_fail_the_step_unless_fail_on_findings_is_false() {
    let run = run_action(&bad(), &[], &path_with_binary());
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.outputs["findings"], "1");
    assert_eq!(run.outputs["exit-code"], "1");
    let using = format!("Using {}: typo-gate ", env!("CARGO_BIN_EXE_typo-gate"));
    assert!(run.stdout.starts_with(&using), "{}", run.stdout);
    assert!(
        run.stdout.ends_with(&format!(
            "{ANNOTATION}typo-gate: 1 finding, 3 files scanned\n"
        )),
        "{}",
        run.stdout
    );
    assert!(run
        .summary
        .starts_with("### typo-gate\n\n1 finding, 3 files scanned.\n"));

    let run = run_action(
        &bad(),
        &[("fail-on-findings", "false")],
        &path_with_binary(),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.outputs["findings"], "1");
    assert_eq!(run.outputs["exit-code"], "1");
    assert!(
        run.stdout.ends_with(
            "typo-gate: fail-on-findings is false, so the findings above do not fail the step\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn one_run_also_writes_the_sarif_file() {
    let out = tempfile::tempdir().unwrap();
    let sarif = out.path().join("typo-gate.sarif");
    let inputs = [("sarif-file", sarif.to_str().unwrap()), ("format", "human")];
    let run = run_action(&bad(), &inputs, &path_with_binary());
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.outputs["findings"], "1");
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "path-typo");
    assert!(run.stdout.contains("help: did you mean 'layout'?"));
    assert_eq!(
        run.summary, "",
        "only the github format writes a step summary"
    );

    let clean = manifest_dir().join("tests/fixtures/php-template/clean");
    let run = run_action(&clean, &inputs, &path_with_binary());
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.outputs["findings"], "0");
    assert_eq!(run.outputs["exit-code"], "0");
}

#[test]
fn a_tool_failure_always_fails_the_step() {
    let inputs = [("paths", "no-such-folder"), ("fail-on-findings", "false")];
    let run = run_action(&bad(), &inputs, &path_with_binary());
    assert_eq!(run.status, 2);
    assert_eq!(run.outputs["findings"], "");
    assert_eq!(run.outputs["exit-code"], "2");
    assert!(
        run.stderr.contains("path not found: no-such-folder"),
        "{}",
        run.stderr
    );

    let run = run_action(&bad(), &[("fail-on-findings", "yes")], &path_with_binary());
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "typo-gate action: the input fail-on-findings must be true or false\n"
    );
}

/// A stand-in typo-gate that records its arguments, one a line, beside itself.
fn recording_typo_gate() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let script = bin.path().join("typo-gate");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[test]
fn inputs_become_arguments_literally_and_only_when_set() {
    let bin = recording_typo_gate();
    let workspace = tempfile::tempdir().unwrap();
    let args = |inputs: &[(&str, &str)]| {
        let run = run_action(workspace.path(), inputs, &prepend(bin.path()));
        assert_eq!(run.status, 0, "{}", run.stderr);
        std::fs::read_to_string(bin.path().join("args")).unwrap()
    };

    let defaults = args(&[]);
    let (flags, sarif) = defaults.split_once("--sarif-output\n").unwrap();
    assert_eq!(flags, "check\n--format\ngithub\n");
    assert!(sarif.ends_with("\n--\n.\n"), "{sarif}");

    let given = args(&[
        ("paths", " app  config/settings.py\nlib "),
        ("config", "$(touch injected) typo-gate.toml"),
        ("changed-since", "origin/main"),
        ("format", "json"),
        ("sarif-file", "out; touch injected.sarif"),
    ]);
    assert_eq!(
        given,
        "check\n--format\njson\n--config\n$(touch injected) typo-gate.toml\n\
         --changed-since\norigin/main\n--sarif-output\nout; touch injected.sarif\n\
         --\napp\nconfig/settings.py\nlib\n"
    );
    let mut created: Vec<String> = std::fs::read_dir(workspace.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    created.sort();
    assert_eq!(created, Vec::<String>::new(), "nothing but typo-gate ran");
}

/// PATH without any typo-gate, with `first` (if given) before the rest.
fn path_without_typo_gate(first: Option<&Path>) -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let rest = std::env::split_paths(&path).filter(|dir| !dir.join("typo-gate").exists());
    std::env::join_paths(first.map(Path::to_path_buf).into_iter().chain(rest)).unwrap()
}

/// Runs the step `id` alone, as a runner would, in the runner folder `runner`.
fn run_step(id: &str, runner: &Path, path: &OsString, env: &[(&str, &str)]) -> Output {
    let action = action();
    let step = steps(&action)
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step {id}"));
    let script = runner.join(format!("{id}.sh"));
    std::fs::write(&script, text(&step["run"])).unwrap();
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .env("PATH", path)
        .env("GITHUB_ACTION_PATH", manifest_dir())
        .env("GITHUB_OUTPUT", runner.join("output"))
        .env("RUNNER_TEMP", runner)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn without_typo_gate_on_path_the_action_prepares_a_build() {
    // Only the first step: the next ones need the cache action and a build.
    let action = action();
    assert_eq!(text(&steps(&action)[0]["id"]), "locate");
    let runner = tempfile::tempdir().unwrap();
    let output = run_step("locate", runner.path(), &path_without_typo_gate(None), &[]);
    assert!(output.status.success(), "{output:?}");
    let written = std::fs::read_to_string(runner.path().join("output")).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 3, "{written}");
    assert_eq!(lines[0], "found=false");
    let key = lines[1].strip_prefix("key=").unwrap();
    assert!(
        !key.is_empty() && key.chars().all(|c| c.is_ascii_digit()),
        "{key}"
    );
    assert_eq!(
        lines[2],
        format!("root={}/typo-gate-action", runner.path().display())
    );
}

/// What the stand-in python3 does.
#[derive(Clone, Copy, PartialEq)]
enum Python {
    /// Makes a virtual environment whose pip "installs" a typo-gate script.
    Works,
    /// Makes a virtual environment whose pip fails.
    PipFails,
    /// Fails to make one, as a Python without its venv module does.
    NoVenv,
}

/// Stand-ins for python3 and cargo in a folder of their own: each records its arguments in
/// `LOG`.
fn stand_ins(python: Python) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let pip = match python {
        Python::Works => {
            "printf '#!/bin/sh\\necho typo-gate from pip\\n' > \"$(dirname \"$0\")/typo-gate\"\n\
             chmod +x \"$(dirname \"$0\")/typo-gate\""
        }
        _ => "echo 'ERROR: Failed building wheel for typo-gate' >&2; exit 1",
    };
    let python = if python == Python::NoVenv {
        "#!/bin/sh\necho \"python3 $*\" >> \"$LOG\"\necho 'No module named venv' >&2\nexit 1\n"
            .to_string()
    } else {
        format!(
            r#"#!/bin/sh
echo "python3 $*" >> "$LOG"
mkdir -p "$3/bin"
cat > "$3/bin/python" <<'PYTHON'
#!/bin/sh
echo "python $*" >> "$LOG"
{pip}
PYTHON
chmod +x "$3/bin/python"
"#
        )
    };
    let python = python.as_str();
    let cargo = "#!/bin/sh\necho \"cargo $*\" >> \"$LOG\"\n";
    for (name, script) in [("python3", python), ("cargo", cargo)] {
        let file = bin.path().join(name);
        std::fs::write(&file, script).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    bin
}

/// Runs the install step with the stand-ins; returns its output and what they recorded.
fn install(python: Python) -> (Output, String, tempfile::TempDir) {
    let bin = stand_ins(python);
    let runner = tempfile::tempdir().unwrap();
    let root = runner.path().join("typo-gate-action");
    let log = runner.path().join("log");
    let output = run_step(
        "install",
        runner.path(),
        &path_without_typo_gate(Some(bin.path())),
        &[
            ("ROOT", root.to_str().unwrap()),
            ("LOG", log.to_str().unwrap()),
        ],
    );
    let log = std::fs::read_to_string(log).unwrap_or_default();
    (output, log, runner)
}

#[test]
fn the_install_step_takes_the_wheel_with_pip_first() {
    let action = action();
    let install_step = steps(&action)
        .iter()
        .find(|s| s["id"].as_str() == Some("install"))
        .unwrap();
    assert_eq!(
        text(&install_step["if"]),
        "steps.locate.outputs.found != 'true' && steps.cache.outputs.cache-hit != 'true'"
    );
    assert_eq!(
        text(&install_step["env"]["ROOT"]),
        "${{ steps.locate.outputs.root }}"
    );

    let (output, log, runner) = install(Python::Works);
    assert!(output.status.success(), "{output:?}");
    let venv = runner.path().join("typo-gate-venv");
    let action_path = manifest_dir().display();
    assert_eq!(
        log,
        format!(
            "python3 -m venv {}\n\
             python -m pip install --disable-pip-version-check {action_path}\n",
            venv.display()
        ),
        "pip installs the action's own copy, and cargo is not run"
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("typo-gate action: installed typo-gate with pip, from {action_path}\n")
    );
    let installed = runner.path().join("typo-gate-action/bin/typo-gate");
    let run = Command::new(&installed).output().unwrap();
    assert_eq!(
        run.stdout, b"typo-gate from pip\n",
        "the binary from the venv"
    );
}

#[test]
fn without_a_python_or_when_pip_fails_the_install_step_builds_with_cargo() {
    for (python, pip, why) in [
        (Python::NoVenv, "", "no Python with venv"),
        (
            Python::PipFails,
            "python -m pip install --disable-pip-version-check ACTION\n",
            "pip failed",
        ),
    ] {
        let (output, log, runner) = install(python);
        assert!(output.status.success(), "{output:?}");
        let root = runner.path().join("typo-gate-action");
        let action_path = manifest_dir().display().to_string();
        assert_eq!(
            log,
            format!(
                "python3 -m venv {}\n{}cargo install --path {action_path} --locked --root {}\n",
                runner.path().join("typo-gate-venv").display(),
                pip.replace("ACTION", &action_path),
                root.display()
            )
        );
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            format!(
                "typo-gate action: {why}; building typo-gate with cargo\n\
                 typo-gate action: installed typo-gate with cargo install, from {action_path}\n"
            )
        );
    }
}

#[test]
fn results_are_kept_between_runs_with_actions_cache() {
    let action = action();
    let step = steps(&action)
        .iter()
        .find(|s| s["id"].as_str() == Some("results-cache"))
        .unwrap();
    assert_eq!(text(&step["uses"]), "actions/cache@v4");
    assert_eq!(text(&step["if"]), "steps.results.outputs.dir != ''");
    assert_eq!(
        text(&step["with"]["path"]),
        "${{ steps.results.outputs.dir }}"
    );
    let restore = text(&step["with"]["restore-keys"]);
    assert_eq!(
        restore,
        "typo-gate-results-${{ runner.os }}-${{ steps.results.outputs.version }}-"
    );
    assert_eq!(
        text(&step["with"]["key"]),
        format!("{restore}${{{{ github.sha }}}}")
    );

    // The check finds the folder in its environment; with `cache: false` it is told not to.
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let script = bin.path().join("typo-gate");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s|%s\\n' \"${TYPO_GATE_CACHE_DIR-}\" \"${TYPO_GATE_NO_CACHE-}\" \
         > \"$(dirname \"$0\")/env\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let workspace = tempfile::tempdir().unwrap();
    let env = |inputs: &[(&str, &str)]| {
        let run = run_action(workspace.path(), inputs, &prepend(bin.path()));
        (
            run.status,
            std::fs::read_to_string(bin.path().join("env")).unwrap(),
        )
    };
    let (status, on) = env(&[]);
    assert_eq!(status, 0);
    assert!(on.ends_with("/typo-gate-results|\n"), "{on}");
    assert_eq!(env(&[("cache", "false")]), (0, "|1\n".to_string()));
    assert_eq!(env(&[("cache", "yes")]).0, 2);
}
