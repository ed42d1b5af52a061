//! What a figure counts: the measure (from cue words around it), the counted noun and whose they are.

use document::{Document, EntityType, Measure, Quantity, QuantityKind};

use crate::lexicon::{CueSide, Lexicon};
use crate::words::{strip_possessive, Tok};

/// What the words around one figure say about it.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// The measure a cue word gave, with the cue's distance from the figure in tokens.
    pub cue: Option<(Measure, usize)>,
    pub counted: Option<String>,
    pub subject: Option<String>,
    /// The counted noun is a thing (jobs, emails): the measure is `other` whatever the cue.
    pub thing: bool,
    /// The measure the counted noun names when no cue does ("troops" → deployed).
    pub noun_measure: Option<Measure>,
    /// The cue governs the figure from before it ("North Korea sent 2,000 troops").
    pub cue_before: bool,
}

const STOP: &[&str] = &[
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "may",
    "might",
    "can",
    "in",
    "on",
    "at",
    "to",
    "from",
    "for",
    "by",
    "with",
    "who",
    "which",
    "that",
    "and",
    "or",
    "but",
    "than",
    "as",
    "of",
    "said",
    "says",
    "into",
    "over",
    "under",
    "after",
    "before",
    "during",
    "since",
    "while",
    "because",
    "if",
    "when",
    "where",
    "including",
    "across",
    "out",
    "each",
    "per",
    "a",
    "an",
    "the",
    "this",
    "those",
    "these",
    "it",
    "they",
    "up",
    "down",
    "around",
    "about",
    "near",
    "inside",
    "outside",
    "between",
    "among",
    "through",
    "last",
    "this",
    "next",
    "so",
    "not",
    "now",
    "also",
    "already",
    "still",
];

const CLAUSE_STOP: &[&str] = &[
    "but", "while", "although", "though", "because", "whereas", "than", "unlike", "despite",
];

const BEFORE_FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "additional",
    "another",
    "further",
    "extra",
    "more",
    "total",
    "of",
    "estimated",
    "all",
    "at",
    "least",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "up",
    "to",
    "as",
    "many",
    "than",
];

fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// The measure cue (if any) starting at token `i`, matched against phrases allowed on `sides`.
fn cue_at(
    lex: &Lexicon,
    toks: &[Tok],
    i: usize,
    limit: usize,
    sides: &[CueSide],
) -> Option<(Measure, usize)> {
    let first = toks.get(i)?;
    if !first.word || first.quantity.is_some() || first.measure_cues.get() == 1 {
        return None;
    }
    // The first phrase (longest first) whose words are here and that the sides and limit allow; a token
    // where no phrase's words are is remembered, so the windows of the figures around it skip it.
    let mut any = false;
    for phrase in lex.measures.starting(first.lower) {
        let (measure, side) = phrase.value;
        let n = phrase.words.len();
        if i + n > toks.len()
            || !toks[i..i + n]
                .iter()
                .zip(&phrase.words)
                .all(|(t, w)| t.word && t.lower == *w)
        {
            continue;
        }
        any = true;
        if sides.contains(&side) && i + n <= limit {
            first.measure_cues.set(2);
            return Some((measure, n));
        }
    }
    first.measure_cues.set(if any { 2 } else { 1 });
    None
}

/// The first measure cue that follows a figure from token `from` within `reach` tokens, before a clause
/// break (";", ":", "but", "while" …): the predicate of "Six people, including two congressmen and a
/// lobbyist, were injured". Returns the cue's measure and its token.
pub fn cue_after(
    lex: &Lexicon,
    toks: &[Tok],
    from: usize,
    reach: usize,
) -> Option<(Measure, usize)> {
    let end = toks.len().min(from + reach);
    for j in from..end {
        let t = &toks[j];
        if (!t.word && matches!(t.lower, ";" | ":" | "(" | ")"))
            || (t.word && CLAUSE_STOP.contains(&t.lower))
        {
            return None;
        }
        if t.quantity.is_some() {
            continue;
        }
        if let Some((m, _)) = cue_at(lex, toks, j, toks.len(), &[CueSide::After, CueSide::Both]) {
            return Some((m, j));
        }
    }
    None
}

/// The measure cue (if any) ending at token `end` (exclusive), for cues that govern a figure after them.
fn cue_ending_at(lex: &Lexicon, toks: &[Tok], end: usize, sides: &[CueSide]) -> Option<Measure> {
    for len in (1..=4).rev() {
        if end < len {
            continue;
        }
        let start = end - len;
        if let Some((m, n)) = cue_at(lex, toks, start, end, sides) {
            if n == len {
                return Some(m);
            }
        }
    }
    None
}

