//! The claims stage: which numbers in a document are claims about the world, and for each one its
//! hedge and interval, measure, counted noun, subject, source and as-of date.
//!
//! Reads `sentences`, `paragraphs`, `boilerplate`, `quantities`, `dates`, `entities` and the metadata's
//! publication date; writes `claims`. The rules follow `shared/guide/CLAIMS.md`: the numbers stage says what
//! a number is (a year, an age, a duration…), and this stage adds the words around it: hyphenated ages and
//! durations, labels ("Section 5"), list markers, anaphora ("the three"), currency conversions in
//! brackets, source counts ("according to three officials"). Measure cues, counted nouns, attribution verbs,
//! nationalities and the other word lists live in `data/*.tsv`.
//!
//! It deliberately does not parse numbers (that is the `numbers` stage: hedges and intervals are taken
//! from its `Quantity` as they are), does no parsing beyond word windows and noun-phrase heuristics, and
//! does not reconcile figures across documents (that is `reconcile`).

mod attribution;
mod error;
mod filter;
mod lexicon;
mod measure;
mod words;

use document::{
    Attribution, Claim, DatePrecision, Document, EntityType, Hedge, Layer, Measure, NaiveDate,
    QuantityKind, Span, Stage,
};

pub use error::ClaimsError;
pub use lexicon::check as check_lexicon;

use crate::attribution::{Names, Source};
use crate::lexicon::CueKind;

/// The claims stage.
pub struct ClaimsStage;

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn reads(&self) -> &'static [Layer] {
        &[
            Layer::Metadata,
            Layer::Boilerplate,
            Layer::Paragraphs,
            Layer::Sentences,
            Layer::Quantities,
            Layer::Dates,
            Layer::Entities,
        ]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Claims]
    }
    fn run(&self, doc: &mut Document) {
        let claims = extract(doc);
        doc.claims = claims;
    }
}

/// A claim before its attribution is settled.
struct Pending {
    claim: Claim,
    first_tok: usize,
    last_tok: usize,
    cue: Option<(Measure, usize)>,
    cue_before: bool,
    thing: bool,
    noun_measure: Option<Measure>,
    money_or_percent: bool,
    money: bool,
    /// A plain "one" before a person noun: a claim only with a casualty or arrest measure.
    lone_one: bool,
    /// The date the figure's own words give it ("up from 42 reported on Tuesday"), if any.
    own_date: Option<Span>,
}

