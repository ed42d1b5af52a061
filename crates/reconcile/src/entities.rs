//! Cross-document entity resolution, incremental: the store calls [`candidate_keys`] to index
//! entities and [`match_entities`] to decide which known entity each of a new document's
//! entities is. Nothing is recomputed for documents already stored.
//!
//! Names are compared as sets of normalised tokens (case, hyphens and diacritics folded via
//! deunicode), so order swaps ("Song Min Ho" / "Min Ho Song") and hyphenation
//! ("Kim Jong-un" / "Kim Jong Un", "Ji-woo" / "Jiwoo") match. A long token may differ
//! by one edit ("Kovalenkiy" / "Kovalenky"); short ones must be equal, so "Seok" and "Sok", "Ri"
//! and "Ryu" stay apart. A document entity known only by one name token ("Kim") joins a known
//! entity only when exactly one candidate of its type carries that token and the document's
//! mentions are not all page furniture (a byline's "Kim" never merges by surname alone). Places
//! and organisations also match through alias groups ("U.S." / "United States") and acronyms.

use document::{Document, Entity, EntityType};

/// An entity the store already knows.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownEntity {
    pub id: i64,
    pub name: String,
    pub label: EntityType,
    pub aliases: Vec<String>,
}

/// Normalised name tokens: deunicoded, lower case, split on anything not a letter or digit,
/// without a leading "the" or a trailing possessive "s".
pub fn tokens(name: &str) -> Vec<String> {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut t: Vec<String> =
        folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect();
    if t.len() > 1 && t[0] == "the" {
        t.remove(0);
    }
    if t.len() > 1 && t.last().is_some_and(|s| s == "s") {
        t.pop();
    }
    t
}

/// The sorted token sets a form may stand for: as written, and with each pair of neighbouring
/// tokens joined ("seong hyeon" = "seonghyeon").
fn variants(toks: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut base = toks.to_vec();
    base.sort();
    out.push(base);
    for i in 0..toks.len().saturating_sub(1) {
        let mut v: Vec<String> = toks[..i].to_vec();
        v.push(format!("{}{}", toks[i], toks[i + 1]));
        v.extend_from_slice(&toks[i + 2..]);
        v.sort();
        out.push(v);
    }
    out
}

/// Blocking keys: the store looks up known entities sharing any key with a new one.
/// Keys: the sorted token set of each form, each form's joined tokens, and each distinctive token.
pub fn candidate_keys(entity: &Entity) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for form in std::iter::once(&entity.name).chain(&entity.aliases) {
        let t = tokens(form);
        if t.is_empty() {
            continue;
        }
        let mut sorted = t.clone();
        sorted.sort();
        add(format!("n:{}", sorted.join(" ")));
        add(format!("j:{}", t.concat()));
        for tok in &t {
            if tok.len() >= 2 && !STOP.contains(&tok.as_str()) {
                add(format!("t:{tok}"));
            }
        }
        if let Some(a) = acronym(&t) {
            add(format!("j:{a}"));
        }
    }
    keys
}

const STOP: &[&str] = &["of", "and", "for", "de", "la", "le", "al", "el", "du", "von", "van", "der", "bin", "ibn"];

fn acronym(t: &[String]) -> Option<String> {
    let content: Vec<&String> = t.iter().filter(|x| !STOP.contains(&x.as_str()) && x.as_str() != "the").collect();
    (content.len() >= 2).then(|| content.iter().filter_map(|x| x.chars().next()).collect())
}

/// Whether two tokens are the same name: equal, or both long (6+ letters) and one edit apart.
fn same_token(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 6 && b.len() >= 6 && a.as_bytes()[0] == b.as_bytes()[0] && strsim::levenshtein(a, b) <= 1)
}

