//! Paragraphs, sentences and tokens, with byte offsets into the document text.
//!
//! Reads the text and the boilerplate layer; writes `paragraphs`, `sentences` and `tokens`.
//! A paragraph is a line (a hard-wrapped line whose next line starts in lower case is joined to
//! it), so headlines, bylines and captions without final punctuation are sentences of their own.
//! Inside a paragraph a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and
//! brackets) followed by white space, unless the word before is an abbreviation or an initial
//! ("Mr.", "Jan. 3", "J. Smith"), or the next word starts in lower case. Acronyms and company
//! suffixes ("U.S.", "Inc.") end a sentence only before a word that commonly starts one.
//! Boilerplate paragraphs get tokens but no sentences.
//!
//! Tokens follow Universal Dependencies conventions closely enough for the entity tagger, which
//! is trained on UD-tokenised text: hyphens and clitics ("'s", "n't") are tokens of their own,
//! numbers keep their separators ("12,000", "3.5"), abbreviations keep their period.
//! It does not tag parts of speech or parse; it allocates only the output vectors.

use document::{Document, Layer, Sentence, Span, Stage, Token};

/// The segmentation stage.
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Boilerplate]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }
    fn run(&self, doc: &mut Document) {
        let text = doc.text();
        let paragraphs = paragraphs(text);
        // News text has about one token per 4.5 bytes: room for one per 4 saves the copy of a
        // doubling in most documents.
        let mut sentences = Vec::with_capacity(paragraphs.len() * 2);
        let mut tokens = Vec::with_capacity(text.len() / 4 + 16);
        for p in &paragraphs {
            let ptext = &text[p.start()..p.end()];
            if doc.is_boilerplate(*p) {
                tokenize_into(ptext, p.start(), &mut tokens);
                continue;
            }
            for s in sentences_in(ptext) {
                let s = s.shift(p.start());
                sentences.push(Sentence { span: s });
                tokenize_into(&text[s.start()..s.end()], s.start(), &mut tokens);
            }
        }
        doc.paragraphs = paragraphs;
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// Segments a whole text with no boilerplate: (paragraphs, sentences, tokens), document offsets.
pub fn segment(text: &str) -> (Vec<Span>, Vec<Span>, Vec<Span>) {
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for p in &paragraphs {
        for s in sentences_in(&text[p.start()..p.end()]) {
            let s = s.shift(p.start());
            sentences.push(s);
            tokens.extend(
                tokenize(&text[s.start()..s.end()])
                    .into_iter()
                    .map(|t| t.shift(s.start())),
            );
        }
    }
    (paragraphs, sentences, tokens)
}

/// Paragraphs: non-empty lines trimmed of white space; a line that does not end a sentence and is
/// followed directly by a line starting in lower case (hard wrapping) continues on that line.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut at = 0;
    let mut join_next = false;
    for line in text.split_inclusive('\n') {
        let trimmed_start = line.trim_start();
        let start = at + (line.len() - trimmed_start.len());
        let end = at + line.trim_end().len();
        if end > start {
            let first = trimmed_start.chars().next().unwrap_or(' ');
            match out.last_mut() {
                Some(last) if join_next && first.is_lowercase() => {
                    *last = last.cover(Span::new(start, end))
                }
                _ => out.push(Span::new(start, end)),
            }
            let body = &text[start..end];
            let last_char = body.chars().next_back().unwrap_or('.');
            join_next = body.len() > 40 && (last_char.is_alphanumeric() || last_char == ',');
        } else {
            join_next = false;
        }
        at += line.len();
    }
    out
}

