//! Read queries the server's pages need beyond the main read API (added by the server helper).

use document::Measure;
use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::read::{claim_select, entity_summary_of, quote_of, quote_select, usize_of};
use crate::Store;

impl Store {
    /// How many claims there are of each measure (measures without claims are left out).
    pub fn claim_counts_by_measure(&self) -> Result<Vec<(Measure, usize)>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT measure, count(*) FROM claims GROUP BY measure")?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (measure, n) = row?;
                if let Ok(measure) =
                    serde_json::from_value::<Measure>(serde_json::Value::String(measure))
                {
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
            let mut stmt =
                conn.prepare_cached(quote_select!("WHERE q.document = ?1 ORDER BY q.idx"))?;
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
    pub fn claims_of_measure(
        &self,
        measure: Measure,
        limit: usize,
    ) -> Result<Vec<crate::ClaimRecord>> {
        let measure = crate::write::enum_str(&measure);
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(claim_select!(
                "FROM claims c INDEXED BY claims_measure JOIN documents d ON d.id = c.document
                 WHERE c.measure = ?1 ORDER BY c.rowid LIMIT ?2"
            ))?;
            let mut rows = stmt.query(rusqlite::params![
                measure,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(crate::read::claim_of(row)?);
            }
            Ok(out)
        })
    }
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
        let Ok(id) = id.trim().parse::<i64>() else {
            return Ok(None);
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, e.name, e.type, e.aliases,
                        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id),
                        (SELECT count(DISTINCT m.document) FROM mentions m WHERE m.entity_id = e.id)
                 FROM entities e WHERE e.id = ?1",
            )?;
            Ok(stmt.query_row([id], entity_summary_of).optional()?)
        })
    }

    /// A page of the documents that mention an entity, in stored order, each with its number of
    /// mentions and their distinct forms.
    pub fn entity_documents(&self, id: &str, page: crate::Page) -> Result<Vec<EntityDocument>> {
        let Ok(id) = id.trim().parse::<i64>() else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.document, count(*), min(m.rowid) AS first FROM mentions m WHERE m.entity_id = ?1
                 GROUP BY m.document ORDER BY first LIMIT ?2 OFFSET ?3",
            )?;
            let mut doc_stmt = conn.prepare_cached("SELECT source, title, outlet, published FROM documents WHERE id = ?1")?;
            // `+entity_id`: look the document's few mentions up, not the entity's thousands.
            let mut forms_stmt =
                conn.prepare_cached("SELECT DISTINCT text FROM mentions WHERE document = ?1 AND +entity_id = ?2 ORDER BY text")?;
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
    pub fn entity_mentions(
        &self,
        id: &str,
        page: crate::Page,
    ) -> Result<Vec<crate::MentionRecord>> {
        let Ok(id) = id.trim().parse::<i64>() else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.document, d.source, m.start_byte, m.end_byte, m.text
                 FROM mentions m JOIN documents d ON d.id = m.document
                 WHERE m.entity_id = ?1 ORDER BY m.rowid LIMIT ?2 OFFSET ?3",
            )?;
            let rows = stmt.query_map(
                rusqlite::params![id, page.sql_limit(), page.sql_offset()],
                |m| {
                    Ok(crate::MentionRecord {
                        document: m.get(0)?,
                        source: m.get(1)?,
                        start: usize_of(m.get(2)?),
                        end: usize_of(m.get(3)?),
                        text: m.get(4)?,
                    })
                },
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// A page of the quotes whose speaker is the entity, in stored order.
    pub fn entity_quotes(&self, id: &str, page: crate::Page) -> Result<Vec<crate::QuoteRecord>> {
        let Ok(id) = id.trim().parse::<i64>() else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(quote_select!(
                "WHERE q.speaker_entity = ?1 ORDER BY q.rowid LIMIT ?2 OFFSET ?3"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params![id, page.sql_limit(), page.sql_offset()],
                quote_of,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

impl Store {
    /// The claims `filter` selects when it names an entity, with the same meaning as
    /// [`Store::claims`] (the subject or the source's name is one of the entity's names, or the
    /// source's span is one of its mentions) but planned from the entity's side: its mentions
    /// lead to the claims of their documents through the document index, and the names are
    /// matched in one pass over the claims, where `claims` tests every mention of the entity
    /// against every claim (minutes on a 10,000-document store for an entity mentioned
    /// thousands of times). Without an entity, the claims of `filter` come in stored order (the
    /// order documents and their claims were written), which walks an index instead of sorting
    /// every match, so a page costs its offset, not the whole listing.
    pub fn claims_about(
        &self,
        filter: &crate::ClaimFilter,
        page: crate::Page,
    ) -> Result<Vec<crate::ClaimRecord>> {
        let Some(entity) = filter.entity.as_deref().map(str::trim) else {
            return self.claims_in_stored_order(filter, page);
        };
        self.read(|conn| {
            let known = match entity.parse::<i64>() {
                Ok(id) => conn
                    .prepare_cached("SELECT name, aliases FROM entities WHERE id = ?1")?
                    .query_row([id], |row| {
                        Ok((id, row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                    })
                    .optional()?,
                Err(_) => None,
            };
            let (entity_id, names) = match known {
                Some((id, name, aliases)) => {
                    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
                    let names: Vec<String> = std::iter::once(&name)
                        .chain(&aliases)
                        .map(|n| n.to_lowercase())
                        .collect();
                    (Some(id), names)
                }
                None => (None, vec![entity.to_lowercase()]),
            };
            let measure = filter.measure.as_ref().map(crate::write::enum_str);
            let mut stmt = conn.prepare_cached(claim_select!(
                "FROM claims c JOIN documents d ON d.id = c.document
                 WHERE c.rowid IN (
                         SELECT c2.rowid FROM mentions m JOIN claims c2 ON c2.document = m.document
                         WHERE m.entity_id = ?1 AND c2.attributed_start IS NOT NULL
                           AND c2.attributed_start < m.end_byte AND m.start_byte < c2.attributed_end
                         UNION
                         SELECT rowid FROM claims
                         WHERE lower(subject) IN (SELECT value FROM json_each(?2))
                            OR lower(attributed_name) IN (SELECT value FROM json_each(?2)))
                   AND (?3 IS NULL OR c.measure = ?3)
                   AND (?4 IS NULL OR c.document = ?4)
                 ORDER BY d.seq, c.idx LIMIT ?5 OFFSET ?6"
            ))?;
            let mut rows = stmt.query(rusqlite::params![
                entity_id,
                serde_json::to_string(&names)?,
                measure,
                filter.document,
                page.sql_limit(),
                page.sql_offset()
            ])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(crate::read::claim_of(row)?);
            }
            Ok(out)
        })
    }
}

impl Store {
    fn claims_in_stored_order(
        &self,
        filter: &crate::ClaimFilter,
        page: crate::Page,
    ) -> Result<Vec<crate::ClaimRecord>> {
        let measure = filter.measure.as_ref().map(crate::write::enum_str);
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(claim_select!(
                "FROM claims c JOIN documents d ON d.id = c.document
                 WHERE (?1 IS NULL OR c.measure = ?1) AND (?2 IS NULL OR c.document = ?2)
                 ORDER BY c.rowid LIMIT ?3 OFFSET ?4"
            ))?;
            let mut rows = stmt.query(rusqlite::params![
                measure,
                filter.document,
                page.sql_limit(),
                page.sql_offset()
            ])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(crate::read::claim_of(row)?);
            }
            Ok(out)
        })
    }

    /// Quotes, optionally of one speaker (a name, any case, or an entity id), in stored order:
    /// like [`Store::quotes`] but walking the table instead of sorting every quote by document.
    pub fn quotes_in_stored_order(
        &self,
        speaker: Option<&str>,
        page: crate::Page,
    ) -> Result<Vec<crate::QuoteRecord>> {
        let speaker = speaker.map(str::trim);
        let speaker_id = speaker.and_then(|s| s.parse::<i64>().ok());
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(quote_select!(
                "WHERE ?1 IS NULL OR q.speaker_name = ?1 COLLATE NOCASE OR q.speaker_entity = ?2
                 ORDER BY q.rowid LIMIT ?3 OFFSET ?4"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params![speaker, speaker_id, page.sql_limit(), page.sql_offset()],
                quote_of,
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Every entity's id with its number of mentions and of documents, the most widely
    /// mentioned first (the order of [`Store::entities`]). One pass over the mentions: the
    /// server keeps the result until documents are added, so a listing page is a slice of it.
    pub fn entity_ranking(&self) -> Result<Vec<(i64, usize, usize)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT entity_id, count(*), count(DISTINCT document) FROM mentions GROUP BY entity_id",
            )?;
            let mut out = stmt
                .query_map([], |row| Ok((row.get::<_, i64>(0)?, usize_of(row.get(1)?), usize_of(row.get(2)?))))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            // Entities without mentions (none are written today) would come last in `entities`.
            out.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
            Ok(out)
        })
    }

    /// What changes when documents are added or removed: their count and the last sequence
    /// number. Cheap; the server compares it to know when its cached ranking is stale.
    pub fn documents_marker(&self) -> Result<(i64, i64)> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT count(*), coalesce(max(seq), 0) FROM documents")?
                .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))?)
        })
    }

    /// Names, types and aliases of the entities `ids`, in the order given (unknown ids left out),
    /// with the mention and document counts the caller already has.
    pub fn entity_summaries(
        &self,
        ranked: &[(i64, usize, usize)],
    ) -> Result<Vec<crate::EntitySummary>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT name, type, aliases FROM entities WHERE id = ?1")?;
            let mut out = Vec::with_capacity(ranked.len());
            for &(id, mentions, documents) in ranked {
                let row = stmt
                    .query_row([id], |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, String>(2)?,
                        ))
                    })
                    .optional()?;
                if let Some((name, kind, aliases)) = row {
                    let aliases = serde_json::from_str(&aliases).unwrap_or_default();
                    out.push(crate::EntitySummary {
                        id: id.to_string(),
                        name,
                        kind,
                        aliases,
                        mentions,
                        documents,
                    });
                }
            }
            Ok(out)
        })
    }
}

