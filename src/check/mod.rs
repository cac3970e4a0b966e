//! The checks. Each rule lives in its own file and receives what it needs: the evaluated
//! candidate, the vocabularies and the file index. It returns findings.
mod address;
mod constant;
mod extension;
mod ini;
mod key;
pub(crate) mod lone;
mod module;
mod module_file;
mod path;
pub mod resolve;
mod setting;
pub(crate) mod value;
mod whitespace;
mod word;

use std::collections::HashSet;
use std::sync::Arc;

use crate::expr::{Expr, Lit, Scope, Symbols, Value};
use crate::extract::{CandidateKind, FileFacts};
use crate::finding::{Finding, Literal, Severity, Span};
use crate::fsindex::FsIndex;
use crate::repo::Repository;
use crate::vocab::Vocabularies;
use resolve::{resolve, Resolved, Shape};

/// A rule: its name, its default severity and its documentation.
pub struct Rule {
    pub id: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    /// Markdown in fixed sections: what it catches, why it matters, example, how to silence it.
    pub docs: &'static str,
}

/// Every rule, in the order a literal's findings are preferred when several fire on it.
pub static RULES: &[Rule] = &[
    whitespace::RULE,
    extension::RULE,
    path::RULE,
    word::RULE,
    address::RULE,
    setting::RULE,
    module::RULE,
    constant::RULE,
    ini::RULE,
    key::RULE,
    value::RULE,
    crate::suppress::RULE,
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What every check may consult, shared by all files of one root.
pub struct Context<'a> {
    pub index: &'a FsIndex,
    pub vocab: &'a Vocabularies,
    pub symbols: &'a Symbols,
    pub repo: &'a Repository,
    /// Root-relative paths of the run's files, by file number.
    pub paths: &'a [String],
}

/// Runs every check over one file's candidates.
pub fn check_file(file: usize, facts: &FileFacts, ctx: &Context) -> Vec<Finding> {
    let file_path = ctx.paths[file].as_str();
    let file_dir = file_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let scope = Scope {
        file,
        file_path,
        symbols: ctx.symbols,
    };
    let mut out = Findings::new(ctx);
    let mut covered = HashSet::new();
    let language = facts.language.map_or("", |l| l.id);
    if ctx.repo.is_settings_module(file) {
        setting::check(file, facts, &mut out);
        module::check_settings(facts, &mut out);
    }
    match language {
        "python" => module::check_python_strings(facts, &mut out),
        "php" => constant::check(file, facts, &mut out),
        _ => {}
    }
    for candidate in facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Directive)
    {
        if let Expr::Lit(lit) = &candidate.expr {
            ini::check(lit, &mut out);
        }
    }
    key::check(file_path, facts, &mut out);
    key::check_against_the_schema(file_path, facts, &mut out);
    key::check_against_the_repository(file_path, facts, &mut out);
    value::check(facts, &mut out);
    value::check_against_the_schema(file_path, facts, &mut out);
    value::check_against_the_repository(file_path, facts, &mut out);
    for candidate in facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Address)
    {
        if let Expr::Lit(lit) = &candidate.expr {
            address::check_address(lit, &mut out);
        }
    }
    // Before the general path checks: what the directive itself knows comes first.
    for candidate in facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::ModuleFile)
    {
        module_file::check(&candidate.expr, &mut out);
    }
    for candidate in facts
        .candidates
        .iter()
        .filter(|c| matches!(c.kind, CandidateKind::Path | CandidateKind::Concat))
    {
        let value = scope.evaluate(&candidate.expr);
        covered.extend(candidate.expr.literals().iter().map(|l| l.span.bytes));
        let shape = if candidate.kind == CandidateKind::Path || value.anchored {
            Some(Shape::Certain)
        } else {
            plain_shape(&value.text, ctx.vocab).map(|shape| match shape {
                Shape::Guessed if candidate.expr.mentions_separator() => Shape::FileLike,
                shape => shape,
            })
        };
        if let Some(shape) = shape.filter(|_| !value.text.contains("://")) {
            check_path(&resolve(&value, file_dir, ctx.index, shape), &mut out);
        }
        // A piece padded where no separator belongs, whether or not the whole resolves
        // (`file( $this->getLuaLibDir() . ' /mw.lua' )`).
        whitespace::check_pieces(&value, &mut out);
    }
    for candidate in facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::String)
    {
        for lit in candidate.expr.literals() {
            address::check(lit, &mut out);
        }
        let Expr::Lit(lit) = &candidate.expr else {
            continue;
        };
        if covered.contains(&lit.span.bytes) {
            continue;
        }
        if let Some(shape) = plain_shape(&lit.text, ctx.vocab) {
            let value = Value::literal(lit);
            check_path(&resolve(&value, file_dir, ctx.index, shape), &mut out);
        }
    }
    out.into_inner()
}

