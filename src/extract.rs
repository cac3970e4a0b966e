//! Syntax tree + query → candidates (the tokens worth checking) and definitions.
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, ParseOptions, ParseState, Parser, QueryCursor, Tree};

use crate::expr::{Expr, Lit};
use crate::finding::Span;
use crate::lang::{self, Capture, Language, Lowering, Role, LANGUAGES};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateKind {
    /// Certainly names a path (a require target, an `os.path.join`).
    Path,
    /// Names a path if it evaluates to one anchored in the repository (`__DIR__ . '/x'`).
    Concat,
    /// Any other string literal.
    String,
    /// The name of a configuration directive (`ini_set('display_errors', ...)`).
    Directive,
    /// A key or directive name of a configuration format, with the id of the vocabulary
    /// it belongs to (`rules/<id>.txt`).
    Key(&'static str),
    /// A value at a position that takes the entries of a registry under `rules/<id>.txt`:
    /// a literal (`http-fields`, `media-types`, `openssl-ciphers`), or for a directive's
    /// keyword arguments (`nginx-arguments`, `apache-arguments`) a one-entry
    /// [`Expr::Dict`] from the directive's name to the argument.
    Value(&'static str),
    /// A value that is a network address: a URL, `host:port`, a host or a port.
    Address,
    /// A shared object loaded under a module name (`LoadModule ssl_module
    /// modules/mod_ssl.so`): a one-entry [`Expr::Dict`] from the name to the path.
    ModuleFile,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: CandidateKind,
    pub expr: Expr,
    /// Byte range of the whole expression.
    pub bytes: (usize, usize),
}

/// A module-level assignment (`STATIC_ROOT = ...`) or a constant (`define('X', ...)`).
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: String,
    /// Where the name is written.
    pub span: Span,
    pub value: Expr,
}

/// An upper-case identifier read by the code: a constant or a setting.
#[derive(Debug, Clone)]
pub struct Read {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct FileFacts {
    pub language: Option<&'static Language>,
    pub candidates: Vec<Candidate>,
    pub definitions: Vec<Definition>,
    pub reads: Vec<Read>,
    /// Host names the file defines: compose services, nginx upstreams.
    pub hosts: Vec<String>,
    /// The file's program goes on past what was read (a PHP archive's stub ends in
    /// `__HALT_COMPILER();` and the code it loads follows as data): what it defines may be
    /// read there.
    pub continues_unread: bool,
    /// Every key of a structured file (YAML, JSON, TOML, INI), in document order.
    pub keys: Vec<lang::DocKey>,
    /// Every scalar value of a structured file that is not a key, in document order.
    pub values: Vec<lang::DocValue>,
    /// The words of the strings no rule reads (left out as they were read, or dropped
    /// after), each with how many of those strings hold it: the names a program writes
    /// (`extension_loaded('pcntl')`) are evidence that a near key or value is another name.
    pub unread_words: Vec<(Box<str>, u32)>,
    /// The strings no other rule reads that may hold a word the repository writes once
    /// (see [`crate::check::lone`]), in no order.
    pub lone_strings: Vec<Arc<Lit>>,
}

thread_local! {
    static PARSERS: RefCell<Vec<Option<Parser>>> = RefCell::new(LANGUAGES.iter().map(|_| None).collect());
}

/// How deep a syntax tree may nest before its file is left unread: every reading of a tree
/// below this depth runs in bounded stack (the walks are iterative; lowering recurses at most
/// this deep, well within [`crate::WORKER_STACK`]). Hand-written configuration and code stay below a hundred levels; only
/// generated or hostile files go deeper.
pub const MAX_DEPTH: usize = 1000;

/// How long the parser may take on one file before it is left unread. Parsing is linear in
/// the size of a file, and a file of the largest size read parses in well under a second:
/// only a grammar's pathological case comes near this.
pub const PARSE_BUDGET: Duration = Duration::from_secs(5);

/// Why a file a language reads was left unread. The run goes on with the other files and
/// fails closed: it ends in exit 2 unless a finding already blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRead {
    /// The text nests deeper than this many levels: the syntax tree deeper than
    /// [`MAX_DEPTH`], or the text deeper than its parser can take.
    TooDeep(usize),
    /// The parser did not finish within [`PARSE_BUDGET`].
    ParseTimeout,
}

impl std::fmt::Display for NotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRead::TooDeep(limit) => write!(f, "nested more than {limit} levels deep"),
            NotRead::ParseTimeout => write!(
                f,
                "the parser did not finish within {} s",
                PARSE_BUDGET.as_secs()
            ),
        }
    }
}

