//! A small tokenizer made for number finding: runs of ASCII digits, runs of letters, and single
//! other characters. Whitespace separates tokens and is not kept; the gap between two tokens is
//! read from the text when it matters ("1,234" is glued, "1 234" is spaced).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Digits,
    Word,
    Punct,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Byte classes of ASCII: a letter or a digit; every other byte (marks, white space, the bytes of
/// non-ASCII characters) is 0.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() {
            t[b] = LETTER;
        } else if c.is_ascii_digit() {
            t[b] = DIGIT;
        }
        b += 1;
    }
    t
};

/// What [`tokenize_flagged`] saw in a stretch of text, for skipping the readers that cannot find
/// anything in it.
#[derive(Clone, Copy, Default, Debug)]
pub struct Summary {
    /// A digit run.
    pub digits: bool,
    /// A mark outside ASCII ("½", "−", "€").
    pub wide_mark: bool,
    /// The union of every token's flags.
    pub flags: u16,
    /// A word flagged `F_DATE_WORD` without `F_DATE_PAIR` ("yesterday", "half").
    pub lone_date_word: bool,
    /// "://" or "www." somewhere in the text.
    pub web: bool,
}

impl Summary {
    /// Whether a quantity can start somewhere: at a digit run, a vulgar fraction, a number word, a
    /// currency, a vague quantity, a percent word or a sign word (see `quantity::find`).
    pub fn may_hold_quantities(&self) -> bool {
        use crate::lexicon::{F_CARD, F_CURRENCY, F_ORD, F_PERCENT, F_SIGN_WORD, F_VAGUE};
        self.digits
            || self.wide_mark
            || self.flags & (F_CARD | F_ORD | F_CURRENCY | F_VAGUE | F_PERCENT | F_SIGN_WORD) != 0
    }

    /// Whether a date can start somewhere: at a digit run, a calendar or number word, or a date
    /// word (one that needs a partner only with a possible partner; see `date::find`).
    pub fn may_hold_dates(&self) -> bool {
        use crate::lexicon::{F_CAL, F_CARD, F_DATE_NEXT, F_DATE_PAIR};
        self.digits
            || self.flags & (F_CAL | F_CARD) != 0
            || self.lone_date_word
            || (self.flags & F_DATE_PAIR != 0 && self.flags & F_DATE_NEXT != 0)
    }
}

/// [`tokenize`] and the flags of every token (as [`crate::scan::Cursor::new`] computes them) in
/// one pass, into `out` and `flags` (both cleared first).
pub fn tokenize_flagged(
    text: &str,
    lex: &crate::lexicon::Lexicon,
    out: &mut Vec<Tok>,
    flags: &mut Vec<u16>,
) -> Summary {
    use crate::lexicon::{F_DATE_PAIR, F_DATE_WORD};
    tokenize(text, out);
    flags.clear();
    flags.reserve(out.len());
    let bytes = text.as_bytes();
    let mut sum = Summary::default();
    let table = &lex.flag_table;
    for t in out.iter() {
        let len = t.end - t.start;
        let f = match t.kind {
            Kind::Digits => {
                sum.digits = true;
                0
            }
            Kind::Punct if len > 1 => {
                sum.wide_mark = true;
                flags_at(table, bytes, t.start, len)
            }
            Kind::Punct => {
                let b = bytes[t.start];
                if b == b':' && bytes.get(t.start + 1..t.start + 3) == Some(b"//") {
                    sum.web = true;
                }
                table.get_byte(b)
            }
            Kind::Word => {
                if len >= 3
                    && bytes.get(t.end) == Some(&b'.')
                    && bytes.get(t.end - 3..t.end) == Some(b"www")
                {
                    sum.web = true;
                }
                if len > 16 {
                    0
                } else {
                    flags_at(table, bytes, t.start, len)
                }
            }
        };
        sum.lone_date_word |= f & (F_DATE_WORD | F_DATE_PAIR) == F_DATE_WORD;
        sum.flags |= f;
        flags.push(f);
    }
    sum
}

