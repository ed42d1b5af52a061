//! `corroborate eval coref PATH`: entity coreference across documents.
//!
//! 1. Our labelled merge / keep-apart pairs (`crates/entities/tests/data/pairs.txt`), decided by
//!    `reconcile::entities::match_entities`: accuracy.
//! 2. ECB+ (`PATH/ecbplus/docs.jsonl.gz`, test topics 36–45): each topic's documents go through
//!    segmentation and the entities stage one by one, and each document's entities are merged
//!    incrementally into the topic's known entities exactly as the store does (blocking keys,
//!    then `match_entities`). Gold mentions are the annotated participant and location mentions
//!    (HUMAN_PART_PER/ORG/GPE, LOC_GEO) in the sentences ECB+ annotates completely. Most of them
//!    are descriptions or pronouns ("the actress", "he"), which a name linker does not claim to
//!    resolve, so coreference is scored on the gold mentions our tagger finds (a predicted mention
//!    inside the gold span or containing it), and mention recall is reported beside it. B³ and
//!    CEAF-e F1 over those mentions, with two baselines: every mention alone, and within-document
//!    entities only (no cross-document merging).

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use document::{Document, Entity, EntityType, Stage};
use reconcile::entities::{candidate_keys, match_entities, KnownEntity};
use serde::Deserialize;

use crate::EvalError;

#[derive(Deserialize)]
struct EcbDoc {
    doc_id: String,
    topic: u32,
    split: String,
    text: String,
    mentions: Vec<EcbMention>,
    coref_sentences: Vec<usize>,
}

#[derive(Deserialize)]
struct EcbMention {
    m_id: String,
    #[serde(rename = "type")]
    kind: String,
    sentence: usize,
    coref_chain: Option<String>,
    char_spans: Vec<(usize, usize)>,
}

fn label_of(s: &str) -> Option<EntityType> {
    match s.trim() {
        "PERSON" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Org),
        "GPE" => Some(EntityType::Gpe),
        "NORP" => Some(EntityType::Norp),
        _ => None,
    }
}

fn entity_of(spec: &str, label: EntityType) -> Entity {
    let mut parts = spec.split(';').map(str::trim).filter(|s| !s.is_empty());
    let name = parts.next().unwrap_or("").to_string();
    Entity {
        name,
        label,
        aliases: parts.map(str::to_string).collect(),
        roles: Vec::new(),
    }
}

/// Accuracy on our labelled pairs: (right, total, wrong lines).
fn pairs() -> (usize, usize, Vec<String>) {
    let data = include_str!("../../entities/tests/data/pairs.txt");
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('|').collect();
        let (Some(verdict), Some(label), Some(a), Some(b)) = (
            f.first(),
            f.get(1).and_then(|l| label_of(l)),
            f.get(2),
            f.get(3),
        ) else {
            continue;
        };
        let known = entity_of(a, label);
        let known = KnownEntity {
            id: 1,
            name: known.name,
            label,
            aliases: known.aliases,
        };
        let mut doc = Document::from_text("pair", "");
        doc.entities.push(entity_of(b, label));
        let merged = match_entities(&doc, &[known])[0] == Some(1);
        total += 1;
        if merged == (verdict.trim() == "MERGE") {
            right += 1;
        } else {
            wrong.push(line.to_string());
        }
    }
    (right, total, wrong)
}

