//! `corroborate extract [--format json|text] FILE`: one file through ingest and the pipeline, no
//! store. JSON is the document with all its annotations; text is a readable listing of the
//! metadata, the page furniture, the claims, the quotes and the entities, with byte offsets.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use document::Document;

use crate::export::finish_output;
use crate::ingest_cmd::{
    install_quiet_panic_hook, panic_message, MAX_INPUT_BYTES, WORKER_STACK_BYTES,
};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
    Text,
}

pub fn run(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let shown = path.display().to_string();
    let bytes = match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fail(&format!("{shown}: no such file"))
        }
        Err(e) => return fail(&format!("{shown}: {e}")),
        Ok(meta) if meta.is_dir() => {
            return fail(&format!("{shown}: is a folder; extract reads one file"))
        }
        Ok(meta) if meta.len() > MAX_INPUT_BYTES => {
            return fail(&format!(
                "{shown}: too large ({} bytes; the limit is {MAX_INPUT_BYTES})",
                meta.len()
            ))
        }
        Ok(_) => match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => return fail(&format!("{shown}: cannot read: {e}")),
        },
    };
    // Analysis runs on a thread with a large stack (deeply nested HTML), and a panic in it is
    // reported in one line rather than as a stack trace.
    install_quiet_panic_hook();
    let analysed = std::thread::Builder::new()
        .stack_size(WORKER_STACK_BYTES)
        .spawn(move || {
            std::panic::catch_unwind(|| -> Result<Document, String> {
                let mut doc = ingest::read_document(&shown, &bytes).map_err(|e| e.to_string())?;
                pipeline::analyse(&mut doc).map_err(|e| e.to_string())?;
                Ok(doc)
            })
            .unwrap_or_else(|payload| {
                Err(format!(
                    "{shown}: internal error while analysing ({}); please report it",
                    panic_message(&*payload)
                ))
            })
        })?;
    let doc = match analysed.join() {
        Ok(Ok(doc)) => doc,
        Ok(Err(message)) => return fail(&message),
        Err(_) => {
            return fail(&format!(
                "{}: internal error while analysing",
                path.display()
            ))
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Text => write_text(&doc, &mut out),
    }
    .and_then(|()| out.flush());
    finish_output(written)
}

fn fail(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("corroborate: {message}");
    Ok(ExitCode::from(1))
}

