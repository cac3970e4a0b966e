//! The table of languages. Adding a language is one row here, one query file and one
//! `lower` function that turns its expression nodes into [`Expr`].
mod php;
mod python;

use std::path::Path;
use std::sync::OnceLock;

use tree_sitter::{Node, Query};

use crate::expr::{Expr, Lit};
use crate::finding::{Position, Span};

pub struct Language {
    /// The name users see and write in configuration.
    pub id: &'static str,
    /// File name endings, without the dot.
    pub extensions: &'static [&'static str],
    /// Interpreter names looked for on a `#!` line.
    pub shebangs: &'static [&'static str],
    grammar: tree_sitter_language::LanguageFn,
    query: &'static str,
    /// Turns an expression node into the language-neutral expression picture.
    lower: fn(Node, &Lowering) -> Expr,
    /// Turns the node captured as `@def.name` into the constant's name and where it stands.
    definition_name: fn(Node, &Lowering) -> Option<(String, Span)>,
    /// Node kinds of identifiers: upper-case ones are counted as constant reads.
    pub identifier_kinds: &'static [&'static str],
    /// Parents under which an identifier names something other than a constant.
    pub not_constant_parents: &'static [&'static str],
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

pub static LANGUAGES: &[Language] = &[python::LANGUAGE, php::LANGUAGE];

/// What a query capture means to the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    String,
    Prose,
    Path,
    Concat,
    DefinitionName,
    DefinitionValue,
    Directive,
    Comment,
}

impl Role {
    fn from_capture(name: &str) -> Option<Role> {
        Some(match name {
            "string" => Role::String,
            "prose" => Role::Prose,
            "path" => Role::Path,
            "concat" => Role::Concat,
            "def.name" => Role::DefinitionName,
            "def.value" => Role::DefinitionValue,
            "comment" => Role::Comment,
            "directive" => Role::Directive,
            _ => return None,
        })
    }
}

/// A language's grammar and query, compiled once per run.
pub struct Compiled {
    pub grammar: tree_sitter::Language,
    pub query: Query,
    /// The role of each capture index; `None` for helper captures such as `@_fn`.
    pub roles: Vec<Option<Role>>,
}

impl Language {
    pub fn compiled(&'static self) -> &'static Compiled {
        static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
        let all = COMPILED.get_or_init(|| LANGUAGES.iter().map(Language::compile).collect());
        &all[self.index()]
    }

    pub fn index(&'static self) -> usize {
        LANGUAGES
            .iter()
            .position(|l| std::ptr::eq(l, self))
            .expect("a language of the table")
    }

    fn compile(&self) -> Compiled {
        let grammar: tree_sitter::Language = self.grammar.into();
        let query = Query::new(&grammar, self.query)
            .unwrap_or_else(|e| panic!("the {} query does not compile: {e}", self.id));
        let roles = query
            .capture_names()
            .iter()
            .map(|name| Role::from_capture(name))
            .collect();
        Compiled {
            grammar,
            query,
            roles,
        }
    }

    pub fn lower(&self, node: Node, ctx: &Lowering) -> Expr {
        (self.lower)(node, ctx)
    }

    pub fn definition_name(&self, node: Node, ctx: &Lowering) -> Option<(String, Span)> {
        (self.definition_name)(node, ctx)
    }

    pub fn by_id(id: &str) -> Option<&'static Language> {
        LANGUAGES.iter().find(|l| l.id == id)
    }
}

/// Detection order: file name ending, then the `#!` line.
pub fn detect(path: &Path, first_line: &str) -> Option<&'static Language> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !ext.is_empty() {
        if let Some(lang) = LANGUAGES
            .iter()
            .find(|l| l.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
        {
            return Some(lang);
        }
    }
    let interpreter = first_line.strip_prefix("#!")?;
    let mut words = interpreter.split_whitespace();
    let mut program = words.next()?.rsplit('/').next()?;
    if program == "env" {
        program = words.find(|w| !w.starts_with('-'))?;
    }
    LANGUAGES.iter().find(|l| {
        l.shebangs.iter().any(|s| {
            program == *s
                || program
                    .strip_prefix(s)
                    .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
        })
    })
}

/// Lowering state for one file: its text, its index in the run and its line table.
pub struct Lowering<'a> {
    pub source: &'a str,
    pub file: usize,
    lines: LineIndex,
}

impl<'a> Lowering<'a> {
    pub fn new(source: &'a str, file: usize) -> Self {
        Lowering {
            source,
            file,
            lines: LineIndex::new(source),
        }
    }

    pub fn text(&self, node: Node) -> &'a str {
        &self.source[node.byte_range()]
    }

    pub fn node_span(&self, node: Node) -> Span {
        self.span(node.start_byte(), node.end_byte())
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.lines.position(self.source, start),
            end: self.lines.position(self.source, end),
            bytes: Some((start, end)),
        }
    }

    /// A literal whose content occupies `start..end` in the source.
    pub fn literal(&self, start: usize, end: usize, text: String) -> Expr {
        let exact = self.source.get(start..end) == Some(text.as_str());
        Expr::Lit(std::sync::Arc::new(Lit {
            text,
            file: self.file,
            span: self.span(start, end),
            exact,
        }))
    }
}

/// Byte offsets of line starts, for turning offsets into line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(source));
        LineIndex { starts }
    }

    pub fn position(&self, source: &str, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = source
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

fn memchr_newlines(source: &str) -> impl Iterator<Item = usize> + '_ {
    source
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Decodes the common backslash escapes shared by Python and PHP double-quoted strings.
/// Anything it does not know is kept as written.
pub fn decode_escapes(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('$') => out.push('$'),
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                push_code_point(&mut out, &hex, "\\u{", "}");
            }
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                push_code_point(&mut out, &hex, "\\u", "");
            }
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                push_code_point(&mut out, &hex, "\\x", "");
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn push_code_point(out: &mut String, hex: &str, prefix: &str, suffix: &str) {
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(c) => out.push(c),
        None => {
            out.push_str(prefix);
            out.push_str(hex);
            out.push_str(suffix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles() {
        for lang in LANGUAGES {
            let compiled = lang.compiled();
            assert!(
                compiled.roles.contains(&Some(Role::String)),
                "{} captures no @string",
                lang.id
            );
        }
    }

    #[test]
    fn detection_by_extension_then_shebang() {
        assert_eq!(
            detect(Path::new("a/settings.py"), "").map(|l| l.id),
            Some("python")
        );
        assert_eq!(
            detect(Path::new("wp-settings.php"), "").map(|l| l.id),
            Some("php")
        );
        assert_eq!(
            detect(Path::new("bin/manage"), "#!/usr/bin/env python3").map(|l| l.id),
            Some("python")
        );
        assert_eq!(
            detect(Path::new("bin/run"), "#!/usr/bin/php8.2 -q").map(|l| l.id),
            Some("php")
        );
        assert_eq!(detect(Path::new("README"), "#!/bin/sh").map(|l| l.id), None);
    }

    #[test]
    fn positions_count_characters() {
        let source = "ab\nçé'x'";
        let lines = LineIndex::new(source);
        let offset = source.find('x').unwrap();
        assert_eq!(
            lines.position(source, offset),
            Position { line: 2, column: 4 }
        );
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(decode_escapes(r"a\tb\u00a0\x41\q"), "a\tb\u{a0}A\\q");
    }
}
