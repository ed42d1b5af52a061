//! Page furniture in plain text: the lines a web page prints around its article (widgets, menus,
//! share prompts, related links, comment forms, author boxes, captions and credits, bylines,
//! timestamps, ads, footers), marked as [`Boilerplate`] spans with a kind. Nothing is deleted.
//!
//! The text is read line by line. A line is judged by its wording (the phrase lists in
//! `data/furniture.txt`), its shape (length, words, final punctuation, a date or a temperature in
//! it), its position (before the headline, after a "Leave a Reply" heading) and repetition (a
//! headline printed twice). Section headings inside the article are article text, so a short line
//! is marked only when its wording, or the block it sits in, says it is furniture.
//!
//! [`analyse`] also returns what metadata needs (title, bylines, dated lines, copyright holder),
//! read by [`crate::textmeta`].

use std::collections::HashMap;
use std::sync::LazyLock;

use document::{Boilerplate, BoilerplateKind, Document, Span};
use regex::Regex;

use crate::textmeta::{self, find_dates, parse_byline, Byline, TIME};
use crate::wordlists::{self, normalise_line, FURNITURE};

/// Marks page furniture in `doc`'s text as boilerplate. Spans that overlap furniture already
/// marked (by the HTML reader, say) are left out.
// Kept for callers that want furniture only; the HTML reader now calls `text::analyse`.
#[allow(dead_code)]
pub(crate) fn mark_furniture(doc: &mut Document) {
    let layout = analyse(doc.text());
    add_marks(doc, &layout);
}

pub(crate) fn add_marks(doc: &mut Document, layout: &Layout) {
    let existing: Vec<Span> = doc.boilerplate.iter().map(|b| b.span).collect();
    for mark in &layout.marks {
        if !existing.iter().any(|s| s.overlaps(mark.span)) {
            doc.boilerplate.push(*mark);
        }
    }
    doc.boilerplate
        .sort_by_key(|b| (b.span.start(), b.span.end()));
}

/// What a dated line is to the article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DateRole {
    /// A page widget's date (the crawl day), printed above the headline.
    Widget,
    /// "Published ...", "Posted on ...".
    Published,
    /// "Updated ...", "Last modified ...".
    Updated,
    /// The date in a byline ("By X March 2, 2025").
    Byline,
    /// A date standing on its own line below the headline.
    Standalone,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct DatedLine {
    pub span: Span,
    pub date: chrono::NaiveDate,
    pub role: DateRole,
}

/// What [`analyse`] found in a page.
#[derive(Default, Debug)]
pub(crate) struct Layout {
    pub marks: Vec<Boilerplate>,
    pub title: Option<Span>,
    /// An outlet printed after the headline ("Headline | The Outlet").
    pub title_outlet: Option<String>,
    pub bylines: Vec<Byline>,
    /// The name in an "About <Name>" author box or a "<Name> is a journalist..." bio.
    pub bio_name: Option<Span>,
    pub dates: Vec<DatedLine>,
    pub copyright_holder: Option<String>,
    /// An outlet name printed above the headline.
    pub masthead: Option<String>,
    /// The agency in a dateline ("LONDON (Reuters) -").
    pub dateline_agency: Option<(Span, String)>,
}

/// One line of the page: `start..end` is the line without its surrounding whitespace.
#[derive(Clone, Debug)]
struct Line {
    start: usize,
    end: usize,
    n_words: usize,
    /// The kind of furniture the whole line is, once decided.
    kind: Option<BoilerplateKind>,
    /// Some of the line is furniture (a caption's credit, a dateline): not a title, not free.
    partial: bool,
    /// A temperature, clock time or reading-time widget.
    widget_cue: bool,
    /// A line that is only a date (and timestamp words): index into `Layout::dates`.
    date_only: Option<usize>,
}

static TEMPERATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^-?\d{1,3}(?:[.,]\d{1,2})?\s*°?\s*[FC](?-u:\b)|-?\d{1,3}(?:[.,]\d)?\s*°\s*[FC]?",
    )
    .expect("temperature pattern")
});
static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$")
        .expect("time-only pattern")
});
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s*(?:min(?:ute)?s?|m)\s+read|reading time:?\s*\d+\s*min(?:ute)?s?)$")
        .expect("reading-time pattern")
});
static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$|^(?:published|updated|posted)\s*:?\s*(?:today|yesterday|just now)")
        .expect("relative-time pattern")
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\s*)?(?:(?:©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?|copyright\s+(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?)\s*,?\s*(?P<holder>[^.|]*)")
        .expect("copyright pattern")
});
static COMMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d+\s+(?:comments?|replies|responses)$").expect("comment-count pattern")
});
static ABOUT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:About|ABOUT)\s+(?:(?i:the\s+author)\s*:?\s*)?(?P<name>[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){1,3})$").expect("about pattern")
});
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>(?-i:[\p{Lu}][\p{L}'’.-]+)(?:\s+[\p{Lu}][\p{L}'’.-]+){1,3})\s+(?:is|was|has been)\s+(?:an?|the)\s+[^.]{0,120}?(?-u:\b)(?:journalist|reporter|correspondent|writer|editor|contributor|columnist|author|freelancer|producer|blogger)(?-u:\b)")
        .expect("bio pattern")
});
/// "LONDON (Reuters) -", "SEOUL, March 4 (Yonhap) --", "KYIV, Ukraine —": a place in capitals,
/// an optional date and agency, and a dash, at the start of the first paragraph.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{Lu}'’.-]+(?:[ -]\p{Lu}[\p{Lu}'’.-]+)*)(?:,\s+\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?)?(?:,?\s+\p{Lu}[a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<agency>[^()]{2,30})\))?\s*(?:--|-|–|—)\s+")
        .expect("dateline pattern")
});
/// A credit in brackets at the end of a caption: "[Screenshot from X]", "(AP Photo/Jane Doe)".
static BRACKET_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\[[^\[\]]{2,80}\]|\([^()]{2,80}\))$").expect("bracket pattern")
});
/// A credit after a slash at the end of a caption line: "Presidents meet in Moscow / Kremlin".
static SLASH_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s/\s*(?:\p{Lu}[\p{L}&.'’-]*|via|and|of)(?:\s+(?:\p{Lu}[\p{L}&.'’-]*|via|and|of)){0,4}$",
    )
    .expect("slash pattern")
});
/// A credit phrase closing a caption line: "... on Tuesday. Photo: Reuters".
static INLINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)[.!?”"]\s+(?:photo(?:graph)?|image|picture|credit|photo credit|illustration|video grab|source)\s*(?:credit)?\s*:\s*[^.:\s][^.:]{1,60}$|[.!?]\s+(?-i:AFP|AP|Reuters|EPA|Getty Images|Shutterstock|Yonhap)(?:\s+via\s+Getty\s+Images)?$"#)
        .expect("inline credit pattern")
});
const CREDIT_WORDS: &[&str] = &[
    "screenshot",
    "screen shot",
    "screengrab",
    "screen grab",
    "photo",
    "image",
    "picture",
    "getty",
    "reuters",
    "afp",
    "ap/",
    "ap ",
    "epa",
    "yonhap",
    "courtesy",
    "file",
    "credit",
    "handout",
    "pool",
    "video grab",
    "captured from",
    "capture",
    "shutterstock",
    "illustration",
    "footage",
];
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "email",
    "e-mail",
    "reddit",
    "telegram",
    "pinterest",
    "print",
    "copy",
    "link",
    "share",
    "messenger",
    "flipboard",
    "threads",
    "bluesky",
    "instagram",
    "youtube",
    "tiktok",
    "mail",
    "sms",
    "tumblr",
    "vk",
];
const TIMESTAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "modified",
    "on",
    "at",
    "date",
    "local",
    "time",
    "am",
    "pm",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "kst",
    "jst",
    "msk",
    "et",
];

