//! `value-typo`: a value at a position that takes a registered value (an HTTP field name,
//! a media type, an OpenSSL cipher-string word, a directive's keyword) that is not one
//! but is one edit from exactly one that is.
use super::{Findings, Rule};
use crate::expr::{Expr, Lit};
use crate::extract::{CandidateKind, FileFacts};
use crate::finding::Severity;
use crate::lang::DocValue;
use crate::vocab::{
    changed_parts, nearest_name, nearest_of, KeyVocabulary, Registries, Vocabulary,
};
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    id: "value-typo",
    summary: "A configuration value one edit from an allowed value at its position",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/value-typo.md"),
};

/// The words every configuration format takes as a value.
const CONFIG_WORDS: &[&str] = &["true", "false", "yes", "null", "none", "True", "False"];

/// Values a published schema of the file does not take where they stand, one slip from
/// one it does: `interval: weeky` in dependabot's configuration, `"type": "modle"` in
/// `package.json`, `privileged: treu` in a Compose file.
pub fn check_against_the_schema(file_path: &str, facts: &FileFacts, out: &mut Findings) {
    let Some(family) = facts.language.and_then(|l| l.document).map(|d| d.family) else {
        return;
    };
    let mut schemas = crate::schema::Catalog::embedded().for_file(file_path, family);
    schemas.retain(|schema| schema.fits(&facts.keys));
    if schemas.is_empty() {
        return;
    }
    let positions: Vec<_> = schemas
        .iter()
        .map(|s| s.key_positions(&facts.keys))
        .collect();
    'values: for value in &facts.values {
        let (lit, text) = (&value.lit, value.lit.text.as_str());
        if !lit.exact || text.is_empty() || text.contains(['$', '{', '%']) || is_number(text) {
            continue;
        }
        let mut near: Vec<&str> = Vec::new();
        let mut judged = None;
        for (schema, keys) in schemas.iter().zip(&positions) {
            let Some(position) = schema.mapping_of(keys, value.place) else {
                continue;
            };
            let Some((allowed, _)) = schema.values(position) else {
                continue 'values;
            };
            // Case is the reader's business (`True`, `GET`); YAML reads `yes` and `on` as
            // booleans.
            let boolean = allowed.iter().any(|v| v == "true")
                && family == "yaml"
                && YAML_BOOLEANS.iter().any(|b| b.eq_ignore_ascii_case(text));
            if boolean || allowed.iter().any(|v| v.eq_ignore_ascii_case(text)) {
                continue 'values;
            }
            judged = Some(schema.name);
            near.extend(nearest_name(
                allowed.iter().map(String::as_str),
                text,
                crate::vocab::name_budget(text),
            ));
        }
        near.sort_unstable();
        near.dedup();
        let (Some(schema), [one]) = (judged, near.as_slice()) else {
            continue;
        };
        let message = format!(
            "`{text}` is not a value the {schema} schema allows here; did you mean `{one}`?"
        );
        out.on_literal(&RULE, lit, 0..text.len(), &[one.to_string()], message);
    }
}

/// What YAML 1.1 readers (PyYAML, Ansible) take as booleans, besides `true` and `false`.
const YAML_BOOLEANS: &[&str] = &["true", "false", "yes", "no", "on", "off", "y", "n"];

fn is_number(text: &str) -> bool {
    text.parse::<f64>().is_ok()
}

