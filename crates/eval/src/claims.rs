//! `corroborate eval claims PATH`: the claims stage on our own labelled sentences.
//!
//! PATH is a JSONL file of `crates/claims/tests/data/gold/` (`dev.jsonl` or `test.jsonl`), one sentence a
//! line: `{"id","corpus","doc","sentence","context"?,"claims":[{"start","end","text","value","low","high",
//! "hedge","measure","counted","subject","attributed_to":{"name","start","end"}|null}]}`, byte offsets into
//! the sentence. Each sentence (after its `context`, the sentence before it in the same paragraph, when
//! stored) becomes a `Document` that runs through the whole pipeline; the claims inside the sentence are
//! scored against the gold ones. Facets (precision / recall / F1):
//! - detection: a predicted claim whose span overlaps a gold claim's (one-to-one, greedy in text order);
//! - value+hedge: overlapping spans with the same hedge and value, and the same interval for hedges whose
//!   interval the words fix (exact, more_than, at_least, less_than, at_most, range; an open lower bound
//!   equals 0). For `approximately` the band width is a convention of the numbers stage, so only the value
//!   is compared; for `vague`, the order of magnitude of the lower bound;
//! - measure: overlapping spans with the same measure;
//! - attribution: over the claims that have a source (predicted or gold): overlapping claims whose sources
//!   have the same name (case-insensitive, one containing the other, a leading "the" ignored) or
//!   overlapping spans. A gold source marked `"in_context": true` has offsets into `context` (a source
//!   carried over from the sentence before).
//!
//! Set `CORROBORATE_EVAL_VERBOSE=1` to print each miss to stderr. The last line is the headline: the mean
//! F1 of value+hedge, measure and attribution.

use std::path::Path;

use document::{Claim, Document, Hedge, Measure};
use serde::Deserialize;

use crate::EvalError;

#[derive(Deserialize)]
struct Line {
    id: String,
    sentence: String,
    #[serde(default)]
    context: Option<String>,
    claims: Vec<Gold>,
}

#[derive(Deserialize, Clone)]
struct Gold {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    hedge: Hedge,
    measure: Measure,
    attributed_to: Option<GoldSource>,
}

#[derive(Deserialize, Clone)]
struct GoldSource {
    name: String,
    start: usize,
    end: usize,
    /// The source is named in `context` (a source carried over from the sentence before): the offsets are
    /// into the context, not the sentence.
    #[serde(default)]
    in_context: bool,
}

#[derive(Default)]
struct Count {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Count {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

fn value_hedge_match(g: &Gold, p: &Claim) -> bool {
    if g.hedge != p.hedge {
        return false;
    }
    let low = |v: Option<f64>| v.or(Some(0.0));
    match g.hedge {
        Hedge::Approximately => close(g.value, p.value),
        Hedge::Vague => match (g.low, p.low) {
            (Some(a), Some(b)) if a > 0.0 && b > 0.0 => a.log10().floor() == b.log10().floor(),
            (a, b) => close(a, b),
        },
        Hedge::Range => close(g.low, p.low) && close(g.high, p.high),
        Hedge::LessThan | Hedge::AtMost => {
            close(g.value, p.value) && close(low(g.low), low(p.low)) && close(g.high, p.high)
        }
        _ => close(g.value, p.value) && close(g.low, p.low) && close(g.high, p.high),
    }
}

fn norm(name: &str) -> String {
    let lower: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "a" | "an"))
        .collect();
    words.join(" ")
}

fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: shown.clone(),
        source,
    })?;
    let verbose = std::env::var_os("CORROBORATE_EVAL_VERBOSE").is_some();
    let (mut detect, mut vh, mut measure, mut attr) = (
        Count::default(),
        Count::default(),
        Count::default(),
        Count::default(),
    );
    let mut sentences = 0;
    for (no, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| EvalError::Data {
            path: shown.clone(),
            reason: format!("line {}: {e}", no + 1),
        })?;
        sentences += 1;
        let (doc_text, offset) = match &line.context {
            Some(c) if !c.is_empty() => (format!("{c} {}", line.sentence), c.len() + 1),
            _ => (line.sentence.clone(), 0),
        };
        for g in &line.claims {
            if line.sentence.get(g.start..g.end) != Some(g.text.as_str()) && !g.text.is_empty() {
                return Err(EvalError::Data {
                    path: shown.clone(),
                    reason: format!(
                        "line {}: claim {}..{} is not {:?}",
                        no + 1,
                        g.start,
                        g.end,
                        g.text
                    ),
                });
            }
        }
        let mut doc = Document::from_text(line.id.clone(), doc_text);
        pipeline::analyse(&mut doc).map_err(|e| EvalError::Data {
            path: shown.clone(),
            reason: format!("line {}: {e}", no + 1),
        })?;
        let pred: Vec<&Claim> = doc
            .claims
            .iter()
            .filter(|c| c.span.start() >= offset)
            .collect();
        let gold: Vec<Gold> = line
            .claims
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.start += offset;
                g.end += offset;
                if let Some(a) = &mut g.attributed_to {
                    if !a.in_context {
                        a.start += offset;
                        a.end += offset;
                    }
                }
                g
            })
            .collect();
        // One-to-one pairing by span overlap, in text order.
        let mut used = vec![false; pred.len()];
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (gi, g) in gold.iter().enumerate() {
            if let Some(pi) = (0..pred.len()).find(|&pi| {
                !used[pi]
                    && overlaps(
                        (g.start, g.end),
                        (pred[pi].span.start(), pred[pi].span.end()),
                    )
            }) {
                used[pi] = true;
                pairs.push((gi, pi));
            }
        }
        let snippet = |s: usize, e: usize| doc.text().get(s..e).unwrap_or("?").to_string();
        detect.pred += pred.len();
        detect.gold += gold.len();
        detect.tp += pairs.len();
        for (pi, p) in pred.iter().enumerate() {
            if !used[pi] && verbose {
                eprintln!(
                    "{}: extra claim {:?} ({:?} {:?})",
                    line.id,
                    snippet(p.span.start(), p.span.end()),
                    p.hedge,
                    p.measure
                );
            }
        }
        for (gi, g) in gold.iter().enumerate() {
            if !pairs.iter().any(|&(x, _)| x == gi) && verbose {
                eprintln!("{}: missed claim {:?}", line.id, g.text);
            }
        }
        vh.pred += pred.len();
        vh.gold += gold.len();
        measure.pred += pred.len();
        measure.gold += gold.len();
        attr.pred += pred.iter().filter(|p| p.attributed_to.is_some()).count();
        attr.gold += gold.iter().filter(|g| g.attributed_to.is_some()).count();
        for &(gi, pi) in &pairs {
            let (g, p) = (&gold[gi], pred[pi]);
            if value_hedge_match(g, p) {
                vh.tp += 1;
            } else if verbose {
                eprintln!(
                    "{}: value/hedge {:?}: gold {:?} {:?} [{:?},{:?}] got {:?} {:?} [{:?},{:?}]",
                    line.id,
                    g.text,
                    g.hedge,
                    g.value,
                    g.low,
                    g.high,
                    p.hedge,
                    p.value,
                    p.low,
                    p.high
                );
            }
            if g.measure == p.measure {
                measure.tp += 1;
            } else if verbose {
                eprintln!(
                    "{}: measure {:?}: gold {:?} got {:?}",
                    line.id, g.text, g.measure, p.measure
                );
            }
            match (&g.attributed_to, &p.attributed_to) {
                (Some(ga), Some(pa))
                    if names_match(&ga.name, &pa.name)
                        || overlaps((ga.start, ga.end), (pa.span.start(), pa.span.end())) =>
                {
                    attr.tp += 1
                }
                (None, None) => {}
                (ga, pa) => {
                    if verbose {
                        eprintln!(
                            "{}: source of {:?}: gold {:?} got {:?}",
                            line.id,
                            g.text,
                            ga.as_ref().map(|a| a.name.clone()),
                            pa.as_ref().map(|a| format!(
                                "{} ({})",
                                a.name,
                                snippet(a.span.start(), a.span.end())
                            ))
                        );
                    }
                }
            }
        }
    }
    println!(
        "claims eval: {shown}: {sentences} sentences, {} gold claims, {} predicted",
        detect.gold, detect.pred
    );
    let mut f1s = Vec::new();
    for (name, c) in [
        ("detection", &detect),
        ("value+hedge", &vh),
        ("measure", &measure),
        ("attribution", &attr),
    ] {
        let (p, r, f) = c.prf();
        println!(
            "{name:<12} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {} / pred {} / gold {})",
            c.tp, c.pred, c.gold
        );
        if name != "detection" {
            f1s.push(f);
        }
    }
    let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!("headline: mean F1 of value+hedge, measure, attribution");
    println!("F1 {mean:.3}");
    Ok(())
}