/// Parses one file and pulls out its candidates and definitions; a file left unread
/// ([`NotRead`]) gives no facts.
pub fn extract(language: &'static Language, source: &str, file: usize) -> FileFacts {
    try_extract(language, source, file).unwrap_or_default()
}

/// As [`extract`], saying why a file was left unread.
pub fn try_extract(
    language: &'static Language,
    source: &str,
    file: usize,
) -> Result<FileFacts, NotRead> {
    extract_with(language, source, file, language.walk(), false)
}

/// As [`try_extract`] followed by [`FileFacts::drop_unread_strings`], passing over the
/// strings no rule reads without lowering them where their text tells.
pub fn extract_for_checks(
    language: &'static Language,
    source: &str,
    file: usize,
) -> Result<FileFacts, NotRead> {
    let mut facts = extract_with(language, source, file, language.walk(), true)?;
    facts.drop_unread_strings();
    Ok(facts)
}

/// As [`extract`], reading the tree with the language's query even where a walk stands in
/// for it: the reference the walk is held to.
#[cfg(test)]
pub fn extract_by_query(language: &'static Language, source: &str, file: usize) -> FileFacts {
    extract_with(language, source, file, None, false).unwrap_or_default()
}

fn extract_with(
    language: &'static Language,
    source: &str,
    file: usize,
    walk: Option<lang::Walk>,
    skip_unread: bool,
) -> Result<FileFacts, NotRead> {
    let mut facts = read_tree(language, source, file, walk, skip_unread)?;
    facts.continues_unread = lang::continues_unread(language, source);
    Ok(facts)
}

fn read_tree(
    language: &'static Language,
    source: &str,
    file: usize,
    walk: Option<lang::Walk>,
    skip_unread: bool,
) -> Result<FileFacts, NotRead> {
    let Some(grammar) = language.tree_sitter() else {
        let parse = language.line_parser().expect("a line parser");
        let mut facts = parse(&Lowering::new(source, file));
        facts.language = Some(language);
        return Ok(finish(facts, &HashSet::new()));
    };
    let ctx = Lowering::new(source, file);
    if let Some(mut facts) = lang::literal_table(language, &ctx, skip_unread) {
        facts.language = Some(language);
        return Ok(finish(facts, &HashSet::new()));
    }
    language.parsable(source)?;
    let tree = PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers[language.index()].get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&grammar)
                .expect("grammar and tree-sitter versions match");
            parser
        });
        parse_within_budget(parser, source)
    })?;
    if deeper_than(tree.root_node(), MAX_DEPTH) {
        return Err(NotRead::TooDeep(MAX_DEPTH));
    }

    let mut collector = Collector {
        language,
        ctx: &ctx,
        facts: FileFacts {
            language: Some(language),
            ..FileFacts::default()
        },
        prose: HashSet::new(),
        skip_unread,
        unread: StringWords::default(),
    };
    match walk {
        Some(walk) => walk(tree.root_node(), &ctx, &mut |capture| {
            collector.take(capture)
        }),
        None => {
            let compiled = language.compiled().expect("a tree-sitter language");
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(&compiled.query, tree.root_node(), source.as_bytes());
            while let Some(found) = matches.next() {
                let mut definition: (Option<Node>, Option<Node>) = (None, None);
                for capture in found.captures {
                    match compiled.roles[capture.index as usize] {
                        None => {}
                        Some(Role::DefinitionName) => definition.0 = Some(capture.node),
                        Some(Role::DefinitionValue) => definition.1 = Some(capture.node),
                        Some(role) => collector.take(Capture::Node(capture.node, role)),
                    }
                }
                if let (Some(name), Some(value)) = definition {
                    collector.take(Capture::Definition(name, value));
                }
            }
        }
    }
    let Collector {
        mut facts,
        prose,
        unread,
        ..
    } = collector;
    facts.unread_words = unread.into();
    if let Some(document) = &language.document {
        (facts.keys, facts.values) = lang::document_keys(document, tree.root_node(), &ctx);
    }
    let defined_at: HashSet<Option<(usize, usize)>> =
        facts.definitions.iter().map(|d| d.span.bytes).collect();
    facts.reads.retain(|r| !defined_at.contains(&r.span.bytes));
    facts.reads.sort_by_key(|r| r.span.bytes);
    Ok(finish(facts, &prose))
}