/// Values no table knows, held to the repository's own: a word of a structured file's
/// value without white space, that the repository writes nowhere else (no other value,
/// string or key), that is no word of English and holds no digit, one slip from a word the
/// values of two files or more write, or from a word every format takes (`true`):
/// `postgrseql` in `django.db.backends.postgrseql`, `alwasy`, `treu`.
pub fn check_against_the_repository(file_path: &str, facts: &FileFacts, out: &mut Findings) {
    // A translation's words are another language's: `Passord` in `no.yml` is Norwegian
    // for the `Password` of `en.yml`, not a slip of it.
    if is_message_catalogue(file_path, facts, out.repo().language_folders()) {
        return;
    }
    // `'If-Mach'` in a list of allowed headers: a value shaped as an HTTP field name is
    // held to the registry, as a whole.
    let fields = &Registries::builtin().http_fields;
    let field_names: std::collections::HashSet<usize> = facts
        .values
        .iter()
        .enumerate()
        .filter(|(_, value)| value.lit.exact && is_field_shaped(&value.lit.text))
        .map(|(i, value)| {
            field(&value.lit, fields, out);
            i
        })
        .collect();
    let repo = out.repo();
    let english = &out.vocab().english;
    let translations = translation_maps(facts);
    let translated = |value: &DocValue| {
        let key = value
            .place
            .and_then(|place| place.parent)
            .and_then(|i| facts.keys.get(i as usize));
        key.is_some_and(|key| translations.contains(&key.mapping))
    };
    // A value with white space is a sentence or a command line, whose words are anyone's.
    let values = facts.values.iter().enumerate().filter_map(|(i, value)| {
        let plain = value.lit.exact
            && !value.lit.text.contains(char::is_whitespace)
            && !translated(value)
            && !field_names.contains(&i);
        plain.then_some(value)
    });
    let extensions = &out.vocab().extensions;
    let alone: Vec<(&DocValue, &str)> = values
        .flat_map(|value| {
            let text = value.lit.text.as_str();
            let names = names_not_words(text, extensions);
            crate::repo::value_words(text)
                .filter(move |word| {
                    let at = word.as_ptr() as usize - text.as_ptr() as usize;
                    !names.iter().any(|range| range.contains(&at))
                })
                .map(move |word| (value, word))
        })
        .filter(|(_, word)| {
            let lower = word.to_lowercase();
            repo.value_word_uses(word) == 1
                && repo.literal_uses(word) <= 1
                && repo.key_uses(word) == 0
                // Written nowhere else in any case, nor inside a longer name: `macos` beside
                // `macOS`, `npar` beside `NparOk`.
                && repo.folded_text_uses(&lower) + repo.folded_key_uses(&lower) <= 1
                && word.chars().all(char::is_alphabetic)
                && !english.contains(&word.to_ascii_lowercase())
        })
        .collect();
    // A slot (the key the value stands under) that holds two words written nowhere else
    // holds names, not a vocabulary: the `dbname`s of a site list, the pairs of a list of
    // known misspellings, a blob of base64. One more unknown word there is no slip.
    let slot = |value: &DocValue| {
        value.place.map(|place| {
            let key = place.parent.and_then(|i| facts.keys.get(i as usize));
            (key.map(|key| key.lit.text.as_str()), place.items)
        })
    };
    // So does a mapping whose values (scalars of its keys, not lists) hold three such
    // words: a table of data (a transliteration table's `'ঢ' => 'dha'`), not settings.
    let mapping = |value: &DocValue| {
        let key = value.place.filter(|place| place.items == 0)?.parent;
        key.and_then(|i| facts.keys.get(i as usize))
            .map(|key| key.mapping)
    };
    // What the file writes under each key name, word by word, and how often: three
    // `restart: always` make `always` the slot's word even when no other file writes it.
    let mut slot_words: HashMap<(Option<&str>, u8), HashMap<&str, usize>> = HashMap::new();
    for value in &facts.values {
        let Some(key @ (Some(_), _)) = slot(value) else {
            continue;
        };
        let words = slot_words.entry(key).or_default();
        for word in crate::repo::value_words(&value.lit.text) {
            *words.entry(word).or_default() += 1;
        }
    }
    let mut per_slot: HashMap<_, usize> = HashMap::new();
    let mut per_mapping: HashMap<_, usize> = HashMap::new();
    for (value, _) in &alone {
        *per_slot.entry(slot(value)).or_default() += 1;
        *per_mapping.entry(mapping(value)).or_default() += 1;
    }
    for (value, word) in alone {
        if per_slot[&slot(value)] > 1
            || mapping(value).is_some() && per_mapping[&mapping(value)] >= 3
        {
            continue;
        }
        let lit = &value.lit;
        let in_slot = slot(value)
            .and_then(|key| slot_words.get(&key))
            .into_iter()
            .flatten()
            .filter(|&(_, &uses)| uses >= 2)
            .map(|(&word, _)| word);
        let rivals = repo
            .trusted_value_words()
            .iter()
            .map(String::as_str)
            .chain(CONFIG_WORDS.iter().copied())
            .chain(in_slot);
        // One slip: a value's words are short, and two edits reach other words.
        let near = nearest_name(rivals, word, 1);
        let [one] = near.as_slice() else {
            continue;
        };
        // `hgetCommand` beside `hsetCommand`: the part that differs is a name the
        // repository writes (`HGET`), so the value is another name.
        let whole = word.to_ascii_lowercase();
        if changed_parts(word, one).any(|part| part != whole && written_anywhere(repo, &part)) {
            continue;
        }
        // `inputtex` beside `inputted`: a word made of two the repository knows (`input`,
        // `tex`) is a name built of them.
        if is_compound(repo, english, word, one) {
            continue;
        }
        // `[ "paramter", "parameter" ]`: a value beside the word in its own sequence is
        // set against it on purpose.
        let siblings = facts
            .values
            .iter()
            .filter(|v| value.sequence.is_some() && v.sequence == value.sequence);
        if siblings
            .flat_map(|v| crate::repo::value_words(&v.lit.text))
            .any(|w| w == *one)
        {
            continue;
        }
        // `configs` beside `config`, `systemd` beside `system`: a word grown by a letter
        // at its end is another word; so is `subcat` beside `subcats`, its plural (but
        // `unles` is not the singular of the English word `unless`).
        if word.strip_prefix(*one).is_some_and(|rest| rest.len() == 1)
            || one.strip_prefix(word) == Some("s") && !english.contains(&one.to_ascii_lowercase())
        {
            continue;
        }
        let start = word.as_ptr() as usize - lit.text.as_ptr() as usize;
        let message =
            format!("`{word}` is written nowhere else in the repository; did you mean `{one}`?");
        out.on_literal(
            &RULE,
            lit,
            start..start + word.len(),
            &[one.to_string()],
            message,
        );
    }
}

