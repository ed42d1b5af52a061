//! An SVG timeline of figures over time: one point per claim at its as-of date (else its
//! document's publication date), on a log scale, coloured by measure, with the interval its
//! words allow drawn as a vertical bar. Points link to their claim pages; a table below gives
//! the same data in text.

use ::document::{Measure, NaiveDate};
use axum::extract::State;
use maud::{html, Markup};
use store::ClaimRecord;

use super::{fmt_date, fmt_interval, fmt_num, layout, representative, title_case, Nav, PageResult};
use crate::params::{measure_name, Params, MEASURES};
use crate::{AppState, Error};

/// The most points one timeline draws.
pub const MAX_POINTS: usize = 2000;

const W: f64 = 900.0;
const H: f64 = 380.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 50.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;

struct Point<'a> {
    claim: &'a ClaimRecord,
    date: NaiveDate,
    value: f64,
}

fn chart(points: &[Point]) -> Markup {
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.date).min(),
        points.iter().map(|p| p.date).max(),
    ) else {
        return html! {};
    };
    let (first, last) = if first == last {
        (first - chrono_days(1), last + chrono_days(1))
    } else {
        (first, last)
    };
    let span_days = (last - first).num_days().max(1) as f64;
    let values = points
        .iter()
        .flat_map(|p| [Some(p.value), p.claim.low, p.claim.high])
        .flatten()
        .filter(|v| *v > 0.0 && v.is_finite());
    let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let (lo, hi) = (
        lo.log10().floor(),
        hi.log10().ceil().max(lo.log10().floor() + 1.0),
    );
    let x = |d: NaiveDate| LEFT + (d - first).num_days() as f64 / span_days * (W - LEFT - RIGHT);
    let y = |v: f64| {
        let t = ((v.max(1e-9).log10() - lo) / (hi - lo)).clamp(0.0, 1.0);
        H - BOTTOM - t * (H - TOP - BOTTOM)
    };
    let decades: Vec<i32> = (lo as i32..=hi as i32).collect();
    let n_ticks = (span_days as i64).clamp(1, 6);
    let mut ticks: Vec<NaiveDate> = (0..=n_ticks)
        .map(|i| first + chrono_days((span_days * i as f64 / n_ticks as f64).round() as i64))
        .collect();
    ticks.dedup();
    html! {
        svg.timeline viewBox={"0 0 " (W) " " (H)} role="img" aria-labelledby="tl-title tl-desc" {
            title #tl-title { "Figures over time" }
            desc #tl-desc { (points.len()) " figures from " (fmt_date(Some(first))) " to " (fmt_date(Some(last))) ", on a logarithmic scale. The table below lists them." }
            @for d in &decades {
                @let yy = y(10f64.powi(*d));
                line.grid x1=(LEFT) x2=(W - RIGHT) y1=(format!("{yy:.1}")) y2=(format!("{yy:.1}")) {}
                text.tick x=(LEFT - 8.0) y=(format!("{:.1}", yy + 4.0)) text-anchor="end" { (fmt_compact(10f64.powi(*d))) }
            }
            @for t in &ticks {
                @let xx = x(*t);
                line.grid x1=(format!("{xx:.1}")) x2=(format!("{xx:.1}")) y1=(TOP) y2=(H - BOTTOM) {}
                text.tick x=(format!("{xx:.1}")) y=(H - BOTTOM + 18.0) text-anchor="middle" { (t.format("%Y-%m-%d")) }
            }
            @for p in points {
                @let m = measure_name(p.claim.measure);
                @let xx = x(p.date);
                // An open-ended figure ("more than 40") gets a dashed bar one decade long, not one
                // to the top of the chart, which would bury the points under tall lines.
                @let low = p.claim.low.unwrap_or(p.value);
                @let (y_lo, y_hi) = (y(low), y(p.claim.high.unwrap_or(low.max(p.value) * 10.0)));
                a href={"/claims/" (p.claim.id)} {
                    @if (y_lo - y_hi).abs() > 1.0 {
                        line class={"iv m-" (m) @if p.claim.high.is_none() { " open" }} x1=(format!("{xx:.1}")) x2=(format!("{xx:.1}")) y1=(format!("{y_lo:.1}")) y2=(format!("{y_hi:.1}")) {}
                    }
                    circle class={"pt m-" (m)} cx=(format!("{xx:.1}")) cy=(format!("{:.1}", y(p.value))) r="5" {
                        title { (m) ": " (p.claim.text) " — " (p.claim.outlet.as_deref().unwrap_or(&p.claim.source)) ", " (fmt_date(Some(p.date))) }
                    }
                }
            }
        }
    }
}

