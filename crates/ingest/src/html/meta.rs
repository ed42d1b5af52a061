//! What an HTML page says about itself: `<meta>` tags, JSON-LD objects, `<title>`, the canonical
//! link, the `lang` attribute and byline elements. Parsed once with `scraper` into a [`Page`].

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// Compiles a constant selector once.
macro_rules! selector {
    ($s:expr) => {{
        static SEL: std::sync::OnceLock<Option<scraper::Selector>> = std::sync::OnceLock::new();
        SEL.get_or_init(|| scraper::Selector::parse($s).ok())
            .as_ref()
    }};
}
pub(crate) use selector;

/// A parsed page with its meta tags and JSON-LD objects collected.
pub(crate) struct Page {
    pub html: Html,
    /// (lower-cased name/property/itemprop/http-equiv, content), in document order.
    pub metas: Vec<(String, String)>,
    /// Every JSON-LD object on the page, `@graph` members and array items flattened.
    pub jsonld: Vec<Value>,
}

impl Page {
    pub fn parse(html: &str) -> Page {
        let html = Html::parse_document(html);
        let mut metas = Vec::new();
        if let Some(sel) = selector!("meta") {
            for m in html.select(sel) {
                let v = m.value();
                let content = v
                    .attr("content")
                    .or_else(|| v.attr("value"))
                    .or_else(|| v.attr("datetime"));
                let Some(content) = content else { continue };
                for key in ["name", "property", "itemprop", "http-equiv"] {
                    if let Some(k) = v.attr(key) {
                        // property="og:title article:tag" may list several.
                        for k in k.split_whitespace() {
                            metas.push((k.to_lowercase(), content.trim().to_string()));
                        }
                    }
                }
            }
        }
        let mut jsonld = Vec::new();
        if let Some(sel) = selector!("script[type='application/ld+json' i]") {
            for s in html.select(sel) {
                let raw: String = s.text().collect();
                let raw = raw
                    .trim()
                    .trim_start_matches("<!--")
                    .trim_end_matches("-->")
                    .trim();
                let Ok(v) = serde_json::from_str::<Value>(raw)
                    .or_else(|_| serde_json::from_str::<Value>(&strip_control(raw)))
                else {
                    continue;
                };
                flatten_jsonld(v, &mut jsonld, 0);
            }
        }
        Page {
            html,
            metas,
            jsonld,
        }
    }

    /// The first non-empty content of a meta tag with one of these keys (lower case), in key order.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, c)| mk == k && !c.is_empty())
                .map(|(_, c)| c.as_str())
        })
    }

    /// JSON-LD objects that describe the article itself (an Article/NewsArticle/BlogPosting/…),
    /// falling back to every object.
    pub fn article_objects(&self) -> Vec<&Value> {
        let arts: Vec<&Value> = self.jsonld.iter().filter(|v| is_article_type(v)).collect();
        if arts.is_empty() {
            self.jsonld.iter().collect()
        } else {
            arts
        }
    }

    pub fn root_lang(&self) -> Option<String> {
        let root = self.html.root_element();
        root.value()
            .attr("lang")
            .or_else(|| root.value().attr("xml:lang"))
            .map(str::to_string)
    }
}

fn strip_control(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn flatten_jsonld(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                flatten_jsonld(i, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_jsonld(graph, out, depth + 1);
            }
            if !map.is_empty() {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "liveblogposting",
    "report",
    "posting",
    "creativework",
    "review",
    "videoobject",
    "podcastepisode",
    "event",
    "recipe",
    "webpage",
    "medicalwebpage",
    "itempage",
];

fn type_names(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str())
            .map(str::to_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn is_article_type(v: &Value) -> bool {
    type_names(v).iter().any(|t| {
        ARTICLE_TYPES.contains(&t.as_str())
            && t != "webpage"
            && t != "itempage"
            && t != "medicalwebpage"
    })
}

/// A JSON-LD value as text: a string, or the `name` of an object, or the first of an array.
pub(crate) fn jsonld_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(m) => m.get("name").and_then(jsonld_text),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(jsonld_text).collect();
            if names.is_empty() {
                None
            } else {
                Some(names.join(", "))
            }
        }
        _ => None,
    }
}

