//! `corroborate eval ner PATH`: entity-level exact-match F1 of the entity tagger (with its
//! lexicon rules) on UNER English EWT test, UNER PUD test, and WNUT-17 test (types mapped to
//! PER/ORG/LOC; creative-work/product and our NORP/OTHER are left out of scoring).
//! PATH is the shared eval folder (holding `uner-en/` and `wnut17/`). Gold tokens are used
//! as given. Also measures tagging speed in words per second on one core.

use std::path::Path;
use std::time::Instant;

use document::EntityType;
use entities::train::read_conll;

use crate::EvalError;

/// spaCy `en_core_web_sm` entity F1 measured on the same sets, for comparison.
const SPACY: &[(&str, f64)] = &[("EWT test", 0.587), ("PUD test", 0.586)];

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn f1(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn label_of(ty: EntityType) -> Option<usize> {
    match ty {
        EntityType::Person => Some(0),
        EntityType::Org => Some(1),
        EntityType::Gpe => Some(2),
        _ => None,
    }
}

/// Scores one CoNLL file; returns (overall counts, per-label counts, words, seconds tagging).
fn score(path: &Path) -> Result<(Counts, [Counts; 3], usize, f64), EvalError> {
    let examples = read_conll(path).map_err(|e| EvalError::Data {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut total = Counts::default();
    let mut per = [Counts::default(); 3];
    let mut scratch = entities::tagger::Scratch::default();
    let mut tags = Vec::new();
    let mut words_n = 0;
    let mut secs = 0.0;
    for ex in &examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        let t0 = Instant::now();
        entities::tag_words(&words, &mut scratch, &mut tags);
        let pred: Vec<(usize, usize, usize)> = entities::mentions_in(&words, &tags)
            .into_iter()
            .filter_map(|(a, b, ty)| label_of(ty).map(|l| (a, b, l)))
            .collect();
        secs += t0.elapsed().as_secs_f64();
        words_n += words.len();
        let gold: Vec<(usize, usize, usize)> = entities::tagger::spans(&ex.tags)
            .into_iter()
            .filter(|g| g.2 < 3)
            .collect();
        for p in &pred {
            if gold.contains(p) {
                total.tp += 1;
                per[p.2].tp += 1;
            } else {
                total.fp += 1;
                per[p.2].fp += 1;
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                total.fn_ += 1;
                per[g.2].fn_ += 1;
            }
        }
    }
    Ok((total, per, words_n, secs))
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    let sets = [
        ("EWT test", path.join("uner-en/conll/ewt-test.conll")),
        ("PUD test", path.join("uner-en/conll/pud-test.conll")),
        ("WNUT-17 test", path.join("wnut17/emerging.test.annotated")),
    ];
    if entities::tagger::model().is_none() {
        return Err(EvalError::Data {
            path: "crates/entities/model/ner.bin.gz".into(),
            reason: "model missing or unreadable".into(),
        });
    }
    let mut f1s = Vec::new();
    let mut words_all = 0;
    let mut secs_all = 0.0;
    println!("entity-level exact match, PER/ORG/LOC (gold tokens)");
    for (name, file) in &sets {
        if !file.exists() {
            println!("{name}: {} missing, skipped", file.display());
            continue;
        }
        let (c, per, words, secs) = score(file)?;
        let (p, r, f) = c.f1();
        let by: Vec<String> = ["PER", "ORG", "LOC"]
            .iter()
            .zip(per.iter())
            .map(|(l, c)| format!("{l} {:.3}", c.f1().2))
            .collect();
        let spacy = SPACY
            .iter()
            .find(|s| s.0 == *name)
            .map(|s| format!("  (spaCy sm {:.3})", s.1))
            .unwrap_or_default();
        println!(
            "{name:13} P {p:.3} R {r:.3} F1 {f:.3}  [{}]{spacy}",
            by.join(", ")
        );
        f1s.push((*name, f));
        words_all += words;
        secs_all += secs;
    }
    if secs_all > 0.0 {
        println!(
            "speed (in the scoring loop, wall clock): {:.0} words/s",
            words_all as f64 / secs_all
        );
    }
    // Speed per CPU-second: tag the EWT test sentences repeatedly (≥ 1M words).
    if let Ok(ex) = read_conll(&path.join("uner-en/conll/ewt-test.conll")) {
        let sents: Vec<Vec<&str>> = ex
            .iter()
            .map(|e| e.words.iter().map(String::as_str).collect())
            .collect();
        let n: usize = sents.iter().map(Vec::len).sum();
        let reps = (1_000_000 / n.max(1)).max(1);
        let mut scratch = entities::tagger::Scratch::default();
        let mut tags = Vec::new();
        let c0 = crate::sentences::thread_cpu_seconds();
        let t0 = Instant::now();
        let mut found = 0;
        for _ in 0..reps {
            for w in &sents {
                entities::tag_words(w, &mut scratch, &mut tags);
                found += entities::mentions_in(w, &tags).len();
            }
        }
        let wall = t0.elapsed().as_secs_f64();
        let secs = match (c0, crate::sentences::thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        };
        println!(
            "speed: {:.0} words/s per CPU-second (tagging + rules, {} words, {found} mentions, {wall:.2}s wall; spaCy sm NER: 6,000-9,000 words/s)",
            (n * reps) as f64 / secs.max(1e-9),
            n * reps
        );
    }
    let ewt = f1s.iter().find(|f| f.0 == "EWT test").map_or(0.0, |f| f.1);
    let pud = f1s.iter().find(|f| f.0 == "PUD test").map_or(0.0, |f| f.1);
    println!("F1 {:.3} (EWT {ewt:.3}, PUD {pud:.3})", (ewt + pud) / 2.0);
    Ok(())
}
