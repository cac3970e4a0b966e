//! Words written once: a word of a key, a value or a program's string that the whole
//! repository writes nowhere else, in no case and inside no longer name, that is no word
//! of English, one slip from a word the repository writes [`crate::repo::COMMON`] times or
//! more (`'twig.extenxion.html'` among a bundle's `twig.extension.*` services,
//! `$config->get('app.timezome')`, `licrnse = BSD-3-Clause`). The evidence is the
//! repository's alone, so it is held to the likeliest slips and to deploy code: test
//! code writes odd words on purpose.
use super::{key, value, Findings, Rule};
use crate::expr::Lit;
use crate::extract::{CandidateKind, FileFacts};
use crate::vocab::{nearest_name, slip_rank};
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// A word a file writes that the rest of the repository may not: what [`confirm`] holds to
/// the repository's whole text before it is reported.
#[derive(Clone)]
pub struct Lone {
    rule: &'static Rule,
    lit: Lit,
    /// Where the word stands in the literal's text.
    range: std::ops::Range<usize>,
    /// The common word it slipped from, in the word's case.
    known: String,
    /// How often the repository writes the common word.
    uses: u32,
}

impl Lone {
    fn word(&self) -> &str {
        &self.lit.text[self.range.clone()]
    }
}

/// The words of a file's keys, values and strings that the repository writes once.
pub fn check(file_path: &str, facts: &FileFacts, out: &Findings) -> Vec<Lone> {
    let mut found = Vec::new();
    if crate::config::is_test_code(file_path)
        || is_vendored(file_path)
        || value::is_message_catalogue(file_path, facts, out.repo().language_folders())
    {
        return found;
    }
    // A file of five strings or more that are each one word written once is a table
    // (of suffixes and their plurals, of brands), keys, values and all.
    let one_lone_word = |lit: &Lit| {
        let mut runs = lit.text.split(|c: char| !c.is_ascii_alphabetic());
        runs.by_ref().filter(|run| !run.is_empty()).count() == 1 && lone_words(&lit.text, out) > 0
    };
    let literals = (facts.keys.iter().map(|k| &*k.lit))
        .chain(facts.values.iter().map(|v| &*v.lit))
        .chain(
            facts
                .candidates
                .iter()
                .flat_map(|c| c.expr.literals())
                .map(|l| &**l),
        )
        .chain(facts.lone_strings.iter().map(|l| &**l));
    let mut single: Vec<_> = literals
        .filter(|lit| one_lone_word(lit))
        .map(|lit| lit.span.bytes)
        .collect();
    single.sort_unstable();
    single.dedup();
    if single.len() >= TABLE_FILE {
        return found;
    }
    let translations = value::translation_maps(facts);
    // A mapping or a list that holds three words written once or more is a table of
    // names (brands, languages, a transliteration table), not settings: one more there is
    // no slip.
    let value_group = |value: &crate::lang::DocValue| {
        value.sequence.or_else(|| {
            let parent = value.place?.parent?;
            facts.keys.get(parent as usize).map(|key| key.mapping)
        })
    };
    let mut lone_in: HashMap<(bool, usize), usize> = HashMap::new();
    for key in &facts.keys {
        *lone_in.entry((true, key.mapping)).or_default() += lone_words(&key.lit.text, out);
    }
    for value in &facts.values {
        if let Some(group) = value_group(value) {
            *lone_in.entry((false, group)).or_default() += lone_words(&value.lit.text, out);
        }
    }
    let table = |group: (bool, usize)| lone_in.get(&group).is_some_and(|&n| n >= 3);
    // Keys and values are judged as such, whatever else reads their strings.
    let documented: HashSet<_> = (facts.keys.iter().map(|k| k.lit.span.bytes))
        .chain(facts.values.iter().map(|v| v.lit.span.bytes))
        .collect();
    for key in &facts.keys {
        // A translation map's keys are language tags, its values another language.
        if !translations.contains(&key.mapping) && !table((true, key.mapping)) {
            check_literal(&key.lit, &key::RULE, out, &mut found);
        }
    }
    for value in &facts.values {
        let translated = value
            .place
            .and_then(|place| place.parent)
            .and_then(|i| facts.keys.get(i as usize))
            .is_some_and(|key| translations.contains(&key.mapping));
        if translated || value_group(value).is_some_and(|group| table((false, group))) {
            continue;
        }
        let before = found.len();
        check_literal(&value.lit, &value::RULE, out, &mut found);
        // `[unless-stopped, unless-stoped]`: a value beside the word in its own list is
        // set against it on purpose.
        let contrasted = |lone: &Lone| {
            let known = lone.known.to_ascii_lowercase();
            facts
                .values
                .iter()
                .filter(|v| value.sequence.is_some() && v.sequence == value.sequence)
                .any(|v| words(&v.lit.text).any(|(_, w)| w.eq_ignore_ascii_case(&known)))
        };
        if found.len() > before && contrasted(&found[before]) {
            found.truncate(before);
        }
    }
    // A program's strings have no mappings to tell a table by: three strings or more that
    // are each one word, written once, within a few lines of each other, are one (`'mitsu',
    // 'sagem', 'sony'` in a list of phone makers, `"Cwidth/" . "Ccolors/"` in an `unpack`
    // format); names built of words (`'twig.extension.intl'`) are no such table.
    let strings: Vec<&Lit> = facts
        .candidates
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                CandidateKind::String | CandidateKind::Path | CandidateKind::Concat
            )
        })
        .flat_map(|c| c.expr.literals())
        .chain(&facts.lone_strings)
        .map(|lit| &**lit)
        .filter(|lit| !documented.contains(&lit.span.bytes))
        .collect();
    let mut lone_lines: Vec<(usize, Option<(usize, usize)>)> = strings
        .iter()
        .filter(|lit| one_lone_word(lit))
        .map(|lit| (lit.span.start.line, lit.span.bytes))
        .collect();
    lone_lines.sort_unstable();
    lone_lines.dedup();
    let crowded = |lit: &Lit| {
        let line = lit.span.start.line;
        let near = lone_lines.partition_point(|&(l, _)| l + TABLE_LINES < line);
        lone_lines[near..]
            .iter()
            .take_while(|&&(l, _)| l <= line + TABLE_LINES)
            .count()
            >= 3
    };
    for lit in strings {
        if !crowded(lit) {
            check_literal(lit, &value::RULE, out, &mut found);
        }
    }
    found
}

