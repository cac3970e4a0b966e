//! The tool's own errors. Each is a diagnostic with a code and, where it helps, a hint.
use std::panic::UnwindSafe;
use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use crate::ExitStatus;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("path not found: {}", .0.display())]
    #[diagnostic(
        code(typo_gate::missing_path),
        help("check the spelling of the path given on the command line")
    )]
    MissingPath(PathBuf),

    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(typo_gate::unreadable))]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("unknown rule `{name}`")]
    #[diagnostic(code(typo_gate::unknown_rule), help("{help}"))]
    UnknownRule { name: String, help: String },

    #[error("cannot start {what}: {message}")]
    #[diagnostic(code(typo_gate::internal))]
    Internal { what: &'static str, message: String },

    /// A configuration file that is not valid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),

    #[error("{} already exists", .0.display())]
    #[diagnostic(code(typo_gate::exists), help("pass --force to replace it"))]
    Exists(PathBuf),

    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(typo_gate::unwritable))]
    Unwritable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{message}")]
    #[diagnostic(code(typo_gate::baseline))]
    Baseline { message: String },

    #[error("--changed-since {reference}: {message}")]
    #[diagnostic(code(typo_gate::changed_since), help("{help}"))]
    ChangedSince {
        reference: String,
        message: String,
        help: String,
    },

    #[error("cannot write the report: {0}")]
    #[diagnostic(code(typo_gate::output))]
    Output(#[source] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Runs the tool so that it fails closed: an error, or a panic anywhere (a worker thread
/// included, as scoped threads pass their panics on), ends in [`ExitStatus::Failure`],
/// never in a clean exit.
pub fn fail_closed(run: impl FnOnce() -> Result<ExitStatus> + UnwindSafe) -> ExitStatus {
    match std::panic::catch_unwind(run) {
        Ok(Ok(status)) => status,
        Ok(Err(error)) => {
            crate::report::print_error(&error);
            ExitStatus::Failure
        }
        Err(_) => ExitStatus::Failure,
    }
}

/// A configuration file that is not valid: points at the line, with a did-you-mean.
#[derive(Debug, Error, Diagnostic)]
#[error("{}:{line}: {message}", file.display())]
#[diagnostic(code(typo_gate::config))]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_or_an_error_fails_the_gate_closed() {
        assert_eq!(fail_closed(|| Ok(ExitStatus::Clean)), ExitStatus::Clean);
        assert_eq!(
            fail_closed(|| Ok(ExitStatus::Findings)),
            ExitStatus::Findings
        );
        let missing = || Err(Error::MissingPath(PathBuf::from("nowhere")));
        assert_eq!(fail_closed(missing), ExitStatus::Failure);
        assert_eq!(fail_closed(|| panic!("a bug")), ExitStatus::Failure);
        let worker = || {
            std::thread::scope(|scope| {
                scope.spawn(|| panic!("a bug in a worker"));
            });
            Ok(ExitStatus::Clean)
        };
        assert_eq!(fail_closed(worker), ExitStatus::Failure);
    }
}
