//! The JSON API and the pages over real HTTP on loopback, against a store holding two invented,
//! hand-annotated reports of one flood.

mod common;

use common::{fixture_store, get, request, spawn};

async fn fixture_server() -> std::net::SocketAddr {
    spawn(fixture_store(), server::Config::default()).await
}

#[tokio::test]
async fn documents_page_and_link_to_the_next_page() {
    let addr = fixture_server().await;
    let first = get(addr, "/api/documents?per_page=1").await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.content_type.starts_with("application/json"));
    let json = first.json();
    assert_eq!(json["total"], 2);
    assert_eq!(json["items"].as_array().map(Vec::len), Some(1));
    let next = json["next"].as_str().expect("a next link");
    assert_eq!(next, "/api/documents?per_page=1&page=2");
    let second = get(addr, next).await.json();
    assert_eq!(second["items"][0]["outlet"], "Valley Times");
    assert!(second["next"].is_null());
    assert_eq!(json["items"][0]["claims"], 2);
}

#[tokio::test]
async fn a_document_carries_its_spans_with_byte_and_utf16_offsets() {
    let addr = fixture_server().await;
    let list = get(addr, "/api/documents").await.json();
    let id = list["items"][0]["id"].as_str().expect("id").to_string();
    let doc = get(addr, &format!("/api/documents/{id}")).await.json();
    let text = doc["text"].as_str().expect("text");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let slice16 = |a: &serde_json::Value, b: &serde_json::Value| {
        String::from_utf16(&utf16[a.as_u64().unwrap() as usize..b.as_u64().unwrap() as usize])
            .unwrap()
    };
    let claims = doc["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 2);
    for c in claims {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["text"].as_str().unwrap());
        assert_eq!(
            slice16(&c["start_utf16"], &c["end_utf16"]),
            c["text"].as_str().unwrap()
        );
    }
    let quote = &doc["quotes"][0];
    assert_eq!(quote["text"], "We lost everything in one night,");
    // The quote follows a curly quotation mark (3 bytes, 1 UTF-16 unit), so the offsets differ.
    assert_ne!(quote["start"], quote["start_utf16"]);
    assert_eq!(
        slice16(&quote["start_utf16"], &quote["end_utf16"]),
        "We lost everything in one night,"
    );
    assert_eq!(quote["speaker"]["name"], "José Okafor");
    let bp = doc["boilerplate"].as_array().expect("boilerplate");
    assert_eq!(bp.len(), 2);
    assert_eq!(bp[0]["kind"], "navigation");
    assert!(doc["mentions"].as_array().is_some_and(|m| m
        .iter()
        .any(|m| m["text"] == "José Okafor" && m["type"] == "PERSON")));
}

#[tokio::test]
async fn claims_filter_by_measure_and_document() {
    let addr = fixture_server().await;
    let killed = get(addr, "/api/claims?measure=killed").await.json();
    let texts: Vec<&str> = killed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(texts, ["More than 40", "At least 52"]);
    assert_eq!(killed["items"][0]["hedge"], "more_than");
    assert_eq!(
        killed["items"][0]["attributed_to"]["name"],
        "regional emergency office"
    );
    assert_eq!(killed["items"][0]["outlet"], "Harbor Post");

    let id = killed["items"][1]["id"].as_str().unwrap();
    let one = get(addr, &format!("/api/claims/{id}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["text"], "At least 52");

    let doc = killed["items"][1]["document"].as_str().unwrap();
    let of_doc = get(addr, &format!("/api/claims?document={doc}"))
        .await
        .json();
    assert_eq!(of_doc["items"].as_array().map(Vec::len), Some(2));

    let bad = get(addr, "/api/claims?measure=dead").await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.content_type, "application/problem+json");
    let problem = bad.json();
    assert_eq!(problem["status"], 400);
    assert!(
        problem["detail"].as_str().unwrap().contains("killed"),
        "{problem}"
    );

    let missing = get(addr, "/api/claims/nope-c9").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["title"], "Not Found");
}

