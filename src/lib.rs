//! typo-gate: walk → detect language → parse → extract candidates → check → findings →
//! report → exit status.
pub mod baseline;
pub mod cache;
pub mod changed;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod expr;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod fsindex;
pub mod hook;
pub mod lang;
pub mod manual;
pub mod repo;
pub mod report;
pub mod schema;
pub mod suppress;
pub mod vocab;
pub mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use crate::check::{Context, RULES};
use crate::cli::{CheckArgs, Cli, Color, Command, DebugCommand, Format, HookCommand};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::expr::Symbols;
use crate::extract::FileFacts;
use crate::finding::{Finding, Literal, Position, Severity, Span};
use crate::report::{Reporter, Summary};
use crate::vocab::Vocabularies;
use crate::walk::{WalkOptions, WalkedFile};

/// The three outcomes of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing blocks the deploy.
    Clean,
    /// At least one blocking finding.
    Findings,
    /// The tool itself failed.
    Failure,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Failure => 2,
        })
    }
}

/// What `typo-gate explain tests` prints: how findings in test code are treated.
const TEST_CODE_DOCS: &str = include_str!("../rules/docs/tests.md");

pub fn run(cli: Cli) -> Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Rules => {
            let mut text = String::new();
            for rule in RULES {
                let severity = match rule.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                text.push_str(&format!(
                    "{:<16} {:<8} {}\n",
                    rule.id, severity, rule.summary
                ));
            }
            report::write_stdout(&text).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
        Command::Init { force } => {
            let path = config::init(Path::new("."), force)?;
            report::write_stdout(&format!("wrote {}\n", path.display())).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
        Command::Baseline(args) => baseline::run(&args),
        Command::Explain { rule } => {
            let docs = if rule == config::TESTS {
                TEST_CODE_DOCS
            } else {
                check::rule(&rule).ok_or_else(|| unknown_rule(&rule))?.docs
            };
            report::write_stdout(docs).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
        Command::Debug(DebugCommand::Candidates { file, root }) => {
            debug_candidates(&file, root.as_deref())
        }
        Command::Hook(HookCommand::Install {
            pre_commit, force, ..
        }) => {
            let kind = if pre_commit {
                hook::HookKind::PreCommit
            } else {
                hook::HookKind::PrePush
            };
            match hook::install(kind, force) {
                Ok(path) => {
                    let text = format!("installed the {} hook: {}\n", kind.name(), path.display());
                    report::write_stdout(&text).map_err(Error::Output)?;
                    Ok(ExitStatus::Clean)
                }
                Err(error) => {
                    report::print_error(&error);
                    Ok(ExitStatus::Failure)
                }
            }
        }
        Command::Completions { shell } => {
            report::write_stdout(&manual::completions(shell)).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
        Command::Man { output_dir: None } => {
            report::write_stdout(&manual::man_page()).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
        Command::Man {
            output_dir: Some(dir),
        } => {
            let mut text = String::new();
            for page in manual::write_man_pages(&dir)? {
                text.push_str(&format!("wrote {}\n", page.display()));
            }
            report::write_stdout(&text).map_err(Error::Output)?;
            Ok(ExitStatus::Clean)
        }
    }
}

pub(crate) fn unknown_rule(name: &str) -> Error {
    let near = RULES
        .iter()
        .map(|r| (vocab::distance(name, r.id), r.id))
        .filter(|(d, _)| *d <= 3)
        .min();
    let help = match near.map(|(_, id)| id) {
        Some(one) => format!("did you mean `{one}`? `typo-gate rules` lists every rule"),
        None => "`typo-gate rules` lists every rule".to_string(),
    };
    Error::UnknownRule {
        name: name.to_string(),
        help,
    }
}

/// One root's result.
pub struct RootOutcome {
    /// Sorted by path, line, column.
    pub findings: Vec<Finding>,
    pub scanned: usize,
    pub skipped: usize,
    /// Files a language reads that were left unread ([`extract::NotRead`]).
    pub not_read: usize,
    /// Something could not be read.
    pub failed: bool,
    /// Each file read, with its language's id.
    pub sources: Vec<(String, &'static str)>,
    /// The files read whose text holds a suppression comment's marker: no other file can
    /// silence a finding, so only these are read again.
    pub suppressing: HashSet<String>,
}

/// The stack of each worker thread. Nothing recurses deeper than [`extract::MAX_DEPTH`]
/// levels, which a test holds to fit this in a debug build with room to spare.
pub const WORKER_STACK: usize = 8 << 20;

/// The checking pipeline with its worker threads, reusable across roots (and by `fix`).
pub struct Checker {
    pool: rayon::ThreadPool,
    options: WalkOptions,
    cache: Option<cache::Cache>,
}

impl Checker {
    /// `jobs`: worker threads, default all cores. Files over `max_file_size` are skipped.
    pub fn new(jobs: Option<usize>, max_file_size: u64) -> Result<Self> {
        let threads =
            jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(WORKER_STACK)
            .build()
            .map_err(|e| Error::Internal {
                what: "the worker threads",
                message: e.to_string(),
            })?;
        Ok(Checker {
            pool,
            options: WalkOptions {
                threads,
                max_file_size,
            },
            cache: None,
        })
    }

    /// Reuses and keeps results in `cache` (`check` does; `fix` and `baseline` do not).
    pub fn with_cache(mut self, cache: Option<cache::Cache>) -> Self {
        self.cache = cache;
        self
    }

    /// Checks one root (a folder, or a file against its folder's tree).
    pub fn check_root(&self, root: &Path) -> Result<RootOutcome> {
        self.check_root_with(root, &Config::default(), None)
    }

    /// Checks one root under a configuration: its excluded files are not read, its
    /// `[paths]` and `[formats]` apply, and a `max_file_size` given here wins over both
    /// the configuration's and the checker's.
    pub fn check_root_with(
        &self,
        root: &Path,
        config: &Config,
        max_file_size: Option<u64>,
    ) -> Result<RootOutcome> {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(Error::MissingPath(root.to_path_buf()));
        }
        let options = WalkOptions {
            threads: self.options.threads,
            max_file_size: max_file_size
                .or(config.max_file_size)
                .unwrap_or(self.options.max_file_size),
        };
        self.pool
            .install(|| check_root(root, &options, config, self.cache.as_ref()))
    }
}

/// Files larger than this are skipped unless the command line or configuration says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 << 20;

/// One checked root with its configuration applied.
pub struct CheckedRoot {
    /// The folder the findings' paths are relative to.
    pub root: PathBuf,
    pub outcome: RootOutcome,
}

/// Checks every root under its configuration: `[severity]`, `allow` and `vocabulary`
/// applied, then inline suppressions.
pub fn check_roots(
    paths: &[PathBuf],
    explicit_config: Option<&Path>,
    jobs: Option<u16>,
    max_file_size: Option<u64>,
    cache: Option<cache::Cache>,
) -> Result<Vec<CheckedRoot>> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(Error::MissingPath(path.clone()));
        }
    }
    let checker = Checker::new(jobs.map(usize::from), DEFAULT_MAX_FILE_SIZE)?.with_cache(cache);
    let mut out = Vec::new();
    for root in paths {
        let config = Config::for_root(root, explicit_config)?;
        let mut outcome = checker.check_root_with(root, &config, max_file_size)?;
        let tree = tree_of(root);
        let suppressing = &outcome.suppressing;
        let findings = suppress::apply_all(
            std::mem::take(&mut outcome.findings),
            &outcome.sources,
            |path| {
                suppressing
                    .contains(path)
                    .then(|| std::fs::read_to_string(tree.join(path)).ok())
                    .flatten()
            },
        );
        outcome.findings = config.apply(findings);
        // Findings are relative to the folder that was walked: a file's own folder when
        // a single file is checked.
        out.push(CheckedRoot {
            root: tree,
            outcome,
        });
    }
    Ok(out)
}

