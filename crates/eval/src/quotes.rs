//! `corroborate eval quotes PATH`: direct quotes and their speakers against PolNeAR.
//!
//! PATH is the `polnear` folder (its `polnear-dev.tar.gz` is read) or one of its `.tar.gz` files.
//! Each article goes through the whole pipeline; its quotes are compared with the gold attributions
//! of the lowest-numbered annotator.
//!
//! PolNeAR's Content spans cover paraphrase as well as direct speech, so the gold *direct quotes*
//! are derived from the Content spans that contain double quotation marks: each stretch between a
//! pair of marks inside such a span is one gold quote (a span that starts or ends inside a quote
//! runs to its edge; a quote is cut at paragraph breaks, as ours are). Spans are compared after
//! trimming white space, punctuation and quotation marks at both ends:
//! - span P/R/F1 counts exact matches; an "overlap" line counts any overlap, for comparison.
//! - speaker accuracy: of the gold quotes with a Source that a predicted quote overlaps, the share
//!   whose predicted speaker span — or the words next to the cue it was read from (a pronoun, "the
//!   letter"), since PolNeAR marks "he" and not its antecedent — overlaps the gold Source.
//!
//! Predicted quotes inside stretches the annotators flagged `Discuss` (interview transcript turns)
//! or `Discard` (boilerplate) are not scored, since those stretches carry no attributions.
//!
//! Set `QUOTES_EVAL_ERRORS=1` to print each miss with its context.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use document::{Document, Span};

use crate::EvalError;

/// One gold direct quote (byte offsets).
#[derive(Clone, Debug)]
struct GoldQuote {
    span: (usize, usize),
    sources: Vec<(usize, usize)>,
}

struct Article {
    name: String,
    text: String,
    gold: Vec<GoldQuote>,
    /// Stretches the annotators set aside (`Discuss`: interview transcript turns; `Discard`:
    /// boilerplate): predicted quotes there are not scored.
    set_aside: Vec<(usize, usize)>,
}

/// The headline numbers of one run.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "read by the regression test below")
)]
pub struct Scores {
    pub span_f1: f64,
    pub speaker_accuracy: f64,
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    score(path).map(|_| ())
}

