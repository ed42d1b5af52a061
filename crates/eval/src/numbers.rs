//! `corroborate eval numbers PATH`: the numbers stage on public number-recognition specs.
//!
//! PATH is the shared eval folder (holding `recognizers-text/` and `quantulum3/`). Suites:
//! - Recognizers-Text English `Number/NumberModel`, `Number/NumberRangeModel`, `Number/PercentModel`
//!   and `NumberWithUnit/{Age,Currency,Dimension,Temperature}Model`;
//! - quantulum3 `quantities.json` and `quantities.ambiguity.json`.
//!
//! A case is exact when the items we find of the spec's type equal the gold items as a set of
//! (span, value): same start and end (gold `End` is inclusive and in characters; converted to byte
//! offsets here) and the same value (relative tolerance 1e-6). Per spec, an item is:
//! - Number: each figure with its scale ("1.2 million", "10k", "twenty-one"), not hedges, units or
//!   ordinals; figures glued to a unit ("180ml") are not numbers, as the spec has it.
//! - NumberRange: hedged and ranged figures, span with the hedge words; the value is the interval
//!   in the spec's notation ("(20,)", "[1000,5000)" for a plain range).
//! - Percent / Currency / Dimension / Temperature / Age: quantities of that kind, span without
//!   the hedge; unit names are not compared (the spec's "Dollar" is our "USD"). A range whose
//!   ends carry their own unit ("44 mg to 50 mg") counts as its two ends, as the spec marks them.
//!   The spec also lists units named without a figure ("to fahrenheit") with no value: those come
//!   from `numbers::unit_mentions`.
//! - quantulum3: every quantity's surface without hedge (located by text, not offsets) and value;
//!   a range's value is its midpoint, as quantulum writes it, and its surface keeps "between".
//!   quantulum has no ordinals, name parts, vague quantities or times of day, so those are left out.
//!
//! `NotSupported` names the ports of Recognizers-Text (dotnet, java, javascript, python) that fail
//! a case; the .NET reference passes every case whose list does not name dotnet, so those cases
//! are in the spec's scope and count in the headline. Three figures are printed: all cases (the
//! headline), without any `NotSupported`/`NotSupportedByDesign` case, and without only the cases
//! the .NET reference itself fails. The Duckling cases the task names are not in the shared folder, so they are not run.
//! The last line is the headline: the share of exact cases over all suites, NotSupported included.

use std::path::Path;

use document::{Hedge, QuantityKind};
use numbers::Found;
use serde_json::Value;

use crate::EvalError;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Spec {
    Number,
    Range,
    Percent,
    Currency,
    Dimension,
    Temperature,
    Age,
}

const RECOGNIZERS: &[(&str, Spec)] = &[
    ("Number/English/NumberModel.json", Spec::Number),
    ("Number/English/NumberRangeModel.json", Spec::Range),
    ("Number/English/PercentModel.json", Spec::Percent),
    ("NumberWithUnit/English/AgeModel.json", Spec::Age),
    ("NumberWithUnit/English/CurrencyModel.json", Spec::Currency),
    (
        "NumberWithUnit/English/DimensionModel.json",
        Spec::Dimension,
    ),
    (
        "NumberWithUnit/English/TemperatureModel.json",
        Spec::Temperature,
    ),
];

/// One item: byte span and a value key (a number, or an interval in the spec's notation).
#[derive(Clone, PartialEq, Debug)]
struct Item {
    start: usize,
    end: usize,
    value: ItemValue,
}