/// Parses a file, giving up once [`PARSE_BUDGET`] is spent.
fn parse_within_budget(parser: &mut Parser, source: &str) -> Result<Tree, NotRead> {
    let started = Instant::now();
    let bytes = source.as_bytes();
    let mut over_budget = |_: &ParseState| started.elapsed() > PARSE_BUDGET;
    let options = ParseOptions::new().progress_callback(&mut over_budget);
    let tree = parser.parse_with_options(
        &mut |at, _| bytes.get(at..).unwrap_or_default(),
        None,
        Some(options),
    );
    tree.ok_or_else(|| {
        // A cancelled parse would otherwise resume on the next file.
        parser.reset();
        NotRead::ParseTimeout
    })
}

/// Whether any node of the tree lies more than `limit` levels below `root`, found with a
/// cursor in constant stack.
fn deeper_than(root: Node, limit: usize) -> bool {
    let mut cursor = root.walk();
    let mut depth = 0;
    loop {
        if cursor.goto_first_child() {
            depth += 1;
            if depth > limit {
                return true;
            }
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return false;
            }
            depth -= 1;
        }
    }
}

/// Turns what a query or a walk captured into a file's facts.
struct Collector<'c, 's> {
    language: &'static Language,
    ctx: &'c Lowering<'s>,
    facts: FileFacts,
    /// Byte ranges of strings that are prose.
    prose: HashSet<(usize, usize)>,
    /// Pass over plain strings no rule reads.
    skip_unread: bool,
    /// The words of the strings passed over.
    unread: StringWords,
}

impl Collector<'_, '_> {
    fn take(&mut self, capture: Capture) {
        let (language, ctx) = (self.language, self.ctx);
        let (node, role) = match capture {
            Capture::Definition(name, value) => {
                if let Some((name, span)) = language.definition_name(name, ctx) {
                    self.facts.definitions.push(Definition {
                        name,
                        span,
                        value: language.lower(value, ctx),
                    });
                }
                return;
            }
            Capture::Identifier(node, parent) => {
                self.facts
                    .reads
                    .extend(constant_read(language, node, ctx, || parent));
                return;
            }
            Capture::Node(node, role) => (node, role),
        };
        if role == Role::String && self.skip_unread {
            let plain = language.plain_string(node, ctx.text(node));
            if let Some(text) = plain.filter(|text| !may_matter(text)) {
                self.unread.add(text);
                if crate::check::lone::may_hold_lone_word(text) {
                    if let Expr::Lit(lit) = language.lower(node, ctx) {
                        self.facts.lone_strings.push(lit);
                    }
                }
                return;
            }
        }
        let candidate = |kind| Candidate {
            kind,
            expr: language.lower(node, ctx),
            bytes: (node.start_byte(), node.end_byte()),
        };
        // A key written as a bare name (`$wgSitename`) or a port written as a number
        // (`'port' => 3306`) is its own text.
        let bare = |kind| Candidate {
            kind,
            expr: match language.lower(node, ctx) {
                expr @ Expr::Lit(_) => expr,
                _ => ctx.literal(
                    node.start_byte(),
                    node.end_byte(),
                    ctx.text(node).to_string(),
                ),
            },
            bytes: (node.start_byte(), node.end_byte()),
        };
        let facts = &mut self.facts;
        match role {
            Role::String => facts.candidates.push(candidate(CandidateKind::String)),
            Role::Path => facts.candidates.push(candidate(CandidateKind::Path)),
            Role::Directive => facts.candidates.push(candidate(CandidateKind::Directive)),
            Role::Key => facts
                .candidates
                .push(bare(CandidateKind::Key(language.keys.unwrap_or("")))),
            Role::KeyIn(vocabulary) => facts.candidates.push(bare(CandidateKind::Key(vocabulary))),
            Role::Address if ctx.text(node).bytes().all(|b| b.is_ascii_digit()) => {
                facts.candidates.push(bare(CandidateKind::Address))
            }
            Role::Address => facts.candidates.push(candidate(CandidateKind::Address)),
            Role::Host => {
                if let Expr::Lit(lit) = language.lower(node, ctx) {
                    facts.hosts.push(lit.text.clone());
                }
            }
            Role::Concat => facts.candidates.push(candidate(CandidateKind::Concat)),
            Role::Prose => {
                self.prose.insert((node.start_byte(), node.end_byte()));
            }
            Role::Identifier => facts
                .reads
                .extend(constant_read(language, node, ctx, || node.parent())),
            // Definitions arrive whole, as `Capture::Definition`.
            Role::DefinitionName | Role::DefinitionValue | Role::Comment => {}
        }
    }
}

