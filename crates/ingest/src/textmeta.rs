//! Metadata of a plain-text page: dates inside a line, bylines, and the choice of title, author,
//! outlet and publication date from the lines [`crate::furniture`] has read.
//!
//! Dates are found with one regex per date shape ("March 2, 2025", "2 March 2025", "2025-03-02",
//! "02/03/2025"), not with `parse_date`, because a line holds other words around the date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use document::{Document, Span};
use regex::Regex;

use crate::furniture::{DateRole, Layout};
use crate::wordlists::{self, ORG_WORDS};

const MONTHS: &str = r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?";
const WEEKDAYS: &str = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?-u:\b)(?:{WEEKDAYS})?(?:(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})(?-u:\b)|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS}),?\s+(?P<y2>\d{{4}})(?-u:\b)|(?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}})|(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>\d{{4}})(?-u:\b))"
    );
    Regex::new(&pattern).expect("date pattern")
});

/// A clock time, possibly with a zone: "10:42 AM EST", "14:05 GMT".
pub(crate) static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?-u:\b))?|(?-u:\b)\d{1,2}\s*[ap]\.?m\.?(?:\s+[A-Z]{2,5}(?-u:\b))?").expect("time pattern")
});

/// A date expression found inside a line: where it is (bytes in the line) and the day it names.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

/// Every date expression in `line`, left to right.
pub(crate) fn find_dates(line: &str) -> Vec<FoundDate> {
    // Most lines have no digit run of 4, the one thing every pattern needs.
    if !line
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for caps in DATE.captures_iter(line) {
        let Some(whole) = caps.get(0) else { continue };
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month_of = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
        let ymd = if let (Some(m), Some(d), Some(y)) = (month_of("m1"), num("d1"), num("y1")) {
            Some((y, m, d))
        } else if let (Some(m), Some(d), Some(y)) = (month_of("m2"), num("d2"), num("y2")) {
            Some((y, m, d))
        } else if let (Some(y), Some(m), Some(d)) = (num("y3"), num("mo3"), num("d3")) {
            Some((y, m, d))
        } else if let (Some(a), Some(b), Some(y)) = (num("a4"), num("b4"), num("y4")) {
            // Day first unless that is impossible: most of the world writes 02/03/2025 for 2 March;
            // a first number over 12 settles it, and so does a second one over 12 (US order).
            if b > 12 {
                Some((y, a, b))
            } else {
                Some((y, b, a))
            }
        } else {
            None
        };
        let Some((y, m, d)) = ymd else { continue };
        if !(1990..=2100).contains(&y) {
            continue;
        }
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            out.push(FoundDate {
                start: whole.start(),
                end: whole.end(),
                date,
            });
        }
    }
    out
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let n = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// A byline line read apart: who, for which outlet, when. Offsets are into the document text.
#[derive(Clone, Debug)]
pub(crate) struct Byline {
    /// The names as written ("MINJUN KIM", "xyz DataNews", "Jane Doe and John Roe").
    pub names: Span,
    /// True when the names are an organisation ("Reuters Staff", "xyz DataNews").
    pub is_org: bool,
    /// An outlet named after the people ("By Jane Doe, CNN", "By Jane Doe for The Guardian").
    pub outlet: Option<Span>,
    pub date: Option<(Span, NaiveDate)>,
    /// The domain of an e-mail address in the byline, when it is not a webmail one.
    pub email_domain: Option<String>,
}

static BYLINE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|written by|words by|story by|reporting by|posted by|report by|text by|authors?\s*:|byline\s*:|reporter\s*:|writer\s*:|correspondent\s*:)\s+").expect("byline pattern")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\[(<]?\s*(?:e-?mail:?\s*)?[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\s*[\])>]?")
        .expect("email pattern")
});

const WEBMAIL: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "protonmail.com",
    "icloud.com",
    "aol.com",
    "mail.ru",
    "yandex.ru",
    "naver.com",
];

