//! HTML pages: the charset is detected and the page decoded ([`charset`]), the main text
//! extracted ([`extract`]: rs-trafilatura plus our cleanup layer, or a flat tag stripper for
//! pathological pages), and the metadata read from meta tags, JSON-LD, bylines, time elements
//! and visible dates ([`meta`], [`pubdate`]).
//!
//! `Document::text` is the extracted text; `raw_html` is the decoded page. The work runs on a
//! thread with a big stack and under `catch_unwind` ([`guarded`]): a library failure on a
//! strange page becomes an [`IngestError::Extraction`], never an abort.

mod blocks;
mod charset;
mod cleanup;
mod extract;
pub(crate) mod flat;
mod meta;
pub(crate) mod pubdate;

use chrono::NaiveDate;
use document::Document;

use crate::date::SlashOrder;
use crate::{IngestError, ReadOptions};

/// Stack size for the extraction thread: html5ever and the extractor recurse on deep pages.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Everything read from one page.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub published: Option<NaiveDate>,
    /// Whether the date was read from visible text (so it may be found in the extracted text).
    pub published_from_text: bool,
    /// How the page writes "03/02/2025".
    pub order: SlashOrder,
    /// Which extractor produced the text (for debugging).
    #[allow(dead_code)]
    pub method: &'static str,
}

pub(crate) fn read(
    source: &str,
    sha256: String,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Document, IngestError> {
    let (html, _encoding) = charset::decode(bytes);
    let today = chrono::Local::now().date_naive();
    let a = guarded(|| analyse(&html, opts.url.as_deref(), today)).map_err(|reason| {
        IngestError::Extraction {
            path: source.to_string(),
            reason,
        }
    })?;
    let text = a.text.trim().to_string();
    if text.is_empty() {
        return Err(IngestError::NoText {
            path: source.to_string(),
        });
    }
    let mut doc = Document::new(source, sha256, text);
    doc.meta.title = a.title;
    doc.meta.author = a.author;
    doc.meta.outlet = a.outlet;
    doc.meta.url = a.url.or_else(|| opts.url.clone());
    doc.meta.language = a.language;
    doc.meta.published = a.published;
    if a.published_from_text {
        doc.meta.published_span = a.published.and_then(|d| date_span(doc.text(), d, a.order));
    }
    doc.raw_html = Some(html);
    // Furniture marks, cites and whatever metadata the page did not give, read from the text.
    crate::text::analyse(&mut doc);
    Ok(doc)
}

/// Pages larger than this skip the DOM parsers (which would take many seconds) for the flat
/// stripper, which is linear and fast.
pub(crate) const MAX_DOM_BYTES: usize = 16 * 1024 * 1024;

/// Reads text and metadata from a decoded page.
pub(crate) fn analyse(html: &str, url: Option<&str>, today: NaiveDate) -> Analysis {
    let too_big = html.len() > MAX_DOM_BYTES;
    if too_big || flat::max_depth(html, extract::MAX_DOM_DEPTH + 1) > extract::MAX_DOM_DEPTH {
        let text = flat::strip_tags(html);
        let published = first_text_date(&text, SlashOrder::DayFirst, today);
        let method = if too_big {
            "flat (page too large)"
        } else {
            "flat (nesting too deep)"
        };
        return Analysis {
            text,
            published,
            published_from_text: published.is_some(),
            order: SlashOrder::DayFirst,
            method,
            ..Default::default()
        };
    }
    let page = meta::Page::parse(html);
    let language = meta::language(&page);
    let order = match language.as_deref() {
        Some("en") if !meta::english_outside_us(&page) => SlashOrder::MonthFirst,
        None => SlashOrder::MonthFirst,
        Some(_) => SlashOrder::DayFirst,
    };
    let canonical = meta::canonical_url(&page);
    let date_url = url.map(str::to_string).or_else(|| canonical.clone());
    let ex = extract::extract(html, url.or(canonical.as_deref()));
    let published = pubdate::publication_date(&page, date_url.as_deref(), &ex.text, order, today);
    Analysis {
        title: meta::title(&page).or(ex.title),
        author: meta::author(&page).or(ex.author),
        outlet: meta::outlet(&page).or(ex.sitename),
        url: canonical.or(ex.url),
        language: language.or(ex.language),
        published: published.map(|p| p.0),
        published_from_text: published.is_some_and(|p| p.1.is_read_from_text()),
        order,
        method: ex.method,
        text: ex.text,
    }
}

/// Where the document text writes the publication date (the first mention), if it does.
fn date_span(text: &str, date: NaiveDate, order: SlashOrder) -> Option<document::Span> {
    crate::date::find_dates_with(text, order)
        .into_iter()
        .find(|f| f.date == date)
        .map(|f| document::Span::new(f.start, f.end))
}

fn first_text_date(text: &str, order: SlashOrder, today: NaiveDate) -> Option<NaiveDate> {
    let head = match text.char_indices().nth(3000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    pubdate::text_candidates(head, order)
        .into_iter()
        .map(|c| c.date)
        .find(|&d| pubdate::plausible(d, today))
}

/// Runs `f` on a thread with a big stack, turning a panic into an error message.
pub(crate) fn guarded<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("html-extract".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            });
        match handle {
            Ok(h) => match h.join() {
                Ok(Ok(r)) => Ok(r),
                Ok(Err(p)) | Err(p) => Err(panic_message(p.as_ref())),
            },
            Err(e) => Err(format!("could not start the extraction thread: {e}")),
        }
    })
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        format!("the HTML extractor panicked: {s}")
    } else if let Some(s) = p.downcast_ref::<String>() {
        format!("the HTML extractor panicked: {s}")
    } else {
        "the HTML extractor panicked".to_string()
    }
}
