//! A small, language-neutral picture of path expressions, and its evaluation.
//!
//! Each language lowers its syntax tree into [`Expr`]; evaluation then knows nothing of
//! Python or PHP. A value is anchored when it is known relative to the repository root
//! (it started from `__file__`, `__DIR__` or a constant built from them).
use std::collections::HashMap;
use std::sync::Arc;

use crate::finding::Span;

/// A string literal as written in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lit {
    /// The value of the literal (escapes decoded).
    pub text: String,
    /// Which file it stands in (index into the run's file list).
    pub file: usize,
    /// Where the literal's content (inside the quotes) stands.
    pub span: Span,
    /// True when `text` is byte for byte the source between the quotes, so a
    /// suggestion can replace it verbatim.
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Lit(Arc<Lit>),
    /// The folder of the current file (`__DIR__`, `dirname(__FILE__)`).
    FileDir,
    /// The current file (`__FILE__`, `__file__`).
    File,
    /// A constant or module-level variable, resolved through the symbol table.
    Name(String),
    /// The folder separator, `/` where sites are deployed (`DIRECTORY_SEPARATOR`).
    Separator,
    /// The parent folder of a path (`dirname()`, `.parent`).
    Dirname(Box<Expr>),
    /// Path joining: `os.path.join(a, b)`, `a / b`.
    Join(Vec<Expr>),
    /// String concatenation: `a . b`, `a + b`, f-strings.
    Concat(Vec<Expr>),
    /// A dictionary or keyed array with string keys: `{"ENGINE": ...}`, `['driver' => ...]`.
    Dict(Vec<(Arc<Lit>, Expr)>),
    /// A list, tuple or unkeyed array.
    List(Vec<Expr>),
    /// Anything the evaluator cannot see through.
    Unknown,
}

impl Expr {
    /// Every literal inside the expression, in source order.
    pub fn literals(&self) -> Vec<&Arc<Lit>> {
        let mut out = Vec::new();
        self.collect_literals(&mut out);
        out
    }

    fn collect_literals<'a>(&'a self, out: &mut Vec<&'a Arc<Lit>>) {
        match self {
            Expr::Lit(lit) => out.push(lit),
            Expr::Dirname(inner) => inner.collect_literals(out),
            Expr::Join(parts) | Expr::Concat(parts) => {
                parts.iter().for_each(|p| p.collect_literals(out))
            }
            Expr::FileDir | Expr::File | Expr::Name(_) | Expr::Separator | Expr::Unknown => {}
            Expr::Dict(_) | Expr::List(_) => {}
        }
    }

    /// True when the folder separator is written in it: a value built with
    /// `DIRECTORY_SEPARATOR` is a path, whatever else it holds.
    pub fn mentions_separator(&self) -> bool {
        match self {
            Expr::Separator => true,
            Expr::Dirname(inner) => inner.mentions_separator(),
            Expr::Join(parts) | Expr::Concat(parts) => parts.iter().any(Expr::mentions_separator),
            _ => false,
        }
    }

    /// True when evaluation may produce a root-anchored path.
    pub fn mentions_anchor(&self) -> bool {
        match self {
            Expr::FileDir | Expr::File | Expr::Name(_) => true,
            Expr::Dirname(inner) => inner.mentions_anchor(),
            Expr::Join(parts) | Expr::Concat(parts) => parts.iter().any(Expr::mentions_anchor),
            Expr::Lit(_) | Expr::Separator | Expr::Unknown | Expr::Dict(_) | Expr::List(_) => false,
        }
    }
}

/// Stands for a part of a value the evaluator could not know.
pub const UNKNOWN: char = '\u{FFFF}';

/// One stretch of an evaluated value and the literal it came from.
#[derive(Debug, Clone)]
pub struct Piece {
    pub range: std::ops::Range<usize>,
    pub lit: Option<Arc<Lit>>,
}

/// The result of evaluating an expression.
#[derive(Debug, Clone, Default)]
pub struct Value {
    /// When true, `text` is a path relative to the repository root, written with a
    /// leading `/` (the root itself is `/`).
    pub anchored: bool,
    pub text: String,
    pub pieces: Vec<Piece>,
}

