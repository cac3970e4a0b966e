//! Shell completions and manual pages, generated from the command-line definitions so that
//! they never drift from the options the binary takes.
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "typo-gate", &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        // For a binary named with a hyphen, clap_complete's bash script names a subcommand's
        // state `typo__gate__subcmd__check` where it walks the words and
        // `typo__subcmd__gate__subcmd__check` where it completes, so no subcommand's options
        // ever complete (clap-rs/clap#6421). One spelling throughout mends it; once fixed
        // upstream, there is nothing left to replace.
        Shell::Bash => script.replace("typo__subcmd__gate", "typo__gate"),
        _ => script,
    }
}

/// The manual page of `typo-gate` itself, in roff; it lists the commands.
pub fn man_page() -> String {
    let mut page = Vec::new();
    clap_mangen::Man::new(man_command())
        .render(&mut page)
        .expect("rendering into memory does not fail");
    String::from_utf8_lossy(&page).into_owned()
}

/// Writes `typo-gate.1` and a page for each command (`typo-gate-check.1`,
/// `typo-gate-hook-install.1`, ...) into `dir`, made if missing; returns the files written.
pub fn write_man_pages(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Unwritable {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    write_pages(&man_command(), dir, &mut written)?;
    Ok(written)
}

/// The commands as the manual pages describe them: without `help`, which has no page of
/// its own, and built, so that every command knows its full name (`typo-gate-check`),
/// which names its page.
fn man_command() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// Writes the page of `command`, then those of its subcommands.
fn write_pages(command: &clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    let path = dir.join(man.get_filename());
    man.generate_to(dir).map_err(|source| Error::Unwritable {
        path: path.clone(),
        source,
    })?;
    written.push(path);
    for subcommand in command.get_subcommands() {
        write_pages(subcommand, dir, written)?;
    }
    Ok(())
}
