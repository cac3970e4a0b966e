; GitHub Actions workflows: what typo-gate reads. Capture names are the contract with
; extract.rs:
;   @string  a scalar value       @path     a local action or a working directory
;   @key     a key of the workflow syntax or an event name (rules/github-workflow-keys.txt)
;   @host    a service container (steps reach it as a host)
;   @address the value of an address variable (DATABASE_URL, REDIS_HOST, ...)

(block_mapping_pair value: (flow_node) @string)
(flow_pair value: (flow_node) @string)
(block_sequence_item (flow_node) @string)
(flow_sequence (flow_node) @string)

; Top-level keys.
(stream (document (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))

; on: events and their filters.
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key))))))))
  (#eq? @_top "on"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))))))))
  (#eq? @_top "on"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (flow_node (flow_sequence (flow_node) @key)))))))
  (#eq? @_top "on"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_sequence (block_sequence_item (flow_node) @key))))))))
  (#eq? @_top "on"))

; jobs: ID: — the keys of each job, of its steps and of its strategy, container and services.
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))))))))
  (#eq? @_top "jobs"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair
      key: (flow_node (plain_scalar) @_section)
      value: (block_node (block_sequence (block_sequence_item
        (block_node (block_mapping (block_mapping_pair key: (flow_node) @key)))))))))))))))))
  (#eq? @_top "jobs")
  (#eq? @_section "steps"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair
      key: (flow_node (plain_scalar) @_section)
      value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @key))))))))))))))
  (#eq? @_top "jobs")
  (#any-of? @_section "strategy" "container" "concurrency" "environment"))
((stream (document (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_top)
  value: (block_node (block_mapping (block_mapping_pair
    value: (block_node (block_mapping (block_mapping_pair
      key: (flow_node (plain_scalar) @_section)
      value: (block_node (block_mapping (block_mapping_pair key: (flow_node) @host))))))))))))))
  (#eq? @_top "jobs")
  (#eq? @_section "services"))

; uses: ./.github/actions/x and working-directory: app name folders of the repository.
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node) @path
  (#any-of? @_key "uses" "working-directory"))

(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node) @address
  (#match? @_key "^([Pp]ort|.*[_-]([Uu][Rr][LlIi]|[Hh][Oo][Ss][Tt]|[Pp][Oo][Rr][Tt])|.*[a-z0-9](Port|Host|Url|Uri))$"))

; ports: ["8080:80", 3000-3005:3000-3005/tcp] and expose: a service's published ports.
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (block_node (block_sequence (block_sequence_item (flow_node) @address)))
  (#any-of? @_key "ports" "expose"))
(block_mapping_pair
  key: (flow_node (plain_scalar) @_key)
  value: (flow_node (flow_sequence (flow_node) @address))
  (#any-of? @_key "ports" "expose"))
