//! Sources an article cites or says it was copied from: "according to the Wall Street Journal",
//! "citing Reuters", "as reported by X", "told the New York Times", "Original Source: example.com",
//! "LONDON (Reuters) -".
//!
//! A cite here is a news outlet or publication, not any organisation a figure is attributed to
//! ("according to the Defence Ministry" is an attribution, found by the claims stage). A name is
//! an outlet when it is known (`data/outlets.txt`), ends in a media word ("Herald", "Times"), is
//! a web domain, or follows a word that says so ("the newspaper X"). After the strongest cues
//! ("according to", "as reported by", "citing") a lone unknown capitalised word is taken too,
//! unless it is a place, a day or a word the page also uses inside a longer name (a person's).

use std::collections::HashSet;
use std::sync::LazyLock;

use document::{BoilerplateKind, Cite, Document, Span};
use regex::Regex;

use crate::wordlists::{self, NOT_SOURCES};

/// A line that names the source a page was copied from.
pub(crate) static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:original\s+source|original\s+article|source|sources|via)\s*:\s*|(?:originally\s+(?:published|appeared)\s+(?:on|by|at|in)|this\s+(?:article|story|post|piece)\s+(?:was\s+)?(?:first|originally)\s+(?:appeared|published)\s+(?:on|in|at|by)|republished\s+(?:from|with\s+permission\s+from)|first\s+published\s+(?:on|in|by))\s+)")
        .expect("source-line pattern")
});

/// Cues followed by the source's name.
static FORWARD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?P<strong>according\s+to|citing|as\s+reported\s+by|reported\s+by|first\s+reported\s+by|cited\s+by|as\s+reported\s+in)|(?P<weak>told|in\s+an\s+interview\s+with|quoted\s+by|an?\s+report\s+(?:by|from|in)|reports?\s+(?:by|from|in)|reporting\s+by|published\s+(?:by|in))|(?P<apposition>news\s+agency|newspaper|(?:state|public|national|local|regional)\s+broadcaster|news\s+outlet|outlet|news\s+site|news\s+website|magazine|tabloid|wire\s+service|state\s+media|daily))\s+")
        .expect("forward cue pattern")
});

/// Cues preceded by the source's name: "the Wall Street Journal has reported", "Reuters' report".
static BACKWARD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s+(?:has\s+|had\s+|have\s+|first\s+|also\s+|previously\s+|earlier\s+)?(?:reported|reports)(?-u:\b)|(?:'s|’s|'|’)\s+(?:report|reporting|investigation|analysis|story|article|tally|count)(?-u:\b))")
        .expect("backward cue pattern")
});

/// A name, a media noun and a reporting verb: "the Yonhap news agency reported".
static NOUN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:news\s+agency|newspaper|daily|broadcaster|news\s+outlet|outlet|tabloid|magazine|wire\s+service|news\s+site|website)\s+(?:has\s+|had\s+|also\s+|first\s+)?(?:reported|reports|said|says|wrote|cited|quoted)(?-u:\b)")
        .expect("noun cue pattern")
});

/// Words one of which every [`BACKWARD_CUE`] match holds, right after whitespace: "report"
/// (in "reported", "reports", "report", "reporting") and the nouns after a possessive.
static BACKWARD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"report|investigation|analysis|story|article|tally|count")
        .expect("backward words pattern")
});

/// The media nouns one of which every [`NOUN_CUE`] match holds ("wire" for "wire service",
/// "site" for "news site" and "website").
static NOUN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"agency|newspaper|daily|broadcaster|outlet|tabloid|magazine|wire|site")
        .expect("noun words pattern")
});

