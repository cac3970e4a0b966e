//! Vocabularies: the word lists under `rules/` (embedded at build time) and nearest-word
//! search by edit distance.
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A long list of words that is only asked whether it holds one: kept as the embedded
/// text's own lines, so that start-up builds no strings and no hash table for it.
#[derive(Debug, Default)]
pub struct WordList {
    words: Vec<&'static str>,
}

impl WordList {
    /// One word a line; `#` starts a comment line; blank lines are ignored.
    pub fn parse(text: &'static str) -> Self {
        let mut words: Vec<&'static str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        words.sort_unstable();
        words.dedup();
        WordList { words }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.binary_search(&word).is_ok()
    }

    /// Whether a word of the list is `prefix` and more, `extra` letters or more longer.
    pub fn starts_longer(&self, prefix: &str, extra: usize) -> bool {
        let from = self.words.partition_point(|w| *w < prefix);
        self.words[from..]
            .iter()
            .take_while(|w| w.starts_with(prefix))
            .any(|w| w.len() >= prefix.len() + extra)
    }
}

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
        if let Some(entry) = self
            .struck_twice(word)
            .filter(|e| max > 0 && !pairs.contains(word, e))
        {
            return vec![entry];
        }
        nearest_of(self.entries.iter().map(String::as_str), word, max, pairs)
    }

    /// The entry `word` is with its final digit struck twice (`j22` for `j2`, `lib644` for
    /// `lib64`). Names that differ only in digits are a numbered series (`log1`, `log11`),
    /// never typos of each other, but no series runs through a vocabulary's words.
    fn struck_twice(&self, word: &str) -> Option<&str> {
        let single = word.strip_suffix(|c: char| c.is_ascii_digit())?;
        let doubled = single.ends_with(&word[single.len()..]) && single.len() >= 2;
        if !doubled || self.contains(word) {
            return None;
        }
        let at = self
            .entries
            .binary_search_by(|e| e.as_str().cmp(single))
            .ok()?;
        Some(&self.entries[at])
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
        let d = match max {
            1 if one_edit_apart(word, candidate) => 1,
            1 => continue,
            _ => distance(word, candidate),
        };
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
        // The same name may come from two sources (a vocabulary and the repository).
        if !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    // Hands rarely miss the first key: on a tie, prefer the words that keep it.
    let first = word.chars().next();
    if found.len() > 1 && found.iter().any(|c| c.chars().next() == first) {
        found.retain(|c| c.chars().next() == first);
    }
    keep_likeliest(word, found)
}

/// Among equally distant candidates, keeps those reached by the likeliest slip.
fn keep_likeliest<'a>(word: &str, mut found: Vec<&'a str>) -> Vec<&'a str> {
    if found.len() > 1 {
        let best = found
            .iter()
            .map(|c| slip_rank(word, c))
            .min()
            .unwrap_or(u8::MAX);
        found.retain(|c| slip_rank(word, c) == best);
    }
    found
}

/// How a hand most likely turned `known` into `typed`: 0 swapped neighbours (`htlm`),
/// 1 a neighbouring key (`httpw` for `https`), 2 a doubled or dropped doubled letter,
/// 3 anything else.
pub fn slip_rank(typed: &str, known: &str) -> u8 {
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), known.chars().collect());
    if a.len() == b.len() {
        let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        match differ.as_slice() {
            [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i] => return 0,
            [i] if keyboard_neighbours(a[*i], b[*i]) => return 1,
            _ => {}
        }
    }
    let doubled = |long: &[char], short: &[char]| {
        long.len() == short.len() + 1
            && (1..long.len())
                .any(|i| long[i] == long[i - 1] && [&long[..i], &long[i + 1..]].concat() == short)
    };
    if doubled(&a, &b) || doubled(&b, &a) {
        return 2;
    }
    3
}

/// A two-letter word that a neighbouring key or a swap makes of `known` (`jx`, `sj` for
/// `js`): at that length, only the likeliest slips say anything.
pub fn is_short_slip(typed: &str, known: &str) -> bool {
    typed.len() == known.len() && typed != known && slip_rank(typed, known) <= 1
}

