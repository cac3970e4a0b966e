//! `typo-gate fix`: applies every finding that has one confident suggestion, replacing only
//! the wrong characters' bytes, and writes each file atomically; everything else is listed, untouched.
//!
//! Safety rests on three checks: the bytes at each span must still read as the finding's
//! `found` (the file is read once, right after the scan), the file must not change between
//! that read and the write, and the write goes to a temporary file in the same folder that
//! is renamed over the original only once it is complete and has the original's mode and
//! owner.
use std::collections::BTreeMap;
use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::cli::FixArgs;
use crate::error::{Error, Result};
use crate::finding::{Finding, Severity};
use crate::report;
use crate::{check, unknown_rule, Checker, ExitStatus};

/// What became of one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    Fixed,
    NotFixed(Skip),
}

/// Why a finding was left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Several replacements are equally good; choosing is the author's call.
    Ambiguous,
    NoSuggestion,
    /// The finding is about a file's or folder's own name: fixing it means renaming.
    WouldRename,
    /// The file's bytes are no longer those the finding was made from.
    ChangedOnDisk,
    /// An earlier fix in the same file covers some of the same bytes.
    Overlaps,
    /// The file could not be read or replaced; it is left as it was.
    Failed(String),
}

/// The totals printed after the list.
#[derive(Debug, Clone)]
pub struct Summary {
    pub dry_run: bool,
    pub fixed: usize,
    pub not_fixed: usize,
    /// Findings of the check run again after fixing; `None` for a dry run.
    pub remaining: Option<usize>,
}

/// One finding and its fate, with the path as the user sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub finding: Finding,
    pub fate: Fate,
}

/// Why a file was not replaced.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed after it was read; writing would lose that change.
    Changed,
    Io(io::Error),
}

/// The fixes for one file, checked against the file's bytes as read once after the scan.
#[derive(Debug)]
pub struct FilePlan {
    pub path: PathBuf,
    snapshot: Snapshot,
    /// Byte ranges in the file with their findings, in file order, none overlapping.
    fixes: Vec<(Range<usize>, Finding)>,
    /// Findings that cannot be applied to these bytes.
    pub skipped: Vec<(Finding, Skip)>,
}

/// A file as read: its bytes, and the metadata whose size and time tell whether it changed.
#[derive(Debug)]
struct Snapshot {
    bytes: Vec<u8>,
    metadata: Metadata,
}

impl Snapshot {
    fn read(path: &Path) -> io::Result<Snapshot> {
        let metadata = std::fs::symlink_metadata(path)?;
        if !metadata.is_file() {
            // Renaming over a symbolic link would replace the link, not its target.
            return Err(io::Error::other("not a regular file"));
        }
        let bytes = std::fs::read(path)?;
        Ok(Snapshot { bytes, metadata })
    }

    fn unchanged_on_disk(&self, path: &Path) -> io::Result<bool> {
        let now = std::fs::symlink_metadata(path)?;
        Ok(now.is_file()
            && now.len() == self.metadata.len()
            && now.modified().ok() == self.metadata.modified().ok()
            && std::fs::read(path)? == self.bytes)
    }
}

/// Whether a finding could be fixed by a text replacement at all.
pub fn fixable(finding: &Finding) -> Result<(), Skip> {
    if finding.span.bytes.is_none() {
        Err(Skip::WouldRename)
    } else if finding.suggestion.is_none() && !finding.alternatives.is_empty() {
        Err(Skip::Ambiguous)
    } else if finding.suggestion.is_none() {
        Err(Skip::NoSuggestion)
    } else {
        Ok(())
    }
}

impl FilePlan {
    /// Reads `path` once and keeps each fixable finding whose span still holds its `found`;
    /// of two overlapping fixes the first in the file wins.
    pub fn new(path: &Path, findings: Vec<Finding>) -> io::Result<FilePlan> {
        let snapshot = Snapshot::read(path)?;
        let offsets = Offsets::new(&snapshot.bytes);
        let mut skipped = Vec::new();
        let mut candidates = Vec::new();
        for finding in findings {
            if let Err(skip) = fixable(&finding) {
                skipped.push((finding, skip));
                continue;
            }
            let range = finding.span.bytes.and_then(|(start, end)| {
                let range = offsets.to_file(start)?..offsets.to_file(end)?;
                let holds = snapshot.bytes.get(range.clone()) == Some(finding.found.as_bytes());
                holds.then_some(range)
            });
            match range {
                Some(range) => candidates.push((range, finding)),
                None => skipped.push((finding, Skip::ChangedOnDisk)),
            }
        }
        candidates.sort_by_key(|(range, _)| (range.start, range.end));
        let mut fixes: Vec<(Range<usize>, Finding)> = Vec::new();
        for (range, finding) in candidates {
            if fixes.last().is_some_and(|(last, _)| range.start < last.end) {
                skipped.push((finding, Skip::Overlaps));
            } else {
                fixes.push((range, finding));
            }
        }
        Ok(FilePlan {
            path: path.to_path_buf(),
            snapshot,
            fixes,
            skipped,
        })
    }