/// The flags of the token of `len` bytes (1 to 16) at `start`.
#[inline(always)]
fn flags_at(table: &crate::lexicon::FlagTable, bytes: &[u8], start: usize, len: usize) -> u16 {
    match bytes
        .get(start..start + 16)
        .and_then(|w| <&[u8; 16]>::try_from(w).ok())
    {
        Some(window) => table.get16(window, len),
        None => {
            // Near the end of the text: the token's bytes, zero-padded.
            let mut window = [0u8; 16];
            let tail = bytes.get(start..).unwrap_or_default();
            let n = tail.len().min(16);
            window[..n].copy_from_slice(&tail[..n]);
            table.get16(&window, len)
        }
    }
}

/// Splits `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut at = 0;
    while at < n {
        let b = bytes[at];
        let class = CLASS[b as usize];
        // The common cases first: a letter, then a space.
        if class == LETTER {
            let start = at;
            at += 1;
            loop {
                while at < n && CLASS[bytes[at] as usize] == LETTER {
                    at += 1;
                }
                // Letters outside ASCII continue a word ("Kovalenkiy", "café"); any other ASCII
                // byte ends it.
                if at >= n || bytes[at] < 0x80 {
                    break;
                }
                match text[at..].chars().next() {
                    Some(c) if !c.is_ascii() && c.is_alphabetic() => at += c.len_utf8(),
                    _ => break,
                }
            }
            out.push(Tok {
                start,
                end: at,
                kind: Kind::Word,
            });
        } else if b == b' ' {
            at += 1;
        } else if class == DIGIT {
            let start = at;
            at += 1;
            while at < n && CLASS[bytes[at] as usize] == DIGIT {
                at += 1;
            }
            out.push(Tok {
                start,
                end: at,
                kind: Kind::Digits,
            });
        } else if b.is_ascii_whitespace() {
            at += 1;
        } else if b < 0x80 {
            out.push(Tok {
                start: at,
                end: at + 1,
                kind: Kind::Punct,
            });
            at += 1;
        } else {
            let c = match text[at..].chars().next() {
                Some(c) => c,
                None => break,
            };
            let start = at;
            at += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphabetic() {
                while at < n {
                    let b = bytes[at];
                    if CLASS[b as usize] == LETTER {
                        at += 1;
                        continue;
                    }
                    match text[at..].chars().next() {
                        Some(c) if !c.is_ascii() && c.is_alphabetic() => at += c.len_utf8(),
                        _ => break,
                    }
                }
                out.push(Tok {
                    start,
                    end: at,
                    kind: Kind::Word,
                });
            } else {
                out.push(Tok {
                    start,
                    end: at,
                    kind: Kind::Punct,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_words_and_marks() {
        let text = "US$1,200 in G20’s café";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let parts: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            parts,
            ["US", "$", "1", ",", "200", "in", "G", "20", "’", "s", "café"]
        );
    }

    #[test]
    fn flagged_tokens_match_the_cursor() {
        let lex = crate::lexicon::lexicon();
        let texts = [
            "US$1,200 in G20’s café",
            "About two-thirds of the 3.5 million people, yesterday",
            "See https://example.com or www.example.org.",
            "Half a dozen ½ −5 minus three",
            "nothing to see here",
            "the next day, a week ago",
            "an extraordinarilylongwordwithoutanyflags and ÉLAN",
            "",
        ];
        let (mut toks, mut flags) = (Vec::new(), Vec::new());
        for text in texts {
            let seen = tokenize_flagged(text, lex, &mut toks, &mut flags);
            let mut plain = Vec::new();
            tokenize(text, &mut plain);
            assert_eq!(toks, plain, "{text:?}");
            let cursor = crate::scan::Cursor::new(text, &plain, lex);
            assert_eq!(flags, cursor.flags, "{text:?}");
            assert_eq!(seen.web, text.contains("://") || text.contains("www."));
            assert_eq!(seen.digits, text.bytes().any(|b| b.is_ascii_digit()));
        }
    }
}
