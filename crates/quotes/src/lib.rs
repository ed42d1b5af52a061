//! TODO: the quotes stage (see ARCHITECTURE.md). Placeholder that adds nothing yet.

use document::{Document, Layer, Stage};

pub struct QuotesStage;

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, _doc: &mut Document) {}
}
