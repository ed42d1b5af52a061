//! Publication dates of HTML pages: where they come from and where `published_span` points.

use ingest::{read_document_with, ReadOptions};

const PROSE: &str = "<p>The council voted on Monday to close the old bridge to heavy traffic after engineers found cracks in two of its piers, a spokeswoman said. Repairs are expected to take at least eight months and cost about four million euros.</p>\
<p>Residents of the east bank will have to use the ferry or drive twenty kilometres to the next crossing, which local shops say will cost them customers during the busy summer season.</p>\
<p>The mayor said the city would ask the regional government for help with the bill and promised a temporary footbridge for pedestrians and cyclists within three weeks.</p>";

fn page(head: &str, body_top: &str) -> String {
    format!("<html><head><title>Bridge closed</title>{head}</head><body><article><h1>Bridge closed</h1>{body_top}{PROSE}</article></body></html>")
}

#[test]
fn visible_date_gets_a_span_into_the_text() {
    let html = page("", "<p>Published on 3 March 2021 by the city desk, with a long line so that it is kept as text of the article body here.</p>");
    let doc =
        read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(
        doc.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-03")
    );
    let span = doc
        .meta
        .published_span
        .expect("a span for a date read from the text");
    assert!(span.fits(doc.text()));
    assert_eq!(&doc.text()[span.start()..span.end()], "3 March 2021");
}

#[test]
fn meta_date_has_no_span() {
    let html = page(
        "<meta property=\"article:published_time\" content=\"2021-03-03T10:00:00+01:00\">",
        "",
    );
    let doc =
        read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(
        doc.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-03")
    );
    assert_eq!(doc.meta.published_span, None);
}

#[test]
fn german_numeric_date_in_a_date_element() {
    let html = page(
        "<meta http-equiv=\"content-language\" content=\"de\">",
        "<div class=\"datum\">03.04.2021</div>",
    );
    let doc =
        read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(
        doc.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2021-04-03")
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<h1>Zwölf Brücken über den Fluß</h1>".to_string()),
            Just("<p>Veröffentlicht am 3. März 2021 – “Ünïcødé” text.</p>".to_string()),
            Just("<div class=\"date\">03.04.2021</div>".to_string()),
            Just("<footer class=\"footer\"><time itemprop=\"datePublished\" datetime=\"2020-01-27\">27.01.2020</time></footer>".to_string()),
            Just("<div class=\"teaser\"><a href=\"/x\">Other headline that runs on for a bit</a></div>".to_string()),
            Just("<article><p>Teaser card text that is cut off here …</p></article>".to_string()),
            Just("<p><a>READ ALSO: A HEADLINE IN CAPITALS</a></p>".to_string()),
            Just("<time datetime=\"2023-11-09T04:26:00Z\">November 8, 2023</time>".to_string()),
            "[a-zA-Zäöü0-9 .,:/\\-]{0,60}".prop_map(|s| format!("<p>{s}</p>")),
            Just(PROSE.to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn never_panics_and_span_is_the_date(pieces in proptest::collection::vec(piece(), 0..10), url_digits in "[0-9/\\-]{0,24}") {
            let html = format!("<html><head><title>T</title></head><body>{}</body></html>", pieces.join(""));
            let opts = ReadOptions { url: Some(format!("https://example.com/{url_digits}")) };
            if let Ok(doc) = read_document_with("p.html", html.as_bytes(), &opts) {
                if let Some(span) = doc.meta.published_span {
                    prop_assert!(span.fits(doc.text()));
                    let surface = &doc.text()[span.start()..span.end()];
                    prop_assert_eq!(ingest::parse_date(surface), doc.meta.published);
                }
            }
        }
    }
}
