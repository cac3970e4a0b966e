//! Ansible playbooks and task files: the files a task reads on the control node (the `src`
//! of `template` and `copy`) and the files it includes, found where Ansible looks first.
//! A task file in a `tasks/` or `handlers/` folder (a role's, most often) resolves from the
//! folder above it; a playbook from its own folder. Two rows, one query.
use std::sync::Arc;

use tree_sitter::Node;

use super::yaml::{enclosing_pair, key_of, no_definition, scalar};
use super::{Language, Lowering};
use crate::expr::{Expr, Lit};

/// Task files: `roles/NAME/tasks/*.yml`, `roles/NAME/handlers/*.yml`, and any `tasks/` or
/// `handlers/` folder whose YAML is a list of Ansible tasks.
pub const TASKS: Language = Language {
    id: "ansible-tasks",
    extensions: &[],
    shebangs: &[],
    globs: &[
        "**/roles/*/tasks/*.yml",
        "**/roles/*/tasks/*.yaml",
        "**/roles/*/handlers/*.yml",
        "**/roles/*/handlers/*.yaml",
        "?**/tasks/*.yml",
        "?**/tasks/*.yaml",
        "?**/handlers/*.yml",
        "?**/handlers/*.yaml",
    ],
    sniff: Some(looks_like_ansible),
    keys: None,
    grammar: super::yaml::GRAMMAR,
    query: concat!(include_str!("yaml.scm"), include_str!("ansible.scm")),
    walk: None,
    document: Some(super::yaml::DOCUMENT),
    plain_string: None,
    lower: lower_in_tasks_folder,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

/// Playbooks: YAML under `playbooks/`, and any YAML whose top level is a list of plays or
/// tasks that use the modules read here.
pub const PLAYBOOK: Language = Language {
    id: "ansible",
    extensions: &[],
    shebangs: &[],
    globs: &[
        "**/playbooks/**/*.yml",
        "**/playbooks/**/*.yaml",
        "?*.yml",
        "?*.yaml",
    ],
    sniff: Some(looks_like_ansible),
    keys: None,
    grammar: super::yaml::GRAMMAR,
    query: concat!(include_str!("yaml.scm"), include_str!("ansible.scm")),
    walk: None,
    document: Some(super::yaml::DOCUMENT),
    plain_string: None,
    lower: lower_in_playbook,
    definition_name: no_definition,
    identifier_kinds: &[],
    not_constant_parents: &[],
};

/// Modules whose file arguments are read here, without their `ansible.builtin.` prefix.
const MODULES: &[&str] = &[
    "copy",
    "import_playbook",
    "import_tasks",
    "include",
    "include_tasks",
    "include_vars",
    "template",
];

/// A top-level list whose items use one of [`MODULES`] (the legacy `include` aside: too
/// common a key to tell Ansible by).
fn looks_like_ansible(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim_end).filter(|l| {
        !l.is_empty()
            && !l.trim_start().starts_with('#')
            && !l.starts_with("---")
            && !l.starts_with('%')
    });
    let top_level_list = lines
        .clone()
        .next()
        .is_some_and(|first| first == "-" || first.starts_with("- "));
    top_level_list
        && lines.any(|line| {
            let line = line.trim_start();
            let key = line.strip_prefix("- ").unwrap_or(line).trim_start();
            let Some((name, _)) = key.split_once(':') else {
                return false;
            };
            let module = module_name(name);
            module != "include" && MODULES.contains(&module)
        })
}

/// `ansible.builtin.template` → `template`.
fn module_name(key: &str) -> &str {
    key.strip_prefix("ansible.builtin.")
        .or_else(|| key.strip_prefix("ansible.legacy."))
        .unwrap_or(key)
}

#[derive(Clone, Copy)]
enum Layout {
    /// Resolved from the folder above the file's (`roles/NAME/` for `roles/NAME/tasks/x.yml`).
    TasksFolder,
    /// Resolved from the file's own folder.
    Playbook,
}

fn lower_in_tasks_folder(node: Node, ctx: &Lowering) -> Expr {
    lower(node, ctx, Layout::TasksFolder)
}

fn lower_in_playbook(node: Node, ctx: &Lowering) -> Expr {
    lower(node, ctx, Layout::Playbook)
}

