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
    pub cardinals: HashMap<&'static str, (f64, WordClass), BuildFast>,
    pub ordinals: HashMap<&'static str, f64, BuildFast>,
    /// Case-sensitive: "M" and "m" differ.
    pub scales: HashMap<&'static str, (f64, ScaleWhere), BuildFast>,
    pub hedges_before: HashMap<&'static str, HedgeWord, BuildFast>,
    pub hedges_after: HashMap<&'static str, HedgeWord, BuildFast>,
    pub vague: HashMap<&'static str, (f64, f64, VagueUse), BuildFast>,
    pub currencies: HashMap<&'static str, Currency, BuildFast>,
    /// Keys as written in the file; lower-case keys match any case, others exactly.
    pub units: HashMap<&'static str, Unit, BuildFast>,
    pub names: HashMap<&'static str, bool, BuildFast>,
    pub calendar: HashMap<&'static str, (CalendarKind, u32), BuildFast>,
    /// The longest key, in words, of the multi-word tables (hedges, currencies, units, names).
    pub max_words: usize,
    /// One lookup per token tells which tables can match there (the `F_*` bits), so the scanner
    /// skips ordinary words after a single hash.
    pub flags: HashMap<String, u16, BuildFast>,
    /// The keys of `flags` of at most 16 bytes in an open-addressing table probed with the token's
    /// bytes as two ASCII-lower-cased words: no copy, no string hashing (see [`Lexicon::flags_of_token`]).
    pub flag_table: FlagTable,
    /// The digit runs inside phrase keys ("2" of "km2"): a digit token can be inside a phrase
    /// only as one of these.
    pub digit_parts: Vec<String>,
}

/// One key of [`FlagTable`]: its bytes (lower case, zero-padded to 16) as two words, its length
/// (0 for an empty slot) and its flags.
#[derive(Clone, Copy, Default, Debug)]
struct FlagSlot {
    lo: u64,
    hi: u64,
    len: u8,
    flags: u16,
}

/// The flags of every table key of 1 to 16 bytes, found with one multiply and usually one probe.
#[derive(Default, Debug)]
pub struct FlagTable {
    slots: Vec<FlagSlot>,
    /// The flags of each one-byte ASCII token, probed once when the table is built.
    ascii: Vec<u16>,
}

/// Each byte of `x` ASCII-lower-cased at once: a byte in 'A'..='Z' gains 0x20, every other byte
/// (digits, marks, the bytes of non-ASCII characters) stays as it is.
fn lower8(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    // Bit 7 of each byte: the low seven bits are at least 'A' (0x41), at least '[' (0x5b).
    let from_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let past_z = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = from_a & !past_z & !x & HIGH;
    x | (upper >> 2)
}

/// Up to 16 bytes as two little-endian words, ASCII-lower-cased, zero-padded.
fn folded(b: &[u8]) -> Option<(u64, u64)> {
    let mut buf = [0u8; 16];
    buf.get_mut(..b.len())?.copy_from_slice(b);
    let (lo, hi) = buf.split_at(8);
    let word = |s: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(s);
        lower8(u64::from_le_bytes(w))
    };
    Some((word(lo), word(hi)))
}

