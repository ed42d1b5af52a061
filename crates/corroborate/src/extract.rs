//! `corroborate extract FILE`: one file through ingest and the pipeline, no store.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
    Text,
}

pub fn run(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let source = path.display().to_string();
    let mut doc = ingest::read_document(&source, &bytes)?;
    pipeline::analyse(&mut doc)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&doc)?),
        Format::Text => {
            println!("{}", doc.meta.title.as_deref().unwrap_or("(untitled)"));
            for claim in &doc.claims {
                println!("claim {:?} {:?} {:?} {}", claim.measure, claim.hedge, claim.value, doc.text_of(claim.span));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
