; JSON: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a string value (never a key)     @address  the value of an address key

(pair value: (string) @string)
(array (string) @string)

(pair
  key: (string (string_content) @_key)
  value: [(string) (number)] @address
  (#match? @_key "^([Pp]ort|.*[_-]([Uu][Rr][LlIi]|[Hh][Oo][Ss][Tt]|[Pp][Oo][Rr][Tt])|.*[a-z0-9](Port|Host|Url|Uri))$"))
