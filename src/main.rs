//! The `typo-gate` binary: parse the command line, run, map the outcome to an exit code.
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = typo_gate::cli::Cli::parse();
    // A panic anywhere (a worker thread included) must fail the gate closed: exit 2, never 0.
    match std::panic::catch_unwind(|| typo_gate::run(cli)) {
        Ok(Ok(status)) => status.into(),
        Ok(Err(error)) => {
            typo_gate::report::print_error(&error);
            typo_gate::ExitStatus::Failure.into()
        }
        Err(_) => typo_gate::ExitStatus::Failure.into(),
    }
}
