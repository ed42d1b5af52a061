//! An entity: its names, the documents that mention it, its quotes and the figures it is the
//! source or subject of.

use axum::extract::State;
use maud::{html, Markup};
use store::{Page, QuoteRecord};

use super::{claims_table, fmt_date, layout, pager, Nav, PageResult};
use crate::params::{IdPath, Params};
use crate::{AppState, Error};

/// How many documents one page lists (`?page=` for the rest).
const DOCS_PER_PAGE: usize = 50;
/// How many quotes and figures the page shows (the quote and claim listings have the rest).
const QUOTES_SHOWN: usize = 20;
const CLAIMS_SHOWN: usize = 50;

/// One quote with its speaker and where it was printed.
pub fn quote_card(q: &QuoteRecord) -> Markup {
    html! {
        figure.quote {
            blockquote { "“" (q.text) "”" }
            figcaption {
                @match &q.speaker {
                    Some(s) => {
                        @match &s.entity { Some(e) => a href={"/entities/" (e)} { (s.name) }, None => (s.name) }
                    },
                    None => em { "speaker not named" },
                }
                @if let Some(cue) = &q.cue { " (" (cue) ")" }
                " — " a href={"/documents/" (q.document) "#quote-" (q.id)} { (q.outlet.as_deref().unwrap_or(&q.source)) }
                @if q.published.is_some() { ", " (fmt_date(q.published)) }
                @if q.appearances > 1 { " · printed in " (q.appearances) " documents" }
            }
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    id: Result<IdPath, Error>,
    params: Result<Params, Error>,
) -> PageResult {
    let IdPath(id) = id?;
    let params = params?;
    let req = params.page(DOCS_PER_PAGE)?;
    let ranking = state.ranking.clone();
    let (entity, docs, quotes, claims) = state
        .with_store(move |s| {
            let entity =
                crate::queries::entity_summary(s, &ranking, &id)?.ok_or(Error::NotFound {
                    what: "entity",
                    id: id.clone(),
                })?;
            let docs = s.entity_documents(&entity.id, req.probe())?;
            let quotes = s.entity_quotes(&entity.id, Page::new(0, QUOTES_SHOWN + 1))?;
            let claims = s.first_claims_about(&entity.id, CLAIMS_SHOWN + 1)?;
            Ok((entity, docs, quotes, claims))
        })
        .await?;
    let has_next = docs.len() > req.per_page;
    let docs = &docs[..docs.len().min(req.per_page)];
    let more_quotes = quotes.len() > QUOTES_SHOWN;
    let quotes = &quotes[..quotes.len().min(QUOTES_SHOWN)];
    let more_claims = claims.len() > CLAIMS_SHOWN;
    let claims = &claims[..claims.len().min(CLAIMS_SHOWN)];
    let other_names: Vec<&String> = entity
        .aliases
        .iter()
        .filter(|a| **a != entity.name)
        .collect();
    let here = format!("/entities/{}", entity.id);
    Ok(layout(
        &entity.name,
        Nav::Entities,
        html! {
            p.crumbs { a href="/entities" { "Entities" } }
            h1 { (entity.name) " " span class={"etype t-" (entity.kind.to_lowercase())} { (entity.kind) } }
            dl.facts {
                dt { "Also called" }
                dd { @if other_names.is_empty() { "—" } @else { ul.inline { @for a in &other_names { li { (a) } } } } }
                dt { "Mentions" } dd { (entity.mentions) " in " (entity.documents) @if entity.documents == 1 { " document" } @else { " documents" } }
            }
            section aria-labelledby="docs-h" {
                h2 #docs-h { "Mentioned in" }
                @if req.page > 1 || has_next {
                    p.count { "Documents " (req.offset() + 1) "–" (req.offset() + docs.len()) " of " (entity.documents) "." }
                }
                @if docs.is_empty() { p { "No documents on this page." } }
                ul.mentions { @for d in docs { li {
                    a href={"/documents/" (d.document)} { (d.title.as_deref().unwrap_or(&d.source)) }
                    @if let Some(o) = &d.outlet { " — " (o) }
                    @if d.published.is_some() { ", " (fmt_date(d.published)) }
                    " · " (d.mentions) @if d.mentions == 1 { " mention" } @else { " mentions" } ": " q { (d.forms.join(", ")) }
                } } }
                (pager(&here, &params, req.page, has_next))
            }
            section aria-labelledby="quotes-h" {
                h2 #quotes-h { "Quotes" }
                @if quotes.is_empty() { p { "No quotes attributed to " (entity.name) "." } }
                ol.quotes { @for q in quotes { li { (quote_card(q)) } } }
                @if more_quotes { p { a href={"/quotes?speaker=" (entity.id)} { "All quotes of " (entity.name) " →" } } }
            }
            section aria-labelledby="claims-h" {
                h2 #claims-h { "Figures from or about " (entity.name) }
                @if claims.is_empty() { p { "None." } } @else { (claims_table(claims, None)) }
                @if more_claims { p { a href={"/claims?entity=" (entity.id)} { "All figures from or about " (entity.name) " →" } } }
            }
        },
    ))
}
