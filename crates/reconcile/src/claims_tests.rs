//! Tests of claim groups, on small invented figures (no seed or test data).

use super::*;
use proptest::prelude::*;

fn date(day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2031, 5, day)
}

/// A claim of `measure` with value `v` and `hedge`'s interval, by `source` (None: the outlet's
/// own voice), in document `doc` of `outlet`, dated `day` of May 2031.
#[allow(clippy::too_many_arguments)] // a table row of a test: each argument is a column
fn claim(
    id: &str,
    measure: Measure,
    text: &str,
    hedge: Hedge,
    v: f64,
    source: Option<&str>,
    doc: &str,
    outlet: &str,
    day: u32,
) -> ClaimInput {
    let (low, high) = match hedge {
        Hedge::Exact => (Some(v), Some(v)),
        Hedge::Approximately => (Some(0.9 * v), Some(v * 1.1)),
        Hedge::MoreThan | Hedge::AtLeast => (Some(v), None),
        Hedge::LessThan | Hedge::AtMost => (Some(0.0), Some(v)),
        Hedge::Range | Hedge::Vague => (None, None),
    };
    ClaimInput {
        id: id.into(),
        text: text.into(),
        value: Some(v),
        low,
        high,
        hedge,
        measure,
        counted: Some("people".into()),
        subject: None,
        attributed_to: source.map(str::to_string),
        as_of: date(day),
        document: doc.into(),
        source: format!("in/{doc}.txt"),
        outlet: Some(outlet.into()),
        published: date(day),
        near_duplicate_of: None,
        syndicated_from: None,
    }
}

fn killed(
    id: &str,
    text: &str,
    hedge: Hedge,
    v: f64,
    source: Option<&str>,
    doc: &str,
    day: u32,
) -> ClaimInput {
    claim(
        id,
        Measure::Killed,
        text,
        hedge,
        v,
        source,
        doc,
        &format!("Outlet {doc}"),
        day,
    )
}

fn key(measure: Measure, subject: Option<&str>, counted: Option<&str>) -> Option<Key> {
    key_of(&ClaimInput {
        measure,
        subject: subject.map(str::to_string),
        counted: counted.map(str::to_string),
        value: Some(5.0),
        ..ClaimInput::default()
    })
}

fn compatible_keys(a: Option<Key>, b: Option<Key>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => compatible(&a, &b),
        _ => false,
    }
}

#[test]
fn grouping_keys() {
    let k = Measure::Killed;
    // Counted nouns: plural folding, classes, a missing noun.
    assert!(compatible_keys(
        key(k, None, Some("soldiers")),
        key(k, None, Some("troops"))
    ));
    assert!(compatible_keys(
        key(k, None, Some("Servicemen")),
        key(k, None, Some("personnel"))
    ));
    assert!(compatible_keys(
        key(k, None, Some("civilians")),
        key(k, None, Some("people"))
    ));
    assert!(compatible_keys(
        key(k, None, Some("miner")),
        key(k, None, Some("miners"))
    ));
    assert!(compatible_keys(
        key(k, None, None),
        key(k, None, Some("miners"))
    ));
    assert!(!compatible_keys(
        key(k, None, Some("soldiers")),
        key(k, None, Some("civilians"))
    ));
    assert!(!compatible_keys(
        key(k, None, Some("miners")),
        key(k, None, Some("people"))
    ));
    // Subjects: folded, a missing one is compatible, two different ones are not.
    assert!(compatible_keys(
        key(k, Some("The Velmark's"), None),
        key(k, Some("velmark"), None)
    ));
    assert!(compatible_keys(
        key(k, Some("Velmark"), None),
        key(k, None, None)
    ));
    assert!(!compatible_keys(
        key(k, Some("Velmark"), None),
        key(k, Some("Ostria"), None)
    ));
    // Other measures never mix.
    assert!(!compatible_keys(
        key(k, None, None),
        key(Measure::Wounded, None, None)
    ));
    // `other` and `cost` need the same counted noun and subject on both sides.
    let o = Measure::Other;
    assert!(key(o, None, Some("towns")).is_none());
    assert!(key(o, Some("Velmark"), None).is_none());
    assert!(compatible_keys(
        key(o, Some("Velmark"), Some("towns")),
        key(o, Some("velmark"), Some("town"))
    ));
    assert!(!compatible_keys(
        key(o, Some("Velmark"), Some("towns")),
        key(o, Some("Velmark"), Some("helicopters"))
    ));
    // In `other`, classes do not apply: residents are not people there.
    assert!(!compatible_keys(
        key(o, Some("Velmark"), Some("residents")),
        key(o, Some("Velmark"), Some("people"))
    ));
}

