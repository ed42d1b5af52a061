//! Writing a document: one transaction for the row, its annotation tables, its entity
//! mentions (merged into the cross-document entities) and, unless a batch ingest defers it
//! ([`Store::set_search_index_batch`]), its full-text index entry.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use document::{Document, Entity};
use reconcile::entities::{KnownEntity, PreparedEntity, PreparedKnown};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::neardup;
use crate::{Put, Store};

/// At most this many known entities are read per blocking key, so a key shared by a great many
/// entities (a common surname) cannot make one insert slow.
const MAX_CANDIDATES_PER_KEY: i64 = 64;

/// A document made ready for storing: everything [`Store::put_prepared`] needs that does not
/// depend on what is stored already (its JSON, its entities' blocking keys and name forms, its
/// quotes' keys). Made on the caller's thread, so the single writer only does the database work;
/// `corroborate ingest` makes it on the analysis workers.
pub struct PreparedDocument {
    doc: Document,
    parts: Parts,
}

impl PreparedDocument {
    /// Validates `doc` and prepares it.
    pub fn new(doc: Document) -> Result<PreparedDocument> {
        let parts = Parts::of(&doc)?;
        Ok(PreparedDocument { doc, parts })
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn into_document(self) -> Document {
        self.doc
    }
}

/// What [`PreparedDocument`] holds beside the document.
struct Parts {
    annotations: String,
    entities: DocEntities,
    /// Blocking keys of each of `entities.all`.
    keys: Vec<Vec<String>>,
    /// Name forms of each of `entities.all`.
    prepared: Vec<PreparedEntity>,
    /// `reconcile::quotes::quote_key` of each quote.
    quote_keys: Vec<String>,
    /// MinHash signature of the main text's word 5-grams (`None`: too short).
    minhash: Option<neardup::Signature>,
}

impl Parts {
    fn of(doc: &Document) -> Result<Parts> {
        doc.validate().map_err(|e| StoreError::Invalid {
            id: doc.id.clone(),
            reason: e.to_string(),
        })?;
        let annotations = annotations_json(doc)?;
        let entities = DocEntities::of(doc);
        let keys = entities
            .all
            .iter()
            .map(reconcile::entities::candidate_keys)
            .collect();
        // The store's added entities come after the document's own; mentions point at the
        // document's own only, so an added entity has no linked mentions (as before: the matcher
        // saw a copy of the document with the added entities appended).
        let furniture = reconcile::entities::furniture_only(doc, entities.all.len());
        let prepared = entities
            .all
            .iter()
            .zip(furniture)
            .map(|(e, f)| PreparedEntity::new(e, f))
            .collect();
        let quote_keys = doc
            .quotes
            .iter()
            .map(|q| reconcile::quotes::quote_key(doc.get(q.span).unwrap_or("")))
            .collect();
        let minhash = neardup::signature(doc);
        Ok(Parts {
            annotations,
            entities,
            keys,
            prepared,
            quote_keys,
            minhash,
        })
    }
}

/// What the writer keeps between documents. Only the writer uses it, while it holds the write
/// lock. It is updated after a commit, from the values that commit wrote.
///
/// `entities`: the known entities' name forms, so each is loaded and normalised once rather than
/// once per document that brings it up as a candidate; emptied when another connection has
/// written to the store (`PRAGMA data_version`).
///
/// `near`: the LSH band keys of the stored documents' MinHash signatures, loaded when the first
/// document with a signature is stored; when another connection has written, the signatures
/// it added (`seq` above the highest loaded) are loaded too.
#[derive(Default)]
pub(crate) struct KnownCache {
    entities: HashMap<i64, Arc<(KnownEntity, PreparedKnown)>>,
    data_version: Option<i64>,
    near: Option<neardup::LshIndex>,
    near_stale: bool,
    /// Documents this connection committed that are not in the full-text index yet, and when
    /// the first of them was committed (see [`Store::set_search_index_batch`]).
    pub(crate) unindexed: usize,
    unindexed_since: Option<Instant>,
}

/// A batch's documents are indexed at the latest this long after the first was stored, so a
/// slow ingest does not keep them out of searches for long.
const MAX_UNINDEXED_AGE: Duration = Duration::from_secs(1);

/// Adds the documents above the full-text index's high-water mark (`search_progress`) to the
/// index and moves the mark; returns how many. Run inside a write transaction, which makes the
/// read of the mark and its move atomic, so no document is indexed twice.
pub(crate) fn index_pending(conn: &Connection) -> Result<usize> {
    let upto: i64 = conn
        .prepare_cached("SELECT indexed_upto FROM search_progress WHERE id = 1")?
        .query_row([], |row| row.get(0))?;
    let added = conn
        .prepare_cached(
            "INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents WHERE seq > ?1 ORDER BY seq",
        )?
        .execute([upto])?;
    if added > 0 {
        conn.prepare_cached("UPDATE search_progress SET indexed_upto = (SELECT max(seq) FROM documents) WHERE id = 1")?
            .execute([])?;
    }
    Ok(added)
}

/// Whether some stored document is not in the full-text index yet.
pub(crate) fn has_pending(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM documents WHERE seq > (SELECT indexed_upto FROM search_progress WHERE id = 1))")?
        .query_row([], |row| row.get(0))?)
}

