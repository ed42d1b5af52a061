//! Near-duplicate (syndicated or lightly edited) documents: MinHash over word 5-grams of the
//! main text (boilerplate left out), candidates found through LSH bands ([`LshIndex`], in memory,
//! built from the signatures stored in SQLite), and a match when the estimated containment of
//! the smaller document's 5-gram set in the other's is at least [`THRESHOLD`]. Containment is estimated from the MinHash Jaccard estimate J and the
//! two set sizes: |A∩B| = J(|A|+|B|)/(1+J). So a copy with an added paragraph still matches; a
//! short text quoted whole inside a much longer one rarely shares a band and is not looked for. A new document is marked `near_duplicate_of` the earliest stored document it
//! matches. The signature is computed with fixed hash functions (FNV-1a and splitmix64, not
//! `std`'s hasher, whose output may change between Rust releases), since it is stored.

use document::Document;

/// Hash functions in a signature.
pub(crate) const HASHES: usize = 100;
/// LSH bands of [`ROWS`] hashes, from the first `BANDS × ROWS` of the signature: two documents
/// become candidates when one band is equal. With 10 × 5, a pair at Jaccard 0.8 is a candidate
/// with probability 1 − (1 − 0.8⁵)¹⁰ ≈ 0.98, at 0.67 (containment 0.8 for equal sizes) ≈ 0.76.
/// Each band is one entry per stored document in [`LshIndex`], so fewer bands keep it small.
pub(crate) const BANDS: usize = 10;
pub(crate) const ROWS: usize = 5;
/// Estimated containment (share of the smaller document's 5-grams found in the other) at or
/// above which a document is a near duplicate.
pub(crate) const THRESHOLD: f64 = 0.8;
/// Words in a shingle.
const SHINGLE: usize = 5;
/// Documents with fewer shingles than this get no signature: too short to call near-identical.
const MIN_SHINGLES: usize = 8;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a hashes of the lower-cased words of the document's text outside its boilerplate spans
/// (a word counts when it starts outside furniture). ASCII bytes are read as bytes (what
/// `char::is_alphanumeric` and `to_lowercase` give for them); other characters are decoded.
fn main_word_hashes(doc: &Document) -> Vec<u64> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut furniture: Vec<(usize, usize)> = doc
        .boilerplate
        .iter()
        .map(|b| (b.span.start(), b.span.end()))
        .collect();
    furniture.sort_unstable();
    let mut hashes = Vec::with_capacity(text.len() / 5);
    let mut f = 0;
    // The hash of the word under way and whether it started inside furniture.
    let mut word: Option<(u64, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let (alphanumeric, width) = if byte < 0x80 {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            // `i` is on a char boundary: ASCII bytes and whole characters are stepped over.
            let c = text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            let (h, inside) = word.get_or_insert_with(|| {
                while f < furniture.len() && furniture[f].1 <= i {
                    f += 1;
                }
                (FNV_OFFSET, f < furniture.len() && furniture[f].0 <= i)
            });
            if !*inside {
                if width == 1 {
                    *h = fnv_extend(*h, &[byte.to_ascii_lowercase()]);
                } else {
                    let c = text[i..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    for lower in c.to_lowercase() {
                        let mut buf = [0u8; 4];
                        *h = fnv_extend(*h, lower.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
        } else if let Some((h, inside)) = word.take() {
            if !inside {
                hashes.push(h);
            }
        }
        i += width;
    }
    if let Some((h, false)) = word {
        hashes.push(h);
    }
    hashes
}

/// A document's MinHash signature and how many distinct 5-grams it was made from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Signature {
    pub(crate) shingles: u32,
    pub(crate) mins: Vec<u32>,
}

/// The MinHash signature of the document's main-text word 5-grams, or `None` when it has too
/// few of them.
pub(crate) fn signature(doc: &Document) -> Option<Signature> {
    let word_hashes = main_word_hashes(doc);
    if word_hashes.len() < SHINGLE + MIN_SHINGLES - 1 {
        return None;
    }
    let mut shingles: Vec<u64> = word_hashes
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |acc, h| splitmix(acc ^ h)))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    let count = u32::try_from(shingles.len()).unwrap_or(u32::MAX);
    Some(Signature {
        shingles: count,
        mins: minima(&shingles).to_vec(),
    })
}

/// The coefficients of the hash functions: function i maps a shingle s to the high half of
/// a·s + b, with odd a and b fixed per i (multiply-shift): one multiplication per shingle and
/// function, where a full mix per pair cost more than the rest of storing a document without
/// analysis.
fn coefficients() -> ([u64; HASHES], [u64; HASHES]) {
    let mut a = [0u64; HASHES];
    let mut b = [0u64; HASHES];
    for i in 0..HASHES {
        a[i] = splitmix(2 * i as u64 + 1) | 1;
        b[i] = splitmix(2 * i as u64 + 2);
    }
    (a, b)
}

/// Each hash function's minimum over the shingles. On x86-64 CPUs with AVX2 the same code is
/// compiled for AVX2 as well (four 64-bit lanes, where the baseline x86-64 has two): this loop
/// was most of `signature`, itself a fifth of the workers' CPU time without analysis (perf,
/// BBC bench). Both give the same values (`avx2_minima_equal_portable_ones` below).
fn minima(shingles: &[u64]) -> [u32; HASHES] {
    let (a, b) = coefficients();
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        return unsafe { minima_avx2(shingles, &a, &b) };
    }
    minima_with(shingles, &a, &b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn minima_avx2(shingles: &[u64], a: &[u64; HASHES], b: &[u64; HASHES]) -> [u32; HASHES] {
    minima_with(shingles, a, b)
}

#[inline(always)]
fn minima_with(shingles: &[u64], a: &[u64; HASHES], b: &[u64; HASHES]) -> [u32; HASHES] {
    let mut sig = [u32::MAX; HASHES];
    for s in shingles {
        for i in 0..HASHES {
            let v = (s.wrapping_mul(a[i]).wrapping_add(b[i]) >> 32) as u32;
            sig[i] = sig[i].min(v);
        }
    }
    sig
}

/// The LSH band keys of a signature, one per band (the band's index is part of the key).
pub(crate) fn band_keys(sig: &[u32]) -> Vec<i64> {
    sig.chunks_exact(ROWS)
        .take(BANDS)
        .enumerate()
        .map(|(band, rows)| {
            let h = rows.iter().fold(splitmix(band as u64 + 1), |acc, v| {
                splitmix(acc ^ u64::from(*v))
            });
            h as i64
        })
        .collect()
}

/// At most this many stored documents are kept per LSH band key: a band shared by a great many
/// documents (one boilerplate-only text stored over and over) cannot make one insert slow.
pub(crate) const MAX_PER_BAND_KEY: usize = 100;

/// The LSH band keys of the stored documents, in memory: band key → the `seq`s of the documents
/// with that key (the earliest [`MAX_PER_BAND_KEY`] in storing order). It replaces a B-tree of
/// (band key, document) rows, whose random keys made each document's insert touch one leaf page
/// per band (11 of the 29 pages a store-only document wrote). The writer builds it from the
/// stored signatures when it first needs it and adds each document it stores.
///
/// Memory: one map entry (16 bytes, plus the hash table's slack) per band per document, about
/// 10 × 16 / 0.6 ≈ 270 bytes per document, 27 MB per 100,000 documents; band keys shared by
/// several documents (near duplicates) take a small vector more.
#[derive(Default)]
pub(crate) struct LshIndex {
    /// The first document with each band key.
    first: std::collections::HashMap<i64, u32>,
    /// The other documents with a band key, for the keys shared by more than one.
    more: std::collections::HashMap<i64, Vec<u32>>,
    /// The highest `seq` added.
    pub(crate) upto: i64,
}

impl LshIndex {
    /// Adds a stored document's band keys. A `seq` beyond `u32` (four billion documents) is not
    /// indexed: that document is never a candidate.
    pub(crate) fn insert(&mut self, keys: &[i64], seq: i64) {
        self.upto = self.upto.max(seq);
        let Ok(seq) = u32::try_from(seq) else { return };
        for key in keys {
            match self.first.entry(*key) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(seq);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    let more = self.more.entry(*key).or_default();
                    if more.len() + 1 < MAX_PER_BAND_KEY {
                        more.push(seq);
                    }
                }
            }
        }
    }

    /// The documents sharing at least one band key with `keys`, in storing order.
    pub(crate) fn candidates(&self, keys: &[i64]) -> std::collections::BTreeSet<i64> {
        let mut out = std::collections::BTreeSet::new();
        for key in keys {
            if let Some(seq) = self.first.get(key) {
                out.insert(i64::from(*seq));
                if let Some(more) = self.more.get(key) {
                    out.extend(more.iter().map(|s| i64::from(*s)));
                }
            }
        }
        out
    }
}

