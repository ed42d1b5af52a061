//! Read queries the server's pages need beyond the main read API (added by the server helper).

use document::Measure;

use crate::error::Result;
use crate::Store;

impl Store {
    /// How many claims there are of each measure (measures without claims are left out).
    pub fn claim_counts_by_measure(&self) -> Result<Vec<(Measure, usize)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT measure, count(*) FROM claims GROUP BY measure")?;
            let rows = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (measure, n) = row?;
                if let Ok(measure) = serde_json::from_value::<Measure>(serde_json::Value::String(measure)) {
                    out.push((measure, usize::try_from(n).unwrap_or(0)));
                }
            }
            Ok(out)
        })
    }
}

/// A mention's cross-document entity, for linking a document's highlights to entity pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionLink {
    pub entity: String,
    pub start: usize,
    pub end: usize,
}

impl Store {
    /// The quotes of one document, in text order.
    pub fn document_quotes(&self, document: &str) -> Result<Vec<crate::QuoteRecord>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT q.id, q.document, d.source, q.start_byte, q.end_byte, q.text, q.speaker_name, q.speaker_entity,
                        q.speaker_start, q.speaker_end, q.cue,
                        CASE WHEN q.key = '' THEN 1 ELSE (SELECT count(DISTINCT q2.document) FROM quotes q2 WHERE q2.key = q.key) END,
                        d.outlet, d.published
                 FROM quotes q JOIN documents d ON d.id = q.document
                 WHERE q.document = ?1 ORDER BY q.idx",
            )?;
            let rows = stmt.query_map([document], quote_of)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The entity mentions of one document with their cross-document entity ids.
    pub fn document_mentions(&self, document: &str) -> Result<Vec<MentionLink>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT entity_id, start_byte, end_byte FROM mentions WHERE document = ?1 ORDER BY start_byte",
            )?;
            let rows = stmt.query_map([document], |row| {
                Ok(MentionLink {
                    entity: row.get::<_, i64>(0)?.to_string(),
                    start: usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                    end: usize::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

impl Store {
    /// The first `limit` claims of one measure in the order they were stored. Unlike `claims`,
    /// which sorts every match by document, this walks the measure index in row order and stops
    /// at `limit`, so it stays fast however many claims a measure has (the dashboard's query).
    pub fn claims_of_measure(&self, measure: Measure, limit: usize) -> Result<Vec<crate::ClaimRecord>> {
        let measure = crate::write::enum_str(&measure);
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT c.id, c.document, d.source, c.start_byte, c.end_byte, c.text, c.sentence_start, c.sentence_end,
                        c.value, c.low, c.high, c.hedge, c.measure, c.counted, c.subject, c.attributed_name,
                        c.attributed_start, c.attributed_end, c.as_of, d.outlet, d.published
                 FROM claims c INDEXED BY claims_measure JOIN documents d ON d.id = c.document
                 WHERE c.measure = ?1 ORDER BY c.rowid LIMIT ?2",
            )?;
            let mut rows = stmt.query(rusqlite::params![measure, i64::try_from(limit).unwrap_or(i64::MAX)])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(crate::read::claim_of(row)?);
            }
            Ok(out)
        })
    }
}

fn usize_of(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// A quote row in the column order of [`Store::document_quotes`] and [`Store::entity_quotes`].
fn quote_of(row: &rusqlite::Row) -> rusqlite::Result<crate::QuoteRecord> {
    let speaker = match row.get::<_, Option<String>>(6)? {
        Some(name) => Some(crate::SpeakerRecord {
            name,
            entity: row.get::<_, Option<i64>>(7)?.map(|id| id.to_string()),
            start: usize_of(row.get::<_, Option<i64>>(8)?.unwrap_or(0)),
            end: usize_of(row.get::<_, Option<i64>>(9)?.unwrap_or(0)),
        }),
        None => None,
    };
    Ok(crate::QuoteRecord {
        id: row.get(0)?,
        document: row.get(1)?,
        source: row.get(2)?,
        start: usize_of(row.get(3)?),
        end: usize_of(row.get(4)?),
        text: row.get(5)?,
        speaker,
        cue: row.get(10)?,
        appearances: usize_of(row.get(11)?),
        outlet: row.get(12)?,
        published: row.get::<_, Option<String>>(13)?.and_then(|s| s.parse().ok()),
    })
}

/// One document that mentions an entity, for the entity page.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityDocument {
    pub document: String,
    pub source: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<document::NaiveDate>,
    /// How many times the document mentions the entity.
    pub mentions: usize,
    /// The distinct surface forms of those mentions, sorted.
    pub forms: Vec<String>,
}

