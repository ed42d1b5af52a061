//! Rule tests on hand-made documents: the quantities are built here, as the numbers stage would.

use document::{
    DateMention, DatePrecision, Document, Hedge, Measure, NaiveDate, Quantity, QuantityKind,
    Sentence, Span, Stage,
};
use proptest::prelude::*;

use crate::ClaimsStage;

/// A figure to put in the fixture: its surface (nth occurrence), value, interval, hedge and kind.
struct Q(
    &'static str,
    usize,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Hedge,
    QuantityKind,
);

fn exact(s: &'static str, v: f64) -> Q {
    Q(
        s,
        1,
        Some(v),
        Some(v),
        Some(v),
        Hedge::Exact,
        QuantityKind::Cardinal,
    )
}

/// A document with one paragraph per line, sentences split after ". ", and the given quantities.
fn fixture(text: &str, qs: &[Q]) -> Document {
    let mut doc = Document::from_text("t", text);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        if !body.is_empty() {
            doc.paragraphs.push(Span::new(at, at + body.len()));
            let mut s = 0;
            for (i, _) in body.match_indices(". ") {
                doc.sentences.push(Sentence {
                    span: Span::new(at + s, at + i + 1),
                });
                s = i + 2;
            }
            doc.sentences.push(Sentence {
                span: Span::new(at + s, at + body.len()),
            });
        }
        at += line.len();
    }
    for Q(surface, nth, value, low, high, hedge, kind) in qs {
        let (start, _) = text
            .match_indices(surface)
            .nth(nth - 1)
            .unwrap_or_else(|| panic!("{surface} not in fixture"));
        doc.quantities.push(Quantity {
            span: Span::new(start, start + surface.len()),
            value: *value,
            low: *low,
            high: *high,
            hedge: *hedge,
            kind: kind.clone(),
            unit: None,
        });
    }
    doc.validate().expect("fixture spans");
    ClaimsStage.run(&mut doc);
    doc.validate().expect("claims spans");
    doc
}

#[test]
fn nis_example() {
    let text = "The conflict has already claimed the lives of approximately 300 North Korean soldiers, with more than 2,700 wounded, according to South Korea’s National Intelligence Service.";
    let doc = fixture(
        text,
        &[
            Q(
                "approximately 300",
                1,
                Some(300.0),
                Some(270.0),
                Some(330.0),
                Hedge::Approximately,
                QuantityKind::Cardinal,
            ),
            Q(
                "more than 2,700",
                1,
                Some(2700.0),
                Some(2700.0),
                None,
                Hedge::MoreThan,
                QuantityKind::Cardinal,
            ),
        ],
    );
    assert_eq!(doc.claims.len(), 2, "{}", crate::render(&doc));
    let (a, b) = (&doc.claims[0], &doc.claims[1]);
    assert_eq!(a.measure, Measure::Killed);
    assert_eq!(a.counted.as_deref(), Some("soldiers"));
    assert_eq!(a.subject.as_deref(), Some("North Korea"));
    assert_eq!(b.measure, Measure::Wounded);
    assert_eq!(b.hedge, Hedge::MoreThan);
    assert_eq!(
        b.counted.as_deref(),
        Some("soldiers"),
        "inherits the counted noun"
    );
    for c in [a, b] {
        let by = c.attributed_to.as_ref().expect("attributed");
        assert_eq!(by.name, "National Intelligence Service");
        assert_eq!(doc.text_of(by.span), "National Intelligence Service");
    }
}

#[test]
fn not_claims() {
    let text = "The two soldiers, 21-year-old Lee and 26-year-old Cho, were held under Section 5 for 40 hours. Profits rose to $1.13bn (£600m) in 2004.";
    let doc = fixture(
        text,
        &[
            exact("21", 21.0),
            exact("26", 26.0),
            exact("5", 5.0),
            Q(
                "40 hours",
                1,
                Some(40.0),
                Some(40.0),
                Some(40.0),
                Hedge::Exact,
                QuantityKind::Duration,
            ),
            Q(
                "$1.13bn",
                1,
                Some(1.13e9),
                Some(1.13e9),
                Some(1.13e9),
                Hedge::Exact,
                QuantityKind::Money,
            ),
            Q(
                "£600m",
                1,
                Some(6e8),
                Some(6e8),
                Some(6e8),
                Hedge::Exact,
                QuantityKind::Money,
            ),
            Q(
                "2004",
                1,
                Some(2004.0),
                Some(2004.0),
                Some(2004.0),
                Hedge::Exact,
                QuantityKind::Year,
            ),
        ],
    );
    let got: Vec<&str> = doc.claims.iter().map(|c| doc.text_of(c.span)).collect();
    assert_eq!(got, ["$1.13bn"], "{}", crate::render(&doc));
    assert_eq!(doc.claims[0].measure, Measure::Cost);
}

