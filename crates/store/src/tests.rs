use document::*;

use super::*;

/// A small analysed document built by hand: one entity mentioned twice, one claim attributed
/// to it, one quote it speaks, one boilerplate line.
fn sample(source: &str, text: &str) -> Document {
    let mut doc = Document::from_text(source, text);
    let find = |needle: &str| {
        let start = text.find(needle).expect("needle in sample text");
        Span::new(start, start + needle.len())
    };
    doc.meta.title = Some("Troops deployed".into());
    doc.meta.outlet = Some("Example News".into());
    doc.meta.published = NaiveDate::from_ymd_opt(2025, 3, 2);
    doc.boilerplate.push(Boilerplate {
        span: find("Home | World"),
        kind: BoilerplateKind::Navigation,
    });
    doc.entities.push(Entity {
        name: "National Intelligence Service".into(),
        label: EntityType::Org,
        aliases: vec!["National Intelligence Service".into(), "NIS".into()],
        roles: vec![],
    });
    doc.entity_mentions.push(EntityMention {
        span: find("National Intelligence Service"),
        label: EntityType::Org,
        entity: Some(0),
    });
    doc.entity_mentions.push(EntityMention {
        span: find("NIS"),
        label: EntityType::Org,
        entity: Some(0),
    });
    doc.entity_mentions.push(EntityMention {
        span: find("Seoul"),
        label: EntityType::Gpe,
        entity: None,
    });
    let figure = find("over 10,000");
    doc.claims.push(Claim {
        span: figure,
        sentence: find(
            "over 10,000 soldiers were deployed, according to the National Intelligence Service",
        ),
        value: Some(10000.0),
        low: Some(10000.0),
        high: None,
        hedge: Hedge::MoreThan,
        measure: Measure::Deployed,
        counted: Some("soldiers".into()),
        subject: Some("North Korea".into()),
        attributed_to: Some(Attribution {
            name: "National Intelligence Service".into(),
            span: find("National Intelligence Service"),
        }),
        as_of: None,
    });
    doc.quotes.push(Quote {
        span: find("We are watching closely"),
        speaker: Some(Speaker {
            name: "National Intelligence Service".into(),
            span: find("NIS"),
            entity: Some(0),
        }),
        cue: Some("said".into()),
    });
    doc
}

const TEXT_A: &str = "Home | World\nIn Seoul, over 10,000 soldiers were deployed, according to the National Intelligence Service.\n\"We are watching closely,\" the NIS said.";
const TEXT_B: &str = "Home | World\nSeoul: over 10,000 soldiers were deployed, according to the National Intelligence Service (NIS).\n\"We are watching closely!\" NIS said.";

#[test]
fn stores_and_reloads_a_document() {
    let store = Store::open_in_memory().unwrap();
    let doc = sample("a.txt", TEXT_A);
    assert_eq!(store.put_document(&doc).unwrap(), Put::Inserted);
    assert_eq!(store.document(&doc.id).unwrap().as_ref(), Some(&doc));
    assert_eq!(store.document("nope").unwrap(), None);
    assert_eq!(store.count_documents().unwrap(), 1);
    assert!(store.check().unwrap().is_empty());

    let record = store.document_record(&doc.id).unwrap().unwrap();
    assert_eq!(record.title.as_deref(), Some("Troops deployed"));
    assert_eq!(record.boilerplate.len(), 1);
    assert_eq!(record.text, TEXT_A);
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(
        json["boilerplate"][0],
        serde_json::json!({"start": 0, "end": 12, "kind": "navigation"})
    );
    assert_eq!(json["published"], "2025-03-02");

    let summaries = store.documents(Page::default()).unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(
        (summaries[0].claims, summaries[0].quotes, summaries[0].bytes),
        (1, 1, TEXT_A.len())
    );
}

#[test]
fn the_same_content_is_stored_once() {
    let store = Store::open_in_memory().unwrap();
    let doc = sample("a.txt", TEXT_A);
    store.put_document(&doc).unwrap();
    let again = sample("copy/of/a.txt", TEXT_A);
    assert_eq!(
        store.put_document(&again).unwrap(),
        Put::Duplicate { id: doc.id.clone() }
    );
    assert_eq!(store.stats().unwrap().documents, 1);
    assert_eq!(store.stats().unwrap().claims, 1);
    assert_eq!(
        store.find_sha256(&doc.sha256).unwrap(),
        Some(doc.id.clone())
    );
    assert!(store.hashes().unwrap().contains(&doc.sha256));
}

