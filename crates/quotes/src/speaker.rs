//! Who said a quote: the cue next to it and the cue's subject, resolved to a name.
//!
//! The order of the rules: a cue right after the quote ("…,” she said / said X / according to X),
//! then the nearest cue before it in its sentence ("X said: “…”", "X, a researcher, warns that …
//! “…”"), then "X: “…”", then a quote that opens its sentence continues the turn of the quote before
//! it (or follows a sentence ending in a colon). Pronouns go to the subject of the nearest earlier
//! sentence that has a compatible candidate; a definite description ("the soldier") to the name the
//! text attached to the same description; a letter or note to its author ("a note from X", "his
//! notebook").

use document::{Document, Span};

use crate::lexicon::{CueKind, Gender};
use crate::marks::Marked;
use crate::mentions::{Kind, Mention, Word};

/// A resolved speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub name: String,
    pub span: Span,
    pub entity: Option<usize>,
    /// The words next to the cue that named the speaker ("she", "the letter"), when `span` is their
    /// antecedent elsewhere.
    pub mention: Span,
}

/// What the speaker search found for one quote.
#[derive(Clone, Debug, Default)]
pub struct Attribution {
    pub speaker: Option<Resolved>,
    pub cue: Option<String>,
    /// The quote names something (a title) rather than reporting words.
    pub naming: bool,
    /// The speaker was carried over from an earlier quote (a continued turn).
    pub continued: bool,
}

pub struct Context<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub words: &'a [Word<'a>],
    pub mentions: &'a [Mention],
    pub sentences: &'a [(usize, usize)],
}

/// Adverbs and auxiliaries that may stand between a subject and its cue ("Trump also said").
const SKIPPABLE: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "would",
    "will",
    "could",
    "once",
    "previously",
    "recently",
    "repeatedly",
    "publicly",
    "simply",
    "just",
    "further",
    "reportedly",
    "allegedly",
    "never",
    "often",
    "frequently",
    "not",
    "n't",
    "’s",
    "'s",
    "himself",
    "herself",
    "themselves",
    "again",
    "even",
    "already",
    "still",
    "privately",
    "flatly",
    "quickly",
    "angrily",
    "famously",
    "once",
    "first",
    "who",
    "initially",
    "subsequently",
    "did",
    "does",
    "do",
    "may",
    "might",
    "can",
    "should",
    "being",
    "been",
    "has",
    "apparently",
    "immediately",
    "told",
    "reporters",
];

const DETERMINERS: &[&str] = &["the", "a", "an"];

const PUBLISHING: &[&str] = &[
    "published",
    "released",
    "posted",
    "obtained",
    "reported",
    "shared",
    "translated",
    "accessed",
    "recovered",
    "found",
    "seen",
    "leaked",
    "revealed",
    "distributed",
    "circulated",
    "printed",
    "broadcast",
    "aired",
];

const PREPOSITIONS: &[&str] = &[
    "of", "to", "in", "at", "from", "with", "for", "by", "about", "on", "into", "against",
    "toward", "towards", "over", "under", "among",
];