#[test]
fn names_fold() {
    assert_eq!(fold_name("The Health Ministry’s"), "health ministry");
    assert_eq!(fold_name("  the  U.N. "), "u n");
    assert_eq!(fold_name("The"), "the");
    assert_eq!(singular("casualties"), "casualty");
    assert_eq!(singular("servicemen"), "serviceman");
    assert_eq!(singular("lives"), "life");
    assert_eq!(singular("boxes"), "box");
    assert_eq!(singular("houses"), "house");
    assert_eq!(singular("people"), "people");
    assert_eq!(singular("us"), "us");
    assert_eq!(number_label(12000.0), "12,000");
    assert_eq!(number_label(1234567.0), "1,234,567");
    assert_eq!(number_label(2.5), "2.5");
}

#[test]
fn a_reprint_is_not_a_new_source() {
    // The same unattributed figure in an original and in a near-duplicate of it by another outlet.
    let original = claim(
        "a",
        Measure::Displaced,
        "8,000",
        Hedge::Exact,
        8000.0,
        None,
        "d1",
        "Harbour Times",
        3,
    );
    let mut reprint = claim(
        "b",
        Measure::Displaced,
        "8,000",
        Hedge::Exact,
        8000.0,
        None,
        "d2",
        "Aggregator",
        4,
    );
    reprint.near_duplicate_of = Some("d1".into());
    let groups = group_claims(&[original.clone(), reprint]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].sources, 2);
    assert_eq!(groups[0].independent_sources, 1);
    assert_eq!(groups[0].status, Status::Consistent);
    assert_eq!(groups[0].first_reported.claim, "a");

    // Syndicated from the original's outlet, named by its domain.
    let mut syndicated = claim(
        "c",
        Measure::Displaced,
        "8,000",
        Hedge::Exact,
        8000.0,
        None,
        "d3",
        "Blog",
        4,
    );
    syndicated.syndicated_from = Some("www.harbourtimes.example".into());
    let groups = group_claims(&[original.clone(), syndicated]);
    assert_eq!((groups[0].sources, groups[0].independent_sources), (2, 1));

    // Without either link, another outlet is another origin.
    let other = claim(
        "d",
        Measure::Displaced,
        "8,000",
        Hedge::Exact,
        8000.0,
        None,
        "d4",
        "Valley Post",
        4,
    );
    let groups = group_claims(&[original, other]);
    assert_eq!((groups[0].sources, groups[0].independent_sources), (2, 2));
}

#[test]
fn a_rewrite_quoting_the_same_source_is_not_independent() {
    let groups = group_claims(&[
        killed(
            "a",
            "31",
            Hedge::Exact,
            31.0,
            Some("the Red Crescent"),
            "d1",
            3,
        ),
        killed("b", "31", Hedge::Exact, 31.0, Some("Red Crescent"), "d2", 3),
        killed(
            "c",
            "31",
            Hedge::Exact,
            31.0,
            Some("Red Crescent's"),
            "d3",
            4,
        ),
    ]);
    assert_eq!(groups.len(), 1);
    assert_eq!((groups[0].sources, groups[0].independent_sources), (3, 1));
    assert_eq!(
        groups[0].note,
        "3 reports, all from the Red Crescent, give 31"
    );
}

#[test]
fn a_shorter_name_is_the_longer_one_it_is_part_of() {
    let groups = group_claims(&[
        killed(
            "a",
            "20",
            Hedge::Exact,
            20.0,
            Some("Norland Coast Guard"),
            "d1",
            3,
        ),
        killed("b", "20", Hedge::Exact, 20.0, Some("coast guard"), "d2", 3),
    ]);
    assert_eq!(groups[0].independent_sources, 1);
    // Two longer names hold "officials": no guess.
    let groups = group_claims(&[
        killed(
            "a",
            "20",
            Hedge::Exact,
            20.0,
            Some("port officials"),
            "d1",
            3,
        ),
        killed("b", "20", Hedge::Exact, 20.0, Some("officials"), "d2", 3),
        killed(
            "c",
            "20",
            Hedge::Exact,
            20.0,
            Some("city officials"),
            "d3",
            3,
        ),
    ]);
    assert_eq!(groups[0].independent_sources, 3);
}

