//! Development helper: the entity mentions and entities of every document of a JSONL(.gz) corpus
//! of {"title", "text"} records (segment + entities stages), one line per mention: a regression
//! check for speed work on the entities stage (the output must not change), and its CPU time.
//! `cargo run --release -p entities --example entities_dump ../shared/eval/bbc-news/bbc-2225.jsonl.gz > out.txt`
use std::io::{BufRead, BufReader, Read, Write};

use document::{Document, Stage};

fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rfind(')').map_or("", |i| &stat[i + 2..]);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: entities_dump FILE.jsonl[.gz] [REPEATS]");
        std::process::exit(2);
    };
    let repeats: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut docs = Vec::new();
    for line in BufReader::new(reader).lines().map_while(Result::ok) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let title = value["title"].as_str().unwrap_or("");
        let text = value["text"].as_str().unwrap_or("");
        let mut doc = Document::from_text("dump", format!("{title}\n\n{text}"));
        segment::Segmenter.run(&mut doc);
        docs.push(doc);
    }
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    // Load the model and lexicons before timing.
    let mut warm = docs.first().cloned();
    if let Some(d) = warm.as_mut() {
        entities::EntitiesStage.run(d);
    }
    let mut best = f64::INFINITY;
    let mut done = docs.clone();
    for _ in 0..repeats.max(1) {
        done = docs.clone();
        let c0 = cpu();
        for d in &mut done {
            entities::EntitiesStage.run(d);
        }
        best = best.min(cpu() - c0);
    }
    eprintln!(
        "entities stage: {} documents, {:.2} MB, {best:.3} CPU-s, {:.2} MB per CPU-second",
        done.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best.max(1e-9)
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (k, d) in done.iter().enumerate() {
        for m in &d.entity_mentions {
            let _ = writeln!(
                out,
                "{k} {}..{} {:?} {:?} {}",
                m.span.start(),
                m.span.end(),
                m.label,
                m.entity,
                d.text_of(m.span)
            );
        }
        for (i, e) in d.entities.iter().enumerate() {
            let _ = writeln!(
                out,
                "{k} E{i} {:?} {} {:?} {:?}",
                e.label, e.name, e.aliases, e.roles
            );
        }
    }
}
