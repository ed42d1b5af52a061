//! The numbers stage: numbers, amounts, ranges, hedged and vague quantities, and dates, each with
//! exact byte offsets.
//!
//! Reads the sentences (or, without them, the non-boilerplate text) and the publication date;
//! writes `Document::quantities` and `Document::dates`. A hand-written scanner walks a light
//! tokenization of each sentence (digit runs, letter runs, single marks) and looks words up in the
//! tables of `data/*.tsv`: number words, ordinals, scales, hedges, vague quantities, currencies,
//! units, name cues and calendar words. No regular expressions, no backtracking.
//!
//! Every figure gets a [`QuantityKind`](document::QuantityKind): counts, money, percentages,
//! ordinals (kept apart), years, ages ("21-year-old", "aged 70"), clock times, durations ("five
//! days"), temperatures, measurements and numbers that are part of a name ("Group of 20", "G20").
//! Hedges become intervals as [`quantity`] documents (approximately = ±10%; a stated "±" keeps
//! its own width). Units named without a figure ("convert 10 celsius to fahrenheit") are found
//! by [`unit_mentions`] for callers that want them; the stage does not store them. It does not
//! decide which figures are claims, what they count or who said them: that is the claims stage.

pub mod date;
mod error;
pub mod lexicon;
pub mod quantity;
pub mod scan;
pub mod token;

use chrono::NaiveDate;
use document::{DateMention, DatePrecision, Document, Layer, Quantity, QuantityKind, Span, Stage};

pub use error::NumbersError;
pub use quantity::{BareUnit, Found, APPROX_BAND};
pub use scan::parse_number;

/// What one stretch of text holds: quantities (with their details) and dates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub quantities: Vec<Found>,
    pub dates: Vec<DateMention>,
}

/// Finds the quantities and dates of `text`; offsets are relative to `text`.
pub fn analyse(text: &str, published: Option<NaiveDate>) -> Analysis {
    // The token, flag and blocked-token buffers are reused from one call to the next (one sentence
    // after another).
    type Buffers = (Vec<token::Tok>, Vec<u16>, Vec<bool>);
    thread_local! {
        static BUFFERS: std::cell::Cell<Buffers> = const { std::cell::Cell::new((Vec::new(), Vec::new(), Vec::new())) };
    }
    let (mut toks, mut flags, mut blocked) = BUFFERS.with(std::cell::Cell::take);
    let lex = lexicon::lexicon();
    let seen = token::tokenize_flagged(text, lex, &mut toks, &mut flags);
    // Most sentences hold no digit, number word, currency, calendar word or date word: nothing
    // can start a quantity or a date there, and the readers are skipped.
    if !seen.may_hold_quantities() && !seen.may_hold_dates() {
        BUFFERS.with(|b| b.set((toks, flags, blocked)));
        return Analysis::default();
    }
    let cursor = scan::Cursor::with_flags(text, &toks, lex, flags);
    let analysis = analyse_tokens(text, published, &toks, &cursor, &mut blocked, seen);
    let flags = cursor.into_buffer();
    BUFFERS.with(|b| b.set((toks, flags, blocked)));
    analysis
}

/// [`analyse`] without skipping the readers where the token summary rules them out: for tests
/// that the skipping changes nothing.
#[doc(hidden)]
pub fn analyse_unfiltered(text: &str, published: Option<NaiveDate>) -> Analysis {
    let lex = lexicon::lexicon();
    let (mut toks, mut flags, mut blocked) = (Vec::new(), Vec::new(), Vec::new());
    let seen = token::tokenize_flagged(text, lex, &mut toks, &mut flags);
    let everything = token::Summary {
        digits: true,
        web: seen.web,
        ..token::Summary::default()
    };
    let cursor = scan::Cursor::with_flags(text, &toks, lex, flags);
    analyse_tokens(text, published, &toks, &cursor, &mut blocked, everything)
}

