//! `key-typo`: a key or directive of a configuration format (nginx, Apache, Compose,
//! GitHub workflows, php.ini, Dockerfile, MediaWiki's `$wg` settings) one edit from a
//! real one.
use std::collections::HashMap;

use super::{Findings, Rule};
use crate::expr::Expr;
use crate::extract::{CandidateKind, FileFacts};
use crate::finding::Severity;
use crate::schema::Allowed;
use crate::vocab::{changed_parts, name_budget, name_parts, nearest_name, KeyVocabulary};

pub const RULE: Rule = Rule {
    id: "key-typo",
    summary: "A configuration key or directive one edit from a real one of its format",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/key-typo.md"),
};

pub fn check(file_path: &str, facts: &FileFacts, out: &mut Findings) {
    let keys = || {
        facts
            .candidates
            .iter()
            .filter_map(|c| match (&c.kind, &c.expr) {
                (CandidateKind::Key(vocabulary), Expr::Lit(lit)) => Some((*vocabulary, lit)),
                _ => None,
            })
    };
    for (id, lit) in keys() {
        let Some(vocabulary) = out.vocab().keys(id) else {
            continue;
        };
        let name = lit.text.as_str();
        // `x-` keys are Compose extensions, named by the user.
        if name.is_empty() || name.starts_with("x-") || vocabulary.contains(name) {
            continue;
        }
        if id == "php-ini" && !speaks_php_ini(file_path, facts, vocabulary) {
            continue;
        }
        // `$config` is any program's name: only Roundcube's configuration files hold its
        // settings.
        if id == "roundcube-settings" && !is_roundcube_config(file_path) {
            continue;
        }
        let near = vocabulary.nearest(name);
        let [one] = near.as_slice() else {
            continue;
        };
        let suggestion = same_case(name, one, vocabulary);
        let message = format!(
            "`{name}` is not a known {}; did you mean `{suggestion}`?",
            what(id)
        );
        out.on_literal(&RULE, lit, 0..name.len(), &[suggestion], message);
    }
}

/// Keys no table knows, held to the repository's own: a key written once in the whole
/// repository and in none of its strings, that is no word, one slip from a key that files of the same format write in
/// [`crate::repo::TRUSTED`] files or more and that its own mapping does not also hold
/// (`aarity` in one of two hundred command files that write `arity`).
pub fn check_against_the_repository(file_path: &str, facts: &FileFacts, out: &mut Findings) {
    let Some(family) = facts.language.and_then(|l| l.document).map(|d| d.family) else {
        return;
    };
    let repo = out.repo();
    let english = &out.vocab().english;
    // A translation's keys are held to the names of the messages its set translates
    // (`$lang['fmode']` in most of `lang/*/lang.php`); other keys there are another
    // language's words (`'Imago' => NS_FILE` in Latin's messages, where German's write
    // `'Bild'`).
    let catalogue: Vec<(String, usize)>;
    let trusted = if super::value::is_message_catalogue(file_path, facts, repo.language_folders()) {
        let set = super::value::catalogue_set(file_path);
        catalogue = repo
            .catalogue_keys(&set)
            .into_iter()
            .map(|(key, files)| (key.to_string(), files))
            .collect();
        catalogue.as_slice()
    } else {
        repo.trusted_keys(family)
    };
    let declared = declared_keys(facts);
    // Keys written once and nowhere else, three or more in one mapping: a table of
    // names (a lexer list, a map of file extensions, month names), not settings.
    let alone = |key: &&crate::lang::DocKey| {
        let name = key.lit.text.as_str();
        repo.key_uses(name) == 1
            && repo.literal_uses(name) == 0
            && !english.contains(&name.to_ascii_lowercase())
    };
    let mut per_mapping: std::collections::HashMap<usize, usize> = Default::default();
    for key in facts.keys.iter().filter(alone) {
        *per_mapping.entry(key.mapping).or_default() += 1;
    }
    for (index, key) in facts.keys.iter().enumerate() {
        let name = key.lit.text.as_str();
        let lower = name.to_ascii_lowercase();
        if per_mapping.get(&key.mapping).is_some_and(|&n| n >= 3) {
            continue;
        }
        if repo.key_uses(name) != 1
            || repo.literal_uses(name) > 0
            // Written in another case or inside longer names: `pids` of `"AudioPids"`,
            // `"locationName": "stdEvent"` beside `StdEvent`, `"<p>The URIs.</p>"`.
            || repo.folded_text_uses(&lower) > 0
            || repo.folded_key_uses(&lower) >= 3
            || declared.contains(&index)
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            || english.contains(&lower)
        {
            continue;
        }
        let siblings = || facts.keys.iter().filter(|k| k.mapping == key.mapping);
        let rivals = trusted
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !siblings().any(|s| s.lit.text == *k));
        // One slip: the repository's keys are evidence weaker than a schema, and two edits
        // reach another of its names (`gitemids` and `gitems`, `groupkey` and `grouped`).
        let near = nearest_name(rivals, name, 1);
        let [one] = near.as_slice() else {
            continue;
        };
        // `api_version` beside `apiVersion`, `github-token` beside `github_token`: two
        // tools' conventions, not a slip.
        if name_parts(name).concat() == name_parts(one).concat() {
            continue;
        }
        // `apnamespace` beside `ar_namespace`, `inlinkcontext` beside `inlineContext`: a
        // slip changes the letters or the word breaks, not both.
        if changes_letters_and_breaks(name, one) {
            continue;
        }
        // `sessionids` beside `sessionid`, `backends` beside `backend`: one thing and many,
        // both named on purpose.
        if is_plural_or_abbreviation(name, one) {
            continue;
        }
        // `value1` beside `values`: a numbered name, not a slip.
        if changed_parts(name, one).any(|part| part.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        // The slip must make a non-word: `form` for `from` is another key.
        if changed_parts(name, one).any(|part| english.contains(&part)) {
            continue;
        }
        // `ext-pcntl` beside `ext-intl`: the part that differs is a name the repository
        // writes (`extension_loaded('pcntl')`), so the key names another thing.
        let whole = name.to_ascii_lowercase();
        if changed_parts(name, one)
            .any(|part| part != whole && super::value::written_as_evidence(repo, &part))
        {
            continue;
        }
        let files = trusted
            .iter()
            .find(|(k, _)| k == one)
            .map_or(0, |(_, n)| *n);
        let message = format!(
            "`{name}` is written nowhere else; {files} {family} files of this repository write `{one}`"
        );
        out.on_literal(&RULE, &key.lit, 0..name.len(), &[one.to_string()], message);
    }
}

