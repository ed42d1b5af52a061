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
    let doc = read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
    let span = doc.meta.published_span.expect("a span for a date read from the text");
    assert!(span.fits(doc.text()));
    assert_eq!(&doc.text()[span.start()..span.end()], "3 March 2021");
}

#[test]
fn meta_date_has_no_span() {
    let html = page("<meta property=\"article:published_time\" content=\"2021-03-03T10:00:00+01:00\">", "");
    let doc = read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
    assert_eq!(doc.meta.published_span, None);
}

#[test]
fn german_numeric_date_in_a_date_element() {
    let html = page("<meta http-equiv=\"content-language\" content=\"de\">", "<div class=\"datum\">03.04.2021</div>");
    let doc = read_document_with("t.html", html.as_bytes(), &ReadOptions::default()).expect("reads");
    assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2021-04-03"));
}
