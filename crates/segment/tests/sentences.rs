//! Our labelled sentence set (`tests/data/sentences.txt`) and property tests of the spans.
use proptest::prelude::*;

/// (text, gold sentences) per document of the labelled set.
fn labelled() -> Vec<(String, Vec<String>)> {
    let data = include_str!("data/sentences.txt");
    let mut out = Vec::new();
    for block in data.split("\n---\n") {
        let mut paras: Vec<Vec<&str>> = vec![Vec::new()];
        for line in block.lines().filter(|l| !l.starts_with('#')) {
            if line.trim().is_empty() {
                if paras.last().is_some_and(|p| !p.is_empty()) {
                    paras.push(Vec::new());
                }
            } else if let Some(p) = paras.last_mut() {
                p.push(line.trim());
            }
        }
        let text = paras
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
        let gold = paras.iter().flatten().map(|s| s.to_string()).collect();
        out.push((text, gold));
    }
    out
}

#[test]
fn labelled_sentences() {
    let mut wrong = Vec::new();
    let mut total = 0;
    for (text, gold) in labelled() {
        let (_, sents, _) = segment::segment(&text);
        let got: Vec<String> = sents
            .iter()
            .map(|s| text[s.start()..s.end()].to_string())
            .collect();
        total += gold.len();
        for g in &gold {
            if !got.contains(g) {
                wrong.push(format!("missed: {g}"));
            }
        }
        for s in &got {
            if !gold.contains(s) {
                wrong.push(format!("extra:  {s}"));
            }
        }
    }
    let missed = wrong.iter().filter(|w| w.starts_with("missed")).count();
    println!(
        "{} of {total} gold sentences missed:\n{}",
        missed,
        wrong.join("\n")
    );
    // An acronym before a capitalised word that is not a common opener ("3 p.m. Local ...") is
    // left joined on purpose; everything else must be right.
    assert!(
        missed * 10 <= total,
        "{missed} of {total} sentences wrong:\n{}",
        wrong.join("\n")
    );
}

proptest! {
    #[test]
    fn spans_fit(text in "[A-Za-z .,!?\"'’”“()\\-\n0-9é]{0,80}") {
        let (paras, sents, toks) = segment::segment(&text);
        for s in paras.iter().chain(&sents).chain(&toks) {
            prop_assert!(s.fits(&text));
            prop_assert!(!s.is_empty());
        }
        for w in toks.windows(2) {
            prop_assert!(w[0].end() <= w[1].start());
        }
        for t in &toks {
            prop_assert!(!text[t.start()..t.end()].chars().any(char::is_whitespace));
        }
    }
}
