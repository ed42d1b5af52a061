//! Development helper: builds the word-class table (same as `corroborate train clusters`).
//! Usage: cargo run --release -p entities --example clusters_build -- ../shared/eval [OUT]
//! (the word vectors go to `vectors.bin.gz` in OUT's folder)
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).map_or("../shared/eval", String::as_str));
    let out = args.get(2).cloned().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/clusters.tsv.gz").to_string()
    });
    let texts = match entities::clusters::corpus(&dir, |l| eprintln!("{l}")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let built = entities::clusters::build(&texts, |l| eprintln!("{l}"));
    let bytes = entities::clusters::to_gz(&built.table);
    let vectors = std::path::Path::new(&out).with_file_name("vectors.bin.gz");
    for (path, bytes) in [
        (std::path::PathBuf::from(&out), &bytes),
        (vectors, &built.vectors_gz),
    ] {
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
}
