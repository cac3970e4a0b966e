//! Python: one walk of the tree that reports what `python.scm` captures, as PHP's does
//! (see `php_walk.rs`). Each arm names the pattern it stands for; a test holds the two equal.
use std::sync::OnceLock;

use tree_sitter::Node;

use super::{Capture, Lowering, Role};

/// The node kinds the patterns name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ArgumentList,
    Assignment,
    Attribute,
    BinaryOperator,
    Block,
    Call,
    ConcatenatedString,
    ExpressionStatement,
    Identifier,
    Module,
    String,
}

/// `Path(a, 'b')` and its kin join their arguments.
const PATH_CLASSES: &[&str] = &["Path", "PurePath", "PosixPath"];

/// Functions whose first argument is a file name.
const FILE_FUNCTIONS: &[&str] = &[
    "open",
    "run_path",
    "load_source",
    "execfile",
    "FileSystemStorage",
    "read_csv",
    "load_dotenv",
    "dotenv_values",
    "read_env",
    "fileConfig",
];

/// Methods whose first argument is a file name.
const FILE_METHODS: &[&str] = &[
    "open",
    "run_path",
    "load_source",
    "isfile",
    "isdir",
    "exists",
    "dirname",
    "abspath",
    "realpath",
    "read_env",
    "load_dotenv",
    "fileConfig",
    "read_file",
    "add_section_file",
];

/// Functions whose string arguments are translations and messages.
const PROSE_FUNCTIONS: &[&str] = &[
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "gettext_noop",
    "print",
    "ValueError",
    "TypeError",
    "RuntimeError",
    "ImproperlyConfigured",
    "Exception",
    "warn",
];

/// Methods whose first argument is a message.
const PROSE_METHODS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "write",
    "format",
];

fn kind_of(node: Node) -> Option<Kind> {
    static KINDS: OnceLock<Vec<Option<Kind>>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        super::kind_table(tree_sitter_python::LANGUAGE, |name| {
            Some(match name {
                "argument_list" => Kind::ArgumentList,
                "assignment" => Kind::Assignment,
                "attribute" => Kind::Attribute,
                "binary_operator" => Kind::BinaryOperator,
                "block" => Kind::Block,
                "call" => Kind::Call,
                "concatenated_string" => Kind::ConcatenatedString,
                "expression_statement" => Kind::ExpressionStatement,
                "identifier" => Kind::Identifier,
                "module" => Kind::Module,
                "string" => Kind::String,
                _ => return None,
            })
        })
    });
    kinds.get(usize::from(node.kind_id())).copied().flatten()
}

fn is(node: Node, kind: Kind) -> bool {
    kind_of(node) == Some(kind)
}

fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    (0..node.named_child_count()).filter_map(move |i| node.named_child(i))
}

/// Reports the captures of every node of the tree.
pub fn walk<'t>(root: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    super::preorder(root, |node, ancestors| {
        let Some(kind) = kind_of(node) else { return };
        let mut emit = |node: Node<'t>, role| report(Capture::Node(node, role));
        match kind {
            // (string) @string
            Kind::String => emit(node, Role::String),
            // (identifier) @identifier
            Kind::Identifier => report(Capture::Identifier(node, ancestors.last().copied())),
            Kind::Call => call(node, ctx, &mut emit),
            // (binary_operator operator: "/" right: (string)) @path
            Kind::BinaryOperator
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|o| o.kind() == "/")
                    && node
                        .child_by_field_name("right")
                        .is_some_and(|r| is(r, Kind::String)) =>
            {
                emit(node, Role::Path)
            }
            // (binary_operator left: (string) operator: "+") @concat
            // (binary_operator operator: "+" right: (string)) @concat
            Kind::BinaryOperator
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|o| o.kind() == "+")
                    && ["left", "right"].into_iter().any(|side| {
                        node.child_by_field_name(side)
                            .is_some_and(|c| is(c, Kind::String))
                    }) =>
            {
                emit(node, Role::Concat)
            }
            // (concatenated_string) @concat
            Kind::ConcatenatedString => emit(node, Role::Concat),
            // (module (expression_statement (assignment left: (identifier) @def.name
            //                                           right: (_) @def.value)))
            Kind::ExpressionStatement if ancestors.last().is_some_and(|p| is(*p, Kind::Module)) => {
                for assignment in named_children(node).filter(|c| is(*c, Kind::Assignment)) {
                    let left = assignment.child_by_field_name("left");
                    let right = assignment.child_by_field_name("right");
                    if let (Some(left), Some(right)) = (left, right) {
                        if is(left, Kind::Identifier) && right.is_named() {
                            report(Capture::Definition(left, right));
                        }
                    }
                }
            }
            // (module . (expression_statement (string) @prose))
            // (block . (expression_statement (string) @prose))
            Kind::Module | Kind::Block => {
                if let Some(first) = node
                    .named_child(0)
                    .filter(|c| is(*c, Kind::ExpressionStatement))
                {
                    named_children(first)
                        .filter(|c| is(*c, Kind::String))
                        .for_each(|c| emit(c, Role::Prose));
                }
            }
            _ => {}
        }
    });
}

