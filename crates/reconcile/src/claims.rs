//! Claim groups: the claims of several documents that speak of the same quantity, reconciled into
//! one low / best / high with a status (`consistent`, `revised`, `contradiction`) and a sentence
//! saying why. Pure: claims with their documents' metadata in ([`ClaimInput`]), groups in the shape
//! of CONTRACT.md's `groups` record out ([`Group`]). Groups are computed at read time from the
//! stored claims; nothing about them is stored, so a new document regroups everything.
//!
//! **Which claims group together** ([`compatible`]): the same measure; the same subject when both
//! have one (a missing subject is compatible); counted nouns that are equal after folding the
//! plural, or in one small class (troops, soldiers, forces…; people, persons, civilians,
//! residents…), or missing on one side. `other` and `cost` figures group only when both claims
//! name the same counted noun and the same subject, since "two towns" and "two helicopters" are
//! not one quantity. A group spans at most [`WINDOW_DAYS`] days, so one measure's figures from
//! unrelated weeks stay apart; a claim with no date (no `as_of`, no publication date) could be
//! about any time, so it is not grouped. There is no story clustering yet: two stories of the same
//! fortnight whose figures name neither subject nor a telling counted noun can still merge. Claims that name more (subject and counted) are placed first; a
//! claim that fits several groups joins the one with the most documents, or none when that is a
//! tie, rather than merging on a guess. Groups of one claim are not reported.
//!
//! **Origins** (`independent_sources`): a figure comes from whoever the text attributes it to
//! (the name folded for case, "the" and possessives; a name whose words are all in exactly one
//! other name of the group, "emergency agency" in "Eastvale Emergency Agency", is that name); an
//! unattributed figure comes from its document's outlet, else from the document. A near-duplicate
//! of another document and a piece syndicated from an outlet count under the origin of what they
//! copy: a reprint is not a new source. `sources` counts distinct documents.
//!
//! **Time**: the date of a claim is its `as_of`, else its document's publication date. Each
//! origin's current figure is its latest (by date, then publication); several claims of one origin
//! on that date are read together (their common interval; when they do not meet, the largest,
//! since a smaller figure beside it is most often a part of it: "230 injured, 14 of them
//! critically"). An origin whose figures differ between dates has revised them. Two origins
//! contradict each other when their current intervals cannot both hold at about the same time:
//! dates at most one day apart and intervals that do not meet, except that a count which only
//! grows (killed, wounded, casualties, captured, arrested) may be higher a day later, so for those
//! only an earlier figure above a later one conflicts. A toll rising over days through different
//! origins is therefore not a contradiction, and neither is a vague figure ("dozens") beside a
//! stated one: it is too loose to contradict, and most often describes a part.
//!
//! **Status**: `contradiction` when any two origins' current figures conflict, else `revised`
//! when some origin changed its figure, else `consistent`.
//!
//! **low / best / high**: from the current figures dated on the group's latest date, counting only
//! stated figures when any origin states one (a vague "dozens" speaks only when nobody does). When their
//! intervals meet, low is the highest low and high the lowest high; when they do not (a
//! contradiction), the envelope: the lowest low and the highest high. best is the median of those
//! figures' stated values (the mean of the two middle ones for an even count), kept inside
//! [low, high]; null when none states a number ("dozens" gives a range, not a figure).
//! null means unbounded ("at least 48" has no high).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use document::{Hedge, Measure, NaiveDate};
use serde::Serialize;

/// A group spans at most this many days between its earliest and latest dated claim.
pub const WINDOW_DAYS: i64 = 14;

/// One claim with what the grouping needs of its document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimInput {
    pub id: String,
    /// The claim's words ("at least 42"), for the note.
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    pub measure: Measure,
    pub counted: Option<String>,
    pub subject: Option<String>,
    /// The name of whom the text attributes the figure to.
    pub attributed_to: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub document: String,
    /// The document's source path.
    pub source: String,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// The id of the document this one is a near-duplicate of.
    pub near_duplicate_of: Option<String>,
    /// The outlet (name or domain) this document was syndicated from.
    pub syndicated_from: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Consistent,
    Revised,
    Contradiction,
}

/// The earliest report of a group's quantity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FirstReported {
    pub claim: String,
    pub source: String,
    pub published: Option<NaiveDate>,
}

