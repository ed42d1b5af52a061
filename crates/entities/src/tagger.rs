//! The named-entity tagger: a greedy left-to-right averaged perceptron over hashed features
//! (word, shape, affixes, a ±2 word window, gazetteer matches, distributional word classes and
//! capitalisation habits from [`crate::clusters`], and the two previous tags), optionally plus
//! real-valued features (the 64-dimensional word vectors of [`crate::clusters::vector_of`] of the
//! token and its ±1 neighbours; not in the committed model: `CORROBORATE_NER_DENSE=1`), with
//! BIO tags over PER, ORG, LOC and MISC. Sparse weights are feature-hashed into `2^BITS` rows of
//! one float per tag, vector weights follow in `3 × DIMS` rows; all stored quantised to i16 and
//! gzipped (`model/ner.bin.gz`).
//!
//! Speed: most features depend on one word at a fixed offset from the token scored, so their
//! summed weight vectors are cached per word and offset in a per-thread map ([`Model::tag`]); a
//! token then costs one map lookup plus the few pair, gazetteer and history features instead of
//! ~50 random loads from the weight table. The sums are the same integers, so the tags are
//! identical to the uncached path ([`Model::tag_uncached`], tested). In a well-cased sentence a
//! lower-case word outside the gazetteers that follows an O is tagged O without scoring
//! ([`skippable`]; EWT dev F1 unchanged).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::Write;
use std::sync::LazyLock;

use crate::clusters::{class_of, vector, vector_of, WordClass, DIMS};
use crate::error::EntitiesError;
use crate::lexicon::{self, exact_hash, lexicon, mix, phrase_step, word_hash, MAX_PHRASE};

/// The tag set: O, then B/I for each label in [`LABELS`].
pub const TAGS: &[&str] = &[
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Entity labels, in tag order.
pub const LABELS: &[&str] = &["PER", "ORG", "LOC", "MISC"];
const NT: usize = 9;
/// Hash table size, log2.
pub static BITS: LazyLock<u32> = LazyLock::new(|| {
    std::env::var("CORROBORATE_NER_BITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
});
/// A model without word-vector weights.
const MAGIC: &[u8; 8] = b"CRNER1\0\0";
/// A model with word-vector weights ([`DENSE_ROWS`] rows after the hashed ones).
const MAGIC_DENSE: &[u8; 8] = b"CRNER2\0\0";
/// A model in the sparse layout of [`Model::to_gz`] (only the rows holding a non-zero weight).
const MAGIC_SPARSE: &[u8; 8] = b"CRNER3\0\0";
/// Rows of dense word-vector weights after the hashed rows: one per vector component for the
/// word one before the token scored, the token itself and the word one after.
const DENSE_ROWS: usize = 3 * DIMS;
/// A stored vector component `q` (about ±16 per unit, see [`crate::clusters::DIMS`]) is the
/// feature value `q / VDENOM`: small values, so the 192 real-valued features do not outweigh
/// the sparse ones in the perceptron updates (EWT dev, 3-seed means: 16 scored 0.738, 64 0.748,
/// 200 0.758, 500 0.760, 1000 0.756; `CORROBORATE_NER_VEC_DENOM` overrides for experiments).
static VDENOM: LazyLock<i32> = LazyLock::new(|| {
    std::env::var("CORROBORATE_NER_VEC_DENOM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DENSE_DIVISOR)
});
const DENSE_DIVISOR: i32 = 500;
/// `CORROBORATE_NER_DENSE=1` trains with the word-vector features. Off by default: they moved
/// EWT dev F1 by +0.004 only (9-seed means 0.753 -> 0.757) and the model trained with them
/// loses a person of the seed story (`tests/seeds.rs`: "Defectors Ryu and Pak", where the
/// vector of lower-cased "pak" pulls toward O).
static DENSE: LazyLock<bool> =
    LazyLock::new(|| std::env::var("CORROBORATE_NER_DENSE").is_ok_and(|v| v == "1"));

/// The committed model, read once.
static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::from_gz(include_bytes!("../model/ner.bin.gz")).ok());

/// The committed model, or `None` if it could not be read (then no entities are tagged).
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// Subtracted from the O score when decoding: trades precision for recall (tuned on EWT dev:
/// 0 -> 4 moved F1 0.696 -> 0.707, P 0.745 -> 0.737, R 0.653 -> 0.679).
static O_PENALTY: LazyLock<f32> = LazyLock::new(|| {
    std::env::var("CORROBORATE_NER_O_PENALTY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_O_PENALTY)
});
const DEFAULT_O_PENALTY: f32 = 4.0;

/// Perceptron weights: `weights[bucket * NT + tag]`.
pub struct Model {
    bits: u32,
    /// Quantised weights; a weight is `w as f32 * scale`.
    weights: Vec<i16>,
    scale: f32,
    /// Whether the word-vector rows hold weights (else they are zero and skipped).
    dense: bool,
    /// Unique per model built in this process: keys the per-thread word cache (an address could
    /// be reused by a later model).
    id: u64,
}

fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Tag index of a label's B tag.
pub fn b_tag(label: usize) -> u8 {
    (1 + 2 * label) as u8
}

/// Parses a tag string ("B-PER"); OTH (nationalities, events) counts as MISC; unknown tags are O.
pub fn tag_index(tag: &str) -> u8 {
    let (bi, label) = match tag.split_once('-') {
        Some((bi, label)) => (bi, label),
        None => return 0,
    };
    let l = match label {
        "PER" | "person" => 0,
        "ORG" | "corporation" | "group" => 1,
        "LOC" | "GPE" | "location" => 2,
        "MISC" | "OTH" | "creative-work" | "product" => 3,
        _ => return 0,
    };
    match bi {
        "B" => b_tag(l),
        "I" => b_tag(l) + 1,
        _ => 0,
    }
}

/// Entity spans (token start, token end, label index) from a BIO tag sequence.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i] as usize;
        if t == 0 {
            i += 1;
            continue;
        }
        let label = (t - 1) / 2;
        let mut j = i + 1;
        while j < tags.len() && tags[j] as usize == b_tag(label) as usize + 1 {
            j += 1;
        }
        out.push((i, j, label));
        i = j;
    }
    out
}

// Feature templates.
const T_BIAS: u64 = 1;
const T_LW: u64 = 2;
const T_W: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PRE: u64 = 5; // +0..3
const T_SUF: u64 = 9; // +0..4
const T_LW_M1: u64 = 14;
const T_LW_P1: u64 = 15;
const T_LW_M2: u64 = 16;
const T_LW_P2: u64 = 17;
const T_SH_M1: u64 = 18;
const T_SH_P1: u64 = 19;
const T_SH3: u64 = 20;
const T_BI_M: u64 = 21;
const T_BI_P: u64 = 22;
const T_GAZ: u64 = 23;
const T_GAZ_M1: u64 = 24;
const T_GAZ_P1: u64 = 25;
const T_FIRST: u64 = 26;
const T_CAPS_SENT: u64 = 27;
const T_PREV: u64 = 28;
const T_PREV2: u64 = 29;
const T_PREV_LW: u64 = 30;
const T_PREV_SH: u64 = 31;
const T_GAZ_B: u64 = 32;
const T_W_M1CAP: u64 = 33;
const T_LEN: u64 = 34;
const T_GAZ_CAP: u64 = 35;
const T_GAZ_M2: u64 = 36;
const T_GAZ_P2: u64 = 37;
const T_W_M1: u64 = 38;
const T_W_P1: u64 = 39;
const T_SUF_M1: u64 = 40;
const T_SUF_P1: u64 = 41;
const T_CAPS: u64 = 42;
const T_CL_F: u64 = 43;
const T_CL_C: u64 = 44;
const T_CL_F_M1: u64 = 45;
const T_CL_F_P1: u64 = 46;
const T_CL_C_M1: u64 = 47;
const T_CL_C_P1: u64 = 48;
const T_CAPR: u64 = 49;
const T_CL_CAP: u64 = 50;
const T_CAPR_M1P1: u64 = 51;
const T_CL_C_M2: u64 = 52;
const T_CL_C_P2: u64 = 53;

/// Per-token values that do not depend on tags.
#[derive(Clone, Copy, Default)]
struct TokInfo {
    lw: u64,
    w: u64,
    shape: u64,
    /// Lexicon classes of phrases covering this token.
    gaz: u8,
    /// Lexicon classes of phrases starting at this token.
    gaz_b: u8,
    cap: bool,
    /// Hash of the last three characters, lower-cased.
    suf3: u64,
    /// Distributional class of the lower-cased word.
    cl: WordClass,
}

fn shape_hash(word: &str) -> u64 {
    let mut h = 0x1234_5678u64;
    let mut last = 0u8;
    let mut n = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if k != last {
            h = mix(h, u64::from(k));
            last = k;
            n += 1;
            if n > 6 {
                break;
            }
        }
    }
    h
}

