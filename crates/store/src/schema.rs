//! The schema as an ordered list of migrations. `PRAGMA user_version` holds how many have run;
//! opening a store runs the missing ones, each in its own transaction. Never edit a migration
//! that has shipped: append a new one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

/// Migration `i` takes the store from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, their annotation tables, cross-document entities and the full-text index.
    r#"
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        title TEXT,
        author TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        url TEXT,
        syndicated_from TEXT,
        near_duplicate_of TEXT,
        text TEXT NOT NULL,
        text_bytes INTEGER NOT NULL,
        raw_html TEXT,
        -- The whole annotated Document as JSON, minus `text` and `raw_html` (kept above).
        annotations TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE TABLE boilerplate (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX boilerplate_document ON boilerplate(document);

    CREATE TABLE cites (
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        url TEXT,
        start_byte INTEGER,
        end_byte INTEGER,
        syndication INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX cites_document ON cites(document);

    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]'
    );

    CREATE TABLE entity_keys (
        key TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
    ) WITHOUT ROWID;

    CREATE TABLE mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_document ON mentions(document);

    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL,
        text TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        hedge TEXT NOT NULL,
        measure TEXT NOT NULL,
        counted TEXT,
        subject TEXT,
        attributed_name TEXT,
        attributed_start INTEGER,
        attributed_end INTEGER,
        as_of TEXT
    );
    CREATE INDEX claims_document ON claims(document);
    CREATE INDEX claims_measure ON claims(measure);

    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_byte INTEGER NOT NULL,
        end_byte INTEGER NOT NULL,
        text TEXT NOT NULL,
        -- reconcile::quotes::quote_key: equal for the same words printed by several outlets.
        key TEXT NOT NULL,
        speaker_name TEXT,
        speaker_entity INTEGER REFERENCES entities(id),
        speaker_start INTEGER,
        speaker_end INTEGER,
        cue TEXT
    );
    CREATE INDEX quotes_document ON quotes(document);
    CREATE INDEX quotes_key ON quotes(key);
    CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);

    -- External-content index: the text lives once, in `documents`.
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
    );
    "#,
    // 2: near-duplicate detection (see neardup.rs): each document's MinHash signature, and its
    // LSH band keys for finding candidates. Documents stored before this migration have none.
    // The bands carry no foreign key (a deleted document's bands find no signature and are
    // ignored), so inserting them checks nothing more.
    r#"
    CREATE TABLE minhash (
        document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE minhash_bands (
        band_key INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (band_key, document)
    ) WITHOUT ROWID;
    "#,
    // 3: indexes for the server's entity pages (server_queries.rs): quotes by speaker entity,
    // and claims by the lower-cased subject and source name (an entity's names are matched
    // case-insensitively). Without them each entity page scans every quote and every claim.
    r#"
    CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);
    CREATE INDEX claims_subject_lower ON claims(lower(subject));
    CREATE INDEX claims_attributed_lower ON claims(lower(attributed_name));
    "#,
    // 4: what each document calls an entity and which type it gives it, one vote per document,
    // so the entity goes by the name and type most documents use (reconcile::naming), not by
    // the longest form one tagger slip produced. Entities stored before have their current name
    // and type as one vote each.
    r#"
    CREATE TABLE entity_votes (
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('name', 'type')),
        value TEXT NOT NULL,
        votes INTEGER NOT NULL,
        PRIMARY KEY (entity_id, kind, value)
    ) WITHOUT ROWID;
    INSERT INTO entity_votes (entity_id, kind, value, votes) SELECT id, 'name', name, 1 FROM entities;
    INSERT INTO entity_votes (entity_id, kind, value, votes) SELECT id, 'type', type, 1 FROM entities;
    "#,
    // 5: MinHash signatures keyed by the document's `seq` instead of its text id, and no LSH band
    // table: the writer keeps the band keys in memory (neardup::LshIndex), built from these
    // signatures. The band rows had random keys, so each document's insert touched one B-tree
    // leaf per band, and the signatures' text keys one more: 14 of the 29 pages (WAL frames)
    // a store-only document wrote. Rows keyed by `seq` are appended.
    r#"
    CREATE TABLE near_signatures (
        seq INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
        signature BLOB NOT NULL
    );
    INSERT INTO near_signatures (seq, signature)
        SELECT d.seq, m.signature FROM minhash m JOIN documents d ON d.id = m.document ORDER BY d.seq;
    DROP TABLE minhash_bands;
    DROP TABLE minhash;
    "#,
    // 6: how far the full-text index has got: every document with `seq` up to `indexed_upto` is
    // in `documents_fts`, none above it. A batch ingest stores each document in its own
    // transaction and indexes the new ones together every few dozen documents (one FTS5
    // segment per batch instead of one per document, the costliest part of a commit); the
    // next writer indexes what an interrupted ingest left (write::index_pending). Every stored
    // document is indexed at this migration.
    r#"
    CREATE TABLE search_progress (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_upto INTEGER NOT NULL
    );
    INSERT INTO search_progress (id, indexed_upto) VALUES (1, coalesce((SELECT max(seq) FROM documents), 0));
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Runs the migrations the store has not had yet. Each runs in an IMMEDIATE transaction that
/// re-reads the version, so two processes opening a new store at once do not both migrate it.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    loop {
        let open_err = |source| StoreError::Open {
            path: path.to_string(),
            source,
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(open_err)?;
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let version = found.max(0) as usize + 1;
        let err = |source| StoreError::Migrate {
            path: path.to_string(),
            version,
            source,
        };
        tx.execute_batch(MIGRATIONS[version - 1]).map_err(err)?;
        tx.pragma_update(None, "user_version", version as i64)
            .map_err(err)?;
        tx.commit().map_err(err)?;
    }
}
