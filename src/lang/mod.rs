//! The table of languages. Adding a language is one row here, one query file and one
//! `lower` function that turns its expression nodes into [`Expr`]; formats no tree-sitter
//! grammar fits are read by a small line parser behind the same row. A language whose
//! trees are large may add a walk that does what its query says, faster (PHP does); a test
//! holds the walk to the query.
mod ansible;
mod apache;
mod compose;
mod dockerfile;
mod dotenv;
mod ini;
mod json;
mod lines;
mod nginx;
mod php;
mod php_walk;
mod python;
mod python_walk;
mod toml;
mod workflow;
mod yaml;

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
    /// Root-relative path patterns, tried before extensions: `*` stands for any part of a
    /// name, `**` for any folders; a pattern without `/` matches the file name. A pattern
    /// that starts with `?` is ambiguous: the file must also pass `sniff`.
    pub globs: &'static [&'static str],
    /// Tells from a file's text whether an ambiguous pattern's file is this language.
    pub sniff: Option<fn(&str) -> bool>,
    /// The vocabulary of its key or directive names (`@key` captures), by file name under
    /// `rules/` without `.txt`.
    pub keys: Option<&'static str>,
    grammar: Grammar,
    /// What the extractor reads from the tree: a tree-sitter query whose capture names are
    /// the contract with `extract`.
    query: &'static str,
    /// A hand-written reading of the tree that reports exactly what `query` captures, for a
    /// language whose trees are large enough that the query cursor's own cost shows (it
    /// visits a node at twice the cost of a plain walk). A test holds the two equal.
    walk: Option<Walk>,
    /// How the keys of a structured format stand in its tree: every key of such a file is
    /// collected, whatever the query captures, for the checks that compare the keys of the
    /// whole repository.
    pub document: Option<Document>,
    /// The literal a string node holds when it is the node's own text between its
    /// delimiters (no escape, no interpolation), read without lowering the node: most
    /// strings are words no rule reads, and are passed over on this evidence.
    plain_string: Option<for<'s> fn(Node, &'s str) -> Option<&'s str>>,
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

/// Reads the parts of a dotted key, outermost first.
pub type DottedKeys = fn(Node, &Lowering) -> Vec<std::sync::Arc<Lit>>;

/// Where a structured format's keys stand in its tree.
#[derive(Clone, Copy)]
pub struct Document {
    /// The family of formats whose files share their keys' spellings: Compose files and
    /// workflows are `yaml` too.
    pub family: &'static str,
    /// The key a node holds when it is a key-value pair: its literal.
    pub key: fn(Node, &Lowering) -> Option<std::sync::Arc<Lit>>,
    /// The keys a node holds when its key is a dotted path, outermost first: TOML's
    /// `[tool.black]`, `[[bin]]` and `a.b = 1`.
    pub dotted: Option<DottedKeys>,
    /// The literal of a scalar node (a string, a plain scalar): keys' own scalars are
    /// told apart by where they stand.
    pub scalar: fn(Node, &Lowering) -> Option<std::sync::Arc<Lit>>,
    /// Node kinds whose children are the items of a sequence (a TOML array of tables
    /// holds its pairs as one item).
    pub sequences: &'static [&'static str],
}

/// Where a key or a value stands: under which key of the file, through how many
/// sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The index in the file's keys of the key whose value holds it; `None` at the top.
    pub parent: Option<u32>,
    /// How many sequences lie between that key (or the top) and it.
    pub items: u8,
}

/// One key of a structured file.
#[derive(Debug, Clone)]
pub struct DocKey {
    pub lit: std::sync::Arc<Lit>,
    /// Which mapping of the file holds it (the mapping's first byte): keys that share it
    /// are siblings.
    pub mapping: usize,
    /// Where its mapping stands; `None` when it stands too deep to say.
    pub place: Option<Place>,
}

/// One scalar value of a structured file that is not a key.
#[derive(Debug, Clone)]
pub struct DocValue {
    pub lit: std::sync::Arc<Lit>,
    pub place: Option<Place>,
    /// The sequence it is an item of (the sequence's first byte), when it is one: values
    /// that share it are siblings.
    pub sequence: Option<usize>,
}

