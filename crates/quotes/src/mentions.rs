//! Words and speaker candidates: names, pronouns and descriptions outside the quotes.
//!
//! Names come from the entities layer when it is there; capitalised word sequences fill in what it
//! lacks (and stand in for it when the layer is empty), so the stage works on its own too.

use document::{Document, EntityType};

use crate::lexicon::{lexicon, Description, Gender};

#[derive(Clone, Debug)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    /// Lower-case form, borrowed from one buffer for the whole text (see [`words`]).
    pub lower: &'a str,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// A word (letters or digits) rather than punctuation.
    pub is_word: bool,
    /// Inside a quote (or one of its marks).
    pub quoted: bool,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// Written all in capitals ("WASHINGTON").
    pub surface_upper: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A name; `person` is Some(true) when the entities layer says PERSON, Some(false) for places and
    /// organisations, None when unknown.
    Name {
        person: Option<bool>,
    },
    Pronoun {
        gender: Gender,
        plural: bool,
    },
    Description(Description),
    /// "which", "that", "who" standing for the mention before it.
    Relative,
}

#[derive(Clone, Debug)]
pub struct Mention {
    /// Byte span of the mention.
    pub start: usize,
    pub end: usize,
    /// Index of the first and one past the last word.
    pub first: usize,
    pub last: usize,
    pub kind: Kind,
    /// The entity index when the entities layer links it.
    pub entity: Option<usize>,
    /// For a description: the index of the name it is attached to ("widow Terry Strada", "the soldier,
    /// identified as X"), and for a name the description attached to it.
    pub linked: Option<usize>,
    pub gender: Gender,
    /// The entities layer's label, when it has one.
    pub label: Option<EntityType>,
}

impl Mention {
    pub fn is_personlike(&self) -> bool {
        match self.kind {
            Kind::Name { person } => person != Some(false),
            Kind::Pronoun { .. } => true,
            Kind::Description(d) => !d.artifact && !d.group,
            Kind::Relative => false,
        }
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "rep",
    "sen", "gov", "u.s", "u.k", "u.n", "d.c", "inc", "corp", "co", "ltd", "maj", "adm", "cmdr",
    "rev", "hon", "pres", "supt", "insp",
];

/// Words that begin a sentence with a capital letter without being names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "so",
    "if",
    "as",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "when",
    "while",
    "after",
    "before",
    "since",
    "for",
    "from",
    "with",
    "without",
    "to",
    "of",
    "by",
    "about",
    "despite",
    "although",
    "though",
    "however",
    "meanwhile",
    "still",
    "yet",
    "also",
    "according",
    "one",
    "two",
    "another",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "other",
    "others",
    "more",
    "such",
    "even",
    "just",
    "only",
    "now",
    "here",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "my",
    "your",
    "is",
    "was",
    "are",
    "were",
    "said",
    "says",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "let",
    "thus",
    "instead",
    "yes",
    "well",
    "mostly",
    "like",
    "under",
    "over",
    "toward",
    "towards",
    "through",
    "during",
    "among",
    "amid",
    "against",
    "between",
    "into",
    "upon",
    "once",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "read",
    "follow",
    "click",
    "watch",
    "see",
    "photo",
    "getty",
    "because",
    "until",
    "unless",
    "whether",
    "ultimately",
    "indeed",
    "additionally",
    "furthermore",
    "moreover",
    "finally",
    "initially",
    "eventually",
    "recently",
    "earlier",
    "later",
    "first",
    "second",
    "third",
    "several",
    "few",
    "any",
    "nor",
];

/// Calendar words, capitalised anywhere but never a speaker.
const NEVER_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Titles that stand before a name ("Mr. Barrett"); alone they are not a name.
pub const TITLES: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "gov.",
    "sen.",
    "rep.",
    "gen.",
    "col.",
    "lt.",
    "sgt.",
    "capt.",
    "prof.",
    "rev.",
    "president",
    "senator",
    "governor",
    "judge",
    "justice",
    "secretary",
    "minister",
    "prime",
    "chairman",
    "chief",
    "mayor",
    "sergeant",
    "general",
    "speaker",
];

