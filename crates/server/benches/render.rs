//! Page render time at 10,000 documents: each request goes through the whole router (store
//! queries on the blocking pool, HTML or JSON rendering) without a socket. Every page of the UI
//! and the main API calls are measured, each at its heaviest realistic case (the most widely
//! mentioned entity, a common search word, a deep page of a listing).
//!
//! `cargo bench -p server --bench render` runs divan over every page;
//! `RENDER_PERCENTILES=200 cargo bench -p server --bench render` instead requests each page 200
//! times in turn and prints its wall-clock p50/p95/max and CPU-time p50/p95 in milliseconds. Both run on the BBC-derived ledger when
//! `../shared/eval/bbc-news` is beside the repository (built on first use through the real
//! pipeline and cached in `/tmp/corroborate-server-bench/`, a few minutes on two cores), else
//! on the synthetic one (`SERVER_BENCH_CORPUS=synthetic` forces that).

#[path = "support/ledger.rs"]
mod ledger;

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
    ledger: ledger::Ledger,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let ledger = ledger::ledger(N_DOCS);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        Fixture {
            runtime,
            app: server::app(ledger.store.clone(), server::Config::default()),
            ledger,
        }
    })
}

fn get(path: &str) -> usize {
    let f = fixture();
    f.runtime.block_on(async {
        let response = f
            .app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).expect("request"))
            .await
            .expect("response");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .len()
    })
}

/// Every page measured: a name and its path.
const PAGES: [&str; 19] = [
    "dashboard",
    "claim",
    "document",
    "entity",
    "entity_page_20",
    "entities_list",
    "claims_list",
    "claims_of_entity",
    "documents_list",
    "quotes_list",
    "quotes_of_entity",
    "timeline",
    "search_common",
    "search_pair",
    "api_document",
    "api_entity",
    "api_claims",
    "api_search",
    "api_stats",
];

fn path(name: &str) -> String {
    let l = &fixture().ledger;
    match name {
        "dashboard" => "/".into(),
        "claim" => format!("/claims/{}", l.claim),
        "document" => format!("/documents/{}", l.document),
        "entity" => format!("/entities/{}", l.entity),
        "entity_page_20" => format!("/entities/{}?page=20", l.entity),
        "entities_list" => "/entities?page=10".into(),
        "claims_list" => "/claims?measure=killed&page=20".into(),
        "claims_of_entity" => format!("/claims?entity={}", l.entity),
        "documents_list" => "/documents?page=100".into(),
        "quotes_list" => "/quotes?page=20".into(),
        "quotes_of_entity" => format!("/quotes?speaker={}", l.entity),
        "timeline" => "/timeline".into(),
        "search_common" => format!("/search?q={}", l.search[0]),
        "search_pair" => format!("/search?q={}", l.search[1]),
        "api_document" => format!("/api/documents/{}", l.document),
        "api_entity" => format!("/api/entities/{}", l.entity),
        "api_claims" => "/api/claims?measure=other&per_page=100".into(),
        "api_search" => format!("/api/search?q={}", l.search[0]),
        "api_stats" => "/api/stats".into(),
        other => panic!("no page {other}"),
    }
}

/// CPU time this process has used, in nanoseconds: the sum over its threads of
/// `/proc/self/task/*/schedstat` (Linux; 0 elsewhere). With one request at a time, the change
/// across a request is that request's CPU cost, whatever else the machine is doing.
fn cpu_ns() -> u64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(|t| t.ok())
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
        })
        .sum()
}

/// Requests each page `n` times in turn and prints wall-clock p50/p95/max and the CPU time
/// p50/p95 (which a busy machine does not inflate the way it does wall time).
fn percentiles(n: usize) {
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9}",
        "page", "p50 ms", "p95 ms", "max ms", "cpu p50", "cpu p95", "bytes"
    );
    for name in PAGES {
        let path = path(name);
        let mut bytes = get(&path);
        let mut times = Vec::with_capacity(n);
        let mut cpu = Vec::with_capacity(n);
        for _ in 0..n {
            let (c, t) = (cpu_ns(), std::time::Instant::now());
            bytes = get(&path);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            cpu.push(cpu_ns().saturating_sub(c) as f64 / 1e6);
        }
        times.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        let at = |v: &[f64], p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
        println!(
            "{name:<18} {:>8.2} {:>8.2} {:>8.2} {:>9.2} {:>9.2} {bytes:>9}",
            at(&times, 0.5),
            at(&times, 0.95),
            times[times.len() - 1],
            at(&cpu, 0.5),
            at(&cpu, 0.95)
        );
    }
}

fn main() {
    fixture();
    match std::env::var("RENDER_PERCENTILES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        Some(n) if n > 0 => percentiles(n),
        _ => divan::main(),
    }
}

#[divan::bench(args = PAGES)]
fn page(name: &str) -> usize {
    get(&path(name))
}