/// Indexes the pending documents in a transaction of their own (when there are any).
pub(crate) fn flush_pending(conn: &mut Connection, cache: &mut KnownCache) -> Result<()> {
    if has_pending(conn)? {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        index_pending(&tx)?;
        tx.commit()?;
    }
    cache.unindexed = 0;
    cache.unindexed_since = None;
    Ok(())
}

/// The cache forgets everything past this many entities (each takes one to two kB with its
/// name forms, so this bounds it near 50 MB).
const MAX_CACHED_ENTITIES: usize = 30_000;

impl Store {
    /// Stores an analysed document in one transaction, or reports the earlier copy when a
    /// document with the same content hash is already stored.
    pub fn put_document(&self, doc: &Document) -> Result<Put> {
        // Made before taking the write lock, to keep the lock short.
        let parts = Parts::of(doc)?;
        self.put_parts(doc, &parts)
    }

    /// Stores a document made ready with [`PreparedDocument::new`]: the same as
    /// [`Store::put_document`], with the preparation done beforehand.
    pub fn put_prepared(&self, prepared: &PreparedDocument) -> Result<Put> {
        self.put_parts(&prepared.doc, &prepared.parts)
    }

    fn put_parts(&self, doc: &Document, parts: &Parts) -> Result<Put> {
        let mut conn = self.writer();
        let mut cache = self.inner.known.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another connection's commits make the cached entities stale.
        let version: i64 = tx
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |row| row.get(0))?;
        if cache.data_version != Some(version) || cache.entities.len() > MAX_CACHED_ENTITIES {
            cache.near_stale |= cache.data_version.is_some_and(|v| v != version);
            cache.entities.clear();
            cache.data_version = Some(version);
        }
        if let Some(id) = tx
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([&doc.sha256], |row| row.get::<_, String>(0))
            .optional()?
        {
            return Ok(Put::Duplicate { id });
        }
        let taken: Option<String> = tx
            .prepare_cached("SELECT sha256 FROM documents WHERE id = ?1")?
            .query_row([&doc.id], |row| row.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::Invalid {
                id: doc.id.clone(),
                reason: "another document with different content already has this id".into(),
            });
        }
        let band_keys = parts
            .minhash
            .as_ref()
            .map(|sig| neardup::band_keys(&sig.mins));
        let near = match (&parts.minhash, &band_keys) {
            (Some(sig), Some(keys)) => {
                let index = near_index(&tx, &mut cache)?;
                near_duplicate(&tx, index, sig, keys)?
            }
            _ => None,
        };
        let seq = insert_document(&tx, doc, &parts.annotations, near.as_deref())?;
        let batch = self.inner.search_batch.load(Ordering::Relaxed);
        if batch <= 1 {
            // Indexed with the document, in its transaction (with any left pending before it).
            index_pending(&tx)?;
        }
        if let Some(sig) = &parts.minhash {
            tx.prepare_cached("INSERT INTO near_signatures (seq, signature) VALUES (?1, ?2)")?
                .execute(params![seq, neardup::to_blob(sig)])?;
        }
        let mut written = HashMap::new();
        let global = reconcile_entities(&tx, parts, &cache, &mut written)?;
        insert_mentions(&tx, doc, &parts.entities, &global)?;
        insert_claims(&tx, doc)?;
        insert_quotes(&tx, doc, &parts.quote_keys, &global)?;
        tx.commit()?;
        if let (Some(keys), Some(index)) = (&band_keys, cache.near.as_mut()) {
            index.insert(keys, seq);
        }
        for (id, known) in written {
            let forms = PreparedKnown::new(&known);
            cache.entities.insert(id, Arc::new((known, forms)));
        }
        if batch > 1 {
            cache.unindexed += 1;
            let since = *cache.unindexed_since.get_or_insert_with(Instant::now);
            if cache.unindexed >= batch || since.elapsed() >= MAX_UNINDEXED_AGE {
                // The document is stored whatever happens here: a failed flush leaves the batch
                // pending, for the next flush (or the next writer to open the store).
                let _ = flush_pending(&mut conn, &mut cache);
            }
        }
        Ok(Put::Inserted)
    }
}

