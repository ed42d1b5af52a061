//! The JSON the API speaks. These types are the server's own: they are filled from store records
//! and documents field by field, so a renamed core field changes this file, not the clients.
//!
//! Offsets: `start`/`end` are UTF-8 byte offsets into the document text, as everywhere in
//! corroborate; `start_utf16`/`end_utf16` are the same positions in UTF-16 code units, the unit of
//! JavaScript's `String.prototype.slice`, converted here at the edge.

use document::{Document, Hedge, NaiveDate};
use serde::Serialize;

use crate::params::measure_name;

/// A page of a listing.
#[derive(Serialize, Debug)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: usize,
    pub per_page: usize,
    /// The total count when it is cheap to know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    /// The URL of the next page, or null on the last one.
    pub next: Option<String>,
}

/// Byte and UTF-16 offsets of one span.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offsets {
    pub start: usize,
    pub end: usize,
    /// Only where the response carries the text the offsets point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_utf16: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_utf16: Option<usize>,
}

/// Converts byte offsets of one text to UTF-16 offsets.
pub struct Utf16Map {
    /// `(byte offset, UTF-16 offset, UTF-8 width)` of each non-ASCII character.
    marks: Vec<(usize, usize, usize)>,
    len: usize,
}

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        let mut marks = Vec::new();
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if !c.is_ascii() {
                marks.push((at, units, c.len_utf8()));
            }
            units += c.len_utf16();
        }
        Utf16Map {
            marks,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary; an offset inside a character
    /// maps to that character's start).
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // The last non-ASCII character starting before `byte`: everything after it is ASCII.
        let idx = self.marks.partition_point(|&(b, _, _)| b < byte);
        let Some(&(b, units, width)) = idx.checked_sub(1).and_then(|i| self.marks.get(i)) else {
            return byte;
        };
        if byte < b + width {
            return units;
        }
        let char_units = if width == 4 { 2 } else { 1 };
        units + char_units + (byte - b - width)
    }

    pub fn offsets(&self, start: usize, end: usize) -> Offsets {
        Offsets {
            start,
            end,
            start_utf16: Some(self.of(start)),
            end_utf16: Some(self.of(end)),
        }
    }
}

pub fn hedge_name(hedge: Hedge) -> &'static str {
    match hedge {
        Hedge::Exact => "exact",
        Hedge::Approximately => "approximately",
        Hedge::MoreThan => "more_than",
        Hedge::AtLeast => "at_least",
        Hedge::LessThan => "less_than",
        Hedge::AtMost => "at_most",
        Hedge::Range => "range",
        Hedge::Vague => "vague",
    }
}

/// A document in a listing.
#[derive(Serialize, Debug, Clone)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub bytes: usize,
    pub claims: usize,
    pub quotes: usize,
    pub url: String,
}

impl From<store::DocumentSummary> for DocumentSummary {
    fn from(d: store::DocumentSummary) -> DocumentSummary {
        DocumentSummary {
            url: format!("/api/documents/{}", d.id),
            id: d.id,
            source: d.source,
            title: d.title,
            author: d.author,
            outlet: d.outlet,
            published: d.published,
            language: d.language,
            bytes: d.bytes,
            claims: d.claims,
            quotes: d.quotes,
        }
    }
}

/// A span of page furniture.
#[derive(Serialize, Debug)]
pub struct BoilerplateSpan {
    #[serde(flatten)]
    pub offsets: Offsets,
    pub kind: String,
}

/// A named-entity mention inside a document.
#[derive(Serialize, Debug)]
pub struct MentionSpan {
    #[serde(flatten)]
    pub offsets: Offsets,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// The document's own name for the entity ("Kim Jong Un" for a mention "Kim").
    pub name: Option<String>,
}

/// A source the document cites.
#[derive(Serialize, Debug)]
pub struct CiteOut {
    pub name: String,
    pub url: Option<String>,
    pub offsets: Option<Offsets>,
    pub syndication: bool,
}

/// One document with its text and every extracted span.
#[derive(Serialize, Debug)]
pub struct DocumentDetail {
    pub id: String,
    pub source: String,
    pub sha256: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub syndicated_from: Option<String>,
    pub text: String,
    pub boilerplate: Vec<BoilerplateSpan>,
    pub sentences: Vec<Offsets>,
    pub mentions: Vec<MentionSpan>,
    pub cites: Vec<CiteOut>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
}

