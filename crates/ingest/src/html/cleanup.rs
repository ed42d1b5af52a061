//! Our layer over rs-trafilatura's text: it drops, line by line, the page furniture the
//! extractor lets through — related-links blocks ("You may also like", "More stories" and the
//! headline list after them), "Related: …" teasers, photo credits, standalone byline/date
//! lines, and widget words ("Advertisement", "0 Comments", newsletter prompts). General rules
//! only; nothing here names a site.

use std::sync::OnceLock;

use regex::Regex;

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// Headings that open a related-links or promotion block.
fn related_heading(l: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    re(&RE, r"(?i)^(you (may|might) (also )?(like|be interested in|enjoy)|more in .{1,30}|don.t miss|see more|more great .{1,30} stories|related (tags|stories|articles|posts|coverage|content|links|topics|news)|popular on .{1,30}|recommended( for you| stories| reading)?|more from .{1,40}|more stories|most (read|popular|viewed)|trending( now)?|read (more|next)|more (news|on this( story)?)|also (read|on)|further reading|related|tags|topics|see also|weitere artikel|mehr zum thema|das könnte sie auch interessieren|leia (também|mais)|veja também|voir aussi|à lire aussi|lire aussi|te puede interesar|más noticias|потрібно знати|читайте также)\s*[:.…]*$")
        .is_some_and(|r| r.is_match(l))
}

/// One-line teasers and credits.
fn furniture_line(l: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let n = l.chars().count();
    if n > 120 {
        // Longer credit, contact and promotion lines.
        return n <= 260 && contact_or_promo_line(l);
    }
    re(&RE, r"(?i)^((related( post| article| story)?|read (more|also)|see also|lesen sie auch|leia também|lire aussi|à lire aussi|also read|watch|listen)\s*:|(photo|foto|фото|image|picture|credit|bild|imagen|crédito|source)s?\s*:|advertisement|anzeige|publicidad|publicité|advertising|sponsored|\d+\s+comments?\b|post comment|leave a (comment|reply)|print this article|share this( article| story)?|sign up\b.*newsletter|subscribe\b.*newsletter|get the latest .*inbox|tempo de leitura|reading time|\d+\s+min(ute)?s? read|our standards:|(additional )?(reporting|writing|editing) by\b|see more\s*:|click here\b|tell us what you think|all rights reserved|copyright\b|©)")
        .is_some_and(|r| r.is_match(l))
        || contact_or_promo_line(l)
        || matches!(l.to_lowercase().as_str(), "reuters" | "ap" | "afp" | "getty images" | "ap photo" | "previous post" | "next post" | "share" | "tweet" | "email" | "print" | "comments")
}

/// Reporter credits and contact lines, follow-us prompts, subscription and affiliate notices,
/// captcha and comment-login notices, gallery counters ("Image 2 of 5").
fn contact_or_promo_line(l: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    re(&RE, r"(?i)^\(?\s*((additional )?(reporting|writing|editing) by\b|(image|photo|picture|slide|bild|foto|imagen)\s+\d+\s+(of|von|de|/)\s+\d+\s*$|tags\s*:?\s+[^.!?]*$|you must be (logged|signed) in\b|this site is protected by recaptcha|have a tip\?)|\bfollow (us|him|her|them|me) on (twitter|facebook|instagram)\b|\bon twitter @\w|\b(reach|email|contact) (the reporters?|him|her|them)? ?(on twitter )?at\b.*(@|https?://)|\bmay be reached at\b.*@|\b(has|have) affiliate partnerships\b|\bmay earn (a )?commission\b|\bdelivered (to|through) your (inbox|letterbox|door)\b|\bmeet your inbox\b|\bprivacy policy\s*\|\s*terms of (service|use)\b|\bsubject to copyright\b")
        .is_some_and(|r| r.is_match(l))
}