fn lower(node: Node, ctx: &Lowering, layout: Layout) -> Expr {
    let value = scalar(node, ctx);
    let Expr::Lit(lit) = &value else {
        return value;
    };
    let Some((pair, key)) = enclosing_pair(node, ctx) else {
        return value;
    };
    // `- template: src=x.j2 dest=/etc/x`: free-form arguments on the module's line.
    if MODULES.contains(&module_name(key)) && is_task(pair) {
        let module = module_name(key);
        let argument = match module {
            "template" | "copy" => "src",
            _ => "file",
        };
        if module == "copy"
            && free_form_argument(lit, "remote_src").is_some_and(|v| may_be_true(&v.1))
        {
            return Expr::Unknown;
        }
        let written = match free_form_argument(lit, argument) {
            Some((start, text)) => ctx.literal(start, start + text.len(), text),
            // `include_tasks: setup.yml`: the free form is the file itself.
            None if argument == "file" && !lit.text.contains('=') => value.clone(),
            None => return Expr::Unknown,
        };
        return path(module, written, layout);
    }
    // `src:` in the module's own mapping: `template: {src: x.j2, dest: /etc/x}`.
    let Some((module_pair, module)) = enclosing_pair(pair, ctx) else {
        return value;
    };
    let module = module_name(module);
    let argument = match module {
        "template" | "copy" => "src",
        "include_tasks" | "import_tasks" | "include_vars" => "file",
        _ => return value,
    };
    if key != argument || !is_task(module_pair) {
        return value;
    }
    let remote = pair
        .parent()
        .into_iter()
        .flat_map(|mapping| {
            let mut cursor = mapping.walk();
            mapping.named_children(&mut cursor).collect::<Vec<_>>()
        })
        .any(|p| {
            key_of(p, ctx) == Some("remote_src")
                && p.child_by_field_name("value")
                    .is_some_and(|v| matches!(scalar(v, ctx), Expr::Lit(l) if may_be_true(&l.text)))
        });
    if remote {
        return Expr::Unknown;
    }
    path(module, value, layout)
}

/// Whether a module's mapping pair is a task: an item of a list.
fn is_task(pair: Node) -> bool {
    pair.parent()
        .and_then(|mapping| mapping.parent())
        .and_then(|node| node.parent())
        .is_some_and(|item| item.kind() == "block_sequence_item")
}

/// `name=value` in free-form arguments: where the value starts in the source, and its text.
fn free_form_argument(lit: &Lit, name: &str) -> Option<(usize, String)> {
    let start = lit.span.bytes.filter(|_| lit.exact)?.0;
    let mut offset = 0;
    for word in lit.text.split(' ') {
        if let Some(text) = word.strip_prefix(name).and_then(|w| w.strip_prefix('=')) {
            let at = offset + name.len() + 1;
            let quoted = text.starts_with(['"', '\'']);
            return (!quoted && !text.is_empty()).then(|| (start + at, text.to_string()));
        }
        offset += word.len() + 1;
    }
    None
}

/// `yes`, `true`, or Jinja that may evaluate to either.
fn may_be_true(text: &str) -> bool {
    text.contains("{{")
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "true" | "on" | "1"
        )
}

/// Where Ansible looks first for what a module names: `template` in `templates/`, `copy` in
/// `files/`, `include_vars` in `vars/` (a role's `include_tasks` in `tasks/`), unless the
/// path already begins with that folder; absolute paths and Jinja stay as they are.
fn path(module: &str, written: Expr, layout: Layout) -> Expr {
    let Expr::Lit(lit) = &written else {
        return Expr::Unknown;
    };
    let text = lit.text.as_str();
    if text.contains("{{") || text.contains("{%") || text.trim().is_empty() {
        return Expr::Unknown;
    }
    if text.starts_with(['/', '~']) {
        return written;
    }
    let folder = match (module, layout) {
        ("template", _) => "templates",
        ("copy", _) => "files",
        ("include_vars", _) => "vars",
        ("include_tasks" | "import_tasks" | "include", Layout::TasksFolder) => "tasks",
        _ => "",
    };
    let file_dir = Expr::Dirname(Box::new(Expr::File));
    let base = match layout {
        Layout::TasksFolder => Expr::Dirname(Box::new(file_dir)),
        Layout::Playbook => file_dir,
    };
    let first = text.split('/').next().unwrap_or("");
    if folder.is_empty() || first == folder {
        return Expr::Join(vec![base, written]);
    }
    Expr::Join(vec![unwritten_folder(base, folder, lit), written])
}

/// `base/name`: a folder Ansible adds, which the file does not spell. It evaluates as the
/// parent of `base/name/.`, a path with no literal in it, so no finding can point at it.
fn unwritten_folder(base: Expr, name: &str, at: &Lit) -> Expr {
    let unwritten = |text: &str| {
        Expr::Lit(Arc::new(Lit {
            text: text.to_string(),
            file: at.file,
            span: at.span.clone(),
            exact: false,
        }))
    };
    Expr::Dirname(Box::new(Expr::Join(vec![
        base,
        unwritten(name),
        unwritten("."),
    ])))
}

