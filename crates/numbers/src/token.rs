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

/// Splits `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // The common cases first: a space, then a letter.
        if b == b' ' {
            at += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            out.push(Tok {
                start,
                end: at,
                kind: Kind::Digits,
            });
        } else if b.is_ascii_alphabetic() {
            let start = at;
            loop {
                while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                    at += 1;
                }
                // Letters outside ASCII continue a word ("Kovalenkiy", "café"); any other ASCII
                // byte ends it.
                if bytes.get(at).is_none_or(|b| b.is_ascii()) {
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
                while at < bytes.len() {
                    let b = bytes[at];
                    if b.is_ascii_alphabetic() {
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
}
