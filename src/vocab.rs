//! Vocabularies: the word lists under `rules/` (embedded at build time) and nearest-word
//! search by edit distance.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A sorted list of known words.
#[derive(Debug, Default)]
pub struct Vocabulary {
    entries: Vec<String>,
    set: HashSet<String>,
}

impl Vocabulary {
    /// One entry a line; `#` starts a comment line; blank lines are ignored.
    pub fn parse(text: &str) -> Self {
        Self::from_words(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        )
    }

    pub fn from_words(words: impl IntoIterator<Item = String>) -> Self {
        let mut entries: Vec<String> = words.into_iter().collect();
        entries.sort();
        entries.dedup();
        let set = entries.iter().cloned().collect();
        Vocabulary { entries, set }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// The entries closest to `word`, at most `max` edits away, that a hand could have
    /// mistyped into `word`. Several entries at the same distance are all returned.
    pub fn nearest(&self, word: &str, max: usize, pairs: &KnownPairs) -> Vec<&str> {
        nearest_of(self.entries.iter().map(String::as_str), word, max, pairs)
    }
}

/// The closest candidates to `word` among `candidates`, at most `max` edits away.
pub fn nearest_of<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    word: &str,
    max: usize,
    pairs: &KnownPairs,
) -> Vec<&'a str> {
    if max == 0 {
        return Vec::new();
    }
    let length = word.chars().count();
    let mut best = max + 1;
    let mut found = Vec::new();
    for candidate in candidates {
        let other = candidate.chars().count();
        if other.abs_diff(length) > max || candidate == word {
            continue;
        }
        let d = distance(word, candidate);
        if d > max
            || d > best
            || !is_plausible_typo(word, candidate)
            || pairs.contains(word, candidate)
        {
            continue;
        }
        if d < best {
            best = d;
            found.clear();
        }
        found.push(candidate);
    }
    // Hands rarely miss the first key: on a tie, prefer the words that keep it.
    let first = word.chars().next();
    if found.len() > 1 && found.iter().any(|c| c.chars().next() == first) {
        found.retain(|c| c.chars().next() == first);
    }
    // Swapped letters (`htlm`) are the likeliest slip of all.
    let letters = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    let own = letters(word);
    if found.len() > 1 && found.iter().any(|c| letters(c) == own) {
        found.retain(|c| letters(c) == own);
    }
    found
}

/// Edit distance where swapping two neighbouring characters is one edit.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Two different spellings that no typo explains: case only, digits only, or a plural.
pub fn is_plausible_typo(found: &str, known: &str) -> bool {
    if found.eq_ignore_ascii_case(known) {
        return false;
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    if letters(found) == letters(known) {
        return false;
    }
    // A plural is a different word, in the stem too: nav-menu.css / nav-menus.css.
    let stem = |s: &'_ str| -> String {
        let s = s.trim_end_matches('/');
        match s.rfind('.') {
            Some(dot) if dot > 0 => s[..dot].to_string(),
            _ => s.to_string(),
        }
    };
    let (a, b) = (stem(found), stem(known));
    let is_plural =
        |x: &str, y: &str| x.strip_suffix('s') == Some(y) || x.strip_suffix("es") == Some(y);
    let plural_pair = |x: &str, y: &str| is_plural(x, y) || is_plural(y, x);
    if plural_pair(&a, &b) {
        return false;
    }
    // The same holds for one word of a compound name: nav-menu-rtl / nav-menus-rtl.
    let words = |s: &str| {
        s.split(['-', '_', '.'])
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (wa, wb) = (words(&a), words(&b));
    if wa.len() == wb.len() && wa.len() > 1 {
        let differing: Vec<(&String, &String)> =
            wa.iter().zip(&wb).filter(|(x, y)| x != y).collect();
        if let [(x, y)] = differing.as_slice() {
            return !plural_pair(x, y);
        }
    }
    true
}

/// The nearest names to `word`: like [`nearest_of`] for identifiers, where a plural is as
/// much a slip as any other (`ALLOWED_HOST` for `ALLOWED_HOSTS`, `staticfile` for
/// `staticfiles`). Only case-only and digit-only differences are not typos.
pub fn nearest_name<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    word: &str,
    max: usize,
) -> Vec<&'a str> {
    let length = word.chars().count();
    if max == 0 || length < 4 {
        return Vec::new();
    }
    let digitless = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    let own = digitless(word);
    let mut best = max + 1;
    let mut found = Vec::new();
    for candidate in candidates {
        if candidate.chars().count().abs_diff(length) > max || candidate == word {
            continue;
        }
        let d = distance(word, candidate);
        if d > max
            || d > best
            || candidate.eq_ignore_ascii_case(word)
            || digitless(candidate) == own
        {
            continue;
        }
        if d < best {
            best = d;
            found.clear();
        }
        found.push(candidate);
    }
    found
}

