//! The publication date of an HTML page, read from the page only (never from a file time):
//! JSON-LD `datePublished`, publication meta tags, `<time>` elements, elements whose class or id
//! says they hold a date, the first date under the `<h1>`, a full date in the URL (or in the
//! og:image URL), and finally dates in the visible text. Dates inside furniture (comments,
//! related lists, teasers, sidebars) are read only when the page has no other date.
//!
//! Every source yields candidates with a rank (lower is more trusted); the best-ranked
//! plausible candidate wins, the earliest one among equals (we want the original publication,
//! not an update). Dates after today or before 1995 are not plausible.

use chrono::NaiveDate;
use scraper::ElementRef;
use serde_json::Value;

use super::meta::{element_text, selector, Page};
use crate::date::{find_dates_with, parse_date_with, SlashOrder};

/// Where a date was read; rank order for ties.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub(crate) enum Source {
    Url,
    JsonLd,
    MetaPublished,
    TimePublished,
    TimeElement,
    DateElement,
    /// The first date in the visible text just after (or before) the page's `<h1>`.
    HeadlineText,
    /// A date in the visible text right after a label ("Datum:", "Published", "Stand:").
    LabelledText,
    MetaModified,
    /// A full date in an image or file URL on the page.
    AssetUrl,
    /// Any date in the visible text (used only when nothing else is found).
    Text,
}

impl Source {
    fn weight(self) -> f64 {
        match self {
            Source::Url => 4.0,
            Source::JsonLd | Source::MetaPublished | Source::TimePublished => 3.0,
            Source::TimeElement => 2.0,
            Source::DateElement => 1.5,
            Source::HeadlineText => 2.0,
            Source::LabelledText => 0.8,
            Source::MetaModified => 0.7,
            Source::AssetUrl => 1.2,
            Source::Text => 1.0,
        }
    }

    /// Whether the date was read from the page's visible text (not from an attribute or the URL).
    pub(crate) fn is_read_from_text(self) -> bool {
        matches!(
            self,
            Source::DateElement | Source::HeadlineText | Source::LabelledText | Source::Text
        )
    }

    /// Whether the date was written for readers (so it is in the site's own time zone).
    fn visible(self) -> bool {
        matches!(
            self,
            Source::Url
                | Source::TimeElement
                | Source::DateElement
                | Source::HeadlineText
                | Source::LabelledText
                | Source::Text
        )
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub date: NaiveDate,
    pub source: Source,
    /// Document order within the page.
    pub order: usize,
    /// The hour, when the date came from a timestamp written in UTC: such a date may be a day
    /// off from the site's local date.
    pub utc_hour: Option<u32>,
}

const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "article.published",
    "datepublished",
    "date.published",
    "article_date_original",
    "publish-date",
    "publish_date",
    "publishdate",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "pub_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "originalpublicationdate",
    "date",
    "created",
    "creation_date",
    "article:post_date",
    "bt:pubdate",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "nv:date",
    "weibo:article:create_at",
    "date_published",
    "release_date",
    "dateposted",
    "article_date",
    "analyticsattributes.articledate",
    "pdate",
    "timestamp",
    "displaydate",
    "dc.created",
    "datecreated",
];

const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "modified",
    "revised",
    "article:modified",
    "og:modified_time",
    "dateupdated",
    "updated_time",
];

/// The publication date, or `None` when the page gives no plausible one. `main_text` is the
/// extracted article text, searched (with the page's visible text) when the markup has no date.
pub(crate) fn publication_date(
    page: &Page,
    url: Option<&str>,
    main_text: &str,
    order: SlashOrder,
    today: NaiveDate,
) -> Option<(NaiveDate, Source)> {
    let mut cands = candidates(page, url, order, true);
    cands.retain(|c| plausible(c.date, today));
    if !cands.iter().any(|c| c.source != Source::AssetUrl) {
        cands.extend(
            text_candidates(main_text, order)
                .into_iter()
                .filter(|c| plausible(c.date, today))
                .take(1),
        );
        if cands.is_empty() {
            let visible = visible_text(page, true);
            let mut t: Vec<Candidate> = text_candidates(&visible, order)
                .into_iter()
                .filter(|c| plausible(c.date, today))
                .collect();
            t.retain(|c| within_url_month(c.date, url));
            cands.extend(t.into_iter().take(1));
        }
    }
    // Nothing outside the furniture: the page's own date may sit in a block named like
    // furniture (a teaser wrapping the article, a widget-built byline). Read those too.
    if cands.iter().all(|c| c.source == Source::AssetUrl) {
        cands.extend(
            candidates(page, url, order, false)
                .into_iter()
                .filter(|c| c.source != Source::Url && plausible(c.date, today)),
        );
        if cands.is_empty() {
            let visible = visible_text(page, false);
            cands.extend(
                text_candidates(&visible, order)
                    .into_iter()
                    .filter(|c| plausible(c.date, today) && within_url_month(c.date, url))
                    .take(1),
            );
        }
    }
    vote(&cands)
}

