//! A small word splitter for one sentence: words and single punctuation marks with byte offsets into the
//! document text. It is not a tokenizer for the pipeline (that is `segment`'s job); it only gives the claims
//! rules something to walk over, with lower-case forms for the lexicon look-ups.

/// One word or punctuation mark.
#[derive(Clone, Debug)]
pub struct Tok {
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// Lower-case form (words) or the mark itself.
    pub lower: String,
    pub word: bool,
    /// The word starts with an upper-case letter.
    pub cap: bool,
    /// Index of the quantity this token belongs to, if it lies inside one.
    pub quantity: Option<usize>,
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '/' | '&' | '‑')
}

/// Splits `text` (which starts at byte `base` of the document) into tokens.
pub fn split(text: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            let mut dotted = false;
            while j < n {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if joins(d) && j + 1 < n && chars[j + 1].1.is_alphanumeric() {
                    // A comma joins only digits ("2,700"), not words ("Korea,the").
                    if d == ',' && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()) {
                        break;
                    }
                    if d == '.' {
                        dotted = true;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // "U.S." and "F.B.I." keep their final period.
            if dotted && j < n && chars[j].1 == '.' {
                j += 1;
            }
            let end = if j < n { chars[j].0 } else { text.len() };
            let s = &text[at..end];
            out.push(Tok {
                start: base + at,
                end: base + end,
                lower: s.to_lowercase(),
                word: true,
                cap: c.is_uppercase(),
                quantity: None,
            });
            i = j;
        } else {
            let end = at + c.len_utf8();
            out.push(Tok { start: base + at, end: base + end, lower: c.to_string(), word: false, cap: false, quantity: None });
            i += 1;
        }
    }
    out
}

/// Whether a token is a closing quotation mark (or an apostrophe used as one).
pub fn is_close_quote(t: &Tok) -> bool {
    !t.word && matches!(t.lower.as_str(), "”" | "\"" | "’" | "'" | "»")
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
        let toks = split(text, 10);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start - 10..t.end - 10]).collect();
        assert_eq!(words, ["More", "than", "2,700", "wounded", ",", "according", "to", "South", "Korea’s", "U.S.", "spy-agency", "."]);
        assert!(toks[0].cap && !toks[1].cap);
        assert_eq!(toks[8].lower, "korea’s");
    }
}
