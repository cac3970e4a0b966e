//! The repository's file tree, built once per run from the walk: a vocabulary of paths.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    /// The file names, and the folder names, for nearest-name searches.
    file_names_near: NearNames,
    dir_names_near: NearNames,
    /// File name → the folders holding a file of that name.
    files_by_name: HashMap<String, Vec<String>>,
    /// Folder name → the root-relative paths of the folders of that name.
    dirs_by_name: HashMap<String, Vec<String>>,
    /// The extensions of the tree's file names, lower-case.
    file_extensions: HashSet<String>,
    /// Absolute deploy folders and the repository folders they hold (`/var/www/html` →
    /// `public`), longest prefix first.
    mounts: Vec<(String, String)>,
    /// What the disk said of paths the walk did not list (ignored files), asked once
    /// each: the same missing path is asked for again from many files and anchors.
    on_disk: Mutex<HashMap<String, OnDisk>>,
}

/// What the disk says of a path: the result cache records each answer the checks relied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OnDisk {
    Missing,
    Dir,
    Other,
}

impl OnDisk {
    pub fn of(path: &Path) -> OnDisk {
        match std::fs::metadata(path) {
            Err(_) => OnDisk::Missing,
            Ok(meta) if meta.is_dir() => OnDisk::Dir,
            Ok(_) => OnDisk::Other,
        }
    }
}

/// Where web servers and images serve files from, mapped onto the repository's web root.
const DEPLOY_WEB_ROOTS: &[&str] = &["/var/www/html", "/usr/share/nginx/html"];

/// Configuration folders and the file that marks a repository folder as a copy of one:
/// `include /etc/nginx/snippets/x.conf` names `snippets/x.conf` in the folder holding
/// `nginx.conf`.
const CONFIG_TREES: &[(&str, &str)] = &[
    ("/etc/nginx", "nginx.conf"),
    ("/usr/local/etc/nginx", "nginx.conf"),
    ("/etc/apache2", "apache2.conf"),
    ("/etc/httpd", "conf/httpd.conf"),
];

/// Folder names that hold what a web server serves.
const WEB_ROOT_NAMES: &[&str] = &["public", "public_html", "htdocs", "html", "www", "web"];

