use thiserror::Error;

/// Why a file could not be read as an article.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{path}: empty file")]
    Empty { path: String },
    #[error("{path}: binary file ({what}), not an article")]
    Binary { path: String, what: String },
    #[error("{path}: not valid gzip: {reason}")]
    BadGzip { path: String, reason: String },
    #[error("{path}: too large ({bytes} bytes; the limit is {limit})")]
    TooLarge {
        path: String,
        bytes: usize,
        limit: usize,
    },
    #[error("{path}: no readable text found")]
    NoText { path: String },
    #[error("{path}: HTML extraction failed: {reason}")]
    Extraction { path: String, reason: String },
}
