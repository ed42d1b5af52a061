//! Property tests: for any text, every quantity and date span is in bounds, on character
//! boundaries and equal to its surface text; intervals are ordered (low <= value <= high where
//! defined, low <= high); a range has two figures inside its span.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "over",
    "more than",
    "at least",
    "nearly",
    "almost",
    "up to",
    "some",
    "about",
    "an estimated",
    "fewer than",
    "under",
    "between",
    "and",
    "to",
    "from",
    "-",
    "–",
    "$",
    "£",
    "€",
    "US$",
    "%",
    "per cent",
    "million",
    "bn",
    "m",
    "k",
    "twenty",
    "one",
    "hundred",
    "thousand",
    "a",
    "dozen",
    "half",
    "thirds",
    "-year-old",
    "aged",
    "days",
    "km",
    "F",
    "°C",
    "9",
    "January",
    "2025",
    "March 2,",
    "Friday",
    "last week",
    "early",
    "12,000",
    "1.5",
    "3/4",
    ".",
    ",",
    "hundreds",
    "tens of thousands",
    "10:30",
    "pm",
    "Route",
    "66",
    "G",
    "20",
    "’",
    "é",
    "\u{a0}",
    "\n",
    "21st",
    "third",
    "minus",
    "e",
    "^",
    "or more",
    "plus",
    "±",
    "+/-",
    "½",
    "2½",
    "x10^",
    "×10−",
    "/",
    "per",
    "(kg)",
    "pounds",
    "weighs",
    "or equal to",
    "equal to",
    "USD",
    "MUSD",
    "and",
    "fifths",
    "in",
    "ft",
    "\"",
    "quarter",
    "of a",
    "percent of",
    "celsius",
    "degrees",
    "rotate",
    "http://x.y/?q=1%20",
    "+1-222-",
];

fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..PIECES.len(),
            prop::sample::select(vec!["", " ", "  ", "\u{202f}"]),
        ),
        0..24,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(i, sep)| format!("{}{sep}", PIECES[i]))
            .collect()
    })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let found = numbers::analyse(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 2));
    for f in &found.quantities {
        let q = &f.quantity;
        prop_assert!(
            q.span.fits(text),
            "span {:?} does not fit {:?}",
            q.span,
            text
        );
        prop_assert!(!q.span.is_empty());
        prop_assert!(
            q.span.contains(f.core),
            "core {:?} outside {:?}",
            f.core,
            q.span
        );
        for (s, _) in &f.figures {
            prop_assert!(q.span.contains(*s) && s.fits(text));
        }
        if let (Some(lo), Some(v)) = (q.low, q.value) {
            prop_assert!(
                lo <= v,
                "low {} > value {} in {:?}",
                lo,
                v,
                &text[q.span.start()..q.span.end()]
            );
        }
        if let (Some(v), Some(hi)) = (q.value, q.high) {
            prop_assert!(
                v <= hi,
                "value {} > high {} in {:?}",
                v,
                hi,
                &text[q.span.start()..q.span.end()]
            );
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
    for u in numbers::unit_mentions(text) {
        prop_assert!(
            u.span.fits(text) && !u.span.is_empty(),
            "unit mention {:?} does not fit {:?}",
            u.span,
            text
        );
    }
    Ok(())
}

const HEDGES: &[numbers::lexicon::HedgeWord] = {
    use numbers::lexicon::HedgeWord::*;
    &[
        Exact,
        Approximately,
        Nearly,
        MoreThan,
        AtLeast,
        LessThan,
        AtMost,
    ]
};

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

    /// A hedge's interval is ordered, holds the value where it is bounded on both sides, and
    /// moves with the value: a larger figure never gives a lower bound or upper bound below the
    /// smaller figure's.
    #[test]
    fn hedge_intervals_are_ordered_and_monotone(h in 0..HEDGES.len(), a in -1e12f64..1e12, b in -1e12f64..1e12) {
        let h = HEDGES[h];
        let (v1, v2) = if a <= b { (a, b) } else { (b, a) };
        let (lo1, hi1) = numbers::quantity::interval(h, v1);
        let (lo2, hi2) = numbers::quantity::interval(h, v2);
        if let (Some(lo), Some(hi)) = (lo1, hi1) {
            prop_assert!(lo <= hi, "{:?} at {}: {} > {}", h, v1, lo, hi);
            if !matches!(h, numbers::lexicon::HedgeWord::LessThan | numbers::lexicon::HedgeWord::AtMost) {
                prop_assert!(lo <= v1 && v1 <= hi, "{:?}: {} outside [{}, {}]", h, v1, lo, hi);
            }
        }
        if let (Some(l1), Some(l2)) = (lo1, lo2) {
            prop_assert!(l1 <= l2, "{:?}: low not monotone: {} at {} > {} at {}", h, l1, v1, l2, v2);
        }
        if let (Some(u1), Some(u2)) = (hi1, hi2) {
            prop_assert!(u1 <= u2, "{:?}: high not monotone: {} at {} > {} at {}", h, u1, v1, u2, v2);
        }
    }

    /// Hedge words only widen a figure: the hedged interval of "about/over/up to N" contains N
    /// or has N as its open bound, and a range's ends are ordered.
    #[test]
    fn hedged_figures_bracket_their_value(h in 0..7usize, v in 1u32..1_000_000) {
        let words = ["exactly", "about", "nearly", "more than", "at least", "fewer than", "up to"][h];
        let text = format!("Officials said {words} {v} people were there.");
        let found = numbers::analyse(&text, None).quantities;
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        let q = &found[0].quantity;
        prop_assert_eq!(&text[q.span.start()..q.span.end()], format!("{words} {v}"));
        let v = v as f64;
        prop_assert_eq!(q.value, Some(v));
        prop_assert!(q.low.is_none_or(|lo| lo <= v) && q.high.is_none_or(|hi| v <= hi));
    }

    #[test]
    fn ranges_keep_both_ends(a in 1u32..100_000, d in 1u32..100_000, form in 0..3usize) {
        let b = a + d;
        let text = match form {
            0 => format!("between {a} and {b} homes"),
            1 => format!("from {a} to {b} homes"),
            _ => format!("{a}-{b} homes"),
        };
        let found = numbers::analyse(&text, None).quantities;
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        let q = &found[0].quantity;
        prop_assert_eq!(q.hedge, document::Hedge::Range);
        prop_assert_eq!((q.low, q.high), (Some(a as f64), Some(b as f64)));
    }

    #[test]
    fn parse_number_never_panics(text in "\\PC{0,30}") {
        let _ = numbers::parse_number(&text);
    }
}

#[test]
fn quantity_and_date_spans_equal_their_text_in_the_stage() {
    let mut doc = document::Document::from_text(
        "t",
        "On Friday, over 1,200 troops – about 3% – crossed 40 km.",
    );
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The readers are skipped only where they would find nothing: skipping changes no result.
    #[test]
    fn skipping_changes_nothing(words in proptest::collection::vec(
        prop_oneof![
            Just("the"), Just("a"), Just("last"), Just("week"), Just("next"), Just("one"),
            Just("said"), Just("about"), Just("$"), Just("%"), Just("M"), Just("MUSD"),
            Just("½"), Just("-"), Just("−"), Just("minus"), Just("dozens"), Just("percent"),
            Just("of"), Just("May"), Just("yesterday"), Just("km"), Just("www."), Just("7"),
            Just("Mark"), Just("half"), Just("\n"), Just(","), Just("US"), Just("first"),
        ],
        0..12,
    )) {
        let text = words.join(" ");
        let published = chrono::NaiveDate::from_ymd_opt(2020, 6, 15);
        prop_assert_eq!(
            numbers::analyse(&text, published),
            numbers::analyse_unfiltered(&text, published),
            "{:?}",
            text
        );
    }
}
