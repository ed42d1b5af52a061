//! Distributional word classes for the tagger, learned from unlabelled news text.
//!
//! Each lower-cased word seen at least [`MIN_COUNT`] times in the corpus gets a fine class
//! ([`FINE`] spherical k-means clusters of its PPMI-weighted ±2 context vector), a coarse class
//! ([`COARSE`] clusters of the fine centroids), and a capitalisation bucket (how often it is
//! capitalised when not sentence-initial: a proper-noun signal that also helps lower-cased web
//! text, "florida"). The table is built by `corroborate train clusters ../shared/eval` (see
//! [`corpus`] for the texts read) and committed as `data/clusters.tsv.gz`; building is
//! deterministic (fixed seed, sorted vocabulary, sequential sums).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::LazyLock;

use crate::error::EntitiesError;
use crate::lexicon::{word_hash, IdHasher};

/// Fine clusters.
pub const FINE: usize = 384;
/// Coarse clusters (of the fine centroids).
pub const COARSE: usize = 48;
/// Minimum corpus count of a word to get a class.
pub const MIN_COUNT: u32 = 3;
/// The most frequent words, used as context dimensions.
const CONTEXT: usize = 1000;
/// Largest vocabulary clustered.
const MAX_VOCAB: usize = 60_000;
const ITERATIONS: usize = 12;
const SEED: u64 = 0x5EED_C1A5_7E25;

/// A word's classes, packed: bit 31 known, fine in bits 0..12, coarse in 12..20, cap bucket in 20..23.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct WordClass(pub u32);

impl WordClass {
    pub fn known(self) -> bool {
        self.0 >> 31 != 0
    }
    pub fn fine(self) -> u64 {
        u64::from(self.0 & 0xFFF)
    }
    pub fn coarse(self) -> u64 {
        u64::from((self.0 >> 12) & 0xFF)
    }
    /// 0: unknown or rare, 1: rarely capitalised … 4: nearly always capitalised.
    pub fn cap(self) -> u64 {
        u64::from((self.0 >> 20) & 7)
    }
    fn pack(fine: usize, coarse: usize, cap: u8) -> WordClass {
        WordClass(
            1 << 31
                | (fine as u32 & 0xFFF)
                | (coarse as u32 & 0xFF) << 12
                | u32::from(cap & 7) << 20,
        )
    }
}

type Table = HashMap<u64, WordClass, std::hash::BuildHasherDefault<IdHasher>>;

static TABLE: LazyLock<Table> =
    LazyLock::new(|| parse_gz(include_bytes!("../data/clusters.tsv.gz")).unwrap_or_default());

/// The class of a word, by its lower-cased [`word_hash`] (unknown words: `known()` is false).
#[inline]
pub fn class_of(lower_hash: u64) -> WordClass {
    TABLE.get(&lower_hash).copied().unwrap_or_default()
}

/// Number of words in the committed table.
pub fn table_len() -> usize {
    TABLE.len()
}

fn parse_gz(bytes: &[u8]) -> Option<Table> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .ok()?;
    let mut t = Table::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(f), Some(c), Some(k)) = (it.next(), it.next(), it.next(), it.next())
        else {
            continue;
        };
        let (Ok(f), Ok(c), Ok(k)) = (f.parse::<usize>(), c.parse::<usize>(), k.parse::<u8>())
        else {
            continue;
        };
        t.insert(word_hash(w), WordClass::pack(f, c, k));
    }
    Some(t)
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> EntitiesError + '_ {
    move |source| EntitiesError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn gunzip(path: &Path) -> Result<Vec<u8>, EntitiesError> {
    let bytes = std::fs::read(path).map_err(io_err(path))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(io_err(path))?;
    Ok(out)
}

fn jsonl_texts(path: &Path, fields: &[&str], out: &mut Vec<String>) -> Result<(), EntitiesError> {
    let raw = gunzip(path)?;
    let text = String::from_utf8_lossy(&raw);
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for f in fields {
            if let Some(s) = v.get(*f).and_then(|x| x.as_str()) {
                out.push(s.to_string());
            }
        }
    }
    Ok(())
}

