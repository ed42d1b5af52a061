//! Finding quoted stretches from the quotation marks alone.
//!
//! Double quotes (straight `"` and curly `“ ”`) are paired within a paragraph (a line); single quotes
//! (`‘ ’` and straight `'`) only outside double quotes, which is how headlines and British-style text
//! use them, and never where the mark is an apostrophe (`can’t`, `soldiers’`). Marks nested inside a
//! quote stay part of the outer quote. A paragraph that opens a quote without closing it continues
//! into the next paragraph when that one opens with a quotation mark (the convention for a quote over
//! several paragraphs); otherwise the quote is taken to end with its first sentence.

/// One quoted stretch inside one paragraph.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Marked {
    /// The words inside the marks, trimmed of white space (byte offsets into the text).
    pub start: usize,
    pub end: usize,
    /// Where the opening mark starts (or the paragraph start for a piece without one).
    pub open: usize,
    /// Where the closing mark ends (or `end` when the quote is not closed in this paragraph).
    pub close: usize,
    /// This piece continues a quote opened in an earlier paragraph.
    pub continues: bool,
    /// The quote is not closed in this paragraph and runs on into the next one.
    pub runs_on: bool,
    /// Single quotation marks.
    pub single: bool,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Characters after which an opening mark may stand.
fn opens_after(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-/:;,“‘\"'".contains(c))
}

/// The quoted stretches of `text`, in order.
pub fn find(text: &str) -> Vec<Marked> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed_start = at + (line.len() - line.trim_start().len());
        let trimmed_end = at + line.trim_end().len();
        if trimmed_end > trimmed_start {
            lines.push((trimmed_start, trimmed_end));
        }
        at += line.len();
    }
    let mut out = Vec::new();
    let mut carry = false;
    for (idx, &(start, end)) in lines.iter().enumerate() {
        let next_opens = lines
            .get(idx + 1)
            .is_some_and(|&(s, e)| starts_with_open_mark(&text[s..e]));
        let (pieces, open_at_end) = paragraph(text, start, end, carry, next_opens);
        out.extend(pieces);
        carry = open_at_end;
    }
    out
}

fn starts_with_open_mark(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("''") {
        return rest.chars().next().is_some_and(|c| !c.is_whitespace());
    }
    let mut chars = line.chars();
    match chars.next() {
        Some('“') | Some('"') | Some('”') => chars.next().is_some_and(|c| !c.is_whitespace()),
        _ => false,
    }
}

