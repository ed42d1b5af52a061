//! Writing a document: one transaction for the row, its annotation tables, its entity
//! mentions (merged into the cross-document entities) and its full-text index entry.

use std::collections::{BTreeSet, HashMap};

use document::{Document, Entity};
use reconcile::entities::KnownEntity;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::{Put, Store};

/// At most this many known entities are read per blocking key, so a key shared by a great many
/// entities (a common surname) cannot make one insert slow.
const MAX_CANDIDATES_PER_KEY: i64 = 64;

impl Store {
    /// Stores an analysed document in one transaction, or reports the earlier copy when a
    /// document with the same content hash is already stored.
    pub fn put_document(&self, doc: &Document) -> Result<Put> {
        doc.validate().map_err(|e| StoreError::Invalid { id: doc.id.clone(), reason: e.to_string() })?;
        // The JSON is made before taking the write lock, to keep the lock short.
        let annotations = annotations_json(doc)?;
        let entities = DocEntities::of(doc);
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(id) = tx
            .query_row("SELECT id FROM documents WHERE sha256 = ?1", [&doc.sha256], |row| row.get::<_, String>(0))
            .optional()?
        {
            return Ok(Put::Duplicate { id });
        }
        let taken: Option<String> =
            tx.query_row("SELECT sha256 FROM documents WHERE id = ?1", [&doc.id], |row| row.get(0)).optional()?;
        if taken.is_some() {
            return Err(StoreError::Invalid {
                id: doc.id.clone(),
                reason: "another document with different content already has this id".into(),
            });
        }
        insert_document(&tx, doc, &annotations)?;
        let global = reconcile_entities(&tx, doc, &entities)?;
        insert_mentions(&tx, doc, &entities, &global)?;
        insert_claims(&tx, doc)?;
        insert_quotes(&tx, doc, &global)?;
        tx.commit()?;
        Ok(Put::Inserted)
    }
}

/// The document as JSON without `text` and `raw_html`, which have their own columns, and without
/// `tokens`: they are most of the JSON's size and the segmenter remakes them from the text.
///
/// The tokens and raw HTML are dropped from a copy before serialising: turning each token into a
/// JSON map only to remove it again was half of this function's time (about a twelfth of the
/// writer's, measured with perf on the BBC bench). The copy is cheap (`Token` is `Copy`), and the JSON is the same as before.
fn annotations_json(doc: &Document) -> Result<String> {
    let mut light = doc.clone();
    light.tokens = Vec::new();
    light.raw_html = None;
    let mut value = serde_json::to_value(&light)?;
    drop(light);
    if let Some(map) = value.as_object_mut() {
        map.remove("text");
        map.remove("raw_html");
        map.remove("tokens");
    }
    Ok(serde_json::to_string(&value)?)
}

/// The lowercase-free string form of a serde enum (`"more_than"`, `"PERSON"`).
pub(crate) fn enum_str<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn insert_document(tx: &Transaction, doc: &Document, annotations: &str) -> Result<()> {
    let meta = &doc.meta;
    let published = meta.published.map(|d| d.to_string());
    tx.prepare_cached(
        "INSERT INTO documents (id, source, sha256, title, author, outlet, published, language, url,
             syndicated_from, near_duplicate_of, text, text_bytes, raw_html, annotations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc.id,
        doc.source,
        doc.sha256,
        meta.title,
        meta.author,
        meta.outlet,
        published,
        meta.language,
        meta.url,
        meta.syndicated_from,
        doc.text(),
        doc.text().len() as i64,
        doc.raw_html,
        annotations,
    ])?;
    let seq = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![seq, meta.title, doc.text()])?;

    let mut boilerplate =
        tx.prepare_cached("INSERT INTO boilerplate (document, start_byte, end_byte, kind) VALUES (?1, ?2, ?3, ?4)")?;
    for b in &doc.boilerplate {
        boilerplate.execute(params![doc.id, b.span.start() as i64, b.span.end() as i64, enum_str(&b.kind)])?;
    }
    let mut cites = tx.prepare_cached(
        "INSERT INTO cites (document, name, url, start_byte, end_byte, syndication) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in &meta.cites {
        cites.execute(params![
            doc.id,
            c.name,
            c.url,
            c.span.map(|s| s.start() as i64),
            c.span.map(|s| s.end() as i64),
            c.syndication
        ])?;
    }
    Ok(())
}

/// A document's entities as the store sees them: the document's own, plus one per distinct
/// unlinked mention (label + lowercase text), so that every mention belongs to some entity.
struct DocEntities {
    all: Vec<Entity>,
    /// For each mention of the document, its index into `all`.
    of_mention: Vec<usize>,
    /// How many of `all` were added by the store.
    n_added: usize,
}

