//! From numbers to quantities: currency, units, percent, hedges, ranges, vague quantities and
//! the kind of each figure (a count, money, a year, an age, a duration, a name part…).
//!
//! Hedge → interval (CLAIMS.md): exact [v, v]; approximately ("about", "around", "some") a ±10%
//! band [0.9v, 1.1v]; "nearly"/"almost" sit below the value, [0.9v, v]; more_than (v, ∞) and
//! at_least [v, ∞) have `low = v`, `high = None`; less_than [0, v) and at_most [0, v] have
//! `low = 0`, `high = v`; a range [a, b] has `value = None`; a vague quantity has the
//! order-of-magnitude interval of data/vague.tsv and `value = None`; a stated uncertainty
//! ("2,000±50 tonnes") is approximately with [v − u, v + u]. Two bounds joined ("more than 10
//! and less than 20") and two figures with the same unit ("44 mg to 50 mg") become one range.

use document::{Hedge, Quantity, QuantityKind, Span};

use crate::lexicon::{
    Currency, HedgeWord, UnitKind, VagueUse, WordClass, F_ARTICLE, F_CARD, F_CURRENCY,
    F_HEDGE_AFTER, F_HEDGE_BEFORE, F_NAME, F_ORD, F_PERCENT, F_SIGN_WORD, F_UNIT, F_VAGUE,
};
use crate::scan::{Cursor, Form, Num};
use crate::token::Kind;

/// The width of the "approximately" band, as a fraction of the value.
pub const APPROX_BAND: f64 = 0.10;

/// A quantity with the details the evals and other stages may want.
#[derive(Clone, PartialEq, Debug)]
pub struct Found {
    pub quantity: Quantity,
    /// The figures (number with its scale, no currency or unit) and their values: one, or two for a range.
    pub figures: Vec<(Span, f64)>,
    /// The phrase without hedge or range words: currency, figures and unit ("$ 75 million", "29 years old").
    pub core: Span,
    /// The hedge words, when there are some.
    pub hedge_span: Option<Span>,
    /// The hedge as read, with `Nearly` kept apart from `Approximately`.
    pub hedge_word: Option<HedgeWord>,
    /// For a range made of two bounds ("more than 10 and at most 20"): whether each end is
    /// included. `None` for other quantities.
    pub bounds: Option<(bool, bool)>,
    /// For a range whose two ends carry their own unit ("44 mg to 50 mg"): each end's
    /// figure-and-unit span. Empty otherwise.
    pub parts: Vec<Span>,
}

/// Verbs after which "from X to Y" is a change, not a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rising",
    "rise",
    "rises",
    "fell",
    "fallen",
    "falling",
    "fall",
    "falls",
    "increased",
    "increase",
    "increasing",
    "decreased",
    "decrease",
    "dropped",
    "drop",
    "climbed",
    "climb",
    "jumped",
    "grew",
    "grown",
    "declined",
    "went",
    "up",
    "down",
    "raised",
    "cut",
    "reduced",
    "revised",
    "lowered",
    "slashed",
    "soared",
    "surged",
    "plunged",
    "plummeted",
    "doubled",
    "tripled",
];

fn span(c: &Cursor, first: usize, last: usize) -> Span {
    Span::new(c.toks[first].start, c.toks[last - 1].end)
}

