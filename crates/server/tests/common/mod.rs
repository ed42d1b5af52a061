//! Shared test support: a store with a small invented story whose annotations are written by
//! hand (so API tests do not depend on how well the stages do), the demo story run through the
//! real pipeline, a server on a loopback port, and a tiny HTTP client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use document::{
    Attribution, Boilerplate, BoilerplateKind, Claim, Document, Entity, EntityMention, EntityType,
    Hedge, Measure, NaiveDate, Quote, Sentence, Span, Speaker,
};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use store::Store;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn span(doc: &Document, needle: &str) -> Span {
    let start = doc
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    doc.span(start, start + needle.len()).expect("fixture span")
}

fn sentence_of(doc: &Document, s: Span) -> Span {
    let text = doc.text();
    let start = text[..s.start()]
        .rfind(['.', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[s.end()..]
        .find(['.', '\n'])
        .map(|i| s.end() + i + 1)
        .unwrap_or(text.len());
    doc.span(start, end).expect("sentence span")
}

struct ClaimSpec<'a> {
    figure: &'a str,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    hedge: Hedge,
    measure: Measure,
    counted: &'a str,
    source: Option<&'a str>,
}

fn add_claim(doc: &mut Document, c: ClaimSpec) {
    let s = span(doc, c.figure);
    let sentence = sentence_of(doc, s);
    let attributed_to = c.source.map(|name| Attribution {
        name: name.to_string(),
        span: span(doc, name),
    });
    doc.claims.push(Claim {
        span: s,
        sentence,
        value: c.value,
        low: c.low,
        high: c.high,
        hedge: c.hedge,
        measure: c.measure,
        counted: Some(c.counted.to_string()),
        subject: None,
        attributed_to,
        as_of: doc.meta.published,
    });
    doc.sentences.push(Sentence { span: sentence });
}

fn add_entity(doc: &mut Document, name: &str, label: EntityType, surfaces: &[&str]) -> usize {
    let idx = doc.entities.len();
    doc.entities.push(Entity {
        name: name.to_string(),
        label,
        aliases: surfaces.iter().map(|s| s.to_string()).collect(),
        roles: vec![],
    });
    for surface in surfaces {
        let s = span(doc, surface);
        doc.entity_mentions.push(EntityMention {
            span: s,
            label,
            entity: Some(idx),
        });
    }
    idx
}

/// Two invented reports of one flood, disagreeing on the toll, with a curly quote and an
/// accented name so UTF-8 and UTF-16 offsets differ.
pub fn fixture_documents() -> Vec<Document> {
    let text_a = "Home | World | Weather\n\
Floods kill dozens in Rivermouth valley\n\
More than 40 people were killed by the floods, according to the regional emergency office. \
Officials said about 1,200 residents were displaced.\n\
“We lost everything in one night,” said José Okafor, a farmer near Rivermouth.\n\
Share this article\n";
    let mut a = Document::from_text("fixtures/harbor-post.txt", text_a);
    a.meta.title = Some("Floods kill dozens in Rivermouth valley".into());
    a.meta.outlet = Some("Harbor Post".into());
    a.meta.published = NaiveDate::from_ymd_opt(2025, 3, 2);
    a.meta.language = Some("en".into());
    let nav = span(&a, "Home | World | Weather\n");
    a.boilerplate.push(Boilerplate {
        span: nav,
        kind: BoilerplateKind::Navigation,
    });
    let share = span(&a, "Share this article\n");
    a.boilerplate.push(Boilerplate {
        span: share,
        kind: BoilerplateKind::Share,
    });
    add_claim(
        &mut a,
        ClaimSpec {
            figure: "More than 40",
            value: Some(40.0),
            low: Some(40.0),
            high: None,
            hedge: Hedge::MoreThan,
            measure: Measure::Killed,
            counted: "people",
            source: Some("regional emergency office"),
        },
    );
    add_claim(
        &mut a,
        ClaimSpec {
            figure: "about 1,200",
            value: Some(1200.0),
            low: Some(1080.0),
            high: Some(1320.0),
            hedge: Hedge::Approximately,
            measure: Measure::Displaced,
            counted: "residents",
            source: Some("Officials"),
        },
    );
    add_entity(&mut a, "Rivermouth", EntityType::Gpe, &["Rivermouth"]);
    let person = add_entity(&mut a, "José Okafor", EntityType::Person, &["José Okafor"]);
    add_entity(
        &mut a,
        "regional emergency office",
        EntityType::Org,
        &["regional emergency office"],
    );
    let q = span(&a, "We lost everything in one night,");
    let speaker = span(&a, "José Okafor");
    a.quotes.push(Quote {
        span: q,
        speaker: Some(Speaker {
            name: "José Okafor".into(),
            span: speaker,
            entity: Some(person),
        }),
        cue: Some("said".into()),
    });

    let text_b = "Rivermouth death toll rises to 52\n\
At least 52 people died in the Rivermouth floods, the health ministry said on Tuesday. \
Some 3,000 people fled their homes.\n\
“The water came faster than anyone expected,” José Okafor told reporters.\n";
    let mut b = Document::from_text("fixtures/valley-times.txt", text_b);
    b.meta.title = Some("Rivermouth death toll rises to 52".into());
    b.meta.outlet = Some("Valley Times".into());
    b.meta.published = NaiveDate::from_ymd_opt(2025, 3, 4);
    b.meta.language = Some("en".into());
    add_claim(
        &mut b,
        ClaimSpec {
            figure: "At least 52",
            value: Some(52.0),
            low: Some(52.0),
            high: None,
            hedge: Hedge::AtLeast,
            measure: Measure::Killed,
            counted: "people",
            source: Some("health ministry"),
        },
    );
    add_claim(
        &mut b,
        ClaimSpec {
            figure: "Some 3,000",
            value: Some(3000.0),
            low: Some(2700.0),
            high: Some(3300.0),
            hedge: Hedge::Approximately,
            measure: Measure::Displaced,
            counted: "people",
            source: None,
        },
    );
    add_entity(&mut b, "Rivermouth", EntityType::Gpe, &["Rivermouth"]);
    let person = add_entity(&mut b, "José Okafor", EntityType::Person, &["José Okafor"]);
    add_entity(
        &mut b,
        "health ministry",
        EntityType::Org,
        &["health ministry"],
    );
    let q = span(&b, "The water came faster than anyone expected,");
    let speaker = span(&b, "José Okafor");
    b.quotes.push(Quote {
        span: q,
        speaker: Some(Speaker {
            name: "José Okafor".into(),
            span: speaker,
            entity: Some(person),
        }),
        cue: Some("told".into()),
    });

    for doc in [&mut a, &mut b] {
        doc.sentences.sort_by_key(|s| s.span);
        doc.sentences.dedup();
        doc.validate().expect("fixture is valid");
    }
    vec![a, b]
}

pub fn fixture_store() -> Store {
    let store = Store::open_in_memory().expect("in-memory store");
    for doc in fixture_documents() {
        store.put_document(&doc).expect("store fixture");
    }
    store
}

/// The demo story (`examples/demo/`) run through ingest and the pipeline into `store`.
pub fn ingest_demo(store: &Store) -> usize {
    let dir = repo_root().join("examples/demo");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in &paths {
        let bytes = std::fs::read(path).expect("read demo file");
        let source = format!(
            "examples/demo/{}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("?")
        );
        let mut doc =
            ingest::read_document(&source, &bytes).unwrap_or_else(|e| panic!("{source}: {e}"));
        pipeline::analyse(&mut doc).unwrap_or_else(|e| panic!("{source}: {e}"));
        store.put_document(&doc).expect("store demo document");
    }
    paths.len()
}

/// Serves `store` on a free loopback port; the server stops when the test's runtime does.
pub async fn spawn(store: Store, config: server::Config) -> SocketAddr {
    let (listener, addr) = server::bind("127.0.0.1:0").await.expect("bind loopback");
    let app = server::app(store, config);
    tokio::spawn(async move {
        let _ = server::serve(listener, app).await;
    });
    addr
}

pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: hyper::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Reply {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut builder = hyper::Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"));
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let response = client
        .request(builder.body(Full::new(Bytes::from(body))).expect("request"))
        .await
        .expect("HTTP request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        content_type,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], Vec::new()).await
}
