//! `typo-gate completions SHELL` and `typo-gate man`: generated from the command-line
//! definitions, so they name every command, option and value the binary takes.
mod common;

use common::typo_gate;

fn stdout(args: &[&str]) -> String {
    let output = typo_gate().args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completion_scripts_name_the_commands_options_and_formats() {
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.starts_with("_typo__gate() {\n"), "{bash}");
    assert!(bash.contains("\n            typo__gate,check)\n"), "{bash}");
    assert!(
        bash.contains(
            "COMPREPLY=($(compgen -W \"human json sarif github gitlab junit\" -- \"${cur}\"))"
        ),
        "{bash}"
    );
    assert!(
        bash.ends_with(
            "    complete -F _typo__gate -o nosort -o bashdefault -o default typo-gate\nelse\n    \
         complete -F _typo__gate -o bashdefault -o default typo-gate\nfi\n"
        ),
        "{bash}"
    );

    let zsh = stdout(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef typo-gate\n"), "{zsh}");
    assert!(zsh.contains("'--format=[Output format (default\\: github when GITHUB_ACTIONS=true, human otherwise)]:FORMAT:((human\\:"), "{zsh}");
    assert!(
        zsh.contains("junit\\:\"JUnit XML\\: a test case per checked file"),
        "{zsh}"
    );
    assert!(zsh.contains("(check)\n"), "{zsh}");

    let fish = stdout(&["completions", "fish"]);
    assert!(
        fish.contains(
            "complete -c typo-gate -n \"__fish_typo_gate_needs_command\" -f -a \"check\" \
         -d 'Check repositories; exit 1 if anything is found, 2 if the tool failed'\n"
        ),
        "{fish}"
    );
    assert!(fish.contains(
        "complete -c typo-gate -n \"__fish_typo_gate_using_subcommand check\" -l format \
         -d 'Output format (default: github when GITHUB_ACTIONS=true, human otherwise)' -r -f -a \"human\\t"
    ), "{fish}");

    let output = typo_gate().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

/// The bash script run by bash: what a user gets pressing Tab after the words.
#[cfg(unix)]
fn complete_in_bash(words: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("typo-gate.bash");
    std::fs::write(&script, stdout(&["completions", "bash"])).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source \"$1\"\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_typo__gate typo-gate '{}' '{}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-c", &program, "bash"])
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[cfg(unix)]
#[test]
fn bash_completes_commands_options_and_values() {
    assert_eq!(complete_in_bash(&["typo-gate", "ch"]), "check\n");
    assert_eq!(
        complete_in_bash(&["typo-gate", "check", "--format", ""]),
        "human\njson\nsarif\ngithub\ngitlab\njunit\n"
    );
    assert_eq!(
        complete_in_bash(&["typo-gate", "check", "--c"]),
        "--color\n--config\n--changed-since\n--cache-dir\n"
    );
    assert_eq!(
        complete_in_bash(&["typo-gate", "hook", "install", "--pre"]),
        "--pre-push\n--pre-commit\n"
    );
}

#[test]
fn the_manual_page_lists_the_commands() {
    let page = stdout(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n.TH typo-gate 1  \"typo-gate "),
        "{page}"
    );
    assert!(
        page.contains(
            "\n.SH NAME\ntypo\\-gate \\- Stop configuration typos before they reach production.\n"
        ),
        "{page}"
    );
    for command in ["check", "fix", "baseline", "completions", "man"] {
        assert!(
            page.contains(&format!("\n.TP\ntypo\\-gate\\-{command}(1)\n")),
            "{command}: {page}"
        );
    }
}

#[test]
fn man_output_dir_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("share/man/man1");
    let out = stdout(&["man", "--output-dir", man1.to_str().unwrap()]);
    let pages = [
        "typo-gate.1",
        "typo-gate-check.1",
        "typo-gate-fix.1",
        "typo-gate-rules.1",
        "typo-gate-init.1",
        "typo-gate-baseline.1",
        "typo-gate-explain.1",
        "typo-gate-debug.1",
        "typo-gate-debug-candidates.1",
        "typo-gate-hook.1",
        "typo-gate-hook-install.1",
        "typo-gate-completions.1",
        "typo-gate-man.1",
    ];
    let expected: String = pages
        .iter()
        .map(|page| format!("wrote {}\n", man1.join(page).display()))
        .collect();
    assert_eq!(out, expected);
    let mut written: Vec<String> = std::fs::read_dir(&man1)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut pages = pages.map(String::from).to_vec();
    pages.sort();
    assert_eq!(written, pages);

    assert_eq!(
        std::fs::read_to_string(man1.join("typo-gate.1")).unwrap(),
        stdout(&["man"])
    );
    let check = std::fs::read_to_string(man1.join("typo-gate-check.1")).unwrap();
    assert!(
        check.contains("\n.SH NAME\ntypo\\-gate\\-check \\- Check repositories;"),
        "{check}"
    );
    assert!(
        check.contains("\n.TP\n\\fB\\-\\-format\\fR \\fI<FORMAT>\\fR\nOutput format"),
        "{check}"
    );
    assert!(
        check.contains("\n.IP \\(bu 2\ngitlab: A GitLab Code Quality report"),
        "{check}"
    );
    assert!(check.contains("\n.IP \\(bu 2\njunit: JUnit XML"), "{check}");

    // A folder that cannot be made is the tool failing, with the path in the message.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = typo_gate()
        .args(["man", "--output-dir"])
        .arg(file.join("man1"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write") && stderr.contains("a-file/man1"),
        "{stderr}"
    );
}