/// Reads the lines of `text` and decides which are furniture, which is the title, the bylines
/// and the dated lines.
pub(crate) fn analyse(text: &str) -> Layout {
    let mut layout = Layout::default();
    let mut lines = split_lines(text);
    let mut partial_marks: Vec<Boilerplate> = Vec::new();

    // 1. Each line on its own.
    for idx in 0..lines.len() {
        classify_line(text, &mut lines, idx, &mut layout, &mut partial_marks);
    }

    // 2. The title: the first line of three words or more that is not furniture, if it is
    // headline-shaped. A first line that is a sentence means the page has no headline.
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].n_words > 0).collect();
    let mut title_idx = None;
    let mut body_start = nonblank.len();
    for (pos, &i) in nonblank.iter().enumerate().take(25) {
        let line = &lines[i];
        if line.kind.is_some() || line.partial || line.date_only.is_some() || line.n_words < 3 {
            continue;
        }
        // An outlet's name above the headline is its masthead.
        if is_masthead(&text[line.start..line.end], line.n_words) {
            continue;
        }
        body_start = pos;
        if headline_shaped(&text[line.start..line.end], line.n_words) {
            title_idx = Some(i);
        }
        break;
    }
    if let Some(i) = title_idx {
        let (title, outlet) = split_title_outlet(text, lines[i].start, lines[i].end);
        layout.title = Some(title);
        layout.title_outlet = outlet;
    }

    // 3. Above the headline: a date there is the page's (the crawl day), and short lines beside a
    // temperature, clock or date are the same widget ("53.2 F / Los Angeles / Monday, ...").
    let top = &nonblank[..body_start];
    let has_widget = top.iter().any(|&i| {
        lines[i].widget_cue
            || lines[i]
                .date_only
                .is_some_and(|d| layout.dates[d].role == DateRole::Standalone)
    });
    for &i in top {
        let s = &text[lines[i].start..lines[i].end];
        if let Some(d) = lines[i].date_only {
            if layout.dates[d].role == DateRole::Standalone {
                layout.dates[d].role = DateRole::Widget;
                lines[i].kind = Some(BoilerplateKind::Widget);
            }
            continue;
        }
        if lines[i].kind.is_some() || lines[i].partial {
            continue;
        }
        if has_widget && lines[i].n_words <= 4 && !ends_with_sentence_punctuation(s) {
            lines[i].kind = Some(BoilerplateKind::Widget);
        } else if is_masthead(s, lines[i].n_words) {
            lines[i].kind = Some(BoilerplateKind::Label);
            layout.masthead.get_or_insert_with(|| s.to_string());
        }
    }

    // 3b. Below the headline, before the first paragraph of prose: the outlet's name on a line of
    // its own ("Eastvale Daily" above a date line), or with a section label ("The Policy Review |
    // Analysis").
    if title_idx.is_some() {
        for &i in nonblank.iter().skip(body_start + 1).take(6) {
            let s = &text[lines[i].start..lines[i].end];
            if lines[i].n_words > 8 && ends_with_sentence_punctuation(s) {
                break;
            }
            if lines[i].kind.is_some() || lines[i].partial || lines[i].date_only.is_some() {
                continue;
            }
            if let Some(name) = masthead_with_section(s) {
                lines[i].kind = Some(BoilerplateKind::Label);
                layout.masthead.get_or_insert_with(|| name.to_string());
            }
        }
    }

    // 4. Blocks that run over several lines.
    let first_body_line = nonblank.get(body_start).copied().unwrap_or(lines.len());
    mark_blocks(text, &mut lines, &mut layout, title_idx, first_body_line);

    // 5. Captions above a credit line ("Rescuers search the rubble." / "Image: AP").
    // The caption sits on the line right above the credit; across a blank line it is prose.
    for pos in 1..nonblank.len() {
        let (prev, cur) = (nonblank[pos - 1], nonblank[pos]);
        if lines[cur].kind == Some(BoilerplateKind::Credit)
            && prev + 1 == cur
            && lines[cur].n_words <= 8
            && lines[prev].kind.is_none()
            && !lines[prev].partial
            && lines[prev].n_words <= 35
            && Some(prev) != title_idx
        {
            lines[prev].kind = Some(BoilerplateKind::Caption);
        }
    }

    // 6. A line printed again (a repeated headline, a pull quote): the later copy is furniture.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for &i in &nonblank {
        let s = &text[lines[i].start..lines[i].end];
        if lines[i].n_words < 4 {
            continue;
        }
        if seen.insert(s, i).is_some() && lines[i].kind.is_none() && !lines[i].partial {
            lines[i].kind = Some(BoilerplateKind::Other);
        }
    }

    // 7. A dateline opening the first paragraphs: "LONDON (Reuters) - ".
    let after_title = title_idx.map_or(0, |t| t + 1);
    let mut checked = 0;
    for line in lines.iter_mut().skip(after_title) {
        if checked >= 3 {
            break;
        }
        if line.n_words == 0 || line.kind.is_some() {
            continue;
        }
        checked += 1;
        let s = &text[line.start..line.end];
        let Some((prefix_end, agency)) = dateline(s) else {
            continue;
        };
        partial_marks.push(Boilerplate {
            span: Span::new(line.start, line.start + prefix_end),
            kind: BoilerplateKind::Dateline,
        });
        line.partial = true;
        if let Some(agency) = agency {
            let span = Span::new(line.start + agency.start, line.start + agency.end);
            layout.dateline_agency = Some((span, s[agency].to_string()));
        }
        break;
    }

    // Whole lines, then the partial marks, in text order.
    for line in &lines {
        if let Some(kind) = line.kind {
            layout.marks.push(Boilerplate {
                span: Span::new(line.start, line.end),
                kind,
            });
        }
    }
    layout.marks.extend(partial_marks);
    layout.marks.sort_by_key(|b| (b.span.start(), b.span.end()));
    layout.dates.retain(|d| {
        d.role != DateRole::Standalone
            || title_idx.is_some_and(|t| d.span.start() > lines[t].start)
            || title_idx.is_none()
    });
    layout
}

