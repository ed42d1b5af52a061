//! HTML ingest throughput: `read_document` (gunzip, charset, extraction, metadata, date) over
//! the article-extraction benchmark's pages in `../shared/eval` (skipped when absent).

use std::path::PathBuf;

fn pages() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/article-extraction-benchmark/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; nothing to benchmark", dir.display());
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            std::fs::read(e.path())
                .ok()
                .map(|b| (e.path().display().to_string(), b))
        })
        .collect();
    out.sort();
    out.truncate(20);
    out
}

fn html_bytes(pages: &[(String, Vec<u8>)]) -> usize {
    use std::io::Read;
    pages
        .iter()
        .map(|(_, b)| {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&b[..])
                .read_to_end(&mut out)
                .map_or(b.len(), |n| n)
        })
        .sum()
}

#[divan::bench(sample_count = 5)]
fn read_html_pages(bencher: divan::Bencher) {
    let pages = pages();
    let bytes = html_bytes(&pages);
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for (path, b) in &pages {
                let _ = divan::black_box(ingest::read_document(path, b));
            }
        });
}

fn main() {
    divan::main();
}
