//! `corroborate eval dates PATH`: publication dates of HTML pages on the htmldate evaluation set
//! (`PATH/gold.jsonl`: `file`, `url`, `date` or null; pages gzipped under `PATH/pages/`).
//!
//! Each page goes through `ingest::read_document_with` with the gold key's URL as the page URL
//! (the way htmldate's own evaluation passes it), and `meta.published` is compared with the
//! gold day. Scoring follows upstream: the same date is a true positive, a different date a
//! false positive, no date a true negative when the gold is null and a false negative
//! otherwise. The headline is exact-day accuracy, (TP + TN) / pages. `EVAL_VERBOSE=1` prints
//! each miss with the gold date, ours and whether ours was read from the visible text (it has a
//! `published_span`) or from markup or the URL.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::EvalError;

pub fn run(path: &Path) -> Result<(), EvalError> {
    let gold_path = path.join("gold.jsonl");
    let raw = std::fs::read_to_string(&gold_path).map_err(|e| EvalError::Io {
        path: gold_path.display().to_string(),
        source: e,
    })?;
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    let mut by_set: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut html_bytes = 0usize;
    let mut elapsed = Duration::ZERO;
    let cpu_start = crate::extraction::cpu_seconds();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| EvalError::Data {
            path: format!("{}:{}", gold_path.display(), n + 1),
            reason,
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let file = v
            .get("file")
            .and_then(|x| x.as_str())
            .ok_or_else(|| bad("no file".into()))?;
        let url = v.get("url").and_then(|x| x.as_str()).map(str::to_string);
        let gold = v.get("date").and_then(|x| x.as_str()).map(str::to_string);
        let set = v
            .get("set")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        let page = path.join(file);
        let bytes = std::fs::read(&page).map_err(|e| EvalError::Io {
            path: page.display().to_string(),
            source: e,
        })?;
        let opts = ingest::ReadOptions { url: url.clone() };
        let started = Instant::now();
        let doc = ingest::read_document_with(&page.display().to_string(), &bytes, &opts);
        elapsed += started.elapsed();
        html_bytes += doc
            .as_ref()
            .ok()
            .and_then(|d| d.raw_html.as_ref())
            .map_or(0, String::len);
        let got = match &doc {
            Ok(d) => d.meta.published.map(|d| d.to_string()),
            Err(e) => {
                eprintln!("{e}");
                None
            }
        };
        let right = match (&got, &gold) {
            (Some(g), Some(t)) if g == t => {
                tp += 1;
                true
            }
            (Some(_), _) => {
                fp += 1;
                false
            }
            (None, None) => {
                tn += 1;
                true
            }
            (None, Some(_)) => {
                fn_ += 1;
                false
            }
        };
        let e = by_set.entry(set).or_default();
        e.0 += usize::from(right);
        e.1 += 1;
        if verbose && !right {
            // Where the date came from, as far as the document says: visible text has a span.
            let from = match doc
                .as_ref()
                .ok()
                .map(|d| (d.meta.published.is_some(), d.meta.published_span.is_some()))
            {
                Some((true, true)) => "text",
                Some((true, false)) => "markup/url",
                _ => "-",
            };
            println!(
                "wrong: {file}  gold {}  got {} ({from})  {}",
                gold.as_deref().unwrap_or("null"),
                got.as_deref().unwrap_or("none"),
                url.as_deref().unwrap_or("")
            );
        }
    }
    let cpu = cpu_start
        .zip(crate::extraction::cpu_seconds())
        .map(|(a, b)| b - a);
    let total = tp + fp + tn + fn_;
    for (set, (right, n)) in &by_set {
        println!(
            "set {set}: {right}/{n} = {:.3}",
            *right as f64 / (*n).max(1) as f64
        );
    }
    println!("TP {tp}  FP {fp}  TN {tn}  FN {fn_}  (pages {total})");
    let mb = html_bytes as f64 / 1e6;
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!(
        "HTML {mb:.1} MB in {secs:.2} s wall: {:.1} MB/s (full ingest: extraction and metadata)",
        mb / secs
    );
    if let Some(cpu) = cpu {
        println!(
            "process CPU {cpu:.2} s: {:.1} MB/s per core",
            mb / cpu.max(1e-9)
        );
    }
    println!("accuracy {:.3}", (tp + tn) as f64 / total.max(1) as f64);
    Ok(())
}