/// Keys next to each other on a QWERTY keyboard.
pub fn keyboard_neighbours(a: char, b: char) -> bool {
    const ROWS: [&str; 4] = ["1234567890-", "qwertyuiop[", "asdfghjkl;'", "zxcvbnm,./"];
    let place = |c: char| {
        let c = c.to_ascii_lowercase();
        ROWS.iter()
            .enumerate()
            .find_map(|(row, keys)| keys.find(c).map(|col| (row as i32, col as i32)))
    };
    match (place(a), place(b)) {
        // Rows are staggered: a key touches two keys of the row below it.
        (Some((ra, ca)), Some((rb, cb))) => match ra - rb {
            0 => (ca - cb).abs() == 1,
            1 => cb == ca || cb == ca + 1,
            -1 => ca == cb || ca == cb + 1,
            _ => false,
        },
        _ => false,
    }
}

/// Edit distance where swapping two neighbouring characters is one edit.
pub fn distance(a: &str, b: &str) -> usize {
    // Nearest-name searches compare one name with thousands: ASCII names are compared as
    // bytes on the stack, after dropping what both begin and end with.
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::osa_distance(a, b);
    }
    let (a, b) = trim_common_ends(a.as_bytes(), b.as_bytes());
    match (a.len(), b.len()) {
        (0, n) | (n, 0) => n,
        (_, n) if n < SHORT => short_ascii_distance(a, b),
        _ => strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        ),
    }
}

/// `distance(a, b) == 1`, told without the distance table: what is left after the common
/// ends must be one byte, one byte against another, or a swapped pair.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return distance(a, b) == 1;
    }
    let (a, b) = trim_common_ends(a.as_bytes(), b.as_bytes());
    match (a.len(), b.len()) {
        (1, 0) | (0, 1) | (1, 1) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}

/// Longer names than this are compared by `strsim`.
const SHORT: usize = 64;

fn trim_common_ends<'a>(mut a: &'a [u8], mut b: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    (a, b) = (&a[head..], &b[head..]);
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (&a[..a.len() - tail], &b[..b.len() - tail])
}

/// Optimal string alignment distance of two byte strings, `b` shorter than [`SHORT`]: the
/// dynamic programme of `strsim::osa_distance` on three rows kept on the stack.
fn short_ascii_distance(a: &[u8], b: &[u8]) -> usize {
    let mut rows = [[0usize; SHORT]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let [two_back, previous, current] = rotate(&mut rows, i);
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(two_back[j - 2] + 1);
            }
            current[j] = best;
        }
    }
    rows[a.len() % 3][b.len()]
}

/// Row `i` of the programme and the two before it, out of three rows used in turn.
fn rotate(rows: &mut [[usize; SHORT]; 3], i: usize) -> [&mut [usize; SHORT]; 3] {
    let [r0, r1, r2] = rows;
    match i % 3 {
        0 => [r1, r2, r0],
        1 => [r2, r0, r1],
        _ => [r0, r1, r2],
    }
}

