//! Re-stores every document of one store into a new one, in the order they were stored, and
//! prints the time the writer took: a check that a change to the write path keeps the same
//! entity merges (compare the two stores' `entities` and `mentions` tables), and a measure of
//! the writer alone.
//!
//! `cargo run --release -p store --example restore -- FROM.db TO.db`

use std::time::Instant;

mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        return Err("usage: restore FROM.db TO.db".into());
    };
    let docs = common::stored_documents(from)?;
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let target = store::Store::open(to)?;
    let started = Instant::now();
    for doc in &docs {
        target.put_document(doc)?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} documents, {:.2} MB of text re-stored in {secs:.2} s ({:.2} MB/s)",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