/// Words that may join the parts of one name ("Bank of America", "Osama bin Laden").
const NAME_JOINERS: &[&str] = &[
    "of", "bin", "al", "de", "da", "van", "von", "der", "du", "la", "le", "del", "dos", "y",
];

const PLACE_PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "into",
    "near",
    "across",
    "throughout",
    "to",
    "toward",
    "towards",
    "via",
    "inside",
    "outside",
];

/// Modifiers that may stand before a description's head noun.
const MODIFIERS: &[&str] = &[
    "the",
    "a",
    "an",
    "one",
    "another",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "this",
    "these",
    "those",
    "some",
    "two",
    "three",
    "four",
    "several",
    "many",
    "other",
    "former",
    "fallen",
    "senior",
    "top",
    "local",
    "young",
    "old",
    "chief",
    "deputy",
    "retired",
    "anonymous",
    "unnamed",
    "captured",
    "wounded",
    "elderly",
    "grieving",
    "longtime",
    "veteran",
    "independent",
    "campaign",
    "government",
    "military",
    "defense",
    "foreign",
    "state",
    "federal",
    "white",
    "house",
    "party",
    "police",
    "army",
    "senate",
    "republican",
    "democratic",
    "presidential",
    "administration",
    "intelligence",
    "western",
    "american",
    "first",
    "new",
    "same",
    "both",
    "most",
    "some",
    "few",
    "second",
    "political",
    "press",
    "communications",
    "national",
    "security",
    "legal",
    "medical",
    "former",
    "current",
    "outgoing",
    "incoming",
    "acting",
    "interim",
    "vice",
    "assistant",
    "special",
    "general",
];

pub const PRONOUNS: &[(&str, Gender, bool)] = &[
    ("he", Gender::Male, false),
    ("she", Gender::Female, false),
    ("they", Gender::Unknown, true),
];

/// The cue starting at word `i` (outside quotes), with its kind and length in words.
pub fn cue_at(words: &[Word], i: usize) -> Option<(crate::lexicon::CueKind, usize)> {
    let lex = lexicon();
    let first = words.get(i).filter(|w| !w.quoted)?;
    for &idx in lex.cues_by_first.get(first.lower)? {
        let (cue, kind) = &lex.cues[idx];
        let n = cue.len();
        if i + n <= words.len()
            && words[i..i + n]
                .iter()
                .zip(cue)
                .all(|(w, c)| !w.quoted && w.lower == *c)
        {
            return Some((*kind, n));
        }
    }
    None
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "his", "her", "their", "its", "our", "my", "this",
];

/// Cue verbs that are never nouns, so a phrase before them is their subject.
const PLAIN_SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "wrote",
    "writes",
    "added",
    "adds",
    "recalled",
    "recalls",
    "asked",
    "asks",
    "replied",
    "explained",
    "noted",
    "insisted",
    "warned",
    "argued",
    "continued",
    "shouted",
    "yelled",
    "cried",
    "whispered",
    "admitted",
    "acknowledged",
];

const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "that", "those", "these", "to", "of", "in", "on", "was", "is", "were",
    "are", "be", "been", "has", "have", "had", "it", "he", "she", "they", "we", "i", "you", "who",
    "which", "what", "not", "also", "then", "as", "for", "with", "by", "at",
];