fn check_path(resolved: &Resolved, out: &mut Findings) {
    whitespace::check(resolved, out);
    extension::check(resolved, out);
    path::check(resolved, out);
    word::check(resolved, out);
}

/// Top folders of absolute deploy paths: `/var/www/…` names a file, `/accounts/login/` a URL.
const SYSTEM_ROOTS: &[&str] = &[
    "app", "data", "etc", "home", "mnt", "opt", "root", "run", "srv", "tmp", "usr", "var", "www",
];

/// `/etc/…`, `/var/www/…`: an absolute path under a folder deploys write to.
pub fn is_system_path(text: &str) -> bool {
    let first = text.trim_start_matches('/').split('/').next().unwrap_or("");
    text.starts_with('/') && SYSTEM_ROOTS.contains(&first)
}

/// Whether a plain string (or a concatenation not anchored in the repository) is written
/// like a path: no inner white space, no markup or pattern characters, and a folder
/// separator or a file extension.
fn plain_shape(text: &str, vocab: &Vocabularies) -> Option<Shape> {
    // White space where a name begins or ends is what path-whitespace looks for; it does
    // not make the string prose.
    let trimmed: String = text
        .split('/')
        .map(|part| {
            part.split(crate::expr::UNKNOWN)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(&crate::expr::UNKNOWN.to_string())
        })
        .collect::<Vec<_>>()
        .join("/");
    let text = trimmed.as_str();
    if text.is_empty() || text.len() > 200 || text.contains(char::is_whitespace) {
        return None;
    }
    const NOT_IN_PATHS: &[char] = &[
        '<', '>', '"', '\'', '`', '(', ')', ',', ';', '=', '&', '#', '^', '\\', '|', ':', '!', '+',
        '@', '*', '?', '{', '}', '$', '%', '[', ']',
    ];
    // `@email/notification/body.txt.twig`: a template namespace, then a path.
    let text = text
        .strip_prefix('@')
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()) && t.contains('/'))
        .unwrap_or(text);
    if text.contains(NOT_IN_PATHS) || text.contains("//") {
        return None;
    }
    const MEDIA_TYPES: &[&str] = &[
        "application/",
        "audio/",
        "font/",
        "image/",
        "message/",
        "model/",
        "multipart/",
        "text/",
        "video/",
    ];
    if MEDIA_TYPES.iter().any(|m| text.starts_with(m)) {
        return None;
    }
    let last = text.rsplit('/').next().unwrap_or(text);
    let extension = last
        .rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map(|(_, e)| e);
    let known_extension =
        extension.is_some_and(|e| vocab.extensions.contains(&e.to_ascii_lowercase()));
    let rooted = is_system_path(text);
    let relative = text.starts_with("./") || text.starts_with("../") || text.starts_with("~/");
    // `includes/`, `templates/admin/`: a relative folder, written as one.
    let folder = text.ends_with('/') && !text.starts_with('/') && text.len() > 1;
    if rooted
        || relative
        || folder
        || known_extension
        || extension.is_some_and(|e| near_deploy_extension(e, vocab))
    {
        Some(Shape::FileLike)
    } else if text.contains('/') && text.chars().any(|c| c.is_ascii_alphabetic()) {
        Some(Shape::Guessed)
    } else {
        None
    }
}