/// The claims of a document whose earlier layers are filled.
pub fn extract(doc: &Document) -> Vec<Claim> {
    let lex = lexicon::get();
    let text = doc.text();
    let mut order: Vec<usize> = (0..doc.quantities.len()).collect();
    order.sort_by_key(|&i| (doc.quantities[i].span.start(), doc.quantities[i].span.end()));
    let quantities: Vec<document::Quantity> = order
        .iter()
        .flat_map(|&i| split_descending(text, &doc.quantities[i]))
        .collect();
    let candidate: Vec<bool> = quantities
        .iter()
        .map(|q| q.span.fits(text) && filter::kind_can_claim(lex, q) && !doc.is_boilerplate(q.span))
        .collect();

    let mut sentences: Vec<Span> = doc
        .sentences
        .iter()
        .map(|s| s.span)
        .filter(|s| s.fits(text))
        .collect();
    sentences.sort();
    let mut paragraphs: Vec<Span> = doc
        .paragraphs
        .iter()
        .copied()
        .filter(|p| p.fits(text))
        .collect();
    paragraphs.sort();
    let para_of = |s: Span| -> usize {
        let i = paragraphs.partition_point(|p| p.end() <= s.start());
        if paragraphs.get(i).is_some_and(|p| p.start() <= s.start()) {
            i
        } else {
            usize::MAX - s.start()
        }
    };
    // Only sentences with a candidate figure, and the sentences before them in their paragraph (whose
    // sources carry over), are read.
    let mut need = vec![false; sentences.len()];
    {
        let mut qi = 0;
        for (i, s) in sentences.iter().enumerate() {
            while qi < quantities.len() && quantities[qi].span.start() < s.start() {
                qi += 1;
            }
            let mut k = qi;
            while k < quantities.len() && quantities[k].span.start() < s.end() {
                if candidate[k] && quantities[k].span.end() <= s.end() {
                    need[i] = true;
                    break;
                }
                k += 1;
            }
        }
        for i in (0..sentences.len().saturating_sub(1)).rev() {
            if need[i + 1] && !need[i] && para_of(sentences[i]) == para_of(sentences[i + 1]) {
                need[i] = true;
            }
        }
    }

    let mentions = Mentions::new(&doc.entity_mentions);
    let mut names = Names::new(doc);
    let mut out: Vec<Extracted> = Vec::new();
    let mut lower_buf = String::new();
    let mut carry: Option<Attribution> = None;
    let mut carry_para = usize::MAX;
    let mut carry_data = false;
    let mut qi = 0;
    for (si, s) in sentences.iter().enumerate() {
        if !need[si] {
            continue;
        }
        let para = para_of(*s);
        if para != carry_para {
            carry = None;
            carry_data = false;
            carry_para = para;
        }
        while qi < quantities.len() && quantities[qi].span.start() < s.start() {
            qi += 1;
        }
        let mut in_sentence = Vec::new();
        let mut k = qi;
        while k < quantities.len() && quantities[k].span.start() < s.end() {
            if quantities[k].span.end() <= s.end() {
                in_sentence.push(k);
            }
            k += 1;
        }
        let Some(sentence_text) = text.get(s.start()..s.end()) else {
            continue;
        };
        let mut toks = words::split(sentence_text, s.start(), &mut lower_buf);
        // Mark the tokens of every quantity (claims or not), so windows stop at them.
        let mut ranges = Vec::new();
        for &k in &in_sentence {
            let q = &quantities[k];
            let a = toks.partition_point(|t| t.end <= q.span.start());
            let mut b = a;
            while b < toks.len() && toks[b].start < q.span.end() {
                toks[b].quantity = Some(k);
                b += 1;
            }
            ranges.push((k, a, b));
        }
        let sources = attribution::find(doc, lex, &toks, &quantities);
        // A paragraph's source carries over to a continued quotation, and to a sentence that names no new
        // actor ("Another 12 were missing."); not to narration about someone ("Yahoo was hacked …",
        // "She sued him and was paid $84,000").
        let quoted = has_quote_mark(sentence_text);
        let new_actor = mentions
            .within(s.start(), s.end())
            .any(|m| matches!(m.label, EntityType::Person | EntityType::Org))
            || toks
                .iter()
                .find(|t| t.word)
                .is_some_and(|t| matches!(t.lower, "he" | "she" | "they" | "we" | "i" | "it"));
        // A first person inside the quotation before ("I am pleased …") speaks only inside quotes.
        let first_person = carry.as_ref().is_some_and(|c| {
            text.get(c.span.start()..c.span.end())
                .is_some_and(|w| matches!(w, "I" | "we" | "We"))
        });
        let continues_quote = quoted || (!new_actor && !first_person);
        let joined = joined_ranges(&toks, &ranges, &quantities);
        let mut pending: Vec<Pending> = Vec::new();
        // (The date depends on the sentence only: read once.)
        let mut sentence_as_of: Option<Option<NaiveDate>> = None;
        for (idx, &(k, a, b)) in ranges.iter().enumerate() {
            let q = &quantities[k];
            if !candidate[k] || a >= b || joined.iter().any(|j| j.1 == idx) {
                continue;
            }
            if filter::context_rules_out(doc, lex, &toks, a, b, q, &quantities) {
                continue;
            }
            // A count inside a source's phrase ("according to three officials") is not a claim.
            if sources
                .iter()
                .any(|src| src.kind != CueKind::Unnamed && a >= src.np.0 && a < src.np.1)
            {
                continue;
            }
            // The windows stop at the figures around this one that could be claims (not at an ordinal
            // inside a word, "first-graders", or a date).
            let limit_before = ranges[..idx]
                .iter()
                .rev()
                .find(|r| candidate[r.0])
                .map(|r| r.2)
                .unwrap_or(0);
            // A ratio's numerator reads its words after the denominator: "one in five residents fled".
            let denominator = if filter::ratio_numerator(&toks, b) {
                ranges[idx + 1..]
                    .iter()
                    .position(|r| r.1 == b + 1 || r.1 == b + 2)
                    .map(|p| idx + 1 + p)
            } else {
                None
            };
            let (read_end, next) = match denominator {
                Some(d) => (ranges[d].2, d + 1),
                None => (b, idx + 1),
            };
            let limit_after = ranges[next.min(ranges.len())..]
                .iter()
                .find(|r| candidate[r.0])
                .map(|r| r.1)
                .unwrap_or(toks.len());
            let reading = measure::read(doc, lex, &toks, a, read_end, limit_before, limit_after, q);
            let surface = doc.get(q.span).unwrap_or("");
            // A decimal with no counted noun ("the index fell to 95.5") is a reading, not a count.
            let decimal =
                surface.contains('.') && surface.chars().all(|c| c.is_ascii_digit() || c == '.');
            if q.kind == QuantityKind::Cardinal
                && decimal
                && q.value.is_some_and(|v| v.fract() != 0.0)
                && reading.counted.is_none()
            {
                continue;
            }
            let money_or_percent = matches!(q.kind, QuantityKind::Money | QuantityKind::Percent);
            let (mut hedge, mut low, mut high) = (q.hedge, q.low, q.high);
            // "a million-dollar check" and "the one million seafarers estimated to be at sea" are round
            // figures: approximately (±10%, as the numbers stage's `about`).
            let adjective = ["-dollar", "-pound", "-euro"]
                .iter()
                .any(|x| ends_with_lower(surface, x));
            let estimated_after = toks[b..toks.len().min(b + 4)]
                .iter()
                .any(|t| t.lower == "estimated")
                && toks[b..toks.len().min(b + 5)]
                    .iter()
                    .any(|t| t.lower == "to");
            if hedge == Hedge::Exact && (adjective || estimated_after) {
                if let Some(v) = q.value {
                    hedge = Hedge::Approximately;
                    low = Some(v * 0.9);
                    high = Some(v * 1.1);
                }
            }
            let mut span = q.span;
            let mut value = q.value;
            if let Some(&(_, to, from_tok)) = joined.iter().find(|j| j.0 == idx) {
                let end = &quantities[ranges[to].0];
                span = Span::new(toks[from_tok].start, end.span.end());
                hedge = Hedge::Range;
                value = None;
                low = q.value;
                high = end.value;
            }
            let claim = Claim {
                span,
                sentence: *s,
                value,
                low,
                high,
                hedge,
                measure: Measure::Other,
                counted: reading.counted.clone(),
                subject: reading.subject.clone(),
                attributed_to: None,
                as_of: *sentence_as_of.get_or_insert_with(|| as_of(doc, *s)),
            };
            let lone_one = filter::is_lone_one(q) && !filter::ratio_numerator(&toks, b);
            let own = own_date(doc, &toks, read_end, limit_after);
            let mut claim = claim;
            if let Some(d) = own {
                claim.as_of = d.date.or(claim.as_of);
            }
            pending.push(Pending {
                claim,
                first_tok: a,
                last_tok: b,
                cue: reading.cue,
                cue_before: reading.cue_before,
                thing: reading.thing,
                noun_measure: reading.noun_measure,
                money_or_percent,
                money: q.kind == QuantityKind::Money,
                lone_one,
                own_date: own.map(|d| d.span),
            });
        }
        // A date that another figure's words own ("…, up from 42 reported on Tuesday") does not date
        // the sentence's other figures.
        if pending.iter().any(|p| p.own_date.is_some()) {
            let owned: Vec<Span> = pending.iter().filter_map(|p| p.own_date).collect();
            let rest = as_of_excluding(doc, *s, &owned);
            for p in pending.iter_mut().filter(|p| p.own_date.is_none()) {
                p.claim.as_of = rest;
            }
        }
        // A list sharing one predicate ("300 police, over 600 soldiers, more than 3,000 civilians dead"):
        // a figure with no cue of its own takes the cue of the next figure when only a comma, "and",
        // "or" or "including" and a counted noun stand between them.
        for i in (0..pending.len().saturating_sub(1)).rev() {
            if pending[i].cue.is_none() && !pending[i].money_or_percent && !pending[i].thing {
                if let Some(next_cue) = pending[i + 1].cue {
                    if listed(&toks, pending[i].last_tok, pending[i + 1].first_tok) {
                        pending[i].cue = Some(next_cue);
                    }
                }
            }
        }
        // "Six people, including two congressmen, two police officers and a lobbyist, were injured": the
        // figures of an "including" list take the predicate after the list.
        if let Some(incl) = toks.iter().position(|t| t.lower == "including") {
            let listed_figures: Vec<usize> = (0..pending.len())
                .filter(|&i| {
                    pending[i].cue.is_none() && !pending[i].money_or_percent && !pending[i].thing
                })
                .collect();
            let head = listed_figures
                .iter()
                .rev()
                .copied()
                .find(|&i| pending[i].last_tok <= incl && incl - pending[i].last_tok <= 4);
            if let (Some(head), Some(&last)) = (head, listed_figures.last()) {
                if let Some((m, at)) = measure::cue_after(lex, &toks, pending[last].last_tok, 16) {
                    for i in listed_figures {
                        if i >= head && pending[i].first_tok < at {
                            pending[i].cue = Some((m, 0));
                        }
                    }
                }
            }
        }
        for p in &mut pending {
            p.claim.measure = if p.money {
                Measure::Cost
            } else if p.money_or_percent || p.thing {
                Measure::Other
            } else if let Some((m, _)) = p.cue {
                m
            } else if let Some(m) = p.noun_measure {
                m
            } else {
                Measure::Other
            };
        }
        // "has risen to 61, …, up from 42", "a higher figure than the 12,000 given by …": an earlier or
        // compared value of the same quantity counts what the figure it revises counts.
        for i in 1..pending.len() {
            let p = &pending[i];
            if p.cue.is_some() || p.money_or_percent || p.thing || p.claim.measure != Measure::Other
            {
                continue;
            }
            if !revises(&toks, p.first_tok) {
                continue;
            }
            let Some(j) = (0..i).rev().find(|&j| {
                !pending[j].money_or_percent && pending[j].claim.measure != Measure::Other
            }) else {
                continue;
            };
            let (measure, counted, subject) = (
                pending[j].claim.measure,
                pending[j].claim.counted.clone(),
                pending[j].claim.subject.clone(),
            );
            let p = &mut pending[i].claim;
            p.measure = measure;
            if p.counted.is_none() {
                p.counted = counted;
            }
            if p.subject.is_none() {
                p.subject = subject;
            }
        }
        pending.retain(|p| {
            !p.lone_one
                || !matches!(
                    p.claim.measure,
                    Measure::Other | Measure::Cost | Measure::Deployed
                )
        });
        // "approximately 300 North Korean soldiers, with more than 2,700 wounded": a figure with no counted
        // noun counts what the figure before it counted.
        // Losses counted by their own noun ("…, with around 4,000 casualties") are the same people's.
        for i in 1..pending.len() {
            let losses = pending[i].claim.counted.as_deref().is_some_and(|w| {
                lex.counted_person.get(w).is_some_and(|m| {
                    matches!(
                        m,
                        Some(
                            Measure::Casualties
                                | Measure::Killed
                                | Measure::Wounded
                                | Measure::Captured
                                | Measure::Missing
                        )
                    )
                })
            });
            if (pending[i].claim.counted.is_none() || losses) && !pending[i].money_or_percent {
                let (before, rest) = pending.split_at_mut(i);
                let prev = &before[i - 1].claim;
                if !before[i - 1].money_or_percent {
                    if !losses {
                        rest[0].claim.counted = prev.counted.clone();
                    }
                    if rest[0].claim.subject.is_none() {
                        rest[0].claim.subject = prev.subject.clone();
                    }
                }
            }
        }
        // "devastating for North Korean troops, with hundreds killed": a casualty figure with no counted noun
        // counts the people named earlier in the sentence.
        for p in &mut pending {
            let casualty = matches!(
                p.claim.measure,
                Measure::Killed
                    | Measure::Wounded
                    | Measure::Casualties
                    | Measure::Captured
                    | Measure::Missing
            );
            if p.claim.counted.is_some() || !casualty {
                continue;
            }
            if let Some(k) = (0..p.first_tok).rev().find(|&k| {
                toks[k].quantity.is_none() && lex.counted_person.contains_key(toks[k].lower)
            }) {
                p.claim.counted = Some(toks[k].lower.to_string());
                if p.claim.subject.is_none() {
                    let from = k.saturating_sub(2);
                    let place = (from..k).find_map(|s| {
                        text.get(toks[s].start..toks[k - 1].end)
                            .and_then(|w| lex.demonyms.get(w))
                    });
                    p.claim.subject = place.cloned();
                }
            }
        }
        // Attribution: the nearest source covering the figure; else the paragraph's running source.
        let named: Vec<&Source> = sources.iter().collect();
        let first_word = toks.iter().position(|t| t.word);
        let frame_end = first_word
            .filter(|&w| {
                lex.frames.contains(toks[w].lower)
                    || (toks[w].lower == "when"
                        && toks
                            .get(w + 1)
                            .is_some_and(|t| lex.frames.contains(t.lower)))
            })
            .and_then(|w| {
                toks.iter()
                    .skip(w)
                    .position(|t| t.lower == ",")
                    .map(|c| c + w)
            });
        for p in &mut pending {
            let mut covering = named
                .iter()
                .filter(|src| src.covers(p.first_tok))
                // "Asked about the 63 members who …, X said": the framing clause is not the speaker's.
                .filter(|src| !frame_end.is_some_and(|c| p.first_tok < c && src.cue > c))
                // "… at least eight Democrats — a threshold he is not on track to meet, according to X": a
                // closing "according to" covers its own dash clause, not the figure before the dash.
                .filter(|src| {
                    !(src.kind == CueKind::Prep
                        && src.cue > p.first_tok
                        && toks[p.first_tok..src.cue]
                            .iter()
                            .any(|t| matches!(t.lower, "—" | "–" | ";")))
                })
                // "… exceed 16.5bn euros and, according to some predictions, balloon to 33.5bn euros": a
                // mid-sentence "according to" after "and," covers what follows it.
                .filter(|src| {
                    !(src.kind == CueKind::Prep
                        && src.cue > p.first_tok
                        && src.cue >= 2
                        && toks[src.cue - 1].lower == ","
                        && matches!(toks[src.cue - 2].lower, "and" | "but" | "or" | "while"))
                })
                // "X told about 600 supporters": the audience, not the content.
                .filter(|src| {
                    !(matches!(toks[src.cue].lower, "told" | "tells" | "tell")
                        && p.first_tok > src.cue
                        && p.first_tok - src.cue <= 2)
                })
                .min_by_key(|src| (priority(src.kind), src.cue.abs_diff(p.first_tok)));
            // "according to X, Y revealed the deficit was $19.6bn": a speech verb between the "according
            // to" phrase and the figure is the figure's own clause.
            if let Some(prep) =
                covering.filter(|src| src.kind == CueKind::Prep && src.cue < p.first_tok)
            {
                let verb = named
                    .iter()
                    .filter(|v| {
                        matches!(v.kind, CueKind::Verb | CueKind::Ambiguous)
                            && v.cue > prep.np.1
                            && v.cue < p.first_tok
                            && v.covers(p.first_tok)
                    })
                    .max_by_key(|v| v.cue);
                if verb.is_some() {
                    covering = verb;
                }
            }
            p.claim.attributed_to = match covering {
                // "Thirty voters said …" after a poll: the respondents' figure is the poll's.
                Some(src) if src.own && carry_data && sources.iter().all(|x| x.own) => {
                    carry.clone()
                }
                Some(src) => src.name.as_ref().map(|(name, span)| Attribution {
                    name: name.clone(),
                    span: *span,
                }),
                None if sources.iter().all(|src| src.own) && (continues_quote || carry_data) => {
                    carry.clone()
                }
                None => None,
            };
        }
        // Resolve names (pronouns, fullest forms) in text order, and update the running source.
        let mut resolved: Vec<(usize, Attribution)> = Vec::new();
        for src in &sources {
            if let Some((name, span)) = &src.name {
                // "he"/"she" with no named source before it: the nearest person named before it.
                let person = (names.last().is_none()
                    && (name.eq_ignore_ascii_case("he") || name.eq_ignore_ascii_case("she")))
                .then(|| mentions.person_before(doc, span.start()))
                .flatten();
                let full = names.resolve(lex, person.as_deref().unwrap_or(name));
                resolved.push((
                    src.cue,
                    Attribution {
                        name: full,
                        span: *span,
                    },
                ));
            }
        }
        for p in &mut pending {
            if let Some(a) = &mut p.claim.attributed_to {
                if let Some((_, r)) = resolved.iter().find(|(_, r)| r.span == a.span) {
                    a.name = r.name.clone();
                }
            }
        }
        if let Some(last) = sources
            .iter()
            .filter(|src| !src.own)
            .max_by_key(|src| src.cue)
        {
            // "CNN exit poll data revealed …": a poll's results run on into the next sentences.
            carry_data = toks[last.np.0..last.np.1]
                .iter()
                .any(|t| matches!(t.lower, "poll" | "polls" | "polling" | "survey" | "surveys"));
            carry = match &last.name {
                Some(_) => resolved
                    .iter()
                    .max_by_key(|(cue, _)| *cue)
                    .map(|(_, a)| a.clone()),
                None => None,
            };
        }
        // The place or nationality named before a figure in its clause (after the figure before it), outside
        // any source's phrase ("U.S. estimates suggest …" names the source, not the troops).
        let in_source = |at: usize| {
            sources.iter().any(|src| {
                src.np.0 < src.np.1 && toks[src.np.0].start <= at && at < toks[src.np.1 - 1].end
            })
        };
        // "to Ukraine", "in Kursk": a place where something happens, not whose the people are.
        let located = |at: usize| {
            let k = toks.partition_point(|t| t.start < at);
            k > 0
                && matches!(
                    toks[k - 1].lower,
                    "to" | "in"
                        | "into"
                        | "from"
                        | "at"
                        | "near"
                        | "across"
                        | "inside"
                        | "on"
                        | "toward"
                        | "towards"
                )
                || (k > 1
                    && toks[k - 1].lower == "the"
                    && matches!(
                        toks[k - 2].lower,
                        "to" | "in" | "into" | "from" | "at" | "near" | "across" | "inside" | "on"
                    ))
        };
        let place_before = |first_tok: usize| {
            let from = toks[..first_tok]
                .iter()
                .rposition(|t| t.quantity.is_some_and(|k| candidate[k]))
                .map(|k| toks[k].end)
                .unwrap_or(s.start());
            let upto = toks[first_tok].start;
            mentions
                .within(from, upto)
                .filter(|m| {
                    matches!(m.label, EntityType::Gpe | EntityType::Norp)
                        && !in_source(m.span.start())
                        && !located(m.span.start())
                })
                .max_by_key(|m| m.span.start())
        };
        let mut names_place = Vec::with_capacity(pending.len());
        for p in &mut pending {
            let place = place_before(p.first_tok);
            names_place.push(place.is_some());
            // "North Korea has sent an estimated 12,000 troops": the sender of a deployment owns the troops.
            if p.claim.subject.is_some() || !(p.claim.measure == Measure::Deployed && p.cue_before)
            {
                continue;
            }
            p.claim.subject = place.and_then(|m| {
                let surface = doc.get(m.span)?;
                lex.demonyms.get(surface).cloned().or_else(|| {
                    (m.label == EntityType::Gpe).then(|| {
                        m.entity
                            .and_then(|e| doc.entities.get(e))
                            .map(|e| e.name.clone())
                            .unwrap_or_else(|| surface.to_string())
                    })
                })
            });
        }
        out.extend(
            pending
                .into_iter()
                .zip(names_place)
                .map(|(p, names_place)| {
                    let definite = p.first_tok > 0
                        && matches!(toks[p.first_tok - 1].lower, "the" | "these" | "those")
                        && p.claim.hedge == Hedge::Exact;
                    Extracted {
                        claim: p.claim,
                        definite,
                        names_place,
                    }
                }),
        );
    }
    let mut claims = settle_document(lex, out);
    headline_from_body(doc, &mut claims);
    claims
}