/// Reusable buffers for tagging (no allocation per token once warm).
#[derive(Default)]
pub struct Scratch {
    infos: Vec<TokInfo>,
    feats: Vec<u32>,
    /// Start of each token's static features in `feats`.
    starts: Vec<usize>,
    /// Each token's summed static feature weights.
    stat: Vec<[i32; NT]>,
    /// Each token's entry in the word cache (cached path only).
    ids: Vec<u32>,
    /// Tokens tagged O without scoring when the previous tag is O (see [`skippable`]).
    skip: Vec<bool>,
    /// Each word's [`word_flags`] (cached path only).
    flags: Vec<u8>,
}

/// The word-level part of a token's [`TokInfo`] (no gazetteer matches yet).
fn token_info(w: &str) -> TokInfo {
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let suf3 = w
        .char_indices()
        .rev()
        .nth(2)
        .map_or(word_hash(w), |(b, _)| word_hash(&w[b..]));
    let lw = word_hash(w);
    TokInfo {
        lw,
        w: exact_hash(w),
        shape: shape_hash(w),
        gaz: 0,
        gaz_b: 0,
        cap,
        suf3,
        cl: class_of(lw),
    }
}

fn infos(words: &[&str], out: &mut Vec<TokInfo>) {
    out.clear();
    out.extend(words.iter().map(|w| token_info(w)));
    gazetteer_matches(out);
}

/// Sets the gazetteer classes of phrases covering / starting at each token.
fn gazetteer_matches(out: &mut [TokInfo]) {
    let lx = lexicon();
    gazetteer_scan(out, |_, t| lx.classes_and_prefix(phrase_step(0, t.lw)));
}

/// [`gazetteer_matches`] with the one-word lookup of each token given by `first` (the word
/// cache keeps it: most words begin no phrase, so they cost no lookup).
fn gazetteer_scan(out: &mut [TokInfo], first: impl Fn(usize, &TokInfo) -> (u8, bool)) {
    let lx = lexicon();
    for i in 0..out.len() {
        let (c, longer) = first(i, &out[i]);
        if c != 0 {
            out[i].gaz_b |= c;
            out[i].gaz |= c;
        }
        if !longer {
            continue;
        }
        let mut h = phrase_step(0, out[i].lw);
        for len in 2..=MAX_PHRASE.min(out.len() - i) {
            h = phrase_step(h, out[i + len - 1].lw);
            let (c, longer) = lx.classes_and_prefix(h);
            if c != 0 {
                out[i].gaz_b |= c;
                for t in &mut out[i..i + len] {
                    t.gaz |= c;
                }
            }
            if !longer {
                break;
            }
        }
    }
}

/// A word's [`TokInfo`] (without gazetteer matches) and the summed weights of the features it
/// contributes to the token two before it (`parts[0]`, as its `+2` neighbour), one before
/// (`parts[1]`), itself (`parts[2]`), one after (`parts[3]`) and two after (`parts[4]`).
struct WordParts {
    info: TokInfo,
    parts: [[i32; NT]; 5],
    /// `T_W_M1CAP` of the token after this word, by that token's capitalisation.
    m1cap: [[i32; NT]; 2],
    /// `T_CL_CAP` of this word, not first / first in its sentence.
    clcap: [[i32; NT]; 2],
    /// `T_PREV_LW` of this word, by previous tag.
    prev_lw: [[i32; NT]; NT],
    /// The gazetteer lookup of the word alone: class bits, and whether a longer phrase starts
    /// with it.
    gaz1: (u8, bool),
    /// [`word_flags`] of the word.
    flags: u8,
}

/// Some character is alphabetic.
const F_ALPHA: u8 = 1;
/// Some character is lower-case.
const F_LOWER: u8 = 2;
/// The first alphabetic character is upper-case.
const F_FIRST_ALPHA_UPPER: u8 = 4;
/// The first character is lower-case.
const F_FIRST_LOWER: u8 = 8;

/// What [`caps_sentence`] and [`skippable`] ask of a word, as `F_*` bits.
fn word_flags(w: &str) -> u8 {
    let mut f = 0;
    if w.chars().any(char::is_alphabetic) {
        f |= F_ALPHA;
    }
    if w.chars().any(char::is_lowercase) {
        f |= F_LOWER;
    }
    if w.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
    {
        f |= F_FIRST_ALPHA_UPPER;
    }
    if w.chars().next().is_some_and(char::is_lowercase) {
        f |= F_FIRST_LOWER;
    }
    f
}

/// Per-thread cache of [`WordParts`] by exact word hash, for one model.
#[derive(Default)]
struct WordCache {
    /// Id of the model the parts were summed from (0: none yet).
    model: u64,
    map: HashMap<u64, u32, BuildHasherDefault<lexicon::IdHasher>>,
    /// The entries `map` points to (the first `kept`), then the current sentence's words that
    /// did not fit.
    parts: Vec<WordParts>,
    kept: usize,
    /// The summed weights of the sentence-edge stand-ins ([`EDGE`]) as the neighbours two
    /// before, one before, one after and two after a token (the same for every sentence).
    edges: [[i32; NT]; 4],
}

