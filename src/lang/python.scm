; Python: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  every string literal           @prose      strings that are prose, never paths
;   @path    an expression naming a path    @concat     an expression that may name a path
;   @def.name / @def.value  a module-level constant   @comment  a comment

(string) @string
(comment) @comment

; os.path.join(a, b, ...) and friends: the whole call is one path.
(call
  function: (attribute object: (_) @_module attribute: (identifier) @_fn)
  (#match? @_module "(^|\\.)(path|posixpath|ntpath)$")
  (#eq? @_fn "join")) @path

; Path(a, 'b', 'c') joins its arguments.
(call
  function: [(identifier) @_fn (attribute attribute: (identifier) @_fn)]
  arguments: (argument_list . (_))
  (#any-of? @_fn "Path" "PurePath" "PosixPath")) @path

; Calls whose first argument is a file name.
(call
  function: (identifier) @_fn
  arguments: (argument_list . (_) @path)
  (#any-of? @_fn "open" "run_path" "load_source" "execfile" "FileSystemStorage" "read_csv" "load_dotenv" "dotenv_values" "read_env" "fileConfig"))
(call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list . (_) @path)
  (#any-of? @_fn "open" "run_path" "load_source" "isfile" "isdir" "exists" "dirname" "abspath" "realpath" "read_env" "load_dotenv" "fileConfig" "read_file" "add_section_file"))

; base / "static" / "css"
(binary_operator operator: "/" right: (string)) @path

; 'manage.py ' + args, 'a' 'b': a string joined to another piece is read with it.
(binary_operator left: (string) operator: "+") @concat
(binary_operator operator: "+" right: (string)) @concat
(concatenated_string) @concat

; Module-level assignments define constants other files may use.
(module
  (expression_statement
    (assignment left: (identifier) @def.name right: (_) @def.value)))

; Docstrings, messages and translations are prose.
(module . (expression_statement (string) @prose))
(block . (expression_statement (string) @prose))
(call
  function: (identifier) @_fn
  arguments: (argument_list (string) @prose)
  (#any-of? @_fn "_" "gettext" "gettext_lazy" "ngettext" "ngettext_lazy" "pgettext" "pgettext_lazy" "gettext_noop" "print" "ValueError" "TypeError" "RuntimeError" "ImproperlyConfigured" "Exception" "warn"))
(call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @prose)
  (#any-of? @_fn "debug" "info" "warning" "warn" "error" "exception" "critical" "write" "format"))
