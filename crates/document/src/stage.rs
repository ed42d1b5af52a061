use crate::Document;

/// The annotation layers of a [`Document`], named so a stage can say what it reads and writes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Layer {
    Metadata,
    Boilerplate,
    Paragraphs,
    Sentences,
    Tokens,
    Entities,
    Quantities,
    Dates,
    Claims,
    Quotes,
}

/// One step of analysis: reads some layers of a document and adds others.
///
/// A stage never changes `Document::text` (it cannot: the field is private and has no setter).
/// A stage that cannot read a sentence records nothing for it rather than failing the document.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn reads(&self) -> &'static [Layer];
    fn writes(&self) -> &'static [Layer];
    fn run(&self, doc: &mut Document);
}