/// Reads the figure whose tokens are `a..b`. `limit_after` is the first token of the next quantity (the
/// window after the figure stops there) and `limit_before` the token after the previous one.
#[allow(clippy::too_many_arguments)] // the figure, its two window limits and the shared context; a struct would only rename them
pub fn read(
    doc: &Document,
    lex: &Lexicon,
    toks: &[Tok],
    a: usize,
    b: usize,
    limit_before: usize,
    limit_after: usize,
    q: &Quantity,
) -> Reading {
    let mut r = Reading::default();
    // The counted noun: a run of words after the figure ("North Korean troops"), after "of these".
    let mut i = b;
    if toks.get(i).is_some_and(|t| t.lower == "of")
        && toks.get(i + 1).is_some_and(|t| {
            matches!(
                t.lower,
                "these" | "those" | "the" | "them" | "its" | "their" | "whom"
            )
        })
    {
        i += 2;
    } else if toks.get(i).is_some_and(|t| t.lower == "of")
        && toks
            .get(i + 1)
            .is_some_and(|t| t.word && t.quantity.is_none() && !is_stop(t.lower))
    {
        // "thousands of emails", "millions of immigrants"
        i += 1;
    }
    let run_start = i;
    let mut run: Vec<usize> = Vec::new();
    while i < limit_after && run.len() < 4 {
        let Some(t) = toks.get(i) else { break };
        if !t.word || t.quantity.is_some() || is_stop(t.lower) {
            break;
        }
        // A cue word ends the run, unless it is an adjective before a noun ("two captured soldiers").
        if cue_at(lex, toks, i, limit_after, &[CueSide::After, CueSide::Both]).is_some() {
            let next_is_noun = toks.get(i + 1).is_some_and(|n| {
                n.word
                    && n.quantity.is_none()
                    && !is_stop(n.lower)
                    && cue_at(
                        lex,
                        toks,
                        i + 1,
                        limit_after,
                        &[CueSide::After, CueSide::Both],
                    )
                    .is_none()
            });
            let noun_cue = lex.counted_person.contains_key(t.lower);
            if noun_cue {
                run.push(i);
                i += 1;
                break;
            }
            if !(run.is_empty() && next_is_noun) {
                break;
            }
        }
        // Adverbs end the run ("hunts met legally"), and so do participles after the head ("140 members
        // blasting", "2,383 needed", "five questioners ranged").
        if t.lower.ends_with("ly") && !lex.counted_person.contains_key(t.lower) {
            break;
        }
        // "one of eleven built on the Marren", "the 12,000 given by officials": irregular participles
        // start a clause.
        if lex.participles.contains(t.lower) {
            break;
        }
        let participle = (t.lower.ends_with("ing") || t.lower.ends_with("ed"))
            && t.lower.len() > 4
            && !lex.counted_person.contains_key(t.lower)
            && !lex.counted_thing.contains(t.lower);
        // ("three credit rating agencies" goes on: a noun follows a modifier in -ing.)
        let clause_follows = toks.get(i + 1).is_none_or(|n| !n.word || is_stop(n.lower));
        let after_plural = run.last().is_some_and(|&r| toks[r].lower.ends_with('s'));
        if participle
            && (clause_follows || (t.lower.ends_with("ed") && !run.is_empty()) || after_plural)
        {
            break;
        }
        run.push(i);
        i += 1;
        // A known counted noun is the head ("hunts met …", "people gathered …"), unless it starts a
        // two-word one ("police officers").
        if lex.counted_person.contains_key(t.lower) || lex.counted_thing.contains(t.lower) {
            let two = toks
                .get(i)
                .filter(|n| n.word && n.quantity.is_none() && i < limit_after)
                .is_some_and(|n| {
                    lex.counted_person
                        .contains_key(format!("{} {}", t.lower, n.lower).as_str())
                });
            if two {
                run.push(i);
                i += 1;
            }
            break;
        }
    }
    let run_end = i;
    if q.kind != QuantityKind::Money && q.kind != QuantityKind::Percent {
        // The head is the last word of the run, skipping a trailing capitalised word only when it is the
        // whole run's end and lower-case heads come before it ("troops Russia" does not happen in prose).
        // "71 delegates short": a plural before a trailing word that is no noun we know is the head.
        let last_known = |h: usize| {
            lex.counted_person.contains_key(toks[h].lower)
                || lex.counted_thing.contains(toks[h].lower)
                || toks[h].lower.ends_with('s')
        };
        let head_at = match run.as_slice() {
            [.., p, l]
                if !last_known(*l)
                    && toks[*p].lower.ends_with('s')
                    && !toks[*p].cap
                    && !toks[*p].lower.ends_with("ss") =>
            {
                Some(*p)
            }
            _ => run.last().copied(),
        };
        if let Some(h) = head_at {
            let head = &toks[h];
            let head_text = doc.text().get(head.start..head.end).unwrap_or("");
            let plural_name =
                head.cap && head_text.ends_with('s') && lex.demonyms.contains_key(head_text);
            if !head.cap || plural_name || lex.counted_person.contains_key(head.lower) {
                r.counted = Some(head.lower.to_string());
                if let Some(m) = lex.counted_person.get(head.lower) {
                    // "could save 65 lives": the noun's measure ("lives" → killed) is undone.
                    let saved = (a.saturating_sub(3)..a)
                        .any(|x| toks[x].word && lex.saved_before.contains(toks[x].lower));
                    r.noun_measure = if saved { None } else { *m };
                }
                if lex.counted_thing.contains(head.lower) {
                    r.thing = true;
                }
                // Two-word counted nouns ("asylum seekers", "service members").
                if run.len() >= 2 {
                    let two = format!("{} {}", toks[run[run.len() - 2]].lower, head.lower);
                    if let Some(m) = lex.counted_person.get(&two) {
                        r.noun_measure = *m;
                        r.counted = Some(two);
                    }
                }
            }
            if plural_name {
                r.subject = lex.demonyms.get(head_text).cloned();
            }
        }
        // The subject from a nationality in the run ("North Korean soldiers") or an entity mention.
        if r.subject.is_none() {
            r.subject = subject_in(doc, lex, toks, &run);
        }
        // …or from a possessive before the figure ("Russia's 80,000 troops").
        if r.subject.is_none() && a > 0 {
            r.subject = possessive_before(doc, toks, a);
        }
    }
    // Cue after the figure.
    let mut after: Option<(Measure, usize)> = None;
    let mut j = if run.is_empty() {
        run_start.max(b)
    } else {
        run_start
    };
    let mut dist = 0;
    while j < limit_after && dist <= 8 {
        let Some(t) = toks.get(j) else { break };
        if !t.word && matches!(t.lower, ";" | ":" | "—" | "(" | ")") {
            break;
        }
        if t.word && CLAUSE_STOP.contains(&t.lower) {
            break;
        }
        // "does more to hurt the economy": an infinitive is no report of harm.
        let infinitive = j > 0
            && toks[j - 1].lower == "to"
            && matches!(t.lower, "hurt" | "kill" | "injure" | "wound" | "die");
        // "six in critical condition": a cue opening with "in" describes the figure right before it only.
        let far_in = t.lower == "in" && j > run_end.max(b);
        let cue_here = cue_at(lex, toks, j, limit_after, &[CueSide::After, CueSide::Both])
            .filter(|_| !infinitive && !far_in);
        // A noun cue past the figure's own noun ("governors joined … to keep out refugees") is another
        // group, not this one's measure.
        let other_noun = !run.is_empty()
            && j >= run_end
            && lex.counted_person.get(t.lower).is_some_and(Option::is_some);
        if let Some((m, n)) = cue_here.filter(|_| !other_noun) {
            let mut m = m;
            // "killed, wounded or …", "killed and wounded": both together are casualties.
            if matches!(m, Measure::Killed | Measure::Wounded) {
                let mut k = j + n;
                let mut hops = 0;
                while k < limit_after && hops < 4 {
                    let Some(u) = toks.get(k) else { break };
                    if matches!(u.lower, "," | "and" | "or" | "have" | "been" | "were") {
                        k += 1;
                        hops += 1;
                        continue;
                    }
                    if let Some((m2, _)) =
                        cue_at(lex, toks, k, limit_after, &[CueSide::After, CueSide::Both])
                    {
                        if matches!(
                            (m, m2),
                            (Measure::Killed, Measure::Wounded)
                                | (Measure::Wounded, Measure::Killed)
                        ) {
                            m = Measure::Casualties;
                        }
                    }
                    break;
                }
            }
            after = Some((m, dist));
            break;
        }
        j += 1;
        if j > run_end || run.is_empty() {
            dist += 1;
        }
    }
    // Cue before the figure: "killing nine", "deployed 5,200", "sent an additional 2,000".
    let mut before: Option<(Measure, usize)> = None;
    let mut k = a;
    let mut gap = 0;
    while k > limit_before && gap <= 3 {
        if let Some(m) = cue_ending_at(lex, toks, k, &[CueSide::Before, CueSide::Both]) {
            before = Some((m, gap));
            break;
        }
        let t = &toks[k - 1];
        if !t.word || !BEFORE_FILLERS.contains(&t.lower) {
            break;
        }
        k -= 1;
        gap += 1;
    }
    // A death toll governs a figure a few words on ("the death toll rose to 300").
    if before.is_none() {
        let mut k = a;
        let mut gap = 0;
        // "The death toll from the collapse of the dam has risen to 61": a toll verb just before the figure
        // reaches back across the toll's own phrase.
        let toll_verb = (a.saturating_sub(3)..a)
            .any(|x| toks[x].word && lex.toll_verbs.contains(toks[x].lower));
        let reach = if toll_verb { 14 } else { 5 };
        while k > limit_before && gap <= reach {
            if let Some(m) = cue_ending_at(lex, toks, k, &[CueSide::Toll]) {
                before = Some((m, gap));
                break;
            }
            if !toks[k - 1].word {
                break;
            }
            k -= 1;
            gap += 1;
        }
    }
    // "The number of people killed … has risen to 57", "put the number of dead at 57": a count phrase's cue
    // governs its new figure.
    if before.is_none() && after.is_none() && a > 0 {
        let toll_verb = (a.saturating_sub(3)..a)
            .any(|x| toks[x].word && lex.toll_verbs.contains(toks[x].lower))
            || toks[a - 1].lower == "at";
        let from = a.saturating_sub(16).max(limit_before);
        if toll_verb {
            if let Some(n) = (from..a).rev().find(|&x| {
                matches!(toks[x].lower, "number" | "tally" | "total" | "count")
                    && toks.get(x + 1).is_some_and(|t| t.lower == "of")
            }) {
                // "The number of people living in shelters has fallen to 2,300": the phrase's noun is
                // what the figure counts.
                if r.counted.is_none() {
                    r.counted = (n + 2..(n + 5).min(a))
                        .find(|&x| {
                            lex.counted_person.contains_key(toks[x].lower)
                                || lex.counted_thing.contains(toks[x].lower)
                        })
                        .map(|x| toks[x].lower.to_string());
                }
                before = (n + 2..a)
                    .find_map(|x| {
                        cue_at(
                            lex,
                            toks,
                            x,
                            a,
                            &[CueSide::After, CueSide::Both, CueSide::Toll],
                        )
                    })
                    .map(|(m, _)| (m, 0));
            }
        }
    }
    r.cue = match (after, before) {
        (Some(x), Some(y)) => Some(if y.1 < x.1 { y } else { x }),
        (x, y) => x.or(y),
    };
    r.cue_before = before.is_some() && r.cue == before;
    r
}