/// Edits allowed between an identifier and a known one: two for long names, where two
/// slips (`WP_DEGUB` for `WP_DEBUG`) still leave no doubt.
pub fn name_budget(name: &str) -> usize {
    if name.chars().count() >= 8 {
        2
    } else {
        1
    }
}

/// Pairs of words one edit apart that are both real (`htm`/`html`, `yml`/`yaml`).
#[derive(Debug, Default)]
pub struct KnownPairs(HashSet<(String, String)>);

impl KnownPairs {
    pub fn parse(text: &str) -> Self {
        KnownPairs(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .filter_map(|l| {
                    let mut words = l.split_whitespace();
                    Some(ordered(words.next()?, words.next()?))
                })
                .collect(),
        )
    }

    pub fn contains(&self, a: &str, b: &str) -> bool {
        self.0.contains(&ordered(a, b))
    }
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The vocabularies shipped in the binary.
pub struct Vocabularies {
    pub extensions: Vocabulary,
    /// Words after a dot that are not meant as extensions in a plain string.
    pub not_extensions: Vocabulary,
    pub deploy_extensions: Vocabulary,
    pub deploy_words: Vocabulary,
    pub schemes: Vocabulary,
    /// Ordinary English words: in a guessed path they are taken as meant.
    pub english: Vocabulary,
    pub pairs: KnownPairs,
    pub django_settings: Vocabulary,
    /// Setting → the keys its dictionaries take (`DATABASES` → `ENGINE`, `NAME`, ...).
    pub django_dict_keys: HashMap<String, Vocabulary>,
    pub django_modules: Vocabulary,
    pub wordpress_constants: Vocabulary,
    pub php_constants: Vocabulary,
    pub php_ini: Vocabulary,
}

impl Vocabularies {
    pub fn builtin() -> &'static Vocabularies {
        static BUILTIN: OnceLock<Vocabularies> = OnceLock::new();
        BUILTIN.get_or_init(|| Vocabularies {
            extensions: Vocabulary::parse(include_str!("../rules/extensions.txt")),
            not_extensions: Vocabulary::parse(include_str!("../rules/not-extensions.txt")),
            deploy_extensions: Vocabulary::parse(include_str!("../rules/deploy-extensions.txt")),
            deploy_words: Vocabulary::parse(include_str!("../rules/deploy-words.txt")),
            schemes: Vocabulary::parse(include_str!("../rules/schemes.txt")),
            english: Vocabulary::parse(include_str!("../rules/english-words.txt")),
            pairs: KnownPairs::parse(include_str!("../rules/similar-pairs.txt")),
            django_settings: Vocabulary::parse(include_str!("../rules/django-settings.txt")),
            django_dict_keys: keyed(include_str!("../rules/django-dict-keys.txt")),
            django_modules: Vocabulary::parse(include_str!("../rules/django-modules.txt")),
            wordpress_constants: Vocabulary::parse(include_str!(
                "../rules/wordpress-constants.txt"
            )),
            php_constants: Vocabulary::parse(include_str!("../rules/php-constants.txt")),
            php_ini: Vocabulary::parse(include_str!("../rules/php-ini.txt")),
        })
    }
}

/// `GROUP WORD` lines → one vocabulary per group.
fn keyed(text: &str) -> HashMap<String, Vocabulary> {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some((group, word)) = line.split_once(char::is_whitespace) {
            groups
                .entry(group.to_string())
                .or_default()
                .push(word.trim().to_string());
        }
    }
    groups
        .into_iter()
        .map(|(group, words)| (group, Vocabulary::from_words(words)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_one_edit_typos() {
        let words = Vocabulary::from_words(["static", "media", "html", "htm"].map(String::from));
        let pairs = KnownPairs::parse("htm html");
        assert_eq!(words.nearest("statec", 1, &pairs), vec!["static"]);
        assert_eq!(words.nearest("htlm", 1, &pairs), vec!["html"]);
        assert_eq!(words.nearest("htm", 1, &pairs), Vec::<&str>::new());
        assert_eq!(words.nearest("medias", 1, &pairs), Vec::<&str>::new());
        assert_eq!(words.nearest("stats", 1, &pairs), Vec::<&str>::new());
    }

    #[test]
    fn case_digits_and_plurals_are_not_typos() {
        assert!(!is_plausible_typo("Static", "static"));
        assert!(!is_plausible_typo("log1", "log2"));
        assert!(!is_plausible_typo("template", "templates"));
        assert!(!is_plausible_typo("nav-menu.css", "nav-menus.css"));
        assert!(!is_plausible_typo("nav-menu-rtl.css", "nav-menus-rtl.css"));
        assert!(!is_plausible_typo("class", "classes"));
        assert!(is_plausible_typo("statec", "static"));
    }

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(distance("layuot", "layout"), 1);
        assert_eq!(distance("phpp", "php"), 1);
    }
}