/// The `.txt` members of a gzipped tar (ustar) archive.
fn tar_texts(path: &Path, out: &mut Vec<String>) -> Result<(), EntitiesError> {
    let raw = gunzip(path)?;
    let mut at = 0;
    while at + 512 <= raw.len() {
        let h = &raw[at..at + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        let name = String::from_utf8_lossy(&h[..100])
            .trim_end_matches('\0')
            .to_string();
        let size_field = String::from_utf8_lossy(&h[124..136]);
        let size =
            usize::from_str_radix(size_field.trim_matches(|c: char| c == '\0' || c == ' '), 8)
                .unwrap_or(0);
        let start = at + 512;
        let end = (start + size).min(raw.len());
        if name.ends_with(".txt") && h[156] != b'5' {
            out.push(String::from_utf8_lossy(&raw[start..end]).into_owned());
        }
        at = start + size.div_ceil(512) * 512;
    }
    Ok(())
}

/// Token lines of CoNLL training files, joined as text (sentence per line).
fn conll_texts(path: &Path, out: &mut Vec<String>) -> Result<(), EntitiesError> {
    for ex in crate::train::read_conll(path)? {
        out.push(ex.words.join(" "));
    }
    Ok(())
}

/// The unlabelled texts under the shared eval folder `dir`: BBC news (titles and texts), ECB+
/// documents, BASIL articles, PolNeAR train texts, and the tokens of the UNER EWT and WNUT-17
/// *training* splits. Dev and test sets are never read. Missing files are skipped.
pub fn corpus(dir: &Path, mut log: impl FnMut(&str)) -> Result<Vec<String>, EntitiesError> {
    let mut out = Vec::new();
    let sources: [(&str, u8); 6] = [
        ("bbc-news/bbc-2225.jsonl.gz", 0),
        ("ecbplus/docs.jsonl.gz", 1),
        ("basil/basil.jsonl.gz", 0),
        ("polnear/polnear-train.tar.gz", 2),
        ("uner-en/conll/ewt-train.conll", 3),
        ("wnut17/wnut17train.conll", 3),
    ];
    for (rel, kind) in sources {
        let path = dir.join(rel);
        if !path.exists() {
            log(&format!("{}: missing, skipped", path.display()));
            continue;
        }
        let before = out.len();
        match kind {
            0 => jsonl_texts(&path, &["title", "text"], &mut out)?,
            1 => jsonl_texts(&path, &["text"], &mut out)?,
            2 => tar_texts(&path, &mut out)?,
            _ => conll_texts(&path, &mut out)?,
        }
        log(&format!("{}: {} texts", path.display(), out.len() - before));
    }
    Ok(out)
}

fn is_initial_marker(w: &str) -> bool {
    matches!(
        w,
        "." | "!"
            | "?"
            | ":"
            | "\""
            | "“"
            | "”"
            | "'"
            | "‘"
            | "’"
            | "-"
            | "—"
            | "("
            | "["
            | "|"
            | "*"
            | "•"
    )
}

fn xorshift(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

type Sparse = Vec<(u32, f32)>;

fn dot(v: &Sparse, c: &[f32]) -> f32 {
    v.iter().map(|&(d, x)| x * c[d as usize]).sum()
}

fn normalise(c: &mut [f32]) {
    let n = c.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        c.iter_mut().for_each(|x| *x /= n);
    }
}

/// Spherical k-means on sparse unit vectors; returns assignments and dense centroids.
fn kmeans(
    vecs: &[Sparse],
    dims: usize,
    k: usize,
    seed: u64,
    mut log: impl FnMut(&str),
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let k = k.min(vecs.len()).max(1);
    let mut rng = seed | 1;
    // Distinct random seeds.
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    while chosen.len() < k {
        let i = (xorshift(&mut rng) % vecs.len() as u64) as usize;
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    let mut cents: Vec<Vec<f32>> = chosen
        .iter()
        .map(|&i| {
            let mut c = vec![0f32; dims];
            for &(d, x) in &vecs[i] {
                c[d as usize] = x;
            }
            c
        })
        .collect();
    let mut assign = vec![usize::MAX; vecs.len()];
    for it in 0..ITERATIONS {
        let mut moved = 0;
        for (i, v) in vecs.iter().enumerate() {
            let mut best = 0;
            let mut best_s = f32::NEG_INFINITY;
            for (j, c) in cents.iter().enumerate() {
                let s = dot(v, c);
                if s > best_s {
                    best_s = s;
                    best = j;
                }
            }
            if assign[i] != best {
                moved += 1;
                assign[i] = best;
            }
        }
        log(&format!(
            "k-means k={k} iteration {}: {moved} moved",
            it + 1
        ));
        let mut sums = vec![vec![0f32; dims]; k];
        for (i, v) in vecs.iter().enumerate() {
            for &(d, x) in v {
                sums[assign[i]][d as usize] += x;
            }
        }
        for (j, mut s) in sums.into_iter().enumerate() {
            if s.iter().any(|&x| x != 0.0) {
                normalise(&mut s);
                cents[j] = s;
            }
        }
        if moved == 0 {
            break;
        }
    }
    (assign, cents)
}

/// Builds the class table (TSV: `word fine coarse cap`, sorted by word) from texts.
pub fn build(texts: &[String], mut log: impl FnMut(&str)) -> String {
    // Lower-cased token streams (one per line of text), plus capitalisation counts.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut count: Vec<u32> = Vec::new();
    let mut caps: Vec<(u32, u32)> = Vec::new(); // (non-initial occurrences, capitalised ones)
    let mut streams: Vec<Vec<u32>> = Vec::new();
    for t in texts {
        for line in t.lines() {
            let mut stream = Vec::new();
            let mut prev: Option<&str> = None;
            segment::for_each_token(line, 0, |s| {
                let w = &line[s.start()..s.end()];
                let lower = w.to_lowercase();
                let id = match ids.get(&lower) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        ids.insert(lower.clone(), id);
                        words.push(lower);
                        count.push(0);
                        caps.push((0, 0));
                        id
                    }
                };
                count[id as usize] += 1;
                if prev.is_some_and(|p| !is_initial_marker(p))
                    && w.chars().next().is_some_and(char::is_alphabetic)
                {
                    caps[id as usize].0 += 1;
                    if w.chars().next().is_some_and(char::is_uppercase) {
                        caps[id as usize].1 += 1;
                    }
                }
                prev = Some(w);
                stream.push(id);
            });
            if !stream.is_empty() {
                streams.push(stream);
            }
        }
    }
    let tokens: usize = streams.iter().map(Vec::len).sum();
    log(&format!("{tokens} tokens, {} distinct words", words.len()));
    // Frequency order (ties by word) for determinism.
    let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        count[b as usize]
            .cmp(&count[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut ctx_of = vec![u32::MAX; words.len()];
    for (k, &w) in by_freq.iter().take(CONTEXT).enumerate() {
        ctx_of[w as usize] = k as u32;
    }
    let vocab: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&w| {
            count[w as usize] >= MIN_COUNT && words[w as usize].chars().any(char::is_alphabetic)
        })
        .take(MAX_VOCAB)
        .collect();
    let mut row_of = vec![u32::MAX; words.len()];
    for (r, &w) in vocab.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    // Context counts: 4 positions × (CONTEXT + 1 "other") dimensions.
    let dims = 4 * (CONTEXT + 1);
    let mut rows: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut dim_total = vec![0f64; dims];
    for s in &streams {
        for (i, &w) in s.iter().enumerate() {
            let r = row_of[w as usize];
            if r == u32::MAX {
                continue;
            }
            for (p, off) in [(0usize, -2isize), (1, -1), (2, 1), (3, 2)] {
                let j = i as isize + off;
                let c = if j < 0 || j >= s.len() as isize {
                    CONTEXT as u32
                } else {
                    ctx_of[s[j as usize] as usize].min(CONTEXT as u32)
                };
                let d = (p * (CONTEXT + 1)) as u32 + c;
                *rows[r as usize].entry(d).or_default() += 1.0;
                dim_total[d as usize] += 1.0;
            }
        }
    }
    let total: f64 = dim_total.iter().sum();
    // PPMI, then unit length.
    let vecs: Vec<Sparse> = rows
        .into_iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&x| f64::from(x)).sum();
            let mut v: Sparse = row
                .into_iter()
                .filter_map(|(d, c)| {
                    let pmi = (f64::from(c) * total / (row_total * dim_total[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|x| x.1 /= n);
            }
            v
        })
        .collect();
    log(&format!(
        "{} words to cluster, {dims} context dimensions",
        vecs.len()
    ));
    let (fine, cents) = kmeans(&vecs, dims, FINE, SEED, &mut log);
    let cent_vecs: Vec<Sparse> = cents
        .iter()
        .map(|c| {
            c.iter()
                .enumerate()
                .filter(|x| *x.1 != 0.0)
                .map(|(d, &x)| (d as u32, x))
                .collect()
        })
        .collect();
    let (coarse, _) = kmeans(&cent_vecs, dims, COARSE, SEED ^ 0x00C0_A25E, &mut log);
    let mut lines: Vec<String> = vocab
        .iter()
        .enumerate()
        .map(|(r, &w)| {
            let (n, c) = caps[w as usize];
            let bucket = if n < 2 {
                0
            } else {
                let ratio = f64::from(c) / f64::from(n);
                if ratio < 0.2 {
                    1
                } else if ratio < 0.6 {
                    2
                } else if ratio < 0.9 {
                    3
                } else {
                    4
                }
            };
            format!(
                "{}\t{}\t{}\t{bucket}",
                words[w as usize], fine[r], coarse[fine[r]]
            )
        })
        .collect();
    lines.sort();
    let mut out = String::from(
        "# word\tfine class\tcoarse class\tcapitalisation bucket (corroborate train clusters)\n",
    );
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Gzips a table (deterministic bytes).
pub fn to_gz(table: &str) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(table.as_bytes());
    enc.finish().unwrap_or_default()
}