#[tokio::test]
async fn entities_quotes_and_search() {
    let addr = fixture_server().await;
    let entities = get(addr, "/api/entities").await.json();
    let person = entities["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "José Okafor")
        .expect("José Okafor merged");
    assert_eq!(person["documents"], 2);
    let id = person["id"].as_str().unwrap();
    let detail = get(addr, &format!("/api/entities/{id}")).await.json();
    assert_eq!(detail["mentions"].as_array().map(Vec::len), Some(2));
    assert_eq!(detail["quotes"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        (
            detail["mention_count"].as_u64(),
            detail["document_count"].as_u64()
        ),
        (Some(2), Some(2))
    );
    assert!(detail["next"].is_null() && detail["quotes_next"].is_null());
    // Mentions come a page at a time.
    let first = get(addr, &format!("/api/entities/{id}?per_page=1"))
        .await
        .json();
    assert_eq!(first["mentions"].as_array().map(Vec::len), Some(1));
    assert_eq!(first["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(first["mention_count"], 2);
    let next = first["next"].as_str().expect("a next page").to_string();
    assert_eq!(next, format!("/api/entities/{id}?per_page=1&page=2"));
    let second = get(addr, &next).await.json();
    assert_eq!(second["mentions"].as_array().map(Vec::len), Some(1));
    assert_ne!(
        second["mentions"][0]["document"],
        first["mentions"][0]["document"]
    );
    assert!(second["next"].is_null());
    let past = get(addr, &format!("/api/entities/{id}?page=9"))
        .await
        .json();
    assert_eq!(past["mentions"].as_array().map(Vec::len), Some(0));
    // The entity page lists its documents a page at a time too.
    let page = get(addr, &format!("/entities/{id}?per_page=1")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("href=\"/entities/{id}?per_page=1&amp;page=2\"")),
        "{}",
        page.body
    );
    assert_eq!(get(addr, "/api/entities/999999").await.status, 404);

    let quotes = get(addr, "/api/quotes?speaker=jos%C3%A9%20okafor")
        .await
        .json();
    assert_eq!(quotes["items"].as_array().map(Vec::len), Some(2));
    let none = get(addr, "/api/quotes?speaker=nobody").await.json();
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));

    let hits = get(addr, "/api/search?q=toll").await.json();
    assert_eq!(hits["items"][0]["outlet"], "Valley Times");
    assert!(hits["items"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("[toll]"));
    let hits = get(addr, "/api/search?q=flood*").await.json();
    assert_eq!(hits["items"].as_array().map(Vec::len), Some(2));
    let no_q = get(addr, "/api/search").await;
    assert_eq!(no_q.status, 400);
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let addr = fixture_server().await;
    let spec = get(addr, "/api/openapi.json").await.json();
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/documents",
        "/api/documents/{id}",
        "/api/entities",
        "/api/entities/{id}",
        "/api/claims",
        "/api/quotes",
        "/api/groups",
        "/api/search",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing");
    }
    assert!(spec["paths"]["/api/documents"]["post"].is_object());
}

#[tokio::test]
async fn ingest_needs_a_token_and_checks_it() {
    let article =
        b"Quake toll climbs\nAt least 12 people were killed in the quake, officials said.\n"
            .to_vec();
    // Read-only by default.
    let addr = fixture_server().await;
    let refused = request(
        addr,
        "POST",
        "/api/documents",
        &[("authorization", "Bearer x")],
        article.clone(),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.content_type, "application/problem+json");

    let config = server::Config {
        token: Some("s3cret".into()),
        ..server::Config::default()
    };
    let addr = spawn(fixture_store(), config).await;
    let no_token = request(addr, "POST", "/api/documents", &[], article.clone()).await;
    assert_eq!(no_token.status, 401);
    assert_eq!(
        no_token
            .headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
    let wrong = request(
        addr,
        "POST",
        "/api/documents",
        &[("authorization", "Bearer s3creT")],
        article.clone(),
    )
    .await;
    assert_eq!(wrong.status, 401);

    let auth = [("authorization", "Bearer s3cret")];
    let created = request(
        addr,
        "POST",
        "/api/documents?source=quake.txt",
        &auth,
        article.clone(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        created
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some(format!("/api/documents/{id}").as_str())
    );
    let stored = get(addr, &format!("/api/documents/{id}")).await.json();
    assert_eq!(stored["source"], "quake.txt");
    assert_eq!(get(addr, "/api/documents").await.json()["total"], 3);

    let again = request(
        addr,
        "POST",
        "/api/documents?source=quake-copy.txt",
        &auth,
        article,
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["created"], false);

    let empty = request(addr, "POST", "/api/documents", &auth, Vec::new()).await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    let huge = request(
        addr,
        "POST",
        "/api/documents",
        &auth,
        vec![b'a'; 9 * 1024 * 1024],
    )
    .await;
    assert_eq!(huge.status, 413, "{}", huge.body);
}

#[tokio::test]
async fn malformed_and_huge_queries_get_4xx_never_5xx() {
    let addr = fixture_server().await;
    let long = "x".repeat(5000);
    let ten_kb = "w".repeat(10 * 1024);
    let medium = "y".repeat(600);
    let queries = [
        "page=abc".to_string(),
        "page=0".into(),
        "page=-3".into(),
        "page=99999999999999999999999999".into(),
        "page=100001".into(),
        "per_page=100000".into(),
        "per_page=".into(),
        "q=%ZZ%".into(),
        "q=%FF%FE".into(),
        "q=%22unbalanced".into(),
        "q=a%00b".into(),
        "q=NEAR(a%20b)%20OR%20*".into(),
        format!("q={medium}"),
        format!("q={long}"),
        format!("q={ten_kb}"),
        format!("q={}", "%E2%82%AC".repeat(1200)),
        "q=%C3%28".into(),
        "q=%ED%A0%80".into(),
        "q=%F4%90%80%80".into(),
        "%FF=1".into(),
        "page=1.5".into(),
        "page=%2B1".into(),
        "page=18446744073709551616".into(),
        "per_page=0".into(),
        "per_page=-50".into(),
        "measure=".into(),
        "measure=KILLED%00".into(),
        "measure=nope".into(),
        format!("measure={long}"),
        "measure=%E2%80%99".into(),
        "entity=%27%3B%20DROP%20TABLE%20claims%3B--".into(),
        "speaker=%22%27".into(),
        "document=../../etc/passwd".into(),
        "page=1&page=2&page=x".into(),
        "&&&==&=".into(),
        "a%5Bb%5D=c&%=%".into(),
    ];
    let entity = get(addr, "/api/entities").await.json()["items"][0]["id"]
        .as_str()
        .expect("an entity")
        .to_string();
    let claim = get(addr, "/api/claims").await.json()["items"][0]["id"]
        .as_str()
        .expect("a claim")
        .to_string();
    let document = claim
        .rsplit_once("-c")
        .expect("claim id names its document")
        .0
        .to_string();
    let paths = [
        "/api/documents".to_string(),
        "/api/entities".into(),
        "/api/claims".into(),
        "/api/quotes".into(),
        "/api/search".into(),
        "/api/stats".into(),
        format!("/api/entities/{entity}"),
        format!("/api/claims/{claim}"),
        format!("/api/documents/{document}"),
        "/".into(),
        "/claims".into(),
        "/documents".into(),
        "/entities".into(),
        "/quotes".into(),
        "/search".into(),
        "/timeline".into(),
        format!("/entities/{entity}"),
        format!("/claims/{claim}"),
        format!("/documents/{document}"),
    ];
    for path in &paths {
        for q in &queries {
            let reply = get(addr, &format!("{path}?{q}")).await;
            assert!(
                reply.status < 500,
                "{path}?{q}: {} {}",
                reply.status,
                reply.body
            );
            // API errors are problem details; page errors are pages.
            if reply.status >= 400 {
                if path.starts_with("/api") {
                    assert_eq!(reply.content_type, "application/problem+json", "{path}?{q}");
                    assert_eq!(
                        reply.json()["status"].as_u64(),
                        Some(u64::from(reply.status)),
                        "{path}?{q}"
                    );
                } else {
                    assert!(
                        reply.content_type.starts_with("text/html"),
                        "{path}?{q}: {}",
                        reply.content_type
                    );
                }
            }
        }
    }
    for path in [
        "/api/claims?page=abc".to_string(),
        format!("/api/search?q={long}"),
        format!("/api/search?q={ten_kb}"),
        "/claims?measure=nope".to_string(),
        "/api/claims?measure=nope".to_string(),
        "/api/documents?page=-1".to_string(),
        "/api/documents?page=100001".to_string(),
        "/api/quotes?per_page=0".to_string(),
        format!("/api/entities/{entity}?page=0"),
        format!("/entities/{entity}?page=-2"),
        format!("/api/documents/{}", "d".repeat(600)),
        "/api/search?q=%C3%28".to_string(),
    ] {
        let reply = get(addr, &path).await;
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
    }
    let unknown = get(addr, "/api/claims?measure=nope").await.json();
    assert!(
        unknown["detail"]
            .as_str()
            .is_some_and(|d| d.contains("nope") && d.contains("killed")),
        "{unknown}"
    );
    // Ids that cannot exist: out of range, negative, non-numeric, or not an id at all.
    for path in [
        "/api/entities/99999999999999999999999",
        "/api/entities/9223372036854775807",
        "/api/entities/0",
        "/api/entities/1e3",
        "/api/claims/x-c99999999999999999999",
        "/api/claims/-c1",
        "/api/documents/..",
        "/entities/99999999999999999999999",
        "/claims/x-c18446744073709551616",
        "/documents/%00",
    ] {
        let reply = get(addr, path).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }
    assert_eq!(
        get(addr, "/api/documents/%FF%FE").await.content_type,
        "application/problem+json"
    );
    for path in [
        "/api/entities/-1",
        "/api/claims/x",
        "/documents/nope",
        "/claims/%2e%2e",
        "/entities/abc",
        "/nope",
        "/api/nope",
    ] {
        let reply = get(addr, path).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }
    // A URI far beyond any limit: refused by the server, not a crash.
    for n in [60_000, 200_000] {
        let status = raw_get(addr, &format!("/api/search?q={}", "z".repeat(n))).await;
        assert!((400..500).contains(&status), "{n}-byte query: {status}");
    }
    // Bytes no client library would send, written straight to the socket.
    for raw in [
        "/api/search?q=\"<>{}|\\^`",
        "/api/claims?measure=\u{7f}",
        "/search?q=%",
        "/api/documents?page=\u{e9}",
    ] {
        let status = raw_get(addr, raw).await;
        assert!((200..500).contains(&status), "{raw:?}: {status}");
    }
    // And the server still answers.
    assert_eq!(get(addr, "/api/stats").await.status, 200);
}

/// Sends a GET with `target` as given (no encoding) and returns the status code.
async fn raw_get(addr: std::net::SocketAddr, target: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply).await;
    let head = String::from_utf8_lossy(&reply);
    head.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn pages_render_and_link_claims_to_their_highlighted_source() {
    let addr = fixture_server().await;
    let dashboard = get(addr, "/").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.content_type.starts_with("text/html"));
    let html = &dashboard.body;
    for expected in [
        "Killed",
        "Displaced",
        "More than 40",
        "At least 52",
        "regional emergency office",
        "Harbor Post",
        "Valley Times",
        "more than",
        "at least",
    ] {
        assert!(html.contains(expected), "dashboard lacks {expected:?}");
    }
    let killed = get(addr, "/api/claims?measure=killed").await.json();
    let id = killed["items"][0]["id"].as_str().unwrap().to_string();
    let doc = killed["items"][0]["document"].as_str().unwrap().to_string();
    assert!(html.contains(&format!("href=\"/claims/{id}\"")));

    let claim = get(addr, &format!("/claims/{id}")).await;
    assert_eq!(claim.status, 200);
    assert!(
        claim.body.contains("<mark class=\"hl claim\""),
        "{}",
        claim.body
    );
    assert!(
        claim
            .body
            .contains("<mark class=\"hl hedge\" title=\"hedge: more than\">More than</mark>"),
        "{}",
        claim.body
    );
    assert!(claim
        .body
        .contains("<mark class=\"hl source\" title=\"source\">regional emergency office</mark>"));
    assert!(
        claim.body.contains("At least 52"),
        "the other report of the same figure is listed"
    );
    assert!(claim
        .body
        .contains(&format!("href=\"/documents/{doc}#claim-{id}\"")));

    let viewer = get(addr, &format!("/documents/{doc}")).await;
    assert_eq!(viewer.status, 200);
    assert!(viewer
        .body
        .contains(&format!("id=\"claim-{id}\" data-claim=\"{id}\"")));
    assert!(viewer.body.contains(
        "<span class=\"bp\" title=\"page furniture: navigation\">Home | World | Weather\n</span>"
    ));
    assert!(viewer.body.contains("class=\"hl quote\""));

    let entities = get(addr, "/api/entities").await.json();
    let eid = entities["items"][0]["id"].as_str().unwrap().to_string();
    let entity = get(addr, &format!("/entities/{eid}")).await;
    assert_eq!(entity.status, 200);

    for path in [
        "/claims",
        "/claims?measure=killed",
        "/documents",
        "/entities",
        "/quotes",
        "/quotes?speaker=Jos%C3%A9%20Okafor",
        "/timeline",
        "/search?q=floods",
        "/search",
        "/static/style.css",
    ] {
        let reply = get(addr, path).await;
        assert_eq!(reply.status, 200, "{path}");
    }
    let timeline = get(addr, "/timeline").await.body;
    assert!(timeline.contains("<svg class=\"timeline\""));
    assert_eq!(timeline.matches("<circle class=\"pt").count(), 4);
    let missing = get(addr, "/claims/zzz-c1").await;
    assert_eq!(missing.status, 404);
    assert!(missing.content_type.starts_with("text/html"));
    assert!(dashboard.headers.get("content-security-policy").is_some());
}

/// The server's entity-side claim query answers exactly what the store's general one does.
#[test]
fn claims_about_an_entity_match_the_general_filter() {
    let store = common::fixture_store();
    let entities = store.entities(store::Page::all()).expect("entities");
    assert!(entities.len() >= 4);
    let mut found = 0;
    let keys = entities
        .iter()
        .flat_map(|e| [e.id.clone(), e.name.clone(), e.name.to_uppercase()])
        .chain(["nobody".to_string(), "-1".into()]);
    for key in keys {
        for measure in [None, Some(document::Measure::Killed)] {
            let filter = store::ClaimFilter {
                entity: Some(key.clone()),
                measure,
                ..Default::default()
            };
            let general = store.claims(&filter, store::Page::all()).expect("claims");
            let about = store
                .claims_about(&filter, store::Page::all())
                .expect("claims_about");
            assert_eq!(about, general, "entity {key:?}, measure {measure:?}");
            let paged = store
                .claims_about(&filter, store::Page::new(1, 1))
                .expect("a page");
            assert_eq!(
                paged,
                general.iter().skip(1).take(1).cloned().collect::<Vec<_>>()
            );
            found += general.len();
            if measure.is_none() && key.parse::<i64>().is_ok() {
                // The entity page's first figures are the same set (all of them, here).
                let mut first = store
                    .first_claims_about(&key, 50)
                    .expect("first_claims_about");
                let mut all = general.clone();
                first.sort_by(|a, b| a.id.cmp(&b.id));
                all.sort_by(|a, b| a.id.cmp(&b.id));
                assert_eq!(first, all, "entity {key}");
            }
        }
    }
    assert!(found > 0, "some entity should be the source of a claim");
}

/// The entity listing (ranked once, then cached until documents are added) lists what the
/// store's own ranking does, before and after a new document.
#[tokio::test]
async fn entity_listing_follows_new_documents() {
    let store = fixture_store();
    let addr = spawn(store.clone(), server::Config::default()).await;
    let listed = |json: serde_json::Value| -> Vec<(String, u64, u64)> {
        json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|e| {
                (
                    e["id"].as_str().unwrap().to_string(),
                    e["mentions"].as_u64().unwrap(),
                    e["documents"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let expected = |store: &store::Store| -> Vec<(String, u64, u64)> {
        store
            .entities(store::Page::all())
            .expect("entities")
            .into_iter()
            .map(|e| (e.id, e.mentions as u64, e.documents as u64))
            .collect()
    };
    assert_eq!(
        listed(get(addr, "/api/entities?per_page=200").await.json()),
        expected(&store)
    );
    let second = listed(get(addr, "/api/entities?per_page=2&page=2").await.json());
    assert_eq!(second, expected(&store)[2..4].to_vec());
    let mut extra = common::fixture_documents().remove(1);
    let text = format!("{}Rivermouth waits.\n", extra.text());
    let mut copy = document::Document::from_text("fixtures/valley-times-update.txt", text);
    copy.meta = extra.meta.clone();
    copy.entities = std::mem::take(&mut extra.entities);
    copy.entity_mentions = std::mem::take(&mut extra.entity_mentions);
    copy.validate().expect("valid copy");
    store.put_document(&copy).expect("store the copy");
    let after = listed(get(addr, "/api/entities?per_page=200").await.json());
    assert_eq!(after, expected(&store));
    assert!(
        after.iter().any(|(_, _, docs)| *docs == 3),
        "an entity now in three documents: {after:?}"
    );
}

/// `/api/groups` serves what `export groups` writes: the store's own grouping, paged.
#[tokio::test]
async fn groups_are_the_stores_grouping_paged() {
    let store = store::Store::open_in_memory().expect("store");
    common::ingest_demo(&store);
    let (_, expected) = store.claims_and_groups().expect("groups");
    assert!(expected.len() >= 2, "the demo story has groups");
    let addr = spawn(store, server::Config::default()).await;
    let first = get(addr, "/api/groups?per_page=1").await;
    assert_eq!(first.status, 200, "{}", first.body);
    let json = first.json();
    assert_eq!(json["total"], expected.len());
    assert_eq!(json["items"][0]["id"], expected[0].id.as_str());
    assert_eq!(
        json["items"][0]["measure"],
        serde_json::to_value(expected[0].measure).unwrap()
    );
    assert_eq!(json["next"], "/api/groups?per_page=1&page=2");
    let last = get(
        addr,
        &format!("/api/groups?per_page=1&page={}", expected.len()),
    )
    .await
    .json();
    assert_eq!(
        last["items"][0]["id"],
        expected[expected.len() - 1].id.as_str()
    );
    assert!(last["next"].is_null());
}