/// The known entities of one topic, merged incrementally (the store's algorithm, in memory).
#[derive(Default)]
struct Known {
    entities: Vec<KnownEntity>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Known {
    /// Merges a document's entities; returns each one's known id.
    fn add(&mut self, doc: &Document, cross_doc: bool) -> Vec<i64> {
        let keys: Vec<Vec<String>> = doc.entities.iter().map(candidate_keys).collect();
        let mut cand_idx: Vec<usize> = keys
            .iter()
            .flatten()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        cand_idx.sort_unstable();
        cand_idx.dedup();
        let candidates: Vec<KnownEntity> =
            cand_idx.iter().map(|&i| self.entities[i].clone()).collect();
        let matches = if cross_doc && !candidates.is_empty() {
            match_entities(doc, &candidates)
        } else {
            vec![None; doc.entities.len()]
        };
        let mut ids = Vec::new();
        for (i, e) in doc.entities.iter().enumerate() {
            let idx = match matches.get(i).copied().flatten() {
                Some(id) => {
                    let k = &mut self.entities[id as usize];
                    for form in std::iter::once(&e.name).chain(&e.aliases) {
                        if *form != k.name && !k.aliases.contains(form) {
                            k.aliases.push(form.clone());
                        }
                    }
                    if e.name.chars().count() > k.name.chars().count() {
                        let old = std::mem::replace(&mut k.name, e.name.clone());
                        k.aliases.retain(|a| *a != k.name);
                        k.aliases.push(old);
                    }
                    id as usize
                }
                None => {
                    let id = self.entities.len();
                    self.entities.push(KnownEntity {
                        id: id as i64,
                        name: e.name.clone(),
                        label: e.label,
                        aliases: e.aliases.clone(),
                    });
                    id
                }
            };
            for k in &keys[i] {
                let v = self.by_key.entry(k.clone()).or_default();
                if !v.contains(&idx) {
                    v.push(idx);
                }
            }
            ids.push(idx as i64);
        }
        ids
    }
}

/// B³ (P, R) sums and CEAF-e parts over one topic: clusters as lists of mention indices.
fn b_cubed(key: &[usize], resp: &[usize]) -> (f64, f64) {
    let n = key.len();
    let (mut p, mut r) = (0.0, 0.0);
    for m in 0..n {
        let k: Vec<usize> = (0..n).filter(|&j| key[j] == key[m]).collect();
        let rs: Vec<usize> = (0..n).filter(|&j| resp[j] == resp[m]).collect();
        let both = k.iter().filter(|j| rs.contains(j)).count() as f64;
        p += both / rs.len() as f64;
        r += both / k.len() as f64;
    }
    (p, r)
}

fn clusters(labels: &[usize]) -> Vec<Vec<usize>> {
    let mut map: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &l) in labels.iter().enumerate() {
        map.entry(l).or_default().push(i);
    }
    map.into_values().collect()
}

/// Maximum-weight assignment (Hungarian algorithm, square, O(n³)).
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    if n == 0 {
        return 0.0;
    }
    let max = w.iter().flatten().fold(0f64, |a, &b| a.max(b));
    // Minimise cost = max - w, 1-indexed potentials.
    let cost = |i: usize, j: usize| max - w[i - 1][j - 1];
    let (mut u, mut v) = (vec![0f64; n + 1], vec![0f64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] > 0)
        .map(|j| w[p[j] - 1][j - 1])
        .sum()
}