/// Drops what is checked elsewhere and orders the candidates.
fn finish(mut facts: FileFacts, prose: &HashSet<(usize, usize)>) -> FileFacts {
    facts.hosts.sort();
    facts.hosts.dedup();
    // A path inside a larger path is checked as part of it; prose is never a path.
    let paths: Vec<(usize, usize)> = facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Path)
        .map(|c| c.bytes)
        .collect();
    // Only the outermost link of a chain `a . b . c` is a candidate: an inner link shares
    // its start or its end with the chain. A concatenation further inside (an argument,
    // `'bash ' . escape(__DIR__ . '/limit.sh')`) is a value of its own.
    let mut concats: Vec<(usize, usize)> = facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Concat)
        .map(|c| c.bytes)
        .collect();
    concats.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    concats.dedup();
    let mut inner = HashSet::new();
    let mut enclosing: Vec<(usize, usize)> = Vec::new();
    for &(start, end) in &concats {
        while enclosing.last().is_some_and(|&(_, e)| e <= start) {
            enclosing.pop();
        }
        if let Some(&(outer_start, outer_end)) = enclosing.last() {
            if start == outer_start || end == outer_end {
                inner.insert((start, end));
            }
        }
        enclosing.push((start, end));
    }
    let mut unread = StringWords::from(std::mem::take(&mut facts.unread_words));
    facts.candidates.retain(|c| match c.kind {
        // A message that is only a URL (`__( 'https://…' )`) is still an address; the
        // words of the others are the file's words all the same.
        CandidateKind::String => {
            let read = !prose.contains(&c.bytes) || is_lone_url(&c.expr);
            if !read {
                c.expr.literals().iter().for_each(|l| unread.add(&l.text));
            }
            read
        }
        CandidateKind::Directive
        | CandidateKind::Key(_)
        | CandidateKind::Address
        | CandidateKind::Value(_)
        | CandidateKind::ModuleFile => true,
        CandidateKind::Path => !paths
            .iter()
            .any(|p| *p != c.bytes && p.0 <= c.bytes.0 && c.bytes.1 <= p.1),
        CandidateKind::Concat => {
            !inner.contains(&c.bytes) && !paths.iter().any(|p| p.0 <= c.bytes.0 && c.bytes.1 <= p.1)
        }
    });
    facts.unread_words = unread.into();
    facts.candidates.sort_by_key(|c| c.bytes);
    facts
        .candidates
        .dedup_by(|a, b| a.bytes == b.bytes && a.kind == b.kind);
    facts
}

/// A string that is one URL and nothing else.
fn is_lone_url(expr: &Expr) -> bool {
    matches!(expr, Expr::Lit(lit) if lit.text.contains("://") && !lit.text.contains(char::is_whitespace))
}

impl FileFacts {
    /// Drops the strings no rule reads (words, sentences), so that a large repository's
    /// candidates stay small while the whole run holds them.
    pub fn drop_unread_strings(&mut self) {
        let mut words = StringWords::from(std::mem::take(&mut self.unread_words));
        let lone = &mut self.lone_strings;
        self.candidates.retain(|c| {
            let literals = c.expr.literals();
            let read =
                c.kind != CandidateKind::String || literals.iter().any(|l| may_matter(&l.text));
            if !read {
                for lit in literals {
                    words.add(&lit.text);
                    if crate::check::lone::may_hold_lone_word(&lit.text) {
                        lone.push(lit.clone());
                    }
                }
            }
            read
        });
        self.unread_words = words.into();
    }
}

