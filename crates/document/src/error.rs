use thiserror::Error;

/// A span that does not fit its document's text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("document {doc}: span {start}..{end} is out of bounds or not on char boundaries (text is {len} bytes)")]
pub struct SpanError {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    #[error("{layer} layer: {source}")]
    BadSpan {
        layer: &'static str,
        #[source]
        source: SpanError,
    },
    #[error("document {doc}: {layer} layer: {what}")]
    Inconsistent {
        doc: String,
        layer: &'static str,
        what: String,
    },
}