/// How far up from a node the key that holds it is looked for: past that, its place is
/// not known (nesting that deep is data, not configuration).
const PLACE_REACH: usize = 64;

/// Every key of a structured file's tree and every scalar value, in document order,
/// each with its place, found in constant stack and in time linear in the tree.
pub fn document_keys(
    document: &Document,
    root: Node,
    ctx: &Lowering,
) -> (Vec<DocKey>, Vec<DocValue>) {
    let (mut keys, mut values) = (Vec::new(), Vec::<DocValue>::new());
    let mut key_starts = std::collections::HashSet::new();
    // The last key each key-holding node holds, by node id.
    let mut holders: std::collections::HashMap<usize, u32> = std::collections::HashMap::new();
    let place = |ancestors: &[Node], holders: &std::collections::HashMap<usize, u32>| {
        let mut items = 0u8;
        for node in ancestors.iter().rev().take(PLACE_REACH) {
            let sequence = document.sequences.contains(&node.kind());
            if let Some(&key) = holders.get(&node.id()) {
                return Some(Place {
                    parent: Some(key),
                    items: items.saturating_add(u8::from(sequence)),
                });
            }
            items = items.saturating_add(u8::from(sequence));
        }
        (ancestors.len() <= PLACE_REACH).then_some(Place {
            parent: None,
            items,
        })
    };
    preorder(root, |node, ancestors| {
        let parts = match (document.key)(node, ctx) {
            Some(lit) => vec![lit],
            None => document
                .dotted
                .map_or_else(Vec::new, |dotted| dotted(node, ctx)),
        };
        if !parts.is_empty() {
            let mapping = ancestors.last().map_or(0, |parent| parent.start_byte());
            let mut at = place(ancestors, &holders);
            let mut mapping = mapping;
            for lit in parts {
                key_starts.insert(lit.span.bytes);
                let next_mapping = lit.span.bytes.map_or(mapping, |(start, _)| start);
                keys.push(DocKey {
                    lit,
                    mapping,
                    place: at,
                });
                let index = u32::try_from(keys.len() - 1).ok();
                at = index.map(|parent| Place {
                    parent: Some(parent),
                    items: 0,
                });
                mapping = next_mapping;
            }
            if let Ok(last) = u32::try_from(keys.len() - 1) {
                holders.insert(node.id(), last);
            }
        } else if let Some(lit) = (document.scalar)(node, ctx) {
            // A key's scalar comes after its pair, which has claimed it.
            if !key_starts.contains(&lit.span.bytes) {
                let place = place(ancestors, &holders);
                let sequence = ancestors
                    .iter()
                    .rev()
                    .take(PLACE_REACH)
                    .take_while(|node| !holders.contains_key(&node.id()))
                    .find(|node| document.sequences.contains(&node.kind()))
                    .map(|node| node.start_byte());
                values.push(DocValue {
                    lit,
                    place,
                    sequence,
                });
            }
        }
    });
    (keys, values)
}

/// The keys from the top of the file to the mapping that holds a key or a value, each
/// with the sequences passed under it: `jobs`, `build`, `steps` and one sequence for a
/// step's `uses`. `None` when some place on the way is not known.
pub fn place_path(keys: &[DocKey], place: Place) -> Option<(u8, Vec<(&str, u8)>)> {
    let mut path = Vec::new();
    let mut at = place;
    while let Some(parent) = at.parent {
        let key = keys.get(parent as usize)?;
        path.push((key.lit.text.as_str(), at.items));
        at = key.place?;
        if path.len() > keys.len() {
            return None;
        }
    }
    path.reverse();
    Some((at.items, path))
}