/// Folders that hold translations in the frameworks that keep them as data (Rails,
/// Symfony, Laravel, gettext-style trees, browser extensions).
const CATALOGUE_FOLDERS: &[&str] = &[
    "locale",
    "locales",
    "i18n",
    "l10n",
    "lang",
    "langs",
    "languages",
    "translations",
    "_locales",
];

/// The set of translations a catalogue belongs to: its translations folder (the last
/// one on its path) or, for a file named by its language, its own folder; with its
/// extension. `lang/de/lang.php` and `lang/fr/lang.php` are one set.
pub(crate) fn catalogue_set(file_path: &str) -> String {
    let (folder, name) = file_path.rsplit_once('/').unwrap_or(("", file_path));
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    let mut root = folder;
    let mut at = 0;
    for part in folder.split('/') {
        at += part.len();
        if CATALOGUE_FOLDERS.contains(&part.to_ascii_lowercase().as_str()) {
            root = &folder[..at];
        }
        at += 1;
    }
    format!("{root}\0{extension}")
}

/// Whether a file is a message catalogue: it stands in a translations folder, its name
/// says translations (`Gadgets.i18n.alias.php`), or it is
/// named by a language tag (`pt-BR.yml`, `de.json`) beside another file so named (one
/// `tox.ini` is no Tox translation) and a quarter of its values or more are phrases.
pub(crate) fn is_message_catalogue(
    file_path: &str,
    facts: &FileFacts,
    language_folders: &std::collections::HashSet<String>,
) -> bool {
    let path = std::path::Path::new(file_path);
    let folders = path.parent().into_iter().flat_map(|p| p.components());
    if folders
        .filter_map(|c| c.as_os_str().to_str())
        .any(|folder| CATALOGUE_FOLDERS.contains(&folder.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    // `ParserFunctions.i18n.magic.php`: a file named as translations.
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    if name
        .split('.')
        .any(|part| matches!(part.to_ascii_lowercase().as_str(), "i18n" | "l10n"))
    {
        return true;
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let phrases = facts
        .values
        .iter()
        .filter(|v| {
            v.lit
                .text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                >= 2
        })
        .count();
    // A PHP file named by a language tag is a locale's data (Symfony's `Intl` tables of
    // currency and region names), whatever its values look like.
    let folder = file_path.rsplit_once('/').map_or("", |(folder, _)| folder);
    is_language_tag(stem)
        && language_folders.contains(folder)
        && (facts.language.is_some_and(|l| l.id == "php")
            || phrases * 4 >= facts.values.len() && phrases > 0)
}

/// The mappings of a file that translate one message, keyed by language (`"pl":
/// "Organizacja", "nn": "Neste"`): three keys or more, at least half of them language
/// tags.
pub(super) fn translation_maps(facts: &FileFacts) -> std::collections::HashSet<usize> {
    let mut per_mapping: HashMap<usize, (usize, usize)> = HashMap::new();
    for key in &facts.keys {
        let (tags, all) = per_mapping.entry(key.mapping).or_default();
        *tags += usize::from(is_language_tag(&key.lit.text));
        *all += 1;
    }
    per_mapping
        .into_iter()
        .filter(|&(_, (tags, all))| tags >= 3 && tags * 2 >= all)
        .map(|(mapping, _)| mapping)
        .collect()
}

/// `de`, `pt-BR`, `zh_TW`, `sr-Latn`, `zh_Hans_HK`: a language subtag of two or three
/// lower-case letters, then a region or script subtag, and after a script a region
/// (`HK`, `419`).
pub(crate) fn is_language_tag(stem: &str) -> bool {
    let mut parts = stem.split(['-', '_']);
    let language = parts.next().unwrap_or("");
    let second = parts.next();
    let third = parts.next();
    let script = |s: &str| {
        s.len() == 4
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && s[1..].chars().all(|c| c.is_ascii_lowercase())
    };
    let region = |r: &str| {
        r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase())
            || r.len() == 3 && r.chars().all(|c| c.is_ascii_digit())
    };
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && parts.next().is_none()
        && second.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric())
        })
        && third.is_none_or(|r| second.is_some_and(script) && region(r))
}