/// Reads `text[start..end]` (one trimmed line) as a byline, if it is one.
pub(crate) fn parse_byline(text: &str, start: usize, end: usize) -> Option<Byline> {
    let line = text.get(start..end)?;
    if line.len() > 240 {
        return None;
    }
    let head = BYLINE_HEAD.find(line)?;
    let mut rest_end = line.len();
    let mut email_domain = None;
    if let Some(caps) = EMAIL.captures(line) {
        let (Some(whole), Some(domain)) = (caps.get(0), caps.get(1)) else {
            return None;
        };
        if whole.start() >= head.end() {
            let domain = domain.as_str().to_ascii_lowercase();
            if !WEBMAIL.contains(&domain.as_str()) {
                email_domain = Some(domain.trim_start_matches("www.").to_string());
            }
            rest_end = rest_end.min(whole.start());
        }
    }
    let mut date = None;
    if let Some(found) = find_dates(&line[..rest_end])
        .into_iter()
        .find(|d| d.start >= head.end())
    {
        date = Some((
            Span::new(start + found.start, start + found.end),
            found.date,
        ));
        rest_end = rest_end.min(found.start);
    }
    if let Some(time) = TIME.find(&line[head.end()..rest_end]) {
        rest_end = rest_end.min(head.end() + time.start());
    }
    // Words that introduce a timestamp after the names: "By Jane Doe | Published ...".
    for cue in [" published", " updated", " posted", " last updated"] {
        if let Some(i) = line[head.end()..rest_end].to_ascii_lowercase().find(cue) {
            rest_end = head.end() + i;
        }
    }
    let lower = line[head.end()..rest_end].to_ascii_lowercase();
    for tail in [" on", " at", ","] {
        if lower.trim_end().ends_with(tail) {
            rest_end = head.end() + lower.trim_end().len() - tail.len();
            break;
        }
    }
    // A separator is followed by an outlet name ("By Jane Doe | CNN", kept for the split below)
    // or by page words ("By Jane Doe | 5 min read"), cut off.
    for sep in [" | ", " - ", " — ", " – ", " · ", " • ", " / "] {
        if let Some(i) = line[head.end()..rest_end].find(sep) {
            let after = line[head.end() + i + sep.len()..rest_end].trim();
            if !(wordlists::is_outlet_name(after) || is_org_name(after) && name_shaped(after)) {
                rest_end = head.end() + i;
            }
        }
    }
    let names_and_outlet = line[head.end()..rest_end]
        .trim_end_matches(|c: char| c.is_whitespace() || ",;:|-–—·•/(".contains(c));
    let names_start = head.end();
    let names_end = names_start + names_and_outlet.len();
    // Split an outlet off the names: "Jane Doe, CNN", "Jane Doe | CNN", "Jane Doe for The Guardian".
    let mut outlet = None;
    let mut person_end = names_end;
    for sep in [" for ", ", ", " | ", " - ", " – ", " — ", " / "] {
        if let Some(i) = names_and_outlet.rfind(sep) {
            let after = names_and_outlet[i + sep.len()..].trim();
            if !after.is_empty()
                && (wordlists::is_outlet_name(after) || is_org_name(after) && name_shaped(after))
            {
                let outlet_start = names_start
                    + i
                    + sep.len()
                    + (names_and_outlet[i + sep.len()..].len()
                        - names_and_outlet[i + sep.len()..].trim_start().len());
                outlet = Some(Span::new(outlet_start, outlet_start + after.len()));
                person_end = names_start + i;
                break;
            }
        }
    }
    let names = &text[start + names_start..start + person_end];
    let first_word = names
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(',')
        .to_lowercase();
    if !name_shaped(names) || CALENDAR_WORDS.contains(&first_word.as_str()) {
        // "By Reuters" after a separator split leaves no person: the outlet is the byline.
        return None;
    }
    Some(Byline {
        names: Span::new(start + names_start, start + person_end),
        is_org: is_org_name(names),
        outlet: outlet.map(|s| s.shift(start)),
        date,
        email_domain,
    })
}

