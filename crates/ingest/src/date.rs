//! Reading calendar dates as web pages write them: "March 2, 2025", "Monday, March 10, 2025",
//! "Oct. 3, 2023", "9 January 2025", "2. März 2025", "le 2 mars 2025", "2 de marzo de 2025",
//! "2025-03-02", "2025-03-02T10:00:00+01:00", RFC 2822 ("Sun, 02 Mar 2025 10:00:00 +0000"),
//! numeric "02.03.2025", "3/2/2025", and CJK "2025年3月2日".
//!
//! Only full dates (day, month and year) are read; relative dates ("two days ago") and
//! month-only dates are left to the `numbers` stage. Month names come from `data/months.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

/// A full date found in a string, with its byte range.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// How to read an ambiguous numeric date with slashes ("03/02/2025").
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum SlashOrder {
    /// Month first, as US pages write it (the default).
    #[default]
    MonthFirst,
    /// Day first, as most of the rest of the world writes it.
    DayFirst,
}

/// Parses the first full date in `s` ("March 2, 2025", "2025-03-02", "9 January 2025", "02.03.2025").
/// Surrounding words ("Published on Monday, March 10, 2025 at 9:30") are allowed.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_date_with(s, SlashOrder::MonthFirst)
}

/// Like [`parse_date`], choosing how to read "03/02/2025".
pub fn parse_date_with(s: &str, order: SlashOrder) -> Option<NaiveDate> {
    let t = s.trim();
    // A bare compact date: 20250302.
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return compact(t);
    }
    find_dates_with(s, order).first().map(|f| f.date)
}

/// Every full date in `s`, in order, with byte offsets.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    find_dates_with(s, SlashOrder::MonthFirst)
}

/// Every full date in `s`, reading slashed numeric dates in the given order.
pub fn find_dates_with(s: &str, order: SlashOrder) -> Vec<FoundDate> {
    let toks = tokenize(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((date, last)) = match_at(&toks, i, order) {
            out.push(FoundDate {
                date,
                start: toks[i].start,
                end: toks[last].end,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads "20250302".
pub(crate) fn compact(t: &str) -> Option<NaiveDate> {
    let y: i32 = t.get(0..4)?.parse().ok()?;
    let m: u32 = t.get(4..6)?.parse().ok()?;
    let d: u32 = t.get(6..8)?.parse().ok()?;
    make(y, m, d)
}

/// The month number of a month name or abbreviation in any language the lexicon knows.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    months().get(w.as_str()).copied()
}

fn months() -> &'static HashMap<String, u32> {
    static MONTHS: OnceLock<HashMap<String, u32>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let mut map = HashMap::new();
        for line in include_str!("../data/months.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(Ok(n)) = parts.next().map(str::parse::<u32>) else {
                continue;
            };
            for w in parts {
                map.entry(w.to_lowercase()).or_insert(n);
            }
        }
        map
    })
}

fn make(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Num,
    Word,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    kind: Kind,
    s: &'a str,
    start: usize,
    end: usize,
}