/// Whether [`BACKWARD_CUE`] may match in `text`: some word it needs follows whitespace, and a
/// noun other than "report" follows a possessive ("'s", "’s", "'", "’") and whitespace. A
/// literal search, many times faster than the cue's own scan (which opens with `\s+` and so has
/// no literal to skip ahead with), and false for most articles.
fn backward_cue_possible(text: &str) -> bool {
    BACKWARD_WORDS.find_iter(text).any(|m| {
        let before = &text[..m.start()];
        if !before.ends_with(char::is_whitespace) {
            return false;
        }
        if m.as_str() == "report" {
            return true;
        }
        let owner = before.trim_end_matches(char::is_whitespace);
        let owner = owner.strip_suffix('s').unwrap_or(owner);
        owner.ends_with(['\'', '’'])
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// "according to", "citing": an unknown single name is taken.
    Strong,
    /// "told", "reported": only outlet-shaped names.
    Weak,
    /// "the newspaper X": any name.
    Apposition,
}

/// Finds cited and syndicated sources in `doc` and adds them to `doc.meta.cites` (one per name),
/// setting `syndicated_from` when the page says it is a copy.
pub(crate) fn find_cites(doc: &mut Document) {
    let text = doc.text();
    let mut found: Vec<Cite> = Vec::new();
    let skip_kinds = [
        BoilerplateKind::Comments,
        BoilerplateKind::Related,
        BoilerplateKind::Share,
        BoilerplateKind::Navigation,
        BoilerplateKind::Advertisement,
        BoilerplateKind::AuthorBio,
    ];
    // Sorted, so that each cue is checked with a binary search, not a scan of all furniture.
    let mut skipped: Vec<Span> = doc
        .boilerplate
        .iter()
        .filter(|b| skip_kinds.contains(&b.kind))
        .map(|b| b.span)
        .collect();
    skipped.sort();
    let mut reach = 0;
    let skipped_reach: Vec<usize> = skipped
        .iter()
        .map(|s| {
            reach = reach.max(s.end());
            reach
        })
        .collect();
    // The furthest end among spans starting at or before `at` tells whether one covers it.
    let in_skipped = |at: usize| {
        let n = skipped.partition_point(|s| s.start() <= at);
        n > 0 && skipped_reach[n - 1] > at
    };

    // Source lines and datelines, line by line.
    let mut at = 0;
    let mut n_lines = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = at + (raw.len() - raw.trim_start().len());
        at += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        n_lines += 1;
        if wordlists::count_words(line) <= 25 {
            if let Some(cue) = SOURCE_LINE.find(line) {
                if let Some((span, name)) =
                    source_after(text, line_start + cue.end(), line_start + line.len())
                {
                    found.push(Cite {
                        name,
                        url: None,
                        span: Some(span),
                        syndication: true,
                    });
                }
            }
        }
        if n_lines <= 8 {
            if let Some(agency) = crate::furniture::dateline_agency(line) {
                let span = Span::new(line_start + agency.start, line_start + agency.end);
                let name = text[span.start()..span.end()].to_string();
                let own = doc
                    .meta
                    .outlet
                    .as_deref()
                    .is_some_and(|o| same_outlet(o, &name));
                found.push(Cite {
                    name,
                    url: None,
                    span: Some(span),
                    syndication: !own,
                });
            }
        }
    }

    for caps in FORWARD_CUE.captures_iter(text) {
        let Some(cue) = caps.get(0) else { continue };
        if in_skipped(cue.start()) {
            continue;
        }
        let strength = if caps.name("strong").is_some() {
            Strength::Strong
        } else if caps.name("weak").is_some() {
            Strength::Weak
        } else {
            // "the newspaper X": the cue word must be in lowercase ("Daily" may be a name's end).
            if cue.as_str().chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            Strength::Apposition
        };
        let Some(name) = name_after(text, cue.end()) else {
            continue;
        };
        if accept(text, &name, strength) {
            found.push(name.into_cite(text));
        }
    }
    let backward_cues = backward_cue_possible(text)
        .then(|| BACKWARD_CUE.find_iter(text))
        .into_iter()
        .flatten();
    for m in backward_cues {
        if in_skipped(m.start()) {
            continue;
        }
        let Some(name) = name_before(text, m.start()) else {
            continue;
        };
        if wordlists::is_outlet_name(&text[name.start..name.end]) {
            found.push(name.into_cite(text));
        }
    }

    // Every match holds a media noun: most articles have none, and skip the scan.
    let noun_cues = NOUN_WORDS
        .is_match(text)
        .then(|| NOUN_CUE.find_iter(text))
        .into_iter()
        .flatten();
    for m in noun_cues {
        if in_skipped(m.start()) {
            continue;
        }
        let Some(mut name) = name_before(text, m.start()) else {
            continue;
        };
        // "the Yonhap news agency": "the" belongs to the noun, not the name.
        name.span_start = name.start;
        let surface = &text[name.start..name.end];
        if name.n_words <= 5 && !NOT_SOURCES.contains(surface.to_lowercase().as_str()) {
            found.push(name.into_cite(text));
        }
    }

    found.sort_by_key(|c| c.span.map(|s| s.start()));
    let mut seen: HashSet<String> = doc
        .meta
        .cites
        .iter()
        .map(|c| c.name.to_lowercase())
        .collect();
    let own_outlet = doc.meta.outlet.clone();
    for mut cite in found {
        // A page does not copy itself: "Source: CNN" on a CNN page names its own outlet.
        if own_outlet
            .as_deref()
            .is_some_and(|o| same_outlet(o, &cite.name))
        {
            cite.syndication = false;
        }
        if seen.insert(cite.name.to_lowercase()) {
            if cite.syndication && doc.meta.syndicated_from.is_none() {
                doc.meta.syndicated_from = Some(cite.name.clone());
            }
            doc.meta.cites.push(cite);
        }
    }
}

/// Whether two outlet names are one: equal but for case and a leading "The", or one the initials
/// of the other ("AP", "The Associated Press").
pub(crate) fn same_outlet(a: &str, b: &str) -> bool {
    let bare = |s: &str| {
        s.trim()
            .trim_start_matches("The ")
            .trim_start_matches("the ")
            .to_lowercase()
    };
    let (a, b) = (bare(a), bare(b));
    let initials = |s: &str| {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    };
    a == b || (!a.contains(' ') && a == initials(&b)) || (!b.contains(' ') && b == initials(&a))
}

/// A capitalised name found next to a cue: `start..end` is the name, `span_start` includes a
/// leading "the".
struct Name {
    span_start: usize,
    start: usize,
    end: usize,
    n_words: usize,
    /// The name stops at punctuation or the end of the line, or at one of a few verbs.
    closed: bool,
}

impl Name {
    fn into_cite(mut self, text: &str) -> Cite {
        let name = &text[self.start..self.end];
        // "the BBC", "the Reuters news agency": "the" is not part of a known name or an acronym.
        let first = name.split_whitespace().next().unwrap_or_default();
        if wordlists::OUTLETS.contains(name)
            || wordlists::OUTLETS.contains(first)
            || first.chars().all(|c| !c.is_lowercase())
        {
            self.span_start = self.start;
        }
        let name = if self.span_start < self.start {
            format!("The {name}")
        } else {
            name.to_string()
        };
        let name = if wordlists::is_domain(&name) {
            name.to_ascii_lowercase()
                .trim_start_matches("www.")
                .to_string()
        } else {
            name
        };
        Cite {
            name,
            url: None,
            span: Some(Span::new(self.span_start, self.end)),
            syndication: false,
        }
    }
}

// "and" is left out: "the Wall Street Journal and the Financial Times" are two sources.
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "du", "des", "la", "le", "el", "al", "for", "on", "di", "der", "die",
];
const CLOSING_VERBS: &[&str] = &[
    "reported", "reports", "said", "says", "which", "wrote", "writes", "noted", "added",
];