/// One line of `export groups`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub id: String,
    pub measure: Measure,
    pub subject: Option<String>,
    pub counted: Option<String>,
    pub claims: Vec<String>,
    pub sources: usize,
    pub independent_sources: usize,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub status: Status,
    pub note: String,
    pub first_reported: FirstReported,
}

/// Groups the claims and reconciles each group. Every claim is in at most one group; groups come
/// in the contract's measure order, the most widely reported first.
pub fn group_claims(claims: &[ClaimInput]) -> Vec<Group> {
    let docs = documents(claims);
    let mut groups: Vec<Group> = form_groups(claims)
        .into_iter()
        .filter(|members| members.len() >= 2)
        .map(|members| reconcile(claims, &members, &docs))
        .collect();
    groups.sort_by(|a, b| {
        (measure_rank(a.measure), std::cmp::Reverse(a.sources), &a.id).cmp(&(
            measure_rank(b.measure),
            std::cmp::Reverse(b.sources),
            &b.id,
        ))
    });
    groups
}

// ---------------------------------------------------------------------------------------------
// Which claims group together.

/// What grouping reads of a claim: measure, folded subject and counted key, date.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    measure: Measure,
    subject: Option<String>,
    counted: Option<String>,
    /// `other` and `cost`: both fields required and equal.
    strict: bool,
}

fn key_of(claim: &ClaimInput) -> Option<Key> {
    let subject = claim
        .subject
        .as_deref()
        .map(fold_name)
        .filter(|s| !s.is_empty());
    let strict = matches!(claim.measure, Measure::Other | Measure::Cost);
    let counted = claim
        .counted
        .as_deref()
        .map(|c| counted_key(c, !strict))
        .filter(|c| !c.is_empty());
    if strict && (subject.is_none() || counted.is_none()) {
        return None;
    }
    interval(claim)?;
    Some(Key {
        measure: claim.measure,
        subject,
        counted,
        strict,
    })
}

/// Whether two claims' keys may be about the same quantity: the rule in the module doc.
fn compatible(a: &Key, b: &Key) -> bool {
    fn fits(x: &Option<String>, y: &Option<String>, strict: bool) -> bool {
        match (x, y) {
            (Some(x), Some(y)) => x == y,
            _ => !strict,
        }
    }
    a.measure == b.measure
        && a.strict == b.strict
        && fits(&a.subject, &b.subject, a.strict)
        && fits(&a.counted, &b.counted, a.strict)
}

/// Counted nouns in one class count the same people; a noun outside every class is its singular.
const COUNTED_CLASSES: &[(&str, &[&str])] = &[
    (
        "troops",
        &[
            "troop",
            "soldier",
            "force",
            "serviceman",
            "personnel",
            "service member",
            "servicemember",
            "military personnel",
        ],
    ),
    (
        "people",
        &[
            "people",
            "person",
            "civilian",
            "resident",
            "life",
            "individual",
            "inhabitant",
            "villager",
        ],
    ),
];

/// The key of a counted noun: its class when `classes`, else its folded singular.
fn counted_key(counted: &str, classes: bool) -> String {
    let folded = fold_name(counted);
    let singular = folded
        .split(' ')
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ");
    if classes {
        for (class, members) in COUNTED_CLASSES {
            if members.contains(&singular.as_str()) {
                return (*class).to_string();
            }
        }
    }
    singular
}