/// How many lines apart strings with words written once stand in one table.
const TABLE_LINES: usize = 3;

/// How many strings, each one word written once, make a file a table.
const TABLE_FILE: usize = 5;

/// Folders that hold other projects' code, copied in: their words are their authors'.
const VENDORED_FOLDERS: &[&str] = &[
    "vendor",
    "vendors",
    "_vendor",
    "third_party",
    "third-party",
    "thirdparty",
    "node_modules",
    "bower_components",
];

fn is_vendored(file_path: &str) -> bool {
    let mut folders = file_path.split('/').rev().skip(1);
    folders.any(|folder| VENDORED_FOLDERS.contains(&folder.to_ascii_lowercase().as_str()))
}

/// Holds the words found by [`check`] to the whole text of the repository (`text(i)` is
/// the bytes of file `i`, comments, documentation and all): a word written anywhere else,
/// in any case, whole or as a part of a name (`strcmp` of a PHP call, `Triger` of
/// `CWidgetTrigerOver`), is a spelling of the repository's; a word paired with its
/// correction (`'priviliged': 'privileged'`) is a misspelling written on purpose.
/// The names of the repository's files (`paths`) are written words too: `pyerl` names
/// `buildconf/pyerl.ini`.
pub fn confirm(
    found: Vec<Lone>,
    paths: &[String],
    text: impl Fn(usize) -> Option<Vec<u8>> + Sync,
) -> Vec<Lone> {
    let files = paths.len();
    if found.is_empty() {
        return found;
    }
    let mut words: Vec<String> = found
        .iter()
        .map(|l| l.word().to_ascii_lowercase())
        .collect();
    words.sort_unstable();
    words.dedup();
    let Ok(matcher) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)
    else {
        return Vec::new();
    };
    let in_file: HashMap<usize, Vec<usize>> =
        found
            .iter()
            .enumerate()
            .fold(HashMap::new(), |mut wanted, (i, lone)| {
                wanted.entry(lone.lit.file).or_default().push(i);
                wanted
            });
    let (uses, against): (Vec<Vec<usize>>, Vec<Vec<usize>>) = (0..files)
        .into_par_iter()
        .with_max_len(16)
        .filter_map(|file| {
            let bytes = text(file)?;
            let mut uses = Vec::new();
            for hit in matcher.find_overlapping_iter(&bytes) {
                if at_name_edges(&bytes, hit.start(), hit.end()) {
                    uses.push(hit.pattern().as_usize());
                }
            }
            let against: Vec<usize> = in_file
                .get(&file)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| paired_with_correction(&bytes, &found[i]))
                .collect();
            Some((uses, against))
        })
        .unzip();
    let mut per_word = vec![0usize; words.len()];
    let names = paths.join("\n");
    for hit in matcher.find_overlapping_iter(names.as_bytes()) {
        if at_name_edges(names.as_bytes(), hit.start(), hit.end()) {
            per_word[hit.pattern().as_usize()] += 1;
        }
    }
    for pattern in uses.into_iter().flatten() {
        per_word[pattern] += 1;
    }
    let against: HashSet<usize> = against.into_iter().flatten().collect();
    found
        .into_iter()
        .enumerate()
        .filter(|(i, lone)| {
            let lower = lone.word().to_ascii_lowercase();
            let at = words.binary_search(&lower).unwrap_or(usize::MAX);
            // Its own writing is the one use.
            per_word.get(at) == Some(&1) && !against.contains(i)
        })
        .map(|(_, lone)| lone)
        .collect()
}