// Words before a period that never end a sentence by themselves (titles, "No. 5", "vs.").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl", "pvt", "maj", "adm",
    "cmdr", "rep", "sen", "gov", "pres", "rev", "fr", "st", "mt", "ft", "vs", "v", "cf", "e.g",
    "i.e", "approx", "dept", "gens", "messrs", "hon", "supt", "insp", "det", "brig", "lieut",
    "sgts",
];
// Abbreviations before a number only ("No. 10", "Fig. 3", "pp. 4").
const NUMBERED: &[&str] = &[
    "no", "nos", "fig", "vol", "op", "art", "sec", "ch", "pp", "est",
];
// Months: not a sentence end before a number ("Jan. 3").
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
// Words that end a sentence only before a common sentence opener ("... in the U.S. The ...").
const SUFFIXES: &[&str] = &[
    "inc", "corp", "ltd", "co", "jr", "sr", "bros", "etc", "plc", "llc", "al",
];
// Capitalised words that commonly open a sentence.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "So",
    "Yet",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Some",
    "Many",
    "Most",
    "Other",
    "Others",
    "One",
    "Two",
    "Both",
    "Such",
    "According",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "For",
    "With",
    "By",
    "From",
    "Under",
    "Last",
    "Now",
    "Then",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "No",
    "Not",
    "All",
    "Each",
    "Officials",
    "Mr.",
    "Mrs.",
    "Ms.",
];

// Which of the lists above a word is in, as bits, found without lower-casing it into a String.
const IN_TITLES: u8 = 1;
const IN_NUMBERED: u8 = 2;
const IN_MONTHS: u8 = 4;
const IN_SUFFIXES: u8 = 8;

/// A word of at most 7 bytes, ASCII letters lower-cased, as a number (its length in the top byte).
fn abbreviation_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 7 {
        return None;
    }
    let mut key = (bytes.len() as u64) << 56;
    for (i, &b) in bytes.iter().enumerate() {
        key |= (b.to_ascii_lowercase() as u64) << (8 * i);
    }
    Some(key)
}

/// The lists (`IN_*` bits) that hold `word`, compared without regard to ASCII case.
fn abbreviation(word: &str) -> u8 {
    static TABLE: std::sync::OnceLock<Vec<(u64, u8)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<(u64, u8)> = Vec::new();
        for (list, bit) in [
            (TITLES, IN_TITLES),
            (NUMBERED, IN_NUMBERED),
            (MONTHS, IN_MONTHS),
            (SUFFIXES, IN_SUFFIXES),
        ] {
            for w in list {
                if let Some(key) = abbreviation_key(w) {
                    match table.iter_mut().find(|e| e.0 == key) {
                        Some(e) => e.1 |= bit,
                        None => table.push((key, bit)),
                    }
                }
            }
        }
        table.sort_unstable();
        table
    });
    let Some(key) = abbreviation_key(word) else {
        return 0;
    };
    match table.binary_search_by_key(&key, |e| e.0) {
        Ok(i) => table[i].1,
        Err(_) => 0,
    }
}

/// Index of the first byte at or after `i` that may start a terminal mark ('.', '!', '?' or the
/// first byte of '…'), or the length of `bytes`: eight bytes at a time, then byte by byte.
fn next_terminal(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero when a byte of `x` equals `b`.
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * b as u64);
        y.wrapping_sub(ONES) & !y & HIGHS
    };
    if i < bytes.len() {
        for chunk in bytes[i..].chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            // Any byte of a multi-byte character stops the fast scan too ('…' starts with 0xE2).
            if has(x, b'.') | has(x, b'!') | has(x, b'?') | (x & HIGHS) != 0 {
                break;
            }
            i += 8;
        }
    }
    while i < bytes.len() && CLASS[bytes[i] as usize] & TERM == 0 {
        i += 1;
    }
    i
}

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

