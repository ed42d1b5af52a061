//! `corroborate report [--db PATH]`: a readable account of what the store holds: the documents
//! (date, outlet, title), then the figures by measure with hedge, source and outlet side by side,
//! then the quotes by speaker, then the entities mentioned most widely.
//!
//! It reads only what the annotations give today; grouping figures into agreements and
//! contradictions is not built yet, and the report says so rather than guessing.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use document::Measure;
use store::{ClaimFilter, ClaimRecord, DocumentSummary, Page, QuoteRecord, Store};

use crate::export::{finish_output, open_store};

/// Caps that keep the report readable on a large store; what is left out is counted.
const MAX_DOCUMENTS: usize = 200;
const MAX_CLAIMS_PER_MEASURE: usize = 60;
const MAX_SPEAKERS: usize = 60;
const MAX_QUOTES_PER_SPEAKER: usize = 8;
const MAX_ENTITIES: usize = 40;

/// The measures in the contract's order.
const MEASURES: [Measure; 10] = [
    Measure::Deployed,
    Measure::Killed,
    Measure::Wounded,
    Measure::Casualties,
    Measure::Captured,
    Measure::Missing,
    Measure::Displaced,
    Measure::Arrested,
    Measure::Cost,
    Measure::Other,
];

pub fn run(db: &str) -> anyhow::Result<ExitCode> {
    let store = match open_store(db) {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write_report(&store, &mut out).and_then(|()| out.flush().map_err(ReportError::Io)) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(ReportError::Io(e)) => finish_output(Err(e)),
        Err(ReportError::Store(e)) => Err(e.into()),
    }
}

enum ReportError {
    Io(io::Error),
    Store(store::StoreError),
}

impl From<io::Error> for ReportError {
    fn from(e: io::Error) -> Self {
        ReportError::Io(e)
    }
}

impl From<store::StoreError> for ReportError {
    fn from(e: store::StoreError) -> Self {
        ReportError::Store(e)
    }
}

