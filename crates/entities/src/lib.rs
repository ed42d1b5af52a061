//! Named entities: people, organisations, places, nationality groups, and which mentions in a
//! document are the same entity.
//!
//! Reads `sentences`, `tokens` and `boilerplate`; writes `entity_mentions` and `entities`.
//! Mentions come from a statistical tagger trained by the project ([`tagger`], an averaged
//! perceptron on UNER English, reproducible with `corroborate train ner`), plus lexicon rules
//! on top: nationalities and groups ("North Korean", "Ukrainians") become NORP, a byline
//! ("By Jane Doe") names a person, titles before a name ("President", "Sgt.") are recorded as
//! roles and kept out of the name. A rule layer after the tagger adds organisations and places it
//! missed or mistyped: known names (`data/organisations.txt`, `data/regions.txt`), organisation
//! head words ("… Authority", "Ministry of …"), acronyms with a context cue ("the CPA said"), and
//! span repairs (two places side by side split, a name cut after "Inc.", "Department of X and Y"
//! joined, a name's particles and initials taken in: "Muqtada al-Sadr", "W.H.S. Koerner"; "Gulf
//! of" / "South" before a place; no name ending in punctuation or "of"). [`coref`] then groups mentions into within-document entities;
//! identity across documents is decided later (`reconcile::entities`, called by the store).
//! It does not resolve pronouns, and it does not link to any knowledge base.

pub mod clusters;
pub mod coref;
pub mod error;
mod gz;
pub mod lexicon;
pub mod tagger;
pub mod train;

use document::{Document, EntityMention, EntityType, Layer, Span, Stage};

pub use error::EntitiesError;

/// A short fixed list of words with a 1,024-bit filter on each word's length, first, second
/// and last bytes, so testing a word that is not listed ("the", "Seoul" against the
/// capitalised openers) costs one bit test, not a comparison with every entry.
struct WordSet {
    words: &'static [&'static str],
    bits: [u64; 16],
}

impl WordSet {
    /// The filter slot of a non-empty word.
    const fn slot(b: &[u8]) -> usize {
        let n = b.len();
        let second = if n > 1 { b[1] as usize } else { 0 };
        (n.wrapping_mul(0x9E37)
            ^ (b[0] as usize).wrapping_mul(0x2F1)
            ^ second.wrapping_mul(0x61)
            ^ (b[n - 1] as usize).wrapping_mul(0x7))
            & 1023
    }

    const fn new(words: &'static [&'static str]) -> WordSet {
        let mut bits = [0u64; 16];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            assert!(!b.is_empty());
            let k = Self::slot(b);
            bits[k >> 6] |= 1 << (k & 63);
            i += 1;
        }
        WordSet { words, bits }
    }

    /// Whether `w` is one of the words (exact bytes).
    #[inline]
    fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.is_empty() {
            return false;
        }
        let k = Self::slot(b);
        self.bits[k >> 6] >> (k & 63) & 1 != 0 && self.words.iter().any(|x| x.as_bytes() == b)
    }
}

/// The entities stage.
pub struct EntitiesStage;

impl Stage for EntitiesStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Boilerplate]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Document) {
        let found = find_mentions(doc);
        let text = doc.text();
        let ins: Vec<coref::MentionIn> = found
            .iter()
            .map(|f| coref::MentionIn {
                text: &text[f.span.start()..f.span.end()],
                label: f.label,
                boilerplate: f.boilerplate,
                roles: &f.roles,
            })
            .collect();
        let (entities, assign) = coref::resolve(&ins);
        let mentions: Vec<EntityMention> = found
            .iter()
            .zip(&assign)
            .map(|(f, &e)| EntityMention {
                span: f.span,
                label: entities.get(e).map_or(f.label, |x| x.label),
                entity: Some(e),
            })
            .collect();
        let mut mentions: Vec<EntityMention> = mentions;
        mentions.extend(role_mentions(doc, &entities, &mentions));
        mentions.sort_by_key(|m| m.span);
        doc.entity_mentions = mentions;
        doc.entities = entities;
    }
}

/// A mention found in a document, before coreference.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Span,
    pub label: EntityType,
    pub boilerplate: bool,
    pub roles: Vec<String>,
}

/// Spans to tag: sentences, plus boilerplate paragraphs (which have tokens but no sentences).
fn units(doc: &Document) -> Vec<(Span, bool)> {
    let mut units: Vec<(Span, bool)> = doc.sentences.iter().map(|s| (s.span, false)).collect();
    for p in &doc.paragraphs {
        if doc.is_boilerplate(*p) && !doc.sentences.iter().any(|s| p.overlaps(s.span)) {
            units.push((*p, true));
        }
    }
    units.sort_by_key(|u| u.0);
    units
}

/// Tags every sentence and boilerplate paragraph of `doc` and applies the rules: lexicon types,
/// names continued over attached hyphens ("Kim Jong-un"), unknown names marked by a speech verb
/// or a role apposition ("a defector, Lee Dohyun, said"), and document-level consistency (a name
/// found once is found wherever it recurs untagged, a person's surname alone included).
pub fn find_mentions(doc: &Document) -> Vec<Found> {
    let (mut out, unit_list) = tagged_mentions(doc);
    propagate(doc, &unit_list, &mut out);
    out.sort_by_key(|f| f.span);
    out
}

/// The mentions of every unit (tagger and rules, before document-level propagation), and the
/// units as (token range, boilerplate flag).
fn tagged_mentions(doc: &Document) -> (Vec<Found>, Vec<(usize, usize, bool)>) {
    let text = doc.text();
    let mut scratch = tagger::Scratch::default();
    let mut tags = Vec::new();
    let mut out: Vec<Found> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    // Per unit: token range in doc.tokens, boilerplate flag.
    let mut unit_list: Vec<(usize, usize, bool)> = Vec::new();
    for (unit, boiler) in units(doc) {
        let lo = doc
            .tokens
            .partition_point(|t| t.span.start() < unit.start());
        let hi = doc.tokens.partition_point(|t| t.span.end() <= unit.end());
        if lo >= hi {
            continue;
        }
        let toks = &doc.tokens[lo..hi];
        words.clear();
        words.extend(toks.iter().map(|t| &text[t.span.start()..t.span.end()]));
        let boilerplate = boiler || doc.is_boilerplate(unit);
        unit_list.push((lo, hi, boilerplate));
        tag_words(&words, &mut scratch, &mut tags);
        let mut found = mentions_in(&words, &tags);
        extend_hyphens(toks, &words, &mut found);
        cue_names(&words, &mut found);
        for (a, b, label) in found {
            let span = Span::new(toks[a].span.start(), toks[b - 1].span.end());
            let roles = roles_for(&words, a, b, label);
            out.push(Found {
                span,
                label,
                boilerplate,
                roles,
            });
        }
    }
    (out, unit_list)
}

fn attached(toks: &[document::Token], i: usize) -> bool {
    i > 0 && toks[i - 1].span.end() == toks[i].span.start()
}

/// Extends mentions over attached hyphenated parts: "Kim Jong" + "-un", "Ryu Seong" + "-hyeon".
fn extend_hyphens(
    toks: &[document::Token],
    words: &[&str],
    found: &mut [(usize, usize, EntityType)],
) {
    let n = words.len();
    for k in 0..found.len() {
        let (a, mut b, ty) = found[k];
        if ty == EntityType::Norp {
            continue;
        }
        while b + 1 < n
            && words[b] == "-"
            && attached(toks, b)
            && attached(toks, b + 1)
            && words[b + 1].chars().all(char::is_alphanumeric)
        {
            let next_start = b + 1;
            if found.iter().any(|m| m.0 <= next_start && next_start < m.1) {
                break;
            }
            b += 2;
        }
        found[k] = (a, b, ty);
    }
}

static SPEECH: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "tells",
    "admitted",
    "recalled",
    "revealed",
    "highlighted",
    "added",
    "wrote",
    "writes",
    "explained",
    "noted",
    "warned",
    "stated",
    "claimed",
    "argued",
    "insisted",
    "asked",
    "replied",
    "testified",
    "confirmed",
    "denied",
    "described",
    "recounted",
    "lay",
    "died",
    "survived",
    "defected",
    "escaped",
]);
static ROLE_NOUNS: WordSet = WordSet::new(&[
    "defector",
    "sergeant",
    "soldier",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "commander",
    "analyst",
    "researcher",
    "professor",
    "director",
    "official",
    "lawmaker",
    "journalist",
    "reporter",
    "correspondent",
    "activist",
    "lawyer",
    "author",
    "expert",
    "veteran",
    "resident",
    "student",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "private",
    "colonel",
    "general",
    "captain",
    "prisoner",
    "fighter",
    "pilot",
    "doctor",
    "nurse",
    "witness",
    "victim",
    "ambassador",
    "envoy",
    "chief",
    "head",
]);

