//! HTML pages: main text and metadata.
use document::Document;

use crate::IngestError;

pub(crate) fn read(source: &str, sha256: String, bytes: &[u8]) -> Result<Document, IngestError> {
    // TODO(ingest): main-text extraction, metadata, charset.
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Document::new(source, sha256, text))
}