#[cfg(test)]
mod tests {
    use super::looks_like_ansible;
    use crate::expr::{Scope, Symbols, UNKNOWN};
    use crate::extract::{extract, CandidateKind};
    use crate::lang::Language;

    /// The evaluated path candidates of `source` read as `path`.
    fn paths(id: &str, path: &str, source: &str) -> Vec<String> {
        let facts = extract(Language::by_id(id).unwrap(), source, 0);
        let symbols = Symbols::new(vec![path.into()], Vec::new());
        let scope = Scope {
            file: 0,
            file_path: path,
            symbols: &symbols,
        };
        facts
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Path)
            .map(|c| scope.evaluate(&c.expr).text.replace(UNKNOWN, "?"))
            .collect()
    }

    const TASKS: &str = "\
- name: Configure nginx
  ansible.builtin.template:
    src: nginx.conf.j2
    dest: /etc/nginx/nginx.conf
- template: src=templates/site.conf.j2 dest=/etc/nginx/sites-enabled/site.conf
- copy: {src: index.html, dest: /var/www/html/index.html}
- copy:
    src: build/app.tar
    remote_src: yes
    dest: /opt
- copy:
    src: release.tar
    remote_src: \"{{ unpack_remotely }}\"
- copy: src=/etc/ssl/certs/ca.pem dest=/opt/ca.pem
- template:
    src: \"{{ item }}.j2\"
- include_tasks: ssl.yml
- import_tasks:
    file: tasks/users.yml
- include_vars: \"{{ ansible_os_family }}.yml\"
- include_vars: vars/Debian.yml
- block:
    - include_vars:
        file: extra.yml
";

    #[test]
    fn a_role_resolves_from_its_folder() {
        assert_eq!(
            paths("ansible-tasks", "roles/web/tasks/main.yml", TASKS),
            [
                "/roles/web/templates/nginx.conf.j2",
                "/roles/web/templates/site.conf.j2",
                "/roles/web/files/index.html",
                "?",
                "?",
                "/etc/ssl/certs/ca.pem",
                "?",
                "/roles/web/tasks/ssl.yml",
                "/roles/web/tasks/users.yml",
                "?",
                "/roles/web/vars/Debian.yml",
                "/roles/web/vars/extra.yml",
            ]
        );
    }

    #[test]
    fn a_playbook_resolves_from_its_own_folder() {
        let source = "\
- import_playbook: db.yml
- hosts: web
  tasks:
    - template: {src: motd.j2, dest: /etc/motd}
    - include_tasks: tasks/common.yml
  handlers:
    - copy:
        src: files/app.ini
        dest: /etc/app.ini
";
        assert_eq!(
            paths("ansible", "deploy/site.yml", source),
            [
                "/deploy/db.yml",
                "/deploy/templates/motd.j2",
                "/deploy/tasks/common.yml",
                "/deploy/files/app.ini",
            ]
        );
    }

    #[test]
    fn the_added_folder_is_no_literal_of_the_file() {
        let facts = extract(
            Language::by_id("ansible-tasks").unwrap(),
            "- template: {src: a.j2}\n",
            0,
        );
        let path = facts
            .candidates
            .iter()
            .find(|c| c.kind == CandidateKind::Path)
            .unwrap();
        let symbols = Symbols::new(vec!["roles/r/tasks/main.yml".into()], Vec::new());
        let scope = Scope {
            file: 0,
            file_path: "roles/r/tasks/main.yml",
            symbols: &symbols,
        };
        let value = scope.evaluate(&path.expr);
        let literals: Vec<&str> = value
            .pieces
            .iter()
            .filter_map(|p| p.lit.as_ref())
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(literals, ["a.j2"]);
    }

    #[test]
    fn plays_and_task_lists_are_told_from_other_yaml() {
        assert!(looks_like_ansible(
            "---\n# site\n- hosts: all\n  tasks:\n    - ansible.builtin.copy:\n        src: a\n"
        ));
        assert!(looks_like_ansible("- import_playbook: db.yml\n"));
        assert!(!looks_like_ansible("- hosts: all\n  roles: [web]\n"));
        assert!(!looks_like_ansible("template:\n  src: a.j2\n"));
        assert!(!looks_like_ansible("- include: other.yml\n"));
        assert!(!looks_like_ansible(""));
    }
}