/// "the sailor said", "said a fisherman": a noun phrase next to a speech cue is a speaker
/// description even when its noun is not in the lexicon.
fn phrases_at_cues(words: &[Word], out: &mut Vec<Mention>) {
    use crate::lexicon::CueKind;
    let covered =
        |a: usize, b: usize, out: &[Mention]| out.iter().any(|m| m.first < b && a < m.last);
    let plain = |w: &Word| {
        w.is_word
            && !w.quoted
            && !DETERMINERS.contains(&w.lower)
            && !FUNCTION_WORDS.contains(&w.lower)
    };
    let make = |first: usize, last: usize| {
        let head = &words[last - 1].lower;
        let plural = head.ends_with('s') && !head.ends_with("ss");
        let d = Description {
            gender: Gender::Unknown,
            plural,
            artifact: false,
            group: false,
            personal: false,
        };
        Mention {
            start: words[first].start,
            end: words[last - 1].end,
            first,
            last,
            kind: Kind::Description(d),
            entity: None,
            linked: None,
            gender: Gender::Unknown,
            label: None,
        }
    };
    for i in 0..words.len() {
        let Some((kind, len)) = cue_at(words, i) else {
            continue;
        };
        if kind != CueKind::Speech || !PLAIN_SPEECH.contains(&words[i].lower) {
            continue;
        }
        // Left: determiner + 1..=3 words right before the cue.
        let mut first = i;
        while first > 0
            && i - first < 3
            && plain(&words[first - 1])
            && words[first - 1].sentence == words[i].sentence
        {
            first -= 1;
        }
        if first < i
            && first > 0
            && DETERMINERS.contains(&words[first - 1].lower)
            && !words[first - 1].quoted
        {
            let det = first - 1;
            if !covered(det, i, out) {
                out.push(make(det, i));
            }
        } else if first < i
            && first > 1
            && matches!(words[first - 1].lower, "’s" | "'s")
            && !covered(first, i, out)
        {
            // "Obama's former campaign strategist said": the possessor's name starts the phrase.
            let owner = out.iter().find(|m| m.last == first - 1).map(|m| m.first);
            let start = owner.unwrap_or(first - 2);
            out.retain(|m| m.last != first - 1);
            out.push(make(start, i));
        }
        // Right: cue + determiner + 1..=3 words up to punctuation.
        let after = i + len;
        if after < words.len() && DETERMINERS.contains(&words[after].lower) && !words[after].quoted
        {
            let mut last = after + 1;
            while last < words.len()
                && last - after <= 3
                && plain(&words[last])
                && words[last].sentence == words[after].sentence
            {
                last += 1;
            }
            if last > after + 1
                && (last == words.len() || !words[last].is_word)
                && !covered(after, last, out)
            {
                out.push(make(after, last));
            }
        }
    }
}

/// Tokenises `text` into words and punctuation, with the quoted stretches and sentences given.
/// The lower-case forms are written one after another into `buf` (cleared first), so the words need no
/// allocation each.
pub fn words<'a>(
    text: &str,
    quoted: &[(usize, usize)],
    sentences: &[(usize, usize)],
    buf: &'a mut String,
) -> Vec<Word<'a>> {
    buf.clear();
    let mut out: Vec<Word<'static>> = Vec::with_capacity(text.len() / 4 + 16);
    // Where each word's lower-case form lies in `buf`.
    let mut lower_at: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 4 + 16);
    let char_at = |b: usize| text.get(b..).and_then(|s| s.chars().next());
    // Where the line of the current position starts, and the first sentence not ending before it.
    let mut line_start = 0;
    let mut idx = 0;
    let mut k = 0;
    while let Some(c) = char_at(k) {
        let at = k;
        if c.is_whitespace() {
            k += c.len_utf8();
            if c == '\n' {
                line_start = k;
            }
            continue;
        }
        let (start, mut end);
        if c.is_alphanumeric() {
            start = at;
            let mut j = at + c.len_utf8();
            while let Some(cj) = char_at(j) {
                if cj.is_alphanumeric() {
                    j += cj.len_utf8();
                    continue;
                }
                // Inner hyphens, apostrophes and dots join ("Ji-woo", "don’t", "U.S"), but a
                // possessive "’s" is a word of its own.
                let next = j + cj.len_utf8();
                let joins = matches!(cj, '-' | '\'' | '’' | '.' | '/')
                    && char_at(next).is_some_and(char::is_alphanumeric);
                let possessive = matches!(cj, '\'' | '’')
                    && char_at(next) == Some('s')
                    && char_at(next + 1).is_none_or(|n| !n.is_alphanumeric());
                if joins && !possessive {
                    j = next;
                    continue;
                }
                break;
            }
            end = j;
            // "Mr." and "U.S." keep their final period.
            if char_at(j) == Some('.') {
                let word = &text[start..end];
                let abbreviation = if word.is_ascii() {
                    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                } else {
                    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                };
                if abbreviation || (word.chars().count() == 1 && c.is_uppercase()) {
                    end += 1;
                    j += 1;
                }
            }
            k = j;
        } else {
            start = at;
            end = at + c.len_utf8();
            k = end;
            // The possessive "’s" as one token.
            if matches!(c, '\'' | '’')
                && char_at(k) == Some('s')
                && char_at(k + 1).is_none_or(|n| !n.is_alphanumeric())
            {
                end += 1;
                k += 1;
            }
        }
        let surface = &text[start..end];
        let is_word = surface.chars().next().is_some_and(|c| c.is_alphanumeric());
        let in_quote = quoted.iter().any(|&(s, e)| s <= start && end <= e);
        // Words outside every sentence (page furniture the segmenter skipped) get a sentence
        // number per line, so they never join the sentence after them.
        while idx < sentences.len() && sentences[idx].1 <= start {
            idx += 1;
        }
        let inside = sentences.get(idx).is_some_and(|&(s, _)| s <= start);
        let sentence = if inside {
            idx
        } else {
            sentences.len() + 1 + line_start
        };
        let from = buf.len();
        if surface.is_ascii() {
            buf.push_str(surface);
            if let Some(tail) = buf.get_mut(from..) {
                tail.make_ascii_lowercase();
            }
        } else {
            buf.push_str(&surface.to_lowercase());
        }
        lower_at.push((from, buf.len()));
        out.push(Word {
            start,
            end,
            lower: "",
            cap: surface.chars().next().is_some_and(|c| c.is_uppercase()),
            is_word,
            quoted: in_quote,
            sentence,
            surface_upper: surface.chars().any(char::is_alphabetic)
                && !surface.chars().any(char::is_lowercase),
        });
    }
    let buf: &'a str = buf.as_str();
    let mut out: Vec<Word<'a>> = out;
    for (w, &(a, b)) in out.iter_mut().zip(&lower_at) {
        w.lower = buf.get(a..b).unwrap_or("");
    }
    out
}

