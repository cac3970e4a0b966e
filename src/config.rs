//! `typo-gate.toml`, `.typo-gate.toml` or `[tool.typo-gate]` in `pyproject.toml`, found by
//! walking up from the checked path (or named with `--config`), validated with errors that
//! point at the line and suggest the key or value meant.
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use miette::NamedSource;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{ConfigError, Error, Result};
use crate::finding::{Finding, Severity};
use crate::lang::{Language, LANGUAGES};

/// The file names looked for in each folder, in order.
pub const FILE_NAMES: &[&str] = &["typo-gate.toml", ".typo-gate.toml", "pyproject.toml"];

/// Every top-level key the configuration accepts (the schema lists the same).
pub const KEYS: &[&str] = &[
    "exclude",
    "severity",
    "allow",
    "vocabulary",
    "paths",
    "formats",
    "max-file-size",
];

/// The keys of the `[allow]` table.
pub const ALLOW_KEYS: &[&str] = &["words", "paths"];

/// What a rule's `[severity]` entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

const LEVELS: &[&str] = &["error", "warning", "off"];

/// The `[severity]` entry for every finding in test code rather than for one rule.
pub const TESTS: &str = "tests";

/// One root's configuration. Globs match paths relative to the configuration file's folder.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub file: Option<PathBuf>,
    /// The checked root's path relative to the configuration's folder (`""` or `app/`).
    prefix: String,
    exclude: Option<GlobSet>,
    severity: BTreeMap<String, Level>,
    allow_words: HashSet<String>,
    allow_paths: Option<GlobSet>,
    known_words: HashSet<String>,
    /// Absolute deploy folder → root-relative folder.
    pub mounts: Vec<(String, String)>,
    formats: Vec<(GlobSet, &'static Language)>,
    pub max_file_size: Option<u64>,
    /// What `[severity] tests` says of findings in test code; `None`: they warn.
    tests: Option<Level>,
    /// The configuration file's text as read: with `prefix` and the vocabulary files'
    /// words, everything the configuration is made of.
    text: String,
}

impl Config {
    /// The configuration for `root`: the file given, or the nearest one above the root.
    pub fn for_root(root: &Path, explicit: Option<&Path>) -> Result<Config> {
        let folder = match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => root.to_path_buf(),
            _ => root
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        };
        let folder = folder.canonicalize().unwrap_or(folder);
        let found = match explicit {
            Some(file) => Some(file.to_path_buf()),
            None => discover(&folder),
        };
        let Some(file) = found else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&file).map_err(|source| Error::Unreadable {
            path: file.clone(),
            source,
        })?;
        let base = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
        let prefix = match folder.strip_prefix(&base) {
            Ok(rest) if !rest.as_os_str().is_empty() => {
                format!("{}/", crate::walk::relative(Path::new(""), rest))
            }
            _ => String::new(),
        };
        let mut config = parse(&file, &text, &base)?;
        config.prefix = prefix;
        config.file = Some(file);
        config.text = text;
        config.mounts = config
            .mounts
            .iter()
            .filter_map(|(deploy, folder)| {
                let folder = format!("{}/", folder.trim_matches('/'));
                let inside = folder.strip_prefix(config.prefix.as_str())?;
                Some((deploy.clone(), inside.trim_end_matches('/').to_string()))
            })
            .collect();
        Ok(config)
    }

    /// Everything this configuration says, as text: equal texts make equal findings.
    pub fn fingerprint(&self) -> String {
        let mut words: Vec<&str> = self.known_words.iter().map(String::as_str).collect();
        words.sort_unstable();
        format!(
            "{:?}\n{:?}\n{:?}\n{}\n{}",
            self.file,
            self.prefix,
            self.max_file_size,
            words.join("\n"),
            self.text
        )
    }

    fn key(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// Whether a root-relative file is left out of the check.
    pub fn excludes(&self, path: &str) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|set| set.is_match(self.key(path)))
    }

    /// The language `[formats]` assigns to a root-relative file.
    pub fn format_of(&self, path: &str) -> Option<&'static Language> {
        let key = self.key(path);
        self.formats
            .iter()
            .find(|(set, _)| set.is_match(&key))
            .map(|(_, language)| *language)
    }

    /// Applies `[severity]`, `allow` and `vocabulary` to a root's findings.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut finding| {
                match self.severity.get(finding.rule) {
                    Some(Level::Off) => return None,
                    Some(Level::Error) => finding.severity = Severity::Error,
                    Some(Level::Warning) => finding.severity = Severity::Warning,
                    None => {}
                }
                if is_test_code(&finding.path) {
                    match self.tests {
                        Some(Level::Off) => return None,
                        Some(Level::Error) => {}
                        Some(Level::Warning) | None => finding.severity = Severity::Warning,
                    }
                }
                if self
                    .allow_paths
                    .as_ref()
                    .is_some_and(|set| set.is_match(self.key(&finding.path)))
                {
                    return None;
                }
                // Allowed words are matched against the whole token, as the user wrote it.
                let (literal, suggestion) = finding.identity();
                let words = slipped_words(literal, suggestion.as_deref());
                let allowed = |word: &str| self.allow_words.contains(word);
                if allowed(literal)
                    || suggestion.as_deref().is_some_and(allowed)
                    || words
                        .iter()
                        .any(|w| allowed(w) || self.known_words.contains(*w))
                    || self.known_words.contains(literal)
                {
                    return None;
                }
                Some(finding)
            })
            .collect()
    }
}