/// The place a nationality word or a GPE mention inside the counted run names.
fn subject_in(doc: &Document, lex: &Lexicon, toks: &[Tok], run: &[usize]) -> Option<String> {
    let (&first, &last) = (run.first()?, run.last()?);
    let (start, end) = (toks[first].start, toks[last].end);
    // Two-word nationalities first ("North Korean"), then one word.
    for w in run.windows(2) {
        let (s, e) = (toks[w[0]].start, toks[w[1]].end);
        if let Some(place) = doc.text().get(s..e).and_then(|t| lex.demonyms.get(t)) {
            return Some(place.clone());
        }
    }
    for m in &doc.entity_mentions {
        if m.span.start() >= start
            && m.span.end() <= end
            && matches!(m.label, EntityType::Gpe | EntityType::Norp)
        {
            let Some(text) = doc.get(m.span) else {
                continue;
            };
            if let Some(place) = lex.demonyms.get(text) {
                return Some(place.clone());
            }
            if m.label == EntityType::Gpe {
                return Some(
                    m.entity
                        .and_then(|e| doc.entities.get(e))
                        .map(|e| e.name.clone())
                        .unwrap_or_else(|| text.to_string()),
                );
            }
        }
    }
    for &i in run {
        if let Some(place) = doc
            .text()
            .get(toks[i].start..toks[i].end)
            .and_then(|t| lex.demonyms.get(t))
        {
            return Some(place.clone());
        }
    }
    None
}

/// "Russia's 80,000 troops", "the United States’ 1.3 million": the capitalised possessor right before.
fn possessive_before(doc: &Document, toks: &[Tok], a: usize) -> Option<String> {
    let mut k = a;
    // Skip a determiner-like filler ("Russia's estimated 80,000").
    if k > 0 && matches!(toks[k - 1].lower, "estimated" | "some" | "about" | "nearly") {
        k -= 1;
    }
    // "States" + "’" as separate tokens, or "Russia’s" as one.
    let mut end = k;
    if end > 0 && !toks[end - 1].word && matches!(toks[end - 1].lower, "’" | "'") {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let last = &toks[end - 1];
    let last_text = doc.text().get(last.start..last.end)?;
    let (stem, possessive) = strip_possessive(last_text);
    if !(possessive || end < k) || !last.cap {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && toks[start - 1].word && toks[start - 1].cap && start + 4 > end {
        start -= 1;
    }
    let mut name = doc.text().get(toks[start].start..last.start)?.to_string();
    name.push_str(stem);
    let name = name.trim_start_matches("The ").trim().to_string();
    (!name.is_empty()).then_some(name)
}
