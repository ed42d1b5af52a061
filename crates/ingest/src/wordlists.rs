//! Word lists for reading plain-text pages, loaded once from `data/*.txt`.
//!
//! The lists hold general page-template vocabulary (button words, share prompts, media words),
//! never strings of a particular story.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use document::BoilerplateKind;

/// Phrases that mark a line as page furniture (`data/furniture.txt`).
pub(crate) struct FurniturePhrases {
    exact: HashMap<String, BoilerplateKind>,
    prefix: Vec<(String, BoilerplateKind)>,
    contains: Vec<(String, BoilerplateKind)>,
}

pub(crate) static FURNITURE: LazyLock<FurniturePhrases> = LazyLock::new(|| {
    let mut phrases = FurniturePhrases {
        exact: HashMap::new(),
        prefix: Vec::new(),
        contains: Vec::new(),
    };
    for line in lines(include_str!("../data/furniture.txt")) {
        let mut parts = line.splitn(3, ' ');
        let (Some(kind), Some(mode), Some(phrase)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(kind) = kind_from_name(kind) else {
            continue;
        };
        let phrase = phrase.trim().to_string();
        match mode {
            "exact" => {
                phrases.exact.insert(phrase, kind);
            }
            "prefix" => phrases.prefix.push((phrase, kind)),
            "contains" => phrases.contains.push((phrase, kind)),
            _ => {}
        }
    }
    phrases
});

impl FurniturePhrases {
    /// The kind of furniture a line is by its wording, if any. `normalised` is the line as
    /// [`normalise_line`] makes it; `n_words` its word count.
    pub(crate) fn classify(&self, normalised: &str, n_words: usize) -> Option<BoilerplateKind> {
        if let Some(kind) = self.exact.get(normalised) {
            return Some(*kind);
        }
        if n_words <= 40 {
            for (phrase, kind) in &self.prefix {
                if normalised.starts_with(phrase.as_str()) {
                    return Some(*kind);
                }
            }
        }
        if n_words <= 60 {
            for (phrase, kind) in &self.contains {
                if normalised.contains(phrase.as_str()) {
                    return Some(*kind);
                }
            }
        }
        None
    }
}

/// Lowercases a line, collapses its whitespace and removes bullets and punctuation at both ends,
/// so that "Related:", "» Related" and "RELATED" compare equal.
pub(crate) fn normalise_line(line: &str) -> String {
    let trimmed = line.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '*' | '•'
                    | '·'
                    | '|'
                    | '›'
                    | '»'
                    | '«'
                    | '→'
                    | '>'
                    | '<'
                    | '-'
                    | '–'
                    | '—'
                    | ':'
                    | '.'
                    | '!'
                    | '…'
                    | '#'
                    | '▶'
                    | '►'
                    | '+'
            )
    });
    let mut out = String::with_capacity(trimmed.len());
    for (i, word) in trimmed.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // An ASCII word (most of them) is copied and lowercased in place: the same as
        // `char::to_lowercase` on each of its characters, without a push per character.
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// The number of words in `s`, as `s.split_whitespace().count()` gives it. An ASCII line (all
/// but a few) is counted as the word starts, a non-space byte after a space, in a loop without
/// branches that the compiler vectorises: counting the words of every line with
/// `split_whitespace` was a tenth of reading a BBC article.
pub(crate) fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // The ASCII characters with Unicode's White_Space property (0x0B included).
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let bytes = s.as_bytes();
    let first = bytes.first().is_some_and(|&b| !space(b));
    usize::from(first)
        + bytes
            .windows(2)
            .map(|w| usize::from(space(w[0]) & !space(w[1])))
            .sum::<usize>()
}

/// Known outlets and agencies (`data/outlets.txt`), as written.
pub(crate) static OUTLETS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/outlets.txt")).collect());

/// Last words of outlet names (`data/media_words.txt`), case-sensitive.
pub(crate) static MEDIA_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/media_words.txt")).collect());

/// Lowercased words that make a byline an organisation (`data/org_words.txt`).
pub(crate) static ORG_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/org_words.txt")).collect());