// Byte classes, so the hot loops test one bit of a table entry per byte.
const WORD: u8 = 1; // ASCII letter or digit
const DIGIT: u8 = 2; // ASCII digit
const TERM: u8 = 4; // '.', '!', '?', or 0xE2 (the first byte of '…')
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphanumeric() {
            c |= WORD;
        }
        if b.is_ascii_digit() {
            c |= DIGIT;
        }
        if matches!(b, b'.' | b'!' | b'?' | 0xE2) {
            c |= TERM;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// Length of a closing quote or bracket at the start of `rest`, or 0.
fn closer_len(rest: &[u8]) -> usize {
    match rest.first() {
        Some(b'"' | b'\'' | b')' | b']' | b'}') => 1,
        Some(0xE2)
            if rest.len() >= 3 && rest[1] == 0x80 && matches!(rest[2], 0x99 | 0x9D | 0xBA) =>
        {
            3
        } // ’ ” ›
        Some(0xC2) if rest.len() >= 2 && rest[1] == 0xBB => 2, // »
        _ => 0,
    }
}

/// Length of white space (ASCII or no-break / other Unicode spaces) at the start of `rest`.
fn space_len(rest: &[u8]) -> usize {
    match rest.first() {
        Some(&b) if is_space(b) => 1,
        Some(0xC2) if rest.get(1) == Some(&0xA0) => 2,
        Some(0xE2)
            if rest.get(1) == Some(&0x80)
                && rest
                    .get(2)
                    .is_some_and(|&c| (0x80..=0x8B).contains(&c) || c == 0xAF) =>
        {
            3
        }
        Some(0xE3) if rest.get(1) == Some(&0x80) && rest.get(2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// Sentence spans inside one paragraph, relative to it.
pub fn sentences_in(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = skip_space(bytes, 0);
    let mut i = start;
    while i < bytes.len() {
        i = next_terminal(bytes, i);
        let Some(&c) = bytes.get(i) else { break };
        let term_len = match c {
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3, // …
            _ => {
                i += 1;
                continue;
            }
        };
        // The run of terminal marks, then closing quotes and brackets.
        let mut end = i + term_len;
        while end < bytes.len() {
            if matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            } else if bytes[end] == 0xE2
                && bytes.get(end + 1) == Some(&0x80)
                && bytes.get(end + 2) == Some(&0xA6)
            {
                end += 3;
            } else {
                break;
            }
        }
        loop {
            let n = closer_len(&bytes[end..]);
            if n == 0 {
                break;
            }
            end += n;
        }
        let sp = space_len(&bytes[end..]);
        if sp == 0 {
            i = end.max(i + 1);
            continue;
        }
        let next = skip_space(bytes, end);
        if next >= bytes.len() {
            break;
        }
        if boundary(text, start, i, end - i == 1 && c == b'.', next) {
            out.push(Span::new(start, end));
            start = next;
        }
        i = next;
    }
    let tail_end = start + text[start..].trim_end().len();
    if tail_end > start {
        out.push(Span::new(start, tail_end));
    }
    out
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let n = space_len(&bytes[at.min(bytes.len())..]);
        if n == 0 {
            return at.min(bytes.len());
        }
        at += n;
    }
}

/// Whether a terminal mark at `mark` (a lone period if `single_period`) followed by white space and
/// the text at `next` ends the sentence that began at `start`.
fn boundary(text: &str, start: usize, mark: usize, single_period: bool, next: usize) -> bool {
    let rest = &text[next..];
    let first = rest.chars().next().unwrap_or(' ');
    // An opening quote or bracket: look at the letter after it.
    let first_letter = if first.is_alphanumeric() {
        first
    } else {
        rest.chars().find(|c| c.is_alphanumeric()).unwrap_or(first)
    };
    if first.is_lowercase()
        || (!first.is_alphanumeric()
            && first_letter.is_lowercase()
            && !matches!(first, '“' | '"' | '‘' | '(' | '['))
    {
        return false;
    }
    if first_letter.is_lowercase() && matches!(first, '(' | '[') {
        return false;
    }
    if !single_period {
        return true;
    }
    // The word before the period.
    let word = word_before(text, start, mark);
    if word.is_empty() {
        return true;
    }
    let lists = abbreviation(word);
    if lists & IN_TITLES != 0 {
        return false;
    }
    if lists & (IN_MONTHS | IN_NUMBERED) != 0 {
        return !first.is_ascii_digit();
    }
    let mut chars = word.chars();
    let single_upper = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_upper {
        return false; // an initial: "J. Smith"
    }
    let opener = || {
        let next_word = rest.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let next_word = next_word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        OPENERS.contains(&next_word) || first.is_ascii_digit() || matches!(first, '“' | '"' | '‘')
    };
    // Acronyms with inner periods ("U.S", "a.m") and company suffixes.
    if (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
        || lists & IN_SUFFIXES != 0
    {
        return opener();
    }
    true
}

/// The text between `start` and `mark` after its last white space or opening mark (`(`, `"`, `“`,
/// `‘`, `[`, `'`, `—`, `–`): the word before a terminal mark. ASCII bytes are read as bytes.
fn word_before(text: &str, start: usize, mark: usize) -> &str {
    let bytes = text.as_bytes();
    let mut k = mark;
    while k > start {
        let b = bytes[k - 1];
        if b < 0x80 {
            if (b as char).is_whitespace() || matches!(b, b'(' | b'"' | b'[' | b'\'') {
                break;
            }
            k -= 1;
        } else {
            let Some(c) = text.get(start..k).and_then(|t| t.chars().next_back()) else {
                break;
            };
            if c.is_whitespace() || matches!(c, '“' | '‘' | '—' | '–') {
                break;
            }
            k -= c.len_utf8();
        }
    }
    text.get(k..mark).unwrap_or("")
}

// Abbreviations that keep their period as part of the token.
fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    let single_alpha = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    single_alpha
        || abbreviation(word) != 0
        || (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// Tokens of a text, relative to it.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    for_each_token(text, 0, |s| out.push(s));
    out
}

#[inline]
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or(' ')
}

#[inline(always)]
fn is_word_byte(b: u8) -> bool {
    CLASS[b as usize] & WORD != 0
}

/// Whether the char at `at` is a letter or digit: its length in bytes if so (ASCII fast path inline,
/// other characters decoded out of line).
#[inline(always)]
fn word_char_at(text: &str, bytes: &[u8], at: usize) -> Option<usize> {
    let b = *bytes.get(at)?;
    if b < 0x80 {
        return is_word_byte(b).then_some(1);
    }
    word_char_wide(text, at)
}

#[inline(never)]
fn word_char_wide(text: &str, at: usize) -> Option<usize> {
    if !text.is_char_boundary(at) {
        return None;
    }
    let c = char_at(text, at);
    (c.is_alphanumeric() || is_combining(c)).then(|| c.len_utf8())
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

/// Pushes the tokens of `text`, shifted by `offset`, onto `out`.
pub fn tokenize_into(text: &str, offset: usize, out: &mut Vec<Token>) {
    for_each_token(text, offset, |s| out.push(Token { span: s }));
}

/// Calls `f` with each token span of `text`, shifted by `offset`.
pub fn for_each_token(text: &str, offset: usize, mut f: impl FnMut(Span)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    'tokens: while i < n {
        let b = bytes[i];
        if b < 0x80 && is_space(b) {
            i += 1;
            continue;
        }
        let sp = if b < 0x80 { 0 } else { space_len(&bytes[i..]) };
        if sp > 0 {
            i += sp;
            continue;
        }
        // Clitics: "'s", "’re", "'ll" (the word before was cut at the apostrophe).
        let apos = if b == b'\'' {
            1
        } else if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x99) {
            3
        } else {
            0
        };
        if apos > 0
            && i > 0
            && word_char_at(text, bytes, i + apos).is_some()
            && text.is_char_boundary(i)
        {
            let mut k = i + apos;
            while let Some(l) = word_char_at(text, bytes, k) {
                k += l;
            }
            let tail = &text[i + apos..k];
            if ["s", "re", "ll", "ve", "d", "m"]
                .iter()
                .any(|c| c.eq_ignore_ascii_case(tail))
            {
                f(Span::new(offset + i, offset + k));
                i = k;
                continue;
            }
        }
        let Some(first_len) = word_char_at(text, bytes, i) else {
            // Punctuation: runs of the same ASCII mark ("...", "--") are one token.
            let len = if b < 0x80 {
                let mut j = i + 1;
                if matches!(b, b'.' | b'-' | b'!' | b'?' | b'*' | b'=' | b'_') {
                    while j < n && bytes[j] == b {
                        j += 1;
                    }
                }
                j - i
            } else {
                char_at(text, i).len_utf8()
            };
            f(Span::new(offset + i, offset + i + len));
            i += len;
            continue;
        };
        // URLs and e-mail addresses are one token up to white space.
        if matches!(b, b'h' | b'w')
            && (bytes[i..].starts_with(b"http://")
                || bytes[i..].starts_with(b"https://")
                || bytes[i..].starts_with(b"www."))
            && n - i > 7
        {
            let mut j = i;
            while j < n && !is_space(bytes[j]) {
                j += 1;
            }
            while j > i + 1
                && matches!(
                    bytes[j - 1],
                    b'.' | b',' | b')' | b'"' | b'\'' | b';' | b':'
                )
            {
                j -= 1;
            }
            while !text.is_char_boundary(j) {
                j += 1;
            }
            f(Span::new(offset + i, offset + j));
            i = j;
            continue;
        }
        let start = i;
        let mut j = i + first_len;
        let mut has_digit = bytes[i].is_ascii_digit();
        loop {
            // A run of ASCII letters and digits first, without the general test per byte.
            let mut seen = 0;
            while j < n {
                let class = CLASS[bytes[j] as usize];
                if class & WORD == 0 {
                    break;
                }
                seen |= class;
                j += 1;
            }
            has_digit |= seen & DIGIT != 0;
            // An ASCII mark that joins nothing ends the word (the common case: a space or a comma
            // after a word); the tests below would come to the same end.
            // Nor does such a word end in "n't" or an abbreviation's period: the token is done.
            let done = match bytes.get(j) {
                None => true,
                Some(&c) => c < 0x80 && !matches!(c, b'.' | b',' | b':' | b'@' | b'\''),
            };
            if done {
                f(Span::new(offset + start, offset + j));
                // The space after a word is no token.
                i = if bytes.get(j) == Some(&b' ') {
                    j + 1
                } else {
                    j
                };
                continue 'tokens;
            }
            if let Some(l) = word_char_at(text, bytes, j) {
                has_digit |= bytes[j].is_ascii_digit();
                j += l;
                continue;
            }
            if j + 1 >= n {
                break;
            }
            let c = bytes[j];
            let next_word = word_char_at(text, bytes, j + 1).is_some();
            // Inner periods ("U.S", "3.5", "e.g"), digit separators ("12,000"), e-mail "@".
            if c == b'.' && next_word {
                j += 1;
                continue;
            }
            if matches!(c, b',' | b':')
                && has_digit
                && bytes[j - 1].is_ascii_digit()
                && bytes[j + 1].is_ascii_digit()
            {
                j += 1;
                continue;
            }
            if c == b'@' && next_word && j > start {
                j += 1;
                continue;
            }
            // Apostrophes inside a name ("O'Brien"), but not clitics ("'s", "n't").
            let apos = if c == b'\'' {
                1
            } else if c == 0xE2
                && bytes.get(j + 1) == Some(&0x80)
                && bytes.get(j + 2) == Some(&0x99)
            {
                3
            } else {
                0
            };
            if apos > 0 && word_char_at(text, bytes, j + apos).is_some() {
                let mut k = j + apos;
                while let Some(l) = word_char_at(text, bytes, k) {
                    k += l;
                }
                let tail = &text[j + apos..k];
                let clitic = ["s", "re", "ll", "ve", "d", "m", "t"]
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(tail));
                if clitic {
                    break;
                }
                j = k;
                continue;
            }
            break;
        }
        // "n't": split "don't" as "do" + "n't".
        let mut word_end = j;
        let apos_t = |k: usize| -> usize {
            // length of "'t" / "’t" starting at k, or 0
            if bytes.get(k) == Some(&b'\'') && matches!(bytes.get(k + 1), Some(b't' | b'T')) {
                2
            } else if bytes.get(k) == Some(&0xE2)
                && bytes.get(k + 1) == Some(&0x80)
                && bytes.get(k + 2) == Some(&0x99)
                && matches!(bytes.get(k + 3), Some(b't' | b'T'))
            {
                4
            } else {
                0
            }
        };
        let mut clitic_end = j;
        if j - start >= 2
            && matches!(bytes[j - 1], b'n' | b'N')
            && apos_t(j) > 0
            && word_char_at(text, bytes, j + apos_t(j)).is_none()
        {
            word_end = j - 1;
            clitic_end = j + apos_t(j);
        }
        // Abbreviations keep their final period.
        if word_end == j && bytes.get(j) == Some(&b'.') {
            let word = text.get(start..word_end).unwrap_or("");
            if keeps_period(word) {
                // A sentence-final period after a one-off word stays a token of its own, but an
                // abbreviation's period is part of the abbreviation.
                let at_end =
                    j + 1 >= n || space_len(&bytes[j + 1..]) > 0 || closer_len(&bytes[j + 1..]) > 0;
                let final_dot = j + 1 >= n && !word.contains('.') && !keeps_final(word);
                if at_end && !final_dot {
                    j += 1;
                    word_end = j;
                }
            }
        }
        f(Span::new(offset + start, offset + word_end));
        if word_end < clitic_end {
            f(Span::new(offset + word_end, offset + clitic_end));
            j = clitic_end;
        }
        i = j;
    }
}

