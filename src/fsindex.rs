//! The repository's file tree, built once per run from the walk: a vocabulary of paths.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    File,
    Dir,
    /// A symbolic link or a special file: it exists, but the walk does not enter it.
    Other,
}

#[derive(Debug, Default)]
pub struct FsIndex {
    root: PathBuf,
    /// Folder (root-relative, "" for the root) → its entries, sorted by name.
    children: HashMap<String, Vec<(String, EntryKind)>>,
    /// Every entry name in the tree.
    names: HashSet<String>,
    /// Every folder name in the tree, sorted and unique.
    dir_names: Vec<String>,
    /// File name → the folders holding a file of that name.
    files_by_name: HashMap<String, Vec<String>>,
}

impl FsIndex {
    pub fn new(root: &Path, entries: impl IntoIterator<Item = (String, EntryKind)>) -> Self {
        let mut index = FsIndex {
            root: root.to_path_buf(),
            ..FsIndex::default()
        };
        let mut dir_names = HashSet::new();
        for (path, kind) in entries {
            let (parent, name) = match path.rfind('/') {
                Some(i) => (&path[..i], &path[i + 1..]),
                None => ("", path.as_str()),
            };
            if name.is_empty() {
                continue;
            }
            index
                .children
                .entry(parent.to_string())
                .or_default()
                .push((name.to_string(), kind));
            index.names.insert(name.to_string());
            match kind {
                EntryKind::Dir => {
                    dir_names.insert(name.to_string());
                }
                EntryKind::File | EntryKind::Other => index
                    .files_by_name
                    .entry(name.to_string())
                    .or_default()
                    .push(parent.to_string()),
            }
        }
        for entries in index.children.values_mut() {
            entries.sort();
        }
        for folders in index.files_by_name.values_mut() {
            folders.sort();
        }
        index.dir_names = dir_names.into_iter().collect();
        index.dir_names.sort();
        index
    }

    /// The entries of a root-relative folder ("" is the root).
    pub fn entries(&self, dir: &str) -> &[(String, EntryKind)] {
        self.children.get(dir).map_or(&[], Vec::as_slice)
    }

    /// Does a root-relative path exist? Files the walk did not list (ignored ones,
    /// those behind a symlink) are looked up on disk.
    pub fn exists(&self, path: &str) -> bool {
        let (parent, name) = match path.rfind('/') {
            Some(i) => (&path[..i], &path[i + 1..]),
            None => ("", path),
        };
        if name.is_empty() {
            return parent.is_empty() || self.exists(parent);
        }
        self.entries(parent).iter().any(|(n, _)| n == name) || self.root.join(path).exists()
    }

    pub fn is_dir(&self, path: &str) -> bool {
        self.children.contains_key(path) || self.root.join(path).is_dir()
    }

    pub fn has_name(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub fn dir_names(&self) -> &[String] {
        &self.dir_names
    }

    /// Every file name in the tree with the folders holding it.
    pub fn files_by_name(&self) -> &HashMap<String, Vec<String>> {
        &self.files_by_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FsIndex {
        FsIndex::new(
            Path::new("/nonexistent-root"),
            [
                ("static".to_string(), EntryKind::Dir),
                ("templates".to_string(), EntryKind::Dir),
                ("templates/layout.php".to_string(), EntryKind::File),
            ],
        )
    }

    #[test]
    fn lists_folders_and_names() {
        let index = index();
        assert_eq!(
            index.entries("templates"),
            &[("layout.php".to_string(), EntryKind::File)]
        );
        assert!(index.exists("templates/layout.php"));
        assert!(index.exists("static/"));
        assert!(!index.exists("templates/layuot.php"));
        assert_eq!(
            index.dir_names(),
            &["static".to_string(), "templates".to_string()]
        );
        assert_eq!(
            index.files_by_name()["layout.php"],
            vec!["templates".to_string()]
        );
    }
}