fn slot_of(lo: u64, hi: u64, len: usize) -> u64 {
    (lo ^ hi.rotate_left(29) ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl FlagTable {
    fn build(flags: &HashMap<String, u16, BuildFast>) -> FlagTable {
        let size = (flags.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![FlagSlot::default(); size];
        let mask = size - 1;
        for (key, &f) in flags {
            let b = key.as_bytes();
            let Some((lo, hi)) = folded(b).filter(|_| !b.is_empty()) else {
                continue;
            };
            let mut at = (slot_of(lo, hi, b.len()) >> 40) as usize & mask;
            while slots[at].len != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = FlagSlot {
                lo,
                hi,
                len: b.len() as u8,
                flags: f,
            };
        }
        let mut table = FlagTable {
            slots,
            ascii: Vec::new(),
        };
        table.ascii = (0u8..128)
            .map(|b| table.probe(lower8(u64::from(b)), 0, 1).unwrap_or(0))
            .collect();
        table
    }

    /// The flags of the one-byte token `b` ([`FlagTable::get16`] with `len` 1).
    #[inline]
    pub fn get_byte(&self, b: u8) -> u16 {
        self.ascii.get(b as usize).copied().unwrap_or(0)
    }

    /// The flags of `b` ASCII-lower-cased, for 1 to 16 bytes; `None` when longer.
    fn get(&self, b: &[u8]) -> Option<u16> {
        let (lo, hi) = folded(b)?;
        self.probe(lo, hi, b.len())
    }

    /// [`FlagTable::get`] for `text[start..start + len]`, reading the 16 bytes from `start` in
    /// two loads when the text has them (no copy) and masking off what follows the token.
    fn get_in(&self, text: &[u8], start: usize, len: usize) -> Option<u16> {
        let Some(window) = text.get(start..start + 16) else {
            return self.get(text.get(start..start + len)?);
        };
        if len == 0 || len > 16 {
            return None;
        }
        let word = |s: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(s);
            u64::from_le_bytes(w)
        };
        let keep = |n: usize| match n {
            0 => 0,
            1..=7 => (1u64 << (8 * n)) - 1,
            _ => u64::MAX,
        };
        let lo = lower8(word(&window[..8]) & keep(len));
        let hi = lower8(word(&window[8..]) & keep(len.saturating_sub(8)));
        self.probe(lo, hi, len)
    }

    /// The flags of the token of `len` bytes (1 to 16) at the start of `window`, the bytes after
    /// it ignored: two loads, a mask, a multiply and usually one probe.
    #[inline]
    pub fn get16(&self, window: &[u8; 16], len: usize) -> u16 {
        let (a, b) = window.split_at(8);
        let lo = u64::from_le_bytes(a.try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(b.try_into().unwrap_or_default());
        let (lo, hi) = match len {
            1..=7 => (lo & (u64::MAX >> (64 - 8 * len)), 0),
            8 => (lo, 0),
            9..=15 => (lo, hi & (u64::MAX >> (128 - 8 * len))),
            16 => (lo, hi),
            _ => return 0,
        };
        self.probe(lower8(lo), lower8(hi), len).unwrap_or(0)
    }

    #[inline]
    fn probe(&self, lo: u64, hi: u64, len: usize) -> Option<u16> {
        let b_len = len;
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = (slot_of(lo, hi, b_len) >> 40) as usize & mask;
        loop {
            let slot = self.slots.get(at)?;
            if slot.len == 0 {
                return Some(0);
            }
            if slot.len as usize == b_len && slot.lo == lo && slot.hi == hi {
                return Some(slot.flags);
            }
            at = (at + 1) & mask;
        }
    }
}

/// A cardinal number word.
pub const F_CARD: u16 = 1;
/// An ordinal, or a plural ordinal ("fifths").
pub const F_ORD: u16 = 2;
/// The first token of a currency phrase.
pub const F_CURRENCY: u16 = 4;
/// The last token of a before-hedge phrase.
pub const F_HEDGE_BEFORE: u16 = 8;
/// The first token of a unit.
pub const F_UNIT: u16 = 64;
/// The first token of a vague quantity.
pub const F_VAGUE: u16 = 128;
/// The first token of an after-hedge phrase.
pub const F_HEDGE_AFTER: u16 = 256;
/// The last token of a name or year cue.
pub const F_NAME: u16 = 512;
/// Any token of any phrase key: a phrase match stops at the first token without it.
pub const F_PART: u16 = 1024;
/// A calendar word (month, weekday, season, early/mid/late).
pub const F_CAL: u16 = 16;
/// A word that can start a relative date by name ("the", "last", "yesterday", "a", "half"…).
pub const F_DATE_WORD: u16 = 2048;
/// Of the [`F_DATE_WORD`] words, those that start a date only before a [`F_DATE_NEXT`] or
/// calendar word ("the next day", "a week ago", "last month", "this spring").
pub const F_DATE_PAIR: u16 = 32768;
/// A word that can follow an [`F_DATE_PAIR`] word in a date (a calendar word also can).
pub const F_DATE_NEXT: u16 = 32;
/// A sign word that can start a number ("minus", "negative").
pub const F_SIGN_WORD: u16 = 4096;
/// An article that starts a number when a number word follows ("a dozen", "a third").
pub const F_ARTICLE: u16 = 8192;
/// The first token of a unit key that means per cent ("%", "percent", "per cent").
pub const F_PERCENT: u16 = 16384;

/// The words [`crate::date`] can start a relative date at, besides calendar and number words
/// (the words the number and date readers test by name only around a figure or date found
/// elsewhere, "aged", "between", "point"…, need no flag).
const DATE_WORDS: &[&str] = &[
    "a",
    "an",
    "half",
    "the",
    "last",
    "this",
    "next",
    "past",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
];

/// Of [`DATE_WORDS`], those that start a date only before a [`DATE_NEXT`] or calendar word.
const DATE_PAIRS: &[&str] = &["a", "an", "the", "last", "this", "next", "past"];

/// The words after a [`DATE_PAIRS`] word that can make a date ("the next day", "a week ago",
/// "last month"), besides calendar words.
const DATE_NEXT: &[&str] = &[
    "next",
    "following",
    "previous",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "year",
    "weekend",
];

/// Short keys of our own tables need no flooding resistance: Fx hashing, not SipHash.
pub type BuildFast = rustc_hash::FxBuildHasher;

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
fn rows(
    file: &'static str,
    text: &'static str,
    fields: usize,
) -> Result<Vec<(usize, Vec<&'static str>)>, NumbersError> {
    let mut out = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        if cols.len() != fields {
            return Err(NumbersError::Lexicon {
                file,
                line: idx + 1,
                reason: format!(
                    "expected {fields} tab-separated fields, found {}",
                    cols.len()
                ),
            });
        }
        out.push((idx + 1, cols));
    }
    Ok(out)
}

fn number(file: &'static str, line: usize, s: &str) -> Result<f64, NumbersError> {
    s.parse::<f64>().map_err(|_| NumbersError::Lexicon {
        file,
        line,
        reason: format!("{s:?} is not a number"),
    })
}

fn bad(file: &'static str, line: usize, what: &str) -> NumbersError {
    NumbersError::Lexicon {
        file,
        line,
        reason: what.to_string(),
    }
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
                other => {
                    return Err(bad(
                        "cardinals.tsv",
                        line,
                        &format!("unknown class {other:?}"),
                    ))
                }
            };
            lex.cardinals
                .insert(c[0], (number("cardinals.tsv", line, c[1])?, class));
        }
        for (line, c) in rows("ordinals.tsv", ORDINALS, 2)? {
            lex.ordinals
                .insert(c[0], number("ordinals.tsv", line, c[1])?);
        }
        for (line, c) in rows("scales.tsv", SCALES, 3)? {
            let place = match c[2] {
                "word" => ScaleWhere::Word,
                "abbrev" => ScaleWhere::Abbrev,
                "money" => ScaleWhere::Money,
                other => return Err(bad("scales.tsv", line, &format!("unknown place {other:?}"))),
            };
            lex.scales
                .insert(c[0], (number("scales.tsv", line, c[1])?, place));
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
                other => {
                    return Err(bad(
                        "hedges.tsv",
                        line,
                        &format!("unknown position {other:?}"),
                    ))
                }
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
            lex.vague.insert(
                c[0],
                (
                    number("vague.tsv", line, c[1])?,
                    number("vague.tsv", line, c[2])?,
                    place,
                ),
            );
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
                other => {
                    return Err(bad(
                        "currencies.tsv",
                        line,
                        &format!("unknown position {other:?}"),
                    ))
                }
            };
            max_words = max_words.max(words(c[0]));
            lex.currencies.insert(
                c[0],
                Currency {
                    code,
                    factor,
                    before,
                    after,
                },
            );
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
                other => {
                    return Err(bad(
                        "calendar.tsv",
                        line,
                        &format!("unknown kind {other:?}"),
                    ))
                }
            };
            let value = c[2]
                .parse::<u32>()
                .map_err(|_| bad("calendar.tsv", line, "value is not a whole number"))?;
            lex.calendar.insert(c[0], (kind, value));
        }
        lex.max_words = max_words;
        lex.build_flags();
        Ok(lex)
    }
}

