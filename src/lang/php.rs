//! PHP: lowering of include paths (`__DIR__ . '/x.php'`, `ABSPATH . WPINC . '/…'`).
use tree_sitter::Node;

use super::{decode_escapes, Document, Grammar, Language, Lowering};
use crate::expr::Expr;
use crate::extract::{Candidate, CandidateKind, FileFacts};
use crate::finding::Span;

pub const LANGUAGE: Language = Language {
    id: "php",
    extensions: &["php", "phtml", "php5", "php7", "php8"],
    shebangs: &["php"],
    // The sample configurations a site's own is copied from.
    globs: &["*.php.dist", "*.php.sample", "*.php.example"],
    sniff: None,
    keys: None,
    grammar: Grammar::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    query: include_str!("php.scm"),
    walk: Some(super::php_walk::walk),
    document: Some(DOCUMENT),
    plain_string: Some(plain_string),
    lower,
    definition_name,
    identifier_kinds: &["name"],
    not_constant_parents: &[
        "attribute",
        "base_clause",
        "class_constant_access_expression",
        "class_declaration",
        "class_interface_clause",
        "const_element",
        "enum_case",
        "enum_declaration",
        "function_call_expression",
        "function_definition",
        "goto_statement",
        "interface_declaration",
        "member_access_expression",
        "member_call_expression",
        "method_declaration",
        "named_label_statement",
        "named_type",
        "namespace_definition",
        "namespace_name",
        "namespace_use_clause",
        "nullsafe_member_access_expression",
        "nullsafe_member_call_expression",
        "object_creation_expression",
        "property_element",
        "qualified_name",
        "scoped_call_expression",
        "scoped_property_access_expression",
        "trait_declaration",
        "use_declaration",
        "variable_name",
    ],
};

