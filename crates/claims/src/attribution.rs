//! Who a figure comes from: attribution cues in a sentence ("according to X", "X said", "…, said X",
//! "X, citing Y", "a study by X", "per X"), the source's noun phrase, and its fullest name in the document.

use document::{Document, EntityType, Quantity, QuantityKind, Span};

use crate::lexicon::{CueKind, Lexicon};
use crate::words::{is_close_quote, strip_possessive, Tok};

/// One source found in a sentence.
#[derive(Clone, Debug)]
pub struct Source {
    /// Token range of the source's noun phrase.
    pub np: (usize, usize),
    /// The cue's first token.
    pub cue: usize,
    pub kind: CueKind,
    /// Covers figures after the cue.
    pub forward: bool,
    /// Covers figures before this token (the start of the reported clause's end), if any.
    pub backward_before: Option<usize>,
    /// The fullest name, and the span of the mention it was read from. `None` for an unnamed source.
    pub name: Option<(String, Span)>,
    /// A passive report of the figure inside `np` itself ("4,000 casualties reported"): covers only it.
    pub own: bool,
}

impl Source {
    /// Whether the source covers a figure whose first token is `f`.
    pub fn covers(&self, f: usize) -> bool {
        let inside = f >= self.np.0 && f < self.np.1;
        if self.own || inside {
            return self.own && inside;
        }
        match self.kind {
            // Only the figure a few words before the participle ("the 12,000 given by officials").
            CueKind::Passive => f < self.cue && self.cue - f <= PASSIVE_REACH,
            CueKind::Prep | CueKind::Citing | CueKind::By | CueKind::Unnamed => true,
            _ => (self.forward && f > self.cue) || self.backward_before.is_some_and(|b| f < b),
        }
    }
}

/// How many tokens a passive cue ("given by") may follow the first token of the figure it reports.
const PASSIVE_REACH: usize = 4;

/// Conjunctions and subordinators that open a clause: never the first word of a source's phrase
/// ("…, while the health ministry put the number at 57").
const CLAUSE_OPENERS: &[&str] = &[
    "while", "whereas", "although", "though", "and", "but", "as", "or", "yet", "so", "because",
    "since", "if", "when", "whilst",
];

/// Adverbs that open a sentence before its subject ("Separately, the ministry said …").
const OPENING_ADVERBS: &[&str] = &[
    "separately",
    "meanwhile",
    "however",
    "also",
    "now",
    "still",
    "then",
];

/// Generic places that own a source as a determiner would ("the country's health ministry").
const PLACE_OWNERS: &[&str] = &[
    "country",
    "nation",
    "state",
    "city",
    "region",
    "province",
    "county",
    "territory",
    "island",
    "capital",
    "kingdom",
    "republic",
    "town",
    "district",
];

const BACK_STOP: &[&str] = &[
    "what", "that", "which", "who", "whom", "whose", "but", "while", "as", "because", "if", "when",
    "where", "after", "before", "than", "so", "and", "or", "said", "says", "with", "in", "on",
    "at", "to", "from", "by", "for", "of", "about", "since", "although", "though", "whether",
    "into", "over", "under", "against", "despite", "during", "until",
];

const FORWARD_STOP: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "on",
    "in",
    "at",
    "last",
    "this",
    "earlier",
    "later",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "because",
    "and",
    "but",
    "to",
    "with",
    "said",
    "says",
    "told",
    "published",
    "released",
    "familiar",
    "than",
    "or",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "about",
    "since",
    "into",
    "over",
    "under",
    "showed",
    "shows",
    "found",
    "suggest",
    "suggests",
    "estimate",
    "estimates",
    // "exit polling reported by CNN": the outlet reports the figure, the polling is its origin.
    "reported",
    "quoted",
    "cited",
];

/// Lower-case words between capitalised ones that stay inside a name ("Alliance to Reclaim Our Schools").
const NAME_JOINERS: &[&str] = &[
    "of", "and", "for", "on", "to", "the", "de", "al", "&", "du", "la", "von", "van",
];

/// Whether `word.to_lowercase() == lower`, without allocating for an ASCII word.
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lower
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who"];

