; PHP: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  every string literal           @prose      strings that are prose, never paths
;   @path    an expression naming a path    @concat     an expression that may name a path
;   @def.name / @def.value  a constant, or a variable set at the top of a file
;   @comment    a comment
;   @directive  a php.ini directive name
;   @key.VOCABULARY  a setting name, checked against rules/VOCABULARY.txt
;   @address    a port number under a port key

(string) @string
(encapsed_string) @string
(comment) @comment

; require / include targets.
(require_expression (_) @path)
(require_once_expression (_) @path)
(include_expression (_) @path)
(include_once_expression (_) @path)

; Calls whose first argument is a file name.
(function_call_expression
  function: (name) @_fn
  arguments: (arguments . (argument (_) @path))
  (#any-of? @_fn "file_exists" "is_file" "is_dir" "is_readable" "file_get_contents" "file_put_contents" "fopen" "file" "readfile" "parse_ini_file" "load_template" "opendir" "scandir" "glob" "simplexml_load_file" "unlink" "filemtime" "filesize"))

; Concatenations such as __DIR__ . '/x.php' name paths when they start from a known folder.
(binary_expression operator: ".") @concat

; ini_set( 'directive', ... ) names a php.ini directive.
(function_call_expression
  function: (name) @_fn
  arguments: (arguments . (argument (string) @directive))
  (#any-of? @_fn "ini_set" "ini_get" "ini_restore" "ini_alter"))

; MediaWiki settings, set at the top of a file ($wgSitename = ..., $wgGroupPermissions[...] = ...).
(program (expression_statement (assignment_expression
  left: [(variable_name (name) @key.mediawiki-settings)
         (subscript_expression . (variable_name (name) @key.mediawiki-settings))
         (subscript_expression . (subscript_expression . (variable_name (name) @key.mediawiki-settings)))]
  (#match? @key.mediawiki-settings "^wg[A-Z]"))))

; phpMyAdmin settings ($cfg['LoginCookieValidity'] = ..., $cfg['Export']['charset'] = ...) and
; Roundcube's ($config['smtp_host'] = ...).
(assignment_expression
  left: [(subscript_expression . (variable_name (name) @_var) . (string) @key.phpmyadmin-settings)
         (subscript_expression . (subscript_expression . (variable_name (name) @_var) . (string) @key.phpmyadmin-settings))]
  (#eq? @_var "cfg"))
(assignment_expression
  left: [(subscript_expression . (variable_name (name) @_var) . (string) @key.roundcube-settings)
         (subscript_expression . (subscript_expression . (variable_name (name) @_var) . (string) @key.roundcube-settings))]
  (#eq? @_var "config"))

; A port written as a number under a key named like one ('port' => 3306,
; $cfg['Servers'][$i]['port'] = 3306).
(array_element_initializer
  (string) @_key
  (integer) @address
  (#match? @_key "^['\"]([A-Za-z_]*_)?([Pp]ort|PORT)['\"]$|^['\"][a-z]+Port['\"]$")
  (#not-match? @address "^0+$"))
(assignment_expression
  left: (subscript_expression (string) @_key .)
  right: (integer) @address
  (#match? @_key "^['\"]([A-Za-z_]*_)?([Pp]ort|PORT)['\"]$|^['\"][a-z]+Port['\"]$")
  (#not-match? @address "^0+$"))

; define( 'NAME', value ) and const NAME = value;
(function_call_expression
  function: (name) @_fn
  arguments: (arguments . (argument [(string) (encapsed_string)] @def.name) . (argument (_) @def.value))
  (#eq? @_fn "define"))
(const_declaration (const_element (name) @def.name (_) @def.value))

; A variable set at the top of a file ($vendorDir = dirname(__DIR__);) is known in that file.
(program (expression_statement (assignment_expression
  left: (variable_name) @def.name
  right: (_) @def.value)))

; Translations and messages are prose.
(function_call_expression
  function: (name) @_fn
  arguments: (arguments (argument [(string) (encapsed_string)] @prose))
  (#any-of? @_fn "__" "_e" "_x" "_ex" "_n" "_nx" "_n_noop" "_nx_noop" "esc_html__" "esc_html_e" "esc_html_x" "esc_attr__" "esc_attr_e" "esc_attr_x" "translate" "gettext" "_" "sprintf" "printf" "trigger_error" "_doing_it_wrong" "_deprecated_argument" "wp_die" "error_log" "die" "exit"))
(echo_statement [(string) (encapsed_string)] @prose)
(throw_expression (object_creation_expression (arguments (argument [(string) (encapsed_string)] @prose))))
