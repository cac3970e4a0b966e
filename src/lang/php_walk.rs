//! PHP: one walk of the tree that reports what `php.scm` captures. PHP trees are the
//! largest typo-gate reads (WordPress: 3.4 million nodes), and the query cursor visits a
//! node at twice the cost of a plain walk; this walk is that query, written out. Each arm
//! below names the pattern it stands for, and a test holds the two equal on every PHP
//! source of the test suite.
use std::sync::OnceLock;

use tree_sitter::Node;

use super::{Capture, Lowering, Role};

/// The node kinds the patterns name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arguments,
    Argument,
    ArrayElement,
    Assignment,
    Binary,
    ConstDeclaration,
    ConstElement,
    Echo,
    EncapsedString,
    ExpressionStatement,
    FunctionCall,
    /// A function, method, closure or class: its variables are not the file's.
    Function,
    Integer,
    Name,
    ObjectCreation,
    Program,
    Require,
    String,
    Subscript,
    Throw,
    VariableName,
}

/// Calls whose first argument is a file name.
const FILE_FUNCTIONS: &[&str] = &[
    "file_exists",
    "is_file",
    "is_dir",
    "is_readable",
    "file_get_contents",
    "file_put_contents",
    "fopen",
    "file",
    "readfile",
    "parse_ini_file",
    "load_template",
    "opendir",
    "scandir",
    "glob",
    "simplexml_load_file",
    "unlink",
    "filemtime",
    "filesize",
];

/// Calls whose first argument names a php.ini directive.
const INI_FUNCTIONS: &[&str] = &["ini_set", "ini_get", "ini_restore", "ini_alter"];

/// Calls whose string arguments are translations and messages.
const PROSE_FUNCTIONS: &[&str] = &[
    "__",
    "_e",
    "_x",
    "_ex",
    "_n",
    "_nx",
    "_n_noop",
    "_nx_noop",
    "esc_html__",
    "esc_html_e",
    "esc_html_x",
    "esc_attr__",
    "esc_attr_e",
    "esc_attr_x",
    "translate",
    "gettext",
    "_",
    "sprintf",
    "printf",
    "trigger_error",
    "_doing_it_wrong",
    "_deprecated_argument",
    "wp_die",
    "error_log",
    "die",
    "exit",
];

/// The kind of each node kind id of the grammar.
fn kinds() -> &'static [Option<Kind>] {
    static KINDS: OnceLock<Vec<Option<Kind>>> = OnceLock::new();
    KINDS.get_or_init(|| {
        super::kind_table(tree_sitter_php::LANGUAGE_PHP, |name| {
            Some(match name {
                "arguments" => Kind::Arguments,
                "argument" => Kind::Argument,
                "array_element_initializer" => Kind::ArrayElement,
                "assignment_expression" => Kind::Assignment,
                "binary_expression" => Kind::Binary,
                "const_declaration" => Kind::ConstDeclaration,
                "const_element" => Kind::ConstElement,
                "echo_statement" => Kind::Echo,
                "encapsed_string" => Kind::EncapsedString,
                "expression_statement" => Kind::ExpressionStatement,
                "function_call_expression" => Kind::FunctionCall,
                "integer" => Kind::Integer,
                "name" => Kind::Name,
                "object_creation_expression" => Kind::ObjectCreation,
                "program" => Kind::Program,
                "require_expression"
                | "require_once_expression"
                | "include_expression"
                | "include_once_expression" => Kind::Require,
                "string" => Kind::String,
                "subscript_expression" => Kind::Subscript,
                "throw_expression" => Kind::Throw,
                "variable_name" => Kind::VariableName,
                name if super::php::is_function_like(name) => Kind::Function,
                _ => return None,
            })
        })
    })
}

fn kind_of(node: Node) -> Option<Kind> {
    kinds().get(usize::from(node.kind_id())).copied().flatten()
}

fn is(node: Node, kind: Kind) -> bool {
    kind_of(node) == Some(kind)
}

fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    (0..node.named_child_count()).filter_map(move |i| node.named_child(i))
}

fn is_text(node: Node) -> bool {
    matches!(kind_of(node), Some(Kind::String | Kind::EncapsedString))
}

/// Reports the captures of every node of the tree.
pub fn walk<'t>(root: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    super::preorder(root, |node, ancestors| match kind_of(node) {
        None => {}
        // (name) @identifier
        Some(Kind::Name) => report(Capture::Identifier(node, ancestors.last().copied())),
        Some(Kind::Function) => {}
        Some(kind) => {
            let top_level = ancestors.len() == 1 && is(ancestors[0], Kind::Program);
            // What this node's captures lower lies where the node does.
            ctx.set_in_function(Some(ancestors.iter().any(|a| is(*a, Kind::Function))));
            visit(node, kind, top_level, ctx, report);
            ctx.set_in_function(None);
        }
    });
}