/// How many strings hold each word of four characters or more (letters, digits, `_`,
/// `-`), as the repository counts the words of the strings it reads.
#[derive(Debug, Default)]
pub struct StringWords(HashMap<Box<str>, u32>);

impl StringWords {
    pub fn add(&mut self, text: &str) {
        for word in string_words(text) {
            match self.0.get_mut(word) {
                Some(count) => *count += 1,
                None => {
                    self.0.insert(word.into(), 1);
                }
            }
        }
    }
}

impl From<Vec<(Box<str>, u32)>> for StringWords {
    fn from(words: Vec<(Box<str>, u32)>) -> Self {
        StringWords(words.into_iter().collect())
    }
}

impl From<StringWords> for Vec<(Box<str>, u32)> {
    fn from(words: StringWords) -> Self {
        let mut words: Vec<_> = words.0.into_iter().collect();
        words.sort_unstable();
        words
    }
}

/// The words of a string that the repository counts: runs of letters, digits, `_` and `-`
/// of four characters or more.
pub fn string_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| w.len() >= 4)
}

/// Could any rule read this string? Most strings of a program are words and sentences;
/// keeping only the rest keeps a large repository's candidates small.
pub fn may_matter(text: &str) -> bool {
    let trimmed = text.trim();
    if text.contains("://") {
        return true;
    }
    if trimmed.contains(char::is_whitespace) && !trimmed.contains('/') {
        return false; // Prose: no path, no address, no name.
    }
    if text == trimmed && is_version(text) {
        return false;
    }
    trimmed.contains(['/', '.', ':'])
        || is_constant_name(trimmed)
        || (7..=11).contains(&trimmed.len())
            && (trimmed.starts_with(['l', 'L']) || trimmed.starts_with("ol"))
        || text != trimmed
}

/// `v6.0.0`, `2.4`, `1.3.6.1.4.1`: a version or an object identifier, which no rule
/// reads (an Ansible module's argument spec holds tens of thousands). Four bare numbers
/// may be an IPv4 address and are not one of these.
fn is_version(text: &str) -> bool {
    let numbers = text.strip_prefix(['v', 'V']).unwrap_or(text);
    let parts = numbers.split('.');
    let count = parts.clone().count();
    count >= 2
        && parts
            .into_iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (numbers.len() != text.len() || count != 4)
}

/// The constant or setting an identifier reads: an upper-case one, unless its parent or
/// a type test (`$x instanceof FOO`) makes it name something else. Only upper-case
/// identifiers ask for their parent, which costs the query a walk from the root.
fn constant_read<'t>(
    language: &Language,
    node: Node<'t>,
    ctx: &Lowering,
    parent: impl FnOnce() -> Option<Node<'t>>,
) -> Option<Read> {
    let text = ctx.text(node);
    if !is_constant_name(text) {
        return None;
    }
    if let Some(parent) = parent() {
        if language.not_constant_parents.contains(&parent.kind()) {
            return None;
        }
        let mut cursor = parent.walk();
        let previous = parent
            .children(&mut cursor)
            .take_while(|sibling| *sibling != node)
            .last();
        if previous.is_some_and(|p| p.kind() == "instanceof") {
            return None;
        }
    }
    Some(Read {
        name: text.to_string(),
        span: ctx.node_span(node),
    })
}

