//! Distributional word classes for the tagger, learned from unlabelled news text.
//!
//! Each lower-cased word seen at least [`MIN_COUNT`] times in the corpus gets a fine class
//! ([`FINE`] spherical k-means clusters of its PPMI-weighted ±2 context vector), a coarse class
//! ([`COARSE`] clusters of the fine centroids), and a capitalisation bucket (how often it is
//! capitalised when not sentence-initial: a proper-noun signal that also helps lower-cased web
//! text, "florida"). The same PPMI matrix gives each word a dense vector ([`vector_of`]: its top
//! 64 left singular vectors by randomised SVD). The table and the vectors are built by
//! `corroborate train clusters ../shared/eval` (see [`corpus`] for the texts read) and committed
//! as `data/clusters.tsv.gz` and `data/vectors.bin.gz`; building is deterministic (fixed seeds,
//! sorted vocabulary, sequential sums).

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

/// Dimensions of the word vectors (see [`vector_of`]).
pub const DIMS: usize = 64;
/// Vectors are stored at length `sqrt(DIMS) * VEC_UNIT` (about ±`VEC_UNIT` per component),
/// quantised to i8.
pub const VEC_UNIT: i32 = 16;
const VEC_MAGIC: &[u8; 8] = b"CRVEC1\0\0";
/// Bytes per word in the vectors file: word hash, components.
const RECORD: usize = 8 + DIMS;

/// Word vectors: index by word hash, then `DIMS` quantised components per word.
struct Vectors {
    index: HashMap<u64, u32, std::hash::BuildHasherDefault<IdHasher>>,
    data: Vec<i8>,
}

static VECTORS: LazyLock<Vectors> = LazyLock::new(|| {
    parse_vectors_gz(include_bytes!("../data/vectors.bin.gz")).unwrap_or(Vectors {
        index: HashMap::default(),
        data: Vec::new(),
    })
});

/// No vector (see [`vector_of`]).
pub const NO_VECTOR: u32 = u32::MAX;

/// The index of a word's vector by its lower-cased [`word_hash`], or [`NO_VECTOR`].
#[inline]
pub fn vector_of(lower_hash: u64) -> u32 {
    VECTORS.index.get(&lower_hash).copied().unwrap_or(NO_VECTOR)
}

/// The quantised components of vector `index` (empty for [`NO_VECTOR`]).
#[inline]
pub fn vector(index: u32) -> &'static [i8] {
    let at = index as usize * DIMS;
    VECTORS.data.get(at..at + DIMS).unwrap_or(&[])
}

fn parse_vectors_gz(bytes: &[u8]) -> Option<Vectors> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() < 16 || &raw[..8] != VEC_MAGIC {
        return None;
    }
    let dims = u32::from_le_bytes([raw[8], raw[9], raw[10], raw[11]]) as usize;
    let n = u32::from_le_bytes([raw[12], raw[13], raw[14], raw[15]]) as usize;
    if dims != DIMS || raw.len() != 16 + n * RECORD {
        return None;
    }
    let mut index = HashMap::default();
    let mut data = Vec::with_capacity(n * DIMS);
    for (k, rec) in raw[16..].chunks_exact(RECORD).enumerate() {
        let mut h = [0u8; 8];
        h.copy_from_slice(&rec[..8]);
        index.insert(u64::from_le_bytes(h), k as u32);
        data.extend(rec[8..].iter().map(|&b| b as i8));
    }
    Some(Vectors { index, data })
}

/// Number of words in the committed table.
pub fn table_len() -> usize {
    TABLE.len()
}

