//! Cross-document reconciliation, pure: documents in, matches and clusters out; the store saves them.
//!
//! - `entities`: which entity of a new document is which already-known entity (incremental merging).
//! - `quotes`: one key per quote so the same words printed by several outlets are one quote.
//! - `claims`: claims about the same quantity across documents, reconciled into groups (low / best /
//!   high, consistent, revised or contradiction), counting only independent origins.

pub mod claims;
pub mod entities;
pub mod naming;
pub mod quotes;