/// `top_level`: the node is a child of the file's `program`.
fn visit<'t>(
    node: Node<'t>,
    kind: Kind,
    top_level: bool,
    ctx: &Lowering,
    report: &mut dyn FnMut(Capture<'t>),
) {
    let mut emit = |node, role| report(Capture::Node(node, role));
    match kind {
        // (string) @string  (encapsed_string) @string
        Kind::String | Kind::EncapsedString => emit(node, Role::String),
        // (require_expression (_) @path), and include, require_once, include_once
        Kind::Require => named_children(node).for_each(|c| emit(c, Role::Path)),
        // (binary_expression operator: ".") @concat
        Kind::Binary
            if node
                .child_by_field_name("operator")
                .is_some_and(|o| o.kind() == ".") =>
        {
            emit(node, Role::Concat)
        }
        Kind::FunctionCall => call(node, ctx, report),
        Kind::ExpressionStatement if top_level => top_level_statement(node, ctx, report),
        Kind::Assignment => assignment(node, ctx, report),
        // (array_element_initializer (string) @_key (integer) @address)
        Kind::ArrayElement => {
            let children: Vec<Node> = named_children(node).collect();
            for (i, key) in children.iter().enumerate() {
                if !is(*key, Kind::String) || !is_port_key(ctx.text(*key)) {
                    continue;
                }
                for value in &children[i + 1..] {
                    if is(*value, Kind::Integer) && is_port_number(ctx.text(*value)) {
                        emit(*value, Role::Address);
                    }
                }
            }
        }
        // (const_declaration (const_element (name) @def.name (_) @def.value))
        Kind::ConstDeclaration => {
            for element in named_children(node).filter(|c| is(*c, Kind::ConstElement)) {
                let children: Vec<Node> = named_children(element).collect();
                for (i, name) in children.iter().enumerate() {
                    if is(*name, Kind::Name) {
                        for value in &children[i + 1..] {
                            report(Capture::Definition(*name, *value));
                        }
                    }
                }
            }
        }
        // (echo_statement [(string) (encapsed_string)] @prose)
        Kind::Echo => named_children(node)
            .filter(|c| is_text(*c))
            .for_each(|c| emit(c, Role::Prose)),
        // (throw_expression (object_creation_expression (arguments (argument
        //   [(string) (encapsed_string)] @prose))))
        Kind::Throw => {
            for creation in named_children(node).filter(|c| is(*c, Kind::ObjectCreation)) {
                for arguments in named_children(creation).filter(|c| is(*c, Kind::Arguments)) {
                    for argument in named_children(arguments).filter(|c| is(*c, Kind::Argument)) {
                        named_children(argument)
                            .filter(|c| is_text(*c))
                            .for_each(|c| emit(c, Role::Prose));
                    }
                }
            }
        }
        _ => {}
    }
}

/// `(function_call_expression function: (name) @_fn arguments: (arguments ...))`, for the
/// file, ini, `define` and prose patterns.
fn call<'t>(node: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    let Some(function) = node
        .child_by_field_name("function")
        .filter(|f| is(*f, Kind::Name))
    else {
        return;
    };
    let Some(arguments) = node
        .child_by_field_name("arguments")
        .filter(|a| is(*a, Kind::Arguments))
    else {
        return;
    };
    // `. (argument ...)`: the first named child, which must be an argument.
    let first = arguments.named_child(0).filter(|a| is(*a, Kind::Argument));
    let name = ctx.text(function);
    if FILE_FUNCTIONS.contains(&name) {
        // arguments: (arguments . (argument (_) @path))
        for child in first.into_iter().flat_map(named_children) {
            report(Capture::Node(child, Role::Path));
        }
    } else if INI_FUNCTIONS.contains(&name) {
        // arguments: (arguments . (argument (string) @directive))
        for child in first.into_iter().flat_map(named_children) {
            if is(child, Kind::String) {
                report(Capture::Node(child, Role::Directive));
            }
        }
    } else if name == "define" {
        // arguments: (arguments . (argument [(string) (encapsed_string)] @def.name)
        //                         . (argument (_) @def.value))
        let Some(first) = first else { return };
        let Some(second) = first
            .next_named_sibling()
            .filter(|a| is(*a, Kind::Argument))
        else {
            return;
        };
        for name in named_children(first).filter(|c| is_text(*c)) {
            for value in named_children(second) {
                report(Capture::Definition(name, value));
            }
        }
    } else if PROSE_FUNCTIONS.contains(&name) {
        // arguments: (arguments (argument [(string) (encapsed_string)] @prose))
        for argument in named_children(arguments).filter(|c| is(*c, Kind::Argument)) {
            for child in named_children(argument).filter(|c| is_text(*c)) {
                report(Capture::Node(child, Role::Prose));
            }
        }
    }
}

