//! `corroborate report`: TODO (store helper).
use std::process::ExitCode;

pub fn run(_db: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("report is not built yet")
}