impl Context<'_> {
    fn word_index_at(&self, offset: usize) -> usize {
        self.words.partition_point(|w| w.start < offset)
    }

    fn sentence_of(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|&(_, e)| e <= offset)
            .min(self.sentences.len().saturating_sub(1))
    }

    fn mention_ending_at(&self, word_end: usize) -> Option<usize> {
        self.mentions.iter().position(|m| m.last == word_end)
    }

    fn mention_starting_at(&self, word: usize) -> Option<usize> {
        self.mentions.iter().position(|m| m.first == word)
    }

    /// The cue starting at word `i`, with its length in words.
    fn cue_at(&self, i: usize) -> Option<(CueKind, usize)> {
        crate::mentions::cue_at(self.words, i)
    }

    /// The subject of the speech cue `cue..cue+len`.
    fn subject_of(&self, cue: usize, len: usize, kind: CueKind, lo: usize) -> Option<usize> {
        if kind == CueKind::Source {
            // "according to conservative talk radio host Rush Limbaugh,": the first mention before
            // the clause ends.
            let mut k = cue + len;
            while k < self.words.len()
                && k < cue + len + 7
                && !self.words[k].quoted
                && !matches!(self.words[k].lower, "," | "." | ";")
            {
                if let Some(m) = self.mention_starting_at(k) {
                    return Some(m);
                }
                k += 1;
            }
            return None;
        }
        // Leftwards over adverbs and auxiliaries.
        let mut k = cue;
        while k > lo {
            let w = &self.words[k - 1];
            if w.quoted {
                break;
            }
            if SKIPPABLE.contains(&w.lower)
                || (w.lower.ends_with("ly") && w.lower.len() > 4 && !w.cap)
            {
                k -= 1;
                continue;
            }
            break;
        }
        // A parenthesis after the name: "Rep. Gwen Moore (D-Wis.) said".
        if k > lo && self.words[k - 1].lower == ")" {
            if let Some(open) = (lo..k - 1)
                .rev()
                .take(12)
                .find(|&i| self.words[i].lower == "(")
            {
                k = open;
            }
        }
        if let Some(m) = self.mention_ending_at(k) {
            if self.mentions[m].first >= lo {
                return Some(m);
            }
        }
        // An appositive between commas: "Lee Dohyun, a researcher at the Institute, warns".
        if k > lo && self.words[k - 1].lower == "," {
            let mut c = k - 1;
            let floor = c.saturating_sub(30).max(lo);
            while c > floor {
                c -= 1;
                if self.words[c].quoted || matches!(self.words[c].lower, "." | "?" | "!") {
                    break;
                }
                if self.words[c].lower == "," {
                    let mut end = c;
                    if end > lo && self.words[end - 1].lower == ")" {
                        if let Some(open) = (lo..end - 1)
                            .rev()
                            .take(12)
                            .find(|&i| self.words[i].lower == "(")
                        {
                            end = open;
                        }
                    }
                    if let Some(m) = self.mention_ending_at(end) {
                        let mention = &self.mentions[m];
                        // "in Tulsa, Oklahoma, arguing": a place is not the subject.
                        let place = matches!(
                            mention.kind,
                            Kind::Name {
                                person: Some(false)
                            }
                        ) && mention.label.is_none();
                        if !matches!(mention.kind, Kind::Relative) && !place {
                            return Some(m);
                        }
                    }
                    break;
                }
            }
        }
        // Inverted order: "said Victor Cha", "says the report".
        let before = if cue == 0 {
            None
        } else {
            self.words.get(cue - 1)
        };
        let inverted = before.is_none_or(|w| {
            w.quoted || matches!(w.lower, "," | ":" | ";" | "—" | "(" | "“" | "\"")
        });
        if inverted {
            if let Some(m) = self.mention_after(cue + len, 1) {
                return Some(m);
            }
        }
        None
    }

    /// A mention starting within `slack` words of `at` (skipping only determiners).
    fn mention_after(&self, at: usize, slack: usize) -> Option<usize> {
        for k in at..=at + slack {
            if k >= self.words.len() || self.words[k].quoted {
                return None;
            }
            if let Some(m) = self.mention_starting_at(k) {
                return Some(m);
            }
            let w = self.words[k].lower;
            if !DETERMINERS.contains(&w)
                && !SKIPPABLE.contains(&w)
                && !crate::mentions::TITLES.contains(&w)
            {
                return None;
            }
        }
        None
    }

    /// The first mention of the sentence `lo..hi` (in words) that can speak: the sentence's subject.
    fn first_speaker_like(&self, lo: usize, hi: usize) -> Option<usize> {
        self.mentions.iter().position(|m| {
            m.first >= lo
                && m.last <= hi
                && !self.words[m.first].quoted
                && !matches!(m.kind, Kind::Relative)
                && (m.is_personlike()
                    || matches!(m.kind, Kind::Description(d) if d.group || d.artifact)
                    || matches!(m.kind, Kind::Name { .. }))
        })
    }

    fn sentence_words(&self, sentence: usize) -> (usize, usize) {
        let Some(&(s, e)) = self.sentences.get(sentence) else {
            return (0, 0);
        };
        (self.word_index_at(s), self.word_index_at(e))
    }
}

