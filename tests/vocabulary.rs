//! Curation checks for the vocabularies under `rules/`.
//!
//! Self-contained: reads the files from disk and uses only std and `strsim`, so a
//! broken vocabulary is reported even while the crate's own code is being changed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");

/// Vocabularies of single names, where two entries one edit apart must be a listed pair.
const SINGLE_WORD: &[&str] = &[
    "extensions.txt",
    "deploy-extensions.txt",
    "deploy-words.txt",
    "schemes.txt",
    "django-settings.txt",
    "wordpress-constants.txt",
    "php-ini.txt",
    "laravel-env.txt",
];

const PAIRS: &str = "similar-pairs.txt";

struct VocabularyFile {
    name: String,
    header_lines: usize,
    entries: Vec<String>,
}

/// Every `rules/*.txt` file: its leading `#` lines, then every following line as an entry.
fn vocabulary_files() -> Vec<VocabularyFile> {
    let mut files: Vec<VocabularyFile> = fs::read_dir(RULES)
        .unwrap_or_else(|e| panic!("cannot list {RULES}: {e}"))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| read(&path))
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!files.is_empty(), "no vocabulary files found in {RULES}");
    files
}

fn read(path: &Path) -> VocabularyFile {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(&text)
        .split('\n')
        .collect();
    let header_lines = lines.iter().take_while(|l| l.starts_with('#')).count();
    let entries = lines[header_lines..]
        .iter()
        .map(|l| l.to_string())
        .collect();
    VocabularyFile {
        name,
        header_lines,
        entries,
    }
}

fn file<'a>(files: &'a [VocabularyFile], name: &str) -> &'a VocabularyFile {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("rules/{name} is missing"))
}

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// Ordered the way `similar-pairs.txt` writes a pair: the byte-wise smaller name first.
fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a.as_bytes() <= b.as_bytes() {
        (a, b)
    } else {
        (b, a)
    }
}

fn one_edit_apart(a: &str, b: &str) -> bool {
    strsim::osa_distance(a, b) == 1
}

/// The listed pairs, as (smaller, larger) names.
fn listed_pairs(files: &[VocabularyFile]) -> BTreeSet<(String, String)> {
    file(files, PAIRS)
        .entries
        .iter()
        .filter_map(|line| {
            let mut words = line.split(' ');
            let (a, b) = (words.next()?, words.next()?);
            Some((a.to_string(), b.to_string()))
        })
        .collect()
}

#[test]
fn every_file_has_a_header() {
    let problems: Vec<String> = vocabulary_files()
        .iter()
        .filter(|f| f.header_lines == 0)
        .map(|f| {
            format!(
                "rules/{}: no `#` header saying where the names come from",
                f.name
            )
        })
        .collect();
    report(&problems);
}

#[test]
fn entries_are_clean_sorted_and_unique() {
    let mut problems = Vec::new();
    for f in &vocabulary_files() {
        let first_line = f.header_lines + 1;
        for (i, entry) in f.entries.iter().enumerate() {
            let line = first_line + i;
            if entry.trim().is_empty() {
                problems.push(format!("rules/{} line {line}: empty entry", f.name));
            } else if entry.trim() != entry {
                problems.push(format!(
                    "rules/{} line {line}: whitespace around {entry:?}",
                    f.name
                ));
            } else if entry.starts_with('#') {
                problems.push(format!(
                    "rules/{} line {line}: comment {entry:?} among the entries; provenance belongs in the header",
                    f.name
                ));
            }
        }
        for (i, pair) in f.entries.windows(2).enumerate() {
            let line = first_line + i + 1;
            match pair[0].as_bytes().cmp(pair[1].as_bytes()) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => problems.push(format!(
                    "rules/{} line {line}: duplicate entry {:?}",
                    f.name, pair[1]
                )),
                std::cmp::Ordering::Greater => problems.push(format!(
                    "rules/{} line {line}: {:?} sorts before {:?} (byte order, as LC_ALL=C sort)",
                    f.name, pair[1], pair[0]
                )),
            }
        }
    }
    report(&problems);
}

#[test]
fn near_entries_are_listed_pairs() {
    let files = vocabulary_files();
    let listed = listed_pairs(&files);
    let mut problems = Vec::new();
    for name in SINGLE_WORD {
        let entries = &file(&files, name).entries;
        // Entries one edit apart differ in length by at most one: compare within and
        // across neighbouring lengths only.
        let mut by_length: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for entry in entries {
            by_length
                .entry(entry.chars().count())
                .or_default()
                .push(entry);
        }
        for (length, group) in &by_length {
            let longer = by_length.get(&(length + 1));
            for (i, a) in group.iter().enumerate() {
                let same = group[i + 1..].iter();
                let next = longer.into_iter().flatten();
                for b in same.chain(next) {
                    if !one_edit_apart(a, b) {
                        continue;
                    }
                    let (x, y) = ordered(a, b);
                    if !listed.contains(&(x.to_string(), y.to_string())) {
                        problems.push(format!(
                            "rules/{name}: {x:?} and {y:?} are one edit apart; list `{x} {y}` in rules/{PAIRS} if both are real, else drop the typo"
                        ));
                    }
                }
            }
        }
    }
    report(&problems);
}

#[test]
fn listed_pairs_are_real_and_current() {
    let files = vocabulary_files();
    let vocabularies: Vec<(&str, BTreeSet<&str>)> = files
        .iter()
        .filter(|f| f.name != PAIRS)
        .map(|f| {
            (
                f.name.as_str(),
                f.entries.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for line in &file(&files, PAIRS).entries {
        let words: Vec<&str> = line.split(' ').collect();
        let &[a, b] = words.as_slice() else {
            problems.push(format!(
                "rules/{PAIRS}: {line:?} is not two names separated by one space"
            ));
            continue;
        };
        if a.as_bytes() >= b.as_bytes() {
            problems.push(format!(
                "rules/{PAIRS}: in {line:?} the first name must sort before the second"
            ));
        }
        if !one_edit_apart(a, b) {
            problems.push(format!(
                "rules/{PAIRS}: {a:?} and {b:?} are not one edit apart"
            ));
        }
        if !vocabularies
            .iter()
            .any(|(_, entries)| entries.contains(a) && entries.contains(b))
        {
            problems.push(format!(
                "rules/{PAIRS}: no vocabulary holds both {a:?} and {b:?}; the pair is stale"
            ));
        }
    }
    report(&problems);
}

#[test]
fn deploy_extensions_are_known_extensions() {
    let files = vocabulary_files();
    let known: BTreeSet<&str> = file(&files, "extensions.txt")
        .entries
        .iter()
        .map(String::as_str)
        .collect();
    let problems: Vec<String> = file(&files, "deploy-extensions.txt")
        .entries
        .iter()
        .filter(|e| !known.contains(e.as_str()))
        .map(|e| format!("rules/deploy-extensions.txt: {e:?} is not in rules/extensions.txt"))
        .collect();
    report(&problems);
}