fn write_report(store: &Store, out: &mut dyn Write) -> Result<(), ReportError> {
    let stats = store.stats()?;
    writeln!(
        out,
        "corroborate report: {} documents, {} figures, {} quotes, {} entities",
        stats.documents, stats.claims, stats.quotes, stats.entities
    )?;

    // Documents, oldest first; undated ones last.
    let mut documents = store.documents(Page::all())?;
    documents.sort_by(|a, b| {
        (a.published.is_none(), a.published, &a.title).cmp(&(
            b.published.is_none(),
            b.published,
            &b.title,
        ))
    });
    writeln!(out, "\nDOCUMENTS")?;
    for doc in documents.iter().take(MAX_DOCUMENTS) {
        writeln!(
            out,
            "  {:<10}  {:<24}  {}  [{} figures, {} quotes]  {}",
            date_or_dash(doc.published),
            clip(doc.outlet.as_deref().unwrap_or("-"), 24),
            clip(doc.title.as_deref().unwrap_or("(untitled)"), 70),
            doc.claims,
            doc.quotes,
            doc.source
        )?;
    }
    more(out, documents.len(), MAX_DOCUMENTS, "documents")?;
    let outlet_of: BTreeMap<&str, &DocumentSummary> =
        documents.iter().map(|d| (d.id.as_str(), d)).collect();

    writeln!(out, "\nFIGURES BY MEASURE")?;
    writeln!(
        out,
        "  (grouping figures into agreements, revisions and contradictions is not built yet)"
    )?;
    let claims = store.claims(&ClaimFilter::default(), Page::all())?;
    if claims.is_empty() {
        writeln!(out, "  no figures found")?;
    }
    for measure in MEASURES {
        let mut of_measure: Vec<&ClaimRecord> =
            claims.iter().filter(|c| c.measure == measure).collect();
        if of_measure.is_empty() {
            continue;
        }
        of_measure.sort_by(|a, b| {
            (&a.subject, &a.counted, a.published.is_none(), a.published).cmp(&(
                &b.subject,
                &b.counted,
                b.published.is_none(),
                b.published,
            ))
        });
        writeln!(out, "\n  {} ({})", measure_name(measure), of_measure.len())?;
        for claim in of_measure.iter().take(MAX_CLAIMS_PER_MEASURE) {
            let what = [
                claim.counted.as_deref(),
                claim.subject.as_deref().map(|s| s.trim()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let source = claim
                .attributed_to
                .as_ref()
                .map(|a| a.name.as_str())
                .unwrap_or("(unattributed)");
            let outlet = claim
                .outlet
                .as_deref()
                .or_else(|| {
                    outlet_of
                        .get(claim.document.as_str())
                        .map(|d| d.source.as_str())
                })
                .unwrap_or("-");
            writeln!(
                out,
                "    {:<22} {:<14} {:<28} per {:<30} {:<22} {}",
                clip(&claim.text, 22),
                hedge_name(claim),
                clip(&what, 28),
                clip(source, 30),
                clip(outlet, 22),
                date_or_dash(claim.as_of.or(claim.published))
            )?;
        }
        more(out, of_measure.len(), MAX_CLAIMS_PER_MEASURE, "figures")?;
    }

    writeln!(out, "\nQUOTES BY SPEAKER")?;
    let quotes = store.quotes(None, Page::all())?;
    if quotes.is_empty() {
        writeln!(out, "  no quotes found")?;
    }
    let mut by_speaker: BTreeMap<String, Vec<&QuoteRecord>> = BTreeMap::new();
    for quote in &quotes {
        let speaker = quote
            .speaker
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "(speaker not named)".into());
        by_speaker.entry(speaker).or_default().push(quote);
    }
    let mut speakers: Vec<(String, Vec<&QuoteRecord>)> = by_speaker.into_iter().collect();
    speakers.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    for (speaker, quotes) in speakers.iter().take(MAX_SPEAKERS) {
        writeln!(out, "\n  {speaker} ({} quotes)", quotes.len())?;
        // The same words printed by several outlets are shown once, with where they appeared.
        let mut seen: Vec<(String, Vec<&QuoteRecord>)> = Vec::new();
        for quote in quotes {
            let key = normalise(&quote.text);
            match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(quote),
                None => seen.push((key, vec![quote])),
            }
        }
        for (_, same) in seen.iter().take(MAX_QUOTES_PER_SPEAKER) {
            let first = same[0];
            let outlets: Vec<&str> = same
                .iter()
                .map(|q| q.outlet.as_deref().unwrap_or(q.source.as_str()))
                .collect();
            let cue = first
                .cue
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            writeln!(
                out,
                "    “{}”{cue} — {}",
                clip(one_line(&first.text).as_str(), 160),
                clip(&outlets.join(", "), 80)
            )?;
        }
        more(out, seen.len(), MAX_QUOTES_PER_SPEAKER, "quotes")?;
    }
    more(out, speakers.len(), MAX_SPEAKERS, "speakers")?;

    writeln!(out, "\nENTITIES (most widely mentioned)")?;
    let entities = store.entities(Page::new(0, MAX_ENTITIES))?;
    if entities.is_empty() {
        writeln!(out, "  no entities found")?;
    }
    for entity in &entities {
        let aliases = if entity.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", clip(&entity.aliases.join(", "), 60))
        };
        writeln!(
            out,
            "  {:<6} {}{aliases}: {} mentions in {} documents",
            entity.kind, entity.name, entity.mentions, entity.documents
        )?;
    }
    more(out, stats.entities, MAX_ENTITIES, "entities")?;
    Ok(())
}

fn more(out: &mut dyn Write, total: usize, shown: usize, what: &str) -> io::Result<()> {
    if total > shown {
        writeln!(out, "    … and {} more {what}", total - shown)?;
    }
    Ok(())
}

fn date_or_dash(date: Option<document::NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn measure_name(measure: Measure) -> String {
    serde_json::to_value(measure)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The hedge with the interval it allows ("more_than [10000, …)").
fn hedge_name(claim: &ClaimRecord) -> String {
    serde_json::to_value(claim.hedge)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// At most `max` characters, with an ellipsis when cut; newlines become spaces.
fn clip(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_on_characters() {
        assert_eq!(clip("Kim’s troops\nmoved", 8), "Kim’s t…");
        assert_eq!(clip("short", 8), "short");
    }
}