/// [`analyse`] over the tokens of `text` and their cursor; `blocked` is a scratch buffer.
fn analyse_tokens(
    text: &str,
    published: Option<NaiveDate>,
    toks: &[token::Tok],
    cursor: &scan::Cursor,
    blocked: &mut Vec<bool>,
    seen: token::Summary,
) -> Analysis {
    let mut found_dates = Vec::new();
    if seen.may_hold_dates() {
        date::find(cursor, published, &mut found_dates);
    }
    if !seen.may_hold_quantities() {
        let mut dates: Vec<DateMention> = found_dates.into_iter().map(|d| d.mention).collect();
        dates.sort_by_key(|d| (d.span.start(), d.span.end()));
        return Analysis {
            quantities: Vec::new(),
            dates,
        };
    }
    // Tokens inside a date are not figures, except a lone year ("in 2019", "early 2025"), which is
    // also a quantity of kind `year`.
    blocked.clear();
    blocked.resize(toks.len(), false);
    for d in &found_dates {
        for (t, flag) in blocked.iter_mut().enumerate().take(d.last).skip(d.first) {
            let lone_year = d.mention.precision != DatePrecision::Day
                && d.mention.precision != DatePrecision::Month
                && toks[t].kind == token::Kind::Digits
                && toks[t].end - toks[t].start == 4;
            if !lone_year {
                *flag = true;
            }
        }
    }
    // Figures inside a web address ("…?q=30%25%2020%") are not quantities.
    if seen.web {
        let mut at = 0;
        for chunk in text.split(|ch: char| ch.is_whitespace()) {
            let start = at;
            at += chunk.len()
                + text[at + chunk.len()..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(0);
            if chunk.contains("://") || chunk.starts_with("www.") {
                let end = start + chunk.len();
                for (t, flag) in blocked.iter_mut().enumerate() {
                    if toks[t].start >= start && toks[t].end <= end {
                        *flag = true;
                    }
                }
            }
        }
    }
    let mut quantities = Vec::new();
    quantity::find(cursor, blocked, &mut quantities);
    let mut dates: Vec<DateMention> = found_dates.into_iter().map(|d| d.mention).collect();
    for q in &quantities {
        let quantity = &q.quantity;
        if quantity.kind == QuantityKind::Year
            && q.figures.len() == 1
            && !dates.iter().any(|d| d.span.overlaps(quantity.span))
        {
            let year = quantity.value.unwrap_or(0.0) as i32;
            let span = q.figures[0].0;
            dates.push(DateMention {
                span,
                date: NaiveDate::from_ymd_opt(year, 1, 1),
                precision: DatePrecision::Year,
                relative: false,
            });
        }
    }
    dates.sort_by_key(|d| (d.span.start(), d.span.end()));
    Analysis { quantities, dates }
}

/// Units and currencies named without a figure ("convert 10 celsius to fahrenheit" has
/// "fahrenheit"), outside every quantity and date of `text`. The stage does not look for them.
pub fn unit_mentions(text: &str) -> Vec<BareUnit> {
    let mut toks = Vec::new();
    token::tokenize(text, &mut toks);
    let found = analyse(text, None);
    let cursor = scan::Cursor::new(text, &toks, lexicon::lexicon());
    let spans: Vec<Span> = found
        .quantities
        .iter()
        .map(|q| q.quantity.span)
        .chain(found.dates.iter().map(|d| d.span))
        .collect();
    let covered: Vec<bool> = toks
        .iter()
        .map(|t| spans.iter().any(|s| t.start < s.end() && t.end > s.start()))
        .collect();
    let mut out = Vec::new();
    quantity::bare_units(&cursor, &covered, &mut out);
    out
}

/// The quantities of `text`, offsets relative to `text`.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    analyse(text, None)
        .quantities
        .into_iter()
        .map(|f| f.quantity)
        .collect()
}

/// The dates of `text`, resolved against `published` where relative; offsets relative to `text`.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    analyse(text, published).dates
}

/// The numbers stage.
pub struct NumbersStage;

impl Stage for NumbersStage {
    fn name(&self) -> &'static str {
        "numbers"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Metadata, Layer::Boilerplate, Layer::Sentences]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quantities, Layer::Dates]
    }
    fn run(&self, doc: &mut Document) {
        let pieces: Vec<Span> = if doc.sentences.is_empty() {
            doc.content_spans()
        } else {
            doc.sentences
                .iter()
                .map(|s| s.span)
                .filter(|s| !doc.is_boilerplate(*s))
                .collect()
        };
        let published = doc.meta.published;
        let mut quantities = Vec::new();
        let mut dates = Vec::new();
        for piece in pieces {
            let Some(text) = doc.get(piece) else { continue };
            let found = analyse(text, published);
            let at = piece.start();
            quantities.extend(found.quantities.into_iter().map(|f| {
                let mut q = f.quantity;
                q.span = q.span.shift(at);
                q
            }));
            dates.extend(found.dates.into_iter().map(|mut d| {
                d.span = d.span.shift(at);
                d
            }));
        }
        doc.quantities = quantities;
        doc.dates = dates;
    }
}