impl Store {
    /// The first `limit` claims from or about an entity (as [`Store::claims_about`] selects
    /// them), for its page: each way of matching stops after `limit` rows in stored order, so
    /// an entity mentioned thousands of times costs about `limit` rows, not all of them. The
    /// result is in stored order; near the cut it may differ from the full listing's order.
    pub fn first_claims_about(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Vec<crate::ClaimRecord>> {
        let Ok(id) = entity.trim().parse::<i64>() else {
            return Ok(Vec::new());
        };
        self.read(|conn| {
            let known = conn
                .prepare_cached("SELECT name, aliases FROM entities WHERE id = ?1")?
                .query_row([id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
                .optional()?;
            let Some((name, aliases)) = known else { return Ok(Vec::new()) };
            let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
            let names: Vec<String> = std::iter::once(&name).chain(&aliases).map(|n| n.to_lowercase()).collect();
            let mut stmt = conn.prepare_cached(
                claim_select!(
                "FROM claims c JOIN documents d ON d.id = c.document
                 WHERE c.rowid IN (
                         SELECT r FROM (
                           SELECT c2.rowid AS r FROM mentions m JOIN claims c2 ON c2.document = m.document
                           WHERE m.entity_id = ?1 AND c2.attributed_start IS NOT NULL
                             AND c2.attributed_start < m.end_byte AND m.start_byte < c2.attributed_end
                           ORDER BY m.rowid LIMIT ?3)
                         UNION
                         SELECT r FROM (
                           SELECT rowid AS r FROM claims
                           WHERE lower(subject) IN (SELECT value FROM json_each(?2))
                              OR lower(attributed_name) IN (SELECT value FROM json_each(?2))
                           ORDER BY rowid LIMIT ?3))
                 ORDER BY c.rowid LIMIT ?3"
            ),
            )?;
            let mut rows =
                stmt.query(rusqlite::params![id, serde_json::to_string(&names)?, i64::try_from(limit).unwrap_or(i64::MAX)])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(crate::read::claim_of(row)?);
            }
            Ok(out)
        })
    }
}