/// CEAF-e: (similarity sum, key entities, response entities).
fn ceaf_e(key: &[usize], resp: &[usize]) -> (f64, usize, usize) {
    let kc = clusters(key);
    let rc = clusters(resp);
    let n = kc.len().max(rc.len());
    let mut w = vec![vec![0f64; n]; n];
    for (i, k) in kc.iter().enumerate() {
        for (j, r) in rc.iter().enumerate() {
            let both = k.iter().filter(|m| r.contains(m)).count();
            w[i][j] = 2.0 * both as f64 / (k.len() + r.len()) as f64;
        }
    }
    (max_assignment(&w), kc.len(), rc.len())
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

#[derive(Default)]
struct Score {
    b3_p: f64,
    b3_r: f64,
    n: usize,
    phi: f64,
    k_ent: usize,
    r_ent: usize,
}

impl Score {
    fn add(&mut self, key: &[usize], resp: &[usize]) {
        let (p, r) = b_cubed(key, resp);
        self.b3_p += p;
        self.b3_r += r;
        self.n += key.len();
        let (phi, k, rr) = ceaf_e(key, resp);
        self.phi += phi;
        self.k_ent += k;
        self.r_ent += rr;
    }
    fn report(&self) -> (f64, f64) {
        let n = self.n.max(1) as f64;
        let b3 = f1(self.b3_p / n, self.b3_r / n);
        let ceaf = f1(
            self.phi / self.r_ent.max(1) as f64,
            self.phi / self.k_ent.max(1) as f64,
        );
        (b3, ceaf)
    }
}

fn char_to_byte(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

pub fn run(path: &Path) -> Result<(), EvalError> {
    let (right, total, wrong) = pairs();
    println!(
        "our labelled pairs: {right}/{total} right ({:.3})",
        right as f64 / total.max(1) as f64
    );
    for w in &wrong {
        println!("  wrong: {w}");
    }

    let file = path.join("ecbplus/docs.jsonl.gz");
    let bytes = std::fs::read(&file).map_err(|source| EvalError::Io {
        path: file.display().to_string(),
        source,
    })?;
    let mut raw = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut raw)
        .map_err(|source| EvalError::Io {
            path: file.display().to_string(),
            source,
        })?;
    let mut docs: Vec<EcbDoc> = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let d: EcbDoc = serde_json::from_str(line).map_err(|e| EvalError::Data {
            path: file.display().to_string(),
            reason: format!("line {}: {e}", n + 1),
        })?;
        if d.split == "test" {
            docs.push(d);
        }
    }
    let mut by_topic: BTreeMap<u32, Vec<EcbDoc>> = BTreeMap::new();
    for d in docs {
        by_topic.entry(d.topic).or_default().push(d);
    }
    let wanted = [
        "HUMAN_PART_PER",
        "HUMAN_PART_ORG",
        "HUMAN_PART_GPE",
        "LOC_GEO",
    ];
    let (mut gold_all, mut found_all) = (0usize, 0usize);
    let (mut ours, mut singles, mut within) =
        (Score::default(), Score::default(), Score::default());
    let mut n_docs = 0;
    for (_, mut tdocs) in by_topic {
        tdocs.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        let mut known = Known::default();
        let mut key: Vec<usize> = Vec::new();
        let mut resp: Vec<usize> = Vec::new();
        let mut resp_within: Vec<usize> = Vec::new();
        let mut chain_ids: HashMap<String, usize> = HashMap::new();
        let mut within_offset = 0usize;
        for d in &tdocs {
            n_docs += 1;
            let mut doc = Document::from_text(d.doc_id.clone(), d.text.clone());
            segment::Segmenter.run(&mut doc);
            entities::EntitiesStage.run(&mut doc);
            let ids = known.add(&doc, true);
            // ECB+ "ecbplus" documents omit their URL sentence 0 from `text`; ecb ones keep 0.
            for m in &d.mentions {
                if !wanted.contains(&m.kind.as_str()) || !d.coref_sentences.contains(&m.sentence) {
                    continue;
                }
                let Some(&(cs, ce)) = m.char_spans.first() else {
                    continue;
                };
                let (gs, ge) = (char_to_byte(&d.text, cs), char_to_byte(&d.text, ce));
                gold_all += 1;
                let hit = doc.entity_mentions.iter().find(|p| {
                    let (ps, pe) = (p.span.start(), p.span.end());
                    ps < ge && gs < pe && ((gs <= ps && pe <= ge) || (ps <= gs && ge <= pe))
                });
                let Some(hit) = hit else { continue };
                let Some(e) = hit.entity else { continue };
                found_all += 1;
                let chain = m
                    .coref_chain
                    .clone()
                    .unwrap_or_else(|| format!("single-{}-{}", d.doc_id, m.m_id));
                let next = chain_ids.len();
                key.push(*chain_ids.entry(chain).or_insert(next));
                resp.push(ids.get(e).copied().unwrap_or(-1) as usize);
                resp_within.push(within_offset + e);
            }
            within_offset += doc.entities.len() + 1;
        }
        let alone: Vec<usize> = (0..key.len()).collect();
        ours.add(&key, &resp);
        singles.add(&key, &alone);
        within.add(&key, &resp_within);
    }
    println!(
        "ECB+ test topics: {n_docs} documents, {gold_all} gold entity mentions in annotated sentences, {found_all} found by our tagger (mention recall {:.3})",
        found_all as f64 / gold_all.max(1) as f64
    );
    let (b3, ceaf) = singles.report();
    println!("  baseline, every mention alone:   B3 F1 {b3:.3}  CEAF-e F1 {ceaf:.3}");
    let (b3, ceaf) = within.report();
    println!("  within-document entities only:   B3 F1 {b3:.3}  CEAF-e F1 {ceaf:.3}");
    let (b3, ceaf) = ours.report();
    println!("  ours, incremental cross-document: B3 F1 {b3:.3}  CEAF-e F1 {ceaf:.3}");
    println!(
        "F1 {:.3} (ECB+ test, mean of B3 and CEAF-e on found mentions)",
        (b3 + ceaf) / 2.0
    );
    Ok(())
}