/// Whether `word` runs two words together: each part an English word of four letters or
/// more, or a word of three or more that the repository writes. The part that differs
/// from the suggestion must be one the repository writes: `inputtex` (`tex` is written)
/// is a name beside `inputted`, but `padsword` is `password` with a slip in `pass`.
pub(super) fn is_compound(
    repo: &crate::repo::Repository,
    english: &crate::vocab::WordList,
    word: &str,
    suggestion: &str,
) -> bool {
    let lower = word.to_ascii_lowercase();
    let suggestion = suggestion.to_ascii_lowercase();
    let known =
        |part: &str| (part.len() >= 4 && english.contains(part)) || written_anywhere(repo, part);
    (3..lower.len().saturating_sub(2))
        .filter(|&at| lower.is_char_boundary(at))
        .any(|at| {
            let (head, tail) = lower.split_at(at);
            if !(known(head) && known(tail)) {
                return false;
            }
            let changed = if suggestion.starts_with(head) {
                tail
            } else if suggestion.ends_with(tail) {
                head
            } else {
                return true; // The slip spans both parts: two words, each known.
            };
            written_anywhere(repo, changed)
        })
}

/// Whether the repository writes a lower-case word in any case: in a value, a string or
/// as a key.
pub(super) fn written_anywhere(repo: &crate::repo::Repository, word: &str) -> bool {
    cases(word).any(|w| repo.value_word_uses(&w) + repo.literal_uses(&w) + repo.key_uses(&w) > 0)
        // The word being judged holds its parts once itself: `ssl` of `MySSL` must be
        // written once more (`ssl_session_cache`).
        || repo.folded_text_uses(word) + repo.folded_key_uses(word) >= 2
}

