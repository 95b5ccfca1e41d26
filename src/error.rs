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
    /// The outputs could not be written (the previous ones are left whole).
    pub const OUTPUT: i32 = 3;
    /// With `--strict`: the outputs were written, but there were warnings
    /// (files skipped, documents without a date).
    pub const WARNINGS: i32 = 4;
    /// Interrupted (Ctrl-C, SIGTERM, SIGHUP): the previous outputs are left
    /// whole and no temporary file is left behind (128 + SIGINT, as shells report it).
    pub const INTERRUPTED: i32 = 130;
}

#[derive(Debug)]
pub enum Error {
    /// A path named on the command line does not exist.
    MissingPath(PathBuf),
    /// A folder holds no documents.
    NoDocuments(PathBuf),
    /// A file is not valid UTF-8; `offset` is the first bad byte.
    NotUtf8 { path: PathBuf, offset: usize },
    /// A text or HTML file that is not text: invalid UTF-8, binary, broken UTF-16.
    NotText { path: PathBuf, why: crate::document::read::NotText },
    /// A file larger than any document (`limit` bytes).
    TooLarge { path: PathBuf, limit: u64 },
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

impl Error {
    /// The message of this error as a warning about a file that is skipped
    /// (without the path, which the warning shows).
    pub fn as_warning(&self) -> String {
        match self {
            Error::NotText { why, .. } => format!("{why}, skipped: {}", why.hint()),
            Error::TooLarge { limit, .. } => format!("larger than {} MiB, too large for an article or letter, skipped", limit / (1024 * 1024)),
            Error::Read { source, .. } => format!("cannot read ({source}), skipped"),
            other => {
                let full = other.to_string();
                let path = other.path().map(|p| format!("{}: ", p.display())).unwrap_or_default();
                format!("{}, skipped", full.strip_prefix(&path).unwrap_or(&full))
            }
        }
    }

    /// The file or folder the error is about.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::MissingPath(p) | Error::NoDocuments(p) => Some(p),
            Error::NotUtf8 { path, .. }
            | Error::NotText { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Read { path, .. }
            | Error::Write { path, .. }
            | Error::BadInput { path, .. } => Some(path),
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
            Error::NotText { path, why } => write!(f, "{}: {why}; {}", path.display(), why.hint()),
            Error::TooLarge { path, limit } => write!(
                f,
                "{}: larger than {} MiB, too large for an article or letter; split it, or leave it out",
                path.display(),
                limit / (1024 * 1024)
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
