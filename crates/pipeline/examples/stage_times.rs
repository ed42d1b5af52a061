//! Time per stage over a JSONL(.gz) corpus of {"title", "text"} records, e.g. the BBC set:
//! `cargo run --release -p pipeline --example stage_times ../shared/eval/bbc-news/bbc-2225.jsonl.gz`
//!
//! Each stage runs over every document before the next one starts, and is timed by the CPU time of this
//! thread (`/proc/thread-self/schedstat`, nanoseconds; wall-clock time where that file is missing), so
//! other processes on a shared machine do not count against it. It prints MB of article text per
//! CPU-second for each stage, for the claim path (segment + numbers + claims: what claim extraction costs
//! when entities come from elsewhere), for the claim path with entities (everything the claims stage
//! reads), and for all stages. The best of `--passes N` passes (default 3) is reported for each stage.
use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use document::Document;

/// CPU time of this thread in seconds, or wall-clock time since `start` when the kernel does not say.
fn cpu_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<f64>().ok())
        })
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| start.elapsed().as_secs_f64())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: stage_times FILE.jsonl[.gz] [--passes N]");
    let passes: usize = match (args.next().as_deref(), args.next()) {
        (Some("--passes"), Some(n)) => n.parse().expect("--passes takes a number"),
        _ => 3,
    };
    let file = std::fs::File::open(&path).expect("open corpus");
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut originals = Vec::new();
    for line in BufReader::new(reader).lines() {
        let line = line.expect("read line");
        let value: serde_json::Value = serde_json::from_str(&line).expect("json line");
        let title = value["title"].as_str().unwrap_or("");
        let text = value["text"].as_str().unwrap_or("");
        originals.push(Document::from_text("bench", format!("{title}\n\n{text}")));
    }
    let bytes: usize = originals.iter().map(|d| d.text().len()).sum();
    let mb = bytes as f64 / 1e6;
    let stages = pipeline::stages();
    let clock = Instant::now();
    let mut best = vec![f64::INFINITY; stages.len()];
    let mut wall = vec![f64::INFINITY; stages.len()];
    for _ in 0..passes.max(1) {
        let mut docs = originals.clone();
        for (i, stage) in stages.iter().enumerate() {
            let (c0, w0) = (cpu_seconds(clock), Instant::now());
            for doc in &mut docs {
                stage.run(doc);
            }
            best[i] = best[i].min(cpu_seconds(clock) - c0);
            wall[i] = wall[i].min(w0.elapsed().as_secs_f64());
        }
    }
    println!("{} documents, {mb:.2} MB; best of {passes} passes; MB per CPU-second (wall-clock in brackets)", originals.len());
    for (i, stage) in stages.iter().enumerate() {
        println!(
            "{:10} {:8.3} s  {:8.1} MB/s   ({:.1} MB/s wall)",
            stage.name(),
            best[i],
            mb / best[i],
            mb / wall[i]
        );
    }
    let sum = |names: &[&str]| -> f64 {
        stages
            .iter()
            .zip(&best)
            .filter(|(s, _)| names.is_empty() || names.contains(&s.name()))
            .map(|(_, t)| t)
            .sum()
    };
    let path_only = sum(&["segment", "numbers", "claims"]);
    let with_entities = sum(&["segment", "numbers", "entities", "claims"]);
    let all = sum(&[]);
    println!(
        "claim path (segment + numbers + claims): {path_only:.3} s, {:.2} MB/s per core",
        mb / path_only
    );
    println!(
        "claim path with entities:                {with_entities:.3} s, {:.2} MB/s per core",
        mb / with_entities
    );
    println!(
        "all stages:                              {all:.3} s, {:.2} MB/s per core",
        mb / all
    );
}