/// Whether a date fits the /YYYY/MM/ (or /YYYY/) of the URL, when it has one.
fn within_url_month(d: NaiveDate, url: Option<&str>) -> bool {
    match url.and_then(url_year_month) {
        Some((y, m)) => {
            chrono::Datelike::year(&d) == y && m.is_none_or(|m| chrono::Datelike::month(&d) == m)
        }
        None => true,
    }
}

/// Weighted vote: in each source the first date counts fully and later mentions add a little;
/// a UTC timestamp a day off from what the page shows readers counts for the shown date (when
/// the page shows that day with more weight than the UTC day). Returns the date and the
/// best-ranked source that gave it.
fn vote(cands: &[Candidate]) -> Option<(NaiveDate, Source)> {
    use std::collections::HashMap;
    let mut shown: HashMap<NaiveDate, f64> = HashMap::new();
    for c in cands.iter().filter(|c| c.source.visible()) {
        *shown.entry(c.date).or_insert(0.0) += c.source.weight();
    }
    let mut scores: HashMap<NaiveDate, (f64, Source, usize)> = HashMap::new();
    let mut first_of: HashMap<Source, NaiveDate> = HashMap::new();
    let mut extra: HashMap<(Source, NaiveDate), usize> = HashMap::new();
    for c in cands {
        let mut date = c.date;
        if let Some(h) = c.utc_hour {
            // Only a timestamp near midnight UTC can fall on another local day (sites west of
            // UTC reach -10 h, east of it mostly +8 to +11 h).
            let shifted = if h < 10 {
                date.pred_opt()
            } else if h >= 13 {
                date.succ_opt()
            } else {
                None
            };
            let weight_of = |d: &NaiveDate| shown.get(d).copied().unwrap_or(0.0);
            if let Some(s) = shifted.filter(|s| weight_of(s) > weight_of(&date)) {
                date = s;
            }
        }
        let w = c.source.weight();
        let add = match first_of.get(&c.source) {
            None => {
                first_of.insert(c.source, date);
                w
            }
            Some(_) => {
                let n = extra.entry((c.source, date)).or_insert(0);
                *n += 1;
                if *n <= 4 {
                    0.15 * w
                } else {
                    0.0
                }
            }
        };
        let e = scores.entry(date).or_insert((0.0, c.source, c.order));
        e.0 += add;
        if (c.source, c.order) < (e.1, e.2) {
            e.1 = c.source;
            e.2 = c.order;
        }
    }
    scores
        .into_iter()
        .max_by(|a, b| {
            a.1 .0
                .total_cmp(&b.1 .0)
                .then_with(|| (b.1 .1, b.1 .2).cmp(&(a.1 .1, a.1 .2)))
        })
        .map(|(d, (_, source, _))| (d, source))
}

pub(crate) fn plausible(d: NaiveDate, today: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(1995, 1, 1).is_some_and(|min| d >= min) && d <= today
}

