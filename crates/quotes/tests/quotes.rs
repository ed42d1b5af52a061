//! Tests as data: each `tests/data/*.txt` (and each seed article, when `../shared/corpus/seeds` is
//! there) goes through segmentation and the quotes stage; the snapshot lists its quotes.

use std::path::PathBuf;

use document::{Document, Stage};
use proptest::prelude::*;

fn analyse(source: &str, text: &str) -> Document {
    let mut doc = Document::from_text(source, text);
    segment::Segmenter.run(&mut doc);
    quotes::QuotesStage.run(&mut doc);
    doc
}

/// One line per quote: `quote 12..40 speaker="Name"@3..7 cue=said "the words"`.
fn render(doc: &Document) -> String {
    let mut out = String::new();
    for q in &doc.quotes {
        let speaker = match &q.speaker {
            Some(s) => format!("speaker={:?}@{}..{}", s.name, s.span.start(), s.span.end()),
            None => "speaker=null".to_string(),
        };
        let cue = q.cue.as_deref().unwrap_or("-");
        out.push_str(&format!(
            "quote {}..{} {speaker} cue={cue} {:?}\n",
            q.span.start(),
            q.span.end(),
            doc.text_of(q.span)
        ));
    }
    out
}

#[test]
fn data_files() {
    insta::glob!("data/*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("test data is UTF-8");
        let doc = analyse(&path.display().to_string(), &text);
        assert!(doc.validate().is_ok());
        insta::assert_snapshot!(render(&doc));
    });
}

#[test]
fn seeds() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found, seed test skipped", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = String::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        let doc = analyse(&path.display().to_string(), &text);
        assert!(doc.validate().is_ok());
        out.push_str(&format!(
            "== {}\n{}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            render(&doc)
        ));
    }
    insta::assert_snapshot!(out);
}

proptest! {
    // For any text heavy in quotation marks, every quote and speaker span fits the text.
    #[test]
    fn spans_fit(text in "([\"“”‘’' a-zA-Z.,:\n]|said|she|The letter|Anna Lee|é|한){0,80}") {
        let doc = analyse("p", &text);
        prop_assert!(doc.validate().is_ok());
        for q in &doc.quotes {
            prop_assert!(q.span.fits(doc.text()));
            prop_assert!(!doc.text_of(q.span).is_empty());
            if let Some(s) = &q.speaker {
                prop_assert!(s.span.fits(doc.text()));
            }
        }
    }

    #[test]
    fn any_unicode(text in "\\PC{0,60}") {
        let doc = analyse("p", &text);
        prop_assert!(doc.validate().is_ok());
    }
}