/// Paged reads of one entity, so that an entity mentioned thousands of times costs one page of
/// rows, not all of them. Ids are the decimal ids the records carry; a malformed id finds nothing.
impl Store {
    /// An entity's names with its mention and document counts, without the mentions.
    pub fn entity_summary(&self, id: &str) -> Result<Option<crate::EntitySummary>> {
        let Ok(id) = id.trim().parse::<i64>() else { return Ok(None) };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, e.name, e.type, e.aliases,
                        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id),
                        (SELECT count(DISTINCT m.document) FROM mentions m WHERE m.entity_id = e.id)
                 FROM entities e WHERE e.id = ?1",
            )?;
            let mut rows = stmt.query([id])?;
            let Some(row) = rows.next()? else { return Ok(None) };
            Ok(Some(crate::EntitySummary {
                id: row.get::<_, i64>(0)?.to_string(),
                name: row.get(1)?,
                kind: row.get(2)?,
                aliases: serde_json::from_str(&row.get::<_, String>(3)?).unwrap_or_default(),
                mentions: usize_of(row.get(4)?),
                documents: usize_of(row.get(5)?),
            }))
        })
    }

    /// A page of the documents that mention an entity, in stored order, each with its number of
    /// mentions and their distinct forms.
    pub fn entity_documents(&self, id: &str, page: crate::Page) -> Result<Vec<EntityDocument>> {
        let Ok(id) = id.trim().parse::<i64>() else { return Ok(Vec::new()) };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.document, count(*), min(m.rowid) AS first FROM mentions m WHERE m.entity_id = ?1
                 GROUP BY m.document ORDER BY first LIMIT ?2 OFFSET ?3",
            )?;
            let mut doc_stmt = conn.prepare_cached("SELECT source, title, outlet, published FROM documents WHERE id = ?1")?;
            let mut forms_stmt =
                conn.prepare_cached("SELECT DISTINCT text FROM mentions WHERE document = ?1 AND entity_id = ?2 ORDER BY text")?;
            let groups = stmt
                .query_map(rusqlite::params![id, page.sql_limit(), page.sql_offset()], |row| {
                    Ok((row.get::<_, String>(0)?, usize_of(row.get(1)?)))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::with_capacity(groups.len());
            for (document, mentions) in groups {
                let (source, title, outlet, published) = doc_stmt.query_row([&document], |row| {
                    Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get::<_, Option<String>>(3)?))
                })?;
                let forms = forms_stmt
                    .query_map(rusqlite::params![document, id], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                out.push(EntityDocument { document, source, title, outlet, published: published.and_then(|s| s.parse().ok()), mentions, forms });
            }
            Ok(out)
        })
    }

    /// A page of an entity's mentions, in stored order.
    pub fn entity_mentions(&self, id: &str, page: crate::Page) -> Result<Vec<crate::MentionRecord>> {
        let Ok(id) = id.trim().parse::<i64>() else { return Ok(Vec::new()) };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.document, d.source, m.start_byte, m.end_byte, m.text
                 FROM mentions m JOIN documents d ON d.id = m.document
                 WHERE m.entity_id = ?1 ORDER BY m.rowid LIMIT ?2 OFFSET ?3",
            )?;
            let rows = stmt.query_map(rusqlite::params![id, page.sql_limit(), page.sql_offset()], |m| {
                Ok(crate::MentionRecord {
                    document: m.get(0)?,
                    source: m.get(1)?,
                    start: usize_of(m.get(2)?),
                    end: usize_of(m.get(3)?),
                    text: m.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// A page of the quotes whose speaker is the entity, in stored order.
    pub fn entity_quotes(&self, id: &str, page: crate::Page) -> Result<Vec<crate::QuoteRecord>> {
        let Ok(id) = id.trim().parse::<i64>() else { return Ok(Vec::new()) };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT q.id, q.document, d.source, q.start_byte, q.end_byte, q.text, q.speaker_name, q.speaker_entity,
                        q.speaker_start, q.speaker_end, q.cue,
                        CASE WHEN q.key = '' THEN 1 ELSE (SELECT count(DISTINCT q2.document) FROM quotes q2 WHERE q2.key = q.key) END,
                        d.outlet, d.published
                 FROM quotes q JOIN documents d ON d.id = q.document
                 WHERE q.speaker_entity = ?1 ORDER BY q.rowid LIMIT ?2 OFFSET ?3",
            )?;
            let rows = stmt.query_map(rusqlite::params![id, page.sql_limit(), page.sql_offset()], quote_of)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}
