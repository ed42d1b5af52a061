//! The article's main text. rs-trafilatura (a port of trafilatura) finds the content block;
//! our layer ([`super::cleanup`]) then drops what it lets through (captions, bylines,
//! related-links lists, comment prompts). Pages nested too deep for a recursive DOM walk go to
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
        None => Extracted { text: flat::strip_tags(html), method: "flat (no main content found)", ..Default::default() },
    }
}

fn dom_extract(html: &str, url: Option<&str>) -> Option<Extracted> {
    let options = rs_trafilatura::Options { url: url.map(str::to_string), ..Default::default() };

    let r = rs_trafilatura::extract_with_options(html, &options).ok()?;
    let text = if std::env::var_os("X_NOCLEAN").is_some() { r.content_text.trim().to_string() } else { super::cleanup::clean(&r.content_text) };
    if text.is_empty() {
        return None;
    }
    let m = r.metadata;
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