/// `(program (expression_statement (assignment_expression ...)))`: a variable set at the
/// top of a file, and MediaWiki's `$wg…` settings.
fn top_level_statement<'t>(node: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    for assignment in named_children(node).filter(|c| is(*c, Kind::Assignment)) {
        let Some(left) = assignment.child_by_field_name("left") else {
            continue;
        };
        // left: (variable_name) @def.name right: (_) @def.value
        if is(left, Kind::VariableName) {
            if let Some(right) = assignment.child_by_field_name("right") {
                report(Capture::Definition(left, right));
            }
        }
        // left: [(variable_name (name) @key) (subscript_expression . (variable_name ...))
        //        (subscript_expression . (subscript_expression . (variable_name ...)))]
        let variable = [0, 1, 2].into_iter().find_map(|depth| {
            let mut node = left;
            for _ in 0..depth {
                node = node.named_child(0).filter(|_| is(node, Kind::Subscript))?;
            }
            Some(node).filter(|n| is(*n, Kind::VariableName))
        });
        for name in variable.into_iter().flat_map(named_children) {
            if is(name, Kind::Name) && is_mediawiki_setting(ctx.text(name)) {
                report(Capture::Node(name, Role::KeyIn("mediawiki-settings")));
            }
        }
    }
}

/// Assignments anywhere: phpMyAdmin's `$cfg[…]` and Roundcube's `$config[…]` settings, and
/// a port written as a number under a port key.
fn assignment<'t>(node: Node<'t>, ctx: &Lowering, report: &mut dyn FnMut(Capture<'t>)) {
    let mut emit = |node, role| report(Capture::Node(node, role));
    let Some(left) = node
        .child_by_field_name("left")
        .filter(|l| is(*l, Kind::Subscript))
    else {
        return;
    };
    // left: [(subscript_expression . (variable_name (name) @_var) . (string) @key)
    //        (subscript_expression . (subscript_expression . (variable_name (name) @_var)
    //                                                      . (string) @key))]
    for subscript in [
        Some(left),
        left.named_child(0).filter(|c| is(*c, Kind::Subscript)),
    ]
    .into_iter()
    .flatten()
    {
        let Some(variable) = subscript
            .named_child(0)
            .filter(|c| is(*c, Kind::VariableName))
        else {
            continue;
        };
        let Some(key) = variable
            .next_named_sibling()
            .filter(|c| is(*c, Kind::String))
        else {
            continue;
        };
        for name in named_children(variable).filter(|c| is(*c, Kind::Name)) {
            match ctx.text(name) {
                "cfg" => emit(key, Role::KeyIn("phpmyadmin-settings")),
                "config" => emit(key, Role::KeyIn("roundcube-settings")),
                _ => {}
            }
        }
    }
    // left: (subscript_expression (string) @_key .) right: (integer) @address
    let last = left
        .named_child_count()
        .checked_sub(1)
        .and_then(|i| left.named_child(i));
    let right = node.child_by_field_name("right");
    if let (Some(key), Some(value)) = (last, right) {
        if is(key, Kind::String)
            && is(value, Kind::Integer)
            && is_port_key(ctx.text(key))
            && is_port_number(ctx.text(value))
        {
            emit(value, Role::Address);
        }
    }
}

/// `#match? @key "^wg[A-Z]"`
fn is_mediawiki_setting(name: &str) -> bool {
    name.strip_prefix("wg")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// `#match? @_key "^['\"]([A-Za-z_]*_)?([Pp]ort|PORT)['\"]$|^['\"][a-z]+Port['\"]$"`:
/// `'port'`, `'db_port'`, `'SMTP_PORT'`, `'proxyPort'`.
fn is_port_key(quoted: &str) -> bool {
    let quote = |b: u8| b == b'\'' || b == b'"';
    let bytes = quoted.as_bytes();
    if bytes.len() < 2 || !quote(bytes[0]) || !quote(bytes[bytes.len() - 1]) {
        return false;
    }
    let key = &quoted[1..quoted.len() - 1];
    let prefixed = |suffix: &str| {
        key.strip_suffix(suffix).is_some_and(|prefix| {
            prefix.is_empty()
                || (prefix.ends_with('_')
                    && prefix.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'))
        })
    };
    let camel = key
        .strip_suffix("Port")
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()));
    prefixed("port") || prefixed("Port") || prefixed("PORT") || camel
}