/// With `strict`, dates inside furniture (comments, related lists, teasers, sidebars, footers)
/// are left out.
pub(crate) fn candidates(
    page: &Page,
    url: Option<&str>,
    order: SlashOrder,
    strict: bool,
) -> Vec<Candidate> {
    let in_furniture = |e: ElementRef<'_>| strict && in_furniture(e);
    let mut out = Vec::new();
    let push =
        |found: Option<(NaiveDate, Option<u32>)>, source: Source, out: &mut Vec<Candidate>| {
            if let Some((date, utc_hour)) = found {
                let n = out.len();
                out.push(Candidate {
                    date,
                    source,
                    order: n,
                    utc_hour,
                });
            }
        };
    // URL.
    if let Some(u) = url {
        push(url_date(u).map(|d| (d, None)), Source::Url, &mut out);
    }
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
        } else if matches!(
            k.as_str(),
            "og:image" | "twitter:image" | "thumbnail" | "og:image:url"
        ) {
            push(url_date(c).map(|d| (d, None)), Source::AssetUrl, &mut out);
        }
    }
    // Elements marked as the publication date.
    if let Some(sel) = selector!("[itemprop='datePublished' i], [itemprop='dateCreated' i], time[pubdate], [property='dc:date'], [property='dc:created'], abbr.published, .published[title]") {
        for e in page.html.select(sel) {
            if e.value().name() == "meta" || in_furniture(e) {
                continue;
            }
            push(element_date(e, order), Source::TimePublished, &mut out);
        }
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
            let key = format!(
                "{} {}",
                v.attr("class").unwrap_or(""),
                v.attr("id").unwrap_or("")
            )
            .to_lowercase();
            if !DATE_CLASS.iter().any(|w| key.contains(w))
                || key.contains("update")
                || key.contains("modif")
            {
                continue;
            }
            if matches!(v.name(), "body" | "html" | "script" | "style") || in_furniture(e) {
                continue;
            }
            let text = element_text(e);
            if text.is_empty() || text.len() > 200 {
                continue;
            }
            let d = parse_date_with(&text, order).or_else(|| {
                e.value()
                    .attr("title")
                    .and_then(|t| parse_date_with(t, order))
            });
            n += usize::from(d.is_some());
            push(d.map(|d| (d, None)), Source::DateElement, &mut out);
        }
    }
    // The first date written right under (or just above) the headline.
    if let Some(d) = headline_date(page, order) {
        push(Some((d, None)), Source::HeadlineText, &mut out);
    }
    // Labelled dates in the visible text.
    let text = visible_text(page, strict);
    for f in find_dates_with(&text, order).into_iter().take(200) {
        let before = &text[..f.start];
        let from = before.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let window = before[from..].to_lowercase();
        if DATE_LABELS.iter().any(|l| window.contains(l))
            && !UPDATE_LABELS.iter().any(|l| window.contains(l))
        {
            push(Some((f.date, None)), Source::LabelledText, &mut out);
        }
    }
    out
}

/// The first full date in the visible text within a few hundred bytes after the end of the
/// first `<h1>` outside furniture, else the last one within 150 bytes before it (its earlier
/// siblings).
fn headline_date(page: &Page, order: SlashOrder) -> Option<NaiveDate> {
    const AFTER: usize = 400;
    const BEFORE: usize = 150;
    let sel = selector!("h1")?;
    let h1 = page
        .html
        .select(sel)
        .find(|e| !in_furniture(*e) && !element_text(*e).is_empty())?;
    let skip = |n: &ego_tree::NodeRef<'_, scraper::Node>| {
        n.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "template"))
        })
    };
    // Text after the headline, in document order.
    let mut after = String::new();
    let mut node = Some(*h1);
    while let Some(n) = node {
        // Next node in document order that is not inside the headline.
        node = n
            .next_sibling()
            .or_else(|| n.ancestors().find_map(|a| a.next_sibling()));
        let Some(start) = node else { break };
        for d in start.descendants() {
            if let Some(t) = d.value().as_text() {
                if !skip(&d) {
                    after.push_str(t);
                    after.push(' ');
                }
            }
        }
        if after.len() >= AFTER {
            break;
        }
    }
    let cut = |s: &str, n: usize| -> usize {
        let mut i = n.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let after = &after[..cut(&after, AFTER)];
    if let Some(f) = find_dates_with(after, order).into_iter().next() {
        return Some(f.date);
    }
    // Text just before the headline: its earlier siblings.
    let mut before = String::new();
    for n in h1.prev_siblings() {
        let mut t = String::new();
        for d in n.descendants() {
            if let Some(x) = d.value().as_text() {
                if !skip(&d) {
                    t.push_str(x);
                    t.push(' ');
                }
            }
        }
        before = t + &before;
        if before.trim().len() >= BEFORE {
            break;
        }
    }
    let before = before.trim_end();
    let mut from = before.len().saturating_sub(BEFORE);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    find_dates_with(&before[from..], order)
        .into_iter()
        .last()
        .map(|f| f.date)
}

/// Visible-text dates: every full date in `text`, ranked last.
pub(crate) fn text_candidates(text: &str, order: SlashOrder) -> Vec<Candidate> {
    find_dates_with(text, order)
        .into_iter()
        .enumerate()
        .map(|(i, f)| Candidate {
            date: f.date,
            source: Source::Text,
            order: i,
            utc_hour: None,
        })
        .collect()
}

