; TOML: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a string value     @address  the value of an address key

(pair (string) @string)
(array (string) @string)

(pair
  (bare_key) @_key
  (string) @address
  (#match? @_key "(?i)(_url|_uri|_host|_port)$"))
