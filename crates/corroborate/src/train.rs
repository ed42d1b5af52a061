//! `corroborate train MODEL PATH`: TODO (entities helper).
use std::path::Path;
use std::process::ExitCode;

pub fn run(model: &str, _path: &Path, _out: Option<&Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("unknown model {model:?}")
}
