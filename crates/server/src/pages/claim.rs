//! A claim: its sentence with the figure, the hedge and the source highlighted, what was read
//! from it, and the other reports of the same figure.

use axum::extract::State;
use maud::{html, PreEscaped};
use store::ClaimRecord;

use super::{
    claims_table, fmt_date, fmt_interval, fmt_num, hedge_words, layout, title_case, Nav, PageResult,
};
use crate::highlight::{render, Kind, Mark};
use crate::params::measure_name;
use crate::params::IdPath;
use crate::wire::hedge_name;
use crate::{queries, AppState, Error};

/// How many other reports the page lists.
const OTHERS: usize = 50;

/// The hedge words at the front of a figure ("over" in "over 10,000"): the words before its
/// first digit. Vague figures ("thousands") and spelled-out numbers have none to split off.
fn hedge_prefix(figure: &str) -> Option<usize> {
    let digit = figure.find(|c: char| c.is_ascii_digit())?;
    let prefix = &figure[..digit];
    let cut = prefix.trim_end_matches(['$', '€', '£', '¥']).trim_end();
    (cut.len() > 1 && cut.chars().any(char::is_alphabetic)).then_some(cut.len())
}

/// The claim's sentence as highlighted HTML, and whether the source's mention lies inside it.
fn sentence_html(text: &str, c: &ClaimRecord) -> (String, bool) {
    let (mut s0, mut s1) = (c.sentence.start, c.sentence.end);
    if text.get(s0..s1).is_none() || s0 > c.start || s1 < c.end {
        (s0, s1) = (c.start, c.end);
    }
    let Some(sentence) = text.get(s0..s1) else {
        return (String::new(), false);
    };
    let mut marks = vec![Mark::new(c.start - s0, c.end - s0, Kind::Claim)
        .data(c.id.clone())
        .title(format!("{}: {}", measure_name(c.measure), hedge_words(c)))];
    if let Some(cut) = text.get(c.start..c.end).and_then(hedge_prefix) {
        marks.push(
            Mark::new(c.start - s0, c.start - s0 + cut, Kind::Hedge)
                .title(format!("hedge: {}", hedge_words(c))),
        );
    }
    let mut source_inside = false;
    if let Some(a) = &c.attributed_to {
        if a.start >= s0 && a.end <= s1 {
            marks.push(Mark::new(a.start - s0, a.end - s0, Kind::Source).title("source"));
            source_inside = true;
        }
    }
    (render(sentence, &marks), source_inside)
}

pub async fn page(State(state): State<AppState>, id: Result<IdPath, Error>) -> PageResult {
    let IdPath(id) = id?;
    let (claim, text, title, others) = state
        .with_store(move |s| {
            let claim = queries::claim(s, &id)?;
            let doc = s.document(&claim.document)?.ok_or(Error::NotFound {
                what: "document",
                id: claim.document.clone(),
            })?;
            let others = queries::same_figure(s, &claim, OTHERS)?;
            Ok((
                claim,
                doc.text().to_string(),
                doc.meta.title.clone(),
                others,
            ))
        })
        .await?;
    let (sentence, source_inside) = sentence_html(&text, &claim);
    let measure = measure_name(claim.measure);
    let heading = format!(
        "{} {}",
        claim.text,
        claim.counted.as_deref().unwrap_or(measure)
    );
    Ok(layout(
        &heading,
        Nav::Claims,
        html! {
            p.crumbs { a href="/" { "Dashboard" } " › " a href={"/claims?measure=" (measure)} { (title_case(measure)) } }
            h1 { (heading) }
            figure.sentence {
                blockquote id="claim-sentence" { (PreEscaped(sentence)) }
                figcaption {
                    (claim.outlet.as_deref().unwrap_or(&claim.source))
                    @if claim.published.is_some() { ", " (fmt_date(claim.published)) }
                    " — " a #source-link href={"/documents/" (claim.document) "#claim-" (claim.id)} { "read it in the source document" }
                }
            }
            p.legend aria-label="Highlight legend" {
                mark.hl.claim { "figure" } " " mark.hl.hedge { "hedge" } " " mark.hl.source { "source" }
            }
            dl.facts {
                dt { "Measure" } dd { span class={"swatch m-" (measure)} aria-hidden="true" {} (measure) }
                dt { "Value as written" } dd { (claim.value.map(fmt_num).unwrap_or_else(|| "—".into())) }
                dt { "Hedge" } dd { span class={"hedge h-" (hedge_name(claim.hedge))} { (hedge_words(&claim)) } }
                dt { "The words allow" } dd { (fmt_interval(claim.low, claim.high)) }
                dt { "Counted" } dd { (claim.counted.as_deref().unwrap_or("—")) }
                dt { "Whose" } dd { (claim.subject.as_deref().unwrap_or("—")) }
                dt { "Source" } dd {
                    @match &claim.attributed_to {
                        Some(a) => { a href={"/claims?entity=" (crate::params::encode(&a.name))} { (a.name) }
                                     @if !source_inside { " (named elsewhere in the article)" } }
                        None => em { "the outlet’s own words" },
                    }
                }
                dt { "As of" } dd { (fmt_date(claim.as_of)) }
                dt { "Document" } dd { a href={"/documents/" (claim.document)} { (title.as_deref().unwrap_or(&claim.source)) } }
            }
            section aria-labelledby="others-h" {
                h2 #others-h { "Other reports of this figure" }
                @if others.is_empty() { p { "No other report of this measure yet." } }
                @else {
                    p { "Claims with the same measure"
                        @if let Some(s) = &claim.subject { " about " (s) }
                        ", from every stored report. Cross-source reconciliation will narrow this to the same quantity." }
                    (claims_table(&others, None))
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_split_off_before_digits() {
        assert_eq!(hedge_prefix("over 10,000"), Some(4));
        assert_eq!(hedge_prefix("more than $3bn"), Some(9));
        assert_eq!(hedge_prefix("10,000"), None);
        assert_eq!(hedge_prefix("$5m"), None);
        assert_eq!(hedge_prefix("thousands"), None);
    }
}