/// `#not-match? @address "^0+$"`
fn is_port_number(text: &str) -> bool {
    text.is_empty() || !text.bytes().all(|b| b == b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_keys_read_as_the_pattern_reads_them() {
        for key in [
            "'port'",
            "'Port'",
            "'PORT'",
            "'db_port'",
            "'SMTP_PORT'",
            "\"port\"",
            "'proxyPort'",
        ] {
            assert!(is_port_key(key), "{key}");
        }
        for key in [
            "'sport'",
            "'port_x'",
            "'ProxyPort'",
            "'db-port'",
            "port",
            "'",
            "'Port2'",
        ] {
            assert!(!is_port_key(key), "{key}");
        }
        assert!(is_port_number("3306") && !is_port_number("000"));
    }

    /// Every pattern of php.scm, and the ways a source can bend one: comments between
    /// arguments, named arguments, nesting, interpolation, syntax errors.
    const CASES: &[&str] = &[
        "<?php\nrequire_once __DIR__ . '/wp-load.php';\ninclude 'a.php'; require('b' . 'c.php'); include_once ABSPATH . WPINC . '/x.php';\n",
        "<?php\nif (file_exists(dirname(__FILE__) . '/config.php')) { $x = file_get_contents(filename: 'a.txt'); }\nfopen(/* c */ 'f.log', 'w'); glob();\n",
        "<?php\nini_set('display_errors', '0'); ini_get(\"memory_limit\"); ini_set(/* x */ 'a', 1);\n",
        "<?php\ndefine('WP_DEBUG', true); define(\"ABSPATH\", __DIR__ . '/'); define('A'); define(/* c */ 'B', 1); define('C', /* c */ 2); \\define('D', 3);\nconst E = 1, F = G; class K { const H = 1; }\n",
        "<?php\n$vendorDir = dirname(__DIR__); $baseDir = $vendorDir . '/lib'; function f() { $inner = 1; }\n",
        "<?php\n$dir = __DIR__;\nfunction f() { require $dir . '/a.php'; }\nclass C { function m() { return $dir . '/b.php'; } }\n$g = function () use ($dir) { return $dir . '/c.php'; };\n$h = fn() => $dir . '/d.php';\nrequire $dir . '/e.php';\n",
        "<?php\n$wgSitename = 'x'; $wgGroupPermissions['*']['read'] = true; $wgA['b']['c']['d'] = 1; $notwg = 1; $wgx = 2;\n",
        "<?php\n$cfg['LoginCookieValidity'] = 1440; $cfg['Export']['charset'] = 'utf-8'; $cfg['Servers'][$i]['port'] = 3306; $config['smtp_host'] = 'x'; $other['a'] = 1;\n",
        "<?php\n$db = ['port' => 3306, 'db_port' => '5432', 'PORT' => 0, 'x' => 1, 'proxyPort' => 8080]; $c['redis_port'] = 6379; $c['port'] = 00;\n",
        "<?php\necho 'Hello /world', \"x\"; throw new Exception('Failed at /srv/x'); throw new E(\"a\", 'b'); __('a/b'); sprintf(\"%s/%s\", 'a', 'b'); $x->sprintf('no');\n",
        "<?php\n$x = \"interpolated {$a} /path/$b.php\"; $y = <<<EOT\nheredoc /x\nEOT;\n$z = 'a' . \"b\" . PHP_EOL . ('c' . 'd');\n",
        "<?php\nif ($x instanceof FOO) {} $a = FOO_BAR + Foo::BAZ; namespace\\X; use A\\B; new QUX(); function NAME() {} goto LABEL; LABEL: echo BAR;\n",
        "<?php\nfunction (\n  require 'broken.php'\n$cfg['x' = 1; define('X', ;\n",
        "<html><?php echo 'x'; ?>\n<p>text /a/b.php</p>\n<?php include 'footer.php'; ?>\n",
        "<?php\nplugin_dir_path(__FILE__) . 'inc/x.php'; trailingslashit(WP_CONTENT_DIR) . 'plugins'; realpath(__DIR__ . '/..') . DIRECTORY_SEPARATOR . 'a';\n",
    ];

    #[test]
    fn the_walk_captures_what_the_query_captures() {
        crate::lang::testing::assert_walk_is_query("php", "php", CASES);
    }
}
