//! The story dashboard: the figures by measure, each report with its hedge, source and outlet,
//! side by side on one scale, so a reader sees at a glance where reports disagree.
//!
//! Each measure is one `section`; when `reconcile` groups claims across sources, a group summary
//! slots in at the top of its section, above the reports it reconciles.

use axum::extract::State;
use maud::html;
use store::ClaimRecord;

use super::{claims_table, fmt_interval, fmt_num, layout, title_case, Nav, PageResult};
use crate::params::measure_name;
use crate::{queries, AppState};

/// How many reports of one measure the dashboard shows before linking to the full list.
pub const PER_MEASURE: usize = 25;

/// The lowest and highest figure any report allows, for the "reports range from" line.
fn spread(claims: &[ClaimRecord]) -> Option<(f64, f64)> {
    let lows = claims.iter().filter_map(|c| c.low.or(c.value));
    let highs = claims.iter().filter_map(|c| c.high.or(c.value).or(c.low));
    let lo = lows.fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))?;
    let hi = highs.fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))?;
    Some((lo, hi))
}

pub async fn page(State(state): State<AppState>) -> PageResult {
    let (stats, sections) = state
        .with_store(|s| Ok((queries::stats(s)?, queries::dashboard(s, PER_MEASURE)?)))
        .await?;
    Ok(layout(
        "Story dashboard",
        Nav::Dashboard,
        html! {
            h1 { "Story dashboard" }
            p.stats {
                a href="/documents" { (stats.documents) " documents" } " · "
                a href="/claims" { (stats.claims) " claims" } " · "
                a href="/quotes" { (stats.quotes) " quotes" } " · "
                a href="/entities" { (stats.entities) " entities" }
            }
            @if sections.is_empty() {
                p { "No figures yet. Ingest some articles with " code { "corroborate ingest" } "." }
            }
            @if !sections.is_empty() {
                nav.toc aria-label="Measures" { ul { @for (measure, total, _) in &sections {
                    li { a href={"#m-" (measure_name(*measure))} { (title_case(measure_name(*measure))) " (" (total) ")" } }
                } } }
            }
            @for (measure, total, claims) in &sections {
                @let name = measure_name(*measure);
                section.measure id={"m-" (name)} aria-labelledby={"h-" (name)} {
                    h2 id={"h-" (name)} { span class={"swatch m-" (name)} aria-hidden="true" {} (title_case(name)) }
                    p.summary {
                        (total) @if *total == 1 { " report" } @else { " reports" }
                        @if let Some((lo, hi)) = spread(claims) {
                            @if (hi - lo).abs() < f64::EPSILON { ", all of " strong { (fmt_num(lo)) } }
                            @else { " allowing anything from " strong { (fmt_interval(Some(lo), Some(hi))) } }
                        }
                        @if *total > claims.len() { " (the first " (claims.len()) " shown)" }
                        "."
                    }
                    (claims_table(claims, Some(&format!("{} figures, by report", title_case(name)))))
                    @if *total > claims.len() {
                        p { a href={"/claims?measure=" (name)} { "All " (total) " " (name) " claims →" } }
                    }
                }
            }
        },
    ))
}