/// The byte ranges of a value that hold names rather than words: a URL's user and host
/// (`isib-group.github.io`), an address's local part (`alice@`), the groups of a UUID,
/// and the whole value when it names a file (`cs_insance.md`: files are the path checks'
/// business, held to the tree) or holds a random token (`qt-RBst_7yO8gVIon…`).
pub(super) fn names_not_words(text: &str, extensions: &Vocabulary) -> Vec<std::ops::Range<usize>> {
    let whole = 0..text.len();
    let last = text.rsplit('/').next().unwrap_or(text);
    let names_file = !text.contains("://")
        && !text.contains('@')
        && last.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && extensions.contains(&ext.to_ascii_lowercase())
        });
    let random = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(is_random_token);
    if names_file || random {
        return vec![whole];
    }
    let mut names = Vec::new();
    if let Some(at) = text.find("://") {
        let start = at + 3;
        let end = text[start..]
            .find(['/', '?', '#'])
            .map_or(text.len(), |i| start + i);
        names.push(start..end);
    }
    for (at, _) in text.match_indices('@') {
        // An address's domain ends in a name (`example.com`); `action@v1.12.0` is a version.
        let domain = text[at + 1..]
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-')))
            .next()
            .unwrap_or("");
        let top = domain.rsplit_once('.').map_or("", |(_, top)| top);
        if top.len() < 2 || !top.chars().all(char::is_alphabetic) {
            continue;
        }
        let start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')))
            .map_or(0, |i| i + 1);
        names.push(start..at);
    }
    names.extend(uuids(text));
    names
}

/// A run of letters and digits that no hand spells: twelve characters or more mixing
/// digits (in two places or more), capitals and small letters, changing between them
/// at every other character or so
/// (`7yO8gVIonIBsAxr2t`), as base64 and generated identifiers do.
fn is_random_token(run: &str) -> bool {
    let class = |b: u8| match b {
        b'0'..=b'9' => 0,
        b'A'..=b'Z' => 1,
        _ => 2,
    };
    let bytes = run.as_bytes();
    let mut seen = [false; 3];
    bytes.iter().for_each(|&b| seen[class(b)] = true);
    let switches = bytes
        .windows(2)
        .filter(|w| class(w[0]) != class(w[1]))
        .count();
    let digit_runs = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b.is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .count();
    bytes.len() >= 12 && seen == [true; 3] && digit_runs >= 2 && switches * 2 >= bytes.len()
}

/// The byte ranges of the UUIDs in a text (`228f02c2-c665-4bfd-aaac-8b04080bea3c`).
fn uuids(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    const LEN: usize = 36;
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(LEN - 1))
        .filter(move |&start| {
            let candidate = &bytes[start..start + LEN];
            let mut at = 0;
            let shaped = GROUPS.iter().enumerate().all(|(i, &len)| {
                let group = candidate[at..at + len].iter().all(u8::is_ascii_hexdigit);
                at += len;
                let dash = i == GROUPS.len() - 1 || candidate[at] == b'-';
                at += 1;
                group && dash
            });
            let bounded = |i: Option<&u8>| i.is_none_or(|b| !b.is_ascii_alphanumeric());
            shaped
                && bounded(start.checked_sub(1).and_then(|i| bytes.get(i)))
                && bounded(bytes.get(start + LEN))
        })
        .map(|start| start..start + LEN)
}

/// Whether the repository writes a lower-case word in any case in a value or a string,
/// or as a key twice or more (as a part of keys, three times counting the one judged):
/// one key is weak evidence for another, since the same slip may stand in two files
/// (`nmae:` and `job_nmae:`).
pub(super) fn written_as_evidence(repo: &crate::repo::Repository, word: &str) -> bool {
    cases(word)
        .any(|w| repo.value_word_uses(&w) + repo.literal_uses(&w) > 0 || repo.key_uses(&w) >= 2)
        // In any case, or inside longer names: `MiB` of `"SizeInMiB"` and `"MemoryMiB"`.
        || repo.folded_text_uses(word) > 0
        || repo.folded_key_uses(word) >= 3
}

/// `word`, `WORD` and `Word`.
fn cases(word: &str) -> impl Iterator<Item = String> {
    let mut capitalised = word.to_string();
    if let Some(first) = capitalised.get_mut(..1) {
        first.make_ascii_uppercase(); // `get_mut` declines a first character of several bytes.
    }
    [word.to_string(), word.to_ascii_uppercase(), capitalised].into_iter()
}

