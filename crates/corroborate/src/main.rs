//! The `corroborate` command line: ingest articles into a sourced ledger, export it, report on
//! it, serve it, and score its components. See CONTRACT.md for the stable outside face.
//!
//! Each subcommand lives in its own module; this file only parses arguments and maps results
//! to exit codes (0 all good, 1 some inputs failed, 2 usage error).

mod export;
mod extract;
mod ingest_cmd;
mod report;
mod serve;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Turn a stream of news articles into a sourced ledger of claims, entities and quotes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the store is: `--db`, else `CORROBORATE_DB`, else `corroborate.db` here.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArg {
    #[arg(long, env = "CORROBORATE_DB", default_value = "corroborate.db")]
    pub db: String,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (.txt .html .htm, and .gz of either; files or folders, recursively) into the store.
    Ingest {
        #[command(flatten)]
        db: DbArg,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Analyse one file without a store and print the document with all its annotations.
    Extract {
        #[arg(long, value_enum, default_value = "json")]
        format: extract::Format,
        file: PathBuf,
    },
    /// Print one kind of record from the store: documents, entities, claims, quotes or groups.
    Export {
        kind: export::Kind,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: export::Format,
    },
    /// A readable account of the story: figures, who said what, contradictions.
    Report {
        #[command(flatten)]
        db: DbArg,
    },
    /// The JSON API and web UI.
    Serve {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Allow `POST /api/documents` for requests carrying this bearer token.
        #[arg(long, env = "CORROBORATE_TOKEN")]
        token: Option<String>,
    },
    /// Score a component on a labelled data set; the last line printed is the score.
    Eval { task: String, path: PathBuf },
    /// Train a statistical model from labelled data (reproduces the committed weights).
    Train {
        model: String,
        path: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Ingest throughput on a .jsonl.gz of articles (e.g. ../shared/eval/bbc-news/bbc-2225.jsonl.gz).
    #[command(hide = true)]
    Bench {
        path: PathBuf,
        /// Only the first N articles.
        #[arg(long)]
        limit: Option<usize>,
        /// Only clean + metadata + store (no analysis stages); by default both passes run.
        #[arg(long, conflicts_with = "full")]
        no_analysis: bool,
        /// Only the full pipeline (clean + metadata + analyse + store).
        #[arg(long)]
        full: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Ingest { db, paths } => ingest_cmd::run(&db.db, &paths),
        Command::Extract { format, file } => extract::run(&file, format),
        Command::Export { kind, db, format } => export::run(&db.db, kind, format),
        Command::Report { db } => report::run(&db.db),
        Command::Serve { db, addr, token } => serve::run(&db.db, &addr, token),
        Command::Eval { task, path } => eval::run(&task, &path)
            .map_err(anyhow::Error::from)
            .map(|()| ExitCode::SUCCESS),
        Command::Train { model, path, out } => train::run(&model, &path, out.as_deref()),
        Command::Bench {
            path,
            limit,
            no_analysis,
            full,
        } => {
            let mode = match (no_analysis, full) {
                (true, _) => ingest_cmd::BenchMode::IngestOnly,
                (_, true) => ingest_cmd::BenchMode::Full,
                _ => ingest_cmd::BenchMode::Both,
            };
            ingest_cmd::bench(&path, limit, mode)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("corroborate: {}", error_chain(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, "outer: inner: …", leaving out a cause whose text the message already
/// holds (our error types name the file and repeat their source's text, as in "{path}: {source}").
fn error_chain(e: &anyhow::Error) -> String {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::error_chain;

    #[test]
    fn causes_already_in_the_message_are_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = anyhow::Error::new(io).context("data/x.gz: no such file");
        assert_eq!(error_chain(&e), "data/x.gz: no such file");
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = anyhow::Error::new(io).context("cannot read data/x.gz");
        assert_eq!(error_chain(&e), "cannot read data/x.gz: no such file");
    }
}
