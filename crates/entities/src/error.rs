use thiserror::Error;

/// Errors of the entities crate: reading training data and model files.
#[derive(Debug, Error)]
pub enum EntitiesError {
    #[error("NER model: {0}")]
    Model(String),
    #[error("{path}: {reason}")]
    Data { path: String, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
