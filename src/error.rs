//! The library's one error type. Every input error names the file, and the line where there
//! is one, so a user can go straight to it.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    // The OS error is part of the message and deliberately not named `source`: thiserror
    // would make such a field the error's source, and anyhow's chain printer would then say
    // it twice (`x: No such file (os error 2): No such file (os error 2)`).
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The content of an input file is wrong at a given line (1-based).
    #[error("{path}:{line}: {message}")]
    AtLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The content of an input file is wrong as a whole.
    #[error("{path}: {message}")]
    InFile { path: PathBuf, message: String },
    /// Anything else, said plainly.
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }
    pub fn at_line(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::AtLine {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
    pub fn in_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::InFile {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// A message on one line: control chars (a newline in a file name, say) are escaped, so each
/// bad input stays exactly one line on standard error.
pub fn one_line(message: &str) -> String {
    if !message.chars().any(char::is_control) {
        return message.to_string();
    }
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
