//! The document model shared by every stage of corroborate.
//!
//! A [`Document`] owns one article's text; every annotation (boilerplate, sentences, entity
//! mentions, quantities, claims, quotes) points into it with a [`Span`] of UTF-8 byte offsets.
//! The text is written once, when the document is made, and can never change afterwards: stages
//! only add annotation layers. [`Document::validate`] checks that every span of every layer is in
//! bounds and on character boundaries.
//!
//! This crate does no IO: no files, network, clock or database. A string literal is enough to test it.

mod annotation;
mod document;
mod error;
mod span;
mod stage;

pub use annotation::*;
pub use document::{content_hash, Document, Metadata};
pub use error::{DocumentError, SpanError};
pub use span::Span;
pub use stage::{Layer, Stage};

/// Calendar dates used in metadata and annotations.
pub use chrono::NaiveDate;
