//! The store the benches run on: the BBC-derived ledger when the shared corpus is beside the
//! repository (unless `SERVER_BENCH_CORPUS=synthetic`), else the synthetic one, with the ids and
//! words the benches ask for.
#![allow(dead_code)]

#[path = "bbc.rs"]
mod bbc;
#[path = "synthetic.rs"]
mod synthetic;

use store::{ClaimFilter, Page, Store};

pub struct Ledger {
    pub store: Store,
    pub corpus: &'static str,
    /// A claim in the middle of the store.
    pub claim: String,
    /// That claim's document.
    pub document: String,
    /// The most widely mentioned entity (the heaviest entity page).
    pub entity: String,
    /// A common word (many hits) and a rarer pair.
    pub search: [&'static str; 2],
}

pub fn ledger(n: usize) -> Ledger {
    let want_synthetic = std::env::var("SERVER_BENCH_CORPUS").is_ok_and(|v| v == "synthetic");
    let (store, corpus, search) = match (!want_synthetic).then(|| bbc::store(n)).flatten() {
        Some(store) => (store, "bbc", ["minister", "mobile+phones"]),
        None => (
            synthetic::store(n),
            "synthetic",
            ["bridge", "convoys+bridge"],
        ),
    };
    let total = store.stats().expect("stats").claims;
    let claim = store
        .claims(&ClaimFilter::default(), Page::new(total / 2, 1))
        .expect("claims")
        .into_iter()
        .next()
        .expect("a claim");
    let entity = store.entities(Page::new(0, 1)).expect("entities")[0]
        .id
        .clone();
    eprintln!(
        "bench ledger: {corpus}, {n} documents; claim {}, entity {entity}",
        claim.id
    );
    Ledger {
        store,
        corpus,
        document: claim.document.clone(),
        claim: claim.id,
        entity,
        search,
    }
}
