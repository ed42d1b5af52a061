//! The corroborate store: annotated documents in SQLite, with the tables the exports, the report
//! and the server read.
//!
//! One SQLite file (WAL mode, so readers do not wait for the writer) holds each document row with
//! its text, raw HTML and the full annotated [`Document`] as JSON (for reloading), plus
//! normalised tables for boilerplate, cites, claims, quotes and entity mentions, cross-document
//! entities merged incrementally with `reconcile::entities`, an FTS5 index over title and
//! text, and MinHash signatures that mark near-duplicate documents (`near_duplicate_of`). The schema is versioned (`PRAGMA user_version` + an ordered list of migrations).
//! Each document is written in one transaction, so an interrupted ingest leaves every document
//! either fully stored or absent; the content hash (`sha256 UNIQUE`) makes storing the same
//! input twice a no-op. A batch ingest adds its documents to the full-text index a batch at a
//! time, after their own commits ([`Store::set_search_index_batch`]); what a killed ingest left
//! unindexed is indexed when the store is next opened.
//!
//! It does no analysis (that is `pipeline`), no file walking (that is the binary) and no
//! cross-document grouping of claims yet. PostgreSQL is not built in.

mod error;
mod neardup;
mod read;
mod records;
mod schema;
mod server_queries;
mod write;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use error::{Result, StoreError};
pub use records::*;
pub use schema::SCHEMA_VERSION;
pub use server_queries::{EntityDocument, MentionLink};
pub use write::PreparedDocument;

/// How many idle read connections a file store keeps.
const MAX_IDLE_READERS: usize = 8;

/// A handle on a store. Cheap to clone and safe to share between threads: writes go through
/// one connection (SQLite has a single writer), reads through a small pool of connections
/// (WAL lets them run while a write is under way).
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    /// `None` for an in-memory store, whose one connection serves reads too.
    path: Option<String>,
    writer: Mutex<Connection>,
    /// Taken only while holding `writer`.
    known: Mutex<write::KnownCache>,
    readers: Mutex<Vec<Connection>>,
    /// How many documents are indexed for full-text search together (1: each with its own
    /// transaction). See [`Store::set_search_index_batch`].
    search_batch: AtomicUsize,
}

impl Drop for Inner {
    /// Indexes what a batch ingest left pending, so the store is searchable once the last
    /// handle is gone. Failing here leaves them for the next writer to open the store.
    fn drop(&mut self) {
        let conn = self.writer.get_mut().unwrap_or_else(|p| p.into_inner());
        let cache = self.known.get_mut().unwrap_or_else(|p| p.into_inner());
        if cache.unindexed > 0 {
            let _ = write::flush_pending(conn, cache);
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.inner.path)
            .finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it if needed and bringing its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path_str = path.as_ref().display().to_string();
        if path_str.starts_with("postgres://") || path_str.starts_with("postgresql://") {
            return Err(StoreError::Open {
                path: path_str,
                source: rusqlite::Error::InvalidPath(
                    "PostgreSQL is not built into this corroborate".into(),
                ),
            });
        }
        let open_err = |source| StoreError::Open {
            path: path_str.clone(),
            source,
        };
        let mut conn = Connection::open(path.as_ref()).map_err(open_err)?;
        configure(&conn, true).map_err(open_err)?;
        schema::migrate(&mut conn, &path_str)?;
        tune_fts(&conn).map_err(open_err)?;
        // The writer's page cache is smaller than the readers': at every commit SQLite walks
        // the whole cache's hash table (pcache1TruncateUnsafe, 3% of a store-only BBC bench at
        // 32 MB), while the pages a document's writes touch are few. 8 MB stored the BBC bench
        // with less writer CPU than 32 MB, both without and with analysis.
        conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)
            .map_err(open_err)?;
        stable_plans(&conn).map_err(open_err)?;
        let store = Store::from_connection(Some(path_str), conn);
        // Documents an interrupted batch ingest stored but did not index yet.
        store.flush_search_index()?;
        Ok(store)
    }

    /// Opens a store that must already exist (for export, report and serve).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path_ref = path.as_ref();
        if !path_ref.is_file() {
            return Err(StoreError::Missing {
                path: path_ref.display().to_string(),
            });
        }
        Store::open(path_ref)
    }

    /// A fresh store in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: ":memory:".into(),
            source,
        };
        let mut conn = Connection::open_in_memory().map_err(open_err)?;
        configure(&conn, false).map_err(open_err)?;
        schema::migrate(&mut conn, ":memory:")?;
        tune_fts(&conn).map_err(open_err)?;
        stable_plans(&conn).map_err(open_err)?;
        Ok(Store::from_connection(None, conn))
    }

    fn from_connection(path: Option<String>, conn: Connection) -> Store {
        Store {
            inner: Arc::new(Inner {
                path,
                writer: Mutex::new(conn),
                known: Mutex::default(),
                readers: Mutex::new(Vec::new()),
                search_batch: AtomicUsize::new(1),
            }),
        }
    }

    /// Makes the following stores index documents for full-text search `batch` at a time, each
    /// batch in a transaction of its own after its documents' own (1, the default: each document
    /// in its own transaction). A batch ingest sets it: one full-text segment per document was
    /// most of the cost of storing one. A document is then found by [`Store::search`] in this
    /// process at once (a search indexes the pending ones first), by other processes once its
    /// batch is indexed: after `batch` documents, a second, [`Store::flush_search_index`] or
    /// the last handle on the store being dropped. A document stored but not indexed when the
    /// process dies is indexed by the next process that opens the store.
    pub fn set_search_index_batch(&self, batch: usize) {
        self.inner
            .search_batch
            .store(batch.max(1), Ordering::Relaxed);
    }

    /// Indexes for full-text search the stored documents that are not yet.
    pub fn flush_search_index(&self) -> Result<()> {
        let mut conn = self.writer();
        let mut cache = self.inner.known.lock().unwrap_or_else(|p| p.into_inner());
        write::flush_pending(&mut conn, &mut cache)
    }

    /// Whether this handle stored documents that are not in the full-text index yet.
    fn has_unindexed(&self) -> bool {
        let _writer = self.writer();
        self.inner
            .known
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .unindexed
            > 0
    }

    /// The file this store lives in (`None` in memory).
    pub fn path(&self) -> Option<&str> {
        self.inner.path.as_deref()
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written document: the open
        // transaction rolls back when it is dropped. So a poisoned lock is safe to reuse.
        self.inner
            .writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on a read connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let Some(path) = &self.inner.path else {
            return f(&self.writer());
        };
        let pooled = self
            .inner
            .readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI;
                let open_err = |source| StoreError::Open {
                    path: path.clone(),
                    source,
                };
                let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
                configure(&conn, false).map_err(open_err)?;
                conn
            }
        };
        let result = f(&conn);
        let mut idle = self.inner.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        result
    }
}

