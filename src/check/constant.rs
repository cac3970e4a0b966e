//! `constant-typo`: a PHP constant defined under a name nothing reads while a known one is
//! one edit away (`define('WP_DEGUB', true)`), or read under a name nothing defines.
use super::{Findings, Rule};
use crate::extract::FileFacts;
use crate::finding::Severity;
use crate::vocab::{distance, name_budget, nearest_name};

pub const RULE: Rule = Rule {
    id: "constant-typo",
    summary:
        "A PHP constant defined but never read, or read but never defined, one edit from a real one",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/constant-typo.md"),
};

pub fn check(file: usize, facts: &FileFacts, out: &mut Findings) {
    let vocab = out.vocab();
    let repo = out.repo();
    // What an archive's stub defines, its archived code may read.
    let definitions = if facts.continues_unread {
        &[][..]
    } else {
        &facts.definitions[..]
    };
    for definition in definitions {
        let name = definition.name.as_str();
        if is_known(name, out) || repo.reads(name) > 0 || !crate::extract::is_constant_name(name) {
            continue;
        }
        // Defined but never read: near a constant WordPress knows, or near a name the
        // code does read (defined elsewhere or nowhere: the two are then one slip).
        let candidates = vocab
            .wordpress_constants
            .entries()
            .iter()
            .map(String::as_str)
            .chain(repo.read_names());
        let near = nearest_name(candidates, name, name_budget(name));
        let [one] = near.as_slice() else { continue };
        if !repo.is_defined(one) && !is_known(one, out) && misspelling(one, name) {
            continue; // The read is the slip; it is reported where it is read.
        }
        // Beside a constant the code defines itself, an unread one two edits away is
        // another constant nobody uses yet (`ZBX_PREG_PRINT` beside `ZBX_PREG_INT`).
        if repo.is_defined(one) && !is_known(one, out) && distance(name, one) > 1 {
            continue;
        }
        let message = format!("`{name}` is defined but nothing reads it; did you mean `{one}`?");
        out.on_name(
            &RULE,
            file,
            name,
            &definition.span,
            &[one.to_string()],
            message,
        );
    }
    for read in &facts.reads {
        let name = read.name.as_str();
        let Some(one) = repo.read_suggestion(name) else {
            continue;
        };
        // An unread definition near this read is reported at the definition unless this
        // spelling is the worse one.
        if repo.reads(one) == 0 && !misspelling(name, one) {
            continue;
        }
        let one = one.to_string();
        let message = format!("`{name}` is read but never defined; did you mean `{one}`?");
        out.on_name(&RULE, file, name, &read.span, &[one], message);
    }
}

/// Of two spellings one slip apart, is `a` the misspelt one? The one with fewer words of
/// English among its parts (`SHOP_CURENCY` against `SHOP_CURRENCY`).
fn misspelling(a: &str, b: &str) -> bool {
    english_words(a) < english_words(b)
}

fn english_words(name: &str) -> usize {
    let english = &crate::vocab::Vocabularies::builtin().english;
    name.split('_')
        .filter(|part| english.contains(&part.to_ascii_lowercase()))
        .count()
}

fn is_known(name: &str, out: &Findings) -> bool {
    let vocab = out.vocab();
    vocab.wordpress_constants.contains(name) || vocab.php_constants.contains(name)
}