/// Finds the speaker of quote `idx` (earlier results in `done` for turn continuation).
pub fn attribute(cx: &Context, quotes: &[Marked], idx: usize, done: &[Attribution]) -> Attribution {
    let q = quotes[idx];
    let words = cx.words;
    if words.is_empty() || cx.sentences.is_empty() {
        return Attribution::default();
    }
    let first_sentence = cx.sentence_of(q.open);
    let mut last_sentence = cx.sentence_of(q.close.saturating_sub(1));
    let open_word = cx.word_index_at(q.open);
    let close_word = cx.word_index_at(q.close);
    // "…?” she asked." splits into two sentences; the attribution belongs to the quote.
    if let Some(w) = words.get(close_word) {
        if !w.quoted && w.is_word && !w.cap && w.sentence == last_sentence + 1 {
            last_sentence += 1;
        }
    }
    let (lo, _) = cx.sentence_words(first_sentence);
    let (_, hi) = cx.sentence_words(last_sentence);

    // 1. A cue right after the quote, possibly in the next "sentence" when the quote ends with
    // its own full stop or question mark (`…?” Vitter demanded.`).
    let hi_after = if close_word >= hi && last_sentence + 1 < cx.sentences.len() {
        cx.sentence_words(last_sentence + 1).1
    } else {
        hi
    };
    let hi = hi.max(close_word);
    let mut k = close_word;
    let mut dashed = false;
    while k < hi_after && matches!(words[k].lower, "," | "—" | "–" | "-" | "―") {
        dashed |= words[k].lower != ",";
        k += 1;
    }
    let hi_first = hi;
    let hi = hi_after;
    // "…” ― Carla Sanchez": a name after a dash signs the quote.
    if dashed && k < hi {
        if let Some(m) = cx.mention_starting_at(k) {
            if matches!(cx.mentions[m].kind, Kind::Name { .. }) {
                let mut out = resolve_found(cx, m);
                out.cue = Some("—".into());
                return out;
            }
        }
    }
    // In the next sentence only "X said." (a short attribution sentence) counts.
    let next_sentence = k >= hi_first;
    if next_sentence && k < hi && !words[k].quoted {
        if let Some(m) = cx.mention_starting_at(k) {
            let c = cx.mentions[m].last;
            if c < hi
                && cx
                    .cue_at(c)
                    .is_some_and(|(kind, _)| kind == CueKind::Speech)
                && hi - c <= 5
            {
                let len = cx.cue_at(c).map_or(1, |x| x.1);
                return found(cx, m, c, len, quotes, done);
            }
        }
    }
    if !next_sentence && k < hi && !words[k].quoted {
        if let Some((kind, len)) = cx.cue_at(k) {
            // "…,” said X" / "…,” according to X"
            let m = if kind == CueKind::Source {
                cx.mention_after(k + len, 2)
            } else {
                cx.mention_after(k + len, 1)
            };
            if let Some(m) = m {
                return found(cx, m, k, len, quotes, done);
            }
        }
        if words[k].lower == "by" {
            // "deemed “useless” by analysts"
            let cue_before = (lo..open_word)
                .rev()
                .take(4)
                .any(|i| cx.cue_at(i).is_some());
            if cue_before {
                if let Some(m) = cx.mention_after(k + 1, 1) {
                    let cue = (lo..open_word)
                        .rev()
                        .take(4)
                        .find(|&i| cx.cue_at(i).is_some())
                        .unwrap_or(k);
                    return found(cx, m, cue, cx.cue_at(cue).map_or(1, |c| c.1), quotes, done);
                }
            }
        }
        if let Some(m) = cx.mention_starting_at(k) {
            let mut c = cx.mentions[m].last;
            while c < hi && !words[c].quoted && SKIPPABLE.contains(&words[c].lower) {
                c += 1;
            }
            if c < hi {
                if let Some((kind, len)) = cx.cue_at(c) {
                    if kind == CueKind::Speech {
                        return found(cx, m, c, len, quotes, done);
                    }
                }
            }
        }
    }

    let hi = hi_first;
    // 2. The nearest cue before the quote in its sentence.
    let mut i = open_word;
    while i > lo {
        i -= 1;
        if words[i].quoted {
            continue;
        }
        let Some((kind, len)) = cx.cue_at(i) else {
            continue;
        };
        if i + len > open_word {
            continue;
        }
        match kind {
            CueKind::Naming => {
                if open_word - (i + len) <= 2 {
                    return Attribution {
                        naming: true,
                        cue: Some(cue_text(cx, i, len)),
                        ..Attribution::default()
                    };
                }
                continue;
            }
            CueKind::Passive => {
                // "X described Y as “…”": the subject on the left; "deemed “…” by X" was read above.
                if let Some(m) = cx.subject_of(i, len, CueKind::Speech, lo) {
                    return found(cx, m, i, len, quotes, done);
                }
                continue;
            }
            CueKind::Source | CueKind::Speech => {}
        }
        // "he said, adding that “…”": a participle takes the subject of the cue before it.
        let participle = words[i].lower.ends_with("ing") && i > lo && words[i - 1].lower == ",";
        if participle {
            for c in (lo..i.saturating_sub(1)).rev() {
                if words[c].quoted {
                    continue;
                }
                if let Some((k2, l2)) = cx.cue_at(c) {
                    if k2 == CueKind::Speech {
                        if let Some(m) = cx.subject_of(c, l2, k2, lo) {
                            return found(cx, m, i, len, quotes, done);
                        }
                    }
                }
            }
            // Else the clause's subject: the first speaker-like mention not after a preposition.
            let subject = (0..cx.mentions.len()).find(|&mi| {
                let m = &cx.mentions[mi];
                m.first >= lo
                    && m.last <= i
                    && !words[m.first].quoted
                    && (m.is_personlike()
                        || matches!(m.kind, Kind::Description(d) if d.group)
                        || matches!(m.kind, Kind::Name { .. }))
                    && !matches!(m.kind, Kind::Relative)
                    && !(m.first > lo && PREPOSITIONS.contains(&words[m.first - 1].lower))
            });
            if let Some(m) = subject {
                return found(cx, m, i, len, quotes, done);
            }
        }
        if let Some(m) = cx.subject_of(i, len, kind, lo) {
            return found(cx, m, i, len, quotes, done);
        }
        // A participle after a comma ("…, stating, “…”") or a cue whose subject we cannot see: the
        // sentence's subject.
        if let Some(m) = cx.first_speaker_like(lo, i) {
            return found(cx, m, i, len, quotes, done);
        }
    }

    // 3. A cue later in the sentence, after other words ("…” in a statement, Trump said).
    let mut j = close_word;
    while j < hi {
        if !words[j].quoted {
            if let Some((kind, len)) = cx.cue_at(j) {
                if matches!(kind, CueKind::Speech | CueKind::Source) {
                    if let Some(m) = cx.subject_of(j, len, kind, close_word) {
                        return found(cx, m, j, len, quotes, done);
                    }
                }
            }
        } else if j > close_word {
            break;
        }
        j += 1;
    }

    // 4. "X: “…”"
    let before: Vec<&Word> = words[lo..open_word].iter().filter(|w| !w.quoted).collect();
    if before.last().is_some_and(|w| w.lower == ":") {
        if let Some(m) = cx.first_speaker_like(lo, open_word) {
            let mut out = resolve_found(cx, m);
            out.cue = Some(":".into());
            return out;
        }
    }

    // 5. A quote that opens its sentence: a continued turn, or the speaker of the sentence before.
    if before.is_empty() {
        if let Some(prev) = idx.checked_sub(1) {
            let p = quotes[prev];
            let gap = first_sentence.saturating_sub(cx.sentence_of(p.close.saturating_sub(1)));
            let paragraphs_between = cx.text[p.close.min(q.open)..q.open].matches('\n').count();
            if let Some(speaker) = done.get(prev).and_then(|a| a.speaker.clone()) {
                // Someone else named between the two quotes ends the turn.
                // The sentence that named the earlier quote's speaker does not count.
                let (from, to) = (cx.word_index_at(p.close), open_word);
                let attribution_sentence = cx.sentence_of(speaker.mention.start());
                let someone_else = cx.mentions.iter().enumerate().any(|(mi, m)| {
                    m.first >= from
                        && m.last <= to
                        && cx.words[m.first].sentence != attribution_sentence
                        && cx.sentence_of(m.start) != attribution_sentence
                        && !cx.words[m.first].quoted
                        && (matches!(
                            m.kind,
                            Kind::Name {
                                person: Some(true) | None
                            }
                        ) || matches!(m.kind, Kind::Description(d) if !d.artifact))
                        && resolve(cx, mi, 0).is_some_and(|r| r.name != speaker.name)
                });
                if gap <= 2 && (paragraphs_between <= 2 || q.continues) && !someone_else {
                    return Attribution {
                        speaker: Some(speaker),
                        cue: None,
                        naming: false,
                        continued: true,
                    };
                }
            }
        }
        if first_sentence > 0 {
            let (plo, phi) = cx.sentence_words(first_sentence - 1);
            let prev_words: Vec<&Word> = words[plo..phi].iter().filter(|w| !w.quoted).collect();
            if prev_words.last().is_some_and(|w| w.lower == ":") {
                for c in (plo..phi).rev() {
                    if let Some((kind, len)) = cx.cue_at(c) {
                        if matches!(kind, CueKind::Speech | CueKind::Source) {
                            if let Some(m) = cx
                                .subject_of(c, len, kind, plo)
                                .or_else(|| cx.first_speaker_like(plo, c))
                            {
                                return found(cx, m, c, len, quotes, done);
                            }
                        }
                    }
                }
            }
            // The speaker named in the sentence before: the subject of its speech cue, else its
            // subject, when that sentence has no quote of its own.
            let prev_has_quote = words[plo..phi].iter().any(|w| w.quoted);
            if !prev_has_quote {
                for c in (plo..phi).rev() {
                    if let Some((kind, len)) = cx.cue_at(c) {
                        if kind == CueKind::Speech {
                            if let Some(m) = cx.subject_of(c, len, kind, plo) {
                                let mut out = resolve_found(cx, m);
                                out.continued = true;
                                return out;
                            }
                        }
                    }
                }
            }
            if !prev_has_quote || prev_words.last().is_some_and(|w| w.lower == ":") {
                if let Some(m) = cx.first_speaker_like(plo, phi) {
                    if cx.mentions[m].is_personlike() {
                        let mut out = resolve_found(cx, m);
                        if prev_words.last().is_some_and(|w| w.lower == ":") {
                            out.cue = Some(":".into());
                        }
                        return out;
                    }
                }
            }
        }
    }
    // 6. A partial quote inside a sentence with no cue: the sentence's subject, when it is a
    // person or a body that can speak ("Trump is promising “jobs, jobs, jobs”"); the outlet's own
    // scare quotes in a sentence about things get no speaker.
    if !before.is_empty() {
        let subject = cx.mentions.iter().position(|mention| {
            let speaker_like = match mention.kind {
                Kind::Name { person } => {
                    person != Some(false)
                        || mention.label == Some(document::EntityType::Org)
                        || mention.first == lo
                }
                Kind::Pronoun { .. } => true,
                Kind::Description(d) => !d.artifact,
                Kind::Relative => false,
            };
            let after_preposition =
                mention.first > lo && PREPOSITIONS.contains(&words[mention.first - 1].lower);
            mention.first >= lo
                && mention.last <= open_word
                && !words[mention.first].quoted
                && speaker_like
                && !after_preposition
        });
        if let Some(m) = subject {
            // Only a mention near the start of the sentence is its subject.
            if cx.mentions[m].first <= lo + 10 {
                return resolve_found(cx, m);
            }
        }
    }
    Attribution::default()
}

