//! Number recognition over tokens: digits with separators and decimals, spelled-out numbers,
//! scale words and abbreviations, fractions and ordinals. This is the layer below quantities:
//! it knows values and extents, not hedges, units or kinds.

use crate::lexicon::{Lexicon, ScaleWhere, WordClass};
use crate::token::{Kind, Tok};

/// How a number was written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    /// Digits ("12,000", "1.2", "3/4"), possibly with a scale ("1.2 million", "3bn").
    Digits,
    /// Spelled out ("twenty-one", "a dozen", "two thirds").
    Words,
    /// An ordinal ("third", "21st").
    Ordinal,
}

/// A number found at tokens `first..last` (exclusive).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Num {
    pub first: usize,
    pub last: usize,
    pub value: f64,
    pub form: Form,
    /// Whether a scale word or abbreviation multiplied the figure ("1.2 million").
    pub scaled: bool,
    /// Whether the figure was written with grouping separators ("12,000").
    pub grouped: bool,
    /// Whether the figure has a decimal part, fraction or exponent.
    pub fractional: bool,
}

/// A short word ASCII-lower-cased: the word itself when it has no capital, else a copy on the
/// stack.
pub enum Lower<'a> {
    Same(&'a str),
    Folded([u8; 32], usize),
}

impl Lower<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Lower::Same(s) => s,
            Lower::Folded(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or(""),
        }
    }
}

/// A short string built on the stack: a lookup key or the text of a figure. Past `N` bytes it
/// moves to the heap, so any length works and short ones cost no allocation.
pub struct StackStr<const N: usize> {
    buf: [u8; N],
    len: usize,
    spill: Option<String>,
}

impl<const N: usize> Default for StackStr<N> {
    fn default() -> Self {
        StackStr {
            buf: [0; N],
            len: 0,
            spill: None,
        }
    }
}

impl<const N: usize> StackStr<N> {
    pub fn clear(&mut self) {
        self.len = 0;
        self.spill = None;
    }