/// A headline figure that the body repeats ("… kills at least 42" over "at least 42 people were
/// killed, the agency said") takes the body figure's source and measure, its counted noun and subject
/// when it has none, and its hedge when the headline has none: the headline summarises what the body
/// reports and attributes.
fn headline_from_body(doc: &Document, claims: &mut [Claim]) {
    let Some(title) = doc.meta.title_span else {
        return;
    };
    for i in 0..claims.len() {
        let c = &claims[i];
        if !title.contains(c.span) || c.value.is_none() {
            continue;
        }
        // The body figure it repeats: attributed when the headline is not.
        let Some(body) = claims.iter().find(|b| {
            !title.contains(b.span)
                && b.value == c.value
                && (b.measure == c.measure || c.measure == Measure::Other)
                && (c.attributed_to.is_some() || b.attributed_to.is_some())
        }) else {
            continue;
        };
        let (source, counted, subject, measure) = (
            body.attributed_to.clone(),
            body.counted.clone(),
            body.subject.clone(),
            body.measure,
        );
        let reading = (body.hedge, body.low, body.high);
        let c = &mut claims[i];
        if c.attributed_to.is_none() {
            c.attributed_to = source;
        }
        c.measure = measure;
        // Headlines drop hedges: "UN warns of 15,000 displaced" over "as many as 15,000".
        if c.hedge == Hedge::Exact && reading.0 != Hedge::Exact {
            (c.hedge, c.low, c.high) = reading;
        }
        if c.counted.is_none() {
            c.counted = counted;
        }
        if c.subject.is_none() {
            c.subject = subject;
        }
    }
}

