//! A small word splitter for one sentence: words and single punctuation marks with byte offsets into the
//! document text. It is not a tokenizer for the pipeline (that is `segment`'s job); it only gives the claims
//! rules something to walk over, with lower-case forms for the lexicon look-ups.

/// One word or punctuation mark.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// Lower-case form (words) or the mark itself, borrowed from the sentence's lower-case buffer.
    pub lower: &'a str,
    pub word: bool,
    /// The word starts with an upper-case letter.
    pub cap: bool,
    /// Index of the quantity this token belongs to, if it lies inside one.
    pub quantity: Option<usize>,
    /// What `measure::cue_at` learnt about the measure cues starting here: 0 not looked at yet, 1 none
    /// (whatever the sides and limit asked), 2 some.
    pub measure_cues: std::cell::Cell<u8>,
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '/' | '&' | '‑')
}

/// The character at byte `i` of `text` (a boundary the walk keeps), with a fast path for ASCII.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// ASCII letters and digits, as a table (one load per byte in the hot loop).
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Walks the tokens of `text`: `f(start, end, word, cap)` with byte offsets into `text`.
fn walk(text: &str, mut f: impl FnMut(usize, usize, bool, bool)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let n = text.len();
    while i < n {
        // ASCII white space and marks without decoding a character.
        let b = bytes[i];
        if b < 0x80 && !ALNUM[b as usize] {
            if !(b as char).is_whitespace() {
                f(i, i + 1, false, false);
            }
            i += 1;
            continue;
        }
        // An ASCII letter or digit here needs no decoding either.
        let c = if b < 0x80 {
            b as char
        } else {
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            c
        };
        if b < 0x80 || c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut prev = c;
            let mut dotted = false;
            loop {
                // A run of ASCII letters and digits first.
                let run = j;
                while j < n && ALNUM[bytes[j] as usize] {
                    j += 1;
                }
                if j > run {
                    prev = bytes[j - 1] as char;
                }
                // An ASCII byte that joins nothing ends the word (a space, most often).
                match bytes.get(j) {
                    None => break,
                    Some(&e)
                        if e < 0x80 && !matches!(e, b'\'' | b'-' | b'.' | b',' | b'/' | b'&') =>
                    {
                        break
                    }
                    _ => {}
                }
                let Some(d) = char_at(text, j) else { break };
                if d.is_alphanumeric() {
                    prev = d;
                    j += d.len_utf8();
                    continue;
                }
                if joins(d) {
                    let next = char_at(text, j + d.len_utf8());
                    if let Some(nx) = next.filter(|x| x.is_alphanumeric()) {
                        // A comma joins only digits ("2,700"), not words ("Korea,the").
                        if d == ',' && !(prev.is_ascii_digit() && nx.is_ascii_digit()) {
                            break;
                        }
                        if d == '.' {
                            dotted = true;
                        }
                        prev = d;
                        j += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
            // "U.S." and "F.B.I." keep their final period.
            if dotted && char_at(text, j) == Some('.') {
                j += 1;
            }
            f(i, j, true, c.is_uppercase());
            i = j;
        } else {
            let end = i + c.len_utf8();
            f(i, end, false, false);
            i = end;
        }
    }
}

/// Splits `text` (which starts at byte `base` of the document) into tokens. The lower-case forms are
/// written into `buf` (cleared first), so one buffer serves every sentence of a document without an
/// allocation per token; an ASCII sentence is lower-cased in one go.
pub fn split<'a>(text: &str, base: usize, buf: &'a mut String) -> Vec<Tok<'a>> {
    buf.clear();
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    if text.is_ascii() {
        buf.push_str(text);
        buf.make_ascii_lowercase();
        let lower: &'a str = buf.as_str();
        walk(text, |i, j, word, cap| {
            out.push(Tok {
                start: base + i,
                end: base + j,
                lower: lower.get(i..j).unwrap_or(""),
                word,
                cap,
                quantity: None,
                measure_cues: std::cell::Cell::new(0),
            })
        });
        return out;
    }
    // (start, end, lower range in buf, word, cap)
    let mut raw: Vec<(usize, usize, usize, usize, bool, bool)> =
        Vec::with_capacity(text.len() / 5 + 4);
    walk(text, |i, j, word, cap| {
        let s = text.get(i..j).unwrap_or("");
        let from = buf.len();
        if s.is_ascii() {
            buf.push_str(s);
            buf[from..].make_ascii_lowercase();
        } else {
            buf.extend(s.chars().flat_map(char::to_lowercase));
        }
        raw.push((base + i, base + j, from, buf.len(), word, cap));
    });
    let buf: &'a str = buf.as_str();
    out.extend(raw.into_iter().map(|(start, end, a, b, word, cap)| Tok {
        start,
        end,
        lower: buf.get(a..b).unwrap_or(""),
        word,
        cap,
        quantity: None,
        measure_cues: std::cell::Cell::new(0),
    }));
    out
}

/// Whether a token is a closing quotation mark (or an apostrophe used as one).
pub fn is_close_quote(t: &Tok) -> bool {
    !t.word && matches!(t.lower, "”" | "\"" | "’" | "'" | "»")
}

/// The word without a possessive ending ("korea’s" → "korea"), and whether it had one.
pub fn strip_possessive(s: &str) -> (&str, bool) {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = s.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks() {
        let text = "More than 2,700 wounded, according to South Korea’s U.S. spy-agency.";
        let mut buf = String::new();
        let toks = split(text, 10, &mut buf);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &text[t.start - 10..t.end - 10])
            .collect();
        assert_eq!(
            words,
            [
                "More",
                "than",
                "2,700",
                "wounded",
                ",",
                "according",
                "to",
                "South",
                "Korea’s",
                "U.S.",
                "spy-agency",
                "."
            ]
        );
        assert!(toks[0].cap && !toks[1].cap);
        assert_eq!(toks[8].lower, "korea’s");
    }
}
