//! The quotes stage: direct quotes with their exact spans and who said them.
//!
//! Reads the text, sentences, boilerplate and (when present) entity mentions; writes
//! `Document::quotes`. A quote's span is the words inside the quotation marks (straight or curly,
//! double, or single outside double quotes as in headlines); a quote that runs over several
//! paragraphs is one `Quote` per paragraph, all with the same speaker. Short "scare quotes" inside
//! a sentence ("beloved party") are kept as partial quotes: they get the speaker of a cue in their
//! sentence when there is one ("Min admitted to betraying his “beloved party”") and no speaker
//! otherwise, since the outlet's own ironic quotation marks say nothing about who spoke.
//!
//! Speakers come from cue words and speaker descriptions in `data/` (see [`speaker`] for the order
//! of the rules). Titles of shows and books in quotation marks ("on CNN’s “State of the Union”")
//! and nicknames (Robert C. "Bobby" Scott) are not quotes and are left out, as are the turns of an
//! interview transcript ("PENCE: Well, …" in quotation marks), stage directions ("(CROSSTALK.)")
//! and section headings that are only a single-quoted phrase.
//!
//! It does not find indirect speech ("X said that …"), does not parse, and does not decide whether
//! two outlets print the same quote: `reconcile::quotes::quote_key` does that.

mod lexicon;
mod marks;
mod mentions;
pub mod speaker;

use document::{Document, Layer, Quote, Span, Speaker, Stage};

pub use marks::{find as find_marks, Marked};

/// The quotes stage.
pub struct QuotesStage;

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Boilerplate, Layer::Sentences, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) {
        let found = extract(doc);
        doc.quotes = found.into_iter().map(|f| f.quote).collect();
    }
}

/// One quote with what the speaker search saw.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub quote: Quote,
    /// The words next to the cue that name the speaker ("she", "the note") when the speaker's span
    /// is their antecedent elsewhere; equal to the speaker's span otherwise.
    pub mention: Option<Span>,
    /// The speaker was carried over from the quote before (a continued turn).
    pub continued: bool,
}

/// Words that, before a quoted title, say it is a title ("on “Face the Nation”", "the film “13th”").
const TITLE_BEFORE: &[&str] = &[
    "on",
    "of",
    "anthem",
    "hit",
    "single",
    "bestseller",
    "report",
    "broadcast",
    "podcast",
    "musical",
    "opera",
    "titled",
    "entitled",
    "show",
    "program",
    "programme",
    "film",
    "documentary",
    "book",
    "song",
    "album",
    "episode",
    "series",
    "movie",
    "article",
    "column",
    "headlined",
    "op-ed",
    "memoir",
    "novel",
    "play",
    "poem",
    "hashtag",
    "slogan",
    "campaign",
    "’s",
    "'s",
];