fn run_check(args: &CheckArgs) -> Result<ExitStatus> {
    let started = Instant::now();
    let mut checked = check_roots(
        &args.paths,
        args.config.as_deref(),
        args.jobs,
        args.max_file_size,
        (!args.no_cache)
            .then(|| cache::Cache::new(args.cache_dir.clone()))
            .flatten(),
    )?;
    if let Some(reference) = &args.changed_since {
        for CheckedRoot { root, outcome } in &mut checked {
            let changed = changed::changed_files(&tree_of(root), reference)?;
            outcome.findings.retain(|f| changed.contains(&f.path));
        }
    }
    let mut stale_baseline = None;
    if let Some(file) = &args.baseline {
        let mut recorded = baseline::Baseline::load(file)?;
        for CheckedRoot { root, outcome } in &mut checked {
            // The baseline quotes the typos it records; it is never checked itself.
            outcome
                .findings
                .retain(|f| !same_file(&tree_of(root).join(&f.path), file) && !recorded.absorbs(f));
        }
        stale_baseline = Some(recorded.stale());
    }

    let workspace = env_path("GITHUB_WORKSPACE");
    let roots: Vec<report::Root> = checked
        .iter()
        .map(|c| report::Root::new(&c.root, workspace.as_deref()))
        .collect();
    let format = output_format(args.format);
    let mut reporters: Vec<Box<dyn Reporter>> = vec![match format {
        Format::Human => Box::new(report::Human::new(use_color(args.color))),
        Format::Json => Box::new(report::Json::default()),
        Format::Sarif => Box::new(report::Sarif::new(None, &roots)),
        Format::Github => Box::new(report::Github::new(env_path("GITHUB_STEP_SUMMARY"))),
        Format::Gitlab => Box::new(report::Gitlab::default()),
        Format::Junit => Box::new(report::Junit::new(checked.iter().zip(&roots).flat_map(
            |(c, root)| {
                c.outcome
                    .sources
                    .iter()
                    .map(|(path, _)| root.repository_path(path))
            },
        ))),
    }];
    if let Some(file) = &args.sarif_output {
        reporters.push(Box::new(report::Sarif::new(Some(file.clone()), &roots)));
    }
    let mut summary = Summary::default();
    let mut failed = false;
    let mut blocking = false;
    for (CheckedRoot { outcome, .. }, root) in checked.iter().zip(&roots) {
        summary.files_scanned += outcome.scanned;
        summary.files_skipped += outcome.skipped;
        summary.files_not_read += outcome.not_read;
        summary.findings += outcome.findings.len();
        summary.test_warnings += outcome
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning && config::is_test_code(&f.path))
            .count();
        let mut files: Vec<&str> = outcome.findings.iter().map(|f| f.path.as_str()).collect();
        files.dedup();
        summary.files_with_findings += files.len();
        failed |= outcome.failed;
        blocking |= outcome
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
        for finding in &outcome.findings {
            for reporter in &mut reporters {
                reporter.report(root, finding).map_err(Error::Output)?;
            }
        }
    }
    summary.duration_ms = started.elapsed().as_millis();
    summary.stale_baseline = stale_baseline;
    for reporter in &mut reporters {
        reporter.finish(&summary).map_err(Error::Output)?;
    }
    if !matches!(format, Format::Human | Format::Json) {
        report::stale_baseline(summary.stale_baseline.as_deref().unwrap_or_default());
    }
    Ok(if blocking {
        ExitStatus::Findings
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Clean
    })
}

