//! The word lists of `data/*.tsv`, parsed once. Each file is `# comment` lines and tab-separated rows;
//! a malformed row is an error reported with its file and line (see [`check`]), and is otherwise skipped.

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use document::Measure;

use crate::error::ClaimsError;

/// A small multiplicative hasher (FxHash's scheme): the tables are looked up once per word, and the
/// default SipHash costs more than the rest of the look-up. Keys are our own lexicon words, so there is
/// no flooding concern.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const HASH_K: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for WordHasher {
    /// Mixes in each 8-byte chunk of `bytes` (the last one padded with zeros) as a little-endian
    /// number; the short last chunk is assembled byte by byte rather than copied (no `memcpy` call).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(HASH_K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = 0u64;
            for (k, &b) in rest.iter().enumerate() {
                word |= (b as u64) << (8 * k);
            }
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(HASH_K);
        }
    }
    /// The same as `write(&[i])` (a `str` key ends with one 0xFF byte), in one step.
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(HASH_K);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod hasher_tests {
    use super::*;

    /// The hasher as it was written first (a padded copy per chunk), to compare with.
    fn reference(parts: &[&[u8]]) -> u64 {
        let mut h = 0u64;
        for bytes in parts {
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(HASH_K);
            }
        }
        h
    }

    #[test]
    fn same_hashes_as_the_padded_copy() {
        let text = "the death toll rose to 300 — Korea’s officials said";
        for a in 0..text.len() {
            for b in a..=text.len() {
                let bytes = &text.as_bytes()[a..b];
                let mut h = WordHasher::default();
                h.write(bytes);
                h.write_u8(0xFF);
                assert_eq!(h.finish(), reference(&[bytes, &[0xFF]]), "{a}..{b}");
            }
        }
    }
}

pub type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<WordHasher>>;
pub type HashSet<K> = StdSet<K, BuildHasherDefault<WordHasher>>;

const MEASURES: &str = include_str!("../data/measures.tsv");
const COUNTED: &str = include_str!("../data/counted.tsv");
const ATTRIBUTION: &str = include_str!("../data/attribution.tsv");
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");
const CONTEXT: &str = include_str!("../data/context.tsv");

/// Where a measure cue stands relative to the figure it classifies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CueSide {
    After,
    Before,
    Both,
    /// Before, with a looser gap ("the death toll rose to 300").
    Toll,
}

/// A multi-word phrase (lower-case words) with what it means.
#[derive(Clone, Debug)]
pub struct Phrase<T> {
    pub words: Vec<String>,
    pub value: T,
}

/// Phrases indexed by their first word, longest first.
#[derive(Debug)]
pub struct PhraseTable<T> {
    /// For each bit of the filter below, the first words with that bit and their phrases: a word is looked
    /// up by comparing it with the one or two first words of its bucket, without hashing it.
    buckets: Vec<Vec<(String, Vec<Phrase<T>>)>>,
    /// A 4,096-bit filter on (first byte, last byte, length) of the first words: most words of a
    /// sentence start no phrase, and are turned away without a look at the buckets.
    filter: [u64; 64],
}

/// The filter bit of a word.
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, last) = (
        b.first().copied().unwrap_or(0) as usize,
        b.last().copied().unwrap_or(0) as usize,
    );
    (first * 31 + last * 131 + b.len() * 7) % 4096
}

impl<T: Clone> PhraseTable<T> {
    fn new() -> Self {
        PhraseTable {
            buckets: (0..4096).map(|_| Vec::new()).collect(),
            filter: [0; 64],
        }
    }

    fn insert(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let bit = filter_bit(&first);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let bucket = &mut self.buckets[bit];
        let at = match bucket.iter().position(|(w, _)| *w == first) {
            Some(at) => at,
            None => {
                bucket.push((first, Vec::new()));
                bucket.len() - 1
            }
        };
        let list = &mut bucket[at].1;
        list.push(Phrase { words, value });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// The phrases that start with `first` (lower case), longest first.
    pub fn starting(&self, first: &str) -> &[Phrase<T>] {
        let bit = filter_bit(first);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        self.buckets[bit]
            .iter()
            .find(|(w, _)| w == first)
            .map(|(_, list)| list.as_slice())
            .unwrap_or(&[])
    }
}

/// The kinds of attribution cue of `attribution.tsv`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CueKind {
    Verb,
    Ambiguous,
    Participle,
    Prep,
    Citing,
    By,
    /// A passive report of the figure right before the cue ("the 12,000 given by officials"): the agent
    /// after "by" is the source of that figure only.
    Passive,
    Unnamed,
}

