//! `corroborate serve`: TODO (server helper).
use std::process::ExitCode;

pub fn run(_db: &str, _addr: &str, _token: Option<String>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve is not built yet")
}