/// Whether `bytes[start..end]` stands as a word or a part of a name, cut as [`words`]
/// cuts: letters around it only where a capital starts a word (`Triger` in
/// `CWidgetTrigerOver`, `CNAM` in `CNAMEs`).
fn at_name_edges(bytes: &[u8], start: usize, end: usize) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied().unwrap_or(b' ');
    // A word starts at `i` when no letter stands before it or a capital starts one there.
    let starts_word = |i: usize| {
        let (before, here, next) = (at(i.checked_sub(1)), at(Some(i)), at(Some(i + 1)));
        !before.is_ascii_alphabetic()
            || here.is_ascii_uppercase()
                && (before.is_ascii_lowercase()
                    || before.is_ascii_uppercase() && next.is_ascii_lowercase())
    };
    starts_word(start) && (!at(Some(end)).is_ascii_alphabetic() || starts_word(end))
}

/// Whether the literal is paired with its own correction, the next token of its line (a
/// table of misspellings: `'priviliged': 'privileged'`, `"recieve" => "receive"`).
fn paired_with_correction(bytes: &[u8], lone: &Lone) -> bool {
    let Some((_, end)) = lone.lit.span.bytes else {
        return false;
    };
    let corrected = format!(
        "{}{}{}",
        &lone.lit.text[..lone.range.start],
        lone.known,
        &lone.lit.text[lone.range.end..]
    );
    let Some(rest) = bytes.get(end + 1..) else {
        return false;
    };
    let between = rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b':' | b'=' | b'>' | b','))
        .count();
    let rest = &rest[between..];
    between > 0
        && matches!(rest.first(), Some(b'\'' | b'"'))
        && rest[1..].starts_with(corrected.as_bytes())
        && rest.get(corrected.len() + 1) == rest.first()
}

/// The findings of the words [`confirm`] kept.
pub fn report(found: Vec<Lone>, out: &mut Findings) {
    for lone in found {
        let (word, known, uses) = (lone.word(), &lone.known, lone.uses);
        let message = format!(
            "`{word}` is written nowhere else in the repository, which writes `{known}` {uses} times; did you mean `{known}`?"
        );
        out.on_literal(
            lone.rule,
            &lone.lit,
            lone.range.clone(),
            std::slice::from_ref(known),
            message,
        );
    }
}

/// Whether a string no rule reads may still hold a word written once: one name, no
/// sentence, with a run of four letters or more that is no word of English.
pub fn may_hold_lone_word(text: &str) -> bool {
    if text.contains(char::is_whitespace) || text.contains('\\') {
        return false;
    }
    let english = &crate::vocab::Vocabularies::builtin().english;
    words(text).any(|(_, word)| !english.contains(&word.to_ascii_lowercase()))
}

/// The words of a name with where they start: its runs of ASCII letters of four or more,
/// cut where a capital starts a word (`hanldeError`: `hanlde`, `Error`). A run beside a digit is a numbered name (`view1`), not a word.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut start = None;
    for at in 0..=bytes.len() {
        let letter = bytes.get(at).is_some_and(u8::is_ascii_alphabetic);
        // `hanldeError` and `CCondition` (a class's `C` before its name) break at the
        // capital that starts a word.
        let upper = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_uppercase);
        let lower = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
        let breaks =
            letter && at > 0 && upper(at) && (lower(at - 1) || upper(at - 1) && lower(at + 1));
        if let Some(from) = start.filter(|_| !letter || breaks) {
            runs.push((from, at));
            start = None;
        }
        if letter && start.is_none() {
            start = Some(at);
        }
    }
    let digit = |at: Option<usize>| {
        at.and_then(|at| bytes.get(at))
            .is_some_and(u8::is_ascii_digit)
    };
    runs.into_iter()
        .filter(move |&(from, to)| {
            to - from >= 4 && !digit(from.checked_sub(1)) && !digit(Some(to))
        })
        .map(move |(from, to)| (from, &text[from..to]))
}