/// A dateline opening `line`: where its prefix ends (dash included) and where its agency is.
fn dateline(line: &str) -> Option<(usize, Option<std::ops::Range<usize>>)> {
    let caps = DATELINE.captures(line)?;
    let whole = caps.get(0)?;
    // The rest of the line must be prose, and the place a word of capitals, not "A" or "I".
    let place = whole.as_str().split_whitespace().next()?;
    if whole.end() >= line.len() || place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let agency = caps.name("agency").filter(|a| {
        let name = a.as_str().trim();
        textmeta::name_shaped(name) || wordlists::is_outlet_name(name)
    });
    Some((whole.as_str().trim_end().len(), agency.map(|a| a.range())))
}

/// The agency of a dateline opening `line` ("LONDON (Reuters) -"), as a byte range in the line.
pub(crate) fn dateline_agency(line: &str) -> Option<std::ops::Range<usize>> {
    dateline(line)?.1
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 60 + 1);
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let start = at + lead;
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            n_words: wordlists::count_words(trimmed),
            kind: None,
            partial: false,
            widget_cue: false,
            date_only: None,
        });
        at += raw.len();
    }
    lines
}

fn classify_line(
    text: &str,
    lines: &mut [Line],
    idx: usize,
    layout: &mut Layout,
    partial_marks: &mut Vec<Boilerplate>,
) {
    let line = &mut lines[idx];
    if line.n_words == 0 {
        return;
    }
    let s = &text[line.start..line.end];
    let n_words = line.n_words;

    // Widgets: a temperature, a clock, a reading time.
    if n_words <= 6 && (s.contains('°') || TEMPERATURE.is_match(s)) && TEMPERATURE.is_match(s) {
        line.kind = Some(BoilerplateKind::Widget);
        line.widget_cue = true;
        return;
    }
    if n_words <= 4 && (TIME_ONLY.is_match(s) || READING_TIME.is_match(s)) {
        line.kind = Some(BoilerplateKind::Widget);
        line.widget_cue = true;
        return;
    }
    if n_words <= 8 && RELATIVE_TIME.is_match(s) {
        line.kind = Some(BoilerplateKind::Dateline);
        return;
    }

    // Bylines, with the date they carry.
    if n_words <= 30 {
        if let Some(byline) = parse_byline(text, line.start, line.end) {
            if let Some((span, date)) = byline.date {
                layout.dates.push(DatedLine {
                    span,
                    date,
                    role: DateRole::Byline,
                });
            }
            layout.bylines.push(byline);
            line.kind = Some(BoilerplateKind::Byline);
            return;
        }
    }

    // "Posted on February 14, 2025 by Jane Doe": a timestamp, then a byline.
    if n_words <= 20 {
        if let Some(by) = s.find(" by ").or_else(|| s.find(" By ")) {
            let dates = find_dates(&s[..by]);
            if let (Some(first), Some(byline)) = (
                dates.first(),
                parse_byline(text, line.start + by + 1, line.end),
            ) {
                let head = s[..first.start].to_lowercase();
                let role = if head.contains("updated") {
                    DateRole::Updated
                } else {
                    DateRole::Published
                };
                if is_date_only(&s[..by], &dates) {
                    layout.dates.push(DatedLine {
                        span: Span::new(line.start + first.start, line.start + first.end),
                        date: first.date,
                        role,
                    });
                    layout.bylines.push(byline);
                    line.kind = Some(BoilerplateKind::Byline);
                    return;
                }
            }
        }
    }

    // A line that is a date and timestamp words only.
    if n_words <= 14 {
        let dates = find_dates(s);
        if let Some(first) = dates.first() {
            if is_date_only(s, &dates) {
                let lower = s.to_lowercase();
                let role = if lower.starts_with("updated")
                    || lower.starts_with("last updated")
                    || lower.starts_with("modified")
                    || lower.starts_with("last modified")
                {
                    DateRole::Updated
                } else if lower.starts_with("published")
                    || lower.starts_with("posted")
                    || lower.starts_with("first published")
                    || lower.starts_with("date published")
                {
                    DateRole::Published
                } else {
                    DateRole::Standalone
                };
                line.date_only = Some(layout.dates.len());
                layout.dates.push(DatedLine {
                    span: Span::new(line.start + first.start, line.start + first.end),
                    date: first.date,
                    role,
                });
                // "Published March 2, 2025 | Updated March 3, 2025": the second date is an update.
                for later in &dates[1..] {
                    let span = Span::new(line.start + later.start, line.start + later.end);
                    layout.dates.push(DatedLine {
                        span,
                        date: later.date,
                        role: DateRole::Updated,
                    });
                }
                line.kind = Some(BoilerplateKind::Dateline);
                return;
            }
        }
    }

    // Copyright lines, with their holder as an outlet.
    if n_words <= 40 {
        if let Some(caps) = COPYRIGHT.captures(s) {
            line.kind = Some(BoilerplateKind::Footer);
            if let Some(holder) = caps.name("holder").map(|m| clean_holder(m.as_str())) {
                if !holder.is_empty()
                    && holder.split_whitespace().count() <= 6
                    && holder.chars().next().is_some_and(|c| c.is_alphabetic())
                {
                    layout.copyright_holder.get_or_insert(holder);
                }
            }
            return;
        }
    }
    // "Original Source: example.com", "This article first appeared on ...".
    if n_words <= 25 && crate::cites::SOURCE_LINE.is_match(s) {
        line.kind = Some(BoilerplateKind::Footer);
        return;
    }

    // Wording.
    if n_words <= 60 {
        let normalised = normalise_line(s);
        if let Some(kind) = FURNITURE.classify(&normalised, n_words) {
            // "Read more:" over a list is a related-links heading, "Read more" a button.
            let heading = kind == BoilerplateKind::Navigation && s.ends_with(':');
            line.kind = Some(if heading {
                BoilerplateKind::Related
            } else {
                kind
            });
            return;
        }
        if n_words <= 3 && COMMENT_COUNT.is_match(&normalised) {
            line.kind = Some(BoilerplateKind::Comments);
            return;
        }
        // "Facebook Twitter LinkedIn Email": a row of share buttons.
        if n_words >= 2
            && normalised
                .split([' ', '|', '/', '·', '•'])
                .filter(|w| !w.is_empty())
                .all(|w| SOCIAL.contains(&w))
        {
            line.kind = Some(BoilerplateKind::Share);
            return;
        }
        // "Home | World | Asia": a menu of short items.
        if is_menu(s) {
            line.kind = Some(BoilerplateKind::Navigation);
            return;
        }
    }

    // A caption whose credit closes the line.
    if n_words <= 80 {
        if let Some((caption_end, credit_start)) = caption_credit(s) {
            let (start, end) = (line.start, line.end);
            if caption_end > 0 {
                partial_marks.push(Boilerplate {
                    span: Span::new(start, start + caption_end),
                    kind: BoilerplateKind::Caption,
                });
            }
            partial_marks.push(Boilerplate {
                span: Span::new(start + credit_start, end),
                kind: BoilerplateKind::Credit,
            });
            line.partial = true;
        }
    }
}

