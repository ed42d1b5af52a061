//! Page render time at 10,000 documents: each request goes through the whole router (store
//! queries on the blocking pool, HTML or JSON rendering) without a socket.
//!
//! `cargo bench -p server --bench render` (the first run builds the synthetic store, ~1 min).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

const N_DOCS: usize = 10_000;

struct Fixture {
    runtime: tokio::runtime::Runtime,
    app: Router,
    claim: String,
    document: String,
    entity: String,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let store = synthetic::store(N_DOCS);
        let docs = store.documents(store::Page::new(N_DOCS / 2, 1)).expect("documents");
        let document = docs[0].id.clone();
        let claim = store
            .claims(&store::ClaimFilter { document: Some(document.clone()), ..Default::default() }, store::Page::new(0, 1))
            .expect("claims")[0]
            .id
            .clone();
        let entity = store.entities(store::Page::new(0, 1)).expect("entities")[0].id.clone();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        Fixture { runtime, app: server::app(store, server::Config::default()), claim, document, entity }
    })
}

fn get(path: &str) -> usize {
    let f = fixture();
    f.runtime.block_on(async {
        let response = f.app.clone().oneshot(Request::get(path).body(Body::empty()).expect("request")).await.expect("response");
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.into_body().collect().await.expect("body").to_bytes().len()
    })
}

fn main() {
    fixture();
    divan::main();
}

#[divan::bench]
fn dashboard() -> usize {
    get("/")
}

#[divan::bench]
fn claim_page() -> usize {
    get(&format!("/claims/{}", fixture().claim))
}

#[divan::bench]
fn document_viewer() -> usize {
    get(&format!("/documents/{}", fixture().document))
}

#[divan::bench]
fn entity_page() -> usize {
    get(&format!("/entities/{}", fixture().entity))
}

#[divan::bench]
fn claims_list() -> usize {
    get("/claims?measure=killed&page=20")
}

#[divan::bench]
fn documents_list() -> usize {
    get("/documents?page=100")
}

#[divan::bench]
fn timeline() -> usize {
    get("/timeline")
}

#[divan::bench]
fn search() -> usize {
    get("/search?q=convoys+bridge")
}

#[divan::bench]
fn api_document() -> usize {
    get(&format!("/api/documents/{}", fixture().document))
}

#[divan::bench]
fn api_claims() -> usize {
    get("/api/claims?measure=wounded&per_page=100")
}