#[test]
fn a_rising_toll_from_one_origin_is_revised() {
    let groups = group_claims(&[
        killed(
            "a",
            "at least 17",
            Hedge::AtLeast,
            17.0,
            Some("fire service"),
            "d1",
            3,
        ),
        killed("b", "29", Hedge::Exact, 29.0, Some("fire service"), "d2", 5),
        killed("c", "33", Hedge::Exact, 33.0, Some("Fire Service"), "d3", 6),
    ]);
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(g.status, Status::Revised);
    assert_eq!(
        (g.low, g.best, g.high),
        (Some(33.0), Some(33.0), Some(33.0))
    );
    assert_eq!(
        g.note,
        "fire service's figure rose from at least 17 (May 3) to 33 (May 6)"
    );
}

#[test]
fn a_toll_rising_through_different_origins_on_different_days_is_no_contradiction() {
    let groups = group_claims(&[
        killed("a", "17", Hedge::Exact, 17.0, Some("fire service"), "d1", 3),
        killed("b", "29", Hedge::Exact, 29.0, Some("police"), "d2", 4),
        killed(
            "c",
            "nearly 35",
            Hedge::Approximately,
            35.0,
            Some("mayor"),
            "d3",
            5,
        ),
        killed("d", "36", Hedge::Exact, 36.0, Some("hospital"), "d4", 6),
    ]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].status, Status::Consistent);
    assert_eq!(groups[0].independent_sources, 4);
    assert_eq!((groups[0].low, groups[0].high), (Some(36.0), Some(36.0)));

    // A count that can fall (displaced people going home) is held to the same day and the next.
    let day_apart = |a: f64, b: f64| {
        group_claims(&[
            claim(
                "a",
                Measure::Displaced,
                "x",
                Hedge::Exact,
                a,
                Some("agency"),
                "d1",
                "O1",
                3,
            ),
            claim(
                "b",
                Measure::Displaced,
                "y",
                Hedge::Exact,
                b,
                Some("ministry"),
                "d2",
                "O2",
                4,
            ),
        ])[0]
            .status
    };
    assert_eq!(day_apart(900.0, 1200.0), Status::Contradiction);
    // Two days apart: figures of different times, no conflict.
    let two_days = group_claims(&[
        claim(
            "a",
            Measure::Displaced,
            "x",
            Hedge::Exact,
            900.0,
            Some("agency"),
            "d1",
            "O1",
            3,
        ),
        claim(
            "b",
            Measure::Displaced,
            "y",
            Hedge::Exact,
            1200.0,
            Some("ministry"),
            "d2",
            "O2",
            5,
        ),
    ]);
    assert_eq!(two_days[0].status, Status::Consistent);
}

#[test]
fn independent_origins_that_cannot_both_be_right_contradict() {
    // An exact 48 and "nearly 60" on the same day.
    let groups = group_claims(&[
        killed(
            "a",
            "48",
            Hedge::Exact,
            48.0,
            Some("interior ministry"),
            "d1",
            4,
        ),
        killed(
            "b",
            "nearly 60",
            Hedge::Approximately,
            60.0,
            Some("local officials"),
            "d2",
            4,
        ),
    ]);
    assert_eq!(groups[0].status, Status::Contradiction);
    assert_eq!(
        groups[0].note,
        "interior ministry 48 (May 4) and local officials nearly 60 (May 4) cannot both be true"
    );
    // No common interval: the envelope, best inside it.
    let g = &groups[0];
    assert_eq!((g.low, g.high), (Some(48.0), Some(66.0)));
    assert_eq!(g.best, Some(54.0));

    // A toll that falls from one day to the next between two origins.
    let groups = group_claims(&[
        killed(
            "a",
            "57",
            Hedge::Exact,
            57.0,
            Some("health ministry"),
            "d1",
            4,
        ),
        killed(
            "b",
            "48",
            Hedge::Exact,
            48.0,
            Some("interior ministry"),
            "d2",
            5,
        ),
    ]);
    assert_eq!(groups[0].status, Status::Contradiction);
    assert_eq!(
        groups[0].note,
        "health ministry 57 (May 4) and interior ministry 48 (May 5) cannot both be true"
    );
}

