//! Counts the WAL frames (pages written) per stored document and which table or index each
//! page belongs to: the measure behind the writer's commit cost. Re-stores the documents of one
//! store into a new one (as `restore` does) while another connection holds a read snapshot, so
//! no checkpoint empties the WAL, then maps each frame's page to its B-tree with `dbstat`.
//!
//! `cargo run --release -p store --example walframes -- FROM.db TO.db [--strip] [--batch N]`
//! (`--strip` drops the analysis layers first, to measure a store-only ingest; `--batch N`
//! indexes for full-text search N documents at a time, as `corroborate ingest` does).

use std::collections::HashMap;
use std::time::Instant;

mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strip = args.iter().any(|a| a == "--strip");
    let batch: usize = match args.iter().position(|a| a == "--batch") {
        Some(i) => args.get(i + 1).ok_or("--batch needs a number")?.parse()?,
        None => 1,
    };
    let paths: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--batch"))
        .map(|(_, a)| a)
        .collect();
    let [from, to] = paths.as_slice() else {
        return Err("usage: walframes FROM.db TO.db [--strip]".into());
    };
    let mut docs = Vec::new();
    for mut doc in common::stored_documents(from)? {
        if strip {
            doc.sentences.clear();
            doc.tokens.clear();
            doc.entity_mentions.clear();
            doc.entities.clear();
            doc.quantities.clear();
            doc.dates.clear();
            doc.claims.clear();
            doc.quotes.clear();
        }
        docs.push(store::PreparedDocument::new(doc)?);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{to}{suffix}"));
    }
    let target = store::Store::open(to.as_str())?;
    target.set_search_index_batch(batch);
    let reader = rusqlite::Connection::open(to.as_str())?;
    reader.execute_batch("BEGIN")?;
    let _: i64 = reader.query_row("SELECT count(*) FROM documents", [], |row| row.get(0))?;
    let wal = format!("{to}-wal");
    let before = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    for doc in &docs {
        target.put_prepared(doc)?;
    }
    target.flush_search_index()?;
    let secs = started.elapsed().as_secs_f64();
    let after = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let page_size: u64 = reader
        .query_row("PRAGMA page_size", [], |row| row.get::<_, i64>(0))?
        .try_into()?;
    let frames = (after - before) / (page_size + 24);
    println!(
        "{} documents in {secs:.2} s; {frames} WAL frames of {page_size} bytes: {:.1} per document",
        docs.len(),
        frames as f64 / docs.len().max(1) as f64
    );
    reader.execute_batch("COMMIT")?;
    // Which B-tree each written page belongs to (the final layout: a page moved between trees
    // counts for its last owner).
    let wal_bytes = std::fs::read(&wal)?;
    let mut pages: HashMap<u32, usize> = HashMap::new();
    let mut offset = 32usize;
    let frame = page_size as usize + 24;
    while offset + frame <= wal_bytes.len() {
        let page = u32::from_be_bytes([
            wal_bytes[offset],
            wal_bytes[offset + 1],
            wal_bytes[offset + 2],
            wal_bytes[offset + 3],
        ]);
        *pages.entry(page).or_default() += 1;
        offset += frame;
    }
    drop(target);
    let conn = rusqlite::Connection::open(to.as_str())?;
    let mut owner: HashMap<u32, String> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT name, pageno FROM dbstat")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
        })?;
        for row in rows {
            let (name, page) = row?;
            owner.insert(page, name);
        }
    }
    let mut by_tree: HashMap<String, usize> = HashMap::new();
    for (page, n) in pages {
        let name = owner
            .get(&page)
            .cloned()
            .unwrap_or_else(|| "(free or header)".into());
        *by_tree.entry(name).or_default() += n;
    }
    let mut by_tree: Vec<_> = by_tree.into_iter().collect();
    by_tree.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    for (name, n) in by_tree {
        println!(
            "  {:>7.2} per document  {name}",
            n as f64 / docs.len().max(1) as f64
        );
    }
    Ok(())
}
