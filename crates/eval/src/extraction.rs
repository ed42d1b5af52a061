//! `corroborate eval extraction PATH`: HTML main-text extraction on the Zyte article-extraction
//! benchmark (`PATH/dev.txt`, `PATH/ground-truth.json`, `PATH/html/<id>.html.gz`).
//!
//! Each page goes through `ingest::read_document_with` as the CLI would read it (gzip, charset,
//! extraction), and the document text is scored against `articleBody` with the benchmark's own
//! metric: `\w+` tokens, 4-gram shingle multisets, per-document precision and recall averaged
//! over documents (pages with no predicted shingles are left out of precision, pages with no
//! true shingles out of recall), F1 = 2PR/(P+R) of the two means.
//!
//! `EVAL_VERBOSE=1` prints every page's precision, recall and F1; `EVAL_DUMP=DIR` writes each
//! page's predicted and true text to `DIR/<id>.pred.txt` and `DIR/<id>.true.txt`.
//!
//! Throughput is printed as wall time and as process CPU time (the machine may be shared).

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::EvalError;

/// Shingle counts of the benchmark metric for one document.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

/// `\w+` tokens (letters, digits, marks and underscore), as Python's `re` finds them.
pub fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut m = HashMap::new();
    for w in toks.windows(4) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// The benchmark's shingle matching between a true and a predicted body.
pub fn shingle_counts(truth: &str, pred: &str) -> Counts {
    let t_toks = tokens(truth);
    let p_toks = tokens(pred);
    let t = shingles(&t_toks);
    let p = shingles(&p_toks);
    let mut c = Counts::default();
    for (k, &n) in &p {
        let m = t.get(k).copied().unwrap_or(0);
        c.tp += n.min(m);
        c.fp += n.saturating_sub(m);
    }
    for (k, &m) in &t {
        let n = p.get(k).copied().unwrap_or(0);
        c.fn_ += m.saturating_sub(n);
    }
    c
}

/// Mean precision, mean recall and their F1 over documents.
pub fn precision_recall_f1(counts: &[Counts]) -> (f64, f64, f64) {
    let ps: Vec<f64> = counts
        .iter()
        .filter(|c| c.tp + c.fp > 0)
        .map(|c| c.tp as f64 / (c.tp + c.fp) as f64)
        .collect();
    let rs: Vec<f64> = counts
        .iter()
        .filter(|c| c.tp + c.fn_ > 0)
        .map(|c| c.tp as f64 / (c.tp + c.fn_) as f64)
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// CPU seconds this process has used (user + system), from /proc on Linux.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    let io = |p: &Path, e: std::io::Error| EvalError::Io {
        path: p.display().to_string(),
        source: e,
    };
    let dev_path = path.join("dev.txt");
    let ids: Vec<String> = std::fs::read_to_string(&dev_path)
        .map_err(|e| io(&dev_path, e))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let gt_path = path.join("ground-truth.json");
    let gt_raw = std::fs::read_to_string(&gt_path).map_err(|e| io(&gt_path, e))?;
    let gt: HashMap<String, serde_json::Value> =
        serde_json::from_str(&gt_raw).map_err(|e| EvalError::Data {
            path: gt_path.display().to_string(),
            reason: e.to_string(),
        })?;
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    // EVAL_DUMP=DIR writes each page's predicted and true text to DIR/<id>.pred.txt and .true.txt.
    let dump = std::env::var_os("EVAL_DUMP").map(std::path::PathBuf::from);

    let mut counts = Vec::new();
    let mut per_doc = Vec::new();
    let mut html_bytes = 0usize;
    let mut elapsed = Duration::ZERO;
    let mut failures = 0;
    let cpu_start = cpu_seconds();
    for id in &ids {
        let Some(entry) = gt.get(id) else {
            return Err(EvalError::Data {
                path: gt_path.display().to_string(),
                reason: format!("no ground truth for {id}"),
            });
        };
        let truth = entry
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let url = entry
            .get("url")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let file = path.join("html").join(format!("{id}.html.gz"));
        let bytes = std::fs::read(&file).map_err(|e| io(&file, e))?;
        let opts = ingest::ReadOptions { url };
        let source = file.display().to_string();
        let started = Instant::now();
        let result = ingest::read_document_with(&source, &bytes, &opts);
        elapsed += started.elapsed();
        html_bytes += gunzipped_len(&bytes);
        let pred = match &result {
            Ok(doc) => doc.text().to_string(),
            Err(e) => {
                failures += 1;
                eprintln!("{e}");
                String::new()
            }
        };
        if let Some(dir) = &dump {
            for (suffix, body) in [("pred", pred.as_str()), ("true", truth)] {
                let out = dir.join(format!("{id}.{suffix}.txt"));
                std::fs::write(&out, body).map_err(|e| io(&out, e))?;
            }
        }
        let c = shingle_counts(truth, &pred);
        let (p, r, f) = precision_recall_f1(&[c]);
        per_doc.push((f, p, r, id.clone()));
        if verbose {
            println!("{id}  P {p:.3}  R {r:.3}  F1 {f:.3}");
        }
        counts.push(c);
    }
    let cpu = cpu_start.zip(cpu_seconds()).map(|(a, b)| b - a);
    per_doc.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("worst pages (F1, precision, recall, id):");
    for (f, p, r, id) in per_doc.iter().take(10) {
        println!("  {f:.3}  P {p:.3}  R {r:.3}  {id}");
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!("pages {}  failures {failures}", ids.len());
    let mb = html_bytes as f64 / 1e6;
    println!("HTML {mb:.1} MB in {secs:.2} s wall: {:.1} MB/s (one document at a time, ingest::read_document_with)", mb / secs);
    if let Some(cpu) = cpu {
        println!(
            "process CPU {cpu:.2} s (reading files and scoring included): {:.1} MB/s per core",
            mb / cpu.max(1e-9)
        );
    }
    let (p, r, f1) = precision_recall_f1(&counts);
    println!("precision {p:.3}  recall {r:.3}");
    println!("F1 {f1:.3}");
    Ok(())
}

fn gunzipped_len(bytes: &[u8]) -> usize {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes.len();
    }
    let mut out = Vec::new();
    match flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out) {
        Ok(n) => n,
        Err(_) => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric() {
        let c = shingle_counts("a b c d e", "a b c d e");
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        let c = shingle_counts("a b c d e f", "x a b c d y");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 2, 2));
        let (p, r, f) = precision_recall_f1(&[
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0,
            },
            Counts {
                tp: 0,
                fp: 0,
                fn_: 4,
            },
        ]);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        assert_eq!(
            tokens("Kim’s 2,700 troops_x"),
            vec!["Kim", "s", "2", "700", "troops_x"]
        );
    }
}