#[test]
fn said_forms_and_measures() {
    let text = "Police said 47 people were arrested on Sunday. About 500 homes were evacuated, officials said. \"We sent 2,000 troops,\" said Defence Minister Jane Roe. At least 12 people died, the health ministry has said.";
    let doc = fixture(
        text,
        &[
            exact("47", 47.0),
            Q(
                "About 500",
                1,
                Some(500.0),
                Some(450.0),
                Some(550.0),
                Hedge::Approximately,
                QuantityKind::Cardinal,
            ),
            exact("2,000", 2000.0),
            Q(
                "At least 12",
                1,
                Some(12.0),
                Some(12.0),
                None,
                Hedge::AtLeast,
                QuantityKind::Cardinal,
            ),
        ],
    );
    let rendered = crate::render(&doc);
    let by: Vec<Option<&str>> = doc
        .claims
        .iter()
        .map(|c| c.attributed_to.as_ref().map(|a| a.name.as_str()))
        .collect();
    assert_eq!(
        by,
        [
            Some("Police"),
            Some("officials"),
            Some("Jane Roe"),
            Some("health ministry")
        ],
        "{rendered}"
    );
    let measures: Vec<Measure> = doc.claims.iter().map(|c| c.measure).collect();
    assert_eq!(
        measures,
        [
            Measure::Arrested,
            Measure::Other,
            Measure::Deployed,
            Measure::Killed
        ],
        "{rendered}"
    );
}

#[test]
fn paragraph_carry_over_and_citing() {
    let text = "The Interior Ministry said 40 people were killed in the floods. Another 12 were missing.\nThe ministry later put the figure at 52. Reuters, citing the Red Cross, reported 3,000 displaced.\nSome 80 houses collapsed.";
    let doc = fixture(
        text,
        &[
            exact("40", 40.0),
            exact("12", 12.0),
            exact("52", 52.0),
            exact("3,000", 3000.0),
            Q(
                "Some 80",
                1,
                Some(80.0),
                Some(72.0),
                Some(88.0),
                Hedge::Approximately,
                QuantityKind::Cardinal,
            ),
        ],
    );
    let rendered = crate::render(&doc);
    let by: Vec<Option<&str>> = doc
        .claims
        .iter()
        .map(|c| c.attributed_to.as_ref().map(|a| a.name.as_str()))
        .collect();
    assert_eq!(
        by,
        [
            Some("Interior Ministry"),
            Some("Interior Ministry"),
            Some("Interior Ministry"),
            Some("Red Cross"),
            None
        ],
        "{rendered}"
    );
    assert_eq!(doc.claims[1].measure, Measure::Missing, "{rendered}");
    assert_eq!(doc.claims[3].measure, Measure::Displaced, "{rendered}");
}

#[test]
fn audience_frames_polls_and_narration() {
    let text = "Clinton told about 600 supporters that 12 states would vote. Asked about the 63 members who left, Pelosi said 20 were wrong.\nCruz rose three points in the CBS survey to 29 points. Thirty voters said they were angry.\nDahl said her team rescued 11 people. There were “another 40 on the roofs”. She sued and was paid 84,000.";
    let doc = fixture(
        text,
        &[
            Q(
                "about 600",
                1,
                Some(600.0),
                Some(540.0),
                Some(660.0),
                Hedge::Approximately,
                QuantityKind::Cardinal,
            ),
            exact("12", 12.0),
            exact("63", 63.0),
            exact("20", 20.0),
            exact("three", 3.0),
            exact("29", 29.0),
            exact("Thirty", 30.0),
            exact("11", 11.0),
            exact("40", 40.0),
            exact("84,000", 84000.0),
        ],
    );
    let rendered = crate::render(&doc);
    let by: Vec<Option<&str>> = doc
        .claims
        .iter()
        .map(|c| c.attributed_to.as_ref().map(|a| a.name.as_str()))
        .collect();
    // The audience of "told" and a framing "Asked about …" clause are not the speaker's figures; a survey
    // covers its sentence and carries to the next; a quote's speaker carries to the next quotation, not to
    // narration about someone ("She sued …").
    assert_eq!(
        by,
        [
            None,
            Some("Clinton"),
            None,
            Some("Pelosi"),
            Some("CBS survey"),
            Some("CBS survey"),
            Some("CBS survey"),
            Some("Dahl"),
            Some("Dahl"),
            None
        ],
        "{rendered}"
    );
}