/// Which tokens a date already covers; quantities skip them.
pub fn find(c: &Cursor, blocked: &[bool], out: &mut Vec<Found>) {
    let mut i = 0;
    let n = c.len();
    while i < n {
        if blocked.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        // Most words start nothing: one flag test skips them. A word starts a quantity only as a
        // number word, a currency, a vague quantity, a percent word ("percent of 10"), a sign word
        // or an article before a number word ("a dozen"); every other word (a hedge, a unit, a
        // name cue) is read only around a figure found elsewhere.
        let f = c.flags[i];
        let t = c.toks[i];
        let starts = match t.kind {
            Kind::Digits => true,
            // A four-letter word starting with 'M' may be a currency code in millions ("MUSD").
            Kind::Word => {
                f & (F_CARD | F_ORD | F_CURRENCY | F_VAGUE | F_PERCENT | F_SIGN_WORD) != 0
                    || (f & F_ARTICLE != 0 && c.flag(i + 1, F_CARD | F_ORD))
                    || (t.end - t.start == 4 && c.text.as_bytes().get(t.start) == Some(&b'M'))
            }
            // A mark starts a quantity as a currency ("$"), a sign ("-5", "−.5", "- 5" at the
            // start), a vulgar fraction or, below, glued to digits (".25").
            Kind::Punct => {
                f & F_CURRENCY != 0
                    || (f != 0 && matches!(c.s(i), "-" | "−") && (c.glued(i + 1) || i == 0))
                    || crate::scan::is_vulgar(c.s(i))
            }
        } || (c.kind(i + 1) == Some(Kind::Digits) && c.glued(i + 1));
        if !starts {
            i += 1;
            continue;
        }
        if let Some((found, next)) = clock(c, i) {
            out.push(found);
            i = next;
            continue;
        }
        if let Some((found, next)) = percent_of(c, i) {
            out.push(found);
            i = next;
            continue;
        }
        if let Some((found, next)) = vague(c, i) {
            out.push(found);
            i = next;
            continue;
        }
        // A word that is no number itself ("US" of "US$", "A" of "A$", "New Zealand dollars")
        // makes a figure only as a currency before one, and that number begins within the four
        // tokens a currency can span: with none there, the word starts nothing.
        if c.toks[i].kind == Kind::Word
            && f & (F_CARD | F_ORD | F_SIGN_WORD) == 0
            && !(f & F_ARTICLE != 0 && c.flag(i + 1, F_CARD | F_ORD))
            && !(i + 1..(i + 5).min(n)).any(|k| {
                c.toks[k].kind != Kind::Word || c.flag(k, F_CARD | F_ORD | F_ARTICLE | F_SIGN_WORD)
            })
        {
            i += 1;
            continue;
        }
        match figure(c, i, blocked) {
            Some((found, next)) => {
                out.push(found);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    merge_bounds(c.text, out);
    merge_unit_ranges(c.text, out);
}

/// The last word of `text` (letters only), lower-cased.
fn last_word(text: &str) -> String {
    let t = text.trim_end();
    let start = t
        .rfind(|ch: char| !ch.is_alphabetic())
        .map(|k| k + t[k..].chars().next().map(char::len_utf8).unwrap_or(1))
        .unwrap_or(0);
    t[start..].to_lowercase()
}

/// Joins two figures that each carry the same unit into one range: "44 mg to 50 mg",
/// "-18 °C to -34 °C", "between 44 mg and 50 mg", "$350 per kg to $680 per kg". Not after a verb
/// of change ("rose from 5% to 7%" is two values at two times).
fn merge_unit_ranges(text: &str, out: &mut Vec<Found>) {
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let plain = |f: &Found| {
            f.hedge_word.is_none()
                && f.quantity.hedge == Hedge::Exact
                && f.figures.len() == 1
                && f.quantity.value.is_some()
        };
        let unit_kind = matches!(
            a.quantity.kind,
            QuantityKind::Money
                | QuantityKind::Percent
                | QuantityKind::Temperature
                | QuantityKind::Measurement
                | QuantityKind::Duration
        );
        if !(plain(a)
            && plain(b)
            && unit_kind
            && a.quantity.kind == b.quantity.kind
            && a.quantity.unit.is_some()
            && a.quantity.unit == b.quantity.unit)
        {
            k += 1;
            continue;
        }
        let conn = text
            .get(a.quantity.span.end()..b.quantity.span.start())
            .unwrap_or("x");
        let before = text.get(..a.quantity.span.start()).unwrap_or("");
        let word = last_word(before);
        let pre = before.trim_end();
        let pre = pre
            .get(..pre.len().saturating_sub(word.len()))
            .unwrap_or("");
        let conn_t = conn.trim();
        let dash = matches!(conn_t, "-" | "–" | "—") && !conn.contains('\n');
        let to = matches!(conn_t.to_lowercase().as_str(), "to" | "through");
        // "rose from 5% to 7%"; "rise by $19bn to $419.3bn" (a change, then a new level far above it).
        let change = CHANGE_VERBS.contains(&last_word(pre).as_str())
            && (word == "from" || word == "by" && to && b.figures[0].1 > 3.0 * a.figures[0].1);
        let and = conn_t.eq_ignore_ascii_case("and") && word == "between";
        if change || !(dash || to || and) {
            k += 1;
            continue;
        }
        let (va, vb) = (a.figures[0].1, b.figures[0].1);
        if va == vb {
            k += 1;
            continue;
        }
        let (lo, hi) = if va < vb { (va, vb) } else { (vb, va) };
        let mut start = a.quantity.span.start();
        if and || (word == "from" && to) {
            start = pre.len()
                + before[pre.len()..]
                    .find(|ch: char| ch.is_alphabetic())
                    .unwrap_or(0);
        }
        let span = Span::new(start, b.quantity.span.end());
        let merged = Found {
            quantity: Quantity {
                span,
                value: None,
                low: Some(lo),
                high: Some(hi),
                hedge: Hedge::Range,
                kind: a.quantity.kind.clone(),
                unit: a.quantity.unit.clone(),
            },
            figures: vec![a.figures[0], b.figures[0]],
            core: a.core.cover(b.core),
            hedge_span: None,
            hedge_word: None,
            bounds: None,
            parts: vec![a.core, b.core],
        };
        out[k] = merged;
        out.remove(k + 1);
        k += 1;
    }
}

/// Joins a lower and an upper bound into one range: "more than 10 and less than 20",
/// "at most 100 and at least 20", "above 1000 but below 1500". Bounds that leave nothing
/// between them ("more than 40 and less than 10") stay apart.
fn merge_bounds(text: &str, out: &mut Vec<Found>) {
    let lower =
        |h: Option<HedgeWord>| matches!(h, Some(HedgeWord::MoreThan) | Some(HedgeWord::AtLeast));
    let upper =
        |h: Option<HedgeWord>| matches!(h, Some(HedgeWord::LessThan) | Some(HedgeWord::AtMost));
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let between = text
            .get(a.quantity.span.end()..b.quantity.span.start())
            .unwrap_or("x")
            .trim();
        let joined = matches!(between, "and" | "but" | "," | "" | "and also");
        let pair = (lower(a.hedge_word) && upper(b.hedge_word))
            || (upper(a.hedge_word) && lower(b.hedge_word));
        let same_kind = a.quantity.kind == b.quantity.kind && a.quantity.unit == b.quantity.unit;
        let after_hedge = |f: &Found| f.hedge_span.is_some_and(|h| h.start() >= f.core.start());
        if joined
            && pair
            && same_kind
            && !after_hedge(a)
            && !after_hedge(b)
            && a.figures.len() == 1
            && b.figures.len() == 1
        {
            let (lo, hi) = if lower(a.hedge_word) { (a, b) } else { (b, a) };
            let (lv, hv) = (lo.figures[0].1, hi.figures[0].1);
            if lv < hv {
                let incl = (
                    lo.hedge_word == Some(HedgeWord::AtLeast),
                    hi.hedge_word == Some(HedgeWord::AtMost),
                );
                let span = a.quantity.span.cover(b.quantity.span);
                let mut figures = vec![lo.figures[0], hi.figures[0]];
                figures.sort_by_key(|f| f.0.start());
                let merged = Found {
                    quantity: Quantity {
                        span,
                        value: None,
                        low: Some(lv),
                        high: Some(hv),
                        hedge: Hedge::Range,
                        kind: a.quantity.kind.clone(),
                        unit: a.quantity.unit.clone(),
                    },
                    figures,
                    core: a.core.cover(b.core),
                    hedge_span: a.hedge_span,
                    hedge_word: None,
                    bounds: Some(incl),
                    parts: Vec::new(),
                };
                out[k] = merged;
                out.remove(k + 1);
            }
        }
        k += 1;
    }
}

/// "10:30", "3pm", "10.30 a.m.", "0900 GMT".
fn clock(c: &Cursor, i: usize) -> Option<(Found, usize)> {
    if c.kind(i) != Some(Kind::Digits)
        || (i > 0 && c.glued(i) && matches!(c.kind(i - 1), Some(Kind::Digits) | Some(Kind::Punct)))
    {
        return None;
    }
    let h: f64 = c.s(i).parse().ok()?;
    let mut j = i + 1;
    let mut minutes = 0.0;
    let mut colon = false;
    if c.s(i).len() <= 2
        && (c.is_punct(j, ":") || c.is_punct(j, "."))
        && c.glued(j)
        && c.glued(j + 1)
        && c.kind(j + 1) == Some(Kind::Digits)
        && c.s(j + 1).len() == 2
    {
        colon = c.is_punct(j, ":");
        minutes = c.s(j + 1).parse().ok()?;
        j += 2;
    }
    let mut marker = false;
    if c.same_line(j) {
        let w = c.lower(j);
        match w.as_str() {
            "am" | "pm" => {
                marker = true;
                j += 1;
            }
            "a" | "p" if c.is_punct(j + 1, ".") && c.word_is(j + 2, "m") => {
                marker = true;
                j += 3;
                if c.is_punct(j, ".") && c.glued(j) {
                    j += 1;
                }
            }
            "gmt" | "utc" | "bst" | "est" | "edt" | "cet" | "kst" | "hrs" => {
                marker = c.s(i).len() == 4 || colon;
                if marker {
                    j += 1;
                }
            }
            _ => {}
        }
    }
    if !(colon || marker) || minutes >= 60.0 || h > 2400.0 || (c.s(i).len() <= 2 && h > 24.0) {
        return None;
    }
    let value = if c.s(i).len() == 4 {
        (h / 100.0).floor() + (h % 100.0) / 60.0
    } else {
        h + minutes / 60.0
    };
    let sp = span(c, i, j);
    let q = Quantity {
        span: sp,
        value: Some(value),
        low: Some(value),
        high: Some(value),
        hedge: Hedge::Exact,
        kind: QuantityKind::ClockTime,
        unit: Some("h".into()),
    };
    Some((
        Found {
            quantity: q,
            figures: vec![(sp, value)],
            core: sp,
            hedge_span: None,
            hedge_word: None,
            bounds: None,
            parts: Vec::new(),
        },
        j,
    ))
}

/// "percent of 10", "per cent of twenty-two": a percentage written before its figure, when no
/// figure stands before the percent word.
fn percent_of(c: &Cursor, i: usize) -> Option<(Found, usize)> {
    // Only a unit key meaning per cent can match below, and its first token has `F_PERCENT`.
    if c.kind(i) != Some(Kind::Word) || !c.flag(i, F_PERCENT) {
        return None;
    }
    let (end, unit) = c.match_after(i, 2, &c.lex.units, true, F_UNIT)?;
    if unit.kind != UnitKind::Percent
        || unit.unit != "%"
        || !c.word_is(end, "of")
        || !c.same_line(end + 1)
    {
        return None;
    }
    if i > 0 && (matches!(c.kind(i - 1), Some(Kind::Digits)) || c.cardinal(i - 1).is_some()) {
        return None;
    }
    let n = c.number(end + 1, false)?;
    if n.form == Form::Ordinal
        || !n.value.is_finite()
        || c.word_is(i.wrapping_sub(1), "a")
        || c.word_is(i.wrapping_sub(1), "the")
    {
        return None;
    }
    // "percent of the 10" is not this; the figure ends the phrase or precedes punctuation.
    if n.last < c.len() && c.kind(n.last) != Some(Kind::Punct) {
        return None;
    }
    let sp = span(c, i, n.last);
    let fig = span(c, n.first, n.last);
    let q = Quantity {
        span: sp,
        value: Some(n.value),
        low: Some(n.value),
        high: Some(n.value),
        hedge: Hedge::Exact,
        kind: QuantityKind::Percent,
        unit: Some("%".into()),
    };
    Some((
        Found {
            quantity: q,
            figures: vec![(fig, n.value)],
            core: sp,
            hedge_span: None,
            hedge_word: None,
            bounds: None,
            parts: Vec::new(),
        },
        n.last,
    ))
}

/// "hundreds", "tens of thousands", "several hundred", "dozens".
fn vague(c: &Cursor, i: usize) -> Option<(Found, usize)> {
    if c.kind(i) != Some(Kind::Word) {
        return None;
    }
    let (end, (low, high, place)) = c.match_after(i, 3, &c.lex.vague, false, F_VAGUE)?;
    let (low, high, last) = match place {
        VagueUse::Prefix => {
            let (scale, class) = c.cardinal(end)?;
            if !matches!(class, WordClass::Hundred | WordClass::Scale) || !c.same_line(end) {
                return None;
            }
            (low * scale, (high + 1.0) * scale - 1.0, end + 1)
        }
        VagueUse::Alone | VagueUse::Of => {
            // A number before it makes it a figure ("3 dozens"), handled elsewhere.
            if i > 0 && matches!(c.kind(i - 1), Some(Kind::Digits)) {
                return None;
            }
            // "tens of thousands", "hundreds of millions".
            let combined = if c.word_is(end, "of") {
                match c.match_after(end + 1, 1, &c.lex.vague, false, F_VAGUE) {
                    Some((end2, (low2, _, VagueUse::Alone))) if low2 / 2.0 >= 100.0 => {
                        let base = low2 / 2.0;
                        Some((low * base, (high + 1.0) * base - 1.0, end2))
                    }
                    _ => None,
                }
            } else {
                None
            };
            if let Some(found) = combined {
                found
            } else if place == VagueUse::Of && !c.word_is(end, "of") {
                return None;
            } else {
                (low, high, end)
            }
        }
    };
    let mut first = i;
    let mut hedge_span = None;
    let mut hedge_word = None;
    // "up to tens of thousands", "more than hundreds": keep the hedge words in the span.
    if let Some((a, h)) = c.match_before(i, c.lex.max_words, &c.lex.hedges_before, F_HEDGE_BEFORE) {
        first = a;
        hedge_span = Some(span(c, a, i));
        hedge_word = Some(h);
    }
    let core = span(c, i, last);
    let q = Quantity {
        span: span(c, first, last),
        value: None,
        low: Some(low),
        high: Some(high),
        hedge: Hedge::Vague,
        kind: QuantityKind::Cardinal,
        unit: None,
    };
    Some((
        Found {
            quantity: q,
            figures: Vec::new(),
            core,
            hedge_span,
            hedge_word,
            bounds: None,
            parts: Vec::new(),
        },
        last,
    ))
}

/// A currency written before a figure, starting at `i`: its end token and currency.
fn currency_before(c: &Cursor, i: usize) -> Option<(usize, Currency)> {
    let (end, cur) = c
        .match_after(i, 4, &c.lex.currencies, false, F_CURRENCY)
        .or_else(|| mega_code(c, i))?;
    if !cur.before {
        return None;
    }
    // The figure follows glued or after one space ("$5", "$ 75", "US$ 1MM", "USD115").
    if c.gap(end).len() > 1 || !c.same_line(end) {
        return None;
    }
    let starts_number = matches!(c.kind(end), Some(Kind::Digits))
        || c.is_punct(end, ".")
        || c.kind(end) == Some(Kind::Word)
        || (matches!(c.s(end), "-" | "−")
            && c.glued(end + 1)
            && c.kind(end + 1) == Some(Kind::Digits));
    if !starts_number {
        return None;
    }
    // A code glued to letters before it is part of a word ("AUSD").
    if i > 0 && c.glued(i) && c.kind(i - 1) == Some(Kind::Word) && c.kind(i) == Some(Kind::Word) {
        return None;
    }
    Some((end, cur))
}

/// A currency code in millions, as finance writes it: "MUSD", "MEUR", "MGBP" (factor 10⁶).
fn mega_code(c: &Cursor, i: usize) -> Option<(usize, Currency)> {
    let w = c.s(i);
    if c.kind(i) != Some(Kind::Word)
        || w.len() != 4
        || !w.starts_with('M')
        || !w.bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let code = w.get(1..)?.to_ascii_lowercase();
    let cur = c.lex.currencies.get(code.as_str())?;
    if !cur.code.bytes().all(|b| b.is_ascii_uppercase()) || cur.code.len() != 3 {
        return None;
    }
    Some((
        i + 1,
        Currency {
            code: cur.code,
            factor: 1e6,
            before: true,
            after: true,
        },
    ))
}

/// The figure (with currency) at `i`: (start token, figure, currency, end token).
fn money_figure(c: &Cursor, i: usize) -> Option<(usize, Num, Option<Currency>, usize)> {
    if let Some((end, cur)) = currency_before(c, i) {
        if let Some(num) = c.number(end, true) {
            if num.form != Form::Ordinal {
                return Some((i, num, Some(cur), num.last));
            }
        }
    }
    let num = c.number(i, false)?;
    Some((i, num, None, num.last))
}

fn is_change_verb(c: &Cursor, i: usize) -> bool {
    let w = c.lower(i);
    CHANGE_VERBS.contains(&w.as_str())
}

/// Age after a figure: "-year-old", " years old", " years of age", " yo". Returns the end token.
fn age_after(c: &Cursor, j: usize) -> Option<usize> {
    let mut k = j;
    if c.is_dash(k) && c.glued(k) {
        k += 1;
    }
    let w = c.lower(k);
    let unit = w.as_str();
    if unit == "yo" || unit == "yrs" && c.word_is(k + 1, "old") {
        return Some(if unit == "yo" { k + 1 } else { k + 2 });
    }
    if !matches!(
        unit,
        "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
    ) || !c.same_line(k)
    {
        return None;
    }
    let mut m = k + 1;
    if c.is_dash(m) && c.glued(m) {
        m += 1;
    }
    if c.word_is(m, "old") && c.same_line(m) {
        return Some(m + 1);
    }
    if c.word_is(m, "of") && c.word_is(m + 1, "age") {
        return Some(m + 2);
    }
    None
}

struct Suffix {
    end: usize,
    kind: Option<QuantityKind>,
    unit: Option<String>,
    currency: Option<Currency>,
}

/// What follows the last figure at `j`: percent, age, currency, unit.
fn suffix(c: &Cursor, j: usize, has_currency: bool, figures: &[(Span, f64)]) -> Suffix {
    let none = Suffix {
        end: j,
        kind: None,
        unit: None,
        currency: None,
    };
    if j >= c.len() || !c.same_line(j) {
        return none;
    }
    if let Some(end) = age_after(c, j) {
        return Suffix {
            end,
            kind: Some(QuantityKind::Age),
            unit: Some("year".into()),
            currency: None,
        };
    }
    if !has_currency {
        let j = if c.is_dash(j) && c.glued(j) && c.glued(j + 1) && c.kind(j + 1) == Some(Kind::Word)
        {
            j + 1
        } else {
            j
        };
        if let Some((end, cur)) = c
            .match_after(j, 4, &c.lex.currencies, false, F_CURRENCY)
            .or_else(|| mega_code(c, j).filter(|_| !c.glued(j)))
        {
            let single_letter = end == j + 1 && c.s(j).len() == 1 && c.kind(j) == Some(Kind::Word);
            let pound = cur.code == "GBP" && c.lower(end - 1).as_str().starts_with("pound");
            // "a twenty-pound bag", "weighs 25 pounds": weight, not money.
            let pound_of = c.word_is(end, "of") && !c.word_is(end + 1, "sterling");
            let small = figures.first().is_some_and(|f| f.1 < 100_000.0);
            let weight = pound
                && figures.len() == 1
                && (c.word_is(end - 1, "pound") && figures[0].1 != 1.0 && small
                    || pound_of
                    || small && weight_context(c, end))
                && !c.word_is(end, "sterling");
            if weight {
                let (end, name) = compound_unit(c, end, "lb".to_string(), false);
                return Suffix {
                    end,
                    kind: Some(QuantityKind::Measurement),
                    unit: Some(name),
                    currency: None,
                };
            }
            let next_figure = c.glued(end) && c.kind(end) == Some(Kind::Digits);
            if cur.after
                && !next_figure
                && (c.glued(j) || !single_letter)
                && !(c.glued(end) && c.kind(end) == Some(Kind::Word))
            {
                return Suffix {
                    end,
                    kind: Some(QuantityKind::Money),
                    unit: Some(cur.code.to_string()),
                    currency: Some(cur),
                };
            }
        }
    }
    // "27-kilometer", "five-day": a unit after a glued hyphen.
    let start = if c.is_dash(j) && c.glued(j) && c.glued(j + 1) && c.kind(j + 1) == Some(Kind::Word)
    {
        j + 1
    } else {
        j
    };
    // "2 in thick", "my pencil is 2 in.": inches only where "in" cannot be the preposition.
    if c.word_is(start, "in") && !c.glued(start) {
        let at_end = start + 1 >= c.len() || (c.is_punct(start + 1, ".") && start + 2 >= c.len());
        let dimension = c.same_line(start + 1)
            && matches!(
                c.lower(start + 1).as_str(),
                "thick"
                    | "long"
                    | "wide"
                    | "tall"
                    | "deep"
                    | "high"
                    | "across"
                    | "diameter"
                    | "thickness"
                    | "length"
                    | "width"
            );
        if at_end || dimension {
            return Suffix {
                end: start + 1,
                kind: Some(QuantityKind::Measurement),
                unit: Some("in".into()),
                currency: None,
            };
        }
    }
    // 2½': feet, after a fractional figure only (an apostrophe after a whole number is a quote).
    if c.glued(start)
        && matches!(c.s(start), "'" | "’")
        && figures.last().is_some_and(|f| f.1.fract() != 0.0)
        && !(c.glued(start + 1) && c.kind(start + 1) == Some(Kind::Word))
    {
        return Suffix {
            end: start + 1,
            kind: Some(QuantityKind::Measurement),
            unit: Some("ft".into()),
            currency: None,
        };
    }
    // 9" and 150″: inches, unless the mark closes a quotation opened before in the sentence.
    if c.glued(start)
        && c.kind(start) == Some(Kind::Punct)
        && matches!(c.s(start), "\"" | "″" | "′")
        && !(c.glued(start + 1) && c.kind(start + 1) == Some(Kind::Word))
    {
        let before = &c.text[..c.toks[start].start];
        let open_quote = c.s(start) == "\"" && before.matches('"').count() % 2 == 1;
        if !open_quote {
            let unit = if c.s(start) == "′" { "ft" } else { "in" };
            return Suffix {
                end: start + 1,
                kind: Some(QuantityKind::Measurement),
                unit: Some(unit.into()),
                currency: None,
            };
        }
    }
    // "four times per week", "twice a day": a frequency.
    if c.word_is(start, "times")
        && c.same_line(start + 1)
        && (c.word_is(start + 1, "per") || c.word_is(start + 1, "a"))
    {
        if let Some((e, u)) = c.match_after(start + 2, 2, &c.lex.units, true, F_UNIT) {
            if u.kind == UnitKind::Duration
                && c.same_line(start + 2)
                && !(c.glued(e) && c.kind(e) == Some(Kind::Word))
            {
                return Suffix {
                    end: e,
                    kind: Some(QuantityKind::Measurement),
                    unit: Some(format!("1/{}", u.unit)),
                    currency: None,
                };
            }
        }
    }
    // "20 (kg)", "20 [kg]": a unit in brackets right after the figure.
    if let Some(close) = match c.s(start) {
        "(" => Some(")"),
        "[" => Some("]"),
        "{" => Some("}"),
        "<" => Some(">"),
        _ => None,
    } {
        if c.kind(start) == Some(Kind::Punct) && c.glued(start + 1) && c.same_line(start) {
            if let Some((end, unit)) = c.match_after(start + 1, 3, &c.lex.units, true, F_UNIT) {
                if c.is_punct(end, close) && c.glued(end) && unit.kind == UnitKind::Measurement {
                    return Suffix {
                        end: end + 1,
                        kind: Some(QuantityKind::Measurement),
                        unit: Some(unit.unit.to_string()),
                        currency: None,
                    };
                }
            }
        }
    }
    // "4 cubic kilometers", "4 square kilometers": the power before the unit.
    let (power, start) = match c.lower(start).as_str() {
        "cubic" if c.same_line(start + 1) => (Some(3), start + 1),
        "square" | "sq" if c.same_line(start + 1) => (Some(2), start + 1),
        _ => (None, start),
    };
    if let Some((end, unit)) = c.match_after(start, 3, &c.lex.units, true, F_UNIT) {
        let written = c.s(start);
        let letter = written.len() == 1 && c.kind(start) == Some(Kind::Word) && end == start + 1;
        let value = figures.last().map(|f| f.1).unwrap_or(999.0);
        let temp_letter = written == "C" || written == "F";
        // A lone letter is a unit only when it stands alone: "53.2 F" but not "F-Series", "777F",
        // "40 F.B.I." (a period and a letter after it make an abbreviation) or "14.7C/" (cents per).
        // "1990s", "his 20s": a plural, not seconds; "4e14 s-1" has its power.
        let seconds_ok = written != "s"
            || (!c.glued(start) && c.glued(end) && matches!(c.s(end), "-" | "−" | "^"));
        // "2.1 pm" is picometres, "2 pm" a time of day (read before this).
        let seconds_ok =
            seconds_ok && (!matches!(c.lower(start).as_str(), "pm" | "am") || value.fract() != 0.0);
        // A one-letter unit matches in its own case only: "3G" is a network, not three grams.
        let seconds_ok = seconds_ok
            && !(letter
                && written.bytes().all(|b| b.is_ascii_uppercase())
                && !c.lex.units.contains_key(written));
        // "two cup ties": a cup is a measure only in a recipe's fractions.
        let seconds_ok = seconds_ok && !(c.lower(start).as_str() == "cup" && value.fract() == 0.0);
        let letter_ok = seconds_ok && !letter
            || seconds_ok
                && (end == start + 1
                && !(c.glued(end) && matches!(c.kind(end), Some(Kind::Word) | Some(Kind::Digits)))
                && !(c.glued(end) && c.is_dash(end) && !power_after(c, end))
                && !(c.glued(end) && c.is_punct(end, ".") && c.glued(end + 1) && c.kind(end + 1) == Some(Kind::Word))
                && !(c.glued(end) && c.is_punct(end, "/") && !(c.glued(end + 1) && c.kind(end + 1) == Some(Kind::Word)))
                // "-5C" and "30C" are temperatures; "777F" is an aircraft; "PA 23456 F" an address.
                // "the 13F filing", "must 13F be filed": a form's name, not a temperature.
                && !(temp_letter && c.glued(start) && start >= 2 && matches!(c.lower(start - 2).as_str(), "the" | "a" | "an" | "this" | "that" | "must" | "will" | "should" | "can" | "could" | "would" | "may"))
                && (!temp_letter || if c.glued(start) { (-60.0..=if written == "F" { 130.0 } else { 60.0 }).contains(&value) } else { (-90.0..=150.0).contains(&value) }));
        if letter_ok && (power.is_none() || unit.kind == UnitKind::Measurement) {
            let mut kind = match unit.kind {
                UnitKind::Percent => QuantityKind::Percent,
                UnitKind::Duration => QuantityKind::Duration,
                UnitKind::Temperature => QuantityKind::Temperature,
                UnitKind::Measurement => QuantityKind::Measurement,
            };
            let mut name = unit.unit.to_string();
            // "rotate 90 degrees", "a 45 degrees angle": an angle, not a temperature.
            if name == "°" && angle_context(c) {
                kind = QuantityKind::Measurement;
            }
            if let Some(p) = power {
                name = format!("{name}{p}");
            }
            let (end, name) = compound_unit(c, end, name, false);
            return Suffix {
                end,
                kind: Some(kind),
                unit: Some(name),
                currency: None,
            };
        }
    }
    none
}

/// Whether a power follows at `k`: "-1" in "s-1", "−1" in "fb−1".
fn power_after(c: &Cursor, k: usize) -> bool {
    matches!(c.s(k), "-" | "−")
        && c.glued(k + 1)
        && c.kind(k + 1) == Some(Kind::Digits)
        && matches!(c.s(k + 1), "1" | "2" | "3")
        && !(c.glued(k + 2) && matches!(c.kind(k + 2), Some(Kind::Word) | Some(Kind::Digits)))
}

/// Whether the sentence speaks of turning or angles ("rotate 90°", "turn left 45 degrees").
fn angle_context(c: &Cursor) -> bool {
    (0..c.len()).any(|k| {
        c.kind(k) == Some(Kind::Word)
            && matches!(
                c.lower(k).as_str(),
                "rotate"
                    | "rotated"
                    | "rotating"
                    | "rotation"
                    | "turn"
                    | "turned"
                    | "angle"
                    | "angles"
                    | "clockwise"
                    | "counterclockwise"
                    | "anticlockwise"
                    | "tilt"
                    | "tilted"
                    | "incline"
                    | "inclined"
            )
    })
}

/// Whether the sentence speaks of weight, so that "pounds" are not money ("weighs 25 pounds",
/// "lose 25 pounds", "a pound of coal").
fn weight_context(c: &Cursor, unit_end: usize) -> bool {
    (unit_end.saturating_sub(10)..(unit_end + 6).min(c.len())).any(|k| {
        c.kind(k) == Some(Kind::Word)
            && matches!(
                c.lower(k).as_str(),
                "weigh"
                    | "weighs"
                    | "weighed"
                    | "weighing"
                    | "weight"
                    | "weights"
                    | "heavy"
                    | "heavier"
                    | "lighter"
                    | "lose"
                    | "lost"
                    | "losing"
                    | "drop"
                    | "dropped"
                    | "gain"
                    | "gained"
                    | "baby"
                    | "babies"
                    | "ton"
                    | "tons"
                    | "ounce"
                    | "ounces"
                    | "kg"
                    | "kilograms"
                    | "kilos"
                    | "lbs"
                    | "bag"
                    | "bags"
                    | "fish"
            )
    })
}

/// A unit continued: "km/h" "per hour", "km^3", "km cubed", "s-1": the end token and the unit.
fn compound_unit(c: &Cursor, end: usize, name: String, money: bool) -> (usize, String) {
    let mut end = end;
    let mut name = name;
    // Powers: "^3", a glued "2" ("km/s2"), "-1", "squared", "cubed".
    let power = |end: usize| -> Option<(usize, String)> {
        if c.glued(end) && c.is_punct(end, "^") && c.glued(end + 1) {
            let (neg, k) = if matches!(c.s(end + 1), "-" | "−") && c.glued(end + 2) {
                (true, end + 2)
            } else {
                (false, end + 1)
            };
            if c.kind(k) == Some(Kind::Digits) && c.s(k).len() == 1 {
                return Some((k + 1, format!("{}{}", if neg { "^-" } else { "" }, c.s(k))));
            }
        }
        if c.glued(end)
            && matches!(c.s(end), "-" | "−")
            && c.kind(end) == Some(Kind::Punct)
            && c.glued(end + 1)
            && c.kind(end + 1) == Some(Kind::Digits)
            && matches!(c.s(end + 1), "1" | "2" | "3")
            && !(c.glued(end + 2)
                && matches!(c.kind(end + 2), Some(Kind::Word) | Some(Kind::Digits)))
        {
            return Some((end + 2, format!("^-{}", c.s(end + 1))));
        }
        if c.glued(end)
            && c.kind(end) == Some(Kind::Digits)
            && matches!(c.s(end), "2" | "3")
            && !(c.glued(end + 1)
                && matches!(c.kind(end + 1), Some(Kind::Word) | Some(Kind::Digits)))
        {
            return Some((end + 1, c.s(end).to_string()));
        }
        if c.glued(end) && matches!(c.s(end), "²" | "³") {
            return Some((
                end + 1,
                if c.s(end) == "²" {
                    "2".into()
                } else {
                    "3".into()
                },
            ));
        }
        if c.same_line(end) && c.word_is(end, "squared") {
            return Some((end + 1, "2".into()));
        }
        if c.same_line(end) && c.word_is(end, "cubed") {
            return Some((end + 1, "3".into()));
        }
        None
    };
    if let Some((e, p)) = power(end) {
        end = e;
        name.push_str(&p);
    }
    // "per hour", "/min", "per kg", "J/m^2 per year".
    for _ in 0..2 {
        let slash = c.glued(end) && c.is_punct(end, "/") && c.glued(end + 1);
        let per = c.same_line(end) && c.word_is(end, "per") && c.same_line(end + 1);
        if !(slash || per) {
            break;
        }
        let Some((e, u)) = c.match_after(end + 1, 3, &c.lex.units, true, F_UNIT) else {
            break;
        };
        let word_end_ok = !(c.glued(e) && matches!(c.kind(e), Some(Kind::Word)));
        // "per" joins a rate ("meters per second", "$350 per kg"), not a ratio of two masses
        // ("37.8 micrograms per gram" is a figure and a unit named apart).
        if u.kind == UnitKind::Percent
            || !word_end_ok
            || (per && !money && u.kind != UnitKind::Duration)
        {
            break;
        }
        end = e;
        name = format!("{name}/{}", u.unit);
        if let Some((e, p)) = power(end) {
            end = e;
            name.push_str(&p);
        }
    }
    // "six weeks' time": the possessive mark after a plural unit.
    if c.glued(end)
        && matches!(c.s(end), "'" | "’")
        && c.s(end - 1).ends_with('s')
        && !(c.glued(end + 1) && c.kind(end + 1) == Some(Kind::Word))
    {
        end += 1;
    }
    (end, name)
}

/// A number, money amount, range or hedged figure at token `i`.
fn figure(c: &Cursor, i: usize, blocked: &[bool]) -> Option<(Found, usize)> {
    let (start, num, mut currency, _) = money_figure(c, i)?;
    if !num.value.is_finite() {
        return None;
    }
    let mut num = num;
    // "the one you mentioned", "which one": a pronoun, not a number.
    if currency.is_none()
        && num.form == Form::Words
        && num.last == num.first + 1
        && c.word_is(num.first, "one")
        && num.first > 0
    {
        let p = c.lower(num.first - 1);
        let counts_unit = c.flag(num.last, F_UNIT | F_CURRENCY) && c.same_line(num.last);
        if !counts_unit
            && matches!(
                p.as_str(),
                "the"
                    | "this"
                    | "that"
                    | "which"
                    | "each"
                    | "every"
                    | "any"
                    | "another"
                    | "no"
                    | "some"
                    | "someone"
                    | "anyone"
                    | "little"
                    | "big"
                    | "only"
                    | "new"
                    | "old"
                    | "last"
                    | "right"
                    | "wrong"
                    | "same"
            )
        {
            return None;
        }
    }
    // "one over three", "1 out of 3": a fraction, when nothing is counted after it ("over 3 years" is not).
    if currency.is_none() && num.form != Form::Ordinal && c.same_line(num.last) {
        let k = if c.word_is(num.last, "over")
            || c.word_is(num.last, "in") && num.form == Form::Digits
        {
            Some(num.last + 1)
        } else if c.word_is(num.last, "out") && c.word_is(num.last + 1, "of") {
            Some(num.last + 2)
        } else {
            None
        };
        if let Some(k) = k {
            if let Some(den) = c.number(k, false) {
                let ends = den.last >= c.len()
                    || (c.kind(den.last) == Some(Kind::Punct)
                        && !c.is_dash(den.last)
                        && !c.is_punct(den.last, "%"))
                    || c.match_after(den.last, 3, &c.lex.hedges_after, false, F_HEDGE_AFTER)
                        .is_some();
                // "12 out of 10" is two figures; "1 in twenty-one" a proportion.
                // "scored 2 in 2019." is a count and a year.
                let year = den.form == Form::Digits
                    && !den.grouped
                    && !den.fractional
                    && den.last == k + 1
                    && c.s(k).len() == 4
                    && (1000.0..=2100.0).contains(&den.value);
                let in_year = c.word_is(num.last, "in") && year;
                if den.form != Form::Ordinal
                    && den.value != 0.0
                    && (num.value <= den.value || c.word_is(num.last, "over"))
                    && ends
                    && !in_year
                    && !blocked.get(k).copied().unwrap_or(false)
                {
                    num.value /= den.value;
                    num.last = den.last;
                    num.fractional = true;
                }
            }
        }
    }
    let mut figures = vec![(span(c, num.first, num.last), num.value)];
    let mut last = num.last;
    let mut second: Option<Num> = None;

    // Ranges: "200-400", "200 to 400", "between 200 and 400", "$2-3bn", "from 5 to 10".
    let between = start > 0 && c.word_is(start - 1, "between");
    let from = start > 0 && c.word_is(start - 1, "from");
    let change = from && start > 1 && is_change_verb(c, start - 2);
    if num.form != Form::Ordinal
        && c.same_line(last)
        && !blocked.get(last).copied().unwrap_or(false)
    {
        // "8- to 16-meter": a dangling hyphen before "to".
        let conn = if c.is_dash(last) && c.glued(last) && c.word_is(last + 1, "to") {
            last + 1
        } else {
            last
        };
        let is_conn = if between {
            c.word_is(conn, "and") || c.is_dash(conn)
        } else {
            (c.is_dash(conn) && (!c.glued(conn) || c.glued(conn + 1)))
                || (c.word_is(conn, "to") && !change)
                || c.word_is(conn, "through")
        };
        // "+1-222-2222-2222" is a phone number, not a range.
        let phone = c.is_dash(conn)
            && ((num.first > 0 && c.glued(num.first) && c.is_punct(num.first - 1, "+"))
                || (num.first > 1
                    && c.glued(num.first)
                    && c.is_dash(num.first - 1)
                    && c.kind(num.first - 2) == Some(Kind::Digits))
                || (c.kind(conn + 1) == Some(Kind::Digits)
                    && c.glued(conn + 2)
                    && (c.is_dash(conn + 2) || c.is_punct(conn + 2, "/"))
                    && c.kind(conn + 3) == Some(Kind::Digits)));
        if is_conn
            && !phone
            && c.same_line(conn + 1)
            && !blocked.get(conn + 1).copied().unwrap_or(false)
        {
            let mut k = conn + 1;
            let mut cur2 = None;
            if let Some((end, cur)) = currency_before(c, k) {
                cur2 = Some(cur);
                k = end;
            }
            if let Some(n2) = c.number(k, currency.is_some() || cur2.is_some()) {
                let glued_dash = c.is_dash(conn) && c.glued(conn) && c.glued(conn + 1);
                // "21-year-old" has no second number; "10-3" scores and "2-1" are not ranges
                // unless the second is larger.
                let mut lo = num.value;
                let mut hi = n2.value;
                // "$2-3bn", "between 1 and 2 million": the scale of the second applies to the first.
                // Not "from 500,000 to 1.6 million": the first must be below the second's figure.
                let bare = strip_scale(c, &n2);
                if n2.scaled && !num.scaled && lo < hi && n2.form == num.form && lo < bare {
                    let scale = hi / bare;
                    if scale > 1.0 {
                        lo *= scale;
                    }
                }
                // "2019-20": a year range written short.
                if glued_dash
                    && num.form == Form::Digits
                    && c.s(num.first).len() == 4
                    && c.s(k).len() == 2
                    && n2.last == k + 1
                    && hi < lo
                {
                    hi += (lo / 100.0).floor() * 100.0;
                }
                let negative_second = c.is_punct(k, "-") || c.is_punct(k, "−");
                // "rise 3.5% in 2005 to 5.5 million tonnes": a year, then a new figure.
                let year_first = num.form == Form::Digits
                    && !num.grouped
                    && !num.fractional
                    && !num.scaled
                    && c.s(num.first).len() == 4
                    && num.last == num.first + 1
                    && (1000.0..=2100.0).contains(&num.value);
                let year_cue = start > 0
                    && matches!(
                        c.lower(start - 1).as_str(),
                        "in" | "since" | "by" | "of" | "until" | "during"
                    );
                let second_year = n2.form == Form::Digits
                    && !n2.scaled
                    && !n2.fractional
                    && n2.last == k + 1
                    && (c.s(k).len() == 2 && glued_dash
                        || c.s(k).len() == 4 && (1000.0..=2100.0).contains(&n2.value));
                let year_then_figure = year_first && (n2.scaled || (year_cue && !second_year));
                // "the budget will rise by $19bn to $419.3bn": a change, then the new level (far
                // above it), not a range ("rise by 2 to 3 percent" stays one).
                let change_then_level = start > 1
                    && c.word_is(start - 1, "by")
                    && is_change_verb(c, start - 2)
                    && c.word_is(conn, "to")
                    && hi > 3.0 * lo;
                if n2.form != Form::Ordinal
                    && !change_then_level
                    && hi > lo
                    && !negative_second
                    && n2.value.is_finite()
                    && !year_then_figure
                {
                    figures[0].1 = lo;
                    figures.push((span(c, n2.first, n2.last), hi));
                    last = n2.last;
                    second = Some(n2);
                    if currency.is_none() {
                        currency = cur2;
                    }
                }
            }
        }
    }

    // "2,000.45±0.01 pounds", "9.83e-3 +/- 1e-5 km/s2": a stated uncertainty.
    let mut plus_minus = None;
    if second.is_none() && num.form != Form::Ordinal && c.same_line(last) {
        let k = if c.is_punct(last, "±") {
            Some(last + 1)
        } else if c.is_punct(last, "+")
            && c.glued(last + 1)
            && c.is_punct(last + 1, "/")
            && c.glued(last + 2)
            && c.is_punct(last + 2, "-")
        {
            Some(last + 3)
        } else {
            None
        };
        if let Some(k) = k {
            if let Some(u) = c.number(k, currency.is_some()).filter(|u| {
                u.form != Form::Ordinal && u.value.is_finite() && u.value >= 0.0 && c.same_line(k)
            }) {
                plus_minus = Some(u.value);
                last = u.last;
            }
        }
    }
    // Ordinals are kept apart.
    if num.form == Form::Ordinal && second.is_none() {
        let sp = span(c, num.first, num.last);
        let q = Quantity {
            span: sp,
            value: Some(num.value),
            low: Some(num.value),
            high: Some(num.value),
            hedge: Hedge::Exact,
            kind: QuantityKind::Ordinal,
            unit: None,
        };
        return Some((
            Found {
                quantity: q,
                figures,
                core: sp,
                hedge_span: None,
                hedge_word: None,
                bounds: None,
                parts: Vec::new(),
            },
            num.last,
        ));
    }

    let suf = suffix(c, last, currency.is_some(), &figures);
    let mut end = suf.end;
    // "5 ft 2 in", "5 feet and 2 inches": one length.
    let mut inches = 0.0;
    if second.is_none() && suf.unit.as_deref() == Some("ft") {
        let k = if c.word_is(end, "and") { end + 1 } else { end };
        if c.same_line(k) && c.kind(k) == Some(Kind::Digits) {
            if let Some(n2) = c
                .number(k, false)
                .filter(|n| n.form == Form::Digits && n.value < 12.0 && n.value >= 0.0)
            {
                let u = n2.last;
                let inch = c.same_line(u)
                    && (matches!(c.lower(u).as_str(), "in" | "ins" | "inch" | "inches")
                        || (c.is_punct(u, "\"") && c.glued(u)));
                if inch && !(c.glued(u + 1) && c.kind(u + 1) == Some(Kind::Word)) {
                    inches = n2.value / 12.0;
                    end = u + 1;
                }
            }
        }
    }
    // "$15.4/hour", "$350 per kg": money per unit.
    let mut money_unit = None;
    if let (Some(cur), None) = (&currency, &suf.kind) {
        let (e, name) = compound_unit(c, end, cur.code.to_string(), true);
        if e > end {
            end = e;
            money_unit = Some(name);
        }
    }
    // "3 dollars 50 cents", "thirteen dollars and forty-five cents": the minor unit adds to the figure.
    let mut cents = 0.0;
    if second.is_none()
        && suf
            .currency
            .as_ref()
            .or(currency.as_ref())
            .is_some_and(|cur| {
                cur.code.chars().all(|ch| ch.is_ascii_uppercase()) && cur.factor <= 1.0
            })
        && num.value.fract() == 0.0
        && !num.scaled
    {
        let k = if c.word_is(end, "and") { end + 1 } else { end };
        if c.same_line(k) && !blocked.get(k).copied().unwrap_or(false) {
            if let Some(n2) = c.number(k, false).filter(|n| {
                n.form != Form::Ordinal
                    && n.value >= 1.0
                    && n.value < 100.0
                    && n.value.fract() == 0.0
            }) {
                let minor = c
                    .match_after(n2.last, 2, &c.lex.currencies, false, F_CURRENCY)
                    .filter(|(_, cur)| cur.code.ends_with(|ch: char| ch.is_ascii_lowercase()));
                let ends = n2.last >= c.len()
                    || !(c.kind(n2.last) != Some(Kind::Punct)
                        || c.is_dash(n2.last)
                        || c.is_punct(n2.last, "%")
                        || c.glued(n2.last + 1) && c.kind(n2.last + 1) == Some(Kind::Digits));
                if let Some((e, _)) = minor {
                    cents = n2.value / 100.0;
                    end = e;
                } else if ((ends && k == end) || (k > end && (ends || c.word_is(n2.last, "and"))))
                    && !c.flag(n2.last, F_CURRENCY)
                {
                    cents = n2.value / 100.0;
                    end = n2.last;
                }
            }
        }
    }
    let mut kind = suf.kind.clone();
    let mut unit = suf.unit.clone();
    if currency.is_none() {
        currency = suf.currency.clone();
    }
    if let Some(cur) = &currency {
        kind = Some(QuantityKind::Money);
        unit = Some(money_unit.unwrap_or_else(|| cur.code.to_string()));
    }
    // "30 MUSD": the code counts millions; "75 USD million": the scale after the code.
    let mut mult = currency
        .as_ref()
        .map(|cur| if cur.factor > 1.0 { cur.factor } else { 1.0 })
        .unwrap_or(1.0);
    if suf.currency.is_some() && second.is_none() && c.same_line(end) && !num.scaled {
        if let Some((v, WordClass::Scale)) = c.cardinal(end) {
            mult *= v;
            end += 1;
        }
    }
    if mult > 1.0 {
        num.value *= mult;
        for f in figures.iter_mut() {
            f.1 *= mult;
        }
    }

    // Hedges after: "or more", "10,000-plus".
    let mut hedge_word = None;
    let mut hedge_span = None;
    let mut after_start = end;
    if c.is_dash(end) && c.glued(end) && c.word_is(end + 1, "plus") {
        after_start = end + 1;
    }
    if c.same_line(after_start) {
        if let Some((e, h)) =
            c.match_after(after_start, 3, &c.lex.hedges_after, false, F_HEDGE_AFTER)
        {
            // "or more" but not "or more than"; "plus" only glued or before a noun-less end.
            let plus = c.word_is(after_start, "plus");
            // "200 or greater than 190": the words belong to the next figure.
            let next_figure =
                c.same_line(e) && (c.kind(e) == Some(Kind::Digits) || c.cardinal(e).is_some());
            let ok = !c.word_is(e, "than")
                && !next_figure
                && (!plus
                    || after_start != end
                    || !matches!(c.kind(e), Some(Kind::Digits) | Some(Kind::Word)));
            if ok && second.is_none() {
                hedge_word = Some(h);
                hedge_span = Some(span(c, end, e));
                end = e;
            }
        }
    }
    let core = span(c, start, end);

    // Before the figure: "between"/"from", hedges, "aged", name cues.
    let mut first = start;
    if second.is_some() && (between || (from && !change)) {
        first = start - 1;
    }
    if second.is_none() {
        if let Some((a, h)) =
            c.match_before(first, c.lex.max_words, &c.lex.hedges_before, F_HEDGE_BEFORE)
        {
            // With a hedge after: "more than 5000 or equal to" is at least 5000, "equal to 5000 or
            // less" at most 5000.
            // "<>30", "=>30": not a comparison we know.
            let odd_symbol = a > 0
                && c.glued(a)
                && c.kind(a) == Some(Kind::Punct)
                && matches!(c.s(a - 1), "<" | ">" | "=" | "!");
            let combined = if odd_symbol {
                None
            } else {
                match (h, hedge_word) {
                    (_, None) => Some(h),
                    (HedgeWord::MoreThan | HedgeWord::AtLeast, Some(HedgeWord::Exact)) => {
                        Some(HedgeWord::AtLeast)
                    }
                    (HedgeWord::LessThan | HedgeWord::AtMost, Some(HedgeWord::Exact)) => {
                        Some(HedgeWord::AtMost)
                    }
                    (HedgeWord::Exact, Some(after)) => Some(after),
                    _ => None,
                }
            };
            if let Some(hw) = combined {
                let before = span(c, a, first);
                hedge_span = Some(match hedge_span {
                    Some(after) => before.cover(after),
                    None => before,
                });
                hedge_word = Some(hw);
                first = a;
            }
        }
    }
    let prev = start.checked_sub(1);
    let mut cue_word = None;
    if kind.is_none() {
        if let Some(p) = prev {
            let w = c.lower(p);
            if matches!(w.as_str(), "aged" | "age" | "ages")
                && c.same_line(start)
                && num.form != Form::Ordinal
            {
                kind = Some(QuantityKind::Age);
                unit = Some("year".into());
                cue_word = Some(p);
            } else if w.as_str() == "magnitude" || w.as_str() == "magnitude-" {
                kind = Some(QuantityKind::Measurement);
                unit = Some("magnitude".into());
            }
        }
    }
    // "scp173m": a figure glued to the letters of a name is part of it, whatever follows.
    let dashed_name = |p: usize| {
        c.glued(start)
            && c.is_dash(p)
            && p > 0
            && c.glued(p)
            && c.kind(p - 1) == Some(Kind::Word)
            && c.cardinal(p - 1).is_none()
    };
    if currency.is_none()
        && hedge_word.is_none()
        && kind.is_some()
        && prev.is_some_and(|p| {
            (c.glued(start) && c.kind(p) == Some(Kind::Word) || dashed_name(p))
                && num.form == Form::Digits
        })
    {
        kind = Some(QuantityKind::NamePart);
        unit = None;
    }
    if kind.is_none() && hedge_word.is_none() {
        // Glued to letters ("G20", "MH17", "F-16", "COVID-19", "SCP-173") or after "#": part of a name.
        if let Some(p) = prev {
            let glued_word = c.glued(start) && c.kind(p) == Some(Kind::Word);
            let dashed = c.glued(start)
                && c.is_dash(p)
                && p > 0
                && c.glued(p)
                && c.kind(p - 1) == Some(Kind::Word)
                && c.s(p - 1)
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase());
            let hash = c.glued(start)
                && (c.is_punct(p, "#")
                    || (c.is_punct(p, "+")
                        && p > 0
                        && c.glued(p)
                        && c.kind(p - 1) == Some(Kind::Digits)));
            // "06F6": digits, letters, digits make a code.
            let code = c.glued(num.last)
                && c.kind(num.last) == Some(Kind::Word)
                && c.glued(num.last + 1)
                && c.kind(num.last + 1) == Some(Kind::Digits);
            if glued_word || dashed || hash || code {
                kind = Some(QuantityKind::NamePart);
            }
        }
        if kind.is_none() {
            if let Some((a, is_name)) = c.match_before(start, 2, &c.lex.names, F_NAME) {
                if is_name {
                    // "Route 66", "Group of 20": the cue word is capitalised (or "No.").
                    let cap = c.s(a).chars().next().is_some_and(|ch| ch.is_uppercase());
                    if cap && num.form == Form::Digits && !num.grouped && !num.fractional {
                        kind = Some(QuantityKind::NamePart);
                    }
                }
            }
        }
    }
    // Years: four plain digits, 1900-2100, or 1000-2100 after "in", "since", "by"…
    if kind.is_none()
        && currency.is_none()
        && num.form == Form::Digits
        && !num.grouped
        && !num.fractional
        && !num.scaled
        && c.s(num.first).len() == 4
        && num.first == start
    {
        let v = num.value;
        let cue = c
            .match_before(start, 2, &c.lex.names, F_NAME)
            .map(|(_, is_name)| !is_name)
            .unwrap_or(false);
        let both = figures
            .get(1)
            .map(|f| (1000.0..=2100.0).contains(&f.1))
            .unwrap_or(true);
        if both
            && ((1900.0..=2100.0).contains(&v) || (cue && (1000.0..=2100.0).contains(&v)))
            && hedge_word.is_none()
        {
            kind = Some(QuantityKind::Year);
        }
    }
    // "absolute zero": a temperature.
    if kind.is_none()
        && num.form == Form::Words
        && num.value == 0.0
        && prev.is_some_and(|p| c.word_is(p, "absolute") && c.same_line(start))
    {
        if let Some(p) = prev {
            kind = Some(QuantityKind::Temperature);
            unit = Some("K".into());
            cue_word = Some(p);
        }
    }
    let kind = kind.unwrap_or(QuantityKind::Cardinal);
    // "aged 70": the cue word belongs to the phrase.
    let core = match cue_word {
        Some(p) => span(c, p, end),
        None => core,
    };
    if let Some(p) = cue_word {
        if first > p {
            first = p;
        }
    }

    let (value, low, high, hedge) = if let Some(n2) = second {
        let _ = n2;
        (None, Some(figures[0].1), Some(figures[1].1), Hedge::Range)
    } else {
        let v = num.value + cents + inches;
        match (hedge_word, plus_minus) {
            (None, Some(u)) => (Some(v), Some(v - u), Some(v + u), Hedge::Approximately),
            (None | Some(HedgeWord::Exact), _) => (Some(v), Some(v), Some(v), Hedge::Exact),
            (Some(h), _) => {
                let (lo, hi) = interval(h, v);
                (Some(v), lo, hi, h.hedge())
            }
        }
    };
    let q = Quantity {
        span: span(c, first, end),
        value,
        low,
        high,
        hedge,
        kind,
        unit,
    };
    Some((
        Found {
            quantity: q,
            figures,
            core,
            hedge_span,
            hedge_word,
            bounds: None,
            parts: Vec::new(),
        },
        end,
    ))
}

