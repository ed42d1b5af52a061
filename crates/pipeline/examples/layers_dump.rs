//! Every layer of every document of a JSONL(.gz) corpus of {"title", "text"} records, one JSON
//! document per line on stdout: a regression check for speed work (the output must not change).
//! `cargo run --release -p pipeline --example layers_dump CORPUS.jsonl.gz --entities ENT.jsonl > out.jsonl`
//!
//! With `--entities FILE`, the entities layers are read from FILE when it exists (one line per
//! document) and written to it otherwise, so the stages after entities can be compared while the
//! entities stage itself changes.
use std::io::{BufRead, BufReader, Read, Write};

use document::{Document, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: layers_dump FILE.jsonl[.gz] [--entities FILE]");
    let entities_file = match (args.next().as_deref(), args.next()) {
        (Some("--entities"), Some(f)) => Some(f),
        _ => None,
    };
    let file = std::fs::File::open(&path).expect("open corpus");
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let saved: Option<Vec<serde_json::Value>> = entities_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|s| {
            s.lines()
                .map(|l| serde_json::from_str(l).expect("entities line"))
                .collect()
        });
    let mut to_save = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.expect("read line");
        let value: serde_json::Value = serde_json::from_str(&line).expect("json line");
        let title = value["title"].as_str().unwrap_or("");
        let text = value["text"].as_str().unwrap_or("");
        let mut doc = Document::from_text("dump", format!("{title}\n\n{text}"));
        segment::Segmenter.run(&mut doc);
        numbers::NumbersStage.run(&mut doc);
        match &saved {
            Some(saved) => {
                let v = &saved[n];
                doc.entity_mentions =
                    serde_json::from_value(v["entity_mentions"].clone()).expect("mentions");
                doc.entities = serde_json::from_value(v["entities"].clone()).expect("entities");
            }
            None => {
                entities::EntitiesStage.run(&mut doc);
                to_save.push(serde_json::json!({"entity_mentions": doc.entity_mentions, "entities": doc.entities}));
            }
        }
        claims::ClaimsStage.run(&mut doc);
        quotes::QuotesStage.run(&mut doc);
        doc.validate().expect("valid document");
        serde_json::to_writer(&mut out, &doc).expect("write");
        writeln!(out).expect("write");
    }
    if let (Some(f), None) = (entities_file, saved) {
        let text: String = to_save.iter().map(|v| format!("{v}\n")).collect();
        std::fs::write(f, text).expect("write entities");
    }
}
