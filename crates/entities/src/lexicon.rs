//! Gazetteers: places, first names, surnames, nationalities, organisation words, titles, and
//! alias groups, loaded once from `data/*.txt`. Entries are stored as hashes of their
//! lower-cased tokens (see [`word_hash`] and [`phrase_step`]) so a lookup never allocates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Lexicon classes, as bits.
pub const PLACE: u8 = 1;
pub const FIRST: u8 = 2;
pub const SURNAME: u8 = 4;
pub const NORP: u8 = 8;
pub const ORGWORD: u8 = 16;
pub const TITLE: u8 = 32;
pub const PLACEWORD: u8 = 64;

/// Number of classes (bits) above.
pub const CLASSES: usize = 7;
/// Marks a phrase hash that begins a longer entry (lets a phrase scan stop early).
const PREFIX: u8 = 128;

/// The longest phrase, in tokens, any lexicon holds.
pub const MAX_PHRASE: usize = 5;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over the lower-cased characters of `word` (no allocation).
#[inline]
pub fn word_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in word.as_bytes() {
        if b < 0x80 {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        } else {
            // Non-ASCII: lower-case the whole word char by char (rare in English news).
            return word_hash_unicode(word);
        }
    }
    h
}

fn word_hash_unicode(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// FNV-1a over the exact bytes of `word`.
#[inline]
pub fn exact_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in word.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// Mixes two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = a.rotate_left(5) ^ b;
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (x >> 29)
}

/// Extends a phrase hash by one token's word hash.
#[inline]
pub fn phrase_step(phrase: u64, word: u64) -> u64 {
    mix(phrase ^ 0x5bd1_e995, word)
}

/// The keys are hashes already: use them as they are.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// All gazetteers.
pub struct Lexicon {
    /// Phrase hash → class bits.
    phrases: IdMap<u8>,
    /// Phrase hash → alias group id (see `data/aliases.txt`).
    aliases: IdMap<u32>,
    /// Exact (case-sensitive) phrase hash of a known organisation (`data/organisations.txt`) →
    /// [`ORG_ENTRY`] and/or [`ORG_PREFIX`]. Kept apart from `phrases`: the tagger's features
    /// do not see it, so the committed model is unchanged.
    orgs: IdMap<u8>,
    /// Phrase hash (as in `phrases`) of a region or place from `data/regions.txt`, which the
    /// tagger's features do not see → 1 entry, 2 prefix of a longer entry.
    regions: IdMap<u8>,
}

const ORG_ENTRY: u8 = 1;
const ORG_PREFIX: u8 = 2;
/// The longest organisation name, in tokens.
const MAX_ORG: usize = 8;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The gazetteers, built on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

fn phrase_hash_of(text: &str) -> Option<(u64, usize)> {
    let (hashes, n) = phrase_prefix_hashes(text);
    (n > 0 && n <= MAX_PHRASE).then(|| (hashes[n - 1], n))
}

/// Hashes of the first 1, 2, … tokens of `text` (up to [`MAX_PHRASE`]), and the token count.
fn phrase_prefix_hashes(text: &str) -> ([u64; MAX_PHRASE], usize) {
    let mut out = [0u64; MAX_PHRASE];
    let mut h = 0u64;
    let mut n = 0;
    segment::for_each_token(text, 0, |s| {
        h = phrase_step(h, word_hash(&text[s.start()..s.end()]));
        if n < MAX_PHRASE {
            out[n] = h;
        }
        n += 1;
    });
    (out, n)
}

fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn build() -> Lexicon {
        let sources: [(&str, u8); 7] = [
            (include_str!("../data/places.txt"), PLACE),
            (include_str!("../data/first_names.txt"), FIRST),
            (include_str!("../data/surnames.txt"), SURNAME),
            (include_str!("../data/nationalities.txt"), NORP),
            (include_str!("../data/org_words.txt"), ORGWORD),
            (include_str!("../data/titles.txt"), TITLE),
            (include_str!("../data/place_words.txt"), PLACEWORD),
        ];
        let mut phrases: IdMap<u8> = IdMap::default();
        for (data, class) in sources {
            for entry in entries(data) {
                let (hashes, n) = phrase_prefix_hashes(entry);
                if n == 0 || n > MAX_PHRASE {
                    continue;
                }
                *phrases.entry(hashes[n - 1]).or_default() |= class;
                for &h in &hashes[..n - 1] {
                    *phrases.entry(h).or_default() |= PREFIX;
                }
            }
        }
        let mut aliases: IdMap<u32> = IdMap::default();
        for (group, line) in entries(include_str!("../data/aliases.txt")).enumerate() {
            for name in line.split('|') {
                if let Some((h, _)) = phrase_hash_of(name.trim()) {
                    aliases.insert(h, group as u32);
                }
            }
        }
        let mut orgs: IdMap<u8> = IdMap::default();
        for entry in entries(include_str!("../data/organisations.txt")) {
            let mut hashes = Vec::new();
            let mut h = 0u64;
            segment::for_each_token(entry, 0, |s| {
                h = phrase_step(h, exact_hash(&entry[s.start()..s.end()]));
                hashes.push(h);
            });
            if hashes.is_empty() || hashes.len() > MAX_ORG {
                continue;
            }
            let n = hashes.len();
            *orgs.entry(hashes[n - 1]).or_default() |= ORG_ENTRY;
            for &h in &hashes[..n - 1] {
                *orgs.entry(h).or_default() |= ORG_PREFIX;
            }
        }
        let mut regions: IdMap<u8> = IdMap::default();
        for entry in entries(include_str!("../data/regions.txt")) {
            let (hashes, n) = phrase_prefix_hashes(entry);
            if n == 0 || n > MAX_PHRASE {
                continue;
            }
            *regions.entry(hashes[n - 1]).or_default() |= 1;
        }
        Lexicon {
            phrases,
            aliases,
            orgs,
            regions,
        }
    }

    /// Token count of the longest known organisation name starting at `words[i]` (0 if none).
    pub fn org_at(&self, words: &[&str], i: usize) -> usize {
        let mut h = 0u64;
        let mut best = 0;
        for (k, w) in words.iter().enumerate().skip(i).take(MAX_ORG) {
            h = phrase_step(h, exact_hash(w));
            let Some(&v) = self.orgs.get(&h) else { break };
            if v & ORG_ENTRY != 0 {
                best = k + 1 - i;
            }
            if v & ORG_PREFIX == 0 {
                break;
            }
        }
        best
    }

    /// Class bits of a phrase hash (0 when absent).
    #[inline]
    pub fn classes(&self, phrase: u64) -> u8 {
        self.phrases.get(&phrase).copied().unwrap_or(0) & !PREFIX
    }

    /// Class bits of a phrase hash, and whether some longer entry starts with that phrase.
    #[inline]
    pub fn classes_and_prefix(&self, phrase: u64) -> (u8, bool) {
        let v = self.phrases.get(&phrase).copied().unwrap_or(0);
        (v & !PREFIX, v & PREFIX != 0)
    }

    /// Whether a phrase hash is a region or place of `data/regions.txt`.
    #[inline]
    pub fn is_region(&self, phrase: u64) -> bool {
        self.regions.get(&phrase).is_some_and(|v| v & 1 != 0)
    }

    /// Class bits of one word.
    pub fn word_classes(&self, word: &str) -> u8 {
        self.classes(phrase_step(0, word_hash(word)))
    }

    /// The alias group of a name, if it has one ("U.S." and "United States" share a group).
    pub fn alias_group(&self, name: &str) -> Option<u32> {
        let (h, _) = phrase_hash_of(name)?;
        self.aliases.get(&h).copied()
    }

    /// Whether `name` (one or more tokens) is a nationality or group word.
    pub fn is_norp(&self, name: &str) -> bool {
        phrase_hash_of(name).is_some_and(|(h, _)| self.classes(h) & NORP != 0)
    }

    /// Whether `word` is a title or role word that may precede a name.
    pub fn is_title(&self, word: &str) -> bool {
        self.word_classes(word) & TITLE != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let lx = lexicon();
        assert!(lx.word_classes("London") & PLACE != 0);
        assert!(lx.word_classes("mary") & FIRST != 0);
        assert!(lx.is_norp("Ukrainian"));
        assert!(lx.is_title("President"));
        assert_eq!(lx.alias_group("U.S."), lx.alias_group("United States"));
        assert!(lx.alias_group("U.S.").is_some());
        let mut h = 0;
        for w in ["los", "angeles"] {
            h = phrase_step(h, word_hash(w));
        }
        assert!(lx.classes(h) & PLACE != 0);
    }
}