/// The value of `n` without its trailing scale word: used to spread "$2-3bn" to the first figure.
fn strip_scale(c: &Cursor, n: &Num) -> f64 {
    let mut k = n.first;
    let mut text = String::new();
    while k < n.last {
        if c.lex.scales.contains_key(c.s(k)) || c.lex.scales.contains_key(c.lower(k).as_str()) {
            break;
        }
        text.push_str(c.s(k));
        if k + 1 < n.last && !c.glued(k + 1) {
            text.push(' ');
        }
        k += 1;
    }
    crate::scan::parse_number(text.trim())
        .filter(|v| *v != 0.0)
        .unwrap_or(n.value)
}

/// The interval a hedge allows around `v` (see the module documentation).
pub fn interval(h: HedgeWord, v: f64) -> (Option<f64>, Option<f64>) {
    // Scaled by ten first so that round figures stay round: 12000 → [10800, 13200].
    let (lo, hi) = (
        v * (10.0 - APPROX_BAND * 10.0) / 10.0,
        v * (10.0 + APPROX_BAND * 10.0) / 10.0,
    );
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    match h {
        HedgeWord::Exact => (Some(v), Some(v)),
        HedgeWord::Approximately => (Some(lo), Some(hi)),
        HedgeWord::Nearly => (Some(lo.min(v)), Some(v.max(lo))),
        HedgeWord::MoreThan | HedgeWord::AtLeast => (Some(v), None),
        HedgeWord::LessThan | HedgeWord::AtMost => (Some(0f64.min(v)), Some(v)),
    }
}