/// Folders whose files are test code, compared without regard to case (`Tests/` in Symfony).
const TEST_FOLDERS: &[&str] = &[
    "tests",
    "test",
    "spec",
    "testing",
    "fixtures",
    "testdata",
    "__tests__",
];

/// Whether a root-relative file is test code: under a test folder, or named as a test
/// (`test_*.py`, `*_test.py`, `*Test.php`, `*.test.*`, `*.spec.*`, `conftest.py`). Its
/// findings warn unless `[severity] tests` says otherwise.
pub fn is_test_code(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    let Some(name) = parts.pop() else {
        return false;
    };
    if parts
        .iter()
        .any(|folder| TEST_FOLDERS.iter().any(|t| folder.eq_ignore_ascii_case(t)))
    {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name);
    let mut dots = name.split('.').skip(1);
    // Django's `tests.py` in each application.
    matches!(name, "conftest.py" | "tests.py" | "test.py")
        || stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_spec")
        || (name.ends_with(".php") && (stem.ends_with("Test") || stem.ends_with("TestCase")))
        || (dots.clone().count() >= 2 && dots.any(|part| part == "test" || part == "spec"))
}

/// The words of a token that its suggestion changes (`lgo` in `app.lgo` → `app.log`).
fn slipped_words<'t>(token: &'t str, suggestion: Option<&str>) -> Vec<&'t str> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let target: Vec<String> = suggestion.map(split).unwrap_or_default();
    token
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty() && !target.iter().any(|t| t == w))
        .collect()
}

/// The nearest configuration file at or above `folder`, stopping at a repository's top.
fn discover(folder: &Path) -> Option<PathBuf> {
    for dir in folder.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                continue;
            }
            if *name == "pyproject.toml" {
                let text = std::fs::read_to_string(&candidate).ok()?;
                if !has_tool_table(&text) {
                    continue;
                }
            }
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

fn has_tool_table(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|doc| {
        doc.get_ref()
            .get("tool")
            .and_then(|t| t.get_ref().as_table())
            .is_some_and(|t| t.get("typo-gate").is_some())
    })
}