// Capitalised words that are not names (pronouns, determiners, sentence openers).
static NOT_NAMES: WordSet = WordSet::new(&[
    "I",
    "He",
    "She",
    "It",
    "We",
    "They",
    "You",
    "His",
    "Her",
    "Its",
    "Our",
    "Their",
    "My",
    "Your",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "As",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "Officials",
    "Others",
    "Both",
    "All",
    "Each",
    "One",
    "Another",
    "Such",
    "No",
    "Not",
    "Then",
    "Now",
    "Also",
    "However",
    "Meanwhile",
    "Still",
    "Today",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Mrs",
    "Ms",
]);

/// Whether `w` is one of [`NOT_NAMES`] (all capitalised, at most nine letters).
fn not_name(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=9).contains(&b.len()) && b[0].is_ascii_uppercase() && NOT_NAMES.contains(w)
        || w == "I"
        || w == "A"
}

/// A capitalised word of two or more letters (apostrophes allowed) that is not one of
/// [`NOT_NAMES`]. ASCII words are tested byte by byte; others by characters.
fn plain_cap(w: &str) -> bool {
    let b = w.as_bytes();
    match b.first() {
        None => false,
        Some(&f) if f < 0x80 && !f.is_ascii_uppercase() => false,
        _ if b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'\'') => {
            b.len() >= 2 && b[0].is_ascii_uppercase() && !not_name(w)
        }
        _ => {
            is_cap(w)
                && w.chars().all(|c| c.is_alphabetic() || c == '\'')
                && w.chars().count() >= 2
                && !not_name(w)
        }
    }
}

/// Unknown names the tagger missed, in person contexts: "NAME said", "a defector, NAME,", "X and NAME".
fn cue_names(words: &[&str], found: &mut Vec<(usize, usize, EntityType)>) {
    let lx = lexicon::lexicon();
    let n = words.len();
    let covered = |found: &Vec<(usize, usize, EntityType)>, i: usize| {
        found.iter().any(|m| m.0 <= i && i < m.1)
    };
    // A name the tagger typed as an organisation or other, in a person's apposition
    // ("another defector, Han Seo Yeon, said") is a person.
    for m in found.iter_mut() {
        let (a, b, ty) = *m;
        if matches!(ty, EntityType::Org | EntityType::Other)
            && b - a <= 4
            && words[a..b].iter().all(|w| plain_cap(w) || *w == "-")
        {
            let role_before = a >= 2
                && words[a - 1] == ","
                && ROLE_NOUNS.contains(words[a - 2].to_lowercase().as_str());
            let speech = words.get(b).is_some_and(|w| SPEECH.contains(w))
                && !words[a..b]
                    .iter()
                    .any(|w| lx.word_classes(w) & lexicon::ORGWORD != 0);
            if role_before || speech {
                m.2 = EntityType::Person;
            }
        }
    }
    let mut i = 0;
    while i < n {
        let initial =
            i == 0 || matches!(words[i - 1], "\"" | "“" | "'" | "‘" | "(" | "[" | "-" | "—");
        if !plain_cap(words[i])
            || covered(found, i)
            || lx.word_classes(words[i]) & (lexicon::TITLE | lexicon::NORP | lexicon::PLACEWORD)
                != 0
            || (initial && rarely_capitalised(words[i]))
        {
            i += 1;
            continue;
        }
        // A run of capitalised words, with attached hyphen parts.
        let mut j = i + 1;
        while j < n && j - i < 4 && !covered(found, j) {
            if plain_cap(words[j]) {
                j += 1;
            } else if words[j] == "-" && j + 1 < n && words[j + 1].chars().all(char::is_alphabetic)
            {
                j += 2;
            } else {
                break;
            }
        }
        let j = j.min(n);
        let next = words.get(j).copied().unwrap_or("");
        let next2 = words.get(j + 1).copied().unwrap_or("");
        let speech = SPEECH.contains(next) || (next == "," && SPEECH.contains(next2));
        let role_before = i >= 2
            && words[i - 1] == ","
            && ROLE_NOUNS.contains(words[i - 2].to_lowercase().as_str());
        let coord_person = (i >= 2
            && words[i - 1] == "and"
            && found
                .iter()
                .any(|m| m.1 == i - 1 && m.2 == EntityType::Person))
            || (next == "and"
                && found
                    .iter()
                    .any(|m| m.0 == j + 1 && m.2 == EntityType::Person));
        let sentence_start_common = i == 0
            && j == i + 1
            && lx.word_classes(words[i]) & (lexicon::FIRST | lexicon::SURNAME) == 0
            && !speech;
        if (speech || role_before || coord_person)
            && !sentence_start_common
            && !(i == 0 && j == i + 1 && next != "and" && !speech)
        {
            found.push((i, j, EntityType::Person));
            found.sort_by_key(|m| m.0);
        }
        i = j;
    }
}

/// A name to look for again: its words, type and zone (boilerplate or not).
struct Known<'a> {
    words: Vec<&'a str>,
    label: EntityType,
    boilerplate: bool,
}

