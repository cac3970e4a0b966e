//! `module-typo`: a dotted Python path in a Django setting that names no module, while a
//! module one edit away exists (in Django or in the repository).
use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Findings, Rule};
use crate::expr::{Expr, Lit};
use crate::extract::{CandidateKind, FileFacts};
use crate::finding::Severity;
use crate::vocab::{nearest_name, Vocabularies};

pub const RULE: Rule = Rule {
    id: "module-typo",
    summary: "A dotted module path in a Django setting that resolves nowhere while a near one does",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/module-typo.md"),
};

/// Settings whose values are dotted paths to modules or classes.
const MODULE_SETTINGS: &[&str] = &[
    "ASGI_APPLICATION",
    "AUTHENTICATION_BACKENDS",
    "DEFAULT_AUTO_FIELD",
    "DEFAULT_EXCEPTION_REPORTER",
    "DEFAULT_EXCEPTION_REPORTER_FILTER",
    "FILE_UPLOAD_HANDLERS",
    "FORM_RENDERER",
    "INSTALLED_APPS",
    "MESSAGE_STORAGE",
    "MIDDLEWARE",
    "MIDDLEWARE_CLASSES",
    "PASSWORD_HASHERS",
    "ROOT_URLCONF",
    "SESSION_SERIALIZER",
    "STATICFILES_FINDERS",
    "STATICFILES_STORAGE",
    "DEFAULT_FILE_STORAGE",
    "TEST_RUNNER",
    "WSGI_APPLICATION",
];

/// Dictionary keys whose values are dotted paths, inside any setting.
const MODULE_KEYS: &[&str] = &["BACKEND", "ENGINE", "context_processors", "class", "()"];

fn holds_modules(setting: &str) -> bool {
    MODULE_SETTINGS.contains(&setting)
        || setting.ends_with("_BACKEND")
        || setting.ends_with("_BACKENDS")
}

/// Runs on a settings module: every dotted path its module settings name.
pub fn check_settings(facts: &FileFacts, out: &mut Findings) {
    for definition in &facts.definitions {
        if holds_modules(&definition.name) {
            for lit in definition_strings(&definition.value) {
                check_path(lit, out);
            }
        } else {
            visit_keys(&definition.value, out);
        }
    }
}

/// In any Python file: the value given to `DJANGO_SETTINGS_MODULE`
/// (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")`), and every string
/// written as a dotted path into Django (`"django.contrib.auth.backends.ModelBackend"`).
pub fn check_python_strings(facts: &FileFacts, out: &mut Findings) {
    let strings: Vec<&Lit> = facts
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::String)
        .filter_map(|c| match &c.expr {
            Expr::Lit(lit) => Some(lit.as_ref()),
            _ => None,
        })
        .collect();
    for pair in strings.windows(2) {
        if pair[0].text == "DJANGO_SETTINGS_MODULE"
            && pair[0].span.start.line == pair[1].span.start.line
        {
            check_path(pair[1], out);
        }
    }
    for lit in strings {
        if names_django_module(&lit.text, out) {
            check_path(lit, out);
        }
    }
}

/// `django.contrib.gis`, `django.template` (a logger's name too), `djnago.utils.log.X`:
/// a dotted name under Django, or under a slip of its name. `django.po` is a file.
fn names_django_module(text: &str, out: &Findings) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    let [first, .., last] = parts.as_slice() else {
        return false;
    };
    let django = *first == "django" || !nearest_name(["django"], first, 1).is_empty();
    let file_like = parts.len() == 2
        && (last.len() < 4 || out.vocab().extensions.contains(&last.to_ascii_lowercase()));
    django && !file_like
}

fn visit_keys(expr: &Expr, out: &mut Findings) {
    match expr {
        Expr::Dict(entries) => {
            for (key, value) in entries {
                if MODULE_KEYS.contains(&key.text.as_str()) {
                    for lit in definition_strings(value) {
                        check_path(lit, out);
                    }
                } else {
                    visit_keys(value, out);
                }
            }
        }
        Expr::List(items) => items.iter().for_each(|i| visit_keys(i, out)),
        _ => {}
    }
}

/// The string literals of a setting's value: itself, or the items of its lists.
fn definition_strings(expr: &Expr) -> Vec<&Lit> {
    match expr {
        Expr::Lit(lit) => vec![lit.as_ref()],
        Expr::List(items) => items.iter().flat_map(definition_strings).collect(),
        _ => Vec::new(),
    }
}

fn is_dotted_path(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Walks the path one component at a time; at the first component that neither Django
/// nor the repository knows, looks for a known sibling one edit away.
fn check_path(lit: &Lit, out: &mut Findings) {
    let text = lit.text.as_str();
    if !is_dotted_path(text) {
        return;
    }
    let known =
        |dotted: &str| out.vocab().django_modules.contains(dotted) || out.repo().has_module(dotted);
    let parts: Vec<&str> = text.split('.').collect();
    let mut offset = 0;
    for depth in 0..parts.len() {
        let prefix = parts[..=depth].join(".");
        if known(&prefix) || is_django_prefix(&prefix, out) {
            offset += parts[depth].len() + 1;
            continue;
        }
        let parent = parts[..depth].join(".");
        // A class named inside a module of the repository cannot be checked here.
        if depth > 0
            && out.repo().has_module(&parent)
            && parts[depth].starts_with(|c: char| c.is_ascii_uppercase())
        {
            return;
        }
        let siblings = siblings(&parent, out);
        let mut near = nearest_name(siblings.iter().map(String::as_str), parts[depth], 1);
        // Three letters leave room only for a neighbouring key or a swap (`gia`, `gsi`).
        if parts[depth].len() == 3 {
            near = siblings
                .iter()
                .map(String::as_str)
                .filter(|s| crate::vocab::is_short_slip(parts[depth], s))
                .collect();
        }
        if let [one] = near.as_slice() {
            let end = offset + parts[depth].len();
            let fixed = format!("{}{}{}", &text[..offset], one, &text[end..]);
            let message = format!("`{text}` names no module; did you mean `{fixed}`?");
            out.on_literal(&RULE, lit, offset..end, &[one.to_string()], message);
        }
        return;
    }
}

/// `django`, `django.contrib`: prefixes of the known Django paths.
fn is_django_prefix(prefix: &str, out: &Findings) -> bool {
    let with_dot = format!("{prefix}.");
    let modules = out.vocab().django_modules.entries();
    let start = modules.partition_point(|m| m.as_str() < with_dot.as_str());
    modules.get(start).is_some_and(|m| m.starts_with(&with_dot))
}

/// The names known one level below `parent` (top-level names when `parent` is empty).
fn siblings(parent: &str, out: &Findings) -> Vec<String> {
    let mut names: Vec<String> = django_submodules()
        .get(parent)
        .into_iter()
        .flatten()
        .cloned()
        .chain(out.repo().submodules(parent).map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Django's modules by their parent: `django.contrib` → `admin`, `auth`, ...
fn django_submodules() -> &'static HashMap<String, Vec<String>> {
    static BELOW: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    BELOW.get_or_init(|| {
        let vocab = Vocabularies::builtin();
        let mut below: HashMap<String, Vec<String>> = HashMap::new();
        for dotted in vocab.django_modules.entries() {
            let parts: Vec<&str> = dotted.split('.').collect();
            for depth in 0..parts.len() {
                below
                    .entry(parts[..depth].join("."))
                    .or_default()
                    .push(parts[depth].to_string());
            }
        }
        for names in below.values_mut() {
            names.sort();
            names.dedup();
        }
        below
    })
}