/// The singular of an English plural, by the common endings ("casualties", "buses", "servicemen",
/// "lives"); irregular words outside those stay as they are.
fn singular(word: &str) -> String {
    if word == "children" {
        return "child".into();
    }
    let rules: [(&str, &str); 7] = [
        ("ies", "y"),
        ("men", "man"),
        ("ives", "ife"),
        ("sses", "ss"),
        ("shes", "sh"),
        ("ches", "ch"),
        ("xes", "x"),
    ];
    for (end, replacement) in rules {
        if word.len() > end.len() {
            if let Some(stem) = word.strip_suffix(end) {
                return format!("{stem}{replacement}");
            }
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 2 && !stem.ends_with('s') && !stem.ends_with('u') => {
            stem.to_string()
        }
        _ => word.to_string(),
    }
}

/// A name folded for comparison: lower case, curly apostrophes straight, possessives and a
/// leading "the" dropped, punctuation as spaces.
pub fn fold_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '‘', '`'], "'");
    let mut words: Vec<String> = Vec::new();
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let word = raw.strip_suffix("'s").unwrap_or(raw).trim_matches('\'');
        if !word.is_empty() {
            words.push(word.to_string());
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// Partitions the claims into candidate groups (lists of indices); see the module doc.
fn form_groups(claims: &[ClaimInput]) -> Vec<Vec<usize>> {
    struct Forming {
        key: Key,
        members: Vec<usize>,
        documents: BTreeSet<String>,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    }
    let keys: Vec<Option<Key>> = claims.iter().map(key_of).collect();
    // An undated figure could belong to any time and so to any story: it is not grouped.
    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| keys[i].is_some() && date_of(&claims[i]).is_some())
        .collect();
    let specificity = |i: usize| {
        keys[i]
            .as_ref()
            .map(|k| usize::from(k.subject.is_some()) + usize::from(k.counted.is_some()))
            .unwrap_or(0)
    };
    order.sort_by(|&a, &b| {
        (
            specificity(b),
            date_of(&claims[a]),
            &claims[a].document,
            &claims[a].id,
        )
            .cmp(&(
                specificity(a),
                date_of(&claims[b]),
                &claims[b].document,
                &claims[b].id,
            ))
    });
    let mut forming: Vec<Forming> = Vec::new();
    // Groups a claim may join are of its measure (for `other` and `cost`, of its exact key), began
    // within the window of its date, and have its subject or none. The index finds those without
    // looking at every group: by bucket and the week the group began, and also by its subject then.
    type Bucket = (usize, Option<(String, String)>);
    let bucket_of = |key: &Key| -> Bucket {
        let exact = key.strict.then(|| {
            (
                key.subject.clone().unwrap_or_default(),
                key.counted.clone().unwrap_or_default(),
            )
        });
        (measure_rank(key.measure), exact)
    };
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let day_of = |date: Option<NaiveDate>| date.map_or(0, |d| (d - epoch).num_days());
    let mut by_week: HashMap<(Bucket, i64), Vec<usize>> = HashMap::new();
    let mut by_week_subject: HashMap<(Bucket, i64, Option<String>), Vec<usize>> = HashMap::new();
    for i in order {
        let Some(key) = keys[i].clone() else { continue };
        let bucket = bucket_of(&key);
        let date = date_of(&claims[i]);
        let day = day_of(date);
        let in_window = |g: &Forming| match (date, g.first, g.last) {
            (Some(d), Some(first), Some(last)) => {
                (last.max(d) - first.min(d)).num_days() <= WINDOW_DAYS
            }
            _ => true,
        };
        let mut candidates: Vec<usize> = Vec::new();
        for week in (day - WINDOW_DAYS).div_euclid(7)..=(day + WINDOW_DAYS).div_euclid(7) {
            match &key.subject {
                None => {
                    candidates.extend(by_week.get(&(bucket.clone(), week)).into_iter().flatten())
                }
                Some(subject) => {
                    for began_with in [Some(subject.clone()), None] {
                        candidates.extend(
                            by_week_subject
                                .get(&(bucket.clone(), week, began_with))
                                .into_iter()
                                .flatten(),
                        );
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&n| compatible(&forming[n].key, &key) && in_window(&forming[n]));
        let chosen = match candidates.as_slice() {
            [] => None,
            [only] => Some(*only),
            several => {
                let most = several
                    .iter()
                    .map(|&n| forming[n].documents.len())
                    .max()
                    .unwrap_or(0);
                let best: Vec<usize> = several
                    .iter()
                    .copied()
                    .filter(|&n| forming[n].documents.len() == most)
                    .collect();
                match best.as_slice() {
                    [only] => Some(*only),
                    // A tie: the claim could be about either quantity; it stays ungrouped.
                    _ => continue,
                }
            }
        };
        match chosen {
            Some(n) => {
                let group = &mut forming[n];
                if group.key.subject.is_none() {
                    group.key.subject = key.subject;
                }
                if group.key.counted.is_none() {
                    group.key.counted = key.counted;
                }
                group.members.push(i);
                group.documents.insert(claims[i].document.clone());
                if let Some(d) = date {
                    group.first = Some(group.first.map_or(d, |f| f.min(d)));
                    group.last = Some(group.last.map_or(d, |l| l.max(d)));
                }
            }
            None => {
                let week = day.div_euclid(7);
                by_week
                    .entry((bucket.clone(), week))
                    .or_default()
                    .push(forming.len());
                by_week_subject
                    .entry((bucket, week, key.subject.clone()))
                    .or_default()
                    .push(forming.len());
                forming.push(Forming {
                    key,
                    members: vec![i],
                    documents: BTreeSet::from([claims[i].document.clone()]),
                    first: date,
                    last: date,
                })
            }
        }
    }
    forming.into_iter().map(|g| g.members).collect()
}

fn date_of(claim: &ClaimInput) -> Option<NaiveDate> {
    claim.as_of.or(claim.published)
}

fn measure_rank(measure: Measure) -> usize {
    match measure {
        Measure::Deployed => 0,
        Measure::Killed => 1,
        Measure::Wounded => 2,
        Measure::Casualties => 3,
        Measure::Captured => 4,
        Measure::Missing => 5,
        Measure::Displaced => 6,
        Measure::Arrested => 7,
        Measure::Cost => 8,
        Measure::Other => 9,
    }
}

/// Counts that only grow as a story goes on, so a higher figure a day later is no conflict.
fn only_grows(measure: Measure) -> bool {
    matches!(
        measure,
        Measure::Killed
            | Measure::Wounded
            | Measure::Casualties
            | Measure::Captured
            | Measure::Arrested
    )
}

// ---------------------------------------------------------------------------------------------
// Intervals.

/// A closed interval; infinite ends are unbounded.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Interval {
    low: f64,
    high: f64,
}

impl Interval {
    fn meet(self, other: Interval) -> Option<Interval> {
        let low = self.low.max(other.low);
        let high = self.high.min(other.high);
        (low <= high).then_some(Interval { low, high })
    }

    fn width(self) -> f64 {
        self.high - self.low
    }
}

fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|x| x.is_finite())
}