impl Value {
    pub fn literal(lit: &Arc<Lit>) -> Value {
        Value {
            anchored: false,
            text: lit.text.clone(),
            pieces: vec![Piece {
                range: 0..lit.text.len(),
                lit: Some(lit.clone()),
            }],
        }
    }

    fn anchored(path: String) -> Value {
        Value {
            anchored: true,
            pieces: vec![Piece {
                range: 0..path.len(),
                lit: None,
            }],
            text: path,
        }
    }

    fn unknown() -> Value {
        let text = UNKNOWN.to_string();
        Value {
            anchored: false,
            pieces: vec![Piece {
                range: 0..text.len(),
                lit: None,
            }],
            text,
        }
    }

    fn push(&mut self, other: Value) {
        if self.text.is_empty() && self.pieces.is_empty() {
            *self = other;
            return;
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.pieces.extend(other.pieces.into_iter().map(|p| Piece {
            range: p.range.start + offset..p.range.end + offset,
            lit: p.lit,
        }));
    }

    /// The literal a byte range of the value lies in entirely, if any.
    pub fn literal_at(&self, range: &std::ops::Range<usize>) -> Option<(&Arc<Lit>, usize)> {
        self.pieces.iter().find_map(|p| {
            let lit = p.lit.as_ref()?;
            (p.range.start <= range.start && range.end <= p.range.end)
                .then(|| (lit, range.start - p.range.start))
        })
    }

    pub fn is_fully_known(&self) -> bool {
        !self.text.contains(UNKNOWN)
    }
}

/// Definitions visible to one file: its own first, then the repository's unambiguous ones.
pub struct Scope<'a> {
    pub file: usize,
    /// Root-relative path of the file, without a leading slash.
    pub file_path: &'a str,
    pub symbols: &'a Symbols,
}

/// Constants and module-level names, from every file of the run.
#[derive(Default)]
pub struct Symbols {
    /// (file, name) → definition in that file.
    local: HashMap<(usize, String), Expr>,
    /// name → the definition, when every file that defines it agrees (or only one does).
    global: HashMap<String, (usize, Expr)>,
    /// Root-relative paths of the files, so a definition is evaluated in its own file.
    paths: Vec<String>,
}

impl Symbols {
    pub fn new(
        paths: Vec<String>,
        definitions: impl IntoIterator<Item = (usize, String, Expr)>,
    ) -> Self {
        // Definitions that need no other name evaluate on their own: `__DIR__ . '/'` in
        // wp-load.php and `dirname(__DIR__) . '/'` in wp-admin/x.php both name the root.
        let bare = Symbols {
            paths,
            ..Symbols::default()
        };
        let own_value = |file: usize, expr: &Expr| {
            let value = evaluate(
                expr,
                file,
                bare.path(file),
                &bare,
                0,
                &mut MAX_STEPS.clone(),
            );
            value
                .is_fully_known()
                .then_some((value.anchored, value.text))
        };
        let mut local = HashMap::new();
        type Agreed = Option<(usize, Expr, Option<(bool, String)>)>;
        let mut global: HashMap<String, Agreed> = HashMap::new();
        // A variable (`$dir`) is known only in its file, and only when it is set once there.
        let definitions: Vec<(usize, String, Expr)> = definitions.into_iter().collect();
        let mut variables: HashMap<(usize, &str), usize> = HashMap::new();
        for (file, name, _) in definitions.iter().filter(|d| is_variable(&d.1)) {
            *variables.entry((*file, name.as_str())).or_default() += 1;
        }
        for (file, name, expr) in &definitions {
            if is_variable(name) {
                if variables[&(*file, name.as_str())] == 1 {
                    local.insert((*file, name.clone()), expr.clone());
                }
                continue;
            }
            let (file, name, expr) = (*file, name.clone(), expr.clone());
            // The first definition in a file wins, as for PHP's define().
            local
                .entry((file, name.clone()))
                .or_insert_with(|| expr.clone());
            let value = own_value(file, &expr);
            global
                .entry(name)
                .and_modify(|known| {
                    let Some((_, e, v)) = known.as_ref() else {
                        return;
                    };
                    if same_shape(e, &expr) || (v.is_some() && *v == value) {
                        return;
                    }
                    // A hard-coded install folder (`'/usr/share/wordpress/'`) names where
                    // this tree is deployed: the definition from the tree itself stands.
                    if is_install_folder(&value) && in_tree(v) {
                        return;
                    }
                    *known = (is_install_folder(v) && in_tree(&value))
                        .then(|| (file, expr.clone(), value.clone()));
                })
                .or_insert(Some((file, expr, value)));
        }
        let global = global
            .into_iter()
            .filter_map(|(name, def)| def.map(|(file, expr, _)| (name, (file, expr))))
            .collect();
        Symbols {
            local,
            global,
            paths: bare.paths,
        }
    }

