//! The document viewer: the full text with page furniture greyed and every claim, quote,
//! speaker, source and entity mention highlighted at its byte offsets.

use std::collections::HashMap;

use axum::extract::State;
use maud::{html, PreEscaped};
use store::{ClaimFilter, Page};

use super::{fmt_date, hedge_words, layout, Nav, PageResult};
use crate::highlight::{render, Kind, Mark};
use crate::params::measure_name;
use crate::params::IdPath;
use crate::{AppState, Error};

fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => "other".into(),
    }
}

pub async fn page(State(state): State<AppState>, id: Result<IdPath, Error>) -> PageResult {
    let IdPath(id) = id?;
    let (doc, claims, quotes, links) = state
        .with_store(move |s| {
            let doc = s.document(&id)?.ok_or(Error::NotFound {
                what: "document",
                id: id.clone(),
            })?;
            let claims = s.claims(
                &ClaimFilter {
                    document: Some(id.clone()),
                    ..ClaimFilter::default()
                },
                Page::all(),
            )?;
            let quotes = s.document_quotes(&id)?;
            let links = s.document_mentions(&id)?;
            Ok((doc, claims, quotes, links))
        })
        .await?;
    let entity_of: HashMap<(usize, usize), &str> = links
        .iter()
        .map(|l| ((l.start, l.end), l.entity.as_str()))
        .collect();

    let mut marks = Vec::new();
    for b in &doc.boilerplate {
        marks.push(
            Mark::new(b.span.start(), b.span.end(), Kind::Boilerplate)
                .title(format!("page furniture: {}", snake(&b.kind))),
        );
    }
    for c in &claims {
        let source = c
            .attributed_to
            .as_ref()
            .map(|a| a.name.as_str())
            .unwrap_or("the outlet");
        marks.push(
            Mark::new(c.start, c.end, Kind::Claim)
                .anchor(format!("claim-{}", c.id))
                .data(c.id.clone())
                .title(format!(
                    "{}, {} (source: {source})",
                    measure_name(c.measure),
                    hedge_words(c)
                )),
        );
        if let Some(a) = &c.attributed_to {
            marks.push(
                Mark::new(a.start, a.end, Kind::Source)
                    .data(c.id.clone())
                    .title(format!("source of “{}”", c.text)),
            );
        }
    }
    for q in &quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or("unnamed speaker");
        marks.push(
            Mark::new(q.start, q.end, Kind::Quote)
                .anchor(format!("quote-{}", q.id))
                .data(q.id.clone())
                .title(format!("quote: {who}")),
        );
        if let Some(s) = &q.speaker {
            if s.end > s.start {
                marks.push(
                    Mark::new(s.start, s.end, Kind::Speaker)
                        .data(q.id.clone())
                        .title(format!("speaker of a quote: {}", s.name)),
                );
            }
        }
    }
    for m in &doc.entity_mentions {
        let name = m
            .entity
            .and_then(|i| doc.entities.get(i))
            .map(|e| e.name.as_str())
            .unwrap_or("");
        let mut mark = Mark::new(m.span.start(), m.span.end(), Kind::Entity)
            .title(format!("{}: {name}", snake(&m.label).to_uppercase()));
        if let Some(entity) = entity_of.get(&(m.span.start(), m.span.end())) {
            mark = mark.data(*entity);
        }
        marks.push(mark);
    }
    let body = render(doc.text(), &marks);

    let title = doc.meta.title.clone().unwrap_or_else(|| doc.source.clone());
    let mut entities: Vec<(&str, &str)> = links
        .iter()
        .filter_map(|l| {
            doc.text()
                .get(l.start..l.end)
                .map(|t| (l.entity.as_str(), t))
        })
        .collect();
    entities.sort_unstable();
    entities.dedup_by(|a, b| a.0 == b.0);
    Ok(layout(
        &title,
        Nav::Documents,
        html! {
            p.crumbs { a href="/documents" { "Documents" } }
            h1 { (title) }
            dl.facts.meta {
                dt { "Outlet" } dd { (doc.meta.outlet.as_deref().unwrap_or("—")) }
                dt { "Author" } dd { (doc.meta.author.as_deref().unwrap_or("—")) }
                dt { "Published" } dd { (fmt_date(doc.meta.published)) }
                dt { "Source" } dd { code { (doc.source) } }
                @if let Some(from) = &doc.meta.syndicated_from { dt { "Copied from" } dd { (from) } }
                @if !doc.meta.cites.is_empty() {
                    dt { "Cites" } dd { (doc.meta.cites.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join("; ")) }
                }
            }
            div.viewer {
                article.doctext aria-label="Document text" { (PreEscaped(body)) }
                aside.side aria-label="What was extracted" {
                    h2 { "Legend" }
                    ul.legend {
                        li { mark.hl.claim { "figure" } " a claim" }
                        li { mark.hl.source { "source" } " who a figure comes from" }
                        li { mark.hl.quote { "quote" } " " mark.hl.speaker { "speaker" } }
                        li { mark.hl.entity { "entity" } " a named entity" }
                        li { span.bp { "furniture" } " page furniture (not article text)" }
                    }
                    h2 { "Claims (" (claims.len()) ")" }
                    @if claims.is_empty() { p { "None found." } }
                    ol.compact { @for c in &claims { li {
                        a href={"#claim-" (c.id)} { (c.text) } " " (measure_name(c.measure))
                        " · " a href={"/claims/" (c.id)} { "details" }
                    } } }
                    h2 { "Quotes (" (quotes.len()) ")" }
                    @if quotes.is_empty() { p { "None found." } }
                    ol.compact { @for q in &quotes { li {
                        a href={"#quote-" (q.id)} { (q.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("unnamed speaker")) }
                        ": " (q.text.chars().take(60).collect::<String>()) @if q.text.chars().count() > 60 { "…" }
                    } } }
                    h2 { "Entities (" (entities.len()) ")" }
                    ul.compact { @for (id, text) in &entities { li { a href={"/entities/" (id)} { (text) } } } }
                }
            }
        },
    ))
}
