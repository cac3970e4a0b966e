//! Syntax tree + query → candidates (the tokens worth checking) and definitions.
use std::cell::RefCell;
use std::collections::HashSet;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Parser, QueryCursor};

use crate::expr::Expr;
use crate::lang::{Language, Lowering, Role, LANGUAGES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    /// Certainly names a path (a require target, an `os.path.join`).
    Path,
    /// Names a path if it evaluates to one anchored in the repository (`__DIR__ . '/x'`).
    Concat,
    /// Any other string literal.
    String,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: CandidateKind,
    pub expr: Expr,
    /// Byte range of the whole expression.
    pub bytes: (usize, usize),
}

#[derive(Debug, Default)]
pub struct FileFacts {
    pub candidates: Vec<Candidate>,
    pub definitions: Vec<(String, Expr)>,
}

thread_local! {
    static PARSERS: RefCell<Vec<Option<Parser>>> = RefCell::new(LANGUAGES.iter().map(|_| None).collect());
}

/// Parses one file and pulls out its candidates and definitions.
pub fn extract(language: &'static Language, source: &str, file: usize) -> FileFacts {
    let compiled = language.compiled();
    let Some(tree) = PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers[language.index()].get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&compiled.grammar)
                .expect("grammar and tree-sitter versions match");
            parser
        });
        parser.parse(source, None)
    }) else {
        return FileFacts::default();
    };

    let ctx = Lowering::new(source, file);
    let mut facts = FileFacts::default();
    let mut prose = HashSet::new();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&compiled.query, tree.root_node(), source.as_bytes());
    while let Some(found) = matches.next() {
        let mut definition: (Option<Node>, Option<Node>) = (None, None);
        for capture in found.captures {
            let node = capture.node;
            let Some(role) = compiled.roles[capture.index as usize] else {
                continue;
            };
            let candidate = |kind| Candidate {
                kind,
                expr: language.lower(node, &ctx),
                bytes: (node.start_byte(), node.end_byte()),
            };
            match role {
                Role::String => facts.candidates.push(candidate(CandidateKind::String)),
                Role::Path => facts.candidates.push(candidate(CandidateKind::Path)),
                // Only the outermost link of a chain `a . b . c` is a candidate.
                Role::Concat if node.parent().is_some_and(|p| p.kind() == node.kind()) => {}
                Role::Concat => facts.candidates.push(candidate(CandidateKind::Concat)),
                Role::Prose => {
                    prose.insert((node.start_byte(), node.end_byte()));
                }
                Role::DefinitionName => definition.0 = Some(node),
                Role::DefinitionValue => definition.1 = Some(node),
                Role::Comment => {}
            }
        }
        if let (Some(name), Some(value)) = definition {
            if let Some(name) = language.definition_name(name, &ctx) {
                facts.definitions.push((name, language.lower(value, &ctx)));
            }
        }
    }

    // A path inside a larger path is checked as part of it; prose is never a path.
    let paths: Vec<(usize, usize)> = facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Path)
        .map(|c| c.bytes)
        .collect();
    facts.candidates.retain(|c| match c.kind {
        CandidateKind::String => !prose.contains(&c.bytes),
        CandidateKind::Path => !paths
            .iter()
            .any(|p| *p != c.bytes && p.0 <= c.bytes.0 && c.bytes.1 <= p.1),
        CandidateKind::Concat => !paths.iter().any(|p| p.0 <= c.bytes.0 && c.bytes.1 <= p.1),
    });
    facts.candidates.sort_by_key(|c| c.bytes);
    facts
        .candidates
        .dedup_by(|a, b| a.bytes == b.bytes && a.kind == b.kind);
    facts
}