/// The writer's LSH index, loaded from the stored signatures the first time, and brought up to
/// date with the signatures other connections added when they have written since.
fn near_index<'c>(tx: &Transaction, cache: &'c mut KnownCache) -> Result<&'c neardup::LshIndex> {
    let stale = std::mem::take(&mut cache.near_stale);
    let index = match cache.near.take() {
        Some(index) if !stale => index,
        other => {
            let mut index = other.unwrap_or_default();
            let mut stmt = tx.prepare_cached(
                "SELECT seq, signature FROM near_signatures WHERE seq > ?1 ORDER BY seq",
            )?;
            let mut rows = stmt.query([index.upto])?;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                if let Some(sig) = neardup::from_blob(&row.get::<_, Vec<u8>>(1)?) {
                    index.insert(&neardup::band_keys(&sig.mins), seq);
                }
            }
            index
        }
    };
    Ok(cache.near.insert(index))
}

/// The earliest stored document (by storing order) whose signature is at least
/// [`neardup::THRESHOLD`] contained in `sig`'s (or holding it), among those sharing an LSH band
/// with it (`keys`).
fn near_duplicate(
    tx: &Transaction,
    index: &neardup::LshIndex,
    sig: &neardup::Signature,
    keys: &[i64],
) -> Result<Option<String>> {
    let candidates = index.candidates(keys);
    if candidates.is_empty() {
        return Ok(None);
    }
    let mut load = tx.prepare_cached(
        "SELECT s.signature, d.id FROM near_signatures s JOIN documents d ON d.seq = s.seq WHERE s.seq = ?1",
    )?;
    // In storing order, so the first match is the earliest.
    for seq in candidates {
        let row = load
            .query_row([seq], |row| {
                Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, String>(1)?))
            })
            .optional()?;
        let Some((other, id)) = row.and_then(|(blob, id)| Some((neardup::from_blob(&blob)?, id)))
        else {
            continue;
        };
        if neardup::containment(sig, &other) >= neardup::THRESHOLD {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// The document as JSON without `text` and `raw_html`, which have their own columns, and without
/// `tokens`: they are most of the JSON's size and the segmenter remakes them from the text.
///
/// The tokens and raw HTML are dropped from a copy before serialising: turning each token into a
/// JSON map only to remove it again was half of this function's time (about a twelfth of the
/// writer's, measured with perf on the BBC bench). The copy is cheap (`Token` is `Copy`), and the JSON is the same as before.
pub(crate) fn annotations_json(doc: &Document) -> Result<String> {
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

/// Inserts the document's row, boilerplate and cites; returns its `seq`.
fn insert_document(
    tx: &Transaction,
    doc: &Document,
    annotations: &str,
    near_duplicate_of: Option<&str>,
) -> Result<i64> {
    let meta = &doc.meta;
    let published = meta.published.map(|d| d.to_string());
    tx.prepare_cached(
        "INSERT INTO documents (id, source, sha256, title, author, outlet, published, language, url,
             syndicated_from, near_duplicate_of, text, text_bytes, raw_html, annotations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?15, ?11, ?12, ?13, ?14)",
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
        near_duplicate_of,
    ])?;
    let seq = tx.last_insert_rowid();

    let mut boilerplate = tx.prepare_cached(
        "INSERT INTO boilerplate (document, start_byte, end_byte, kind) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for b in &doc.boilerplate {
        boilerplate.execute(params![
            doc.id,
            b.span.start() as i64,
            b.span.end() as i64,
            enum_str(&b.kind)
        ])?;
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
    Ok(seq)
}

/// A document's entities as the store sees them: the document's own, plus one per distinct
/// unlinked mention (label + lowercase text), so that every mention belongs to some entity.
struct DocEntities {
    all: Vec<Entity>,
    /// For each mention of the document, its index into `all`.
    of_mention: Vec<usize>,
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
        DocEntities { all, of_mention }
    }
}