/// A place written as a dotted path, `[]` for each sequence: `jobs.build.steps[]`.
pub fn place_text(keys: &[DocKey], place: Option<Place>) -> String {
    let Some((top, path)) = place.and_then(|place| place_path(keys, place)) else {
        return "?".to_string();
    };
    let parts: Vec<String> = path
        .into_iter()
        .map(|(key, items)| format!("{key}{}", "[]".repeat(usize::from(items))))
        .collect();
    let top = "[]".repeat(usize::from(top));
    match (top.is_empty(), parts.is_empty()) {
        (_, true) if top.is_empty() => ".".to_string(),
        (_, true) => top,
        (true, false) => parts.join("."),
        (false, false) => format!("{top}.{}", parts.join(".")),
    }
}

/// The literal of a key node lowered by `lower`, when it is one.
pub fn key_literal(
    key: Option<Node>,
    ctx: &Lowering,
    lower: fn(Node, &Lowering) -> Expr,
) -> Option<std::sync::Arc<Lit>> {
    match lower(key?, ctx) {
        Expr::Lit(lit) if !lit.text.is_empty() => Some(lit),
        _ => None,
    }
}

/// How a language is parsed.
#[derive(Clone, Copy)]
pub enum Grammar {
    /// A tree-sitter grammar, read through the row's query.
    TreeSitter(tree_sitter_language::LanguageFn),
    /// A tree-sitter grammar whose parser cannot take every text: a cheap look at the text
    /// tells first whether it may be parsed (the YAML scanner aborts the process on input
    /// indented too deep).
    Guarded(
        tree_sitter_language::LanguageFn,
        fn(&str) -> Result<(), crate::extract::NotRead>,
    ),
    /// A line parser that finds the candidates itself.
    Lines(fn(&Lowering) -> crate::extract::FileFacts),
}

/// Specific rows come first: a compose file is YAML too.
pub static LANGUAGES: &[Language] = &[
    python::LANGUAGE,
    php::LANGUAGE,
    compose::LANGUAGE,
    workflow::LANGUAGE,
    ansible::TASKS,
    ansible::PLAYBOOK,
    yaml::LANGUAGE,
    nginx::LANGUAGE,
    apache::LANGUAGE,
    dockerfile::LANGUAGE,
    dotenv::LANGUAGE,
    ini::LANGUAGE,
    json::LANGUAGE,
    toml::LANGUAGE,
];

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
    /// An identifier: read as a constant or a setting when it is upper-case.
    Identifier,
    /// A key or directive name, checked against the row's vocabulary.
    Key,
    /// A key checked against the vocabulary the capture names (`@key.roundcube-settings`).
    KeyIn(&'static str),
    /// A value that is a network address (`proxy_pass`, `DATABASE_URL`).
    Address,
    /// A host name the file defines (a compose service, an nginx upstream).
    Host,
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
            "identifier" => Role::Identifier,
            "directive" => Role::Directive,
            "key" => Role::Key,
            "address" => Role::Address,
            "host" => Role::Host,
            _ => {
                let id = name.strip_prefix("key.")?;
                Role::KeyIn(crate::vocab::KEY_VOCABULARIES.iter().find(|k| **k == id)?)
            }
        })
    }
}

/// What a walk of a tree reports, as a query match would.
#[derive(Debug, Clone, Copy)]
pub enum Capture<'t> {
    /// A node in a role other than a definition's.
    Node(Node<'t>, Role),
    /// A definition's name and value, found together (`@def.name`, `@def.value`).
    Definition(Node<'t>, Node<'t>),
    /// An `@identifier` with its parent, which a walk knows without asking the tree.
    Identifier(Node<'t>, Option<Node<'t>>),
}

/// A hand-written reading of a tree: calls `report` for every capture the language's
/// query would make.
pub type Walk = for<'t> fn(root: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>));

/// Visits every node of a tree in document order, each before its children, with the nodes
/// above it (nearest last): what a walk needs to stand in for a query.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>, &[Node<'t>])) {
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    loop {
        let node = cursor.node();
        visit(node, &ancestors);
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
            ancestors.pop();
        }
    }
}