#[test]
fn a_vague_figure_does_not_contradict_a_stated_one() {
    // "230 injured" and, the next day, "dozens remain in hospital": no stated figure to set against.
    let mut vague = claim(
        "b",
        Measure::Wounded,
        "dozens",
        Hedge::Vague,
        24.0,
        Some("local officials"),
        "d2",
        "Outlet d2",
        5,
    );
    vague.value = None;
    (vague.low, vague.high) = (Some(24.0), Some(99.0));
    let stated = claim(
        "a",
        Measure::Wounded,
        "230",
        Hedge::Exact,
        230.0,
        Some("health ministry"),
        "d1",
        "Outlet d1",
        4,
    );
    let groups = group_claims(&[stated, vague]);
    assert_eq!(groups.len(), 1);
    assert_ne!(groups[0].status, Status::Contradiction, "{:?}", groups[0]);
    // The stated figure gives the estimate, though the vague one is a day later.
    let g = &groups[0];
    assert_eq!(
        (g.low, g.best, g.high),
        (Some(230.0), Some(230.0), Some(230.0))
    );
}

#[test]
fn hedged_figures_that_overlap_are_consistent() {
    let groups = group_claims(&[
        killed(
            "a",
            "at least 48",
            Hedge::AtLeast,
            48.0,
            Some("interior ministry"),
            "d1",
            4,
        ),
        ClaimInput {
            low: Some(54.0),
            high: Some(60.0),
            ..killed(
                "b",
                "nearly 60",
                Hedge::Approximately,
                60.0,
                Some("local officials"),
                "d2",
                4,
            )
        },
    ]);
    let g = &groups[0];
    assert_eq!(g.status, Status::Consistent);
    assert_eq!((g.low, g.high), (Some(54.0), Some(60.0)));
    // The median of 48 and 60 is 54, inside [54, 60].
    assert_eq!(g.best, Some(54.0));
    assert_eq!(g.note, "2 independent origins agree: 54 to 60");
}

#[test]
fn unbounded_intervals_stay_unbounded() {
    let groups = group_claims(&[
        claim(
            "a",
            Measure::Deployed,
            "more than 300",
            Hedge::MoreThan,
            300.0,
            Some("army"),
            "d1",
            "O1",
            4,
        ),
        claim(
            "b",
            Measure::Deployed,
            "at least 310",
            Hedge::AtLeast,
            310.0,
            Some("navy"),
            "d2",
            "O2",
            4,
        ),
    ]);
    let g = &groups[0];
    assert_eq!(g.status, Status::Consistent);
    assert_eq!((g.low, g.best, g.high), (Some(310.0), Some(310.0), None));
    assert_eq!(g.note, "2 independent origins agree: at least 310");

    let groups = group_claims(&[
        claim(
            "a",
            Measure::Missing,
            "fewer than 40",
            Hedge::LessThan,
            40.0,
            Some("army"),
            "d1",
            "O1",
            4,
        ),
        ClaimInput {
            low: None,
            ..claim(
                "b",
                Measure::Missing,
                "up to 35",
                Hedge::AtMost,
                35.0,
                Some("navy"),
                "d2",
                "O2",
                4,
            )
        },
    ]);
    let g = &groups[0];
    assert_eq!((g.low, g.high), (Some(0.0), Some(35.0)));
    assert!(g.best.is_some_and(|b| (0.0..=35.0).contains(&b)));
}

#[test]
fn a_part_beside_a_total_from_one_origin_reads_as_the_total() {
    // "230 injured, 14 of them critically" from one origin, and 230 from another.
    let groups = group_claims(&[
        claim(
            "a",
            Measure::Wounded,
            "230",
            Hedge::Exact,
            230.0,
            Some("health minister"),
            "d1",
            "O1",
            4,
        ),
        claim(
            "b",
            Measure::Wounded,
            "14",
            Hedge::Exact,
            14.0,
            Some("health minister"),
            "d1",
            "O1",
            4,
        ),
        claim(
            "c",
            Measure::Wounded,
            "230",
            Hedge::Exact,
            230.0,
            Some("hospital board"),
            "d2",
            "O2",
            4,
        ),
    ]);
    assert_eq!(groups[0].status, Status::Consistent);
    assert_eq!(groups[0].best, Some(230.0));
    // One origin alone: the note does not say every report gave 230.
    let groups = group_claims(&[
        claim(
            "a",
            Measure::Wounded,
            "230",
            Hedge::Exact,
            230.0,
            Some("health minister"),
            "d1",
            "O1",
            4,
        ),
        claim(
            "b",
            Measure::Wounded,
            "14",
            Hedge::Exact,
            14.0,
            Some("health minister"),
            "d1",
            "O1",
            4,
        ),
    ]);
    assert_eq!(
        groups[0].note,
        "2 reports, all from health minister; its figure: 230"
    );
}