/// Whether a line holding `dates` is only a timestamp: no more than one other word once the dates,
/// clock times and timestamp words are taken out.
fn is_date_only(s: &str, dates: &[textmeta::FoundDate]) -> bool {
    let mut rest = String::with_capacity(s.len());
    let mut at = 0;
    for d in dates {
        rest.push_str(&s[at..d.start]);
        rest.push(' ');
        at = d.end;
    }
    rest.push_str(&s[at..]);
    let rest = TIME.replace_all(&rest, " ");
    let words = rest
        .split(|c: char| c.is_whitespace() || ",:;|-–—·•()[]/".contains(c))
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !TIMESTAMP_WORDS.contains(&w.to_lowercase().trim_end_matches('.'))
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .count();
    words <= 1
}

fn clean_holder(holder: &str) -> String {
    let mut holder = holder.trim().trim_end_matches([',', ';', ' ']).to_string();
    let lower = holder.to_lowercase();
    if let Some(i) = lower.find("all rights reserved") {
        holder.truncate(i);
    }
    let mut words: Vec<&str> = holder.split_whitespace().collect();
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches(['.', ',']);
        if bare
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '–')
            || [
                "Ltd", "Limited", "Inc", "LLC", "plc", "PLC", "GmbH", "Co", "Corp", "SA", "S.A",
                "AG", "LLP", "Group",
            ]
            .contains(&bare)
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ").trim_end_matches([',', '.']).to_string()
}

