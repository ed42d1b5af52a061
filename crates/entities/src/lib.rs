//! Named entities: people, organisations, places, nationality groups, and which mentions in a
//! document are the same entity.
//!
//! Reads `sentences`, `tokens` and `boilerplate`; writes `entity_mentions` and `entities`.
//! Mentions come from a statistical tagger trained by the project ([`tagger`], an averaged
//! perceptron on UNER English, reproducible with `corroborate train ner`), plus lexicon rules
//! on top: nationalities and groups ("North Korean", "Ukrainians") become NORP, a byline
//! ("By Jane Doe") names a person, titles before a name ("President", "Sgt.") are recorded as
//! roles and kept out of the name. [`coref`] then groups mentions into within-document entities;
//! identity across documents is decided later (`reconcile::entities`, called by the store).
//! It does not resolve pronouns, and it does not link to any knowledge base.

pub mod coref;
pub mod error;
pub mod lexicon;
pub mod tagger;
pub mod train;

use document::{Document, EntityMention, EntityType, Layer, Span, Stage};

pub use error::EntitiesError;

/// The entities stage.
pub struct EntitiesStage;

impl Stage for EntitiesStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn reads(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Boilerplate]
    }
    fn writes(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Document) {
        let found = find_mentions(doc);
        let text = doc.text();
        let ins: Vec<coref::MentionIn> = found
            .iter()
            .map(|f| coref::MentionIn {
                text: &text[f.span.start()..f.span.end()],
                label: f.label,
                boilerplate: f.boilerplate,
                roles: f.roles.clone(),
            })
            .collect();
        let (entities, assign) = coref::resolve(&ins);
        let mentions = found
            .iter()
            .zip(&assign)
            .map(|(f, &e)| EntityMention {
                span: f.span,
                label: entities.get(e).map_or(f.label, |x| x.label),
                entity: Some(e),
            })
            .collect();
        doc.entity_mentions = mentions;
        doc.entities = entities;
    }
}

/// A mention found in a document, before coreference.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub span: Span,
    pub label: EntityType,
    pub boilerplate: bool,
    pub roles: Vec<String>,
}

/// Spans to tag: sentences, plus boilerplate paragraphs (which have tokens but no sentences).
fn units(doc: &Document) -> Vec<(Span, bool)> {
    let mut units: Vec<(Span, bool)> = doc.sentences.iter().map(|s| (s.span, false)).collect();
    for p in &doc.paragraphs {
        if doc.is_boilerplate(*p) && !doc.sentences.iter().any(|s| p.overlaps(s.span)) {
            units.push((*p, true));
        }
    }
    units.sort_by_key(|u| u.0);
    units
}

/// Tags every sentence and boilerplate paragraph of `doc` and applies the lexicon rules.
pub fn find_mentions(doc: &Document) -> Vec<Found> {
    let text = doc.text();
    let mut scratch = tagger::Scratch::default();
    let mut tags = Vec::new();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for (unit, boiler) in units(doc) {
        let lo = doc.tokens.partition_point(|t| t.span.start() < unit.start());
        let hi = doc.tokens.partition_point(|t| t.span.end() <= unit.end());
        if lo >= hi {
            continue;
        }
        let toks: Vec<Span> = doc.tokens[lo..hi].iter().map(|t| t.span).collect();
        words.clear();
        words.extend(toks.iter().map(|s| &text[s.start()..s.end()]));
        let boilerplate = boiler || doc.is_boilerplate(unit);
        tag_words(&words, &mut scratch, &mut tags);
        for (a, b, label) in mentions_in(&words, &tags) {
            let span = Span::new(toks[a].start(), toks[b - 1].end());
            let roles = roles_for(&words, a, b, label);
            out.push(Found { span, label, boilerplate, roles });
        }
    }
    out
}

/// Tags a tokenised sentence with the committed model (all O if the model is missing).
pub fn tag_words(words: &[&str], scratch: &mut tagger::Scratch, out: &mut Vec<u8>) {
    match tagger::model() {
        Some(m) => m.tag(words, scratch, out),
        None => {
            out.clear();
            out.resize(words.len(), 0);
        }
    }
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

const DIRECTIONS: &[&str] = &["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western"];

/// Mentions (token start, end, type) of a tagged sentence, after the lexicon rules.
pub fn mentions_in(words: &[&str], tags: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let lx = lexicon::lexicon();
    let mut out: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut covered = vec![false; words.len()];
    // A byline: "By Jane Doe", "BY JANE DOE".
    if words.len() >= 3 && words.len() <= 8 && words[0].eq_ignore_ascii_case("by") {
        let mut j = 1;
        while j < words.len() && j <= 4 && is_cap(words[j]) && words[j].chars().all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'') {
            j += 1;
        }
        if j >= 3 {
            out.push((1, j, EntityType::Person));
            covered[1..j].iter_mut().for_each(|c| *c = true);
        }
    }
    for (a, b, label) in tagger::spans(tags) {
        if covered[a..b].iter().any(|&c| c) {
            continue;
        }
        let (mut a, b) = (a, b);
        // Titles inside a person span are roles, not name.
        if label == 0 {
            while a + 1 < b && lx.is_title(words[a]) {
                a += 1;
            }
        }
        let span_text_is_norp = {
            let last = words[b - 1];
            lx.is_norp(last) && (b - a == 1 || DIRECTIONS.contains(&words[a]))
        };
        // Skip spans with no letter or no capital at all (web text noise).
        if !words[a..b].iter().any(|w| w.chars().any(char::is_alphabetic)) || !words[a..b].iter().any(|w| is_cap(w)) {
            continue;
        }
        let ty = match label {
            _ if span_text_is_norp => EntityType::Norp,
            0 => EntityType::Person,
            1 => EntityType::Org,
            2 => EntityType::Gpe,
            _ => EntityType::Other,
        };
        out.push((a, b, ty));
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    // Nationalities and groups the tagger left out: "a Ukrainian journalist", "North Koreans".
    let mut i = 0;
    while i < words.len() {
        if !covered[i] && is_cap(words[i]) && lx.is_norp(words[i]) {
            let mut a = i;
            if i > 0 && !covered[i - 1] && DIRECTIONS.contains(&words[i - 1]) {
                a = i - 1;
            }
            out.push((a, i + 1, EntityType::Norp));
            covered[a..=i].iter_mut().for_each(|c| *c = true);
        }
        i += 1;
    }
    out.sort_by_key(|m| m.0);
    out
}

/// Roles around a person mention: title words right before it ("President", "Sgt.").
fn roles_for(words: &[&str], a: usize, _b: usize, label: EntityType) -> Vec<String> {
    let lx = lexicon::lexicon();
    let mut roles = Vec::new();
    if label != EntityType::Person {
        return roles;
    }
    let mut k = a;
    while k > 0 && lx.is_title(words[k - 1]) && is_cap(words[k - 1]) {
        k -= 1;
    }
    if k < a {
        let title: Vec<&str> = words[k..a].iter().map(|w| w.trim_end_matches('.')).collect();
        roles.push(title.join(" ").to_lowercase());
    }
    roles
}