    /// The findings this plan fixes, in file order.
    pub fn fixes(&self) -> impl Iterator<Item = &Finding> {
        self.fixes.iter().map(|(_, finding)| finding)
    }

    /// The file's bytes with every fix applied: each span replaced, every other byte kept.
    pub fn fixed_bytes(&self) -> Vec<u8> {
        let mut bytes = self.snapshot.bytes.clone();
        // From the end, so the offsets of the fixes still to apply stay valid.
        for (range, finding) in self.fixes.iter().rev() {
            if let Some(suggestion) = &finding.suggestion {
                bytes.splice(range.clone(), suggestion.bytes());
            }
        }
        bytes
    }

    /// A unified diff of the fixes with three lines of context, headed `a/NAME`, `b/NAME`.
    pub fn diff(&self, name: &str) -> Vec<u8> {
        let fixed = self.fixed_bytes();
        let diff = similar::TextDiff::from_lines(self.snapshot.bytes.as_slice(), fixed.as_slice());
        let mut out = Vec::new();
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_writer(&mut out)
            .expect("writing to memory does not fail");
        out
    }

    /// Replaces the file with its fixed bytes, atomically.
    pub fn write(&self) -> Result<(), WriteError> {
        self.write_with(|file, bytes| file.write_all(bytes))
    }

    /// Like [`FilePlan::write`], with `write` filling the temporary file, so tests can make
    /// the write fail midway. On any error the original is left exactly as it was.
    pub fn write_with(
        &self,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        let folder = match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".typo-gate-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(WriteError::Io)?;
        write(temporary.as_file_mut(), &self.fixed_bytes()).map_err(WriteError::Io)?;
        keep_owner_and_mode(temporary.as_file(), &self.snapshot.metadata)
            .map_err(WriteError::Io)?;
        temporary.as_file().sync_all().map_err(WriteError::Io)?;
        if !self
            .snapshot
            .unchanged_on_disk(&self.path)
            .map_err(WriteError::Io)?
        {
            return Err(WriteError::Changed);
        }
        temporary
            .persist(&self.path)
            .map_err(|e| WriteError::Io(e.error))?;
        Ok(())
    }
}

/// Gives the replacement the original's owner (where allowed) and permissions.
fn keep_owner_and_mode(file: &File, original: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let own = file.metadata()?;
        if (own.uid(), own.gid()) != (original.uid(), original.gid()) {
            std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))
                .map_err(|e| io::Error::new(e.kind(), format!("cannot keep the owner: {e}")))?;
        }
    }
    // After the owner: changing the owner may clear set-user-ID and set-group-ID bits.
    file.set_permissions(original.permissions())
}

/// Maps byte offsets in the text the checks saw back to offsets in the file. The checks
/// read invalid UTF-8 lossily, each invalid sequence becoming one U+FFFD, so in a Latin-1
/// file every offset after an `é` is shifted.
struct Offsets {
    /// Valid runs: (offset in the text, offset in the file, length).
    runs: Vec<(usize, usize, usize)>,
}

impl Offsets {
    fn new(bytes: &[u8]) -> Offsets {
        let mut runs = Vec::new();
        let (mut text, mut file) = (0, 0);
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid().len();
            runs.push((text, file, valid));
            text += valid + if chunk.invalid().is_empty() { 0 } else { 3 };
            file += valid + chunk.invalid().len();
        }
        Offsets { runs }
    }

    /// `None` for an offset inside a replacement character: no byte of the file matches it.
    fn to_file(&self, at: usize) -> Option<usize> {
        if self.runs.is_empty() {
            return (at == 0).then_some(0);
        }
        self.runs
            .iter()
            .find(|(text, _, len)| (*text..=text + len).contains(&at))
            .map(|(text, file, _)| file + (at - text))
    }
}