#[test]
fn a_document_with_a_bad_span_is_refused() {
    let store = Store::open_in_memory().unwrap();
    let mut doc = Document::from_text("bad.txt", "héllo");
    doc.sentences.push(Sentence {
        span: Span::new(0, 2),
    });
    let err = store.put_document(&doc).unwrap_err();
    assert!(err.to_string().contains(&doc.id), "{err}");
    assert_eq!(store.count_documents().unwrap(), 0);
}

#[test]
fn claims_export_in_the_contract_shape_and_filter() {
    let store = Store::open_in_memory().unwrap();
    let doc = sample("a.txt", TEXT_A);
    store.put_document(&doc).unwrap();
    let claims = store
        .claims(&ClaimFilter::default(), Page::default())
        .unwrap();
    assert_eq!(claims.len(), 1);
    let json = serde_json::to_value(&claims[0]).unwrap();
    assert_eq!(json["text"], "over 10,000");
    assert_eq!(json["hedge"], "more_than");
    assert_eq!(json["measure"], "deployed");
    assert_eq!(
        json["attributed_to"]["name"],
        "National Intelligence Service"
    );
    assert_eq!(
        json["sentence"]["start"].as_u64().unwrap() as usize,
        TEXT_A.find("over").unwrap()
    );
    assert_eq!(&TEXT_A[claims[0].start..claims[0].end], claims[0].text);

    let by = |filter: ClaimFilter| store.claims(&filter, Page::default()).unwrap().len();
    assert_eq!(
        by(ClaimFilter {
            measure: Some(Measure::Deployed),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        by(ClaimFilter {
            measure: Some(Measure::Killed),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        by(ClaimFilter {
            document: Some(doc.id.clone()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        by(ClaimFilter {
            document: Some("other".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        by(ClaimFilter {
            entity: Some("north korea".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        by(ClaimFilter {
            entity: Some("Japan".into()),
            ..Default::default()
        }),
        0
    );
    let nis = store
        .entities(Page::default())
        .unwrap()
        .into_iter()
        .find(|e| e.name == "National Intelligence Service")
        .unwrap();
    assert_eq!(
        by(ClaimFilter {
            entity: Some(nis.id.clone()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        store
            .claims(&ClaimFilter::default(), Page::new(1, 10))
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn entities_merge_across_documents_and_quotes_group() {
    let store = Store::open_in_memory().unwrap();
    let a = sample("a.txt", TEXT_A);
    let b = sample("b.txt", TEXT_B);
    store.put_document(&a).unwrap();
    store.put_document(&b).unwrap();

    let entities = store.entities(Page::default()).unwrap();
    let nis: Vec<_> = entities
        .iter()
        .filter(|e| e.name == "National Intelligence Service")
        .collect();
    assert_eq!(nis.len(), 1, "{entities:#?}");
    assert_eq!((nis[0].documents, nis[0].mentions), (2, 4));
    assert_eq!(nis[0].aliases, vec!["NIS".to_string()]);
    assert_eq!(nis[0].kind, "ORG");
    // The unlinked mention "Seoul" became an entity of its own, also merged.
    let seoul: Vec<_> = entities.iter().filter(|e| e.name == "Seoul").collect();
    assert_eq!(seoul.len(), 1);
    assert_eq!(seoul[0].documents, 2);

    let record = store.entity(&nis[0].id).unwrap().unwrap();
    assert_eq!(record.documents, vec![a.id.clone(), b.id.clone()]);
    assert_eq!(record.mentions[1].text, "NIS");
    assert_eq!(serde_json::to_value(&record).unwrap()["type"], "ORG");
    assert_eq!(store.entity("999999").unwrap(), None);
    assert_eq!(store.entity("not a number").unwrap(), None);

    let quotes = store.quotes(None, Page::default()).unwrap();
    assert_eq!(quotes.len(), 2);
    assert!(quotes.iter().all(|q| q.appearances == 2), "{quotes:#?}");
    assert_eq!(
        quotes[0].speaker.as_ref().unwrap().entity.as_deref(),
        Some(nis[0].id.as_str())
    );
    assert_eq!(
        store
            .quotes(Some("national intelligence service"), Page::default())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store
            .quotes(Some(&nis[0].id), Page::default())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store
            .quotes(Some("Someone Else"), Page::default())
            .unwrap()
            .len(),
        0
    );
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn search_takes_any_input_literally() {
    let store = Store::open_in_memory().unwrap();
    store.put_document(&sample("a.txt", TEXT_A)).unwrap();
    let hits = store.search("soldiers deployed", Page::default()).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.contains("[soldiers]"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(store.search("sold*", Page::default()).unwrap().len(), 1);
    assert_eq!(
        store
            .search("soldiers tanks", Page::default())
            .unwrap()
            .len(),
        0
    );
    for nasty in [
        "\"",
        "AND",
        "NOT soldiers",
        "(((",
        "title:x",
        "*",
        "a\"b",
        "NEAR(x y)",
        "-",
        "^",
        "",
        "   ",
        "\u{0}",
    ] {
        assert!(
            store.search(nasty, Page::default()).is_ok(),
            "query {nasty:?}"
        );
    }
}

#[test]
fn a_file_store_reopens_and_serves_readers_from_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    {
        let store = Store::open(&path).unwrap();
        store.put_document(&sample("a.txt", TEXT_A)).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_documents().unwrap(), 1);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            std::thread::spawn(move || {
                store
                    .claims(&ClaimFilter::default(), Page::default())
                    .unwrap()
                    .len()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
    store.put_document(&sample("b.txt", TEXT_B)).unwrap();
    assert_eq!(store.count_documents().unwrap(), 2);
}

#[test]
fn stores_that_cannot_be_opened_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let err = Store::open(&junk).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("junk.db"), "{err}");

    let missing = dir.path().join("no/such/dir/c.db");
    assert!(Store::open(&missing).is_err());
    assert!(matches!(
        Store::open_existing(dir.path().join("absent.db")),
        Err(StoreError::Missing { .. })
    ));
    assert!(Store::open("postgres://localhost/x").is_err());
}

#[test]
fn migrations_set_the_version_and_newer_stores_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
}

#[test]
fn search_query_escaping() {
    use crate::read::fts_query;
    assert_eq!(fts_query("kim jong"), Some("\"kim\" \"jong\"".into()));
    assert_eq!(fts_query("a\"b c*"), Some("\"a\"\"b\" \"c\"*".into()));
    assert_eq!(fts_query(" * "), None);
}

/// Two copies of one article (the second with an extra paragraph and other page furniture) and a
/// different article: the second copy is marked a near duplicate of the first, the others not.
#[test]
fn near_duplicates_point_to_the_earliest_copy() {
    let story = "The harbour authority said on Monday that the northern pier would close for six weeks while \
                 divers inspect its foundations.\n\nFishing boats will moor at the southern quay in the meantime, \
                 and the ferry to the islands will leave from the old terminal, a spokeswoman said.\n\n\
                 Inspectors found cracks in two of the pier's concrete piles last month after a storm surge \
                 damaged the sea wall nearby.";
    let with_furniture = |furniture_top: &str, body: &str, furniture_bottom: &str| {
        let text = format!("{furniture_top}\n{body}\n{furniture_bottom}");
        let mut doc = Document::from_text(furniture_top, text.clone());
        doc.boilerplate.push(Boilerplate {
            span: Span::new(0, furniture_top.len()),
            kind: BoilerplateKind::Navigation,
        });
        let tail = text.len() - furniture_bottom.len();
        doc.boilerplate.push(Boilerplate {
            span: Span::new(tail, text.len()),
            kind: BoilerplateKind::Share,
        });
        doc
    };
    let first = with_furniture(
        "Home | Local | Sport | Weather",
        story,
        "Share this story on social media",
    );
    let extended = format!("{story}\n\nThe authority expects to publish the divers' report before the end of the year.");
    let second = with_furniture(
        "Menu Search Subscribe Sign in Latest headlines from the coast and the region",
        &extended,
        "Sign up for our morning newsletter. Follow us. Related: Storm damage along the coast.",
    );
    let other = with_furniture(
        "Home | Business",
        "Shares in the regional airline rose by a fifth after it reported its first annual profit in four \
         years, helped by strong summer demand, new routes to the south and lower fuel costs.\n\nThe chief \
         executive said the company would order three more aircraft next spring.",
        "Share this story",
    );
    let store = Store::open_in_memory().unwrap();
    for doc in [&first, &second, &other] {
        assert_eq!(store.put_document(doc).unwrap(), Put::Inserted);
    }
    let near = |doc: &Document| {
        store
            .document_record(&doc.id)
            .unwrap()
            .expect("stored")
            .near_duplicate_of
    };
    assert_eq!(near(&first), None);
    assert_eq!(near(&second), Some(first.id.clone()));
    assert_eq!(near(&other), None);
    // A third copy points to the earliest one.
    let third = with_furniture("Skip to content", &extended, "Print this page");
    store.put_document(&third).unwrap();
    assert_eq!(near(&third), Some(first.id.clone()));
}

/// The writer keeps known entities' name forms between documents; an entity another connection
/// changed must be read again, not taken from that cache.
#[test]
fn entities_changed_by_another_connection_are_reread() {
    let person = |source: &str, text: &str, name: &str, aliases: &[&str]| {
        let mut doc = Document::from_text(source, text);
        doc.entities.push(Entity {
            name: name.into(),
            label: EntityType::Person,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            roles: vec![],
        });
        let start = text.find(name).expect("name in text");
        doc.entity_mentions.push(EntityMention {
            span: Span::new(start, start + name.len()),
            label: EntityType::Person,
            entity: Some(0),
        });
        doc
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.db");
    let first = Store::open(&path).unwrap();
    let second = Store::open(&path).unwrap();
    first
        .put_document(&person(
            "1.txt",
            "Reporter Ana Cruz wrote it.",
            "Ana Cruz",
            &[],
        ))
        .unwrap();
    // The other connection merges a new alias into the same entity.
    second
        .put_document(&person(
            "2.txt",
            "Ana Cruz, known as Anita, spoke.",
            "Ana Cruz",
            &["Anita"],
        ))
        .unwrap();
    // "Anita" alone matches only through that alias.
    first
        .put_document(&person("3.txt", "Later Anita said no more.", "Anita", &[]))
        .unwrap();
    let entities = first.entities(Page::all()).unwrap();
    assert_eq!(entities.len(), 1, "{entities:?}");
}

#[test]
fn an_entity_goes_by_the_name_and_type_most_documents_give_it() {
    let named = |source: &str, text: &str, name: &str, label: EntityType| {
        let mut doc = Document::from_text(source, text);
        doc.entities.push(Entity {
            name: name.into(),
            label,
            aliases: vec![],
            roles: vec![],
        });
        let start = text.find(name).expect("name in text");
        doc.entity_mentions.push(EntityMention {
            span: Span::new(start, start + name.len()),
            label,
            entity: Some(0),
        });
        doc
    };
    let store = Store::open_in_memory().unwrap();
    // A tagger slip in the first article joins a channel's name to the person's.
    store
        .put_document(&named(
            "0.txt",
            "Told Radio Mira Hale that",
            "Radio Mira Hale",
            EntityType::Person,
        ))
        .unwrap();
    for i in 1..=4 {
        let text = format!("Story {i}: Mira Hale said the dam held.");
        store
            .put_document(&named(
                &format!("{i}.txt"),
                &text,
                "Mira Hale",
                EntityType::Person,
            ))
            .unwrap();
    }
    store
        .put_document(&named(
            "5.txt",
            "Later Hale said no more.",
            "Hale",
            EntityType::Person,
        ))
        .unwrap();
    let entities = store.entities(Page::all()).unwrap();
    let hale: Vec<_> = entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a == "Radio Mira Hale"))
        .collect();
    assert_eq!(hale.len(), 1, "{entities:#?}");
    assert_eq!(hale[0].name, "Mira Hale");
    // A place one article's tagger called an organisation.
    store
        .put_document(&named(
            "6.txt",
            "Aid reached Lornia today.",
            "Lornia",
            EntityType::Org,
        ))
        .unwrap();
    for i in 7..=9 {
        let text = format!("Report {i} from Lornia, where rain fell.");
        store
            .put_document(&named(
                &format!("{i}.txt"),
                &text,
                "Lornia",
                EntityType::Gpe,
            ))
            .unwrap();
    }
    let entities = store.entities(Page::all()).unwrap();
    let lornia: Vec<_> = entities.iter().filter(|e| e.name == "Lornia").collect();
    assert_eq!(lornia.len(), 1, "{entities:#?}");
    assert_eq!(lornia[0].kind, "GPE");
    assert!(store.check().unwrap().is_empty());
}

/// A story long enough for a MinHash signature, different for each `n`.
fn story(n: usize) -> String {
    let words = [
        "harbour", "bridge", "council", "river", "station", "market", "school", "clinic",
    ];
    let place = words[n % words.len()];
    format!(
        "Story {n}. The {place} in district {n} reopened on Monday after repairs that took {n} weeks, \
         the {place} authority said. Engineers replaced the old beams and checked every joint twice. \
         Residents of district {n} said the work had taken longer than promised but welcomed it."
    )
}

/// With batched full-text indexing, a search in the same process finds every stored document,
/// another process finds them once their batch is indexed, and documents a killed writer left
/// unindexed are indexed by the next one to open the store.
#[test]
fn batched_search_indexing_loses_no_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let writer = Store::open(&path).unwrap();
    writer.set_search_index_batch(100);
    for n in 0..3 {
        writer
            .put_document(&Document::from_text(format!("{n}.txt"), story(n)))
            .unwrap();
    }
    let other = Store::open(&path).unwrap();
    // Opening the store indexed the pending three.
    assert_eq!(other.search("reopened", Page::all()).unwrap().len(), 3);
    writer
        .put_document(&Document::from_text("3.txt", story(3)))
        .unwrap();
    assert_eq!(
        writer.search("reopened", Page::all()).unwrap().len(),
        4,
        "a search indexes this handle's pending ones"
    );
    assert_eq!(other.search("reopened", Page::all()).unwrap().len(), 4);
    for n in 4..6 {
        writer
            .put_document(&Document::from_text(format!("{n}.txt"), story(n)))
            .unwrap();
    }
    // A killed process: its handle is never dropped, so it never indexes its last batch.
    std::mem::forget(writer);
    drop(other);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.search("reopened", Page::all()).unwrap().len(), 6);
    assert_eq!(reopened.check().unwrap(), Vec::<String>::new());
    // A dropped handle indexes its pending documents.
    reopened.set_search_index_batch(100);
    reopened
        .put_document(&Document::from_text("6.txt", story(6)))
        .unwrap();
    drop(reopened);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let indexed: i64 = conn
        .query_row(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'reopened'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 7);
}

/// A store written before migrations 5 and 6 (signatures keyed by document id with a band
/// table, every document indexed) upgrades: its documents stay searchable and are still found
/// as the earlier copy of a near duplicate.
#[test]
fn a_version_4_store_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let old = Document::from_text("old.txt", story(1));
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for migration in &schema::MIGRATIONS[..4] {
            tx.execute_batch(migration).unwrap();
        }
        tx.pragma_update(None, "user_version", 4).unwrap();
        tx.execute(
            "INSERT INTO documents (id, source, sha256, text, text_bytes, annotations) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![old.id, old.source, old.sha256, old.text(), old.text().len() as i64, write::annotations_json(&old).unwrap()],
        )
        .unwrap();
        let seq = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, NULL, ?2)",
            rusqlite::params![seq, old.text()],
        )
        .unwrap();
        let sig = neardup::signature(&old).expect("long enough");
        tx.execute(
            "INSERT INTO minhash (document, signature) VALUES (?1, ?2)",
            rusqlite::params![old.id, neardup::to_blob(&sig)],
        )
        .unwrap();
        for key in neardup::band_keys(&sig.mins) {
            tx.execute(
                "INSERT INTO minhash_bands (band_key, document) VALUES (?1, ?2)",
                rusqlite::params![key, old.id],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.search("reopened", Page::all()).unwrap().len(), 1);
    let copy = Document::from_text("copy.txt", format!("{} A footbridge stays open.", story(1)));
    assert_eq!(store.put_document(&copy).unwrap(), Put::Inserted);
    assert_eq!(
        store
            .document_record(&copy.id)
            .unwrap()
            .expect("stored")
            .near_duplicate_of,
        Some(old.id.clone())
    );
    assert_eq!(store.search("reopened", Page::all()).unwrap().len(), 2);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// Claims for grouping carry the claim record and their document's copy links.
#[test]
fn claims_with_copies_carry_the_document_links() {
    let store = Store::open_in_memory().unwrap();
    let first = sample("a.txt", TEXT_A);
    let mut second = sample("b.txt", TEXT_B);
    second.meta.syndicated_from = Some("example.org".into());
    store.put_document(&first).unwrap();
    store.put_document(&second).unwrap();
    let mut seen = Vec::new();
    store
        .each_claim_with_copies(&mut |c| {
            seen.push(c);
            true
        })
        .unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].claim.document, first.id);
    assert_eq!(seen[0].claim.outlet.as_deref(), Some("Example News"));
    assert_eq!(seen[0].syndicated_from, None);
    assert_eq!(seen[1].syndicated_from.as_deref(), Some("example.org"));
    let plain = store.claims(&ClaimFilter::default(), Page::all()).unwrap();
    assert_eq!(seen[1].claim, plain[1]);
    // Stopping early stops.
    let mut n = 0;
    store
        .each_claim_with_copies(&mut |_| {
            n += 1;
            false
        })
        .unwrap();
    assert_eq!(n, 1);
}