pub fn check(facts: &FileFacts, out: &mut Findings) {
    let values = facts.candidates.iter().filter_map(|c| match c.kind {
        CandidateKind::Value(table) => Some((table, &c.expr)),
        _ => None,
    });
    for (table, expr) in values {
        let registries = Registries::builtin();
        match (table, expr) {
            ("http-fields", Expr::Lit(lit)) => field(lit, &registries.http_fields, out),
            ("media-types", Expr::Lit(lit)) => media_type(lit, &registries.media_types, out),
            ("openssl-ciphers", Expr::Lit(lit)) => cipher(lit, &registries.openssl_ciphers, out),
            ("nginx-arguments" | "apache-arguments", Expr::Dict(entries)) => {
                let Some((directive, Expr::Lit(argument))) = entries.first() else {
                    continue;
                };
                let apache = table == "apache-arguments";
                let tables = if apache {
                    &registries.apache_arguments
                } else {
                    &registries.nginx_arguments
                };
                if let Some(keywords) = tables.get(&directive.text.to_ascii_lowercase()) {
                    keyword(&directive.text, argument, keywords, apache, out);
                }
            }
            _ => {}
        }
    }
}

/// A single word: no variable, no template, no white space, no pattern.
fn is_plain(text: &str) -> bool {
    !text.is_empty()
        && !text.contains([
            '$', '{', '}', '%', '*', '(', ')', '[', ']', '\\', '^', '|', '?',
        ])
        && !text.contains(char::is_whitespace)
}

/// The one entry `word` is a slip from.
fn one_near<'a>(entries: &'a Vocabulary, word: &str) -> Option<&'a str> {
    let pairs = &crate::vocab::Vocabularies::builtin().pairs;
    match nearest_of(entries.entries().iter().map(String::as_str), word, 1, pairs).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// `Content-Type`, `If-Mach`, `X-Frame-Optons`, `WWW-Authenticate`: two words or more,
/// each capitalised, joined by hyphens; words all in capitals are short (`X`, `MD5`), and
/// one word at least is written in lower case (`TIME-OUT` is a keyword, not a field).
fn is_field_shaped(text: &str) -> bool {
    let words: Vec<&str> = text.split('-').collect();
    let capitalised = |w: &&str| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let lower = |w: &&str| w.chars().any(|c| c.is_ascii_lowercase());
    words.len() >= 2
        && words.iter().all(capitalised)
        && words.iter().any(lower)
        && words.iter().all(|w| lower(w) || w.len() <= 3)
}

/// HTTP field names ignore case: `x-frame-optons` is `X-Frame-Options` mistyped, and the
/// suggestion keeps the case it was written in when that is all lower case.
fn field(lit: &Lit, fields: &KeyVocabulary, out: &mut Findings) {
    let name = lit.text.as_str();
    if !is_plain(name) || name.len() < 4 || fields.contains(name) {
        return;
    }
    let lower = name.to_ascii_lowercase();
    let folded = Vocabulary::from_words(
        fields
            .names
            .entries()
            .iter()
            .map(|f| f.to_ascii_lowercase()),
    );
    let Some(near) = one_near(&folded, &lower) else {
        return;
    };
    let Some(listed) = fields
        .names
        .entries()
        .iter()
        .find(|f| f.eq_ignore_ascii_case(near))
    else {
        return;
    };
    let suggestion = if name == lower {
        near.to_string()
    } else {
        listed.clone()
    };
    let message = format!("`{name}` is not a registered HTTP field; did you mean `{suggestion}`?");
    out.on_literal(&RULE, lit, 0..name.len(), &[suggestion], message);
}

/// `text/htlm`: media types ignore case; the suggestion is written as the type was.
fn media_type(lit: &Lit, types: &Vocabulary, out: &mut Findings) {
    let name = lit.text.as_str();
    let Some((kind, subtype)) = name.split_once('/') else {
        return;
    };
    if !is_plain(name) || kind.is_empty() || subtype.is_empty() || subtype.contains('/') {
        return;
    }
    let lower = name.to_ascii_lowercase();
    if types.contains(&lower) {
        return;
    }
    let Some(near) = one_near(types, &lower) else {
        return;
    };
    let suggestion = if name == lower {
        near.to_string()
    } else {
        restore_case(name, near)
    };
    let message = format!("`{name}` is not a known media type; did you mean `{suggestion}`?");
    out.on_literal(&RULE, lit, 0..name.len(), &[suggestion], message);
}