#[derive(Debug)]
pub struct Lexicon {
    pub measures: PhraseTable<(Measure, CueSide)>,
    /// Counted nouns: `Some(measure)` for nouns that name a measure, `None` for plain people nouns.
    pub counted_person: HashMap<String, Option<Measure>>,
    pub counted_thing: HashSet<String>,
    pub cues: PhraseTable<CueKind>,
    pub aux: HashSet<String>,
    pub titles: HashSet<String>,
    /// Demonym (as written) → place.
    pub demonyms: HashMap<String, String>,
    pub duration: HashSet<String>,
    pub ago: HashSet<String>,
    pub age_after: HashSet<String>,
    pub age_before: HashSet<String>,
    pub name_before: PhraseTable<()>,
    pub hyphen_ok: HashSet<String>,
    pub anaphor_next: HashSet<String>,
    pub out_of: PhraseTable<()>,
    pub amount_units: HashSet<String>,
    pub source_heads: HashSet<String>,
    /// Irregular past participles ("built", "given"): after a figure they start a clause, never its noun.
    pub participles: HashSet<String>,
    /// Phrases a few words before a figure that make it a statistic of a poll ("margin of error").
    pub stat_before: Vec<Vec<String>>,
    /// Verbs that carry a toll to its new figure ("the death toll from … has risen to 61").
    pub toll_verbs: HashSet<String>,
    /// Words a few tokens before a figure that undo its noun's measure ("saved 65 lives" is no toll).
    pub saved_before: HashSet<String>,
    /// Nouns naming a body of figures ("poll", "survey"): "in the CBS survey" is a source, and a poll's source
    /// carries over to the next sentence of its paragraph.
    pub data_nouns: HashSet<String>,
    /// Sentence-opening words whose clause frames a quote rather than reporting it ("Asked about …, X said").
    pub frames: HashSet<String>,
    pub source_nouns: HashSet<String>,
    pub person_before: HashSet<String>,
    pub furniture: HashSet<String>,
    /// Nouns after a figure that make it a move in a ranking ("up seven places").
    pub rank_after: HashSet<String>,
    /// Units of length after a figure ("two blocks from").
    pub distance: HashSet<String>,
    /// Words after a figure's noun that make it a size ("15 stories tall").
    pub size_after: HashSet<String>,
}

fn rows<'a>(
    file: &'static str,
    text: &'a str,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), ClaimsError>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |(i, l)| {
            let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            if cols.len() < 2 || cols.iter().any(|c| c.is_empty()) {
                Err(ClaimsError::Lexicon {
                    file,
                    line: i + 1,
                    reason: format!("expected tab-separated columns, got {l:?}"),
                })
            } else {
                Ok((i + 1, cols))
            }
        })
}

fn measure_named(name: &str) -> Option<Measure> {
    Some(match name {
        "deployed" => Measure::Deployed,
        "killed" => Measure::Killed,
        "wounded" => Measure::Wounded,
        "casualties" => Measure::Casualties,
        "captured" => Measure::Captured,
        "missing" => Measure::Missing,
        "displaced" => Measure::Displaced,
        "arrested" => Measure::Arrested,
        "cost" => Measure::Cost,
        "other" => Measure::Other,
        _ => return None,
    })
}

impl Lexicon {
    fn empty() -> Lexicon {
        Lexicon {
            measures: PhraseTable::new(),
            counted_person: HashMap::default(),
            counted_thing: HashSet::default(),
            cues: PhraseTable::new(),
            aux: HashSet::default(),
            titles: HashSet::default(),
            demonyms: HashMap::default(),
            duration: HashSet::default(),
            ago: HashSet::default(),
            age_after: HashSet::default(),
            age_before: HashSet::default(),
            name_before: PhraseTable::new(),
            hyphen_ok: HashSet::default(),
            anaphor_next: HashSet::default(),
            out_of: PhraseTable::new(),
            amount_units: HashSet::default(),
            source_heads: HashSet::default(),
            participles: HashSet::default(),
            stat_before: Vec::new(),
            toll_verbs: HashSet::default(),
            saved_before: HashSet::default(),
            data_nouns: HashSet::default(),
            frames: HashSet::default(),
            source_nouns: HashSet::default(),
            person_before: HashSet::default(),
            furniture: HashSet::default(),
            rank_after: HashSet::default(),
            distance: HashSet::default(),
            size_after: HashSet::default(),
        }
    }