/// A unit or currency named without a figure ("convert 10 celsius to fahrenheit", "the dollar
/// rose"): the Recognizers-Text unit models report these. Not quantities and not written to the
/// document; [`crate::unit_mentions`] finds them for callers that want unit mentions.
#[derive(Clone, PartialEq, Debug)]
pub struct BareUnit {
    pub span: Span,
    /// The unit or currency code ("°F", "USD", "%").
    pub unit: String,
    /// Money, percent, temperature or measurement.
    pub kind: QuantityKind,
}

/// Unit words too common as plain English to report without a figure.
const BARE_STOP: &[&str] = &[
    "turn",
    "turns",
    "sen",
    "cup",
    "cups",
    "won",
    "rand",
    "real",
    "mark",
    "marks",
    "crown",
    "crowns",
    "kip",
    "barrel",
    "barrels",
    "bit",
    "bits",
    "foot",
    "feet",
    "yard",
    "yards",
    "pound",
    "pounds",
    "ton",
    "tons",
    "knots",
    "degree",
    "degrees",
    "deg",
    "deg.",
    "mile",
    "miles",
    "inch",
    "night",
    "nights",
    "second",
    "seconds",
    "minute",
    "minutes",
    "ounce",
    "watts",
    "volts",
    "magnitude",
    "percentage points",
    "percentage point",
];

