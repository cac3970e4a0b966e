//! The tool's own errors. Each is a diagnostic with a code and, where it helps, a hint.
use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

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

    #[error("cannot write the report: {0}")]
    #[diagnostic(code(typo_gate::output))]
    Output(#[source] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
