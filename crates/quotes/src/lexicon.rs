//! The word lists under `data/`: cue words and speaker descriptions, parsed once.

use std::sync::OnceLock;

/// What a cue says about where the speaker is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CueKind {
    /// The subject of the cue is the speaker ("X said", "said X").
    Speech,
    /// The speaker follows the cue ("according to X").
    Source,
    /// The quoted words are a name or title ("titled", "dubbed"): nobody says them.
    Naming,
    /// The speaker follows the quote as "by X" ("deemed 'useless' by analysts").
    Passive,
}

/// Grammatical gender a description or title implies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

/// What a description head noun tells about the one it describes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Description {
    pub gender: Gender,
    pub plural: bool,
    /// A text with an author (a letter, a note): its author is the real speaker.
    pub artifact: bool,
    /// An organisation or body of people rather than a person.
    pub group: bool,
    /// A personal writing (letter, note, diary): without a named author, its author is the person
    /// the text is about.
    pub personal: bool,
}

/// The word lists are looked up once per word, and SipHash costs more than the lookup.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

pub struct Lexicon {
    /// Cue word sequences (lower case words), longest first.
    pub cues: Vec<(Vec<String>, CueKind)>,
    /// For each first word, the indices into `cues` of the cues starting with it, in `cues` order.
    pub cues_by_first: FastMap<String, Vec<usize>>,
    pub descriptions: FastMap<String, Description>,
}

const CUES: &str = include_str!("../data/cues.txt");
const DESCRIPTIONS: &str = include_str!("../data/descriptions.txt");

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let cues = parse_cues(CUES);
        let mut cues_by_first: FastMap<String, Vec<usize>> = FastMap::default();
        for (idx, (words, _)) in cues.iter().enumerate() {
            if let Some(first) = words.first() {
                cues_by_first.entry(first.clone()).or_default().push(idx);
            }
        }
        Lexicon {
            cues,
            cues_by_first,
            descriptions: parse_descriptions(DESCRIPTIONS),
        }
    })
}

fn data_lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(2, '\t');
            (
                parts.next().unwrap_or("").trim(),
                parts.next().unwrap_or("").trim(),
            )
        })
}

fn parse_cues(text: &str) -> Vec<(Vec<String>, CueKind)> {
    let mut out: Vec<(Vec<String>, CueKind)> = Vec::new();
    for (form, kind) in data_lines(text) {
        let kind = match kind {
            "source" => CueKind::Source,
            "naming" => CueKind::Naming,
            "passive" => CueKind::Passive,
            _ => CueKind::Speech,
        };
        let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
        if !words.is_empty() && !out.iter().any(|(w, _)| *w == words) {
            out.push((words, kind));
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
    out
}

fn parse_descriptions(text: &str) -> FastMap<String, Description> {
    let mut out = FastMap::default();
    for (noun, tags) in data_lines(text) {
        let tags: Vec<&str> = tags.split_whitespace().collect();
        let gender = if tags.contains(&"f") {
            Gender::Female
        } else if tags.contains(&"m") {
            Gender::Male
        } else {
            Gender::Unknown
        };
        out.insert(
            noun.to_lowercase(),
            Description {
                gender,
                plural: tags.contains(&"pl"),
                artifact: tags.contains(&"artifact"),
                group: tags.contains(&"group"),
                personal: tags.contains(&"personal"),
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_parse() {
        let lex = lexicon();
        assert!(lex
            .cues
            .iter()
            .any(|(w, k)| w == &["according", "to"] && *k == CueKind::Source));
        assert_eq!(lex.cues[0].0.len(), 2, "longest cues first");
        assert_eq!(lex.descriptions["mother"].gender, Gender::Female);
        assert!(lex.descriptions["letter"].artifact);
        assert!(lex.descriptions["officials"].plural);
    }
}
