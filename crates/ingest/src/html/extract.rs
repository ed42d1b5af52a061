//! The article's main text. rs-trafilatura (a port of trafilatura) finds the content block;
//! our layer ([`super::cleanup`]) then drops what it lets through (captions, bylines,
//! related-links lists, comment prompts) and the blocks [`super::blocks`] finds link-dense or
//! part of a listing. Pages nested too deep for a recursive DOM walk go to
//! the flat tag stripper instead (see `super::analyse`).

use super::flat;

/// Nesting deeper than this skips the DOM extractor (its recursion is what overflows).
pub(crate) const MAX_DOM_DEPTH: usize = 2_000;
/// What the extractor found.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub text: String,
    /// rs-trafilatura's metadata, when the DOM extractor ran.
    pub title: Option<String>,
    pub author: Option<String>,
    pub sitename: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// Which extractor produced the text.
    pub method: &'static str,
}

/// The main text, by rs-trafilatura with our cleanup, or by the flat stripper when it finds none.
pub(crate) fn extract(html: &str, url: Option<&str>) -> Extracted {
    match dom_extract(html, url) {
        Some(x) => x,
        None => Extracted {
            text: flat::strip_tags(html),
            method: "flat (no main content found)",
            ..Default::default()
        },
    }
}

fn dom_extract(html: &str, url: Option<&str>) -> Option<Extracted> {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..Default::default()
    };

    let mut r = rs_trafilatura::extract_with_options(html, &options).ok()?;
    // A news article is one block. When the extractor found a short block and replaced it with
    // a merge of several page sections (its listicle fallback), read the page again with the
    // same rules minus that merge (rs-trafilatura's category profile) and keep the single block.
    if r.warnings
        .iter()
        .any(|w| w.starts_with("Used multi-candidate merge"))
    {
        let single = rs_trafilatura::Options {
            page_type: Some(rs_trafilatura::page_type::PageType::Category),
            ..options.clone()
        };
        if let Ok(s) = rs_trafilatura::extract_with_options(html, &single) {
            if !s.content_text.trim().is_empty() {
                r.content_text = s.content_text;
                r.content_html = s.content_html;
            }
        }
    }
    let drops = r
        .content_html
        .as_deref()
        .map(super::blocks::Drops::from_html)
        .unwrap_or_default();
    let m = r.metadata;
    let text = super::cleanup::clean(&without_dropped(&r.content_text, &drops));
    let text = without_headline(&text, m.title.as_deref());
    if text.is_empty() {
        return None;
    }
    Some(Extracted {
        text,
        title: m.title,
        author: m.author,
        sitename: m.sitename,
        url: m.url,
        language: m.language,
        method: "rs-trafilatura",
    })
}

/// The text without a first line that repeats the page title (the headline is metadata, not
/// body text). The title may carry a site name after it ("Headline | Site").
fn without_headline(text: &str, title: Option<&str>) -> String {
    let Some(title) = title.map(super::blocks::norm).filter(|t| !t.is_empty()) else {
        return text.to_string();
    };
    let mut lines = text.lines();
    let Some(first) = lines.next() else {
        return text.to_string();
    };
    let n = super::blocks::norm(first);
    let repeats =
        !n.is_empty() && (n == title || (n.chars().count() >= 15 && title.starts_with(&n)));
    if !repeats {
        return text.to_string();
    }
    lines
        .collect::<Vec<_>>()
        .join("\n")
        .trim_start()
        .to_string()
}

/// The text without the lines of dropped blocks (link lists, listing cards).
fn without_dropped(text: &str, drops: &super::blocks::Drops) -> String {
    if drops.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for l in text.lines() {
        if !drops.drops_line(l) {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}