/// The words of `s` with their offsets in the document (`base` is where `s` starts). Any Unicode
/// whitespace separates words: pages use no-break spaces inside names.
fn words_at(s: &str, base: usize) -> impl DoubleEndedIterator<Item = (usize, &str)> + '_ {
    let origin = s.as_ptr() as usize;
    s.split_whitespace()
        .map(move |w| (base + (w.as_ptr() as usize - origin), w))
}

/// Names are looked for this many bytes around a cue at most, so that a page of one huge line
/// costs no more than a page of short ones.
const WINDOW: usize = 300;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn name_after(text: &str, pos: usize) -> Option<Name> {
    let limit = floor_boundary(text, (pos + WINDOW).min(text.len()));
    let line_end = text[pos..limit].find('\n').map_or(limit, |i| pos + i);
    let mut words = words_at(&text[pos..line_end], pos).peekable();
    let mut span_start = None;
    if let Some(&(at, word)) = words.peek() {
        if word == "the" || word == "The" {
            span_start = Some(at);
            words.next();
        }
    }
    let mut start = None;
    let mut end = pos;
    let mut n_words = 0;
    let mut closed = false;
    let mut pending_connectors = 0;
    for (word_start, word) in words {
        let core = word.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '”', '\'', '’']);
        let core = core
            .strip_suffix("’s")
            .or_else(|| core.strip_suffix("'s"))
            .unwrap_or(core);
        let stopped = core.len() < word.len();
        if core.is_empty() {
            break;
        }
        if n_words == 0 && wordlists::is_domain(core) {
            start = Some(word_start);
            end = word_start + core.len();
            n_words = 1;
            closed = true;
            break;
        }
        let first = core.chars().next().unwrap_or(' ');
        if first.is_uppercase() || (n_words > 0 && first.is_ascii_digit()) {
            start.get_or_insert(word_start);
            n_words += 1 + pending_connectors;
            pending_connectors = 0;
            end = word_start + core.len();
            if stopped {
                closed = true;
                break;
            }
            if n_words >= 8 {
                break;
            }
        } else if n_words > 0 && CONNECTORS.contains(&core) && !stopped {
            pending_connectors += 1;
        } else {
            closed = n_words > 0 && pending_connectors == 0 && CLOSING_VERBS.contains(&core);
            break;
        }
    }
    if n_words > 0 && pending_connectors == 0 && text[end..line_end].trim().is_empty() {
        closed = true;
    }
    let start = start?;
    // "the" counts only right before the name.
    let span_start = span_start
        .filter(|&s| text[s..start].split_whitespace().count() == 1)
        .unwrap_or(start);
    Some(Name {
        span_start,
        start,
        end,
        n_words,
        closed,
    })
}