fn snake<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "other".to_string(),
    }
}

impl DocumentDetail {
    /// Builds the wire form from a stored document and its claim and quote records (which carry
    /// the store's ids).
    pub fn new(
        doc: &Document,
        claims: Vec<store::ClaimRecord>,
        quotes: Vec<store::QuoteRecord>,
    ) -> DocumentDetail {
        let text = doc.text();
        let map = Utf16Map::new(text);
        let span = |s: document::Span| map.offsets(s.start(), s.end());
        DocumentDetail {
            id: doc.id.clone(),
            source: doc.source.clone(),
            sha256: doc.sha256.clone(),
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            outlet: doc.meta.outlet.clone(),
            published: doc.meta.published,
            language: doc.meta.language.clone(),
            url: doc.meta.url.clone(),
            syndicated_from: doc.meta.syndicated_from.clone(),
            boilerplate: doc
                .boilerplate
                .iter()
                .map(|b| BoilerplateSpan {
                    offsets: span(b.span),
                    kind: snake(&b.kind),
                })
                .collect(),
            sentences: doc.sentences.iter().map(|s| span(s.span)).collect(),
            mentions: doc
                .entity_mentions
                .iter()
                .map(|m| MentionSpan {
                    offsets: span(m.span),
                    text: doc.get(m.span).unwrap_or_default().to_string(),
                    kind: snake(&m.label),
                    name: m
                        .entity
                        .and_then(|i| doc.entities.get(i))
                        .map(|e| e.name.clone()),
                })
                .collect(),
            cites: doc
                .meta
                .cites
                .iter()
                .map(|c| CiteOut {
                    name: c.name.clone(),
                    url: c.url.clone(),
                    offsets: c.span.map(span),
                    syndication: c.syndication,
                })
                .collect(),
            claims: claims
                .into_iter()
                .map(|c| Claim::new(c, Some(&map)))
                .collect(),
            quotes: quotes
                .into_iter()
                .map(|q| Quote::new(q, Some(&map)))
                .collect(),
            text: text.to_string(),
        }
    }
}

/// Who a figure comes from.
#[derive(Serialize, Debug, Clone)]
pub struct Attribution {
    pub name: String,
    #[serde(flatten)]
    pub offsets: Offsets,
}

/// A figure someone asserts, with where it is.
#[derive(Serialize, Debug, Clone)]
pub struct Claim {
    pub id: String,
    pub document: String,
    pub source: String,
    #[serde(flatten)]
    pub offsets: Offsets,
    pub text: String,
    pub sentence: Offsets,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: &'static str,
    pub measure: &'static str,
    pub counted: Option<String>,
    pub subject: Option<String>,
    pub attributed_to: Option<Attribution>,
    pub as_of: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: String,
}

/// UTF-16 offsets need the text; listings that do not load it carry byte offsets only.
fn offsets_with(map: Option<&Utf16Map>, start: usize, end: usize) -> Offsets {
    match map {
        Some(map) => map.offsets(start, end),
        None => Offsets {
            start,
            end,
            start_utf16: None,
            end_utf16: None,
        },
    }
}

impl Claim {
    pub fn new(c: store::ClaimRecord, map: Option<&Utf16Map>) -> Claim {
        Claim {
            url: format!("/api/claims/{}", c.id),
            offsets: offsets_with(map, c.start, c.end),
            sentence: offsets_with(map, c.sentence.start, c.sentence.end),
            attributed_to: c.attributed_to.map(|a| Attribution {
                offsets: offsets_with(map, a.start, a.end),
                name: a.name,
            }),
            id: c.id,
            document: c.document,
            source: c.source,
            text: c.text,
            value: c.value,
            low: c.low,
            high: c.high,
            hedge: hedge_name(c.hedge),
            measure: measure_name(c.measure),
            counted: c.counted,
            subject: c.subject,
            as_of: c.as_of,
            outlet: c.outlet,
            published: c.published,
        }
    }
}

/// Who spoke.
#[derive(Serialize, Debug, Clone)]
pub struct Speaker {
    pub name: String,
    pub entity: Option<String>,
    #[serde(flatten)]
    pub offsets: Offsets,
}

