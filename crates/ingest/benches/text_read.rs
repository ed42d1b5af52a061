//! Throughput of reading plain-text pages (decode, furniture, metadata, cites, language):
//! the test pages in `tests/data/text` and, when present, the seed pages beside the repository.

use std::path::Path;

use divan::counter::BytesCount;

fn main() {
    divan::main();
}

fn pages() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        root.join("tests/data/text"),
        root.join("../../../shared/corpus/seeds"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|x| x == "txt") {
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    pages.push(bytes);
                }
            }
        }
    }
    pages
}

#[divan::bench]
fn text_read_all_pages(bencher: divan::Bencher) {
    let pages = pages();
    let total: usize = pages.iter().map(Vec::len).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        for page in &pages {
            let doc = ingest::read_document("bench.txt", divan::black_box(page));
            divan::black_box(doc.ok());
        }
    });
}