/// Words that introduce a publication date in many languages.
const DATE_LABELS: &[&str] = &[
    "published",
    "posted",
    "datum",
    "stand:",
    "veröffentlicht",
    "erschienen",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "date:",
    "dated",
    "écrit le",
    "fecha",
    "data:",
    "created",
    "erstellt",
    "geschrieben",
    "written",
    "released",
    "issued",
];
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "aktualisiert",
    "modified",
    "geändert",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "last edited",
    "zuletzt",
];

/// The page's visible text in document order, skipping scripts, styles, navigation, footers,
/// sidebars and comment or related-article blocks.
pub(crate) fn visible_text(page: &Page, strict: bool) -> String {
    let mut out = String::new();
    let Some(body) = selector!("body").and_then(|s| page.html.select(s).next()) else {
        return out;
    };
    let mut skip_until: Option<ego_tree::NodeId> = None;
    // How many <article> elements we are in: an aside or footer inside one is the article's own.
    let mut in_article = 0usize;
    for edge in body.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                if let Some(el) = node.value().as_element() {
                    if el.name() == "article" {
                        in_article += 1;
                    }
                    let skip = matches!(
                        el.name(),
                        "script"
                            | "style"
                            | "noscript"
                            | "template"
                            | "svg"
                            | "nav"
                            | "select"
                            | "button"
                    ) || (matches!(el.name(), "footer" | "aside") && in_article == 0)
                        || (strict && is_furniture_element(el));
                    if skip {
                        skip_until = Some(node.id());
                    } else if BLOCK.contains(&el.name()) {
                        out.push('\n');
                    }
                } else if let Some(t) = node.value().as_text() {
                    out.push_str(t);
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                } else if skip_until.is_none()
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|e| e.name() == "article")
                {
                    in_article = in_article.saturating_sub(1);
                }
            }
        }
        if out.len() > 200_000 {
            break;
        }
    }
    out
}

const BLOCK: &[&str] = &[
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section",
    "article", "header", "time", "span", "dd", "dt",
];
const CONTENT_CLASS: &[&str] = &[
    "blog",
    "post",
    "article",
    "entry",
    "hentry",
    "story",
    "content",
    "main",
    "site-content",
    "content-area",
    "entry-content",
    "post-content",
    "article-content",
    "main-content",
    "article-body",
    "post-body",
    "entry-body",
    "story-body",
];
/// Class or id words of furniture blocks; "footer" is apart because an article's own footer
/// holds its date.
const FURNITURE_CLASS: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "teaser",
    "recommend",
    "reply",
    "more-stories",
    "cookie",
    "newsletter",
];
const FOOTER_CLASS: &[&str] = &["footer"];

/// Whether an element's class or id names a comment, related-links, sidebar, widget or footer
/// block. Page wrappers (`body`, `main`, `article`) and modifier classes ("has-sidebar",
/// "comments-open") do not count.
pub(crate) fn is_furniture_element(el: &scraper::node::Element) -> bool {
    furniture_named(el, FURNITURE_CLASS) || furniture_named(el, FOOTER_CLASS)
}

fn furniture_named(el: &scraper::node::Element, words: &[&str]) -> bool {
    if matches!(el.name(), "body" | "html" | "main" | "article") {
        return false;
    }
    let class = el.attr("class").unwrap_or("");
    let id = el.attr("id").unwrap_or("");
    // A container that names itself the post ("widget Blog", "widget post") holds the article.
    if class
        .split_whitespace()
        .any(|t| CONTENT_CLASS.iter().any(|c| t.eq_ignore_ascii_case(c)))
    {
        return false;
    }
    class
        .split_whitespace()
        .chain(std::iter::once(id))
        .any(|tok| {
            let tok = tok.to_ascii_lowercase();
            if tok.is_empty()
                || ["has-", "with-", "no-", "is-", "show-", "hide-", "js-"]
                    .iter()
                    .any(|p| tok.starts_with(p))
                || tok.ends_with("-open")
                || tok.ends_with("-closed")
                || tok.ends_with("-count")
                || tok.ends_with("-link")
            {
                return false;
            }
            words.iter().any(|w| {
                tok.starts_with(w)
                    || tok.ends_with(w)
                    || tok.contains(&format!("-{w}"))
                    || tok.contains(&format!("_{w}"))
            })
        })
}

/// Year and month from a URL path like /2011/12/ or /2011/.
fn url_year_month(url: &str) -> Option<(i32, Option<u32>)> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let parts: Vec<&str> = path.split('/').collect();
    for (i, p) in parts.iter().enumerate() {
        if p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = p.parse().ok()?;
            if !(1995..=2100).contains(&y) {
                continue;
            }
            let m = parts
                .get(i + 1)
                .filter(|m| m.len() <= 2 && !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|m| m.parse::<u32>().ok())
                .filter(|m| (1..=12).contains(m));
            return Some((y, m));
        }
    }
    None
}

