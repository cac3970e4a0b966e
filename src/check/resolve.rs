//! Splits an evaluated path into components and walks them against the file index.
use std::ops::Range;

use crate::expr::{Value, UNKNOWN};
use crate::fsindex::FsIndex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// On disk.
    Exists,
    /// Not on disk, while its parent folder (root-relative) is.
    Missing { parent: String },
    /// Not looked up: after an unknown or missing part, or outside the repository.
    Unchecked,
}

#[derive(Debug, Clone)]
pub struct Component {
    /// Byte range in the value's text.
    pub range: Range<usize>,
    pub state: State,
    /// The final component (the file or folder the path names).
    pub last: bool,
}

/// A path value and what the file index says about each of its components.
pub struct Resolved<'v> {
    pub value: &'v Value,
    pub components: Vec<Component>,
    pub shape: Shape,
}

/// How sure we are that a value names a file-system path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// It stands where a path must (an include, a join, `open()`).
    Certain,
    /// A plain string written like a file path: `/var/www/…`, `./x`, `name.php`.
    FileLike,
    /// A plain string with slashes that may as well be a URL route or a MIME type.
    Guessed,
}

impl Resolved<'_> {
    pub fn certain(&self) -> bool {
        self.shape == Shape::Certain
    }
}

impl<'v> Resolved<'v> {
    pub fn text(&self, component: &Component) -> &'v str {
        &self.value.text[component.range.clone()]
    }
}

/// Folders tried as the start of a relative path, at most; more means the name is too
/// common to tell where the path starts.
const MAX_ANCHORS: usize = 16;

/// Characters that make a component a pattern or a placeholder rather than a name.
const PATTERN: &[char] = &['*', '?', '[', '{', '%', '$', '<', '>', '|', UNKNOWN];

pub fn resolve<'v>(
    value: &'v Value,
    file_dir: &str,
    index: &FsIndex,
    shape: Shape,
) -> Resolved<'v> {
    let text = value.text.as_str();
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '/' {
            ranges.push(start..i);
            start = i + 1;
        }
    }
    ranges.push(start..text.len());
    let last_named = ranges.iter().rposition(|r| !r.is_empty());
    let components: Vec<Component> = ranges
        .into_iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .map(|(i, range)| Component {
            range,
            state: State::Unchecked,
            last: Some(i) == last_named,
        })
        .collect();

    let mut bases: Vec<&str> = if value.anchored {
        vec![""]
    } else if is_external(text) {
        Vec::new()
    } else if file_dir.is_empty() {
        vec![""]
    } else {
        vec![file_dir, ""]
    };
    // A relative path such as `database/structure.js` or `admin/index.html` is often
    // resolved against a search folder (static files, templates): any folder named like
    // its first component may be where it starts.
    if !value.anchored && !bases.is_empty() && shape != Shape::Guessed && !text.starts_with('.') {
        if let Some(first) = components.first().map(|c| &text[c.range.clone()]) {
            let anchors = index.dirs_named(first);
            if anchors.len() <= MAX_ANCHORS {
                bases.extend(
                    anchors
                        .iter()
                        .map(|d| d.rsplit_once('/').map_or("", |(parent, _)| parent)),
                );
            }
        }
    }
    // `/var/www/html/index.php` where the repository's web root is served from there.
    if let Some((prefix, folder)) = index.mount_of(text).filter(|_| !value.anchored) {
        let skip = components
            .iter()
            .take_while(|c| c.range.end <= prefix)
            .count();
        let mut states = vec![State::Exists; skip];
        states.extend(walk(text, &components[skip..], folder, index));
        let mut resolved = Resolved {
            value,
            components,
            shape,
        };
        for (component, state) in resolved.components.iter_mut().zip(states) {
            component.state = state;
        }
        return resolved;
    }
    let walks: Vec<Vec<State>> = bases
        .into_iter()
        .map(|base| walk(text, &components, base, index))
        .collect();
    // Most components found; among those, one whose missing component has a near
    // neighbour (the search folder it was meant for); else the first base (the file's
    // folder).
    let found = |states: &Vec<State>| states.iter().filter(|s| **s == State::Exists).count();
    let most = walks.iter().map(found).max();
    let mut tied = walks.iter().filter(|w| Some(found(w)) == most);
    let best = tied.next().map(|first| {
        let near = |states: &&Vec<State>| {
            states
                .iter()
                .zip(&components)
                .any(|(state, component)| match state {
                    State::Missing { parent } => {
                        has_neighbour(index, parent, &text[component.range.clone()])
                    }
                    _ => false,
                })
        };
        std::iter::once(first)
            .chain(tied)
            .find(near)
            .unwrap_or(first)
            .clone()
    });
    let mut resolved = Resolved {
        value,
        components,
        shape,
    };
    if let Some(states) = best {
        for (component, state) in resolved.components.iter_mut().zip(states) {
            component.state = state;
        }
    }
    resolved
}

fn walk(text: &str, components: &[Component], base: &str, index: &FsIndex) -> Vec<State> {
    let mut states = vec![State::Unchecked; components.len()];
    let mut dir: Vec<&str> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    for (i, component) in components.iter().enumerate() {
        let name = &text[component.range.clone()];
        match name {
            "." => {
                states[i] = State::Exists;
                continue;
            }
            ".." => {
                if dir.pop().is_none() {
                    break; // Leaves the repository.
                }
                states[i] = State::Exists;
                continue;
            }
            _ if name.contains(PATTERN) => break,
            _ => {}
        }
        let parent = dir.join("/");
        let path = if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}/{name}")
        };
        if index.exists(&path) {
            states[i] = State::Exists;
            dir.push(name);
            if !component.last && !index.is_dir(&path) {
                break;
            }
        } else {
            states[i] = State::Missing { parent };
            break;
        }
    }
    states
}

/// Absolute paths outside the repository, home-relative paths, URLs, Windows drives.
fn is_external(text: &str) -> bool {
    text.starts_with('/')
        || text.starts_with('~')
        || text.contains("://")
        || text.as_bytes().get(1) == Some(&b':')
        || text.starts_with('\\')
}

/// Does `dir` hold an entry one edit from `name`?
fn has_neighbour(index: &FsIndex, dir: &str, name: &str) -> bool {
    index.entries(dir).iter().any(|(entry, _)| {
        entry.len().abs_diff(name.len()) <= 1 && crate::vocab::one_edit_apart(entry, name)
    })
}