fn keeps_final(word: &str) -> bool {
    abbreviation(word) & (IN_TITLES | IN_SUFFIXES) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences_in(text)
            .into_iter()
            .map(|s| &text[s.start()..s.end()])
            .collect()
    }
    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .map(|s| &text[s.start()..s.end()])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Mr. Smith went to the U.S. on Jan. 3. He said “hi.” Then J. Doe left!";
        assert_eq!(
            sents(text),
            vec![
                "Mr. Smith went to the U.S. on Jan. 3.",
                "He said “hi.”",
                "Then J. Doe left!"
            ]
        );
    }

    #[test]
    fn acronym_at_sentence_end() {
        let text = "Troops arrived in the U.S. The talks ended. “Why?” she asked. It rained (heavily.) Then";
        assert_eq!(
            sents(text),
            vec![
                "Troops arrived in the U.S.",
                "The talks ended.",
                "“Why?” she asked.",
                "It rained (heavily.)",
                "Then"
            ]
        );
    }

    #[test]
    fn tokens_follow_ud() {
        assert_eq!(
            toks("Kim Jong-un's troops didn't pay $12,000.50 to Mr. O'Brien in the U.S."),
            vec![
                "Kim",
                "Jong",
                "-",
                "un",
                "'s",
                "troops",
                "did",
                "n't",
                "pay",
                "$",
                "12,000.50",
                "to",
                "Mr.",
                "O'Brien",
                "in",
                "the",
                "U.S."
            ]
        );
        assert_eq!(
            toks("Korea’s army... ended."),
            vec!["Korea", "’s", "army", "...", "ended", "."]
        );
    }

    #[test]
    fn abbreviation_lists_match_the_plain_comparison() {
        let plain = |w: &str| {
            let has = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(w));
            (if has(TITLES) { IN_TITLES } else { 0 })
                | (if has(NUMBERED) { IN_NUMBERED } else { 0 })
                | (if has(MONTHS) { IN_MONTHS } else { 0 })
                | (if has(SUFFIXES) { IN_SUFFIXES } else { 0 })
        };
        let mut words: Vec<String> = [TITLES, NUMBERED, MONTHS, SUFFIXES]
            .concat()
            .iter()
            .flat_map(|w| {
                [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("{w}x"),
                    format!("x{w}"),
                ]
            })
            .collect();
        words.extend(
            [
                "", "Mr", "mR", "E.G", "Sept", "approxim", "ﬁ", "Mé", "m\u{0}r",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(abbreviation(w), plain(w), "{w:?}");
        }
        assert!(abbreviation_key("abcdefgh").is_none());
    }

    #[test]
    fn word_before_matches_rsplit() {
        let text = "He said (“Mr.’ U.S.\u{a0}Gen.—Jr.–x [a'b\u{2003}c\tq“r‘s";
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&k| text.is_char_boundary(k))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                let want = text[a..b]
                    .rsplit(|c: char| {
                        c.is_whitespace()
                            || matches!(c, '(' | '"' | '“' | '‘' | '[' | '\'' | '—' | '–')
                    })
                    .next()
                    .unwrap_or("");
                assert_eq!(word_before(text, a, b), want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn terminal_scan_finds_every_mark() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789 “quoted” and… more! Done? yes. ’";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let want = (from..bytes.len())
                .find(|&k| matches!(bytes[k], b'.' | b'!' | b'?' | 0xE2))
                .unwrap_or(bytes.len());
            assert_eq!(next_terminal(bytes, from), want, "from {from}");
        }
    }

    #[test]
    fn paragraphs_are_lines() {
        let text = "Headline here\n\nBy Jane Doe\nFirst para. Second.\n";
        let p: Vec<&str> = paragraphs(text)
            .into_iter()
            .map(|s| &text[s.start()..s.end()])
            .collect();
        assert_eq!(
            p,
            vec!["Headline here", "By Jane Doe", "First para. Second."]
        );
    }
}