fn check_literal(lit: &Lit, rule: &'static Rule, out: &Findings, found: &mut Vec<Lone>) {
    let text = lit.text.as_str();
    // An option for another program (`-lcap`, `--no-deps`) names what that program knows;
    // a pattern's escapes (`\bbool`) glue letters to its words.
    if !lit.exact
        || text.is_empty()
        || text.contains(char::is_whitespace)
        || text.starts_with('-')
        || text.contains(['\\', '%', '|', '^'])
    {
        return;
    }
    // `github.com/jmoiron/sqlx`: a package path names a host and a project's own names.
    let host = text.split_once('/').is_some_and(|(head, _)| {
        head.rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase()))
    });
    // A string holding three words written once is a list of names itself
    // (`(?:ami|enochian|mingo|navajo)`).
    if host || lone_words(text, out) >= 3 {
        return;
    }
    let names = value::names_not_words(text, &out.vocab().extensions);
    let all: Vec<(usize, &str)> = words(text).collect();
    for (i, &(at, word)) in all.iter().enumerate() {
        // A character entity (`&quot;`) and a hexadecimal number (`FFFC`) are no words.
        let entity = text[..at].ends_with('&');
        let hex = word.bytes().all(|b| b.is_ascii_hexdigit());
        if names.iter().any(|range| range.contains(&at)) || entity || hex {
            continue;
        }
        // `isPermaLink`: a part that makes a written word with the part beside it is half
        // of that word (`permalink`).
        let joined = |a: &str, b: &str| {
            let end = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize + w.len();
            end(a) == b.as_ptr() as usize - text.as_ptr() as usize
                && is_written(&format!("{a}{b}").to_ascii_lowercase(), out)
        };
        let before = i.checked_sub(1).map(|j| all[j].1);
        let after = all.get(i + 1).map(|&(_, w)| w);
        if before.is_some_and(|b| joined(b, word)) || after.is_some_and(|a| joined(word, a)) {
            continue;
        }
        if let Some((one, uses)) = slipped_from(word, out) {
            found.push(Lone {
                rule,
                lit: lit.clone(),
                range: at..at + word.len(),
                known: in_case_of(word, one),
                uses,
            });
            return;
        }
    }
}

/// Whether the repository or English writes a lower-case word.
fn is_written(lower: &str, out: &Findings) -> bool {
    let repo = out.repo();
    out.vocab().english.contains(lower)
        || repo.folded_text_uses(lower) + repo.folded_key_uses(lower) > 0
}

/// Whether a tool's table names `lower`: a kind of file (`.shar`), a media type's subtype
/// (`audio/speex`).
fn is_registered_name(lower: &str, out: &Findings) -> bool {
    static SUBTYPES: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    let subtypes = SUBTYPES.get_or_init(|| {
        let types = &crate::vocab::Registries::builtin().media_types;
        types
            .entries()
            .iter()
            .filter_map(|t| t.split_once('/'))
            .flat_map(|(_, subtype)| subtype.split(|c: char| !c.is_ascii_alphanumeric()))
            .map(str::to_ascii_lowercase)
            .collect()
    });
    out.vocab().extensions.contains(lower) || subtypes.contains(lower)
}

/// How many words of `text` the repository writes nowhere else and English does not know.
fn lone_words(text: &str, out: &Findings) -> usize {
    if text.contains(char::is_whitespace) {
        return 0;
    }
    let (repo, english) = (out.repo(), &out.vocab().english);
    words(text)
        .filter(|(_, word)| {
            let lower = word.to_ascii_lowercase();
            repo.folded_text_uses(&lower) + repo.folded_key_uses(&lower) <= 1
                && !english.contains(&lower)
        })
        .count()
}

