//! `corroborate export KIND`: TODO (store helper).
use std::process::ExitCode;

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

pub fn run(_db: &str, _kind: Kind, _format: Format) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is not built yet")
}
