//! Where a finding's path is shown from. `human` and `json` show it under the root as the
//! user typed it, so it opens from where they ran the tool; the formats a CI service reads
//! (`github`, `sarif`, `gitlab`, `junit`) show it relative to the repository's top, which
//! is how the service finds the file in its checkout, whatever form the path was given in.
use std::path::{Component, Path, PathBuf};

/// One checked root, resolved once for every format.
#[derive(Debug)]
pub struct Root {
    /// The checked folder as the user gave it (a file's folder when a file was checked).
    given: PathBuf,
    /// The checked folder, absolute.
    absolute: PathBuf,
    /// The top of the repository the paths are relative to, absolute.
    repository: PathBuf,
    /// The checked folder below `repository`, `/`-separated, empty at the top; `None` when
    /// it lies outside, and its paths are shown absolute.
    below: Option<String>,
}

impl Root {
    /// The repository of the folder `given` is `workspace` when there is one (the checkout
    /// of a GitHub Actions job, `GITHUB_WORKSPACE`), else the nearest folder at or above it
    /// holding `.git` (a folder, or the file of a worktree), else the folder itself.
    pub fn new(given: &Path, workspace: Option<&Path>) -> Root {
        let absolute = real(given);
        let repository = match workspace {
            Some(workspace) => real(workspace),
            None => absolute
                .ancestors()
                .find(|dir| dir.join(".git").exists())
                .unwrap_or(&absolute)
                .to_path_buf(),
        };
        let below = absolute.strip_prefix(&repository).ok().map(slashed);
        Root {
            given: given.to_path_buf(),
            absolute,
            repository,
            below,
        }
    }

    /// The checked folder as the user gave it.
    pub fn given(&self) -> &Path {
        &self.given
    }

    /// The repository's top, when the checked folder lies in it.
    pub fn repository(&self) -> Option<&Path> {
        self.below.as_ref().map(|_| self.repository.as_path())
    }

    /// A root-relative path as the user can open it from where they ran the tool.
    pub fn display_path(&self, path: &str) -> String {
        super::display_path(&self.given, path)
    }

    /// A root-relative path relative to the repository's top, without a leading `./`.
    pub fn relative_path(&self, path: &str) -> Option<String> {
        self.below.as_ref().map(|below| match below.as_str() {
            "" => path.to_string(),
            below => format!("{below}/{path}"),
        })
    }

    /// A root-relative path relative to the repository's top, or absolute when the checked
    /// folder lies outside the repository.
    pub fn repository_path(&self, path: &str) -> String {
        self.relative_path(path).unwrap_or_else(|| {
            let absolute = slashed(&self.absolute);
            format!("{}/{path}", absolute.trim_end_matches('/'))
        })
    }
}

/// The path with symbolic links and `..` resolved, so that two spellings of a folder
/// compare equal; a path that cannot be resolved is made absolute as it is.
fn real(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A path's parts joined with `/`, a leading root kept.
fn slashed(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::RootDir => out.push('/'),
            Component::CurDir => {}
            part => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(names: &[&str]) -> tempfile::TempDir {
        let top = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::create_dir_all(top.path().join(name)).unwrap();
        }
        top
    }

    #[test]
    fn the_workspace_wins_over_git() {
        let top = folders(&[".git", "ws/app/config"]);
        let workspace = top.path().join("ws");
        let root = Root::new(&workspace.join("app/../app"), Some(&workspace));
        assert_eq!(root.given(), workspace.join("app/../app"));
        assert_eq!(
            root.relative_path("config/view.php").as_deref(),
            Some("app/config/view.php")
        );
        assert_eq!(root.repository(), Some(real(&workspace).as_path()));
    }

    #[test]
    fn without_a_workspace_the_top_of_the_work_tree_then_the_folder() {
        let top = folders(&["repo/.git", "repo/app", "plain"]);
        let root = Root::new(&top.path().join("repo/app"), None);
        assert_eq!(
            root.repository_path("index.php"),
            "app/index.php",
            "{root:?}"
        );
        // A worktree's `.git` is a file.
        std::fs::write(top.path().join("plain/.git"), "gitdir: elsewhere\n").unwrap();
        let root = Root::new(&top.path().join("plain"), None);
        assert_eq!(root.repository_path("index.php"), "index.php");
        assert_eq!(root.display_path("index.php"), {
            let given = top.path().join("plain").to_string_lossy().into_owned();
            format!("{given}/index.php")
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_outside_the_workspace_keeps_absolute_paths() {
        let top = folders(&["ws", "elsewhere"]);
        let root = Root::new(&top.path().join("elsewhere"), Some(&top.path().join("ws")));
        assert_eq!(root.relative_path("a.php"), None);
        assert_eq!(root.repository(), None);
        let absolute = slashed(&real(&top.path().join("elsewhere")));
        assert_eq!(root.repository_path("a.php"), format!("{absolute}/a.php"));
        assert!(absolute.starts_with('/'), "{absolute}");
    }

    #[test]
    fn parts_are_joined_with_slashes() {
        assert_eq!(slashed(Path::new("/a/./b/c")), "/a/b/c");
        assert_eq!(slashed(Path::new("a/b")), "a/b");
        assert_eq!(slashed(Path::new("")), "");
    }
}