/// Words that open "By Monday, ..." or "By March, ...": time, not a name.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tomorrow",
    "tonight",
    "then",
    "now",
];

const PARTICLES: &[&str] = &[
    "and", "&", "de", "van", "von", "der", "den", "bin", "al", "da", "di", "la", "le", "del",
    "dos", "du", "el", "ibn", "y",
];

/// Whether `names` reads like one or more names: few words, mostly capitalised, no sentence
/// punctuation or digits.
pub(crate) fn name_shaped(names: &str) -> bool {
    let words: Vec<&str> = names.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let mut capitalised = 0;
    for word in &words {
        let word = word.trim_end_matches(',');
        if word.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() > 2 {
            return false;
        }
        if word.contains(['!', '?', ';', ':', '"', '“', '”']) {
            return false;
        }
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if !PARTICLES.contains(&word.to_lowercase().as_str()) && !first.is_alphabetic() {
            return false;
        }
    }
    let last_ok = words
        .last()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    last_ok && capitalised * 2 >= words.len()
}

/// Whether a byline name is an organisation rather than people: a known outlet, an organisation
/// word ("Staff", "News"), a single word, a word that starts in lowercase ("bne") or an acronym
/// beside ordinary words.
pub(crate) fn is_org_name(names: &str) -> bool {
    let names = names.trim();
    if wordlists::is_outlet_name(names) {
        return true;
    }
    let words: Vec<&str> = names
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 1 {
        return true;
    }
    let all_caps = words.iter().all(|w| !w.chars().any(char::is_lowercase));
    words.iter().any(|w| {
        let lower = w.to_lowercase();
        ORG_WORDS.contains(lower.as_str())
            || wordlists::camel_media_suffix(w)
            || (w.chars().next().is_some_and(char::is_lowercase)
                && !PARTICLES.contains(&lower.as_str()))
            || (!all_caps && w.len() >= 2 && w.chars().all(|c| c.is_uppercase()))
    })
}