/// Finds the quotes of `doc` and their speakers.
pub fn extract(doc: &Document) -> Vec<Found> {
    let text = doc.text();
    let marks: Vec<Marked> = marks::find(text)
        .into_iter()
        .filter(|m| !doc.is_boilerplate(Span::new(m.start, m.end)))
        .collect();
    if marks.is_empty() {
        return Vec::new();
    }
    let sentences = sentence_spans(doc);
    let quoted: Vec<(usize, usize)> = marks.iter().map(|m| (m.open, m.close.max(m.end))).collect();
    let mut lower_buf = String::new();
    let words = mentions::words(text, &quoted, &sentences, &mut lower_buf);
    let mentions = mentions::mentions(doc, &words);
    let cx = speaker::Context {
        doc,
        text,
        words: &words,
        mentions: &mentions,
        sentences: &sentences,
    };
    let mut done: Vec<speaker::Attribution> = Vec::with_capacity(marks.len());
    for idx in 0..marks.len() {
        let a = speaker::attribute(&cx, &marks, idx, &done);
        done.push(a);
    }
    // A quote over several paragraphs has one speaker: the first one found among its pieces.
    let mut group_start = 0;
    for idx in 0..marks.len() {
        if !marks[idx].continues {
            group_start = idx;
        }
        let ends_group = !marks[idx].runs_on;
        if ends_group && idx > group_start {
            let speaker = (group_start..=idx)
                .find_map(|i| done[i].speaker.clone().map(|s| (s, done[i].cue.clone())));
            if let Some((s, cue)) = speaker {
                for a in &mut done[group_start..=idx] {
                    if a.speaker.is_none() {
                        a.speaker = Some(s.clone());
                        a.cue = a.cue.clone().or(cue.clone());
                        a.continued = true;
                    }
                }
            }
        }
    }
    // Interview transcript turns ("WALLACE: …" in quotation marks) and their stage directions
    // ("(CROSSTALK.)") reproduce a programme, not a quote reported by the article: a turn is left
    // out with the paragraphs it runs on into. Single-quoted section headings are left out too.
    let mut left_out = vec![false; marks.len()];
    let mut in_turn = false;
    for (idx, m) in marks.iter().enumerate() {
        // A new turn may open in a paragraph that continues the one before ("(CROSSTALK.)").
        if !m.continues || is_transcript_turn(&text[m.start..m.end]) {
            in_turn = is_transcript_turn(&text[m.start..m.end]);
        }
        // A quote nested inside a turn ("as “The Journal” wrote") is the speaker's quote.
        let opens_paragraph = text[..m.open].trim_end_matches([' ', '\t']).is_empty()
            || text[..m.open].trim_end_matches([' ', '\t']).ends_with('\n');
        left_out[idx] = in_turn && opens_paragraph
            || is_stage_direction(&text[m.start..m.end])
            || opens_paragraph && is_subhead(text, m);
    }
    let mut out = Vec::new();
    for ((m, a), skip) in marks.iter().zip(done).zip(left_out) {
        if skip || a.naming || is_title(text, &words, m) {
            continue;
        }
        let speaker = a.speaker.as_ref().map(|s| Speaker {
            name: s.name.clone(),
            span: s.span,
            entity: s.entity,
        });
        out.push(Found {
            quote: Quote {
                span: Span::new(m.start, m.end),
                speaker,
                cue: a.cue.clone(),
            },
            mention: a.speaker.as_ref().map(|s| s.mention),
            continued: a.continued,
        });
    }
    out
}

/// Sentence spans from the sentences layer, or from a simple splitter when the layer is empty.
fn sentence_spans(doc: &Document) -> Vec<(usize, usize)> {
    if !doc.sentences.is_empty() {
        let mut spans: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| (s.span.start(), s.span.end()))
            .collect();
        spans.sort();
        return spans;
    }
    let text = doc.text();
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = match c {
            '\n' => true,
            '.' | '?' | '!' => {
                // A full stop, closing marks, white space and a capital or an opening mark.
                let after = text[i + 1..].trim_start_matches(['"', '”', '’', '\'', ')']);
                after.starts_with(char::is_whitespace)
                    && after
                        .trim_start()
                        .starts_with(|n: char| n.is_uppercase() || n == '“' || n == '"')
            }
            _ => false,
        };
        if ends {
            let mut end = i + c.len_utf8();
            while end < bytes.len()
                && matches!(
                    text[end..].chars().next(),
                    Some('"' | '”' | '’' | '\'' | ')')
                )
            {
                end += text[end..].chars().next().map_or(1, char::len_utf8);
            }
            if text[start..end.min(text.len())].trim().is_empty() {
                start = end;
                continue;
            }
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// A quote that opens with a speaker label in capitals and a colon: "PENCE: Well, look".
fn is_transcript_turn(inner: &str) -> bool {
    let Some((label, rest)) = inner.split_once(':') else {
        return false;
    };
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && label.split_whitespace().count() <= 4
        && label
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || ".'’-".contains(c))
        && rest.starts_with(char::is_whitespace)
        && rest
            .trim_start()
            .starts_with(|c: char| c.is_alphanumeric() || matches!(c, '“' | '"' | '‘' | '(' | '—'))
}

