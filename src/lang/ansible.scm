; Ansible playbooks and task files: what typo-gate reads beyond yaml.scm, which the row
; puts before this file. Capture names are the contract with extract.rs:
;   @path    a file a task reads on the control node or includes: the `src` of template
;            and copy, the file of include_tasks, import_tasks, include_vars, import_playbook

; A task with free-form arguments: `- template: src=x.j2 dest=/etc/x`, `- include_tasks: x.yml`.
(block_sequence_item (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_module)
  value: (flow_node [(plain_scalar) (double_quote_scalar) (single_quote_scalar)]) @path)))
  (#match? @_module "^(ansible[.](builtin|legacy)[.])?(template|copy|include_tasks|import_tasks|include_vars|import_playbook|include)$"))

; A task's argument mapping, block or flow: `template: {src: x.j2}`, `include_vars: {file: x.yml}`.
(block_sequence_item (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_module)
  value: (block_node (block_mapping (block_mapping_pair
    key: (flow_node (plain_scalar) @_argument)
    value: (flow_node) @path))))))
  (#match? @_module "^(ansible[.](builtin|legacy)[.])?(template|copy|include_tasks|import_tasks|include_vars)$")
  (#any-of? @_argument "src" "file"))
(block_sequence_item (block_node (block_mapping (block_mapping_pair
  key: (flow_node (plain_scalar) @_module)
  value: (flow_node (flow_mapping (flow_pair
    key: (flow_node (plain_scalar) @_argument)
    value: (flow_node) @path))))))
  (#match? @_module "^(ansible[.](builtin|legacy)[.])?(template|copy|include_tasks|import_tasks|include_vars)$")
  (#any-of? @_argument "src" "file"))