/// The readable listing.
pub(crate) fn write_text(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let meta = &doc.meta;
    let or_dash = |v: Option<&str>| v.map(str::to_string).unwrap_or_else(|| "-".into());
    let at = |span: Option<document::Span>| {
        span.map(|s| format!("  @{}..{}", s.start(), s.end()))
            .unwrap_or_default()
    };
    writeln!(
        out,
        "document   {}  ({} bytes of text, sha256 {})",
        doc.id,
        doc.text().len(),
        doc.sha256
    )?;
    writeln!(out, "source     {}", doc.source)?;
    writeln!(
        out,
        "title      {}{}",
        or_dash(meta.title.as_deref()),
        at(meta.title_span)
    )?;
    writeln!(
        out,
        "author     {}{}",
        or_dash(meta.author.as_deref()),
        at(meta.author_span)
    )?;
    writeln!(out, "outlet     {}", or_dash(meta.outlet.as_deref()))?;
    writeln!(
        out,
        "published  {}{}",
        meta.published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into()),
        at(meta.published_span)
    )?;
    writeln!(out, "language   {}", or_dash(meta.language.as_deref()))?;
    if let Some(url) = &meta.url {
        writeln!(out, "url        {url}")?;
    }
    if let Some(from) = &meta.syndicated_from {
        writeln!(out, "syndicated from {from}")?;
    }
    for cite in &meta.cites {
        let kind = if cite.syndication {
            "copied from"
        } else {
            "cites"
        };
        writeln!(
            out,
            "{kind:<10} {}{}{}",
            cite.name,
            cite.url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default(),
            at(cite.span)
        )?;
    }
    writeln!(
        out,
        "layers     {} paragraphs, {} sentences, {} tokens, {} quantities, {} dates",
        doc.paragraphs.len(),
        doc.sentences.len(),
        doc.tokens.len(),
        doc.quantities.len(),
        doc.dates.len()
    )?;

    writeln!(out, "\nFURNITURE ({})", doc.boilerplate.len())?;
    for b in &doc.boilerplate {
        let kind = serde_json::to_value(b.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<12} {:>6}..{:<6} {:?}",
            kind,
            b.span.start(),
            b.span.end(),
            clip(surface(doc, b.span), 70)
        )?;
    }

    writeln!(out, "\nCLAIMS ({})", doc.claims.len())?;
    for c in &doc.claims {
        let enum_str = |v: serde_json::Value| v.as_str().map(str::to_string).unwrap_or_default();
        let interval = format!("[{}, {}]", num(c.low), num(c.high));
        writeln!(
            out,
            "  {:>6}..{:<6} {:?}  {} {} {}  measure={}{}{}{}{}",
            c.span.start(),
            c.span.end(),
            surface(doc, c.span),
            enum_str(serde_json::to_value(c.hedge).unwrap_or_default()),
            num(c.value),
            interval,
            enum_str(serde_json::to_value(c.measure).unwrap_or_default()),
            c.counted
                .as_deref()
                .map(|v| format!(" counted={v:?}"))
                .unwrap_or_default(),
            c.subject
                .as_deref()
                .map(|v| format!(" subject={v:?}"))
                .unwrap_or_default(),
            c.attributed_to
                .as_ref()
                .map(|a| format!(" per={:?}@{}..{}", a.name, a.span.start(), a.span.end()))
                .unwrap_or_default(),
            c.as_of.map(|d| format!(" as_of={d}")).unwrap_or_default(),
        )?;
    }

    writeln!(out, "\nQUOTES ({})", doc.quotes.len())?;
    for q in &doc.quotes {
        let speaker = match &q.speaker {
            Some(s) => format!("{}@{}..{}", s.name, s.span.start(), s.span.end()),
            None => "(speaker not named)".into(),
        };
        let cue = q
            .cue
            .as_deref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>6}..{:<6} {speaker}{cue}: {:?}",
            q.span.start(),
            q.span.end(),
            clip(surface(doc, q.span), 140)
        )?;
    }

    writeln!(out, "\nENTITIES ({})", doc.entities.len())?;
    for (idx, e) in doc.entities.iter().enumerate() {
        let label = serde_json::to_value(e.label)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let mentions: Vec<String> = doc
            .entity_mentions
            .iter()
            .filter(|m| m.entity == Some(idx))
            .map(|m| format!("{}..{}", m.span.start(), m.span.end()))
            .collect();
        let roles = if e.roles.is_empty() {
            String::new()
        } else {
            format!(" roles: {}", e.roles.join(", "))
        };
        let aliases: Vec<&String> = e.aliases.iter().filter(|a| **a != e.name).collect();
        let aliases = if aliases.is_empty() {
            String::new()
        } else {
            format!(" aka {aliases:?}")
        };
        writeln!(
            out,
            "  {label:<6} {}{aliases}{roles}  mentions {}",
            e.name,
            mentions.join(" ")
        )?;
    }
    let unlinked: Vec<String> = doc
        .entity_mentions
        .iter()
        .filter(|m| m.entity.is_none_or(|i| i >= doc.entities.len()))
        .map(|m| {
            format!(
                "{:?}@{}..{}",
                surface(doc, m.span),
                m.span.start(),
                m.span.end()
            )
        })
        .collect();
    if !unlinked.is_empty() {
        writeln!(out, "  unlinked mentions: {}", unlinked.join(" "))?;
    }
    Ok(())
}

fn surface(doc: &Document, span: document::Span) -> &str {
    doc.get(span).unwrap_or("")
}

fn num(v: Option<f64>) -> String {
    match v {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => "-".into(),
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