/// Lowercased words that are never a cited outlet on their own (`data/not_sources.txt`).
pub(crate) static NOT_SOURCES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lines(include_str!("../data/not_sources.txt")).collect());

/// Whether a capitalised name looks like a news outlet: a known outlet, a name ending in a media
/// word ("Korea Herald"), a CamelCase word ending in one ("HuffPost"), or a web domain.
pub(crate) fn is_outlet_name(name: &str) -> bool {
    let name = name.trim();
    let bare = name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
        .unwrap_or(name);
    if OUTLETS.contains(bare) || OUTLETS.contains(name) || is_domain(bare) {
        return true;
    }
    let Some(last) = bare.split_whitespace().last() else {
        return false;
    };
    if MEDIA_WORDS.contains(last) {
        // "Agency" and friends are media words only after "News" or "Press"; a lone media word
        // ("the Times" is fine, "Today" is not) needs "the" or a second word.
        return bare.contains(' ') || name.len() > bare.len() || last.len() > 5;
    }
    camel_media_suffix(last)
}

/// "DataNews", "HuffPost": a word with an inner capital whose tail is a media word.
pub(crate) fn camel_media_suffix(word: &str) -> bool {
    for (i, c) in word.char_indices().skip(1) {
        if c.is_uppercase() {
            let tail = &word[i..];
            if MEDIA_WORDS.contains(tail) {
                return true;
            }
        }
    }
    false
}

/// "asia.nikkei.com", "www.example.co.uk": letters, digits and hyphens in dot-separated labels,
/// the last one alphabetic and 2 to 6 letters long.
pub(crate) fn is_domain(s: &str) -> bool {
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let s = s.trim_end_matches('/');
    if s.len() < 4 || s.len() > 80 || !s.contains('.') {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        return false;
    }
    let tld = labels[labels.len() - 1];
    (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn kind_from_name(name: &str) -> Option<BoilerplateKind> {
    use BoilerplateKind::*;
    Some(match name {
        "navigation" => Navigation,
        "widget" => Widget,
        "share" => Share,
        "related" => Related,
        "comments" => Comments,
        "author_bio" => AuthorBio,
        "caption" => Caption,
        "credit" => Credit,
        "byline" => Byline,
        "dateline" => Dateline,
        "label" => Label,
        "advertisement" => Advertisement,
        "footer" => Footer,
        "other" => Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_furniture_line_parses() {
        let n = lines(include_str!("../data/furniture.txt")).count();
        let f = &*FURNITURE;
        assert_eq!(
            f.exact.len() + f.prefix.len() + f.contains.len() + duplicates(),
            n,
            "a line of data/furniture.txt has a bad kind or mode"
        );
    }

    fn duplicates() -> usize {
        let mut seen = HashSet::new();
        lines(include_str!("../data/furniture.txt"))
            .filter(|l| l.contains(" exact ") && !seen.insert(l.split_once(" exact ").map(|p| p.1)))
            .count()
    }

    #[test]
    fn words_counted_as_split_whitespace_counts_them() {
        for s in [
            "",
            " ",
            "one",
            " two  words ",
            "\ta\r\nb \u{1f}c",
            "a\u{b}b\u{c}c",
            "no\u{a0}break\u{2009}thin",
            "£5 “quoted” – dash\u{3000}ideo",
            "\u{85}x\u{85}",
            "é",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn outlet_names() {
        assert!(is_outlet_name("the Wall Street Journal"));
        assert!(is_outlet_name("Reuters"));
        assert!(is_outlet_name("xyz DataNews"));
        assert!(is_outlet_name("example.co.uk"));
        assert!(!is_outlet_name("National Intelligence Service"));
        assert!(!is_outlet_name("Jane Doe"));
        assert_eq!(normalise_line("  » Related:  "), "related");
        assert_eq!(
            normalise_line("• ÉTÉ  Read\u{a0}MORE:\tNow »"),
            "été read more: now"
        );
        assert_eq!(
            FURNITURE.classify("leave a reply", 3),
            Some(BoilerplateKind::Comments)
        );
    }
}
