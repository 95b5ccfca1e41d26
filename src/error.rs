//! Errors a user can act on, each with its exit code.

use std::fmt;
use std::path::PathBuf;

/// Exit codes, documented in `--help` and the README.
pub mod exit {
    /// The build ran and wrote its outputs.
    pub const OK: i32 = 0;
    /// An input could not be used (missing, not UTF-8, no documents).
    pub const INPUT: i32 = 1;
    /// The command line was wrong (clap's own code).
    pub const USAGE: i32 = 2;
    /// The outputs could not be written.
    pub const OUTPUT: i32 = 3;
}

#[derive(Debug)]
pub enum Error {
    /// A path named on the command line does not exist.
    MissingPath(PathBuf),
    /// A folder holds no documents.
    NoDocuments(PathBuf),
    /// A file is not valid UTF-8; `offset` is the first bad byte.
    NotUtf8 { path: PathBuf, offset: usize },
    /// A file or folder could not be read.
    Read { path: PathBuf, source: std::io::Error },
    /// An output could not be written.
    Write { path: PathBuf, source: std::io::Error },
    /// An input in a format this command does not read.
    BadInput { path: PathBuf, message: String },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Write { .. } => exit::OUTPUT,
            _ => exit::INPUT,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingPath(p) => write!(f, "{}: no such file or folder", p.display()),
            Error::NoDocuments(p) => {
                write!(f, "{}: the folder holds no .txt, .html or .pdf documents", p.display())
            }
            Error::NotUtf8 { path, offset } => write!(
                f,
                "{}: not UTF-8 text (invalid byte at offset {offset}); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8",
                path.display()
            ),
            Error::Read { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Error::Write { path, source } => {
                write!(f, "{}: cannot write: {source}", path.display())
            }
            Error::BadInput { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {}
