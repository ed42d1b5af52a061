//! Fuzzes the number scanner: any UTF-8 input must not panic; every quantity, figure and unit
//! mention must fit the text (in bounds, on character boundaries); low <= value <= high and
//! low <= high where those are defined; a range has two figures and no single value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for f in numbers::analyse(text, None).quantities {
        let q = &f.quantity;
        assert!(q.span.fits(text), "span {:?} does not fit", q.span);
        assert!(q.span.contains(f.core), "core {:?} outside {:?}", f.core, q.span);
        for (s, _) in &f.figures {
            assert!(s.fits(text) && q.span.contains(*s), "figure {s:?} outside {:?}", q.span);
        }
        for p in &f.parts {
            assert!(p.fits(text) && q.span.contains(*p), "part {p:?} outside {:?}", q.span);
        }
        if let (Some(lo), Some(v)) = (q.low, q.value) {
            assert!(lo <= v || v.is_nan(), "low {lo} > value {v} in {:?}", &text[q.span.start()..q.span.end()]);
        }
        if let (Some(hi), Some(v)) = (q.high, q.value) {
            assert!(v <= hi || v.is_nan(), "value {v} > high {hi} in {:?}", &text[q.span.start()..q.span.end()]);
        }
        if let (Some(lo), Some(hi)) = (q.low, q.high) {
            assert!(lo <= hi || lo.is_nan() || hi.is_nan(), "low {lo} > high {hi} in {:?}", &text[q.span.start()..q.span.end()]);
        }
        if q.hedge == document::Hedge::Range {
            assert_eq!(f.figures.len(), 2, "range without two figures in {:?}", &text[q.span.start()..q.span.end()]);
            assert!(q.value.is_none());
        }
    }
    for u in numbers::unit_mentions(text) {
        assert!(u.span.fits(text), "unit mention {:?} does not fit", u.span);
    }
    let _ = numbers::parse_number(text);
});