    /// Parses every table; the first malformed row is an error.
    pub fn parse() -> Result<Lexicon, ClaimsError> {
        let mut lex = Lexicon::empty();
        let bad = |file: &'static str, line: usize, reason: String| ClaimsError::Lexicon {
            file,
            line,
            reason,
        };
        for row in rows("measures.tsv", MEASURES) {
            let (line, c) = row?;
            let measure = measure_named(c[0])
                .ok_or_else(|| bad("measures.tsv", line, format!("unknown measure {:?}", c[0])))?;
            let side = match c.get(2).copied() {
                Some("after") => CueSide::After,
                Some("before") => CueSide::Before,
                Some("both") => CueSide::Both,
                Some("toll") => CueSide::Toll,
                other => return Err(bad("measures.tsv", line, format!("unknown side {other:?}"))),
            };
            lex.measures.insert(c[1], (measure, side));
        }
        for row in rows("counted.tsv", COUNTED) {
            let (line, c) = row?;
            match c[1] {
                "person" => {
                    lex.counted_person.insert(c[0].to_string(), None);
                }
                "thing" => {
                    lex.counted_thing.insert(c[0].to_string());
                }
                m => {
                    let measure = measure_named(m)
                        .ok_or_else(|| bad("counted.tsv", line, format!("unknown class {m:?}")))?;
                    lex.counted_person.insert(c[0].to_string(), Some(measure));
                }
            }
        }
        for row in rows("attribution.tsv", ATTRIBUTION) {
            let (line, c) = row?;
            let kind = match c[0] {
                "verb" => CueKind::Verb,
                "ambiguous" => CueKind::Ambiguous,
                "participle" => CueKind::Participle,
                "prep" => CueKind::Prep,
                "citing" => CueKind::Citing,
                "by" => CueKind::By,
                "passive" => CueKind::Passive,
                "unnamed" => CueKind::Unnamed,
                "aux" => {
                    lex.aux.insert(c[1].to_string());
                    continue;
                }
                "title" => {
                    lex.titles.insert(c[1].to_string());
                    continue;
                }
                "data" => {
                    lex.data_nouns.insert(c[1].to_string());
                    continue;
                }
                "frame" => {
                    lex.frames.insert(c[1].to_string());
                    continue;
                }
                k => return Err(bad("attribution.tsv", line, format!("unknown kind {k:?}"))),
            };
            lex.cues.insert(c[1], kind);
        }
        for row in rows("demonyms.tsv", DEMONYMS) {
            let (_, c) = row?;
            lex.demonyms.insert(c[0].to_string(), c[1].to_string());
        }
        for row in rows("context.tsv", CONTEXT) {
            let (line, c) = row?;
            let w = c[1].to_string();
            match c[0] {
                "duration" => {
                    lex.duration.insert(w);
                }
                "ago" => {
                    lex.ago.insert(w);
                }
                "age" => {
                    lex.age_after.insert(w);
                }
                "age_before" => {
                    lex.age_before.insert(w);
                }
                "name_before" => lex.name_before.insert(&w, ()),
                "hyphen_ok" => {
                    lex.hyphen_ok.insert(w);
                }
                "anaphor_next" => {
                    lex.anaphor_next.insert(w);
                }
                "out_of" => lex.out_of.insert(&w, ()),
                "amount_unit" => {
                    lex.amount_units.insert(w);
                }
                "source_head" => {
                    lex.source_heads.insert(w);
                }
                "participle" => {
                    lex.participles.insert(w);
                }
                "stat_before" => {
                    lex.stat_before
                        .push(w.split_whitespace().map(str::to_string).collect());
                }
                "toll_verb" => {
                    lex.toll_verbs.insert(w);
                }
                "saved_before" => {
                    lex.saved_before.insert(w);
                }
                "source_noun" => {
                    lex.source_nouns.insert(w);
                }
                "person_before" => {
                    lex.person_before.insert(w);
                }
                "furniture" => {
                    lex.furniture.insert(w);
                }
                "rank_after" => {
                    lex.rank_after.insert(w);
                }
                "distance" => {
                    lex.distance.insert(w);
                }
                "size_after" => {
                    lex.size_after.insert(w);
                }
                k => return Err(bad("context.tsv", line, format!("unknown kind {k:?}"))),
            }
        }
        Ok(lex)
    }
}

/// Checks that every lexicon file parses.
pub fn check() -> Result<(), ClaimsError> {
    Lexicon::parse().map(|_| ())
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The lexicon. The tables are compiled in and checked by a test, so parsing cannot fail at run time;
/// should it, the stage works with empty tables rather than panicking.
pub fn get() -> &'static Lexicon {
    LEXICON.get_or_init(|| Lexicon::parse().unwrap_or_else(|_| Lexicon::empty()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn lexicon_files_parse() {
        if let Err(e) = super::check() {
            panic!("{e}");
        }
        let lex = super::get();
        assert!(!lex.measures.starting("killed").is_empty());
        assert!(lex.demonyms.contains_key("North Korean"));
    }
}
