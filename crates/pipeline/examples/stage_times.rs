//! CPU time per stage over a JSONL(.gz) corpus of {"title", "text"} records, e.g. the BBC set:
//! `cargo run --release -p pipeline --example stage_times ../shared/eval/bbc-news/bbc-2225.jsonl.gz`
use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use document::Document;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stage_times FILE.jsonl[.gz]");
    let file = std::fs::File::open(&path).expect("open corpus");
    let reader: Box<dyn Read> =
        if path.ends_with(".gz") { Box::new(flate2::read::GzDecoder::new(file)) } else { Box::new(file) };
    let mut docs = Vec::new();
    for line in BufReader::new(reader).lines() {
        let line = line.expect("read line");
        let value: serde_json::Value = serde_json::from_str(&line).expect("json line");
        let title = value["title"].as_str().unwrap_or("");
        let text = value["text"].as_str().unwrap_or("");
        docs.push(Document::from_text("bench", format!("{title}\n\n{text}")));
    }
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let stages = pipeline::stages();
    let mut spent = vec![Duration::ZERO; stages.len()];
    for doc in &mut docs {
        for (i, stage) in stages.iter().enumerate() {
            let t = Instant::now();
            stage.run(doc);
            spent[i] += t.elapsed();
        }
    }
    let mb = bytes as f64 / 1e6;
    let total: f64 = spent.iter().map(|d| d.as_secs_f64()).sum();
    for (stage, d) in stages.iter().zip(&spent) {
        println!("{:10} {:8.3} s  {:8.1} MB/s", stage.name(), d.as_secs_f64(), mb / d.as_secs_f64());
    }
    println!("{} documents, {:.2} MB: all stages {:.3} s, {:.2} MB/s on one core", docs.len(), mb, total, mb / total);
}
