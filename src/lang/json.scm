; JSON: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a string value (never a key)     @address  the value of an address key

(pair value: (string) @string)
(array (string) @string)

(pair
  key: (string (string_content) @_key)
  value: (string) @address
  (#match? @_key "(?i)(_url|_uri|_host|_port)$"))