/// An extension one edit from a deploy extension (`phpp`, `ymal`, `jx`): worth a look.
fn near_deploy_extension(extension: &str, vocab: &Vocabularies) -> bool {
    if extension.len() == 2 {
        return !short_extension_slips(extension, vocab).is_empty();
    }
    extension.len() >= 3
        && extension.chars().all(|c| c.is_ascii_lowercase())
        && !vocab.english.contains(extension)
        && !vocab
            .deploy_extensions
            .nearest(extension, 1, &vocab.pairs)
            .is_empty()
}

/// The two-letter deploy extensions (`js`, `py`, `so`) a neighbouring key or a swap turns
/// into `extension`, when that is no extension of its own.
pub fn short_extension_slips<'v>(extension: &str, vocab: &'v Vocabularies) -> Vec<&'v str> {
    if extension.len() != 2
        || !extension.chars().all(|c| c.is_ascii_lowercase())
        || vocab.extensions.contains(extension)
        || vocab.english.contains(extension)
        || vocab.not_extensions.contains(extension)
    {
        return Vec::new();
    }
    vocab
        .deploy_extensions
        .entries()
        .iter()
        .map(String::as_str)
        .filter(|known| crate::vocab::is_short_slip(extension, known))
        .collect()
}

/// Words written once in one file's keys, values and strings (see [`lone`]), still to be
/// held to the whole text of the repository by [`lone::confirm`].
pub fn check_lone_words(file: usize, facts: &FileFacts, ctx: &Context) -> Vec<lone::Lone> {
    lone::check(&ctx.paths[file], facts, &Findings::new(ctx))
}

/// The findings of the words written once that [`lone::confirm`] kept, leaving out those
/// on a token another finding is about already.
pub fn report_lone_words(
    found: Vec<lone::Lone>,
    others: &[Finding],
    ctx: &Context,
) -> Vec<Finding> {
    let taken: HashSet<(&str, Option<(usize, usize)>)> = others
        .iter()
        .map(|f| (f.path.as_str(), f.literal.span.bytes))
        .collect();
    let mut out = Findings::new(ctx);
    lone::report(found, &mut out);
    let mut findings = out.into_inner();
    findings.retain(|f| !taken.contains(&(f.path.as_str(), f.literal.span.bytes)));
    findings
}

/// Collects findings and keeps one per literal: the first rule in [`RULES`] order wins.
pub struct Findings<'a> {
    ctx: &'a Context<'a>,
    findings: Vec<Finding>,
}

impl<'a> Findings<'a> {
    fn new(ctx: &'a Context<'a>) -> Self {
        Findings {
            ctx,
            findings: Vec::new(),
        }
    }

    pub fn vocab(&self) -> &'a Vocabularies {
        self.ctx.vocab
    }

    pub fn index(&self) -> &'a FsIndex {
        self.ctx.index
    }

    pub fn repo(&self) -> &'a Repository {
        self.ctx.repo
    }

    /// Reports a name written outside a string (`STATC_ROOT = ...`), as a whole token.
    pub fn on_name(
        &mut self,
        rule: &'static Rule,
        file: usize,
        name: &str,
        span: &Span,
        replacements: &[String],
        message: String,
    ) {
        let lit = Lit {
            text: name.to_string(),
            file,
            span: span.clone(),
            exact: true,
        };
        self.on_literal(rule, &lit, 0..name.len(), replacements, message);
    }

    /// Reports `lit`, proposing to replace its bytes `range` with each of `replacements`.
    /// The finding spans only the characters that differ from the replacements, widened
    /// to whole words (see [`wrong_part`]).
    pub fn on_literal(
        &mut self,
        rule: &'static Rule,
        lit: &Lit,
        range: std::ops::Range<usize>,
        replacements: &[String],
        message: String,
    ) {
        let rank = |id: &str| RULES.iter().position(|r| r.id == id);
        let path = &self.ctx.paths[lit.file];
        let same_token = |f: &Finding| &f.path == path && f.literal.span.bytes == lit.span.bytes;
        if let Some(existing) = self.findings.iter().find(|f| same_token(f)) {
            if rank(existing.rule) <= rank(rule.id) {
                return;
            }
            self.findings.retain(|f| !same_token(f));
        }
        let mut variants: Vec<String> = replacements
            .iter()
            .map(|r| {
                format!(
                    "{}{}{}",
                    &lit.text[..range.start],
                    r,
                    &lit.text[range.end..]
                )
            })
            .collect();
        variants.dedup();
        // Only a literal written as it reads can be cut: its offsets are the file's.
        let found_at = if lit.exact && lit.span.bytes.is_some() {
            let dotted = rule.id == extension::RULE.id || rule.id == path::RULE.id;
            wrong_part(&lit.text, range, &variants, dotted)
        } else {
            0..lit.text.len()
        };
        // Each variant keeps the literal's text before and after the wrong part.
        let suffix = lit.text.len() - found_at.end;
        let cut = |v: String| v[found_at.start..v.len() - suffix].to_string();
        let (suggestion, alternatives) = match (lit.exact, variants.len()) {
            (false, _) | (_, 0) => (None, Vec::new()),
            (true, 1) => (variants.pop().map(cut), Vec::new()),
            (true, _) => (None, variants.into_iter().map(cut).collect()),
        };
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            path: path.clone(),
            span: lit.span.part(&lit.text, found_at.clone()),
            found: lit.text[found_at.clone()].to_string(),
            suggestion,
            alternatives,
            literal: Literal {
                text: lit.text.clone(),
                span: lit.span.clone(),
                found_at,
            },
            message,
        });
    }

    fn into_inner(self) -> Vec<Finding> {
        self.findings
    }
}