fn cue_text(cx: &Context, i: usize, len: usize) -> String {
    cx.words[i..i + len]
        .iter()
        .map(|w| w.lower)
        .collect::<Vec<_>>()
        .join(" ")
}

fn found(
    cx: &Context,
    m: usize,
    cue: usize,
    len: usize,
    _quotes: &[Marked],
    _done: &[Attribution],
) -> Attribution {
    // The speaker of mention `m` with the cue words `cue..cue+len`.
    let mut out = resolve_found(cx, m);
    out.cue = Some(cue_text(cx, cue, len));
    out
}

fn resolve_found(cx: &Context, m: usize) -> Attribution {
    let speaker = resolve(cx, m, 0);
    Attribution {
        speaker,
        cue: None,
        naming: false,
        continued: false,
    }
}

fn span_of(m: &Mention) -> Span {
    Span::new(m.start, m.end)
}

/// The speaker a mention stands for.
pub fn resolve(cx: &Context, m: usize, depth: usize) -> Option<Resolved> {
    let mention = &cx.mentions[m];
    let here = span_of(mention);
    if depth > 4 {
        return None;
    }
    let with_mention = |r: Option<Resolved>| r.map(|r| Resolved { mention: here, ..r });
    match mention.kind {
        Kind::Name { .. } => Some(name_of(cx, m, here)),
        Kind::Pronoun { .. } => {
            let antecedent = antecedent(cx, m);
            match antecedent {
                Some(a) => with_mention(resolve(cx, a, depth + 1)),
                None => Some(Resolved {
                    name: cx.text[mention.start..mention.end].to_string(),
                    span: here,
                    entity: None,
                    mention: here,
                }),
            }
        }
        Kind::Relative => {
            // The mention right before "which"/"who"/"that", over one comma.
            let mut k = mention.first;
            if k > 0 && cx.words[k - 1].lower == "," {
                k -= 1;
            }
            let before = cx.mentions[..m].iter().rposition(|p| {
                p.last <= k && cx.words[p.first].sentence == cx.words[mention.first].sentence
            })?;
            with_mention(resolve(cx, before, depth + 1))
        }
        Kind::Description(d) => {
            if let Some(n) = mention.linked {
                return with_mention(resolve(cx, n, depth + 1));
            }
            if d.artifact {
                if let Some(author) = author_of(cx, m, depth) {
                    return Some(Resolved {
                        mention: here,
                        ..author
                    });
                }
                // A letter or note whose author the text does not give: the person the passage is
                // about, found as a pronoun would be.
                if d.personal && cx.words[mention.first].lower == "the" {
                    let as_pronoun = Mention {
                        kind: Kind::Pronoun {
                            gender: Gender::Unknown,
                            plural: false,
                        },
                        ..mention.clone()
                    };
                    let mut mentions = cx.mentions.to_vec();
                    mentions[m] = as_pronoun;
                    let cx2 = Context {
                        mentions: &mentions,
                        ..*cx
                    };
                    if let Some(a) = antecedent(&cx2, m) {
                        return with_mention(resolve(cx, a, depth + 1));
                    }
                }
                return Some(description_name(cx, m, here));
            }
            let head = cx.words[mention.last - 1].lower;
            let definite = matches!(cx.words[mention.first].lower, "the" | "this" | "that");
            // "the writer", "the author": whoever wrote the last letter or note mentioned.
            if definite && matches!(head, "writer" | "author" | "sender") {
                let artifacts = (0..m).rev().filter(
                    |&a| matches!(cx.mentions[a].kind, Kind::Description(pd) if pd.artifact),
                );
                for a in artifacts {
                    if let Some(author) = author_of(cx, a, depth) {
                        return Some(Resolved {
                            mention: here,
                            ..author
                        });
                    }
                }
            }
            // A description refers to the person the text described with the same noun; if a
            // name was attached to it anywhere ("the soldier, identified as X"), that name.
            if let Some(other) = cx.mentions.iter().position(|p| {
                matches!(p.kind, Kind::Description(_))
                    && cx.words[p.last - 1].lower == head
                    && p.linked.is_some()
            }) {
                if definite || other > m {
                    return with_mention(resolve(cx, other, depth + 1));
                }
            }
            if definite {
                // A name with an appositive of the same noun: "Lee Dohyun, a researcher".
                if let Some(name) = cx.mentions[..m].iter().rposition(|p| {
                    matches!(p.kind, Kind::Name { .. })
                        && p.linked.is_some_and(|l| {
                            cx.words
                                .get(cx.mentions[l].last.wrapping_sub(1))
                                .is_some_and(|w| w.lower == head)
                        })
                }) {
                    return with_mention(resolve(cx, name, depth + 1));
                }
            }
            Some(description_name(cx, m, here))
        }
    }
}

