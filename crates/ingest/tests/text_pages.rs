//! Plain-text pages as data: each `data/text/*.txt` is read and its furniture, metadata and
//! cites are rendered one per line and snapshotted. The seed pages in `../shared/corpus/seeds`
//! are rendered the same way when that folder is there.

use std::fmt::Write;
use std::path::Path;

use document::{Document, Span};

fn surface(doc: &Document, span: Span) -> String {
    let s = doc.text_of(span);
    let mut out: String = s.chars().take(70).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("{}..{} {:?}", span.start(), span.end(), out)
}

fn render(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    match (&m.title, m.title_span) {
        (Some(_), Some(span)) => writeln!(out, "title {}", surface(doc, span)),
        (Some(t), None) => writeln!(out, "title {t:?}"),
        _ => writeln!(out, "title -"),
    }
    .unwrap();
    match (&m.author, m.author_span) {
        (Some(a), Some(span)) => writeln!(out, "author {a:?} from {}", surface(doc, span)),
        (Some(a), None) => writeln!(out, "author {a:?}"),
        _ => writeln!(out, "author -"),
    }
    .unwrap();
    writeln!(out, "outlet {}", m.outlet.as_deref().unwrap_or("-")).unwrap();
    match (m.published, m.published_span) {
        (Some(d), Some(span)) => writeln!(out, "published {d} from {}", surface(doc, span)),
        (Some(d), None) => writeln!(out, "published {d}"),
        _ => writeln!(out, "published -"),
    }
    .unwrap();
    writeln!(out, "language {}", m.language.as_deref().unwrap_or("-")).unwrap();
    writeln!(
        out,
        "syndicated_from {}",
        m.syndicated_from.as_deref().unwrap_or("-")
    )
    .unwrap();
    for cite in &m.cites {
        let at = cite.span.map(|s| surface(doc, s)).unwrap_or_default();
        let syndication = if cite.syndication {
            " (syndication)"
        } else {
            ""
        };
        writeln!(out, "cite {at} = {:?}{syndication}", cite.name).unwrap();
    }
    for b in &doc.boilerplate {
        let kind = serde_json::to_value(b.kind).unwrap();
        writeln!(
            out,
            "boilerplate {} {}",
            kind.as_str().unwrap_or("?"),
            surface(doc, b.span)
        )
        .unwrap();
    }
    out
}

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let doc = ingest::read_document(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
    doc.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
    doc
}

#[test]
fn text_pages() {
    insta::glob!("data/text/*.txt", |path| {
        insta::assert_snapshot!(render(&read(path)));
    });
}

#[test]
fn text_seed_pages() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!(
            "note: {} not found; seed snapshots skipped",
            seeds.display()
        );
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("seed_{name}"), render(&read(&path)));
    }
}

/// The text of a UTF-8 page is its bytes, furniture and all; a windows-1252 page is decoded.
#[test]
fn text_is_the_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/text");
    let bytes = std::fs::read(dir.join("reuters-dateline.txt")).unwrap();
    let doc = ingest::read_document("r.txt", &bytes).unwrap();
    assert_eq!(doc.text().as_bytes(), &bytes[..]);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&bytes);
    assert_eq!(
        ingest::read_document("r.txt", &with_bom)
            .unwrap()
            .text()
            .as_bytes(),
        &bytes[..]
    );
    let legacy = ingest::read_document(
        "l.txt",
        &std::fs::read(dir.join("legacy-cp1252.txt")).unwrap(),
    )
    .unwrap();
    assert!(
        legacy.text().starts_with("Café owners"),
        "{}",
        legacy.text()
    );
}