fn definition_name(node: Node, ctx: &Lowering) -> Option<(String, Span)> {
    // Class constants (`const X = ...` in a class) live in their class, not in the global
    // namespace of constants; `define()` defines a global one wherever it is called.
    let mut ancestor = node.parent().filter(|_| node.kind() == "name");
    while let Some(a) = ancestor {
        if a.kind() == "declaration_list" || a.kind() == "enum_declaration_list" {
            return None;
        }
        ancestor = a.parent();
    }
    match node.kind() {
        "name" | "variable_name" => Some((ctx.text(node).to_string(), ctx.node_span(node))),
        "string" | "encapsed_string" => match lower(node, ctx) {
            Expr::Lit(lit) => Some((lit.text.clone(), lit.span.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// What `lower` makes of a string without a backslash (and, double-quoted, without a `$`
/// that could interpolate): the text between its quotes.
/// A statement `__HALT_COMPILER();` at the start of a line, in capitals or lower case:
/// what follows is data, a PHP archive's code among it.
pub fn halts_compiler(text: &str) -> bool {
    const KEYWORD: &[u8] = b"__halt_compiler";
    // Written in capitals or in lower case, nearly always: most files are passed over here.
    if !text.contains("__HALT_COMPILER") && !text.contains("__halt_compiler") {
        return false;
    }
    text.lines().any(|line| {
        let line = line.trim_start().as_bytes();
        line.len() > KEYWORD.len()
            && line[..KEYWORD.len()].eq_ignore_ascii_case(KEYWORD)
            && line[KEYWORD.len()..].trim_ascii_start().starts_with(b"(")
    })
}

/// The keys and values of arrays (`'driver' => 'smtp'`, `['smtp', 'log']`): a PHP
/// configuration file is an array returned, and a program's arrays of options are read
/// the same way. Only strings written whole are keys or values; the rest of the code is
/// not a document.
const DOCUMENT: Document = Document {
    family: "php",
    key: |node, ctx| match node.kind() {
        "array_element_initializer" if has_arrow(node) => {
            let key = super::key_literal(node.named_child(0), ctx, array_string)?;
            // `'fname' => $fname`: the code names its own variable, as `compact()` does;
            // that key is no configuration.
            let value = node.named_child(1).filter(|v| v.kind() == "variable_name");
            let named = value
                .is_some_and(|v| ctx.source[v.byte_range()].strip_prefix('$') == Some(&key.text));
            (!named).then_some(key)
        }
        _ => None,
    },
    dotted: Some(subscript_keys),
    scalar: |node, ctx| match node.kind() {
        "string" | "encapsed_string" if is_array_value(node) || is_subscript_value(node) => {
            super::key_literal(Some(node), ctx, array_string)
        }
        _ => None,
    },
    sequences: &["array_creation_expression"],
};

/// `'key' => value`, not a list's item.
fn has_arrow(element: Node) -> bool {
    let mut cursor = element.walk();
    let has = element.children(&mut cursor).any(|c| c.kind() == "=>");
    has
}

/// A string that is an array element's value: its element's last child.
fn is_array_value(node: Node) -> bool {
    node.parent().is_some_and(|element| {
        element.kind() == "array_element_initializer"
            && element.named_child_count() > 0
            && element.named_child(element.named_child_count() - 1) == Some(node)
    })
}

/// The keys a statement writes through subscripts, outermost first: `$lang['fmode'] =
/// ...;` writes `fmode`, `$db['default']['hostname'] = ...;` writes `default` and
/// `hostname` (a variable's index, as in `$cfg['Servers'][$i]['host']`, is passed over).
/// Read from the statement, so that the statements of one block are one mapping.
fn subscript_keys(node: Node, ctx: &Lowering) -> Vec<std::sync::Arc<crate::expr::Lit>> {
    let mut parts = Vec::new();
    let left = (node.kind() == "expression_statement")
        .then(|| node.named_child(0))
        .flatten()
        .filter(|a| a.kind() == "assignment_expression")
        .and_then(|a| a.child_by_field_name("left"));
    let mut at = left.filter(|l| l.kind() == "subscript_expression");
    while let Some(subscript) = at {
        let (Some(base), index) = (subscript.named_child(0), subscript.named_child(1)) else {
            return Vec::new();
        };
        if let Some(lit) = super::key_literal(index, ctx, array_string) {
            parts.push(lit);
        }
        match base.kind() {
            "subscript_expression" => at = Some(base),
            "variable_name" => break,
            _ => return Vec::new(),
        }
    }
    parts.reverse();
    parts
}

/// The string a statement assigns through subscripts: `$lang['fmode'] = 'Mode';`.
fn is_subscript_value(node: Node) -> bool {
    node.parent().is_some_and(|assignment| {
        assignment.kind() == "assignment_expression"
            && assignment.child_by_field_name("right") == Some(node)
            && assignment
                .child_by_field_name("left")
                .is_some_and(|l| l.kind() == "subscript_expression")
            && assignment
                .parent()
                .is_some_and(|s| s.kind() == "expression_statement")
    })
}

/// A string written whole (no escapes, no variables) as its literal.
fn array_string(node: Node, ctx: &Lowering) -> Expr {
    match plain_string(node, ctx.text(node)) {
        Some(_) => lower(node, ctx),
        None => Expr::Unknown,
    }
}

fn plain_string<'s>(node: Node, text: &'s str) -> Option<&'s str> {
    let content = text.get(1..text.len().checked_sub(1)?)?;
    match node.kind() {
        "string" if !content.contains('\\') => Some(content),
        "encapsed_string" if !content.contains(['\\', '$']) => Some(content),
        _ => None,
    }
}

fn lower(node: Node, ctx: &Lowering) -> Expr {
    match node.kind() {
        "string" => lower_string(node.start_byte(), node.end_byte(), ctx),
        "encapsed_string" => lower_encapsed(node, ctx),
        "name" => lower_name(ctx.text(node)),
        // `\DIRECTORY_SEPARATOR`: a global name written from the root namespace.
        "qualified_name" => match ctx.text(node).strip_prefix('\\') {
            Some(name) if !name.contains('\\') => lower_name(name),
            _ => Expr::Unknown,
        },
        // A variable read at the top of a file is the one set there; inside a function
        // it is another variable.
        // Lowering never enters a function's body, so the node lies where the captured
        // expression does, which the walk knows.
        "variable_name" if !ctx.in_function().unwrap_or_else(|| in_function(node)) => {
            Expr::Name(ctx.text(node).to_string())
        }
        "parenthesized_expression" => node.named_child(0).map_or(Expr::Unknown, |c| lower(c, ctx)),
        // `is_dir($dir = $base . '/public')`: an assignment is worth its value.
        "assignment_expression" => node
            .child_by_field_name("right")
            .map_or(Expr::Unknown, |right| lower(right, ctx)),
        "binary_expression" => {
            let (Some(left), Some(right)) = (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            ) else {
                return Expr::Unknown;
            };
            match node.child_by_field_name("operator").map(|o| o.kind()) {
                Some(".") => Expr::Concat(vec![lower(left, ctx), lower(right, ctx)]),
                _ => Expr::Unknown,
            }
        }
        "function_call_expression" => lower_call(node, ctx),
        "array_creation_expression" => lower_array(node, ctx),
        _ => Expr::Unknown,
    }
}

fn lower_name(name: &str) -> Expr {
    match name {
        "__DIR__" => Expr::FileDir,
        "__FILE__" => Expr::File,
        "DIRECTORY_SEPARATOR" => Expr::Separator,
        name => Expr::Name(name.to_string()),
    }
}

fn in_function(node: Node) -> bool {
    let mut ancestor = node.parent();
    while let Some(a) = ancestor {
        if is_function_like(a.kind()) {
            return true;
        }
        ancestor = a.parent();
    }
    false
}

/// Kinds whose variables are not the file's top-level ones.
pub(super) fn is_function_like(kind: &str) -> bool {
    matches!(
        kind,
        "function_definition"
            | "method_declaration"
            | "anonymous_function"
            | "arrow_function"
            | "class_declaration"
    )
}

fn lower_call(node: Node, ctx: &Lowering) -> Expr {
    let Some(function) = node
        .child_by_field_name("function")
        .filter(|f| f.kind() == "name")
    else {
        return Expr::Unknown;
    };
    let args: Vec<Node> = node
        .child_by_field_name("arguments")
        .map(|a| {
            (0..a.named_child_count())
                .filter_map(|i| a.named_child(i))
                .filter(|c| c.kind() == "argument")
                .filter_map(|c| c.named_child(0))
                .collect()
        })
        .unwrap_or_default();
    let first = || args.first().map_or(Expr::Unknown, |a| lower(*a, ctx));
    match ctx.text(function) {
        "dirname" => {
            let levels = match args.get(1) {
                None => 1,
                Some(n) => match ctx.text(*n).parse::<usize>() {
                    Ok(n @ 1..=8) => n,
                    _ => return Expr::Unknown,
                },
            };
            (0..levels).fold(first(), |e, _| Expr::Dirname(Box::new(e)))
        }
        "realpath" if args.len() == 1 => first(),
        // WordPress: the folder of a plugin file, with a trailing slash.
        "plugin_dir_path" | "trailingslashit" if args.len() == 1 => {
            let base = match ctx.text(function) {
                "plugin_dir_path" => Expr::Dirname(Box::new(first())),
                _ => first(),
            };
            // Joining with an empty part adds the trailing slash.
            Expr::Join(vec![base, Expr::Concat(Vec::new())])
        }
        _ => Expr::Unknown,
    }
}

fn lower_encapsed(node: Node, ctx: &Lowering) -> Expr {
    let (from, to) = ctx.inner(node.start_byte(), node.end_byte(), 1);
    let mut cursor = node.walk();
    let children: Vec<Node> = node.named_children(&mut cursor).collect();
    if children
        .iter()
        .all(|c| matches!(c.kind(), "string_content" | "escape_sequence"))
    {
        return ctx.literal(from, to, decode_escapes(&ctx.source[from..to]));
    }
    // Interpolated: keep the literal stretches, the rest is unknown.
    let mut parts = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for child in children {
        if matches!(child.kind(), "string_content" | "escape_sequence") {
            run = Some(
                run.map_or((child.start_byte(), child.end_byte()), |(s, _)| {
                    (s, child.end_byte())
                }),
            );
        } else {
            if let Some((s, e)) = run.take() {
                parts.push(ctx.literal(s, e, decode_escapes(&ctx.source[s..e])));
            }
            parts.push(Expr::Unknown);
        }
    }
    if let Some((s, e)) = run {
        parts.push(ctx.literal(s, e, decode_escapes(&ctx.source[s..e])));
    }
    Expr::Concat(parts)
}

/// A single-quoted string spanning `start..end`, quotes included.
fn lower_string(start: usize, end: usize, ctx: &Lowering) -> Expr {
    let (from, to) = ctx.inner(start, end, 1);
    let raw = &ctx.source[from..to];
    ctx.literal(from, to, raw.replace("\\'", "'").replace("\\\\", "\\"))
}

/// `['key' => value, ...]` becomes a dictionary; `[a, b]` a list.
fn lower_array(node: Node, ctx: &Lowering) -> Expr {
    let mut cursor = node.walk();
    let elements: Vec<Node> = node
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "array_element_initializer")
        .collect();
    let keyed = |element: &Node| element.child(1).is_some_and(|c| c.kind() == "=>");
    if elements.iter().any(keyed) {
        Expr::Dict(
            elements
                .iter()
                .filter(|e| keyed(e))
                .filter_map(|e| {
                    let key = e.named_child(0)?;
                    let value = e.named_child(1)?;
                    match lower(key, ctx) {
                        Expr::Lit(key) => Some((key, lower(value, ctx))),
                        _ => None,
                    }
                })
                .collect(),
        )
    } else {
        Expr::List(
            elements
                .iter()
                .filter_map(|e| e.named_child(0))
                .map(|v| lower(v, ctx))
                .collect(),
        )
    }
}

/// The facts of a file that only returns a literal table, `<?php return [...];` of
/// single-quoted strings and numbers (Symfony's Intl resources: half of its PHP), read
/// without the parser. The tree of such a file holds no name, call, concatenation or
/// comment, so its only facts are its strings, each a `@string` candidate lowered as the
/// parser's would be. Anything else the grammar allows (a comment, a double-quoted string,
/// `array(...)`, a constant, a missing comma the parser would recover from) gives `None`,
/// and the parser reads the file.
pub fn literal_table(ctx: &Lowering, skip_unread: bool) -> Option<FileFacts> {
    let mut reader = TableReader {
        bytes: ctx.source.as_bytes(),
        at: 0,
        ctx,
        candidates: Vec::new(),
        skip_unread,
        unread: crate::extract::StringWords::default(),
        keys: Vec::new(),
        values: Vec::new(),
        under: (None, 0),
        depth: 0,
    };
    let rest = reader.bytes.strip_prefix(b"<?php")?;
    if !rest.first()?.is_ascii_whitespace() {
        return None;
    }
    reader.at = "<?php".len();
    reader.skip_space();
    let rest = reader.bytes[reader.at..].strip_prefix(b"return")?;
    if !rest
        .first()
        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'[')
    {
        return None;
    }
    reader.at += "return".len();
    reader.skip_space();
    reader.array()?;
    reader.skip_space();
    reader.eat(b';')?;
    reader.skip_space();
    (reader.at == reader.bytes.len()).then(|| FileFacts {
        candidates: reader.candidates,
        unread_words: reader.unread.into(),
        keys: reader.keys,
        values: reader.values,
        ..FileFacts::default()
    })
}

/// The deepest nesting of arrays the table reader takes: below it, the places of keys and
/// values are those [`super::document_keys`] finds (deeper files go to the parser).
const TABLE_DEPTH: u8 = 24;

struct TableReader<'s, 'c> {
    bytes: &'s [u8],
    at: usize,
    ctx: &'c Lowering<'s>,
    candidates: Vec<Candidate>,
    /// Leave out the strings whose text shows no rule reads them.
    skip_unread: bool,
    /// The words of the strings left out.
    unread: crate::extract::StringWords,
    /// The array's keys and values, as [`DOCUMENT`] reads them from the tree.
    keys: Vec<super::DocKey>,
    values: Vec<super::DocValue>,
    /// The key whose value is being read (`None` at the top) and the arrays passed since.
    under: (Option<u32>, u8),
    /// How many arrays are open.
    depth: u8,
}

impl TableReader<'_, '_> {
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// `[` elements separated by commas, an optional trailing comma, `]`.
    fn array(&mut self) -> Option<()> {
        let start = self.at;
        self.eat(b'[')?;
        self.depth += 1;
        if self.depth > TABLE_DEPTH {
            return None;
        }
        let outer = self.under;
        self.under.1 = self.under.1.saturating_add(1);
        self.skip_space();
        while self.eat(b']').is_none() {
            self.element(start)?;
            self.skip_space();
            if self.eat(b',').is_some() {
                self.skip_space();
            } else {
                self.eat(b']')?;
                break;
            }
        }
        self.under = outer;
        self.depth -= 1;
        Some(())
    }

    /// Whether the variable `$name` stands next, and nothing but `,` or `]` after it.
    fn at_variable(&self, name: &str) -> bool {
        let rest = &self.bytes[self.at..];
        let Some(after) = rest
            .strip_prefix(b"$")
            .and_then(|r| r.strip_prefix(name.as_bytes()))
        else {
            return false;
        };
        let end = after.iter().position(|b| !b.is_ascii_whitespace());
        end.is_none_or(|i| matches!(after[i], b',' | b']' | b')'))
    }

    /// `value` or `value => value`, in the array that starts at `array`.
    fn element(&mut self, array: usize) -> Option<()> {
        let first = self.value()?;
        self.skip_space();
        let place = Some(super::Place {
            parent: self.under.0,
            items: self.under.1,
        });
        if self.bytes[self.at..].starts_with(b"=>") {
            self.at += 2;
            self.skip_space();
            let outer = self.under;
            // `'fname' => $fname`: the code names its own variable, as `compact()` does;
            // that key is no configuration.
            let first = first.filter(|lit| !self.at_variable(&lit.text));
            if let Some(lit) = first {
                self.keys.push(super::DocKey {
                    lit,
                    mapping: array,
                    place,
                });
                self.under = (u32::try_from(self.keys.len() - 1).ok(), 0);
            }
            let second = self.value()?;
            let sequence = (self.under == outer).then_some(array);
            if let Some(lit) = second {
                let place = Some(super::Place {
                    parent: self.under.0,
                    items: self.under.1,
                });
                self.values.push(super::DocValue {
                    lit,
                    place,
                    sequence,
                });
            }
            self.under = outer;
        } else if let Some(lit) = first {
            self.values.push(super::DocValue {
                lit,
                place,
                sequence: Some(array),
            });
        }
        Some(())
    }

    /// A value, and its literal when it is a string written whole (no escape).
    fn value(&mut self) -> Option<Option<std::sync::Arc<crate::expr::Lit>>> {
        match self.bytes.get(self.at)? {
            b'\'' => self.string(),
            b'[' => self.array().map(|()| None),
            _ => self.number().map(|()| None),
        }
    }

    /// A single-quoted string: a backslash escapes the byte after it.
    fn string(&mut self) -> Option<Option<std::sync::Arc<crate::expr::Lit>>> {
        let start = self.at;
        let mut at = start + 1;
        loop {
            match self.bytes.get(at)? {
                b'\\' => at += 2,
                b'\'' => break,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        let raw = &self.ctx.source[start + 1..at];
        let expr = lower_string(start, self.at, self.ctx);
        let lit = match &expr {
            Expr::Lit(lit) if !raw.contains('\\') && !lit.text.is_empty() => Some(lit.clone()),
            _ => None,
        };
        if self.skip_unread && !raw.contains('\\') && !crate::extract::may_matter(raw) {
            self.unread.add(raw);
            return Some(lit);
        }
        self.candidates.push(Candidate {
            kind: CandidateKind::String,
            expr,
            bytes: (start, self.at),
        });
        Some(lit)
    }

    /// `0`, `-12`, `3.25`: decimal numbers only (`012` is octal, `0x1` hex: left to the parser).
    fn number(&mut self) -> Option<()> {
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = |reader: &mut Self| {
            let from = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at - from
        };
        let start = self.at;
        let whole = digits(self);
        if whole == 0 || (whole > 1 && self.bytes[start] == b'0') {
            return None;
        }
        if self.eat(b'.').is_some() && digits(self) == 0 {
            return None;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser's reading of a file: the kinds of its named nodes, and a candidate for
    /// each string node, lowered as `extract` lowers a `@string` capture.
    fn parsed(source: &str) -> (Vec<&'static str>, Vec<String>) {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_php::LANGUAGE_PHP.into())
            .unwrap();
        let tree = parser.parse(source, None).unwrap();
        let ctx = Lowering::new(source, 0);
        let (mut kinds, mut strings) = (Vec::new(), Vec::new());
        let mut cursor = tree.walk();
        'walk: loop {
            let node = cursor.node();
            if node.is_named() || node.is_error() || node.is_missing() {
                kinds.push(node.kind());
            }
            if node.kind() == "string" {
                strings.push(format!(
                    "{:?}",
                    Candidate {
                        kind: CandidateKind::String,
                        expr: lower(node, &ctx),
                        bytes: (node.start_byte(), node.end_byte()),
                    }
                ));
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        (kinds, strings)
    }

    #[test]
    fn a_literal_table_reads_as_the_parser_reads_it() {
        // Nothing but strings and numbers: no name (a constant read), call, comment or
        // concatenation, so the strings are the file's only facts.
        const TABLE_KINDS: &[&str] = &[
            "program",
            "php_tag",
            "return_statement",
            "array_creation_expression",
            "array_element_initializer",
            "string",
            "string_content",
            "escape_sequence",
            "integer",
            "float",
            "unary_op_expression",
        ];
        for source in [
            "<?php\n\nreturn [\n    'Names' => [\n        'af' => 'Afrikaans',\n        'ka' => 'ქართული (საქართველო)',\n    ],\n];\n",
            "<?php return['x'];",
            "<?php\nreturn [];\n\n",
            "<?php\nreturn ['a' => 'b\\'c', 'd\\\\' => [1, -2, 3.25, 0, []], 'multi\nline',];\n",
            "<?php\nreturn ['/etc/x.php', 'WP_DEBUG', 'http://localhost:80', ' lead', '\\n\\\\'];\n",
            "<?php\r\nreturn [10 => ['nested' => ['x', 'y',],],];\r\n",
            "<?php\nreturn ['' => 'e', 'k' => ['a' => ['b' => 'c', 'd'], 'x'], 3 => 'n', 'k' => 'k'];\n",
        ] {
            let facts = literal_table(&Lowering::new(source, 0), false).expect(source);
            let (kinds, strings) = parsed(source);
            // Its keys and values stand where the tree's reading puts them.
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&tree_sitter_php::LANGUAGE_PHP.into())
                .unwrap();
            let tree = parser.parse(source, None).unwrap();
            let (keys, values) =
                super::super::document_keys(&DOCUMENT, tree.root_node(), &Lowering::new(source, 0));
            assert_eq!(format!("{:?}", facts.keys), format!("{keys:?}"), "{source:?}");
            assert_eq!(format!("{:?}", facts.values), format!("{values:?}"), "{source:?}");
            assert!(
                kinds.iter().all(|k| TABLE_KINDS.contains(k)),
                "{source:?}: {kinds:?}"
            );
            let ours: Vec<String> = facts.candidates.iter().map(|c| format!("{c:?}")).collect();
            assert_eq!(ours, strings, "{source:?}");
            assert!(facts.definitions.is_empty() && facts.reads.is_empty());
            // Leaving out unread strings as they are read, then dropping the rest, leaves
            // what dropping them all after does.
            let mut late = facts;
            late.drop_unread_strings();
            let mut early = literal_table(&Lowering::new(source, 0), true).expect(source);
            early.drop_unread_strings();
            assert_eq!(
                format!("{:?}", early.candidates),
                format!("{:?}", late.candidates),
                "{source:?}"
            );
            assert_eq!(early.unread_words, late.unread_words, "{source:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        for source in [
            "<?php\nreturn ['a' 'b'];\n",
            "<?php\nreturn [012, 'a'];\n",
            "<?php\nreturn [0x1F];\n",
            "<?php\nreturn ['a', TRUE];\n",
            "<?php\nreturn ['a' => FOO];\n",
            "<?php\nreturn ['a' => 'x']\n",
            "<?php\nreturn [,];\n",
            "<?php\nreturn ['unterminated];\n",
            "<?php\nreturn ['a', -'b'];\n",
            "<?php\nreturn [\"double\"];\n",
            "<?php\nreturn [b'x'];\n",
            "<?php\n// a comment\nreturn ['a'];\n",
            "<?php\nreturn array('a');\n",
            "<?php\nreturn ['a' . 'b'];\n",
            "<?php\nreturn ['a'];\n?>\n",
            "<?php\nRETURN ['a'];\n",
            "<?phpreturn ['a'];\n",
            "\u{feff}<?php\nreturn ['a'];\n",
            "<?php\n$x = ['a'];\n",
        ] {
            assert!(
                literal_table(&Lowering::new(source, 0), false).is_none(),
                "{source:?}"
            );
        }
    }
}
