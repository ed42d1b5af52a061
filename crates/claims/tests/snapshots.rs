//! Each `tests/data/*.txt` goes through ingest and the whole pipeline; the snapshot is one line per claim
//! (see `claims::render`). The seeds of `../shared/corpus/seeds` get the same treatment when present.

use std::path::{Path, PathBuf};

use document::{Document, QuantityKind};

fn analyse(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut doc = ingest::read_document(&path.display().to_string(), &bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pipeline::analyse(&mut doc).unwrap_or_else(|e| panic!("{e}"));
    doc
}

/// What every document's claims must satisfy, whatever the snapshot says.
fn check_invariants(doc: &Document) {
    for c in &doc.claims {
        let surface = doc.get(c.span).expect("claim span fits");
        assert!(
            !doc.is_boilerplate(c.span),
            "{}: claim {surface:?} inside page furniture",
            doc.source
        );
        assert!(
            c.sentence.contains(c.span),
            "{}: claim {surface:?} outside its sentence",
            doc.source
        );
        // A claim is a quantity, part of one ("46 percent" of "46 percent to 39 percent") or joins two
        // ("$20 (£10.40) to $30").
        let q = doc
            .quantities
            .iter()
            .find(|q| {
                q.span == c.span
                    || q.span.contains(c.span)
                    || q.span.start() == c.span.start()
                    || q.span.end() == c.span.end()
            })
            .expect("claim is made of quantities");
        assert!(
            matches!(
                q.kind,
                QuantityKind::Cardinal
                    | QuantityKind::Money
                    | QuantityKind::Percent
                    | QuantityKind::Measurement
            ),
            "{}: claim {surface:?} of kind {:?}",
            doc.source,
            q.kind
        );
        if let Some(a) = &c.attributed_to {
            assert!(
                doc.get(a.span).is_some(),
                "{}: source span of {surface:?} does not fit",
                doc.source
            );
        }
    }
}

fn rendering(doc: &Document) -> String {
    let mut out = String::new();
    for c in &doc.claims {
        let sentence = doc.get(c.sentence).unwrap_or("");
        let line = claims_line(doc, c);
        out.push_str(&format!(
            "{line}  | {}\n",
            sentence.chars().take(140).collect::<String>()
        ));
    }
    out
}

fn claims_line(doc: &Document, c: &document::Claim) -> String {
    let mut one = doc.clone();
    one.claims = vec![c.clone()];
    claims::render(&one).trim_end().to_string()
}

#[test]
fn data_files() {
    insta::glob!("data/*.txt", |path| {
        let doc = analyse(path);
        check_invariants(&doc);
        insta::assert_snapshot!(rendering(&doc));
    });
}

#[test]
fn seeds() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; seed snapshots skipped", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let doc = analyse(&path);
        check_invariants(&doc);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("seed")
            .to_string();
        insta::assert_snapshot!(format!("seed_{name}"), rendering(&doc));
    }
}
