use thiserror::Error;

/// What can go wrong with a store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: no store there (run `corroborate ingest` first)")]
    Missing { path: String },
    #[error("{path}: store schema version {found} is newer than this build of corroborate knows ({known})")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: migrating the store to schema version {version}: {source}")]
    Migrate {
        path: String,
        version: usize,
        #[source]
        source: rusqlite::Error,
    },
    #[error("document {id}: {reason}")]
    Invalid { id: String, reason: String },
    #[error("document {id}: stored annotations do not load: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("search query {query:?}: {reason}")]
    Query { query: String, reason: String },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("store: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
