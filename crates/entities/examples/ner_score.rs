//! Development helper: quick entity-level F1 of the committed model on CoNLL files (gold tokens).
//! The reported eval is `corroborate eval ner ../shared/eval`.
use entities::train::read_conll;

fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rfind(')').map_or("", |i| &stat[i + 2..]);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// Tagging speed per CPU-second over ≥ 1M words of `ex` (NER_SPEED=1).
fn speed(ex: &[entities::tagger::Example], own: Option<&entities::tagger::Model>) {
    let sents: Vec<Vec<&str>> = ex
        .iter()
        .map(|e| e.words.iter().map(String::as_str).collect())
        .collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    let reps = (1_000_000 / n.max(1)).max(1);
    let mut s = entities::tagger::Scratch::default();
    let mut tags = Vec::new();
    // NER_UNCACHED=1: the tagger without its word cache (the reference path), for comparison.
    let uncached = std::env::var_os("NER_UNCACHED").is_some();
    let tag_only = std::env::var_os("NER_TAG_ONLY").is_some();
    let c0 = cpu();
    let mut found = 0;
    for _ in 0..reps {
        for w in &sents {
            match own.or(entities::tagger::model()) {
                Some(m) if uncached => m.tag_uncached(w, &mut s, &mut tags),
                Some(m) => m.tag(w, &mut s, &mut tags),
                None => entities::tag_words(w, &mut s, &mut tags),
            }
            // NER_TAG_ONLY=1: the tagger alone, without the rule layer.
            if tag_only {
                found += tags.iter().filter(|&&t| t % 2 == 1).count();
            } else {
                found += entities::mentions_in(w, &tags).len();
            }
        }
    }
    let secs = cpu() - c0;
    println!(
        "speed: {:.0} words per CPU-second ({} words, {found} mentions)",
        (n * reps) as f64 / secs.max(1e-9),
        n * reps
    );
}
/// Sentences of the "text" fields of a gzipped JSON-lines file, tokenised as the pipeline does and
/// split after '.', '!' and '?' (untagged: for speed measurements).
fn news_sentences(path: &str) -> Vec<entities::tagger::Example> {
    use std::io::Read;
    let mut raw = String::new();
    let bytes = std::fs::read(path).unwrap_or_default();
    let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut raw);
    let mut out = Vec::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|x| x.as_str()) else {
            continue;
        };
        let mut words = Vec::new();
        segment::for_each_token(text, 0, |sp| {
            let w = &text[sp.start()..sp.end()];
            words.push(w.to_string());
            if matches!(w, "." | "!" | "?") {
                out.push(entities::tagger::Example {
                    words: std::mem::take(&mut words),
                    tags: Vec::new(),
                });
            }
        });
        if !words.is_empty() {
            out.push(entities::tagger::Example {
                words,
                tags: Vec::new(),
            });
        }
    }
    out
}

