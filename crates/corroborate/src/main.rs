//! The `corroborate` command line: ingest articles into a sourced ledger, export it, report on
//! it, serve it, and score its components. See CONTRACT.md for the stable outside face.

mod extract;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "corroborate", version, about = "Turn a stream of news articles into a sourced ledger of claims, entities and quotes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one file without a store and print the document with all its annotations.
    Extract {
        #[arg(long, value_enum, default_value = "json")]
        format: extract::Format,
        file: PathBuf,
    },
    /// Score a component on a labelled data set; the last line printed is the score.
    Eval { task: String, path: PathBuf },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Extract { format, file } => extract::run(&file, format),
        Command::Eval { task, path } => eval::run(&task, &path).map_err(anyhow::Error::from).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("corroborate: {e:#}");
            ExitCode::from(1)
        }
    }
}
