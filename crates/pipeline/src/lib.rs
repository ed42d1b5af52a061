//! Runs the analysis stages over a document in order and validates it after each one,
//! so a bad offset fails in the stage that made it.
//!
//! Order: segment → numbers (quantities, dates) → entities → claims → quotes.
//! Ingest is not a stage: it makes the `Document` (see the `ingest` crate).

use document::{Document, DocumentError, Stage};
use thiserror::Error;

#[derive(Debug, Error)]
#[error("{source_path}: stage {stage}: {error}")]
pub struct PipelineError {
    pub source_path: String,
    pub stage: &'static str,
    #[source]
    pub error: DocumentError,
}

/// The stages in the order they run.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(segment::Segmenter),
        Box::new(numbers::NumbersStage),
        Box::new(entities::EntitiesStage),
        Box::new(claims::ClaimsStage),
        Box::new(quotes::QuotesStage),
    ]
}

/// Runs every stage over `doc`, validating after each.
pub fn analyse(doc: &mut Document) -> Result<(), PipelineError> {
    doc.validate().map_err(|error| PipelineError {
        source_path: doc.source.clone(),
        stage: "ingest",
        error,
    })?;
    for stage in stages() {
        stage.run(doc);
        doc.validate().map_err(|error| PipelineError {
            source_path: doc.source.clone(),
            stage: stage.name(),
            error,
        })?;
    }
    Ok(())
}
