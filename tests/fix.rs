//! `typo-gate fix` on temporary copies of the incident fixtures: each fix turns the bad
//! twin into the clean one byte for byte, nothing else changes, and what cannot be fixed
//! safely is listed and left alone.
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{fixture, typo_gate};

/// Every file under `dir`, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                files.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let path = to.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// A temporary copy of `tests/fixtures/NAME/bad`.
fn bad_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name).join("bad"), dir.path());
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `typo-gate fix ARGS` from `dir`, so paths in the output are relative to it.
fn fix_in(dir: &Path, args: &[&str]) -> Run {
    let output = typo_gate()
        .current_dir(dir)
        .arg("fix")
        .args(args)
        .output()
        .expect("typo-gate runs");
    Run {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_tree_eq(actual: &Path, expected: &BTreeMap<String, Vec<u8>>, what: &str) {
    let actual = tree(actual);
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "{what}: the same files"
    );
    for (rel, bytes) in expected {
        assert!(
            actual[rel] == *bytes,
            "{what}: {rel} differs:\n{}\n---- expected ----\n{}",
            String::from_utf8_lossy(&actual[rel]),
            String::from_utf8_lossy(bytes)
        );
    }
}

const TWINS: [&str; 9] = [
    "constant-typo",
    "django-statec",
    "ini-typo",
    "module-typo",
    "path-typo",
    "php-template",
    "setting-typo",
    "trailing-space",
    "wordpress-phpp",
];

#[test]
fn each_rule_fixture_is_fixed_into_its_clean_twin() {
    for name in TWINS {
        let dir = bad_copy(name);
        let run = fix_in(dir.path(), &[]);
        assert_eq!(run.code, 0, "{name}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout
                .ends_with(" 0 not fixed; 0 findings remain after the fixes\n"),
            "{name}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains("not fixed "), "{name}: {}", run.stdout);
        assert_tree_eq(dir.path(), &tree(&fixture(name).join("clean")), name);
    }
}

#[test]
fn each_fix_is_listed_sorted_by_path_line_and_column() {
    let dir = bad_copy("module-typo");
    let run = fix_in(dir.path(), &[]);
    assert_eq!(
        run.stdout,
        "fixed blog/blog/settings.py:4:21 module-typo: 'staticfile' -> 'staticfiles'\n\
         fixed blog/blog/settings.py:6:6 module-typo: 'post' -> 'posts'\n\
         fixed blog/blog/settings.py:10:48 module-typo: 'Middlware' -> 'Middleware'\n\
         fixed blog/manage.py:3:55 module-typo: 'setings' -> 'settings'\n\
         4 fixed, 0 not fixed; 0 findings remain after the fixes\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn unfixable_findings_remain_and_block() {
    let dir = bad_copy("auth-address");
    let run = fix_in(dir.path(), &[]);
    assert_eq!(
        run.stdout,
        "not fixed portal/settings.py:2:39 address-typo: '300': no suggestion\n\
         not fixed portal/settings.py:3:47 address-typo: '70000': no suggestion\n\
         fixed portal/settings.py:4:26 address-typo: 'localhsot' -> 'localhost'\n\
         fixed portal/settings.py:5:19 address-typo: 'htps' -> 'https'\n\
         2 fixed, 2 not fixed; 2 findings remain after the fixes\n"
    );
    assert_eq!(run.code, 1, "the IPv4 octet and the port still block");
    let bad =
        std::fs::read_to_string(fixture("auth-address").join("bad/portal/settings.py")).unwrap();
    let clean =
        std::fs::read_to_string(fixture("auth-address").join("clean/portal/settings.py")).unwrap();
    let fixed = std::fs::read_to_string(dir.path().join("portal/settings.py")).unwrap();
    let lines = |text: &str| text.lines().map(str::to_string).collect::<Vec<_>>();
    let expected: Vec<String> = lines(&bad)[..3]
        .iter()
        .chain(&lines(&clean)[3..5])
        .cloned()
        .collect();
    assert_eq!(lines(&fixed), expected);
    assert!(fixed.ends_with('\n'));
}

/// Applies `change` to `config/view.php` of both php-template twins, fixes the bad copy and
/// expects the changed clean file, byte for byte.
fn assert_fix_keeps_bytes(change: impl Fn(Vec<u8>) -> Vec<u8>, what: &str) {
    let dir = bad_copy("php-template");
    let file = dir.path().join("config/view.php");
    std::fs::write(&file, change(std::fs::read(&file).unwrap())).unwrap();
    let clean = std::fs::read(fixture("php-template").join("clean/config/view.php")).unwrap();
    let run = fix_in(dir.path(), &[]);
    assert_eq!(run.code, 0, "{what}: {}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .starts_with("fixed config/view.php:4:16 path-typo"),
        "{what}: {}",
        run.stdout
    );
    let fixed = std::fs::read(&file).unwrap();
    assert!(
        fixed == change(clean),
        "{what}: {:?}",
        String::from_utf8_lossy(&fixed)
    );
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn crlf_line_endings_are_kept() {
    assert_fix_keeps_bytes(|b| replace(&b, b"\n", b"\r\n"), "CRLF");
}

#[test]
fn a_byte_order_mark_is_kept() {
    assert_fix_keeps_bytes(|b| [&b"\xef\xbb\xbf"[..], &b].concat(), "BOM");
}

#[test]
fn a_missing_final_newline_stays_missing() {
    assert_fix_keeps_bytes(
        |b| b.strip_suffix(b"\n").unwrap().to_vec(),
        "no final newline",
    );
}

#[test]
fn a_latin1_file_keeps_its_encoding() {
    // `é` in Latin-1 is one byte that is not UTF-8: the fix must still land on the token.
    assert_fix_keeps_bytes(
        |b| replace(&b, b"Three hours", b"Caf\xe9: three hours"),
        "Latin-1",
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o640, 0o755] {
        let dir = bad_copy("django-statec");
        let file = dir.path().join("shop/shop/settings.py");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let run = fix_in(dir.path(), &[]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let now = std::fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        assert_eq!(now, mode, "mode {mode:o}");
    }
}

#[test]
fn dry_run_prints_the_diff_and_changes_nothing() {
    let dir = bad_copy("php-template");
    let before = tree(dir.path());
    let run = fix_in(dir.path(), &["--dry-run"]);
    assert_eq!(
        run.stdout,
        "--- a/config/view.php\n\
         +++ b/config/view.php\n\
         @@ -1,7 +1,7 @@\n \
         <?php\n \
         // Three hours of 500s: a misspelt template name.\n \
         return array(\n\
         -\t'layout'  => 'layuot.php',\n\
         +\t'layout'  => 'layout.php',\n \
         \t'sidebar' => 'sidebar.php',\n \
         \t'title'   => 'Welcome to the shop',\n \
         );\n"
    );
    assert_eq!(
        run.stderr,
        "would fix config/view.php:4:16 path-typo: 'layuot' -> 'layout'\n\
         dry run: 1 would be fixed, 0 not fixed; nothing was changed\n"
    );
    assert_eq!(run.code, 1, "nothing changed, so the finding still blocks");
    assert_tree_eq(dir.path(), &before, "after --dry-run");
}

#[test]
fn dry_run_diff_marks_a_missing_final_newline() {
    let dir = bad_copy("trailing-space");
    let file = dir.path().join("app/launch.py");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.trim_end_matches('\n')).unwrap();
    let run = fix_in(dir.path(), &["--dry-run"]);
    assert_eq!(
        run.stdout,
        "--- a/app/launch.py\n\
         +++ b/app/launch.py\n\
         @@ -1,4 +1,4 @@\n \
         import runpy\n \n \
         # A trailing space after .py took the whole application down.\n\
         -runpy.run_path(\"/var/www/html/index.py \", run_name=\"__main__\")\n\
         \\ No newline at end of file\n\
         +runpy.run_path(\"/var/www/html/index.py\", run_name=\"__main__\")\n\
         \\ No newline at end of file\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn ambiguous_findings_are_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::create_dir_all(root.join("config")).unwrap();
    for name in ["mail.php", "main.php", "layout.php"] {
        std::fs::write(root.join("templates").join(name), "<?php\n").unwrap();
    }
    let view = "<?php\nrequire __DIR__ . '/../templates/maix.php';\nrequire __DIR__ . '/../templates/layuot.php';\n";
    std::fs::write(root.join("config/view.php"), view).unwrap();
    let run = fix_in(root, &[]);
    assert_eq!(
        run.stdout,
        "not fixed config/view.php:2:34 path-typo: 'maix': ambiguous: 'mail' or 'main'\n\
         fixed config/view.php:3:34 path-typo: 'layuot' -> 'layout'\n\
         1 fixed, 1 not fixed; 1 finding remains after the fixes\n"
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(root.join("config/view.php")).unwrap(),
        view.replace("layuot", "layout")
    );
}

#[test]
fn a_padded_file_name_is_reported_never_renamed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/index.py "), "print('hi')\n").unwrap();
    let before = tree(dir.path());
    let run = fix_in(dir.path(), &[]);
    assert_eq!(
        run.stdout,
        "not fixed app/index.py :1:1 path-whitespace: 'index.py ': would rename to 'index.py'\n\
         0 fixed, 1 not fixed; 1 finding remains after the fixes\n"
    );
    assert_eq!(run.code, 1);
    assert_tree_eq(dir.path(), &before, "after fix");
}

#[test]
fn rule_limits_the_fixes_to_the_rules_named() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &fixture("php-template").join("bad"),
        &dir.path().join("php"),
    );
    copy_tree(&fixture("ini-typo").join("bad"), &dir.path().join("ini"));
    let run = fix_in(dir.path(), &["--rule", "ini-typo", "php", "ini"]);
    assert_eq!(
        run.stdout,
        "fixed ini/app/bootstrap.php:2:11 ini-typo: 'dispaly' -> 'display'\n\
         fixed ini/app/bootstrap.php:4:31 ini-typo: 'filesise' -> 'filesize'\n\
         2 fixed, 0 not fixed; 1 finding remains after the fixes\n"
    );
    assert_eq!(
        run.code, 1,
        "the path-typo was not asked for and still blocks"
    );
    assert_tree_eq(
        &dir.path().join("php"),
        &tree(&fixture("php-template").join("bad")),
        "php",
    );
    assert_tree_eq(
        &dir.path().join("ini"),
        &tree(&fixture("ini-typo").join("clean")),
        "ini",
    );

    let run = fix_in(
        dir.path(),
        &["--rule", "ini-typo", "--rule", "path-typo", "php", "ini"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_tree_eq(
        &dir.path().join("php"),
        &tree(&fixture("php-template").join("clean")),
        "php",
    );
}

#[test]
fn an_unknown_rule_is_an_error_with_a_suggestion() {
    let dir = bad_copy("php-template");
    let before = tree(dir.path());
    let run = fix_in(dir.path(), &["--rule", "path-typoo"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rule `path-typoo`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `path-typo`?"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_tree_eq(dir.path(), &before, "after the error");
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = fix_in(dir.path(), &["no-such-folder"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("path not found"), "{}", run.stderr);
}

#[test]
fn a_clean_tree_has_nothing_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("php-template").join("clean"), dir.path());
    let run = fix_in(dir.path(), &[]);
    assert_eq!(
        run.stdout,
        "0 fixed, 0 not fixed; 0 findings remain after the fixes\n"
    );
    assert_eq!(run.code, 0);
}

/// A write that really fails, even for root: a file-size limit of zero makes every write to
/// a regular file fail with EFBIG (the signal it would raise is ignored).
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_intact() {
    let dir = bad_copy("php-template");
    let before = tree(dir.path());
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_typo-gate"));
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" fix"])
        .arg(&binary)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("config/view.php: not written:"), "{stderr}");
    assert!(
        stdout.contains("not fixed config/view.php:4:16 path-typo: 'layuot': failed: "),
        "{stdout}"
    );
    assert_tree_eq(dir.path(), &before, "after the failed write");
}