/// The call patterns: `os.path.join(...)`, `Path(...)`, file functions and methods, and
/// messages.
fn call<'t>(node: Node<'t>, ctx: &Lowering, emit: &mut dyn FnMut(Node<'t>, Role)) {
    let Some(function) = node.child_by_field_name("function") else {
        return;
    };
    let arguments = node
        .child_by_field_name("arguments")
        .filter(|a| is(*a, Kind::ArgumentList));
    // The name called: `open` in `open(...)`, and in `io.open(...)` as a method.
    let (name, method) = match kind_of(function) {
        Some(Kind::Identifier) => (ctx.text(function), false),
        Some(Kind::Attribute) => match function
            .child_by_field_name("attribute")
            .filter(|a| is(*a, Kind::Identifier))
        {
            Some(attribute) => (ctx.text(attribute), true),
            None => return,
        },
        _ => return,
    };
    // (call function: (attribute object: (_) @_module attribute: (identifier) @_fn)
    //   (#match? @_module "(^|\\.)(path|posixpath|ntpath)$") (#eq? @_fn "join")) @path
    if method
        && name == "join"
        && function
            .child_by_field_name("object")
            .is_some_and(|o| o.is_named() && is_path_module(ctx.text(o)))
    {
        emit(node, Role::Path);
    }
    let Some(arguments) = arguments else { return };
    let first = arguments.named_child(0);
    // (call function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]
    //   arguments: (argument_list . (_)) (#any-of? @_fn "Path" ...)) @path
    if PATH_CLASSES.contains(&name) && first.is_some() {
        emit(node, Role::Path);
    }
    // (call function: (identifier) @_fn arguments: (argument_list . (_) @path) ...), and
    // the same with (attribute attribute: (identifier) @_fn)
    let files = if method { FILE_METHODS } else { FILE_FUNCTIONS };
    if let Some(first) = first.filter(|_| files.contains(&name)) {
        emit(first, Role::Path);
    }
    if method {
        // arguments: (argument_list . (string) @prose)
        if let Some(first) = first.filter(|f| is(*f, Kind::String)) {
            if PROSE_METHODS.contains(&name) {
                emit(first, Role::Prose);
            }
        }
    } else if PROSE_FUNCTIONS.contains(&name) {
        // arguments: (argument_list (string) @prose)
        named_children(arguments)
            .filter(|c| is(*c, Kind::String))
            .for_each(|c| emit(c, Role::Prose));
    }
}

/// `#match? @_module "(^|\\.)(path|posixpath|ntpath)$"`
fn is_path_module(text: &str) -> bool {
    ["path", "posixpath", "ntpath"].iter().any(|module| {
        text.strip_suffix(module)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    })
}

#[cfg(test)]
mod tests {
    /// Every pattern of python.scm, and the ways a source can bend one.
    const CASES: &[&str] = &[
        "\"\"\"Module doc /a/b.\"\"\"\nimport os\nBASE_DIR = os.path.dirname(os.path.abspath(__file__))\nSTATIC_ROOT = os.path.join(BASE_DIR, 'static/')\nX: int = 1\na = b = 'c'\n",
        "# a comment first\n\"\"\"not a docstring /x\"\"\"\nfrom pathlib import Path\nROOT = Path(__file__).resolve().parent\nMEDIA = ROOT / 'media' / \"x.css\"\np = pathlib.Path('a', 'b.py')\nq = Path()\n",
        "def f():\n    '''doc /x/y.py'''\n    open('settings.py')\n    io.open(f'{x}/a.txt', 'r')\n    os.path.exists(path='a')\n    posixpath.join('a', 'b')\n    mypath.join('a')\n    x.os.path.join('c')\n",
        "print('Hello /world', \"/x\")\nlogger.info('started %s', '/var/log/x.log')\nlogger.info(msg)\n_('Translate /me')\nraise ValueError('bad /path')\nself.stdout.write('/x')\n'{}/{}'.format(a, b)\n",
        "class A:\n    '''Doc.'''\n    DEBUG = True\n    def g(self):\n        return settings.STATIC_URL + 'x'\nimport a.B_C as D\nf(KEY=1)\nif X_Y: pass\n",
        "open(\n  # why\n  'a.txt')\nPath(# c\n)\nload_dotenv(dotenv_path=BASE_DIR / '.env')\nrb'bytes /x'\nb = r'raw\\path/x.py'\n",
        "def broken(:\n    open('x.py'\nBASE = 'a'\n",
    ];

    #[test]
    fn the_walk_captures_what_the_query_captures() {
        crate::lang::testing::assert_walk_is_query("python", "py", CASES);
    }
}
