//! `corroborate report [--db PATH]`: a readable account of what the store holds: the documents
//! (date, outlet, title); then the figures: first the groups of figures about one quantity across
//! reports (`reconcile::claims`: best figure and range, consistent, revised or contradiction, how
//! many sources and how many independent origins, a note saying why, and the figures themselves),
//! then every figure in no group by measure with hedge, source and outlet side by side; then the
//! quotes by speaker; then the entities mentioned most widely.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use document::Measure;
use reconcile::claims::{number_label, Group, Status};
use store::{ClaimRecord, DocumentSummary, Page, QuoteRecord, Store};

use crate::export::{finish_output, open_store};

/// Caps that keep the report readable on a large store; what is left out is counted.
const MAX_DOCUMENTS: usize = 200;
const MAX_CLAIMS_PER_MEASURE: usize = 60;
const MAX_GROUPS: usize = 60;
const MAX_CLAIMS_PER_GROUP: usize = 12;
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

    let (claims, groups) = store.claims_and_groups()?;
    write_figures(out, &claims, &groups, &outlet_of)?;

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

/// The FIGURES section: groups of figures about one quantity, reconciled, then every figure that
/// is in no group, by measure.
fn write_figures(
    out: &mut dyn Write,
    claims: &[ClaimRecord],
    groups: &[Group],
    outlet_of: &BTreeMap<&str, &DocumentSummary>,
) -> Result<(), ReportError> {
    writeln!(out, "\nFIGURES")?;
    if claims.is_empty() {
        writeln!(out, "  no figures found")?;
        return Ok(());
    }
    let by_id: HashMap<&str, &ClaimRecord> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    writeln!(
        out,
        "\n  The same quantity in several reports ({} groups; independent = origins, not articles)",
        groups.len()
    )?;
    if groups.is_empty() {
        writeln!(
            out,
            "    none: no two figures could be matched to one quantity"
        )?;
    }
    for group in groups.iter().take(MAX_GROUPS) {
        let what = [
            Some(measure_name(group.measure)),
            group.counted.clone(),
            group.subject.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        writeln!(
            out,
            "\n    {what}: best {}, range {}  {}  ({} sources, {} independent)",
            group.best.map(number_label).unwrap_or_else(|| "-".into()),
            range(group.low, group.high),
            status_name(group.status),
            group.sources,
            group.independent_sources
        )?;
        writeln!(out, "      {}", group.note)?;
        writeln!(
            out,
            "      first reported: {} ({})",
            group.first_reported.source,
            date_or_dash(group.first_reported.published)
        )?;
        let mut members: Vec<&ClaimRecord> = group
            .claims
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        members.sort_by_key(|c| (c.as_of.or(c.published).is_none(), c.as_of.or(c.published)));
        for claim in members.iter().take(MAX_CLAIMS_PER_GROUP) {
            write_claim(out, claim, outlet_of, "        ")?;
        }
        more(out, members.len(), MAX_CLAIMS_PER_GROUP, "figures")?;
    }
    more(out, groups.len(), MAX_GROUPS, "groups")?;

    let grouped: HashSet<&str> = groups
        .iter()
        .flat_map(|g| g.claims.iter().map(String::as_str))
        .collect();
    let ungrouped: Vec<&ClaimRecord> = claims
        .iter()
        .filter(|c| !grouped.contains(c.id.as_str()))
        .collect();
    writeln!(
        out,
        "\n  Figures in no group, by measure ({})",
        ungrouped.len()
    )?;
    for measure in MEASURES {
        let mut of_measure: Vec<&ClaimRecord> = ungrouped
            .iter()
            .copied()
            .filter(|c| c.measure == measure)
            .collect();
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
        writeln!(
            out,
            "\n    {} ({})",
            measure_name(measure),
            of_measure.len()
        )?;
        for claim in of_measure.iter().take(MAX_CLAIMS_PER_MEASURE) {
            write_claim(out, claim, outlet_of, "      ")?;
        }
        more(out, of_measure.len(), MAX_CLAIMS_PER_MEASURE, "figures")?;
    }
    Ok(())
}

/// One figure on one line: words, hedge, what is counted, source, outlet, date.
fn write_claim(
    out: &mut dyn Write,
    claim: &ClaimRecord,
    outlet_of: &BTreeMap<&str, &DocumentSummary>,
    indent: &str,
) -> io::Result<()> {
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
            // No outlet: the file's name (its folder is the same for most documents).
            outlet_of.get(claim.document.as_str()).map(|d| {
                std::path::Path::new(&d.source)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(d.source.as_str())
            })
        })
        .unwrap_or("-");
    writeln!(
        out,
        "{indent}{:<22} {:<14} {:<20} per {:<30} {:<22} {}",
        clip(&claim.text, 22),
        hedge_name(claim),
        clip(&what, 20),
        clip(source, 30),
        clip(outlet, 22),
        date_or_dash(claim.as_of.or(claim.published))
    )
}

/// An interval as "[48, 60]", "[48, …)" or "(…, 60]".
fn range(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("[{}, {}]", number_label(l), number_label(h)),
        (Some(l), None) => format!("[{}, …)", number_label(l)),
        (None, Some(h)) => format!("(…, {}]", number_label(h)),
        (None, None) => "(…, …)".into(),
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Consistent => "CONSISTENT",
        Status::Revised => "REVISED",
        Status::Contradiction => "CONTRADICTION",
    }
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
