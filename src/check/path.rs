//! `path-typo`: a path that does not exist while one a small edit away does.
use super::resolve::{Resolved, Shape, State};
use super::{edit_budget, literal_of, Findings, Rule};
use crate::finding::Severity;
use crate::fsindex::EntryKind;
use crate::vocab::nearest_of;

pub const RULE: Rule = Rule {
    id: "path-typo",
    summary: "A referenced path that does not exist while an existing one within a small edit distance does",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/path-typo.md"),
};

pub fn check(resolved: &Resolved, out: &mut Findings) {
    let Some(position) = resolved
        .components
        .iter()
        .position(|c| matches!(c.state, State::Missing { .. }))
    else {
        return;
    };
    let component = &resolved.components[position];
    let State::Missing { parent } = &component.state else {
        return;
    };
    let name = resolved.text(component);
    let budget = edit_budget(stem(name));
    let mut global = false;
    let near: Vec<String> = if resolved.certain() || position > 0 {
        let entries = out.index().entries(parent);
        let wanted = |kind: &EntryKind| component.last || *kind != EntryKind::File;
        nearest_of(
            entries
                .iter()
                .filter(|(_, k)| wanted(k))
                .map(|(n, _)| n.as_str()),
            name,
            budget,
            &out.vocab().pairs,
        )
        .into_iter()
        .map(str::to_string)
        .collect()
    } else if resolved.shape == Shape::FileLike
        && component.last
        && stem(name).len() >= 4
        && !out
            .vocab()
            .english
            .contains(&stem(name).to_ascii_lowercase())
        && !name.starts_with('.')
        && !out.index().has_name(name)
    {
        // A bare file name in a plain string: compare with the repository's file names
        // of the same extension.
        global = true;
        let wanted = extension(name);
        let names = out.index().files_by_name();
        nearest_of(
            names
                .keys()
                .map(String::as_str)
                .filter(|n| extension(n) == wanted),
            name,
            budget,
            &out.vocab().pairs,
        )
        .into_iter()
        .map(str::to_string)
        .collect()
    } else {
        Vec::new()
    };
    if near.is_empty() {
        return;
    }
    let Some((lit, range)) = literal_of(resolved.value, &component.range) else {
        return;
    };
    let place = if global {
        "the repository".to_string()
    } else if parent.is_empty() {
        "the repository root".to_string()
    } else {
        format!("`{parent}/`")
    };
    let message = match near.as_slice() {
        [one] => format!("`{name}` does not exist in {place}; did you mean `{one}`?"),
        many => format!(
            "`{name}` does not exist in {place}; near names: {}",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.on_literal(&RULE, lit, range, &near, message);
}

fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    }
}

fn extension(name: &str) -> &str {
    name.rfind('.').map_or("", |dot| &name[dot + 1..])
}
