//! For any input, reading a plain-text page never panics and every span it makes fits the text.

use proptest::prelude::*;

/// Lines made of page-like pieces, so that the rules fire often, mixed with arbitrary text.
fn page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("53.2 F".to_string()),
        Just("Monday, March 10, 2025".to_string()),
        Just("By Jane Doe March 2, 2025".to_string()),
        Just("BY JANE DOE [jane@example.com]".to_string()),
        Just("LONDON (Reuters) - Text".to_string()),
        Just("About Jane Doe".to_string()),
        Just("Leave a Reply".to_string()),
        Just("Related:".to_string()),
        Just("A caption here. [Screenshot from X]".to_string()),
        Just("Photo / Kremlin".to_string()),
        Just("according to the Wall Street Journal, citing Reuters.".to_string()),
        Just("Original Source: example.com".to_string()),
        Just("© 2025 Example News Ltd.".to_string()),
        Just("A Headline Of Some Words".to_string()),
        "\\PC{0,60}",
        "[a-zA-Z’é ,.:()\\[\\]/|-]{0,40}",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn text_spans_fit(text in page()) {
        check(text.as_bytes());
    }

    #[test]
    fn text_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
        check(&bytes);
    }
}

fn check(bytes: &[u8]) {
    let Ok(doc) = ingest::read_document("p.txt", bytes) else {
        return;
    };
    assert!(doc.validate().is_ok(), "{:?}", doc.validate());
    let text = doc.text();
    let m = &doc.meta;
    for span in [m.title_span, m.author_span, m.published_span]
        .into_iter()
        .flatten()
    {
        assert!(span.fits(text));
    }
    for b in &doc.boilerplate {
        assert!(b.span.fits(text) && !b.span.is_empty(), "{b:?}");
    }
    if let (Some(title), Some(span)) = (&m.title, m.title_span) {
        assert_eq!(title, doc.text_of(span));
    }
}
