//! Development helper: trains the tagger and writes the model (same as `corroborate train ner`).
//! Usage: cargo run --release -p entities --example ner_train -- ../shared/eval/uner-en [OUT]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir =
        std::path::PathBuf::from(args.get(1).map_or("../shared/eval/uner-en", String::as_str));
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin.gz").to_string());
    match entities::train::train_dir(&dir, |l| eprintln!("{l}")) {
        Ok(m) => {
            let bytes = m.to_gz();
            if let Err(e) = std::fs::write(&out, &bytes) {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
            eprintln!("wrote {out} ({} bytes)", bytes.len());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