/// The interval a claim's words allow, or `None` when it gives nothing to compare. A claim with
/// no stored interval falls back on CLAIMS.md's hedge table.
fn interval(claim: &ClaimInput) -> Option<Interval> {
    let (low, high, value) = (finite(claim.low), finite(claim.high), finite(claim.value));
    let (low, high) = match (low, high, value) {
        (None, None, None) => return None,
        (None, None, Some(v)) => match claim.hedge {
            Hedge::Exact => (v, v),
            Hedge::Approximately => (0.9 * v, 1.1 * v),
            Hedge::MoreThan | Hedge::AtLeast => (v, f64::INFINITY),
            Hedge::LessThan | Hedge::AtMost => (0.0, v),
            Hedge::Range | Hedge::Vague => return None,
        },
        (low, high, _) => (
            low.unwrap_or(f64::NEG_INFINITY),
            high.unwrap_or(f64::INFINITY),
        ),
    };
    Some(if low <= high {
        Interval { low, high }
    } else {
        Interval {
            low: high,
            high: low,
        }
    })
}

/// The one number a claim stands for: its value, else the middle of its range, else its bound.
fn point(claim: &ClaimInput, interval: Interval) -> f64 {
    if let Some(v) = finite(claim.value) {
        return v;
    }
    match (interval.low.is_finite(), interval.high.is_finite()) {
        (true, true) => (interval.low + interval.high) / 2.0,
        (true, false) => interval.low,
        (false, true) => interval.high,
        (false, false) => 0.0,
    }
}

// ---------------------------------------------------------------------------------------------
// Origins.

/// What grouping knows of a document.
struct DocInfo<'a> {
    outlet: Option<&'a str>,
    source: &'a str,
    near_duplicate_of: Option<&'a str>,
    syndicated_from: Option<&'a str>,
}

