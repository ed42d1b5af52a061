//! The ledger over HTTP: a JSON API under `/api` for scripts and notebooks, and a server-rendered
//! web UI (story dashboard, claims, entities, quotes, a document viewer with every extracted span
//! highlighted, a timeline and search) that works without JavaScript.
//!
//! It keeps its own wire types ([`wire`]) so that renaming a field of a core type does not change
//! what clients see, and it converts byte offsets for the browser at this edge: the JSON carries
//! UTF-16 offsets beside the byte ones, and the pages highlight spans by slicing the text at byte
//! offsets on the server ([`highlight`]). Every store call runs on tokio's blocking pool.
//!
//! It is read-only unless started with a token: then `POST /api/documents` with that bearer token
//! ingests one article (ingest + pipeline + store). It deliberately does not reconcile claims
//! across sources (that is `reconcile`; the dashboard shows figures side by side until then),
//! does no authentication beyond that one token and serves no client-side scripts.

mod api;
mod error;
pub mod highlight;
mod openapi;
mod pages;
mod params;
mod queries;
pub mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use store::Store;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::Error;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// When set, `POST /api/documents` accepts requests carrying `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// The largest request body accepted (an article to ingest).
    pub max_body_bytes: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            token: None,
            max_body_bytes: 8 * 1024 * 1024,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Store,
    /// The entity ranking of the entity listings, kept until documents are added.
    pub ranking: queries::RankingCache,
    pub token: Option<Arc<str>>,
    pub max_body_bytes: usize,
}

impl AppState {
    /// Runs a store call on the blocking pool: SQLite calls block.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, Error> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| Error::Internal(format!("store task: {e}")))?
    }
}

/// The whole application: API, pages and static files.
pub fn app(store: Store, config: Config) -> Router {
    let state = AppState {
        store,
        ranking: queries::RankingCache::default(),
        token: config.token.filter(|t| !t.is_empty()).map(Arc::from),
        max_body_bytes: config.max_body_bytes,
    };
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .route("/static/style.css", get(pages::style_css))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
}

/// Serves `router` on `listener` until ctrl-c (or the returned future is dropped).
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Binds `addr`, returning the listener and the address it really got (port 0 picks a free one).
pub async fn bind(addr: &str) -> std::io::Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}

/// Runs the server on its own tokio runtime until ctrl-c: binds `addr`, calls `on_ready` with the
/// address it got (so the caller can print it), then serves. For the command line.
pub fn run_blocking(
    store: Store,
    addr: &str,
    config: Config,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (listener, local) = bind(addr).await?;
        on_ready(local);
        serve(listener, app(store, config)).await
    })
}
