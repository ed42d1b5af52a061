//! An entity: its names, the documents that mention it, its quotes and the figures it is the
//! source or subject of.

use axum::extract::State;
use maud::{html, Markup};
use store::{ClaimFilter, Page, QuoteRecord};

use super::{claims_table, fmt_date, layout, Nav, PageResult};
use crate::params::IdPath;
use crate::{AppState, Error};

/// How many documents get a line of their own.
const DOCS_SHOWN: usize = 40;

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

pub async fn page(State(state): State<AppState>, id: Result<IdPath, Error>) -> PageResult {
    let IdPath(id) = id?;
    let (entity, docs, quotes, claims) = state
        .with_store(move |s| {
            let entity = s.entity(&id)?.ok_or(Error::NotFound { what: "entity", id: id.clone() })?;
            // Titles would cost a document load each; the mention records carry the source path,
            // which is enough to tell documents apart in this list.
            let mut docs = Vec::new();
            for doc_id in entity.documents.iter().take(DOCS_SHOWN) {
                let of_doc: Vec<&store::MentionRecord> = entity.mentions.iter().filter(|m| &m.document == doc_id).collect();
                let mut forms: Vec<&str> = of_doc.iter().map(|m| m.text.as_str()).collect();
                forms.sort_unstable();
                forms.dedup();
                let source = of_doc.first().map(|m| m.source.clone()).unwrap_or_else(|| doc_id.clone());
                docs.push((doc_id.clone(), source, Option::<String>::None, of_doc.len(), forms.join(", ")));
            }
            let quotes = s.quotes(Some(&entity.id), Page::new(0, 100))?;
            let claims = s.claims(&ClaimFilter { entity: Some(entity.id.clone()), ..ClaimFilter::default() }, Page::new(0, 100))?;
            Ok((entity, docs, quotes, claims))
        })
        .await?;
    let other_names: Vec<&String> = entity.aliases.iter().filter(|a| **a != entity.name).collect();
    Ok(layout(
        &entity.name,
        Nav::Entities,
        html! {
            p.crumbs { a href="/entities" { "Entities" } }
            h1 { (entity.name) " " span class={"etype t-" (entity.kind.to_lowercase())} { (entity.kind) } }
            dl.facts {
                dt { "Also called" }
                dd { @if other_names.is_empty() { "—" } @else { ul.inline { @for a in &other_names { li { (a) } } } } }
                dt { "Mentions" } dd { (entity.mentions.len()) " in " (entity.documents.len()) " documents" }
            }
            section aria-labelledby="docs-h" {
                h2 #docs-h { "Mentioned in" }
                ul.mentions { @for (doc_id, title, outlet, n, forms) in &docs { li {
                    a href={"/documents/" (doc_id)} { (title) }
                    @if let Some(o) = outlet { " — " (o) }
                    " · " (n) @if *n == 1 { " mention" } @else { " mentions" } ": " q { (forms) }
                } } }
                @if entity.documents.len() > docs.len() { p { "And " (entity.documents.len() - docs.len()) " more documents." } }
            }
            section aria-labelledby="quotes-h" {
                h2 #quotes-h { "Quotes" }
                @if quotes.is_empty() { p { "No quotes attributed to " (entity.name) "." } }
                ol.quotes { @for q in &quotes { li { (quote_card(q)) } } }
            }
            section aria-labelledby="claims-h" {
                h2 #claims-h { "Figures from or about " (entity.name) }
                @if claims.is_empty() { p { "None." } } @else { (claims_table(&claims, None)) }
            }
        },
    ))
}
