//! Listing pages: claims, documents, entities, quotes, and search results.

use axum::extract::State;
use maud::html;

use super::{claims_table, fmt_date, layout, pager, snippet, title_case, Nav, PageResult};
use crate::api::claim_filter;
use crate::params::{measure_name, Params, MEASURES};
use crate::{AppState, Error};

pub async fn claims(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let req = params.page(50)?;
    let filter = claim_filter(&params)?;
    let shown_measure = filter.measure;
    let mut rows = state
        .with_store(move |s| Ok(s.claims_about(&filter, req.probe())?))
        .await?;
    let has_next = rows.len() > req.per_page;
    rows.truncate(req.per_page);
    let heading = match shown_measure {
        Some(m) => format!("Claims: {}", measure_name(m)),
        None => "Claims".to_string(),
    };
    Ok(layout(
        &heading,
        Nav::Claims,
        html! {
            h1 { (heading) }
            form.filters method="get" action="/claims" {
                label for="measure" { "Measure" }
                select #measure name="measure" {
                    option value="" { "any" }
                    @for m in MEASURES {
                        option value=(measure_name(m)) selected[Some(m) == shown_measure] { (measure_name(m)) }
                    }
                }
                label for="entity" { "Entity (id or name)" }
                input #entity name="entity" value=(params.get("entity").unwrap_or("")) maxlength="200";
                button type="submit" { "Filter" }
            }
            @if rows.is_empty() { p { "No claims match." } }
            @else { (claims_table(&rows, None)) }
            (pager("/claims", &params, req.page, has_next))
        },
    ))
}

pub async fn documents(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let req = params.page(50)?;
    let (mut docs, total) = state
        .with_store(move |s| Ok((s.documents(req.probe())?, s.count_documents()?)))
        .await?;
    let has_next = docs.len() > req.per_page;
    docs.truncate(req.per_page);
    Ok(layout(
        "Documents",
        Nav::Documents,
        html! {
            h1 { "Documents" }
            p { (total) " documents in the store." }
            div.tablewrap { table {
                thead { tr { th scope="col" { "Title" } th scope="col" { "Outlet" } th scope="col" { "Published" }
                             th scope="col" class="num" { "Claims" } th scope="col" class="num" { "Quotes" } } }
                tbody { @for d in &docs { tr {
                    td { a href={"/documents/" (d.id)} { (d.title.as_deref().unwrap_or(&d.source)) } }
                    td { (d.outlet.as_deref().unwrap_or("—")) }
                    td { (fmt_date(d.published)) }
                    td.num { (d.claims) } td.num { (d.quotes) }
                } } }
            } }
            (pager("/documents", &params, req.page, has_next))
        },
    ))
}

pub async fn entities(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let req = params.page(100)?;
    let ranking = state.ranking.clone();
    let mut rows = state
        .with_store(move |s| crate::queries::entities(s, &ranking, req.probe()))
        .await?;
    let has_next = rows.len() > req.per_page;
    rows.truncate(req.per_page);
    Ok(layout(
        "Entities",
        Nav::Entities,
        html! {
            h1 { "Entities" }
            p { "People, organisations and places, the most widely reported first." }
            div.tablewrap { table {
                thead { tr { th scope="col" { "Name" } th scope="col" { "Type" } th scope="col" { "Also called" }
                             th scope="col" class="num" { "Documents" } th scope="col" class="num" { "Mentions" } } }
                tbody { @for e in &rows { tr {
                    td { a href={"/entities/" (e.id)} { (e.name) } }
                    td { span class={"etype t-" (e.kind.to_lowercase())} { (e.kind) } }
                    td { (e.aliases.iter().filter(|a| **a != e.name).take(6).cloned().collect::<Vec<_>>().join(", ")) }
                    td.num { (e.documents) } td.num { (e.mentions) }
                } } }
            } }
            (pager("/entities", &params, req.page, has_next))
        },
    ))
}

pub async fn quotes(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let req = params.page(50)?;
    let speaker = params.get("speaker").map(str::to_string);
    let heading = match &speaker {
        Some(s) => format!("Quotes of {s}"),
        None => "Quotes".to_string(),
    };
    let mut rows = state
        .with_store(move |s| Ok(s.quotes_in_stored_order(speaker.as_deref(), req.probe())?))
        .await?;
    let has_next = rows.len() > req.per_page;
    rows.truncate(req.per_page);
    Ok(layout(
        &heading,
        Nav::Quotes,
        html! {
            h1 { (heading) }
            form.filters method="get" action="/quotes" {
                label for="speaker" { "Speaker (name or entity id)" }
                input #speaker name="speaker" value=(params.get("speaker").unwrap_or("")) maxlength="200";
                button type="submit" { "Filter" }
            }
            @if rows.is_empty() { p { "No quotes match." } }
            ol.quotes { @for q in &rows { li { (super::entity::quote_card(q)) } } }
            (pager("/quotes", &params, req.page, has_next))
        },
    ))
}

pub async fn search(State(state): State<AppState>, params: Result<Params, Error>) -> PageResult {
    let params = params?;
    let req = params.page(20)?;
    let q = params.get("q").unwrap_or("").to_string();
    let query = q.clone();
    let mut hits = if q.is_empty() {
        Vec::new()
    } else {
        state
            .with_store(move |s| Ok(s.search(&query, req.probe())?))
            .await?
    };
    let has_next = hits.len() > req.per_page;
    hits.truncate(req.per_page);
    Ok(layout(
        "Search",
        Nav::Search,
        html! {
            h1 { "Search" }
            form.filters role="search" method="get" action="/search" {
                label for="q" { "Words to find (all must occur; end a word with * for a prefix)" }
                input #q type="search" name="q" value=(q) maxlength="200";
                button type="submit" { "Search" }
            }
            @if !q.is_empty() {
                @if hits.is_empty() { p { "No document contains " strong { (q) } "." } }
                @else {
                    ol.hits start=(req.offset() + 1) { @for h in &hits { li {
                        a href={"/documents/" (h.id)} { (h.title.as_deref().unwrap_or(&h.source)) }
                        " " small { (h.outlet.as_deref().unwrap_or("")) " " (fmt_date(h.published)) }
                        p.snippet { (snippet(&h.snippet)) }
                    } } }
                }
            }
            (pager("/search", &params, req.page, has_next))
            @if q.is_empty() { p { "Try a name, a place or a word such as " em { (title_case("casualties")) } "." } }
        },
    ))
}