/// Reads one configuration text. `base` is the folder relative paths in it start from.
pub fn parse(file: &Path, text: &str, base: &Path) -> Result<Config> {
    let fail = |span: Range<usize>, message: String, help: Option<String>, label: &str| {
        let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
        Error::Config(Box::new(ConfigError {
            file: file.to_path_buf(),
            line,
            message,
            help,
            source_code: NamedSource::new(file.display().to_string(), text.to_string()),
            span: span.into(),
            label: label.to_string(),
        }))
    };
    let doc = DeTable::parse(text).map_err(|e| {
        fail(
            e.span().unwrap_or(0..0),
            e.message().trim().to_string(),
            None,
            "here",
        )
    })?;
    let is_pyproject = file.file_name().is_some_and(|n| n == "pyproject.toml");
    let empty = DeTable::default();
    let table: &DeTable = if is_pyproject {
        let tool = doc
            .get_ref()
            .get("tool")
            .and_then(|t| t.get_ref().as_table())
            .and_then(|t| t.get("typo-gate"));
        match tool {
            Some(value) => value.get_ref().as_table().ok_or_else(|| {
                fail(
                    value.span(),
                    "`tool.typo-gate` must be a table".to_string(),
                    None,
                    "not a table",
                )
            })?,
            None => &empty,
        }
    } else {
        doc.get_ref()
    };

    let mut config = Config::default();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "exclude" => {
                config.exclude = Some(globs(&strings(value, name, &fail)?, &fail)?);
            }
            "allow" => {
                let allow = sub_table(value, name, &fail)?;
                for (key, value) in allow.iter() {
                    let sub = key.get_ref().as_ref();
                    match sub {
                        "words" => {
                            config.allow_words.extend(
                                strings(value, "allow.words", &fail)?
                                    .into_iter()
                                    .map(|(w, _)| w),
                            );
                        }
                        "paths" => {
                            config.allow_paths =
                                Some(globs(&strings(value, "allow.paths", &fail)?, &fail)?);
                        }
                        _ => return Err(unknown(key, "allow", ALLOW_KEYS, &fail)),
                    }
                }
            }
            "severity" => {
                for (rule, level) in sub_table(value, name, &fail)?.iter() {
                    let id = rule.get_ref().as_ref();
                    if id != TESTS && crate::check::rule(id).is_none() {
                        let mut ids: Vec<&str> = crate::check::RULES.iter().map(|r| r.id).collect();
                        ids.push(TESTS);
                        return Err(fail(
                            rule.span(),
                            format!("unknown rule `{id}` in [severity]"),
                            Some(did_you_mean(id, &ids, "`typo-gate rules` lists every rule")),
                            "unknown rule",
                        ));
                    }
                    let word = level.get_ref().as_str().unwrap_or_default();
                    let parsed = match word {
                        "error" => Level::Error,
                        "warning" => Level::Warning,
                        "off" => Level::Off,
                        _ => {
                            return Err(fail(
                                level.span(),
                                format!(
                                "the severity of `{id}` must be \"error\", \"warning\" or \"off\""
                            ),
                                Some(did_you_mean(
                                    word,
                                    LEVELS,
                                    "use \"error\", \"warning\" or \"off\"",
                                )),
                                "not a severity",
                            ))
                        }
                    };
                    if id == TESTS {
                        config.tests = Some(parsed);
                    } else {
                        config.severity.insert(id.to_string(), parsed);
                    }
                }
            }
            "vocabulary" => {
                for (entry, span) in strings(value, name, &fail)? {
                    let path = base.join(&entry);
                    let words = std::fs::read_to_string(&path).map_err(|e| {
                        fail(
                            span,
                            format!("cannot read the vocabulary file `{entry}`: {e}"),
                            Some("the path is relative to the configuration file".to_string()),
                            "this file",
                        )
                    })?;
                    config.known_words.extend(
                        words
                            .lines()
                            .map(|l| l.split('#').next().unwrap_or("").trim())
                            .filter(|w| !w.is_empty())
                            .map(str::to_string),
                    );
                }
            }
            "paths" => {
                for (deploy, folder) in sub_table(value, name, &fail)?.iter() {
                    let prefix = deploy.get_ref().as_ref();
                    if !prefix.starts_with('/') {
                        return Err(fail(
                            deploy.span(),
                            format!("`{prefix}` in [paths] is not an absolute path"),
                            Some(
                                "map an absolute deploy folder onto a repository folder: \"/var/www/html\" = \"public\""
                                    .to_string(),
                            ),
                            "not absolute",
                        ));
                    }
                    let Some(folder_name) = folder.get_ref().as_str() else {
                        return Err(type_error(
                            folder,
                            &format!("paths.\"{prefix}\""),
                            "a string",
                            &fail,
                        ));
                    };
                    let folder_name = folder_name.trim_start_matches("./");
                    if !base.join(folder_name).is_dir() {
                        return Err(fail(
                            folder.span(),
                            format!("`{folder_name}` is not a folder of the repository"),
                            Some("the folder is relative to the configuration file".to_string()),
                            "no such folder",
                        ));
                    }
                    config
                        .mounts
                        .push((prefix.to_string(), folder_name.to_string()));
                }
            }
            "formats" => {
                for (id, patterns) in sub_table(value, name, &fail)?.iter() {
                    let id_text = id.get_ref().as_ref();
                    let Some(language) = Language::by_id(id_text) else {
                        let ids: Vec<&str> = LANGUAGES.iter().map(|l| l.id).collect();
                        return Err(fail(
                            id.span(),
                            format!("unknown format `{id_text}` in [formats]"),
                            Some(did_you_mean(
                                id_text,
                                &ids,
                                &format!("the formats are {}", ids.join(", ")),
                            )),
                            "unknown format",
                        ));
                    };
                    let set = globs(&strings(patterns, id_text, &fail)?, &fail)?;
                    config.formats.push((set, language));
                }
            }
            "max-file-size" => {
                let size = match value.get_ref() {
                    DeValue::Integer(n) => n.as_str().replace('_', "").parse::<u64>().ok(),
                    DeValue::String(s) => crate::cli::parse_size(s).ok(),
                    _ => None,
                };
                config.max_file_size = Some(size.ok_or_else(|| {
                    fail(
                        value.span(),
                        "`max-file-size` must be a size in bytes or with a unit".to_string(),
                        Some("examples: 2097152, \"512K\", \"2M\"".to_string()),
                        "not a size",
                    )
                })?);
            }
            _ => return Err(unknown(key, "", KEYS, &fail)),
        }
    }
    Ok(config)
}

