//! `setting-typo`: a Django setting, or a key of a dictionary setting, one edit from a real one.
use super::{Findings, Rule};
use crate::expr::{Expr, Lit};
use crate::extract::FileFacts;
use crate::finding::Severity;
use crate::vocab::{name_budget, nearest_name, Vocabulary};

pub const RULE: Rule = Rule {
    id: "setting-typo",
    summary:
        "A settings-module name or dictionary-setting key one edit from a known Django setting",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/setting-typo.md"),
};

/// Runs on a settings module.
pub fn check(file: usize, facts: &FileFacts, out: &mut Findings) {
    for definition in &facts.definitions {
        let name = definition.name.as_str();
        let vocab = out.vocab();
        if let Some(keys) = vocab.django_dict_keys.get(name) {
            check_keys(&definition.value, keys, out);
        }
        let vocab = out.vocab();
        if vocab.django_settings.contains(name)
            || !crate::extract::is_constant_name(name)
            || out.repo().reads(name) > 0
        {
            continue;
        }
        let near = nearest_name(
            vocab.django_settings.entries().iter().map(String::as_str),
            name,
            name_budget(name),
        );
        if near.is_empty() {
            continue;
        }
        let near: Vec<String> = near.into_iter().map(str::to_string).collect();
        let message = match near.as_slice() {
            [one] => format!(
                "`{name}` is not a Django setting and nothing reads it; did you mean `{one}`?"
            ),
            many => format!(
                "`{name}` is not a Django setting and nothing reads it; near settings: {}",
                many.join(", ")
            ),
        };
        out.on_name(&RULE, file, name, &definition.span, &near, message);
    }
}

/// Keys of the configuration dictionaries inside a dictionary setting. `DATABASES` holds
/// aliases whose values are configurations; `TEMPLATES` is a list of them; `LOGGING` is one.
fn check_keys(value: &Expr, keys: &Vocabulary, out: &mut Findings) {
    let mut configs: Vec<&[(std::sync::Arc<Lit>, Expr)]> = Vec::new();
    match value {
        Expr::List(items) => configs.extend(items.iter().filter_map(as_dict)),
        Expr::Dict(entries) if entries.iter().any(|(k, _)| keys.contains(&k.text)) => {
            configs.push(entries)
        }
        Expr::Dict(entries) => configs.extend(entries.iter().filter_map(|(_, v)| as_dict(v))),
        _ => {}
    }
    for entries in configs {
        for (key, _) in entries {
            if keys.contains(&key.text) {
                continue;
            }
            let near = nearest_name(keys.entries().iter().map(String::as_str), &key.text, 1);
            if let [one] = near.as_slice() {
                let message = format!(
                    "`{}` is not a key this setting reads; did you mean `{one}`?",
                    key.text
                );
                out.on_literal(&RULE, key, 0..key.text.len(), &[one.to_string()], message);
            }
        }
    }
}

fn as_dict(expr: &Expr) -> Option<&[(std::sync::Arc<Lit>, Expr)]> {
    match expr {
        Expr::Dict(entries) => Some(entries),
        _ => None,
    }
}