/// Files that mark a folder as served.
const INDEX_FILES: &[&str] = &["index.php", "index.html", "index.htm"];

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
                    index
                        .dirs_by_name
                        .entry(name.to_string())
                        .or_default()
                        .push(path.clone());
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
        for folders in index
            .files_by_name
            .values_mut()
            .chain(index.dirs_by_name.values_mut())
        {
            folders.sort();
        }
        index.dir_names = dir_names.into_iter().collect();
        index.dir_names.sort();
        index.dir_names_near = NearNames::new(index.dir_names.clone());
        index.file_names_near = NearNames::new(index.files_by_name.keys().cloned().collect());
        index.file_extensions = index
            .files_by_name
            .keys()
            .filter_map(|name| name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty()))
            .map(|(_, extension)| extension.to_ascii_lowercase())
            .collect();
        if let Some(web_root) = index.web_root() {
            for prefix in DEPLOY_WEB_ROOTS {
                index.add_mount(prefix, &web_root);
            }
        }
        for (prefix, marker) in CONFIG_TREES {
            if let Some(folder) = index.only_shallowest_holder(marker) {
                index.add_mount(prefix, &folder);
            }
        }
        index
    }

    /// The shallowest folder holding `marker` (a relative path: `conf/httpd.conf`), when
    /// it is the only one at its depth: two are two copies, and neither is the one deployed.
    fn only_shallowest_holder(&self, marker: &str) -> Option<String> {
        let (inner, name) = marker.rsplit_once('/').unwrap_or(("", marker));
        let holders: Vec<&str> = self
            .files_by_name
            .get(name)?
            .iter()
            .filter_map(|dir| match inner {
                "" => Some(dir.as_str()),
                _ if dir == inner => Some(""),
                _ => dir.strip_suffix(inner)?.strip_suffix('/'),
            })
            .collect();
        let depth = |dir: &str| dir.split('/').filter(|part| !part.is_empty()).count();
        let shallowest = holders.iter().map(|dir| depth(dir)).min()?;
        match holders
            .iter()
            .filter(|dir| depth(dir) == shallowest)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [only] => Some(only.to_string()),
            _ => None,
        }
    }

    /// The folder a web server most likely serves: the shallowest (at most two levels
    /// down) that holds an `index.php`/`index.html` or is named `public`, `htdocs`,
    /// `html`, `www`...; an index file wins over a name at the same depth.
    pub fn web_root(&self) -> Option<String> {
        let mut best: Option<(usize, usize, String)> = None;
        let mut consider = |dir: &str| {
            let depth = if dir.is_empty() {
                0
            } else {
                dir.matches('/').count() + 1
            };
            let name = dir.rsplit('/').next().unwrap_or(dir);
            let has_index = self
                .entries(dir)
                .iter()
                .any(|(n, k)| *k != EntryKind::Dir && INDEX_FILES.contains(&n.as_str()));
            let named = WEB_ROOT_NAMES.contains(&name);
            if depth > 2 || !(has_index || named) {
                return;
            }
            let rank = (depth, usize::from(!has_index), dir.to_string());
            if best.as_ref().is_none_or(|b| rank < *b) {
                best = Some(rank);
            }
        };
        consider("");
        for dir in self.children.keys() {
            consider(dir);
        }
        best.map(|(_, _, dir)| dir)
    }

    /// Maps an absolute deploy folder onto a root-relative folder ("" is the root).
    pub fn add_mount(&mut self, prefix: &str, folder: &str) {
        let prefix = prefix.trim_end_matches('/');
        if prefix.is_empty() || self.mounts.iter().any(|(p, _)| p == prefix) {
            return;
        }
        self.mounts
            .push((prefix.to_string(), folder.trim_matches('/').to_string()));
        self.mounts.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }

    /// Maps an absolute deploy folder onto a root-relative folder, replacing a guessed mapping
    /// (the configuration's `[paths]`).
    pub fn set_mount(&mut self, prefix: &str, folder: &str) {
        let prefix = prefix.trim_end_matches('/');
        self.mounts.retain(|(p, _)| p != prefix);
        self.add_mount(prefix, folder);
    }

    /// The absolute deploy folders mapped onto the repository, longest first.
    pub fn mounts(&self) -> &[(String, String)] {
        &self.mounts
    }

    /// For an absolute path under a mapped deploy folder: the length of the prefix and
    /// the repository folder it stands for.
    pub fn mount_of(&self, path: &str) -> Option<(usize, &str)> {
        self.mounts.iter().find_map(|(prefix, folder)| {
            let rest = path.strip_prefix(prefix.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((prefix.len(), folder.as_str()))
        })
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
        self.entries(parent).iter().any(|(n, _)| n == name) || self.on_disk(path) != OnDisk::Missing
    }

    pub fn is_dir(&self, path: &str) -> bool {
        self.children.contains_key(path) || self.on_disk(path) == OnDisk::Dir
    }

    /// Whether a root-relative path the walk did not list exists all the same.
    fn on_disk(&self, path: &str) -> OnDisk {
        let known = |cache: &HashMap<String, OnDisk>| cache.get(path).copied();
        if let Some(state) = self.on_disk.lock().ok().and_then(|cache| known(&cache)) {
            return state;
        }
        let state = OnDisk::of(&self.root.join(path));
        if let Ok(mut cache) = self.on_disk.lock() {
            cache.insert(path.to_string(), state);
        }
        state
    }

    /// Every path outside the walk that the disk was asked about, with its answer, sorted:
    /// findings built on them hold only while the disk still answers the same.
    pub fn disk_answers(&self) -> Vec<(String, OnDisk)> {
        let mut answers: Vec<(String, OnDisk)> = self
            .on_disk
            .lock()
            .map(|cache| cache.iter().map(|(p, s)| (p.clone(), *s)).collect())
            .unwrap_or_default();
        answers.sort_by(|a, b| a.0.cmp(&b.0));
        answers
    }

    pub fn has_name(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub fn dir_names(&self) -> &[String] {
        &self.dir_names
    }

    /// Folder names that may be one edit from `word` (callers measure the distance),
    /// shortest first, then in name order.
    pub fn dir_names_near(&self, word: &str) -> impl Iterator<Item = &str> {
        self.dir_names_near.near(word)
    }

    /// File names that may be one edit from `word`, in the same order.
    pub fn file_names_near(&self, word: &str) -> impl Iterator<Item = &str> {
        self.file_names_near.near(word)
    }

    /// The root-relative paths of every folder with this name.
    pub fn dirs_named(&self, name: &str) -> &[String] {
        self.dirs_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether some file of the tree is named `name`, in any folder.
    pub fn has_file_named(&self, name: &str) -> bool {
        self.files_by_name.contains_key(name)
    }

    /// Whether some file of the tree ends in `.extension` (compared without case).
    pub fn has_extension(&self, extension: &str) -> bool {
        self.file_extensions
            .contains(&extension.to_ascii_lowercase())
    }

    /// Every file name in the tree with the folders holding it.
    pub fn files_by_name(&self) -> &HashMap<String, Vec<String>> {
        &self.files_by_name
    }
}

/// Names with the keys of their variants less one character: two names one edit apart
/// (a letter changed, added, dropped or swapped with its neighbour) share a key, so the
/// names near a word are found by looking up its own keys, not by reading every name.
#[derive(Debug, Default)]
struct NearNames {
    /// Shortest first, then in name order.
    names: Vec<String>,
    /// (key, index into `names`), sorted.
    keys: Vec<(u64, u32)>,
}

impl NearNames {
    fn new(mut names: Vec<String>) -> Self {
        names.sort_by_cached_key(|n| (n.chars().count(), n.clone()));
        let mut keys = Vec::new();
        for (id, name) in names.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            variant_keys(name, |key| keys.push((key, id)));
        }
        keys.sort_unstable();
        keys.dedup();
        NearNames { names, keys }
    }

    /// Every name that shares a key with `word`, in the order of `names`.
    fn near(&self, word: &str) -> impl Iterator<Item = &str> {
        let mut ids = Vec::new();
        variant_keys(word, |key| {
            let start = self.keys.partition_point(|(k, _)| *k < key);
            ids.extend(
                self.keys[start..]
                    .iter()
                    .take_while(|(k, _)| *k == key)
                    .map(|(_, id)| *id),
            );
        });
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.names.get(id as usize).map(String::as_str))
    }
}