/// The folder a root's finding paths are relative to: the root, or a file root's folder.
fn tree_of(root: &Path) -> PathBuf {
    if root.is_dir() {
        return root.to_path_buf();
    }
    match root.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A file's name in a patch applied from the working folder: no leading `./`.
fn patch_path(tree: &Path, path: &str) -> String {
    let shown = report::display_path(tree, path);
    let mut rest = shown.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    rest.to_string()
}

/// Fixes one file of a root, or for a dry run adds its patch to `diff`. Returns each finding
/// with its fate, and whether the file could not be read or written.
fn fix_file(
    tree: &Path,
    path: &str,
    findings: Vec<Finding>,
    dry_run: bool,
    diff: &mut Vec<u8>,
) -> (Vec<(Finding, Fate)>, bool) {
    let file = tree.join(path);
    let plan = match FilePlan::new(&file, findings.clone()) {
        Ok(plan) => plan,
        Err(error) => {
            let gone = error.kind() == io::ErrorKind::NotFound;
            let skip = if gone {
                Skip::ChangedOnDisk
            } else {
                report::warn(&file, &error.to_string());
                Skip::Failed(error.to_string())
            };
            let fates = findings
                .into_iter()
                .map(|f| (f, Fate::NotFixed(skip.clone())))
                .collect();
            return (fates, !gone);
        }
    };
    let mut failed = false;
    let fate = if dry_run {
        diff.extend(plan.diff(&patch_path(tree, path)));
        Fate::Fixed
    } else {
        match plan.write() {
            Ok(()) => Fate::Fixed,
            Err(WriteError::Changed) => Fate::NotFixed(Skip::ChangedOnDisk),
            Err(WriteError::Io(error)) => {
                report::warn(&file, &format!("not written: {error}"));
                failed = true;
                Fate::NotFixed(Skip::Failed(error.to_string()))
            }
        }
    };
    let mut fates: Vec<(Finding, Fate)> = plan.fixes().map(|f| (f.clone(), fate.clone())).collect();
    fates.extend(
        plan.skipped
            .into_iter()
            .map(|(f, skip)| (f, Fate::NotFixed(skip))),
    );
    (fates, failed)
}

/// `typo-gate fix`.
pub fn run(args: &FixArgs) -> Result<ExitStatus> {
    for rule in &args.rules {
        check::rule(rule).ok_or_else(|| unknown_rule(rule))?;
    }
    for path in &args.paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(Error::MissingPath(path.clone()));
        }
    }
    let checker = Checker::new(args.jobs.map(usize::from), args.max_file_size)?;
    let mut entries = Vec::new();
    let mut diff = Vec::new();
    let mut unreadable = false;
    let mut io_failed = false;
    let mut blocking = false;
    for root in &args.paths {
        let outcome = checker.check_root(root)?;
        unreadable |= outcome.failed;
        blocking |= outcome
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        let tree = tree_of(root);
        let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        let mut root_entries = Vec::new();
        for finding in outcome.findings {
            if !args.rules.is_empty() && !args.rules.iter().any(|r| r == finding.rule) {
                continue;
            }
            match fixable(&finding) {
                Ok(()) => by_file
                    .entry(finding.path.clone())
                    .or_default()
                    .push(finding),
                Err(skip) => root_entries.push((finding, Fate::NotFixed(skip))),
            }
        }
        for (path, findings) in by_file {
            let (fates, failed) = fix_file(&tree, &path, findings, args.dry_run, &mut diff);
            root_entries.extend(fates);
            io_failed |= failed;
        }
        root_entries.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        entries.extend(root_entries.into_iter().map(|(finding, fate)| Entry {
            path: report::display_path(&tree, &finding.path),
            finding,
            fate,
        }));
    }

    let mut summary = Summary {
        dry_run: args.dry_run,
        fixed: entries.iter().filter(|e| e.fate == Fate::Fixed).count(),
        not_fixed: entries.iter().filter(|e| e.fate != Fate::Fixed).count(),
        remaining: None,
    };
    if !args.dry_run {
        // What the gate would now say; a dry run changed nothing, so its answer stands.
        let mut remaining = 0;
        blocking = false;
        for root in &args.paths {
            let outcome = checker.check_root(root)?;
            unreadable |= outcome.failed;
            remaining += outcome.findings.len();
            blocking |= outcome
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error);
        }
        summary.remaining = Some(remaining);
    }
    report::print_fixes(&entries, &diff, &summary).map_err(Error::Output)?;
    Ok(if io_failed {
        ExitStatus::Failure
    } else if blocking {
        ExitStatus::Findings
    } else if unreadable {
        ExitStatus::Failure
    } else {
        ExitStatus::Clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Literal, Position, Span};

    fn finding(bytes: (usize, usize), found: &str, suggestion: Option<&str>) -> Finding {
        let span = Span {
            start: Position {
                line: 1,
                column: bytes.0 + 1,
            },
            end: Position {
                line: 1,
                column: bytes.1 + 1,
            },
            bytes: Some(bytes),
        };
        Finding {
            rule: "path-typo",
            severity: Severity::Error,
            path: "f.php".to_string(),
            literal: Literal::whole(found, &span),
            span,
            found: found.to_string(),
            suggestion: suggestion.map(str::to_string),
            alternatives: Vec::new(),
            message: String::new(),
        }
    }

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.php");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    fn folder_entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn fixes_apply_from_the_end_and_keep_every_other_byte() {
        let (_dir, path) = file_with(b"a 'statc' b 'layuot.php'\r\nend");
        let plan = FilePlan::new(
            &path,
            vec![
                finding((3, 8), "statc", Some("static")),
                finding((13, 23), "layuot.php", Some("layout.php")),
            ],
        )
        .unwrap();
        assert!(plan.skipped.is_empty());
        assert_eq!(plan.fixed_bytes(), b"a 'static' b 'layout.php'\r\nend");
        plan.write().unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"a 'static' b 'layout.php'\r\nend"
        );
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let (_dir, path) = file_with(b"x abcdef y");
        let plan = FilePlan::new(
            &path,
            vec![
                finding((3, 7), "bcde", Some("BCDE")),
                finding((2, 6), "abcd", Some("ABCD")),
            ],
        )
        .unwrap();
        assert_eq!(
            plan.fixes().map(|f| f.found.as_str()).collect::<Vec<_>>(),
            ["abcd"]
        );
        assert_eq!(plan.skipped.len(), 1);
        assert_eq!(plan.skipped[0].1, Skip::Overlaps);
        assert_eq!(plan.fixed_bytes(), b"x ABCDef y");
    }

    #[test]
    fn a_span_that_no_longer_holds_its_token_is_not_fixed() {
        let (_dir, path) = file_with(b"x 'statc' y");
        let plan = FilePlan::new(
            &path,
            vec![
                finding((2, 7), "statc", Some("static")),
                finding((3, 30), "statc", Some("static")),
            ],
        )
        .unwrap();
        assert_eq!(plan.fixes().count(), 0);
        assert!(plan.skipped.iter().all(|(_, s)| *s == Skip::ChangedOnDisk));
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_not_written() {
        let (dir, path) = file_with(b"x 'statc' y\n");
        let plan = FilePlan::new(&path, vec![finding((3, 8), "statc", Some("static"))]).unwrap();
        std::fs::write(&path, b"x 'statc' y\nnew line\n").unwrap();
        assert!(matches!(plan.write(), Err(WriteError::Changed)));
        assert_eq!(std::fs::read(&path).unwrap(), b"x 'statc' y\nnew line\n");
        assert_eq!(folder_entries(dir.path()), ["f.php"]);
    }

    #[test]
    fn a_failed_write_leaves_the_original_intact_and_no_temporary_file() {
        let (dir, path) = file_with(b"x 'statc' y\n");
        let plan = FilePlan::new(&path, vec![finding((3, 8), "statc", Some("static"))]).unwrap();
        let result = plan.write_with(|file, bytes| {
            file.write_all(&bytes[..4])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        });
        assert!(matches!(result, Err(WriteError::Io(e)) if e.kind() == io::ErrorKind::StorageFull));
        assert_eq!(std::fs::read(&path).unwrap(), b"x 'statc' y\n");
        assert_eq!(folder_entries(dir.path()), ["f.php"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_replacement_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = file_with(b"x 'statc' y\n");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let plan = FilePlan::new(&path, vec![finding((3, 8), "statc", Some("static"))]).unwrap();
        plan.write().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o640);
    }

    #[test]
    fn offsets_map_lossy_text_back_to_the_file() {
        // Latin-1 `é` (one byte) reads as U+FFFD (three bytes).
        let bytes = b"caf\xe9 'statc'";
        let text = String::from_utf8_lossy(bytes);
        let start = text.find("statc").unwrap();
        let offsets = Offsets::new(bytes);
        assert_eq!(offsets.to_file(start), Some(6));
        assert_eq!(offsets.to_file(text.len()), Some(bytes.len()));
        assert_eq!(offsets.to_file(4), None);
        assert_eq!(Offsets::new(b"").to_file(0), Some(0));
    }

    #[test]
    fn findings_without_one_suggestion_or_a_span_are_not_fixable() {
        let mut ambiguous = finding((0, 1), "a", None);
        ambiguous.alternatives = vec!["b".into(), "c".into()];
        assert_eq!(fixable(&ambiguous), Err(Skip::Ambiguous));
        assert_eq!(
            fixable(&finding((0, 1), "a", None)),
            Err(Skip::NoSuggestion)
        );
        let mut name = finding((0, 1), "a ", Some("a"));
        name.span.bytes = None;
        assert_eq!(fixable(&name), Err(Skip::WouldRename));
        assert_eq!(fixable(&finding((0, 1), "a", Some("b"))), Ok(()));
    }
}