#[inline]
fn add(acc: &mut [i32; NT], v: &[i32; NT]) {
    for (a, b) in acc.iter_mut().zip(v) {
        *a += b;
    }
}

/// Words cached per thread (about 650 bytes each: 26 MB at most); later new words are summed
/// for their sentence only.
const WORD_CACHE_MAX: usize = 40_000;

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

/// Stand-ins for the missing neighbours at the sentence edges: before the first token (one
/// and two back), after the last (one and two on).
const EDGE: [TokInfo; 4] = {
    const NONE: TokInfo = TokInfo {
        lw: 77,
        w: 77,
        shape: 77,
        gaz: 0,
        gaz_b: 0,
        cap: false,
        suf3: 77,
        cl: WordClass(0x7FF),
    };
    [
        NONE,
        TokInfo { lw: 78, ..NONE },
        TokInfo { lw: 79, ..NONE },
        TokInfo { lw: 80, ..NONE },
    ]
};

fn fine_class(t: &TokInfo) -> u64 {
    if t.cl.known() {
        t.cl.fine()
    } else {
        4095
    }
}

fn coarse_class(t: &TokInfo) -> u64 {
    if t.cl.known() {
        t.cl.coarse()
    } else {
        255
    }
}

/// Prefixes and suffixes of `word` of up to 3 / 4 characters (on char boundaries).
fn affix_features(word: &str, push: &mut impl FnMut(u64, u64)) {
    let mut ends = word.char_indices().map(|(b, _)| b).skip(1);
    for k in 0..3u64 {
        match ends.next() {
            Some(b) => push(T_PRE + k, word_hash(&word[..b])),
            None => break,
        }
    }
    let mut starts = word.char_indices().rev().map(|(b, _)| b);
    for k in 0..4u64 {
        match starts.next() {
            Some(b) if b > 0 => push(T_SUF + k, word_hash(&word[b..])),
            _ => break,
        }
    }
}

/// The features of a token that depend only on its own word.
fn own_features(word: &str, ti: &TokInfo, push: &mut impl FnMut(u64, u64)) {
    push(T_BIAS, 0);
    push(T_LW, ti.lw);
    push(T_W, ti.w);
    push(T_SHAPE, ti.shape);
    affix_features(word, push);
    push(T_LEN, word.len().min(12) as u64);
    push(T_CL_F, fine_class(ti));
    push(T_CL_C, coarse_class(ti));
}

/// The features a neighbour contributes on its own: `k` 0 is two before, 1 one before, 3 one
/// after, 4 two after the token scored.
fn neighbour_features(t: &TokInfo, k: usize, push: &mut impl FnMut(u64, u64)) {
    match k {
        0 => {
            push(T_LW_M2, t.lw);
            push(T_CL_C_M2, coarse_class(t));
        }
        1 => {
            push(T_LW_M1, t.lw);
            push(T_SH_M1, t.shape);
            push(T_W_M1, t.w);
            push(T_SUF_M1, t.suf3);
            push(T_CL_F_M1, fine_class(t));
            push(T_CL_C_M1, coarse_class(t));
        }
        3 => {
            push(T_LW_P1, t.lw);
            push(T_SH_P1, t.shape);
            push(T_W_P1, t.w);
            push(T_SUF_P1, t.suf3);
            push(T_CL_F_P1, fine_class(t));
            push(T_CL_C_P1, coarse_class(t));
        }
        4 => {
            push(T_LW_P2, t.lw);
            push(T_CL_C_P2, coarse_class(t));
        }
        _ => {}
    }
}

/// Token `i`'s neighbours at -1, -2, +1 and +2, with [`edge_infos`] beyond the sentence.
fn window(infos: &[TokInfo], i: usize) -> [TokInfo; 4] {
    let edge = EDGE;
    [
        if i >= 1 { infos[i - 1] } else { edge[0] },
        if i >= 2 { infos[i - 2] } else { edge[1] },
        infos.get(i + 1).copied().unwrap_or(edge[2]),
        infos.get(i + 2).copied().unwrap_or(edge[3]),
    ]
}

/// The capitalisation-class, gazetteer and sentence-edge features of token `ti` with its
/// [`window`] `w` ([m1, m2, p1, p2]): the same pushes, in the same order, for the cached path
/// ([`context_features`]) and the reference one ([`static_features`], which training uses).
fn window_features(
    ti: &TokInfo,
    w: [TokInfo; 4],
    i: usize,
    caps_sent: bool,
    push: &mut impl FnMut(u64, u64),
) {
    push(
        T_CAPR_M1P1,
        w[0].cl.cap() | w[2].cl.cap() << 3 | ti.cl.cap() << 6,
    );
    // No gazetteer match in the window: none of the pushes below.
    let any = ti.gaz | ti.gaz_b | w[0].gaz | w[1].gaz | w[2].gaz | w[3].gaz;
    let classes = if any == 0 { 0 } else { lexicon::CLASSES };
    for bit in 0..classes {
        let b = 1u8 << bit;
        if ti.gaz & b != 0 {
            push(T_GAZ, bit as u64);
            push(
                T_GAZ_CAP,
                mix(bit as u64, u64::from(ti.cap) + 2 * u64::from(caps_sent)),
            );
        }
        if ti.gaz_b & b != 0 {
            push(T_GAZ_B, bit as u64);
        }
        if w[0].gaz & b != 0 {
            push(T_GAZ_M1, mix(bit as u64, u64::from(w[0].cap)));
        }
        if w[2].gaz & b != 0 {
            push(T_GAZ_P1, mix(bit as u64, u64::from(w[2].cap)));
        }
        if w[1].gaz & b != 0 {
            push(T_GAZ_M2, bit as u64);
        }
        if w[3].gaz & b != 0 {
            push(T_GAZ_P2, bit as u64);
        }
    }
    if i == 0 {
        push(T_FIRST, ti.shape);
    }
    if caps_sent {
        push(T_CAPS_SENT, ti.lw);
    }
}

/// The static features of token `i` that combine words, capitalisation or gazetteer matches
/// (everything [`static_features`] pushes beyond [`own_features`] and [`neighbour_features`]).
/// Leaves out the two [`WordParts`] holds besides its offsets (`m1cap` after the first token,
/// `clcap`).
fn context_features(infos: &[TokInfo], i: usize, caps_sent: bool, push: &mut impl FnMut(u64, u64)) {
    let ti = &infos[i];
    let [m1, m2, p1, p2] = window(infos, i);
    push(T_SH3, mix(mix(m1.shape, ti.shape), p1.shape));
    push(T_BI_M, mix(m1.lw, ti.lw));
    push(T_BI_P, mix(ti.lw, p1.lw));
    if i == 0 {
        push(T_W_M1CAP, mix(m1.lw, u64::from(ti.cap)));
    }
    push(
        T_CAPS,
        u64::from(m1.cap)
            | u64::from(ti.cap) << 1
            | u64::from(p1.cap) << 2
            | u64::from(i == 0) << 3,
    );
    let first = u64::from(i == 0);
    push(
        T_CAPR,
        ti.cl.cap() | u64::from(ti.cap) << 3 | first << 4 | u64::from(caps_sent) << 5,
    );
    window_features(ti, [m1, m2, p1, p2], i, caps_sent, push);
}