/// A path named by an environment variable, unless it is unset or empty.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The format asked for; without one, annotations inside GitHub Actions, else the human report.
fn output_format(asked: Option<Format>) -> Format {
    asked.unwrap_or_else(|| {
        if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    })
}

fn use_color(color: Color) -> bool {
    use std::io::IsTerminal;
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// What reading one file gave.
enum FileRead {
    /// Its facts, and whether its text holds a suppression comment's marker.
    Facts(FileFacts, bool),
    /// No language reads it (an image, a stylesheet).
    NotSource,
    /// Binary content.
    Skipped,
    Failed(std::io::Error),
    /// A file its language reads that had to be left unread.
    NotRead(extract::NotRead),
}

fn check_root(
    root: &Path,
    options: &WalkOptions,
    config: &Config,
    cache: Option<&cache::Cache>,
) -> Result<RootOutcome> {
    let metadata = std::fs::metadata(root).map_err(|source| Error::Unreadable {
        path: root.to_path_buf(),
        source,
    })?;
    // A single file is checked against the tree of its folder.
    let (tree, only): (PathBuf, Option<PathBuf>) = if metadata.is_dir() {
        (root.to_path_buf(), None)
    } else {
        let parent = root
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (parent.to_path_buf(), Some(root.to_path_buf()))
    };
    std::fs::read_dir(&tree).map_err(|source| Error::Unreadable {
        path: tree.clone(),
        source,
    })?;
    let mut walked = walk::walk(&tree, options);
    for (deploy, folder) in &config.mounts {
        walked.index.set_mount(deploy, folder);
    }
    let mut failed = false;
    for (path, message) in &walked.errors {
        report::warn(path, message);
        failed = true;
    }

    // Excluded files are not read, but still exist for the paths that name them.
    let wanted = |file: &WalkedFile| {
        only.as_ref().is_none_or(|o| same_file(o, &file.absolute)) && !config.excludes(&file.path)
    };
    let cache = cache.filter(|_| !failed);
    let cache_root = cache::Root::new(&tree, only.as_deref());
    let settings = format!(
        "{}\n{}\n{}",
        cache_root.identity,
        options.max_file_size,
        config.fingerprint()
    );
    let digest_of = |cache: &cache::Cache, contents: &[Option<u128>]| {
        let files: Vec<(&str, Option<u128>)> = walked
            .files
            .iter()
            .zip(contents)
            .map(|(file, content)| (file.path.as_str(), *content))
            .collect();
        cache.digest(&settings, &walked.entries, &files)
    };
    if let Some(cache) = cache {
        let contents: Option<Vec<Option<u128>>> = walked
            .files
            .par_iter()
            .with_max_len(16)
            .map(|file| {
                if wanted(file) && worth_reading(file, config.format_of(&file.path)) {
                    read_file(&file.absolute)
                        .ok()
                        .map(|bytes| Some(cache::content_digest(&bytes)))
                } else {
                    Some(None)
                }
            })
            .collect();
        let reused = contents.and_then(|c| cache.load(&cache_root, &digest_of(cache, &c)));
        if let Some(outcome) = reused {
            return Ok(outcome);
        }
    }
    // Runs of at most 16 files: rayon otherwise splits the files into a few long runs, each
    // read in order by one core, and the core left with the end of one waits idle.
    let (reads, contents): (Vec<FileRead>, Vec<Option<u128>>) = walked
        .files
        .par_iter()
        .enumerate()
        .with_max_len(16)
        .map(|(id, file)| {
            if wanted(file) {
                read_and_extract(id, file, config.format_of(&file.path))
            } else {
                (FileRead::NotSource, None)
            }
        })
        .unzip();

    let mut skipped = walked.skipped;
    let mut scanned = 0;
    let mut not_read = 0;
    let mut definitions = Vec::new();
    for (id, read) in reads.iter().enumerate() {
        match read {
            FileRead::Facts(facts, _) => {
                scanned += 1;
                definitions.extend(
                    facts
                        .definitions
                        .iter()
                        .map(|d| (id, d.name.clone(), d.value.clone())),
                );
            }
            FileRead::Skipped => skipped += 1,
            FileRead::Failed(error) => {
                report::warn(&walked.files[id].absolute, &error.to_string());
                failed = true;
            }
            FileRead::NotRead(reason) => {
                report::warn(&walked.files[id].absolute, &format!("not read: {reason}"));
                not_read += 1;
                failed = true;
            }
            FileRead::NotSource => {}
        }
    }
    // Definitions from files outside a single-file check still resolve its constants.
    let paths: Vec<String> = walked.files.iter().map(|f| f.path.clone()).collect();
    let symbols = Symbols::new(paths.clone(), definitions);
    let vocab = Vocabularies::builtin();
    let all_facts: Vec<Option<&FileFacts>> = reads
        .iter()
        .map(|r| match r {
            FileRead::Facts(facts, _) => Some(facts),
            _ => None,
        })
        .collect();
    let package = tree
        .canonicalize()
        .ok()
        .and_then(|t| t.file_name().map(|n| n.to_string_lossy().into_owned()));
    let repo = repo::Repository::build(&paths, &all_facts, vocab, package.as_deref());
    let ctx = Context {
        index: &walked.index,
        vocab,
        repo: &repo,
        symbols: &symbols,
        paths: &paths,
    };
    let (findings, lone): (Vec<Vec<Finding>>, Vec<Vec<check::lone::Lone>>) = reads
        .par_iter()
        .enumerate()
        .with_max_len(16)
        .map(|(id, read)| match read {
            FileRead::Facts(facts, _) => (
                check::check_file(id, facts, &ctx),
                check::check_lone_words(id, facts, &ctx),
            ),
            _ => (Vec::new(), Vec::new()),
        })
        .unzip();
    let mut findings: Vec<Finding> = findings.into_iter().flatten().collect();
    let lone: Vec<_> = lone.into_iter().flatten().collect();
    // Every walked file's text, read or not (documentation too), says which words the
    // repository writes.
    let lone = check::lone::confirm(lone, &paths, |id| {
        let file = &walked.files[id];
        let bytes = read_file(&file.absolute).ok()?;
        (!bytes[..bytes.len().min(8192)].contains(&0)).then_some(bytes)
    });
    findings.extend(check::report_lone_words(lone, &findings, &ctx));
    if only.is_none() {
        findings.extend(
            walked
                .padded_names
                .iter()
                .filter(|path| !config.excludes(path))
                .map(|path| padded_name_finding(path)),
        );
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.path == b.path && a.span == b.span && a.rule == b.rule);
    let sources = reads
        .iter()
        .enumerate()
        .filter_map(|(id, read)| match read {
            FileRead::Facts(facts, _) => Some((walked.files[id].path.clone(), facts.language?.id)),
            _ => None,
        })
        .collect();
    let suppressing = reads
        .iter()
        .enumerate()
        .filter_map(|(id, read)| match read {
            FileRead::Facts(_, true) => Some(walked.files[id].path.clone()),
            _ => None,
        })
        .collect();
    let outcome = RootOutcome {
        sources,
        suppressing,
        findings,
        scanned,
        skipped,
        not_read,
        failed,
    };
    if let Some(cache) = cache.filter(|_| !outcome.failed) {
        // Keyed by the bytes the checks read, not those hashed before: a file changed
        // in between cannot leave findings under a digest they were not made from.
        let digest = digest_of(cache, &contents);
        cache.store(&cache_root, digest, walked.index.disk_answers(), &outcome);
    }
    Ok(outcome)
}

/// Checks one file's text as if it stood at `path` in a repository holding `others` (root-
/// relative paths; folders end in `/`) and nothing else: the whole pipeline from bytes to
/// findings for a single file, as the fuzz targets and the property tests drive it. Text
/// no language reads gives no findings.
pub fn check_text(
    path: &str,
    language: Option<&'static lang::Language>,
    bytes: &[u8],
    others: &[&str],
) -> std::result::Result<Vec<Finding>, extract::NotRead> {
    let text = String::from_utf8_lossy(bytes);
    let Some(language) = language.or_else(|| lang::detect(Path::new(path), &text)) else {
        return Ok(Vec::new());
    };
    let facts = extract::extract_for_checks(language, &text, 0)?;
    let mut paths = vec![path.to_string()];
    paths.extend(others.iter().map(|p| p.trim_end_matches('/').to_string()));
    let entries = std::iter::once((path.to_string(), fsindex::EntryKind::File)).chain(
        others.iter().map(|p| match p.strip_suffix('/') {
            Some(dir) => (dir.to_string(), fsindex::EntryKind::Dir),
            None => (p.to_string(), fsindex::EntryKind::File),
        }),
    );
    let index = fsindex::FsIndex::new(Path::new("."), entries);
    let definitions = facts
        .definitions
        .iter()
        .map(|d| (0, d.name.clone(), d.value.clone()));
    let symbols = Symbols::new(paths.clone(), definitions);
    let vocab = Vocabularies::builtin();
    let mut all_facts = vec![Some(&facts)];
    all_facts.resize(paths.len(), None);
    let repo = repo::Repository::build(&paths, &all_facts, vocab, None);
    let ctx = Context {
        index: &index,
        vocab,
        repo: &repo,
        symbols: &symbols,
        paths: &paths,
    };
    let mut findings = check::check_file(0, &facts, &ctx);
    let lone = check::lone::confirm(check::check_lone_words(0, &facts, &ctx), &paths, |id| {
        (id == 0).then(|| bytes.to_vec())
    });
    findings.extend(check::report_lone_words(lone, &findings, &ctx));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(findings)
}

/// The folder a root's paths are relative to: the root, or a file's folder.
fn tree_of(root: &Path) -> PathBuf {
    if root.is_dir() {
        root.to_path_buf()
    } else {
        root.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// How many leading bytes are sniffed for a NUL to tell binary files.
const SNIFF: usize = 8192;

/// Whether a file's text is read at all: its name alone can rule it out.
fn worth_reading(file: &WalkedFile, configured: Option<&'static lang::Language>) -> bool {
    let name = Path::new(&file.path);
    if name.file_name().is_some_and(|n| n == baseline::FILE_NAME) {
        return false;
    }
    configured.or_else(|| lang::detect(name, "")).is_some()
        || name.extension().is_none()
        || lang::needs_text(name)
}

/// What reading the file gave, with the digest of the bytes read, if it was read.
fn read_and_extract(
    id: usize,
    file: &WalkedFile,
    configured: Option<&'static lang::Language>,
) -> (FileRead, Option<u128>) {
    if !worth_reading(file, configured) {
        return (FileRead::NotSource, None);
    }
    let name = Path::new(&file.path);
    let by_name = configured.or_else(|| lang::detect(name, ""));
    let bytes = match read_file(&file.absolute) {
        Ok(bytes) => bytes,
        Err(error) => return (FileRead::Failed(error), None),
    };
    let content = Some(cache::content_digest(&bytes));
    if bytes[..bytes.len().min(SNIFF)].contains(&0) {
        return (FileRead::Skipped, content);
    }
    let text = String::from_utf8_lossy(&bytes);
    let language = match by_name {
        Some(language) => language,
        None => match lang::detect(name, &text) {
            Some(language) => language,
            None => return (FileRead::NotSource, content),
        },
    };
    let read = match extract::extract_for_checks(language, &text, id) {
        Ok(facts) => FileRead::Facts(facts, text.contains(suppress::MARKER)),
        Err(reason) => FileRead::NotRead(reason),
    };
    (read, content)
}

fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

fn padded_name_finding(path: &str) -> Finding {
    let name = path.rsplit('/').next().unwrap_or(path);
    let trimmed = name.trim();
    let kind = if name.starts_with(char::is_whitespace) {
        "begins"
    } else {
        "ends"
    };
    let span = Span {
        start: Position { line: 1, column: 1 },
        end: Position { line: 1, column: 1 },
        bytes: None,
    };
    // The name as a whole: its suggestion is what to rename the file to.
    Finding {
        rule: "path-whitespace",
        severity: check::rule("path-whitespace").map_or(Severity::Error, |r| r.severity),
        path: path.to_string(),
        literal: Literal::whole(name, &span),
        span,
        found: name.to_string(),
        suggestion: Some(trimmed.to_string()),
        alternatives: Vec::new(),
        message: format!("the name {name:?} {kind} with white space; rename it to `{trimmed}`"),
    }
}

fn debug_candidates(file: &Path, root: Option<&Path>) -> Result<ExitStatus> {
    let bytes = read_file(file).map_err(|source| Error::Unreadable {
        path: file.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let Some(language) = lang::detect(file, &text) else {
        report::write_stdout(&format!(
            "{}: no language reads this file\n",
            file.display()
        ))
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Clean);
    };
    let root = root
        .map(Path::to_path_buf)
        .or_else(|| file.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let rel = walk::relative(&root, file);
    let facts = match extract::try_extract(language, &text, 0) {
        Ok(facts) => facts,
        Err(reason) => {
            report::warn(file, &format!("not read: {reason}"));
            return Ok(ExitStatus::Failure);
        }
    };
    let definitions = facts
        .definitions
        .iter()
        .map(|d| (0, d.name.clone(), d.value.clone()));
    let symbols = Symbols::new(vec![rel.clone()], definitions);
    let scope = expr::Scope {
        file: 0,
        file_path: &rel,
        symbols: &symbols,
    };
    let mut out = format!("{} ({})\n", file.display(), language.id);
    for definition in &facts.definitions {
        let value = scope.evaluate(&definition.value);
        out.push_str(&format!(
            "definition {} = {:?}\n",
            definition.name,
            value.text.replace(expr::UNKNOWN, "…")
        ));
    }
    let reads: Vec<&str> = facts.reads.iter().map(|r| r.name.as_str()).collect();
    if !reads.is_empty() {
        out.push_str(&format!("reads {}\n", reads.join(" ")));
    }
    for key in &facts.keys {
        let at = key.lit.span.start;
        out.push_str(&format!(
            "{:<8} doc-key {:?} in {}\n",
            format!("{}:{}", at.line, at.column),
            key.lit.text,
            lang::place_text(&facts.keys, key.place)
        ));
    }
    for candidate in &facts.candidates {
        let value = scope.evaluate(&candidate.expr);
        let start = candidate.expr.literals().first().map(|l| l.span.start);
        let at = start.map_or(String::from("-"), |p| format!("{}:{}", p.line, p.column));
        out.push_str(&format!(
            "{at:<8} {:<7} {}{:?}\n",
            format!("{:?}", candidate.kind).to_lowercase(),
            if value.anchored { "root:" } else { "" },
            value.text.replace(expr::UNKNOWN, "…"),
        ));
    }
    report::write_stdout(&out).map_err(Error::Output)?;
    Ok(ExitStatus::Clean)
}