/// `STATIC_ROOT`, `WP_DEBUG`, `E_ALL`: upper-case letters, digits and underscores.
pub fn is_constant_name(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && text.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Passing over plain strings early leaves what dropping them afterwards leaves.
    #[test]
    fn strings_passed_over_early_are_those_dropped_later() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for folder in ["tests", "examples", "benches"] {
            for path in crate::lang::testing::files_under(&root.join(folder)) {
                let Ok(source) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let relative = path.strip_prefix(root).unwrap();
                let Some(language) = lang::detect(relative, &source) else {
                    continue;
                };
                let mut late = extract(language, &source, 0);
                late.drop_unread_strings();
                let early = extract_for_checks(language, &source, 0).unwrap();
                assert_eq!(
                    format!("{:?}", early.candidates),
                    format!("{:?}", late.candidates),
                    "{}",
                    path.display()
                );
                assert_eq!(early.unread_words, late.unread_words, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen > 100, "only {seen} sources found");
    }

    /// Every reading of a tree just shallow enough to be read runs within the stack of a
    /// worker thread, in a debug build (whose frames are the larger), whatever nests: parentheses, arrays, dictionaries,
    /// block mappings. Each shape is grown to the deepest the limit lets through.
    #[test]
    fn the_deepest_readable_trees_fit_a_default_stack() {
        type Shape = (&'static str, fn(usize) -> String);
        let shapes: &[Shape] = &[
            ("php", |n| {
                format!("<?php\n$a = {}'/x'{};\n", "(".repeat(n), ")".repeat(n))
            }),
            ("php", |n| {
                format!(
                    "<?php\n$a = {}'/x'{};\n",
                    "['k' => ".repeat(n),
                    "]".repeat(n)
                )
            }),
            ("php", |n| {
                format!("<?php\n$a = {}'/x';\n", "__DIR__ . ".repeat(n))
            }),
            ("python", |n| {
                format!("a = {}'/x'{}\n", "(".repeat(n), ")".repeat(n))
            }),
            ("python", |n| {
                format!("A = {}'/x'{}\n", "{'k': ".repeat(n), "}".repeat(n))
            }),
            ("python", |n| {
                format!("A = {}'/x'\n", "BASE_DIR / ".repeat(n))
            }),
            ("python", |n| {
                format!("A = {}\n", vec!["'/x'"; n].join(" + "))
            }),
            ("json", |n| {
                format!("{}\"/x\"{}", "{\"k\": [".repeat(n), "]}".repeat(n))
            }),
            ("yaml", |n| {
                format!("a: {}/x{}\n", "[".repeat(n), "]".repeat(n))
            }),
            ("yaml", |n| {
                (0..n)
                    .map(|i| format!("{}k:\n", " ".repeat(i)))
                    .collect::<String>()
                    + &" ".repeat(n)
                    + "/x\n"
            }),
            ("yaml", |n| format!("{}/x\n", "- ".repeat(n))),
            ("yaml", |n| {
                (0..n)
                    .map(|i| format!("{}- k{i}:\n", "  ".repeat(i)))
                    .collect::<String>()
                    + "  /x\n"
            }),
            ("yaml", |n| {
                (0..n)
                    .map(|i| format!("{}? k:\n", " ".repeat(i)))
                    .collect::<String>()
                    + "/x\n"
            }),
            ("toml", |n| {
                format!("a = {}'/x'{}\n", "[".repeat(n), "]".repeat(n))
            }),
        ];
        let run = move || {
            for (id, shape) in shapes {
                let language = Language::by_id(id).unwrap();
                let readable = |n: usize| try_extract(language, &shape(n), 0).is_ok();
                assert!(readable(1), "{id}: {}", shape(1));
                assert!(!readable(MAX_DEPTH + 1), "{id}: {}", shape(2));
                let (mut low, mut high) = (1, MAX_DEPTH + 1);
                while high - low > 1 {
                    let middle = (low + high) / 2;
                    if readable(middle) {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                assert!(low >= 100, "{id}: only {low} levels read: {}", shape(2));
            }
        };
        std::thread::Builder::new()
            .stack_size(crate::WORKER_STACK)
            .spawn(run)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn strings_no_rule_reads_are_dropped_and_the_rest_kept() {
        for kept in [
            "static/",
            "index.py ",
            " lead",
            "wp-settings.php",
            "db:5432",
            "http://auth-service:8080",
            "django.contrib.admin",
            "WP_DEBUG",
            "localhost",
            "olcalhost",
            "a path/with space",
            "10.0.0.300",
            "127.0.0.1",
            "6.0.0 ",
        ] {
            assert!(may_matter(kept), "{kept:?} must be kept");
        }
        for dropped in [
            "Hello world",
            "Save changes.",
            "yes",
            "",
            "value",
            "v6.0.0",
            "2.4",
            "1.3.6.1.4.1",
            "04.10.00",
        ] {
            assert!(!may_matter(dropped), "{dropped:?} must be dropped");
        }
    }
}