/// The entity mentions of a document in the order of their start (ties in document order), so the
/// mentions inside a sentence or clause are found by binary search rather than a scan of them all.
struct Mentions<'d> {
    sorted: Vec<&'d document::EntityMention>,
}

impl<'d> Mentions<'d> {
    fn new(all: &'d [document::EntityMention]) -> Self {
        let mut sorted: Vec<&document::EntityMention> = all.iter().collect();
        sorted.sort_by_key(|m| m.span.start());
        Mentions { sorted }
    }

    /// The name of the nearest person mentioned within 600 bytes before `at` (its entity's name when
    /// it has one).
    fn person_before(&self, doc: &Document, at: usize) -> Option<String> {
        let end = self.sorted.partition_point(|m| m.span.start() < at);
        self.sorted[..end]
            .iter()
            .rev()
            .take_while(|m| m.span.start() + 600 >= at)
            .find(|m| m.label == EntityType::Person && m.span.end() <= at)
            .and_then(|m| {
                m.entity
                    .and_then(|e| doc.entities.get(e))
                    .map(|e| e.name.clone())
                    .or_else(|| doc.get(m.span).map(str::to_string))
            })
    }

    /// The mentions that start at or after `from` and end by `to`, in start order (ties in document
    /// order), as the filter `start >= from && end <= to` over the document's list would give them.
    fn within(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &'d document::EntityMention> + '_ {
        let first = self.sorted.partition_point(|m| m.span.start() < from);
        self.sorted[first..]
            .iter()
            .take_while(move |m| m.span.start() <= to)
            .filter(move |m| m.span.end() <= to)
            .copied()
    }
}

/// Whether a sentence has a quotation mark: `"`, `“`, `”`, `‘` or `''`, read as bytes. Eight bytes
/// with no '"', '\'' and no byte of a multi-byte character are skipped at once; the others are looked
/// at one by one (a mark may run on into the next eight bytes).
fn has_quote_mark(s: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when a byte of `x` equals `b`.
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * b as u64);
        y.wrapping_sub(ONES) & !y & HIGHS
    };
    let b = s.as_bytes();
    let mark_at = |k: usize| match b[k] {
        b'"' => true,
        b'\'' => b.get(k + 1) == Some(&b'\''),
        // “ ” ‘ are E2 80 9C, E2 80 9D, E2 80 98.
        0xE2 => b.get(k + 1) == Some(&0x80) && matches!(b.get(k + 2), Some(0x9C | 0x9D | 0x98)),
        _ => false,
    };
    let mut k = 0;
    while k + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[k..k + 8]);
        let x = u64::from_le_bytes(word);
        if ((has(x, b'"') | has(x, b'\'') | (x & HIGHS)) != 0) && (k..k + 8).any(mark_at) {
            return true;
        }
        k += 8;
    }
    (k..b.len()).any(mark_at)
}

