//! Reads every article of a `.jsonl.gz` corpus (`{"id", "title", "text"}` per line, like
//! `../shared/eval/bbc-news/bbc-2225.jsonl.gz`) with `ingest::read_document`, as `corroborate
//! bench` builds them (title line, blank line, text), on one thread, and prints the CPU time:
//! a harness for profiling the plain-text path without the store.
//!
//! `cargo run --release -p ingest --example read_corpus -- FILE [ROUNDS]`; with `READ_CORPUS_DIGEST=1`
//! it also prints a digest of every document's JSON, to check that a change keeps the results.

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: read_corpus FILE.jsonl.gz [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let raw = match std::fs::read(&path) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut text = String::new();
    if let Err(e) = flate2::read::MultiGzDecoder::new(&raw[..]).read_to_string(&mut text) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    let mut articles = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let field = |name: &str| {
            value
                .get(name)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        articles.push((
            format!("{path}#{}", field("id")),
            format!("{}\n\n{}\n", field("title"), field("text")).into_bytes(),
        ));
    }
    let mb = articles.iter().map(|a| a.1.len()).sum::<usize>() as f64 / 1e6;
    let started = Instant::now();
    let mut ok = 0;
    for _ in 0..rounds {
        for (source, bytes) in &articles {
            if ingest::read_document(source, bytes).is_ok() {
                ok += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if std::env::var_os("READ_CORPUS_DIGEST").is_some() {
        let mut all = Vec::new();
        for (source, bytes) in &articles {
            match ingest::read_document(source, bytes) {
                Ok(doc) => all.extend(serde_json::to_vec(&doc).unwrap_or_default()),
                Err(e) => all.extend(e.to_string().into_bytes()),
            }
            all.push(b'\n');
        }
        println!("digest {}", document::content_hash(&all));
    }
    println!(
        "{} articles x {rounds} rounds ({ok} read), {mb:.2} MB each round: {secs:.3} s, {:.2} MB/s",
        articles.len(),
        mb * rounds as f64 / secs
    );
}