/// Keys a file declares rather than uses: keys whose own mapping describes them (a
/// `description` or `documentation` beside their type, as API models, JSON Schemas and
/// argument specs write them), two or more in one mapping. A declared name is whatever
/// its author chose.
fn declared_keys(facts: &FileFacts) -> std::collections::HashSet<usize> {
    let described: std::collections::HashSet<usize> = facts
        .keys
        .iter()
        .filter(|k| DESCRIBING.contains(&k.lit.text.as_str()))
        .filter_map(|k| k.place.filter(|p| p.items == 0)?.parent)
        .map(|parent| parent as usize)
        .collect();
    // A list of declarations holds two or more; one described key alone (a command's
    // file naming its command) is as often a use of a name written elsewhere.
    let mut per_mapping: HashMap<usize, usize> = HashMap::new();
    for &i in &described {
        *per_mapping.entry(facts.keys[i].mapping).or_default() += 1;
    }
    described
        .into_iter()
        .filter(|&i| per_mapping[&facts.keys[i].mapping] >= 2)
        .collect()
}

/// Keys that describe the key whose mapping holds them.
const DESCRIBING: &[&str] = &["description", "documentation", "doc", "help", "summary"];

/// Keys a published schema of the file does not allow where they stand, one slip from a
/// key it does: `setps:` in a workflow's job, `"engins"` in `package.json`. Where the
/// schema lets other keys stand, the key must also be no word and no spelling of the
/// other in another convention (`fetch_depth` for `fetch-depth`), nor its plural.
pub fn check_against_the_schema(file_path: &str, facts: &FileFacts, out: &mut Findings) {
    let Some(family) = facts.language.and_then(|l| l.document).map(|d| d.family) else {
        return;
    };
    let mut schemas = crate::schema::Catalog::embedded().for_file(file_path, family);
    schemas.retain(|schema| schema.fits(&facts.keys));
    if schemas.is_empty() {
        return;
    }
    let english = &out.vocab().english;
    let positions: Vec<_> = schemas
        .iter()
        .map(|s| s.key_positions(&facts.keys))
        .collect();
    'keys: for key in &facts.keys {
        let name = key.lit.text.as_str();
        if !key.lit.exact || !is_plain_key(name) {
            continue;
        }
        let mut near: Vec<&str> = Vec::new();
        let mut closed = true;
        let mut judged = None;
        for (schema, values) in schemas.iter().zip(&positions) {
            let Some(mapping) = schema.mapping_of(values, key.place) else {
                continue;
            };
            match schema.allows(mapping, name) {
                Allowed::Yes => continue 'keys,
                Allowed::Unknown => continue,
                Allowed::NoOpen => closed = false,
                Allowed::NoClosed => {}
            }
            judged = Some(schema.name);
            let siblings = || facts.keys.iter().filter(|k| k.mapping == key.mapping);
            let rivals = schema
                .properties(mapping)
                .filter(|p| !siblings().any(|s| s.lit.text == *p));
            near.extend(nearest_name(rivals, name, name_budget(name)));
        }
        near.sort_unstable();
        near.dedup();
        let (Some(schema), [one]) = (judged, near.as_slice()) else {
            continue;
        };
        // `service` for `services`, `uniq` for `unique`: a name in the singular or cut
        // short is another name as often as a slip, and schemas lag behind their tools.
        if is_plural_or_abbreviation(name, one) {
            continue;
        }
        // `value1` beside `values`: a numbered name, not a slip.
        if changed_parts(name, one).any(|part| part.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        if !closed
            && (english.contains(&name.to_ascii_lowercase())
                || name_parts(name).concat() == name_parts(one).concat()
                || name.strip_suffix('s') == Some(*one)
                || one.strip_suffix('s') == Some(name))
        {
            continue;
        }
        let message =
            format!("`{name}` is not a key the {schema} schema allows here; did you mean `{one}`?");
        out.on_literal(&RULE, &key.lit, 0..name.len(), &[one.to_string()], message);
    }
}

