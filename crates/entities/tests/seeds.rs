//! The seed story (`../shared/corpus/seeds`, beside the repository): every person name the
//! reconciliation needs is tagged PERSON in each seed: the soldier's three-part Korean name in
//! both orders, the other defectors and soldiers, and the byline. Skipped (with a note) when the
//! seeds are absent. Nothing here is special-cased in the library: these are its outputs.
use document::{Document, EntityType, Stage};

fn persons(path: &std::path::Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut doc = Document::from_text("seed", text);
    segment::Segmenter.run(&mut doc);
    entities::EntitiesStage.run(&mut doc);
    Some(
        doc.entity_mentions
            .iter()
            .filter(|m| m.label == EntityType::Person)
            .map(|m| doc.text_of(m.span).to_string())
            .collect(),
    )
}

#[test]
fn seed_person_names_are_tagged() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let cases: &[(&str, &[&str])] = &[
        ("000_eff1ab1c021a02e0.txt", &["YOUNGNAM KIM"]),
        (
            "001_18965a63ac7b65ea.txt",
            &["Jong Gyong Hong", "Kim Jong Un"],
        ),
        (
            "002_1412b5c1e3fcfdfa.txt",
            &["Gyong Hong Jong", "Kim Jong-un"],
        ),
        (
            "003_ca3b11eb4e253d25.txt",
            &["Ryu Seong-hyeon", "Pak Yusung", "Ryu", "Pak"],
        ),
        ("004_6096cfb401cc0531.txt", &["Paek", "Ri"]),
    ];
    for (file, names) in cases {
        let path = dir.join(file);
        let Some(found) = persons(&path) else {
            eprintln!("note: {} absent, seed check skipped", path.display());
            return;
        };
        for name in *names {
            assert!(
                found.iter().any(|f| f == name),
                "{file}: no PERSON mention {name:?}; persons found: {found:?}"
            );
        }
        // A sentence-initial common noun is not glued to a name ("Defectors Ryu").
        assert!(
            !found.iter().any(|f| f.starts_with("Defectors")),
            "{file}: {found:?}"
        );
    }
}
