//! `corroborate export KIND [--db PATH] [--format jsonl|csv]`: one kind of record from the store
//! to stdout, in the shapes of CONTRACT.md (one JSON object per line), or as CSV with one
//! column per field (nested fields joined with `_`, lists of names joined with `; `, other
//! lists counted). `groups` are computed from the stored claims when exported
//! (`reconcile::claims`).
//!
//! Output goes through one locked, buffered stdout writer; a closed pipe (`| head`) ends the
//! export quietly with success.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;
use store::{ClaimFilter, Store};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Kind {
    Documents,
    Entities,
    Claims,
    Quotes,
    Groups,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// Opens an existing store, or says why not; `Err` carries the exit code (2).
pub(crate) fn open_store(db: &str) -> Result<Store, ExitCode> {
    Store::open_existing(db).map_err(|e| {
        eprintln!("corroborate: {e}");
        ExitCode::from(2)
    })
}

/// The exit code for a finished write to stdout: a closed pipe is success.
pub(crate) fn finish_output(result: io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(anyhow::Error::new(e).context("writing to stdout")),
    }
}

pub fn run(db: &str, kind: Kind, format: Format) -> anyhow::Result<ExitCode> {
    let store = match open_store(db) {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let stdout = io::stdout();
    let mut out = Sink {
        writer: BufWriter::new(stdout.lock()),
        format,
        columns: columns(kind),
        error: None,
        header_done: false,
    };
    let result = match kind {
        Kind::Documents => store.each_document_record(&mut |r| out.write(&r)),
        Kind::Claims => store.each_claim(&ClaimFilter::default(), &mut |r| out.write(&r)),
        Kind::Quotes => store.each_quote(&mut |r| out.write(&r)),
        Kind::Entities => store.each_entity(&mut |r| out.write(&r)),
        Kind::Groups => store.claims_and_groups().map(|(_, groups)| {
            for group in &groups {
                if !out.write(group) {
                    break;
                }
            }
        }),
    };
    let written = out.finish();
    result?;
    finish_output(written)
}

/// CSV columns per kind: (header, JSON pointer into the record).
fn columns(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Documents => &[
            ("id", "/id"),
            ("source", "/source"),
            ("sha256", "/sha256"),
            ("title", "/title"),
            ("author", "/author"),
            ("outlet", "/outlet"),
            ("published", "/published"),
            ("language", "/language"),
            ("syndicated_from", "/syndicated_from"),
            ("near_duplicate_of", "/near_duplicate_of"),
            ("boilerplate", "/boilerplate"),
            ("cites", "/cites"),
            ("text", "/text"),
        ],
        Kind::Claims => &[
            ("id", "/id"),
            ("document", "/document"),
            ("source", "/source"),
            ("start", "/start"),
            ("end", "/end"),
            ("text", "/text"),
            ("sentence_start", "/sentence/start"),
            ("sentence_end", "/sentence/end"),
            ("value", "/value"),
            ("low", "/low"),
            ("high", "/high"),
            ("hedge", "/hedge"),
            ("measure", "/measure"),
            ("counted", "/counted"),
            ("subject", "/subject"),
            ("attributed_to", "/attributed_to/name"),
            ("attributed_to_start", "/attributed_to/start"),
            ("attributed_to_end", "/attributed_to/end"),
            ("as_of", "/as_of"),
            ("outlet", "/outlet"),
            ("published", "/published"),
        ],
        Kind::Quotes => &[
            ("id", "/id"),
            ("document", "/document"),
            ("source", "/source"),
            ("start", "/start"),
            ("end", "/end"),
            ("text", "/text"),
            ("speaker", "/speaker/name"),
            ("speaker_entity", "/speaker/entity"),
            ("speaker_start", "/speaker/start"),
            ("speaker_end", "/speaker/end"),
            ("cue", "/cue"),
            ("appearances", "/appearances"),
            ("outlet", "/outlet"),
            ("published", "/published"),
        ],
        Kind::Entities => &[
            ("id", "/id"),
            ("name", "/name"),
            ("type", "/type"),
            ("aliases", "/aliases"),
            ("mentions", "/mentions"),
            ("documents", "/documents"),
        ],
        Kind::Groups => &[
            ("id", "/id"),
            ("measure", "/measure"),
            ("subject", "/subject"),
            ("counted", "/counted"),
            ("claims", "/claims"),
            ("sources", "/sources"),
            ("independent_sources", "/independent_sources"),
            ("low", "/low"),
            ("best", "/best"),
            ("high", "/high"),
            ("status", "/status"),
            ("note", "/note"),
            ("first_reported_claim", "/first_reported/claim"),
            ("first_reported_source", "/first_reported/source"),
            ("first_reported_published", "/first_reported/published"),
        ],
    }
}

struct Sink<W: Write> {
    writer: W,
    format: Format,
    columns: &'static [(&'static str, &'static str)],
    error: Option<io::Error>,
    header_done: bool,
}

impl<W: Write> Sink<W> {
    /// Writes one record; returns false (stop) after a write error, which `finish` reports.
    fn write<T: Serialize>(&mut self, record: &T) -> bool {
        let result = match self.format {
            Format::Jsonl => self.jsonl(record),
            Format::Csv => self.csv(record),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    fn jsonl<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.writer, record)?;
        self.writer.write_all(b"\n")
    }

    fn csv<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        if !self.header_done {
            self.header_done = true;
            let header: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
            writeln!(self.writer, "{}", header.join(","))?;
        }
        let value = serde_json::to_value(record).map_err(io::Error::other)?;
        let cells: Vec<String> = self
            .columns
            .iter()
            .map(|(_, pointer)| csv_cell(value.pointer(pointer)))
            .collect();
        writeln!(self.writer, "{}", cells.join(","))
    }

    fn finish(mut self) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if matches!(self.format, Format::Csv) && !self.header_done {
            // An empty table still gets its header, so a reader sees the columns.
            let header: Vec<&str> = self.columns.iter().map(|(name, _)| *name).collect();
            writeln!(self.writer, "{}", header.join(","))?;
        }
        self.writer.flush()
    }
}

/// One CSV cell (RFC 4180 quoting).
fn csv_cell(value: Option<&Value>) -> String {
    let plain = match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        Some(Value::Array(items)) => items.len().to_string(),
        Some(other) => other.to_string(),
    };
    if plain.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", plain.replace('"', "\"\""))
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_quote_what_needs_it() {
        assert_eq!(
            csv_cell(Some(&Value::String("a, \"b\"".into()))),
            "\"a, \"\"b\"\"\""
        );
        assert_eq!(csv_cell(None), "");
        assert_eq!(
            csv_cell(Some(&serde_json::json!(["Kim", "Kim Jong-un"]))),
            "Kim; Kim Jong-un"
        );
        assert_eq!(
            csv_cell(Some(&serde_json::json!([{"a": 1}, {"a": 2}]))),
            "2"
        );
        assert_eq!(csv_cell(Some(&serde_json::json!(10000.0))), "10000.0");
    }
}
