//! TODO: the numbers stage (see ARCHITECTURE.md). Placeholder that adds nothing yet.

use document::{Document, Layer, Stage};

pub struct NumbersStage;

impl Stage for NumbersStage {
    fn name(&self) -> &'static str {
        "numbers"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Quantities, Layer::Dates]
    }
    fn run(&self, _doc: &mut Document) {}
}