/// The keys of a name: the name itself and each variant with one character left out.
fn variant_keys(name: &str, mut key: impl FnMut(u64)) {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let hash = |text: &str| BuildHasherDefault::<DefaultHasher>::default().hash_one(text);
    key(hash(name));
    let mut variant = String::with_capacity(name.len());
    for (i, c) in name.char_indices() {
        variant.clear();
        variant.push_str(&name[..i]);
        variant.push_str(&name[i + c.len_utf8()..]);
        key(hash(&variant));
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
    fn deploy_paths_map_onto_the_web_root() {
        let entries = [
            ("app".to_string(), EntryKind::Dir),
            ("app/public".to_string(), EntryKind::Dir),
            ("app/public/index.php".to_string(), EntryKind::File),
            ("docs".to_string(), EntryKind::Dir),
        ];
        let index = FsIndex::new(Path::new("/nonexistent-root"), entries);
        assert_eq!(index.web_root().as_deref(), Some("app/public"));
        assert_eq!(
            index.mount_of("/var/www/html/index.php"),
            Some((13, "app/public"))
        );
        assert_eq!(index.mount_of("/var/www/htmlx"), None);
        let flat = FsIndex::new(
            Path::new("/nonexistent-root"),
            [("index.php".to_string(), EntryKind::File)],
        );
        assert_eq!(flat.web_root().as_deref(), Some(""));
        assert!(FsIndex::new(Path::new("/x"), Vec::new())
            .mounts()
            .is_empty());
    }

    #[test]
    fn a_copy_of_a_configuration_folder_maps_its_absolute_paths() {
        let file = |path: &str| (path.to_string(), EntryKind::File);
        let dir = |path: &str| (path.to_string(), EntryKind::Dir);
        let index = FsIndex::new(
            Path::new("/nonexistent-root"),
            [
                file("nginx.conf"),
                dir("snippets"),
                file("snippets/fastcgi-php.conf"),
                dir("httpd"),
                dir("httpd/conf"),
                file("httpd/conf/httpd.conf"),
            ],
        );
        assert_eq!(
            index.mount_of("/etc/nginx/snippets/fastcgi-php.conf"),
            Some((10, ""))
        );
        assert_eq!(
            index.mount_of("/etc/httpd/conf.d/ssl.conf"),
            Some((10, "httpd"))
        );
        assert_eq!(index.mount_of("/etc/apache2/apache2.conf"), None);
        let two_copies = FsIndex::new(
            Path::new("/nonexistent-root"),
            [
                dir("staging"),
                file("staging/nginx.conf"),
                dir("production"),
                file("production/nginx.conf"),
            ],
        );
        assert_eq!(two_copies.mount_of("/etc/nginx/nginx.conf"), None);
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

    #[test]
    fn names_one_edit_away_are_found_by_their_keys() {
        let near = NearNames::new(
            [
                "layout.php",
                "layuot.php",
                "layouts.php",
                "lyout.php",
                "laxout.php",
                "footer.php",
            ]
            .map(String::from)
            .to_vec(),
        );
        let found: Vec<&str> = near.near("layout.php").collect();
        // Shortest first, then in name order; the word itself is among them.
        assert_eq!(
            found,
            [
                "lyout.php",
                "laxout.php",
                "layout.php",
                "layuot.php",
                "layouts.php"
            ]
        );
        assert_eq!(near.near("header.php").count(), 0);
    }
}