/// Whether two sorted token sets are the same name, allowing one near-miss long token.
fn same_set(a: &[String], b: &[String], fuzzy_ok: bool) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let mut used = vec![false; b.len()];
    let mut fuzzy = 0;
    for x in a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && b[j] == *x) {
            used[j] = true;
        } else if let Some(j) = (0..b.len()).find(|&j| fuzzy_ok && !used[j] && same_token(x, &b[j])) {
            used[j] = true;
            fuzzy += 1;
        } else {
            return false;
        }
    }
    fuzzy <= 1
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || matches!((a, b), (EntityType::Org | EntityType::Gpe, EntityType::Org | EntityType::Gpe))
}

struct Forms {
    /// Token lists of each form.
    toks: Vec<Vec<String>>,
    /// All tokens.
    all: Vec<String>,
}

fn forms<'a>(names: impl Iterator<Item = &'a String>) -> Forms {
    let toks: Vec<Vec<String>> = names.map(|n| tokens(n)).filter(|t| !t.is_empty()).collect();
    let mut all: Vec<String> = toks.iter().flatten().cloned().collect();
    all.sort();
    all.dedup();
    Forms { toks, all }
}

/// How strongly a document entity matches a known one: 3 a full form, 2 a fuller or shorter
/// multi-token form, 1 a lone name token, 0 not at all.
fn score(e: &Entity, ef: &Forms, k: &KnownEntity, kf: &Forms, furniture_only: bool) -> u8 {
    if !compatible(e.label, k.label) {
        return 0;
    }
    let person = e.label == EntityType::Person;
    // Same full form (token set, allowing joined neighbours and one near-miss long token).
    for a in &ef.toks {
        for b in &kf.toks {
            // A one-token person form equal to a one-token known form is not enough.
            if person && a.len() < 2 && b.len() < 2 {
                continue;
            }
            let (va, vb) = (variants(a), variants(b));
            // Near-miss tokens only between forms as written (a joined "paksun" is not a name).
            if same_set(&va[0], &vb[0], true) || va.iter().any(|x| vb.iter().any(|y| same_set(x, y, false))) {
                return 3;
            }
        }
    }
    if !person {
        // Acronyms: "NIS" ↔ "National Intelligence Service".
        let ea: Vec<String> = ef.toks.iter().filter_map(|t| acronym(t)).collect();
        let ka: Vec<String> = kf.toks.iter().filter_map(|t| acronym(t)).collect();
        // A one-token form, or a dotted one ("U.S." → "us").
        let one = |t: &Vec<String>| (t.len() == 1 || t.iter().all(|x| x.len() == 1)).then(|| t.concat());
        if ef.toks.iter().filter_map(one).any(|x| ka.contains(&x)) || kf.toks.iter().filter_map(one).any(|x| ea.contains(&x)) {
            return 2;
        }
        return 0;
    }
    // People: the longest form of each.
    let longest = |f: &Forms| f.toks.iter().max_by_key(|t| t.len()).cloned().unwrap_or_default();
    let el = longest(ef);
    let kl = longest(kf);
    let shared = el.iter().filter(|t| kl.iter().any(|u| same_token(t, u))).count();
    if el.len() >= 2 && kl.len() >= 2 && shared >= 2 && (shared == el.len() || shared == kl.len()) {
        return 2;
    }
    // A lone token ("Kim"): only from article text.
    if el.len() == 1 && !furniture_only && kf.all.contains(&el[0]) && el[0].len() >= 2 {
        return 1;
    }
    0
}