fn name_before(text: &str, pos: usize) -> Option<Name> {
    let limit = floor_boundary(text, pos.saturating_sub(WINDOW));
    let line_start = text[limit..pos]
        .rfind('\n')
        .map_or(limit, |i| limit + i + 1);
    let mut start = None;
    let mut end = None;
    let mut span_start = None;
    let mut n_words = 0;
    for (at, word) in words_at(&text[line_start..pos], line_start).rev() {
        if end.is_some() && word.ends_with([',', '.', ';', ':', ')', '"', '”']) {
            break;
        }
        if word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_alphabetic)
            && word != "The"
        {
            n_words += 1;
            start = Some(at);
            end.get_or_insert(at + word.len());
        } else if (word == "the" || word == "The") && start.is_some() {
            span_start = Some(at);
            break;
        } else if n_words > 0 && CONNECTORS.contains(&word) {
            // Inside a name ("Voice of America"); dropped if the name stops here.
        } else {
            break;
        }
        if n_words >= 8 {
            break;
        }
    }
    let (start, end) = (start?, end?);
    let span_start = span_start
        .filter(|&s| text[s..start].split_whitespace().count() == 1)
        .unwrap_or(start);
    Some(Name {
        span_start,
        start,
        end,
        n_words,
        closed: true,
    })
}