#[test]
fn an_unqualified_figure_joins_the_group_with_more_documents_or_none() {
    let mut soldiers = killed("a", "12", Hedge::Exact, 12.0, Some("army"), "d1", 4);
    soldiers.counted = Some("soldiers".into());
    let mut soldiers2 = killed("b", "12", Hedge::Exact, 12.0, Some("army"), "d2", 4);
    soldiers2.counted = Some("troops".into());
    let miners = ClaimInput {
        counted: Some("miners".into()),
        ..killed("c", "5", Hedge::Exact, 5.0, Some("union"), "d3", 4)
    };
    let bare = ClaimInput {
        counted: None,
        ..killed("d", "12", Hedge::Exact, 12.0, Some("army"), "d4", 4)
    };
    let groups = group_claims(&[soldiers.clone(), soldiers2, miners.clone(), bare.clone()]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].claims, vec!["a", "b", "d"]);
    assert_eq!(groups[0].counted.as_deref(), Some("soldiers"));

    // One document each: a tie, so the bare figure stays out of both.
    let groups = group_claims(&[soldiers, miners, bare]);
    assert!(groups.is_empty(), "{groups:?}");
}

#[test]
fn figures_weeks_apart_are_not_one_quantity() {
    let early = killed("a", "9", Hedge::Exact, 9.0, Some("police"), "d1", 1);
    let late = killed(
        "b",
        "9",
        Hedge::Exact,
        9.0,
        Some("police"),
        "d2",
        1 + WINDOW_DAYS as u32 + 1,
    );
    assert!(group_claims(&[early.clone(), late]).is_empty());
    let within = killed(
        "c",
        "9",
        Hedge::Exact,
        9.0,
        Some("police"),
        "d3",
        1 + WINDOW_DAYS as u32,
    );
    assert_eq!(group_claims(&[early, within]).len(), 1);
}

#[test]
fn undated_figures_are_not_grouped() {
    let undated = |id: &str, doc: &str| ClaimInput {
        as_of: None,
        published: None,
        ..killed(id, "9", Hedge::Exact, 9.0, Some("police"), doc, 4)
    };
    assert!(group_claims(&[undated("a", "d1"), undated("b", "d2")]).is_empty());
    // A publication date is enough.
    let published = ClaimInput {
        as_of: None,
        ..killed("c", "9", Hedge::Exact, 9.0, Some("police"), "d3", 4)
    };
    let dated = killed("d", "9", Hedge::Exact, 9.0, Some("police"), "d4", 5);
    assert_eq!(
        group_claims(&[published, dated, undated("a", "d1")])[0].claims,
        vec!["c", "d"]
    );
}

#[test]
fn the_id_depends_on_the_claims_only() {
    let a = killed("a", "9", Hedge::Exact, 9.0, Some("police"), "d1", 4);
    let b = killed("b", "9", Hedge::Exact, 9.0, Some("police"), "d2", 4);
    let one = group_claims(&[a.clone(), b.clone()]);
    let two = group_claims(&[b, a]);
    assert_eq!(one[0].id, two[0].id);
    assert_eq!(one[0].id.len(), 16);
}

#[test]
fn unusable_figures_are_left_out() {
    let nan = ClaimInput {
        value: Some(f64::NAN),
        low: None,
        high: None,
        ..killed("a", "?", Hedge::Vague, 1.0, None, "d1", 4)
    };
    let b = killed("b", "9", Hedge::Exact, 9.0, Some("police"), "d2", 4);
    assert!(group_claims(&[nan, b]).is_empty());
}

#[test]
fn the_group_record_has_the_contract_shape() {
    let groups = group_claims(&[
        killed("a", "9", Hedge::Exact, 9.0, Some("police"), "d1", 4),
        killed("b", "9", Hedge::Exact, 9.0, Some("police"), "d2", 5),
    ]);
    let json = serde_json::to_value(&groups[0]).unwrap_or_default();
    for field in [
        "id",
        "measure",
        "subject",
        "counted",
        "claims",
        "sources",
        "independent_sources",
        "low",
        "best",
        "high",
        "status",
        "note",
        "first_reported",
    ] {
        assert!(json.get(field).is_some(), "{field} missing in {json}");
    }
    assert_eq!(json["measure"], "killed");
    assert_eq!(json["status"], "consistent");
    assert_eq!(json["first_reported"]["source"], "in/d1.txt");
    assert_eq!(json["first_reported"]["published"], "2031-05-04");
}