fn main() {
    let own = std::env::var("NER_MODEL")
        .ok()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| entities::tagger::Model::from_gz(&b).ok());
    for f in std::env::args().skip(1) {
        // Unlabelled news (`.jsonl.gz` with a "text" field, e.g. BBC): speed only.
        if f.ends_with(".jsonl.gz") {
            speed(&news_sentences(&f), own.as_ref());
            continue;
        }
        let ex = match read_conll(std::path::Path::new(&f)) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        let mut pt = [(0usize, 0usize, 0usize); 3];
        let mut kinds = [0usize; 5];
        let mut s = entities::tagger::Scratch::default();
        let mut tags = Vec::new();
        let mut words_n = 0;
        let t0 = std::time::Instant::now();
        for e in &ex {
            let w: Vec<&str> = e.words.iter().map(String::as_str).collect();
            words_n += w.len();
            match &own {
                Some(m) => m.tag(&w, &mut s, &mut tags),
                None => entities::tag_words(&w, &mut s, &mut tags),
            }
            let raw = std::env::var_os("NER_RAW").is_some();
            let pred: Vec<(usize, usize, usize)> = if raw {
                entities::tagger::spans(&tags)
                    .into_iter()
                    .filter(|p| p.2 < 3)
                    .collect()
            } else {
                entities::mentions_in(&w, &tags)
                    .into_iter()
                    .filter_map(|(a, b, t)| match t {
                        document::EntityType::Person => Some((a, b, 0)),
                        document::EntityType::Org => Some((a, b, 1)),
                        document::EntityType::Gpe => Some((a, b, 2)),
                        _ => None,
                    })
                    .collect()
            };
            let gold: Vec<_> = entities::tagger::spans(&e.tags)
                .into_iter()
                .filter(|g| g.2 < 3)
                .collect();
            if std::env::var("NER_SHOW").is_ok_and(|v| v == "2")
                && gold.iter().any(|g| !pred.contains(g))
            {
                let line: Vec<String> = w
                    .iter()
                    .zip(&e.tags)
                    .zip(&tags)
                    .map(|((w, g), p)| {
                        if *g == 0 && *p == 0 {
                            w.to_string()
                        } else {
                            format!(
                                "{w}/{}/{}",
                                entities::tagger::TAGS[*g as usize],
                                entities::tagger::TAGS[*p as usize]
                            )
                        }
                    })
                    .collect();
                println!("S {}", line.join(" "));
            }
            if std::env::var_os("NER_SHOW").is_some() {
                for g in gold.iter().filter(|g| !pred.contains(g)) {
                    let near: Vec<String> = pred
                        .iter()
                        .filter(|p| p.0 < g.1 && g.0 < p.1)
                        .map(|p| format!("{}[{}]", w[p.0..p.1].join(" "), p.2))
                        .collect();
                    println!("FN {}[{}]  got {:?}", w[g.0..g.1].join(" "), g.2, near);
                }
                for p in pred
                    .iter()
                    .filter(|p| !gold.contains(p) && !gold.iter().any(|g| p.0 < g.1 && g.0 < p.1))
                {
                    println!("FP {}[{}]", w[p.0..p.1].join(" "), p.2);
                }
            }
            for p in &pred {
                let ok = gold.contains(p);
                pt[p.2].0 += usize::from(ok);
                pt[p.2].1 += 1;
                if !ok {
                    let kind = if gold.iter().any(|g| g.0 == p.0 && g.1 == p.1) {
                        0
                    } else if gold.iter().any(|g| g.0 < p.1 && p.0 < g.1 && g.2 == p.2) {
                        1
                    } else if gold.iter().any(|g| g.0 < p.1 && p.0 < g.1) {
                        2
                    } else {
                        3
                    };
                    kinds[kind] += 1;
                }
            }
            for g in &gold {
                pt[g.2].2 += 1;
                if !pred.iter().any(|p| g.0 < p.1 && p.0 < g.1) {
                    kinds[4] += 1;
                }
            }
            tp += pred.iter().filter(|p| gold.contains(p)).count();
            fp += pred.iter().filter(|p| !gold.contains(p)).count();
            fn_ += gold.iter().filter(|g| !pred.contains(g)).count();
        }
        let secs = t0.elapsed().as_secs_f64();
        if std::env::var_os("NER_SPEED").is_some() {
            speed(&ex, own.as_ref());
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        for (l, (c, np, ng)) in ["PER", "ORG", "LOC"].iter().zip(pt) {
            let (p, r) = (c as f64 / np.max(1) as f64, c as f64 / ng.max(1) as f64);
            println!(
                "  {l}: P {p:.3} R {r:.3} F1 {:.3} (gold {ng})",
                2.0 * p * r / (p + r).max(1e-9)
            );
        }
        println!(
            "  errors: wrong type same span {}, boundary same type {}, boundary+type {}, spurious {}, missed {}",
            kinds[0], kinds[1], kinds[2], kinds[3], kinds[4]
        );
        println!(
            "{f}: P {p:.3} R {r:.3} F1 {:.3}  {:.0} words/s",
            2.0 * p * r / (p + r).max(1e-9),
            words_n as f64 / secs
        );
    }
}
