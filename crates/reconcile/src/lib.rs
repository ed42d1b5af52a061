//! Cross-document reconciliation, pure: documents in, matches and clusters out; the store saves them.
//!
//! - `entities`: which entity of a new document is which already-known entity (incremental merging).
//! - `quotes`: one key per quote so the same words printed by several outlets are one quote.

pub mod entities;
pub mod naming;
pub mod quotes;
