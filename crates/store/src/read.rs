//! Reading: documents, claims, quotes, entities, full-text search and a consistency check.
//! Each listing has a paged form returning a `Vec` and an `each_*` form that streams every
//! record to a callback (return `false` to stop), for exports of any size. The callback must not
//! call the store itself: an in-memory store has one connection, held while the callback runs.

use std::collections::HashSet;

use document::{Boilerplate, BoilerplateKind, Cite, Document, NaiveDate, Span};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Result, StoreError};
use crate::records::*;
use crate::write::load_entity;
use crate::Store;

fn parse_enum<T: serde::de::DeserializeOwned>(s: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s)).ok()
}

/// `SELECT` of a claim row with its document's source, outlet and date, in the column order
/// [`claim_of`] reads; the argument is the rest of the statement (`FROM claims c … JOIN
/// documents d …`).
macro_rules! claim_select {
    ($rest:literal) => {
        concat!(
            "SELECT c.id, c.document, d.source, c.start_byte, c.end_byte, c.text, c.sentence_start, c.sentence_end,
                    c.value, c.low, c.high, c.hedge, c.measure, c.counted, c.subject, c.attributed_name,
                    c.attributed_start, c.attributed_end, c.as_of, d.outlet, d.published ",
            $rest
        )
    };
}
pub(crate) use claim_select;

/// `SELECT` of a quote row with its document's source, outlet and date and the number of
/// documents printing the same words, in the column order [`quote_of`] reads; the argument
/// is the rest of the statement (`WHERE …`).
macro_rules! quote_select {
    ($rest:literal) => {
        concat!(
            "SELECT q.id, q.document, d.source, q.start_byte, q.end_byte, q.text, q.speaker_name, q.speaker_entity,
                    q.speaker_start, q.speaker_end, q.cue,
                    CASE WHEN q.key = '' THEN 1 ELSE (SELECT count(DISTINCT q2.document) FROM quotes q2 WHERE q2.key = q.key) END,
                    d.outlet, d.published
             FROM quotes q JOIN documents d ON d.id = q.document ",
            $rest
        )
    };
}
pub(crate) use quote_select;

/// A quote row in the column order of [`quote_select!`].
pub(crate) fn quote_of(row: &rusqlite::Row) -> rusqlite::Result<crate::QuoteRecord> {
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
        published: parse_date(row.get(13)?),
    })
}

fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

/// An entity row: id, name, type, aliases (JSON), mention count, document count.
pub(crate) fn entity_summary_of(row: &Row) -> rusqlite::Result<EntitySummary> {
    Ok(EntitySummary {
        id: row.get::<_, i64>(0)?.to_string(),
        name: row.get(1)?,
        kind: row.get(2)?,
        aliases: serde_json::from_str(&row.get::<_, String>(3)?).unwrap_or_default(),
        mentions: usize_of(row.get(4)?),
        documents: usize_of(row.get(5)?),
    })
}