/// Document-level consistency: a name found anywhere is a mention wherever it recurs untagged
/// in the same zone (article or furniture); a person's name tokens alone count too. Names are
/// indexed by their first word, and covered tokens kept in a bitmap, so the scan costs one
/// hash per token.
fn propagate(doc: &Document, units: &[(usize, usize, bool)], out: &mut Vec<Found>) {
    use std::collections::HashMap;
    use std::hash::BuildHasherDefault;
    let lx = lexicon::lexicon();
    let text = doc.text();
    let toks = &doc.tokens;
    let word = |k: usize| &text[toks[k].span.start()..toks[k].span.end()];
    let mut dict: Vec<Known> = Vec::new();
    for f in out.iter() {
        // Tokens inside the mention.
        let lo = toks.partition_point(|t| t.span.start() < f.span.start());
        let hi = toks.partition_point(|t| t.span.end() <= f.span.end());
        if lo >= hi {
            continue;
        }
        let words: Vec<&str> = (lo..hi).map(word).collect();
        if f.label == EntityType::Person && words.len() >= 2 {
            for w in &words {
                if plain_cap(w)
                    && lx.word_classes(w) & (lexicon::TITLE | lexicon::PLACEWORD | lexicon::NORP)
                        == 0
                    && !dict.iter().any(|d| {
                        d.words.len() == 1
                            && d.words[0] == *w
                            && d.label == EntityType::Person
                            && d.boilerplate == f.boilerplate
                    })
                {
                    dict.push(Known {
                        words: vec![w],
                        label: EntityType::Person,
                        boilerplate: f.boilerplate,
                    });
                }
            }
        }
        if words.iter().any(|w| is_cap(w))
            && !dict
                .iter()
                .any(|d| d.words == words && d.label == f.label && d.boilerplate == f.boilerplate)
        {
            dict.push(Known {
                words,
                label: f.label,
                boilerplate: f.boilerplate,
            });
        }
    }
    if dict.is_empty() {
        return;
    }
    dict.sort_by_key(|d| std::cmp::Reverse(d.words.len()));
    // First word (exact) → names in dictionary order.
    let mut index: HashMap<u64, Vec<usize>, BuildHasherDefault<lexicon::IdHasher>> =
        HashMap::default();
    // First bytes of the names' first words: most tokens start with none of them.
    let mut first_bytes = [false; 256];
    for (k, d) in dict.iter().enumerate() {
        index
            .entry(lexicon::exact_hash(d.words[0]))
            .or_default()
            .push(k);
        if let Some(&b) = d.words[0].as_bytes().first() {
            first_bytes[usize::from(b)] = true;
        }
    }
    let mut covered = vec![false; toks.len()];
    for f in out.iter() {
        let a = toks.partition_point(|t| t.span.end() <= f.span.start());
        let b = toks.partition_point(|t| t.span.start() < f.span.end());
        if a < b {
            covered[a..b].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut added = Vec::new();
    for &(lo, hi, boiler) in units {
        let hi = hi.min(toks.len());
        let mut i = lo;
        while i < hi {
            let mut matched = 0;
            let w = word(i);
            let lookup = w
                .as_bytes()
                .first()
                .is_some_and(|&b| first_bytes[usize::from(b)]);
            if let Some(cands) = lookup.then(|| index.get(&lexicon::exact_hash(w))).flatten() {
                for &k in cands {
                    let d = &dict[k];
                    let len = d.words.len();
                    if d.boilerplate != boiler
                        || i + len > hi
                        || !(0..len).all(|j| word(i + j) == d.words[j])
                    {
                        continue;
                    }
                    // Not inside a longer capitalised run ("Kim" in "Kim Yo Jong").
                    let before_cap = i > lo
                        && is_cap(word(i - 1))
                        && !covered[i - 1]
                        && !lx.is_title(word(i - 1));
                    let after_cap = i + len < hi && is_cap(word(i + len));
                    if !covered[i..i + len].iter().any(|&c| c)
                        && !(len == 1 && (before_cap || after_cap))
                    {
                        let span = Span::new(toks[i].span.start(), toks[i + len - 1].span.end());
                        added.push(Found {
                            span,
                            label: d.label,
                            boilerplate: boiler,
                            roles: Vec::new(),
                        });
                        covered[i..i + len].iter_mut().for_each(|c| *c = true);
                        matched = len;
                        break;
                    }
                }
            }
            i += matched.max(1);
        }
    }
    out.extend(added);
}

/// The first, simpler form of [`propagate`] (a scan of every name at every token), kept to test
/// that the indexed form finds the same mentions.
#[cfg(test)]
fn propagate_reference(doc: &Document, units: &[(usize, usize, bool)], out: &mut Vec<Found>) {
    let lx = lexicon::lexicon();
    let text = doc.text();
    let mut dict: Vec<(Vec<String>, EntityType, bool)> = Vec::new();
    for f in out.iter() {
        let words: Vec<String> = doc
            .tokens
            .iter()
            .filter(|t| f.span.contains(t.span))
            .map(|t| text[t.span.start()..t.span.end()].to_string())
            .collect();
        if words.is_empty() {
            continue;
        }
        if f.label == EntityType::Person && words.len() >= 2 {
            for w in &words {
                if plain_cap(w)
                    && lx.word_classes(w) & (lexicon::TITLE | lexicon::PLACEWORD | lexicon::NORP)
                        == 0
                {
                    let k = (vec![w.clone()], EntityType::Person, f.boilerplate);
                    if !dict.contains(&k) {
                        dict.push(k);
                    }
                }
            }
        }
        if words.iter().any(|w| is_cap(w)) {
            let k = (words, f.label, f.boilerplate);
            if !dict.contains(&k) {
                dict.push(k);
            }
        }
    }
    dict.sort_by_key(|d| std::cmp::Reverse(d.0.len()));
    let mut added = Vec::new();
    for &(lo, hi, boiler) in units {
        let toks = &doc.tokens[lo..hi];
        let mut i = 0;
        while i < toks.len() {
            let covered = |s: Span| {
                out.iter()
                    .chain(added.iter())
                    .any(|f: &Found| f.span.overlaps(s))
            };
            let mut matched = 0;
            for (words, label, zone) in &dict {
                if *zone != boiler || i + words.len() > toks.len() {
                    continue;
                }
                let ok = words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| &text[toks[i + k].span.start()..toks[i + k].span.end()] == w);
                if !ok {
                    continue;
                }
                let span = Span::new(toks[i].span.start(), toks[i + words.len() - 1].span.end());
                // Not inside a longer capitalised run ("Kim" in "Kim Yo Jong").
                let before_cap = i > 0
                    && is_cap(&text[toks[i - 1].span.start()..toks[i - 1].span.end()])
                    && !covered(toks[i - 1].span)
                    && !lx.is_title(&text[toks[i - 1].span.start()..toks[i - 1].span.end()]);
                let after = i + words.len();
                let after_cap = after < toks.len()
                    && is_cap(&text[toks[after].span.start()..toks[after].span.end()]);
                if !covered(span) && !(words.len() == 1 && (before_cap || after_cap)) {
                    added.push(Found {
                        span,
                        label: *label,
                        boilerplate: boiler,
                        roles: Vec::new(),
                    });
                    matched = words.len();
                    break;
                }
            }
            i += matched.max(1);
        }
    }
    out.extend(added);
}

/// Tags a tokenised sentence with the committed model (all O if the model is missing).
pub fn tag_words(words: &[&str], scratch: &mut tagger::Scratch, out: &mut Vec<u8>) {
    match tagger::model() {
        Some(m) => m.tag(words, scratch, out),
        None => {
            out.clear();
            out.resize(words.len(), 0);
        }
    }
}

/// Whether the word classes say `w` is known and mostly written lower-case inside sentences.
fn rarely_capitalised(w: &str) -> bool {
    let c = clusters::class_of(lexicon::word_hash(w));
    c.known() && c.cap() == 1
}

/// Whether one word is a nationality or group word: a word of letters is looked up as it is,
/// anything else tokenised first ([`lexicon::Lexicon::is_norp`]).
fn norp_word(w: &str) -> bool {
    let lx = lexicon::lexicon();
    if !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()) {
        lx.word_classes(w) & lexicon::NORP != 0
    } else {
        lx.is_norp(w)
    }
}