const DATE_CLASS: &[&str] = &[
    "date",
    "time",
    "publish",
    "posted",
    "byline",
    "dateline",
    "datum",
    "fecha",
    "data-",
    "meta",
    "entry-meta",
    "post-meta",
    "article-meta",
    "info",
    "stamp",
    "when",
    "created",
    "pubdate",
    "veroeffentlicht",
    "zeit",
    "submitted",
];

fn is_update(e: ElementRef<'_>) -> bool {
    let v = e.value();
    let key = format!(
        "{} {} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or(""),
        v.attr("itemprop").unwrap_or("")
    )
    .to_lowercase();
    key.contains("update") || key.contains("modif")
}

/// Whether the element sits inside comments, related-article lists, sidebars or footers.
fn in_furniture(e: ElementRef<'_>) -> bool {
    for a in e.ancestors().take(30) {
        let Some(el) = a.value().as_element() else {
            continue;
        };
        // An aside or footer inside an article (<article> or an Article item scope) holds that
        // article's own details.
        let in_article = || {
            a.ancestors()
                .any(|x| x.value().as_element().is_some_and(is_article_scope))
        };
        if matches!(el.name(), "footer" | "aside") && !in_article() {
            return true;
        }
        if el.name() == "nav" {
            return true;
        }
        if is_furniture_element(el) && (furniture_named(el, FURNITURE_CLASS) || !in_article()) {
            return true;
        }
    }
    false
}

/// An `<article>` element or a schema.org Article / NewsArticle / BlogPosting item scope.
fn is_article_scope(el: &scraper::node::Element) -> bool {
    el.name() == "article"
        || el
            .attr("itemtype")
            .is_some_and(|t| t.ends_with("Article") || t.ends_with("BlogPosting"))
}

/// A date from an element's `datetime`, `content` or `title` attribute, else its text.
fn element_date(e: ElementRef<'_>, order: SlashOrder) -> Option<(NaiveDate, Option<u32>)> {
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
    parse_date_with(&text, order).map(|d| (d, None))
}

/// A machine-written date (ISO 8601, RFC 2822, epoch seconds) or any human one, with the hour
/// when the timestamp is in UTC.
pub(crate) fn parse_machine(s: &str, order: SlashOrder) -> Option<(NaiveDate, Option<u32>)> {
    let s = s.trim();
    if s.len() >= 10 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        // Unix time in seconds or milliseconds.
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        let dt = chrono::DateTime::from_timestamp(secs, 0)?;
        return Some((dt.date_naive(), Some(chrono::Timelike::hour(&dt))));
    }
    let date = parse_date_with(s, order)?;
    Some((date, utc_hour(s)))
}

/// The hour of a timestamp written in UTC ("…T05:30:59Z", "+00:00", "GMT").
fn utc_hour(s: &str) -> Option<u32> {
    use std::sync::OnceLock;
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let re = RE
        .get_or_init(|| {
            regex::Regex::new(
                r"(?i)[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]00:?00|UTC|GMT)\b",
            )
            .ok()
        })
        .as_ref()?;
    let c = re.captures(s)?;
    c.get(1)?.as_str().parse().ok()
}