/// A claim with what the document-level pass needs to know about its sentence.
struct Extracted {
    claim: Claim,
    /// "the two captured soldiers": a definite figure that may point back at one counted before.
    definite: bool,
    /// The figure's clause names a place or a nationality before it.
    names_place: bool,
}

/// Whether two counted nouns count the same kind of people ("troops" and "soldiers" are both deployed).
fn same_kind(lex: &lexicon::Lexicon, a: &str, b: &str) -> bool {
    a == b
        || (lex
            .counted_person
            .get(a)
            .is_some_and(|m| *m == Some(Measure::Deployed))
            && lex
                .counted_person
                .get(b)
                .is_some_and(|m| *m == Some(Measure::Deployed)))
}

/// The document-level pass: a definite figure repeating an earlier claim's value about the same people is
/// that claim again ("two captured soldiers" … "The two captured North Korean soldiers"), not a new one;
/// a claim about people with no subject, in a sentence that names no place, takes the subject of the
/// latest earlier claim about the same kind of people ("at least 4,000 of these soldiers").
fn settle_document(lex: &lexicon::Lexicon, found: Vec<Extracted>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::with_capacity(found.len());
    for e in found {
        let mut claim = e.claim;
        let person = |c: &Claim| {
            c.counted
                .as_deref()
                .is_some_and(|w| lex.counted_person.contains_key(w))
        };
        if e.definite && person(&claim) {
            if let Some(prev) = out
                .iter_mut()
                .rev()
                .find(|prev| prev.value == claim.value && person(prev))
            {
                // The repeat may say whose they are ("The two captured North Korean soldiers").
                if prev.subject.is_none() {
                    prev.subject = claim.subject.clone();
                }
                continue;
            }
        }
        if claim.subject.is_none() && !e.names_place {
            if let Some(counted) = claim
                .counted
                .as_deref()
                .filter(|w| lex.counted_person.contains_key(*w))
            {
                // "around 4,000 casualties" after "10,000 North Korean soldiers": losses among the people
                // counted before.
                let losses = lex.counted_person.get(counted).is_some_and(|m| {
                    matches!(
                        m,
                        Some(
                            Measure::Casualties
                                | Measure::Killed
                                | Measure::Wounded
                                | Measure::Captured
                                | Measure::Missing
                        )
                    )
                });
                let earlier = out.iter().rev().find(|prev| {
                    prev.subject.is_some()
                        && prev.counted.as_deref().is_some_and(|w| {
                            same_kind(lex, w, counted)
                                || (losses && lex.counted_person.contains_key(w))
                        })
                });
                claim.subject = earlier.and_then(|prev| prev.subject.clone());
            }
        }
        out.push(claim);
    }
    out
}

