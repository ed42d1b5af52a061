//! A bounded load test on loopback: the server over the 10,000-document bench ledger (see
//! `render.rs`), and our own tokio/hyper client sending a fixed number of requests (a mix of
//! pages and API calls) from a fixed number of concurrent connections. Prints requests per
//! second, latency percentiles overall and per kind of page, and the count of non-2xx answers
//! (every URL in the mix is valid, so that count must be 0; the bench fails otherwise). It sends
//! only to 127.0.0.1 and stops after `LOAD_REQUESTS` requests or two minutes, whichever is first.
//!
//! `LOAD_CONNECTIONS=16 LOAD_REQUESTS=4000 cargo bench -p server --bench load`
//! (defaults: 16 connections, 4,000 requests).

#[path = "support/ledger.rs"]
mod ledger;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const N_DOCS: usize = 10_000;
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .map(|d| d.as_secs_f64() * 1e3)
        .unwrap_or(0.0)
}

fn main() {
    let connections = env_number("LOAD_CONNECTIONS", 16);
    let requests = env_number("LOAD_REQUESTS", 4000);
    let ledger = ledger::ledger(N_DOCS);
    let store = ledger.store.clone();
    let docs: Vec<String> = store
        .documents(store::Page::new(0, 400))
        .expect("documents")
        .into_iter()
        .map(|d| d.id)
        .collect();
    let claims: Vec<String> = store
        .claims(&Default::default(), store::Page::new(0, 400))
        .expect("claims")
        .into_iter()
        .map(|c| c.id)
        .collect();
    let entities: Vec<String> = store
        .entities(store::Page::new(0, 200))
        .expect("entities")
        .into_iter()
        .map(|e| e.id)
        .collect();
    // (kind, path): one of each fixed page, then rotating ids.
    let mut paths: Vec<(&str, String)> = vec![
        ("dashboard", "/".into()),
        ("timeline", "/timeline".into()),
        ("search", format!("/search?q={}", ledger.search[0])),
        ("search", format!("/search?q={}", ledger.search[1])),
        ("listing", "/claims?measure=killed&page=3".into()),
        ("listing", "/entities?page=2".into()),
        ("listing", "/documents?page=7".into()),
        ("listing", "/quotes?page=4".into()),
        ("api listing", "/api/claims?measure=other".into()),
        ("api listing", "/api/documents?page=7".into()),
        ("api listing", format!("/api/search?q={}", ledger.search[0])),
        ("api listing", "/api/stats".into()),
    ];
    for i in 0..60 {
        let doc = &docs[(i * 7) % docs.len()];
        let claim = &claims[(i * 5) % claims.len()];
        let entity = &entities[i % entities.len()];
        paths.push(("document", format!("/documents/{doc}")));
        paths.push(("api document", format!("/api/documents/{doc}")));
        paths.push(("claim", format!("/claims/{claim}")));
        paths.push(("api claim", format!("/api/claims/{claim}")));
        paths.push(("entity", format!("/entities/{entity}")));
        paths.push(("api entity", format!("/api/entities/{entity}")));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let (listener, addr) = server::bind("127.0.0.1:0").await.expect("bind loopback");
        let app = server::app(store, server::Config::default());
        tokio::spawn(async move {
            let _ = server::serve(listener, app).await;
        });
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(connections).build_http();
        let started = Instant::now();
        let mut tasks = Vec::new();
        for worker in 0..connections {
            let client = client.clone();
            let paths = paths.clone();
            tasks.push(tokio::spawn(async move {
                let mut latencies: Vec<(&str, Duration)> = Vec::new();
                let mut failures: Vec<String> = Vec::new();
                let mut bytes = 0usize;
                let mut i = worker;
                while i < requests && started.elapsed() < TIME_LIMIT {
                    let (kind, path) = &paths[(i * 7919) % paths.len()];
                    let uri = format!("http://{addr}{path}");
                    let t = Instant::now();
                    match client.get(uri.parse().expect("uri")).await {
                        Ok(response) => {
                            let status = response.status();
                            match response.into_body().collect().await {
                                Ok(body) if status.is_success() => bytes += body.to_bytes().len(),
                                _ => failures.push(format!("{status} {path}")),
                            }
                        }
                        Err(e) => failures.push(format!("{e} {path}")),
                    }
                    latencies.push((kind, t.elapsed()));
                    i += connections;
                }
                (latencies, failures, bytes)
            }));
        }
        let mut latencies = Vec::new();
        let (mut failures, mut bytes) = (Vec::new(), 0);
        for task in tasks {
            let (l, f, b) = task.await.expect("worker");
            latencies.extend(l);
            failures.extend(f);
            bytes += b;
        }
        let elapsed = started.elapsed();
        let mut all: Vec<Duration> = latencies.iter().map(|(_, d)| *d).collect();
        all.sort();
        println!(
            "load ({} ledger, {N_DOCS} documents): {} requests, {} non-2xx or failed, {connections} connections, {:.2?}: {:.0} requests/s, {:.1} MB/s; latency ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}",
            ledger.corpus,
            all.len(),
            failures.len(),
            elapsed,
            all.len() as f64 / elapsed.as_secs_f64(),
            bytes as f64 / 1e6 / elapsed.as_secs_f64(),
            pct(&all, 0.5),
            pct(&all, 0.9),
            pct(&all, 0.99),
            pct(&all, 1.0),
        );
        let mut by_kind: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
        for (kind, d) in latencies {
            by_kind.entry(kind).or_default().push(d);
        }
        println!("{:<13} {:>6} {:>8} {:>8} {:>8}", "kind", "n", "p50 ms", "p99 ms", "max ms");
        for (kind, mut ds) in by_kind {
            ds.sort();
            println!("{kind:<13} {:>6} {:>8.2} {:>8.2} {:>8.2}", ds.len(), pct(&ds, 0.5), pct(&ds, 0.99), pct(&ds, 1.0));
        }
        for f in failures.iter().take(10) {
            println!("failed: {f}");
        }
        assert!(failures.is_empty(), "every request should succeed");
    });
}