fn is_menu(s: &str) -> bool {
    for sep in ['|', '•', '·', '»', '›'] {
        let items: Vec<&str> = s
            .split(sep)
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .collect();
        if items.len() >= 3
            && items
                .iter()
                .all(|i| i.split_whitespace().count() <= 3 && !i.ends_with(['.', '?', '!']))
        {
            return true;
        }
    }
    false
}

/// Where a caption ends and its credit starts, when the line closes with a credit: a bracket
/// with a credit word, a slash and a name, or "Photo: X".
fn caption_credit(s: &str) -> Option<(usize, usize)> {
    let caption_end = |credit_start: usize| s[..credit_start].trim_end().len();
    if s.ends_with([']', ')']) {
        if let Some(m) = BRACKET_CREDIT.find(s) {
            let inner = m.as_str().to_lowercase();
            let square = m.as_str().starts_with('[');
            if inner.contains('@') {
                return None;
            }
            if CREDIT_WORDS.iter().any(|w| inner.contains(w))
                || (square && m.start() > 0 && inner.split_whitespace().count() <= 5)
            {
                // A bracket closing a sentence of prose needs a credit word; a whole-line bracket
                // is a credit of its own.
                return Some((caption_end(m.start()), m.start()));
            }
        }
        return None;
    }
    if ends_with_sentence_punctuation(s) {
        return None;
    }
    if let Some(m) = SLASH_CREDIT.find(s) {
        let before = &s[..m.start()];
        if before.split_whitespace().count() >= 3 && !before.contains(" / ") {
            let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            return Some((caption_end(start), start));
        }
    }
    if let Some(m) = INLINE_CREDIT.find(s) {
        let credit = m.as_str().trim_start_matches(['.', '!', '?', '”', '"']);
        let start = m.end() - credit.trim_start().len();
        if start > 0 {
            return Some((caption_end(start), start));
        }
    }
    None
}

/// An outlet's name on a line of its own: few words, all capitalised ("The Northern Gazette"),
/// so that a headline ending in a media word ("Broadband set to revolutionise TV") is not one.
fn is_masthead(s: &str, n_words: usize) -> bool {
    n_words <= 5
        && s.split_whitespace().all(|w| {
            w.chars().next().is_some_and(|c| !c.is_lowercase())
                || ["of", "the", "and", "&"].contains(&w)
        })
        && wordlists::is_outlet_name(s)
}

/// A masthead line, alone or followed by a section label after a separator ("The Policy Review |
/// Analysis", "Eastvale Daily - World"): the outlet's name.
fn masthead_with_section(s: &str) -> Option<&str> {
    let s = s.trim();
    let name = [" | ", " · ", " – ", " — ", " - ", " / "]
        .iter()
        .find_map(|sep| s.split_once(sep).map(|(name, _)| name.trim_end()))
        .unwrap_or(s);
    let n_words = name.split_whitespace().count();
    is_masthead(name, n_words).then_some(name)
}

fn ends_with_sentence_punctuation(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', ',', ';', ':', '!', '?'])
}