/// The leading number written with digits in `s` ("46" in "46 percent", "1,200" in "$1,200bn").
fn leading_digits(s: &str) -> Option<f64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let run: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    run.trim_end_matches('.').parse().ok()
}

/// "46 percent to 39 percent", "98 to 96": a range read from two figures that go down is two figures (a
/// comparison or a vote count), one claim each. Other quantities are returned as they are.
fn split_descending(text: &str, q: &document::Quantity) -> Vec<document::Quantity> {
    let whole = vec![q.clone()];
    if q.hedge != Hedge::Range {
        return whole;
    }
    let Some(surface) = text.get(q.span.start()..q.span.end()) else {
        return whole;
    };
    let Some(cut) = surface.find(" to ") else {
        return whole;
    };
    let (left, right) = (surface[..cut].trim_end(), surface[cut + 4..].trim_start());
    let (Some(l), Some(r)) = (leading_digits(left), leading_digits(right)) else {
        return whole;
    };
    // The written ends, up to a scale word ("1.6 million" is written 1.6): descending when the left one
    // is the high end and the right one the low end.
    let descending = filter::written_descending(l, r, q) || (q.high == q.low && l == r);
    if !descending || left.is_empty() || right.is_empty() {
        return whole;
    }
    let right_start = q.span.end() - right.len();
    let part = |span: Span, v: Option<f64>| document::Quantity {
        span,
        value: v,
        low: v,
        high: v,
        hedge: Hedge::Exact,
        kind: q.kind.clone(),
        unit: q.unit.clone(),
    };
    vec![
        part(
            Span::new(q.span.start(), q.span.start() + left.len()),
            q.high,
        ),
        part(Span::new(right_start, q.span.end()), q.low),
    ]
}