/// A full date in a URL path: /2020/03/15/, /2020-03-15-, /20200315/.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    // Skip the host and a web.archive.org crawl stamp.
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let path = if url.contains("web.archive.org/web/") {
        path.split_once('/')
            .and_then(|(_, rest)| rest.split_once('/'))
            .map_or("", |(_, r)| r)
    } else {
        path
    };
    let b = path.as_bytes();
    let digits_at = |i: usize, n: usize| {
        i + n <= b.len()
            && b[i..i + n].iter().all(u8::is_ascii_digit)
            && (i + n == b.len() || !b[i + n].is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
    };
    for i in 0..b.len() {
        if i != 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        // YYYY sep MM sep DD
        if i + 10 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            let sep = b[i + 4];
            if matches!(sep, b'/' | b'-' | b'_' | b'.') {
                let y: i32 = path[i..i + 4].parse().ok()?;
                let mlen = if digits_at(i + 5, 2) {
                    2
                } else if digits_at(i + 5, 1) {
                    1
                } else {
                    0
                };
                if mlen > 0 && b.get(i + 5 + mlen) == Some(&sep) {
                    let ds = i + 6 + mlen;
                    let dlen = if digits_at(ds, 2) {
                        2
                    } else if digits_at(ds, 1) {
                        1
                    } else {
                        0
                    };
                    if dlen > 0 {
                        let m: u32 = path[i + 5..i + 5 + mlen].parse().ok()?;
                        let d: u32 = path[ds..ds + dlen].parse().ok()?;
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
                            .filter(|d| (1995..=2100).contains(&chrono::Datelike::year(d)))
                        {
                            return Some(date);
                        }
                    }
                }
            }
        }
        // YYYYMMDD as its own path piece, or YYYYMMDDhhmmss… (a file stamp).
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 8 || (run >= 14 && stamp_time_ok(&path[i + 8..i + 14])) {
            if let Some(d) = crate::date::compact(&path[i..i + 8]) {
                if (1995..=2100).contains(&chrono::Datelike::year(&d)) {
                    return Some(d);
                }
            }
        }
        // DD-MM-YYYY (day first, as European sites write it; month first only when the day
        // part cannot be a month's day order otherwise).
        if let Some(d) = day_first_at(path, i) {
            return Some(d);
        }
    }
    None
}

/// Whether "hhmmss" is a valid time of day.
fn stamp_time_ok(s: &str) -> bool {
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((n(0..2), n(2..4), n(4..6)), (Some(h), Some(m), Some(sec)) if h < 24 && m < 60 && sec < 60)
}

/// A DD-MM-YYYY (or DD.MM.YYYY, DD_MM_YYYY) date starting at byte `i` of a URL path.
fn day_first_at(path: &str, i: usize) -> Option<NaiveDate> {
    let b = path.as_bytes();
    let num = |from: usize| -> Option<(u32, usize)> {
        let len = b
            .get(from..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 || len > 4 {
            return None;
        }
        Some((path.get(from..from + len)?.parse().ok()?, len))
    };
    let (a, la) = num(i)?;
    if la > 2 {
        return None;
    }
    let sep = *b.get(i + la)?;
    if !matches!(sep, b'-' | b'.' | b'_') {
        return None;
    }
    let (m, lm) = num(i + la + 1)?;
    if lm > 2 || b.get(i + la + 1 + lm) != Some(&sep) {
        return None;
    }
    let ys = i + la + 2 + lm;
    let (y, ly) = num(ys)?;
    if ly != 4
        || b.get(ys + 4).is_some_and(u8::is_ascii_digit)
        || !(1995..=2100).contains(&(y as i32))
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, a).or_else(|| NaiveDate::from_ymd_opt(y as i32, a, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let d = |u: &str| url_date(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2020/03/15/story.html").as_deref(),
            Some("2020-03-15")
        );
        assert_eq!(
            d("https://x.com/news/2020-3-5-story").as_deref(),
            Some("2020-03-05")
        );
        assert_eq!(
            d("https://x.com/a/20200315/b").as_deref(),
            Some("2020-03-15")
        );
        assert_eq!(d("https://x.com/2020/03/story"), None);
        assert_eq!(
            d("https://web.archive.org/web/20190717140047/http://x.de/a"),
            None
        );
        assert_eq!(d("https://x.com/id/123202003151"), None);
        assert_eq!(
            d("https://x.de/meldungen/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(
            d("https://img.x.com/large/20201007120909561.jpg").as_deref(),
            Some("2020-10-07")
        );
        assert_eq!(d("https://img.x.com/large/20201007999999561.jpg"), None);
    }

    #[test]
    fn machine() {
        let d = |s: &str| parse_machine(s, SlashOrder::MonthFirst).map(|d| d.0.to_string());
        assert_eq!(
            d("2020-03-15T23:00:00+01:00").as_deref(),
            Some("2020-03-15")
        );
        assert_eq!(d("1584313200").as_deref(), Some("2020-03-15"));
        assert_eq!(
            d("Sun, 15 Mar 2020 10:00:00 GMT").as_deref(),
            Some("2020-03-15")
        );
        assert_eq!(
            parse_machine("2023-11-09T05:30:59Z", SlashOrder::MonthFirst).and_then(|d| d.1),
            Some(5)
        );
        assert_eq!(
            parse_machine("2023-11-09T05:30:59+00:00", SlashOrder::MonthFirst).and_then(|d| d.1),
            Some(5)
        );
        assert_eq!(
            parse_machine("2023-11-09T05:30:59-05:00", SlashOrder::MonthFirst).and_then(|d| d.1),
            None
        );
    }
}
