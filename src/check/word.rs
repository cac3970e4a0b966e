//! `word-typo`: a path component one edit from a deploy word or from a folder name of the
//! repository, even when the folder does not exist yet (`statec/` before `collectstatic`).
use super::resolve::{Resolved, Shape, State};
use super::{literal_of, Findings, Rule};
use crate::finding::Severity;
use crate::vocab::nearest_of;

pub const RULE: Rule = Rule {
    id: "word-typo",
    summary:
        "A path component that is not on disk and is one edit from a deploy word or a folder name",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/word-typo.md"),
};

pub fn check(resolved: &Resolved, out: &mut Findings) {
    if resolved.shape == Shape::Guessed {
        return;
    }
    for component in &resolved.components {
        if component.state == State::Exists {
            continue;
        }
        let name = resolved.text(component);
        if name.chars().count() < 4
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || !name.chars().any(|c| c.is_ascii_alphabetic())
            || name.ends_with(['-', '_'])
            || name.starts_with(['-', '_'])
        {
            continue;
        }
        let vocab = out.vocab();
        let lower = name.to_ascii_lowercase();
        if vocab.deploy_words.contains(&lower)
            || vocab.extensions.contains(&lower)
            || vocab.english.contains(&lower)
            || out.index().has_name(name)
        {
            continue;
        }
        let mut near = vocab.deploy_words.nearest(&lower, 1, &vocab.pairs);
        if near.is_empty() && name.len() >= 5 && resolved.certain() {
            let folders = out
                .index()
                .dir_names()
                .iter()
                .map(String::as_str)
                .filter(|n| n.len() >= 5);
            near = nearest_of(folders, name, 1, &vocab.pairs);
        }
        if near.is_empty() {
            continue;
        }
        let Some((lit, range)) = literal_of(resolved.value, &component.range) else {
            continue;
        };
        let near: Vec<String> = near.into_iter().map(str::to_string).collect();
        let message = match near.as_slice() {
            [one] => format!("`{name}` looks like a typo of `{one}`"),
            many => format!(
                "`{name}` looks like a typo of one of {}",
                many.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.on_literal(&RULE, lit, range, &near, message);
    }
}