/// A description as a speaker: named by the fullest description with the same head noun.
fn description_name(cx: &Context, m: usize, here: Span) -> Resolved {
    let mention = &cx.mentions[m];
    let head = &cx.words[mention.last - 1].lower;
    let mut best = strip_determiner(&cx.text[mention.start..mention.end]).to_string();
    for p in cx.mentions.iter() {
        if matches!(p.kind, Kind::Description(_)) && cx.words[p.last - 1].lower == *head {
            let candidate = strip_determiner(&cx.text[p.start..p.end]);
            if candidate.split_whitespace().count() > best.split_whitespace().count() {
                best = candidate.to_string();
            }
        }
    }
    Resolved {
        name: best,
        span: here,
        entity: None,
        mention: here,
    }
}

fn strip_determiner(s: &str) -> &str {
    for det in [
        "the ", "The ", "a ", "A ", "an ", "An ", "one ", "One ", "another ", "Another ",
    ] {
        if let Some(rest) = s.strip_prefix(det) {
            return rest;
        }
    }
    s
}

/// The name of a name mention: its entity's name, else the fullest capitalised sequence of the
/// document that ends with (or contains) the same last word.
fn name_of(cx: &Context, m: usize, here: Span) -> Resolved {
    let mention = &cx.mentions[m];
    let surface = trim_name(&cx.text[mention.start..mention.end]);
    if let Some(e) = mention
        .entity
        .and_then(|e| cx.doc.entities.get(e).map(|ent| (e, ent)))
    {
        return Resolved {
            name: e.1.name.clone(),
            span: here,
            entity: Some(e.0),
            mention: here,
        };
    }
    let key = surface
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let mut best = surface.to_string();
    if !key.is_empty() {
        for p in cx
            .mentions
            .iter()
            .filter(|p| matches!(p.kind, Kind::Name { .. }))
        {
            let other = trim_name(&cx.text[p.start..p.end]);
            let has = other
                .split_whitespace()
                .last()
                .is_some_and(|w| w.to_lowercase() == key)
                || other
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.to_lowercase() == key);
            if has
                && other.split_whitespace().count() > best.split_whitespace().count()
                && other.split_whitespace().count() <= 4
            {
                best = other.to_string();
            }
        }
    }
    Resolved {
        name: best,
        span: here,
        entity: None,
        mention: here,
    }
}

