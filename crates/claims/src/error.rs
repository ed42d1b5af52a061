use thiserror::Error;

/// What can go wrong in the claims crate: only its own data tables can be malformed.
#[derive(Debug, Error)]
pub enum ClaimsError {
    #[error("crates/claims/data/{file}: line {line}: {reason}")]
    Lexicon {
        file: &'static str,
        line: usize,
        reason: String,
    },
}
