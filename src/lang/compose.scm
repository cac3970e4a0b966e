; Docker Compose: what typo-gate reads. Capture names are the contract with extract.rs:
;   @string  a scalar value       @path     a value naming a file or folder
;   @key     a key of the compose specification (rules/compose-keys.txt)
;   @host    a service name (other services reach it as a host)
;   @address the value of an address variable (DATABASE_URL, REDIS_HOST, ...)

(block_mapping_pair value: (flow_node) @string)
(flow_pair value: (flow_node) @string)
(block_sequence_item (flow_node) @string)
(flow_sequence (flow_node) @string)

; Top-level keys: services, volumes, networks, configs, secrets, name, version.
(stream (document (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))

; services: NAME: — each name is a host, each key of its definition a compose key.
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @host))))))))
  (#eq? @_top "services"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))))))))
  (#eq? @_top "services"))

; Keys of a service's build, healthcheck, deploy, logging and develop sections.
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair
      key: (flow_node (plain_scalar) @_section)
      value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key))))))))))))))
  (#eq? @_top "services")
  (#any-of? @_section "build" "healthcheck" "deploy" "logging" "develop"))

; Values that name files and folders.
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node) @path
  (#any-of? @_key "build" "context" "dockerfile" "env_file" "file"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item
    (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)]) @path)))
  (#any-of? @_key "env_file" "volumes"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node (flow_sequence (flow_node) @path))
  (#any-of? @_key "env_file" "volumes"))

; The long syntax of a volume: `- type: bind` with its `source`, block or flow; compose.rs
; keeps the source of a bind mount only (a named volume's source is a name).
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item (block_node (block_mapping
    (block_mapping_pair
      key: (flow_node (plain_scalar) @_source)
      value: (flow_node) @path))))))
  (#eq? @_key "volumes")
  (#eq? @_source "source"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item (flow_node (flow_mapping
    (flow_pair
      key: (flow_node (plain_scalar) @_source)
      value: (flow_node) @path))))))
  (#eq? @_key "volumes")
  (#eq? @_source "source"))

; environment: {DATABASE_URL: ...} and environment: [DATABASE_URL=...]
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node) @address
  (#match? @_key "^([Pp]ort|.*[_-]([Uu][Rr][LlIi]|[Hh][Oo][Ss][Tt]|[Pp][Oo][Rr][Tt])|.*[a-z0-9](Port|Host|Url|Uri))$"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item (flow_node) @address)))
  (#eq? @_key "environment"))

; ports: ["8080:80", 3000-3005:3000-3005/tcp] and expose: a service's published ports.
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item (flow_node) @address)))
  (#any-of? @_key "ports" "expose"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node (flow_sequence (flow_node) @address))
  (#any-of? @_key "ports" "expose"))
