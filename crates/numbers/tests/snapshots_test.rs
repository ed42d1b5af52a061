//! Renders the quantities and dates of each `tests/data/*.txt` file, one line each:
//! `number 204..218 >12000 cardinal "over 12,000"`, `date 10..19 2025-01-09 day rel "9 January"`.
//! A first line `# published YYYY-MM-DD` sets the publication date; other `#` lines are comments.

use chrono::NaiveDate;
use document::{Hedge, Quantity};

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn value(q: &Quantity) -> String {
    let v = q.value.map(fmt).unwrap_or_default();
    let lo = q.low.map(fmt).unwrap_or_default();
    let hi = q.high.map(fmt).unwrap_or_default();
    match q.hedge {
        Hedge::Exact => v,
        Hedge::Approximately => format!("~{v}[{lo},{hi}]"),
        Hedge::MoreThan => format!(">{v}"),
        Hedge::AtLeast => format!(">={v}"),
        Hedge::LessThan => format!("<{v}"),
        Hedge::AtMost => format!("<={v}"),
        Hedge::Range => format!("{lo}..{hi}"),
        Hedge::Vague => format!("[{lo},{hi}]"),
    }
}

pub fn render(input: &str) -> String {
    let mut published = None;
    let mut out = String::new();
    for line in input.lines() {
        if let Some(rest) = line.strip_prefix("# published ") {
            published = NaiveDate::parse_from_str(rest.trim(), "%Y-%m-%d").ok();
        }
    }
    // Offsets are into the whole file, comments included, as the stage would see them.
    let text = input;
    let found = numbers::analyse(text, published);
    let mut lines: Vec<(usize, String)> = Vec::new();
    for f in &found.quantities {
        let q = &f.quantity;
        if text[..q.span.start()]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.starts_with('#'))
        {
            continue;
        }
        let kind = serde_json::to_value(&q.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let unit = q
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        lines.push((
            q.span.start(),
            format!(
                "number {}..{} {} {kind}{unit} {:?}",
                q.span.start(),
                q.span.end(),
                value(q),
                &text[q.span.start()..q.span.end()]
            ),
        ));
    }
    for d in &found.dates {
        if text[..d.span.start()]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.starts_with('#'))
        {
            continue;
        }
        let date = d.date.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
        let prec = serde_json::to_value(d.precision)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let rel = if d.relative { " rel" } else { "" };
        lines.push((
            d.span.start(),
            format!(
                "date   {}..{} {date} {prec}{rel} {:?}",
                d.span.start(),
                d.span.end(),
                &text[d.span.start()..d.span.end()]
            ),
        ));
    }
    lines.sort_by_key(|l| l.0);
    for (_, l) in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

#[test]
fn snapshots() {
    insta::glob!("data/*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(render(&input));
    });
}
