//! Prints the entities of text files (development helper): segment + entities stages only.
use document::{Document, Stage};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut doc = Document::from_text(path.clone(), text);
        segment::Segmenter.run(&mut doc);
        entities::EntitiesStage.run(&mut doc);
        println!("== {path}");
        for (i, e) in doc.entities.iter().enumerate() {
            let n = doc
                .entity_mentions
                .iter()
                .filter(|m| m.entity == Some(i))
                .count();
            println!(
                "{:?} | {} | {:?} | roles {:?} | {n} mentions",
                e.label, e.name, e.aliases, e.roles
            );
        }
    }
}