/// A short line that is a byline, dateline or timestamp rather than prose.
fn date_line(l: &str) -> bool {
    if l.chars().count() > 90 {
        return false;
    }
    let dates = crate::date::find_dates(l);
    static TIME: OnceLock<Option<Regex>> = OnceLock::new();
    let has_time = re(
        &TIME,
        r"(?i)\b\d{1,2}[:.]\d{2}\s*(am|pm|uhr|h|ist|gmt|utc|et|est|edt|pt|cet)?\b",
    )
    .is_some_and(|r| r.is_match(l));
    if dates.is_empty() {
        return false;
    }
    // What is left once the dates are cut out: only a few label words may remain.
    let mut rest = String::new();
    let mut at = 0;
    for d in &dates {
        rest.push_str(&l[at..d.start]);
        rest.push(' ');
        at = d.end;
    }
    rest.push_str(&l[at..]);
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    words <= 6 || (has_time && words <= 9) || (l.starts_with("By ") && words <= 10)
}

/// Whether a line looks like a headline in a list (short, no sentence end).
fn headline_like(l: &str) -> bool {
    let n = l.chars().count();
    n > 0 && n <= 140 && !l.ends_with(['.', '!', ':', ';', '"', '”', '»']) || n == 0
}

/// A short line cut off with ".." or "…" (a teaser headline).
fn truncated(l: &str) -> bool {
    l.chars().count() <= 100 && (l.ends_with("..") || l.ends_with('…'))
}

fn words(l: &str) -> usize {
    l.split_whitespace().count()
}

/// The cleaned text: furniture lines removed, blank-line structure kept.
pub(crate) fn clean(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        if related_heading(l) {
            keep[i] = false;
            let mut j = i + 1;
            while j < lines.len() && headline_like(lines[j].trim()) {
                keep[j] = false;
                j += 1;
            }
            i = j;
            continue;
        }
        if !l.is_empty() && (furniture_line(l) || date_line(l)) {
            keep[i] = false;
        }
        // A run of three or more short lines cut off with ".." or "…" is a list of teasers.
        if truncated(l) {
            let run: Vec<usize> = (i..lines.len())
                .filter(|&k| !lines[k].trim().is_empty())
                .take_while(|&k| truncated(lines[k].trim()))
                .collect();
            if run.len() >= 3 {
                let last = run.last().copied().unwrap_or(i);
                for k in keep.iter_mut().take(last + 1).skip(i) {
                    *k = false;
                }
                i = last + 1;
                continue;
            }
        }
        // A run of five or more one- or two-word lines is a menu.
        if !l.is_empty() && words(l) <= 2 {
            let run = lines[i..]
                .iter()
                .take_while(|x| {
                    !x.trim().is_empty()
                        && words(x.trim()) <= 2
                        && !x.trim().ends_with(['.', '!', '?'])
                })
                .count();
            if run >= 5 {
                for k in keep.iter_mut().skip(i).take(run) {
                    *k = false;
                }
                i += run;
                continue;
            }
        }
        i += 1;
    }
    let mut out = String::with_capacity(text.len());
    for (l, k) in lines.iter().zip(keep) {
        if k {
            out.push_str(l);
            out.push('\n');
        }
    }
    // Collapse the blank runs the removals leave.
    let mut collapsed = String::with_capacity(out.len());
    let mut blank = 0;
    for l in out.lines() {
        if l.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        collapsed.push_str(l);
        collapsed.push('\n');
    }
    collapsed.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_furniture_keeps_prose() {
        let t = "First Published: Tuesday, November 19, 2019 08:38 AM\nThe army said 300 troops were sent on March 2, 2025.\n\nPhoto: Reuters\nADVERTISEMENT\nThe mayor agreed.\nYou may also like...\nWho will win in 2020?\nFans want a vote\n";
        assert_eq!(
            clean(t),
            "The army said 300 troops were sent on March 2, 2025.\n\nThe mayor agreed."
        );
        let credits = "The vote was held.\n( Reporting by Jane Roe, with reporting by John Doe and Ann Poe; editing by Max Moe and Kim Koe and others in the newsroom of a wire service that is long )\nImage 2 of 5\nFollow us on Twitter @Example and on Facebook.\nHave a tip? Ann Poe may be reached at ann@example.com.\nTags Some Person Some Place";
        assert_eq!(clean(credits), "The vote was held.");
        let teasers = "The vote was held.\nFirst teaser headline cut off..\nSecond teaser headline cut..\nThird teaser …\nThe count ended.";
        assert_eq!(clean(teasers), "The vote was held.\nThe count ended.");
        let menu = "World\nPolitics\nBusiness\nSport\nCulture\nThe vote was held on Sunday.";
        assert_eq!(clean(menu), "The vote was held on Sunday.");
    }
}
