//! Cross-document entity resolution (TODO: entities helper). The store calls these two functions:
//! `candidate_keys` to index entities, `match_entities` to decide a new document's entities.

use document::{Document, Entity, EntityType};

/// An entity the store already knows.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownEntity {
    pub id: i64,
    pub name: String,
    pub label: EntityType,
    pub aliases: Vec<String>,
}

/// Blocking keys: the store looks up known entities sharing any key with a new one.
pub fn candidate_keys(entity: &Entity) -> Vec<String> {
    vec![entity.name.to_lowercase()]
}

/// For each entity of `doc` (same order as `doc.entities`), the id of the known entity it is,
/// or `None` for a new one. `candidates` are the known entities sharing a key with any of them.
pub fn match_entities(doc: &Document, candidates: &[KnownEntity]) -> Vec<Option<i64>> {
    doc.entities
        .iter()
        .map(|e| candidates.iter().find(|k| k.label == e.label && k.name.eq_ignore_ascii_case(&e.name)).map(|k| k.id))
        .collect()
}