/// The common word of the repository that `word`, written once, slipped from.
fn slipped_from<'r>(word: &str, out: &'r Findings) -> Option<(&'r str, u32)> {
    let repo = out.repo();
    let english = &out.vocab().english;
    let lower = word.to_ascii_lowercase();
    if repo.folded_text_uses(&lower) + repo.folded_key_uses(&lower) > 1 || english.contains(&lower)
    {
        return None;
    }
    // Three letters are an abbreviation or an alias (`omu` of a query), no word to slip
    // from, unless they name a kind of file (`csv`, `dat`).
    let extensions = &out.vocab().extensions;
    let rivals = repo
        .common_words_near(&lower)
        .filter(|(w, _)| w.len() >= 4 || extensions.contains(w));
    if is_registered_name(&lower, out) {
        return None;
    }
    // `templated` beside `templates`: a written word and an inflection (`template`, `-d`);
    // `Ccomponents` and `Nframes` of a binary format: a letter glued before a written word.
    let inflected = ["s", "es", "d", "ed", "ing", "er"].iter().any(|suffix| {
        lower
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.len() >= 4 && is_written(stem, out))
    });
    let prefixed = word.len() >= 5
        && word.as_bytes()[0].is_ascii_uppercase()
        && word.as_bytes()[1].is_ascii_lowercase()
        && is_written(&lower[1..], out);
    if inflected || prefixed {
        return None;
    }
    let near = nearest_name(rivals.map(|(w, _)| w), &lower, 1);
    let [one] = near.as_slice() else {
        return None;
    };
    let one: &'r str = one;
    // `configs` beside `config`, `subcats` beside `subcat`, `templated` beside
    // `template`: a word and its inflection are two words (but a doubled last letter,
    // `namee`, is a slip).
    let grown = lower
        .strip_prefix(one)
        .is_some_and(|rest| rest.len() == 1 && !one.ends_with(rest));
    if grown || key::is_plural_or_abbreviation(&lower, one) {
        return None;
    }
    // A hand that keeps the length swaps two letters or hits a neighbouring key (`trmi`,
    // `stting`, `extenxion`); a letter changed for a distant one makes another word
    // (`allof` of a query language beside `allow`).
    if lower.len() == one.len() && slip_rank(&lower, one) > 1 {
        return None;
    }
    // Four letters make other names by any other slip (`PONG`, `genr`, `repl`, `vmsn`):
    // only a swap (`trmi`, `pgae`) leaves no doubt.
    if lower.len() == 4 && (one.len() != 4 || slip_rank(&lower, one) > 0) {
        return None;
    }
    // `inputtex` beside `inputted`: a word made of two the repository knows.
    if value::is_compound(repo, english, &lower, one) {
        return None;
    }
    let uses = repo
        .common_words_near(&lower)
        .find(|(w, _)| *w == one)
        .map_or(0, |(_, uses)| uses);
    Some((one, uses))
}

/// `known` written in the case of `typed`: `Site` for `Sitw`, `DEBUG` for `DEBUH`.
fn in_case_of(typed: &str, known: &str) -> String {
    if typed.bytes().all(|b| b.is_ascii_uppercase()) {
        known.to_ascii_uppercase()
    } else if typed.as_bytes()[0].is_ascii_uppercase() {
        let mut word = known.to_string();
        word[..1].make_ascii_uppercase();
        word
    } else {
        known.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_runs_cut_at_case() {
        let found: Vec<_> = words("twig.extenxion.html").collect();
        assert_eq!(found, [(0, "twig"), (5, "extenxion"), (15, "html")]);
        let found: Vec<_> = words("hanldeError").collect();
        assert_eq!(found, [(0, "hanlde"), (6, "Error")]);
        // Numbered names and short runs are no words.
        assert_eq!(words("view1 metrics2x ab").count(), 0);
        assert_eq!(
            words("CaptchaSitwVerifyURL").collect::<Vec<_>>(),
            [(0, "Captcha"), (7, "Sitw"), (11, "Verify")]
        );
        assert_eq!(
            words("CConditionHelper").collect::<Vec<_>>(),
            [(1, "Condition"), (10, "Helper")]
        );
    }

    #[test]
    fn uses_are_counted_where_words_are_cut() {
        let edges = |text: &str, word: &str| {
            let at = text.find(word).unwrap();
            at_name_edges(text.as_bytes(), at, at + word.len())
        };
        assert!(edges("CWidgetTrigerOver", "Triger"));
        assert!(edges("TooManyCNAMEs", "CNAM"));
        assert!(edges("wsgi.fiel_wrapper", "fiel"));
        assert!(!edges("Ccolors", "colors"));
        assert!(!edges("oldppassword", "oldppass"));
    }

    #[test]
    fn suggestions_keep_the_case() {
        assert_eq!(in_case_of("Sitw", "site"), "Site");
        assert_eq!(in_case_of("DEBUH", "debug"), "DEBUG");
        assert_eq!(in_case_of("extenxion", "extension"), "extension");
    }
}