/// Visible text of an element, whitespace collapsed.
pub(crate) fn element_text(e: ElementRef<'_>) -> String {
    let mut out = String::new();
    for t in e.text() {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The page title: og:title, the JSON-LD headline, the first `<h1>`, then `<title>`.
pub(crate) fn title(page: &Page) -> Option<String> {
    let clean = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(crate::html::flat::decode_entities(&s).into_owned()).filter(|s| !s.is_empty())
    };
    if let Some(t) = page
        .meta(&["og:title", "twitter:title", "dc.title", "headline"])
        .and_then(clean)
    {
        return Some(t);
    }
    for o in page.article_objects() {
        if let Some(t) = o
            .get("headline")
            .or_else(|| o.get("name"))
            .and_then(jsonld_text)
            .and_then(|s| clean(&s))
        {
            return Some(t);
        }
    }
    if let Some(h1) = selector!("h1").and_then(|s| page.html.select(s).next()) {
        let t = element_text(h1);
        if t.len() > 5 && t.len() < 300 {
            return Some(t);
        }
    }
    selector!("title")
        .and_then(|s| page.html.select(s).next())
        .map(element_text)
        .and_then(|t| clean(&t))
}

/// The author: JSON-LD `author`, meta author tags, `rel=author` links, byline elements.
pub(crate) fn author(page: &Page) -> Option<String> {
    for o in page.article_objects() {
        if let Some(a) = o
            .get("author")
            .or_else(|| o.get("creator"))
            .and_then(jsonld_text)
        {
            if plausible_name(&a) {
                return Some(a);
            }
        }
    }
    if let Some(a) = page.meta(&[
        "author",
        "article:author",
        "dc.creator",
        "byl",
        "sailthru.author",
        "parsely-author",
        "twitter:creator",
    ]) {
        let a = a.trim_start_matches('@');
        if plausible_name(a) {
            return Some(strip_by(a));
        }
    }
    for css in [
        "[rel='author']",
        "[itemprop='author'] [itemprop='name']",
        "[itemprop='author']",
        ".byline .author",
        ".author-name",
        ".byline",
        ".author",
    ] {
        let Some(sel) = Selector::parse(css).ok() else {
            continue;
        };
        if let Some(e) = page.html.select(&sel).next() {
            let t = strip_by(&element_text(e));
            if plausible_name(&t) {
                return Some(t);
            }
        }
    }
    None
}

fn strip_by(s: &str) -> String {
    let t = s.trim();
    for p in [
        "By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ", "Di ", "Door ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim().to_string();
        }
    }
    t.to_string()
}

fn plausible_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() < 120
        && !s.starts_with("http")
        && !s.contains('{')
        && s.chars().any(char::is_alphabetic)
}

/// The outlet: og:site_name, the JSON-LD publisher, application-name.
pub(crate) fn outlet(page: &Page) -> Option<String> {
    if let Some(s) = page.meta(&[
        "og:site_name",
        "application-name",
        "al:android:app_name",
        "al:ios:app_name",
    ]) {
        return Some(s.to_string());
    }
    for o in page.article_objects() {
        if let Some(p) = o.get("publisher").and_then(jsonld_text) {
            return Some(p);
        }
    }
    page.jsonld
        .iter()
        .find(|o| {
            type_names(o)
                .iter()
                .any(|t| t == "newsmediaorganization" || t == "organization")
        })
        .and_then(|o| o.get("name"))
        .and_then(jsonld_text)
}

/// The canonical URL: `<link rel=canonical>`, og:url.
pub(crate) fn canonical_url(page: &Page) -> Option<String> {
    if let Some(sel) = selector!("link[rel='canonical' i]") {
        if let Some(href) = page.html.select(sel).find_map(|l| l.value().attr("href")) {
            if href.starts_with("http") {
                return Some(href.trim().to_string());
            }
        }
    }
    page.meta(&["og:url", "twitter:url"])
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
}

/// The page language as an ISO 639-1 code, from `<html lang>` or meta tags.
/// Whether the page says it is English for a region outside the US ("en-GB", "en_AU"), where
/// "03/02/2025" is day first.
pub(crate) fn english_outside_us(page: &Page) -> bool {
    let raw = page
        .root_lang()
        .or_else(|| {
            page.meta(&["content-language", "og:locale"])
                .map(str::to_string)
        })
        .unwrap_or_default();
    let raw = raw.trim().to_ascii_lowercase().replace('_', "-");
    match raw.strip_prefix("en-") {
        Some(region) => !region.is_empty() && !matches!(region, "us" | "ca" | "ph"),
        None => false,
    }
}

pub(crate) fn language(page: &Page) -> Option<String> {
    let raw = page.root_lang().or_else(|| {
        page.meta(&["content-language", "og:locale", "language", "dc.language"])
            .map(str::to_string)
    })?;
    let code: String = raw
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_lowercase();
    (code.len() == 2).then_some(code)
}