impl Tok<'_> {
    fn num(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.s.len() <= 4 {
            self.s.parse().ok()
        } else {
            None
        }
    }
    fn digits(&self) -> usize {
        if self.kind == Kind::Num {
            self.s.len()
        } else {
            0
        }
    }
    fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.s.starts_with(c)
    }
    fn month(&self) -> Option<u32> {
        if self.kind == Kind::Word {
            month_number(self.s)
        } else {
            None
        }
    }
    fn word_in(&self, set: &[&str]) -> bool {
        self.kind == Kind::Word && set.iter().any(|w| self.s.eq_ignore_ascii_case(w))
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() && !is_cjk(c) {
            Kind::Word
        } else if is_cjk(c) {
            toks.push(Tok {
                kind: Kind::Word,
                s: &s[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        } else {
            toks.push(Tok {
                kind: Kind::Punct,
                s: &s[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        };
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            let same = match kind {
                Kind::Num => d.is_ascii_digit(),
                _ => d.is_alphabetic() && !is_cjk(d),
            };
            if !same {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        toks.push(Tok {
            kind,
            s: &s[i..end],
            start: i,
            end,
        });
    }
    toks
}

const ORDINAL: &[&str] = &["st", "nd", "rd", "th", "er", "e", "º", "ª", "o", "ᵉ"];
const OF: &[&str] = &["of", "de", "del", "di", "d"];

/// Tries every pattern that can start at token `i`; returns the date and the index of its last token.
fn match_at(t: &[Tok<'_>], i: usize, order: SlashOrder) -> Option<(NaiveDate, usize)> {
    let a = t[i];
    let adj = |x: usize| x + 1 < t.len() && t[x].end == t[x + 1].start;
    let get = |x: usize| t.get(x).copied();
    // Numbers glued to a preceding letter or digit run ("A320", "v2.0.2025") start no date.
    if i > 0 && t[i - 1].end == a.start && t[i - 1].kind != Kind::Punct {
        return None;
    }
    if a.kind == Kind::Num {
        // Y-M-D, Y/M/D, Y.M.D (also "2025. 3. 2." with spaces after the dots).
        if a.digits() == 4 {
            let y = a.num()? as i32;
            if let (Some(s1), Some(m), Some(s2), Some(d)) =
                (get(i + 1), get(i + 2), get(i + 3), get(i + 4))
            {
                let sep_ok = (s1.is('-') || s1.is('/') || s1.is('.')) && s2.s == s1.s;
                let tight = adj(i) && adj(i + 1) && adj(i + 2) && adj(i + 3);
                let loose_dot = s1.is('.') && adj(i) && adj(i + 2);
                if sep_ok
                    && (tight || loose_dot)
                    && m.digits() <= 2
                    && d.digits() <= 2
                    && m.kind == Kind::Num
                    && d.kind == Kind::Num
                {
                    // Not a version number or IP-like run: nothing glued after.
                    let glued_after = t.get(i + 5).is_some_and(|n| {
                        n.start == d.end
                            && (n.kind == Kind::Num
                                || (n.is(s1.s.chars().next().unwrap_or('-'))
                                    && t.get(i + 6)
                                        .is_some_and(|k| k.kind == Kind::Num && k.start == n.end)))
                    });
                    if !glued_after {
                        if let Some(date) = make(y, m.num()?, d.num()?) {
                            return Some((date, i + 4));
                        }
                    }
                }
            }
            // 2025年3月2日, 2025년 3월 2일
            if let (Some(k1), Some(m), Some(k2), Some(d)) =
                (get(i + 1), get(i + 2), get(i + 3), get(i + 4))
            {
                if matches!(k1.s, "年" | "년")
                    && matches!(k2.s, "月" | "월")
                    && m.kind == Kind::Num
                    && d.kind == Kind::Num
                {
                    if let Some(date) = make(y, m.num()?, d.num()?) {
                        let last = if get(i + 5).is_some_and(|x| matches!(x.s, "日" | "일")) {
                            i + 5
                        } else {
                            i + 4
                        };
                        return Some((date, last));
                    }
                }
            }
            // Hungarian and similar: "2025. március 2."
            let mut j = i + 1;
            if get(j).is_some_and(|x| x.is('.') || x.is(',')) {
                j += 1;
            }
            if let (Some(m), Some(d)) = (get(j).and_then(|x| x.month()), get(j + 1)) {
                if d.kind == Kind::Num
                    && d.digits() <= 2
                    && !get(j + 2).is_some_and(|x| x.is(':') || (x.kind == Kind::Num))
                {
                    if let Some(date) = make(y, m, d.num()?) {
                        return Some((date, j + 1));
                    }
                }
            }
            return None;
        }
        if a.digits() > 2 {
            return None;
        }
        let first = a.num()?;
        // D.M.Y, D/M/Y, D-M-Y (and M/D/Y by the slash order).
        if let (Some(s1), Some(b), Some(s2), Some(c)) =
            (get(i + 1), get(i + 2), get(i + 3), get(i + 4))
        {
            let sep_ok = (s1.is('-') || s1.is('/') || s1.is('.')) && s2.s == s1.s;
            let tight = adj(i) && adj(i + 1) && adj(i + 2) && adj(i + 3);
            let loose_dot = s1.is('.') && adj(i) && adj(i + 2);
            if sep_ok
                && (tight || loose_dot)
                && b.kind == Kind::Num
                && b.digits() <= 2
                && c.kind == Kind::Num
                && (c.digits() == 4 || c.digits() == 2)
            {
                let glued_after = t.get(i + 5).is_some_and(|n| {
                    n.start == c.end
                        && (n.kind == Kind::Num
                            || (n.is('.') || n.is('-') || n.is('/'))
                                && t.get(i + 6)
                                    .is_some_and(|k| k.kind == Kind::Num && k.start == n.end))
                });
                if !glued_after {
                    let mut y = c.num()? as i32;
                    if c.digits() == 2 {
                        y += if y < 70 { 2000 } else { 1900 };
                    }
                    let second = b.num()?;
                    let (d, m) = if s1.is('/') {
                        match order {
                            _ if first > 12 => (first, second),
                            _ if second > 12 => (second, first),
                            SlashOrder::MonthFirst => (second, first),
                            SlashOrder::DayFirst => (first, second),
                        }
                    } else {
                        (first, second)
                    };
                    if let Some(date) = make(y, m, d) {
                        return Some((date, i + 4));
                    }
                }
            }
        }
        // D [st] [.] [of|de] MONTH [.] [,] [de] Y
        let mut j = i + 1;
        if get(j).is_some_and(|x| x.word_in(ORDINAL) && x.start == a.end) {
            j += 1;
        }
        if get(j).is_some_and(|x| x.is('.')) {
            j += 1;
        }
        if get(j).is_some_and(|x| x.word_in(OF)) {
            j += 1;
        }
        if get(j).is_some_and(|x| x.is('\'')) {
            j += 1;
        }
        let m = get(j).and_then(|x| x.month())?;
        j += 1;
        while get(j).is_some_and(|x| x.is('.') || x.is(',') || x.is('-') || x.is('/')) {
            j += 1;
        }
        if get(j).is_some_and(|x| x.word_in(OF)) {
            j += 1;
        }
        let y = get(j).filter(|x| x.digits() == 4)?.num()? as i32;
        if get(j + 1).is_some_and(|x| x.kind == Kind::Num && x.start == t[j].end) {
            return None;
        }
        return make(y, m, first).map(|d| (d, j));
    }
    if a.kind == Kind::Word {
        // MONTH [.] D [st] [,] Y
        let m = a.month()?;
        let mut j = i + 1;
        if get(j).is_some_and(|x| x.is('.')) {
            j += 1;
        }
        let d = get(j)
            .filter(|x| x.kind == Kind::Num && x.digits() <= 2)?
            .num()?;
        j += 1;
        if get(j).is_some_and(|x| x.word_in(ORDINAL) && x.start == t[j - 1].end) {
            j += 1;
        }
        if get(j).is_some_and(|x| x.is(',') || x.is('.')) {
            j += 1;
        }
        let y = get(j).filter(|x| x.digits() == 4)?.num()? as i32;
        if get(j + 1).is_some_and(|x| x.kind == Kind::Num && x.start == t[j].end) {
            return None;
        }
        return make(y, m, d).map(|dt| (dt, j));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn english() {
        assert_eq!(d("March 2, 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("Monday, March 10, 2025").as_deref(), Some("2025-03-10"));
        assert_eq!(d("Oct. 3, 2023").as_deref(), Some("2023-10-03"));
        assert_eq!(
            d("Sept. 30, 2023 5:00 pm ET").as_deref(),
            Some("2023-09-30")
        );
        assert_eq!(d("9 January 2025").as_deref(), Some("2025-01-09"));
        assert_eq!(d("3rd of March 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(d("March 3rd, 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(
            d("Published 12:30 GMT, 4 Feb 2024").as_deref(),
            Some("2024-02-04")
        );
        assert_eq!(d("Updated on 17 Nov. 2022").as_deref(), Some("2022-11-17"));
    }

    #[test]
    fn iso_and_rfc() {
        assert_eq!(d("2025-03-02").as_deref(), Some("2025-03-02"));
        assert_eq!(
            d("2025-03-02T23:10:00-05:00").as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(d("2025-03-02 10:00:00").as_deref(), Some("2025-03-02"));
        assert_eq!(
            d("Sun, 02 Mar 2025 10:00:00 +0000").as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(d("2025/03/02").as_deref(), Some("2025-03-02"));
        assert_eq!(d("20250302").as_deref(), Some("2025-03-02"));
    }

    #[test]
    fn other_languages() {
        assert_eq!(d("2. März 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(
            d("Veröffentlicht am 02.03.2025, 14:00 Uhr").as_deref(),
            Some("2025-03-02")
        );
        assert_eq!(d("2. 3. 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("le 2 mars 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("1er février 2024").as_deref(), Some("2024-02-01"));
        assert_eq!(d("2 de marzo de 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2 marzo 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2 maart 2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2 марта 2025 г.").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2 stycznia 2025").as_deref(), Some("2025-01-02"));
        assert_eq!(d("2025年3月2日").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2025년 3월 2일").as_deref(), Some("2025-03-02"));
        assert_eq!(d("2025. március 2.").as_deref(), Some("2025-03-02"));
        assert_eq!(d("12 Ekim 2023").as_deref(), Some("2023-10-12"));
        assert_eq!(d("Jänner 5, 2021").as_deref(), Some("2021-01-05"));
    }

    #[test]
    fn slashes() {
        assert_eq!(d("3/2/2025").as_deref(), Some("2025-03-02"));
        assert_eq!(d("13/2/2025").as_deref(), Some("2025-02-13"));
        assert_eq!(
            parse_date_with("03/02/2025", SlashOrder::DayFirst)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-02-03")
        );
        assert_eq!(d("02.03.25").as_deref(), Some("2025-03-02"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(d("2 days ago"), None);
        assert_eq!(d("March 2025"), None);
        assert_eq!(d("10 killed in 2025"), None);
        assert_eq!(d("v1.2.2025"), None);
        assert_eq!(d("192.168.1.1"), None);
        assert_eq!(d("30 February 2025"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("A320 March 2025"), None);
    }

    #[test]
    fn offsets() {
        let s = "Posted on Monday, March 10, 2025 at 9:30; updated 2025-03-11.";
        let f = find_dates(s);
        assert_eq!(f.len(), 2);
        assert_eq!(&s[f[0].start..f[0].end], "March 10, 2025");
        assert_eq!(&s[f[1].start..f[1].end], "2025-03-11");
    }
}