/// Pushes the tag-independent feature hashes of token `i`.
fn static_features(
    words: &[&str],
    infos: &[TokInfo],
    i: usize,
    caps_sent: bool,
    mask: u64,
    out: &mut Vec<u32>,
) {
    let mut push = |t: u64, v: u64| out.push((mix(t, v) & mask) as u32);
    let ti = &infos[i];
    let [m1, m2, p1, p2] = window(infos, i);
    push(T_BIAS, 0);
    push(T_LW, ti.lw);
    push(T_W, ti.w);
    push(T_SHAPE, ti.shape);
    let word = words[i];
    affix_features(word, &mut push);
    push(T_LW_M1, m1.lw);
    push(T_LW_P1, p1.lw);
    push(T_LW_M2, m2.lw);
    push(T_LW_P2, p2.lw);
    push(T_SH_M1, m1.shape);
    push(T_SH_P1, p1.shape);
    push(T_SH3, mix(mix(m1.shape, ti.shape), p1.shape));
    push(T_BI_M, mix(m1.lw, ti.lw));
    push(T_BI_P, mix(ti.lw, p1.lw));
    push(T_W_M1CAP, mix(m1.lw, u64::from(ti.cap)));
    push(T_LEN, word.len().min(12) as u64);
    push(T_W_M1, m1.w);
    push(T_W_P1, p1.w);
    push(T_SUF_M1, m1.suf3);
    push(T_SUF_P1, p1.suf3);
    push(
        T_CAPS,
        u64::from(m1.cap)
            | u64::from(ti.cap) << 1
            | u64::from(p1.cap) << 2
            | u64::from(i == 0) << 3,
    );
    let (cl, cc) = (fine_class, coarse_class);
    push(T_CL_F, cl(ti));
    push(T_CL_C, cc(ti));
    push(T_CL_F_M1, cl(&m1));
    push(T_CL_F_P1, cl(&p1));
    push(T_CL_C_M1, cc(&m1));
    push(T_CL_C_P1, cc(&p1));
    push(T_CL_C_M2, cc(&m2));
    push(T_CL_C_P2, cc(&p2));
    let first = u64::from(i == 0);
    push(
        T_CAPR,
        ti.cl.cap() | u64::from(ti.cap) << 3 | first << 4 | u64::from(caps_sent) << 5,
    );
    push(T_CL_CAP, mix(cl(ti), u64::from(ti.cap) | first << 1));
    window_features(ti, [m1, m2, p1, p2], i, caps_sent, &mut push);
}

fn history_features(
    infos: &[TokInfo],
    i: usize,
    prev: u8,
    prev2: u8,
    mask: u64,
    out: &mut [u32; 4],
) {
    let p = u64::from(prev);
    out[0] = (mix(T_PREV, p) & mask) as u32;
    out[1] = (mix(T_PREV2, mix(p, u64::from(prev2))) & mask) as u32;
    out[2] = (mix(T_PREV_LW, mix(p, infos[i].lw)) & mask) as u32;
    out[3] = (mix(T_PREV_SH, mix(p, infos[i].shape)) & mask) as u32;
}

/// Skipping lower-case tokens (`CORROBORATE_NER_SKIP=0` scores every token).
static SKIP: LazyLock<bool> =
    LazyLock::new(|| std::env::var("CORROBORATE_NER_SKIP").map_or(true, |v| v != "0"));

/// Marks the tokens that are tagged O without scoring when the previous tag is O: in a
/// well-cased sentence (its first word capitalised, not mostly upper-case), a word that starts
/// lower-case and is in no gazetteer phrase. Such a token is almost always O after O, and
/// scoring only the others is several times less work on news text.
fn skippable(words: &[&str], infos: &[TokInfo], caps_sent: bool, out: &mut Vec<bool>) {
    out.clear();
    let first_cap = words
        .iter()
        .find_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .is_some_and(char::is_uppercase);
    let well_cased = *SKIP && first_cap && !caps_sent;
    out.extend(words.iter().zip(infos).map(|(w, ti)| {
        well_cased && ti.gaz == 0 && w.chars().next().is_some_and(char::is_lowercase)
    }));
}

/// [`skippable`] from the words' [`word_flags`].
fn skippable_flags(flags: &[u8], infos: &[TokInfo], caps_sent: bool, out: &mut Vec<bool>) {
    out.clear();
    let first_cap = flags
        .iter()
        .find(|&&f| f & F_ALPHA != 0)
        .is_some_and(|&f| f & F_FIRST_ALPHA_UPPER != 0);
    let well_cased = *SKIP && first_cap && !caps_sent;
    out.extend(
        flags
            .iter()
            .zip(infos)
            .map(|(&f, ti)| well_cased && ti.gaz == 0 && f & F_FIRST_LOWER != 0),
    );
}

/// [`caps_sentence`] from the words' [`word_flags`].
fn caps_sentence_flags(flags: &[u8]) -> bool {
    let letters = flags.iter().filter(|&&f| f & F_ALPHA != 0).count();
    let upper = flags
        .iter()
        .filter(|&&f| f & (F_ALPHA | F_LOWER) == F_ALPHA)
        .count();
    letters >= 3 && upper * 10 >= letters * 8
}

fn caps_sentence(words: &[&str]) -> bool {
    let mut upper = 0;
    let mut letters = 0;
    for w in words {
        if w.chars().any(char::is_alphabetic) {
            letters += 1;
            if !w.chars().any(char::is_lowercase) {
                upper += 1;
            }
        }
    }
    letters >= 3 && upper * 10 >= letters * 8
}

fn prepare(words: &[&str], mask: u64, s: &mut Scratch) {
    infos(words, &mut s.infos);
    s.feats.clear();
    s.starts.clear();
    let caps = caps_sentence(words);
    for i in 0..words.len() {
        s.starts.push(s.feats.len());
        static_features(words, &s.infos, i, caps, mask, &mut s.feats);
    }
    s.starts.push(s.feats.len());
}

/// Whether tag `t` may follow tag `prev` (an I- tag continues its own label only).
#[inline]
fn allowed(prev: u8, t: usize) -> bool {
    t == 0 || t % 2 == 1 || prev as usize == t || prev as usize + 1 == t
}

fn best(scores: &[f32; NT], prev: u8) -> u8 {
    let mut best = 0usize;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if allowed(prev, t) && s > best_score {
            best = t;
            best_score = s;
        }
    }
    best as u8
}

