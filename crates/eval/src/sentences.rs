//! `corroborate eval sentences PATH`: sentence-boundary precision, recall and F1 of the
//! segmenter, and its speed in MB/s.
//!
//! Sets: our labelled set (`crates/segment/tests/data/sentences.txt`: headlines, bylines,
//! abbreviations, initials, quotes, brackets, paragraphs), and the UD sentence boundaries of
//! UNER English PUD test (news and Wikipedia) and EWT test (web text), read from
//! `PATH/uner-en/raw/*.iob2`: each `# newdoc` document is its `# text` sentences joined by one
//! space. A boundary is the byte offset where a sentence starts (the first of each paragraph is
//! not counted). EWT sentences often lack final punctuation, so joined by spaces many of its
//! boundaries cannot be seen; PUD is the headline set.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

/// One document: its text and the gold sentence start offsets (excluding paragraph starts).
struct Doc {
    text: String,
    starts: Vec<usize>,
}

fn own_set() -> Vec<Doc> {
    let data = include_str!("../../segment/tests/data/sentences.txt");
    let mut docs = Vec::new();
    for block in data.split("\n---\n") {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut para_open = false;
        for line in block.lines() {
            if line.starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                if para_open {
                    text.push_str("\n\n");
                    para_open = false;
                }
                continue;
            }
            if para_open {
                text.push(' ');
                starts.push(text.len());
            }
            text.push_str(line.trim());
            para_open = true;
        }
        if !text.is_empty() {
            docs.push(Doc { text, starts });
        }
    }
    docs
}

fn ud_set(path: &Path) -> Result<Vec<Doc>, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut docs = Vec::new();
    let mut cur: Option<Doc> = None;
    for line in raw.lines() {
        if line.starts_with("# newdoc") {
            if let Some(d) = cur.take() {
                docs.push(d);
            }
            cur = Some(Doc {
                text: String::new(),
                starts: Vec::new(),
            });
        } else if let Some(t) = line.strip_prefix("# text = ") {
            let d = cur.get_or_insert_with(|| Doc {
                text: String::new(),
                starts: Vec::new(),
            });
            if !d.text.is_empty() {
                d.text.push(' ');
                d.starts.push(d.text.len());
            }
            d.text.push_str(t.trim());
        }
    }
    docs.extend(cur);
    Ok(docs)
}

/// (true positives, predicted, gold, bytes, seconds)
fn score(docs: &[Doc]) -> (usize, usize, usize, usize, f64) {
    let (mut tp, mut pred_n, mut gold_n, mut bytes) = (0, 0, 0, 0);
    let mut secs = 0.0;
    for d in docs {
        let t0 = Instant::now();
        let (paras, sents, _) = segment::segment(&d.text);
        secs += t0.elapsed().as_secs_f64();
        bytes += d.text.len();
        let para_starts: Vec<usize> = paras.iter().map(|p| p.start()).collect();
        let pred: Vec<usize> = sents
            .iter()
            .map(|s| s.start())
            .filter(|s| !para_starts.contains(s))
            .collect();
        tp += pred.iter().filter(|p| d.starts.contains(p)).count();
        pred_n += pred.len();
        gold_n += d.starts.len();
    }
    (tp, pred_n, gold_n, bytes, secs)
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// CPU seconds this thread has used (Linux `/proc/thread-self/stat`), so speed is per core even
/// on a loaded machine; `None` elsewhere.
pub(crate) fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    let mut sets: Vec<(&str, Vec<Doc>)> = vec![("ours", own_set())];
    for (name, file) in [
        ("UD EWT test", "uner-en/raw/en_ewt-ud-test.iob2"),
        ("UD PUD test", "uner-en/raw/en_pud-ud-test.iob2"),
    ] {
        let f = path.join(file);
        if f.exists() {
            sets.push((name, ud_set(&f)?));
        } else {
            println!("{name}: {} missing, skipped", f.display());
        }
    }
    let mut headline = None;
    for (name, docs) in &sets {
        let (tp, pred, gold, _, _) = score(docs);
        let (p, r, f) = prf(tp, pred, gold);
        println!(
            "{name:12} {} docs, {gold} boundaries: P {p:.3} R {r:.3} F1 {f:.3}",
            docs.len()
        );
        if *name == "UD PUD test" || headline.is_none() {
            headline = Some((name.to_string(), f));
        }
    }
    // Speed: paragraphs + sentences + tokens over all texts, repeated to at least 20 MB.
    let all: Vec<&Doc> = sets.iter().flat_map(|s| s.1.iter()).collect();
    let total: usize = all.iter().map(|d| d.text.len()).sum();
    let reps = (20_000_000 / total.max(1)).max(1);
    let t0 = Instant::now();
    let c0 = thread_cpu_seconds();
    let mut n_tokens = 0usize;
    for _ in 0..reps {
        for d in &all {
            n_tokens += segment::segment(&d.text).2.len();
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    // CPU time when the OS reports it (the machine may be shared), else wall time.
    let secs = match (c0, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    println!(
        "speed: {:.1} MB/s per CPU-second (paragraphs, sentences and tokens; {:.1} MB, {n_tokens} tokens, {wall:.2}s wall)",
        (total * reps) as f64 / 1e6 / secs.max(1e-9),
        (total * reps) as f64 / 1e6
    );
    let (name, f) = headline.unwrap_or(("none".into(), 0.0));
    println!("F1 {f:.3} ({name} sentence boundaries)");
    Ok(())
}