/// The outlet in an organisation's byline: "Northern Gazette Staff" is "Northern Gazette",
/// "Guardian staff and agencies" is "Guardian".
fn outlet_of_org_byline(name: &str) -> String {
    const STAFF: &[&str] = &[
        "staff",
        "reporter",
        "reporters",
        "desk",
        "team",
        "editors",
        "correspondents",
        "contributors",
        "writers",
        "newsroom",
        "and",
        "&",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut = words
        .iter()
        .position(|w| STAFF.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len());
    if cut == 0 {
        return words.join(" ");
    }
    words[..cut].join(" ")
}

/// A person's name as it is usually written: "MINJUN KIM" becomes "Minjun Kim".
pub(crate) fn display_name(names: &str) -> String {
    let names = names.split_whitespace().collect::<Vec<_>>().join(" ");
    if names.chars().any(char::is_lowercase) {
        return names;
    }
    let mut out = String::with_capacity(names.len());
    let mut start_of_word = true;
    for c in names.chars() {
        if start_of_word {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}

/// Fills the metadata fields of `doc` that are still empty from what `layout` found.
pub(crate) fn fill_metadata(doc: &mut Document, layout: &Layout) {
    let text = doc.text().to_string();
    let meta = &mut doc.meta;
    if meta.title.is_none() {
        if let Some(title) = layout.title {
            meta.title = Some(text[title.start()..title.end()].to_string());
            meta.title_span = Some(title);
        }
    }
    // Author: a person's byline first, then an "About <Name>" author box.
    if meta.author.is_none() {
        if let Some(byline) = layout.bylines.iter().find(|b| !b.is_org) {
            meta.author = Some(display_name(
                &text[byline.names.start()..byline.names.end()],
            ));
            meta.author_span = Some(byline.names);
        } else if let Some(name) = layout.bio_name {
            meta.author = Some(display_name(&text[name.start()..name.end()]));
            meta.author_span = Some(name);
        }
    }
    if meta.outlet.is_none() {
        let from_byline = layout.bylines.iter().find_map(|b| {
            if b.is_org {
                Some(outlet_of_org_byline(&text[b.names.start()..b.names.end()]))
            } else {
                b.outlet.map(|o| text[o.start()..o.end()].to_string())
            }
        });
        meta.outlet = from_byline
            .or_else(|| layout.title_outlet.clone())
            .or_else(|| layout.copyright_holder.clone())
            .or_else(|| layout.masthead.clone())
            .or_else(|| {
                layout
                    .dateline_agency
                    .as_ref()
                    .map(|(_, name)| name.clone())
            })
            .or_else(|| layout.bylines.iter().find_map(|b| b.email_domain.clone()));
    }
    if meta.published.is_none() {
        // The crawl day (a widget date) bounds the article date: a later "article" date is wrong.
        let crawl_day = layout
            .dates
            .iter()
            .filter(|d| d.role == DateRole::Widget)
            .map(|d| d.date)
            .max();
        let rank = |role: DateRole| match role {
            DateRole::Published => Some(0),
            DateRole::Byline => Some(1),
            DateRole::Standalone => Some(2),
            DateRole::Updated => Some(3),
            DateRole::Widget => None,
        };
        let best = layout
            .dates
            .iter()
            .filter(|d| crawl_day.is_none_or(|day| d.date <= day))
            .filter_map(|d| rank(d.role).map(|r| (r, d)))
            .min_by_key(|(r, d)| (*r, d.span.start()));
        if let Some((_, d)) = best {
            meta.published = Some(d.date);
            meta.published_span = Some(d.span);
        }
    }
}

/// Sets `meta.language` from the article text (furniture left out), as an ISO 639-1 code when
/// there is one.
pub(crate) fn detect_language(doc: &mut Document) {
    if doc.meta.language.is_some() {
        return;
    }
    let mut sample = String::new();
    for span in doc.content_spans() {
        if sample.len() > 3000 {
            break;
        }
        sample.push_str(doc.text_of(span));
        sample.push('\n');
    }
    // English is told by its function words, which whatlang can miss on a short page; other
    // languages are left to whatlang.
    // Counted in place: a lowercased copy of each of 400 words was a fifth of reading a BBC article.
    let (mut n_words, mut english) = (0usize, 0usize);
    for word in sample.split_whitespace().take(400) {
        n_words += 1;
        if is_english_function_word_any_case(word.trim_matches(|c: char| !c.is_alphabetic())) {
            english += 1;
        }
    }
    if n_words >= 5 && english * 5 >= n_words {
        doc.meta.language = Some("en".to_string());
        return;
    }
    if let Some(info) = whatlang::detect(&sample) {
        if n_words >= 5 {
            doc.meta.language = Some(iso639_1(info.lang().code()).to_string());
        }
    }
}

/// Whether `word` lower-cased is one of the English function words, without a lowercased copy.
/// The function words are ASCII of at most five letters, and no non-ASCII letter lowercases to
/// an ASCII one that occurs in them (the Kelvin sign's 'k' does not), so a longer or non-ASCII
/// word is none of them.
fn is_english_function_word_any_case(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() > 5 || !bytes.is_ascii() {
        return false;
    }
    let mut lower = [0u8; 5];
    for (to, from) in lower.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    std::str::from_utf8(&lower[..bytes.len()]).is_ok_and(is_english_function_word)
}

/// Whether `word` (lower-cased) is one of the English function words. A `match`, which the
/// compiler turns into a few length and byte tests, where a scan of a list compared each word
/// with every entry (the scan was 2% of the store-only BBC bench).
fn is_english_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "of"
            | "and"
            | "to"
            | "a"
            | "in"
            | "is"
            | "that"
            | "for"
            | "it"
            | "was"
            | "on"
            | "with"
            | "as"
            | "by"
            | "at"
            | "from"
            | "his"
            | "her"
            | "their"
            | "they"
            | "he"
            | "she"
            | "were"
            | "are"
            | "be"
            | "has"
            | "have"
            | "had"
            | "this"
            | "which"
            | "after"
            | "said"
            | "an"
            | "not"
            | "but"
            | "or"
            | "who"
            | "its"
            | "been"
            | "will"
            | "would"
    )
}

fn iso639_1(code3: &'static str) -> &'static str {
    match code3 {
        "eng" => "en",
        "rus" => "ru",
        "ukr" => "uk",
        "kor" => "ko",
        "jpn" => "ja",
        "cmn" => "zh",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "nld" => "nl",
        "pol" => "pl",
        "ron" => "ro",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "hin" => "hi",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "ces" => "cs",
        "slk" => "sk",
        "hun" => "hu",
        "ell" => "el",
        "bul" => "bg",
        "hrv" => "hr",
        "srp" => "sr",
        "bel" => "be",
        "pes" => "fa",
        "urd" => "ur",
        "ben" => "bn",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_strings(line: &str) -> Vec<String> {
        find_dates(line)
            .into_iter()
            .map(|d| format!("{} {}", &line[d.start..d.end], d.date))
            .collect()
    }

    #[test]
    fn dates_in_lines() {
        assert_eq!(
            date_strings("Monday, March 10, 2025"),
            ["Monday, March 10, 2025 2025-03-10"]
        );
        assert_eq!(
            date_strings("By xyz DataNews March 2, 2025"),
            ["March 2, 2025 2025-03-02"]
        );
        assert_eq!(
            date_strings("Updated: 10:42 AM EST, Tue March 4, 2025"),
            ["Tue March 4, 2025 2025-03-04"]
        );
        assert_eq!(
            date_strings("Published 4 March 2025 at 10:30"),
            ["4 March 2025 2025-03-04"]
        );
        assert_eq!(date_strings("2025-03-02T10:00"), ["2025-03-02 2025-03-02"]);
        assert_eq!(date_strings("on 12/31/2024"), ["12/31/2024 2024-12-31"]);
        assert!(date_strings("captured on 9 January, he").is_empty());
    }

    #[test]
    fn function_words_in_any_case() {
        for word in ["the", "The", "THE", "wOuLd", "a", "Their"] {
            assert!(is_english_function_word_any_case(word), "{word}");
        }
        for word in ["", "them", "theirs", "thé", "\u{212A}", "would've", "Tһe"] {
            assert_eq!(
                is_english_function_word_any_case(word),
                is_english_function_word(&word.to_lowercase()),
                "{word}"
            );
        }
    }

    #[test]
    fn bylines() {
        let text = "By xyz DataNews March 2, 2025";
        let b = parse_byline(text, 0, text.len()).unwrap();
        assert_eq!(&text[b.names.start()..b.names.end()], "xyz DataNews");
        assert!(b.is_org);
        assert_eq!(b.date.unwrap().1.to_string(), "2025-03-02");

        let text = "BY MINJUN KIM [kim.youngnam@example.com]";
        let b = parse_byline(text, 0, text.len()).unwrap();
        assert_eq!(&text[b.names.start()..b.names.end()], "MINJUN KIM");
        assert!(!b.is_org);
        assert_eq!(b.email_domain.as_deref(), Some("example.com"));
        assert_eq!(display_name("MINJUN KIM"), "Minjun Kim");

        let text = "By Jane Doe and John Roe, CNN";
        let b = parse_byline(text, 0, text.len()).unwrap();
        assert_eq!(
            &text[b.names.start()..b.names.end()],
            "Jane Doe and John Roe"
        );
        assert_eq!(b.outlet.map(|o| &text[o.start()..o.end()]), Some("CNN"));

        for prose in [
            "By the end of the year, prices rose.",
            "By Monday, officials said.",
            "By 2030 the plan ends",
        ] {
            assert!(parse_byline(prose, 0, prose.len()).is_none(), "{prose}");
        }
    }
}