const TIME_WORDS: &[&str] = &[
    "last",
    "this",
    "next",
    "year",
    "week",
    "month",
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
    "then",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "now",
    "previously",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those"];

fn capped(t: &Tok) -> bool {
    t.word && t.cap
}

/// Finds the attribution cues of one sentence (`toks`).
pub fn find(doc: &Document, lex: &Lexicon, toks: &[Tok], quantities: &[Quantity]) -> Vec<Source> {
    let counts = |t: &Tok| {
        t.quantity.and_then(|k| quantities.get(k)).is_some_and(|q| {
            matches!(
                q.kind,
                QuantityKind::Cardinal | QuantityKind::Money | QuantityKind::Percent
            )
        })
    };
    let mut out = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if !t.word || t.quantity.is_some() {
            i += 1;
            continue;
        }
        let mut matched = None;
        for phrase in lex.cues.starting(t.lower) {
            let len = phrase.words.len();
            // A passive cue needs its figure right before it ("the 12,000 given by …").
            if phrase.value == CueKind::Passive
                && !toks[i.saturating_sub(PASSIVE_REACH)..i].iter().any(&counts)
            {
                continue;
            }
            if i + len <= n
                && toks[i..i + len]
                    .iter()
                    .zip(&phrase.words)
                    .all(|(t, w)| t.word && t.quantity.is_none() && t.lower == *w)
            {
                matched = Some((phrase.value, len));
                break;
            }
        }
        // "in the CBS survey", "in a national CNN/ORC poll": a body of figures the sentence reads from.
        if matched.is_none() && t.lower == "in" {
            if let Some(src) = in_data(doc, lex, toks, i) {
                i = src.np.1;
                out.push(src);
                continue;
            }
        }
        let Some((kind, len)) = matched else {
            i += 1;
            continue;
        };
        // "a movement accused of financing …": an adjectival participle, not a speech verb.
        if t.lower == "accused" && toks.get(i + 1).is_some_and(|x| x.lower == "of") {
            i += 1;
            continue;
        }
        // A capitalised verb inside the sentence is part of a name ("the United States").
        if matches!(
            kind,
            CueKind::Verb | CueKind::Ambiguous | CueKind::Participle
        ) && t.cap
            && i > 0
            && toks[i - 1].word
        {
            i += 1;
            continue;
        }
        // "claimed the lives of" is a measure cue, not a speech verb.
        let measure_phrase = lex.measures.starting(t.lower).iter().any(|p| {
            p.words.len() > 1
                && i + p.words.len() <= n
                && toks[i..i + p.words.len()]
                    .iter()
                    .zip(&p.words)
                    .all(|(t, w)| t.lower == *w)
        });
        if measure_phrase {
            i += 1;
            continue;
        }
        let after = i + len;
        let source = match kind {
            CueKind::Prep => {
                // "per" only before a name ("per the ministry", "per Reuters"), not "per cent".
                if t.lower == "per"
                    && !(toks.get(after).is_some_and(capped)
                        || (toks.get(after).is_some_and(|x| x.lower == "the")
                            && toks.get(after + 1).is_some_and(capped)))
                {
                    None
                } else {
                    // "according to the average of recent polls compiled by Real Clear Politics": a phrase
                    // with no name takes the name after a later "by".
                    forward_np(lex, toks, after).map(|np| {
                        let np = named_by(toks, np).unwrap_or(np);
                        Source {
                            np,
                            cue: i,
                            kind,
                            forward: true,
                            backward_before: None,
                            name: None,
                            own: false,
                        }
                    })
                }
            }
            CueKind::Passive => forward_np(lex, toks, after).map(|np| Source {
                np,
                cue: i,
                kind,
                forward: false,
                backward_before: None,
                name: None,
                own: false,
            }),
            CueKind::Citing => forward_np(lex, toks, after).map(|np| Source {
                np,
                cue: i,
                kind,
                forward: true,
                backward_before: None,
                name: None,
                own: false,
            }),
            CueKind::By => {
                // "a study by X", "carried out by X": the cue must be followed (within two words) by "by".
                let by = (after..(after + 3).min(n)).find(|&k| toks[k].lower == "by");
                by.and_then(|k| forward_np(lex, toks, k + 1))
                    .map(|np| Source {
                        np,
                        cue: i,
                        kind,
                        forward: true,
                        backward_before: None,
                        name: None,
                        own: false,
                    })
            }
            CueKind::Unnamed => {
                // "U.S. estimates suggest", "Ukrainian reports say": the estimates have an owner.
                let owned = matches!(t.lower, "estimates" | "reports")
                    && i > 0
                    && capped(&toks[i - 1])
                    && !DETERMINERS.contains(&toks[i - 1].lower);
                if owned {
                    let mut s = i - 1;
                    while s > 0 && capped(&toks[s - 1]) && i - s < 5 {
                        s -= 1;
                    }
                    Some(Source {
                        np: (s, i + 1),
                        cue: i,
                        kind: CueKind::Prep,
                        forward: true,
                        backward_before: None,
                        name: None,
                        own: false,
                    })
                } else {
                    Some(Source {
                        np: (i, after),
                        cue: i,
                        kind,
                        forward: true,
                        backward_before: None,
                        name: None,
                        own: false,
                    })
                }
            }
            CueKind::Participle => {
                // ", saying …": the subject is the sentence's first noun phrase.
                if i > 0 && toks[i - 1].lower == "," {
                    sentence_subject(toks).map(|np| Source {
                        np,
                        cue: i,
                        kind,
                        forward: true,
                        backward_before: None,
                        name: None,
                        own: false,
                    })
                } else {
                    None
                }
            }
            CueKind::Verb | CueKind::Ambiguous => verb_source(lex, toks, i, len, kind),
        };
        if let Some(mut s) = source {
            while s.np.1 - s.np.0 > 1
                && toks[s.np.0].word
                && CLAUSE_OPENERS.contains(&toks[s.np.0].lower)
            {
                s.np.0 += 1;
            }
            if s.kind != CueKind::Unnamed {
                s.name = name_of(doc, lex, toks, s.np);
                // A noun phrase made of the figure itself ("4,000 casualties reported") names nobody.
                if toks[s.np.0..s.np.1]
                    .iter()
                    .any(|t| counts(t) && !is_source_count(toks, s.np, t, quantities))
                {
                    s.name = None;
                    s.kind = CueKind::Unnamed;
                    s.own = true;
                }
                // A lone function word ("All told", "There, …", "some say") names nobody.
                if s.np.1 - s.np.0 == 1
                    && matches!(
                        toks[s.np.0].lower,
                        "all"
                            | "there"
                            | "here"
                            | "some"
                            | "many"
                            | "most"
                            | "others"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "such"
                            | "both"
                            | "each"
                            | "then"
                            | "so"
                    )
                {
                    s.name = None;
                }
                // "according to its estimate": the owner of the estimate, resolved like a pronoun.
                if s.kind == CueKind::Prep
                    && s.np.1 - s.np.0 >= 2
                    && lex.data_nouns.contains(toks[s.np.1 - 1].lower)
                {
                    let pronoun = match toks[s.np.0].lower {
                        "its" => Some("it"),
                        "their" => Some("they"),
                        "his" => Some("he"),
                        "her" => Some("she"),
                        _ => None,
                    };
                    if let Some(p) = pronoun {
                        s.name = Some((
                            p.to_string(),
                            Span::new(toks[s.np.0].start, toks[s.np.0].end),
                        ));
                    }
                }
                // A possessive alone ("his reported views") names nobody.
                if s.np.1 - s.np.0 == 1
                    && matches!(
                        toks[s.np.0].lower,
                        "his" | "her" | "their" | "its" | "our" | "my" | "your"
                    )
                {
                    s.name = None;
                }
            }
            if s.kind != CueKind::Unnamed && s.name.is_none() {
                // Nothing usable: skip the cue.
            } else {
                out.push(s);
            }
        }
        i = after;
    }
    // "X, citing Y": Y is the origin; drop the reporter whose clause the citing cue sits in.
    if let Some(c) = out.iter().position(|s| s.kind == CueKind::Citing) {
        let cite_at = out[c].cue;
        out.retain(|s| s.kind == CueKind::Citing || !(s.cue < cite_at && s.forward));
    }
    out
}

