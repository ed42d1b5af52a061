//! Date expressions: absolute ("March 2, 2025", "9 January", "Oct. 3, 2023", "2025-03-02") and
//! relative ("on Friday", "last week", "early 2025", "a day earlier"), resolved against the
//! publication date.
//!
//! Resolution rules. A day or month without a year takes the year that puts it closest to the
//! publication date. A bare weekday is the most recent such day on or before publication ("next
//! Friday" is the one after). "last week" / "this week" / "next week" resolve to that week's
//! Monday with day precision (the model has no week precision). "last month" is the first of the
//! previous month; "last year" 1 January of the previous year. "early/mid/late 2025" are season
//! precision, starting 1 January, 1 May and 1 September. "a day earlier", "two days later" count
//! from the last date mentioned before them, else from publication; "three days ago" from
//! publication. Without a publication date, relative dates are found but left unresolved.

use chrono::{Datelike, Duration, NaiveDate};
use document::{DateMention, DatePrecision, Span};

use crate::lexicon::CalendarKind;
use crate::scan::Cursor;
use crate::token::Kind;

/// A date found at tokens `first..last`.
pub struct FoundDate {
    pub mention: DateMention,
    pub first: usize,
    pub last: usize,
}

fn span(c: &Cursor, first: usize, last: usize) -> Span {
    Span::new(c.toks[first].start, c.toks[last - 1].end)
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|ch| ch.is_uppercase())
}

/// A capitalised month name (with an optional abbreviation dot) at `i`: (month, end token).
fn month_at(c: &Cursor, i: usize) -> Option<(u32, usize)> {
    if c.kind(i) != Some(Kind::Word) || !c.flag(i, crate::lexicon::F_CAL) || !capitalised(c.s(i)) {
        return None;
    }
    let (kind, m) = c.lex.calendar.get(c.lower(i).as_str()).copied()?;
    if kind != CalendarKind::Month {
        return None;
    }
    let full = c.s(i).len() > 3 || c.s(i).eq_ignore_ascii_case("may");
    if c.is_punct(i + 1, ".") && c.glued(i + 1) && !full {
        return Some((m, i + 2));
    }
    Some((m, i + 1))
}

/// A day of month (1-31, "9th") at `i`: (day, end token).
fn day_at(c: &Cursor, i: usize) -> Option<(u32, usize)> {
    if c.kind(i) != Some(Kind::Digits) || c.s(i).len() > 2 {
        return None;
    }
    let d: u32 = c.s(i).parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut end = i + 1;
    if c.glued(end) && matches!(c.lower(end).as_str(), "st" | "nd" | "rd" | "th") {
        end += 1;
    }
    // "9.5" or "9,000" is not a day.
    if c.glued(end)
        && (c.is_punct(end, ",") || c.is_punct(end, "."))
        && c.kind(end + 1) == Some(Kind::Digits)
        && c.glued(end + 1)
    {
        return None;
    }
    if c.glued(end) && matches!(c.kind(end), Some(Kind::Word) | Some(Kind::Digits)) {
        return None;
    }
    Some((d, end))
}

/// A four-digit year (1000-2100) at `i`.
fn year_at(c: &Cursor, i: usize) -> Option<(i32, usize)> {
    if c.kind(i) != Some(Kind::Digits) || c.s(i).len() != 4 {
        return None;
    }
    let y: i32 = c.s(i).parse().ok()?;
    if !(1000..=2100).contains(&y)
        || (c.glued(i + 1) && matches!(c.kind(i + 1), Some(Kind::Word) | Some(Kind::Digits)))
    {
        return None;
    }
    if c.glued(i + 1)
        && c.is_punct(i + 1, ",")
        && c.kind(i + 2) == Some(Kind::Digits)
        && c.glued(i + 2)
    {
        return None;
    }
    Some((y, i + 1))
}

/// The year that puts month/day closest to `published`.
fn closest(month: u32, day: u32, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let p = published?;
    (p.year() - 1..=p.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - p).num_days().abs())
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn first_of_month(d: NaiveDate, back: i32) -> Option<NaiveDate> {
    let months = d.year() * 12 + d.month0() as i32 + back;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
}

fn number_word(c: &Cursor, i: usize) -> Option<(f64, usize)> {
    if c.word_is(i, "a") || c.word_is(i, "an") || c.word_is(i, "one") {
        return Some((1.0, i + 1));
    }
    if c.kind(i) == Some(Kind::Digits) && c.s(i).len() <= 3 {
        return c.s(i).parse().ok().map(|v| (v, i + 1));
    }
    let n = c.words(i)?;
    Some((n.value, n.last))
}