/// The part of `text` a finding is about: the bytes where `text` and the `variants` (each
/// `text` with the check's `range` replaced) differ, widened to the words they fall in, so
/// `localhsot` is shown whole rather than `hs`. Word parts end at characters that are not
/// letters or digits and where a lower-case letter meets a capital (`Nmae` in `userNmae`).
/// With no variants, the check's `range`, widened alike. With `dotted`, an extension is
/// shown with its dot (`.phpp`).
pub fn wrong_part(
    text: &str,
    range: std::ops::Range<usize>,
    variants: &[String],
    dotted: bool,
) -> std::ops::Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    if !variants.is_empty() {
        start = usize::MAX;
        let mut suffix = usize::MAX;
        for variant in variants {
            let prefix = common_len(text.chars(), variant.chars());
            let room = text.len().min(variant.len()) - prefix;
            suffix = suffix.min(common_len(text.chars().rev(), variant.chars().rev()).min(room));
            start = start.min(prefix);
        }
        end = text.len() - suffix;
    }
    let before = |at: usize| text[..at].chars().next_back();
    let after = |at: usize| text[at..].chars().next();
    let joined = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => {
            a.is_alphanumeric() && b.is_alphanumeric() && !(a.is_lowercase() && b.is_uppercase())
        }
        _ => false,
    };
    let extend_back = |mut at: usize| {
        while joined(before(at), after(at)) {
            at -= before(at).map_or(0, char::len_utf8);
        }
        at
    };
    let extend_forward = |mut at: usize| {
        while joined(before(at), after(at)) {
            at += after(at).map_or(0, char::len_utf8);
        }
        at
    };
    start = extend_back(start);
    end = extend_forward(end);
    // Characters to delete (a trailing space): show them with the name they pad, so the
    // replacement is that name, never nothing (`index.py ` for `index.py`).
    let deletion = start < end
        && !variants.is_empty()
        && variants
            .iter()
            .all(|v| v.len() + (end - start) == text.len() && v.get(..start) == text.get(..start));
    if deletion {
        let name = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "._-".contains(c));
        if name(before(start)) || before(start) == Some('/') {
            if before(start) == Some('/') {
                start -= 1; // A folder's trailing slash: `_vendor/ `.
            }
            while name(before(start)) {
                start -= before(start).map_or(0, char::len_utf8);
            }
        } else {
            while name(after(end)) || after(end) == Some('/') {
                end += after(end).map_or(0, char::len_utf8);
            }
        }
    }
    if start == end {
        // Something is missing between two words or at an end: show the word beside it.
        let step_back = |at: usize| at - before(at).map_or(0, char::len_utf8);
        let step_forward = |at: usize| at + after(at).map_or(0, char::len_utf8);
        let mark = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        if before(start).is_some_and(char::is_alphanumeric) || after(end).is_none() {
            start = extend_back(step_back(start));
        } else if mark(before(start)) {
            // A mark is missing after marks (`https:/` for `https://`): show them with the
            // word they follow.
            while mark(before(start)) {
                start = step_back(start);
            }
            if before(start).is_some_and(char::is_alphanumeric) {
                start = extend_back(step_back(start));
            }
        } else {
            end = extend_forward(step_forward(end));
        }
    }
    let component_ends = matches!(after(end), None | Some('/'));
    let word = after(start).is_some_and(char::is_alphanumeric);
    if dotted && component_ends && word && before(start) == Some('.') {
        start -= 1;
    }
    start..end
}

