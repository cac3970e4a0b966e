//! `path-typo`: a path that does not exist while one a small edit away does.
use super::resolve::{Resolved, Shape, State};
use super::{edit_budget, literal_of, Findings, Rule};
use crate::expr::UNKNOWN;
use crate::finding::Severity;
use crate::fsindex::EntryKind;
use crate::vocab::{nearest_of, slip_rank};

pub const RULE: Rule = Rule {
    id: "path-typo",
    summary: "A referenced path that does not exist while an existing one within a small edit distance does",
    severity: Severity::Error,
    docs: include_str!("../../rules/docs/path-typo.md"),
};

pub fn check(resolved: &Resolved, out: &mut Findings) {
    let missing = resolved
        .components
        .iter()
        .position(|c| matches!(c.state, State::Missing { .. }));
    // Where an unknown part cut the walk short (`$dir . '/layuot.php'`), the file name
    // can still be compared with the repository's file names.
    let after_unknown = || {
        let last = resolved.components.len().checked_sub(1)?;
        let cut = resolved.components[..last]
            .iter()
            .any(|c| resolved.text(c).contains(UNKNOWN));
        let component = &resolved.components[last];
        (cut && resolved.shape != Shape::Guessed && !resolved.text(component).contains(UNKNOWN))
            .then_some(last)
    };
    let Some(position) = missing.or_else(after_unknown) else {
        return;
    };
    let component = &resolved.components[position];
    let parent = match &component.state {
        State::Missing { parent } => Some(parent.as_str()),
        _ => None,
    };
    let name = resolved.text(component);
    // In a path that must exist, a three-letter stem still has one slip to give
    // (`/spe.json` for `/spec.json`).
    let short = resolved.certain() && stem(name).chars().count() == 3;
    let budget = match edit_budget(stem(name)) {
        0 if short => 1,
        budget => budget,
    };
    let mut global = false;
    let near: Vec<String> =
        if let Some(parent) = parent.filter(|_| resolved.certain() || position > 0) {
            let entries = out.index().entries(parent);
            // Only the case differs from an entry (`logo-Wikipedia.svg` beside
            // `logo-wikipedia.svg`): no other name is what was meant.
            if entries.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                return;
            }
            // A name without an extension that is the stem of a file beside it is that
            // file's name before a build or a program adds the ending (`core/logging` in a
            // list of sources beside `core/logging.c`).
            if component.last
                && !name.contains('.')
                && entries.iter().any(|(n, k)| {
                    *k == EntryKind::File && n.len() > name.len() + 1 && stem(n) == name
                })
            {
                return;
            }
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
        } else if (resolved.shape == Shape::FileLike || parent.is_none())
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
            nearest_of(
                out.index()
                    .file_names_near(name)
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
    // A bare file name beside the file that names it: only another extension of the same
    // name counts (`akismet.pgp` beside `akismet.php`).
    let near = match parent.filter(|_| near.is_empty() && resolved.shape == Shape::FileLike) {
        Some(parent) if component.last => {
            let entries = out.index().entries(parent);
            let same_stem = entries
                .iter()
                .filter(|(n, k)| *k == EntryKind::File && n != name && stem(n) == stem(name))
                .map(|(n, _)| n.as_str());
            global = false;
            nearest_of(same_stem, name, 1, &out.vocab().pairs)
                .into_iter()
                .map(str::to_string)
                .collect()
        }
        _ => near,
    };
    // A three-letter folder or bare name has many neighbours: only a likely slip counts,
    // and for a folder only when the rest of the path exists under the neighbour
    // (`/../Mie/autoload.php` for `Mime/autoload.php`).
    let near = match parent {
        Some(parent) if short && name.len() == 3 => {
            let rest = written_after(resolved, position);
            near.into_iter()
                .filter(|n| {
                    if component.last {
                        slip_rank(name, n) <= 2
                    } else {
                        !rest.is_empty() && out.index().exists(&join(&[parent, n, &rest]))
                    }
                })
                .collect()
        }
        _ => near,
    };
    // A first folder one slip from a folder beside it under which the rest of the written
    // path exists (`iincludes/Skins` beside `includes/Skins/`): a path, even written as
    // a plain string.
    let near = match parent {
        Some(parent) if near.is_empty() && position == 0 && !component.last => {
            let rest = written_after(resolved, position);
            let entries = out.index().entries(parent);
            let folders = entries
                .iter()
                .filter(|(_, kind)| *kind == EntryKind::Dir)
                .map(|(n, _)| n.as_str());
            nearest_of(folders, name, budget, &out.vocab().pairs)
                .into_iter()
                .filter(|n| !rest.is_empty() && out.index().exists(&join(&[parent, n, &rest])))
                .map(str::to_string)
                .collect()
        }
        _ => near,
    };
    let near = if near.is_empty() && position == 0 && !component.last {
        renamed_first_folder(resolved, out)
    } else {
        near
    };
    // `os.path.join("roles", role)` beside a folder `rules/`: two words of one length,
    // one letter apart, are two names (a dropped or doubled letter is still a slip:
    // `instal.yml`).
    let english = |n: &str| {
        n.len() >= 4 && !n.contains('.') && out.vocab().english.contains(&n.to_ascii_lowercase())
    };
    let near: Vec<String> = if english(name) {
        near.into_iter()
            .filter(|n| !(english(n) && n.len() == name.len()))
            .collect()
    } else {
        near
    };
    if near.is_empty() {
        return;
    }
    let Some((lit, range)) = literal_of(resolved.value, &component.range) else {
        return;
    };
    let place = match parent {
        _ if global => "the repository".to_string(),
        Some("") | None => "the repository root".to_string(),
        Some(parent) => format!("`{parent}/`"),
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

/// The written components after `position`, up to an unknown part, joined with `/`.
fn written_after(resolved: &Resolved, position: usize) -> String {
    resolved.components[position + 1..]
        .iter()
        .map(|c| resolved.text(c))
        .take_while(|part| !part.is_empty() && !part.contains(UNKNOWN))
        .collect::<Vec<_>>()
        .join("/")
}

/// Path parts joined with `/`, the empty root part left out.
fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// `sevrer/user_groups.js`: no folder `sevrer` anywhere, but a folder one edit away under
/// which the rest of the path exists.
fn renamed_first_folder(resolved: &Resolved, out: &Findings) -> Vec<String> {
    let first = resolved.text(&resolved.components[0]);
    // The written folders after the first, up to an unknown part (`'librariies/classes/'
    // . $file`).
    let rest: Vec<&str> = resolved.components[1..]
        .iter()
        .map(|c| resolved.text(c))
        .take_while(|part| !part.contains(UNKNOWN))
        .collect();
    // A plain string may be a route or a key: only a longer tail that exists says path.
    let needed = if resolved.shape == Shape::Guessed {
        2
    } else {
        1
    };
    if rest.len() < needed || first.contains(UNKNOWN) || out.index().has_name(first) {
        return Vec::new();
    }
    let rest = rest.join("/");
    let index = out.index();
    let folders = index.dir_names_near(first);
    nearest_of(folders, first, edit_budget(first), &out.vocab().pairs)
        .into_iter()
        .filter(|name| {
            index
                .dirs_named(name)
                .iter()
                .any(|dir| index.exists(&format!("{dir}/{rest}")))
        })
        .map(str::to_string)
        .collect()
}