impl DocEntities {
    fn of(doc: &Document) -> DocEntities {
        let mut all = doc.entities.clone();
        let mut added: HashMap<(String, String), usize> = HashMap::new();
        let mut of_mention = Vec::with_capacity(doc.entity_mentions.len());
        for mention in &doc.entity_mentions {
            let idx = match mention.entity {
                Some(idx) if idx < doc.entities.len() => idx,
                _ => {
                    let surface = doc.get(mention.span).unwrap_or("").trim().to_string();
                    let key = (enum_str(&mention.label), surface.to_lowercase());
                    *added.entry(key).or_insert_with(|| {
                        all.push(Entity {
                            name: surface.clone(),
                            label: mention.label,
                            aliases: vec![surface.clone()],
                            roles: Vec::new(),
                        });
                        all.len() - 1
                    })
                }
            };
            of_mention.push(idx);
        }
        let n_added = all.len() - doc.entities.len();
        DocEntities { all, of_mention, n_added }
    }
}

/// Decides, for each entity of the document, which cross-document entity it is (merging into a
/// known one or making a new one), and returns their ids in the order of `entities.all`.
fn reconcile_entities(tx: &Transaction, doc: &Document, entities: &DocEntities) -> Result<Vec<i64>> {
    if entities.all.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<Vec<String>> = entities.all.iter().map(reconcile::entities::candidate_keys).collect();
    let mut candidate_ids = BTreeSet::new();
    {
        let mut by_key = tx.prepare_cached("SELECT entity_id FROM entity_keys WHERE key = ?1 LIMIT ?2")?;
        for key in keys.iter().flatten() {
            let ids = by_key.query_map(params![key, MAX_CANDIDATES_PER_KEY], |row| row.get::<_, i64>(0))?;
            for id in ids {
                candidate_ids.insert(id?);
            }
        }
    }
    let mut candidates = Vec::with_capacity(candidate_ids.len());
    for id in &candidate_ids {
        if let Some(known) = load_entity(tx, *id)? {
            candidates.push(known);
        }
    }

    // The matcher reads the document; when the store added entities for unlinked mentions it
    // must see those too.
    let with_added;
    let match_doc = if entities.n_added > 0 {
        let mut copy = doc.clone();
        copy.entities = entities.all.clone();
        with_added = copy;
        &with_added
    } else {
        doc
    };
    let matches = if candidates.is_empty() {
        vec![None; entities.all.len()]
    } else {
        reconcile::entities::match_entities(match_doc, &candidates)
    };

    let mut global = Vec::with_capacity(entities.all.len());
    for (idx, entity) in entities.all.iter().enumerate() {
        // Only an id among the candidates is taken: the matcher cannot merge into an entity
        // it was not shown.
        let matched = matches.get(idx).copied().flatten().and_then(|id| candidates.iter().find(|k| k.id == id));
        let id = match matched {
            Some(known) => {
                merge_into(tx, known, entity)?;
                known.id
            }
            None => {
                let aliases = aliases_of(&entity.name, entity.aliases.iter().map(String::as_str));
                tx.prepare_cached("INSERT INTO entities (name, type, aliases) VALUES (?1, ?2, ?3)")?.execute(params![
                    entity.name,
                    enum_str(&entity.label),
                    serde_json::to_string(&aliases)?
                ])?;
                tx.last_insert_rowid()
            }
        };
        let mut insert_key = tx.prepare_cached("INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?1, ?2)")?;
        for key in &keys[idx] {
            insert_key.execute(params![key, id])?;
        }
        global.push(id);
    }
    Ok(global)
}

pub(crate) fn load_entity(tx: &rusqlite::Connection, id: i64) -> Result<Option<KnownEntity>> {
    let row = tx
        .prepare_cached("SELECT name, type, aliases FROM entities WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?)))
        .optional()?;
    let Some((name, kind, aliases)) = row else { return Ok(None) };
    let label = serde_json::from_value(serde_json::Value::String(kind)).unwrap_or(document::EntityType::Other);
    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
    Ok(Some(KnownEntity { id, name, label, aliases }))
}

/// The aliases of an entity called `name`: the distinct other surface forms, in first-seen order.
fn aliases_of<'a>(name: &str, forms: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for form in forms {
        let form = form.trim();
        if !form.is_empty() && form != name && !out.iter().any(|a| a == form) {
            out.push(form.to_string());
        }
    }
    out
}

