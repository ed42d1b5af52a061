//! `cargo xtask ci | eval`: the project's own checks, so CI and developers run the same thing.
use std::process::{exit, Command};

fn run(program: &str, args: &[&str]) {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| {
            eprintln!("xtask: cannot run {program}: {e}");
            exit(2)
        });
    if !status.success() {
        exit(status.code().unwrap_or(1));
    }
}

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "ci" => {
            run("cargo", &["build", "--workspace", "--all-targets"]);
            run("cargo", &["test", "--workspace"]);
        }
        "eval" => {
            let shared = std::env::var("CORROBORATE_SHARED").unwrap_or_else(|_| "../shared".into());
            let eval = format!("{shared}/eval");
            // Every eval task with the data it reads: the public sets under ../shared/eval and our own
            // labelled sets in the repository (claims: dev, dev2 and the held-out test split).
            let runs: Vec<(&str, String)> = vec![
                ("extraction", format!("{eval}/article-extraction-benchmark")),
                ("dates", format!("{eval}/htmldate")),
                ("sentences", eval.clone()),
                ("numbers", eval.clone()),
                ("claims", "crates/claims/tests/data/gold/dev.jsonl".into()),
                ("claims", "crates/claims/tests/data/gold/dev2.jsonl".into()),
                ("claims", "crates/claims/tests/data/gold/test.jsonl".into()),
                ("ner", eval.clone()),
                ("coref", eval.clone()),
                ("quotes", format!("{eval}/polnear")),
            ];
            run("cargo", &["build", "--release", "-q", "-p", "corroborate"]);
            for (task, path) in &runs {
                run(
                    "cargo",
                    &[
                        "run",
                        "--release",
                        "-q",
                        "-p",
                        "corroborate",
                        "--",
                        "eval",
                        task,
                        path,
                    ],
                );
            }
        }
        _ => {
            eprintln!("usage: cargo xtask ci | eval");
            exit(2)
        }
    }
}