    pub fn path(&self, file: usize) -> &str {
        &self.paths[file]
    }

    fn lookup(&self, file: usize, name: &str) -> Option<(usize, &Expr)> {
        if let Some(expr) = self.local.get(&(file, name.to_string())) {
            return Some((file, expr));
        }
        self.global.get(name).map(|(f, e)| (*f, e))
    }
}

/// `$name`: a variable, not a constant.
fn is_variable(name: &str) -> bool {
    name.starts_with('$')
}

/// An absolute folder written out, outside the tree: `/usr/share/wordpress/`.
fn is_install_folder(value: &Option<(bool, String)>) -> bool {
    matches!(value, Some((false, text)) if text.starts_with('/') && text.ends_with('/'))
}

/// A value that names a place in the tree (`__DIR__ . '/'`).
fn in_tree(value: &Option<(bool, String)>) -> bool {
    matches!(value, Some((true, _)))
}

/// Two definitions agree when they are written alike, literals compared by text.
fn same_shape(a: &Expr, b: &Expr) -> bool {
    match (a, b) {
        (Expr::Lit(x), Expr::Lit(y)) => x.text == y.text,
        (Expr::Dirname(x), Expr::Dirname(y)) => same_shape(x, y),
        (Expr::Join(x), Expr::Join(y)) | (Expr::Concat(x), Expr::Concat(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_shape(a, b))
        }
        (Expr::Name(x), Expr::Name(y)) => x == y,
        (Expr::FileDir, Expr::FileDir)
        | (Expr::File, Expr::File)
        | (Expr::Separator, Expr::Separator) => true,
        _ => false,
    }
}

const MAX_DEPTH: usize = 24;

/// How many expression nodes one evaluation may visit. A name may stand twice in a
/// definition (`A = B + B`, `B = C + C`, …), so without a budget a few lines of
/// definitions evaluate to a value of exponential size; a real path takes a few dozen.
const MAX_STEPS: usize = 2_000;

impl Scope<'_> {
    pub fn evaluate(&self, expr: &Expr) -> Value {
        evaluate(
            expr,
            self.file,
            self.file_path,
            self.symbols,
            0,
            &mut MAX_STEPS.clone(),
        )
    }
}

fn evaluate(
    expr: &Expr,
    file: usize,
    file_path: &str,
    symbols: &Symbols,
    depth: usize,
    steps: &mut usize,
) -> Value {
    if depth > MAX_DEPTH || *steps == 0 {
        return Value::unknown();
    }
    *steps -= 1;
    let mut eval = |e: &Expr| evaluate(e, file, file_path, symbols, depth + 1, steps);
    match expr {
        Expr::Lit(lit) => Value::literal(lit),
        Expr::File => Value::anchored(format!("/{file_path}")),
        Expr::Separator => Value {
            anchored: false,
            text: "/".into(),
            pieces: vec![Piece {
                range: 0..1,
                lit: None,
            }],
        },
        Expr::FileDir => Value::anchored(parent_of(&format!("/{file_path}"))),
        Expr::Name(name) => match symbols.lookup(file, name) {
            Some((def_file, def)) => evaluate(
                def,
                def_file,
                symbols.path(def_file),
                symbols,
                depth + 1,
                steps,
            ),
            None => Value::unknown(),
        },
        Expr::Dirname(inner) => {
            let value = eval(inner);
            if value.anchored && value.is_fully_known() {
                Value::anchored(parent_of(&value.text))
            } else {
                Value::unknown()
            }
        }
        Expr::Concat(parts) => {
            let mut out = Value::default();
            for (i, part) in parts.iter().enumerate() {
                let value = eval(part);
                if i == 0 {
                    out = value;
                } else {
                    out.push(value);
                }
            }
            out
        }
        Expr::Join(parts) => {
            let mut out = Value::default();
            for (i, part) in parts.iter().enumerate() {
                let value = eval(part);
                if i == 0 {
                    out = value;
                } else if value.text.starts_with('/') {
                    // os.path.join and pathlib restart at an absolute component.
                    out = value;
                } else {
                    if !out.text.ends_with('/') {
                        out.push(Value {
                            anchored: false,
                            text: "/".into(),
                            pieces: Vec::new(),
                        });
                    }
                    out.push(value);
                }
            }
            out
        }
        Expr::Unknown | Expr::Dict(_) | Expr::List(_) => Value::unknown(),
    }
}

