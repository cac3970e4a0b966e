//! The result cache: a root's findings kept under a digest of everything they were made
//! from, so that a run on an unchanged tree reuses them instead of parsing and checking.
//!
//! The digest covers the tool itself (its version and the bytes of the running executable,
//! which hold the code and the embedded rules), the configuration, the options that change
//! findings, the walked tree's listing and the content of every file the checks read. The
//! paths outside the walk that the checks asked the disk about are stored with their
//! answers and asked again before an entry is reused. A cache that cannot be read or
//! written is passed over in silence: it never fails a run nor changes its outcome.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::finding::Finding;
use crate::fsindex::{EntryKind, OnDisk};
use crate::lang::Language;
use crate::RootOutcome;

/// Entries kept per root: enough for a few branches or edits back and forth.
const ENTRIES_PER_ROOT: usize = 8;
/// Roots kept per cache folder; the least recently written are removed beyond it.
const ROOTS_PER_FOLDER: usize = 256;
/// Bumped when the stored shape changes.
const FORMAT: &str = "typo-gate-cache-1";

/// Where results are kept, and the digest of the running tool.
pub struct Cache {
    folder: Option<PathBuf>,
    tool: u128,
}

impl Cache {
    /// A cache in `folder`, or in each root's default folder ([`default_folder`]). `None`
    /// when the running executable cannot be read: without its digest nothing is reusable.
    pub fn new(folder: Option<PathBuf>) -> Option<Cache> {
        let exe = std::fs::read(std::env::current_exe().ok()?).ok()?;
        let mut tool = Xxh3::new();
        write_field(&mut tool, FORMAT.as_bytes());
        write_field(&mut tool, env!("CARGO_PKG_VERSION").as_bytes());
        write_field(&mut tool, &exe);
        Some(Cache {
            folder,
            tool: tool.digest128(),
        })
    }

    /// The digest of one root's inputs. `settings` names the root and says how it is
    /// checked; `files` holds each walked file's path with the digest of its content, or
    /// `None` when the checks do not read it.
    pub fn digest(
        &self,
        settings: &str,
        entries: &[(String, EntryKind)],
        files: &[(&str, Option<u128>)],
    ) -> Digest {
        let mut hasher = Xxh3::new();
        hasher.update(&self.tool.to_le_bytes());
        write_field(&mut hasher, settings.as_bytes());
        for (path, kind) in entries {
            write_field(&mut hasher, path.as_bytes());
            hasher.update(&[*kind as u8]);
        }
        for (path, content) in files {
            write_field(&mut hasher, path.as_bytes());
            match content {
                Some(digest) => {
                    hasher.update(&[1]);
                    hasher.update(&digest.to_le_bytes());
                }
                None => hasher.update(&[0]),
            }
        }
        Digest(format!("{:032x}", hasher.digest128()))
    }

    /// The stored outcome for `digest`, if the disk still answers as it did.
    pub fn load(&self, root: &Root, digest: &Digest) -> Option<RootOutcome> {
        let stored = read_entries(&self.file(root)?);
        let entry = stored.into_iter().find(|e| e.digest == digest.0)?;
        let still = entry
            .disk
            .iter()
            .all(|(path, answer)| OnDisk::of(&root.tree.join(path)) == *answer);
        if !still {
            return None;
        }
        entry.outcome.into_outcome()
    }

    /// Keeps `outcome` under `digest`, first among the root's entries.
    pub fn store(
        &self,
        root: &Root,
        digest: Digest,
        disk: Vec<(String, OnDisk)>,
        outcome: &RootOutcome,
    ) {
        let Some(file) = self.file(root) else {
            return;
        };
        let Some(folder) = file.parent() else {
            return;
        };
        if !folder.is_dir() && create_folder(folder).is_err() {
            return;
        }
        let mut entries = read_entries(&file);
        entries.retain(|e| e.digest != digest.0);
        entries.insert(
            0,
            Entry {
                digest: digest.0,
                disk,
                outcome: StoredOutcome::from(outcome),
            },
        );
        entries.truncate(ENTRIES_PER_ROOT);
        let Ok(bytes) = serde_json::to_vec(&Stored {
            format: FORMAT.to_string(),
            entries,
        }) else {
            return;
        };
        if write_atomically(folder, &file, &bytes).is_ok() {
            prune(folder);
        }
    }

