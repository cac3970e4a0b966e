//! The repository's own vocabulary, counted once per run: which constants are read and
//! defined, which Python modules exist, which hosts and path words recur.
use std::collections::{HashMap, HashSet};

use crate::expr::Expr;
use crate::extract::{CandidateKind, FileFacts};
use crate::vocab::{name_budget, nearest_name, Vocabularies};

#[derive(Debug, Default)]
pub struct Repository {
    /// Upper-case name → how often code reads it (definitions not counted).
    reads: HashMap<String, usize>,
    /// Upper-case name → how often it is defined or assigned at module level.
    defined: HashMap<String, usize>,
    /// Dotted names of the repository's Python modules and packages, from every folder
    /// that could be on the import path, with all their prefixes.
    modules: HashSet<String>,
    /// Dotted parent (empty at the top) → the names of the modules one level below it.
    submodules: HashMap<String, HashSet<String>>,
    /// Host → how many URLs name it.
    hosts: HashMap<String, usize>,
    /// Hosts the configuration defines: compose services, nginx upstreams.
    defined_hosts: HashSet<String>,
    /// Path component → how many string literals use it.
    path_words: HashMap<String, usize>,
    /// The lower-case words of the upper-case names the code defines or reads, four
    /// letters or more: `ceres` of `CERES_DIR`.
    name_words: HashSet<String>,
    /// Files that are Django settings modules.
    settings_modules: HashSet<usize>,
    /// Key of a structured file → how often the repository writes it, in any format.
    key_uses: HashMap<String, usize>,
    /// Word of a string literal (split at anything but letters, digits, `_` and `-`) → how
    /// many literals hold it.
    literal_words: HashMap<String, usize>,
    /// Word of a structured file's scalar values (split at anything but letters and
    /// digits) → how often it is written and in how many files.
    value_words: HashMap<String, (usize, usize)>,
    /// The value words written in two files or more, the spellings others are held to.
    trusted_value_words: Vec<String>,
    /// Lower-case word or name part (`apis` of `GetApisRequest`, `macos` of `macOS`) → how
    /// often values and strings write it, and how often keys do, in any case.
    /// The third count is how often files other than translations write it: the
    /// spellings of [`Self::common_words_near`].
    folded: HashMap<String, (u32, u32, u32)>,
    /// Whether the file being counted is a translation (its words spell no one else's).
    counting_translation: bool,
    /// Format family → the keys that files of it write in [`TRUSTED`] files or more, with
    /// how many files.
    trusted_keys: HashMap<&'static str, Vec<(String, usize)>>,
    /// Folders holding two files or more named by a language tag (`de.yml`, `pt-BR.yml`):
    /// a set of translations.
    language_folders: HashSet<String>,
    /// Set of translations (see [`crate::check::value::catalogue_set`]) → how many of its
    /// files write keys, and how many write each key: translations share their message
    /// names.
    catalogue_keys: HashMap<String, (usize, HashMap<String, usize>)>,
    /// A name read but defined nowhere and known to no vocabulary → the one defined name
    /// a slip away, worked out once per name rather than once per read.
    read_suggestions: HashMap<String, String>,
    /// (first letter, length) → the lower-case words that values, strings and keys write
    /// [`COMMON`] times or more: the spellings a word written once is held to.
    common_words: HashMap<(u8, usize), Vec<(String, u32)>>,
}

/// A word the repository writes this often, in any role, is a spelling of its own that a
/// word written once may have slipped from.
pub const COMMON: u32 = 3;

/// The words of a scalar value: its runs of letters and digits, four characters or more.
pub fn value_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
}

/// Where a folded word was written.
#[derive(Clone, Copy)]
enum Role {
    Text,
    Key,
}

/// A word used this often in the same role is the repository's own spelling.
pub const TRUSTED: usize = 3;

