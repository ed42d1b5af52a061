//! Reading CoNLL-style NER data and training the tagger (`corroborate train ner DIR`).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::EntitiesError;
use crate::tagger::{self, Example, Model};

/// Passes over the training data.
pub const EPOCHS: usize = 12;
/// Shuffling seed: training is deterministic.
pub const SEED: u64 = 0x00C0_FFEE_2025;

fn read_text(path: &Path) -> Result<String, EntitiesError> {
    let io = |source| EntitiesError::Io {
        path: path.display().to_string(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(io)?;
        Ok(s)
    } else {
        String::from_utf8(bytes).map_err(|_| EntitiesError::Data {
            path: path.display().to_string(),
            reason: "not UTF-8".into(),
        })
    }
}

/// Reads sentences from a CoNLL file: `token<TAB>tag` (or UNER's `idx<TAB>token<TAB>tag<TAB>…`),
/// `#` comment lines, sentences separated by white-space-only lines; `.gz` is read transparently.
/// Multi-labels ("B-corporation,B-group") take the first; an `I-` tag that does not continue its
/// label becomes `B-`; unknown labels are O.
pub fn read_conll(path: &Path) -> Result<Vec<Example>, EntitiesError> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    let mut flush = |words: &mut Vec<String>, tags: &mut Vec<u8>| {
        if !words.is_empty() {
            out.push(Example {
                words: std::mem::take(words),
                tags: std::mem::take(tags),
            });
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut words, &mut tags);
            continue;
        }
        if line.starts_with("# ") || line.starts_with("#\t") && line.split('\t').count() < 2 {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (word, tag) = if cols.len() >= 3 && cols[0].bytes().all(|b| b.is_ascii_digit()) {
            (cols[1], cols[2])
        } else if cols.len() >= 2 {
            (cols[0], cols[cols.len() - 1])
        } else {
            let mut it = line.split_whitespace();
            match (it.next(), it.next()) {
                (Some(w), Some(t)) => (w, t),
                _ => continue,
            }
        };
        let tag = tag.split(',').next().unwrap_or("O").trim();
        let mut t = tagger::tag_index(tag);
        if t != 0 && t & 1 == 0 {
            let prev = tags.last().copied().unwrap_or(0);
            if prev != t && prev + 1 != t {
                t -= 1;
            }
        }
        words.push(word.to_string());
        tags.push(t);
    }
    flush(&mut words, &mut tags);
    Ok(out)
}

/// The training files under a UNER English folder: the cleaned CoNLL EWT train file (its OTH
/// tags read as O: on EWT dev that scored F1 0.686 against 0.678 for keeping them as MISC),
/// plus EWT dev.
pub fn training_files(dir: &Path) -> Vec<PathBuf> {
    let train = dir.join("conll/ewt-train.conll");
    // CORROBORATE_NER_NO_DEV=1 holds dev out (for model selection).
    let mut files = vec![train];
    // CORROBORATE_NER_EXTRA=FILE[:FILE] adds CoNLL files (for experiments: WNUT-17 train scored
    // EWT dev F1 0.673 against 0.678 without it).
    if let Some(extra) = std::env::var_os("CORROBORATE_NER_EXTRA") {
        files.extend(std::env::split_paths(&extra));
    }
    if std::env::var_os("CORROBORATE_NER_NO_DEV").is_some() {
        return files;
    }
    files.push(dir.join("conll/ewt-dev.conll"));
    files
}

fn env_f(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Adds case-changed copies of training sentences so the tagger learns to use the lexicon and
/// word-class features when capitalisation is missing (lower-cased web text) or uninformative
/// (all-caps headlines): a share of sentences is copied lower-cased, another share upper-cased.
/// The choice is a fixed hash of the sentence index (deterministic).
fn augment(examples: &mut Vec<Example>) {
    let lower = env_f("CORROBORATE_NER_LOWER", LOWER_SHARE);
    let upper = env_f("CORROBORATE_NER_UPPER", UPPER_SHARE);
    let n = examples.len();
    for i in 0..n {
        let r = (crate::lexicon::mix(SEED, i as u64) % 10_000) as f64 / 10_000.0;
        let f: Option<fn(&str) -> String> = if r < lower {
            Some(str::to_lowercase)
        } else if r < lower + upper {
            Some(str::to_uppercase)
        } else {
            None
        };
        if let Some(f) = f {
            let words = examples[i].words.iter().map(|w| f(w)).collect();
            let tags = examples[i].tags.clone();
            examples.push(Example { words, tags });
        }
    }
}

/// Share of training sentences added again lower-cased (0.2 and 0.4 scored EWT dev F1 0.673 and
/// 0.674 against 0.686 without, so none by default; `CORROBORATE_NER_LOWER` overrides).
pub const LOWER_SHARE: f64 = 0.0;
/// Share of training sentences added again upper-cased.
pub const UPPER_SHARE: f64 = 0.0;

/// Trains the tagger on the UNER English folder `dir`, logging progress with `log`.
pub fn train_dir(dir: &Path, mut log: impl FnMut(&str)) -> Result<Model, EntitiesError> {
    let mut examples = Vec::new();
    for f in training_files(dir) {
        let ex = read_conll(&f)?;
        log(&format!("{}: {} sentences", f.display(), ex.len()));
        examples.extend(ex);
    }
    augment(&mut examples);
    if examples.is_empty() {
        return Err(EntitiesError::Data {
            path: dir.display().to_string(),
            reason: "no training sentences".into(),
        });
    }
    let epochs = std::env::var("CORROBORATE_NER_EPOCHS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(EPOCHS);
    // CORROBORATE_NER_SEED: another shuffle (to measure how much dev F1 moves with it).
    let seed = std::env::var("CORROBORATE_NER_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SEED);
    Ok(tagger::train(&examples, epochs, seed, |epoch, err| {
        log(&format!("epoch {}: token error rate {err:.4}", epoch + 1))
    }))
}