/// A walk's table from node kind id to its own name for the kinds its patterns name; the
/// rest, anonymous nodes included, are `None`.
pub fn kind_table<K: Copy>(
    grammar: tree_sitter_language::LanguageFn,
    classify: impl Fn(&str) -> Option<K>,
) -> Vec<Option<K>> {
    let grammar: tree_sitter::Language = grammar.into();
    (0..grammar.node_kind_count())
        .map(|id| {
            let id = u16::try_from(id).ok()?;
            grammar
                .node_kind_is_named(id)
                .then(|| classify(grammar.node_kind_for_id(id)?))
                .flatten()
        })
        .collect()
}

/// A language's query, compiled once per run.
pub struct Compiled {
    pub query: Query,
    /// The role of each capture index; `None` for helper captures such as `@_fn`.
    pub roles: Vec<Option<Role>>,
}

impl Language {
    /// The compiled query; `None` for a line-parsed language.
    /// Each language's query is compiled the first time a file of it is read: compiling
    /// them all costs a tenth of a second, more than checking a small repository.
    pub fn compiled(&'static self) -> Option<&'static Compiled> {
        static COMPILED: OnceLock<Vec<OnceLock<Option<Compiled>>>> = OnceLock::new();
        let all = COMPILED.get_or_init(|| LANGUAGES.iter().map(|_| OnceLock::new()).collect());
        all[self.index()].get_or_init(|| self.compile()).as_ref()
    }

    /// The tree-sitter grammar; `None` for a line-parsed language.
    pub fn tree_sitter(&self) -> Option<tree_sitter::Language> {
        match self.grammar {
            Grammar::TreeSitter(grammar) | Grammar::Guarded(grammar, _) => Some(grammar.into()),
            Grammar::Lines(_) => None,
        }
    }

    /// The literal of a string node whose text is its value between delimiters; `None`
    /// when only lowering can tell.
    /// Whether every string literal of the language's files is read as a candidate.
    pub fn reads_every_string(&self) -> bool {
        self.plain_string.is_some()
    }

    pub fn plain_string<'s>(&self, node: Node, text: &'s str) -> Option<&'s str> {
        self.plain_string.and_then(|plain| plain(node, text))
    }

    /// The hand-written reading of the tree that stands in for the query, if any.
    pub fn walk(&self) -> Option<Walk> {
        self.walk
    }

    /// Whether the parser can take this text; `Err` says why not.
    pub fn parsable(&self, text: &str) -> Result<(), crate::extract::NotRead> {
        match self.grammar {
            Grammar::Guarded(_, guard) => guard(text),
            Grammar::TreeSitter(_) | Grammar::Lines(_) => Ok(()),
        }
    }

    /// The line parser of a language no tree-sitter grammar reads.
    pub fn line_parser(&self) -> Option<fn(&Lowering) -> crate::extract::FileFacts> {
        match self.grammar {
            Grammar::Lines(parse) => Some(parse),
            Grammar::TreeSitter(_) | Grammar::Guarded(..) => None,
        }
    }

    pub fn index(&'static self) -> usize {
        LANGUAGES
            .iter()
            .position(|l| std::ptr::eq(l, self))
            .expect("a language of the table")
    }

    fn compile(&self) -> Option<Compiled> {
        let (Grammar::TreeSitter(grammar) | Grammar::Guarded(grammar, _)) = self.grammar else {
            return None;
        };
        let grammar: tree_sitter::Language = grammar.into();
        // Each identifier kind becomes an `@identifier` pattern: the identifiers then ride on
        // the query's own pass over the tree, where a second walk just for them cost half
        // as much again as the query.
        let mut source = self.query.to_string();
        for kind in self.identifier_kinds {
            source.push_str(&format!("\n({kind}) @identifier\n"));
        }
        let query = Query::new(&grammar, &source)
            .unwrap_or_else(|e| panic!("the {} query does not compile: {e}", self.id));
        let roles = query
            .capture_names()
            .iter()
            .map(|name| Role::from_capture(name))
            .collect();
        Some(Compiled { query, roles })
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

/// Files no language reads although their name matches: lock files and minified data.
const NOT_CONFIG: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "composer.lock",
    "*.min.json",
    "*.map",
    "*.lock",
    "**/i18n/**/*.json",
    "**/l10n/**/*.json",
    "**/locale/**/*.json",
    "**/locales/**/*.json",
    "**/languages/**/*.json",
    "**/translations/**/*.json",
    "**/node_modules/**",
];