/// Units and currencies named by a word (three letters or more) or "%", outside every quantity.
pub fn bare_units(c: &Cursor, covered: &[bool], out: &mut Vec<BareUnit>) {
    let mut i = 0;
    while i < c.len() {
        if covered.get(i).copied().unwrap_or(true) || !c.flag(i, F_UNIT | F_CURRENCY) {
            i += 1;
            continue;
        }
        // Not glued to a word or a figure before it ("multibillion-dollar" counts: the dash parts them).
        if i > 0 && c.glued(i) && matches!(c.kind(i - 1), Some(Kind::Word) | Some(Kind::Digits)) {
            i += 1;
            continue;
        }
        let cur = c
            .match_after(i, 4, &c.lex.currencies, false, F_CURRENCY)
            .map(|(e, cur)| (e, cur.code.to_string(), QuantityKind::Money));
        let unit = c
            .match_after(i, 3, &c.lex.units, true, F_UNIT)
            .and_then(|(e, u)| {
                let kind = match u.kind {
                    UnitKind::Percent => QuantityKind::Percent,
                    UnitKind::Temperature => QuantityKind::Temperature,
                    UnitKind::Measurement => QuantityKind::Measurement,
                    UnitKind::Duration => return None,
                };
                Some((e, u.unit.to_string(), kind))
            });
        let best = match (cur, unit) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        let Some((end, unit, kind)) = best else {
            i += 1;
            continue;
        };
        let text = &c.text[c.toks[i].start..c.toks[end - 1].end];
        let wordy = text.chars().filter(|ch| ch.is_alphabetic()).count() >= 3
            && text.chars().all(|ch| ch.is_alphabetic() || ch == ' ');
        let lower = text.to_lowercase();
        let glued_after =
            c.glued(end) && matches!(c.kind(end), Some(Kind::Word) | Some(Kind::Digits));
        if (wordy || text == "%")
            && !glued_after
            && !BARE_STOP.contains(&lower.as_str())
            && !(covered[i..end].iter().any(|b| *b))
        {
            out.push(BareUnit {
                span: span(c, i, end),
                unit,
                kind,
            });
            i = end;
        } else {
            i += 1;
        }
    }
}