/// Decides, for each entity of the document, which cross-document entity it is (merging into a
/// known one or making a new one), and returns their ids in the order of `parts.entities.all`.
/// Every entity row written is put in `written` (the last value written for each id), for the
/// cache once the transaction commits.
fn reconcile_entities(
    tx: &Transaction,
    parts: &Parts,
    cache: &KnownCache,
    written: &mut HashMap<i64, KnownEntity>,
) -> Result<Vec<i64>> {
    let entities = &parts.entities;
    if entities.all.is_empty() {
        return Ok(Vec::new());
    }
    let mut candidate_ids = BTreeSet::new();
    {
        let mut by_key =
            tx.prepare_cached("SELECT entity_id FROM entity_keys WHERE key = ?1 LIMIT ?2")?;
        for key in parts.keys.iter().flatten() {
            let ids = by_key.query_map(params![key, MAX_CANDIDATES_PER_KEY], |row| {
                row.get::<_, i64>(0)
            })?;
            for id in ids {
                candidate_ids.insert(id?);
            }
        }
    }
    // In id order, as the matcher breaks some ties by position.
    let mut candidates: Vec<Arc<(KnownEntity, PreparedKnown)>> =
        Vec::with_capacity(candidate_ids.len());
    for id in &candidate_ids {
        if let Some(hit) = cache.entities.get(id) {
            candidates.push(Arc::clone(hit));
        } else if let Some(known) = load_entity(tx, *id)? {
            let forms = PreparedKnown::new(&known);
            // Loaded before this document changes anything: the committed value, safe to cache
            // even if this transaction fails.
            written.entry(*id).or_insert_with(|| known.clone());
            candidates.push(Arc::new((known, forms)));
        }
    }

    let matches = if candidates.is_empty() {
        vec![None; entities.all.len()]
    } else {
        let forms: Vec<&PreparedKnown> = candidates.iter().map(|c| &c.1).collect();
        reconcile::entities::match_prepared(&parts.prepared, &forms)
    };

    let mut global = Vec::with_capacity(entities.all.len());
    for (idx, entity) in entities.all.iter().enumerate() {
        // Only an id among the candidates is taken: the matcher cannot merge into an entity
        // it was not shown.
        let matched = matches
            .get(idx)
            .copied()
            .flatten()
            .and_then(|id| candidates.iter().find(|k| k.0.id == id));
        let id = match matched {
            Some(known) => {
                let known = &known.0;
                if let Some(update) = merge_into(tx, known, entity)? {
                    written.insert(known.id, update);
                }
                known.id
            }
            None => {
                let aliases = aliases_of(&entity.name, entity.aliases.iter().map(String::as_str));
                tx.prepare_cached(
                    "INSERT INTO entities (name, type, aliases) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    entity.name,
                    enum_str(&entity.label),
                    serde_json::to_string(&aliases)?
                ])?;
                let id = tx.last_insert_rowid();
                vote(tx, id, entity)?;
                written.insert(
                    id,
                    KnownEntity {
                        id,
                        name: entity.name.clone(),
                        label: entity.label,
                        aliases,
                    },
                );
                id
            }
        };
        let mut insert_key = tx
            .prepare_cached("INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?1, ?2)")?;
        for key in &parts.keys[idx] {
            insert_key.execute(params![key, id])?;
        }
        global.push(id);
    }
    Ok(global)
}

