//! Any bytes inside an HTML page: ingest either refuses the page with an error or extracts a
//! document that every stage can analyse, and whose spans all fit its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut page = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>".to_vec();
    page.extend_from_slice(data);
    if let Ok(mut doc) = ingest::read_document("fuzz.html", &page) {
        doc.validate().expect("ingest makes valid spans");
        pipeline::analyse(&mut doc).expect("every stage keeps spans valid");
    }
});