    fn file(&self, root: &Root) -> Option<PathBuf> {
        let folder = match &self.folder {
            Some(folder) => folder.clone(),
            None => default_folder(&root.tree)?,
        };
        Some(folder.join(format!("{:032x}.json", xxh3_128(root.identity.as_bytes()))))
    }
}

/// One checked root as the cache names it.
pub struct Root {
    /// The folder walked.
    pub tree: PathBuf,
    /// The canonical folder, and the file when a single file is checked.
    pub identity: String,
}

impl Root {
    pub fn new(tree: &Path, only: Option<&Path>) -> Root {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Root {
            tree: tree.to_path_buf(),
            identity: format!("{:?}\n{:?}", canonical(tree), only.map(canonical)),
        }
    }
}

/// A digest of one root's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest(String);

/// The digest of a file's content.
pub fn content_digest(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// `typo-gate/` in the git folder of the repository holding `tree` (a worktree's own,
/// named by its `.git` file), else in the user's cache folder.
pub fn default_folder(tree: &Path) -> Option<PathBuf> {
    let start = tree.canonicalize().ok()?;
    for dir in start.ancestors() {
        let dot_git = dir.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git.join("typo-gate"));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let git_dir = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
            return Some(dir.join(git_dir).join("typo-gate"));
        }
    }
    user_cache_folder().map(|folder| folder.join("typo-gate"))
}

fn user_cache_folder() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if cfg!(windows) {
        return absolute("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return absolute("HOME").map(|home| home.join("Library/Caches"));
    }
    absolute("XDG_CACHE_HOME").or_else(|| absolute("HOME").map(|home| home.join(".cache")))
}

/// A length before each field keeps `ab`+`c` apart from `a`+`bc`.
fn write_field(hasher: &mut Xxh3, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    digest: String,
    /// The disk's answers about paths outside the walk that the findings rest on.
    disk: Vec<(String, OnDisk)>,
    outcome: StoredOutcome,
}

/// A [`RootOutcome`] of a run that read everything: runs that failed are never stored,
/// so their warnings are printed again each time.
#[derive(Serialize, Deserialize)]
struct StoredOutcome {
    findings: Vec<Finding>,
    scanned: usize,
    skipped: usize,
    not_read: usize,
    sources: Vec<(String, String)>,
    suppressing: Vec<String>,
}

impl StoredOutcome {
    fn from(outcome: &RootOutcome) -> StoredOutcome {
        let mut suppressing: Vec<String> = outcome.suppressing.iter().cloned().collect();
        suppressing.sort();
        StoredOutcome {
            findings: outcome.findings.clone(),
            scanned: outcome.scanned,
            skipped: outcome.skipped,
            not_read: outcome.not_read,
            sources: outcome
                .sources
                .iter()
                .map(|(path, language)| (path.clone(), language.to_string()))
                .collect(),
            suppressing,
        }
    }

    fn into_outcome(self) -> Option<RootOutcome> {
        let sources = self
            .sources
            .into_iter()
            .map(|(path, id)| Some((path, Language::by_id(&id)?.id)))
            .collect::<Option<Vec<_>>>()?;
        Some(RootOutcome {
            findings: self.findings,
            scanned: self.scanned,
            skipped: self.skipped,
            not_read: self.not_read,
            failed: false,
            sources,
            suppressing: self.suppressing.into_iter().collect::<HashSet<_>>(),
        })
    }
}

/// The entries of a root's file; none when it is missing, unreadable or of another shape.
fn read_entries(file: &Path) -> Vec<Entry> {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
        .filter(|stored| stored.format == FORMAT)
        .map(|stored| stored.entries)
        .unwrap_or_default()
}

/// The folder, with a `.gitignore` that keeps it out of walks and commits wherever it is.
fn create_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join(".gitignore"), "# Written by typo-gate.\n*\n")
}

/// Writes a temporary file beside `file` and renames it over: readers see the old
/// entries or the new, never half of them.
fn write_atomically(folder: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the least recently written roots beyond [`ROOTS_PER_FOLDER`].
fn prune(folder: &Path) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= ROOTS_PER_FOLDER {
        return;
    }
    files.sort();
    let excess = files.len() - ROOTS_PER_FOLDER;
    for (_, path) in files.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}