/// "in [the] [words] <data noun>" starting at token `i` (the "in"): a source covering the sentence.
fn in_data(doc: &Document, lex: &Lexicon, toks: &[Tok], i: usize) -> Option<Source> {
    let mut j = i + 1;
    while j < toks.len() && j <= i + 5 && toks[j].word && toks[j].quantity.is_none() {
        if lex.data_nouns.contains(toks[j].lower)
            && !matches!(toks[j].lower, "investigation" | "count" | "tally")
        {
            // "in the poll's findings" / "in polls of …": the noun must end the phrase.
            let next_word = toks.get(j + 1).is_some_and(|x| {
                x.word
                    && !FORWARD_STOP.contains(&x.lower)
                    && !matches!(
                        x.lower,
                        "of" | "by" | "from" | "to" | "for" | "conducted" | "taken"
                    )
            });
            if next_word {
                return None;
            }
            let np = (i + 1, j + 1);
            let name = name_of(doc, lex, toks, np)?;
            return Some(Source {
                np,
                cue: i,
                kind: CueKind::Prep,
                forward: true,
                backward_before: None,
                name: Some(name),
                own: false,
            });
        }
        if matches!(
            toks[j].lower,
            "that" | "which" | "who" | "and" | "or" | "but"
        ) {
            return None;
        }
        j += 1;
    }
    None
}

/// For a source phrase with no capitalised word, the capitalised name after a "by" a few words on
/// ("the average of recent polls compiled by Real Clear Politics" → "Real Clear Politics").
fn named_by(toks: &[Tok], np: (usize, usize)) -> Option<(usize, usize)> {
    if toks[np.0..np.1].iter().any(capped) {
        return None;
    }
    let mut k = np.1;
    while k < toks.len() && k < np.1 + 8 && toks[k].word && toks[k].lower != "by" {
        if matches!(toks[k].lower, "reported" | "quoted" | "cited") {
            return None;
        }
        k += 1;
    }
    if toks.get(k).is_none_or(|t| t.lower != "by") {
        return None;
    }
    let mut s = k + 1;
    if toks.get(s).is_some_and(|t| t.lower == "the") {
        s += 1;
    }
    let mut e = s;
    while e < toks.len()
        && e < s + 6
        && (capped(&toks[e])
            || (NAME_JOINERS.contains(&toks[e].lower)
                && toks.get(e + 1).is_some_and(capped)
                && e > s))
    {
        e += 1;
    }
    (e > s).then_some((s, e))
}

/// A number at the start of a source's noun phrase ("three officials") is part of the phrase.
fn is_source_count(toks: &[Tok], np: (usize, usize), t: &Tok, quantities: &[Quantity]) -> bool {
    let first = &toks[np.0];
    // "four out of 10 voters said": a denominator, not a count of sources.
    if np.0 > 0 && matches!(toks[np.0 - 1].lower, "of" | "in") {
        return false;
    }
    let small = t
        .quantity
        .and_then(|k| quantities.get(k))
        .is_some_and(|q| q.kind == QuantityKind::Cardinal && q.value.is_some_and(|v| v <= 20.0));
    small
        && first.quantity.is_some()
        && first.quantity == t.quantity
        && np.1 - np.0 >= 2
        && toks[np.1 - 1].quantity.is_none()
}