fn parse_gz(bytes: &[u8]) -> Option<Table> {
    let text = String::from_utf8(crate::gz::gunzip(bytes, 16 << 20).ok()?).ok()?;
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut t = Table::with_capacity_and_hasher(lines, Default::default());
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        // The first four tab-separated fields (a tab is one byte, so every cut is on a char
        // boundary).
        let mut fields = [""; 4];
        let mut rest = line;
        let mut n = 0;
        while n < 4 {
            match rest.as_bytes().iter().position(|&b| b == b'\t') {
                Some(at) => {
                    fields[n] = rest.get(..at).unwrap_or_default();
                    rest = rest.get(at + 1..).unwrap_or_default();
                }
                None => {
                    fields[n] = rest;
                    n += 1;
                    break;
                }
            }
            n += 1;
        }
        if n < 4 {
            continue;
        }
        let [w, f, c, k] = fields;
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

/// Orthonormalises the `l` columns of the column-major `n`×`l` matrix `m` (modified
/// Gram-Schmidt; a column that vanishes stays zero).
fn orthonormalise(m: &mut [Vec<f64>]) {
    for j in 0..m.len() {
        let (done, rest) = m.split_at_mut(j);
        let col = &mut rest[0];
        for q in done.iter() {
            let d: f64 = q.iter().zip(col.iter()).map(|(a, b)| a * b).sum();
            col.iter_mut().zip(q).for_each(|(c, a)| *c -= d * a);
        }
        let n = col.iter().map(|x| x * x).sum::<f64>().sqrt();
        if n > 1e-12 {
            col.iter_mut().for_each(|x| *x /= n);
        } else {
            col.iter_mut().for_each(|x| *x = 0.0);
        }
    }
}

/// Eigenvalues and eigenvectors (columns of the returned row-major matrix) of the symmetric
/// matrix `a` (cyclic Jacobi), eigenvalues in decreasing order.
fn symmetric_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let l = a.len();
    let mut v: Vec<Vec<f64>> = (0..l)
        .map(|i| (0..l).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for _sweep in 0..50 {
        let off: f64 = (0..l)
            .flat_map(|i| (0..l).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-22 {
            break;
        }
        for p in 0..l {
            for q in p + 1..l {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                // Rows p < q.
                let (low, high) = a.split_at_mut(q);
                for (apk, aqk) in low[p].iter_mut().zip(high[0].iter_mut()) {
                    let (x, y) = (*apk, *aqk);
                    *apk = c * x - s * y;
                    *aqk = s * x + c * y;
                }
                for row in v.iter_mut() {
                    let (vkp, vkq) = (row[p], row[q]);
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&x, &y| a[y][y].total_cmp(&a[x][x]));
    let vals = order.iter().map(|&i| a[i][i]).collect();
    let vecs = (0..l)
        .map(|r| order.iter().map(|&i| v[r][i]).collect())
        .collect();
    (vals, vecs)
}

/// Dense word vectors: the top [`DIMS`] left singular vectors of the PPMI matrix (randomised
/// SVD with two power iterations), scaled by the square root of their singular values, each
/// word's vector then set to length `sqrt(DIMS) * VEC_UNIT` and quantised to i8.
fn svd_vectors(vecs: &[Sparse], dims: usize, seed: u64, mut log: impl FnMut(&str)) -> Vec<Vec<i8>> {
    let n = vecs.len();
    let l = DIMS + 16;
    let mut rng = seed | 1;
    // A × Ω with a random ±1 Ω (dims × l), column-major.
    let omega: Vec<Vec<f64>> = (0..l)
        .map(|_| {
            (0..dims)
                .map(|_| {
                    if xorshift(&mut rng) & 1 == 0 {
                        1.0
                    } else {
                        -1.0
                    }
                })
                .collect()
        })
        .collect();
    let times = |m: &[Vec<f64>]| -> Vec<Vec<f64>> {
        m.iter()
            .map(|c| {
                vecs.iter()
                    .map(|v| v.iter().map(|&(d, x)| f64::from(x) * c[d as usize]).sum())
                    .collect()
            })
            .collect()
    };
    let times_t = |m: &[Vec<f64>]| -> Vec<Vec<f64>> {
        m.iter()
            .map(|c| {
                let mut out = vec![0f64; dims];
                for (v, &ci) in vecs.iter().zip(c) {
                    for &(d, x) in v {
                        out[d as usize] += f64::from(x) * ci;
                    }
                }
                out
            })
            .collect()
    };
    let mut q = times(&omega);
    orthonormalise(&mut q);
    for it in 0..2 {
        let mut z = times_t(&q);
        orthonormalise(&mut z);
        q = times(&z);
        orthonormalise(&mut q);
        log(&format!("SVD power iteration {}", it + 1));
    }
    // B = Qᵀ A; B Bᵀ = Zᵀ Z with Z = Aᵀ Q.
    let z = times_t(&q);
    let bbt: Vec<Vec<f64>> = (0..l)
        .map(|i| {
            (0..l)
                .map(|j| z[i].iter().zip(&z[j]).map(|(a, b)| a * b).sum())
                .collect()
        })
        .collect();
    let (vals, evecs) = symmetric_eigen(bbt);
    log(&format!(
        "singular values: {:.2} .. {:.2}",
        vals[0].max(0.0).sqrt(),
        vals[DIMS - 1].max(0.0).sqrt()
    ));
    // U = Q × evecs; word vector = U[.., ..DIMS] × sqrt(singular value).
    let weight: Vec<f64> = vals.iter().map(|v| v.max(0.0).powf(0.25)).collect();
    (0..n)
        .map(|i| {
            let mut u: Vec<f64> = (0..DIMS)
                .map(|k| (0..l).map(|j| q[j][i] * evecs[j][k]).sum::<f64>() * weight[k])
                .collect();
            let norm = u.iter().map(|x| x * x).sum::<f64>().sqrt();
            let target = (DIMS as f64).sqrt() * f64::from(VEC_UNIT);
            if norm > 0.0 {
                u.iter_mut().for_each(|x| *x *= target / norm);
            }
            u.iter()
                .map(|x| x.round().clamp(-127.0, 127.0) as i8)
                .collect()
        })
        .collect()
}

/// Writes word vectors (by lower-cased word) gzipped: the file [`vector_of`] reads.
fn vectors_to_gz(words: &[(&str, &[i8])]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(16 + words.len() * RECORD);
    raw.extend_from_slice(VEC_MAGIC);
    raw.extend_from_slice(&(DIMS as u32).to_le_bytes());
    raw.extend_from_slice(&(words.len() as u32).to_le_bytes());
    for (w, v) in words {
        raw.extend_from_slice(&word_hash(w).to_le_bytes());
        raw.extend(v.iter().map(|&x| x as u8));
    }
    to_gz_bytes(&raw)
}

/// What [`build`] makes: the class table (TSV) and the gzipped word vectors.
pub struct Built {
    pub table: String,
    pub vectors_gz: Vec<u8>,
}

/// Builds the class table (TSV: `word fine coarse cap`, sorted by word) and the word vectors
/// from texts.
pub fn build(texts: &[String], mut log: impl FnMut(&str)) -> Built {
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
    let dense = svd_vectors(&vecs, dims, SEED ^ 0x5EC7_0125, &mut log);
    let mut with_vectors: Vec<(&str, &[i8])> = vocab
        .iter()
        .zip(&dense)
        .map(|(&w, v)| (words[w as usize].as_str(), &v[..]))
        .collect();
    with_vectors.sort_by(|a, b| a.0.cmp(b.0));
    let vectors_gz = vectors_to_gz(&with_vectors);
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
    Built {
        table: out,
        vectors_gz,
    }
}

/// Gzips a table (deterministic bytes).
pub fn to_gz(table: &str) -> Vec<u8> {
    to_gz_bytes(table.as_bytes())
}

fn to_gz_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}
