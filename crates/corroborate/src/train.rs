//! `corroborate train MODEL PATH [--out FILE]`: reproduces a committed statistical model.
//!
//! `ner`: the entity tagger, trained on the UNER English folder (`../shared/eval/uner-en`);
//! writes `crates/entities/model/ner.bin.gz` by default. Deterministic (fixed seed).
//! `clusters`: the tagger's word classes, from the unlabelled texts under the shared eval folder
//! (`../shared/eval`, see `entities::clusters::corpus`); writes `crates/entities/data/clusters.tsv.gz`
//! and the word vectors `vectors.bin.gz` next to it.
//! Build the clusters first, then the tagger (its features read the committed classes).
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

pub fn run(model: &str, path: &Path, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    match model {
        "ner" => {
            let started = std::time::Instant::now();
            let m = entities::train::train_dir(path, |line| eprintln!("{line}"))?;
            let bytes = m.to_gz();
            let default =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../entities/model/ner.bin.gz");
            let out = out.map(Path::to_path_buf).unwrap_or(default);
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            eprintln!(
                "wrote {} ({} bytes) in {:.1}s",
                out.display(),
                bytes.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        "clusters" => {
            let texts = entities::clusters::corpus(path, |line| eprintln!("{line}"))?;
            let built = entities::clusters::build(&texts, |line| eprintln!("{line}"));
            let bytes = entities::clusters::to_gz(&built.table);
            let default =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../entities/data/clusters.tsv.gz");
            let out = out.map(Path::to_path_buf).unwrap_or(default);
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            // The word vectors go next to the table.
            let vectors = out.with_file_name("vectors.bin.gz");
            std::fs::write(&vectors, &built.vectors_gz)
                .with_context(|| format!("writing {}", vectors.display()))?;
            eprintln!("wrote {} ({} bytes) and {} ({} bytes); retrain the tagger next (corroborate train ner ../shared/eval/uner-en)", out.display(), bytes.len(), vectors.display(), built.vectors_gz.len());
            Ok(ExitCode::SUCCESS)
        }
        _ => anyhow::bail!("unknown model {model:?} (known: ner, clusters)"),
    }
}