/// A source for a speech verb at token `v`: "X said …", "…, X said", "…, said X", "X has said".
fn verb_source(lex: &Lexicon, toks: &[Tok], v: usize, len: usize, kind: CueKind) -> Option<Source> {
    let next = toks.get(v + len);
    // "amid claims the poll …", "the reports": a noun after a preposition or a determiner.
    if kind == CueKind::Ambiguous
        && v > 0
        && matches!(
            toks[v - 1].lower,
            "amid"
                | "of"
                | "with"
                | "despite"
                | "after"
                | "over"
                | "following"
                | "by"
                | "to"
                | "the"
                | "a"
                | "an"
                | "these"
                | "those"
                | "his"
                | "her"
                | "their"
                | "its"
                | "new"
                | "recent"
                | "such"
                | "on"
                | "about"
                | "in"
        )
    {
        return None;
    }
    if kind == CueKind::Ambiguous {
        // "reports" is a verb before "that", a name, a number or a determiner; a noun otherwise.
        // "as TPM notes, …": a verb after "as" and a name.
        let mut k = v;
        while k > 0
            && v - k < 6
            && (capped(&toks[k - 1])
                || toks[k - 1].lower == "the"
                || (k == v && PRONOUNS.contains(&toks[k - 1].lower)))
        {
            k -= 1;
        }
        let as_name = k < v && k > 0 && toks[k - 1].lower == "as";
        let verb_like = as_name
            || next.is_some_and(|x| {
                x.lower == "that" || capped(x) || x.quantity.is_some() || DETERMINERS.contains(&x.lower) || PRONOUNS.contains(&x.lower)
            })
            // "which he estimates would cost …": a pronoun subject makes it a verb.
            || (v > 0 && PRONOUNS.contains(&toks[v - 1].lower) && toks[v - 1].lower != "it");
        if !verb_like {
            return None;
        }
    }
    // Negated ("did not say", "never said"): no attribution.
    if (v.saturating_sub(2)..v).any(|k| {
        matches!(
            toks[k].lower,
            "not" | "never" | "n't" | "didn’t" | "didn't" | "declined" | "refused"
        )
    }) {
        return None;
    }
    // Passive ("they were told", "was reported"): no named source here.
    if v > 0
        && matches!(
            toks[v - 1].lower,
            "was" | "were" | "been" | "being" | "be" | "is" | "are"
        )
    {
        return None;
    }
    // "subsidies estimated to exceed …", "he is said to be": a passive report names nobody.
    if next.is_some_and(|x| x.lower == "to")
        && (matches!(
            toks[v].lower,
            "estimated" | "reported" | "projected" | "predicted" | "believed"
        ) || (toks[v].lower == "said"
            && toks
                .get(v + 2)
                .is_some_and(|x| matches!(x.lower, "be" | "have"))))
    {
        return None;
    }
    // Inverted: "…,” said X" / "…, said X".
    let before = if v > 0 { toks.get(v - 1) } else { None };
    // ("…, told CBS News": the one told is the audience, not the speaker.)
    let inverted = !matches!(toks[v].lower, "told" | "tells" | "tell")
        && before.is_some_and(|b| b.lower == "," || is_close_quote(b))
        && next.is_some_and(|x| x.word && !PRONOUNS.contains(&x.lower) && x.quantity.is_none());
    if inverted {
        if let Some(np) = forward_np(lex, toks, v + len) {
            // "…, said X." ends the clause; "…, said the program has …" is a normal-order verb after an
            // appositive.
            let closes = toks
                .get(np.1)
                .is_none_or(|t| !t.word && t.lower != "(" && t.lower != "-");
            if closes {
                return Some(Source {
                    np,
                    cue: v,
                    kind,
                    forward: true,
                    backward_before: Some(v),
                    name: None,
                    own: false,
                });
            }
        }
    }
    // Normal order: the subject before the verb, skipping auxiliaries and time words.
    let mut end = v;
    while end > 0
        && toks[end - 1].word
        && (lex.aux.contains(toks[end - 1].lower) || TIME_WORDS.contains(&toks[end - 1].lower))
    {
        end -= 1;
    }
    // "Disney - which in 2004 reported revenues of $30bn", "Smith, who estimated the cost at …": the
    // relative pronoun's antecedent is the subject.
    {
        let mut e = end;
        if e >= 2
            && toks[e - 2].lower == "in"
            && toks[e - 1].lower.len() == 4
            && toks[e - 1].lower.bytes().all(|c| c.is_ascii_digit())
        {
            e -= 2;
        }
        // (Not inside a quotation: "“This administration, which told us …,” he said.")
        let opens = toks[..v]
            .iter()
            .filter(|t| !t.word && matches!(t.lower, "“" | "\""))
            .count();
        let closes = toks[..v]
            .iter()
            .filter(|t| !t.word && t.lower == "”")
            .count();
        let quoted = (toks[..v].iter().any(|t| t.lower == "“") && opens > closes)
            || toks[..v].iter().filter(|t| t.lower == "\"").count() % 2 == 1;
        if e >= 2 && !quoted && matches!(toks[e - 1].lower, "which" | "who") {
            let mut k = e - 1;
            while k > 0 && !toks[k - 1].word && matches!(toks[k - 1].lower, "-" | "—" | "–" | ",")
            {
                k -= 1;
            }
            let s0 = backward_np(toks, k);
            if s0 < k && toks[s0..k].iter().all(|t| t.quantity.is_none()) {
                return Some(Source {
                    np: (s0, k),
                    cue: v,
                    kind,
                    forward: true,
                    backward_before: None,
                    name: None,
                    own: false,
                });
            }
        }
    }
    let start = backward_np(toks, end);
    // "…, sources who reviewed them told POLITICO": the subject is the noun before the relative clause.
    if start > 1 && start < end && matches!(toks[start - 1].lower, "who" | "that") {
        let s2 = backward_np(toks, start - 1);
        if s2 < start - 1
            && s2 > 0
            && toks[s2 - 1].lower == ","
            && toks[s2..start - 1].iter().all(|t| t.quantity.is_none())
        {
            return Some(Source {
                np: (s2, start - 1),
                cue: v,
                kind,
                forward: true,
                backward_before: Some(s2),
                name: None,
                own: false,
            });
        }
    }
    // "Officials in Eastvale province had put …": a source noun with its place.
    let start = if start >= 2
        && start < end
        && matches!(toks[start - 1].lower, "in" | "from" | "at")
        && lex.source_nouns.contains(toks[start - 2].lower)
    {
        backward_np(toks, start - 1)
    } else {
        start
    };
    // "A new NBC poll of GOP primary voters shows …": the poll, not the people it asked.
    if start >= 2
        && start < end
        && matches!(toks[start - 1].lower, "of" | "among")
        && lex.data_nouns.contains(toks[start - 2].lower)
    {
        let s2 = backward_np(toks, start - 1);
        if s2 < start - 1 {
            let backward_before =
                (s2 > 0 && toks[s2 - 1].lower == "," && ends_clause(toks, v + len)).then_some(s2);
            return Some(Source {
                np: (s2, start - 1),
                cue: v,
                kind,
                forward: true,
                backward_before,
                name: None,
                own: false,
            });
        }
    }
    if let Some(d) = (start..end).find(|&k| {
        lex.data_nouns.contains(toks[k].lower)
            && toks
                .get(k + 1)
                .is_some_and(|t| matches!(t.lower, "of" | "among"))
    }) {
        if d + 1 < end {
            let backward_before =
                (start > 0 && toks[start - 1].lower == "," && ends_clause(toks, v + len))
                    .then_some(start);
            return Some(Source {
                np: (start, d + 1),
                cue: v,
                kind,
                forward: true,
                backward_before,
                name: None,
                own: false,
            });
        }
    }
    if start == end {
        // An elided subject after "and" ("… and last year announced"): the sentence's subject.
        if end > 0 && matches!(toks[end - 1].lower, "and" | "but") {
            let np = sentence_subject(toks)?;
            return Some(Source {
                np,
                cue: v,
                kind,
                forward: true,
                backward_before: None,
                name: None,
                own: false,
            });
        }
        // "Senator Dianne Feinstein, Democrat of California, said" / "Obama, speaking on Sunday, said":
        // the subject before the appositive; "Finance Minister, Tom McCabe MSP, said": the name in it.
        if end > 0 && toks[end - 1].lower == "," {
            let appositive = backward_np(toks, end - 1);
            let comma = (end.saturating_sub(14)..end - 1)
                .rev()
                .find(|&k| !toks[k].word && toks[k].lower != "(" && toks[k].lower != ")");
            if let Some(c) = comma.filter(|&c| toks[c].lower == ",") {
                let s0 = backward_np(toks, c);
                // "Finance Minister, Tom McCabe MSP, said": a name follows; "Charlie King, a former …, said":
                // a surname that is also a title ("King") does not make a title.
                let named_after = toks
                    .get(c + 1)
                    .is_some_and(|t| capped(t) && !DETERMINERS.contains(&t.lower));
                let title_only = s0 < c && lex.titles.contains(toks[c - 1].lower) && named_after;
                if s0 < c && !title_only {
                    let backward_before = (s0 > 0
                        && (toks[s0 - 1].lower == "," || is_close_quote(&toks[s0 - 1])))
                    .then_some(s0);
                    return Some(Source {
                        np: (s0, c),
                        cue: v,
                        kind,
                        forward: true,
                        backward_before,
                        name: None,
                        own: false,
                    });
                }
            }
            if appositive < end - 1 {
                return Some(Source {
                    np: (appositive, end - 1),
                    cue: v,
                    kind,
                    forward: true,
                    backward_before: None,
                    name: None,
                    own: false,
                });
            }
        }
        return None;
    }
    // "…, its chief executive has said." — the reported clause is before the subject, when the verb
    // ends its clause ("…, the airline told reporters on Monday."), not when a clause follows it
    // ("…, major firms wrote to the governor and expressed …").
    let mut backward_before = (start > 0
        && (is_close_quote(&toks[start - 1])
            || (toks[start - 1].lower == "," && ends_clause(toks, v + len))))
    .then_some(start);
    // "… a growth rate of 8% Axa said.": a figure right before a closing "X said".
    if backward_before.is_none()
        && start > 0
        && toks[start - 1].quantity.is_some()
        && ends_clause(toks, v + len)
    {
        backward_before = Some(start);
    }
    // "…, the joint report from the FAO and the WFP said.": a long closing subject back to the comma.
    let closing =
        toks[v + len..].iter().take_while(|t| t.word).count() <= 3 && toks.len() <= v + len + 4;
    if backward_before.is_none()
        && closing
        && start > 0
        && !matches!(toks[start - 1].lower, "as" | "who" | "that" | "which")
    {
        if let Some(c) = (start.saturating_sub(12)..start)
            .rev()
            .find(|&k| !toks[k].word)
        {
            // ("…, while the health ministry put …": a clause opener after the comma starts a clause of
            // its own, which reports nothing before it.)
            if toks[c].lower == ","
                && !CLAUSE_OPENERS.contains(&toks[c + 1].lower)
                && toks[c + 1..start]
                    .iter()
                    .all(|t| t.word && t.quantity.is_none())
                && c + 1 < start
            {
                return Some(Source {
                    np: (c + 1, end),
                    cue: v,
                    kind,
                    forward: true,
                    backward_before: Some(c + 1),
                    name: None,
                    own: false,
                });
            }
        }
    }
    // "…, as the Daily Ledger notes.": the whole clause before "as".
    // ("toll climbs to 57 as UN warns of 15,000 displaced": a temporal "as" with its own clause covers nothing
    // before.)
    if start > 0
        && toks[start - 1].lower == "as"
        && ends_clause(toks, v + len)
        && toks.get(v + len).is_none_or(|t| !t.word)
    {
        backward_before = Some(start - 1);
    }
    Some(Source {
        np: (start, end),
        cue: v,
        kind,
        forward: true,
        backward_before,
        name: None,
        own: false,
    })
}