impl Repository {
    /// `package` is the root folder's own name: when the root is itself a Python package
    /// (it holds `__init__.py`), its modules are also importable under that name.
    pub fn build(
        paths: &[String],
        facts: &[Option<&FileFacts>],
        vocab: &Vocabularies,
        package: Option<&str>,
    ) -> Self {
        let mut repo = Repository::default();
        let root_is_package = paths.iter().any(|p| p == "__init__.py");
        for path in paths {
            repo.add_module(path);
            if let Some(package) = package.filter(|_| root_is_package) {
                repo.add_module(&format!("{package}/{path}"));
            }
        }
        repo.language_folders = language_folders(paths);
        let mut key_files: HashMap<(&'static str, &str), usize> = HashMap::new();
        for (path, facts) in paths.iter().zip(facts) {
            let Some(facts) = facts else { continue };
            let Some(family) = facts.language.and_then(|l| l.document).map(|d| d.family) else {
                continue;
            };
            // A translation writes another language's words: they are written, but no
            // spelling for the rest of the repository (`Hangul` of a table of script names
            // is no rival of `Hangup`).
            let catalogue =
                crate::check::value::is_message_catalogue(path, facts, &repo.language_folders);
            repo.counting_translation = catalogue;
            let mut words_seen = HashSet::new();
            // Where every string is a candidate too (PHP's arrays), values are folded with
            // the strings.
            let strings_read = facts.language.is_some_and(|l| l.reads_every_string());
            for value in facts.values.iter().filter(|_| !strings_read) {
                repo.fold(&value.lit.text, Role::Text);
            }
            for value in &facts.values {
                for word in value_words(&value.lit.text) {
                    let entry = repo.value_words.entry(word.to_string()).or_default();
                    entry.0 += 1;
                    if !catalogue && words_seen.insert(word) {
                        entry.1 += 1;
                    }
                }
            }
            if catalogue && !facts.keys.is_empty() {
                let set = crate::check::value::catalogue_set(path);
                let (files, keys) = repo.catalogue_keys.entry(set).or_default();
                *files += 1;
                let names: HashSet<&str> = facts.keys.iter().map(|k| k.lit.text.as_str()).collect();
                for name in names {
                    *keys.entry(name.to_string()).or_default() += 1;
                }
            }
            let mut seen = HashSet::new();
            for key in &facts.keys {
                repo.fold(&key.lit.text, Role::Key);
                *repo.key_uses.entry(key.lit.text.clone()).or_default() += 1;
                if seen.insert(key.lit.text.as_str()) {
                    *key_files
                        .entry((family, key.lit.text.as_str()))
                        .or_default() += 1;
                }
            }
        }
        repo.trusted_value_words = repo
            .value_words
            .iter()
            .filter(|(_, (_, files))| *files >= 2)
            .map(|(word, _)| word.clone())
            .collect();
        for ((family, key), files) in key_files {
            if files >= TRUSTED {
                repo.trusted_keys
                    .entry(family)
                    .or_default()
                    .push((key.to_string(), files));
            }
        }
        for (file, facts) in facts.iter().enumerate() {
            let Some(facts) = facts else { continue };
            repo.counting_translation = facts.language.is_some_and(|l| l.document.is_some())
                && crate::check::value::is_message_catalogue(
                    &paths[file],
                    facts,
                    &repo.language_folders,
                );
            repo.defined_hosts.extend(facts.hosts.iter().cloned());
            for read in &facts.reads {
                *repo.reads.entry(read.name.clone()).or_default() += 1;
            }
            for definition in &facts.definitions {
                *repo.defined.entry(definition.name.clone()).or_default() += 1;
            }
            let definition_names: HashSet<_> =
                facts.definitions.iter().map(|d| d.span.bytes).collect();
            // A literal may stand in several candidates (a concatenation and its string):
            // it is one use.
            let mut counted = HashSet::new();
            // A structured file's values are folded with its values already, unless every
            // string is a candidate.
            let strings_read = facts.language.is_some_and(|l| l.reads_every_string());
            let values: HashSet<_> = facts
                .values
                .iter()
                .filter(|_| !strings_read)
                .filter_map(|v| v.lit.span.bytes)
                .collect();
            for candidate in &facts.candidates {
                for lit in candidate.expr.literals() {
                    let text = lit.text.as_str();
                    // getattr(settings, 'NAME'), defined('NAME'), constant('NAME') read too.
                    if candidate.kind == CandidateKind::String
                        && crate::extract::is_constant_name(text)
                        && !definition_names.contains(&lit.span.bytes)
                    {
                        *repo.reads.entry(text.to_string()).or_default() += 1;
                    }
                    if lit.span.bytes.is_some_and(|bytes| !counted.insert(bytes)) {
                        continue;
                    }
                    // Keys are counted as keys, not as words of a string.
                    let is_key = matches!(candidate.kind, CandidateKind::Key(_));
                    for word in crate::extract::string_words(text).filter(|_| !is_key) {
                        *repo.literal_words.entry(word.to_string()).or_default() += 1;
                    }
                    if !is_key && !lit.span.bytes.is_some_and(|b| values.contains(&b)) {
                        repo.fold(text, Role::Text);
                    }
                    if let Some(host) = url_host(text) {
                        *repo.hosts.entry(host.to_string()).or_default() += 1;
                    }
                    if text.contains('/') {
                        for word in text.split('/').filter(|w| !w.is_empty()) {
                            *repo.path_words.entry(word.to_string()).or_default() += 1;
                        }
                    }
                }
            }
            // A structured file's unread strings are its values, folded already.
            let document = facts.language.is_some_and(|l| l.document.is_some()) && !strings_read;
            for (word, uses) in &facts.unread_words {
                *repo.literal_words.entry(word.to_string()).or_default() += *uses as usize;
                for _ in 0..*uses * u32::from(!document) {
                    repo.fold(word, Role::Text);
                }
            }
            // An array's key was counted as a string of its own: it is a key, and a string
            // only where another string writes it (`$options['timezone']`).
            for key in facts.keys.iter().filter(|_| strings_read) {
                for word in crate::extract::string_words(&key.lit.text) {
                    if let Some(uses) = repo.literal_words.get_mut(word) {
                        *uses = uses.saturating_sub(1);
                    }
                }
                repo.unfold(&key.lit.text);
            }
            if is_settings_module(&paths[file], facts, vocab) {
                repo.settings_modules.insert(file);
            }
        }
        repo.read_suggestions = repo.suggest_for_undefined_reads(vocab);
        for (word, &(_, _, uses)) in &repo.folded {
            if uses >= COMMON && word.len() >= 3 && word.bytes().all(|b| b.is_ascii_lowercase()) {
                repo.common_words
                    .entry((word.as_bytes()[0], word.len()))
                    .or_default()
                    .push((word.clone(), uses));
            }
        }
        repo.name_words = repo
            .reads
            .keys()
            .chain(repo.defined.keys())
            .flat_map(|name| name.split('_'))
            .filter(|word| word.len() >= 4)
            .map(str::to_ascii_lowercase)
            .collect();
        repo
    }

    fn suggest_for_undefined_reads(&self, vocab: &Vocabularies) -> HashMap<String, String> {
        let known =
            |n: &str| vocab.wordpress_constants.contains(n) || vocab.php_constants.contains(n);
        // A slip keeps the first key, so only names with the same initial compete.
        let mut by_initial: HashMap<char, Vec<&str>> = HashMap::new();
        for name in self.defined.keys() {
            if let Some(initial) = name.chars().next() {
                by_initial.entry(initial).or_default().push(name);
            }
        }
        self.reads
            .keys()
            .filter(|n| !n.starts_with("__") && !self.defined.contains_key(*n) && !known(n))
            .filter_map(|name| {
                let rivals = by_initial.get(&name.chars().next()?)?;
                match nearest_name(rivals.iter().copied(), name, name_budget(name)).as_slice() {
                    [one] => Some((name.clone(), one.to_string())),
                    _ => None,
                }
            })
            .collect()
    }

    /// How many string literals of the repository hold `word` as a word of their own.
    pub fn literal_uses(&self, word: &str) -> usize {
        self.literal_words.get(word).copied().unwrap_or(0)
    }

    /// How often the repository writes `word` in the scalar values of structured files.
    pub fn value_word_uses(&self, word: &str) -> usize {
        self.value_words.get(word).map_or(0, |(uses, _)| *uses)
    }

    /// The value words written in two files or more.
    pub fn trusted_value_words(&self) -> &[String] {
        &self.trusted_value_words
    }

    /// How often the repository's values and strings write a lower-case word, in any case,
    /// whole or as a part of a longer name (`pids` of `AudioPids`, `macos` of `macOS`).
    pub fn folded_text_uses(&self, lower: &str) -> usize {
        self.folded
            .get(lower)
            .map_or(0, |(text, _, _)| *text as usize)
    }

    /// How often the repository's keys hold a lower-case word, in any case, whole or as a
    /// part of a longer key.
    pub fn folded_key_uses(&self, lower: &str) -> usize {
        self.folded
            .get(lower)
            .map_or(0, |(_, keys, _)| *keys as usize)
    }

    /// Counts the words of `text` (its runs of letters and digits) and their name parts,
    /// lower-cased, each once per run.
    fn fold(&mut self, text: &str, role: Role) {
        self.fold_by(text, role, true);
    }

    /// Takes back what [`Self::fold`] counted of a text as written in a string.
    fn unfold(&mut self, text: &str) {
        self.fold_by(text, Role::Text, false);
    }

    fn fold_by(&mut self, text: &str, role: Role, add: bool) {
        for run in text.split(|c: char| !c.is_alphanumeric()) {
            if run.len() < 2 {
                continue;
            }
            let whole = run.to_lowercase();
            let parts = crate::vocab::name_parts(run);
            let spelling = !self.counting_translation;
            let mut count = |word: &str| {
                let entry = match self.folded.get_mut(word) {
                    Some(entry) => entry,
                    None => self.folded.entry(word.to_string()).or_default(),
                };
                let count = match role {
                    Role::Text => &mut entry.0,
                    Role::Key => &mut entry.1,
                };
                let step = |count: &mut u32| {
                    *count = if add {
                        count.saturating_add(1)
                    } else {
                        count.saturating_sub(1)
                    }
                };
                step(count);
                if spelling {
                    step(&mut entry.2);
                }
            };
            count(&whole);
            for part in parts.iter().filter(|p| p.len() >= 2 && **p != whole) {
                count(part);
            }
        }
    }

    /// The lower-case words the repository writes [`COMMON`] times or more that begin
    /// with the letter `lower` begins with and are one letter longer or shorter at most,
    /// with how often they are written.
    pub fn common_words_near(&self, lower: &str) -> impl Iterator<Item = (&str, u32)> {
        let first = lower.as_bytes().first().copied().unwrap_or(0);
        let length = lower.len();
        (length.saturating_sub(1)..=length + 1)
            .filter_map(move |n| self.common_words.get(&(first, n)))
            .flatten()
            .map(|(word, uses)| (word.as_str(), *uses))
    }

    /// The keys that half the files of a set of translations write or more (and
    /// [`TRUSTED`] files at least), with how many files: the names of its messages.
    pub fn catalogue_keys(&self, set: &str) -> Vec<(&str, usize)> {
        let Some((files, keys)) = self.catalogue_keys.get(set) else {
            return Vec::new();
        };
        keys.iter()
            .filter(|&(_, &n)| n >= TRUSTED && n * 2 >= *files)
            .map(|(key, &n)| (key.as_str(), n))
            .collect()
    }

    /// The folders that hold a set of translations, each named by its language.
    pub fn language_folders(&self) -> &HashSet<String> {
        &self.language_folders
    }

    /// How often the repository writes `key` as a key of a structured file.
    pub fn key_uses(&self, key: &str) -> usize {
        self.key_uses.get(key).copied().unwrap_or(0)
    }

    /// The keys files of a format family write in [`TRUSTED`] files or more, with how
    /// many files, in no order.
    pub fn trusted_keys(&self, family: &str) -> &[(String, usize)] {
        self.trusted_keys.get(family).map_or(&[], Vec::as_slice)
    }

    /// The defined name a read of an undefined `name` most likely meant.
    pub fn read_suggestion(&self, name: &str) -> Option<&str> {
        self.read_suggestions.get(name).map(String::as_str)
    }

    /// Every upper-case name the code reads.
    pub fn read_names(&self) -> impl Iterator<Item = &str> {
        self.reads.keys().map(String::as_str)
    }

    fn add_module(&mut self, path: &str) {
        let Some(module) = path.strip_suffix(".py") else {
            return;
        };
        let module = module.strip_suffix("/__init__").unwrap_or(module);
        let parts: Vec<&str> = module.split('/').collect();
        // Any folder may be the import root: src/shop/settings.py is `shop.settings`.
        for start in 0..parts.len() {
            for end in start + 1..=parts.len() {
                if self.modules.insert(parts[start..end].join(".")) {
                    self.submodules
                        .entry(parts[start..end - 1].join("."))
                        .or_default()
                        .insert(parts[end - 1].to_string());
                }
            }
        }
    }

    pub fn reads(&self, name: &str) -> usize {
        self.reads.get(name).copied().unwrap_or(0)
    }

    pub fn is_defined(&self, name: &str) -> bool {
        self.defined.contains_key(name)
    }

    pub fn defined_names(&self) -> impl Iterator<Item = &str> {
        self.defined.keys().map(String::as_str)
    }

    pub fn has_module(&self, dotted: &str) -> bool {
        self.modules.contains(dotted)
    }

    /// The names of the modules one level below `parent` (`""` for the top level).
    pub fn submodules(&self, parent: &str) -> impl Iterator<Item = &str> {
        self.submodules
            .get(parent)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    pub fn host_count(&self, host: &str) -> usize {
        self.hosts.get(host).copied().unwrap_or(0)
    }

    pub fn hosts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.hosts.iter().map(|(h, n)| (h.as_str(), *n))
    }

    /// Hosts defined by compose services and nginx upstreams.
    pub fn defined_hosts(&self) -> impl Iterator<Item = &str> {
        self.defined_hosts.iter().map(String::as_str)
    }

    pub fn defines_host(&self, host: &str) -> bool {
        self.defined_hosts.contains(host)
    }

    /// How many string literals use `word` as a whole path component.
    pub fn path_word_count(&self, word: &str) -> usize {
        self.path_words.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` (lower-case) is a word of an upper-case name the code defines or
    /// reads: the repository's own vocabulary (`'ceres/'` beside `CERES_DIR`).
    pub fn names_word(&self, word: &str) -> bool {
        self.name_words.contains(word)
    }

    pub fn is_settings_module(&self, file: usize) -> bool {
        self.settings_modules.contains(&file)
    }
}

/// The host of a `scheme://host:port/...` URL, if the text is one.
/// The folders (`""` for the root) where two files or more are named by a language tag.
fn language_folders(paths: &[String]) -> HashSet<String> {
    let mut named: HashMap<&str, usize> = HashMap::new();
    for path in paths {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if crate::check::value::is_language_tag(stem) {
            *named.entry(folder).or_default() += 1;
        }
    }
    named
        .into_iter()
        .filter(|&(_, files)| files >= 2)
        .map(|(folder, _)| folder.to_string())
        .collect()
}

pub fn url_host(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.rfind(':') {
        Some(colon) if !host.starts_with('[') => &host[..colon],
        _ => host,
    };
    (!host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    .then_some(host)
}

/// A Django settings module: named `settings*.py` or inside a `settings/` package, or any
/// Python module that assigns several known settings.
fn is_settings_module(path: &str, facts: &FileFacts, vocab: &Vocabularies) -> bool {
    if !path.ends_with(".py") || facts.language.is_none_or(|l| l.id != "python") {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_package = path.split('/').rev().nth(1) == Some("settings");
    if name.starts_with("settings") || in_package {
        return true;
    }
    let known = facts
        .definitions
        .iter()
        .filter(|d| vocab.django_settings.contains(&d.name))
        .filter(|d| !matches!(d.value, Expr::Unknown))
        .count();
    known >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_from_any_import_root() {
        let mut repo = Repository::default();
        repo.add_module("src/shop/settings.py");
        repo.add_module("src/shop/__init__.py");
        assert!(repo.has_module("shop.settings"));
        assert!(repo.has_module("src.shop"));
        assert!(repo.has_module("shop"));
        assert!(!repo.has_module("shop.urls"));
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(url_host("http://auth-service:8080/x"), Some("auth-service"));
        assert_eq!(url_host("ldap://user@10.0.0.1"), Some("10.0.0.1"));
        assert_eq!(url_host("not a url"), None);
        assert_eq!(url_host("http://{host}/"), None);
    }
}
