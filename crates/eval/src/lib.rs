//! Gold-data loaders and scorers: `corroborate eval TASK PATH`.
//!
//! Each task reads a public labelled data set (from `../shared/eval`, never copied into the
//! repository) or our own labelled test data, runs the relevant component, and prints a report
//! whose last line is the headline score. Gold character offsets are converted to byte offsets
//! here, at the edge.

use std::path::Path;

use thiserror::Error;

mod claims;
mod coref;
mod dates;
mod extraction;
mod ner;
mod numbers;
mod quotes;
mod sentences;

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("unknown eval task {0:?} (known: {known})", known = TASKS.join(", "))]
    UnknownTask(String),
    #[error("{path}: {reason}")]
    Data { path: String, reason: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The tasks `run` knows.
pub const TASKS: &[&str] = &[
    "claims",
    "dates",
    "extraction",
    "ner",
    "coref",
    "sentences",
    "quotes",
    "numbers",
];

/// Runs one eval task on the data at `path`, printing its report to stdout (score last).
pub fn run(task: &str, path: &Path) -> Result<(), EvalError> {
    match task {
        "claims" => claims::run(path),
        "dates" => dates::run(path),
        "extraction" => extraction::run(path),
        "ner" => ner::run(path),
        "coref" => coref::run(path),
        "sentences" => sentences::run(path),
        "quotes" => quotes::run(path),
        "numbers" => numbers::run(path),
        _ => Err(EvalError::UnknownTask(task.to_string())),
    }
}