/// Detection order: root-relative path patterns (with the file's text when the pattern is
/// ambiguous), then the file name ending, then the `#!` line. `text` is empty when only
/// the name is known: a name an ambiguous pattern matches then tells nothing (`None`), as
/// the text decides whether `site.yml` is an Ansible playbook or plain YAML.
pub fn detect(path: &Path, text: &str) -> Option<&'static Language> {
    let relative = path.to_string_lossy().replace('\\', "/");
    if NOT_CONFIG.iter().any(|g| glob_matches(g, &relative)) {
        return None;
    }
    let mut undecided = false;
    if let Some(lang) = LANGUAGES.iter().find(|l| {
        l.globs.iter().any(|g| match g.strip_prefix('?') {
            Some(ambiguous) if glob_matches(ambiguous, &relative) => {
                undecided |= text.is_empty();
                l.sniff.is_some_and(|sniff| sniff(text))
            }
            Some(_) => false,
            None => glob_matches(g, &relative),
        })
    }) {
        return Some(lang);
    }
    if undecided {
        return None;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !ext.is_empty() {
        if let Some(lang) = LANGUAGES
            .iter()
            .find(|l| l.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
        {
            return Some(lang);
        }
    }
    let first_line = text.lines().next().unwrap_or("");
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

/// The facts of a file that is only a literal table, read without its parser; `None` for
/// any other file, which the parser reads. `skip_unread`: leave out the plain strings no
/// rule reads.
pub fn literal_table(
    language: &'static Language,
    ctx: &Lowering,
    skip_unread: bool,
) -> Option<crate::extract::FileFacts> {
    if language.id == php::LANGUAGE.id {
        php::literal_table(ctx, skip_unread)
    } else {
        None
    }
}

/// Whether a file's program goes on past what its parser reads: a PHP archive (PHAR) whose
/// stub halts the compiler before the archived code.
pub fn continues_unread(language: &'static Language, text: &str) -> bool {
    language.id == php::LANGUAGE.id && php::halts_compiler(text)
}

/// Whether a file's language can only be told from its text (`*.conf`, `sites-available/*`
/// hold nginx or Apache configuration): such files are read even with an unknown ending.
pub fn needs_text(path: &Path) -> bool {
    let relative = path.to_string_lossy().replace('\\', "/");
    LANGUAGES.iter().any(|l| {
        l.globs
            .iter()
            .filter_map(|g| g.strip_prefix('?'))
            .any(|g| glob_matches(g, &relative))
    })
}

/// Matches a root-relative `/`-separated path against a pattern of [`Language::globs`].
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    if !pattern.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return name_matches(pattern.as_bytes(), name.as_bytes());
    }
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    segments_match(&pattern, &path)
}

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(name, others)| {
            name_matches(first.as_bytes(), name.as_bytes()) && segments_match(rest, others)
        }),
    }
}

/// `*` matches any run of characters within one name.
fn name_matches(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| name_matches(rest, &name[skip..])),
        Some((c, rest)) => name
            .split_first()
            .is_some_and(|(n, others)| n == c && name_matches(rest, others)),
    }
}

/// Variables whose value is a network address: `DATABASE_URL`, `REDIS_HOST`, `SMTP_PORT`.
pub fn is_address_key(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    ["_url", "_uri", "_host", "_port"]
        .iter()
        .any(|suffix| lower.len() > suffix.len() && lower.ends_with(suffix))
}

/// Lowering state for one file: its text, its index in the run and its line table.
pub struct Lowering<'a> {
    pub source: &'a str,
    pub file: usize,
    lines: LineIndex,
    /// Whether the node being lowered lies inside a function, when the walk that found it
    /// knows; lowering asks the tree otherwise, which costs a descent from the root per
    /// ancestor.
    in_function: std::cell::Cell<Option<bool>>,
}