type Fail<'a> = dyn Fn(Range<usize>, String, Option<String>, &str) -> Error + 'a;

fn unknown(key: &Spanned<std::borrow::Cow<str>>, table: &str, keys: &[&str], fail: &Fail) -> Error {
    let name = key.get_ref().as_ref();
    let place = if table.is_empty() {
        String::new()
    } else {
        format!(" in [{table}]")
    };
    fail(
        key.span(),
        format!("unknown key `{name}`{place}"),
        Some(did_you_mean(
            name,
            keys,
            &format!("the keys are {}", keys.join(", ")),
        )),
        "unknown key",
    )
}

/// `did you mean `x`?` for the nearest of `options`, else `otherwise`.
fn did_you_mean(word: &str, options: &[&str], otherwise: &str) -> String {
    let budget = (word.chars().count() / 3).max(2);
    if let Some(longer) = options
        .iter()
        .find(|o| word.len() >= 3 && o.starts_with(word))
    {
        return format!("did you mean `{longer}`?");
    }
    options
        .iter()
        .map(|o| (crate::vocab::distance(word, o), *o))
        .filter(|(d, _)| *d <= budget)
        .min()
        .map_or_else(
            || otherwise.to_string(),
            |(_, o)| format!("did you mean `{o}`?"),
        )
}

