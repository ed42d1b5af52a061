//! Property tests: for any text, every quantity and date span is in bounds, on character
//! boundaries and equal to its surface text; intervals are ordered (low <= value <= high where
//! defined, low <= high); a range has two figures inside its span.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "over", "more than", "at least", "nearly", "almost", "up to", "some", "about", "an estimated", "fewer than", "under",
    "between", "and", "to", "from", "-", "–", "$", "£", "€", "US$", "%", "per cent", "million", "bn", "m", "k", "twenty",
    "one", "hundred", "thousand", "a", "dozen", "half", "thirds", "-year-old", "aged", "days", "km", "F", "°C", "9", "January",
    "2025", "March 2,", "Friday", "last week", "early", "12,000", "1.5", "3/4", ".", ",", "hundreds", "tens of thousands",
    "10:30", "pm", "Route", "66", "G", "20", "’", "é", "\u{a0}", "\n", "21st", "third", "minus", "e", "^", "or more", "plus",
];

fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), prop::sample::select(vec!["", " ", "  ", "\u{202f}"])), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(i, sep)| format!("{}{sep}", PIECES[i])).collect())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let found = numbers::analyse(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 2));
    for f in &found.quantities {
        let q = &f.quantity;
        prop_assert!(q.span.fits(text), "span {:?} does not fit {:?}", q.span, text);
        prop_assert!(!q.span.is_empty());
        prop_assert!(q.span.contains(f.core), "core {:?} outside {:?}", f.core, q.span);
        for (s, _) in &f.figures {
            prop_assert!(q.span.contains(*s) && s.fits(text));
        }
        if let (Some(lo), Some(v)) = (q.low, q.value) {
            prop_assert!(lo <= v, "low {} > value {} in {:?}", lo, v, &text[q.span.start()..q.span.end()]);
        }
        if let (Some(v), Some(hi)) = (q.value, q.high) {
            prop_assert!(v <= hi, "value {} > high {} in {:?}", v, hi, &text[q.span.start()..q.span.end()]);
        }
        if let (Some(lo), Some(hi)) = (q.low, q.high) {
            prop_assert!(lo <= hi);
        }
        if q.hedge == document::Hedge::Range {
            prop_assert_eq!(f.figures.len(), 2);
            prop_assert!(q.value.is_none());
        }
    }
    for d in &found.dates {
        prop_assert!(d.span.fits(text) && !d.span.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_unicode_text(text in "\\PC{0,80}") {
        check(&text)?;
    }

    #[test]
    fn number_like_text(text in texty()) {
        check(&text)?;
    }

    #[test]
    fn parse_number_never_panics(text in "\\PC{0,30}") {
        let _ = numbers::parse_number(&text);
    }
}

#[test]
fn quantity_and_date_spans_equal_their_text_in_the_stage() {
    let mut doc = document::Document::from_text("t", "On Friday, over 1,200 troops – about 3% – crossed 40 km.");
    numbers::NumbersStage.run_checked(&mut doc);
}

trait RunChecked {
    fn run_checked(&self, doc: &mut document::Document);
}

impl RunChecked for numbers::NumbersStage {
    fn run_checked(&self, doc: &mut document::Document) {
        use document::Stage;
        self.run(doc);
        doc.validate().unwrap();
        let texts: Vec<&str> = doc.quantities.iter().map(|q| doc.text_of(q.span)).collect();
        assert_eq!(texts, ["over 1,200", "about 3%", "40 km"]);
        assert_eq!(doc.dates.len(), 1);
    }
}