/// A direct quote.
#[derive(Serialize, Debug, Clone)]
pub struct Quote {
    pub id: String,
    pub document: String,
    pub source: String,
    #[serde(flatten)]
    pub offsets: Offsets,
    pub text: String,
    pub speaker: Option<Speaker>,
    pub cue: Option<String>,
    /// How many stored documents print the same words.
    pub appearances: usize,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
}

impl Quote {
    pub fn new(q: store::QuoteRecord, map: Option<&Utf16Map>) -> Quote {
        Quote {
            offsets: offsets_with(map, q.start, q.end),
            speaker: q.speaker.map(|s| Speaker {
                offsets: offsets_with(map, s.start, s.end),
                name: s.name,
                entity: s.entity,
            }),
            id: q.id,
            document: q.document,
            source: q.source,
            text: q.text,
            cue: q.cue,
            appearances: q.appearances,
            outlet: q.outlet,
            published: q.published,
        }
    }
}

/// An entity in a listing.
#[derive(Serialize, Debug, Clone)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    pub documents: usize,
    pub url: String,
}

impl From<store::EntitySummary> for EntitySummary {
    fn from(e: store::EntitySummary) -> EntitySummary {
        EntitySummary {
            url: format!("/api/entities/{}", e.id),
            id: e.id,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases,
            mentions: e.mentions,
            documents: e.documents,
        }
    }
}

/// One mention of an entity, in some document.
#[derive(Serialize, Debug, Clone)]
pub struct EntityMention {
    pub document: String,
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One entity with one page of its mentions (`page`, `per_page`; `next` is the following page)
/// and the first quotes it is the speaker of (`quotes_next` lists the rest).
#[derive(Serialize, Debug)]
pub struct EntityDetail {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    /// How many mentions and documents there are in all.
    pub mention_count: usize,
    pub document_count: usize,
    /// The documents of this page's mentions, in order.
    pub documents: Vec<String>,
    pub mentions: Vec<EntityMention>,
    pub page: usize,
    pub per_page: usize,
    pub next: Option<String>,
    pub quotes: Vec<Quote>,
    pub quotes_next: Option<String>,
}

impl EntityDetail {
    pub fn new(
        e: store::EntitySummary,
        mentions: Vec<store::MentionRecord>,
        (page, per_page, next): (usize, usize, Option<String>),
        quotes: Vec<store::QuoteRecord>,
        quotes_next: Option<String>,
    ) -> EntityDetail {
        let mut documents: Vec<String> = Vec::new();
        for m in &mentions {
            if !documents.contains(&m.document) {
                documents.push(m.document.clone());
            }
        }
        EntityDetail {
            id: e.id,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases,
            mention_count: e.mentions,
            document_count: e.documents,
            documents,
            mentions: mentions
                .into_iter()
                .map(|m| EntityMention {
                    document: m.document,
                    source: m.source,
                    start: m.start,
                    end: m.end,
                    text: m.text,
                })
                .collect(),
            page,
            per_page,
            next,
            quotes: quotes.into_iter().map(|q| Quote::new(q, None)).collect(),
            quotes_next,
        }
    }
}

/// A full-text search hit.
#[derive(Serialize, Debug)]
pub struct SearchHit {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// Words around the match; matched terms between `[` and `]`.
    pub snippet: String,
    pub url: String,
}

impl From<store::SearchHit> for SearchHit {
    fn from(h: store::SearchHit) -> SearchHit {
        SearchHit {
            url: format!("/api/documents/{}", h.id),
            id: h.id,
            source: h.source,
            title: h.title,
            outlet: h.outlet,
            published: h.published,
            snippet: h.snippet,
        }
    }
}

/// The answer to `POST /api/documents`.
#[derive(Serialize, Debug)]
pub struct Ingested {
    pub id: String,
    /// False when the same content was stored before.
    pub created: bool,
    pub claims: usize,
    pub quotes: usize,
    pub url: String,
}

/// Counts used by the dashboard header and `/api/stats`.
#[derive(Serialize, Debug, Clone, Copy, Default)]
pub struct Stats {
    pub documents: usize,
    pub claims: usize,
    pub quotes: usize,
    pub entities: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets() {
        let text = "a’b😀c";
        let map = Utf16Map::new(text);
        for (byte, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(
                map.of(byte),
                text[..byte].encode_utf16().count(),
                "byte {byte}"
            );
        }
        assert_eq!(map.of(2), 1, "inside the apostrophe maps to its start");
        assert_eq!(Utf16Map::new("plain").of(3), 3);
    }
}