#[derive(Clone, PartialEq, Debug)]
enum ItemValue {
    Number(f64),
    Interval(Option<f64>, Option<f64>, bool, bool),
    None,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

fn same_value(a: &ItemValue, b: &ItemValue) -> bool {
    let opt = |x: &Option<f64>, y: &Option<f64>| match (x, y) {
        (Some(x), Some(y)) => close(*x, *y),
        (None, None) => true,
        _ => false,
    };
    match (a, b) {
        (ItemValue::Number(x), ItemValue::Number(y)) => close(*x, *y),
        (ItemValue::Interval(a1, b1, c1, d1), ItemValue::Interval(a2, b2, c2, d2)) => {
            opt(a1, a2) && opt(b1, b2) && c1 == c2 && d1 == d2
        }
        (ItemValue::None, ItemValue::None) => true,
        _ => false,
    }
}

fn same_set(gold: &[Item], pred: &[Item]) -> bool {
    if gold.len() != pred.len() {
        return false;
    }
    let mut used = vec![false; pred.len()];
    for g in gold {
        let hit = pred.iter().enumerate().find(|(k, p)| {
            !used[*k] && p.start == g.start && p.end == g.end && same_value(&p.value, &g.value)
        });
        match hit {
            Some((k, _)) => used[k] = true,
            None => return false,
        }
    }
    true
}

/// "(20,35]", "[1000,)" → interval.
fn parse_interval(s: &str) -> Option<ItemValue> {
    let s = s.trim();
    let lo_closed = s.starts_with('[');
    let hi_closed = s.ends_with(']');
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let num = |x: &str| {
        if x.trim().is_empty() {
            Ok(None)
        } else {
            x.trim().parse::<f64>().map(Some)
        }
    };
    Some(ItemValue::Interval(
        num(a).ok()?,
        num(b).ok()?,
        lo_closed,
        hi_closed,
    ))
}

/// Character offset → byte offset.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn gold_items(input: &str, case: &Value, spec: Spec) -> Vec<Item> {
    let mut out = Vec::new();
    for r in case
        .get("Results")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(start), Some(end)) = (
            r.get("Start").and_then(Value::as_u64),
            r.get("End").and_then(Value::as_u64),
        ) else {
            continue;
        };
        let res = r.get("Resolution");
        let raw = res.and_then(|v| v.get("value"));
        let value = match (spec, raw) {
            (Spec::Range, Some(Value::String(s))) => parse_interval(s).unwrap_or(ItemValue::None),
            (_, Some(Value::String(s))) => s
                .trim_end_matches('%')
                .parse::<f64>()
                .map(ItemValue::Number)
                .unwrap_or(ItemValue::None),
            (_, Some(Value::Number(n))) => {
                n.as_f64().map(ItemValue::Number).unwrap_or(ItemValue::None)
            }
            _ => ItemValue::None,
        };
        out.push(Item {
            start: byte_at(input, start as usize),
            end: byte_at(input, end as usize + 1),
            value,
        });
    }
    out
}

/// Whether the unit is glued to the figure ("180ml", "29km"): the spec's Number model skips those.
fn glued_unit(text: &str, f: &Found) -> bool {
    let Some(&(fig, _)) = f.figures.last() else {
        return false;
    };
    f.core.end() > fig.end()
        && text[fig.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic())
}