/// The quotes of one paragraph `start..end`; `carry` says a quote runs on from the previous one.
/// Returns the pieces and whether a quote runs on past this paragraph.
fn paragraph(
    text: &str,
    start: usize,
    end: usize,
    carry: bool,
    next_opens: bool,
) -> (Vec<Marked>, bool) {
    let para = &text[start..end];
    // Two apostrophes ('') are a double quotation mark in some archives; read them as one '"'
    // standing at the first of the two.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(para.len());
    let mut skip_next = false;
    for (i, c) in para.char_indices() {
        if skip_next {
            skip_next = false;
            continue;
        }
        if c == '\'' && para[i + 1..].starts_with('\'') {
            chars.push((i + start, '"'));
            skip_next = true;
        } else {
            chars.push((i + start, c));
        }
    }
    let width = |at: usize, c: char| {
        if c == '"' && text[at..].starts_with("''") {
            2
        } else {
            c.len_utf8()
        }
    };
    let char_at = |k: usize| -> Option<char> { chars.get(k).map(|&(_, c)| c) };
    let prev = |k: usize| -> Option<char> {
        if k == 0 {
            None
        } else {
            char_at(k - 1)
        }
    };
    let mut doubles: Vec<Marked> = Vec::new();
    // (char index of the opening mark, byte offset of the first inner byte)
    let mut open: Option<(usize, usize)> = None;
    let mut continues = false;
    if carry && starts_with_open_mark(para) {
        // The continuation paragraph's opening mark re-opens the running quote.
        continues = true;
    }
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let after = at + width(at, c);
        match c {
            '“' | '”' | '"' => {
                let opener_shape = opens_after(prev(k)) && !is_space(char_at(k + 1));
                let closer_shape =
                    !is_space(prev(k)) || k > 0 && matches!(prev(k), Some('.' | ',' | '?' | '!'));
                match open {
                    None => {
                        // A closing curly mark or a straight mark opens when it is shaped like an
                        // opener; "”" opening a quote is a typo we see in scraped text.
                        let attribute = prev(k) == Some('=');
                        if (c == '“' || opener_shape) && !attribute {
                            open = Some((k, after));
                        }
                    }
                    Some((open_k, inner)) => {
                        if c == '“' && opener_shape && !closer_shape {
                            // A new opening mark while one is open: the first was never closed.
                            // Keep the earlier one only if it runs on (handled at the end); here
                            // restart from this mark.
                            let _ = open_k;
                            open = Some((k, after));
                        } else if c == '"' && opener_shape && !closer_shape {
                            open = Some((k, after));
                        } else {
                            let first_piece = continues && doubles.is_empty();
                            push_piece(
                                &mut doubles,
                                text,
                                chars[open_k].0,
                                inner,
                                at,
                                after,
                                first_piece,
                                false,
                                false,
                            );
                            open = None;
                        }
                    }
                }
            }
            _ => {}
        }
        k += 1;
    }
    let mut runs_on = false;
    if let Some((open_k, inner)) = open {
        if next_opens {
            let first_piece = continues && doubles.is_empty();
            push_piece(
                &mut doubles,
                text,
                chars[open_k].0,
                inner,
                end,
                end,
                first_piece,
                true,
                false,
            );
            runs_on = true;
        } else if let Some(stop) = first_sentence_end(text, inner, end) {
            let first_piece = continues && doubles.is_empty();
            push_piece(
                &mut doubles,
                text,
                chars[open_k].0,
                inner,
                stop,
                stop,
                first_piece,
                false,
                false,
            );
        }
    }
    // Single-quoted stretches outside the double quotes.
    let mut singles: Vec<Marked> = Vec::new();
    let mut open_single: Option<(usize, usize)> = None;
    for k in 0..chars.len() {
        let (at, c) = chars[k];
        if !matches!(c, '‘' | '\'' | '’') || doubles.iter().any(|d| d.open <= at && at < d.close)
        {
            continue;
        }
        let after = at + width(at, c);
        match c {
            '‘' | '\'' => {
                if let Some((open_k, inner)) = open_single {
                    if c == '\'' && !is_space(prev(k)) && !is_word(char_at(k + 1)) {
                        push_piece(
                            &mut singles,
                            text,
                            chars[open_k].0,
                            inner,
                            at,
                            after,
                            false,
                            false,
                            true,
                        );
                        open_single = None;
                        continue;
                    }
                }
                // An opening mark stands before a word and after a space or bracket; "‘90s" is an
                // elided year, not a quote.
                let elided_year = char_at(k + 1).is_some_and(|d| d.is_ascii_digit())
                    && char_at(k + 2).is_some_and(|d| d.is_ascii_digit());
                if opens_after(prev(k))
                    && !is_space(char_at(k + 1))
                    && !elided_year
                    && (open_single.is_none() || c == '‘')
                {
                    open_single = Some((k, after));
                }
            }
            '’' => {
                if let Some((open_k, inner)) = open_single {
                    // An apostrophe sits between letters (can’t); a closing mark does not.
                    if !is_space(prev(k)) && !is_word(char_at(k + 1)) {
                        // "soldiers’ notes": a plural possessive looks like a close; accept it
                        // only when what follows is not a lower-case word.
                        push_piece(
                            &mut singles,
                            text,
                            chars[open_k].0,
                            inner,
                            at,
                            after,
                            false,
                            false,
                            true,
                        );
                        open_single = None;
                    }
                }
            }
            _ => {}
        }
    }
    let mut all = doubles;
    all.extend(singles);
    all.sort_by_key(|m| m.start);
    (all, runs_on)
}

/// The end of the first sentence of `text[from..limit]` (after its closing punctuation), when the
/// stretch holds more than one sentence.
fn first_sentence_end(text: &str, from: usize, limit: usize) -> Option<usize> {
    let slice = &text[from..limit];
    for (i, c) in slice.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let rest = &slice[i + 1..];
            let trimmed = rest.trim_start();
            if trimmed.len() < rest.len()
                && trimmed.chars().next().is_some_and(|n| n.is_uppercase())
            {
                return Some(from + i + 1);
            }
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn push_piece(
    out: &mut Vec<Marked>,
    text: &str,
    open: usize,
    inner_start: usize,
    inner_end: usize,
    close: usize,
    continues: bool,
    runs_on: bool,
    single: bool,
) {
    if inner_end <= inner_start {
        return;
    }
    let inner = &text[inner_start..inner_end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let (start, end) = (inner_start + lead, inner_end - trail);
    if end <= start || !text[start..end].chars().any(|c| c.is_alphanumeric()) {
        return;
    }
    out.push(Marked {
        start,
        end,
        open,
        close,
        continues,
        runs_on,
        single,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text)
            .into_iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn pairs_double_quotes() {
        assert_eq!(
            inner(r#"He said "go home" and “stay there.”"#),
            vec!["go home", "stay there."]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            inner("“You say you ‘accept responsibility,’” Merkley said."),
            vec!["You say you ‘accept responsibility,’"]
        );
    }

    #[test]
    fn headline_single_quotes_but_not_apostrophes() {
        assert_eq!(
            inner("Mother’s letter to soldier son: ‘Seek freedom’"),
            vec!["Seek freedom"]
        );
        assert_eq!(
            inner("Trump: 'I can't lose' in the '90s"),
            vec!["I can't lose"]
        );
    }

    #[test]
    fn runs_over_paragraphs() {
        let text = "“First part.\n\n“Second part,” she said.";
        let found = find(text);
        assert_eq!(inner(text), vec!["First part.", "Second part,"]);
        assert!(found[0].runs_on && found[1].continues);
    }

    #[test]
    fn unclosed_quote_ends_with_its_sentence() {
        assert_eq!(
            inner("She asked, “Why now? Her letter is sad."),
            vec!["Why now?"]
        );
    }

    #[test]
    fn attribute_values_are_not_quotes() {
        assert!(inner(r#"<tweet id="12345">"#).is_empty());
    }
}
