//! Server-side highlighting: turns a text and spans of byte offsets into HTML with one element
//! per span, nested properly even when spans overlap.
//!
//! Spans nest in the order (start, longest first, kind): a span that starts earlier is the outer
//! element. Where two spans cross (an entity mention running past the end of a claim), the inner
//! element is closed at the crossing and reopened after it as a continuation piece
//! (`class="… cont"`, no `id`), so the HTML stays well-formed and each piece still carries its
//! span's `data-*` attribute: joining the text of every element with the same `data-claim`
//! gives the claim's text. Spans that do not fit the text (out of bounds, or not on char
//! boundaries) and empty spans are dropped, never sliced.

use std::collections::BTreeSet;
use std::fmt::Write;

/// What a span is. The order is the nesting priority among spans with equal bounds (outer first).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Kind {
    Boilerplate,
    Quote,
    Claim,
    Hedge,
    Source,
    Speaker,
    Entity,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Boilerplate => "bp",
            Kind::Quote => "hl quote",
            Kind::Claim => "hl claim",
            Kind::Hedge => "hl hedge",
            Kind::Source => "hl source",
            Kind::Speaker => "hl speaker",
            Kind::Entity => "hl entity",
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Kind::Boilerplate => "span",
            _ => "mark",
        }
    }

    /// The `data-*` attribute that names the item a piece belongs to.
    fn data_name(self) -> &'static str {
        match self {
            Kind::Boilerplate => "data-boilerplate",
            Kind::Quote => "data-quote",
            Kind::Claim => "data-claim",
            Kind::Hedge => "data-hedge",
            Kind::Source => "data-source",
            Kind::Speaker => "data-speaker",
            Kind::Entity => "data-entity",
        }
    }
}

/// One span to highlight.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The element id of the first piece (an anchor to link to), if any.
    pub anchor: Option<String>,
    /// The value of the kind's `data-*` attribute, on every piece.
    pub data: Option<String>,
    /// A tooltip (`title`).
    pub title: Option<String>,
}

impl Mark {
    pub fn new(start: usize, end: usize, kind: Kind) -> Mark {
        Mark {
            start,
            end,
            kind,
            anchor: None,
            data: None,
            title: None,
        }
    }

    pub fn anchor(mut self, anchor: impl Into<String>) -> Mark {
        self.anchor = Some(anchor.into());
        self
    }

    pub fn data(mut self, data: impl Into<String>) -> Mark {
        self.data = Some(data.into());
        self
    }

