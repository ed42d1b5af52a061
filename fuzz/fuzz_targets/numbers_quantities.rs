//! Fuzzes the number scanner: any UTF-8 input must not panic, and every quantity must fit the
//! text with low <= value <= high where those are defined.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for q in numbers::find_quantities(text) {
        assert!(q.span.fits(text), "span {:?} does not fit", q.span);
        if let (Some(lo), Some(v)) = (q.low, q.value) {
            assert!(lo <= v || v.is_nan(), "low {lo} > value {v} in {:?}", &text[q.span.start()..q.span.end()]);
        }
        if let (Some(hi), Some(v)) = (q.high, q.value) {
            assert!(v <= hi || v.is_nan(), "value {v} > high {hi} in {:?}", &text[q.span.start()..q.span.end()]);
        }
    }
    let _ = numbers::parse_number(text);
});
