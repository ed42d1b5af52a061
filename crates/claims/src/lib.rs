//! TODO: the claims stage (see ARCHITECTURE.md). Placeholder that adds nothing yet.

use document::{Document, Layer, Stage};

pub struct ClaimsStage;

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Quantities, Layer::Dates, Layer::Entities]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Claims]
    }
    fn run(&self, _doc: &mut Document) {}
}