    pub fn title(mut self, title: impl Into<String>) -> Mark {
        self.title = Some(title.into());
        self
    }
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn open_tag(out: &mut String, mark: &Mark, first: bool) {
    let _ = write!(
        out,
        "<{} class=\"{}{}\"",
        mark.kind.tag(),
        mark.kind.class(),
        if first { "" } else { " cont" }
    );
    if first {
        if let Some(anchor) = &mark.anchor {
            out.push_str(" id=\"");
            escape_into(out, anchor);
            out.push('"');
        }
    }
    if let Some(data) = &mark.data {
        let _ = write!(out, " {}=\"", mark.kind.data_name());
        escape_into(out, data);
        out.push('"');
    }
    if let Some(title) = &mark.title {
        out.push_str(" title=\"");
        escape_into(out, title);
        out.push('"');
    }
    out.push('>');
}

/// `text` as HTML with every mark that fits it turned into an element.
pub fn render(text: &str, marks: &[Mark]) -> String {
    let mut spans: Vec<&Mark> = marks
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .collect();
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
    });

    let mut bounds: Vec<usize> = spans
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain([0, text.len()])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(text.len() + spans.len() * 48);
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut opened = vec![false; spans.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_start = 0; // spans[..next_start] have been added to `active`
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        active.retain(|&i| spans[i].end > from);
        while next_start < spans.len() && spans[next_start].start <= from {
            if spans[next_start].end > from {
                active.insert(next_start);
            }
            next_start += 1;
        }
        // Keep the longest prefix of open elements that is still wanted, in the same order;
        // close the rest and open what is missing.
        let keep = stack
            .iter()
            .zip(active.iter())
            .take_while(|(a, b)| a == b)
            .count();
        while stack.len() > keep {
            if let Some(i) = stack.pop() {
                let _ = write!(out, "</{}>", spans[i].kind.tag());
            }
        }
        for &i in active.iter().skip(keep) {
            open_tag(&mut out, spans[i], !opened[i]);
            opened[i] = true;
            stack.push(i);
        }
        escape_into(&mut out, &text[from..to]);
    }
    while let Some(i) = stack.pop() {
        let _ = write!(out, "</{}>", spans[i].kind.tag());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The text of the HTML with tags removed and entities decoded.
    fn strip(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// Joins the text inside every element carrying `attr` (assumes no nested element with the same attr).
    fn pieces(html: &str, attr: &str) -> String {
        let mut out = String::new();
        let mut depth_in: Vec<bool> = Vec::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            if depth_in.iter().any(|&x| x) {
                out.push_str(&rest[..lt]);
            }
            let gt = rest[lt..]
                .find('>')
                .map(|g| lt + g)
                .unwrap_or(rest.len() - 1);
            let tag = &rest[lt..=gt];
            if tag.starts_with("</") {
                depth_in.pop();
            } else {
                depth_in.push(tag.contains(attr));
            }
            rest = &rest[gt + 1..];
        }
        strip(&out)
    }

    #[test]
    fn nested_and_crossing_spans() {
        let text = "Officials said over 10,000 North Korean troops were sent.";
        let claim = Mark::new(15, 26, Kind::Claim).anchor("claim-1").data("c1");
        let entity = Mark::new(21, 39, Kind::Entity).data("e"); // "0,000 North Korean": crosses the claim's end
        assert_eq!(&text[21..39], "0,000 North Korean");
        let source = Mark::new(0, 9, Kind::Source);
        let html = render(text, &[entity, claim, source]);
        assert_eq!(strip(&html), text);
        assert_eq!(pieces(&html, "data-claim=\"c1\""), "over 10,000");
        assert_eq!(pieces(&html, "data-entity=\"e\""), "0,000 North Korean");
        assert_eq!(html.matches("id=\"claim-1\"").count(), 1);
        assert!(html.contains("class=\"hl entity cont\""), "{html}");
        insta_like(&html);
    }

    fn insta_like(html: &str) {
        assert_eq!(
            html,
            "<mark class=\"hl source\">Officials</mark> said <mark class=\"hl claim\" id=\"claim-1\" data-claim=\"c1\">over 1<mark class=\"hl entity\" data-entity=\"e\">0,000</mark></mark><mark class=\"hl entity cont\" data-entity=\"e\"> North Korean</mark> troops were sent."
        );
    }

    #[test]
    fn bad_spans_are_dropped_and_text_escaped() {
        let text = "a<b> & ’c";
        let html = render(
            text,
            &[
                Mark::new(0, 99, Kind::Claim),
                Mark::new(8, 11, Kind::Claim),
                Mark::new(3, 3, Kind::Quote),
            ],
        );
        assert_eq!(html, "a&lt;b&gt; &amp; ’c");
    }

    proptest! {
        #[test]
        fn any_spans_keep_the_text_and_each_span(text in "\\PC{0,30}", raw in proptest::collection::vec((0usize..40, 0usize..40, 0usize..7), 0..8)) {
            let kinds = [Kind::Boilerplate, Kind::Quote, Kind::Claim, Kind::Hedge, Kind::Source, Kind::Speaker, Kind::Entity];
            let marks: Vec<Mark> = raw.iter().enumerate().map(|(i, &(a, b, k))| {
                let (s, e) = (a.min(b), a.max(b));
                Mark::new(s, e, kinds[k]).data(format!("m{i}"))
            }).collect();
            let html = render(&text, &marks);
            prop_assert_eq!(strip(&html), text.clone());
            for (i, m) in marks.iter().enumerate() {
                if let Some(surface) = text.get(m.start..m.end) {
                    if !surface.is_empty() {
                        let attr = format!("{}=\"m{i}\"", m.kind.data_name());
                        prop_assert_eq!(pieces(&html, &attr), surface);
                    }
                }
            }
        }
    }
}
