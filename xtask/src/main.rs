//! `cargo xtask ci | eval`: the project's own checks, so CI and developers run the same thing.
use std::process::{exit, Command};

fn run(program: &str, args: &[&str]) {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program).args(args).status().unwrap_or_else(|e| {
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
            for (task, path) in [
                ("extraction", "eval/article-extraction-benchmark"),
                ("dates", "eval/htmldate"),
            ] {
                run("cargo", &["run", "--release", "-q", "-p", "corroborate", "--", "eval", task, &format!("{shared}/{path}")]);
            }
        }
        _ => {
            eprintln!("usage: cargo xtask ci | eval");
            exit(2)
        }
    }
}