/// `/a/b/c` → `/a/b`; `/a` → `/`; trailing slashes are ignored.
fn parent_of(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(0) | None => "/".to_string(),
        Some(i) => trimmed[..i].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> Expr {
        Expr::Lit(Arc::new(Lit {
            text: text.into(),
            file: 0,
            span: Span::default(),
            exact: true,
        }))
    }

    #[test]
    fn wordpress_style_constants_resolve_across_files() {
        let symbols = Symbols::new(
            vec!["wp-load.php".into(), "wp-settings.php".into()],
            vec![
                (
                    0,
                    "ABSPATH".into(),
                    Expr::Concat(vec![Expr::FileDir, lit("/")]),
                ),
                (1, "WPINC".into(), lit("wp-includes")),
            ],
        );
        let scope = Scope {
            file: 1,
            file_path: "wp-settings.php",
            symbols: &symbols,
        };
        let value = scope.evaluate(&Expr::Concat(vec![
            Expr::Name("ABSPATH".into()),
            Expr::Name("WPINC".into()),
            lit("/class-wp-hook.php"),
        ]));
        assert!(value.anchored);
        assert_eq!(value.text, "//wp-includes/class-wp-hook.php");
    }

    #[test]
    fn django_base_dir_is_two_folders_up() {
        let symbols = Symbols::new(
            vec!["shop/shop/settings.py".into()],
            vec![(
                0,
                "BASE_DIR".into(),
                Expr::Dirname(Box::new(Expr::Dirname(Box::new(Expr::File)))),
            )],
        );
        let scope = Scope {
            file: 0,
            file_path: "shop/shop/settings.py",
            symbols: &symbols,
        };
        let value = scope.evaluate(&Expr::Join(vec![
            Expr::Name("BASE_DIR".into()),
            lit("static/"),
        ]));
        assert!(value.anchored);
        assert_eq!(value.text, "/shop/static/");
        let (found, offset) = value.literal_at(&(6..13)).unwrap();
        assert_eq!((found.text.as_str(), offset), ("static/", 0));
    }

    #[test]
    fn conflicting_definitions_are_not_global() {
        let symbols = Symbols::new(
            vec!["a.php".into(), "b.php".into(), "c.php".into()],
            vec![(0, "DIR".into(), lit("x")), (1, "DIR".into(), lit("y"))],
        );
        let scope = Scope {
            file: 2,
            file_path: "c.php",
            symbols: &symbols,
        };
        assert!(!scope.evaluate(&Expr::Name("DIR".into())).is_fully_known());
    }

    #[test]
    fn self_reference_does_not_loop() {
        let symbols = Symbols::new(
            vec!["a.py".into()],
            vec![(0, "A".into(), Expr::Name("A".into()))],
        );
        let scope = Scope {
            file: 0,
            file_path: "a.py",
            symbols: &symbols,
        };
        assert!(!scope.evaluate(&Expr::Name("A".into())).is_fully_known());
    }

    #[test]
    fn a_name_written_many_times_in_its_own_definition_evaluates_in_bounded_work() {
        // `A = join(A, A, A, A, "x")`: each level multiplies the work by four.
        let parts = vec![Expr::Name("A".into()); 4]
            .into_iter()
            .chain([lit("x")])
            .collect();
        let symbols = Symbols::new(
            vec!["a.py".into()],
            vec![(0, "A".into(), Expr::Join(parts))],
        );
        let scope = Scope {
            file: 0,
            file_path: "a.py",
            symbols: &symbols,
        };
        let value = scope.evaluate(&Expr::Name("A".into()));
        assert!(!value.is_fully_known());
        assert!(
            value.pieces.len() <= MAX_STEPS * 2,
            "{}",
            value.pieces.len()
        );
    }
}