pub(crate) fn load_entity(tx: &rusqlite::Connection, id: i64) -> Result<Option<KnownEntity>> {
    let row = tx
        .prepare_cached("SELECT name, type, aliases FROM entities WHERE id = ?1")?
        .query_row([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    let Some((name, kind, aliases)) = row else {
        return Ok(None);
    };
    let label = serde_json::from_value(serde_json::Value::String(kind))
        .unwrap_or(document::EntityType::Other);
    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
    Ok(Some(KnownEntity {
        id,
        name,
        label,
        aliases,
    }))
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

/// Counts the document's name for the entity and its type as one vote each.
fn vote(tx: &Transaction, id: i64, entity: &Entity) -> Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO entity_votes (entity_id, kind, value, votes) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (entity_id, kind, value) DO UPDATE SET votes = votes + 1",
    )?;
    upsert.execute(params![id, "name", entity.name])?;
    upsert.execute(params![id, "type", enum_str(&entity.label)])?;
    Ok(())
}

/// The vote tallies of one kind for an entity, in the order the values were first stored.
fn votes_of(tx: &Transaction, id: i64, kind: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT value, votes FROM entity_votes WHERE entity_id = ?1 AND kind = ?2",
    )?;
    let rows = stmt.query_map(params![id, kind], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Merges a document's entity into a known one: the document's name and type are counted, the
/// entity takes the name and type most documents use ([`reconcile::naming`]: the fullest form
/// among the common ones, "Kim Jong Un" over "Kim"), and every other form is an alias. Returns
/// the entity as written, if it changed.
fn merge_into(
    tx: &Transaction,
    known: &KnownEntity,
    entity: &Entity,
) -> Result<Option<KnownEntity>> {
    vote(tx, known.id, entity)?;
    let names = votes_of(tx, known.id, "name")?;
    let name = reconcile::naming::preferred_name(&names)
        .unwrap_or(&known.name)
        .to_string();
    let types: Vec<(document::EntityType, i64)> = votes_of(tx, known.id, "type")?
        .into_iter()
        .filter_map(|(t, n)| {
            serde_json::from_value(serde_json::Value::String(t))
                .ok()
                .map(|t| (t, n))
        })
        .collect();
    // The known type first, so a tie keeps it.
    let mut ordered: Vec<(document::EntityType, i64)> = types
        .iter()
        .copied()
        .filter(|t| t.0 == known.label)
        .collect();
    ordered.extend(types.iter().copied().filter(|t| t.0 != known.label));
    let label = reconcile::naming::preferred_type(&ordered).unwrap_or(known.label);
    let forms = std::iter::once(known.name.as_str())
        .chain(known.aliases.iter().map(String::as_str))
        .chain(std::iter::once(entity.name.as_str()))
        .chain(entity.aliases.iter().map(String::as_str));
    let aliases = aliases_of(&name, forms);
    if name != known.name || aliases != known.aliases || label != known.label {
        tx.prepare_cached("UPDATE entities SET name = ?1, aliases = ?2, type = ?3 WHERE id = ?4")?
            .execute(params![
                name,
                serde_json::to_string(&aliases)?,
                enum_str(&label),
                known.id
            ])?;
        return Ok(Some(KnownEntity {
            id: known.id,
            name,
            label,
            aliases,
        }));
    }
    Ok(None)
}

fn insert_mentions(
    tx: &Transaction,
    doc: &Document,
    entities: &DocEntities,
    global: &[i64],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO mentions (entity_id, document, start_byte, end_byte, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (mention, entity_idx) in doc.entity_mentions.iter().zip(&entities.of_mention) {
        let Some(entity_id) = global.get(*entity_idx) else {
            continue;
        };
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

fn insert_quotes(tx: &Transaction, doc: &Document, keys: &[String], global: &[i64]) -> Result<()> {
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
        let speaker_entity = speaker
            .and_then(|s| s.entity)
            .filter(|i| *i < doc.entities.len())
            .and_then(|i| global.get(i));
        insert.execute(params![
            quote_id(&doc.id, idx),
            doc.id,
            idx as i64,
            quote.span.start() as i64,
            quote.span.end() as i64,
            text,
            keys.get(idx).map(String::as_str).unwrap_or(""),
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
            doc.tokens.push(Token {
                span: Span::new(start, end),
            });
        }
        let mut full = serde_json::to_value(&doc).expect("json");
        if let Some(map) = full.as_object_mut() {
            for key in ["text", "raw_html", "tokens"] {
                assert!(map.remove(key).is_some(), "{key} was serialised");
            }
        }
        let ours: serde_json::Value =
            serde_json::from_str(&super::annotations_json(&doc).expect("json")).expect("parse");
        assert_eq!(ours, full);
        assert!(
            ours.get("tokens").is_none()
                && ours.get("text").is_none()
                && ours.get("raw_html").is_none()
        );
    }
}
