//! The JSON API under `/api`. Listings take `page` (from 1) and `per_page` (up to 200) and answer
//! with a [`Paged`] object whose `next` is the URL of the following page.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use store::{ClaimFilter, Page, Put};

use crate::params::{IdPath, PageReq, Params, MAX_VALUE_BYTES};
use crate::wire::{self, Paged};
use crate::{queries, AppState, Error};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", get(index))
        .route("/api/openapi.json", get(openapi))
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents).post(ingest))
        .route("/api/documents/{id}", get(document))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/claims", get(claims))
        .route("/api/claims/{id}", get(claim))
        .route("/api/quotes", get(quotes))
        .route("/api/groups", get(groups))
        .route("/api/search", get(search))
}

/// Cuts the probe row off and fills in the next-page link.
fn paged<T>(
    mut items: Vec<T>,
    req: PageReq,
    params: &Params,
    path: &str,
    total: Option<usize>,
) -> Paged<T> {
    let more = items.len() > req.per_page;
    items.truncate(req.per_page);
    Paged {
        items,
        page: req.page,
        per_page: req.per_page,
        total,
        next: more.then(|| format!("{path}{}", params.with_page(req.page + 1))),
    }
}

async fn index() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "openapi": "/api/openapi.json",
        "endpoints": ["/api/stats", "/api/documents", "/api/documents/{id}", "/api/entities", "/api/entities/{id}",
                      "/api/claims", "/api/claims/{id}", "/api/quotes", "/api/groups", "/api/search?q="],
    }))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document(),
    )
        .into_response()
}

async fn stats(State(state): State<AppState>) -> Result<Json<wire::Stats>, Error> {
    Ok(Json(state.with_store(queries::stats).await?))
}

async fn documents(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<wire::DocumentSummary>>, Error> {
    let req = params.page(50)?;
    let (docs, total) = state
        .with_store(move |s| Ok((s.documents(req.probe())?, s.count_documents()?)))
        .await?;
    let items = docs.into_iter().map(wire::DocumentSummary::from).collect();
    Ok(Json(paged(
        items,
        req,
        &params,
        "/api/documents",
        Some(total),
    )))
}

async fn document(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<wire::DocumentDetail>, Error> {
    let detail = state
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
            Ok(wire::DocumentDetail::new(&doc, claims, quotes))
        })
        .await?;
    Ok(Json(detail))
}

