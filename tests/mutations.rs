//! Random byte edits of every fixture, from a fixed seed: whatever the edit, reading and
//! checking a file never panics, never hangs, gives the same findings every time, and the
//! whole run prints the same output with one worker as with several. The fuzz targets
//! under `fuzz/` search the same space for longer.
mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{fixture, typo_gate};
use typo_gate::lang;

/// xorshift64*: a fixed sequence, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to some grammar: quotes, brackets, separators, escapes, white space,
/// a NUL, a lone UTF-8 lead byte.
const SPICE: &[u8] = b"'\"`()[]{}<>$.:;,=/\\#-+*?|&!% \t\n\r\x00\xc3\xff";

/// One to four edits: replace, insert or delete a byte, duplicate or drop a stretch,
/// or repeat an opening bracket.
fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        let spice = SPICE[rng.below(SPICE.len())];
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] = spice,
            1 => bytes.insert(at, spice),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            3 => {
                let end = (at + rng.below(64)).min(bytes.len());
                let stretch = bytes[at..end].to_vec();
                bytes.splice(at..at, stretch);
            }
            4 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let open = [b'(', b'[', b'{', b' '][rng.below(4)];
                bytes.splice(at..at, std::iter::repeat_n(open, 1 + rng.below(300)));
            }
        }
    }
    bytes
}

/// Every file under the fixtures that a language reads, with its root-relative path.
fn sources() -> Vec<(PathBuf, String)> {
    let root = fixture("");
    let mut out = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let text = fs::read_to_string(&path).unwrap_or_default();
                if lang::detect(Path::new(&relative), &text).is_some() {
                    out.push((path, relative));
                }
            }
        }
    }
    out.sort();
    out
}

const MUTANTS_PER_FILE: usize = 12;

#[test]
fn mutated_fixtures_never_panic_and_give_the_same_findings_twice() {
    let sources = sources();
    assert!(sources.len() > 60, "only {} fixtures", sources.len());
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut checked = 0;
    for (path, relative) in &sources {
        let original = fs::read(path).unwrap();
        let name = relative.rsplit('/').next().unwrap();
        for _ in 0..MUTANTS_PER_FILE {
            let bytes = mutate(&mut rng, &original);
            let first = typo_gate::check_text(name, None, &bytes, &["static/", "inc.php"]);
            let second = typo_gate::check_text(name, None, &bytes, &["static/", "inc.php"]);
            assert_eq!(
                format!("{first:?}"),
                format!("{second:?}"),
                "{relative}: {:?}",
                String::from_utf8_lossy(&bytes)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, sources.len() * MUTANTS_PER_FILE);
}

#[test]
fn a_tree_of_mutated_fixtures_reports_the_same_with_any_number_of_workers() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    for (path, relative) in sources() {
        let original = fs::read(&path).unwrap();
        let (folder, name) = relative.rsplit_once('/').unwrap_or(("", &relative));
        for i in 0..4 {
            // Each mutant keeps its name in a folder of its own, so detection sees it.
            let target = dir.path().join(format!("{i}")).join(folder).join(name);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, mutate(&mut rng, &original)).unwrap();
        }
    }
    let run = |jobs: &str| {
        let output = typo_gate()
            .args(["check", "--format", "json", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            !stderr.contains("panicked") && !stderr.contains("internal error"),
            "{stderr}"
        );
        let mut document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        document["summary"]["duration_ms"] = 0.into();
        (output.status.code(), document, stderr)
    };
    let one = run("1");
    assert!(matches!(one.0, Some(0..=2)), "{:?}", one.0);
    assert!(one.1["summary"]["files_scanned"].as_u64().unwrap() > 200);
    assert_eq!(one, run("3"));
}

/// Strings the parser closes early, at a byte that is not valid UTF-8 (read as a character
/// of three bytes), so that no closing quote is there to drop: the inputs the fuzzers of
/// `fuzz/` found, as their targets read them (the YAML target's first byte picks the
/// language: `'` is the fifth of its five, Ansible playbooks).
#[test]
fn strings_cut_short_inside_a_character_are_read_whole() {
    let cases: &[(&str, &str, &[u8])] = &[
        (
            "site.yml",
            "ansible",
            include_bytes!("regressions/yaml-quote-cut-in-a-character"),
        ),
        (
            "package.json",
            "json",
            include_bytes!("regressions/json-quote-cut-in-a-character"),
        ),
    ];
    for (path, id, bytes) in cases {
        let language = typo_gate::lang::Language::by_id(id).expect("a language");
        let bytes = if *id == "ansible" {
            &bytes[1..]
        } else {
            &bytes[..]
        };
        let first = typo_gate::check_text(path, Some(language), bytes, &[]);
        let second = typo_gate::check_text(path, Some(language), bytes, &[]);
        assert_eq!(format!("{first:?}"), format!("{second:?}"), "{path}");
    }
}

/// A settings file the python fuzz target mangled until `BASE_DIR` was joined from itself
/// several times over: evaluating it took minutes before evaluation had a budget. Checked
/// on a thread so that a return of the hang fails the test instead of stalling it.
#[test]
fn a_definition_built_from_itself_is_checked_in_bounded_work() {
    let bytes = include_bytes!("regressions/python-definition-naming-itself");
    let language = typo_gate::lang::Language::by_id("python").expect("a language");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let findings = typo_gate::check_text("settings.py", Some(language), bytes, &[]);
        sender.send(format!("{findings:?}")).unwrap();
    });
    let first = receiver
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the check returns");
    let second = typo_gate::check_text("settings.py", Some(language), bytes, &[]);
    assert_eq!(first, format!("{second:?}"));
}