fn type_error(value: &Spanned<DeValue>, key: &str, wanted: &str, fail: &Fail) -> Error {
    fail(
        value.span(),
        format!(
            "`{key}` must be {wanted}, not {}",
            value.get_ref().type_str()
        ),
        None,
        "wrong type",
    )
}

fn sub_table<'v, 'i>(
    value: &'v Spanned<DeValue<'i>>,
    key: &str,
    fail: &Fail,
) -> Result<&'v DeTable<'i>> {
    value
        .get_ref()
        .as_table()
        .ok_or_else(|| type_error(value, key, "a table", fail))
}

fn strings(
    value: &Spanned<DeValue>,
    key: &str,
    fail: &Fail,
) -> Result<Vec<(String, Range<usize>)>> {
    let Some(array) = value.get_ref().as_array() else {
        return Err(type_error(value, key, "an array of strings", fail));
    };
    array
        .iter()
        .map(|item| match item.get_ref().as_str() {
            Some(s) => Ok((s.to_string(), item.span())),
            None => Err(type_error(item, key, "an array of strings", fail)),
        })
        .collect()
}

/// Gitignore-like globs: a pattern without `/` matches at any depth, and a folder's
/// pattern matches everything under it.
fn globs(patterns: &[(String, Range<usize>)], fail: &Fail) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for (pattern, span) in patterns {
        let trimmed = pattern.trim_end_matches('/');
        let anchored = match trimmed.strip_prefix('/') {
            Some(rest) => rest.to_string(),
            None if trimmed.contains('/') => trimmed.to_string(),
            None => format!("**/{trimmed}"),
        };
        for form in [anchored.clone(), format!("{anchored}/**")] {
            let glob = globset::GlobBuilder::new(&form)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    fail(
                        span.clone(),
                        format!("`{pattern}` is not a valid glob: {}", e.kind()),
                        None,
                        "this glob",
                    )
                })?;
            builder.add(glob);
        }
    }
    builder.build().map_err(|e| {
        fail(
            0..0,
            format!("the globs cannot be compiled: {e}"),
            None,
            "here",
        )
    })
}

/// The commented starter file `typo-gate init` writes.
pub const STARTER: &str = r#"# typo-gate configuration. Every key is optional; `typo-gate explain RULE` documents a rule.

# Files and folders never read (globs relative to this file; `vendor` matches at any depth).
exclude = ["vendor/", "node_modules/"]

# Word lists (one word a line, `#` comments) whose words are known deploy words and names.
vocabulary = []

# Skip files larger than this: bytes, or with a unit (512K, 2M, 1G).
max-file-size = "2M"

# Per rule: "error" blocks the deploy, "warning" reports without blocking, "off" silences.
# `tests` is for every finding in test code (test folders and test files): they warn unless
# it says "error" (block like deploy code) or "off" (not reported); `typo-gate explain tests`.
[severity]
# word-typo = "warning"
# tests = "warning"

# Never reported: findings about these words, and findings in files matching these globs.
[allow]
words = []
paths = []

# Where the repository's folders are deployed: absolute deploy path = repository folder.
[paths]
# "/var/www/html" = "public"

# Extra globs per format, for files whose names the tool does not recognise.
[formats]
# nginx = ["deploy/*.conf.tpl"]
"#;

/// `typo-gate init`: writes the starter file into `folder`.
pub fn init(folder: &Path, force: bool) -> Result<PathBuf> {
    let path = folder.join("typo-gate.toml");
    if path.exists() && !force {
        return Err(Error::Exists(path));
    }
    std::fs::write(&path, STARTER).map_err(|source| Error::Unwritable {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_file_parses() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("public")).unwrap();
        let config = parse(Path::new("typo-gate.toml"), STARTER, dir.path()).unwrap();
        assert!(config.excludes("vendor/autoload.php"));
        assert!(config.excludes("lib/node_modules/x/index.js"));
        assert!(!config.excludes("src/vendor.php"));
        assert_eq!(config.max_file_size, Some(2 << 20));
    }
}
