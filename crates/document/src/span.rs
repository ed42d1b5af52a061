use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into a [`crate::Document`]'s text.
///
/// Fields are private so that a span checked against a text by [`crate::Document::span`] stays
/// as it was checked. Spans are serialised as `{"start": s, "end": e}`, the contract's form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "RawSpan")]
pub struct Span {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
}

impl TryFrom<RawSpan> for Span {
    type Error = String;
    fn try_from(raw: RawSpan) -> Result<Self, Self::Error> {
        if raw.start <= raw.end {
            Ok(Span {
                start: raw.start,
                end: raw.end,
            })
        } else {
            Err(format!(
                "span {}..{} ends before it starts",
                raw.start, raw.end
            ))
        }
    }
}

impl Span {
    /// A span not yet checked against any text. Prefer [`crate::Document::span`], which checks
    /// bounds and character boundaries; this is for stages that compute offsets on a `&str` and
    /// rely on [`crate::Document::validate`] after them. Panics only on `start > end`, a bug.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span {start}..{end} ends before it starts");
        Span { start, end }
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same span moved right by `offset` bytes (from a slice's offsets to the document's).
    pub fn shift(self, offset: usize) -> Span {
        Span {
            start: self.start + offset,
            end: self.end + offset,
        }
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether this span fits `text`: in bounds and on UTF-8 character boundaries.
    pub fn fits(self, text: &str) -> bool {
        self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }
}
