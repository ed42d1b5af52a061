//! Any bytes as a `.txt` file: ingest either refuses them with an error or makes a document
//! that every stage can analyse, and whose spans all fit its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut doc) = ingest::read_document("fuzz.txt", data) {
        doc.validate().expect("ingest makes valid spans");
        pipeline::analyse(&mut doc).expect("every stage keeps spans valid");
    }
});