/// A tick label: 1, 10, 100, 1k, 10k, 1M, 1B (the axis is in powers of ten).
fn fmt_compact(v: f64) -> String {
    for (scale, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] {
        if v >= scale {
            return format!("{}{suffix}", fmt_num(v / scale));
        }
    }
    fmt_num(v)
}

fn chrono_days(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::days(n)
}

pub async fn page(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let chosen = params.measure()?;
    let (claims, counts, drawn) = state
        .with_store(move |s| {
            // Each measure's first claims, in stored order: walking the measure index is cheap
            // where sorting every claim by document is not.
            let counts = s.claim_counts_by_measure()?;
            let drawn: Vec<Measure> = match chosen {
                Some(m) => vec![m],
                None => {
                    let named: Vec<Measure> = counts
                        .iter()
                        .map(|(m, _)| *m)
                        .filter(|m| *m != Measure::Other)
                        .collect();
                    if named.is_empty() {
                        counts.iter().map(|(m, _)| *m).collect()
                    } else {
                        named
                    }
                }
            };
            let per_measure = MAX_POINTS / drawn.len().max(1);
            let mut claims = Vec::new();
            for measure in &drawn {
                claims.extend(s.claims_of_measure(*measure, per_measure)?);
            }
            Ok((claims, counts, drawn))
        })
        .await?;
    let count_of = |m: Measure| {
        counts
            .iter()
            .find(|(c, _)| *c == m)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let total: usize = drawn.iter().map(|m| count_of(*m)).sum();
    let others_left_out = if chosen.is_none() && !drawn.contains(&Measure::Other) {
        count_of(Measure::Other)
    } else {
        0
    };
    let mut points: Vec<Point> = claims
        .iter()
        .filter_map(|c| {
            Some(Point {
                claim: c,
                date: c.as_of.or(c.published)?,
                value: representative(c)?,
            })
        })
        .collect();
    points.sort_by(|a, b| a.date.cmp(&b.date).then(a.claim.id.cmp(&b.claim.id)));
    let undated = claims.len() - points.len();
    let present: Vec<&str> = MEASURES
        .iter()
        .map(|m| measure_name(*m))
        .filter(|m| points.iter().any(|p| measure_name(p.claim.measure) == *m))
        .collect();
    Ok(layout(
        "Timeline",
        Nav::Timeline,
        html! {
            h1 { "Figures over time" }
            p { "Each point is one report, placed at the date the figure is given for (else the article's date); a bar shows the range its words allow (dashed when it has no upper bound). Select a point for the claim." }
            form.filters method="get" action="/timeline" {
                label for="tl-measure" { "Measure" }
                select #tl-measure name="measure" {
                    option value="" { "all but other" }
                    @for m in MEASURES {
                        option value=(measure_name(m)) selected[Some(m) == chosen] { (measure_name(m)) " (" (count_of(m)) ")" }
                    }
                }
                button type="submit" { "Show" }
            }
            @if others_left_out > 0 { p { (others_left_out) " figures of other kinds (not casualties, displacement, arrests or costs) are left out; choose " em { "other" } " to see them." } }
            @if points.is_empty() { p { "No dated figures yet." } }
            @else {
                ul.legend.inline aria-label="Measures" { @for m in &present { li { span class={"swatch m-" (m)} aria-hidden="true" {} (title_case(m)) } } }
                div.chart { (chart(&points)) }
            }
            @if undated > 0 { p { (undated) " figures have no date and are not drawn." } }
            @if total > claims.len() { p { "Only " (claims.len()) " of the " (total) " figures are drawn (the first of each measure)." } }
            @if !points.is_empty() {
                details {
                    summary { "The figures as a table" }
                    div.tablewrap { table {
                        thead { tr { th scope="col" { "Date" } th scope="col" { "Measure" } th scope="col" { "Figure" } th scope="col" { "Allows" } th scope="col" { "Outlet" } } }
                        tbody { @for p in &points { tr {
                            td { (fmt_date(Some(p.date))) } td { (measure_name(p.claim.measure)) }
                            td { a href={"/claims/" (p.claim.id)} { (p.claim.text) } }
                            td { (fmt_interval(p.claim.low, p.claim.high)) }
                            td { (p.claim.outlet.as_deref().unwrap_or(&p.claim.source)) }
                        } } }
                    } }
                }
            }
        },
    ))
}