/// `application/vnd.MS-Excel` → the near type with the written letters' case where they
/// line up: the common beginning and end keep the case they were written in, the edited
/// middle takes the known word's (`Indexs` → `Indexes`).
fn restore_case(written: &str, known: &str) -> String {
    let w: Vec<char> = written.chars().collect();
    let k: Vec<char> = known.chars().collect();
    let same = |a: &char, b: &char| a.eq_ignore_ascii_case(b);
    let prefix = w.iter().zip(&k).take_while(|(a, b)| same(a, b)).count();
    let room = w.len().min(k.len()) - prefix;
    let suffix = w
        .iter()
        .rev()
        .zip(k.iter().rev())
        .take(room)
        .take_while(|(a, b)| same(a, b))
        .count();
    let middle = &k[prefix..k.len() - suffix];
    w[..prefix]
        .iter()
        .chain(middle)
        .chain(&w[w.len() - suffix..])
        .collect()
}

/// One word of a cipher string (`ECDHE-RAS-AES128-GCM-SHA256`, `!aNUL`), as the line
/// parser cut it; OpenSSL's names are case-sensitive.
fn cipher(lit: &Lit, words: &Vocabulary, out: &mut Findings) {
    let word = lit.text.as_str();
    if !is_plain(word) || word.len() < 3 || word.contains('=') || words.contains(word) {
        return;
    }
    let Some(near) = one_near(words, word) else {
        return;
    };
    let message =
        format!("`{word}` is not an OpenSSL cipher or cipher alias; did you mean `{near}`?");
    out.on_literal(&RULE, lit, 0..word.len(), &[near.to_string()], message);
}

/// A directive's argument one slip from one of its keywords. Where the directive takes
/// other values beside its keywords (`listen 80 default_server`, `add_header X y always`),
/// only words of four letters or more are weighed, against keywords as long.
fn keyword(
    directive: &str,
    argument: &Lit,
    keywords: &crate::vocab::Keywords,
    ignores_case: bool,
    out: &mut Findings,
) {
    let word = argument.text.as_str();
    let key = if ignores_case {
        word.to_ascii_lowercase()
    } else {
        word.to_string()
    };
    if !is_plain(word)
        || word.contains(['=', '/', ':', '.', '"', '\''])
        || word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '@')
        || keywords.words.contains(&key)
    {
        return;
    }
    let Some(near) = one_near(&keywords.words, &key) else {
        return;
    };
    if !keywords.closed && (key.chars().count() < 4 || near.chars().count() < 4) {
        return;
    }
    let suggestion = if !ignores_case || word == key {
        near.to_string()
    } else if word.chars().all(|c| !c.is_ascii_lowercase()) {
        near.to_ascii_uppercase()
    } else {
        restore_case(word, near)
    };
    let message =
        format!("`{word}` is not a value `{directive}` takes; did you mean `{suggestion}`?");
    out.on_literal(&RULE, argument, 0..word.len(), &[suggestion], message);
}

#[cfg(test)]
mod tests {
    use super::{is_field_shaped, is_language_tag};

    #[test]
    fn language_tags_take_a_script_then_a_region() {
        for tag in [
            "de",
            "pt-BR",
            "zh_TW",
            "sr-Latn",
            "zh_Hans_HK",
            "es_419",
            "sr_Latn_BA",
        ] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for stem in [
            "config",
            "zh_HK_Hans",
            "de_DE_x",
            "en_us_posix",
            "messages",
            "ab_Cdef_gh",
        ] {
            assert!(!is_language_tag(stem), "{stem}");
        }
    }

    #[test]
    fn field_names_are_capitalised_words_joined_by_hyphens() {
        for name in [
            "If-Mach",
            "Content-Type",
            "X-Frame-Optons",
            "WWW-Authenticate",
        ] {
            assert!(is_field_shaped(name), "{name}");
        }
        for text in [
            "If",
            "content-type",
            "UTF-8",
            "TIME-OUT",
            "Foo-",
            "-Bar",
            "A B-C",
        ] {
            assert!(!is_field_shaped(text), "{text}");
        }
    }
}
