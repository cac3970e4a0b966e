//! Walking a root in parallel: `.gitignore`-aware, never entering symlinks, with size guards.
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ignore::{WalkBuilder, WalkState};

use crate::fsindex::{EntryKind, FsIndex};

pub struct WalkOptions {
    pub threads: usize,
    pub max_file_size: u64,
}

/// A regular file the checks may read.
#[derive(Debug, Clone)]
pub struct WalkedFile {
    /// Root-relative, `/`-separated.
    pub path: String,
    pub absolute: PathBuf,
}

#[derive(Debug, Default)]
pub struct WalkOutput {
    pub files: Vec<WalkedFile>,
    pub index: FsIndex,
    /// Every entry the index was built from, sorted by path.
    pub entries: Vec<(String, EntryKind)>,
    /// Files left out: too large, or not regular files (FIFOs, sockets, devices).
    pub skipped: usize,
    /// Entries whose own name begins or ends with white space.
    pub padded_names: Vec<String>,
    /// Folders or files that could not be read.
    pub errors: Vec<(PathBuf, String)>,
}

enum Event {
    Entry(String, EntryKind, Option<WalkedFile>),
    Skipped(String, EntryKind),
    Error(PathBuf, String),
}

pub fn walk(root: &Path, options: &WalkOptions) -> WalkOutput {
    let (sender, receiver) = mpsc::channel();
    let max_size = options.max_file_size;
    WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .threads(options.threads)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build_parallel()
        .run(|| {
            let sender = sender.clone();
            Box::new(move |result| {
                let event = match result {
                    Ok(entry) if entry.depth() == 0 => return WalkState::Continue,
                    Ok(entry) => classify(root, &entry, max_size),
                    Err(error) => {
                        let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                        Event::Error(path, error.to_string())
                    }
                };
                if sender.send(event).is_err() {
                    return WalkState::Quit;
                }
                WalkState::Continue
            })
        });
    drop(sender);

    let mut output = WalkOutput::default();
    let mut entries = Vec::new();
    for event in receiver {
        match event {
            Event::Entry(path, kind, file) => {
                note_padded(&mut output, &path);
                entries.push((path, kind));
                output.files.extend(file);
            }
            Event::Skipped(path, kind) => {
                note_padded(&mut output, &path);
                entries.push((path, kind));
                output.skipped += 1;
            }
            Event::Error(path, message) => output.errors.push((path, message)),
        }
    }
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    output.padded_names.sort();
    output.errors.sort();
    entries.sort();
    output.index = FsIndex::new(root, entries.iter().cloned());
    output.entries = entries;
    output
}

fn classify(root: &Path, entry: &ignore::DirEntry, max_size: u64) -> Event {
    let path = relative(root, entry.path());
    let Some(file_type) = entry.file_type() else {
        return Event::Skipped(path, EntryKind::Other);
    };
    if file_type.is_dir() {
        return Event::Entry(path, EntryKind::Dir, None);
    }
    if !file_type.is_file() {
        // Symlinks are never followed; FIFOs, sockets and devices are never read.
        return if file_type.is_symlink() {
            Event::Entry(path, EntryKind::Other, None)
        } else {
            Event::Skipped(path, EntryKind::Other)
        };
    }
    match entry.metadata() {
        Ok(meta) if meta.len() > max_size => Event::Skipped(path, EntryKind::File),
        Ok(_) => Event::Entry(
            path.clone(),
            EntryKind::File,
            Some(WalkedFile {
                path,
                absolute: entry.path().to_path_buf(),
            }),
        ),
        Err(error) => Event::Error(entry.path().to_path_buf(), error.to_string()),
    }
}

fn note_padded(output: &mut WalkOutput, path: &str) {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.trim() != name {
        output.padded_names.push(path.to_string());
    }
}

/// Root-relative path with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    out
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