/// A headline: a few words to a long line, not ending like a sentence, starting with a capital,
/// a digit or a quotation mark.
fn headline_shaped(s: &str, n_words: usize) -> bool {
    if !(3..=30).contains(&n_words) || s.len() > 320 {
        return false;
    }
    // A capital, a digit, a quotation mark or a currency sign; or a brand such as "iTunes".
    let first_word = s.split_whitespace().next().unwrap_or_default();
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'$£€¥&#".contains(c))
        || (first_word.starts_with(char::is_lowercase)
            && first_word.chars().skip(1).any(char::is_uppercase));
    let trimmed = s.trim_end_matches(['"', '”', '’', '\'']);
    let ends_ok = !trimmed.ends_with(['.', ',', ';', ':']) || trimmed.ends_with("...");
    first_ok && ends_ok
}

/// "Headline | The Outlet" or "Headline - Outlet News": the title without the outlet, and the outlet.
fn split_title_outlet(text: &str, start: usize, end: usize) -> (Span, Option<String>) {
    let s = &text[start..end];
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(i) = s.rfind(sep) {
            let outlet = s[i + sep.len()..].trim();
            if wordlists::is_outlet_name(outlet) && s[..i].split_whitespace().count() >= 3 {
                return (
                    Span::new(start, start + s[..i].trim_end().len()),
                    Some(outlet.to_string()),
                );
            }
        }
    }
    (Span::new(start, end), None)
}

/// Comment forms, related-link lists and author boxes: a heading line and what follows it.
/// Blocks never take in the title, and a comment heading above the article (a toolbar's
/// "Comments" link) takes in nothing.
fn mark_blocks(
    text: &str,
    lines: &mut [Line],
    layout: &mut Layout,
    title_idx: Option<usize>,
    first_body_line: usize,
) {
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].n_words > 0).collect();
    let last_third = nonblank.get(nonblank.len() * 2 / 3).copied().unwrap_or(0);
    let mut pos = 0;
    while pos < nonblank.len() {
        let i = nonblank[pos];
        let s = &text[lines[i].start..lines[i].end];
        match lines[i].kind {
            // After a comment heading, the short lines of the form belong to it.
            Some(BoilerplateKind::Comments) if i > first_body_line => {
                let mut next = pos + 1;
                while let Some(&j) = nonblank.get(next) {
                    if Some(j) == title_idx {
                        break;
                    }
                    match lines[j].kind {
                        Some(BoilerplateKind::Comments) => {}
                        Some(BoilerplateKind::Share | BoilerplateKind::Navigation)
                            if lines[j].n_words <= 3 =>
                        {
                            lines[j].kind = Some(BoilerplateKind::Comments)
                        }
                        None if lines[j].n_words <= 8 && !lines[j].partial => {
                            lines[j].kind = Some(BoilerplateKind::Comments)
                        }
                        _ => break,
                    }
                    next += 1;
                }
                pos = next;
                continue;
            }
            // A related-links heading on its own: the headline-shaped lines under it.
            Some(BoilerplateKind::Related) if is_block_heading(s) => {
                let contiguous = nonblank.get(pos + 1).is_some_and(|&j| j == i + 1);
                let mut next = pos + 1;
                let mut items = 0;
                while let Some(&j) = nonblank.get(next) {
                    if items >= 10
                        || (contiguous && j > nonblank[next - 1] + 1)
                        || Some(j) == title_idx
                    {
                        break;
                    }
                    let item = &text[lines[j].start..lines[j].end];
                    if lines[j].kind.is_some()
                        || lines[j].partial
                        || lines[j].n_words > 25
                        || ends_with_sentence_punctuation(item) && !item.ends_with('?')
                    {
                        break;
                    }
                    lines[j].kind = Some(BoilerplateKind::Related);
                    items += 1;
                    next += 1;
                }
                pos = next;
                continue;
            }
            None => {}
            _ => {
                pos += 1;
                continue;
            }
        }
        if lines[i].partial {
            pos += 1;
            continue;
        }
        // "About Jane Doe" and the paragraphs about her.
        if let Some(caps) = ABOUT_NAME.captures(s) {
            let Some(name) = caps.name("name") else {
                pos += 1;
                continue;
            };
            let name_span = Span::new(lines[i].start + name.start(), lines[i].start + name.end());
            let first_name = name.as_str().split_whitespace().next().unwrap_or_default();
            lines[i].kind = Some(BoilerplateKind::AuthorBio);
            layout.bio_name.get_or_insert(name_span);
            let mut next = pos + 1;
            while let Some(&j) = nonblank.get(next) {
                let para = &text[lines[j].start..lines[j].end];
                let about_them = para.starts_with(first_name)
                    || ["He ", "She ", "They ", "His ", "Her "]
                        .iter()
                        .any(|p| para.starts_with(p));
                if lines[j].kind == Some(BoilerplateKind::AuthorBio)
                    || (lines[j].kind.is_none() && about_them && next - pos <= 3)
                {
                    lines[j].kind = Some(BoilerplateKind::AuthorBio);
                    next += 1;
                } else {
                    break;
                }
            }
            pos = next;
            continue;
        }
        // "Jane Doe is a reporter covering ..." near the end of the page.
        if i >= last_third && lines[i].n_words <= 120 {
            let honorific = [
                "Mr",
                "Mrs",
                "Ms",
                "Dr",
                "Sir",
                "Lord",
                "Lady",
                "Prof",
                "President",
                "Judge",
            ]
            .iter()
            .any(|h| {
                s.strip_prefix(h)
                    .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with(". "))
            });
            if let Some(name) = BIO
                .captures(s)
                .and_then(|c| c.name("name"))
                .filter(|_| !honorific)
            {
                lines[i].kind = Some(BoilerplateKind::AuthorBio);
                layout.bio_name.get_or_insert(Span::new(
                    lines[i].start + name.start(),
                    lines[i].start + name.end(),
                ));
            }
        }
        pos += 1;
    }
}