impl Model {
    fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// BIO tag indices for a tokenised sentence.
    pub fn tag(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u8>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        WORD_CACHE.with(|cache| match cache.try_borrow_mut() {
            Ok(mut cache) => self.tag_cached(words, scratch, &mut cache, out),
            // Not reachable (tagging does not re-enter itself); the uncached path tags the same.
            Err(_) => self.tag_reference(words, scratch, out),
        });
    }

    /// The same tags as [`Model::tag`], from every feature hashed and looked up afresh (no word
    /// cache): the reference the cached path is tested against.
    pub fn tag_uncached(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u8>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        self.tag_reference(words, scratch, out);
    }

    fn tag_reference(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u8>) {
        self.static_sums_reference(words, scratch);
        skippable(
            words,
            &scratch.infos,
            caps_sentence(words),
            &mut scratch.skip,
        );
        let Scratch {
            infos, stat, skip, ..
        } = scratch;
        self.decode(
            infos,
            skip,
            |i| stat[i],
            |_, hist, prev, acc| self.add_history(hist, prev, None, acc),
            out,
        );
    }

    fn tag_cached(
        &self,
        words: &[&str],
        scratch: &mut Scratch,
        cache: &mut WordCache,
        out: &mut Vec<u8>,
    ) {
        let caps = self.static_sums_cached(words, scratch, cache);
        let parts = &cache.parts;
        let edges = &cache.edges;
        let Scratch {
            infos,
            stat,
            skip,
            ids,
            ..
        } = scratch;
        self.decode(
            infos,
            skip,
            |i| {
                if skip[i] {
                    self.cached_sum(i, infos, ids, parts, edges, caps)
                } else {
                    stat[i]
                }
            },
            |i, hist, prev, acc| self.add_history(hist, prev, parts.get(ids[i] as usize), acc),
            out,
        );
    }

    /// Adds the history features' weights; with the word's cached `parts`, `T_PREV_LW` (`hist[2]`)
    /// comes from them.
    #[inline]
    fn add_history(
        &self,
        hist: &[u32; 4],
        prev: u8,
        parts: Option<&WordParts>,
        acc: &mut [i32; NT],
    ) {
        match parts {
            Some(e) => {
                for &f in [hist[0], hist[1], hist[3]].iter() {
                    self.add_row(f, acc);
                }
                add(acc, &e.prev_lw[usize::from(prev)]);
            }
            None => {
                for &f in hist {
                    self.add_row(f, acc);
                }
            }
        }
    }

    /// Adds the vector features of the word with lower-cased hash `lw` at `slot` (0: one before
    /// the token scored, 1: the token, 2: one after): the integer sum of component × weight,
    /// divided by [`VDENOM`] with rounding (the same integers on every path). Nothing without
    /// vector weights (the vectors are then never read).
    #[inline]
    fn add_dense(&self, lw: u64, slot: usize, acc: &mut [i32; NT]) {
        if !self.dense {
            return;
        }
        let v = vector(vector_of(lw));
        if v.is_empty() {
            return;
        }
        let base = ((1usize << self.bits) + slot * DIMS) * NT;
        let Some(rows) = self.weights.get(base..base + DIMS * NT) else {
            return;
        };
        let mut sum = [0i32; NT];
        for (&q, row) in v.iter().zip(rows.chunks_exact(NT)) {
            for t in 0..NT {
                sum[t] += i32::from(q) * i32::from(row[t]);
            }
        }
        for t in 0..NT {
            acc[t] += (sum[t] + *VDENOM / 2).div_euclid(*VDENOM);
        }
    }

    #[inline]
    fn add_row(&self, f: u32, acc: &mut [i32; NT]) {
        let row = &self.weights[f as usize * NT..f as usize * NT + NT];
        for t in 0..NT {
            acc[t] += i32::from(row[t]);
        }
    }

    /// `scratch.stat`: each token's summed static feature weights, every feature looked up.
    fn static_sums_reference(&self, words: &[&str], scratch: &mut Scratch) {
        prepare(words, self.mask(), scratch);
        // Static scores of every token first: the loads do not wait on earlier tags, so their
        // cache misses overlap (the weight table is larger than the cache).
        scratch.stat.clear();
        for i in 0..words.len() {
            let mut acc = [0i32; NT];
            for &f in &scratch.feats[scratch.starts[i]..scratch.starts[i + 1]] {
                self.add_row(f, &mut acc);
            }
            for (slot, j) in [(0, i.checked_sub(1)), (1, Some(i)), (2, Some(i + 1))] {
                if let Some(t) = j.and_then(|j| scratch.infos.get(j)) {
                    self.add_dense(t.lw, slot, &mut acc);
                }
            }
            scratch.stat.push(acc);
        }
    }

    /// The summed weights of the features a word contributes from each offset (see [`WordParts`]).
    fn word_parts(&self, word: &str, ti: &TokInfo) -> WordParts {
        let mask = self.mask();
        let mut parts = [[0i32; NT]; 5];
        own_features(word, ti, &mut |t, v| {
            self.add_row((mix(t, v) & mask) as u32, &mut parts[2])
        });
        // Word vector: as the token's own (slot 1), as the word one before the token scored
        // (slot 0, parts[1]) and one after it (slot 2, parts[3]).
        self.add_dense(ti.lw, 1, &mut parts[2]);
        self.add_dense(ti.lw, 0, &mut parts[1]);
        self.add_dense(ti.lw, 2, &mut parts[3]);
        for (k, part) in parts.iter_mut().enumerate() {
            if k == 2 {
                continue;
            }
            neighbour_features(ti, k, &mut |t, v| {
                self.add_row((mix(t, v) & mask) as u32, part)
            });
        }
        let row = |t: u64, v: u64| {
            let mut acc = [0i32; NT];
            self.add_row((mix(t, v) & mask) as u32, &mut acc);
            acc
        };
        let m1cap = [row(T_W_M1CAP, mix(ti.lw, 0)), row(T_W_M1CAP, mix(ti.lw, 1))];
        let cap = u64::from(ti.cap);
        let clcap = [
            row(T_CL_CAP, mix(fine_class(ti), cap)),
            row(T_CL_CAP, mix(fine_class(ti), cap | 2)),
        ];
        let prev_lw = std::array::from_fn(|p| row(T_PREV_LW, mix(p as u64, ti.lw)));
        WordParts {
            info: *ti,
            parts,
            m1cap,
            clcap,
            prev_lw,
            gaz1: lexicon().classes_and_prefix(phrase_step(0, ti.lw)),
            flags: word_flags(word),
        }
    }