/// A name without courtesy titles ("Mr. Barrett" → "Barrett").
fn trim_name(s: &str) -> &str {
    let mut s = s.trim();
    for title in ["Mr. ", "Mrs. ", "Ms. ", "Miss ", "Dr. "] {
        if let Some(rest) = s.strip_prefix(title) {
            s = rest;
        }
    }
    s
}

/// The antecedent of a pronoun: the first compatible mention of the nearest sentence (the pronoun's
/// own sentence first, before it) that has one.
fn antecedent(cx: &Context, m: usize) -> Option<usize> {
    let pronoun = &cx.mentions[m];
    let Kind::Pronoun { gender, plural } = pronoun.kind else {
        return None;
    };
    let sentence = cx.words[pronoun.first].sentence;
    let compatible = |p: &Mention| -> bool {
        let gender_ok =
            gender == Gender::Unknown || p.gender == Gender::Unknown || p.gender == gender;
        match p.kind {
            Kind::Name { person } => {
                // A name the text makes speak ("DuVernay said") is a person whatever its label.
                let speaks = cx.words.get(p.last).is_some_and(|w| {
                    cx.cue_at(p.last).is_some_and(|(k, _)| k == CueKind::Speech) && !w.quoted
                });
                let person = if speaks && p.label != Some(document::EntityType::Gpe) {
                    None
                } else {
                    person
                };
                if plural {
                    person == Some(false)
                } else {
                    person != Some(false) && gender_ok
                }
            }
            Kind::Description(d) => {
                if plural {
                    (d.plural || d.group) && !d.artifact
                } else {
                    !d.plural && !d.group && !d.artifact && gender_ok
                }
            }
            _ => false,
        }
    };
    // Bracketed credits ("[Telegram Screenshot]") and the photo captions they end hold no
    // antecedents.
    let bracketed = |p: &Mention| {
        let line_start = cx.text[..p.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = cx.text[p.end..]
            .find('\n')
            .map_or(cx.text.len(), |i| p.end + i);
        let before = &cx.text[line_start..p.start];
        before
            .rfind('[')
            .is_some_and(|open| !before[open..].contains(']'))
            || cx.text[line_start..line_end].trim_end().ends_with(']')
    };
    let after_preposition = |i: usize| {
        let first = cx.mentions[i].first;
        first > 0 && PREPOSITIONS.contains(&cx.words[first - 1].lower)
    };
    let floor = sentence.saturating_sub(10);
    let mut s = sentence;
    loop {
        // Subjects first: a mention after a preposition ("promoted to sergeant") is passed over
        // when the sentence has another.
        let in_sentence: Vec<usize> = (0..m)
            .filter(|&i| {
                let p = &cx.mentions[i];
                cx.words[p.first].sentence == s
                    && compatible(p)
                    && !bracketed(p)
                    && !cx.doc.is_boilerplate(Span::new(p.start, p.end))
            })
            .collect();
        let first = in_sentence
            .iter()
            .copied()
            .find(|&i| !after_preposition(i))
            .or(in_sentence.first().copied());
        if let Some(i) = first {
            return Some(i);
        }
        if s == floor || s == 0 {
            return None;
        }
        s -= 1;
    }
}

/// The author of a letter or note: "his note", "Kim’s letter", "a note signed by X", "a letter from
/// X", or, for "the letter", the author given where the text first mentioned a letter.
fn author_of(cx: &Context, m: usize, depth: usize) -> Option<Resolved> {
    let mention = &cx.mentions[m];
    let head = cx.words[mention.last - 1]
        .lower
        .trim_end_matches('s')
        .to_string();
    let direct = |mi: usize| -> Option<Resolved> {
        let a = &cx.mentions[mi];
        // Possessive determiner.
        let first = &cx.words[a.first];
        if let Some(&(p, gender, plural)) = crate::mentions::PRONOUNS.iter().find(|(p, _, _)| {
            matches!(
                (first.lower, *p),
                ("his", "he") | ("her", "she") | ("their", "they")
            )
        }) {
            let _ = p;
            let fake = Mention {
                kind: Kind::Pronoun { gender, plural },
                ..a.clone()
            };
            let mut mentions = cx.mentions.to_vec();
            mentions[mi] = fake;
            let cx2 = Context {
                mentions: &mentions,
                ..*cx
            };
            let ante = antecedent(&cx2, mi)?;
            return resolve(cx, ante, depth + 1).map(|r| Resolved {
                mention: Span::new(first.start, first.end),
                ..r
            });
        }
        // "Kim’s letter"
        if a.first >= 1 && matches!(cx.words[a.first - 1].lower, "’s" | "'s") {
            if let Some(owner) = cx.mention_ending_at(a.first - 1) {
                return resolve(cx, owner, depth + 1);
            }
        }
        // "a note (signed) by X", "a letter from X": within a few words after the head.
        let sentence = cx.words[a.first].sentence;
        let mut k = a.last;
        let stop = (a.last + 8).min(cx.words.len());
        while k < stop && cx.words[k].sentence == sentence {
            // "published by X", "released by X": X made it public, not wrote it.
            let published = k > 0 && PUBLISHING.contains(&cx.words[k - 1].lower);
            if matches!(cx.words[k].lower, "by" | "from") && !published {
                if let Some(x) = cx.mention_after(k + 1, 1) {
                    if cx.mentions[x].is_personlike()
                        || matches!(cx.mentions[x].kind, Kind::Name { .. })
                    {
                        return resolve(cx, x, depth + 1);
                    }
                }
                // "signed by “Kim Jong Un,”": a name inside quotation marks.
                if let Some(w) = cx.words.get(k + 1) {
                    if w.quoted {
                        return quoted_name(cx, k + 1);
                    }
                }
            }
            if cx.words[k].quoted {
                break;
            }
            k += 1;
        }
        None
    };
    if let Some(r) = direct(m) {
        return Some(r);
    }
    // "the letter", "which": the first earlier mention of the same kind of text that names an author.
    for (i, p) in cx.mentions[..m].iter().enumerate().rev() {
        if let Kind::Description(d) = p.kind {
            if d.artifact && cx.words[p.last - 1].lower.trim_end_matches('s') == head {
                if let Some(r) = direct(i) {
                    return Some(r);
                }
            }
        }
    }
    None
}

/// A short capitalised name inside quotation marks starting at word `k` (the opening mark).
fn quoted_name(cx: &Context, k: usize) -> Option<Resolved> {
    let mut j = k;
    while j < cx.words.len() && cx.words[j].quoted && !cx.words[j].is_word {
        j += 1;
    }
    let start = j;
    while j < cx.words.len() && cx.words[j].quoted && cx.words[j].is_word && cx.words[j].cap {
        j += 1;
    }
    if j == start || j - start > 4 {
        return None;
    }
    let span = Span::new(cx.words[start].start, cx.words[j - 1].end);
    let name = cx.text[span.start()..span.end()].to_string();
    let entity = cx
        .doc
        .entity_mentions
        .iter()
        .find(|e| e.span.overlaps(span))
        .and_then(|e| e.entity);
    Some(Resolved {
        name,
        span,
        entity,
        mention: span,
    })
}
