//! The plain records the store hands out. They mirror the export records of CONTRACT.md (field
//! names and JSON shapes), with a few extra fields (`outlet`, `published`) that readers of a
//! claim or quote usually want beside it.

use document::{Boilerplate, Cite, Hedge, Measure, NaiveDate};
use serde::{Deserialize, Serialize};

/// A page of results: skip `offset`, return at most `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    pub fn new(offset: usize, limit: usize) -> Page {
        Page { offset, limit }
    }

    /// Everything: for exports.
    pub fn all() -> Page {
        Page {
            offset: 0,
            limit: usize::MAX,
        }
    }

    pub(crate) fn sql_limit(self) -> i64 {
        i64::try_from(self.limit).unwrap_or(i64::MAX)
    }

    pub(crate) fn sql_offset(self) -> i64 {
        i64::try_from(self.offset).unwrap_or(i64::MAX)
    }
}

impl Default for Page {
    fn default() -> Page {
        Page {
            offset: 0,
            limit: 50,
        }
    }
}

/// What `put_document` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Put {
    /// The document is new and is now stored.
    Inserted,
    /// A document with the same content hash was stored before, under `id`.
    Duplicate { id: String },
}

/// A `{start, end}` pair, as the contract writes a sentence span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
}

/// One line of `export documents`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: String,
    pub source: String,
    pub sha256: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub text: String,
    pub boilerplate: Vec<Boilerplate>,
    pub cites: Vec<Cite>,
    pub syndicated_from: Option<String>,
    pub near_duplicate_of: Option<String>,
}

/// A document without its text, for listings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    /// Length of the text in bytes.
    pub bytes: usize,
    pub claims: usize,
    pub quotes: usize,
    pub ingested_at: String,
}

/// Who a figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributionRecord {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// One line of `export claims`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: String,
    pub document: String,
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: SpanRecord,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    pub measure: Measure,
    pub counted: Option<String>,
    pub subject: Option<String>,
    pub attributed_to: Option<AttributionRecord>,
    pub as_of: Option<NaiveDate>,
    /// The document's outlet and publication date (extra to the contract).
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
}

/// A claim with what reconciling it across documents needs of its document beyond the claim
/// record: which document it copies, if any (see `Store::each_claim_with_copies`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimWithCopies {
    pub claim: ClaimRecord,
    /// The id of the stored document this claim's document is a near-duplicate of.
    pub near_duplicate_of: Option<String>,
    /// The outlet (a name or a domain) the claim's document says it was syndicated from.
    pub syndicated_from: Option<String>,
}

/// Which claims to return; `None` fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimFilter {
    pub measure: Option<Measure>,
    /// An entity id, or a name: claims whose subject or attribution is that entity.
    pub entity: Option<String>,
    /// A document id.
    pub document: Option<String>,
}

/// The speaker of a quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    pub name: String,
    /// The cross-document entity id, when the speaker is linked to one.
    pub entity: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// One line of `export quotes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub id: String,
    pub document: String,
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<SpeakerRecord>,
    pub cue: Option<String>,
    /// How many stored documents print these same words (see `reconcile::quotes::quote_key`).
    pub appearances: usize,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
}

/// One mention of a cross-document entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub document: String,
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One line of `export entities`: a real-world entity after merging across documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionRecord>,
    /// The ids of the documents that mention it (extra to the contract).
    pub documents: Vec<String>,
}

/// An entity without its mentions, for listings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
}

/// A full-text search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// A few words around the match, matched terms in `[` `]`.
    pub snippet: String,
    /// BM25 score: lower is better, as SQLite gives it.
    pub score: f64,
}

/// Row counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: usize,
    pub claims: usize,
    pub quotes: usize,
    pub entities: usize,
    pub mentions: usize,
}