/// How many bytes two character sequences share at their beginning.
fn common_len(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// The literal holding a component of a value, and the component's range inside it.
pub fn literal_of<'v>(
    value: &'v Value,
    range: &std::ops::Range<usize>,
) -> Option<(&'v Arc<Lit>, std::ops::Range<usize>)> {
    let (lit, offset) = value.literal_at(range)?;
    Some((lit, offset..offset + range.len()))
}

/// How many edits a name may be away from a known one. A hand makes one slip at a time;
/// allowing two turns real neighbours (`edit-page-form` / `edit-tag-form`) into typos.
pub fn edit_budget(name: &str) -> usize {
    match name.chars().count() {
        0..=3 => 0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wrong part of `text` against `variants` (whole literals), as text.
    fn part<'t>(text: &'t str, range: std::ops::Range<usize>, variants: &[&str]) -> &'t str {
        let variants: Vec<String> = variants.iter().map(|v| v.to_string()).collect();
        &text[wrong_part(text, range, &variants, true)]
    }

    #[test]
    fn the_wrong_part_is_the_differing_words() {
        let url = "redis://localhsot:6379/1";
        assert_eq!(part(url, 8..17, &["redis://localhost:6379/1"]), "localhsot");
        assert_eq!(part("index.phpp", 6..10, &["index.php"]), ".phpp");
        assert_eq!(part("layuot.php", 0..10, &["layout.php"]), "layuot");
        assert_eq!(part("localhost:300", 10..13, &["localhost:3000"]), "300");
        assert_eq!(part("ALLOWED_HOST", 0..12, &["ALLOWED_HOSTS"]), "HOST");
        assert_eq!(part("userNmae", 0..8, &["userName"]), "Nmae");
        assert_eq!(part("localhst", 0..8, &["localhost"]), "localhst");
        assert_eq!(part("app.lgo.1", 0..9, &["app.log.1"]), "lgo");
        assert_eq!(part("https:/x.org", 0..12, &["https://x.org"]), "https:/");
    }

    #[test]
    fn white_space_is_shown_with_the_name_it_pads() {
        assert_eq!(part("index.php  ", 0..11, &["index.php"]), "index.php  ");
        assert_eq!(
            part("/var/www/index.py ", 0..18, &["/var/www/index.py"]),
            "index.py "
        );
        assert_eq!(part(" /mw.lua", 0..8, &["/mw.lua"]), " /mw.lua");
        assert_eq!(part("a /b", 0..4, &["a/b"]), "a ");
        assert_eq!(part("src/_vendor/ ", 0..13, &["src/_vendor/"]), "_vendor/ ");
    }

    #[test]
    fn alternatives_share_one_wrong_part() {
        assert_eq!(part("x.jx", 2..4, &["x.js", "x.jsx"]), ".jx");
        assert_eq!(part("héllo wrold", 7..12, &["héllo world"]), "wrold");
    }

    #[test]
    fn without_variants_the_range_is_widened_to_words() {
        assert_eq!(part("smtp://mial.example.com", 9..11, &[]), "mial");
        assert_eq!(part("abc", 0..3, &[]), "abc");
    }

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate rule {}", rule.id);
            for section in [
                "## What it catches",
                "## Why it matters",
                "## Example",
                "## How to silence it",
            ] {
                assert!(
                    rule.docs.contains(section),
                    "{} docs lack `{section}`",
                    rule.id
                );
            }
        }
    }
}