/// Merges a document's entity into a known one: the longer name becomes the name (the fullest
/// form, "Kim Jong Un" over "Kim"), every other form an alias.
fn merge_into(tx: &Transaction, known: &KnownEntity, entity: &Entity) -> Result<()> {
    let name = if entity.name.chars().count() > known.name.chars().count() { &entity.name } else { &known.name };
    let forms = std::iter::once(known.name.as_str())
        .chain(known.aliases.iter().map(String::as_str))
        .chain(std::iter::once(entity.name.as_str()))
        .chain(entity.aliases.iter().map(String::as_str));
    let aliases = aliases_of(name, forms);
    if *name != known.name || aliases != known.aliases {
        tx.prepare_cached("UPDATE entities SET name = ?1, aliases = ?2 WHERE id = ?3")?.execute(params![
            name,
            serde_json::to_string(&aliases)?,
            known.id
        ])?;
    }
    Ok(())
}

fn insert_mentions(tx: &Transaction, doc: &Document, entities: &DocEntities, global: &[i64]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO mentions (entity_id, document, start_byte, end_byte, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (mention, entity_idx) in doc.entity_mentions.iter().zip(&entities.of_mention) {
        let Some(entity_id) = global.get(*entity_idx) else { continue };
        insert.execute(params![
            entity_id,
            doc.id,
            mention.span.start() as i64,
            mention.span.end() as i64,
            doc.get(mention.span).unwrap_or("")
        ])?;
    }
    Ok(())
}

fn insert_claims(tx: &Transaction, doc: &Document) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO claims (id, document, idx, start_byte, end_byte, text, sentence_start, sentence_end, value, low,
             high, hedge, measure, counted, subject, attributed_name, attributed_start, attributed_end, as_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for (idx, claim) in doc.claims.iter().enumerate() {
        let attribution = claim.attributed_to.as_ref();
        insert.execute(params![
            claim_id(&doc.id, idx),
            doc.id,
            idx as i64,
            claim.span.start() as i64,
            claim.span.end() as i64,
            doc.get(claim.span).unwrap_or(""),
            claim.sentence.start() as i64,
            claim.sentence.end() as i64,
            finite(claim.value),
            finite(claim.low),
            finite(claim.high),
            enum_str(&claim.hedge),
            enum_str(&claim.measure),
            claim.counted,
            claim.subject,
            attribution.map(|a| a.name.as_str()),
            attribution.map(|a| a.span.start() as i64),
            attribution.map(|a| a.span.end() as i64),
            claim.as_of.map(|d| d.to_string()),
        ])?;
    }
    Ok(())
}

fn insert_quotes(tx: &Transaction, doc: &Document, global: &[i64]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO quotes (id, document, idx, start_byte, end_byte, text, key, speaker_name, speaker_entity,
             speaker_start, speaker_end, cue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (idx, quote) in doc.quotes.iter().enumerate() {
        let text = doc.get(quote.span).unwrap_or("");
        let speaker = quote.speaker.as_ref();
        // Speaker entity indices point into the document's own entities, which come first in
        // `global`.
        let speaker_entity = speaker.and_then(|s| s.entity).filter(|i| *i < doc.entities.len()).and_then(|i| global.get(i));
        insert.execute(params![
            quote_id(&doc.id, idx),
            doc.id,
            idx as i64,
            quote.span.start() as i64,
            quote.span.end() as i64,
            text,
            reconcile::quotes::quote_key(text),
            speaker.map(|s| s.name.as_str()),
            speaker_entity,
            speaker.map(|s| s.span.start() as i64),
            speaker.map(|s| s.span.end() as i64),
            quote.cue,
        ])?;
    }
    Ok(())
}

/// SQLite stores NaN as NULL and infinities as REAL; keep only finite values.
fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

pub(crate) fn claim_id(document: &str, idx: usize) -> String {
    format!("{document}-c{idx}")
}

pub(crate) fn quote_id(document: &str, idx: usize) -> String {
    format!("{document}-q{idx}")
}

#[cfg(test)]
mod annotations_tests {
    use document::{Document, Span, Token};

    #[test]
    fn annotations_json_equals_the_full_json_minus_text_html_and_tokens() {
        let mut doc = Document::from_text("d1", "Alpha beta gamma.");
        doc.raw_html = Some("<p>Alpha beta gamma.</p>".into());
        for (start, end) in [(0, 5), (6, 10), (11, 16)] {
            doc.tokens.push(Token { span: Span::new(start, end) });
        }
        let mut full = serde_json::to_value(&doc).expect("json");
        if let Some(map) = full.as_object_mut() {
            for key in ["text", "raw_html", "tokens"] {
                assert!(map.remove(key).is_some(), "{key} was serialised");
            }
        }
        let ours: serde_json::Value = serde_json::from_str(&super::annotations_json(&doc).expect("json")).expect("parse");
        assert_eq!(ours, full);
        assert!(ours.get("tokens").is_none() && ours.get("text").is_none() && ours.get("raw_html").is_none());
    }
}