/// Finds the dates in the tokens of `c`.
pub fn find(c: &Cursor, published: Option<NaiveDate>, out: &mut Vec<FoundDate>) {
    let n = c.len();
    let mut i = 0;
    // The last date mentioned, for "a day earlier".
    let mut anchor: Option<NaiveDate> = None;
    while i < n {
        use crate::lexicon::{F_CAL, F_CARD, F_DATE_NEXT, F_DATE_PAIR, F_DATE_WORD};
        // Only digits, calendar and number words and the words of `relative` can start a date;
        // "the", "a", "last"… only before a word that can go on with them.
        let f = c.flags.get(i).copied().unwrap_or(0);
        let starts = c.toks[i].kind == Kind::Digits
            || f & (F_CAL | F_CARD) != 0
            || (f & F_DATE_WORD != 0
                && (f & F_DATE_PAIR == 0 || c.flag(i + 1, F_DATE_NEXT | F_CAL)));
        if !starts {
            i += 1;
            continue;
        }
        let found = absolute(c, i, published).or_else(|| relative(c, i, published, anchor));
        match found {
            Some(f) => {
                i = f.last.max(i + 1);
                if !f.mention.relative || f.mention.precision == DatePrecision::Day {
                    if let Some(d) = f.mention.date {
                        anchor = Some(d);
                    }
                }
                out.push(f);
            }
            None => i += 1,
        }
    }
}

fn mention(
    c: &Cursor,
    first: usize,
    last: usize,
    date: Option<NaiveDate>,
    precision: DatePrecision,
    relative: bool,
) -> FoundDate {
    FoundDate {
        mention: DateMention {
            span: span(c, first, last),
            date,
            precision,
            relative,
        },
        first,
        last,
    }
}

fn absolute(c: &Cursor, i: usize, published: Option<NaiveDate>) -> Option<FoundDate> {
    // ISO: 2025-03-02, 2025/03/02.
    if let Some((y, _)) = year_at(c, i).or_else(|| {
        if c.kind(i) != Some(Kind::Digits) || c.s(i).len() != 4 {
            return None;
        }
        let y: i32 = c.s(i).parse().ok()?;
        Some((y, i + 1))
    }) {
        let sep = c.s(i + 1);
        if (sep == "-" || sep == "/")
            && c.glued(i + 1)
            && c.glued(i + 2)
            && c.s(i + 3) == sep
            && c.glued(i + 3)
            && c.glued(i + 4)
            && c.kind(i + 2) == Some(Kind::Digits)
            && c.kind(i + 4) == Some(Kind::Digits)
            && c.s(i + 2).len() <= 2
            && c.s(i + 4).len() <= 2
        {
            let m: u32 = c.s(i + 2).parse().ok()?;
            let d: u32 = c.s(i + 4).parse().ok()?;
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some(mention(c, i, i + 5, Some(date), DatePrecision::Day, false));
        }
    }
    // Month first: "March 2, 2025", "Oct. 3, 2023", "March 2025", "March 2".
    if let Some((m, after_month)) = month_at(c, i) {
        let mut k = after_month;
        if let Some((d, after_day)) = day_at(c, k).filter(|_| c.same_line(k)) {
            k = after_day;
            let mut y_end = None;
            let mut j = k;
            if c.is_punct(j, ",") {
                j += 1;
            }
            if let Some((y, e)) = year_at(c, j).filter(|_| c.same_line(j)) {
                y_end = Some((y, e));
            }
            return Some(match y_end {
                Some((y, e)) => mention(
                    c,
                    i,
                    e,
                    NaiveDate::from_ymd_opt(y, m, d),
                    DatePrecision::Day,
                    false,
                ),
                None => mention(c, i, k, closest(m, d, published), DatePrecision::Day, false),
            });
        }
        let mut j = k;
        if c.word_is(j, "of") || c.is_punct(j, ",") {
            j += 1;
        }
        if let Some((y, e)) = year_at(c, j).filter(|_| c.same_line(j)) {
            return Some(mention(
                c,
                i,
                e,
                NaiveDate::from_ymd_opt(y, m, 1),
                DatePrecision::Month,
                false,
            ));
        }
        // A month alone needs a cue before it: "in March", "since January", "early March".
        if i > 0 {
            let cue = c.lower(i - 1);
            if matches!(
                cue.as_str(),
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "from"
                    | "during"
                    | "of"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "through"
                    | "throughout"
                    | "end"
            ) {
                let relative = matches!(cue.as_str(), "last" | "next" | "this");
                let first = if matches!(
                    cue.as_str(),
                    "early" | "late" | "mid" | "last" | "next" | "this"
                ) {
                    i - 1
                } else {
                    i
                };
                let date = published.and_then(|p| {
                    let this = NaiveDate::from_ymd_opt(p.year(), m, 1)?;
                    match cue.as_str() {
                        "last" => {
                            if this < first_of_month(p, 0)? {
                                Some(this)
                            } else {
                                NaiveDate::from_ymd_opt(p.year() - 1, m, 1)
                            }
                        }
                        "next" => {
                            if this > p {
                                Some(this)
                            } else {
                                NaiveDate::from_ymd_opt(p.year() + 1, m, 1)
                            }
                        }
                        _ => closest(m, 1, Some(p)),
                    }
                });
                return Some(mention(c, first, k, date, DatePrecision::Month, relative));
            }
        }
        return None;
    }
    // Day first: "9 January", "2 March 2025", "the 9th of January".
    if let Some((d, after_day)) = day_at(c, i) {
        let mut k = after_day;
        if c.word_is(k, "of") {
            k += 1;
        }
        if let Some((m, after_month)) = month_at(c, k).filter(|_| c.same_line(k)) {
            let mut j = after_month;
            if c.is_punct(j, ",") {
                j += 1;
            }
            if let Some((y, e)) = year_at(c, j).filter(|_| c.same_line(j)) {
                return Some(mention(
                    c,
                    i,
                    e,
                    NaiveDate::from_ymd_opt(y, m, d),
                    DatePrecision::Day,
                    false,
                ));
            }
            return Some(mention(
                c,
                i,
                after_month,
                closest(m, d, published),
                DatePrecision::Day,
                false,
            ));
        }
    }
    None
}