#[test]
fn a_range_without_a_stated_figure_has_no_best() {
    let dozens = |id: &str, source: &str, doc: &str| ClaimInput {
        value: None,
        low: Some(24.0),
        high: Some(99.0),
        ..killed(id, "Dozens", Hedge::Vague, 0.0, Some(source), doc, 4)
    };
    let groups = group_claims(&[dozens("a", "police", "d1"), dozens("b", "mayor", "d2")]);
    let g = &groups[0];
    assert_eq!((g.low, g.best, g.high), (Some(24.0), None, Some(99.0)));
    assert_eq!(g.note, "2 independent origins agree: 24 to 99");
}

#[test]
fn figure_words_read_mid_sentence() {
    assert_eq!(figure_words("At least  42"), "at least 42");
    assert_eq!(figure_words("Nearly 60"), "nearly 60");
    assert_eq!(figure_words("UN figures"), "UN figures");
    assert_eq!(figure_words("$3bn"), "$3bn");
    assert_eq!(figure_words("A"), "A");
    assert_eq!(figure_words(""), "");
}

fn arb_claim() -> impl Strategy<Value = ClaimInput> {
    let measures = prop::sample::select(vec![
        Measure::Killed,
        Measure::Wounded,
        Measure::Displaced,
        Measure::Other,
        Measure::Cost,
    ]);
    let hedges = prop::sample::select(vec![
        Hedge::Exact,
        Hedge::Approximately,
        Hedge::AtLeast,
        Hedge::AtMost,
        Hedge::Range,
        Hedge::Vague,
    ]);
    let number = prop_oneof![
        Just(None),
        (0.0f64..200.0).prop_map(Some),
        Just(Some(f64::NAN)),
        Just(Some(f64::INFINITY)),
        Just(Some(-5.0)),
    ];
    let name = prop::option::of(prop::sample::select(vec![
        "army",
        "The Army",
        "police",
        "",
        "’s",
        "red cross",
    ]));
    let noun = prop::option::of(prop::sample::select(vec![
        "people", "soldiers", "troops", "homes", "", "s",
    ]));
    let doc = prop::sample::select(vec!["d1", "d2", "d3", "d4"]);
    (
        (measures, hedges, number.clone(), number.clone(), number),
        (name.clone(), name.clone(), noun, doc.clone()),
        (
            prop::option::of(1u32..28),
            prop::option::of(doc),
            prop::option::of(prop::sample::select(vec!["army.example", "x", ""])),
        ),
        0u32..1000,
    )
        .prop_map(
            |(
                (measure, hedge, value, low, high),
                (source, subject, counted, document),
                (day, near, syndicated),
                n,
            )| {
                ClaimInput {
                    id: format!("c{n}"),
                    text: "x".into(),
                    value,
                    low,
                    high,
                    hedge,
                    measure,
                    counted: counted.map(str::to_string),
                    subject: subject.map(str::to_string),
                    attributed_to: source.map(str::to_string),
                    as_of: day.and_then(date),
                    document: document.to_string(),
                    source: format!("{document}.txt"),
                    outlet: Some(format!("Outlet {document}")),
                    published: date(1),
                    near_duplicate_of: near.map(str::to_string),
                    syndicated_from: syndicated.map(str::to_string),
                }
            },
        )
}

proptest! {
    #[test]
    fn any_claims_group_safely(claims in prop::collection::vec(arb_claim(), 0..40)) {
        // Claim ids are unique in a store.
        let claims: Vec<ClaimInput> = claims
            .into_iter()
            .enumerate()
            .map(|(i, c)| ClaimInput { id: format!("c{i}"), ..c })
            .collect();
        let groups = group_claims(&claims);
        let mut seen = BTreeSet::new();
        for group in &groups {
            prop_assert!(group.claims.len() >= 2);
            for id in &group.claims {
                prop_assert!(seen.insert(id.clone()), "claim {} in two groups", id);
            }
            if let (Some(low), Some(best)) = (group.low, group.best) {
                prop_assert!(low <= best, "{:?}", group);
            }
            if let (Some(best), Some(high)) = (group.best, group.high) {
                prop_assert!(best <= high, "{:?}", group);
            }
            if let (Some(low), Some(high)) = (group.low, group.high) {
                prop_assert!(low <= high, "{:?}", group);
            }
            prop_assert!(group.independent_sources >= 1 && group.sources >= 1);
            prop_assert!(!group.note.is_empty());
        }
    }
}
