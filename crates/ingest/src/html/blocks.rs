//! Block-level furniture found in the extractor's content HTML: paragraphs and list items that
//! are (almost) all link text (inline "read also" headlines, related-person link runs, tag
//! lists), and the other post cards of a listing that follows the article (several sibling
//! `<article>` elements after the one with the headline). The text of those blocks is then
//! taken out of the extracted text line by line ([`Drops::drops_line`]).
//!
//! Only the content HTML rs-trafilatura returns is read (a small fragment); class and id names
//! are not in it, so the rules here rest on structure and link density alone.

use std::collections::HashSet;

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Blocks whose link text is at least this share of their text are link lists.
const LINK_DENSE: f64 = 0.8;
/// ... and at most this many bytes outside links.
const MAX_PLAIN: usize = 30;

/// The normalised texts of dropped and kept blocks.
#[derive(Debug, Default)]
pub(crate) struct Drops {
    dropped: Vec<String>,
    kept: HashSet<String>,
}

const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "div",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "pre",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Letters and digits only, lower-cased: how a block and a text line are compared.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Drops {
    /// Reads the content HTML. Returns no drops when it has no blocks.
    pub(crate) fn from_html(content_html: &str) -> Drops {
        let frag = Html::parse_fragment(content_html);
        let mut d = Drops::default();
        let root = frag.tree.root();
        let listing = listing_articles(root);
        for node in root.descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            if !is_block(el.name())
                || node
                    .descendants()
                    .skip(1)
                    .any(|n| n.value().as_element().is_some_and(|e| is_block(e.name())))
            {
                continue;
            }
            // A leaf block.
            let (text, link) = text_and_link_len(node);
            let n = norm(&text);
            if n.is_empty() {
                continue;
            }
            let in_listing = node.ancestors().any(|a| listing.contains(&a.id()));
            // Link-dense headlines and link runs: several words, little text outside the links
            // (a bare URL or a linked name inside a sentence stays).
            let plain = text.len().saturating_sub(link);
            let link_dense = link as f64 >= LINK_DENSE * text.len() as f64
                && plain <= MAX_PLAIN
                && text.split_whitespace().count() >= 3;
            if in_listing || link_dense {
                d.dropped.push(n);
            } else {
                d.kept.insert(n);
            }
        }
        d
    }

    /// Whether a line of the extracted text is (part of) a dropped block and of no kept one.
    pub(crate) fn drops_line(&self, line: &str) -> bool {
        let n = norm(line);
        if n.is_empty() || self.dropped.is_empty() || self.kept.contains(&n) {
            return false;
        }
        self.dropped
            .iter()
            .any(|d| *d == n || (n.len() >= 24 && d.contains(&n)))
            && !self.kept.iter().any(|k| n.len() >= 24 && k.contains(&n))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.dropped.is_empty()
    }
}

/// Text length and link-text length (bytes, whitespace-trimmed runs) under a node.
fn text_and_link_len(node: NodeRef<'_, Node>) -> (String, usize) {
    let mut text = String::new();
    let mut link = 0;
    for n in node.descendants() {
        if let Some(t) = n.value().as_text() {
            let in_link = n
                .ancestors()
                .take_while(|a| a.id() != node.id())
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
                || node.value().as_element().is_some_and(|e| e.name() == "a");
            let trimmed = t.trim();
            if in_link {
                link += trimmed.len();
            }
            if !trimmed.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(trimmed);
            }
        }
    }
    (text, link)
}

/// The `<article>` elements of a listing: when the fragment holds three or more articles and one
/// of them carries the headline (`h1`), every article that neither contains it nor sits in it.
fn listing_articles(root: NodeRef<'_, Node>) -> HashSet<ego_tree::NodeId> {
    let is = |n: &NodeRef<'_, Node>, name: &str| {
        n.value().as_element().is_some_and(|e| e.name() == name)
    };
    let articles: Vec<NodeRef<'_, Node>> =
        root.descendants().filter(|n| is(n, "article")).collect();
    if articles.len() < 3 {
        return HashSet::new();
    }
    let Some(main) = articles
        .iter()
        .find(|a| a.descendants().any(|d| is(&d, "h1")))
    else {
        return HashSet::new();
    };
    let main_id = main.id();
    articles
        .iter()
        .filter(|a| {
            a.id() != main_id
                && !a.ancestors().any(|x| x.id() == main_id)
                && !main.ancestors().any(|x| x.id() == a.id())
        })
        .map(|a| a.id())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_dense_and_listing() {
        let html = "<article><h1>Head</h1><p>The council met on Monday and voted <a>to close</a> the old bridge.</p>\
            <p><strong><a>OTHER STORY HEADLINE IN CAPITALS</a></strong></p></article>\
            <article><article><p>Teaser of another post that runs on for a while …</p></article><article><p>Second teaser text here for the card …</p></article></article>";
        let d = Drops::from_html(html);
        assert!(d.drops_line("OTHER STORY HEADLINE IN CAPITALS"));
        assert!(d.drops_line("Teaser of another post that runs on for a while …"));
        assert!(!d.drops_line("The council met on Monday and voted to close the old bridge."));
        assert!(
            !Drops::from_html("<p>One <a>two</a> three four five six.</p>")
                .drops_line("One two three four five six.")
        );
        let url = Drops::from_html("<p><a>http://example.com/a-long-link-target</a></p>");
        assert!(!url.drops_line("http://example.com/a-long-link-target"));
        let name = Drops::from_html("<p>Rep. <a>Jane Roe Jane Roe</a><a>Other headline about a vote</a> (D-N.Y.) said on Monday that the vote would be held again.</p>");
        assert!(!name.drops_line("Rep. Jane Roe Jane Roe Other headline about a vote (D-N.Y.) said on Monday that the vote would be held again."));
    }
}
