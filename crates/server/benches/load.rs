//! A bounded load test on loopback: the server over the 10,000-document synthetic store, and our
//! own tokio/hyper client sending a fixed number of requests (a mix of pages and API calls) from
//! a fixed number of concurrent connections. Prints requests per second and latency percentiles.
//! It sends only to 127.0.0.1 and stops after `REQUESTS` requests or `TIME_LIMIT`, whichever
//! comes first.
//!
//! `cargo bench -p server --bench load`

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const N_DOCS: usize = 10_000;
const REQUESTS: usize = 2_000;
const CONNECTIONS: usize = 16;
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn main() {
    let store = synthetic::store(N_DOCS);
    let ids: Vec<String> = store.documents(store::Page::new(0, 200)).expect("documents").into_iter().map(|d| d.id).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let (listener, addr) = server::bind("127.0.0.1:0").await.expect("bind loopback");
        let app = server::app(store, server::Config::default());
        tokio::spawn(async move {
            let _ = server::serve(listener, app).await;
        });
        let mut paths: Vec<String> = vec![
            "/".into(),
            "/api/claims?measure=killed".into(),
            "/api/search?q=convoys".into(),
            "/claims?measure=wounded&page=3".into(),
            "/api/documents?page=7".into(),
            "/search?q=bridge".into(),
        ];
        for id in ids.iter().take(40) {
            paths.push(format!("/documents/{id}"));
            paths.push(format!("/api/documents/{id}"));
            paths.push(format!("/claims/{id}-c0"));
        }
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(CONNECTIONS).build_http();
        let started = Instant::now();
        let mut tasks = Vec::new();
        for worker in 0..CONNECTIONS {
            let client = client.clone();
            let paths = paths.clone();
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut failures = 0usize;
                let mut bytes = 0usize;
                let mut i = worker;
                while i < REQUESTS && started.elapsed() < TIME_LIMIT {
                    let uri = format!("http://{addr}{}", paths[i % paths.len()]);
                    let t = Instant::now();
                    match client.get(uri.parse().expect("uri")).await {
                        Ok(response) => {
                            let ok = response.status().is_success();
                            match response.into_body().collect().await {
                                Ok(body) if ok => bytes += body.to_bytes().len(),
                                _ => failures += 1,
                            }
                        }
                        Err(_) => failures += 1,
                    }
                    latencies.push(t.elapsed());
                    i += CONNECTIONS;
                }
                (latencies, failures, bytes)
            }));
        }
        let mut latencies = Vec::new();
        let (mut failures, mut bytes) = (0, 0);
        for task in tasks {
            let (l, f, b) = task.await.expect("worker");
            latencies.extend(l);
            failures += f;
            bytes += b;
        }
        let elapsed = started.elapsed();
        latencies.sort();
        let pct = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or_default();
        println!(
            "load: {} requests ({} failed) over {CONNECTIONS} connections in {:.2?}: {:.0} requests/s, {:.1} MB/s; latency p50 {:.2?} p90 {:.2?} p99 {:.2?} max {:.2?}",
            latencies.len(),
            failures,
            elapsed,
            latencies.len() as f64 / elapsed.as_secs_f64(),
            bytes as f64 / 1e6 / elapsed.as_secs_f64(),
            pct(0.5),
            pct(0.9),
            pct(0.99),
            latencies.last().copied().unwrap_or_default()
        );
        assert_eq!(failures, 0, "every request should succeed");
    });
}