/// A heading of a furniture block: the line is the heading phrase alone ("Related", "More stories:").
fn is_block_heading(s: &str) -> bool {
    let normalised = normalise_line(s);
    s.trim_end().ends_with(':')
        || !normalised.contains(':') && normalised.split_whitespace().count() <= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, BoilerplateKind)> {
        analyse(text)
            .marks
            .iter()
            .map(|m| (text[m.span.start()..m.span.end()].to_string(), m.kind))
            .collect()
    }

    #[test]
    fn widget_cluster_above_headline() {
        let text = "53.2 F\nLos Angeles\nMonday, March 10, 2025\n\nA headline about something big\n\nBody text here.\n";
        let layout = analyse(text);
        let k = kinds(text);
        assert_eq!(k.len(), 3, "{k:?}");
        assert!(k.iter().all(|(_, kind)| *kind == BoilerplateKind::Widget));
        assert_eq!(
            layout.title.map(|t| &text[t.start()..t.end()]),
            Some("A headline about something big")
        );
        assert!(layout.dates.iter().all(|d| d.role == DateRole::Widget));
    }

    #[test]
    fn masthead_below_headline() {
        let text = "Harbour towns brace for the storm\nThe Coastal Herald | Opinion\nBy Ann Lee\n\nThe storm reached the harbour on Monday night, and the towns along the coast were ready for it.\n";
        let layout = analyse(text);
        assert_eq!(layout.masthead.as_deref(), Some("The Coastal Herald"));
        assert!(kinds(text)
            .iter()
            .any(|(s, k)| s.starts_with("The Coastal Herald") && *k == BoilerplateKind::Label));

        let alone = "Harbour towns brace for the storm\nMidland Times\n\nThe storm reached the harbour on Monday night, and the towns along the coast were ready for it.\n";
        assert_eq!(analyse(alone).masthead.as_deref(), Some("Midland Times"));

        // A short line of prose under the headline is not a masthead.
        let prose = "Harbour towns brace for the storm\nWinds rose | fell\n\nThe storm reached the harbour on Monday night, and the towns along the coast were ready for it.\n";
        assert_eq!(analyse(prose).masthead, None);
    }

    #[test]
    fn section_heading_is_text() {
        let text = "Big headline for the story\nThe first paragraph is prose.\nA Sacred Duty\nMore prose follows here.\n";
        assert!(kinds(text).is_empty(), "{:?}", kinds(text));
    }

    #[test]
    fn captions_and_credits() {
        let text = "Headline of the day here\n\nA photo of soldiers in training. [Telegram Screenshot]\n\nPresidents meet in Moscow / Kremlin\n";
        let k = kinds(text);
        assert!(
            k.contains(&("[Telegram Screenshot]".into(), BoilerplateKind::Credit)),
            "{k:?}"
        );
        assert!(
            k.contains(&(
                "A photo of soldiers in training.".into(),
                BoilerplateKind::Caption
            )),
            "{k:?}"
        );
        assert!(
            k.contains(&("/ Kremlin".into(), BoilerplateKind::Credit)),
            "{k:?}"
        );
    }
}