fn relative(
    c: &Cursor,
    i: usize,
    published: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
) -> Option<FoundDate> {
    if c.kind(i) != Some(Kind::Word) {
        return None;
    }
    let w = c.lower(i);
    let w = w.as_str();
    let p = published;
    match w {
        "yesterday" => {
            return Some(mention(
                c,
                i,
                i + 1,
                p.map(|p| p - Duration::days(1)),
                DatePrecision::Day,
                true,
            ))
        }
        "today" | "tonight" => return Some(mention(c, i, i + 1, p, DatePrecision::Day, true)),
        "tomorrow" => {
            return Some(mention(
                c,
                i,
                i + 1,
                p.map(|p| p + Duration::days(1)),
                DatePrecision::Day,
                true,
            ))
        }
        "last" | "this" | "next" | "past" => {
            let unit = c.lower(i + 1);
            let step: i64 = match w {
                "last" | "past" => -1,
                "this" => 0,
                _ => 1,
            };
            let date_prec = match unit.as_str() {
                "week" => Some((
                    p.map(|p| monday(p) + Duration::weeks(step)),
                    DatePrecision::Day,
                )),
                "month" => Some((
                    p.and_then(|p| first_of_month(p, step as i32)),
                    DatePrecision::Month,
                )),
                "year" => Some((
                    p.and_then(|p| NaiveDate::from_ymd_opt(p.year() + step as i32, 1, 1)),
                    DatePrecision::Year,
                )),
                "weekend" => Some((
                    p.map(|p| monday(p) + Duration::weeks(step) + Duration::days(5)),
                    DatePrecision::Day,
                )),
                _ => None,
            };
            if let Some((date, prec)) = date_prec {
                if w == "past" {
                    return None;
                }
                return Some(mention(c, i, i + 2, date, prec, true));
            }
            if let Some((kind, v)) = c.lex.calendar.get(unit.as_str()).copied() {
                if kind == CalendarKind::Season && w != "past" {
                    let date = p.and_then(|p| season(p, v, step));
                    return Some(mention(c, i, i + 2, date, DatePrecision::Season, true));
                }
                if kind == CalendarKind::Weekday && capitalised(c.s(i + 1)) && w != "past" {
                    let date = p.map(|p| weekday(p, v, step));
                    return Some(mention(c, i, i + 2, date, DatePrecision::Day, true));
                }
            }
            return None;
        }
        "early" | "mid" | "late" => {
            // "early 2025", "mid-2025", "late 2024".
            let mut k = i + 1;
            if c.is_dash(k) && c.glued(k) {
                k += 1;
            }
            if let Some((y, e)) = year_at(c, k) {
                let (_, m) = c.lex.calendar.get(w).copied()?;
                return Some(mention(
                    c,
                    i,
                    e,
                    NaiveDate::from_ymd_opt(y, m, 1),
                    DatePrecision::Season,
                    true,
                ));
            }
            return None;
        }
        "earlier" | "later" => return None,
        _ => {}
    }
    // A capitalised weekday: "on Friday", "Friday night" (every calendar word has the flag).
    if let Some((CalendarKind::Weekday, v)) = c
        .flag(i, crate::lexicon::F_CAL)
        .then(|| c.lex.calendar.get(w).copied())
        .flatten()
    {
        if capitalised(c.s(i)) && c.s(i).len() > 3 {
            let date = p.map(|p| weekday(p, v, 0));
            return Some(mention(c, i, i + 1, date, DatePrecision::Day, true));
        }
        return None;
    }
    // "a day earlier", "two days later", "three weeks ago", "the next day", "the previous day".
    if w == "the" {
        let which = c.lower(i + 1);
        if c.word_is(i + 2, "day") {
            let step = match which.as_str() {
                "next" | "following" => 1,
                "previous" => -1,
                _ => return None,
            };
            let base = anchor.or(p);
            return Some(mention(
                c,
                i,
                i + 3,
                base.map(|b| b + Duration::days(step)),
                DatePrecision::Day,
                true,
            ));
        }
        if which.as_str() == "day"
            && c.word_is(i + 2, "before")
            && !matches!(c.kind(i + 3), Some(Kind::Word) | Some(Kind::Digits))
        {
            let base = anchor.or(p);
            return Some(mention(
                c,
                i,
                i + 3,
                base.map(|b| b - Duration::days(1)),
                DatePrecision::Day,
                true,
            ));
        }
        return None;
    }
    let (count, k) = number_word(c, i)?;
    if count <= 0.0 || count > 1000.0 || count.fract() != 0.0 {
        return None;
    }
    let unit = c.lower(k);
    let days = match unit.as_str() {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    let dir = c.lower(k + 1);
    let delta = Duration::days(days * count as i64);
    let date = match dir.as_str() {
        "ago" => p.map(|p| p - delta),
        "earlier" | "before"
            if !matches!(c.kind(k + 2), Some(Kind::Word) | Some(Kind::Digits))
                || dir.as_str() == "earlier" =>
        {
            anchor.or(p).map(|b| b - delta)
        }
        "later" | "after"
            if !matches!(c.kind(k + 2), Some(Kind::Word) | Some(Kind::Digits))
                || dir.as_str() == "later" =>
        {
            anchor.or(p).map(|b| b + delta)
        }
        _ => return None,
    };
    Some(mention(c, i, k + 2, date, DatePrecision::Day, true))
}

/// The weekday `v` (1 = Monday) on or before `p` (`step` 0), before it (-1) or after it (1).
fn weekday(p: NaiveDate, v: u32, step: i64) -> NaiveDate {
    let today = p.weekday().number_from_monday() as i64;
    let back = (today - v as i64).rem_euclid(7);
    match step {
        0 => p - Duration::days(back),
        s if s < 0 => p - Duration::days(if back == 0 { 7 } else { back }),
        _ => {
            let fwd = (v as i64 - today).rem_euclid(7);
            p + Duration::days(if fwd == 0 { 7 } else { fwd })
        }
    }
}

/// The start of the season beginning in month `m` that "last" (-1), "this" (0) or "next" (1) names.
fn season(p: NaiveDate, m: u32, step: i64) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(p.year(), m, 1)?;
    // The most recent start on or before publication is "this" season.
    let current = if this_year <= p {
        this_year
    } else {
        NaiveDate::from_ymd_opt(p.year() - 1, m, 1)?
    };
    let in_season = first_of_month(current, 3)? > p;
    let year = match step {
        0 => current.year(),
        s if s < 0 => {
            if in_season {
                current.year() - 1
            } else {
                current.year()
            }
        }
        _ => current.year() + 1,
    };
    NaiveDate::from_ymd_opt(year, m, 1)
}