impl Lexicon {
    fn build_flags(&mut self) {
        let mut flags: HashMap<String, u16, BuildFast> = HashMap::default();
        let mut digit_parts: Vec<String> = Vec::new();
        let mut add = |w: &str, f: u16| *flags.entry(w.to_lowercase()).or_insert(0) |= f;
        let ends = |key: &str| -> Option<(String, String)> {
            let mut toks = Vec::new();
            crate::token::tokenize(key, &mut toks);
            let first = toks.first()?;
            let last = toks.last()?;
            Some((
                key[first.start..first.end].to_string(),
                key[last.start..last.end].to_string(),
            ))
        };
        for w in self.cardinals.keys() {
            add(w, F_CARD);
        }
        for w in self.ordinals.keys() {
            add(w, F_ORD);
            add(&format!("{w}s"), F_ORD);
        }
        for w in ["half", "halves", "quarter", "quarters"] {
            add(w, F_ORD);
        }
        let tables: [(Vec<&str>, u16, bool); 6] = [
            (self.currencies.keys().copied().collect(), F_CURRENCY, true),
            (self.units.keys().copied().collect(), F_UNIT, true),
            (self.vague.keys().copied().collect(), F_VAGUE, true),
            (
                self.hedges_after.keys().copied().collect(),
                F_HEDGE_AFTER,
                true,
            ),
            (
                self.hedges_before.keys().copied().collect(),
                F_HEDGE_BEFORE,
                false,
            ),
            (self.names.keys().copied().collect(), F_NAME, false),
        ];
        for (keys, flag, first) in tables {
            for key in keys {
                if let Some((a, b)) = ends(key) {
                    add(if first { &a } else { &b }, flag);
                }
                let mut toks = Vec::new();
                crate::token::tokenize(key, &mut toks);
                for t in toks {
                    add(&key[t.start..t.end], F_PART);
                    if t.kind == crate::token::Kind::Digits
                        && !digit_parts.iter().any(|d| d == &key[t.start..t.end])
                    {
                        digit_parts.push(key[t.start..t.end].to_string());
                    }
                }
            }
        }
        for w in self.calendar.keys() {
            add(w, F_CAL);
        }
        for w in DATE_WORDS {
            add(w, F_DATE_WORD);
        }
        for w in DATE_PAIRS {
            add(w, F_DATE_PAIR);
        }
        for w in DATE_NEXT {
            add(w, F_DATE_NEXT);
        }
        for w in ["minus", "negative"] {
            add(w, F_SIGN_WORD);
        }
        for w in ["a", "an"] {
            add(w, F_ARTICLE);
        }
        for (key, unit) in &self.units {
            if unit.kind == UnitKind::Percent && unit.unit == "%" {
                if let Some((a, _)) = ends(key) {
                    add(&a, F_PERCENT);
                }
            }
        }
        self.flag_table = FlagTable::build(&flags);
        self.flags = flags;
        self.digit_parts = digit_parts;
    }

