; .env files, read with the bash grammar. Capture names are the contract with extract.rs:
;   @string  a value     @address  the value of an address variable (DATABASE_URL, *_HOST, ...)

(variable_assignment value: (_) @string)

(variable_assignment
  name: (variable_name) @_name
  value: (_) @address
  (#match? @_name "(?i)(_url|_uri|_host|_port)$"))