/// The writer connection's `cache_size` (negative: in KiB).
const WRITER_CACHE_KIB: i64 = -8_192;

/// FTS5 merges this many segments of a level into one (its default is 4). Each document is its
/// own transaction, so each adds a small segment; merging 8 at a time rewrites each entry fewer
/// times (the merges were a tenth of the writer's time on the store-only BBC bench). Queries
/// read at most a few more segments, and results do not depend on the segments.
const FTS_AUTOMERGE: i64 = 8;

/// Sets the full-text index's merge policy. It is kept in the index's config table, so it is
/// written only when it differs (once per store).
fn tune_fts(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::OptionalExtension;
    let current: Option<i64> = conn
        .query_row(
            "SELECT v FROM documents_fts_config WHERE k = 'automerge'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if current != Some(FTS_AUTOMERGE) {
        conn.execute(
            "INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', ?1)",
            [FTS_AUTOMERGE],
        )?;
    }
    Ok(())
}

/// Makes the writer's statements keep their plans whatever values are bound to them (SQLite's
/// query planner stability guarantee). Without it SQLite re-prepares a statement at each new
/// binding of a parameter it could have planned with: a `LIMIT ?` or a parameter compared in a
/// join, as in the writer's entity-key and near-duplicate lookups (3% of the writer's time in the
/// full BBC bench). The writer's plans are all index lookups that no value would change.
fn stable_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// Connection settings. WAL with `synchronous=NORMAL` is crash-safe for a killed process (a
/// committed transaction survives; an uncommitted one vanishes); only a power cut may lose the
/// last few commits.
fn configure(conn: &Connection, wal: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(30))?;
    // Storing a document runs about twenty distinct statements; rusqlite's default cache of 16
    // evicted some for every document, so they were parsed again each time (perf, BBC bench).
    conn.set_prepared_statement_cache_capacity(64);
    if wal {
        // This is also the first statement that reads the file, so a file that is not a SQLite
        // database fails here, as an open error.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        // Each document is its own commit, and each commit appends the pages it touched (the
        // indexes' and the full-text index's hot pages, mostly) to the WAL. Checkpointing less
        // often copies those hot pages back to the database file fewer times.
        conn.pragma_update(None, "wal_autocheckpoint", 8000)?;
    }
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
mod tests;
