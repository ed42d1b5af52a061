//! Turns the bytes of an article file (plain text or HTML, possibly gzipped) into a `Document`:
//! decodes it, extracts the readable text from HTML, marks page furniture as boilerplate, and
//! finds the metadata (title, author, outlet, publication date, cited and syndicated sources).
//!
//! It never deletes text from a plain-text page: furniture is only marked. It does no sentence,
//! entity or number analysis (those are stages, run by `pipeline`), and it does not touch files:
//! the caller reads the bytes and passes the path along for messages.

mod cites;
mod date;
mod error;
mod furniture;
mod html;
mod sniff;
mod text;
mod textmeta;
mod wordlists;

pub use date::{
    find_dates, find_dates_with, month_number, parse_date, parse_date_with, FoundDate, SlashOrder,
};
pub use error::IngestError;
pub use sniff::{sniff, InputKind};

use document::{content_hash, Document};

/// Hints for reading one article.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The URL the page was fetched from, when known (it helps find the publication date).
    pub url: Option<String>,
}

/// Reads one article. `source` is the path or URL as given, kept in the document and in errors.
pub fn read_document(source: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    read_document_with(source, bytes, &ReadOptions::default())
}

/// Reads one article with hints (see [`ReadOptions`]).
pub fn read_document_with(
    source: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    read_document_hashed(source, bytes, content_hash(bytes), opts)
}

/// Reads one article whose `document::content_hash` the caller has already computed (to look
/// it up in a store, say), so that the bytes are not hashed twice. `sha256` must be
/// `content_hash(bytes)`.
pub fn read_document_hashed(
    source: &str,
    bytes: &[u8],
    sha256: String,
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    let bytes = sniff::gunzip_if_needed(source, bytes)?;
    match sniff::sniff(source, &bytes)? {
        InputKind::Html => html::read(source, sha256, &bytes, opts),
        InputKind::Text => text::read(source, sha256, &bytes),
    }
}