fn predicted(text: &str, found: &[Found], spec: Spec) -> Vec<Item> {
    let mut out = Vec::new();
    // The unit models also report a unit named without a figure ("to fahrenheit"), with no value.
    if matches!(
        spec,
        Spec::Percent | Spec::Currency | Spec::Dimension | Spec::Temperature
    ) {
        let want = match spec {
            Spec::Percent => QuantityKind::Percent,
            Spec::Currency => QuantityKind::Money,
            Spec::Dimension => QuantityKind::Measurement,
            _ => QuantityKind::Temperature,
        };
        for u in numbers::unit_mentions(text) {
            if u.kind == want {
                out.push(Item {
                    start: u.span.start(),
                    end: u.span.end(),
                    value: ItemValue::None,
                });
            }
        }
    }
    for f in found {
        let q = &f.quantity;
        match spec {
            Spec::Number => {
                if q.kind == QuantityKind::Ordinal || glued_unit(text, f) {
                    continue;
                }
                for (s, v) in &f.figures {
                    out.push(Item {
                        start: s.start(),
                        end: s.end(),
                        value: ItemValue::Number(*v),
                    });
                }
            }
            Spec::Range => {
                let interval = match q.hedge {
                    Hedge::MoreThan => ItemValue::Interval(q.value, None, false, false),
                    Hedge::AtLeast => ItemValue::Interval(q.value, None, true, false),
                    Hedge::LessThan => ItemValue::Interval(None, q.value, false, false),
                    Hedge::AtMost => ItemValue::Interval(None, q.value, false, true),
                    // The spec writes a plain range half-open; a range of two bounds as its words say.
                    Hedge::Range => match f.bounds {
                        Some((lo, hi)) => ItemValue::Interval(q.low, q.high, lo, hi),
                        None => ItemValue::Interval(q.low, q.high, true, false),
                    },
                    // "equal to 20" is the one-point interval [20, 20].
                    Hedge::Exact if f.hedge_span.is_some() => {
                        ItemValue::Interval(q.value, q.value, true, true)
                    }
                    _ => continue,
                };
                // The spec's range span stops at the figure (or a hedge after it), not the unit.
                let fig_end = f.figures.last().map(|x| x.0.end()).unwrap_or(q.span.end());
                let hedge_end = f
                    .hedge_span
                    .map(|h| h.end())
                    .filter(|e| *e > fig_end)
                    .unwrap_or(fig_end);
                out.push(Item {
                    start: q.span.start(),
                    end: hedge_end.max(fig_end),
                    value: interval,
                });
            }
            Spec::Percent | Spec::Currency | Spec::Dimension | Spec::Temperature | Spec::Age => {
                let want = match spec {
                    Spec::Percent => QuantityKind::Percent,
                    Spec::Currency => QuantityKind::Money,
                    Spec::Dimension => QuantityKind::Measurement,
                    Spec::Temperature => QuantityKind::Temperature,
                    _ => QuantityKind::Age,
                };
                if q.kind != want {
                    continue;
                }
                // A range whose ends each carry the unit ("44 mg to 50 mg"): the spec marks each end.
                if !f.parts.is_empty() {
                    for (part, (_, v)) in f.parts.iter().zip(&f.figures) {
                        out.push(Item {
                            start: part.start(),
                            end: part.end(),
                            value: ItemValue::Number(*v),
                        });
                    }
                    continue;
                }
                // For a range with a unit ("40 - 50 years old") the spec marks the figure next to the unit.
                if q.hedge == Hedge::Range
                    && f.figures.len() == 2
                    && f.figures[0].0.start() == f.core.start()
                {
                    let (s2, v2) = f.figures[1];
                    out.push(Item {
                        start: s2.start(),
                        end: f.core.end(),
                        value: ItemValue::Number(v2),
                    });
                    continue;
                }
                let value = match (q.value, f.figures.first()) {
                    (Some(v), _) => ItemValue::Number(v),
                    (None, Some((_, v))) => ItemValue::Number(*v),
                    _ => ItemValue::None,
                };
                out.push(Item {
                    start: f.core.start(),
                    end: f.core.end(),
                    value,
                });
            }
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    cases: usize,
    exact: usize,
    supported: usize,
    supported_exact: usize,
    /// Cases the .NET reference implementation passes (its `NotSupported` does not name dotnet).
    reference: usize,
    reference_exact: usize,
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| EvalError::Data {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs the suites; prints one line per suite and the headline last.
pub fn run(path: &Path) -> Result<(), EvalError> {
    let verbose = std::env::var_os("NUMBERS_EVAL_VERBOSE").is_some();
    let root = if path.join("recognizers-text").is_dir() {
        path.to_path_buf()
    } else {
        path.join("..")
    };
    let specs = root.join("recognizers-text/Specs");
    let mut total = Tally::default();
    for (file, spec) in RECOGNIZERS {
        let p = specs.join(file);
        let data = read_json(&p)?;
        let mut tally = Tally::default();
        for case in data.as_array().into_iter().flatten() {
            let Some(input) = case.get("Input").and_then(Value::as_str) else {
                continue;
            };
            let supported =
                case.get("NotSupported").is_none() && case.get("NotSupportedByDesign").is_none();
            let reference = !case
                .get("NotSupported")
                .and_then(Value::as_str)
                .is_some_and(|s| s.contains("dotnet"));
            let gold = gold_items(input, case, *spec);
            let found = numbers::analyse(input, None).quantities;
            let pred = predicted(input, &found, *spec);
            let ok = same_set(&gold, &pred);
            tally.cases += 1;
            tally.exact += ok as usize;
            if supported {
                tally.supported += 1;
                tally.supported_exact += ok as usize;
            }
            if reference {
                tally.reference += 1;
                tally.reference_exact += ok as usize;
            }
            if !ok && verbose {
                let show = |items: &[Item]| {
                    items
                        .iter()
                        .map(|i| {
                            format!(
                                "{:?}={:?}",
                                input.get(i.start..i.end).unwrap_or("?"),
                                i.value
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "  MISS {file} {}{input:?}\n    gold {}\n    got  {}",
                    if supported { "" } else { "[NS] " },
                    show(&gold),
                    show(&pred)
                );
            }
        }
        println!(
            "recognizers {file}: exact {}/{} = {:.3}; without NotSupported {}/{} = {:.3}; .NET-reference cases {}/{} = {:.3}",
            tally.exact,
            tally.cases,
            pct(tally.exact, tally.cases),
            tally.supported_exact,
            tally.supported,
            pct(tally.supported_exact, tally.supported),
            tally.reference_exact,
            tally.reference,
            pct(tally.reference_exact, tally.reference)
        );
        total.cases += tally.cases;
        total.exact += tally.exact;
        total.supported += tally.supported;
        total.supported_exact += tally.supported_exact;
        total.reference += tally.reference;
        total.reference_exact += tally.reference_exact;
    }
    for file in ["quantities.json", "quantities.ambiguity.json"] {
        let p = root.join("quantulum3").join(file);
        let data = read_json(&p)?;
        let mut tally = Tally::default();
        for case in data.as_array().into_iter().flatten() {
            let Some(input) = case.get("req").and_then(Value::as_str) else {
                continue;
            };
            let mut gold: Vec<(String, f64)> = Vec::new();
            for r in case
                .get("res")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let surface = r
                    .get("surface")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let value = r.get("value").and_then(Value::as_f64).unwrap_or(f64::NAN);
                gold.push((surface, value));
            }
            let found = numbers::analyse(input, None).quantities;
            let mut pred: Vec<(String, f64)> = Vec::new();
            for f in &found {
                let q = &f.quantity;
                // quantulum counts neither ordinals nor numbers glued into names ("L2", "OAO-1").
                // quantulum has no times of day either ("at 2 pm").
                if q.kind == QuantityKind::Ordinal
                    || q.kind == QuantityKind::NamePart
                    || q.kind == QuantityKind::ClockTime
                    || q.hedge == Hedge::Vague
                {
                    continue;
                }
                let value = match (q.value, q.low, q.high) {
                    (Some(v), _, _) => v,
                    (None, Some(lo), Some(hi)) => (lo + hi) / 2.0,
                    _ => continue,
                };
                // quantulum's surface of "between 44 and 50 mg" keeps "between" (not "from").
                let start = if q.hedge == Hedge::Range
                    && q.span.start() < f.core.start()
                    && input[q.span.start()..f.core.start()]
                        .trim()
                        .eq_ignore_ascii_case("between")
                {
                    q.span.start()
                } else {
                    f.core.start()
                };
                pred.push((input[start..f.core.end()].to_string(), value));
            }
            let mut used = vec![false; pred.len()];
            let ok = gold.len() == pred.len()
                && gold.iter().all(|(s, v)| {
                    match pred
                        .iter()
                        .enumerate()
                        .find(|(k, (ps, pv))| !used[*k] && ps == s && close(*pv, *v))
                    {
                        Some((k, _)) => {
                            used[k] = true;
                            true
                        }
                        None => false,
                    }
                });
            tally.cases += 1;
            tally.exact += ok as usize;
            tally.supported += 1;
            tally.supported_exact += ok as usize;
            tally.reference += 1;
            tally.reference_exact += ok as usize;
            if !ok && verbose {
                println!("  MISS quantulum3 {input:?}\n    gold {gold:?}\n    got  {pred:?}");
            }
        }
        println!(
            "quantulum3 {file}: exact {}/{} = {:.3}",
            tally.exact,
            tally.cases,
            pct(tally.exact, tally.cases)
        );
        total.cases += tally.cases;
        total.exact += tally.exact;
        total.supported += tally.supported;
        total.supported_exact += tally.supported_exact;
        total.reference += tally.reference;
        total.reference_exact += tally.reference_exact;
    }
    println!("duckling: not in the shared eval folder; not run");
    println!(
        "all suites without NotSupported: exact {}/{} = {:.3}",
        total.supported_exact,
        total.supported,
        pct(total.supported_exact, total.supported)
    );
    println!(
        "all suites without the cases the .NET reference fails: exact {}/{} = {:.3}",
        total.reference_exact,
        total.reference,
        pct(total.reference_exact, total.reference)
    );
    println!(
        "exact {:.3} ({}/{} cases, all suites, NotSupported included)",
        pct(total.exact, total.cases),
        total.exact,
        total.cases
    );
    Ok(())
}
