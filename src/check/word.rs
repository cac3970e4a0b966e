//! `word-typo`: a path component one edit from a deploy word or from a folder name of the
//! repository, even when the folder does not exist yet (`statec/` before `collectstatic`).
use super::resolve::{Resolved, Shape, State};
use super::{literal_of, Findings, Rule};
use crate::expr::UNKNOWN;
use crate::finding::Severity;
use crate::repo::TRUSTED;
use crate::vocab::nearest_of;

pub const RULE: Rule = Rule {
    id: "word-typo",
    summary:
        "A path component that is not on disk and is one edit from a deploy word or a folder name",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/word-typo.md"),
};

pub fn check(resolved: &Resolved, out: &mut Findings) {
    // A concatenation that does not read as a path as a whole (`$bundle->getPath() .
    // '/Resources/publid'`) still writes its folders after a slash: those are held to the
    // deploy words only.
    let concatenated = resolved.value.pieces.len() > 1;
    let guessed = resolved.shape == Shape::Guessed;
    if guessed && !concatenated {
        return;
    }
    if !guessed && system_folder(resolved, out) {
        return;
    }
    for (i, component) in resolved.components.iter().enumerate() {
        if component.state == State::Exists || (guessed && i == 0) {
            continue;
        }
        let name = resolved.text(component);
        // After an unknown part (`$dir . 'templtes/'`), what follows is still a name.
        let tail_start = name.rfind(UNKNOWN).map_or(0, |i| i + UNKNOWN.len_utf8());
        let tail = &name[tail_start..];
        // A name the repository writes in three paths or more is its own spelling
        // (`tests/eapi/…` in every file list of a network collection).
        if !tail
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
            || out.index().has_name(tail)
            || out.repo().path_word_count(tail) >= TRUSTED
        {
            continue;
        }
        // The whole name, then each word of a compound (`twig-templtes`, `block_tempaltes`).
        let mut offset = 0;
        let mut words = vec![(0, tail)];
        if tail.contains(['-', '_']) {
            words.extend(tail.split(['-', '_']).map(|w| {
                let at = offset;
                offset += w.len() + 1;
                (at, w)
            }));
        }
        for (at, word) in words {
            let start = component.range.start + tail_start + at;
            let folders_too = resolved.certain() && at == 0 && word == tail;
            if let Some(near) = near_words(word, folders_too && !guessed, out) {
                report(resolved, start..start + word.len(), word, near, out);
                break;
            }
        }
    }
}

/// The deploy words (or, in a certain path, folder names) one slip from `word`.
fn near_words(word: &str, folders_too: bool, out: &Findings) -> Option<Vec<String>> {
    // `HTTP/1.1`: an upper-case word is a name or an acronym, not a folder.
    if word.chars().count() < 4
        || !word.chars().any(|c| c.is_ascii_lowercase())
        || word.starts_with(['-', '_'])
        || word.ends_with(['-', '_'])
    {
        return None;
    }
    let vocab = out.vocab();
    let lower = word.to_ascii_lowercase();
    if vocab.deploy_words.contains(&lower)
        || vocab.extensions.contains(&lower)
        || vocab.schemes.contains(&lower)
        || vocab.english.contains(&lower)
        || out.index().has_name(word)
        || out.repo().path_word_count(word) >= TRUSTED
        || out.repo().names_word(&lower)
    {
        return None;
    }
    let mut near = vocab.deploy_words.nearest(&lower, 1, &vocab.pairs);
    if near.is_empty() && word.len() >= 5 && folders_too {
        let folders = out.index().dir_names_near(word).filter(|n| n.len() >= 5);
        near = nearest_of(folders, word, 1, &vocab.pairs);
    }
    // A version glued to a name is another name (`apache22`, Apache 2.2's folder on
    // FreeBSD, beside `apache2`).
    let letters = |w: &str| {
        w.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    near.retain(|n| letters(n) != letters(&lower));
    // A word cut short is another word: `templ` (of `template`) is not `temp` with a
    // letter more, nor `conn` (of `connection`) `conf` with its last letter changed.
    // Abbreviations are cut at the end, so only a slip in the last letter is read so.
    let cut_short = vocab.english.starts_longer(&lower, 2);
    near.retain(|n| {
        let grown = lower.strip_prefix(*n).is_some_and(|rest| rest.len() == 1);
        let last_changed = lower.len() == n.len()
            && lower.char_indices().last().is_some_and(|(at, c)| {
                n.get(..at) == Some(&lower[..at]) && n.get(at..).is_some_and(|r| !r.starts_with(c))
            });
        !(cut_short && (grown || last_changed))
    });
    // A capital before a word makes another name (`Predis/` beside `redis/`, Perl's
    // `Coro/` beside `core/`): a hand that slips does not also capitalise, so a capitalised
    // word is only near a capitalised folder of the tree.
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        near.retain(|n| n.chars().next() == word.chars().next());
    }
    (!near.is_empty()).then(|| near.into_iter().map(str::to_string).collect())
}

/// `/ect/nginx`, `/usr/lkb/apache2`: an absolute path that leaves the system's known
/// folders by one slip. Reports the first such component; true when it did.
fn system_folder(resolved: &Resolved, out: &mut Findings) -> bool {
    let text = resolved.value.text.as_str();
    if !text.starts_with('/') {
        return false;
    }
    let folders = &out.vocab().system_folders;
    let mut parent = String::new();
    for component in &resolved.components {
        let name = resolved.text(component);
        let path = format!("{parent}/{name}");
        if folders.contains(&path) {
            parent = path;
            continue;
        }
        let children = folders.entries().iter().filter_map(|f| {
            f.strip_prefix(parent.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|child| !child.contains('/'))
        });
        let near: Vec<String> = children
            .filter(|child| is_slip(name, child))
            .map(str::to_string)
            .collect();
        // A common name is its own folder, not a slip of a sibling standard folder: the
        // repository's `src/` listed from its top (`/src/Factory.php`) beside `/srv`.
        let vocab = out.vocab();
        if near.is_empty()
            || name.contains(UNKNOWN)
            || vocab.deploy_words.contains(name)
            || vocab.english.contains(name)
            || out.index().has_name(name)
        {
            return false;
        }
        report(resolved, component.range.clone(), name, near, out);
        return true;
    }
    false
}

/// One slip of a hand after the first letter: at three letters only a swap, a
/// neighbouring key or a doubled letter (`ect`, `ust`, `wwww`), longer names any single
/// edit that is not a different word (`ngnix`).
fn is_slip(typed: &str, known: &str) -> bool {
    // A different first letter makes another name (`/var/qmail` beside `/var/mail`).
    if typed.chars().next() != known.chars().next() {
        return false;
    }
    if typed.chars().count() <= 3 || known.chars().count() <= 3 {
        typed != known && crate::vocab::slip_rank(typed, known) <= 2
    } else {
        crate::vocab::distance(typed, known) == 1 && crate::vocab::is_plausible_typo(typed, known)
    }
}

fn report(
    resolved: &Resolved,
    range: std::ops::Range<usize>,
    word: &str,
    near: Vec<String>,
    out: &mut Findings,
) {
    let Some((lit, range)) = literal_of(resolved.value, &range) else {
        return;
    };
    let message = match near.as_slice() {
        [one] => format!("`{word}` looks like a typo of `{one}`"),
        many => format!(
            "`{word}` looks like a typo of one of {}",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.on_literal(&RULE, lit, range, &near, message);
}
