; TOML: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a string value     @address  the value of an address key

(pair (string) @string)
(array (string) @string)

(pair
  (bare_key) @_key
  [(string) (integer)] @address
  (#match? @_key "^([Pp]ort|.*[_-]([Uu][Rr][LlIi]|[Hh][Oo][Ss][Tt]|[Pp][Oo][Rr][Tt])|.*[a-z0-9](Port|Host|Url|Uri))$"))