    /// Looks up every word's cached [`WordParts`] (`scratch.ids`, `scratch.infos`), marks the
    /// skippable tokens, and sums the static weights of the others into `scratch.stat` (the same
    /// integer sums as [`Model::static_sums_reference`], so the same tags).
    /// Returns whether the sentence is mostly upper-case.
    fn static_sums_cached(
        &self,
        words: &[&str],
        scratch: &mut Scratch,
        cache: &mut WordCache,
    ) -> bool {
        if cache.model != self.id {
            cache.map.clear();
            cache.parts.clear();
            cache.kept = 0;
            cache.model = self.id;
            let mask = self.mask();
            cache.edges = [(1, 0), (0, 1), (2, 3), (3, 4)].map(|(e, k)| {
                let mut acc = [0i32; NT];
                neighbour_features(&EDGE[e], k, &mut |t, v| {
                    self.add_row((mix(t, v) & mask) as u32, &mut acc)
                });
                acc
            });
        }
        // Drop the previous sentence's uncached entries.
        cache.parts.truncate(cache.kept);
        scratch.infos.clear();
        scratch.ids.clear();
        for w in words {
            let h = exact_hash(w);
            let id = match cache.map.get(&h) {
                Some(&id) => id,
                None => {
                    let id = cache.parts.len() as u32;
                    cache.parts.push(self.word_parts(w, &token_info(w)));
                    // Once the cache is full, new words stay for this sentence only: the
                    // frequent words, met first, stay cached.
                    if cache.kept < WORD_CACHE_MAX {
                        cache.map.insert(h, id);
                        cache.kept += 1;
                    }
                    id
                }
            };
            // `id` is always an entry (found, or pushed just now).
            let info = cache
                .parts
                .get(id as usize)
                .map_or_else(|| token_info(w), |e| e.info);
            scratch.infos.push(info);
            scratch.ids.push(id);
        }
        let parts = &cache.parts;
        let entry = |i: usize| scratch.ids.get(i).and_then(|&id| parts.get(id as usize));
        // Each word's flags (an entry exists for every word: found or pushed above).
        scratch.flags.clear();
        scratch.flags.extend(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| entry(i).map_or_else(|| word_flags(w), |e| e.flags)),
        );
        let lx = lexicon();
        gazetteer_scan(&mut scratch.infos, |i, t| {
            entry(i).map_or_else(|| lx.classes_and_prefix(phrase_step(0, t.lw)), |e| e.gaz1)
        });
        let caps = caps_sentence_flags(&scratch.flags);
        skippable_flags(&scratch.flags, &scratch.infos, caps, &mut scratch.skip);
        let Scratch {
            infos,
            stat,
            skip,
            ids,
            ..
        } = scratch;
        stat.clear();
        for (i, &sk) in skip.iter().enumerate() {
            stat.push(if sk {
                [0; NT]
            } else {
                self.cached_sum(i, infos, ids, &cache.parts, &cache.edges, caps)
            });
        }
        caps
    }

    /// The static weight sum of token `i` from the cached parts of the words around it plus its
    /// context features.
    fn cached_sum(
        &self,
        i: usize,
        infos: &[TokInfo],
        ids: &[u32],
        parts: &[WordParts],
        edges: &[[i32; NT]; 4],
        caps: bool,
    ) -> [i32; NT] {
        let n = infos.len();
        let mut acc = [0i32; NT];
        // The words at offsets -2..=2 contribute their parts[k] (word j = i + k - 2).
        for k in 0..5 {
            let Some(j) = (i + k).checked_sub(2) else {
                continue;
            };
            if let Some(e) = ids.get(j).and_then(|&id| parts.get(id as usize)) {
                add(&mut acc, &e.parts[k]);
                if k == 2 {
                    add(&mut acc, &e.clcap[usize::from(i == 0)]);
                }
                if k == 1 {
                    add(&mut acc, &e.m1cap[usize::from(infos[i].cap)]);
                }
            }
        }
        // Neighbours beyond the sentence edges: their sums, from `edges`.
        for (k, edge) in edges.iter().enumerate() {
            let beyond = match k {
                0 => i < 2,
                1 => i < 1,
                2 => i + 1 >= n,
                _ => i + 2 >= n,
            };
            if beyond {
                add(&mut acc, edge);
            }
        }
        let mask = self.mask();
        let mut push = |t: u64, v: u64| self.add_row((mix(t, v) & mask) as u32, &mut acc);
        context_features(infos, i, caps, &mut push);
        acc
    }

    /// Greedy left-to-right decoding: `sum(i)` gives token `i`'s static weight sum and
    /// `history(i, hist, prev, acc)` adds its history features. A skippable token after O is O
    /// without scoring (see [`skippable`]).
    fn decode(
        &self,
        infos: &[TokInfo],
        skip: &[bool],
        mut sum: impl FnMut(usize) -> [i32; NT],
        history: impl Fn(usize, &[u32; 4], u8, &mut [i32; NT]),
        out: &mut Vec<u8>,
    ) {
        let mut prev = 0u8;
        let mut prev2 = 0u8;
        let mut hist = [0u32; 4];
        for (i, &sk) in skip.iter().enumerate().take(infos.len()) {
            if prev == 0 && sk {
                out.push(0);
                prev2 = prev;
                continue;
            }
            let mut acc = sum(i);
            history_features(infos, i, prev, prev2, self.mask(), &mut hist);
            history(i, &hist, prev, &mut acc);
            let mut scores = [0f32; NT];
            for t in 0..NT {
                scores[t] = acc[t] as f32 * self.scale;
            }
            scores[0] -= *O_PENALTY;
            let t = best(&scores, prev);
            out.push(t);
            prev2 = prev;
            prev = t;
        }
    }

    /// Reads a gzipped model file: the sparse layout [`Model::to_gz`] writes, or the older dense
    /// one (every row, [`MAGIC`] / [`MAGIC_DENSE`]).
    pub fn from_gz(bytes: &[u8]) -> Result<Model, EntitiesError> {
        let bad = |reason: &str| EntitiesError::Model(reason.to_string());
        let raw = crate::gz::gunzip(bytes, 64 << 20).map_err(|e| bad(&e.to_string()))?;
        let le32 = |at: usize| {
            raw.get(at..at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let magic = raw.get(..8).unwrap_or_default();
        let sparse = magic == &MAGIC_SPARSE[..];
        let (Some(bits), Some(nt), Some(scale)) = (le32(8), le32(12), le32(16)) else {
            return Err(bad("not a corroborate NER model (bad header)"));
        };
        let scale = f32::from_bits(scale);
        if !(sparse || magic == &MAGIC_DENSE[..] || magic == &MAGIC[..]) {
            return Err(bad("not a corroborate NER model (bad header)"));
        }
        if nt as usize != NT || !(10..=24).contains(&bits) {
            return Err(bad("unexpected tag count or table size"));
        }
        let hashed = (1usize << bits) * NT;
        let mut weights = vec![0i16; hashed + DENSE_ROWS * NT];
        let dense = if sparse {
            let (Some(flags), Some(count)) = (le32(20), le32(24)) else {
                return Err(bad("truncated header"));
            };
            let count = count as usize;
            let idx_at = 28;
            let rows_at = idx_at + 4 * count;
            if raw.len() != rows_at + 2 * NT * count {
                return Err(bad("truncated weights"));
            }
            let (idx, vals) = raw[idx_at..].split_at(4 * count);
            let mut row = 0usize;
            for (k, (gap, vals)) in idx
                .chunks_exact(4)
                .zip(vals.chunks_exact(2 * NT))
                .enumerate()
            {
                let gap = u32::from_le_bytes([gap[0], gap[1], gap[2], gap[3]]) as usize;
                row = if k == 0 { gap } else { row + gap };
                let Some(dst) = weights.get_mut(row * NT..row * NT + NT) else {
                    return Err(bad("row out of range"));
                };
                for (d, v) in dst.iter_mut().zip(vals.chunks_exact(2)) {
                    *d = i16::from_le_bytes([v[0], v[1]]);
                }
            }
            flags & 1 != 0
        } else {
            let dense = magic == &MAGIC_DENSE[..];
            let n = hashed + if dense { DENSE_ROWS * NT } else { 0 };
            if raw.len() != 20 + 2 * n {
                return Err(bad("truncated weights"));
            }
            for (d, c) in weights.iter_mut().zip(raw[20..].chunks_exact(2)) {
                *d = i16::from_le_bytes([c[0], c[1]]);
            }
            dense
        };
        Ok(Model {
            bits,
            weights,
            scale,
            dense,
            id: next_model_id(),
        })
    }

    /// Writes the model gzipped, quantised to i16 (deterministic bytes for the same weights), in
    /// the sparse layout: header ([`MAGIC_SPARSE`], bits, tag count, scale, flags (1: with
    /// word-vector weights), row count), then the indices of the rows holding a non-zero weight
    /// (the first, then gaps to the next; u32), then those rows (`NT` i16 each); all
    /// little-endian. About 5% of the hashed rows are non-zero, so it reads ~17 times fewer bytes
    /// than the dense layout.
    pub fn to_gz(&self) -> Vec<u8> {
        let hashed = (1usize << self.bits) * NT;
        let weights = if self.dense {
            &self.weights[..]
        } else {
            &self.weights[..hashed.min(self.weights.len())]
        };
        let rows: Vec<(usize, &[i16])> = weights
            .chunks_exact(NT)
            .enumerate()
            .filter(|(_, r)| r.iter().any(|&w| w != 0))
            .collect();
        let mut raw = Vec::with_capacity(28 + rows.len() * (4 + 2 * NT));
        raw.extend_from_slice(MAGIC_SPARSE);
        raw.extend_from_slice(&self.bits.to_le_bytes());
        raw.extend_from_slice(&(NT as u32).to_le_bytes());
        raw.extend_from_slice(&self.scale.to_le_bytes());
        raw.extend_from_slice(&u32::from(self.dense).to_le_bytes());
        raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for (k, &(r, _)) in rows.iter().enumerate() {
            let gap = if k == 0 { r } else { r - last };
            raw.extend_from_slice(&(gap as u32).to_le_bytes());
            last = r;
        }
        for (_, row) in &rows {
            for w in *row {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut enc = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }
}

/// One training sentence: tokens and tag indices.
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<u8>,
}

/// Trains an averaged perceptron for `epochs` passes, shuffling with a fixed seed.
pub fn train(
    examples: &[Example],
    epochs: usize,
    seed: u64,
    mut log: impl FnMut(usize, f64),
) -> Model {
    let bits = *BITS;
    let mask = (1u64 << bits) - 1;
    let n = ((1usize << bits) + DENSE_ROWS) * NT;
    let dense_base = 1u32 << bits;
    let mut w = vec![0f32; n];
    let mut acc = vec![0f64; n];
    let mut ts = vec![0u32; n];
    // Static features once per sentence.
    let mut cache: Vec<(Vec<u32>, Vec<usize>, Vec<TokInfo>)> = Vec::with_capacity(examples.len());
    let mut scratch = Scratch::default();
    for ex in examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        prepare(&words, mask, &mut scratch);
        cache.push((
            scratch.feats.clone(),
            scratch.starts.clone(),
            scratch.infos.clone(),
        ));
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let mut time: u32 = 1;
    let mut feats: Vec<u32> = Vec::new();
    // Word-vector features of the token scored: (row, value).
    let mut dense: Vec<(u32, f32)> = Vec::new();
    let pred_hist = std::env::var_os("CORROBORATE_NER_PREDICTED_HISTORY").is_some();
    let drop: u64 = std::env::var("CORROBORATE_NER_DROP")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0, |p| (p * 65536.0) as u64);
    for epoch in 0..epochs {
        // Fisher–Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut total = 0usize;
        for &k in &order {
            let (sf, starts, infos) = &cache[k];
            let gold = &examples[k].tags;
            let mut prev = 0u8;
            let mut prev2 = 0u8;
            let mut hist = [0u32; 4];
            for i in 0..gold.len() {
                history_features(infos, i, prev, prev2, mask, &mut hist);
                feats.clear();
                if drop > 0 {
                    for &f in &sf[starts[i]..starts[i + 1]] {
                        rng ^= rng << 13;
                        rng ^= rng >> 7;
                        rng ^= rng << 17;
                        if (rng & 0xFFFF) >= drop {
                            feats.push(f);
                        }
                    }
                } else {
                    feats.extend_from_slice(&sf[starts[i]..starts[i + 1]]);
                }
                feats.extend_from_slice(&hist);
                dense.clear();
                if *DENSE {
                    for (slot, j) in [(0u32, i.checked_sub(1)), (1, Some(i)), (2, Some(i + 1))] {
                        if let Some(t) = j.and_then(|j| infos.get(j)) {
                            for (d, &q) in vector(vector_of(t.lw)).iter().enumerate() {
                                let x = f32::from(q) / *VDENOM as f32;
                                dense.push((dense_base + slot * DIMS as u32 + d as u32, x));
                            }
                        }
                    }
                }
                let mut scores = [0f32; NT];
                for &f in &feats {
                    let row = &w[f as usize * NT..f as usize * NT + NT];
                    for t in 0..NT {
                        scores[t] += row[t];
                    }
                }
                for &(f, x) in &dense {
                    let row = &w[f as usize * NT..f as usize * NT + NT];
                    for t in 0..NT {
                        scores[t] += x * row[t];
                    }
                }
                let guess = best(&scores, prev);
                let truth = gold[i];
                if guess != truth {
                    errors += 1;
                    for &f in &feats {
                        for (t, delta) in [(truth as usize, 1f32), (guess as usize, -1f32)] {
                            let p = f as usize * NT + t;
                            acc[p] += f64::from(time - ts[p]) * f64::from(w[p]);
                            ts[p] = time;
                            w[p] += delta;
                        }
                    }
                    for &(f, x) in &dense {
                        for (t, delta) in [(truth as usize, x), (guess as usize, -x)] {
                            let p = f as usize * NT + t;
                            acc[p] += f64::from(time - ts[p]) * f64::from(w[p]);
                            ts[p] = time;
                            w[p] += delta;
                        }
                    }
                }
                total += 1;
                time += 1;
                prev2 = prev;
                // Gold history (teacher forcing) scored better on EWT dev than the predicted one.
                prev = if pred_hist { guess } else { truth };
            }
        }
        log(epoch, errors as f64 / total.max(1) as f64);
    }
    let avg: Vec<f32> = (0..n)
        .map(|p| {
            let sum = acc[p] + f64::from(time - ts[p]) * f64::from(w[p]);
            (sum / f64::from(time)) as f32
        })
        .collect();
    let max = avg.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
    let scale = max / 32767.0;
    let weights: Vec<i16> = avg.iter().map(|w| (w / scale).round() as i16).collect();
    let dense = weights
        .get((1usize << bits) * NT..)
        .is_some_and(|d| d.iter().any(|&w| w != 0));
    Model {
        bits,
        weights,
        scale,
        dense,
        id: next_model_id(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences tagged with and without the word cache: identical static sums and tags.
    fn same_both_ways(m: &Model, sentences: &[Vec<&str>]) {
        let (mut a, mut b) = (Scratch::default(), Scratch::default());
        let (mut ta, mut tb) = (Vec::new(), Vec::new());
        for words in sentences {
            m.tag(words, &mut a, &mut ta);
            m.tag_uncached(words, &mut b, &mut tb);
            // The cached path sums only the tokens it may score.
            for i in 0..words.len() {
                if !a.skip[i] {
                    assert_eq!(
                        a.stat[i], b.stat[i],
                        "static sums differ at {i} in {words:?}"
                    );
                }
            }
            assert_eq!(ta, tb, "tags differ on {words:?}");
            assert_eq!(ta.len(), words.len());
        }
    }

    /// The same with word-vector weights (random ones on the committed model's): the vector
    /// sums of the cached parts equal those of the reference path.
    #[test]
    fn cached_scores_with_vectors_are_bit_identical() {
        let Some(m) = model() else {
            panic!("committed model unreadable")
        };
        let hashed = (1usize << m.bits) * NT;
        let mut weights = m.weights.clone();
        let mut r = 0x9E37_79B9_7F4A_7C15u64;
        for w in weights.iter_mut().skip(hashed) {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            *w = (r % 4001) as i16 - 2000;
        }
        let d = dense_model(m, weights);
        assert!(crate::clusters::vector_of(word_hash("government")) != crate::clusters::NO_VECTOR);
        let text = "Barack Obama met Angela Merkel in Berlin on Tuesday .\n\
                    the government of France said so\n\
                    x";
        let sentences: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        same_both_ways(&d, &sentences);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval/uner-en/conll/ewt-dev.conll");
        if let Ok(ex) = crate::train::read_conll(&path) {
            let sentences: Vec<Vec<&str>> = ex
                .iter()
                .map(|e| e.words.iter().map(String::as_str).collect())
                .collect();
            same_both_ways(&d, &sentences);
        }
    }

    /// A model like `m` that reads word vectors, with the given weights.
    fn dense_model(m: &Model, weights: Vec<i16>) -> Model {
        Model {
            bits: m.bits,
            weights,
            scale: m.scale,
            dense: true,
            id: next_model_id(),
        }
    }

    /// The sparse file layout reads back the same weights, with and without word-vector rows;
    /// the older dense layout still reads; damaged files are errors.
    #[test]
    fn model_file_round_trips() {
        let Some(m) = model() else {
            panic!("committed model unreadable")
        };
        let back = Model::from_gz(&m.to_gz()).expect("sparse layout reads back");
        assert!(back.weights == m.weights && back.scale == m.scale && !back.dense);
        let mut weights = m.weights.clone();
        let n = weights.len();
        weights[n - 1] = 7;
        let d = dense_model(m, weights);
        let back = Model::from_gz(&d.to_gz()).expect("dense-vector model reads back");
        assert!(back.weights == d.weights && back.dense);
        let hashed = (1usize << m.bits) * NT;
        let mut raw = MAGIC.to_vec();
        raw.extend_from_slice(&m.bits.to_le_bytes());
        raw.extend_from_slice(&(NT as u32).to_le_bytes());
        raw.extend_from_slice(&m.scale.to_le_bytes());
        for w in &m.weights[..hashed] {
            raw.extend_from_slice(&w.to_le_bytes());
        }
        let mut enc = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::fast());
        enc.write_all(&raw).expect("in memory");
        let old = Model::from_gz(&enc.finish().expect("in memory")).expect("dense layout reads");
        assert!(old.weights == m.weights && old.scale == m.scale && !old.dense);
        let gz = m.to_gz();
        assert!(Model::from_gz(&gz[..gz.len() / 2]).is_err());
        assert!(Model::from_gz(b"").is_err());
        assert!(Model::from_gz(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 3, 0]).is_err());
    }

    #[test]
    fn cached_scores_are_bit_identical() {
        let Some(m) = model() else {
            panic!("committed model unreadable")
        };
        let text = "Barack Obama met Angela Merkel in Berlin on Tuesday .\n\
                    The European Union and the U.N. said so .\n\
                    x\n\
                    Two words\n\
                    ÉCOLE Polytechnique à Paris , São Paulo\n\
                    HE SAID THE NEW YORK TIMES WAS WRONG\n\
                    the the the Obama Obama said said";
        let mut sentences: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        sentences.push(Vec::new());
        same_both_ways(m, &sentences);
        // A whole corpus when the shared evaluation data is there (twice: cold and warm cache).
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/eval/uner-en/conll/ewt-dev.conll");
        if let Ok(ex) = crate::train::read_conll(&path) {
            let sentences: Vec<Vec<&str>> = ex
                .iter()
                .map(|e| e.words.iter().map(String::as_str).collect())
                .collect();
            same_both_ways(m, &sentences);
            same_both_ways(m, &sentences);
        }
        // A full cache: new words are summed for their sentence only.
        let filler: Vec<String> = (0..WORD_CACHE_MAX + 10).map(|k| format!("Zq{k}")).collect();
        let (mut sc, mut tags) = (Scratch::default(), Vec::new());
        for chunk in filler.chunks(40) {
            let words: Vec<&str> = chunk.iter().map(String::as_str).collect();
            m.tag(&words, &mut sc, &mut tags);
        }
        let fresh = "Qwzx Vbnm told Plokij of Ujmyhn that Zxcvb Asdfg had left Qwzx .";
        same_both_ways(
            m,
            &[
                fresh.split_whitespace().collect(),
                fresh.split_whitespace().collect(),
            ],
        );
        if let Ok(ex) = crate::train::read_conll(&path) {
            let sentences: Vec<Vec<&str>> = ex
                .iter()
                .map(|e| e.words.iter().map(String::as_str).collect())
                .collect();
            same_both_ways(m, &sentences);
        }
    }
}
