//! Fuzzes the date finder: any UTF-8 input and publication date must not panic, and every date
//! mention must fit the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    // The first two bytes pick a publication date (or none).
    let days = u16::from_le_bytes([data[0], data[1]]);
    let published = (days != 0).then(|| chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days as i64 % 20000));
    let Ok(text) = std::str::from_utf8(&data[2..]) else { return };
    for d in numbers::find_dates(text, published) {
        assert!(d.span.fits(text), "span {:?} does not fit", d.span);
    }
});
