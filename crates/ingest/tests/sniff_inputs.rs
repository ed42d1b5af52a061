//! What ingest does with files that are not what their names say: empty, binary, invalid UTF-8,
//! gzipped.

use std::io::Write;

use ingest::{read_document, IngestError};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory")
}

#[test]
fn empty_file_is_refused() {
    assert!(matches!(
        read_document("empty.txt", b""),
        Err(IngestError::Empty { .. })
    ));
    let msg = read_document("empty.txt", b"")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(msg.contains("empty.txt") && msg.contains("empty"), "{msg}");
}

#[test]
fn png_renamed_txt_is_binary() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    match read_document("photo.txt", &png) {
        Err(IngestError::Binary { path, what }) => {
            assert_eq!(path, "photo.txt");
            assert!(what.contains("PNG"), "{what}");
        }
        other => panic!("expected a binary error, got {other:?}"),
    }
}

#[test]
fn pdf_renamed_txt_is_binary() {
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    match read_document("report.txt", pdf) {
        Err(IngestError::Binary { what, .. }) => assert!(what.contains("PDF"), "{what}"),
        other => panic!("expected a binary error, got {other:?}"),
    }
}

#[test]
fn nul_bytes_are_binary() {
    let bytes = b"some text\x00\x01\x02\x00 more".repeat(10);
    assert!(matches!(
        read_document("x.txt", &bytes),
        Err(IngestError::Binary { .. })
    ));
}

#[test]
fn invalid_utf8_text_is_decoded() {
    // windows-1252 bytes: "café" and curly quotes.
    let bytes = b"The caf\xe9 owner said \x93we are open\x94 on Monday.\n";
    let doc = read_document("legacy.txt", bytes).expect("legacy text reads");
    assert!(doc.text().contains("café"), "{}", doc.text());
    assert!(doc.text().contains("“we are open”"), "{}", doc.text());
}

#[test]
fn gzipped_html_is_read_as_html() {
    let page = b"<!DOCTYPE html><html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1>\
        <p>A storm hit the coast on Monday, cutting power to 20,000 homes, officials said.</p>\
        <p>Crews worked through the night to restore the lines, and most homes had power again by Tuesday evening.</p>\
        <p>The weather service said another storm could arrive at the weekend.</p></article></body></html>";
    let doc = read_document("page.html.gz", &gzip(page)).expect("gzipped html reads");
    assert!(doc.raw_html.is_some());
    assert!(
        doc.text().contains("cutting power to 20,000 homes"),
        "{}",
        doc.text()
    );
    assert!(!doc.text().contains("<p>"));
}

#[test]
fn gzipped_text_is_read_as_text() {
    let text = "Officials said 300 people were evacuated.\n\nThe river rose overnight.\n";
    let doc = read_document("story.txt.gz", &gzip(text.as_bytes())).expect("gzipped text reads");
    assert_eq!(doc.text(), text);
    assert!(doc.raw_html.is_none());
}

#[test]
fn truncated_gzip_is_an_error() {
    let gz = gzip(&b"hello world, this is text. ".repeat(1000));
    let cut = &gz[..gz.len() / 2];
    assert!(matches!(
        read_document("cut.gz", cut),
        Err(IngestError::BadGzip { .. })
    ));
}

#[test]
fn html_is_sniffed_whatever_the_name() {
    let page = b"<html><body><p>Ten people were hurt when the bridge collapsed on Sunday afternoon, police said.</p></body></html>";
    let doc = read_document("notes.txt", page).expect("html named .txt reads");
    assert!(doc.raw_html.is_some());
    assert!(doc.text().contains("Ten people were hurt"));
}
