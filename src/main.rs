//! The `typo-gate` binary: parse the command line, run, map the outcome to an exit code.
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = typo_gate::cli::Cli::parse();
    // A panic anywhere (a worker thread included) must fail the gate closed: exit 2, never 0.
    typo_gate::error::fail_closed(|| typo_gate::run(cli)).into()
}