/// Scores the quotes stage on the archive at `path`, printing the report.
pub fn score(path: &Path) -> Result<Scores, EvalError> {
    // The eval folder (like the other tasks), the polnear folder, or the archive itself.
    let archive = if path.join("polnear").is_dir() {
        path.join("polnear").join("polnear-dev.tar.gz")
    } else if path.is_dir() {
        path.join("polnear-dev.tar.gz")
    } else {
        path.to_path_buf()
    };
    let articles = load(&archive)?;
    let show = std::env::var_os("QUOTES_EVAL_ERRORS").is_some();
    let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    let (mut lenient_pred_ok, mut lenient_gold_ok) = (0usize, 0usize);
    let (mut speaker_total, mut speaker_ok, mut speaker_null) = (0usize, 0usize, 0usize);
    for article in &articles {
        let mut doc = Document::from_text(article.name.clone(), article.text.clone());
        if let Err(e) = pipeline::analyse(&mut doc) {
            eprintln!("{}: {e}", article.name);
            continue;
        }
        let found = quotes::extract(&doc);
        let text = doc.text();
        let found: Vec<quotes::Found> = found
            .into_iter()
            .filter(|f| {
                !article
                    .set_aside
                    .iter()
                    .any(|&(a, b)| f.quote.span.start() < b && a < f.quote.span.end())
            })
            .collect();
        let pred: Vec<(usize, usize)> = found
            .iter()
            .map(|f| normalise(text, f.quote.span.start(), f.quote.span.end()))
            .collect();
        let gold: Vec<(usize, usize)> = article
            .gold
            .iter()
            .map(|g| normalise(text, g.span.0, g.span.1))
            .collect();
        n_pred += pred.len();
        n_gold += gold.len();
        tp += gold.iter().filter(|g| pred.contains(g)).count();
        lenient_pred_ok += pred
            .iter()
            .filter(|p| gold.iter().any(|g| overlaps(**p, *g)))
            .count();
        for (gi, g) in gold.iter().enumerate() {
            let Some(pi) = pred.iter().position(|p| overlaps(*p, *g)) else {
                if show {
                    println!("MISS  {}: {}", article.name, context(text, *g, 60));
                }
                continue;
            };
            lenient_gold_ok += 1;
            if pred[pi] != *g && show {
                println!(
                    "SPAN  {}: gold {:?} pred {:?}",
                    article.name,
                    &text[g.0..g.1],
                    &text[pred[pi].0..pred[pi].1]
                );
            }
            let sources = &article.gold[gi].sources;
            if sources.is_empty() {
                continue;
            }
            speaker_total += 1;
            let f = &found[pi];
            let mut spans: Vec<Span> = Vec::new();
            if let Some(s) = &f.quote.speaker {
                spans.push(s.span);
            }
            spans.extend(f.mention);
            if spans.is_empty() {
                speaker_null += 1;
            }
            let ok = spans
                .iter()
                .any(|s| sources.iter().any(|&(a, b)| s.start() < b && a < s.end()));
            if ok {
                speaker_ok += 1;
            } else if show {
                let src: Vec<&str> = sources.iter().map(|&(a, b)| &text[a..b]).collect();
                let got = f
                    .quote
                    .speaker
                    .as_ref()
                    .map(|s| format!("{}@{}", s.name, doc.text_of(s.span)));
                println!(
                    "SPEAKER {}: gold {:?} got {:?} cue {:?} | {}",
                    article.name,
                    src,
                    got,
                    f.quote.cue,
                    context(text, *g, 120)
                );
            }
        }
        if show {
            for p in &pred {
                if !gold.iter().any(|g| overlaps(*p, *g)) {
                    println!("EXTRA {}: {}", article.name, context(text, *p, 50));
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let (p, r) = (ratio(tp, n_pred), ratio(tp, n_gold));
    let (lp, lr) = (
        ratio(lenient_pred_ok, n_pred),
        ratio(lenient_gold_ok, n_gold),
    );
    let accuracy = ratio(speaker_ok, speaker_total);
    println!("data: {} ({} articles)", archive.display(), articles.len());
    println!("gold direct quotes {n_gold}, predicted {n_pred}, exact matches {tp}");
    println!("overlap: P {lp:.3} R {lr:.3} F1 {:.3}", f1(lp, lr));
    println!("exact span: P {p:.3} R {r:.3} F1 {:.3}", f1(p, r));
    println!("speaker: {speaker_ok}/{speaker_total} correct, {speaker_null} without speaker");
    println!("F1 {:.3} speaker_accuracy {accuracy:.3}", f1(p, r));
    Ok(Scores {
        span_f1: f1(p, r),
        speaker_accuracy: accuracy,
    })
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn context(text: &str, span: (usize, usize), width: usize) -> String {
    let mut lo = span.0.saturating_sub(width);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (span.1 + width / 2).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    format!(
        "{}[[{}]]{}",
        &text[lo..span.0],
        &text[span.0..span.1],
        &text[span.1..hi]
    )
    .replace('\n', "¶")
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»')
}

/// A span trimmed of white space, punctuation and quotation marks at both ends.
fn normalise(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let trim = |c: char| c.is_whitespace() || is_quote_mark(c) || ".,;:!?—–-…()".contains(c);
    let left = slice.len() - slice.trim_start_matches(trim).len();
    let right = slice.trim_end_matches(trim).len();
    if right <= left {
        return (start, start);
    }
    (start + left, start + right)
}

/// Reads the texts and first-annotator attributions of a PolNeAR archive.
fn load(archive: &Path) -> Result<Vec<Article>, EvalError> {
    let io = |source| EvalError::Io {
        path: archive.display().to_string(),
        source,
    };
    let file = std::fs::File::open(archive).map_err(io)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let entries = tar_entries(&bytes).map_err(|reason| EvalError::Data {
        path: archive.display().to_string(),
        reason,
    })?;
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut anns: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (name, data) in entries {
        let data = String::from_utf8_lossy(data).into_owned();
        let file_name = name.rsplit('/').next().unwrap_or(&name).to_string();
        if name.contains("/text/") && file_name.ends_with(".txt") {
            texts.insert(file_name.trim_end_matches(".txt").to_string(), data);
        } else if name.contains("/attributions/") && file_name.ends_with(".ann") {
            let stem = file_name.trim_end_matches(".ann");
            let Some((doc, _annotator)) = stem.rsplit_once('_') else {
                continue;
            };
            // The lowest annotator id per document.
            let keep = anns.get(doc).is_none_or(|(seen, _)| stem < seen.as_str());
            if keep {
                anns.insert(doc.to_string(), (stem.to_string(), data));
            }
        }
    }
    let mut out = Vec::new();
    for (name, text) in texts {
        let Some((_, ann)) = anns.get(&name) else {
            continue;
        };
        let (gold, set_aside) = gold_quotes(&text, ann).map_err(|reason| EvalError::Data {
            path: format!("{}:{name}", archive.display()),
            reason,
        })?;
        out.push(Article {
            name,
            text,
            gold,
            set_aside,
        });
    }
    if out.is_empty() {
        return Err(EvalError::Data {
            path: PathBuf::from(archive).display().to_string(),
            reason: "no annotated texts found".into(),
        });
    }
    Ok(out)
}

/// The gold quotes of one document and the stretches set aside from scoring (byte ranges).
type GoldAnnotations = (Vec<GoldQuote>, Vec<(usize, usize)>);

/// Gold direct quotes from brat standoff: character offsets converted to bytes here.
fn gold_quotes(text: &str, ann: &str) -> Result<GoldAnnotations, String> {
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let to_byte = |c: usize| {
        byte_at.get(c).copied().ok_or_else(|| {
            format!(
                "character offset {c} past the end ({} chars)",
                byte_at.len() - 1
            )
        })
    };
    let mut spans: BTreeMap<String, (String, Vec<(usize, usize)>)> = BTreeMap::new();
    let mut events: Vec<BTreeMap<String, String>> = Vec::new();
    for line in ann.lines() {
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(def)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            let Some((label, offsets)) = def.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for frag in offsets.split(';') {
                let mut it = frag.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(a)), Some(Ok(b))) = (it.next(), it.next()) else {
                    return Err(format!("bad offsets in {line:?}"));
                };
                frags.push((to_byte(a)?, to_byte(b)?));
            }
            spans.insert(id.to_string(), (label.to_string(), frags));
        } else if id.starts_with('E') {
            let args = def
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .map(|(r, t)| (r.to_string(), t.to_string()))
                .collect();
            events.push(args);
        }
    }
    let mut out = Vec::new();
    for event in events {
        let Some((_, content)) = event.get("Content").and_then(|t| spans.get(t)) else {
            continue;
        };
        let has_mark = content
            .iter()
            .any(|&(a, b)| !quoted_stretches(text, a, b).is_empty());
        if !has_mark {
            continue;
        }
        let sources = event
            .get("Source")
            .and_then(|t| spans.get(t))
            .map(|(_, f)| f.clone())
            .unwrap_or_default();
        for &(a, b) in content {
            for (s, e) in quoted_stretches(text, a, b) {
                out.push(GoldQuote {
                    span: (s, e),
                    sources: sources.clone(),
                });
            }
        }
    }
    out.sort_by_key(|g| g.span);
    out.dedup_by_key(|g| g.span);
    let set_aside = spans
        .values()
        .filter(|(label, _)| label == "Discuss" || label == "Discard")
        .flat_map(|(_, f)| f.iter().copied())
        .collect();
    Ok((out, set_aside))
}

/// The stretches between paired double quotation marks in `text[start..end]`, line by line.
fn quoted_stretches(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut seen_mark = false;
    let mut line_start = start;
    let push = |out: &mut Vec<(usize, usize)>, a: usize, b: usize| {
        let inner = &text[a..b];
        if inner.chars().any(char::is_alphanumeric) {
            let lead = inner.len() - inner.trim_start().len();
            out.push((a + lead, a + inner.trim_end().len()));
        }
    };
    let slice = &text[start..end];
    let mut skip = false;
    let mut single_open: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        let at = start + i;
        if skip {
            skip = false;
            continue;
        }
        let prev = slice[..i].chars().next_back();
        let next = slice[i + c.len_utf8()..].chars().next();
        // Two apostrophes are a double mark in some archives.
        let c = if c == '\'' && next == Some('\'') {
            skip = true;
            '"'
        } else {
            c
        };
        let width = if skip { 2 } else { c.len_utf8() };
        // Single quotes outside double quotes: ‘ opens; ’ or ' closes when not between letters.
        if open.is_none() {
            match c {
                '‘' => {
                    single_open = Some(at + width);
                    continue;
                }
                '\'' if single_open.is_none()
                    && prev.is_none_or(|p| p.is_whitespace())
                    && next.is_some_and(char::is_alphanumeric) =>
                {
                    single_open = Some(at + 1);
                    continue;
                }
                '’' | '\''
                    if single_open.is_some()
                        && prev.is_some_and(|p| !p.is_whitespace())
                        && !next.is_some_and(char::is_alphanumeric) =>
                {
                    if let Some(o) = single_open.take() {
                        push(&mut out, o, at);
                    }
                    continue;
                }
                _ => {}
            }
        }
        match c {
            '\n' => {
                if let Some(o) = open {
                    push(&mut out, o, at);
                    // The quote runs on: the next paragraph re-opens it with its own mark.
                    open = None;
                }
                line_start = at + 1;
            }
            '“' => {
                open = Some(at + width);
                seen_mark = true;
                single_open = None;
            }
            '”' | '"' => {
                match open {
                    Some(o) => {
                        push(&mut out, o, at);
                        open = None;
                    }
                    None if c == '"' => {
                        open = Some(at + width);
                        single_open = None;
                    }
                    // A closing mark with no opening one: the span began inside the quote.
                    None => {
                        if !seen_mark {
                            push(&mut out, line_start, at);
                        }
                    }
                }
                seen_mark = true;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        push(&mut out, o, end);
    }
    out
}

/// The regular files of an uncompressed tar archive, as (path, contents). Reads ustar and GNU
/// long-name headers and pax `path` records; that is all PolNeAR's archives use.
fn tar_entries(bytes: &[u8]) -> Result<Vec<(String, &[u8])>, String> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut long_name: Option<String> = None;
    while at + 512 <= bytes.len() {
        let header = &bytes[at..at + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |a: usize, b: usize| -> String {
            String::from_utf8_lossy(&header[a..b])
                .trim_end_matches('\0')
                .to_string()
        };
        let size_field = field(124, 136);
        let size =
            usize::from_str_radix(size_field.trim_matches(|c: char| c == ' ' || c == '\0'), 8)
                .map_err(|_| format!("bad tar size field {size_field:?} at byte {at}"))?;
        let data_start = at + 512;
        let data_end = data_start + size;
        if data_end > bytes.len() {
            return Err(format!(
                "tar entry at byte {at} runs past the end of the archive"
            ));
        }
        let data = &bytes[data_start..data_end];
        let kind = header[156];
        let mut name = field(0, 100);
        if &header[257..262] == b"ustar" {
            let prefix = field(345, 500);
            if !prefix.is_empty() {
                name = format!("{prefix}/{name}");
            }
        }
        match kind {
            b'L' => {
                long_name = Some(
                    String::from_utf8_lossy(data)
                        .trim_end_matches('\0')
                        .to_string(),
                )
            }
            b'x' => {
                for record in String::from_utf8_lossy(data).lines() {
                    if let Some((_, path)) = record.split_once(" path=") {
                        long_name = Some(path.to_string());
                    }
                }
            }
            b'0' | 0 => out.push((long_name.take().unwrap_or(name), data)),
            _ => long_name = None,
        }
        at = data_start + size.div_ceil(512) * 512;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dev split, when `../shared/eval/polnear` is there: the scores must not fall below
    /// these floors (set under the measured scores; see the commit messages for the numbers).
    #[test]
    fn polnear_dev_floor() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/polnear");
        if !dir.join("polnear-dev.tar.gz").exists() {
            eprintln!(
                "note: {} not found, PolNeAR dev eval skipped",
                dir.display()
            );
            return;
        }
        // QUOTES_EVAL_ARCHIVE=polnear-train.tar.gz scores another archive of the folder instead.
        if let Some(name) = std::env::var_os("QUOTES_EVAL_ARCHIVE") {
            score(&dir.join(name)).unwrap();
            return;
        }
        let scores = score(&dir).unwrap();
        assert!(scores.span_f1 >= 0.93, "{scores:?}");
        assert!(scores.speaker_accuracy >= 0.88, "{scores:?}");
    }

    #[test]
    fn stretches_pair_marks() {
        let t = "that he was “unfit” and “a disgrace,” he said";
        let got: Vec<&str> = quoted_stretches(t, 0, t.len())
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect();
        assert_eq!(got, vec!["unfit", "a disgrace,"]);
    }

    #[test]
    fn gold_offsets_are_characters() {
        let text = "Kim’s aide said “go.”";
        // chars: “ is at char 16, g at 17; "go." spans chars 17..20
        let ann = "T1\tSource 6 10\taide\nT2\tContent 16 21\t“go.”\nT3\tCue 11 15\tsaid\nE1\tAttribution:T3 Content:T2 Source:T1 Cue:T3\n";
        let (gold, _) = gold_quotes(text, ann).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].span.0..gold[0].span.1], "go.");
        assert_eq!(&text[gold[0].sources[0].0..gold[0].sources[0].1], "aide");
    }

    #[test]
    fn normalise_trims_marks_and_punctuation() {
        let t = "“Go home,” he";
        let (a, b) = normalise(t, 0, t.len() - 3);
        assert_eq!(&t[a..b], "Go home");
    }
}