/// Whether `written` breaks into other words than `known` (`ar_namespace` two,
/// `apnamespace` one; `inlineContext` two, `inlinkcontext` one) and differs from it in
/// letters too.
fn changes_letters_and_breaks(written: &str, known: &str) -> bool {
    let (a, b) = (name_parts(written), name_parts(known));
    a.len() != b.len() && a.concat() != b.concat()
}

/// Whether `written` differs from `known` in one word only, that word being the other's
/// plural or singular (or another inflection: `templated`, `indexes`), or the other cut
/// short by two letters or more.
pub(super) fn is_plural_or_abbreviation(written: &str, known: &str) -> bool {
    let (a, b) = (name_parts(written), name_parts(known));
    if a.len() != b.len() {
        return false;
    }
    let differing: Vec<(&String, &String)> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    let [(x, y)] = differing.as_slice() else {
        return false;
    };
    // `templated` beside `template`, `indexes` beside `index`: a word and its inflection.
    let plural = |one: &str, other: &str| {
        ["s", "es", "d", "ed"]
            .iter()
            .any(|suffix| other.strip_suffix(suffix) == Some(one))
    };
    let cut = |short: &str, long: &str| long.starts_with(short) && long.len() >= short.len() + 2;
    plural(x, y) || plural(y, x) || cut(x, y)
}

/// A key written as a name, not built from variables or templates.
fn is_plain_key(name: &str) -> bool {
    !name.is_empty() && !name.contains(['$', '{', '}', '%', '<', '>', ' ', '\t', '*'])
}

fn what(id: &str) -> &'static str {
    match id {
        "nginx-directives" => "nginx directive",
        "apache-directives" => "Apache directive",
        "compose-keys" => "Compose key",
        "github-workflow-keys" => "workflow key",
        "dockerfile-instructions" => "Dockerfile instruction",
        "php-ini" => "php.ini directive",
        "mediawiki-settings" => "MediaWiki setting",
        "phpmyadmin-settings" => "phpMyAdmin setting",
        "roundcube-settings" => "Roundcube setting",
        _ => "key",
    }
}

/// php.ini names apply to `php.ini` files, to `php_value` lines, and to other INI files
/// only when most of their names are php.ini directives: `pytest.ini` is not PHP's.
fn speaks_php_ini(file_path: &str, facts: &FileFacts, vocabulary: &KeyVocabulary) -> bool {
    let name = file_path.rsplit('/').next().unwrap_or(file_path);
    if facts.language.is_some_and(|l| l.id != "ini")
        || name == "php.ini"
        || name.starts_with("php.ini-")
        || name == ".user.ini"
    {
        return true;
    }
    let names: Vec<&str> = facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Key("php-ini"))
        .flat_map(|c| c.expr.literals())
        .map(|l| l.text.as_str())
        .collect();
    let known = names.iter().filter(|n| vocabulary.contains(n)).count();
    known >= 3 && known * 2 >= names.len()
}

/// `documetroot` → `documentroot`, `coppy` → `copy`: where the format ignores case, the
/// suggestion keeps the case the name was written in, if it is all one case.
fn same_case(written: &str, known: &str, vocabulary: &KeyVocabulary) -> String {
    let mut letters = written.chars().filter(char::is_ascii_alphabetic).peekable();
    if !vocabulary.ignores_case() || letters.peek().is_none() {
        return known.to_string();
    }
    let letters: Vec<char> = letters.collect();
    if letters.iter().all(char::is_ascii_lowercase) {
        known.to_ascii_lowercase()
    } else if letters.iter().all(char::is_ascii_uppercase) {
        known.to_ascii_uppercase()
    } else {
        known.to_string()
    }
}

/// `config/config.inc.php`, `defaults.inc.php`, a plugin's `config.inc.php.dist`.
fn is_roundcube_config(file_path: &str) -> bool {
    let name = file_path.rsplit('/').next().unwrap_or(file_path);
    name.starts_with("config.inc.php") || name == "defaults.inc.php"
}