fn sentence_initial(words: &[Word], idx: usize) -> bool {
    if idx == 0
        || words[idx - 1].sentence != words[idx].sentence
        || matches!(words[idx - 1].lower, "“" | "\"" | "‘" | "(" | ":" | "—")
    {
        return true;
    }
    // After a closing mark that follows the end of a sentence: `… commander.” Found in …`.
    let mut k = idx - 1;
    while k > 0 && matches!(words[k].lower, "”" | "’" | "\"" | "'" | ")") {
        k -= 1;
    }
    k < idx - 1 && matches!(words[k].lower, "." | "?" | "!")
}

/// Speaker candidates outside quotes, sorted by position.
pub fn mentions(doc: &Document, words: &[Word]) -> Vec<Mention> {
    let lex = lexicon();
    let mut out: Vec<Mention> = Vec::new();
    let word_at = |offset: usize| words.partition_point(|w| w.end <= offset);
    // Names from the entities layer.
    for m in &doc.entity_mentions {
        let person = match m.label {
            EntityType::Person => Some(true),
            EntityType::Org | EntityType::Gpe | EntityType::Norp => Some(false),
            EntityType::Event | EntityType::Other => continue,
        };
        let mut first = word_at(m.span.start());
        let mut last = (word_at(m.span.end().saturating_sub(1)) + 1).min(words.len());
        if first >= words.len() || words[first].quoted {
            continue;
        }
        // A title-case headline ends "…, Lindsey Graham Says": the cue is not part of the name.
        let mut end = m.span.end();
        if last > first + 1 && PLAIN_SPEECH.contains(&words[last - 1].lower) {
            last -= 1;
            end = words[last - 1].end;
        }
        // Take in the titles before the name ("Mr. Barrett", "Rep. Gwen Moore").
        let mut start = m.span.start();
        while first > 0
            && TITLES.contains(&words[first - 1].lower)
            && !words[first - 1].quoted
            && words[first - 1].start >= start.saturating_sub(40)
        {
            first -= 1;
            start = words[first].start;
        }
        out.push(Mention {
            start,
            end,
            first,
            last,
            kind: Kind::Name { person },
            entity: m.entity,
            linked: None,
            gender: Gender::Unknown,
            label: Some(m.label),
        });
    }
    // Words inside a mention found so far (mentions are only added, or replaced by one covering them).
    let mut covered = vec![false; words.len()];
    let cover = |covered: &mut Vec<bool>, first: usize, last: usize| {
        for c in covered.iter_mut().take(last.min(words.len())).skip(first) {
            *c = true;
        }
    };
    for m in &out {
        cover(&mut covered, m.first, m.last);
    }
    // Capitalised sequences the entities layer does not cover.
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if !w.is_word
            || w.quoted
            || !w.cap
            || covered[i]
            || NEVER_NAMES.contains(&w.lower)
            || w.lower.starts_with("i’")
            || w.lower.starts_with("i'")
        {
            i += 1;
            continue;
        }
        if sentence_initial(words, i)
            && (NOT_NAMES.contains(&w.lower.trim_end_matches('.'))
                || lex.descriptions.contains_key(w.lower))
        {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = i + 1;
        loop {
            if j < words.len()
                && words[j].is_word
                && !words[j].quoted
                && words[j].cap
                && words[j].sentence == w.sentence
                && !covered[j]
                && !NEVER_NAMES.contains(&words[j].lower)
                && !PLAIN_SPEECH.contains(&words[j].lower)
            {
                j += 1;
            } else if j + 1 < words.len()
                && NAME_JOINERS.contains(&words[j].lower)
                && words[j + 1].cap
                && words[j + 1].is_word
                && !words[j + 1].quoted
                && words[j + 1].sentence == w.sentence
            {
                j += 2;
            } else {
                break;
            }
        }
        // A lone capitalised description at a sentence start ("Defectors said") is a description,
        // and a lone participle or adverb there ("Found in the ruins, …") is not a name.
        let participle =
            ["ed", "ing", "ly"].iter().any(|s| w.lower.ends_with(s)) && w.lower.len() > 4;
        let before_preposition = words.get(j).is_some_and(|n| {
            matches!(
                n.lower,
                "in" | "of" | "at" | "on" | "by" | "with" | "to" | "from" | "for"
            )
        });
        if j == first + 1
            && (lex.descriptions.contains_key(w.lower)
                || ((participle || before_preposition) && sentence_initial(words, i)))
        {
            i += 1;
            continue;
        }
        // After "in", "from", "to" … a name is more likely a place than a speaker.
        let mut p = first;
        if p > 0 && words[p - 1].lower == "the" {
            p -= 1;
        }
        // After a copula a name is a predicate ("believed to be North Korean"), not a speaker.
        let predicate = first > 0
            && matches!(
                words[first - 1].lower,
                "be" | "is" | "are" | "was" | "were" | "been" | "being"
            );
        // DATELINES and other all-capital words are not speakers.
        let shouted = words[first..j]
            .iter()
            .all(|w| w.surface_upper && w.end - w.start >= 4);
        let place_like = predicate
            || shouted
            || (p > 0 && PLACE_PREPOSITIONS.contains(&words[p - 1].lower))
            || (first > 0 && matches!(words[first - 1].lower, "the" | "a" | "an"));
        if words[first..j].iter().all(|w| TITLES.contains(&w.lower)) {
            i = j;
            continue;
        }
        let mut gender = Gender::Unknown;
        match words[first].lower.trim_end_matches('.') {
            "mr" => gender = Gender::Male,
            "mrs" | "ms" | "miss" => gender = Gender::Female,
            _ => {}
        }
        cover(&mut covered, first, j);
        out.push(Mention {
            start: words[first].start,
            end: words[j - 1].end,
            first,
            last: j,
            kind: Kind::Name {
                person: if place_like { Some(false) } else { None },
            },
            entity: None,
            linked: None,
            gender,
            label: None,
        });
        i = j;
    }
    // Pronouns, relatives and descriptions.
    for (i, w) in words.iter().enumerate() {
        if w.quoted || !w.is_word || covered[i] {
            continue;
        }
        if let Some(&(_, gender, plural)) = PRONOUNS.iter().find(|(p, _, _)| *p == w.lower) {
            covered[i] = true;
            out.push(Mention {
                start: w.start,
                end: w.end,
                first: i,
                last: i + 1,
                kind: Kind::Pronoun { gender, plural },
                entity: None,
                linked: None,
                gender,
                label: None,
            });
            continue;
        }
        if matches!(w.lower, "which" | "who" | "that") {
            covered[i] = true;
            out.push(Mention {
                start: w.start,
                end: w.end,
                first: i,
                last: i + 1,
                kind: Kind::Relative,
                entity: None,
                linked: None,
                gender: Gender::Unknown,
                label: None,
            });
            continue;
        }
        if let Some(&d) = lex.descriptions.get(w.lower) {
            // The head noun must not be followed by another noun of the phrase ("party members").
            if i + 1 < words.len()
                && !words[i + 1].quoted
                && lex.descriptions.contains_key(words[i + 1].lower)
                && words[i + 1].sentence == w.sentence
            {
                continue;
            }
            let mut first = i;
            let mut n_mods = 0;
            while first > 0 && n_mods < 5 {
                let p = &words[first - 1];
                if p.quoted || p.sentence != w.sentence {
                    break;
                }
                let is_mod = MODIFIERS.contains(&p.lower)
                    || (p.is_word
                        && p.cap
                        && !NOT_NAMES.contains(&p.lower)
                        && out.iter().all(|m| {
                            !(m.first < first && first <= m.last)
                                || m.label.is_none()
                                || m.label == Some(EntityType::Norp)
                        }))
                    || p.lower.ends_with("-year-old")
                    || p.lower.chars().all(|c| c.is_ascii_digit() || c == '/');
                if !is_mod {
                    break;
                }
                first -= 1;
                n_mods += 1;
            }
            // Capitalised names right before the head ("North Korean mother", "9/11 widow").
            let start = words[first].start;
            out.retain(|m| {
                !(matches!(m.kind, Kind::Name { .. })
                    && (m.label.is_none() || m.label == Some(EntityType::Norp))
                    && m.first >= first
                    && m.last <= i)
            });
            cover(&mut covered, first, i + 1);
            out.push(Mention {
                start,
                end: w.end,
                first,
                last: i + 1,
                kind: Kind::Description(d),
                entity: None,
                linked: None,
                gender: d.gender,
                label: None,
            });
        }
    }
    phrases_at_cues(words, &mut out);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // Drop mentions nested in an earlier one (a description swallowed a name's first word).
    let mut kept: Vec<Mention> = Vec::new();
    for m in out {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    link_appositives(&mut kept, words);
    kept
}

/// Joins descriptions to the names beside them: "widow Terry Strada", "a soldier named X", "The
/// soldier, identified as X,", "Lee Dohyun, a researcher at Y,".
fn link_appositives(mentions: &mut [Mention], words: &[Word]) {
    for idx in 0..mentions.len() {
        let Kind::Description(d) = mentions[idx].kind else {
            continue;
        };
        if d.artifact || d.group {
            continue;
        }
        let Some(next) = mentions.get(idx + 1) else {
            continue;
        };
        if !matches!(next.kind, Kind::Name { .. }) {
            continue;
        }
        let between: Vec<&str> = words[mentions[idx].last..next.first]
            .iter()
            .map(|w| w.lower)
            .collect();
        let ok = matches!(
            between.as_slice(),
            [] | [","]
                | ["named"]
                | [",", "named"]
                | ["called"]
                | [",", "identified", "as"]
                | ["identified", "as"]
                | [",", "known", "as"]
        );
        if ok {
            mentions[idx].linked = Some(idx + 1);
            mentions[idx + 1].linked = Some(idx);
            if mentions[idx + 1].gender == Gender::Unknown {
                mentions[idx + 1].gender = mentions[idx].gender;
            }
        }
    }
    for idx in 0..mentions.len() {
        if !matches!(mentions[idx].kind, Kind::Name { .. }) || mentions[idx].linked.is_some() {
            continue;
        }
        let Some(next) = mentions.get(idx + 1) else {
            continue;
        };
        let Kind::Description(d) = next.kind else {
            continue;
        };
        if d.artifact || d.group {
            continue;
        }
        let between: Vec<&str> = words[mentions[idx].last..next.first]
            .iter()
            .map(|w| w.lower)
            .collect();
        if between == [","] {
            mentions[idx].linked = Some(idx + 1);
            if mentions[idx].gender == Gender::Unknown {
                mentions[idx].gender = d.gender;
            }
        }
    }
}