#[test]
fn as_of_prefers_a_date_in_the_sentence() {
    let text = "By March 1, 120 people had been detained. Later 30 more were detained.";
    let mut doc = Document::from_text("t", text);
    doc.meta.published = NaiveDate::from_ymd_opt(2025, 3, 2);
    let base = fixture(text, &[exact("120", 120.0), exact("30", 30.0)]);
    doc.paragraphs = base.paragraphs.clone();
    doc.sentences = base.sentences.clone();
    doc.quantities = base.quantities.clone();
    doc.dates.push(DateMention {
        span: Span::new(3, 10),
        date: NaiveDate::from_ymd_opt(2025, 3, 1),
        precision: DatePrecision::Day,
        relative: false,
    });
    ClaimsStage.run(&mut doc);
    let dates: Vec<Option<NaiveDate>> = doc.claims.iter().map(|c| c.as_of).collect();
    assert_eq!(
        dates,
        [
            NaiveDate::from_ymd_opt(2025, 3, 1),
            NaiveDate::from_ymd_opt(2025, 3, 2)
        ]
    );
    assert!(
        doc.claims.iter().all(|c| c.measure == Measure::Arrested),
        "{}",
        crate::render(&doc)
    );
}

proptest! {
    // Whatever the text and wherever quantities fall, the claims' spans fit the text and equal the
    // quantities they came from, and the stage does not panic.
    #[test]
    fn claims_spans_fit(text in "[A-Za-z0-9 ,.’'\"()\\-\n]{0,120}", cuts in proptest::collection::vec((0usize..130, 0usize..12), 0..6)) {
        let mut doc = Document::from_text("p", text.clone());
        doc.paragraphs = vec![Span::new(0, text.len())];
        doc.sentences = vec![Sentence { span: Span::new(0, text.len()) }];
        for (start, len) in cuts {
            if let Ok(span) = doc.span(start, start + len) {
                doc.quantities.push(Quantity { span, value: Some(3.0), low: Some(3.0), high: Some(3.0), hedge: Hedge::Exact, kind: QuantityKind::Cardinal, unit: None });
            }
        }
        ClaimsStage.run(&mut doc);
        prop_assert!(doc.validate().is_ok());
        for c in &doc.claims {
            prop_assert!(doc.quantities.iter().any(|q| q.span == c.span));
            if let Some(a) = &c.attributed_to {
                prop_assert!(a.span.fits(doc.text()));
            }
        }
    }
}

#[test]
fn byte_readings_match_the_char_readings() {
    let texts = [
        "",
        "no marks at all in this one",
        "He said \"yes\" to it",
        "it's fine, isn't it",
        "two ''apostrophes'' here",
        "Korea’s troops ‘left’ — “quoted” text, and ” alone",
        "1234567“",
        "12345678''",
        "ε’’ ‘",
        "SINCE Since sincE UNTIL before from till K",
    ];
    for t in texts {
        for a in (0..=t.len()).filter(|&a| t.is_char_boundary(a)) {
            let s = &t[a..];
            let chars = s.contains(['"', '“', '”', '‘']) || s.contains("''");
            assert_eq!(crate::has_quote_mark(s), chars, "{s:?}");
            for w in ["since", "from", "until", "till", "before", "-dollar"] {
                assert_eq!(
                    crate::ends_with_lower(s, w),
                    s.to_lowercase().ends_with(w),
                    "{s:?} {w}"
                );
            }
        }
    }
}
