; YAML: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a scalar value (never a key)   @address  the value of an address key

(block_mapping_pair value: (flow_node) @string)
(flow_pair value: (flow_node) @string)
(block_sequence_item (flow_node) @string)
(flow_sequence (flow_node) @string)

; DATABASE_URL, REDIS_HOST, SMTP_PORT, API_URI: values that are addresses.
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node) @address
  (#match? @_key "^([Pp]ort|.*[_-]([Uu][Rr][LlIi]|[Hh][Oo][Ss][Tt]|[Pp][Oo][Rr][Tt])|.*[a-z0-9](Port|Host|Url|Uri))$"))