/// Two different spellings that no typo explains: case only, digits only, or a plural.
pub fn is_plausible_typo(found: &str, known: &str) -> bool {
    if found.eq_ignore_ascii_case(known) {
        return false;
    }
    // `.jsduck` and `jsduck` are two names: a hidden file and its visible twin. A leading
    // `-` or `_` makes a suffix or a private twin (`suffix='-pip.py'`, `_common.py`).
    let marked = |a: &str, b: &str| a.strip_prefix(['.', '-', '_']) == Some(b);
    if marked(found, known) || marked(known, found) {
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
        if candidate.as_bytes().first() != word.as_bytes().first() {
            continue; // Not a slip (see is_name_slip), and cheap to rule out first.
        }
        let d = match max {
            1 if one_edit_apart(word, candidate) => 1,
            1 => continue,
            _ => distance(word, candidate),
        };
        if d > max
            || d > best
            || candidate.eq_ignore_ascii_case(word)
            || digitless(candidate) == own
            || !is_name_slip(word, candidate)
        {
            continue;
        }
        if d < best {
            best = d;
            found.clear();
        }
        // The same name may come from two sources (a vocabulary and the repository).
        if !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    keep_likeliest(word, found)
}

/// The lower-case words of `typed` that differ from those of `known`, when both have as
/// many (`relabel_convigs` against `relabel_configs`: `convigs`); all of `typed`'s words
/// when they do not.
pub fn changed_parts<'a>(typed: &'a str, known: &'a str) -> impl Iterator<Item = String> + 'a {
    let (a, b) = (name_parts(typed), name_parts(known));
    let same_shape = a.len() == b.len();
    a.into_iter()
        .enumerate()
        .filter(move |(i, part)| !same_shape || b.get(*i) != Some(part))
        .map(|(_, part)| part)
}

/// `scrape_configs`, `daysUntilStale`, `key-file` → their lower-case words.
pub fn name_parts(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_lowercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Could a hand have typed `typed` for the identifier `known`? The first key is rarely
/// missed, and a short word changed other than by a neighbouring key or a swap is another
/// name (`OS_UNIX` / `TS_UNIX`).
pub fn is_name_slip(typed: &str, known: &str) -> bool {
    if typed.chars().next() != known.chars().next() {
        return false;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (typed.split('_').collect(), known.split('_').collect());
    if a.len() != b.len() {
        return true;
    }
    // A short word changed by a neighbouring key or a swap is still a slip (`WO_` for `WP_`).
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .all(|(x, y)| x.len().min(y.len()) >= 3 || (x.len() == y.len() && slip_rank(x, y) <= 1))
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
    /// Absolute folders of a Linux system (`/etc/nginx`, `/var/www`).
    pub system_folders: Vocabulary,
    pub schemes: Vocabulary,
    /// Ordinary English words: in a guessed path they are taken as meant.
    pub english: WordList,
    pub pairs: KnownPairs,
    pub django_settings: Vocabulary,
    /// Setting → the keys its dictionaries take (`DATABASES` → `ENGINE`, `NAME`, ...).
    pub django_dict_keys: HashMap<String, Vocabulary>,
    pub django_modules: Vocabulary,
    pub wordpress_constants: Vocabulary,
    pub php_constants: Vocabulary,
    pub php_ini: Vocabulary,
    pub php_ini_keys: KeyVocabulary,
    pub nginx_directives: KeyVocabulary,
    pub apache_directives: KeyVocabulary,
    pub compose_keys: KeyVocabulary,
    pub workflow_keys: KeyVocabulary,
    pub dockerfile_instructions: KeyVocabulary,
    pub mediawiki_settings: KeyVocabulary,
    pub phpmyadmin_settings: KeyVocabulary,
    pub roundcube_settings: KeyVocabulary,
}

/// The key vocabularies by their file name under `rules/`, as queries name them
/// (`@key.phpmyadmin-settings`).
pub const KEY_VOCABULARIES: &[&str] = &[
    "php-ini",
    "nginx-directives",
    "apache-directives",
    "compose-keys",
    "github-workflow-keys",
    "dockerfile-instructions",
    "mediawiki-settings",
    "phpmyadmin-settings",
    "roundcube-settings",
];

impl Vocabularies {
    pub fn builtin() -> &'static Vocabularies {
        static BUILTIN: OnceLock<Vocabularies> = OnceLock::new();
        BUILTIN.get_or_init(|| Vocabularies {
            extensions: Vocabulary::parse(include_str!("../rules/extensions.txt")),
            not_extensions: Vocabulary::parse(include_str!("../rules/not-extensions.txt")),
            deploy_extensions: Vocabulary::parse(include_str!("../rules/deploy-extensions.txt")),
            deploy_words: Vocabulary::parse(include_str!("../rules/deploy-words.txt")),
            system_folders: Vocabulary::parse(include_str!("../rules/system-folders.txt")),
            schemes: Vocabulary::parse(include_str!("../rules/schemes.txt")),
            english: WordList::parse(include_str!("../rules/english-words.txt")),
            pairs: KnownPairs::parse(include_str!("../rules/similar-pairs.txt")),
            django_settings: Vocabulary::parse(include_str!("../rules/django-settings.txt")),
            django_dict_keys: keyed(include_str!("../rules/django-dict-keys.txt")),
            django_modules: Vocabulary::parse(include_str!("../rules/django-modules.txt")),
            wordpress_constants: Vocabulary::parse(include_str!(
                "../rules/wordpress-constants.txt"
            )),
            php_constants: Vocabulary::parse(include_str!("../rules/php-constants.txt")),
            php_ini: Vocabulary::parse(include_str!("../rules/php-ini.txt")),
            php_ini_keys: KeyVocabulary::parse(include_str!("../rules/php-ini.txt"), false),
            nginx_directives: KeyVocabulary::parse(
                include_str!("../rules/nginx-directives.txt"),
                false,
            ),
            apache_directives: KeyVocabulary::parse(
                include_str!("../rules/apache-directives.txt"),
                true,
            ),
            compose_keys: KeyVocabulary::parse(include_str!("../rules/compose-keys.txt"), false),
            workflow_keys: KeyVocabulary::parse(
                include_str!("../rules/github-workflow-keys.txt"),
                false,
            ),
            dockerfile_instructions: KeyVocabulary::parse(
                include_str!("../rules/dockerfile-instructions.txt"),
                true,
            ),
            mediawiki_settings: KeyVocabulary::parse(
                include_str!("../rules/mediawiki-settings.txt"),
                false,
            ),
            phpmyadmin_settings: KeyVocabulary::parse(
                include_str!("../rules/phpmyadmin-settings.txt"),
                false,
            ),
            roundcube_settings: KeyVocabulary::parse(
                include_str!("../rules/roundcube-settings.txt"),
                false,
            ),
        })
    }

    /// The vocabulary of a format's key or directive names, by its file name under `rules/`.
    pub fn keys(&self, id: &str) -> Option<&KeyVocabulary> {
        Some(match id {
            "php-ini" => &self.php_ini_keys,
            "nginx-directives" => &self.nginx_directives,
            "apache-directives" => &self.apache_directives,
            "compose-keys" => &self.compose_keys,
            "github-workflow-keys" => &self.workflow_keys,
            "dockerfile-instructions" => &self.dockerfile_instructions,
            "mediawiki-settings" => &self.mediawiki_settings,
            "phpmyadmin-settings" => &self.phpmyadmin_settings,
            "roundcube-settings" => &self.roundcube_settings,
            _ => return None,
        })
    }
}

/// The key or directive names of a configuration format. Apache directives and
/// Dockerfile instructions are case-insensitive: `documentroot` is `DocumentRoot`.
#[derive(Debug, Default)]
pub struct KeyVocabulary {
    pub names: Vocabulary,
    /// Lower-case name → the name as listed, for case-insensitive formats.
    folded: Option<std::collections::BTreeMap<String, String>>,
}

impl KeyVocabulary {
    pub fn parse(text: &str, case_insensitive: bool) -> Self {
        let names = Vocabulary::parse(text);
        let folded = case_insensitive.then(|| {
            names
                .entries()
                .iter()
                .map(|n| (n.to_ascii_lowercase(), n.clone()))
                .collect()
        });
        KeyVocabulary { names, folded }
    }

    pub fn ignores_case(&self) -> bool {
        self.folded.is_some()
    }

    pub fn contains(&self, name: &str) -> bool {
        match &self.folded {
            Some(folded) => folded.contains_key(&name.to_ascii_lowercase()),
            None => self.names.contains(name),
        }
    }

    /// The known names nearest to `name` (one edit, two for names of 8 characters or
    /// more), as listed.
    pub fn nearest(&self, name: &str) -> Vec<&str> {
        let budget = name_budget(name);
        match &self.folded {
            Some(folded) => {
                let lower = name.to_ascii_lowercase();
                nearest_name(folded.keys().map(String::as_str), &lower, budget)
                    .into_iter()
                    .filter_map(|n| folded.get(n).map(String::as_str))
                    .collect()
            }
            None => nearest_name(
                self.names.entries().iter().map(String::as_str),
                name,
                budget,
            ),
        }
    }
}

/// Registries of values, by the position that takes them: HTTP field names, media types,
/// OpenSSL cipher-string words and the keywords of nginx and Apache directives. Built on
/// first use, so that a run with no server configuration never builds them.
pub struct Registries {
    pub http_fields: KeyVocabulary,
    pub media_types: Vocabulary,
    pub openssl_ciphers: Vocabulary,
    pub nginx_arguments: HashMap<String, Keywords>,
    /// By lower-case directive name; keywords lower-case.
    pub apache_arguments: HashMap<String, Keywords>,
}

/// The keywords one directive takes.
#[derive(Debug, Default)]
pub struct Keywords {
    pub words: Vocabulary,
    /// Every argument is one of `words` (a flag, an enum): anything else is refused.
    pub closed: bool,
}

impl Registries {
    pub fn builtin() -> &'static Registries {
        static BUILTIN: OnceLock<Registries> = OnceLock::new();
        BUILTIN.get_or_init(|| Registries {
            http_fields: KeyVocabulary::parse(include_str!("../rules/http-fields.txt"), true),
            media_types: Vocabulary::parse(include_str!("../rules/media-types.txt")),
            openssl_ciphers: Vocabulary::parse(include_str!("../rules/openssl-ciphers.txt")),
            nginx_arguments: keywords(include_str!("../rules/nginx-arguments.txt")),
            apache_arguments: keywords(include_str!("../rules/apache-arguments.txt")),
        })
    }

    /// A registry by the name of its file under `rules/`, for the tests.
    pub fn table(&self, id: &str) -> Option<&Vocabulary> {
        Some(match id {
            "http-fields" => &self.http_fields.names,
            "media-types" => &self.media_types,
            "openssl-ciphers" => &self.openssl_ciphers,
            _ => return None,
        })
    }
}

/// `directive keyword` lines, `directive *` marking a closed set.
fn keywords(text: &str) -> HashMap<String, Keywords> {
    let mut closed = HashSet::new();
    let mut groups = keyed(text);
    for (directive, words) in &groups {
        if words.contains("*") {
            closed.insert(directive.clone());
        }
    }
    groups
        .drain()
        .map(|(directive, words)| {
            let words = Vocabulary::from_words(words.entries.into_iter().filter(|w| w != "*"));
            let closed = closed.contains(&directive);
            (directive, Keywords { words, closed })
        })
        .collect()
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
    fn a_final_digit_struck_twice_is_a_slip_from_a_known_word() {
        let extensions = Vocabulary::from_words(["j2", "mp3", "php"].map(String::from));
        let pairs = KnownPairs::default();
        assert_eq!(extensions.nearest("j22", 1, &pairs), vec!["j2"]);
        assert_eq!(extensions.nearest("mp33", 1, &pairs), vec!["mp3"]);
        assert_eq!(extensions.nearest("j3", 1, &pairs), Vec::<&str>::new());
        assert_eq!(extensions.nearest("j22", 0, &pairs), Vec::<&str>::new());
        assert!(!is_plausible_typo("log11", "log1"));
    }

    #[test]
    fn ties_go_to_the_likeliest_slip() {
        let schemes = Vocabulary::from_words(["http", "https", "ftps"].map(String::from));
        let pairs = KnownPairs::default();
        assert_eq!(schemes.nearest("httpw", 1, &pairs), vec!["https"]);
        assert!(keyboard_neighbours('w', 's'));
        assert!(keyboard_neighbours('g', 'h'));
        assert!(!keyboard_neighbours('a', 'p'));
    }

    #[test]
    fn a_name_from_two_sources_is_one_suggestion() {
        let near = nearest_name(["WP_ADMIN", "WP_DEBUG", "WP_ADMIN"], "WP_ADXMIN", 2);
        assert_eq!(near, vec!["WP_ADMIN"]);
        assert!(nearest_name(["TS_UNIX"], "OS_UNIX", 1).is_empty());
    }

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(distance("layuot", "layout"), 1);
        assert_eq!(distance("phpp", "php"), 1);
    }

    #[test]
    fn distance_agrees_with_strsim() {
        // A small alphabet makes repeats, swaps and shared ends frequent.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let word = |next: &mut dyn FnMut(u64) -> u64| -> String {
            let len = next(9);
            (0..len)
                .map(|_| ["a", "b", "c", "_"][next(4) as usize])
                .collect()
        };
        for _ in 0..20_000 {
            let (a, b) = (word(&mut next), word(&mut next));
            assert_eq!(
                distance(&a, &b),
                strsim::osa_distance(&a, &b),
                "{a:?} {b:?}"
            );
            assert_eq!(
                one_edit_apart(&a, &b),
                strsim::osa_distance(&a, &b) == 1,
                "{a:?} {b:?}"
            );
        }
        let long = "x".repeat(70);
        for (a, b) in [
            ("ça", "ca"),
            (long.as_str(), "xy"),
            ("abc", long.as_str()),
            ("", "abc"),
            ("abc", ""),
            ("ca", "abc"),
        ] {
            assert_eq!(distance(a, b), strsim::osa_distance(a, b), "{a:?} {b:?}");
        }
    }
}