    /// The flags of a token as written (it is lower-cased here, ASCII only, as [`Lexicon::flags_of`] wants).
    pub fn flags_of_token(&self, token: &str) -> u16 {
        let b = token.as_bytes();
        if b.is_empty() {
            return 0;
        }
        if let Some(f) = self.flag_table.get(b) {
            return f;
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..b.len()) else {
            return 0;
        };
        lower.copy_from_slice(b);
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).map_or(0, |w| self.flags_of(w))
    }

    /// [`Lexicon::flags_of_token`] for the token `text[start..end]` (byte offsets on character
    /// boundaries).
    pub fn flags_of_token_in(&self, text: &str, start: usize, end: usize) -> u16 {
        let len = end.saturating_sub(start);
        match self.flag_table.get_in(text.as_bytes(), start, len) {
            Some(f) => f,
            None => text.get(start..end).map_or(0, |w| self.flags_of_token(w)),
        }
    }

    /// The flags of one token's text (lower-cased ASCII; see [`F_CARD`] and friends).
    pub fn flags_of(&self, lower: &str) -> u16 {
        self.flags.get(lower).copied().unwrap_or(0)
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
        assert_eq!(
            lex.hedges_before.get("more than"),
            Some(&HedgeWord::MoreThan)
        );
        assert_eq!(
            lex.vague.get("hundreds"),
            Some(&(200.0, 999.0, VagueUse::Alone))
        );
        assert_eq!(lex.currencies.get("pence").map(|c| c.code), Some("GBp"));
        assert!(lex.max_words >= 3);
    }

    #[test]
    fn digit_parts_are_the_digit_runs_of_phrase_keys() {
        let lex = Lexicon::load().unwrap();
        let mut toks = Vec::new();
        for key in lex.units.keys().chain(lex.currencies.keys()) {
            crate::token::tokenize(key, &mut toks);
            for t in &toks {
                if t.kind == crate::token::Kind::Digits {
                    assert!(
                        lex.digit_parts.iter().any(|d| d == &key[t.start..t.end]),
                        "{key:?}"
                    );
                }
            }
        }
        assert!(lex.digit_parts.iter().any(|d| d == "2"), "km2");
    }

    #[test]
    fn flag_table_agrees_with_the_map() {
        let lex = Lexicon::load().unwrap();
        let slow = |w: &str| {
            let lower: String = w.chars().map(|c| c.to_ascii_lowercase()).collect();
            lex.flags_of(&lower)
        };
        let mut words: Vec<String> = lex.flags.keys().cloned().collect();
        for k in lex.flags.keys() {
            words.push(k.to_uppercase());
            words.push(k.to_ascii_uppercase());
            words.push(format!("{k}x"));
            words.push(k.chars().skip(1).collect());
        }
        for w in [
            "The",
            "MILLION",
            "said",
            "Ünïcode",
            "[",
            "@",
            "`",
            "{",
            "Z",
            "z",
            "ZZZZZZZZZZZZZZZZ",
            "abcdefghijklmnopq",
            "£",
            "€5",
            "thé",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(lex.flags_of_token(w), slow(w), "{w:?}");
            for text in [
                w.to_string(),
                format!("x {w}"),
                format!("{w}SUFFIX TEXT THAT GOES ON AND ON"),
                format!("ab {w} suffix text that goes on and on"),
            ] {
                let start = text.find(w.as_str()).unwrap_or(0);
                let got = lex.flags_of_token_in(&text, start, start + w.len());
                assert_eq!(got, slow(w), "{w:?} in {text:?}");
                if (1..=16).contains(&w.len()) {
                    let mut padded = text.as_bytes().to_vec();
                    padded.extend_from_slice(&[0; 16]);
                    let window: &[u8; 16] = padded[start..start + 16].try_into().unwrap();
                    assert_eq!(lex.flag_table.get16(window, w.len()), slow(w), "{w:?}");
                    if w.len() == 1 && w.is_ascii() {
                        assert_eq!(lex.flag_table.get_byte(w.as_bytes()[0]), slow(w), "{w:?}");
                    }
                }
            }
        }
        assert_ne!(lex.flags_of_token("Thousand"), 0);
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b; 8]);
            assert_eq!(
                lower8(x),
                u64::from_le_bytes([b.to_ascii_lowercase(); 8]),
                "{b}"
            );
        }
    }
}
