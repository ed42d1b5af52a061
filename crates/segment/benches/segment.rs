//! Segmentation throughput: `cargo bench -p segment`. Reads the BBC News corpus from
//! `../shared/eval/bbc-news` when present (never copied into the repository), else a generated text.
use std::io::Read;

fn main() {
    divan::main();
}

fn corpus() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/bbc-news/bbc-2225.jsonl.gz"
    );
    let mut out = String::new();
    if let Ok(bytes) = std::fs::read(path) {
        let mut s = String::new();
        if flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .is_ok()
        {
            for line in s.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        out.push_str(t);
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
    if out.is_empty() {
        for i in 0..20_000 {
            out.push_str(&format!("Mr. Smith said on Jan. {} that the U.S. had sent 12,000 troops. “It’s over,” he said.\n\n", i % 28 + 1));
        }
    }
    out
}

#[divan::bench(sample_count = 10)]
fn segment_corpus(bencher: divan::Bencher) {
    let text = corpus();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| segment::segment(divan::black_box(&text)).2.len());
}

#[divan::bench(sample_count = 10)]
fn tokens_only(bencher: divan::Bencher) {
    let text = corpus();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| segment::tokenize(divan::black_box(&text)).len());
}

#[divan::bench(sample_count = 10)]
fn sentences_only(bencher: divan::Bencher) {
    let text = corpus();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            segment::paragraphs(divan::black_box(&text))
                .iter()
                .map(|p| segment::sentences_in(&text[p.start()..p.end()]).len())
                .sum::<usize>()
        });
}