fn documents(claims: &[ClaimInput]) -> HashMap<&str, DocInfo<'_>> {
    let mut docs = HashMap::new();
    for claim in claims {
        docs.entry(claim.document.as_str()).or_insert(DocInfo {
            outlet: claim.outlet.as_deref().filter(|o| !fold_name(o).is_empty()),
            source: claim.source.as_str(),
            near_duplicate_of: claim
                .near_duplicate_of
                .as_deref()
                .filter(|d| *d != claim.document),
            syndicated_from: claim
                .syndicated_from
                .as_deref()
                .filter(|s| !s.trim().is_empty()),
        });
    }
    docs
}

/// Where a figure comes from: `key` compares, `name` is shown.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Origin {
    key: String,
    name: String,
}

fn origin_of(claim: &ClaimInput, docs: &HashMap<&str, DocInfo<'_>>) -> Origin {
    if let Some(name) = claim.attributed_to.as_deref() {
        let key = fold_name(name);
        if !key.is_empty() {
            return Origin {
                key: format!("by:{key}"),
                name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            };
        }
    }
    document_origin(&claim.document, docs)
}

/// The origin of a document's own (unattributed) figures: that of the document it copies, if any,
/// else the outlet it was syndicated from, else its outlet, else itself.
fn document_origin(document: &str, docs: &HashMap<&str, DocInfo<'_>>) -> Origin {
    let mut current = document;
    // Follow near-duplicate links (bounded: the links could form a cycle in bad data).
    for _ in 0..16 {
        match docs.get(current).and_then(|d| d.near_duplicate_of) {
            Some(original) if original != current => current = original,
            _ => break,
        }
    }
    let Some(info) = docs.get(current) else {
        return Origin {
            key: format!("doc:{current}"),
            name: format!("document {current}"),
        };
    };
    if let Some(syndicated) = info.syndicated_from {
        return syndication_origin(syndicated, docs);
    }
    match info.outlet {
        Some(outlet) => Origin {
            key: format!("outlet:{}", fold_name(outlet)),
            name: outlet.trim().to_string(),
        },
        None => Origin {
            key: format!("doc:{current}"),
            name: info.source.to_string(),
        },
    }
}

/// The origin of a syndicated piece: the one known outlet whose name the syndication names
/// ("coastalwire.example" → "Coastal Wire Service"), else the syndication itself.
fn syndication_origin(syndicated: &str, docs: &HashMap<&str, DocInfo<'_>>) -> Origin {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let trimmed = syndicated.trim();
    let label = if trimmed.contains('.') && !trimmed.contains(' ') {
        // A domain: its registrable name, the label before the last ("asia.nikkei.com" → nikkei).
        let labels: Vec<&str> = trimmed
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split(['/', ':'])
            .next()
            .unwrap_or("")
            .split('.')
            .filter(|l| !l.is_empty() && *l != "www")
            .collect();
        match labels.len() {
            0 => String::new(),
            1 => squash(labels[0]),
            n => squash(labels[n - 2]),
        }
    } else {
        squash(trimmed)
    };
    let mut matches: BTreeSet<&str> = BTreeSet::new();
    if label.len() >= 4 {
        for info in docs.values() {
            if let Some(outlet) = info.outlet {
                let name = squash(outlet);
                if name.len() >= 4 && (name.starts_with(&label) || label.starts_with(&name)) {
                    matches.insert(outlet.trim());
                }
            }
        }
    }
    match (matches.len(), matches.iter().next()) {
        (1, Some(outlet)) => Origin {
            key: format!("outlet:{}", fold_name(outlet)),
            name: outlet.to_string(),
        },
        _ => Origin {
            key: format!(
                "outlet:{}",
                if label.is_empty() {
                    trimmed.to_lowercase()
                } else {
                    label
                }
            ),
            name: trimmed.to_string(),
        },
    }
}

