//! `corroborate serve`: the JSON API and web UI over an existing store (see the `server` crate).
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

pub fn run(db: &str, addr: &str, token: Option<String>) -> anyhow::Result<ExitCode> {
    let store = match store::Store::open_existing(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("corroborate: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let writable = token.as_deref().is_some_and(|t| !t.is_empty());
    let config = server::Config {
        token,
        ..server::Config::default()
    };
    server::run_blocking(store, addr, config, |local| {
        let mode = if writable {
            "POST /api/documents needs the token"
        } else {
            "read-only"
        };
        println!("corroborate: serving {db} at http://{local}/ ({mode}); ctrl-c stops");
        let _ = std::io::stdout().flush();
    })
    .with_context(|| format!("serving on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}
