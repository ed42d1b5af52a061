//! TODO: the entities stage (see ARCHITECTURE.md). Placeholder that adds nothing yet.

use document::{Document, Layer, Stage};

pub struct EntitiesStage;

impl Stage for EntitiesStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, _doc: &mut Document) {}
}