    pub fn push_str(&mut self, s: &str) {
        if let Some(spill) = &mut self.spill {
            spill.push_str(s);
            return;
        }
        match self.buf.get_mut(self.len..self.len + s.len()) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len += s.len();
            }
            None => {
                let mut spill = self.as_str().to_string();
                spill.push_str(s);
                self.spill = Some(spill);
            }
        }
    }

    /// [`StackStr::push_str`] with ASCII letters lower-cased.
    pub fn push_str_ascii_lower(&mut self, s: &str) {
        let at = self.len();
        self.push_str(s);
        match &mut self.spill {
            Some(spill) => {
                if let Some(tail) = spill.get_mut(at..) {
                    tail.make_ascii_lowercase();
                }
            }
            None => {
                if let Some(tail) = self.buf.get_mut(at..self.len) {
                    tail.make_ascii_lowercase();
                }
            }
        }
    }

    pub fn push(&mut self, ch: char) {
        let mut b = [0u8; 4];
        self.push_str(ch.encode_utf8(&mut b));
    }

    pub fn as_str(&self) -> &str {
        match &self.spill {
            Some(s) => s,
            // Only whole `&str`s are copied in, so the bytes are UTF-8.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""),
        }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.spill.as_ref().map_or(self.len, String::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A lookup key: every table key fits (the longest has 24 bytes).
type KeyBuf = StackStr<48>;

/// Read access to the tokens of one stretch of text.
pub struct Cursor<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lex: &'static Lexicon,
    /// Per token, which tables can match there (see [`crate::lexicon::F_CARD`] and friends).
    pub flags: Vec<u16>,
}

impl<'a> Cursor<'a> {
    /// A cursor over `toks`, looking each word and mark up once.
    pub fn new(text: &'a str, toks: &'a [Tok], lex: &'static Lexicon) -> Cursor<'a> {
        Cursor::with_buffer(text, toks, lex, Vec::new())
    }

    /// [`Cursor::new`] filling `flags` (cleared first), so a caller can reuse one buffer; get it back
    /// with [`Cursor::into_buffer`].
    pub fn with_buffer(
        text: &'a str,
        toks: &'a [Tok],
        lex: &'static Lexicon,
        mut flags: Vec<u16>,
    ) -> Cursor<'a> {
        flags.clear();
        flags.reserve(toks.len());
        // The text with 16 zero bytes after it, so that every token's first 16 bytes can be read
        // at once (see `FlagTable::get16`); the buffer is kept from one call to the next.
        thread_local! {
            static PADDED: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut padded = PADDED.with(std::cell::Cell::take);
        padded.clear();
        padded.extend_from_slice(text.as_bytes());
        padded.extend_from_slice(&[0; 16]);
        for t in toks {
            // No table key is longer than 16 bytes.
            let len = t.end - t.start;
            let f = if t.kind == Kind::Digits || len > 16 {
                0
            } else {
                match padded
                    .get(t.start..t.start + 16)
                    .and_then(|w| <&[u8; 16]>::try_from(w).ok())
                {
                    Some(window) => lex.flag_table.get16(window, len),
                    None => lex.flags_of_token_in(text, t.start, t.end),
                }
            };
            flags.push(f);
        }
        PADDED.with(|p| p.set(padded));
        Cursor {
            text,
            toks,
            lex,
            flags,
        }
    }

    /// A cursor over `toks` whose flags were computed already (by [`crate::token::tokenize_flagged`]).
    pub fn with_flags(
        text: &'a str,
        toks: &'a [Tok],
        lex: &'static Lexicon,
        flags: Vec<u16>,
    ) -> Cursor<'a> {
        Cursor {
            text,
            toks,
            lex,
            flags,
        }
    }

    /// The flags buffer, for the next [`Cursor::with_buffer`].
    pub fn into_buffer(self) -> Vec<u16> {
        self.flags
    }

    /// Whether token `i` can be inside a phrase key: a word or mark of one, or a digit run of one
    /// ("2" of "km2"). A phrase with any other token is no key, so the matchers stop there.
    fn is_part(&self, i: usize) -> bool {
        self.flag(i, crate::lexicon::F_PART)
            || (self.kind(i) == Some(Kind::Digits)
                && self.lex.digit_parts.iter().any(|d| d == self.s(i)))
    }

    pub fn flag(&self, i: usize, f: u16) -> bool {
        self.flags.get(i).is_some_and(|x| x & f != 0)
    }
}

const WORD_DENOMINATORS: &[(&str, f64, bool)] = &[
    ("half", 2.0, false),
    ("halves", 2.0, true),
    ("quarter", 4.0, false),
    ("quarters", 4.0, true),
];

impl<'a> Cursor<'a> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn s(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].end == self.toks[i].start
    }

    /// The whitespace between tokens `i - 1` and `i`.
    pub fn gap(&self, i: usize) -> &'a str {
        if i == 0 || i >= self.toks.len() {
            return "";
        }
        &self.text[self.toks[i - 1].end..self.toks[i].start]
    }

    /// Whether tokens `i - 1` and `i` are on the same line (the gap has no line break).
    pub fn same_line(&self, i: usize) -> bool {
        !self.gap(i).contains('\n')
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.s(i) == p
    }

    pub fn is_dash(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Punct) && matches!(self.s(i), "-" | "–" | "—" | "‑" | "~")
    }

    /// Token `i` ASCII-lower-cased ("" past 32 bytes).
    pub fn lower(&self, i: usize) -> Lower<'a> {
        let s = self.s(i);
        if s.len() > 32 {
            return Lower::Same("");
        }
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower::Same(s);
        }
        let mut buf = [0u8; 32];
        buf[..s.len()].copy_from_slice(s.as_bytes());
        buf[..s.len()].make_ascii_lowercase();
        Lower::Folded(buf, s.len())
    }

    /// Token `a` as a one-token lookup key ([`Cursor::key`] of `a..a + 1`) when that is the
    /// token as written: ASCII with no capital, or any token when `lower` is false.
    fn plain_key(&self, a: usize, lower: bool) -> Option<&'a str> {
        let s = self.s(a);
        (!lower || (s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()))).then_some(s)
    }

    /// `table`'s value for the key of tokens `a..b` ([`Cursor::key`]), built in `buf` unless it
    /// is a token as written.
    fn lookup<V: Clone>(
        &self,
        a: usize,
        b: usize,
        lower: bool,
        table: &std::collections::HashMap<&'static str, V, crate::lexicon::BuildFast>,
        buf: &mut KeyBuf,
    ) -> Option<V> {
        if b == a + 1 {
            if let Some(key) = self.plain_key(a, lower) {
                return table.get(key).cloned();
            }
        }
        // ASCII tokens: the key is built byte by byte on the stack.
        let mut bytes = [0u8; 48];
        let mut n = 0;
        let mut ascii = true;
        for i in a..b {
            let s = self.s(i).as_bytes();
            let gap = usize::from(i > a && !self.glued(i));
            let Some(dst) = bytes.get_mut(n + gap..n + gap + s.len()) else {
                ascii = false;
                break;
            };
            if !s.is_ascii() {
                ascii = false;
                break;
            }
            dst.copy_from_slice(s);
            if lower {
                dst.make_ascii_lowercase();
            }
            if gap == 1 {
                bytes[n] = b' ';
            }
            n += gap + s.len();
        }
        if ascii {
            return std::str::from_utf8(&bytes[..n])
                .ok()
                .and_then(|key| table.get(key).cloned());
        }
        self.key_into(a, b, lower, buf);
        table.get(buf.as_str()).cloned()
    }

    /// Whether token `i` is a word equal (ignoring ASCII case) to `w`.
    pub fn word_is(&self, i: usize, w: &str) -> bool {
        self.kind(i) == Some(Kind::Word) && self.s(i).eq_ignore_ascii_case(w)
    }

    pub fn cardinal(&self, i: usize) -> Option<(f64, WordClass)> {
        if self.kind(i) != Some(Kind::Word) || !self.flag(i, crate::lexicon::F_CARD) {
            return None;
        }
        self.lex.cardinals.get(self.lower(i).as_str()).copied()
    }

    pub fn ordinal(&self, i: usize) -> Option<f64> {
        if self.kind(i) != Some(Kind::Word) || !self.flag(i, crate::lexicon::F_ORD) {
            return None;
        }
        self.lex.ordinals.get(self.lower(i).as_str()).copied()
    }

    /// Tokens `a..b` as a lookup key: lower-cased when `lower`, a single space for any gap.
    pub fn key(&self, a: usize, b: usize, lower: bool, buf: &mut String) {
        let mut key = KeyBuf::default();
        self.key_into(a, b, lower, &mut key);
        buf.clear();
        buf.push_str(key.as_str());
    }

    /// [`Cursor::key`] into a stack buffer.
    fn key_into(&self, a: usize, b: usize, lower: bool, buf: &mut KeyBuf) {
        buf.clear();
        for i in a..b {
            if i > a && !self.glued(i) {
                buf.push(' ');
            }
            let s = self.s(i);
            if lower && !s.is_ascii() {
                for c in s.chars() {
                    c.to_lowercase().for_each(|l| buf.push(l));
                }
            } else if lower {
                buf.push_str_ascii_lower(s);
            } else {
                buf.push_str(s);
            }
        }
    }

    /// The longest phrase of at most `max` tokens ending just before token `end`, on one line,
    /// found in `table`: its first token and value.
    pub fn match_before<V: Copy>(
        &self,
        end: usize,
        max: usize,
        table: &std::collections::HashMap<&'static str, V, crate::lexicon::BuildFast>,
        flag: u16,
    ) -> Option<(usize, V)> {
        if end == 0 || !self.flag(end - 1, flag) {
            return None;
        }
        let mut buf = KeyBuf::default();
        if end < self.len() && !self.same_line(end) {
            return None;
        }
        let mut reach = 1;
        while reach < max.min(end) && self.is_part(end - 1 - reach) {
            reach += 1;
        }
        for n in (1..=reach).rev() {
            let a = end - n;
            if (a + 1..end).any(|i| !self.same_line(i)) {
                continue;
            }
            if let Some(v) = self.lookup(a, end, true, table, &mut buf) {
                return Some((a, v));
            }
        }
        None
    }

    /// The longest phrase of at most `max` tokens starting at token `start`, on one line, found in
    /// `table`: its end (exclusive) and value. With `exact_case`, a key with capitals matches only as
    /// written, a lower-case key matches any case.
    pub fn match_after<V: Clone>(
        &self,
        start: usize,
        max: usize,
        table: &std::collections::HashMap<&'static str, V, crate::lexicon::BuildFast>,
        exact_case: bool,
        flag: u16,
    ) -> Option<(usize, V)> {
        if !self.flag(start, flag) {
            return None;
        }
        let mut buf = KeyBuf::default();
        let mut top = 1;
        while top < max.min(self.len().saturating_sub(start)) && self.is_part(start + top) {
            top += 1;
        }
        for n in (1..=top).rev() {
            let b = start + n;
            if (start + 1..b).any(|i| !self.same_line(i)) {
                continue;
            }
            // A phrase ends at a word boundary: "km" in "kms" is not "km".
            if self.glued(b)
                && self.kind(b) == Some(Kind::Word)
                && self.kind(b - 1) == Some(Kind::Word)
            {
                continue;
            }
            if exact_case {
                if let Some(v) = self.lookup(start, b, false, table, &mut buf) {
                    return Some((b, v));
                }
            }
            if let Some(v) = self.lookup(start, b, true, table, &mut buf) {
                return Some((b, v));
            }
        }
        None
    }

    fn denominator(&self, i: usize) -> Option<(f64, bool)> {
        if self.kind(i) != Some(Kind::Word) || !self.flag(i, crate::lexicon::F_ORD) {
            return None;
        }
        let w = self.lower(i);
        let w = w.as_str();
        for (word, d, plural) in WORD_DENOMINATORS {
            if *word == w {
                return Some((*d, *plural));
            }
        }
        // "second" is a unit of time far more often than a fraction.
        if w.starts_with("second") || w == "first" || w == "firsts" {
            return None;
        }
        if let Some(d) = self.lex.ordinals.get(w) {
            return Some((*d, false));
        }
        let singular = w.strip_suffix('s')?;
        self.lex.ordinals.get(singular).map(|d| (*d, true))
    }

    /// A digit-written number starting at token `i` (a digit run or a leading '.').
    pub fn digits(&self, i: usize, money: bool) -> Option<Num> {
        let mut j = i;
        let mut int_text = StackStr::<40>::default();
        let mut fractional = false;
        let mut grouped = false;
        if self.is_punct(i, ".") && self.kind(i + 1) == Some(Kind::Digits) && self.glued(i + 1) {
            // ".25"; but not the end of "192.168" (the caller starts only at unclaimed tokens).
            if i > 0 && self.glued(i) && self.kind(i - 1) == Some(Kind::Digits) {
                return None;
            }
            int_text.push_str("0.");
            int_text.push_str(self.s(i + 1));
            j = i + 2;
            fractional = true;
        } else {
            if self.kind(i) != Some(Kind::Digits) {
                return None;
            }
            let first_len = self.s(i).len();
            int_text.push_str(self.s(i));
            j += 1;
            // Dot groups with a decimal comma: "1.111,11", "12.345.678,9".
            if first_len <= 3 {
                let mut k = j;
                while self.is_punct(k, ".")
                    && self.glued(k)
                    && self.kind(k + 1) == Some(Kind::Digits)
                    && self.glued(k + 1)
                    && self.s(k + 1).len() == 3
                {
                    k += 2;
                }
                let decimal_comma = self.is_punct(k, ",")
                    && self.glued(k)
                    && self.kind(k + 1) == Some(Kind::Digits)
                    && self.glued(k + 1)
                    && self.s(k + 1).len() <= 2;
                let more = self.glued(k + 2)
                    && (self.is_punct(k + 2, ",") || self.is_punct(k + 2, "."))
                    && self.kind(k + 3) == Some(Kind::Digits)
                    && self.glued(k + 3);
                if k > j && decimal_comma && !more {
                    let mut m = j;
                    while m < k {
                        int_text.push_str(self.s(m + 1));
                        m += 2;
                    }
                    int_text.push('.');
                    int_text.push_str(self.s(k + 1));
                    j = k + 2;
                    grouped = true;
                    fractional = true;
                }
            }
            // Comma groups: "1,234,567" or the Indian "12,34,567". Of the groups after the first:
            // how many, whether all have three digits, the first and the last, whether all but the
            // last have two.
            let (mut groups, mut all_three, mut first_group, mut last_group, mut twos_then) =
                (0, true, 0, 0, true);
            let mut k = j;
            while self.is_punct(k, ",")
                && self.glued(k)
                && self.kind(k + 1) == Some(Kind::Digits)
                && self.glued(k + 1)
            {
                let g = self.s(k + 1).len();
                if groups == 0 {
                    first_group = g;
                } else if last_group != 2 {
                    twos_then = false;
                }
                all_three &= g == 3;
                last_group = g;
                groups += 1;
                k += 2;
            }
            if groups > 0 {
                let standard = first_len <= 3 && all_three;
                let indian = groups >= 2 && first_len <= 2 && last_group == 3 && twos_then;
                if standard || indian {
                    let mut m = j;
                    while m < k {
                        int_text.push_str(self.s(m + 1));
                        m += 2;
                    }
                    j = k;
                    grouped = true;
                } else if groups == 1
                    && first_group <= 2
                    && !(i > 0 && self.glued(i) && self.is_punct(i - 1, ","))
                    && !(self.is_punct(k, ".")
                        && self.glued(k + 1)
                        && self.kind(k + 1) == Some(Kind::Digits))
                    && first_len <= 3
                {
                    // A decimal comma: "1,3".
                    int_text.push('.');
                    int_text.push_str(self.s(j + 1));
                    j = k;
                    fractional = true;
                }
            } else if first_len <= 3
                && !self.s(i).starts_with('0')
                && !(i > 0 && self.glued(i) && self.kind(i - 1) == Some(Kind::Word))
            {
                // Space groups: "1 234 567", "40 000" (a space, no-break space or narrow no-break space).
                let mut k = j;
                while self.kind(k) == Some(Kind::Digits)
                    && self.s(k).len() == 3
                    && matches!(self.gap(k), " " | "\u{a0}" | "\u{202f}")
                    && !(self.glued(k + 1)
                        && matches!(self.kind(k + 1), Some(Kind::Digits) | Some(Kind::Word)))
                    && !(self.glued(k + 1) && self.is_dash(k + 1))
                {
                    int_text.push_str(self.s(k));
                    k += 1;
                    grouped = true;
                }
                j = k;
            }
            // Decimals, unless the dots go on ("192.168.1.2" is four numbers).
            let dotted_before = i >= 2
                && self.glued(i)
                && self.is_punct(i - 1, ".")
                && self.glued(i - 1)
                && self.kind(i - 2) == Some(Kind::Digits);
            if !fractional
                && !dotted_before
                && self.is_punct(j, ".")
                && self.glued(j)
                && self.kind(j + 1) == Some(Kind::Digits)
                && self.glued(j + 1)
                && !(self.is_punct(j + 2, ".")
                    && self.glued(j + 2)
                    && self.kind(j + 3) == Some(Kind::Digits)
                    && self.glued(j + 3))
            {
                int_text.push('.');
                int_text.push_str(self.s(j + 1));
                j += 2;
                fractional = true;
            } else if !fractional
                && self.is_punct(j, ".")
                && self.glued(j)
                && self.kind(j + 1) == Some(Kind::Digits)
                && self.glued(j + 1)
            {
                // "192.168.1.2": the integer stands alone.
            }
        }
        // Up to 15 digits are read exactly as an integer (below 2^53), which is what parsing gives.
        let text = int_text.as_str();
        let mut value: f64 =
            if !text.is_empty() && text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit()) {
                text.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64
            } else {
                text.parse().ok()?
            };
        // "2½".
        if !fractional && self.glued(j) && self.kind(j) == Some(Kind::Punct) {
            if let Some(f) = vulgar(self.s(j)) {
                value += f;
                j += 1;
                fractional = true;
            }
        }
        // Ordinals: "21st", "3rd".
        if !fractional && !grouped && self.kind(j) == Some(Kind::Word) && self.glued(j) {
            let w = self.lower(j);
            if matches!(w.as_str(), "st" | "nd" | "rd" | "th") {
                return Some(Num {
                    first: i,
                    last: j + 1,
                    value,
                    form: Form::Ordinal,
                    scaled: false,
                    grouped,
                    fractional,
                });
            }
        }
        // Exponents: "1e10", "12.32e+14", "-12e-1".
        if self.glued(j) && (self.word_is(j, "e")) {
            let mut k = j + 1;
            let mut sign = 1.0;
            if self.glued(k) && (self.is_punct(k, "+") || self.is_punct(k, "-")) {
                if self.is_punct(k, "-") {
                    sign = -1.0;
                }
                k += 1;
            }
            if self.glued(k) && self.kind(k) == Some(Kind::Digits) {
                if let Ok(exp) = self.s(k).parse::<i32>() {
                    value *= 10f64.powi((sign as i32) * exp.min(300));
                    j = k + 1;
                    fractional = true;
                }
            }
        }
        // Scientific notation: "1.3x10^6", "6.23x10^-4", "2.48×10−5", "5.5x10-3", "8x2^10".
        if self.glued(j)
            && (self.word_is(j, "x") || self.is_punct(j, "×"))
            && self.glued(j + 1)
            && self.kind(j + 1) == Some(Kind::Digits)
            && self.glued(j + 2)
        {
            let base: f64 = self.s(j + 1).parse().unwrap_or(0.0);
            let mut k = j + 2;
            let caret = self.is_punct(k, "^");
            if caret {
                k += 1;
            }
            let mut negative = false;
            if self.glued(k)
                && matches!(self.s(k), "-" | "−" | "+")
                && self.kind(k) == Some(Kind::Punct)
            {
                negative = self.s(k) != "+";
                k += 1;
            }
            let signed = k > j + 2 + caret as usize;
            if (caret || (signed && base == 10.0))
                && self.glued(k)
                && self.kind(k) == Some(Kind::Digits)
                && base > 0.0
            {
                if let Ok(exp) = self.s(k).parse::<i32>() {
                    let exp = if negative {
                        -exp.min(300)
                    } else {
                        exp.min(300)
                    };
                    value = if base == 10.0 {
                        format!("{value}e{exp}")
                            .parse()
                            .unwrap_or(value * base.powi(exp))
                    } else {
                        value * base.powi(exp)
                    };
                    j = k + 1;
                    fractional = true;
                }
            }
        }
        // Powers: "1.1^23", "2.5^-1".
        if self.glued(j) && self.is_punct(j, "^") {
            let mut k = j + 1;
            let mut negative = false;
            while self.glued(k) && (self.is_punct(k, "+") || self.is_punct(k, "-")) {
                if self.is_punct(k, "-") {
                    negative = !negative;
                }
                k += 1;
            }
            if self.glued(k) && self.kind(k) == Some(Kind::Digits) {
                if let Ok(exp) = self.s(k).parse::<i32>() {
                    let exp = if negative {
                        -exp.min(300)
                    } else {
                        exp.min(300)
                    };
                    value = value.powi(exp);
                    j = k + 1;
                    fractional = true;
                }
            }
        }
        // Fractions: "3/4", and mixed numbers "2 1/4".
        if !fractional && !grouped {
            // Not inside "5/17/2018" or "+1-222-2222/2222".
            let chained = i >= 2
                && self.glued(i)
                && (self.is_punct(i - 1, "/") || self.is_dash(i - 1))
                && self.glued(i - 1)
                && self.kind(i - 2) == Some(Kind::Digits);
            if !chained
                && self.glued(j)
                && self.is_punct(j, "/")
                && self.glued(j + 1)
                && self.kind(j + 1) == Some(Kind::Digits)
                && !(self.glued(j + 2) && self.is_punct(j + 2, "/"))
            {
                let d: f64 = self.s(j + 1).parse().ok()?;
                if d == 0.0 {
                    return None;
                }
                value /= d;
                j += 2;
                fractional = true;
            } else if self.kind(j) == Some(Kind::Digits)
                && !self.glued(j)
                && self.same_line(j)
                && self.gap(j).len() <= 2
                && self.glued(j + 1)
                && self.is_punct(j + 1, "/")
                && self.glued(j + 2)
                && self.kind(j + 2) == Some(Kind::Digits)
                && !(self.glued(j + 3) && self.is_punct(j + 3, "/"))
            {
                let n: f64 = self.s(j).parse().ok()?;
                let d: f64 = self.s(j + 2).parse().ok()?;
                if d > 0.0 && n < d {
                    value += n / d;
                    j += 3;
                    fractional = true;
                }
            }
        }
        // Scales: glued ("3bn", "10k", "$250m") or spaced ("1.2 million", "10 bln").
        let mut scaled = false;
        if self.kind(j) == Some(Kind::Word) && self.same_line(j) {
            let glued = self.glued(j);
            let word = self.s(j);
            let next_glued_word = self.glued(j + 1)
                && matches!(self.kind(j + 1), Some(Kind::Word) | Some(Kind::Digits));
            let scale = self.lex.scales.get(word).copied().or_else(|| {
                // Spelled scales match in any case ("Million"); a word without capitals was
                // looked up already.
                let lower = self.lower(j);
                if lower.as_str() == word {
                    return None;
                }
                self.lex
                    .scales
                    .get(lower.as_str())
                    .copied()
                    .filter(|s| s.1 == ScaleWhere::Word)
            });
            if let Some((mult, place)) = scale {
                let ok = match place {
                    ScaleWhere::Word => !glued,
                    ScaleWhere::Abbrev => {
                        // "5G" is a network, not five billion.
                        !(word == "G" && value < 10.0)
                            && (glued
                                || word.len() > 1
                                || word == "k"
                                || word == "K"
                                || word == "M"
                                || word == "G"
                                || word == "B")
                    }
                    ScaleWhere::Money => glued && money,
                };
                if ok && !next_glued_word {
                    value = scale_exactly(value, mult);
                    j += 1;
                    scaled = true;
                    // Stacked scales: "three lakh crore" (handled for words), "1 thousand million".
                    while let Some((m2, ScaleWhere::Word)) =
                        self.lex.scales.get(self.lower(j).as_str()).copied()
                    {
                        if !self.same_line(j)
                            || self.glued(j)
                            || m2 <= 1.0
                            || self.kind(j) != Some(Kind::Word)
                        {
                            break;
                        }
                        value = scale_exactly(value, m2);
                        j += 1;
                    }
                }
            } else if !glued {
                match self.cardinal(j) {
                    Some((100.0, WordClass::Hundred)) => {
                        value *= 100.0;
                        j += 1;
                        scaled = true;
                    }
                    Some((12.0, WordClass::Dozen)) => {
                        value *= 12.0;
                        j += 1;
                    }
                    _ => {}
                }
            } else if let Some((12.0, WordClass::Dozen)) = self.cardinal(j) {
                // "3dzs" is rare but harmless.
                value *= 12.0;
                j += 1;
            }
        }
        // "4 thousand 3 hundred and 21", "6 crore and two hundred", "3 million and a half".
        if scaled && !fractional && j > i + 1 && !self.glued(j - 1) {
            let mut unit = self.scale_word(j - 1);
            while let Some(m) = unit {
                if !self.same_line(j) {
                    break;
                }
                let and = self.word_is(j, "and");
                let k = if and { j + 1 } else { j };
                if !self.same_line(k) {
                    break;
                }
                if and {
                    if let Some(f) = self.words(k).filter(|f| {
                        f.fractional
                            && f.value < 1.0
                            && f.form == Form::Words
                            && f.first == k
                            && (self.word_is(k, "a") || self.word_is(k, "one"))
                    }) {
                        value += scale_exactly(f.value, m);
                        j = f.last;
                        fractional = true;
                        break;
                    }
                }
                let digit_glue = self.glued(k + 1)
                    && (matches!(self.kind(k + 1), Some(Kind::Word) | Some(Kind::Digits))
                        || ((self.is_punct(k + 1, ",") || self.is_punct(k + 1, "."))
                            && self.glued(k + 2)
                            && self.kind(k + 2) == Some(Kind::Digits)));
                let (nv, last, next_unit) = if self.kind(k) == Some(Kind::Digits) && !digit_glue {
                    let Ok(v) = self.s(k).parse::<f64>() else {
                        break;
                    };
                    match self.scale_word(k + 1) {
                        Some(m2) if self.same_line(k + 1) => (v * m2, k + 2, Some(m2)),
                        _ => (v, k + 1, None),
                    }
                } else if let Some(n) = self
                    .words(k)
                    .filter(|n| n.form == Form::Words && !n.fractional)
                {
                    (
                        n.value,
                        n.last,
                        if n.scaled || n.value >= 100.0 {
                            self.scale_word(n.last - 1)
                        } else {
                            None
                        },
                    )
                } else {
                    break;
                };
                // "3 hundred and 21", but not "10 million and 500 [more]": after "and", digits
                // continue only a hundred.
                let digits_after_and =
                    and && next_unit.is_none() && self.kind(k) == Some(Kind::Digits) && m != 100.0;
                if nv <= 0.0 || nv >= m || !(and || next_unit.is_some()) || digits_after_and {
                    break;
                }
                value += nv;
                j = last;
                unit = next_unit;
            }
        }
        Some(Num {
            first: i,
            last: j,
            value,
            form: Form::Digits,
            scaled,
            grouped,
            fractional,
        })
    }

    /// A scale after a fraction: "million" or "of a million". Its multiplier and end.
    fn fraction_scale(&self, at: usize) -> Option<(f64, usize)> {
        if !self.same_line(at) {
            return None;
        }
        if let Some((v, WordClass::Scale)) = self.cardinal(at) {
            return Some((v, at + 1));
        }
        if self.word_is(at, "of")
            && (self.word_is(at + 1, "a") || self.word_is(at + 1, "an"))
            && self.same_line(at + 2)
        {
            if let Some((v, WordClass::Scale)) = self.cardinal(at + 2) {
                return Some((v, at + 3));
            }
        }
        None
    }

    /// The multiplier of a spelled hundred or scale word at `k` ("hundred", "thousand", "crore").
    fn scale_word(&self, k: usize) -> Option<f64> {
        match self.cardinal(k) {
            Some((v, WordClass::Hundred | WordClass::Scale)) => Some(v),
            _ => None,
        }
    }

    /// A spelled-out number starting at token `i`.
    pub fn words(&self, i: usize) -> Option<Num> {
        let mut j = i;
        let mut article = false;
        if self.word_is(i, "a") || self.word_is(i, "an") {
            if !self.same_line(i + 1) {
                return None;
            }
            match self.cardinal(i + 1) {
                Some((_, WordClass::Hundred | WordClass::Scale | WordClass::Dozen)) => {
                    article = true;
                    j = i + 1;
                }
                _ => {
                    // "a half", "a fifth", "a twenty-first".
                    let (d, end) = self.denominator_phrase(i + 1)?;
                    // "a quarter million".
                    if let Some((m, e)) = self.fraction_scale(end) {
                        return Some(Num {
                            first: i,
                            last: e,
                            value: m / d,
                            form: Form::Words,
                            scaled: true,
                            grouped: false,
                            fractional: true,
                        });
                    }
                    return Some(Num {
                        first: i,
                        last: end,
                        value: 1.0 / d,
                        form: Form::Words,
                        scaled: false,
                        grouped: false,
                        fractional: true,
                    });
                }
            }
        } else if self.word_is(i, "quarter") {
            // "quarter million"; "quarter" alone is a period or a district, not a number.
            let (m, e) = self.fraction_scale(i + 1)?;
            return Some(Num {
                first: i,
                last: e,
                value: m / 4.0,
                form: Form::Words,
                scaled: true,
                grouped: false,
                fractional: true,
            });
        } else if self.word_is(i, "half") {
            // "half a dozen", "half a million"; "half" alone is 0.5.
            if (self.word_is(i + 1, "a") || self.word_is(i + 1, "an"))
                && matches!(
                    self.cardinal(i + 2),
                    Some((_, WordClass::Dozen | WordClass::Scale | WordClass::Hundred))
                )
            {
                let (v, _) = self.cardinal(i + 2)?;
                return Some(Num {
                    first: i,
                    last: i + 3,
                    value: v / 2.0,
                    form: Form::Words,
                    scaled: false,
                    grouped: false,
                    fractional: false,
                });
            }
            if matches!(self.cardinal(i + 1), Some((_, WordClass::Scale)))
                && !self.word_is(i + 1, "thousand")
            {
                let (v, _) = self.cardinal(i + 1)?;
                return Some(Num {
                    first: i,
                    last: i + 2,
                    value: v / 2.0,
                    form: Form::Words,
                    scaled: true,
                    grouped: false,
                    fractional: false,
                });
            }
            return Some(Num {
                first: i,
                last: i + 1,
                value: 0.5,
                form: Form::Words,
                scaled: false,
                grouped: false,
                fractional: true,
            });
        }
        if !article && self.flag(i, crate::lexicon::F_CARD) {
            if let Some(n) = self.compound_fraction(i) {
                return Some(n);
            }
        }
        let mut total = 0.0f64;
        let mut current = 0.0f64;
        let mut max_scale = 1.0f64;
        // The units, teens and tens since the last "hundred" or scale word.
        let mut small = 0.0f64;
        let mut last: Option<WordClass> = None;
        let mut after_and = false;
        let mut end = i;
        let mut any = false;
        let mut scaled = false;
        loop {
            if j > i && !self.same_line(j) {
                break;
            }
            if let Some((v, class)) = self.cardinal(j) {
                let ok = match class {
                    WordClass::Unit => matches!(
                        last,
                        None | Some(WordClass::Tens)
                            | Some(WordClass::Hundred)
                            | Some(WordClass::Scale)
                    ),
                    WordClass::Teen | WordClass::Tens => matches!(
                        last,
                        None | Some(WordClass::Hundred) | Some(WordClass::Scale)
                    ),
                    // "hundred thousand dollars": a bare hundred before a scale word.
                    WordClass::Hundred => {
                        (current > 0.0 && current < 100.0)
                            || (article && !any)
                            || (!any
                                && j == i
                                && matches!(self.cardinal(j + 1), Some((_, WordClass::Scale)))
                                && self.same_line(j + 1))
                    }
                    WordClass::Scale => {
                        current > 0.0 || (article && !any) || (total > 0.0 && v > max_scale)
                    }
                    WordClass::Dozen => any || article,
                };
                if !ok
                    || (after_and
                        && !matches!(class, WordClass::Unit | WordClass::Teen | WordClass::Tens))
                {
                    break;
                }
                match class {
                    WordClass::Unit | WordClass::Teen | WordClass::Tens => {
                        current += v;
                        small += v;
                    }
                    WordClass::Hundred => {
                        current = if current == 0.0 {
                            100.0
                        } else {
                            current * 100.0
                        };
                        small = 0.0;
                    }
                    WordClass::Scale => {
                        scaled = true;
                        let group = if current == 0.0 && !any { 1.0 } else { current };
                        if v > max_scale {
                            total = (total + group) * v;
                            max_scale = v;
                        } else {
                            total += group * v;
                        }
                        current = 0.0;
                        small = 0.0;
                    }
                    WordClass::Dozen => {
                        // "three hundred and two dozens" = 300 + 2 × 12.
                        total = if any && small > 0.0 {
                            total + (current - small) + small * 12.0
                        } else if any {
                            (total + current) * 12.0
                        } else {
                            12.0
                        };
                        current = 0.0;
                        end = j + 1;
                        any = true;
                        break;
                    }
                }
                last = Some(class);
                after_and = false;
                any = true;
                j += 1;
                end = j;
                continue;
            }
            if !any {
                break;
            }
            // "fifty-two", "fifty - two".
            if self.is_dash(j)
                && last == Some(WordClass::Tens)
                && matches!(self.cardinal(j + 1), Some((_, WordClass::Unit)))
            {
                j += 1;
                continue;
            }
            // "one hundred and six", "two thousand and two hundred".
            if self.word_is(j, "and")
                && matches!(last, Some(WordClass::Hundred) | Some(WordClass::Scale))
                && matches!(
                    self.cardinal(j + 1),
                    Some((_, WordClass::Unit | WordClass::Teen | WordClass::Tens))
                )
                && !self.is_fraction_ahead(j + 1)
            {
                after_and = true;
                j += 1;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        let mut value = total + current;
        let mut fractional = false;
        // Fractions: "two thirds", "twenty-three fifths", "three quarters".
        if value > 0.0 && self.same_line(end) {
            // "one-eighth", "five - eighths".
            let at = if self.is_dash(end) && last != Some(WordClass::Scale) {
                end + 1
            } else {
                end
            };
            if let Some((d, last_tok)) = self.denominator_phrase(at) {
                let plural =
                    self.s(last_tok - 1).ends_with('s') || self.s(last_tok - 1).ends_with("ves");
                if (value == 1.0) != plural || value == 1.0 && !plural {
                    value /= d;
                    end = last_tok;
                    fractional = true;
                    // "three quarters billion", "two thirds of a million".
                    if !scaled {
                        if let Some((m, e)) = self.fraction_scale(end) {
                            value = scale_exactly(value, m);
                            end = e;
                            scaled = true;
                        }
                    }
                }
            }
        }
        // "two hundred point zero three", "nine point nought four".
        if !fractional && self.word_is(end, "point") {
            let mut k = end + 1;
            let mut digits = String::new();
            while let Some((v, WordClass::Unit)) = self.cardinal(k) {
                digits.push(char::from(b'0' + v as u8));
                k += 1;
            }
            if digits.is_empty() {
                if let Some(n) = self.words(end + 1) {
                    if n.value >= 1.0 && n.value < 100.0 && n.value.fract() == 0.0 {
                        digits = format!("{}", n.value as u64);
                        k = n.last;
                    }
                }
            }
            if !digits.is_empty() {
                if let Ok(f) = format!("0.{digits}").parse::<f64>() {
                    value += f;
                    end = k;
                    fractional = true;
                }
            }
        }
        // "one and a half", "five and a quarter", "twenty and three fifths".
        if self.word_is(end, "and") {
            if let Some(frac) = self.words(end + 1) {
                let frac_scale = if frac.scaled {
                    self.scale_word(frac.last - 1)
                } else {
                    None
                };
                if let (true, Some(m)) = (frac.fractional && frac.form == Form::Words, frac_scale) {
                    if !scaled {
                        // "five and a half million".
                        value = scale_exactly(value, m) + frac.value;
                        end = frac.last;
                        fractional = true;
                        scaled = true;
                    } else if m < max_scale {
                        // "one billion and a half million".
                        value += frac.value;
                        end = frac.last;
                        fractional = true;
                    }
                } else if frac.fractional && frac.value < 1.0 && frac.form == Form::Words {
                    // "one million and a half" is 1.5 million; "one and a half" is 1.5.
                    let unit = if last == Some(WordClass::Scale) && current == 0.0 {
                        max_scale
                    } else {
                        1.0
                    };
                    value += frac.value * unit;
                    end = frac.last;
                    fractional = true;
                }
            }
        }
        Some(Num {
            first: i,
            last: end,
            value,
            form: Form::Words,
            scaled,
            grouped: false,
            fractional,
        })
    }

    /// Whether a fraction starts at `i` ("three fifths" after "and").
    fn is_fraction_ahead(&self, i: usize) -> bool {
        let mut k = i;
        while matches!(
            self.cardinal(k),
            Some((_, WordClass::Unit | WordClass::Teen | WordClass::Tens))
        ) || self.is_dash(k)
        {
            k += 1;
        }
        // Only a one-word numerator: "one hundred and two thirds" is 100⅔, but "one hundred and
        // thirty fifths" is 130/5.
        // A numerator below its denominator makes a mixed number: "two hundred and fifty-four
        // hundredths" is 200.54.
        let Some((d, e)) = self.denominator_phrase(k) else {
            return false;
        };
        let n = self
            .cardinal_exact(i, k)
            .map(|(v, _)| v)
            .unwrap_or(f64::INFINITY);
        k > i
            && (self.s(e - 1).ends_with('s') || n == 1.0)
            && (n < d || (k == i + 1 && matches!(self.cardinal(i), Some((_, WordClass::Unit)))))
    }

    /// Tokens `a..b` read exactly as one cardinal ("one hundred and thirty"): value and last class.
    fn cardinal_exact(&self, a: usize, b: usize) -> Option<(f64, WordClass)> {
        let (mut total, mut current, mut max_scale) = (0.0f64, 0.0f64, 1.0f64);
        let mut last: Option<WordClass> = None;
        let mut k = a;
        while k < b {
            if self.is_dash(k)
                && last == Some(WordClass::Tens)
                && k + 1 < b
                && matches!(self.cardinal(k + 1), Some((_, WordClass::Unit)))
            {
                k += 1;
                continue;
            }
            if self.word_is(k, "and")
                && matches!(last, Some(WordClass::Hundred | WordClass::Scale))
                && k + 1 < b
            {
                k += 1;
                continue;
            }
            let (v, class) = self.cardinal(k)?;
            let ok = match class {
                WordClass::Unit => matches!(
                    last,
                    None | Some(WordClass::Tens)
                        | Some(WordClass::Hundred)
                        | Some(WordClass::Scale)
                ),
                WordClass::Teen | WordClass::Tens => matches!(
                    last,
                    None | Some(WordClass::Hundred) | Some(WordClass::Scale)
                ),
                WordClass::Hundred => current > 0.0 && current < 100.0,
                WordClass::Scale => current > 0.0 && (total == 0.0 || v < max_scale),
                WordClass::Dozen => false,
            };
            if !ok {
                return None;
            }
            match class {
                WordClass::Hundred => current *= 100.0,
                WordClass::Scale => {
                    total += current * v;
                    max_scale = max_scale.max(v);
                    current = 0.0;
                }
                _ => current += v,
            }
            last = Some(class);
            k += 1;
        }
        Some((total + current, last?))
    }

    /// "one hundred thirty fifths" = 100/35, "one one hundred fifth" = 1/105: a numerator, then a
    /// compound ordinal as denominator. `r` is the end of the run of number words at `i`.
    fn compound_fraction(&self, i: usize) -> Option<Num> {
        let mut r = i;
        while r - i < 12
            && (self.cardinal(r).is_some()
                || (r > i && (self.word_is(r, "and") || self.is_dash(r))))
            && (r == i || self.same_line(r))
        {
            r += 1;
        }
        if r < i + 2 || !self.same_line(r) {
            return None;
        }
        let (ord, plural) = self.denominator(r)?;
        let den_end = if self.word_is(r - 1, "and") || self.is_dash(r - 1) {
            r - 1
        } else {
            r
        };
        for p in i + 1..den_end {
            if self.word_is(p - 1, "and")
                || self.is_dash(p - 1)
                || self.word_is(p, "and")
                || self.is_dash(p)
            {
                continue;
            }
            let Some((num, _)) = self.cardinal_exact(i, p) else {
                continue;
            };
            let Some((card, class)) = self.cardinal_exact(p, den_end) else {
                continue;
            };
            let d = match class {
                WordClass::Tens if ord < 10.0 => card + ord,
                WordClass::Hundred | WordClass::Scale if ord < 100.0 => card + ord,
                _ => continue,
            };
            if (num == 1.0) == plural || d == 0.0 {
                continue;
            }
            return Some(Num {
                first: i,
                last: r + 1,
                value: num / d,
                form: Form::Words,
                scaled: false,
                grouped: false,
                fractional: true,
            });
        }
        None
    }

    /// A fraction denominator at `i`: "fifth(s)", "quarter(s)", "half", "twenty-first(s)", "hundredths".
    /// Returns the denominator and the end token.
    fn denominator_phrase(&self, i: usize) -> Option<(f64, usize)> {
        if let Some((d, _)) = self.denominator(i) {
            return Some((d, i + 1));
        }
        // "twenty-first", "twenty first", "hundred fifth".
        if let Some((tens, WordClass::Tens)) = self.cardinal(i) {
            let k = if self.is_dash(i + 1) { i + 2 } else { i + 1 };
            let w = self.lower(k);
            let w = w.as_str();
            let stem = w.strip_suffix('s').unwrap_or(w);
            if let Some(o) = self.lex.ordinals.get(stem) {
                if *o < 10.0 {
                    return Some((tens + o, k + 1));
                }
            }
        }
        None
    }

    /// A spelled ordinal at `i`: "third", "twenty-first".
    pub fn word_ordinal(&self, i: usize) -> Option<Num> {
        if let Some(v) = self.ordinal(i) {
            return Some(Num {
                first: i,
                last: i + 1,
                value: v,
                form: Form::Ordinal,
                scaled: false,
                grouped: false,
                fractional: false,
            });
        }
        if let Some((tens, WordClass::Tens)) = self.cardinal(i) {
            if self.is_dash(i + 1) && self.glued(i + 1) {
                if let Some(o) = self.ordinal(i + 2) {
                    if o < 10.0 {
                        return Some(Num {
                            first: i,
                            last: i + 3,
                            value: tens + o,
                            form: Form::Ordinal,
                            scaled: false,
                            grouped: false,
                            fractional: false,
                        });
                    }
                }
            }
        }
        None
    }

    /// Any number starting at `i`, with a sign ("-5", "minus five") when there is one.
    pub fn number(&self, i: usize, money: bool) -> Option<Num> {
        let s = self.s(i);
        let negative_sign = matches!(s, "-" | "−") && self.kind(i) == Some(Kind::Punct);
        if negative_sign {
            // A sign, not a dash: glued to the figure and not glued to a word or number before it.
            let before_glued = i > 0
                && self.glued(i)
                && matches!(self.kind(i - 1), Some(Kind::Digits) | Some(Kind::Word));
            let after_ok = self.glued(i + 1) || (i == 0 && self.gap(i + 1) == " ");
            if before_glued || !after_ok {
                return None;
            }
            let mut n = self.digits(i + 1, money).or_else(|| {
                if self.glued(i + 1) {
                    None
                } else {
                    self.words(i + 1)
                }
            })?;
            if n.form == Form::Ordinal {
                return None;
            }
            n.first = i;
            n.value = -n.value;
            return Some(n);
        }
        if self.word_is(i, "minus") || self.word_is(i, "negative") {
            let mut n = self.digits(i + 1, money).or_else(|| self.words(i + 1))?;
            if n.form == Form::Ordinal {
                return None;
            }
            n.first = i;
            n.value = -n.value;
            return Some(n);
        }
        match self.kind(i)? {
            Kind::Digits => self.digits(i, money),
            Kind::Punct if s == "." => self.digits(i, money),
            Kind::Punct => vulgar(s).map(|value| Num {
                first: i,
                last: i + 1,
                value,
                form: Form::Digits,
                scaled: false,
                grouped: false,
                fractional: true,
            }),
            Kind::Word => self.words(i).or_else(|| self.word_ordinal(i)),
        }
    }
}

/// The value of a vulgar fraction character ("½", "⅔").
pub fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

/// Whether `s` is a vulgar fraction character.
pub fn is_vulgar(s: &str) -> bool {
    // Every vulgar fraction is U+00BC..U+00BE or U+2150..U+215E: its first byte is 0xC2 or 0xE2.
    s.len() > 1 && matches!(s.as_bytes()[0], 0xc2 | 0xe2) && vulgar(s).is_some()
}

/// `value * mult`, rounded as the decimal product would be: 16.4 × 10⁶ is 16400000, not 16399999.999999998.
fn scale_exactly(value: f64, mult: f64) -> f64 {
    let exp = mult.log10().round();
    if (10f64.powf(exp) - mult).abs() < 0.5 && value.is_finite() {
        // A whole figure times an exact power of ten, below 2^53: the product is exact, as the
        // decimal reading below would give it.
        const POWERS: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        if value.fract() == 0.0 && exp >= 0.0 {
            if let Some(p) = POWERS.get(exp as usize) {
                let product = value * p;
                if product.abs() < 9_007_199_254_740_992.0 {
                    return product;
                }
            }
        }
        if let Ok(v) = format!("{value}e{}", exp as i32).parse::<f64>() {
            return v;
        }
    }
    value * mult
}

/// Parses a whole string as one number ("12,000", "twenty-one", "1.2 million", "$3bn" → 3e9),
/// or `None` when the string is not exactly one number.
pub fn parse_number(s: &str) -> Option<f64> {
    let mut toks = Vec::new();
    crate::token::tokenize(s, &mut toks);
    let cursor = Cursor::new(s, &toks, crate::lexicon::lexicon());
    let mut i = 0;
    let money = cursor
        .match_after(
            0,
            3,
            &cursor.lex.currencies,
            false,
            crate::lexicon::F_CURRENCY,
        )
        .filter(|(_, c)| c.before);
    if let Some((end, _)) = &money {
        i = *end;
    }
    let n = cursor.number(i, money.is_some())?;
    if n.last == toks.len() && n.value.is_finite() {
        Some(n.value)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn parses_numbers_as_written() {
        let cases: &[(&str, f64)] = &[
            ("12,000", 12000.0),
            ("1,234,567", 1234567.0),
            ("12,34,567.89", 1234567.89),
            ("1 234 567", 1234567.0),
            ("4.800", 4.8),
            (".08", 0.08),
            ("-9.5", -9.5),
            ("1.2 million", 1_200_000.0),
            ("3bn", 3e9),
            ("$250m", 250e6),
            ("10k", 10_000.0),
            ("twenty-one", 21.0),
            ("two thousand", 2000.0),
            ("a dozen", 12.0),
            ("half a dozen", 6.0),
            ("one hundred and sixty-one", 161.0),
            ("two hundred and two thousand", 202_000.0),
            ("twenty-one trillion three hundred", 21_000_000_000_300.0),
            ("three lakh crore", 3e12),
            ("two thirds", 2.0 / 3.0),
            ("one and a half", 1.5),
            ("3/4", 0.75),
            ("2 1/4", 2.25),
            ("1e10", 1e10),
            ("two hundred point zero three", 200.03),
            ("minus five", -5.0),
            ("3 dozens", 36.0),
        ];
        for (s, want) in cases {
            let got = parse_number(s);
            assert!(
                got.map(|g| (g - want).abs() <= want.abs() * 1e-9)
                    .unwrap_or(false),
                "{s:?}: got {got:?}, want {want}"
            );
        }
        // The exact shortcut of `scale_exactly` agrees with reading the decimal product.
        for v in [
            0.0,
            -0.0,
            1.0,
            3.0,
            16.0,
            250.0,
            999_999.0,
            123_456_789.0,
            -42.0,
            9e15,
        ] {
            for mult in [1e2f64, 1e3, 1e5, 1e6, 1e7, 1e9, 1e12, 1e15, 1e22] {
                let exp = mult.log10().round() as i32;
                let slow: f64 = format!("{v}e{exp}").parse().unwrap();
                let fast = super::scale_exactly(v, mult);
                assert_eq!(fast.to_bits(), slow.to_bits(), "{v} x {mult}");
            }
        }
        for s in ["", "a", "an", "the", "1/0", "twenty twenty", "km"] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }
}