pub(crate) fn usize_of(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

impl Store {
    /// How many documents are stored.
    pub fn count_documents(&self) -> Result<usize> {
        self.read(|conn| {
            Ok(usize_of(conn.query_row(
                "SELECT count(*) FROM documents",
                [],
                |row| row.get(0),
            )?))
        })
    }

    /// Row counts of the main tables.
    pub fn stats(&self) -> Result<Stats> {
        self.read(|conn| {
            let count = |table: &str| -> Result<usize> {
                Ok(usize_of(conn.query_row(
                    &format!("SELECT count(*) FROM {table}"),
                    [],
                    |row| row.get(0),
                )?))
            };
            Ok(Stats {
                documents: count("documents")?,
                claims: count("claims")?,
                quotes: count("quotes")?,
                entities: count("entities")?,
                mentions: count("mentions")?,
            })
        })
    }

    /// The id of the stored document with this content hash, if any.
    pub fn find_sha256(&self, sha256: &str) -> Result<Option<String>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT id FROM documents WHERE sha256 = ?1",
                    [sha256],
                    |row| row.get(0),
                )
                .optional()?)
        })
    }

    /// Every stored content hash, so a caller can skip analysing inputs it already has.
    pub fn hashes(&self) -> Result<HashSet<String>> {
        self.read(|conn| {
            let mut stmt = conn.prepare("SELECT sha256 FROM documents")?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<HashSet<String>>>()?)
        })
    }

    /// The full annotated document, as it was stored.
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        self.read(|conn| {
            let row = conn
                .query_row(
                    "SELECT text, raw_html, annotations FROM documents WHERE id = ?1",
                    [id],
                    |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, Option<String>>(1)?,
                            row.get::<_, String>(2)?,
                        ))
                    },
                )
                .optional()?;
            let Some((text, raw_html, annotations)) = row else {
                return Ok(None);
            };
            reload(id, text, raw_html, &annotations).map(Some)
        })
    }

    /// Documents in the order they were stored, without their text.
    pub fn documents(&self, page: Page) -> Result<Vec<DocumentSummary>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT d.id, d.source, d.title, d.author, d.outlet, d.published, d.language, d.text_bytes,
                        (SELECT count(*) FROM claims c WHERE c.document = d.id),
                        (SELECT count(*) FROM quotes q WHERE q.document = d.id),
                        d.ingested_at
                 FROM documents d ORDER BY d.seq LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(params![page.sql_limit(), page.sql_offset()], |row| {
                Ok(DocumentSummary {
                    id: row.get(0)?,
                    source: row.get(1)?,
                    title: row.get(2)?,
                    author: row.get(3)?,
                    outlet: row.get(4)?,
                    published: parse_date(row.get(5)?),
                    language: row.get(6)?,
                    bytes: usize_of(row.get(7)?),
                    claims: usize_of(row.get(8)?),
                    quotes: usize_of(row.get(9)?),
                    ingested_at: row.get(10)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One document in the form of `export documents`.
    pub fn document_record(&self, id: &str) -> Result<Option<DocumentRecord>> {
        let mut found = None;
        self.each_document_record_where(Some(id), &mut |record| {
            found = Some(record);
            false
        })?;
        Ok(found)
    }

    /// Streams every document in the form of `export documents`, in the order they were stored.
    pub fn each_document_record(&self, f: &mut dyn FnMut(DocumentRecord) -> bool) -> Result<()> {
        self.each_document_record_where(None, f)
    }

    fn each_document_record_where(
        &self,
        id: Option<&str>,
        f: &mut dyn FnMut(DocumentRecord) -> bool,
    ) -> Result<()> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, source, sha256, title, author, outlet, published, language, text, syndicated_from,
                        near_duplicate_of
                 FROM documents WHERE ?1 IS NULL OR id = ?1 ORDER BY seq",
            )?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                let doc_id: String = row.get(0)?;
                let record = DocumentRecord {
                    boilerplate: boilerplate_of(conn, &doc_id)?,
                    cites: cites_of(conn, &doc_id)?,
                    id: doc_id,
                    source: row.get(1)?,
                    sha256: row.get(2)?,
                    title: row.get(3)?,
                    author: row.get(4)?,
                    outlet: row.get(5)?,
                    published: parse_date(row.get(6)?),
                    language: row.get(7)?,
                    text: row.get(8)?,
                    syndicated_from: row.get(9)?,
                    near_duplicate_of: row.get(10)?,
                };
                if !f(record) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Claims matching `filter`, in document order.
    pub fn claims(&self, filter: &ClaimFilter, page: Page) -> Result<Vec<ClaimRecord>> {
        let mut out = Vec::new();
        self.each_claim_page(filter, page, &mut |claim| {
            out.push(claim);
            true
        })?;
        Ok(out)
    }

    /// Streams every claim matching `filter`.
    pub fn each_claim(
        &self,
        filter: &ClaimFilter,
        f: &mut dyn FnMut(ClaimRecord) -> bool,
    ) -> Result<()> {
        self.each_claim_page(filter, Page::all(), f)
    }

    fn each_claim_page(
        &self,
        filter: &ClaimFilter,
        page: Page,
        f: &mut dyn FnMut(ClaimRecord) -> bool,
    ) -> Result<()> {
        self.read(|conn| {
            let (names, entity_id) = match &filter.entity {
                None => (None, None),
                Some(entity) => {
                    let known = entity.trim().parse::<i64>().ok().map(|id| load_entity(conn, id)).transpose()?.flatten();
                    match known {
                        Some(known) => {
                            let names: Vec<String> = std::iter::once(&known.name)
                                .chain(&known.aliases)
                                .map(|n| n.to_lowercase())
                                .collect();
                            (Some(serde_json::to_string(&names)?), Some(known.id))
                        }
                        None => (Some(serde_json::to_string(&[entity.trim().to_lowercase()])?), None),
                    }
                }
            };
            let measure = filter.measure.as_ref().map(crate::write::enum_str);
            let mut stmt = conn.prepare_cached(
                claim_select!(
                "FROM claims c JOIN documents d ON d.id = c.document
                 WHERE (?1 IS NULL OR c.measure = ?1)
                   AND (?2 IS NULL OR c.document = ?2)
                   AND (?3 IS NULL
                        OR lower(c.subject) IN (SELECT value FROM json_each(?3))
                        OR lower(c.attributed_name) IN (SELECT value FROM json_each(?3))
                        OR (?4 IS NOT NULL AND c.attributed_start IS NOT NULL AND EXISTS (
                              SELECT 1 FROM mentions m WHERE m.entity_id = ?4 AND m.document = c.document
                                AND m.start_byte < c.attributed_end AND c.attributed_start < m.end_byte)))
                 ORDER BY d.seq, c.idx LIMIT ?5 OFFSET ?6"
            ),
            )?;
            let mut rows = stmt.query(params![
                measure,
                filter.document,
                names,
                entity_id,
                page.sql_limit(),
                page.sql_offset()
            ])?;
            while let Some(row) = rows.next()? {
                if !f(claim_of(row)?) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Streams every claim with its document's near-duplicate and syndication links, in document
    /// order: what `reconcile::claims` needs to group claims across documents and to tell a
    /// reprint from a new source. Groups are computed from these at read time; none are stored.
    pub fn each_claim_with_copies(&self, f: &mut dyn FnMut(ClaimWithCopies) -> bool) -> Result<()> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(claim_select!(
                ", d.near_duplicate_of, d.syndicated_from
                 FROM claims c JOIN documents d ON d.id = c.document
                 ORDER BY d.seq, c.idx"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let record = ClaimWithCopies {
                    claim: claim_of(row)?,
                    near_duplicate_of: row.get(21)?,
                    syndicated_from: row.get(22)?,
                };
                if !f(record) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Every stored claim, and the groups `reconcile::claims` makes of them (computed here, at read
    /// time: groups are not stored, so they always reflect every document in the store).
    pub fn claims_and_groups(&self) -> Result<(Vec<ClaimRecord>, Vec<reconcile::claims::Group>)> {
        let mut claims = Vec::new();
        let mut inputs = Vec::new();
        self.each_claim_with_copies(&mut |record| {
            let claim = record.claim;
            inputs.push(reconcile::claims::ClaimInput {
                id: claim.id.clone(),
                text: claim.text.clone(),
                value: claim.value,
                low: claim.low,
                high: claim.high,
                hedge: claim.hedge,
                measure: claim.measure,
                counted: claim.counted.clone(),
                subject: claim.subject.clone(),
                attributed_to: claim.attributed_to.as_ref().map(|a| a.name.clone()),
                as_of: claim.as_of,
                document: claim.document.clone(),
                source: claim.source.clone(),
                outlet: claim.outlet.clone(),
                published: claim.published,
                near_duplicate_of: record.near_duplicate_of,
                syndicated_from: record.syndicated_from,
            });
            claims.push(claim);
            true
        })?;
        let groups = reconcile::claims::group_claims(&inputs);
        Ok((claims, groups))
    }

    /// Quotes, optionally only those of one speaker (a name, case-insensitive, or an entity id).
    pub fn quotes(&self, speaker: Option<&str>, page: Page) -> Result<Vec<QuoteRecord>> {
        let mut out = Vec::new();
        self.each_quote_page(speaker, page, &mut |quote| {
            out.push(quote);
            true
        })?;
        Ok(out)
    }

    /// Streams every quote.
    pub fn each_quote(&self, f: &mut dyn FnMut(QuoteRecord) -> bool) -> Result<()> {
        self.each_quote_page(None, Page::all(), f)
    }

    fn each_quote_page(
        &self,
        speaker: Option<&str>,
        page: Page,
        f: &mut dyn FnMut(QuoteRecord) -> bool,
    ) -> Result<()> {
        self.read(|conn| {
            let speaker = speaker.map(str::trim);
            let speaker_id = speaker.and_then(|s| s.parse::<i64>().ok());
            let mut stmt = conn.prepare_cached(quote_select!(
                "WHERE ?1 IS NULL OR q.speaker_name = ?1 COLLATE NOCASE OR q.speaker_entity = ?2
                 ORDER BY d.seq, q.idx LIMIT ?3 OFFSET ?4"
            ))?;
            let mut rows = stmt.query(params![
                speaker,
                speaker_id,
                page.sql_limit(),
                page.sql_offset()
            ])?;
            while let Some(row) = rows.next()? {
                let quote = quote_of(row)?;
                if !f(quote) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Entities, the most widely mentioned first.
    pub fn entities(&self, page: Page) -> Result<Vec<EntitySummary>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, e.name, e.type, e.aliases,
                        (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n_mentions,
                        (SELECT count(DISTINCT m.document) FROM mentions m WHERE m.entity_id = e.id) AS n_documents
                 FROM entities e ORDER BY n_documents DESC, n_mentions DESC, e.id LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(params![page.sql_limit(), page.sql_offset()], entity_summary_of)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One entity with its aliases, mentions and documents. `id` is the decimal id the records carry.
    pub fn entity(&self, id: &str) -> Result<Option<EntityRecord>> {
        let Ok(id) = id.trim().parse::<i64>() else {
            return Ok(None);
        };
        let mut found = None;
        self.each_entity_where(Some(id), &mut |record| {
            found = Some(record);
            false
        })?;
        Ok(found)
    }

    /// Streams every entity with its mentions, in id order.
    pub fn each_entity(&self, f: &mut dyn FnMut(EntityRecord) -> bool) -> Result<()> {
        self.each_entity_where(None, f)
    }

    fn each_entity_where(
        &self,
        id: Option<i64>,
        f: &mut dyn FnMut(EntityRecord) -> bool,
    ) -> Result<()> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT id, name, type, aliases FROM entities WHERE ?1 IS NULL OR id = ?1 ORDER BY id")?;
            let mut mentions_stmt = conn.prepare_cached(
                "SELECT m.document, d.source, m.start_byte, m.end_byte, m.text
                 FROM mentions m JOIN documents d ON d.id = m.document
                 WHERE m.entity_id = ?1 ORDER BY d.seq, m.start_byte",
            )?;
            let mut rows = stmt.query([id])?;
            while let Some(row) = rows.next()? {
                let entity_id: i64 = row.get(0)?;
                let mentions = mentions_stmt
                    .query_map([entity_id], |m| {
                        Ok(MentionRecord {
                            document: m.get(0)?,
                            source: m.get(1)?,
                            start: usize_of(m.get(2)?),
                            end: usize_of(m.get(3)?),
                            text: m.get(4)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let mut documents: Vec<String> = Vec::new();
                for m in &mentions {
                    if documents.last() != Some(&m.document) && !documents.contains(&m.document) {
                        documents.push(m.document.clone());
                    }
                }
                let record = EntityRecord {
                    id: entity_id.to_string(),
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    aliases: serde_json::from_str(&row.get::<_, String>(3)?).unwrap_or_default(),
                    mentions,
                    documents,
                };
                if !f(record) {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Full-text search over titles and texts. Every word of `query` must occur (a trailing `*`
    /// makes a word a prefix); quotes and FTS5 operators in the input are taken literally, so no
    /// query string can be a syntax error. An empty query finds nothing.
    pub fn search(&self, query: &str, page: Page) -> Result<Vec<SearchHit>> {
        let Some(fts_query) = fts_query(query) else {
            return Ok(Vec::new());
        };
        if self.has_unindexed() {
            self.flush_search_index()?;
        }
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT d.id, d.source, d.title, d.outlet, d.published,
                        snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts)
                 FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts) LIMIT ?2 OFFSET ?3",
            )?;
            let rows = stmt.query_map(
                params![fts_query, page.sql_limit(), page.sql_offset()],
                |row| {
                    Ok(SearchHit {
                        id: row.get(0)?,
                        source: row.get(1)?,
                        title: row.get(2)?,
                        outlet: row.get(3)?,
                        published: parse_date(row.get(4)?),
                        snippet: row.get(5)?,
                        score: row.get(6)?,
                    })
                },
            )?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| StoreError::Query {
                    query: query.to_string(),
                    reason: e.to_string(),
                })
        })
    }

    /// Checks the store: SQLite's integrity check, the full-text index against the documents, and
    /// that every document's annotations load and agree with its claim and quote rows. Returns
    /// the problems found (none when all is well).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        self.flush_search_index()?;
        {
            let conn = self.writer();
            let mut stmt = conn.prepare("PRAGMA integrity_check")?;
            for line in stmt.query_map([], |row| row.get::<_, String>(0))? {
                let line = line?;
                if line != "ok" {
                    problems.push(format!("integrity_check: {line}"));
                }
            }
            if let Err(e) = conn.execute(
                "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')",
                [],
            ) {
                problems.push(format!("full-text index: {e}"));
            }
        }
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT d.id, d.text, d.raw_html, d.annotations,
                        (SELECT count(*) FROM claims c WHERE c.document = d.id),
                        (SELECT count(*) FROM quotes q WHERE q.document = d.id),
                        (SELECT count(*) FROM mentions m WHERE m.document = d.id)
                 FROM documents d ORDER BY d.seq",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                match reload(&id, row.get(1)?, row.get(2)?, &row.get::<_, String>(3)?) {
                    Err(e) => problems.push(e.to_string()),
                    Ok(doc) => {
                        let (claims, quotes, mentions) =
                            (usize_of(row.get(4)?), usize_of(row.get(5)?), usize_of(row.get(6)?));
                        if claims != doc.claims.len() || quotes != doc.quotes.len() || mentions != doc.entity_mentions.len() {
                            problems.push(format!(
                                "document {id}: {claims} claim, {quotes} quote and {mentions} mention rows for {} claims, {} quotes and {} mentions",
                                doc.claims.len(),
                                doc.quotes.len(),
                                doc.entity_mentions.len()
                            ));
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(problems)
    }
}

/// Rebuilds a stored document from its columns.
fn reload(id: &str, text: String, raw_html: Option<String>, annotations: &str) -> Result<Document> {
    let corrupt = |reason: String| StoreError::Corrupt {
        id: id.to_string(),
        reason,
    };
    let mut value: serde_json::Value =
        serde_json::from_str(annotations).map_err(|e| corrupt(e.to_string()))?;
    let map = value
        .as_object_mut()
        .ok_or_else(|| corrupt("not a JSON object".into()))?;
    map.insert("text".into(), serde_json::Value::String(text));
    map.insert(
        "raw_html".into(),
        raw_html
            .map(serde_json::Value::String)
            .unwrap_or(serde_json::Value::Null),
    );
    // Tokens are not stored (see `annotations_json`); a reloaded document has none.
    map.entry("tokens")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    let doc: Document = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    doc.validate().map_err(|e| corrupt(e.to_string()))?;
    Ok(doc)
}

fn boilerplate_of(conn: &Connection, id: &str) -> Result<Vec<Boilerplate>> {
    let mut stmt =
        conn.prepare_cached("SELECT start_byte, end_byte, kind FROM boilerplate WHERE document = ?1 ORDER BY start_byte")?;
    let rows = stmt.query_map([id], |row| {
        let (start, end) = (usize_of(row.get(0)?), usize_of(row.get(1)?));
        Ok(Boilerplate {
            span: Span::new(start.min(end), end),
            kind: parse_enum(row.get(2)?).unwrap_or(BoilerplateKind::Other),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn cites_of(conn: &Connection, id: &str) -> Result<Vec<Cite>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, url, start_byte, end_byte, syndication FROM cites WHERE document = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([id], |row| {
        let span = match (row.get::<_, Option<i64>>(2)?, row.get::<_, Option<i64>>(3)?) {
            (Some(start), Some(end)) => {
                Some(Span::new(usize_of(start).min(usize_of(end)), usize_of(end)))
            }
            _ => None,
        };
        Ok(Cite {
            name: row.get(0)?,
            url: row.get(1)?,
            span,
            syndication: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A claim record from a row of the claims-with-document SELECT (columns in its order); the
/// dashboard query in `server_queries` reads the same columns.
pub(crate) fn claim_of(row: &Row) -> Result<ClaimRecord> {
    let attributed_to = match (
        row.get::<_, Option<String>>(15)?,
        row.get::<_, Option<i64>>(16)?,
        row.get::<_, Option<i64>>(17)?,
    ) {
        (Some(name), Some(start), Some(end)) => Some(AttributionRecord {
            name,
            start: usize_of(start),
            end: usize_of(end),
        }),
        _ => None,
    };
    Ok(ClaimRecord {
        id: row.get(0)?,
        document: row.get(1)?,
        source: row.get(2)?,
        start: usize_of(row.get(3)?),
        end: usize_of(row.get(4)?),
        text: row.get(5)?,
        sentence: SpanRecord {
            start: usize_of(row.get(6)?),
            end: usize_of(row.get(7)?),
        },
        value: row.get(8)?,
        low: row.get(9)?,
        high: row.get(10)?,
        hedge: parse_enum(row.get(11)?).unwrap_or_default(),
        measure: parse_enum(row.get(12)?).unwrap_or_default(),
        counted: row.get(13)?,
        subject: row.get(14)?,
        attributed_to,
        as_of: parse_date(row.get(18)?),
        outlet: row.get(19)?,
        published: parse_date(row.get(20)?),
    })
}

/// Turns user input into an FTS5 query that cannot be a syntax error: each word becomes a
/// quoted string (inner `"` doubled), ANDed; a trailing `*` keeps its prefix meaning.
pub(crate) fn fts_query(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter_map(|word| {
            let prefix = word.ends_with('*');
            let core: String = word
                .trim_end_matches('*')
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            if core.is_empty() {
                return None;
            }
            Some(format!(
                "\"{}\"{}",
                core.replace('"', "\"\""),
                if prefix { "*" } else { "" }
            ))
        })
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}
