//! Paragraphs, sentences and tokens, with byte offsets into the document text.
//!
//! Reads the text and the boilerplate layer; writes `paragraphs`, `sentences` and `tokens`.
//! Boilerplate lines get no sentences. It does not tag parts of speech or parse.

use document::{Document, Layer, Sentence, Span, Stage, Token};
use unicode_segmentation::UnicodeSegmentation;

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
        let paragraphs = paragraphs(doc.text());
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        for p in &paragraphs {
            if doc.is_boilerplate(*p) {
                continue;
            }
            let text = &doc.text()[p.start()..p.end()];
            for s in sentences_in(text) {
                sentences.push(Sentence { span: s.shift(p.start()) });
            }
        }
        for s in &sentences {
            let text = &doc.text()[s.span.start()..s.span.end()];
            for (at, word) in text.split_word_bound_indices() {
                if !word.trim().is_empty() {
                    tokens.push(Token { span: Span::new(s.span.start() + at, s.span.start() + at + word.len()) });
                }
            }
        }
        doc.paragraphs = paragraphs;
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// Non-empty lines, trimmed of surrounding white space.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        if end > start {
            out.push(Span::new(start, end));
        }
        at += line.len();
    }
    out
}

// A first, simple splitter: a sentence ends at . ! ? (and any closing quotes or brackets) followed
// by white space, unless the word before the period is a known abbreviation or an initial.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Rep", "Sen", "Gov",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs", "etc", "Inc",
    "Corp", "Ltd", "Co", "U.S", "U.K", "U.N", "a.m", "p.m",
];

/// Sentence spans inside one paragraph, relative to it.
pub fn sentences_in(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Take closing quotes and brackets (ASCII and the UTF-8 curly quotes ’ ”).
            loop {
                if end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                    end += 1;
                } else if text[end..].starts_with('”') || text[end..].starts_with('’') {
                    end += 3;
                } else {
                    break;
                }
            }
            let followed_by_space = end < bytes.len() && bytes[end].is_ascii_whitespace();
            if followed_by_space && !(c == b'.' && is_abbreviation(&text[start..i])) {
                out.push(Span::new(start, end));
                let mut next = end;
                while next < bytes.len() && bytes[next].is_ascii_whitespace() {
                    next += 1;
                }
                start = next;
                i = next;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    let tail = text[start..].trim_end();
    if !tail.is_empty() {
        out.push(Span::new(start, start + tail.len()));
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. Smith"
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Mr. Smith went to the U.S. on Jan. 3. He said “hi.” Then J. Doe left!";
        let got: Vec<&str> = sentences_in(text).into_iter().map(|s| &text[s.start()..s.end()]).collect();
        assert_eq!(got, vec!["Mr. Smith went to the U.S. on Jan. 3.", "He said “hi.”", "Then J. Doe left!"]);
    }
}
