//! The web UI: server-rendered HTML (maud), one stylesheet, no scripts. Every page works with
//! the keyboard alone: a skip link, labelled forms, visible focus, and links for everything.

mod claim;
mod dashboard;
mod document;
mod entity;
mod lists;
mod timeline;

use ::document::NaiveDate;
use axum::extract::OriginalUri;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use store::ClaimRecord;

use crate::params::{measure_name, Params};
use crate::wire::hedge_name;
use crate::{AppState, Error};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/claims", get(lists::claims))
        .route("/claims/{id}", get(claim::page))
        .route("/documents", get(lists::documents))
        .route("/documents/{id}", get(document::page))
        .route("/entities", get(lists::entities))
        .route("/entities/{id}", get(entity::page))
        .route("/quotes", get(lists::quotes))
        .route("/search", get(lists::search))
        .route("/timeline", get(timeline::page))
}

const STYLE: &str = include_str!("../../static/style.css");

pub async fn style_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// An error as an HTML page (API routes answer with problem details instead).
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(e: Error) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let body = layout(
            title,
            Nav::None,
            html! {
                h1 { (status.as_u16()) " " (title) }
                p { (self.0.public_detail()) }
                p { a href="/" { "Back to the dashboard" } }
            },
        );
        (status, body).into_response()
    }
}

/// Unknown paths: problem details under `/api`, a page elsewhere.
pub async fn not_found(OriginalUri(uri): OriginalUri) -> Response {
    let path = uri.path();
    let shown: String = path.chars().take(200).collect();
    let error = Error::NoRoute(shown);
    if path == "/api" || path.starts_with("/api/") {
        error.into_response()
    } else {
        PageError(error).into_response()
    }
}

pub type PageResult = Result<Markup, PageError>;

/// Which navigation entry is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Claims,
    Timeline,
    Entities,
    Quotes,
    Documents,
    Search,
    None,
}

pub fn layout(title: &str, active: Nav, body: Markup) -> Markup {
    let entries = [
        (Nav::Dashboard, "/", "Dashboard"),
        (Nav::Claims, "/claims", "Claims"),
        (Nav::Timeline, "/timeline", "Timeline"),
        (Nav::Entities, "/entities", "Entities"),
        (Nav::Quotes, "/quotes", "Quotes"),
        (Nav::Documents, "/documents", "Documents"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · corroborate" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a.skip href="#content" { "Skip to content" }
                header.site {
                    a.brand href="/" { "corroborate" }
                    nav aria-label="Main" {
                        ul {
                            @for (nav, href, label) in entries {
                                li {
                                    @if nav == active { a href=(href) aria-current="page" { (label) } }
                                    @else { a href=(href) { (label) } }
                                }
                            }
                        }
                    }
                    form.search role="search" action="/search" method="get" {
                        label for="site-q" class="visually-hidden" { "Search the documents" }
                        input #site-q type="search" name="q" placeholder="Search the documents" maxlength="200";
                        button type="submit" { "Search" }
                    }
                }
                main #content tabindex="-1" { (body) }
                footer.site {
                    p { "The same data as JSON: " a href="/api" { "/api" } " (" a href="/api/openapi.json" { "OpenAPI description" } ")." }
                }
            }
        }
    }
}

/// A number as a reader writes it: thousands separated, at most two decimals.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "?".into();
    }
    let negative = x < 0.0;
    let rounded = (x.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u128;
    let frac = ((rounded - rounded.trunc()) * 100.0).round() as u32;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// The interval a claim's words allow, in words.
pub fn fmt_interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) if (l - h).abs() < f64::EPSILON => fmt_num(l),
        (Some(l), Some(h)) => format!("{} – {}", fmt_num(l), fmt_num(h)),
        (Some(l), None) => format!("{} or more", fmt_num(l)),
        (None, Some(h)) => format!("up to {}", fmt_num(h)),
        (None, None) => "unknown".into(),
    }
}

pub fn hedge_words(claim: &ClaimRecord) -> &'static str {
    match hedge_name(claim.hedge) {
        "exact" => "exact",
        "approximately" => "approximately",
        "more_than" => "more than",
        "at_least" => "at least",
        "less_than" => "less than",
        "at_most" => "at most",
        "range" => "range",
        _ => "vague",
    }
}

pub fn title_case(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn fmt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "—".into())
}

/// A representative value of a claim for plotting: the value, else the middle of its interval.
pub fn representative(c: &ClaimRecord) -> Option<f64> {
    let v = match (c.value, c.low, c.high) {
        (Some(v), _, _) => v,
        (None, Some(l), Some(h)) if l > 0.0 => (l * h).sqrt(),
        (None, Some(l), _) => l,
        (None, None, Some(h)) => h,
        _ => return None,
    };
    (v.is_finite() && v > 0.0).then_some(v)
}

/// A log scale over the positive figures of some claims, for the range bars.
#[derive(Clone, Copy, Debug)]
pub struct LogScale {
    lo: f64,
    hi: f64,
}

