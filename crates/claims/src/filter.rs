//! Which numbers are claims: the kinds the numbers stage gives, then the words around the figure
//! (ages, durations, names, list markers, anaphora, currency conversions).

use document::{Document, Hedge, Quantity, QuantityKind};

use crate::lexicon::Lexicon;
use crate::words::Tok;

/// Whether the kind of a quantity can make it a claim at all.
pub fn kind_can_claim(lex: &Lexicon, q: &Quantity) -> bool {
    match q.kind {
        QuantityKind::Cardinal | QuantityKind::Money | QuantityKind::Percent => true,
        QuantityKind::Measurement => q
            .unit
            .as_deref()
            .is_some_and(|u| lex.amount_units.contains(&u.to_lowercase())),
        _ => false,
    }
}

fn is_spelled(doc: &Document, q: &Quantity) -> bool {
    doc.get(q.span).is_some_and(|s| {
        s.chars().any(char::is_alphabetic) && !s.chars().any(|c| c.is_ascii_digit())
    })
}

/// Whether the words around quantity `qi` (its tokens are `a..b` of `toks`) say it is not a claim.
pub fn context_rules_out(
    doc: &Document,
    lex: &Lexicon,
    toks: &[Tok],
    a: usize,
    b: usize,
    q: &Quantity,
    quantities: &[Quantity],
) -> bool {
    let text = doc.text();
    // A spelled "zero" ("ground zero", "zero tolerance") is not a count.
    if q.kind == QuantityKind::Cardinal && q.value == Some(0.0) && is_spelled(doc, q) {
        return true;
    }
    // Value 1 ("one of the officials", "a") is almost never a claim in news prose; a ratio's numerator
    // ("one in ten users") and a single person ("one person was killed", kept only with a casualty or
    // arrest measure, see `lib.rs`) are.
    if is_lone_one(q)
        && !ratio_numerator(toks, b)
        && !toks
            .get(b)
            .is_some_and(|n| n.word && SINGLE_PERSON.contains(&n.lower))
    {
        return true;
    }
    let surface = doc.get(q.span).unwrap_or("");
    let before_text = text.get(..q.span.start()).unwrap_or("");
    // "a margin of error of plus or minus 3.5 percentage points": a property of the poll, not a claim.
    if a > 0 {
        let from = a.saturating_sub(7);
        let mut words = [""; 7];
        let mut len = 0;
        for t in toks[from..a].iter().filter(|t| t.word) {
            words[len] = t.lower;
            len += 1;
        }
        let window = &words[..len];
        if lex
            .stat_before
            .iter()
            .any(|p| window.windows(p.len()).any(|w| w == p.as_slice()))
        {
            return true;
        }
    }
    let after_text = text.get(q.span.end()..).unwrap_or("");
    // Glued to letters or digits: an ordinal or a code ("1,000th", "8x10in", "R800", "PS2").
    let glued_before = q.kind != QuantityKind::Money
        && before_text
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if after_text.chars().next().is_some_and(char::is_alphanumeric) || glued_before {
        return true;
    }
    // Joined to another number by a hyphen or slash, when the numbers stage made no range of them: a score,
    // a seat split, odds or a date ("28-17", "242-190", "4/6", "9/12", "3-2-1").
    let mut after_chars = after_text.chars();
    if matches!(after_chars.next(), Some('-' | '‑' | '–' | '/'))
        && after_chars.next().is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    let mut before_chars = before_text.chars().rev();
    if let Some('-' | '‑' | '–' | '/' | ':' | '.') = before_chars.next() {
        // "28-17", "4/6" on the right; "9:05.73" (a time); "one-in-three", "six-to-one" (a compound of
        // words).
        if before_chars.next().is_some_and(char::is_alphanumeric) {
            return true;
        }
    }
    // A leading zero ("0200 local time") or a long bare digit string (an identifier) is not a count.
    // A number that owns something is a name ("Maroon 5's album").
    if after_text.starts_with("'s") || after_text.starts_with("’s") {
        return true;
    }
    // A set score in a sequence of them ("6-4 3-6 6-3", "7-6 (7-5)").
    let score = |t: &Tok| {
        let w = t.lower;
        w.split_once('-').is_some_and(|(x, y)| {
            !x.is_empty()
                && !y.is_empty()
                && x.chars().all(|c| c.is_ascii_digit())
                && y.chars().all(|c| c.is_ascii_digit())
        })
    };
    if q.hedge == Hedge::Range && surface.chars().all(|c| c.is_ascii_digit() || c == '-') {
        let near = [a.checked_sub(1), a.checked_sub(2), Some(b), Some(b + 1)];
        if near
            .iter()
            .flatten()
            .filter_map(|&k| toks.get(k))
            .any(|t| t.word && score(t) && !(t.start >= q.span.start() && t.end <= q.span.end()))
        {
            return true;
        }
    }
    // A multiplier: "three times the size", "eight times higher".
    if let (Some(n), Some(n2)) = (toks.get(b), toks.get(b + 1)) {
        if n.lower == "times"
            && matches!(
                n2.lower,
                "the"
                    | "higher"
                    | "more"
                    | "larger"
                    | "bigger"
                    | "as"
                    | "greater"
                    | "lower"
                    | "smaller"
                    | "faster"
                    | "less"
                    | "over"
            )
        {
            return true;
        }
    }
    // The first day of "22 and 23 June".
    if let (Some(n), Some(n2), Some(n3)) = (toks.get(b), toks.get(b + 1), toks.get(b + 2)) {
        if matches!(n.lower, "and" | "to" | "or" | "-" | "–")
            && n2.lower.chars().all(|c| c.is_ascii_digit())
            && !n2.lower.is_empty()
            && is_month(n3.lower)
            && n3.cap
        {
            return true;
        }
    }
    // A fraction, odds or a date written with a slash ("4/6", "9/12").
    if q.kind == QuantityKind::Cardinal && surface.contains('/') {
        return true;
    }
    // The surface from its first digit on; all ASCII digits when `digits_only_tail`.
    let digits = surface.trim_start_matches(|c: char| !c.is_ascii_digit());
    let digits_only_tail = digits.bytes().all(|c| c.is_ascii_digit());
    if digits.starts_with('0') && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if digits.len() >= 10 && digits_only_tail {
        return true;
    }
    // A tie: "deadlocked 4 to 4" (a vote count such as "98 to 96" stays a claim).
    let bare = |k: usize| {
        quantities.get(k).filter(|p| {
            p.kind == QuantityKind::Cardinal
                && p.hedge == Hedge::Exact
                && p.value.is_some_and(|v| v < 1000.0)
        })
    };
    if let (Some(n), Some(n2)) = (toks.get(b), toks.get(b + 1)) {
        let from = a > 0 && toks[a - 1].lower == "from";
        if n.lower == "to" && !from {
            if let (Some(x), Some(y)) = (bare_of(toks, a, quantities), n2.quantity.and_then(bare)) {
                if y.value == x.value {
                    return true;
                }
            }
        }
    }
    if a >= 2 && toks[a - 1].lower == "to" && !(a >= 3 && toks[a - 3].lower == "from") {
        if let (Some(x), Some(y)) = (
            toks[a - 2].quantity.and_then(bare),
            bare_of(toks, a, quantities),
        ) {
            if y.value == x.value {
                return true;
            }
        }
    }
    // "a month or two", "a day or two": a duration.
    if a >= 2
        && matches!(toks[a - 1].lower, "or" | "to")
        && toks[a - 2].word
        && lex.duration.contains(toks[a - 2].lower)
        && toks
            .get(b)
            .is_none_or(|n| !n.word || !lex.duration.contains(n.lower))
    {
        return true;
    }
    // The denominator of a ratio: "four in 10", "nine in 10".
    if a >= 2 && toks[a - 1].lower == "in" && toks[a - 2].quantity.is_some() {
        return true;
    }
    // A day after an abbreviated or full month ("Sept. 14", "Sept. 11, 2001").
    if digits_only_tail && q.value.is_some_and(|v| v <= 31.0) && a >= 1 {
        let month_abbrev = a >= 2
            && toks[a - 1].lower == "."
            && toks[a - 2].word
            && is_month_abbrev(toks[a - 2].lower);
        let month = toks[a - 1].word && toks[a - 1].cap && is_month(toks[a - 1].lower);
        if month_abbrev || month {
            return true;
        }
    }
    // A range whose ends are reversed is a score or a vote split ("5-4 decisions").
    if let (Some(lo), Some(hi)) = (q.low, q.high) {
        if lo > hi {
            return true;
        }
    }
    // The same, when the numbers stage orders the ends: "5-4 decisions" written downwards.
    if q.hedge == Hedge::Range {
        if let Some(surface) = doc.get(q.span) {
            let values: Vec<f64> = surface
                .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                .filter_map(|w| w.replace(',', "").trim_matches('.').parse::<f64>().ok())
                .collect();
            if values.len() == 2 && written_descending(values[0], values[1], q) {
                return true;
            }
        }
    }
    // The denominator of "one in ten" when "one" is not read as a figure.
    if a >= 2 && toks[a - 1].lower == "in" && matches!(toks[a - 2].lower, "one" | "1") {
        return true;
    }
    // Fractions written out ("half", "a third") are shares, not counts.
    if q.kind == QuantityKind::Cardinal
        && q.value.is_some_and(|v| v > 0.0 && v < 1.0)
        && is_spelled(doc, q)
    {
        return true;
    }
    let after = text.get(q.span.end()..).unwrap_or("");
    // Hyphenated compounds: "21-year-old", "three-day", "13-minute" are not counts; "90-plus" and
    // "5,000-strong" are.
    if let Some(rest) = after.strip_prefix('-').or_else(|| after.strip_prefix('‑')) {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if !word.is_empty() && !lex.hyphen_ok.contains(&word) {
            return true;
        }
    }
    // A list marker: "1)" or "2." at the start of a line.
    let line_start = text
        .get(..q.span.start())
        .map(|s| s.trim_end_matches([' ', '\t']).ends_with('\n') || s.trim().is_empty())
        .unwrap_or(true);
    if line_start && (after.starts_with(')') || after.starts_with(". ")) {
        return true;
    }
    let next = toks.get(b);
    let next2 = toks.get(b + 1);
    if let Some(n) = next {
        if n.word && n.quantity.is_none() {
            if lex.duration.contains(n.lower)
                || lex.ago.contains(n.lower)
                || lex.age_after.contains(n.lower)
                || lex.rank_after.contains(n.lower)
            {
                return true;
            }
            if lex.distance.contains(n.lower) {
                return true;
            }
            if let Some(n2) = next2 {
                // "15 stories tall"; "2,766 flying hours", "two full days".
                let content = !matches!(
                    n.lower,
                    "a" | "an"
                        | "the"
                        | "per"
                        | "each"
                        | "every"
                        | "this"
                        | "that"
                        | "last"
                        | "next"
                        | "of"
                        | "in"
                        | "over"
                        | "for"
                        | "within"
                );
                let count_kind = q.kind == QuantityKind::Cardinal;
                if count_kind
                    && content
                    && n2.word
                    && (lex.size_after.contains(n2.lower)
                        || (lex.duration.contains(n2.lower)
                            && n2.quantity.is_none()
                            && !lex.counted_person.contains_key(n.lower)))
                {
                    return true;
                }
                let two = format!("{} {}", n.lower, n2.lower);
                if lex.age_after.contains(&two) {
                    return true;
                }
                // "two years ago", "three months earlier"
                if lex.ago.contains(n2.lower) && lex.duration.contains(n.lower) {
                    return true;
                }
                // "thirty more years", "five straight days"
                if matches!(
                    n.lower,
                    "more"
                        | "other"
                        | "additional"
                        | "further"
                        | "straight"
                        | "consecutive"
                        | "long"
                ) && lex.duration.contains(n2.lower)
                {
                    return true;
                }
            }
            // A count of sources right before their speech verb ("two people briefed on the matter said"),
            // also after a few modifiers when the count is small ("five past and current employees … told").
            let small = q.value.is_some_and(|v| v <= 10.0);
            let noun_at = if lex.source_nouns.contains(n.lower) {
                Some(b)
            } else if small {
                (b + 1..toks.len().min(b + 5))
                    .take_while(|&k| toks[k].word && toks[k].quantity.is_none())
                    .find(|&k| lex.source_nouns.contains(toks[k].lower))
            } else {
                None
            };
            if let Some(nb) = noun_at {
                let verb = toks[nb + 1..toks.len().min(nb + 8)]
                    .iter()
                    .take_while(|t| t.word)
                    .any(|t| {
                        matches!(
                            t.lower,
                            "said" | "say" | "says" | "told" | "tell" | "confirmed" | "familiar"
                        )
                    });
                if verb {
                    return true;
                }
            }
        }
    }
    // An age in apposition: "Grimm, 44, a Republican", "Crutcher, 40 ― a father", "He was 84,".
    let digits_only = doc
        .get(q.span)
        .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit()));
    if digits_only && q.value.is_some_and(|v| v < 120.0) && a >= 2 {
        let prev = &toks[a - 1];
        let closes =
            next.is_none_or(|n| !n.word && matches!(n.lower, "," | "―" | "—" | "–" | ")" | "."));
        let named_before = prev.lower == "," && toks[a - 2].word && toks[a - 2].cap;
        // "He was 84,", "when he was just 14,".
        let adverb = usize::from(matches!(prev.lower, "just" | "only" | "barely" | "still"));
        let was = a >= 2 + adverb
            && matches!(toks[a - 1 - adverb].lower, "was" | "is" | "were")
            && matches!(
                toks[a - 2 - adverb].lower,
                "he" | "she" | "i" | "they" | "we"
            );
        // "children of 15, 16 and 17," "a man of 45.": the age of the people named before "of".
        let mut k = a;
        while k >= 2
            && matches!(toks[k - 1].lower, "," | "and" | "or")
            && toks[k - 2].quantity.is_some()
        {
            k -= 2;
        }
        let of_people = k >= 2
            && toks[k - 1].lower == "of"
            && (lex.person_before.contains(toks[k - 2].lower)
                || matches!(toks[k - 2].lower, "man" | "woman"));
        // A list of ages ("of 15, 16 and 17 train …") ends on any word.
        let listed = k < a || next.is_some_and(|n| matches!(n.lower, "and" | "or"));
        if (closes && (named_before || was || of_people)) || (of_people && listed) {
            return true;
        }
    }
    // "At 101, he still swims": an opening "At" with a figure and a comma before a pronoun.
    if digits_only
        && q.value.is_some_and(|v| v < 120.0)
        && a == 1
        && toks[0].lower == "at"
        && next.is_some_and(|n| n.lower == ",")
        && toks
            .get(b + 1)
            .is_some_and(|t| matches!(t.lower, "he" | "she" | "i" | "they" | "we"))
    {
        return true;
    }
    if a > 0 {
        let prev = &toks[a - 1];
        // "people under 30", "voters over 65", "where people are over 80": an age bound.
        if matches!(
            q.hedge,
            Hedge::LessThan | Hedge::MoreThan | Hedge::AtLeast | Hedge::AtMost
        ) && q.value.is_some_and(|v| v < 120.0)
        {
            let mut k = a;
            while k > 0
                && a - k < 3
                && toks[k - 1].word
                && matches!(
                    toks[k - 1].lower,
                    "are" | "were" | "is" | "was" | "aged" | "be"
                )
            {
                k -= 1;
            }
            if k > 0 && toks[k - 1].word && lex.person_before.contains(toks[k - 1].lower) {
                return true;
            }
        }
        if prev.word && lex.age_before.contains(prev.lower) {
            return true;
        }
        // "Section 5", "Group of 20": a label word right before the figure.
        for k in 1..=3.min(a) {
            let words = &toks[a - k..a];
            if lex.name_before.starting(words[0].lower).iter().any(|p| {
                p.words
                    .iter()
                    .map(String::as_str)
                    .eq(words.iter().map(|t| t.lower))
            }) {
                return true;
            }
        }
        // "out of 10", "in every 5"
        for k in 1..=2.min(a) {
            let words = &toks[a - k..a];
            if lex.out_of.starting(words[0].lower).iter().any(|p| {
                p.words
                    .iter()
                    .map(String::as_str)
                    .eq(words.iter().map(|t| t.lower))
            }) {
                return true;
            }
        }
        // A bare number right after a capitalised word inside the sentence ("FTSE 100", "Organization 1").
        if digits_only
            && q.kind == QuantityKind::Cardinal
            && prev.word
            && prev.cap
            && a >= 2
            && prev.quantity.is_none()
        {
            let before_prev = &toks[a - 2];
            let sentence_initial =
                !before_prev.word && matches!(before_prev.lower, "." | "!" | "?" | "“" | "\"");
            if !sentence_initial && prev.end + 1 == q.span.start() && !is_calendar(prev.lower) {
                return true;
            }
        }
        // "the three had been detained", "The 12 were held", "the other two are vacant": a number pointing
        // back at people or things already counted.
        let other = prev.lower == "other"
            && a >= 2
            && matches!(toks[a - 2].lower, "the" | "these" | "those");
        if (other || matches!(prev.lower, "the" | "these" | "those")) && q.hedge == Hedge::Exact {
            let verb_next = |w: &str| {
                matches!(
                    w,
                    "were"
                        | "was"
                        | "are"
                        | "is"
                        | "had"
                        | "have"
                        | "has"
                        | "did"
                        | "will"
                        | "would"
                        | "could"
                )
            };
            match next {
                None => return true,
                Some(n)
                    if is_spelled(doc, q) && (!n.word || lex.anaphor_next.contains(n.lower)) =>
                {
                    return true
                }
                Some(n) if n.word && verb_next(n.lower) => return true,
                // "the two agreed to …", "the two married in 2010" (not "the three armed men").
                Some(n)
                    if is_spelled(doc, q)
                        && n.word
                        && n.lower.ends_with("ed")
                        && !lex.counted_person.contains_key(n.lower)
                        && lex.measures.starting(n.lower).is_empty()
                        && toks.get(b + 1).is_none_or(|n2| {
                            !n2.word
                                || matches!(
                                    n2.lower,
                                    "the"
                                        | "to"
                                        | "in"
                                        | "on"
                                        | "at"
                                        | "that"
                                        | "with"
                                        | "a"
                                        | "an"
                                        | "for"
                                        | "and"
                                        | "last"
                                        | "after"
                                        | "by"
                                )
                        }) =>
                {
                    return true
                }
                _ => {}
            }
        }
    }
    // A short line with a share, comment or view count is page furniture ("Share this article: 1,204 shares").
    let words = toks.iter().filter(|t| t.word).count();
    if words <= 8
        && toks
            .iter()
            .any(|t| t.word && lex.furniture.contains(t.lower))
    {
        return true;
    }
    // A capitalised spelled number inside a name ("Five News", "Air Force One").
    if is_spelled(doc, q) && a > 0 && toks[a].cap {
        let prev_cap = toks[a - 1].word && toks[a - 1].cap;
        let next_cap = next.is_some_and(|n| n.word && n.cap);
        if prev_cap || next_cap {
            return true;
        }
    }
    // A currency conversion in brackets after a money figure: "$1.13bn (£600m)", "($1bn; £550m)".
    if q.kind == QuantityKind::Money {
        if let Some(open) = enclosing_paren(text, q.span.start()) {
            let before = text.get(..open).unwrap_or("").trim_end();
            let cut = before.len();
            // ("200bn euros a year (£140bn; $258bn)": a rate of two words may sit between.)
            let rate_between = |p: &Quantity| {
                text.get(p.span.end()..cut).is_some_and(|w| {
                    w.split_whitespace().count() <= 2
                        && w.chars().all(|c| c.is_alphabetic() || c == ' ')
                })
            };
            if quantities.iter().any(|p| {
                p.kind == QuantityKind::Money
                    && p.span.end() <= cut
                    && rate_between(p)
                    && p.span.end() <= q.span.start()
            }) {
                return true;
            }
        }
    }
    false
}

