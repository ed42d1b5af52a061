//! `corroborate ingest`: TODO (store helper).
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_db: &str, _paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ingest is not built yet")
}
