//! Claim extraction throughput on the BBC News corpus (`../shared/eval/bbc-news/bbc-2225.jsonl.gz`):
//! the pipeline minus ingest (segment → numbers → entities → claims → quotes) and the claims stage alone.
//! Divan prints bytes per second of article text. Without the shared folder the benches print a note and
//! measure nothing.
//!
//! Run: `cargo bench -p claims`.

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use document::Document;

fn main() {
    per_cpu_second();
    divan::main();
}

/// The machine is shared, so wall-clock MB/s understates a core's speed: also print MB per CPU-second
/// (user + system time of this process, one thread) for one pass of the claims stage and of the pipeline.
fn per_cpu_second() {
    let texts = corpus();
    if texts.is_empty() {
        return;
    }
    let mb = bytes() as f64 / 1e6;
    let Some(t0) = cpu_seconds() else { return };
    let mut docs = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let mut doc = Document::from_text(format!("bbc/{i}"), t.clone());
        if pipeline::analyse(&mut doc).is_ok() {
            doc.claims.clear();
            docs.push(doc);
        }
    }
    let Some(t1) = cpu_seconds() else { return };
    let mut n = 0;
    for doc in &docs {
        n += claims::extract(doc).len();
    }
    let Some(t2) = cpu_seconds() else { return };
    eprintln!("bbc-news: {mb:.2} MB, {} documents, {n} claims", docs.len());
    eprintln!(
        "pipeline minus ingest: {:.2} MB per CPU-second ({:.2} s)",
        mb / (t1 - t0).max(1e-9),
        t1 - t0
    );
    eprintln!(
        "claims stage alone:    {:.2} MB per CPU-second ({:.2} s)",
        mb / (t2 - t1).max(1e-9),
        t2 - t1
    );
}

fn corpus() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval/bbc-news/bbc-2225.jsonl.gz");
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("note: {} not found; nothing to measure", path.display());
            return Vec::new();
        };
        let mut raw = String::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_string(&mut raw)
            .is_err()
        {
            eprintln!("note: {} is not gzipped JSONL", path.display());
            return Vec::new();
        }
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect()
    })
}

fn bytes() -> usize {
    corpus().iter().map(String::len).sum()
}

/// Segment, numbers, entities, claims and quotes over every article.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn pipeline_minus_ingest(bencher: Bencher) {
    let texts = corpus();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut claims = 0;
        for (i, t) in texts.iter().enumerate() {
            let mut doc = Document::from_text(format!("bbc/{i}"), t.clone());
            if pipeline::analyse(&mut doc).is_ok() {
                claims += doc.claims.len();
            }
        }
        divan::black_box(claims)
    });
}

/// The claims stage alone, on documents whose earlier layers are already filled.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn claims_stage(bencher: Bencher) {
    let docs: Vec<Document> = corpus()
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let mut doc = Document::from_text(format!("bbc/{i}"), t.clone());
            pipeline::analyse(&mut doc).ok()?;
            doc.claims.clear();
            Some(doc)
        })
        .collect();
    bencher.counter(BytesCount::new(bytes())).bench(|| {
        let mut claims = 0;
        for doc in &docs {
            claims += claims::extract(doc).len();
        }
        divan::black_box(claims)
    });
}

/// Process CPU time (user + system) in seconds, from /proc/self/stat; `None` elsewhere.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