#[inline]
fn is_cap(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

static DIRECTIONS: WordSet = WordSet::new(&[
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
]);

/// Mentions (token start, end, type) of a tagged sentence, after the lexicon rules.
pub fn mentions_in(words: &[&str], tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let lx = lexicon::lexicon();
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut covered = vec![false; words.len()];
    // A byline: "By Jane Doe", "BY JANE DOE".
    if words.len() >= 3 && words.len() <= 8 && words[0].eq_ignore_ascii_case("by") {
        let mut j = 1;
        while j < words.len()
            && j <= 4
            && is_cap(words[j])
            && words[j]
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
        {
            j += 1;
        }
        if j >= 3 {
            out.push((1, j, EntityType::Person));
            covered[1..j].iter_mut().for_each(|c| *c = true);
        }
    }
    for (a, b, label) in tagger::spans(tags) {
        if covered[a..b].iter().any(|&c| c) {
            continue;
        }
        let (mut a, b, mut label) = (a, b, label);
        // "St. Thomas", "Saint Helena": a saint's name is a place (or, with an organisation
        // word, an organisation), not a person with a title.
        if label == 0 && b - a >= 2 && matches!(words[a], "St" | "St." | "Saint") {
            label = 2;
        }
        // Titles inside a person span are roles, not name.
        if label == 0 {
            while a + 1 < b && lx.is_title(words[a]) {
                a += 1;
            }
        }
        // A sentence-initial common word glued to a name ("Defectors Ryu and Pak said"): a
        // word that news text rarely capitalises mid-sentence is not part of the name.
        while a + 1 < b
            && (a == 0 || matches!(words[a - 1], "\"" | "“" | "'" | "‘" | "(" | "[" | "-" | "—"))
            && rarely_capitalised(words[a])
        {
            a += 1;
        }
        let span_text_is_norp = {
            let last = words[b - 1];
            norp_word(last) && (b - a == 1 || DIRECTIONS.contains(words[a]))
        };
        // Skip spans with no letter. Lower-cased spans are kept: web text writes "florida",
        // "kerala" (dropping them cost 1.0 F1 on EWT dev: 0.696 -> 0.686).
        if !words[a..b]
            .iter()
            .any(|w| w.chars().any(char::is_alphabetic))
        {
            continue;
        }
        let ty = match label {
            _ if span_text_is_norp => EntityType::Norp,
            0 => EntityType::Person,
            1 => EntityType::Org,
            2 => EntityType::Gpe,
            _ => EntityType::Other,
        };
        out.push((a, b, ty));
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    extend_names(words, &mut out, &mut covered);
    known_orgs(words, &mut out, &mut covered);
    org_heads(words, &mut out, &mut covered);
    org_runs(words, &mut out, &mut covered);
    merge_orgs(words, &mut out);
    org_acronyms(words, &mut out, &mut covered);
    split_places(words, &mut out);
    camel_orgs(words, &mut out);
    known_places(words, &mut out, &mut covered);
    trim_after_suffix(words, &mut out, &mut covered);
    tidy_spans(words, &mut out, &mut covered);
    // Nationalities and groups the tagger left out: "a Ukrainian journalist", "North Koreans".
    let mut i = 0;
    while i < words.len() {
        if !covered[i] && is_cap(words[i]) && norp_word(words[i]) {
            let mut a = i;
            if i > 0 && !covered[i - 1] && DIRECTIONS.contains(words[i - 1]) {
                a = i - 1;
            }
            out.push((a, i + 1, EntityType::Norp));
            covered[a..=i].iter_mut().for_each(|c| *c = true);
        }
        i += 1;
    }
    out.sort_by_key(|m| m.0);
    out
}

/// Words a name does not end with ("Santa of", "Milson Mundim -"), nor is made of alone ("da").
static NOT_NAME_ENDS: WordSet = WordSet::new(&[
    "of", "and", "the", "for", "&", "da", "de", "del", "di", "van", "von", "al", "el", "le", "la",
]);

/// Trims what no name ends or begins with: tokens without a letter or digit at either end
/// ("Milson Mundim -"), and a trailing function word or lone particle; a span left with no
/// capitalised word but a lone particle or function word goes.
fn tidy_spans(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let bare = |w: &str| !w.chars().any(char::is_alphanumeric);
    out.retain_mut(|m| {
        let (mut a, mut b) = (m.0, m.1);
        while a < b && bare(words[a]) {
            a += 1;
        }
        while b > a && (bare(words[b - 1]) || (b - a > 1 && NOT_NAME_ENDS.contains(words[b - 1]))) {
            b -= 1;
        }
        // A place ends at its name: "Doda district", "Florida Keys islands".
        if m.2 == EntityType::Gpe
            && b - a >= 2
            && words[b - 1].len() >= 3
            && words[b - 1].chars().all(char::is_lowercase)
            && words[a..b - 1].iter().all(|w| is_cap(w))
        {
            b -= 1;
        }
        covered[m.0..a].iter_mut().for_each(|c| *c = false);
        covered[b..m.1].iter_mut().for_each(|c| *c = false);
        m.0 = a;
        m.1 = b;
        a < b && !(b - a == 1 && NOT_NAME_ENDS.contains(words[a]))
    });
}

/// Name particles that stay lower-case inside Arabic names ("Muqtada al-Sadr", "bin Laden").
static PARTICLES: WordSet = WordSet::new(&["al", "el", "bin", "ibn", "bint", "abu"]);
/// Words that begin a place's name before "of" ("Gulf of Mexico", "Isle of Man").
static PLACE_OF_HEADS: WordSet = WordSet::new(&[
    "Gulf",
    "Bay",
    "Sea",
    "Isle",
    "Isles",
    "Strait",
    "Straits",
    "Cape",
    "Lake",
    "Mount",
    "Republic",
    "Kingdom",
    "Sultanate",
    "Emirate",
    "Principality",
]);
/// Capitalised words that, right before a place, are part of its name ("South Vietnam", "Greater Noida").
static PLACE_PREFIXES: WordSet = WordSet::new(&[
    "North", "South", "East", "West", "Greater", "Upper", "Lower",
]);
/// Words before a name that make it a storm's, not a person's ("Hurricane Katrina").
static STORMS: WordSet = WordSet::new(&["Hurricane", "Typhoon", "Cyclone", "Storm"]);

/// Span repairs on the tagger's output: a person's name takes in its particles and the
/// capitalised name before them ("Muqtada al - Sadr", "bin Laden"), and initials before it
/// ("A. Noel Kramer", "V K Choudhry"); adjacent person spans join ("Rudwell" + "Johnson"); a
/// place takes in a direction or "Greater" before it ("South Vietnam") and "Gulf of" … before
/// it ("Gulf of Mexico"); a storm's name is no person ("Hurricane Rita").
fn extend_names(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let initial = |w: &str| {
        let b = w.as_bytes();
        // "J", "J.", "W.H.S." (not "A" or "I" alone: articles and pronouns).
        (b.len() == 1 && b[0].is_ascii_uppercase() && !matches!(b[0], b'A' | b'I'))
            || (b.len() >= 2
                && b.len().is_multiple_of(2)
                && b.chunks(2)
                    .all(|c| c[0].is_ascii_uppercase() && c[1] == b'.')
                && !matches!(
                    w,
                    "P.S." | "U.S." | "U.K." | "U.N." | "E.U." | "A.M." | "P.M." | "D.C."
                ))
    };
    out.sort_by_key(|m| m.0);
    let mut k = 0;
    while k < out.len() {
        let (mut a, b, ty) = out[k];
        if ty == EntityType::Person {
            if a >= 1 && STORMS.contains(words[a - 1]) {
                covered[a..b].iter_mut().for_each(|c| *c = false);
                out.remove(k);
                continue;
            }
            // Particles: "al -", "al", "bin".
            let mut s = a;
            if s >= 2
                && words[s - 1] == "-"
                && PARTICLES.contains(words[s - 2].to_lowercase().as_str())
                && !covered[s - 2]
            {
                s -= 2;
            } else if s >= 1 && PARTICLES.contains(words[s - 1]) && !covered[s - 1] {
                s -= 1;
            }
            if s < a {
                a = s;
                // The given name before the particle, untagged or tagged as its own person.
                if a >= 1
                    && is_cap(words[a - 1])
                    && !not_name(words[a - 1])
                    && words[a - 1].chars().all(char::is_alphabetic)
                {
                    if !covered[a - 1] {
                        a -= 1;
                        while a >= 1
                            && !covered[a - 1]
                            && plain_cap(words[a - 1])
                            && !lx_title(words[a - 1])
                            && a + 4 > s
                        {
                            a -= 1;
                        }
                    } else if k > 0 && out[k - 1].1 == a && out[k - 1].2 == EntityType::Person {
                        a = out[k - 1].0;
                        out.remove(k - 1);
                        k -= 1;
                    }
                }
            }
            // Initials before the name.
            while a >= 1
                && !covered[a - 1]
                && initial(words[a - 1])
                && !(a >= 2 && words[a - 2] == "by")
            {
                a -= 1;
            }
            covered[a..b].iter_mut().for_each(|c| *c = true);
            out[k].0 = a;
            // A quoted "Surname , Given" (mail headers: "Lenhart , Matthew"): one name.
            if b - a == 1
                && a >= 1
                && words[a - 1] == "\""
                && words.get(b) == Some(&",")
                && words.get(b + 2) == Some(&"\"")
                && plain_cap(words[b + 1])
            {
                if out
                    .get(k + 1)
                    .is_some_and(|m| m.0 == b + 1 && m.1 == b + 2 && m.2 == EntityType::Person)
                {
                    out.remove(k + 1);
                }
                if !out.iter().any(|m| m.0 <= b + 1 && b + 1 < m.1) {
                    covered[a..b + 2].iter_mut().for_each(|c| *c = true);
                    out[k] = (a, b + 2, EntityType::Person);
                    k += 1;
                    continue;
                }
            }
            // An adjacent person span: one name.
            if k + 1 < out.len()
                && out[k + 1].0 == b
                && out[k + 1].2 == EntityType::Person
                && b - a == 1
                && out[k + 1].1 - b == 1
            {
                out[k].1 = out[k + 1].1;
                out.remove(k + 1);
                continue;
            }
        }
        if ty == EntityType::Gpe {
            if a >= 1
                && !covered[a - 1]
                && PLACE_PREFIXES.contains(words[a - 1])
                && !(a >= 2 && is_cap(words[a - 2]) && !covered[a - 2])
            {
                a -= 1;
            } else if a >= 3
                && words[a - 1] == "of"
                && !covered[a - 2]
                && PLACE_OF_HEADS.contains(words[a - 2])
            {
                a -= 2;
            }
            covered[a..b].iter_mut().for_each(|c| *c = true);
            out[k].0 = a;
        }
        k += 1;
    }
}

fn lx_title(w: &str) -> bool {
    lexicon::lexicon().is_title(w)
}

/// Known organisations (`data/organisations.txt`, whole token sequences, case-sensitive): a
/// name the tagger missed becomes ORG, a span of exactly that name typed as a place, other or
/// person (not a lone first name or surname: "Ford") becomes ORG, and tagger spans lying inside a longer known name ("Georgetown" + "University")
/// give way to it. A known name inside a longer tagger span ("Google Inc.") is left alone.
fn known_orgs(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let lx = lexicon::lexicon();
    // A sentence written all in lower case ("went to taco bell") is matched without case.
    let lower_text = words.len() >= 3
        && words
            .iter()
            .all(|w| *w == "I" || !w.chars().any(char::is_uppercase));
    let mut i = 0;
    while i < words.len() {
        // A title with "The" ("The Australian", "The Sun") only mid-sentence, where the capital
        // marks it: a sentence opening "The Australian firm said" names no newspaper.
        let len = if ORG_FIRST.may_start(lexicon::exact_hash(words[i]))
            && !(i == 0 && words[0] == "The")
        {
            lx.org_at(words, i)
        } else {
            0
        };
        let len = if len == 0 && lower_text {
            lower_org_at(words, i)
        } else {
            len
        };
        if len == 0 {
            i += 1;
            continue;
        }
        let (a, b) = (i, i + len);
        let inside_longer = out
            .iter()
            .any(|m| m.0 <= a && b <= m.1 && (m.0, m.1) != (a, b));
        let crosses = out
            .iter()
            .any(|m| m.0 < b && a < m.1 && !(a <= m.0 && m.1 <= b) && !(m.0 <= a && b <= m.1));
        if inside_longer || crosses {
            i += 1;
            continue;
        }
        if let Some(m) = out.iter_mut().find(|m| (m.0, m.1) == (a, b)) {
            if matches!(m.2, EntityType::Gpe | EntityType::Other)
                || (m.2 == EntityType::Person
                    && !(b - a == 1
                        && lx.word_classes(words[a]) & (lexicon::FIRST | lexicon::SURNAME) != 0))
            {
                m.2 = EntityType::Org;
            }
        } else {
            out.retain(|m| !(a <= m.0 && m.1 <= b));
            out.push((a, b, EntityType::Org));
            covered[a..b].iter_mut().for_each(|c| *c = true);
        }
        i = b;
    }
}

/// Lower-cased phrase hashes of the known organisations written in mixed case (not acronyms:
/// "un", "who" are words) → 1 entry, 2 prefix of a longer entry.
static LOWER_ORGS: std::sync::LazyLock<
    std::collections::HashMap<u64, u8, std::hash::BuildHasherDefault<lexicon::IdHasher>>,
> = std::sync::LazyLock::new(|| {
    let mut map: std::collections::HashMap<
        u64,
        u8,
        std::hash::BuildHasherDefault<lexicon::IdHasher>,
    > = std::collections::HashMap::default();
    for entry in include_str!("../data/organisations.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut hashes = Vec::new();
        let mut plain = true;
        let mut h = 0u64;
        segment::for_each_token(entry, 0, |s| {
            let w = &entry[s.start()..s.end()];
            plain &=
                w.chars().all(char::is_alphabetic) && w.chars().skip(1).all(char::is_lowercase);
            h = lexicon::phrase_step(h, lexicon::word_hash(w));
            hashes.push(h);
        });
        if !plain || hashes.is_empty() {
            continue;
        }
        let n = hashes.len();
        *map.entry(hashes[n - 1]).or_default() |= 1;
        for &h in &hashes[..n - 1] {
            *map.entry(h).or_default() |= 2;
        }
    }
    map
});

/// Token count of the longest known organisation of two or more words at `words[i]` matched
/// without case, in a lower-cased sentence ("taco bell").
fn lower_org_at(words: &[&str], i: usize) -> usize {
    let mut h = 0u64;
    let mut best = 0;
    for (k, w) in words.iter().enumerate().skip(i).take(lexicon::MAX_PHRASE) {
        h = lexicon::phrase_step(h, lexicon::word_hash(w));
        let Some(&v) = LOWER_ORGS.get(&h) else { break };
        if v & 1 != 0 {
            best = k + 1 - i;
        }
        if v & 2 == 0 {
            break;
        }
    }
    // One word alone is too often a common word or a verb ("apple", "google it").
    if best >= 2 {
        best
    } else {
        0
    }
}

/// Words that end an organisation's name ("Acme Inc.", "Labour Party", "Ford Foundation").
static ORG_TAILS: WordSet = WordSet::new(&[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "Co.",
    "Company",
    "Group",
    "University",
    "College",
    "Institute",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Ministry",
    "Department",
    "Bank",
    "Airlines",
    "Airways",
    "Party",
    "Association",
    "Foundation",
    "Bureau",
    "Authority",
    "Union",
    "Society",
    "Club",
    "Federation",
    "Organization",
    "Organisation",
    "Board",
    "Fund",
    "Trust",
    "Police",
    "Army",
    "Navy",
    "Corps",
    "Brigade",
    "Battalion",
    "Regiment",
    "Division",
    "Command",
    "Network",
    "Press",
    "Times",
    "News",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Magazine",
    "Industries",
    "Holdings",
    "Technologies",
    "Systems",
    "Motors",
    "Enterprises",
    "Partners",
    "Associates",
    "Services",
    "Solutions",
    "Labs",
    "Laboratories",
    "Records",
    "Studios",
    "Pictures",
    "Books",
    "Publishing",
    "Communications",
    "Insurance",
    "Energy",
    "Airline",
    "Orchestra",
    "Philharmonic",
    "Marines",
    "Court",
    "Forces",
    "Force",
    "Guard",
]);
/// Words that begin an organisation's name before "of" ("University of Texas", "Bank of Korea").
static ORG_OF_HEADS: WordSet = WordSet::new(&[
    "University",
    "Ministry",
    "Department",
    "Bank",
    "Bureau",
    "Council",
    "Institute",
    "College",
    "School",
    "Academy",
    "Office",
    "Board",
    "Commission",
    "Committee",
    "Court",
    "Church",
    "Federation",
    "Association",
    "Society",
    "League",
    "Party",
    "Union",
    "Agency",
    "Chamber",
    "House",
]);

/// Organisation head words: a tagger span typed as a place, person or other that ends with an
/// organisation word ("Georgia Institute", "Acme Corp.") or holds "Department of"… ("U.S.
/// Department of Housing") becomes ORG; a place tagged after
/// "University of" / "Ministry of" … takes the head in ("University of Texas").
fn org_heads(words: &[&str], out: &mut [(usize, usize, EntityType)], covered: &mut [bool]) {
    for m in out.iter_mut() {
        let (a, b, ty) = *m;
        if ty == EntityType::Norp {
            continue;
        }
        if ty != EntityType::Org
            && b - a >= 2
            && ORG_TAILS.contains(words[b - 1])
            && !DIRECTIONS.contains(words[a])
        {
            m.2 = EntityType::Org;
        }
        if ty != EntityType::Org
            && ty != EntityType::Person
            && (a..b - 1).any(|i| ORG_OF_HEADS.contains(words[i]) && words[i + 1] == "of")
        {
            m.2 = EntityType::Org;
        }
        if a >= 2 && words[a - 1] == "of" && ORG_OF_HEADS.contains(words[a - 2]) && !covered[a - 2]
        {
            let mut s = a - 2;
            while s > 0
                && !covered[s - 1]
                && is_cap(words[s - 1])
                && !not_name(words[s - 1])
                && words[s - 1].chars().all(char::is_alphabetic)
            {
                s -= 1;
            }
            *m = (s, b, EntityType::Org);
            covered[s..a].iter_mut().for_each(|c| *c = true);
        }
    }
}

/// Capitalised runs the tagger left out that read as an organisation's name: they end with an
/// organisation word ("Coalition Provisional Authority", "Rodale Books") or begin with one
/// before "of" ("Association of Muslim Scholars"). Two to six words; "of", "&", "-" inside.
fn org_runs(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let n = words.len();
    let name_word = |w: &str| {
        let b = w.as_bytes();
        match b.first() {
            None => false,
            Some(&f) if f < 0x80 && !f.is_ascii_uppercase() => false,
            _ if b
                .iter()
                .all(|&c| c.is_ascii_alphabetic() || c == b'.' || c == b'\'') =>
            {
                b[0].is_ascii_uppercase() && !not_name(w)
            }
            _ => {
                is_cap(w)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
                    && !not_name(w)
            }
        }
    };
    let mut i = 0;
    while i < n {
        if covered[i] || !name_word(words[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && !covered[j] && j - i < 6 {
            if name_word(words[j]) {
                j += 1;
            } else if matches!(words[j], "of" | "&" | "-")
                && j + 1 < n
                && !covered[j + 1]
                && name_word(words[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        let j = j.min(n);
        let tail = j - i >= 2 && ORG_TAILS.contains(words[j - 1]) && !DIRECTIONS.contains(words[i]);
        let of_head = j - i >= 3 && ORG_OF_HEADS.contains(words[i]) && words[i + 1] == "of";
        if tail || of_head {
            out.push((i, j, EntityType::Org));
            covered[i..j].iter_mut().for_each(|c| *c = true);
        }
        i = j;
    }
}

/// All-caps words that are not organisations: abbreviations of common words, units, pronouns.
static NOT_ACRONYMS: WordSet = WordSet::new(&[
    "I", "A", "OK", "TV", "AM", "PM", "ID", "CEO", "CFO", "COO", "CTO", "VP", "FAQ", "PS", "PPS",
    "FYI", "ASAP", "LOL", "OMG", "BTW", "IMO", "IMHO", "THE", "AND", "FOR", "NOT", "BUT", "YOU",
    "ARE", "USA", "US", "UK", "DC", "PC", "CD", "DVD", "GPS", "PDF", "HTML", "URL", "WWW", "HTTP",
    "AIDS", "HIV", "DNA", "GDP", "MP", "MPs", "DJ", "RSVP", "ATM", "SUV", "AC", "USB", "IT", "IQ",
    "GMT", "UTC", "EST", "PST", "CST", "AD", "BC", "MD", "PhD", "MBA", "BA", "MA", "BS", "RE",
    "FW", "FWD", "CC", "NB", "ET", "AKA", "NO", "YES", "SMS", "MB", "GB", "KB", "TB", "MPH",
    "AWOL", "POW", "POWs", "IED", "IEDs", "WMD", "RPG", "SOS", "VIP", "PR", "HR", "QA", "RIP",
    "TBA", "TBD", "ETA",
]);

/// All-caps acronyms (two to five capitals) the tagger left out, in mixed-case text, that are
/// neither places nor common abbreviations nor common words, after "the", before a speech verb
/// or role ("CPA officials"), or in brackets after an ORG ("Coalition Provisional Authority (CPA)"):
/// ORG. Without the context cue it cost 2 points of EWT dev F1 ("FREE", "DUI").
fn org_acronyms(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let lx = lexicon::lexicon();
    // Only words that could be acronyms; the sentence's case is checked when one is seen.
    if !words
        .iter()
        .any(|w| (2..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return;
    }
    let lower_words = words
        .iter()
        .filter(|w| w.chars().any(char::is_lowercase))
        .count();
    if lower_words * 2 < words.len() {
        return;
    }
    for (i, w) in words.iter().enumerate() {
        let len = w.len();
        if covered[i]
            || !(2..=5).contains(&len)
            || !w.bytes().all(|b| b.is_ascii_uppercase())
            || NOT_ACRONYMS.contains(w)
        {
            continue;
        }
        if lx.word_classes(w) & (lexicon::PLACE | lexicon::NORP | lexicon::TITLE | lexicon::FIRST)
            != 0
            || rarely_capitalised(w)
        {
            continue;
        }
        let the_before = i > 0 && words[i - 1].eq_ignore_ascii_case("the");
        let next = words.get(i + 1).copied().unwrap_or("");
        let speech_after = SPEECH.contains(next)
            || matches!(
                next,
                "spokesman" | "spokeswoman" | "official" | "officials" | "chief" | "director"
            );
        let defined = i >= 2
            && words[i - 1] == "("
            && next == ")"
            && out.iter().any(|m| m.1 == i - 1 && m.2 == EntityType::Org);
        if !(the_before || speech_after || defined) {
            continue;
        }
        out.push((i, i + 1, EntityType::Org));
        covered[i] = true;
    }
}

/// Whether `words` is one place of the gazetteers ("San Francisco", "france"; `places.txt` or
/// `regions.txt`).
fn is_place(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > lexicon::MAX_PHRASE {
        return false;
    }
    let h = words
        .iter()
        .fold(0u64, |h, w| lexicon::phrase_step(h, lexicon::word_hash(w)));
    let lx = lexicon::lexicon();
    lx.classes(h) & lexicon::PLACE != 0 || lx.is_region(h)
}

/// A place span made of two gazetteer places side by side ("san francisco california",
/// "Brittany France") is two places, as a comma would have made it.
fn split_places(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>) {
    let mut extra = Vec::new();
    for m in out.iter_mut() {
        let (a, b, ty) = *m;
        if ty != EntityType::Gpe || b - a < 2 || is_place(&words[a..b]) {
            continue;
        }
        if let Some(p) = (a + 1..b).find(|&p| is_place(&words[a..p]) && is_place(&words[p..b])) {
            *m = (a, p, ty);
            extra.push((p, b, ty));
        }
    }
    out.extend(extra);
    out.sort_by_key(|m| m.0);
}

/// Corporate suffixes that close a company's name.
static CORP_SUFFIXES: WordSet = WordSet::new(&[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "Co.",
]);

/// An ORG span running on past a corporate suffix ("Acme Corporation Guaranty", "Google, Inc. of
/// Mountain View") ends at the suffix.
fn trim_after_suffix(words: &[&str], out: &mut [(usize, usize, EntityType)], covered: &mut [bool]) {
    for m in out.iter_mut() {
        let (a, b, ty) = *m;
        if ty != EntityType::Org {
            continue;
        }
        if let Some(k) = (a + 1..b - 1).find(|&k| CORP_SUFFIXES.contains(words[k])) {
            *m = (a, k + 1, ty);
            covered[k + 1..b].iter_mut().for_each(|c| *c = false);
        }
    }
}

/// Whether `w` is written in CamelCase like a web or company name ("PayPal", "WashPost"):
/// capital first, a capital after a lower-case letter later, letters only; not "McDonald",
/// "MacArthur", "DeLuca"-style surnames.
fn is_camel(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_uppercase() || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if w.starts_with("Mc")
        || w.starts_with("Mac")
        || w.starts_with("De")
        || w.starts_with("Di")
        || w.starts_with("La")
        || w.starts_with("Le")
        || w.starts_with("Van")
    {
        return false;
    }
    b.windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}

/// CamelCase words ("PayPal", "NiMo") tagged as a one-word person: ORG. CamelCase words the
/// tagger left out are not added: on WNUT-17 dev they are mostly products (F1 0.476 -> 0.471
/// with them; EWT dev unchanged at 0.748).
fn camel_orgs(words: &[&str], out: &mut [(usize, usize, EntityType)]) {
    for m in out.iter_mut() {
        if m.1 - m.0 == 1 && m.2 == EntityType::Person && is_camel(words[m.0]) {
            m.2 = EntityType::Org;
        }
    }
}

/// Gazetteer places the tagger left out ("Miami", "Nova Scotia"): capitalised, not a
/// first name, not a common word at the start of a sentence, not inside a capitalised run.
fn known_places(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>, covered: &mut [bool]) {
    let lx = lexicon::lexicon();
    let n = words.len();
    let mut i = 0;
    while i < n {
        if covered[i]
            || not_name(words[i])
            || (i > 1 && is_cap(words[i - 1]) && !covered[i - 1])
            || !PLACE_FIRST.may_start(lexicon::word_hash(words[i]))
        {
            i += 1;
            continue;
        }
        // Lower-cased ("kerala", "mississippi") when the word classes say the word is mostly
        // capitalised or unknown (so not "nice", "reading").
        let ok_case = is_cap(words[i])
            || words[i].chars().next().is_some_and(char::is_lowercase) && {
                let c = clusters::class_of(lexicon::word_hash(words[i]));
                !c.known() || c.cap() >= 3
            };
        if !ok_case {
            i += 1;
            continue;
        }
        // The longest gazetteer place starting here; the phrase hash grows word by word and
        // the scan stops where no entry goes on.
        let mut best = 0;
        let mut h = 0u64;
        for len in 1..=lexicon::MAX_PHRASE.min(n - i) {
            if covered[i + len - 1] {
                break;
            }
            h = lexicon::phrase_step(h, lexicon::word_hash(words[i + len - 1]));
            let (classes, longer) = lx.classes_and_prefix(h);
            if classes & lexicon::PLACE != 0 || lx.is_region(h) {
                best = len;
            }
            if !longer && !REGION_PREFIXES.contains(&h) {
                break;
            }
        }
        let b = i + best;
        let ok = best > 0
            && !(b < n && is_cap(words[b]))
            && !(best == 1 && lx.word_classes(words[i]) & (lexicon::FIRST | lexicon::SURNAME) != 0)
            && !(i == 0 && best == 1 && rarely_capitalised(words[i]));
        if ok {
            out.push((i, b, EntityType::Gpe));
            covered[i..b].iter_mut().for_each(|c| *c = true);
            i = b;
        } else {
            i += 1;
        }
    }
}

/// A 65,536-bit filter of word hashes: the first words of a gazetteer's entries. A word not in
/// it starts no entry, so the rules skip the gazetteer's hash-table lookups for it (most words).
struct FirstWords {
    bits: Vec<u64>,
}

impl FirstWords {
    fn slot(h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }
    fn build(sources: &[&str], hash: fn(&str) -> u64) -> FirstWords {
        let mut bits = vec![0u64; 1 << 10];
        for data in sources {
            for entry in data
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let mut first = None;
                segment::for_each_token(entry, 0, |s| {
                    if first.is_none() {
                        first = Some(hash(&entry[s.start()..s.end()]));
                    }
                });
                if let Some(h) = first {
                    let k = Self::slot(h);
                    bits[k >> 6] |= 1 << (k & 63);
                }
            }
        }
        FirstWords { bits }
    }
    #[inline]
    fn may_start(&self, h: u64) -> bool {
        let k = Self::slot(h);
        self.bits[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// First words (lower-cased hash) of `places.txt` and `regions.txt` entries.
static PLACE_FIRST: std::sync::LazyLock<FirstWords> = std::sync::LazyLock::new(|| {
    FirstWords::build(
        &[
            include_str!("../data/places.txt"),
            include_str!("../data/regions.txt"),
        ],
        lexicon::word_hash,
    )
});
/// First words (exact hash) of `organisations.txt` entries.
static ORG_FIRST: std::sync::LazyLock<FirstWords> = std::sync::LazyLock::new(|| {
    FirstWords::build(
        &[include_str!("../data/organisations.txt")],
        lexicon::exact_hash,
    )
});

/// Phrase hashes (as the lexicon computes them) of the proper prefixes of `data/regions.txt`
/// entries, so a place scan knows when a longer region may still follow.
static REGION_PREFIXES: std::sync::LazyLock<
    std::collections::HashSet<u64, std::hash::BuildHasherDefault<lexicon::IdHasher>>,
> = std::sync::LazyLock::new(|| {
    let mut set = std::collections::HashSet::default();
    for entry in include_str!("../data/regions.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut hashes = Vec::new();
        let mut h = 0u64;
        segment::for_each_token(entry, 0, |s| {
            h = lexicon::phrase_step(h, lexicon::word_hash(&entry[s.start()..s.end()]));
            hashes.push(h);
        });
        hashes.pop();
        set.extend(hashes);
    }
    set
});

/// Joins an organisation split by the tagger: "Department of Housing" + "and" + "Urban
/// Development" (a name with "X of" before the "and"), and a place right before an
/// organisation ("US" + "National Hurricane Center").
fn merge_orgs(words: &[&str], out: &mut Vec<(usize, usize, EntityType)>) {
    out.sort_by_key(|m| m.0);
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b, ty) = out[k];
        let (c, d, ty2) = out[k + 1];
        let of_and = ty == EntityType::Org
            && ty2 != EntityType::Person
            && c == b + 1
            && words[b] == "and"
            && (a..b - 1).any(|i| words[i + 1] == "of" && ORG_OF_HEADS.contains(words[i]))
            && is_cap(words[c]);
        // A place right before an organisation ("US" + "National Hurricane Center", "Chicago" +
        // "Symphony Orchestra", "United States" + "Department of …").
        let place_org = ty == EntityType::Gpe
            && ty2 == EntityType::Org
            && c == b
            && is_cap(words[c])
            && (d - c >= 2
                || b - a == 1 && words[a].chars().all(|ch| ch.is_uppercase() || ch == '.'));
        // An organisation's head and the place it belongs to: "Housing Authority" + "of" + "New
        // Orleans", "Court of Appeals".
        let org_of_place = ty == EntityType::Org
            && ty2 == EntityType::Gpe
            && c == b + 1
            && words[b] == "of"
            && (ORG_TAILS.contains(words[b - 1]) || ORG_OF_HEADS.contains(words[b - 1]));
        if of_and || place_org || org_of_place {
            out[k] = (a, d, EntityType::Org);
            out.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Roles around a person mention: title words right before it ("President", "Sgt."), and an
/// apposition before or after it ("a former North Korean sergeant, Ryu ...", "Ryu, a defector,").
fn roles_for(words: &[&str], a: usize, b: usize, label: EntityType) -> Vec<String> {
    let lx = lexicon::lexicon();
    let mut roles = Vec::new();
    if label != EntityType::Person {
        return roles;
    }
    let mut k = a;
    while k > 0 && lx.is_title(words[k - 1]) && is_cap(words[k - 1]) {
        k -= 1;
    }
    if k < a {
        let title: Vec<&str> = words[k..a]
            .iter()
            .map(|w| w.trim_end_matches('.'))
            .collect();
        roles.push(title.join(" ").to_lowercase());
    }
    let is_det = |w: &str| matches!(w.to_lowercase().as_str(), "a" | "an" | "the" | "another");
    let is_role = |w: &str| ROLE_NOUNS.contains(w.to_lowercase().as_str());
    // Before: "a former North Korean sergeant, NAME".
    if a >= 3 && words[a - 1] == "," && is_role(words[a - 2]) {
        let mut d = a - 2;
        while d > 0
            && a - 2 - d < 6
            && !is_det(words[d - 1])
            && !matches!(words[d - 1], "," | "." | ";" | ":")
        {
            d -= 1;
        }
        if d > 0 && is_det(words[d - 1]) {
            roles.push(words[d..a - 1].join(" "));
        }
    }
    // After: "NAME, a defector who ...," up to the role noun.
    if b + 2 < words.len() && words[b] == "," && is_det(words[b + 1]) {
        let mut e = b + 2;
        while e < words.len() && e - b <= 7 && !matches!(words[e], "," | "." | ";" | ":") {
            if is_role(words[e]) {
                roles.push(words[b + 2..=e].join(" "));
                break;
            }
            e += 1;
        }
    }
    roles
}

/// Descriptions that name a person's role after the person was named: "the Ukrainian president"
/// after "President Oleksandr Kovalenkiy", "the sergeant" after "a former sergeant, Ryu ...".
/// Only a role held by exactly one person of the document links; the mention keeps its words.
fn role_mentions(
    doc: &Document,
    entities: &[document::Entity],
    mentions: &[EntityMention],
) -> Vec<EntityMention> {
    let lx = lexicon::lexicon();
    let text = doc.text();
    let mut heads: Vec<(String, usize, usize)> = Vec::new(); // (role head noun, entity, first mention start)
    for (i, e) in entities.iter().enumerate() {
        if e.label != EntityType::Person {
            continue;
        }
        let first = mentions
            .iter()
            .filter(|m| m.entity == Some(i))
            .map(|m| m.span.start())
            .min()
            .unwrap_or(usize::MAX);
        for r in &e.roles {
            if let Some(head) = r.split_whitespace().last() {
                let head = head.to_lowercase();
                match heads.iter().position(|h| h.0 == head) {
                    Some(k) if heads[k].1 != i => heads[k].1 = usize::MAX, // two people: ambiguous
                    Some(_) => {}
                    None => heads.push((head, i, first)),
                }
            }
        }
    }
    heads.retain(|h| h.1 != usize::MAX);
    let mut out = Vec::new();
    if heads.is_empty() {
        return out;
    }
    let toks = &doc.tokens;
    let word = |i: usize| &text[toks[i].span.start()..toks[i].span.end()];
    for i in 0..toks.len() {
        if !word(i).eq_ignore_ascii_case("the") {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j - i <= 2
            && is_cap(word(j))
            && (DIRECTIONS.contains(word(j)) || lx.is_norp(word(j)))
        {
            j += 1;
        }
        if j >= toks.len() {
            break;
        }
        // The heads are lower-cased: an ASCII word is compared without allocating.
        let wj = word(j);
        let same = |h: &str| {
            if wj.is_ascii() {
                h.eq_ignore_ascii_case(wj)
            } else {
                h == wj.to_lowercase()
            }
        };
        let Some(&(_, e, first)) = heads.iter().find(|h| same(&h.0)) else {
            continue;
        };
        let span = Span::new(toks[i].span.start(), toks[j].span.end());
        let next_is_name = j + 1 < toks.len() && is_cap(word(j + 1));
        let next_is_of = j + 1 < toks.len() && word(j + 1) == "of";
        if span.start() > first
            && !next_is_name
            && !next_is_of
            && !doc.is_boilerplate(span)
            && !mentions
                .iter()
                .any(|m| m.span.overlaps(span) && m.label != EntityType::Norp)
        {
            out.push(EntityMention {
                span,
                label: EntityType::Person,
                entity: Some(e),
            });
        }
    }
    out
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use document::Stage;

    #[test]
    fn fast_lookups_agree_with_the_lexicon() {
        for w in NOT_NAMES.words {
            assert!(not_name(w), "{w}");
        }
        assert!(!not_name("Seoul") && !not_name("the"));
        for w in [
            "Ukrainian",
            "Koreans",
            "British",
            "French",
            "Seoul",
            "U.S.",
            "Anglo-Saxon",
        ] {
            assert_eq!(norp_word(w), lexicon::lexicon().is_norp(w), "{w}");
        }
        // Every gazetteer place and known organisation passes its first-word filter.
        let lx = lexicon::lexicon();
        for w in ["London", "san", "New", "Nova", "kerala"] {
            if lx.word_classes(w) & lexicon::PLACE != 0 {
                assert!(PLACE_FIRST.may_start(lexicon::word_hash(w)), "{w}");
            }
        }
        for w in ["United", "UN", "Google", "al-Qaeda"] {
            if lx.org_at(&[w], 0) > 0 {
                assert!(ORG_FIRST.may_start(lexicon::exact_hash(w)), "{w}");
            }
        }
    }

    #[test]
    fn word_sets_agree_with_their_lists() {
        let sets = [
            &SPEECH,
            &ROLE_NOUNS,
            &NOT_NAMES,
            &DIRECTIONS,
            &NOT_NAME_ENDS,
            &PARTICLES,
            &PLACE_OF_HEADS,
            &PLACE_PREFIXES,
            &STORMS,
            &ORG_TAILS,
            &ORG_OF_HEADS,
            &NOT_ACRONYMS,
            &CORP_SUFFIXES,
        ];
        let mut probes: Vec<&str> = sets.iter().flat_map(|s| s.words.iter().copied()).collect();
        probes.extend([
            "", "the", "Seoul", "Thes", "said.", "Minister", "ÉTAT", "I", "a",
        ]);
        for set in sets {
            for w in &probes {
                assert_eq!(set.contains(w), set.words.contains(w), "{w}");
            }
        }
    }

    #[test]
    fn indexed_propagation_finds_what_the_full_scan_found() {
        let texts = [
            include_str!("../tests/data/story.txt"),
            include_str!("../tests/data/pairs.txt"),
            "By Jane Doe\n\nJane Doe met Kim Yo Jong in Seoul. Later Kim said Doe and Jong were in Seoul, not Busan. \
             The Acme Corp board met. Acme Corp said Doe would go. Kim Jong Un and Kim met. Seoul, Seoul, SEOUL.\n\nJane Doe",
        ];
        let mut added = 0;
        for text in texts {
            let mut doc = Document::from_text("t", text);
            segment::Segmenter.run(&mut doc);
            let (out, units) = tagged_mentions(&doc);
            let n = out.len();
            let (mut a, mut b) = (out.clone(), out);
            propagate(&doc, &units, &mut a);
            propagate_reference(&doc, &units, &mut b);
            added += a.len() - n;
            a.sort_by_key(|f| f.span);
            b.sort_by_key(|f| f.span);
            assert_eq!(a, b);
        }
        assert!(added >= 2, "{added}");
    }

    fn with(words: &[&str], tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
        mentions_in(words, tags)
    }

    #[test]
    fn organisation_and_place_rules_on_untagged_text() {
        let w = [
            "He", "works", "for", "Google", "in", "Miami", "and", "the", "CPA", "said", "so", ".",
        ];
        let m = with(&w, &[0; 12]);
        assert!(m.contains(&(3, 4, EntityType::Org)), "{m:?}");
        assert!(m.contains(&(5, 6, EntityType::Gpe)), "{m:?}");
        assert!(m.contains(&(8, 9, EntityType::Org)), "{m:?}");
        let w = [
            "Officials",
            "of",
            "the",
            "Coalition",
            "Provisional",
            "Authority",
            "met",
            ".",
        ];
        assert!(with(&w, &[0; 8]).contains(&(3, 6, EntityType::Org)));
        // A lower-cased sentence: known names of two or more words match without case.
        let w = ["we", "went", "to", "taco", "bell", "and", "apple", "store"];
        assert_eq!(with(&w, &[0; 8]), vec![(3, 5, EntityType::Org)]);
        // Common all-caps words are not acronyms of organisations.
        let w = ["the", "FREE", "offer", "is", "OK", "."];
        assert!(with(&w, &[0; 6]).is_empty());
        // A title with "The" is one mid-sentence, not as the sentence's opening words.
        let w = ["The", "Australian", "firm", "said", "so", "."];
        assert!(!with(&w, &[0; 6]).contains(&(0, 2, EntityType::Org)));
        let w = ["He", "told", "The", "Australian", "so", "."];
        assert!(with(&w, &[0; 6]).contains(&(2, 4, EntityType::Org)));
    }

    #[test]
    fn tagger_spans_are_retyped_split_and_joined() {
        // "san francisco california" tagged as one place: two places.
        let w = ["in", "san", "francisco", "california", "today"];
        let m = with(&w, &[0, 5, 6, 6, 0]);
        assert_eq!(m, vec![(1, 3, EntityType::Gpe), (3, 4, EntityType::Gpe)]);
        // "U.S. Department of Housing" (place) + "and" + "Urban Development" (place): one ORG.
        let w = [
            "the",
            "U.S.",
            "Department",
            "of",
            "Housing",
            "and",
            "Urban",
            "Development",
            "said",
        ];
        let m = with(&w, &[0, 5, 6, 6, 6, 0, 5, 6, 0]);
        assert_eq!(m, vec![(1, 8, EntityType::Org)]);
        // An ORG running past its corporate suffix ends there.
        let w = ["Acme", "Corporation", "Guaranty", "form"];
        assert_eq!(with(&w, &[3, 4, 4, 0]), vec![(0, 2, EntityType::Org)]);
    }

    #[test]
    fn names_take_particles_initials_and_place_heads() {
        // "Muqtada al - Sadr" with only "Sadr" tagged: one person.
        let w = ["cleric", "Muqtada", "al", "-", "Sadr", "said"];
        assert_eq!(
            with(&w, &[0, 0, 0, 0, 1, 0]),
            vec![(1, 5, EntityType::Person)]
        );
        // Initials before a tagged name; two adjacent one-word person spans.
        let w = [
            "by", "artist", "W.H.S.", "Koerner", "and", "Rudwell", "Johnson",
        ];
        let m = with(&w, &[0, 0, 0, 1, 0, 1, 1]);
        assert_eq!(
            m,
            vec![(2, 4, EntityType::Person), (5, 7, EntityType::Person)]
        );
        // "Gulf of" before a place, "South" before a place; a storm is no person.
        let w = [
            "the",
            "Gulf",
            "of",
            "Mexico",
            "and",
            "South",
            "Vietnam",
            "after",
            "Hurricane",
            "Rita",
        ];
        let m = with(&w, &[0, 0, 0, 5, 0, 0, 5, 0, 0, 1]);
        assert_eq!(m, vec![(1, 4, EntityType::Gpe), (5, 7, EntityType::Gpe)]);
        // A quoted "Surname , Given" is one name; no name ends with "-" or "of"; a place's
        // trailing common noun is left out.
        let w = [
            "\"", "Lenhart", ",", "Matthew", "\"", "and", "Milson", "Mundim", "-", "in", "Doda",
            "district",
        ];
        let m = with(&w, &[0, 1, 0, 1, 0, 0, 1, 2, 2, 0, 5, 6]);
        assert_eq!(
            m,
            vec![
                (1, 4, EntityType::Person),
                (6, 8, EntityType::Person),
                (10, 11, EntityType::Gpe)
            ]
        );
        // "St. Thomas" is a place, not "Thomas" with a title.
        let w = ["in", "St.", "Thomas", "today"];
        assert_eq!(with(&w, &[0, 1, 2, 0]), vec![(1, 3, EntityType::Gpe)]);
    }
}
