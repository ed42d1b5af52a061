use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::annotation::*;
use crate::{DocumentError, Span, SpanError};

/// The hex SHA-256 of some bytes: the content hash that makes ingest idempotent.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What the page says about itself.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// Where the title is in the text, when it is there.
    pub title_span: Option<Span>,
    pub author: Option<String>,
    pub author_span: Option<Span>,
    pub outlet: Option<String>,
    /// The article's own publication date (never a page widget's crawl-day date).
    pub published: Option<NaiveDate>,
    pub published_span: Option<Span>,
    /// ISO 639-1 code ("en").
    pub language: Option<String>,
    /// The page's canonical URL when the page gives one.
    pub url: Option<String>,
    pub cites: Vec<Cite>,
    /// The outlet or domain this article says it was copied or rewritten from.
    pub syndicated_from: Option<String>,
}

/// One article: its text, written once, and the annotation layers stages add to it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the first 16 hex digits of the content hash.
    pub id: String,
    /// The path or URL as given to ingest.
    pub source: String,
    /// Hex SHA-256 of the input bytes as read.
    pub sha256: String,
    text: String,
    /// The raw HTML the text was extracted from, for HTML inputs.
    pub raw_html: Option<String>,
    pub meta: Metadata,
    pub boilerplate: Vec<Boilerplate>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub entity_mentions: Vec<EntityMention>,
    pub entities: Vec<Entity>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    pub claims: Vec<Claim>,
    pub quotes: Vec<Quote>,
}