fn accept(text: &str, name: &Name, strength: Strength) -> bool {
    let surface = &text[name.start..name.end];
    if wordlists::is_outlet_name(surface)
        || (name.span_start < name.start
            && wordlists::is_outlet_name(&text[name.span_start..name.end]))
    {
        return true;
    }
    match strength {
        Strength::Weak => false,
        Strength::Apposition => {
            name.n_words <= 5 && !NOT_SOURCES.contains(surface.to_lowercase().as_str())
        }
        Strength::Strong => {
            // One unknown word, closed by punctuation: "as reported by Example." Not a place, not
            // an acronym (an agency of government), not a word the page uses in a longer name.
            name.n_words == 1
                && name.closed
                && name.span_start == name.start
                && surface.chars().any(char::is_lowercase)
                && !NOT_SOURCES.contains(surface.to_lowercase().as_str())
                && !part_of_longer_name(text, surface)
        }
    }
}

/// Whether `word` appears somewhere in `text` next to another capitalised word ("Min Ho").
fn part_of_longer_name(text: &str, word: &str) -> bool {
    for (i, _) in text.match_indices(word) {
        let mut after = text[i + word.len()..].chars();
        if after.next().is_some_and(|c| c.is_whitespace() && c != '\n')
            && after.next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        let before = &text[..i];
        if !before.ends_with(|c: char| c.is_whitespace() && c != '\n') {
            continue;
        }
        let before = before.trim_end();
        let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let sentence_start =
            before.ends_with(['.', '!', '?', ',', ':', ';', '"', '”']) || prev.is_empty();
        if !sentence_start && prev.chars().next().is_some_and(char::is_uppercase) && prev != "The" {
            return true;
        }
    }
    false
}

/// The source named after a "Source:" cue: a domain or a short name.
fn source_after(text: &str, pos: usize, line_end: usize) -> Option<(Span, String)> {
    let rest = &text[pos..line_end];
    let token = rest.split_whitespace().next()?;
    let bare = token.trim_end_matches(['.', ',', ';', ')']);
    if wordlists::is_domain(bare) {
        let lead = rest.len() - rest.trim_start().len();
        let start = pos + lead;
        let name = bare
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_ascii_lowercase();
        return Some((Span::new(start, start + bare.len()), name));
    }
    let name = name_after(text, pos)?;
    let cite = name.into_cite(text);
    Some((cite.span?, cite.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(text: &str) -> Vec<String> {
        let mut doc = Document::from_text("t", text);
        find_cites(&mut doc);
        doc.meta
            .cites
            .iter()
            .map(|c| {
                format!(
                    "{} {:?} {}",
                    c.name,
                    c.span.map(|s| doc.text_of(s)),
                    c.syndication
                )
            })
            .collect()
    }

    #[test]
    fn cue_phrases() {
        assert_eq!(
            cites("Troops were deceived, the Wall Street Journal has reported."),
            ["The Wall Street Journal Some(\"the Wall Street Journal\") false"]
        );
        assert_eq!(
            cites("They said so, citing Reuters."),
            ["Reuters Some(\"Reuters\") false"]
        );
        assert_eq!(
            cites("Original Source: asia.example.com"),
            ["asia.example.com Some(\"asia.example.com\") true"]
        );
        assert_eq!(
            cites("It was there, as reported by Examplepress."),
            ["Examplepress Some(\"Examplepress\") false"]
        );
        assert!(
            cites("according to South Korea’s National Intelligence Service, 300 died").is_empty()
        );
        assert!(cites("according to a former sergeant, Han Ji-woo, who").is_empty());
        assert!(
            cites("Song Min Ho wrote it. Later, \"I will go,\" Min wrote, according to Min.")
                .is_empty()
        );
        assert!(cites("according to Moscow.").is_empty());
        assert_eq!(
            cites("the Examplenews news agency reported on Monday."),
            ["Examplenews Some(\"Examplenews\") false"]
        );
        assert!(cites("the South Korean newspaper Chosun reported")
            .iter()
            .all(|c| !c.starts_with("South")));
        assert_eq!(
            cites("They were battling South Korean forces, the\u{a0}Wall Street Journal\u{a0}has reported.\n\nThe two told the Wall Street Journal they had been told."),
            ["The Wall Street Journal Some(\"the\\u{a0}Wall Street Journal\") false"]
        );
    }
}