async fn entities(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<wire::EntitySummary>>, Error> {
    let req = params.page(50)?;
    let ranking = state.ranking.clone();
    let items = state
        .with_store(move |s| queries::entities(s, &ranking, req.probe()))
        .await?;
    Ok(Json(paged(
        items.into_iter().map(wire::EntitySummary::from).collect(),
        req,
        &params,
        "/api/entities",
        None,
    )))
}

/// How many quotes `/api/entities/{id}` carries; `/api/quotes?speaker=ID` pages through the rest.
const ENTITY_QUOTES: usize = 50;

async fn entity(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    params: Params,
) -> Result<Json<wire::EntityDetail>, Error> {
    let req = params.page(100)?;
    let ranking = state.ranking.clone();
    let (entity, mut mentions, mut quotes) = state
        .with_store(move |s| {
            let entity = queries::entity_summary(s, &ranking, &id)?.ok_or(Error::NotFound {
                what: "entity",
                id: id.clone(),
            })?;
            let mentions = s.entity_mentions(&entity.id, req.probe())?;
            let quotes = s.entity_quotes(&entity.id, Page::new(0, ENTITY_QUOTES + 1))?;
            Ok((entity, mentions, quotes))
        })
        .await?;
    let next = (mentions.len() > req.per_page).then(|| {
        format!(
            "/api/entities/{}{}",
            entity.id,
            params.with_page(req.page + 1)
        )
    });
    mentions.truncate(req.per_page);
    let quotes_next = (quotes.len() > ENTITY_QUOTES).then(|| {
        format!(
            "/api/quotes?speaker={}&page=2&per_page={ENTITY_QUOTES}",
            entity.id
        )
    });
    quotes.truncate(ENTITY_QUOTES);
    Ok(Json(wire::EntityDetail::new(
        entity,
        mentions,
        (req.page, req.per_page, next),
        quotes,
        quotes_next,
    )))
}

/// The claim filter of a query string.
pub(crate) fn claim_filter(params: &Params) -> Result<ClaimFilter, Error> {
    Ok(ClaimFilter {
        measure: params.measure()?,
        entity: params.get("entity").map(str::to_string),
        document: params.get("document").map(str::to_string),
    })
}

async fn claims(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<wire::Claim>>, Error> {
    let req = params.page(50)?;
    let filter = claim_filter(&params)?;
    let items = state
        .with_store(move |s| Ok(s.claims_about(&filter, req.probe())?))
        .await?;
    let items = items
        .into_iter()
        .map(|c| wire::Claim::new(c, None))
        .collect();
    Ok(Json(paged(items, req, &params, "/api/claims", None)))
}

async fn claim(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<wire::Claim>, Error> {
    let claim = state.with_store(move |s| queries::claim(s, &id)).await?;
    Ok(Json(wire::Claim::new(claim, None)))
}

async fn quotes(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<wire::Quote>>, Error> {
    let req = params.page(50)?;
    let speaker = params.get("speaker").map(str::to_string);
    let items = state
        .with_store(move |s| Ok(s.quotes_in_stored_order(speaker.as_deref(), req.probe())?))
        .await?;
    let items = items
        .into_iter()
        .map(|q| wire::Quote::new(q, None))
        .collect();
    Ok(Json(paged(items, req, &params, "/api/quotes", None)))
}

/// Claims about one quantity across documents, reconciled (the contract's `groups` records), in the
/// order `reconcile::claims` gives them. Computed from the stored claims on each request.
async fn groups(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<reconcile::claims::Group>>, Error> {
    let req = params.page(50)?;
    let groups = state.with_store(|s| Ok(s.claims_and_groups()?.1)).await?;
    let total = groups.len();
    let items = groups
        .into_iter()
        .skip(req.offset())
        .take(req.per_page + 1)
        .collect();
    Ok(Json(paged(items, req, &params, "/api/groups", Some(total))))
}

async fn search(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Paged<wire::SearchHit>>, Error> {
    let req = params.page(20)?;
    let q = params
        .get("q")
        .ok_or_else(|| {
            Error::BadRequest("parameter \"q\" (the words to search for) is required".into())
        })?
        .to_string();
    let items = state
        .with_store(move |s| Ok(s.search(&q, req.probe())?))
        .await?;
    Ok(Json(paged(
        items.into_iter().map(wire::SearchHit::from).collect(),
        req,
        &params,
        "/api/search",
        None,
    )))
}

/// Compares two strings in time that depends only on their lengths.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `POST /api/documents?source=NAME`: the body is one article (text or HTML, possibly gzipped).
async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Error> {
    let Some(expected) = state.token.clone() else {
        return Err(Error::ReadOnly);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if !given.is_some_and(|g| same_token(g, &expected)) {
        return Err(Error::Unauthorized);
    }
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Error::TooLarge {
            limit: state.max_body_bytes,
        },
        _ => Error::BadRequest(format!("reading the request body: {}", e.body_text())),
    })?;
    let source = params.get("source").unwrap_or("upload").to_string();
    if source.len() > MAX_VALUE_BYTES {
        return Err(Error::BadRequest("parameter \"source\" is too long".into()));
    }
    let ingested = state
        .with_store(move |s| {
            let mut doc = ingest::read_document(&source, &body)
                .map_err(|e| Error::Unprocessable(e.to_string()))?;
            pipeline::analyse(&mut doc).map_err(|e| Error::Internal(e.to_string()))?;
            let (id, created) = match s.put_document(&doc)? {
                Put::Inserted => (doc.id.clone(), true),
                Put::Duplicate { id } => (id, false),
            };
            Ok(wire::Ingested {
                url: format!("/api/documents/{id}"),
                id,
                created,
                claims: doc.claims.len(),
                quotes: doc.quotes.len(),
            })
        })
        .await?;
    let status = if ingested.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = ingested.url.clone();
    Ok((status, [(header::LOCATION, location)], Json(ingested)).into_response())
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", "abc"));
    }
}