/// "between $20 (£10.40) to $30": two money figures joined across a currency conversion in brackets by
/// "to", "and" or a dash, and "estimates run from 500,000 to 1.6 million", which the numbers stage reads
/// as separate figures. Each is (index in `ranges`
/// of the low end, of the high end, the token the range's span starts at).
fn joined_ranges(
    toks: &[words::Tok],
    ranges: &[(usize, usize, usize)],
    quantities: &[document::Quantity],
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (idx, &(k, a, b)) in ranges.iter().enumerate() {
        let q = &quantities[k];
        if q.kind != QuantityKind::Money
            || q.hedge != Hedge::Exact
            || toks.get(b).is_none_or(|t| t.lower != "(")
        {
            continue;
        }
        let Some(close) = (b + 1..toks.len().min(b + 8)).find(|&x| toks[x].lower == ")") else {
            continue;
        };
        if !toks
            .get(close + 1)
            .is_some_and(|t| matches!(t.lower, "to" | "and" | "-" | "–"))
        {
            continue;
        }
        let Some(k2) = toks.get(close + 2).and_then(|t| t.quantity) else {
            continue;
        };
        let Some(to) = ranges.iter().position(|r| r.0 == k2) else {
            continue;
        };
        let q2 = &quantities[k2];
        let same_unit = q2.unit == q.unit;
        if q2.kind == QuantityKind::Money
            && q2.hedge == Hedge::Exact
            && same_unit
            && q2.value > q.value
            && ranges[to].1 == close + 2
        {
            let from = if a > 0 && matches!(toks[a - 1].lower, "between" | "from") {
                a - 1
            } else {
                a
            };
            out.push((idx, to, from));
        }
    }
    // "Estimates … run from 500,000 to 1.6 million", "ranging from 20 to 30": a spread, not a change.
    for (idx, &(k, a, b)) in ranges.iter().enumerate() {
        let q = &quantities[k];
        if a < 2
            || toks[a - 1].lower != "from"
            || !matches!(
                toks[a - 2].lower,
                "run"
                    | "runs"
                    | "ran"
                    | "range"
                    | "ranges"
                    | "ranged"
                    | "ranging"
                    | "vary"
                    | "varies"
                    | "varied"
                    | "varying"
            )
        {
            continue;
        }
        if q.hedge != Hedge::Exact || toks.get(b).is_none_or(|t| t.lower != "to") {
            continue;
        }
        let Some(to) = ranges.iter().position(|r| r.1 == b + 1) else {
            continue;
        };
        let q2 = &quantities[ranges[to].0];
        if q2.kind == q.kind
            && q2.hedge == Hedge::Exact
            && q2.value > q.value
            && out.iter().all(|j| j.0 != idx && j.1 != idx)
        {
            out.push((idx, to, a - 1));
        }
    }
    out
}

/// The one measure cued anywhere in the sentence outside the figures' own windows, if there is exactly one.
/// Which cue wins when several cover a figure: the origin named by "citing", then "according to" (the
/// sentence's source), then "a study by", then speech verbs.
fn priority(kind: CueKind) -> u8 {
    match kind {
        CueKind::Citing => 0,
        CueKind::Prep => 1,
        CueKind::By | CueKind::Passive => 2,
        CueKind::Unnamed => 4,
        _ => 3,
    }
}