impl LogScale {
    pub fn of(claims: &[ClaimRecord]) -> Option<LogScale> {
        let values = claims
            .iter()
            .flat_map(|c| [c.low, c.value, c.high])
            .flatten()
            .filter(|v| v.is_finite() && *v > 0.0);
        let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
        for v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi <= 0.0 {
            return None;
        }
        let (lo, hi) = (lo.log10().floor(), hi.log10().ceil());
        Some(LogScale {
            lo,
            hi: if hi > lo { hi } else { lo + 1.0 },
        })
    }

    /// Position of `v` in 0..=1.
    pub fn at(self, v: f64) -> f64 {
        if v <= 0.0 {
            return 0.0;
        }
        ((v.log10() - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }
}

/// A small inline bar for a claim's interval on a shared scale: decoration only (the interval
/// is also written out in words beside it), so it is hidden from screen readers.
pub fn range_bar(c: &ClaimRecord, scale: LogScale) -> Markup {
    const W: f64 = 150.0;
    let low = c
        .low
        .filter(|v| *v > 0.0)
        .map(|v| scale.at(v))
        .unwrap_or(0.0)
        * W;
    let open_ended = c.high.is_none();
    let high = c.high.map(|v| scale.at(v)).unwrap_or(1.0) * W;
    let dot = representative(c).map(|v| scale.at(v) * W);
    let measure = measure_name(c.measure);
    html! {
        svg.rangebar width="160" height="14" viewBox="-5 0 160 14" aria-hidden="true" focusable="false" {
            line.axis x1="0" y1="7" x2=(W) y2="7" {}
            rect class={"iv m-" (measure)} x=(format!("{low:.1}")) y="4" width=(format!("{:.1}", (high - low).max(2.0))) height="6" rx="2" {}
            @if open_ended { path class={"arrow m-" (measure)} d=(format!("M{W:.1} 7 l-5 -4 v8 z")) {} }
            @if let Some(x) = dot { circle class={"dot m-" (measure)} cx=(format!("{x:.1}")) cy="7" r="3.5" {} }
        }
    }
}

/// The shared claims table: figure, hedge, range, what, source, outlet, date.
pub fn claims_table(claims: &[ClaimRecord], caption: Option<&str>) -> Markup {
    let scale = LogScale::of(claims);
    html! {
        div.tablewrap {
            table.claims {
                @if let Some(caption) = caption { caption { (caption) } }
                thead { tr {
                    th scope="col" { "Figure" } th scope="col" { "Hedge" } th scope="col" { "Range" }
                    th scope="col" { "Counted" } th scope="col" { "Source" } th scope="col" { "Outlet" } th scope="col" { "As of" }
                } }
                tbody {
                    @for c in claims {
                        tr {
                            td.figure { a href={"/claims/" (c.id)} { (c.text) } }
                            td { span class={"hedge h-" (hedge_name(c.hedge))} { (hedge_words(c)) } }
                            td.range {
                                @if let Some(scale) = scale { (range_bar(c, scale)) }
                                span.interval { (fmt_interval(c.low, c.high)) }
                            }
                            td { (c.counted.as_deref().unwrap_or("—")) @if let Some(s) = &c.subject { br; small { (s) } } }
                            td { @match &c.attributed_to { Some(a) => (a.name), None => em.own { "outlet’s own words" } } }
                            td { (c.outlet.as_deref().unwrap_or_else(|| c.source.rsplit('/').next().unwrap_or(&c.source))) }
                            td.date { (fmt_date(c.as_of.or(c.published))) }
                        }
                    }
                }
            }
        }
    }
}

/// Previous/next links for a paged listing.
pub fn pager(path: &str, params: &Params, page: usize, has_next: bool) -> Markup {
    html! {
        @if page > 1 || has_next {
            nav.pager aria-label="Pages" {
                @if page > 1 { a rel="prev" href={(path) (params.with_page(page - 1))} { "← Previous" } }
                span { "Page " (page) }
                @if has_next { a rel="next" href={(path) (params.with_page(page + 1))} { "Next →" } }
            }
        }
    }
}

/// A search snippet with the store's `[`…`]` match markers as `<mark>`.
pub fn snippet(s: &str) -> Markup {
    let mut out = String::new();
    let mut open = false;
    for c in s.chars() {
        match c {
            '[' if !open => {
                out.push_str("<mark>");
                open = true;
            }
            ']' if open => {
                out.push_str("</mark>");
                open = false;
            }
            c => crate::highlight::escape_into(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    PreEscaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(fmt_num(10000.0), "10,000");
        assert_eq!(fmt_num(1234567.5), "1,234,567.5");
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(0.25), "0.25");
        assert_eq!(fmt_interval(Some(3000.0), None), "3,000 or more");
        assert_eq!(fmt_interval(Some(200.0), Some(999.0)), "200 – 999");
    }

    #[test]
    fn snippets_mark_matches_and_escape() {
        assert_eq!(
            snippet("a [word] <b>").into_string(),
            "a <mark>word</mark> &lt;b&gt;"
        );
    }
}
