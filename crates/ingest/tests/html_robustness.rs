//! Pathological HTML: pages nested 100,000 levels deep, 50 MB pages, legacy charsets. None may
//! crash the process or hang; each either reads or fails with an `IngestError`.

use ingest::read_document;

#[test]
fn html_nested_100000_levels_does_not_crash() {
    let mut page = String::from("<!DOCTYPE html><html><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("<p>Deep inside, 42 soldiers were reported missing on Friday.</p>");
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</body></html>");
    let doc = read_document("deep.html", page.as_bytes()).expect("deep page reads");
    assert!(
        doc.text().contains("42 soldiers were reported missing"),
        "{}",
        doc.text()
    );
}

#[test]
fn html_nested_unclosed_spans_does_not_crash() {
    let page = format!(
        "<html><body>{}<p>Unclosed but readable text about the flood.</p></body></html>",
        "<span><b><i>".repeat(40_000)
    );
    let doc = read_document("spans.html", page.as_bytes()).expect("unclosed page reads");
    assert!(doc.text().contains("readable text about the flood"));
}

#[test]
fn html_of_50_megabytes_reads_quickly_enough() {
    let mut page =
        String::from("<!DOCTYPE html><html><head><title>Budget</title></head><body><article>");
    let mut n = 0;
    while page.len() < 50 * 1024 * 1024 {
        n += 1;
        page.push_str(&format!("<p>The council approved a budget of {n} million euros for road repairs, the mayor said on Tuesday.</p>\n"));
    }
    page.push_str("</article></body></html>");
    let doc = read_document("big.html", page.as_bytes()).expect("50 MB page reads");
    assert!(doc.text().len() > 10 * 1024 * 1024);
    assert!(
        doc.text()
            .starts_with("The council approved a budget of 1 million"),
        "{}",
        &doc.text()[..200]
    );
}

#[test]
fn windows_1252_page_with_meta_charset() {
    let mut page = b"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"windows-1252\"><title>March\xe9</title></head><body><article>".to_vec();
    page.extend_from_slice(b"<p>Le march\xe9 de No\xebl a ouvert ses portes samedi, a d\xe9clar\xe9 la mairie, avec 120 exposants venus de toute la r\xe9gion.</p>");
    page.extend_from_slice(b"<p>\x93C'est un succ\xe8s\x94, a dit l'organisatrice, qui attend 30\xa0000 visiteurs d'ici la fin du mois.</p>");
    page.extend_from_slice(b"<p>Les stands resteront ouverts jusqu'au 24 d\xe9cembre, tous les jours de 10 heures \xe0 20 heures.</p></article></body></html>");
    let doc = read_document("marche.html", &page).expect("windows-1252 page reads");
    assert!(
        doc.text().contains("Le marché de Noël a ouvert"),
        "{}",
        doc.text()
    );
    assert!(doc.text().contains("“C'est un succès”"), "{}", doc.text());
    assert!(doc
        .raw_html
        .as_deref()
        .is_some_and(|h| h.contains("Marché")));
    assert_eq!(doc.meta.language.as_deref(), Some("fr"));
}

/// Pages that once broke ingest (found by fuzzing), one file each under `tests/data/regressions/`,
/// named after what broke. Each must be read without a panic into a document whose spans are valid.
#[test]
fn regression_pages_read_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("regressions folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable regression file");
        let result =
            std::panic::catch_unwind(|| ingest::read_document(&path.display().to_string(), &bytes));
        let outcome = result.unwrap_or_else(|_| panic!("{}: ingest panicked", path.display()));
        if let Ok(doc) = outcome {
            doc.validate()
                .unwrap_or_else(|e| panic!("{}: invalid spans: {e}", path.display()));
        }
        seen += 1;
    }
    assert!(seen > 0, "no regression files in {}", dir.display());
}
