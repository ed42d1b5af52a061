//! The publication date of an HTML page, read from the page only (never from a file time):
//! JSON-LD `datePublished`, publication meta tags, `<time>` elements, elements whose class or id
//! says they hold a date, a full date in the URL, and finally dates in the visible text.
//!
//! Every source yields candidates with a rank (lower is more trusted); the best-ranked
//! plausible candidate wins, the earliest one among equals (we want the original publication,
//! not an update). Dates after today or before 1995 are not plausible.

use chrono::NaiveDate;
use scraper::ElementRef;
use serde_json::Value;

use super::meta::{element_text, selector, Page};
use crate::date::{find_dates_with, parse_date_with, SlashOrder};

/// Where a date was read; rank order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Source {
    JsonLd,
    MetaPublished,
    TimePublished,
    Url,
    TimeElement,
    DateElement,
    MetaModified,
    Text,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub date: NaiveDate,
    pub source: Source,
    /// Document order within the source.
    pub order: usize,
}

const META_PUBLISHED: &[&str] = &[
    "article:published_time", "og:article:published_time", "article:published", "og:published_time", "published_time",
    "article.published", "datepublished", "date.published", "article_date_original", "publish-date", "publish_date",
    "publishdate", "published-date", "published_date", "publication_date", "publication-date", "pubdate", "pub_date",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
    "dcterms.created", "citation_publication_date", "citation_date", "citation_online_date", "originalpublicationdate",
    "date", "created", "creation_date", "article:post_date", "bt:pubdate", "cxenseparse:recs:publishtime", "og:pubdate",
    "nv:date", "weibo:article:create_at", "date_published", "release_date", "dateposted", "article_date",
    "analyticsattributes.articledate", "pdate", "timestamp", "displaydate", "dc.created", "datecreated",
];

const META_MODIFIED: &[&str] = &[
    "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified", "last-modified",
    "lastmod", "modified", "revised", "article:modified", "og:modified_time", "dateupdated", "updated_time",
];

/// The publication date, or `None` when the page gives no plausible one.
pub(crate) fn publication_date(page: &Page, url: Option<&str>, order: SlashOrder, today: NaiveDate) -> Option<Candidate> {
    let mut cands = candidates(page, url, order);
    cands.retain(|c| plausible(c.date, today));
    cands.sort_by_key(|c| (c.source, c.order));
    let best = *cands.first()?;
    // Among the best source's dates, the earliest (original publication, not an update).
    cands.iter().filter(|c| c.source == best.source).min_by_key(|c| c.date).copied()
}

pub(crate) fn plausible(d: NaiveDate, today: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(1995, 1, 1).is_some_and(|min| d >= min) && d <= today
}

pub(crate) fn candidates(page: &Page, url: Option<&str>, order: SlashOrder) -> Vec<Candidate> {
    let mut out = Vec::new();
    let push = |date: Option<NaiveDate>, source: Source, out: &mut Vec<Candidate>| {
        if let Some(date) = date {
            let n = out.len();
            out.push(Candidate { date, source, order: n });
        }
    };
    // JSON-LD.
    for o in &page.jsonld {
        for key in ["datePublished", "dateCreated", "uploadDate", "startDate"] {
            if let Some(s) = o.get(key).and_then(Value::as_str) {
                push(parse_machine(s, order), Source::JsonLd, &mut out);
                break;
            }
        }
    }
    // Meta tags.
    for (k, c) in &page.metas {
        if META_PUBLISHED.contains(&k.as_str()) {
            push(parse_machine(c, order), Source::MetaPublished, &mut out);
        } else if META_MODIFIED.contains(&k.as_str()) {
            push(parse_machine(c, order), Source::MetaModified, &mut out);
        }
    }
    // Elements marked as the publication date.
    if let Some(sel) = selector!("[itemprop='datePublished' i], [itemprop='dateCreated' i], time[pubdate], [property='dc:date'], [property='dc:created'], abbr.published, .published[title]") {
        for e in page.html.select(sel) {
            if e.value().name() == "meta" {
                continue;
            }
            push(element_date(e, order), Source::TimePublished, &mut out);
        }
    }
    // URL.
    if let Some(u) = url {
        push(url_date(u), Source::Url, &mut out);
    }
    // Other <time> elements, unless marked as an update.
    if let Some(sel) = selector!("time") {
        for e in page.html.select(sel).take(20) {
            if is_update(e) || in_furniture(e) {
                continue;
            }
            push(element_date(e, order), Source::TimeElement, &mut out);
        }
    }
    // Elements whose class or id says date.
    if let Some(sel) = selector!("[class], [id]") {
        let mut n = 0;
        for e in page.html.select(sel) {
            if n >= 60 {
                break;
            }
            let v = e.value();
            let key = format!("{} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or("")).to_lowercase();
            if !DATE_CLASS.iter().any(|w| key.contains(w)) || key.contains("update") || key.contains("modif") {
                continue;
            }
            if matches!(v.name(), "body" | "html" | "script" | "style") || in_furniture(e) {
                continue;
            }
            let text = element_text(e);
            if text.is_empty() || text.len() > 200 {
                continue;
            }
            n += 1;
            push(parse_date_with(&text, order).or_else(|| e.value().attr("title").and_then(|t| parse_date_with(t, order))), Source::DateElement, &mut out);
        }
    }
    out
}

/// Visible-text dates: every full date in `text`, ranked last.
pub(crate) fn text_candidates(text: &str, order: SlashOrder) -> Vec<Candidate> {
    find_dates_with(text, order).into_iter().enumerate().map(|(i, f)| Candidate { date: f.date, source: Source::Text, order: i }).collect()
}

const DATE_CLASS: &[&str] = &[
    "date", "time", "publish", "posted", "byline", "dateline", "datum", "fecha", "data-", "meta", "entry-meta",
    "post-meta", "article-meta", "info", "stamp", "when", "created", "pubdate", "veroeffentlicht", "zeit",
];

fn is_update(e: ElementRef<'_>) -> bool {
    let v = e.value();
    let key = format!("{} {} {}", v.attr("class").unwrap_or(""), v.attr("id").unwrap_or(""), v.attr("itemprop").unwrap_or("")).to_lowercase();
    key.contains("update") || key.contains("modif")
}

/// Whether the element sits inside comments, related-article lists, sidebars or footers.
fn in_furniture(e: ElementRef<'_>) -> bool {
    for a in e.ancestors().take(30) {
        let Some(el) = a.value().as_element() else { continue };
        if matches!(el.name(), "footer" | "aside" | "nav") {
            return true;
        }
        let key = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or("")).to_lowercase();
        if ["comment", "related", "sidebar", "widget", "teaser", "recommend", "footer", "reply", "more-stories"].iter().any(|w| key.contains(w)) {
            return true;
        }
    }
    false
}

