//! A synthetic ledger for benchmarks: N invented, hand-annotated documents in a SQLite file,
//! built once and reused (it is keyed by N). Deterministic: a small LCG picks the numbers.
#![allow(dead_code)]

use std::path::PathBuf;

use document::{
    Attribution, Claim, Document, Entity, EntityMention, EntityType, Hedge, Measure, NaiveDate,
    Quote, Sentence, Span, Speaker,
};
use store::Store;

const OUTLETS: [&str; 12] = [
    "Harbor Post",
    "Valley Times",
    "Northern Ledger",
    "Coastal Wire",
    "Metro Brief",
    "Eastvale Daily",
    "Policy Review",
    "Daily Roundup",
    "River Gazette",
    "Plains Courier",
    "Summit Herald",
    "Lakeside News",
];
const PEOPLE: [&str; 16] = [
    "Ana Duarte",
    "Ben Okoro",
    "Chen Wei",
    "Dara Holm",
    "Eli Brandt",
    "Fatima Zahra",
    "Goran Vuk",
    "Hana Sato",
    "Ivo Peres",
    "Jun Park",
    "Kemal Arslan",
    "Lena Fischer",
    "Marta Rossi",
    "Nia Adeyemi",
    "Omar Haddad",
    "Pia Lund",
];
const PLACES: [&str; 8] = [
    "Rivermouth",
    "Eastvale",
    "Northport",
    "Kessel",
    "Dunmore",
    "Altara",
    "Brindle",
    "Corvin",
];
const ORGS: [&str; 6] = [
    "health ministry",
    "interior ministry",
    "Red Crescent",
    "regional emergency office",
    "UN agency",
    "army",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

fn fmt_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One synthetic article of about 2 KB with 3 claims, a quote and a dozen entity mentions.
pub fn document(i: usize) -> Document {
    let mut rng = Lcg(i as u64 * 7919 + 17);
    let place = rng.pick(&PLACES);
    let person = rng.pick(&PEOPLE);
    let org = rng.pick(&ORGS);
    let org2 = rng.pick(&ORGS);
    let outlet = OUTLETS[i % OUTLETS.len()];
    let killed = 10 + rng.next() % 400;
    let wounded = 50 + rng.next() % 2000;
    let displaced = 1000 + rng.next() % 90_000;
    let mut text = String::new();
    let mut marks: Vec<(String, Span)> = Vec::new();
    let push = |text: &mut String, s: &str| {
        let start = text.len();
        text.push_str(s);
        Span::new(start, text.len())
    };
    push(&mut text, "Home | World | Region | Opinion\n");
    let title = format!("Storm toll in {place} rises, report {i}");
    push(&mut text, &format!("{title}\n"));
    let s1_start = text.len();
    push(&mut text, "More than ");
    let k = push(&mut text, &killed.to_string());
    let k = Span::new(k.start() - "More than ".len(), k.end());
    push(
        &mut text,
        &format!(" people were killed in {place}, according to the "),
    );
    let a1 = push(&mut text, org);
    push(&mut text, ". ");
    let s1 = Span::new(s1_start, text.len() - 1);
    let s2_start = text.len();
    push(&mut text, "At least ");
    let w = push(&mut text, &fmt_thousands(wounded));
    let w = Span::new(w.start() - "At least ".len(), w.end());
    push(&mut text, " were wounded, the ");
    let a2 = push(&mut text, org2);
    push(&mut text, " said on Tuesday. ");
    let s2 = Span::new(s2_start, text.len() - 1);
    let s3_start = text.len();
    push(&mut text, "Some ");
    let d = push(&mut text, &fmt_thousands(displaced));
    let d = Span::new(d.start() - "Some ".len(), d.end());
    push(&mut text, " residents fled their homes.\n");
    let s3 = Span::new(s3_start, text.len() - 1);
    push(&mut text, "“");
    let q = push(
        &mut text,
        "We have never seen water rise this fast, and we are still counting the missing,",
    );
    push(&mut text, "” said ");
    let sp = push(&mut text, person);
    push(
        &mut text,
        &format!(", who coordinates volunteers in {place}.\n"),
    );
    for p in 0..6 {
        let other = rng.pick(&PEOPLE);
        marks.push((
            other.to_string(),
            Span::new(text.len(), text.len() + other.len()),
        ));
        push(&mut text, &format!("{other} described roads cut off near {place} for the {p}th day, while crews from the {org} cleared debris and shelters filled. "));
        push(&mut text, "Aid convoys waited at the bridge as officials weighed new evacuations along the river.\n");
    }
    push(
        &mut text,
        "Share this article | Related stories | Comments\n",
    );
    let mut doc = Document::from_text(format!("synthetic/{i:05}.txt"), text);
    doc.meta.title = Some(title);
    doc.meta.outlet = Some(outlet.to_string());
    doc.meta.published = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new((i % 120) as u64)));
    doc.meta.language = Some("en".into());
    doc.boilerplate.push(document::Boilerplate {
        span: Span::new(0, 32),
        kind: document::BoilerplateKind::Navigation,
    });
    for s in [s1, s2, s3] {
        doc.sentences.push(Sentence { span: s });
    }
    let claim = |span: Span,
                 sentence: Span,
                 v: u64,
                 hedge: Hedge,
                 measure: Measure,
                 source: Option<(Span, &str)>| Claim {
        span,
        sentence,
        value: Some(v as f64),
        low: Some(v as f64),
        high: None,
        hedge,
        measure,
        counted: Some("people".into()),
        subject: None,
        attributed_to: source.map(|(span, name)| Attribution {
            name: name.to_string(),
            span,
        }),
        as_of: doc.meta.published,
    };
    doc.claims.push(claim(
        k,
        s1,
        killed,
        Hedge::MoreThan,
        Measure::Killed,
        Some((a1, org)),
    ));
    doc.claims.push(claim(
        w,
        s2,
        wounded,
        Hedge::AtLeast,
        Measure::Wounded,
        Some((a2, org2)),
    ));
    let mut displaced_claim = claim(
        d,
        s3,
        displaced,
        Hedge::Approximately,
        Measure::Displaced,
        None,
    );
    displaced_claim.low = Some(displaced as f64 * 0.9);
    displaced_claim.high = Some(displaced as f64 * 1.1);
    doc.claims.push(displaced_claim);
    doc.entities.push(Entity {
        name: person.to_string(),
        label: EntityType::Person,
        aliases: vec![person.to_string()],
        roles: vec![],
    });
    doc.entity_mentions.push(EntityMention {
        span: sp,
        label: EntityType::Person,
        entity: Some(0),
    });
    doc.quotes.push(Quote {
        span: q,
        speaker: Some(Speaker {
            name: person.to_string(),
            span: sp,
            entity: Some(0),
        }),
        cue: Some("said".into()),
    });
    for (name, span) in marks {
        let idx = doc
            .entities
            .iter()
            .position(|e| e.name == name)
            .unwrap_or_else(|| {
                doc.entities.push(Entity {
                    name: name.clone(),
                    label: EntityType::Person,
                    aliases: vec![name.clone()],
                    roles: vec![],
                });
                doc.entities.len() - 1
            });
        doc.entity_mentions.push(EntityMention {
            span,
            label: EntityType::Person,
            entity: Some(idx),
        });
    }
    doc.entity_mentions.sort_by_key(|m| m.span);
    doc
}

/// A store of `n` synthetic documents under the target dir, built on first use.
pub fn store(n: usize) -> Store {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("server-bench-{n}.db"));
    if let Ok(store) = Store::open_existing(&path) {
        if store.count_documents().ok() == Some(n) {
            return store;
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let store = Store::open(&path).expect("bench store");
    let started = std::time::Instant::now();
    for i in 0..n {
        let doc = document(i);
        doc.validate().expect("synthetic document is valid");
        store.put_document(&doc).expect("store synthetic document");
    }
    eprintln!(
        "built {} with {n} documents in {:.1?}",
        path.display(),
        started.elapsed()
    );
    store
}
