//! Snapshot of the entities found in `tests/data/*.txt` (segment + entities stages), and
//! property tests that mentions are well-formed on arbitrary text.
use document::{Document, Stage};
use proptest::prelude::*;

fn analyse(text: &str) -> Document {
    let mut doc = Document::from_text("test", text);
    segment::Segmenter.run(&mut doc);
    entities::EntitiesStage.run(&mut doc);
    doc
}

fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let mentions: Vec<&str> = doc
            .entity_mentions
            .iter()
            .filter(|m| m.entity == Some(i))
            .map(|m| doc.text_of(m.span))
            .collect();
        out.push_str(&format!(
            "{:?} {} | aliases {:?} | roles {:?} | mentions {:?}\n",
            e.label, e.name, e.aliases, e.roles, mentions
        ));
    }
    out
}

#[test]
fn entities_of_test_texts() {
    insta::glob!("data/story*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        insta::assert_snapshot!(render(&analyse(&text)));
    });
}

proptest! {
    #[test]
    fn mentions_fit(text in "[A-Za-z .,!?\"'’()\\-\n0-9é]{0,120}") {
        let doc = analyse(&text);
        prop_assert!(doc.validate().is_ok());
        for m in &doc.entity_mentions {
            prop_assert!(m.span.fits(&text));
            prop_assert!(m.entity.is_some_and(|e| e < doc.entities.len()));
        }
    }
}