/// A date from an element's `datetime`, `content` or `title` attribute, else its text.
fn element_date(e: ElementRef<'_>, order: SlashOrder) -> Option<NaiveDate> {
    let v = e.value();
    for attr in ["datetime", "content", "title", "data-datetime", "data-date"] {
        if let Some(d) = v.attr(attr).and_then(|s| parse_machine(s, order)) {
            return Some(d);
        }
    }
    let text = element_text(e);
    if text.len() > 300 {
        return None;
    }
    parse_date_with(&text, order)
}

/// A machine-written date (ISO 8601, RFC 2822, epoch seconds) or any human one.
pub(crate) fn parse_machine(s: &str, order: SlashOrder) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        // Unix time in seconds or milliseconds.
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        return chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive());
    }
    parse_date_with(s, order)
}

/// A full date in a URL path: /2020/03/15/, /2020-03-15-, /20200315/.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    // Skip the host and a web.archive.org crawl stamp.
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let path = if url.contains("web.archive.org/web/") {
        path.split_once('/').and_then(|(_, rest)| rest.split_once('/')).map_or("", |(_, r)| r)
    } else {
        path
    };
    let b = path.as_bytes();
    let digits_at = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit) && (i + n == b.len() || !b[i + n].is_ascii_digit()) && (i == 0 || !b[i - 1].is_ascii_digit());
    for i in 0..b.len() {
        if !(i == 0 || !b[i - 1].is_ascii_digit()) {
            continue;
        }
        // YYYY sep MM sep DD
        if i + 10 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            let sep = b[i + 4];
            if matches!(sep, b'/' | b'-' | b'_' | b'.') {
                let y: i32 = path[i..i + 4].parse().ok()?;
                let mlen = if digits_at(i + 5, 2) { 2 } else if digits_at(i + 5, 1) { 1 } else { 0 };
                if mlen > 0 && b.get(i + 5 + mlen) == Some(&sep) {
                    let ds = i + 6 + mlen;
                    let dlen = if digits_at(ds, 2) { 2 } else if digits_at(ds, 1) { 1 } else { 0 };
                    if dlen > 0 {
                        let m: u32 = path[i + 5..i + 5 + mlen].parse().ok()?;
                        let d: u32 = path[ds..ds + dlen].parse().ok()?;
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|d| (1995..=2100).contains(&chrono::Datelike::year(d))) {
                            return Some(date);
                        }
                    }
                }
            }
        }
        // YYYYMMDD as its own path piece.
        if digits_at(i, 8) {
            if let Some(d) = crate::date::compact(&path[i..i + 8]) {
                if (1995..=2100).contains(&chrono::Datelike::year(&d)) {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let d = |u: &str| url_date(u).map(|d| d.to_string());
        assert_eq!(d("https://x.com/2020/03/15/story.html").as_deref(), Some("2020-03-15"));
        assert_eq!(d("https://x.com/news/2020-3-5-story").as_deref(), Some("2020-03-05"));
        assert_eq!(d("https://x.com/a/20200315/b").as_deref(), Some("2020-03-15"));
        assert_eq!(d("https://x.com/2020/03/story"), None);
        assert_eq!(d("https://web.archive.org/web/20190717140047/http://x.de/a"), None);
        assert_eq!(d("https://x.com/id/123202003151"), None);
    }

    #[test]
    fn machine() {
        let d = |s: &str| parse_machine(s, SlashOrder::MonthFirst).map(|d| d.to_string());
        assert_eq!(d("2020-03-15T23:00:00+01:00").as_deref(), Some("2020-03-15"));
        assert_eq!(d("1584313200").as_deref(), Some("2020-03-15"));
        assert_eq!(d("Sun, 15 Mar 2020 10:00:00 GMT").as_deref(), Some("2020-03-15"));
    }
}