/// For each entity of `doc` (same order as `doc.entities`), the id of the known entity it is,
/// or `None` for a new one. `candidates` are the known entities sharing a key with any of them.
pub fn match_entities(doc: &Document, candidates: &[KnownEntity]) -> Vec<Option<i64>> {
    let known: Vec<Forms> = candidates.iter().map(|k| forms(std::iter::once(&k.name).chain(&k.aliases))).collect();
    doc.entities
        .iter()
        .enumerate()
        .map(|(idx, e)| {
            let ef = forms(std::iter::once(&e.name).chain(&e.aliases));
            let mut mentions = doc.entity_mentions.iter().filter(|m| m.entity == Some(idx)).peekable();
            let furniture_only = mentions.peek().is_some() && mentions.all(|m| doc.is_boilerplate(m.span));
            let scored: Vec<(u8, usize)> = candidates
                .iter()
                .zip(&known)
                .enumerate()
                .map(|(i, (k, kf))| (score(e, &ef, k, kf, furniture_only), i))
                .filter(|s| s.0 > 0)
                .collect();
            let top = scored.iter().map(|s| s.0).max()?;
            let best: Vec<usize> = scored.iter().filter(|s| s.0 == top).map(|s| s.1).collect();
            match best.as_slice() {
                [one] => Some(candidates[*one].id),
                // Several equally good full matches: the one with the most shared forms.
                [first, ..] if top >= 2 => {
                    let pick = best
                        .iter()
                        .copied()
                        .max_by_key(|&i| (known[i].all.iter().filter(|t| ef.all.contains(t)).count(), std::cmp::Reverse(i)))
                        .unwrap_or(*first);
                    Some(candidates[pick].id)
                }
                // An ambiguous lone surname stays apart.
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(name: &str, label: EntityType, aliases: &[&str]) -> Entity {
        Entity { name: name.into(), label, aliases: aliases.iter().map(|s| s.to_string()).collect(), roles: vec![] }
    }
    fn known(id: i64, name: &str, label: EntityType, aliases: &[&str]) -> KnownEntity {
        KnownEntity { id, name: name.into(), label, aliases: aliases.iter().map(|s| s.to_string()).collect() }
    }
    fn decide(e: Entity, ks: &[KnownEntity]) -> Option<i64> {
        let mut doc = Document::from_text("t", "x");
        doc.entities.push(e);
        match_entities(&doc, ks)[0]
    }

    #[test]
    fn merges_and_keeps_apart() {
        let p = EntityType::Person;
        let ks = vec![
            known(1, "Kim Jong Un", p, &["Kim"]),
            known(2, "Minjun Kim", p, &[]),
            known(3, "Song Min Ho", p, &[]),
            known(4, "Seok Sun", p, &["Seok"]),
            known(5, "Ri Il", p, &["Ri"]),
            known(6, "Oleksandr Kovalenkiy", p, &["Kovalenkiy"]),
            known(7, "United States", EntityType::Gpe, &["U.S."]),
            known(8, "Han Ji-woo", p, &[]),
        ];
        assert_eq!(decide(ent("Kim Jong-un", p, &["Kim"]), &ks), Some(1));
        assert_eq!(decide(ent("Min Ho Song", p, &[]), &ks), Some(3));
        assert_eq!(decide(ent("Sok", p, &[]), &ks), None);
        assert_eq!(decide(ent("Ryu Il", p, &[]), &ks), None, "Ri and Ryu are different people");
        assert_eq!(decide(ent("Seok Sun", p, &[]), &ks), Some(4));
        assert_eq!(decide(ent("Sok Sun", p, &[]), &ks), None);
        assert_eq!(decide(ent("Kim", p, &[]), &ks), None, "two Kims: ambiguous");
        assert_eq!(decide(ent("Oleksandr Kovalenky", p, &[]), &ks), Some(6));
        assert_eq!(decide(ent("U.S.", EntityType::Gpe, &[]), &ks), Some(7));
        assert_eq!(decide(ent("Han Jiwoo", p, &[]), &ks), Some(8));
        assert_eq!(decide(ent("Kim Yo Jong", p, &[]), &ks), None);
    }

    #[test]
    fn keys_overlap_for_variants() {
        let a = candidate_keys(&ent("Kim Jong Un", EntityType::Person, &[]));
        let b = candidate_keys(&ent("Kim Jong-un", EntityType::Person, &[]));
        assert!(a.iter().any(|k| b.contains(k)));
        let c = candidate_keys(&ent("Min Ho Song", EntityType::Person, &[]));
        let d = candidate_keys(&ent("Song Min Ho", EntityType::Person, &[]));
        assert!(c.iter().any(|k| d.contains(k) && k.starts_with("n:")));
    }
}