/// Whether the figure starting at token `first` is an earlier or compared value of a figure before it:
/// "up from 42", "down from an earlier 80", "compared with 30", "a higher figure than the 12,000".
fn revises(toks: &[words::Tok], first: usize) -> bool {
    let mut k = first;
    while k > 0
        && first - k < 3
        && matches!(
            toks[k - 1].lower,
            "the" | "a" | "an" | "previous" | "earlier" | "prior" | "initial" | "original" | "its"
        )
    {
        k -= 1;
    }
    if k == 0 {
        return false;
    }
    match toks[k - 1].lower {
        "from" => k >= 2 && matches!(toks[k - 2].lower, "up" | "down"),
        "with" | "to" => k >= 2 && toks[k - 2].lower == "compared",
        "than" => (k.saturating_sub(4)..k - 1).any(|x| {
            matches!(
                toks[x].lower,
                "figure" | "number" | "toll" | "total" | "estimate" | "count" | "tally"
            )
        }),
        _ => false,
    }
}

/// Whether tokens `from..to` only join two items of a list: a counted noun or two, commas, "and", "or",
/// "including".
fn listed(toks: &[words::Tok], from: usize, to: usize) -> bool {
    if to <= from || to - from > 6 {
        return false;
    }
    let between = &toks[from..to];
    let joined = between
        .iter()
        .any(|t| matches!(t.lower, "," | "and" | "or" | "including"));
    let words = between
        .iter()
        .filter(|t| t.word && !matches!(t.lower, "and" | "or" | "including"))
        .count();
    joined && words <= 3 && between.iter().all(|t| t.word || t.lower == ",")
}

/// The date a figure describes: an explicit day or month in its sentence (not after "since"), else the
/// publication date.
fn as_of(doc: &Document, sentence: Span) -> Option<NaiveDate> {
    as_of_excluding(doc, sentence, &[])
}

/// [`as_of`] without the dates at `owned` (dates that other figures' own words give them).
fn as_of_excluding(doc: &Document, sentence: Span, owned: &[Span]) -> Option<NaiveDate> {
    let text = doc.text();
    for d in &doc.dates {
        if !sentence.contains(d.span)
            || !matches!(d.precision, DatePrecision::Day | DatePrecision::Month)
            || owned.contains(&d.span)
        {
            continue;
        }
        let before = text
            .get(sentence.start()..d.span.start())
            .unwrap_or("")
            .trim_end();
        if ["since", "from", "until", "till", "before"]
            .iter()
            .any(|w| ends_with_lower(before, w))
        {
            continue;
        }
        if let Some(date) = d.date {
            return Some(date);
        }
    }
    doc.meta.published
}

/// The date a figure's own words give it: a day or month date within five words after the figure
/// (tokens `end..`), before the next figure (`limit`), with only words between them and "on", "by" or
/// "as of" right before it: "up from 42 reported on Tuesday", "300 people as of Monday". A comma ends
/// the figure's words ("61, the agency said on Thursday" dates the sentence, not the figure).
fn own_date<'d>(
    doc: &'d Document,
    toks: &[words::Tok],
    end: usize,
    limit: usize,
) -> Option<&'d document::DateMention> {
    let stop = limit.min(toks.len()).min(end + 6);
    let at = (end + 1..stop).find(|&j| {
        toks[j - 1].word
            && matches!(toks[j - 1].lower, "on" | "by" | "of")
            && (toks[j - 1].lower != "of" || j >= 2 && toks[j - 2].lower == "as")
            && doc.dates.iter().any(|d| d.span.start() == toks[j].start)
    })?;
    if !toks[end..at].iter().all(|t| t.word) {
        return None;
    }
    doc.dates.iter().find(|d| {
        d.span.start() == toks[at].start
            && d.date.is_some()
            && matches!(d.precision, DatePrecision::Day | DatePrecision::Month)
    })
}

/// Whether `s` lower-cased ends with `word` (ASCII lower case), without lower-casing `s`: only an
/// ASCII letter or the Kelvin sign (which `word`s here do not hold) lower-cases to an ASCII letter.
fn ends_with_lower(s: &str, word: &str) -> bool {
    s.len() >= word.len()
        && s.as_bytes()[s.len() - word.len()..].eq_ignore_ascii_case(word.as_bytes())
}

/// A readable line per claim, for snapshots and the text output:
/// `claim 204..218 "more than 12,000" more_than 12000 [12000, ∞) deployed counted=troops subject="North Korea" by="…" as_of=…`.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for c in &doc.claims {
        let num = |v: Option<f64>| v.map(|v| format!("{v}"));
        let surface = doc.get(c.span).unwrap_or("");
        out.push_str(&format!(
            "claim {}..{} {:?} {} {} [{}, {}] {}",
            c.span.start(),
            c.span.end(),
            surface,
            serde_name(&c.hedge),
            num(c.value).unwrap_or_else(|| "-".into()),
            num(c.low).unwrap_or_else(|| "0".into()),
            num(c.high).unwrap_or_else(|| "∞".into()),
            serde_name(&c.measure),
        ));
        if let Some(counted) = &c.counted {
            out.push_str(&format!(" counted={counted}"));
        }
        if let Some(subject) = &c.subject {
            out.push_str(&format!(" subject={subject:?}"));
        }
        if let Some(a) = &c.attributed_to {
            out.push_str(&format!(
                " by={:?}@{}..{}",
                a.name,
                a.span.start(),
                a.span.end()
            ));
        }
        if let Some(d) = c.as_of {
            out.push_str(&format!(" as_of={d}"));
        }
        out.push('\n');
    }
    out
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