/// Within a group, an attributed name whose words all occur in exactly one longer attributed name
/// is that name ("emergency agency" → "Eastvale Emergency Agency").
fn merge_short_names(origins: &mut [Origin]) {
    let names: BTreeMap<String, (BTreeSet<String>, String)> = origins
        .iter()
        .filter_map(|o| {
            o.key.strip_prefix("by:").map(|k| {
                (
                    o.key.clone(),
                    (k.split(' ').map(str::to_string).collect(), o.name.clone()),
                )
            })
        })
        .collect();
    let mut renamed: HashMap<String, Origin> = HashMap::new();
    for (key, (words, _)) in &names {
        let longer: Vec<(&String, &String)> = names
            .iter()
            .filter(|(other, (other_words, _))| {
                *other != key && other_words.len() > words.len() && words.is_subset(other_words)
            })
            .map(|(other, (_, name))| (other, name))
            .collect();
        if let [(other, name)] = longer.as_slice() {
            renamed.insert(
                key.clone(),
                Origin {
                    key: (*other).clone(),
                    name: (*name).clone(),
                },
            );
        }
    }
    for origin in origins.iter_mut() {
        if let Some(to) = renamed.get(&origin.key) {
            *origin = to.clone();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reconciling one group.

/// An origin's figure at one date: the claims read together, their interval and value.
#[derive(Clone, Debug)]
struct Figure {
    origin: usize,
    date: Option<NaiveDate>,
    interval: Interval,
    value: f64,
    /// Whether the shown claim states a number (not only an interval: "dozens" does not).
    stated: bool,
    /// The claim shown for it (the narrowest).
    claim: usize,
}

fn reconcile(claims: &[ClaimInput], members: &[usize], docs: &HashMap<&str, DocInfo<'_>>) -> Group {
    let mut origins: Vec<Origin> = members
        .iter()
        .map(|&i| origin_of(&claims[i], docs))
        .collect();
    merge_short_names(&mut origins);
    // Each origin keeps the display name of its first claim in the group.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for origin in &origins {
        names
            .entry(origin.key.clone())
            .or_insert_with(|| origin.name.clone());
    }
    let origin_keys: Vec<&String> = names.keys().collect();
    let origin_index = |key: &String| origin_keys.iter().position(|k| *k == key).unwrap_or(0);

    // Each origin's figures, by date.
    let mut by_origin_date: BTreeMap<(usize, Option<NaiveDate>), Vec<usize>> = BTreeMap::new();
    for (m, &i) in members.iter().enumerate() {
        by_origin_date
            .entry((origin_index(&origins[m].key), date_of(&claims[i])))
            .or_default()
            .push(i);
    }
    // In (origin, date) order, as the map is.
    let figures: Vec<Figure> = by_origin_date
        .iter()
        .filter_map(|(&(origin, date), list)| figure(claims, origin, date, list))
        .collect();

    // Current figure per origin: its latest date (None sorts first, so any dated one wins).
    let mut current: BTreeMap<usize, Figure> = BTreeMap::new();
    for figure in &figures {
        current.insert(figure.origin, figure.clone());
    }
    let current: Vec<Figure> = current.into_values().collect();

    // Contradictions between origins, the latest pair first.
    let measure = claims[members[0]].measure;
    let mut conflict: Option<(&Figure, &Figure)> = None;
    for (n, a) in current.iter().enumerate() {
        for b in &current[n + 1..] {
            if conflicts(measure, a, b) {
                let newer = |x: &Figure, y: &Figure| x.date.max(y.date);
                let better = match conflict {
                    None => true,
                    Some((x, y)) => newer(a, b) > newer(x, y),
                };
                if better {
                    let (first, second) = if a.date <= b.date { (a, b) } else { (b, a) };
                    conflict = Some((first, second));
                }
            }
        }
    }

    // Revisions: an origin whose figure changed between dates.
    let mut revision: Option<(&Figure, &Figure)> = None;
    for origin in 0..origin_keys.len() {
        let mine: Vec<&Figure> = figures.iter().filter(|f| f.origin == origin).collect();
        let Some(last) = mine.last() else { continue };
        // The earliest figure that differs from the current one.
        if let Some(first) = mine.iter().find(|f| f.value != last.value) {
            if first.date != last.date {
                let later = match revision {
                    None => true,
                    Some((_, r)) => last.date > r.date,
                };
                if later {
                    revision = Some((first, last));
                }
            }
        }
    }

    let status = if conflict.is_some() {
        Status::Contradiction
    } else if revision.is_some() {
        Status::Revised
    } else {
        Status::Consistent
    };

    let (low, best, high) = estimate(&current);
    let name_of = |f: &Figure| {
        origin_keys
            .get(f.origin)
            .and_then(|k| names.get(*k))
            .cloned()
            .unwrap_or_default()
    };
    let say = |f: &Figure| {
        format!(
            "{} ({})",
            figure_words(&claims[f.claim].text),
            date_label(f.date)
        )
    };
    let note = match (conflict, revision) {
        (Some((a, b)), _) => format!(
            "{} {} and {} {} cannot both be true",
            name_of(a),
            say(a),
            name_of(b),
            say(b)
        ),
        (None, Some((first, last))) => {
            let verb = if last.value > first.value {
                "rose"
            } else if last.value < first.value {
                "fell"
            } else {
                "changed"
            };
            let others = current.len().saturating_sub(1);
            let rest = match others {
                0 => String::new(),
                1 => "; 1 other origin's figure fits".to_string(),
                n => format!("; {n} other origins' figures fit"),
            };
            format!(
                "{}'s figure {verb} from {} to {}{rest}",
                name_of(first),
                say(first),
                say(last)
            )
        }
        (None, None) => match current.as_slice() {
            [only] => {
                let same = members
                    .iter()
                    .map(|&i| interval(&claims[i]))
                    .all(|iv| iv == Some(only.interval));
                if same {
                    format!(
                        "{} reports, all from {}, give {}",
                        members.len(),
                        name_of(only),
                        figure_words(&claims[only.claim].text)
                    )
                } else {
                    // Different figures on one day from one origin: most often parts of a total.
                    format!(
                        "{} reports, all from {}; its figure: {}",
                        members.len(),
                        name_of(only),
                        figure_words(&claims[only.claim].text)
                    )
                }
            }
            _ => format!(
                "{} independent origins agree: {}",
                current.len(),
                range_label(low, high)
            ),
        },
    };

    let mut ids: Vec<String> = members.iter().map(|&i| claims[i].id.clone()).collect();
    ids.sort();
    ids.dedup();
    let documents: BTreeSet<&str> = members
        .iter()
        .map(|&i| claims[i].document.as_str())
        .collect();
    let first = members
        .iter()
        .copied()
        .min_by(|&a, &b| {
            let rank = |c: &ClaimInput| {
                (
                    c.published.is_none(),
                    c.published,
                    c.as_of.is_none(),
                    c.as_of,
                )
            };
            rank(&claims[a])
                .cmp(&rank(&claims[b]))
                .then_with(|| claims[a].id.cmp(&claims[b].id))
        })
        .unwrap_or(members[0]);
    let subject = most_common(members.iter().filter_map(|&i| claims[i].subject.as_deref()));
    let counted = most_common(members.iter().filter_map(|&i| claims[i].counted.as_deref()));
    Group {
        id: stable_id(&ids),
        measure,
        subject,
        counted,
        claims: ids,
        sources: documents.len(),
        independent_sources: names.len(),
        low,
        best,
        high,
        status,
        note,
        first_reported: FirstReported {
            claim: claims[first].id.clone(),
            source: claims[first].source.clone(),
            published: claims[first].published,
        },
    }
}

/// An origin's figure at one date from its claims of that date.
fn figure(
    claims: &[ClaimInput],
    origin: usize,
    date: Option<NaiveDate>,
    list: &[usize],
) -> Option<Figure> {
    let read: Vec<(usize, Interval)> = list
        .iter()
        .filter_map(|&i| interval(&claims[i]).map(|iv| (i, iv)))
        .collect();
    let (first_claim, first_interval) = *read.first()?;
    let common = read
        .iter()
        .try_fold(first_interval, |acc, &(_, iv)| acc.meet(iv));
    match common {
        Some(common) => {
            let &(claim, iv) = read
                .iter()
                .min_by(|a, b| a.1.width().total_cmp(&b.1.width()))
                .unwrap_or(&(first_claim, first_interval));
            let value = point(&claims[claim], iv).clamp(common.low, common.high);
            Some(Figure {
                origin,
                date,
                interval: common,
                value,
                stated: finite(claims[claim].value).is_some(),
                claim,
            })
        }
        None => {
            // Figures that do not meet: the largest (a smaller one is most often a part of it).
            let &(claim, iv) = read
                .iter()
                .max_by(|a, b| point(&claims[a.0], a.1).total_cmp(&point(&claims[b.0], b.1)))
                .unwrap_or(&(first_claim, first_interval));
            Some(Figure {
                origin,
                date,
                interval: iv,
                value: point(&claims[claim], iv),
                stated: finite(claims[claim].value).is_some(),
                claim,
            })
        }
    }
}

/// Whether two origins' figures cannot both be true: the rule in the module doc.
fn conflicts(measure: Measure, a: &Figure, b: &Figure) -> bool {
    // "dozens remain in hospital" beside "230 injured": a figure nobody states is too loose to
    // contradict one (it is most often a part, or an impression).
    if !a.stated || !b.stated {
        return false;
    }
    let near = match (a.date, b.date) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= 1,
        (None, None) => true,
        _ => false,
    };
    if !near || a.interval.meet(b.interval).is_some() {
        return false;
    }
    match (a.date, b.date) {
        (Some(x), Some(y)) if x != y && only_grows(measure) => {
            let (earlier, later) = if x < y { (a, b) } else { (b, a) };
            earlier.interval.low > later.interval.high
        }
        _ => true,
    }
}

/// low, best, high from the current figures dated on the latest date (see the module doc).
fn estimate(current: &[Figure]) -> (Option<f64>, Option<f64>, Option<f64>) {
    // Stated figures speak for the group; vague ones ("dozens") only when nobody states a number.
    let stated: Vec<Figure> = current.iter().filter(|f| f.stated).cloned().collect();
    let current = if stated.is_empty() {
        current
    } else {
        &stated[..]
    };
    let latest = current.iter().map(|f| f.date).max().flatten();
    let at_latest: Vec<&Figure> = current.iter().filter(|f| f.date == latest).collect();
    if at_latest.is_empty() {
        return (None, None, None);
    }
    let common = at_latest
        .iter()
        .try_fold(at_latest[0].interval, |acc, f| acc.meet(f.interval));
    let span = common.unwrap_or_else(|| Interval {
        low: at_latest
            .iter()
            .map(|f| f.interval.low)
            .fold(f64::INFINITY, f64::min),
        high: at_latest
            .iter()
            .map(|f| f.interval.high)
            .fold(f64::NEG_INFINITY, f64::max),
    });
    let mut values: Vec<f64> = at_latest
        .iter()
        .filter(|f| f.stated)
        .map(|f| f.value)
        .collect();
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let median = match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[middle]),
        _ => Some((values[middle - 1] + values[middle]) / 2.0),
    };
    let best = median.map(|m| m.clamp(span.low, span.high));
    let bound = |x: f64| x.is_finite().then_some(x);
    (bound(span.low), best.and_then(bound), bound(span.high))
}

fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items.map(str::trim).filter(|s| !s.is_empty()) {
        match counts.iter_mut().find(|(s, _)| *s == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    // The most frequent; on a tie, the first seen.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(s, _)| s.to_string())
}

/// FNV-1a (64-bit) of the sorted claim ids: the same claims give the same id on every run.
fn stable_id(sorted_ids: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for id in sorted_ids {
        for byte in id.bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn date_label(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%b %-d").to_string())
        .unwrap_or_else(|| "undated".into())
}

fn range_label(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) if l == h => number_label(l),
        (Some(l), Some(h)) => format!("{} to {}", number_label(l), number_label(h)),
        (Some(l), None) => format!("at least {}", number_label(l)),
        (None, Some(h)) => format!("at most {}", number_label(h)),
        (None, None) => "no bound".into(),
    }
}

/// A number as a reader writes it: thousands separated, no ".0".
pub fn number_label(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.fract() != 0.0 || x.abs() >= 1e15 {
        return format!("{x}");
    }
    let digits = format!("{}", x.abs() as u64);
    let mut out = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A figure's words for the middle of a sentence: a first word capitalised only because it opened
/// its sentence ("At least 42", "Nearly 60") in lower case; "UN" or "$3bn" as written.
fn figure_words(text: &str) -> String {
    let words = one_line(text);
    let first = words.split(' ').next().unwrap_or("");
    let mut chars = first.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase)
        && first.chars().count() > 1
        && chars.all(char::is_lowercase);
    if !capitalised {
        return words;
    }
    let mut out = String::with_capacity(words.len());
    let mut chars = words.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
    }
    out.extend(chars);
    out
}

#[cfg(test)]
#[path = "claims_tests.rs"]
mod tests;
