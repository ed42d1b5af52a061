use thiserror::Error;

/// Errors of the numbers crate. Only the lexicon files can be wrong; text never is.
#[derive(Debug, Error)]
pub enum NumbersError {
    #[error("data/{file}: line {line}: {reason}")]
    Lexicon {
        file: &'static str,
        line: usize,
        reason: String,
    },
}
