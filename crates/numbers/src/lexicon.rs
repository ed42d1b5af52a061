//! The data tables of `data/*.tsv`, parsed once into hash maps.

use std::collections::HashMap;
use std::sync::OnceLock;

use document::Hedge;

use crate::error::NumbersError;

/// What a cardinal word does inside a spelled-out number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WordClass {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
}

/// How a hedge phrase qualifies a figure. `Nearly` is `Hedge::Approximately` with a band below the value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HedgeWord {
    Exact,
    Approximately,
    Nearly,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

impl HedgeWord {
    pub fn hedge(self) -> Hedge {
        match self {
            HedgeWord::Exact => Hedge::Exact,
            HedgeWord::Approximately | HedgeWord::Nearly => Hedge::Approximately,
            HedgeWord::MoreThan => Hedge::MoreThan,
            HedgeWord::AtLeast => Hedge::AtLeast,
            HedgeWord::LessThan => Hedge::LessThan,
            HedgeWord::AtMost => Hedge::AtMost,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScaleWhere {
    Word,
    Abbrev,
    Money,
}

/// Where a vague word counts (see data/vague.tsv).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VagueUse {
    Alone,
    Of,
    Prefix,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnitKind {
    Percent,
    Duration,
    Temperature,
    Measurement,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CalendarKind {
    Month,
    Weekday,
    Season,
    Part,
}

#[derive(Clone, Debug)]
pub struct Currency {
    pub code: &'static str,
    /// 0.01 for cents and pence, else 1.
    pub factor: f64,
    pub before: bool,
    pub after: bool,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub unit: &'static str,
    pub kind: UnitKind,
}

/// All tables. Keys are lower case unless noted; multi-word keys have single spaces.
#[derive(Default, Debug)]
pub struct Lexicon {
    pub cardinals: HashMap<&'static str, (f64, WordClass)>,
    pub ordinals: HashMap<&'static str, f64>,
    /// Case-sensitive: "M" and "m" differ.
    pub scales: HashMap<&'static str, (f64, ScaleWhere)>,
    pub hedges_before: HashMap<&'static str, HedgeWord>,
    pub hedges_after: HashMap<&'static str, HedgeWord>,
    pub vague: HashMap<&'static str, (f64, f64, VagueUse)>,
    pub currencies: HashMap<&'static str, Currency>,
    /// Keys as written in the file; lower-case keys match any case, others exactly.
    pub units: HashMap<&'static str, Unit>,
    pub names: HashMap<&'static str, bool>,
    pub calendar: HashMap<&'static str, (CalendarKind, u32)>,
    /// The longest key, in words, of the multi-word tables (hedges, currencies, units, names).
    pub max_words: usize,
}

const CARDINALS: &str = include_str!("../data/cardinals.tsv");
const ORDINALS: &str = include_str!("../data/ordinals.tsv");
const SCALES: &str = include_str!("../data/scales.tsv");
const HEDGES: &str = include_str!("../data/hedges.tsv");
const VAGUE: &str = include_str!("../data/vague.tsv");
const CURRENCIES: &str = include_str!("../data/currencies.tsv");
const UNITS: &str = include_str!("../data/units.tsv");
const NAMES: &str = include_str!("../data/names.tsv");
const CALENDAR: &str = include_str!("../data/calendar.tsv");

/// The data lines of a table: not blank, not comments; split on tabs.
fn rows(file: &'static str, text: &'static str, fields: usize) -> Result<Vec<(usize, Vec<&'static str>)>, NumbersError> {
    let mut out = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        if cols.len() != fields {
            return Err(NumbersError::Lexicon { file, line: idx + 1, reason: format!("expected {fields} tab-separated fields, found {}", cols.len()) });
        }
        out.push((idx + 1, cols));
    }
    Ok(out)
}

fn number(file: &'static str, line: usize, s: &str) -> Result<f64, NumbersError> {
    s.parse::<f64>().map_err(|_| NumbersError::Lexicon { file, line, reason: format!("{s:?} is not a number") })
}

fn bad(file: &'static str, line: usize, what: &str) -> NumbersError {
    NumbersError::Lexicon { file, line, reason: what.to_string() }
}

impl Lexicon {
    /// Parses every table. Fails with the file and line of the first malformed row.
    pub fn load() -> Result<Lexicon, NumbersError> {
        let mut lex = Lexicon::default();
        let words = |key: &str| lex_words(key);
        let mut max_words = 1;
        for (line, c) in rows("cardinals.tsv", CARDINALS, 3)? {
            let class = match c[2] {
                "unit" => WordClass::Unit,
                "teen" => WordClass::Teen,
                "tens" => WordClass::Tens,
                "hundred" => WordClass::Hundred,
                "scale" => WordClass::Scale,
                "dozen" => WordClass::Dozen,
                other => return Err(bad("cardinals.tsv", line, &format!("unknown class {other:?}"))),
            };
            lex.cardinals.insert(c[0], (number("cardinals.tsv", line, c[1])?, class));
        }
        for (line, c) in rows("ordinals.tsv", ORDINALS, 2)? {
            lex.ordinals.insert(c[0], number("ordinals.tsv", line, c[1])?);
        }
        for (line, c) in rows("scales.tsv", SCALES, 3)? {
            let place = match c[2] {
                "word" => ScaleWhere::Word,
                "abbrev" => ScaleWhere::Abbrev,
                "money" => ScaleWhere::Money,
                other => return Err(bad("scales.tsv", line, &format!("unknown place {other:?}"))),
            };
            lex.scales.insert(c[0], (number("scales.tsv", line, c[1])?, place));
        }
        for (line, c) in rows("hedges.tsv", HEDGES, 3)? {
            let hedge = match c[1] {
                "exact" => HedgeWord::Exact,
                "approximately" => HedgeWord::Approximately,
                "nearly" => HedgeWord::Nearly,
                "more_than" => HedgeWord::MoreThan,
                "at_least" => HedgeWord::AtLeast,
                "less_than" => HedgeWord::LessThan,
                "at_most" => HedgeWord::AtMost,
                other => return Err(bad("hedges.tsv", line, &format!("unknown hedge {other:?}"))),
            };
            max_words = max_words.max(words(c[0]));
            match c[2] {
                "before" => lex.hedges_before.insert(c[0], hedge),
                "after" => lex.hedges_after.insert(c[0], hedge),
                other => return Err(bad("hedges.tsv", line, &format!("unknown position {other:?}"))),
            };
        }
        for (line, c) in rows("vague.tsv", VAGUE, 4)? {
            let place = match c[3] {
                "alone" => VagueUse::Alone,
                "of" => VagueUse::Of,
                "prefix" => VagueUse::Prefix,
                other => return Err(bad("vague.tsv", line, &format!("unknown use {other:?}"))),
            };
            max_words = max_words.max(words(c[0]));
            lex.vague.insert(c[0], (number("vague.tsv", line, c[1])?, number("vague.tsv", line, c[2])?, place));
        }
        for (line, c) in rows("currencies.tsv", CURRENCIES, 3)? {
            let (code, factor) = match c[1].split_once('/') {
                Some((code, div)) => (code, 1.0 / number("currencies.tsv", line, div)?),
                None => (c[1], 1.0),
            };
            let (before, after) = match c[2] {
                "before" => (true, false),
                "after" => (false, true),
                "both" => (true, true),
                other => return Err(bad("currencies.tsv", line, &format!("unknown position {other:?}"))),
            };
            max_words = max_words.max(words(c[0]));
            lex.currencies.insert(c[0], Currency { code, factor, before, after });
        }
        for (line, c) in rows("units.tsv", UNITS, 3)? {
            let kind = match c[2] {
                "percent" => UnitKind::Percent,
                "duration" => UnitKind::Duration,
                "temperature" => UnitKind::Temperature,
                "measurement" => UnitKind::Measurement,
                other => return Err(bad("units.tsv", line, &format!("unknown kind {other:?}"))),
            };
            max_words = max_words.max(words(c[0]));
            lex.units.insert(c[0], Unit { unit: c[1], kind });
        }
        for (line, c) in rows("names.tsv", NAMES, 2)? {
            let is_name = match c[1] {
                "name" => true,
                "year" => false,
                other => return Err(bad("names.tsv", line, &format!("unknown kind {other:?}"))),
            };
            max_words = max_words.max(words(c[0]));
            lex.names.insert(c[0], is_name);
        }
        for (line, c) in rows("calendar.tsv", CALENDAR, 3)? {
            let kind = match c[1] {
                "month" => CalendarKind::Month,
                "weekday" => CalendarKind::Weekday,
                "season" => CalendarKind::Season,
                "part" => CalendarKind::Part,
                other => return Err(bad("calendar.tsv", line, &format!("unknown kind {other:?}"))),
            };
            let value = c[2].parse::<u32>().map_err(|_| bad("calendar.tsv", line, "value is not a whole number"))?;
            lex.calendar.insert(c[0], (kind, value));
        }
        lex.max_words = max_words;
        Ok(lex)
    }
}

/// How many words a key has, counting a symbol glued to letters ("us$") as one.
fn lex_words(key: &str) -> usize {
    key.split(' ').count()
}

/// The tables, parsed on first use. A malformed table (caught by the crate's tests) leaves them empty
/// rather than panicking at run time.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::load().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(lex.cardinals.get("twenty").map(|c| c.0), Some(20.0));
        assert_eq!(lex.hedges_before.get("more than"), Some(&HedgeWord::MoreThan));
        assert_eq!(lex.vague.get("hundreds"), Some(&(200.0, 999.0, VagueUse::Alone)));
        assert_eq!(lex.currencies.get("pence").map(|c| c.code), Some("GBp"));
        assert!(lex.max_words >= 3);
    }
}
