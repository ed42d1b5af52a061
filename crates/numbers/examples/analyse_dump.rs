//! Every quantity, date, bare unit and whole-string number the crate finds in a set of texts, one
//! line per text: a regression check for speed work on the numbers crate alone (the output must not
//! change). Reads `.txt` files line by line and every string value of `.json`, `.jsonl` and
//! `.jsonl.gz` files; each line of a multi-line string is analysed too.
//! `cargo run --release -p numbers --example analyse_dump FILE... > out.txt`
use std::io::{BufRead, BufReader, Read, Write};

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn main() {
    let published = chrono::NaiveDate::from_ymd_opt(2020, 6, 15);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("cannot open {path}");
            continue;
        };
        let mut reader: Box<dyn Read> = if path.ends_with(".gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut texts = Vec::new();
        if path.ends_with(".json") {
            let mut s = String::new();
            if reader.read_to_string(&mut s).is_ok() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&s) {
                    strings(&v, &mut texts);
                }
            }
        } else {
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                if path.contains(".jsonl") {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                        strings(&v, &mut texts);
                    }
                } else {
                    texts.push(line);
                }
            }
        }
        let mut pieces = Vec::new();
        for t in &texts {
            pieces.push(t.as_str());
            if t.contains('\n') {
                pieces.extend(t.lines());
            }
        }
        for t in pieces {
            let a = numbers::analyse(t, published);
            let units = numbers::unit_mentions(t);
            let n = numbers::parse_number(t);
            let _ = writeln!(out, "{:?} {:?} {:?} {:?}", a.quantities, a.dates, units, n);
        }
    }
}