impl<'a> Lowering<'a> {
    pub fn new(source: &'a str, file: usize) -> Self {
        Lowering {
            source,
            file,
            lines: LineIndex::new(source),
            in_function: std::cell::Cell::new(None),
        }
    }

    /// What a walk knows of the nodes it is about to report: inside a function or not.
    pub fn set_in_function(&self, known: Option<bool>) {
        self.in_function.set(known);
    }

    pub fn in_function(&self) -> Option<bool> {
        self.in_function.get()
    }

    pub fn text(&self, node: Node) -> &'a str {
        &self.source[node.byte_range()]
    }

    /// The bytes of `start..end` without `quotes` bytes at each end, kept on character
    /// boundaries: a string the parser closed early, at a character of several bytes,
    /// has no closing quote to drop.
    pub fn inner(&self, start: usize, end: usize, quotes: usize) -> (usize, usize) {
        let mut from = (start + quotes).min(self.source.len());
        while !self.source.is_char_boundary(from) {
            from += 1;
        }
        let mut to = end.saturating_sub(quotes).max(from).min(self.source.len());
        while !self.source.is_char_boundary(to) {
            to += 1;
        }
        (from, to)
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

/// Helpers for the languages' own tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::expr::Expr;
    use crate::extract::{CandidateKind, FileFacts};

    /// The literal text of an expression, its literals joined.
    pub fn text(expr: &Expr) -> String {
        expr.literals().iter().map(|l| l.text.as_str()).collect()
    }

    /// Holds a language's walk to the query it stands for: the same candidates, definitions,
    /// reads and hosts on each of `cases` and on every source of the language under
    /// `tests/`, `examples/` and `benches/`.
    pub fn assert_walk_is_query(id: &str, extension: &str, cases: &[&str]) {
        use crate::extract::{extract, extract_by_query, FileFacts};
        let language = super::Language::by_id(id).expect("a language of the table");
        let show = |facts: &FileFacts| {
            format!(
                "{:#?}\n{:#?}\n{:#?}\n{:?}",
                facts.candidates, facts.definitions, facts.reads, facts.hosts
            )
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources: Vec<(String, String)> = cases
            .iter()
            .map(|case| (case.to_string(), case.to_string()))
            .collect();
        for folder in ["tests", "examples", "benches"] {
            for path in files_under(&root.join(folder)) {
                if path.extension().is_some_and(|e| e == extension) {
                    let source = std::fs::read_to_string(&path).expect("a readable source");
                    sources.push((path.display().to_string(), source));
                }
            }
        }
        assert!(
            sources.len() > cases.len() + 20,
            "only {} {id} sources found",
            sources.len() - cases.len()
        );
        for (name, source) in &sources {
            assert_eq!(
                show(&extract(language, source, 0)),
                show(&extract_by_query(language, source, 0)),
                "{name}"
            );
        }
    }

    /// Every file under a folder, at any depth.
    pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    /// The text of every candidate of one kind, in order.
    pub fn candidates(facts: &FileFacts, kind: CandidateKind) -> Vec<String> {
        facts
            .candidates
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| text(&c.expr))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles() {
        for lang in LANGUAGES {
            match lang.compiled() {
                Some(compiled) => assert!(
                    compiled.roles.contains(&Some(Role::String)),
                    "{} captures no @string",
                    lang.id
                ),
                None => assert!(lang.line_parser().is_some(), "{} has no parser", lang.id),
            }
        }
    }

    #[test]
    fn detection_by_root_relative_path() {
        let id = |path: &str, text: &str| detect(Path::new(path), text).map(|l| l.id);
        assert_eq!(id("docker-compose.yml", ""), Some("compose"));
        assert_eq!(id("deploy/docker-compose.prod.yaml", ""), Some("compose"));
        assert_eq!(id("compose.yaml", ""), Some("compose"));
        assert_eq!(id(".github/workflows/ci.yml", ""), Some("github-workflow"));
        assert_eq!(id("config/app.yml", "debug: true\n"), Some("yaml"));
        assert_eq!(id("roles/web/tasks/main.yml", ""), Some("ansible-tasks"));
        assert_eq!(
            id("roles/web/handlers/main.yaml", ""),
            Some("ansible-tasks")
        );
        assert_eq!(id("playbooks/site.yml", ""), Some("ansible"));
        assert_eq!(id("Dockerfile", ""), Some("dockerfile"));
        assert_eq!(id("docker/Dockerfile.prod", ""), Some("dockerfile"));
        assert_eq!(id(".env", ""), Some("dotenv"));
        assert_eq!(id("app/.env.production", ""), Some("dotenv"));
        assert_eq!(id(".envrc", ""), None);
        assert_eq!(id("public/.htaccess", ""), Some("apache"));
        assert_eq!(id("etc/php/8.2/cli/php.ini", ""), Some("ini"));
        assert_eq!(id("nginx.conf", ""), Some("nginx"));
        assert_eq!(id("deploy/nginx/site.conf", ""), Some("nginx"));
        assert_eq!(
            id("apache2/sites-available/000-default.conf", ""),
            Some("apache")
        );
        assert_eq!(id("composer.json", ""), Some("json"));
        assert_eq!(id("package-lock.json", ""), None);
        assert_eq!(id("dist/data.min.json", ""), None);
        assert_eq!(id("composer.lock", ""), None);
        assert_eq!(id("pyproject.toml", ""), Some("toml"));
    }

    #[test]
    fn ambiguous_configuration_is_told_by_its_text() {
        let id = |path: &str, text: &str| detect(Path::new(path), text).map(|l| l.id);
        let nginx = "server {\n    listen 80;\n    root /var/www/html;\n}\n";
        let apache = "<VirtualHost *:80>\n    DocumentRoot /var/www/html\n</VirtualHost>\n";
        assert_eq!(id("sites-available/default", nginx), Some("nginx"));
        assert_eq!(id("sites-available/default", apache), Some("apache"));
        assert_eq!(id("conf.d/site.conf", nginx), Some("nginx"));
        assert_eq!(
            id("supervisor/app.conf", "[program:x]\ncommand=/bin/true\n"),
            Some("ini")
        );
        let nagios = "define host {\n    host_name web\n    address 10.0.0.1\n}\n";
        assert_eq!(id("objects/hosts.cfg", nagios), None);
        let lighttpd = "server.modules = (\n  \"mod_access\",\n)\n$HTTP[\"host\"] == \"a\" {\n}\n";
        assert_eq!(id("lighttpd.conf", lighttpd), None);
        assert_eq!(id("setup.cfg", "[metadata]\nname = app\n"), Some("ini"));
        let play = "- hosts: web\n  tasks:\n    - template: src=a.j2 dest=/etc/a\n";
        assert_eq!(id("site.yml", play), Some("ansible"));
        assert_eq!(id("tasks/main.yml", play), Some("ansible-tasks"));
        assert_eq!(
            id("site.yml", "- hosts: web\n  roles: [web]\n"),
            Some("yaml")
        );
        // The name alone cannot tell: the caller reads the text.
        assert_eq!(id("site.yml", ""), None);
        assert!(needs_text(Path::new("site.yml")));
        assert!(needs_text(Path::new("conf.d/site.conf")));
        assert!(!needs_text(Path::new("README.md")));
    }

    #[test]
    fn globs_match_names_and_folders() {
        assert!(glob_matches(
            "docker-compose*.yml",
            "a/b/docker-compose.dev.yml"
        ));
        assert!(glob_matches(
            "**/.github/workflows/*.yml",
            ".github/workflows/ci.yml"
        ));
        assert!(glob_matches(
            "**/.github/workflows/*.yml",
            "sub/.github/workflows/ci.yml"
        ));
        assert!(!glob_matches(
            "**/.github/workflows/*.yml",
            ".github/workflows/x/ci.yml"
        ));
        assert!(!glob_matches("Dockerfile*", "Dockerfiles/README.md"));
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