/// A paragraph that is only a short phrase in single quotation marks: a section heading that
/// picks up a quote from the story ("'A fight from start to finish'."), not a quote of its own.
fn is_subhead(text: &str, m: &Marked) -> bool {
    let rest = text[m.close..].split('\n').next().unwrap_or("");
    let inner = text[m.start..m.end].trim_end_matches('.');
    m.single
        && rest
            .trim_matches(|c: char| c == '.' || c.is_whitespace())
            .is_empty()
        && inner.split_whitespace().count() <= 8
        && !inner.contains(['.', '?', '!', ','])
}

/// A quote that is a bracketed stage direction in capitals: "(CROSSTALK.)", "(APPLAUSE)".
fn is_stage_direction(inner: &str) -> bool {
    let inner = inner.trim_end_matches(['.', ',']);
    inner.starts_with('(')
        && inner.ends_with(')')
        && inner.chars().any(char::is_alphabetic)
        && !inner.chars().any(char::is_lowercase)
}

/// A short title-cased phrase after "on", a possessive or a word like "show" is a title; a single
/// capitalised word between two parts of a name is a nickname.
fn is_title(text: &str, words: &[mentions::Word], m: &Marked) -> bool {
    let inner = &text[m.start..m.end];
    let inner_words: Vec<&str> = inner.split_whitespace().collect();
    if inner_words.is_empty() || inner_words.len() > 8 {
        return false;
    }
    let title_cased = inner_words.iter().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.chars().count() < 4 || letters.chars().next().is_some_and(char::is_uppercase)
    }) && inner_words[0]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !title_cased
        || inner
            .trim_end_matches(['.', ',', '”', '"'])
            .contains(['.', '?', '!'])
    {
        return false;
    }
    // The word before the quote, over a comma ("his documentary, “13th,”").
    let before = words
        .iter()
        .rposition(|w| w.end <= m.open && w.lower != ",")
        .map(|i| &words[i]);
    let after = words
        .iter()
        .position(|w| w.start >= m.close)
        .map(|i| &words[i]);
    if before.is_some_and(|b| TITLE_BEFORE.contains(&b.lower)) {
        return true;
    }
    // Robert C. "Bobby" Scott (double marks only: a title-case headline puts capitals around its
    // single-quoted words: "Trump Was ‘Mocking’ Clinton").
    !m.single
        && inner_words.len() == 1
        && before.is_some_and(|b| b.cap && b.is_word)
        && after.is_some_and(|a| a.cap && a.is_word && text[m.close..a.start].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::from_text("t", text);
        extract(&doc)
            .into_iter()
            .map(|f| {
                (
                    doc.text_of(f.quote.span).to_string(),
                    f.quote.speaker.map(|s| s.name),
                )
            })
            .collect()
    }

    #[test]
    fn cue_after_quote() {
        assert_eq!(
            run("“We will win,” Jane Smith said."),
            vec![("We will win,".into(), Some("Jane Smith".into()))]
        );
        assert_eq!(
            run("\"We will win,\" said the spokesman."),
            vec![("We will win,".into(), Some("spokesman".into()))]
        );
    }

    #[test]
    fn transcript_turns_are_not_quotes() {
        let text = "Partial transcript:\n\n\"HOST: Will you run?\n\n\"(CROSSTALK.)\n\n\"GUEST: No. I will not.\n\n\"I have said so before.\n\nLater she spoke again.\n\n“I will not run,” Jane Smith said.";
        assert_eq!(
            run(text),
            vec![("I will not run,".into(), Some("Jane Smith".into()))]
        );
    }

    #[test]
    fn single_quoted_section_headings_are_not_quotes() {
        let text = "“It was hard,” she said.\n\n'A fight from start to finish'.\n\nHeadline: 'We will win' in May";
        assert_eq!(
            run(text).into_iter().map(|(q, _)| q).collect::<Vec<_>>(),
            vec!["It was hard,", "We will win"]
        );
    }

    #[test]
    fn titles_are_not_quotes() {
        assert!(run("Pence said on CNN’s “State of the Union” that he agreed.").is_empty());
    }
}