/// Whether a short run of words from token `from` reaches the end of the clause: punctuation or the
/// sentence's end within nine tokens, with no conjunction or complementiser on the way.
fn ends_clause(toks: &[Tok], from: usize) -> bool {
    for t in toks.iter().skip(from).take(9) {
        if !t.word {
            return t.lower != "(";
        }
        if matches!(
            t.lower,
            "and"
                | "that"
                | "but"
                | "which"
                | "whether"
                | "if"
                | "how"
                | "is"
                | "are"
                | "was"
                | "were"
                | "will"
                | "would"
                | "has"
                | "have"
        ) {
            return false;
        }
    }
    toks.len() <= from + 9
}

/// The start of the noun phrase that ends at token `end` (exclusive).
fn backward_np(toks: &[Tok], end: usize) -> usize {
    let mut j = end;
    let mut count = 0;
    while j > 0 && count < 10 {
        let t = &toks[j - 1];
        if t.word {
            if BACK_STOP.contains(&t.lower) {
                // Inside a name ("Center on Budget and Policy Priorities") the joiner stays.
                let left_cap = j >= 2 && capped(&toks[j - 2]);
                let right_cap = toks.get(j).is_some_and(capped) && j < end;
                if !(NAME_JOINERS.contains(&t.lower) && left_cap && right_cap) {
                    break;
                }
            }
            j -= 1;
            count += 1;
        } else if t.lower == ")" {
            // "(WHO)" after a name.
            let open = (j.saturating_sub(6)..j - 1)
                .rev()
                .find(|&k| toks[k].lower == "(");
            match open {
                Some(k) if k > 0 && capped(&toks[k - 1]) => {
                    j = k;
                    count += 1;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    // "two of the people", "one of the officials": the count belongs to the phrase.
    if j >= 2 && j < end && toks[j - 1].lower == "of" && toks[j - 2].quantity.is_some() {
        let mut k = j - 2;
        while k > 0 && toks[k - 1].quantity == toks[j - 2].quantity {
            k -= 1;
        }
        j = k;
    }
    // Sentence-initial adverbs and conjunctions are not part of the subject.
    while j < end
        && toks[j].word
        && (OPENING_ADVERBS.contains(&toks[j].lower)
            || matches!(toks[j].lower, "but" | "and" | "yet"))
    {
        j += 1;
    }
    j
}

/// The noun phrase that starts at token `start`: up to a clause word or punctuation.
fn forward_np(_lex: &Lexicon, toks: &[Tok], start: usize) -> Option<(usize, usize)> {
    let n = toks.len();
    let mut j = start;
    let mut count = 0;
    while j < n && count < 12 {
        let t = &toks[j];
        // A figure right after a name ends it ("According to Pew Research 44% of searchers").
        if t.quantity.is_some() && j > start && capped(&toks[j - 1]) {
            break;
        }
        if t.word {
            // "according to the estimate", "its findings": after a determiner the word is a noun.
            let noun = j > start
                && matches!(
                    toks[j - 1].lower,
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
                );
            if FORWARD_STOP.contains(&t.lower) && j > start && !noun {
                let left_cap = capped(&toks[j - 1]);
                let right_cap = toks.get(j + 1).is_some_and(capped);
                if !(NAME_JOINERS.contains(&t.lower) && left_cap && right_cap) {
                    break;
                }
            }
            if matches!(t.lower, "of" | "for" | "from" | "at")
                && !toks
                    .get(j + 1)
                    .is_some_and(|x| capped(x) || x.lower == "the")
            {
                break;
            }
            j += 1;
            count += 1;
        } else if t.lower == "(" && j > start && capped(&toks[j - 1]) {
            match (j + 1..(j + 6).min(n)).find(|&k| toks[k].lower == ")") {
                Some(k) => {
                    j = k + 1;
                    count += 1;
                }
                None => break,
            }
        } else {
            break;
        }
    }
    if j == start {
        return None;
    }
    // A list of names: "reports from South Korea, the United States and Ukraine".
    if capped(&toks[j - 1]) && toks.get(j).is_some_and(|t| t.lower == ",") {
        let mut k = j;
        loop {
            // k is at "," or "and": skip it and an article, then a capitalised run.
            let mut m = k + 1;
            if toks.get(m).is_some_and(|t| t.lower == "and") {
                m += 1;
            }
            if toks.get(m).is_some_and(|t| t.lower == "the") {
                m += 1;
            }
            let run = m;
            while m < n && capped(&toks[m]) && m < run + 4 {
                m += 1;
            }
            if m == run {
                break;
            }
            let closing_and =
                toks[k].lower == "and" || toks.get(k + 1).is_some_and(|t| t.lower == "and");
            k = m;
            if closing_and {
                j = k;
                break;
            }
            if !toks
                .get(k)
                .is_some_and(|t| t.lower == "," || t.lower == "and")
            {
                break;
            }
        }
    }
    // "a former sergeant, Jane Doe, who …": a name in apposition replaces a common noun phrase.
    let has_cap = toks[start..j].iter().skip(1).any(capped)
        || (capped(&toks[start]) && !DETERMINERS.contains(&toks[start].lower));
    if !has_cap && toks.get(j).is_some_and(|t| t.lower == ",") {
        let mut k = j + 1;
        while k < n && capped(&toks[k]) && k < j + 5 {
            k += 1;
        }
        if k > j + 1 && (k == n || !toks[k].word) {
            return Some((start, k));
        }
    }
    Some((start, j))
}

/// The sentence's first noun phrase: a capitalised run at its start ("Christian Aid condemned …").
fn sentence_subject(toks: &[Tok]) -> Option<(usize, usize)> {
    let mut s = 0;
    while s < toks.len() && !toks[s].word {
        s += 1;
    }
    // "But he also spoke …, adding …": past an opening conjunction or adverb (and its comma) to
    // the subject; a pronoun is resolved later, against the names before it.
    while s < toks.len()
        && (CLAUSE_OPENERS.contains(&toks[s].lower)
            || OPENING_ADVERBS.contains(&toks[s].lower)
            || toks[s].lower == ",")
    {
        s += 1;
    }
    if s < toks.len() && PRONOUNS.contains(&toks[s].lower) {
        return Some((s, s + 1));
    }
    if s < toks.len() && DETERMINERS.contains(&toks[s].lower) {
        s += 1;
    }
    let mut e = s;
    while e < toks.len() && e < s + 5 && capped(&toks[e]) {
        e += 1;
    }
    (e > s).then_some((s, e))
}

/// The name of a source noun phrase, and the span it was read from.
fn name_of(
    doc: &Document,
    lex: &Lexicon,
    toks: &[Tok],
    np: (usize, usize),
) -> Option<(String, Span)> {
    let (s, e) = np;
    if s >= e {
        return None;
    }
    let start = toks[s].start;
    let end = toks[e - 1].end;
    let text = doc.text();
    // Pronouns are resolved later, against the names before them.
    if e - s == 1 && PRONOUNS.contains(&toks[s].lower) {
        return Some((text.get(start..end)?.to_string(), Span::new(start, end)));
    }
    // An entity mention inside the phrase: the longest person or organisation.
    let mut best: Option<(usize, String, Span)> = None;
    for m in &doc.entity_mentions {
        if m.span.start() >= start
            && m.span.end() <= end
            && matches!(m.label, EntityType::Person | EntityType::Org)
        {
            let name = m
                .entity
                .and_then(|i| doc.entities.get(i))
                .map(|x| x.name.clone())
                .or_else(|| doc.get(m.span).map(str::to_string));
            if let Some(name) = name {
                // A person named in the phrase is the source ("White House Press Secretary Josh Earnest").
                let rank = m.span.len()
                    + if m.label == EntityType::Person {
                        1000
                    } else {
                        0
                    };
                if best.as_ref().is_none_or(|b| rank > b.0) {
                    best = Some((rank, name, m.span));
                }
            }
        }
    }
    if let Some((_, name, span)) = best {
        return Some((name, span));
    }
    // "intelligence reports from South Korea": a common noun with an owner after a preposition is named
    // by the whole phrase.
    let head_lower = toks[s..e]
        .iter()
        .find(|t| t.word && !DETERMINERS.contains(&t.lower) && t.quantity.is_none())
        .is_some_and(|t| !t.cap);
    let owner = toks[s..e]
        .windows(2)
        .any(|w| matches!(w[0].lower, "from" | "of" | "at" | "for") && capped(&w[1]));
    if head_lower && owner {
        let mut k = s;
        while k < e && (DETERMINERS.contains(&toks[k].lower) || toks[k].quantity.is_some()) {
            k += 1;
        }
        let (a, b) = (toks[k.min(e - 1)].start, end);
        return Some((text.get(a..b)?.to_string(), Span::new(a, b)));
    }
    // Text: the phrase ends in a capitalised run ("South Korea's National Intelligence Service",
    // "French President Emmanuel Macron"): take that run after any possessive, less titles.
    let last = &toks[e - 1];
    let ends_capped = capped(last) || last.lower == ")";
    if ends_capped {
        let mut k = e;
        if last.lower == ")" {
            if let Some(open) = (s..e).rev().find(|&x| toks[x].lower == "(") {
                k = open;
            }
        }
        let run_end = k;
        while k > s {
            let t = &toks[k - 1];
            let joiner = t.word
                && NAME_JOINERS.contains(&t.lower)
                && k - 1 > s
                && capped(&toks[k - 2])
                && k < run_end + 1;
            if !(capped(t) || joiner) {
                break;
            }
            // A possessive ends the run: "Korea’s National …" → "National …".
            let surface = text.get(t.start..t.end).unwrap_or("");
            if strip_possessive(surface).1 && k < run_end {
                break;
            }
            k -= 1;
        }
        // Drop everything up to the last title ("Defence Minister Jane Roe" → "Jane Roe"), then leading
        // determiners, numbers, nationalities and titles.
        if let Some(t) = (k..run_end)
            .rev()
            .find(|&x| lex.titles.contains(toks[x].lower))
        {
            if t + 1 < run_end && capped(&toks[t + 1]) {
                k = t + 1;
            }
        }
        while k < run_end {
            let t = &toks[k];
            let surface = text.get(t.start..t.end).unwrap_or("");
            let skip = DETERMINERS.contains(&t.lower)
                || lex.titles.contains(t.lower)
                || (lex.demonyms.contains_key(surface) && k + 1 < run_end && capped(&toks[k + 1]))
                || t.quantity.is_some()
                || NAME_JOINERS.contains(&t.lower);
            if !skip {
                break;
            }
            k += 1;
        }
        if k < run_end {
            let (a, b) = (toks[k].start, toks[run_end - 1].end);
            let name = text.get(a..b)?.to_string();
            return Some((name, Span::new(a, b)));
        }
    }
    // A common noun phrase ("officials", "industry officials", "White House officials"): the phrase
    // without its determiner or source count.
    let mut k = s;
    while k < e && (DETERMINERS.contains(&toks[k].lower) || toks[k].quantity.is_some()) {
        k += 1;
    }
    // "the country's health ministry": a generic place as a possessive owner is a determiner, not part
    // of the name ("the mayor's office" keeps its owner).
    if k + 1 < e && toks[k].word && !toks[k + 1].cap {
        let surface = text.get(toks[k].start..toks[k].end).unwrap_or("");
        let (stem, possessive) = strip_possessive(surface);
        if possessive && PLACE_OWNERS.contains(&stem) {
            k += 1;
        }
    }
    if k >= e {
        return None;
    }
    let (a, b) = (toks[k].start, end);
    Some((text.get(a..b)?.to_string(), Span::new(a, b)))
}

/// Names seen so far in a document, for pronouns and for the fullest form of a name.
#[derive(Default, Debug)]
pub struct Names {
    /// Names in order of appearance (entity names first, then sources as they are found).
    known: Vec<String>,
    /// The last named source that looks like a person or organisation.
    last: Option<String>,
}

impl Names {
    pub fn new(doc: &Document) -> Names {
        let mut names = Names::default();
        for e in &doc.entities {
            if matches!(e.label, EntityType::Person | EntityType::Org) {
                names.known.push(e.name.clone());
            }
        }
        names
    }

    /// The last named source that looks like a person or organisation, if any yet.
    pub fn last(&self) -> Option<&str> {
        self.last.as_deref()
    }

    /// The fullest form of `name` among the names seen so far, recording it.
    pub fn resolve(&mut self, lex: &Lexicon, name: &str) -> String {
        if PRONOUNS.iter().any(|p| lower_is(name, p)) {
            return self.last.clone().unwrap_or_else(|| name.to_string());
        }
        let full = self.fullest(lex, name).unwrap_or_else(|| name.to_string());
        if full.chars().next().is_some_and(char::is_uppercase) {
            self.last = Some(full.clone());
        }
        if !self.known.contains(&full) {
            self.known.push(full.clone());
        }
        full
    }

    fn fullest(&self, lex: &Lexicon, name: &str) -> Option<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let all_capped = words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        // An acronym: a known name with those initials ("NIS" → "National Intelligence Service").
        if words.len() == 1
            && name.len() >= 2
            && name.len() <= 6
            && name.chars().all(|c| c.is_ascii_uppercase())
        {
            for k in self.known.iter().rev() {
                let initials: String = k
                    .split_whitespace()
                    .filter(|w| !NAME_JOINERS.iter().any(|j| j.eq_ignore_ascii_case(w)))
                    .filter_map(|w| w.chars().next())
                    .collect();
                if initials == name {
                    return Some(k.clone());
                }
            }
        }
        // A shorter form of a known name ("Macron" → "Emmanuel Macron").
        if !words.is_empty() && all_capped {
            let mut best: Option<&String> = None;
            for k in &self.known {
                if k.split_whitespace().nth(words.len()).is_some()
                    && words
                        .iter()
                        .all(|w| k.split_whitespace().any(|kw| kw == *w))
                    && best.is_none_or(|b| k.len() > b.len())
                {
                    best = Some(k);
                }
            }
            return best.cloned();
        }
        // A common noun phrase naming an organisation ("the ministry", "South Korean intelligence"): the
        // latest known name that has its head word capitalised.
        let tail: Vec<&str> = words
            .iter()
            .rev()
            .take_while(|w| !w.chars().next().is_some_and(char::is_uppercase))
            .copied()
            .collect();
        for w in tail {
            let w = w.to_lowercase();
            if lex.source_heads.contains(&w) {
                for k in self.known.iter().rev() {
                    if k.split_whitespace().any(|kw| {
                        kw.chars().next().is_some_and(char::is_uppercase) && lower_is(kw, &w)
                    }) {
                        return Some(k.clone());
                    }
                }
            }
        }
        None
    }
}