/// The share of equal values: an estimate of the Jaccard similarity of the two shingle sets.
pub(crate) fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// Estimated share of the smaller set's shingles that the other set holds.
pub(crate) fn containment(a: &Signature, b: &Signature) -> f64 {
    let j = jaccard(&a.mins, &b.mins);
    let smaller = f64::from(a.shingles.min(b.shingles)).max(1.0);
    let common = j * (f64::from(a.shingles) + f64::from(b.shingles)) / (1.0 + j);
    (common / smaller).min(1.0)
}

/// The shingle count, then the signature, as little-endian `u32`s.
pub(crate) fn to_blob(sig: &Signature) -> Vec<u8> {
    std::iter::once(sig.shingles)
        .chain(sig.mins.iter().copied())
        .flat_map(u32::to_le_bytes)
        .collect()
}

pub(crate) fn from_blob(blob: &[u8]) -> Option<Signature> {
    let mut values = blob
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    let shingles = values.next()?;
    let mins: Vec<u32> = values.collect();
    (mins.len() == HASHES).then_some(Signature { shingles, mins })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avx2_minima_equal_portable_ones() {
        let shingles: Vec<u64> = (0..1000u64).map(splitmix).collect();
        let (a, b) = coefficients();
        let portable = minima_with(&shingles, &a, &b);
        assert_eq!(minima(&shingles), portable);
        assert!(portable.iter().all(|v| *v < u32::MAX));
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            assert_eq!(unsafe { minima_avx2(&shingles, &a, &b) }, portable);
        }
    }

    /// The character-by-character reading `main_word_hashes` replaced (its hashes are stored,
    /// so the byte reading must give the same values).
    fn word_hashes_by_chars(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut word: Option<u64> = None;
        for c in text.chars() {
            if c.is_alphanumeric() {
                let h = word.get_or_insert(FNV_OFFSET);
                for lower in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    *h = fnv_extend(*h, lower.encode_utf8(&mut buf).as_bytes());
                }
            } else if let Some(h) = word.take() {
                out.push(h);
            }
        }
        out.extend(word);
        out
    }

    #[test]
    fn byte_reading_hashes_words_as_the_char_reading_did() {
        for text in [
            "Plain ASCII words, digits 2,700 and PUNCT-uation.",
            "Müller’s “İstanbul” talks: ÉCOLE déjà vu — Ωmega 12µm ǅemal ß straße",
            "trailing word",
            "",
            "日本語のテキスト と ASCII mixed١٢٣ end",
        ] {
            assert_eq!(
                main_word_hashes(&Document::from_text("t", text)),
                word_hashes_by_chars(text),
                "{text}"
            );
        }
    }

    #[test]
    fn similar_texts_have_similar_signatures() {
        let base = "The council voted on Tuesday to close the old bridge for repairs. Engineers said the \
                    steel had corroded faster than expected after two wet winters. Traffic will be sent \
                    through the town centre until the work ends next spring, officials said.";
        let a = Document::from_text("a", base);
        let b = Document::from_text(
            "b",
            format!("{base} A temporary footbridge will stay open."),
        );
        let c = Document::from_text("c", "Shares in the airline rose sharply after it reported a return \
                    to profit, helped by strong summer demand and lower fuel costs than a year before.");
        let (sa, sb, sc) = (
            signature(&a).unwrap(),
            signature(&b).unwrap(),
            signature(&c).unwrap(),
        );
        assert!(
            containment(&sa, &sb) >= THRESHOLD,
            "{}",
            containment(&sa, &sb)
        );
        assert!(containment(&sa, &sc) < 0.2, "{}", containment(&sa, &sc));
        assert!(band_keys(&sa.mins)
            .iter()
            .zip(band_keys(&sb.mins))
            .any(|(x, y)| *x == y));
        assert_eq!(from_blob(&to_blob(&sa)), Some(sa.clone()));
        assert!(signature(&Document::from_text("d", "Too short to say.")).is_none());
        // Case does not matter; furniture is left out.
        let mut upper = Document::from_text("e", format!("HOME | NEWS\n{}", base.to_uppercase()));
        upper.boilerplate.push(document::Boilerplate {
            span: document::Span::new(0, 11),
            kind: document::BoilerplateKind::Navigation,
        });
        assert_eq!(signature(&upper).unwrap(), sa);
    }
}
