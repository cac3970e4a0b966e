//! The checks. Each rule lives in its own file and receives what it needs: the evaluated
//! candidate, the vocabularies and the file index. It returns findings.
mod address;
mod constant;
mod extension;
mod ini;
mod key;
mod module;
mod module_file;
mod path;
pub mod resolve;
mod setting;
mod value;
mod whitespace;
mod word;

use std::collections::HashSet;
use std::sync::Arc;

use crate::expr::{Expr, Lit, Scope, Symbols, Value};
use crate::extract::{CandidateKind, FileFacts};
use crate::finding::{Finding, Severity, Span};
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
    key::check_against_the_repository(facts, &mut out);
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
        if let Some(existing) = self
            .findings
            .iter_mut()
            .find(|f| &f.path == path && f.span.bytes == lit.span.bytes)
        {
            if rank(existing.rule) <= rank(rule.id) {
                return;
            }
            self.findings
                .retain(|f| !(&f.path == path && f.span.bytes == lit.span.bytes));
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
        let (suggestion, alternatives) = match (lit.exact, variants.len()) {
            (false, _) | (_, 0) => (None, Vec::new()),
            (true, 1) => (variants.pop(), Vec::new()),
            (true, _) => (None, variants),
        };
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            path: path.clone(),
            span: lit.span.clone(),
            found: lit.text.clone(),
            suggestion,
            alternatives,
            message,
        });
    }

    fn into_inner(self) -> Vec<Finding> {
        self.findings
    }
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