/// Singular nouns for one person, after which "one" can be a claim ("one person was killed").
const SINGLE_PERSON: &[&str] = &[
    "person",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "soldier",
    "civilian",
    "officer",
    "worker",
    "resident",
    "journalist",
    "policeman",
];

/// A plain "one" (value 1, no bounds of its own).
pub fn is_lone_one(q: &Quantity) -> bool {
    q.kind == QuantityKind::Cardinal
        && q.value == Some(1.0)
        && q.low.is_none_or(|l| l == 1.0)
        && q.high.is_none_or(|h| h == 1.0)
}

/// Whether the figure ending before token `b` is the numerator of a ratio: "one in ten", "four out of 10".
pub fn ratio_numerator(toks: &[Tok], b: usize) -> bool {
    let at = |k: usize| toks.get(k);
    (at(b).is_some_and(|t| t.lower == "in") && at(b + 1).is_some_and(|t| t.quantity.is_some()))
        || (at(b).is_some_and(|t| t.lower == "out")
            && at(b + 1).is_some_and(|t| t.lower == "of")
            && at(b + 2).is_some_and(|t| t.quantity.is_some()))
}

/// Whether a range written "l … r" (its leading digits, before any scale word: "1.6 million" is written
/// 1.6) goes down: `l` is the quantity's high end and `r` its low end.
pub fn written_descending(l: f64, r: f64, q: &Quantity) -> bool {
    let is = |d: f64, v: Option<f64>| {
        v.is_some_and(|v| {
            [1.0, 1e3, 1e6, 1e9, 1e12]
                .iter()
                .any(|m| (d * m - v).abs() <= 1e-6 * v.abs().max(1.0))
        })
    };
    q.high > q.low && is(l, q.high) && is(r, q.low)
}

/// The quantity of token `a`, when it is a plain exact cardinal under 1,000.
fn bare_of<'q>(toks: &[Tok], a: usize, quantities: &'q [Quantity]) -> Option<&'q Quantity> {
    toks.get(a)?
        .quantity
        .and_then(|k| quantities.get(k))
        .filter(|p| {
            p.kind == QuantityKind::Cardinal
                && p.hedge == Hedge::Exact
                && p.value.is_some_and(|v| v < 1000.0)
        })
}

fn is_month(w: &str) -> bool {
    is_calendar(w) && !matches!(w, "in" | "on" | "by" | "at")
}

fn is_month_abbrev(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn is_calendar(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "in"
            | "on"
            | "by"
            | "at"
    )
}

/// The byte offset of an unclosed "(" shortly before `at` (within 40 bytes), if any.
fn enclosing_paren(text: &str, at: usize) -> Option<usize> {
    let from = at.saturating_sub(40);
    let mut from = from;
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = text.get(from..at)?;
    let open = window.rfind('(')?;
    if window[open..].contains(')') {
        return None;
    }
    Some(from + open)
}
