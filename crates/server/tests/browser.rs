//! End to end in a real headless Chromium: the demo story goes through ingest and the pipeline
//! into a store, the server serves it on loopback, and the browser opens the dashboard, follows
//! a claim to its claim page and on to its source document, and checks that the text highlighted
//! there is the claim's text. Screenshots of the main pages go to `test-output/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without
//! `/usr/bin/chromedriver` the test prints a note and passes without running.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills the driver (and with it the browser) however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn connect(port: u16, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a Chromium session through chromedriver: {e}"),
        }
    }
}

async fn screenshot(client: &Client, dir: &Path, name: &str, height: u32) -> PathBuf {
    client.set_window_size(1280, height).await.expect("resize");
    let png = client.screenshot().await.expect("screenshot");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    println!("screenshot: {}", path.display());
    path
}

/// The joined text of every piece of the highlighted claim `id` in the page.
async fn highlighted_text(client: &Client, id: &str) -> String {
    let pieces = client
        .find_all(Locator::Css(&format!("mark.claim[data-claim=\"{id}\"]")))
        .await
        .expect("find claim marks");
    let mut text = String::new();
    for piece in pieces {
        text.push_str(
            &piece
                .prop("textContent")
                .await
                .expect("textContent")
                .unwrap_or_default(),
        );
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_to_claim_to_highlighted_source() {
    if !Path::new(CHROMEDRIVER).exists() {
        println!("NOTE: {CHROMEDRIVER} is missing, so the browser test did not run (apt-get install chromium chromium-driver)");
        return;
    }
    let store = store::Store::open_in_memory().expect("store");
    let n_docs = common::ingest_demo(&store);
    let stats = store.stats().expect("stats");
    assert!(
        n_docs >= 3 && stats.documents >= 3,
        "the demo story should be in the store"
    );
    assert!(
        stats.claims > 0,
        "the pipeline found no claim in the demo story, so there is nothing to follow"
    );
    let addr = common::spawn(store.clone(), server::Config::default()).await;
    let base = format!("http://{addr}");

    let port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let client = connect(port, profile.path()).await;
    let shots = common::repo_root().join("test-output/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot dir");

    let result = async {
        // The dashboard lists figures; take the first claim link.
        client
            .goto(&format!("{base}/"))
            .await
            .expect("open dashboard");
        assert_eq!(
            client
                .find(Locator::Css("h1"))
                .await
                .expect("h1")
                .text()
                .await
                .expect("text"),
            "Story dashboard"
        );
        screenshot(&client, &shots, "dashboard", 1400).await;
        let link = client
            .find(Locator::Css("td.figure a"))
            .await
            .expect("a claim link on the dashboard");
        let figure = link.text().await.expect("link text");
        let href = link.attr("href").await.expect("href").expect("href value");
        let id = href.trim_start_matches("/claims/").to_string();
        link.click().await.expect("follow the claim");

        // The claim page highlights the figure in its sentence.
        let url = client.current_url().await.expect("url");
        assert!(url.path().ends_with(&format!("/claims/{id}")), "{url}");
        let in_sentence = client
            .find(Locator::Css("#claim-sentence mark.claim"))
            .await
            .expect("figure highlighted")
            .prop("textContent")
            .await
            .expect("text");
        assert_eq!(in_sentence.as_deref(), Some(figure.as_str()));
        screenshot(&client, &shots, "claim", 1100).await;

        // On to the source document, where the highlight at the claim's offsets is the claim.
        client
            .find(Locator::Css("#source-link"))
            .await
            .expect("source link")
            .click()
            .await
            .expect("open source");
        let url = client.current_url().await.expect("url");
        assert_eq!(url.fragment(), Some(format!("claim-{id}").as_str()));
        let target = client
            .find(Locator::Css(":target"))
            .await
            .expect("the claim is the page's target");
        assert_eq!(
            target.attr("data-claim").await.expect("attr").as_deref(),
            Some(id.as_str())
        );
        let highlighted = highlighted_text(&client, &id).await;
        assert_eq!(
            highlighted, figure,
            "the highlighted text in the document is the claim"
        );
        // And it is what the store says is at those byte offsets.
        let doc_id = id
            .rsplit_once("-c")
            .map(|(d, _)| d.to_string())
            .expect("claim id names its document");
        let record = store
            .claims(
                &store::ClaimFilter {
                    document: Some(doc_id.clone()),
                    ..Default::default()
                },
                store::Page::all(),
            )
            .expect("claims")
            .into_iter()
            .find(|c| c.id == id)
            .expect("claim in store");
        let doc = store.document(&doc_id).expect("load").expect("document");
        assert_eq!(&doc.text()[record.start..record.end], highlighted);
        screenshot(&client, &shots, "document", 1400).await;

        // Keyboard: every highlighted claim is reachable from the side list; Enter on its link
        // makes the highlight the target (outlined), without a mouse.
        let links = client
            .find_all(Locator::Css("aside.side a[href^=\"#claim-\"]"))
            .await
            .expect("claim links in the side list");
        let last = links.last().expect("at least one claim link");
        let wanted = last.attr("href").await.expect("href").expect("href value");
        last.send_keys("\u{E007}")
            .await
            .expect("press Enter on the link");
        let target = client
            .find(Locator::Css("mark.claim:target"))
            .await
            .expect("a claim highlight is the target");
        assert_eq!(
            target
                .attr("id")
                .await
                .expect("id")
                .map(|id| format!("#{id}")),
            Some(wanted)
        );

        // An entity page, the timeline and search render too.
        client
            .goto(&format!("{base}/entities"))
            .await
            .expect("entities");
        client
            .find(Locator::Css("td a"))
            .await
            .expect("an entity link")
            .click()
            .await
            .expect("open entity");
        assert!(client
            .current_url()
            .await
            .expect("url")
            .path()
            .starts_with("/entities/"));
        screenshot(&client, &shots, "entity", 1100).await;
        client
            .goto(&format!("{base}/timeline"))
            .await
            .expect("timeline");
        client
            .find(Locator::Css("svg.timeline"))
            .await
            .expect("the timeline chart");
        screenshot(&client, &shots, "timeline", 900).await;
        client
            .goto(&format!("{base}/search?q=soldiers"))
            .await
            .expect("search");
        screenshot(&client, &shots, "search", 900).await;

        // Keyboard: the first Tab reaches the skip link, which leads to the main content.
        client
            .goto(&format!("{base}/"))
            .await
            .expect("dashboard again");
        client
            .find(Locator::Css("body"))
            .await
            .expect("body")
            .send_keys("\u{E004}")
            .await
            .expect("press Tab");
        let focused = client.active_element().await.expect("focused element");
        assert_eq!(
            focused.attr("href").await.expect("href").as_deref(),
            Some("#content")
        );
    }
    .await;
    let _ = client.close().await;
    result
}