impl Document {
    /// A document with no annotations. `sha256` is the hash of the input bytes (see [`content_hash`]).
    pub fn new(source: impl Into<String>, sha256: String, text: String) -> Document {
        let id = sha256.chars().take(16).collect();
        Document {
            id,
            source: source.into(),
            sha256,
            text,
            raw_html: None,
            meta: Metadata::default(),
            boilerplate: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            entity_mentions: Vec::new(),
            entities: Vec::new(),
            quantities: Vec::new(),
            dates: Vec::new(),
            claims: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// A document whose hash is that of its text: for tests and for text that did not come from a file.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let sha = content_hash(text.as_bytes());
        Document::new(source, sha, text)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// A span checked against this document's text.
    pub fn span(&self, start: usize, end: usize) -> Result<Span, SpanError> {
        let ok = start <= end
            && end <= self.text.len()
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(end);
        if !ok {
            return Err(SpanError {
                doc: self.id.clone(),
                start,
                end,
                len: self.text.len(),
            });
        }
        Ok(Span::new(start, end))
    }

    /// The surface text of a span. Panics if the span does not fit, which `validate` rules out.
    pub fn text_of(&self, span: Span) -> &str {
        &self.text[span.start()..span.end()]
    }

    /// The surface text of a span, or `None` when it does not fit this document.
    pub fn get(&self, span: Span) -> Option<&str> {
        self.text.get(span.start()..span.end())
    }

    /// Whether the span lies (mostly) inside page furniture.
    pub fn is_boilerplate(&self, span: Span) -> bool {
        self.boilerplate.iter().any(|b| {
            b.span.contains(span)
                || (b.span.overlaps(span)
                    && !span.is_empty()
                    && overlap(b.span, span) * 2 > span.len())
        })
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<Sentence> {
        let idx = self.sentences.partition_point(|s| s.span.end() <= offset);
        self.sentences
            .get(idx)
            .copied()
            .filter(|s| s.span.start() <= offset)
    }

    /// The spans of the text that are not boilerplate, in order.
    pub fn content_spans(&self) -> Vec<Span> {
        let mut furniture: Vec<Span> = self.boilerplate.iter().map(|b| b.span).collect();
        furniture.sort();
        let mut out = Vec::new();
        let mut at = 0;
        for f in furniture {
            if f.start() > at {
                out.push(Span::new(at, f.start()));
            }
            at = at.max(f.end());
        }
        if at < self.text.len() {
            out.push(Span::new(at, self.text.len()));
        }
        out
    }

    /// Checks that every span of every layer fits the text. Run after each stage.
    pub fn validate(&self) -> Result<(), DocumentError> {
        let check = |layer: &'static str, span: Span| -> Result<(), DocumentError> {
            if span.fits(&self.text) {
                Ok(())
            } else {
                Err(DocumentError::BadSpan {
                    layer,
                    source: SpanError {
                        doc: self.id.clone(),
                        start: span.start(),
                        end: span.end(),
                        len: self.text.len(),
                    },
                })
            }
        };
        let m = &self.meta;
        for span in [m.title_span, m.author_span, m.published_span]
            .into_iter()
            .flatten()
        {
            check("metadata", span)?;
        }
        for cite in &m.cites {
            if let Some(span) = cite.span {
                check("cites", span)?;
            }
        }
        for b in &self.boilerplate {
            check("boilerplate", b.span)?;
        }
        for p in &self.paragraphs {
            check("paragraphs", *p)?;
        }
        for s in &self.sentences {
            check("sentences", s.span)?;
        }
        for t in &self.tokens {
            check("tokens", t.span)?;
        }
        for e in &self.entity_mentions {
            check("entities", e.span)?;
            if let Some(idx) = e.entity {
                if idx >= self.entities.len() {
                    return Err(DocumentError::Inconsistent {
                        doc: self.id.clone(),
                        layer: "entities",
                        what: format!(
                            "mention {}..{} points to entity {idx} of {}",
                            e.span.start(),
                            e.span.end(),
                            self.entities.len()
                        ),
                    });
                }
            }
        }
        for q in &self.quantities {
            check("quantities", q.span)?;
        }
        for d in &self.dates {
            check("dates", d.span)?;
        }
        for c in &self.claims {
            check("claims", c.span)?;
            check("claims", c.sentence)?;
            if let Some(a) = &c.attributed_to {
                check("claims", a.span)?;
            }
        }
        for q in &self.quotes {
            check("quotes", q.span)?;
            if let Some(s) = &q.speaker {
                check("quotes", s.span)?;
            }
        }
        Ok(())
    }
}

fn overlap(a: Span, b: Span) -> usize {
    a.end()
        .min(b.end())
        .saturating_sub(a.start().max(b.start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn span_checks_char_boundaries() {
        let doc = Document::from_text("t", "Kim’s");
        assert!(doc.span(0, 3).is_ok());
        assert!(doc.span(0, 4).is_err(), "inside the curly apostrophe");
        assert!(doc.span(0, 99).is_err());
        assert!(doc.span(3, 2).is_err());
        assert_eq!(doc.text_of(doc.span(0, 3).unwrap()), "Kim");
    }

    #[test]
    fn validate_rejects_a_bad_layer() {
        let mut doc = Document::from_text("t", "héllo");
        doc.sentences.push(Sentence {
            span: Span::new(0, 2),
        });
        let err = doc.validate().unwrap_err();
        assert!(err.to_string().contains("sentences"), "{err}");
    }

    #[test]
    fn content_spans_skip_boilerplate() {
        let mut doc = Document::from_text("t", "menu\nbody text\nfooter");
        doc.boilerplate.push(Boilerplate {
            span: Span::new(0, 5),
            kind: BoilerplateKind::Navigation,
        });
        doc.boilerplate.push(Boilerplate {
            span: Span::new(15, 21),
            kind: BoilerplateKind::Footer,
        });
        let parts: Vec<&str> = doc
            .content_spans()
            .into_iter()
            .map(|s| doc.text_of(s))
            .collect();
        assert_eq!(parts, vec!["body text\n"]);
        assert!(doc.is_boilerplate(Span::new(16, 20)));
        assert!(!doc.is_boilerplate(Span::new(5, 9)));
    }

    #[test]
    fn spans_serialise_flat() {
        let q = Quote {
            span: Span::new(3, 9),
            speaker: None,
            cue: Some("said".into()),
        };
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(json, r#"{"start":3,"end":9,"speaker":null,"cue":"said"}"#);
        let back: Quote = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
        assert!(serde_json::from_str::<Span>(r#"{"start":9,"end":3}"#).is_err());
    }

    proptest! {
        // For any text and any pair of offsets, `span` accepts exactly the pairs that slice the
        // text, and the accepted span's surface equals the slice.
        #[test]
        fn span_invariant(text in "\\PC{0,40}", a in 0usize..200, b in 0usize..200) {
            let doc = Document::from_text("p", text.clone());
            match doc.span(a, b) {
                Ok(span) => {
                    prop_assert_eq!(doc.text_of(span), &text[a..b]);
                    prop_assert!(doc.validate().is_ok());
                }
                Err(_) => prop_assert!(a > b || text.get(a..b).is_none()),
            }
        }

        // Content spans and boilerplate together cover the text without overlapping.
        #[test]
        fn content_spans_partition(text in "\\PC{0,60}", cuts in proptest::collection::vec((0usize..80, 0usize..20), 0..5)) {
            let mut doc = Document::from_text("p", text.clone());
            for (start, len) in cuts {
                if let Ok(span) = doc.span(start, start + len) {
                    doc.boilerplate.push(Boilerplate { span, kind: BoilerplateKind::Other });
                }
            }
            let content = doc.content_spans();
            let covered: usize = content.iter().map(|s| s.len()).sum();
            let mut furniture: Vec<(usize, usize)> = doc.boilerplate.iter().map(|b| (b.span.start(), b.span.end())).collect();
            furniture.sort();
            let mut union = 0; let mut at = 0;
            for (s, e) in furniture { let s = s.max(at); if e > s { union += e - s; at = e; } }
            prop_assert_eq!(covered + union, text.len());
            for s in &content { prop_assert!(s.fits(&text)); }
        }
    }
}
