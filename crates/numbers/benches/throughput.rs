//! Extraction throughput of the numbers stage on the BBC news corpus (`../shared/eval/bbc-news`).
//! divan reports time per iteration; the corpus size is printed so MB/s can be read off
//! (divan's `bytes_count` also prints it as a throughput column).

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

fn corpus() -> &'static Vec<String> {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/bbc-news/bbc-2225.jsonl.gz");
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("note: {} not found; benchmarking on a built-in paragraph", path.display());
            return vec!["Russia has deployed over 10,000 North Korean soldiers to Ukraine, with around 4,000 casualties reported on 9 January. ".repeat(2000)];
        };
        let mut text = String::new();
        if flate2::read::GzDecoder::new(file).read_to_string(&mut text).is_err() {
            return Vec::new();
        }
        text.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
            .collect()
    })
}

fn main() {
    let bytes: usize = corpus().iter().map(|t| t.len()).sum();
    eprintln!("corpus: {} documents, {} bytes", corpus().len(), bytes);
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn numbers_bbc(bencher: divan::Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|t| t.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            let mut n = 0;
            for text in docs {
                let found = numbers::analyse(divan::black_box(text), None);
                n += found.quantities.len() + found.dates.len();
            }
            n
        });
}
