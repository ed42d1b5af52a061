//! A realistic ledger for benchmarks: the BBC News 2225 articles (`../shared/eval/bbc-news`, beside
//! the repository) run through the real ingest and pipeline, repeated with small variations (an
//! edition line, a publication date, an outlet) until the store holds N documents. Built once and
//! cached under `/tmp/corroborate-server-bench/` (never in the repository); rebuilt when the
//! cached file does not hold N documents.
#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;

use document::{Document, NaiveDate};
use store::{Put, Store};

const OUTLETS: [&str; 6] = [
    "Harbor Post",
    "Valley Times",
    "Northern Ledger",
    "Coastal Wire",
    "Metro Brief",
    "River Gazette",
];

/// The corpus file, when the shared evaluation data is beside the repository.
pub fn corpus() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/bbc-news/bbc-2225.jsonl.gz");
    path.exists().then_some(path)
}

fn articles(path: &PathBuf) -> Vec<(String, String, String)> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_string(),
                v["title"].as_str()?.to_string(),
                v["text"].as_str()?.to_string(),
            ))
        })
        .collect()
}

/// Article `i` of the repeated corpus: copy `i / len` of article `i % len`.
fn variant(i: usize, articles: &[(String, String, String)]) -> Option<Document> {
    let (id, title, body) = &articles[i % articles.len()];
    let copy = i / articles.len();
    let text = if copy == 0 {
        format!("{title}\n\n{body}\n")
    } else {
        format!("{title}\n\nEdition {copy}.\n\n{body}\n")
    };
    let source = format!("bbc/{id}-{copy}.txt");
    let mut doc = ingest::read_document(&source, text.as_bytes()).ok()?;
    doc.meta.outlet = Some(OUTLETS[(i / 7) % OUTLETS.len()].to_string());
    doc.meta.published = NaiveDate::from_ymd_opt(2004, 6, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new((i % 365) as u64)));
    pipeline::analyse(&mut doc).ok()?;
    Some(doc)
}

/// A store of `n` BBC-derived documents, or `None` without the corpus.
pub fn store(n: usize) -> Option<Store> {
    let corpus = corpus()?;
    let dir = PathBuf::from("/tmp/corroborate-server-bench");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("bbc-{n}.db"));
    if let Ok(store) = Store::open_existing(&path) {
        if store.count_documents().ok() == Some(n) {
            return Some(store);
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let articles = articles(&corpus);
    assert!(!articles.is_empty(), "{}: no articles", corpus.display());
    let store = Store::open(&path).expect("bench store");
    let started = std::time::Instant::now();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    // Workers analyse articles i ≡ w (mod workers); the writer stores them until it has n.
    // Exact duplicates in the corpus are stored once, so the workers run on past n.
    let (tx, rx) = mpsc::sync_channel::<Document>(64);
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for w in 0..workers {
            let tx = tx.clone();
            let (articles, done) = (&articles, &done);
            scope.spawn(move || {
                let mut i = w;
                while !done.load(std::sync::atomic::Ordering::Relaxed) && i < n * 2 {
                    if let Some(doc) = variant(i, articles) {
                        if tx.send(doc).is_err() {
                            break;
                        }
                    }
                    i += workers;
                }
            });
        }
        drop(tx);
        let mut stored = 0;
        for doc in rx {
            if stored == n {
                done.store(true, std::sync::atomic::Ordering::Relaxed);
                continue;
            }
            if let Ok(Put::Inserted) = store.put_document(&doc) {
                stored += 1;
                if stored % 1000 == 0 {
                    eprintln!("  {stored} documents stored ({:.0?})", started.elapsed());
                }
            }
        }
    });
    let stats = store.stats().expect("stats");
    eprintln!(
        "built {} in {:.1?}: {} documents, {} claims, {} quotes, {} entities",
        path.display(),
        started.elapsed(),
        stats.documents,
        stats.claims,
        stats.quotes,
        stats.entities
    );
    Some(store)
}
