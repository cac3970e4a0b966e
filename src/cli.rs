//! Command-line definitions (clap only; no behaviour here).
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "typo-gate",
    version,
    about = "Stop configuration typos before they reach production."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check repositories; exit 1 if anything is found, 2 if the tool failed.
    Check(CheckArgs),
    /// Apply each finding's one confident suggestion, then check again.
    Fix(FixArgs),
    /// List every rule with its severity and a one-line summary.
    Rules,
    /// Write a commented starter typo-gate.toml in the current folder.
    Init {
        /// Replace an existing typo-gate.toml.
        #[arg(long)]
        force: bool,
    },
    /// Record today's findings so that `check --baseline FILE` blocks only new ones.
    Baseline(BaselineArgs),
    /// Print the documentation of a rule.
    Explain {
        /// The rule's name, e.g. path-typo.
        rule: String,
    },
    /// Diagnostic views for understanding what the tool sees.
    #[command(subcommand)]
    Debug(DebugCommand),
    /// Git hooks that run the check before a push or a commit.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a completion script for a shell: `typo-gate completions bash`.
    Completions {
        /// The shell the script is for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff, or write one page per command to a folder.
    Man {
        /// Write typo-gate.1 and a page for each command (typo-gate-check.1, ...) here.
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a git hook that runs `typo-gate check` from the repository's top level.
    Install {
        /// Run before each push (the default).
        #[arg(long, conflicts_with = "pre_commit")]
        pre_push: bool,
        /// Run before each commit instead.
        #[arg(long)]
        pre_commit: bool,
        /// Replace an existing hook that typo-gate did not write.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DebugCommand {
    /// Print every candidate extracted from a file and how it was classified.
    Candidates {
        /// The file to inspect; paths resolve against the folder given by --root.
        file: PathBuf,
        /// The repository root the file belongs to (default: the file's folder).
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folders (or files) to check; each is checked as its own root.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format (default: github when GITHUB_ACTIONS=true, human otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Also write the SARIF report to FILE, whatever --format prints.
    #[arg(long, value_name = "FILE")]
    pub sarif_output: Option<PathBuf>,

    /// Worker threads (default: the number of cores).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// When to colour the human output. NO_COLOR in the environment means never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Skip files larger than this (bytes, or with a K/M/G suffix: 512K, 2M; default 2M, or
    /// the configuration's max-file-size).
    #[arg(long, value_parser = parse_size)]
    pub max_file_size: Option<u64>,

    /// The configuration file (default: typo-gate.toml, .typo-gate.toml or pyproject.toml's
    /// [tool.typo-gate], the nearest at or above each checked path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Block only findings not recorded in this baseline (see `typo-gate baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Report only findings in files changed since the merge base with REF, and untracked
    /// files; paths still resolve against the whole tree.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    /// Keep results here and reuse them while nothing they depend on changed (default:
    /// typo-gate/ in the repository's git folder, else in the user's cache folder).
    #[arg(long, value_name = "DIR", env = "TYPO_GATE_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Check everything afresh, reading and writing no cache (also TYPO_GATE_NO_CACHE=1).
    #[arg(long, env = "TYPO_GATE_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Folders (or files) to record; each is checked as its own root.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Where to write the baseline (default: .typo-gate-baseline.json in the first path).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The configuration file (default: the nearest at or above each path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Worker threads (default: the number of cores).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Skip files larger than this (default 2M, or the configuration's max-file-size).
    #[arg(long, value_parser = parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Folders (or files) to fix; each is checked as its own root.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Print the fixes as a unified diff on stdout and change nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Fix only the findings of this rule (repeatable).
    #[arg(long = "rule", value_name = "RULE")]
    pub rules: Vec<String>,

    /// Worker threads (default: the number of cores).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Skip files larger than this (bytes, or with a K/M/G suffix: 512K, 2M).
    #[arg(long, default_value = "2M", value_parser = parse_size)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding with its source line and a suggestion, then a summary.
    Human,
    /// One JSON object with every finding and the totals.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// A GitLab Code Quality report, for `artifacts:reports:codequality`.
    Gitlab,
    /// JUnit XML: a test case per checked file, a failure per blocking finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Parses `2097152`, `512K`, `2M`, `2MiB`, `1G` into bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (digits, unit) = trimmed.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (examples: 2097152, 512K, 2M)"))?;
    let factor = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}` (use K, M or G)")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_size("2097152"), Ok(2_097_152));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert!(parse_size("2X").is_err());
        assert!(parse_size("lots").is_err());
    }
}
