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
    let mut t: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if t.len() > 1 && t[0] == "the" {
        t.remove(0);
    }
    // A possessive "'s" (not the last letter of a dotted "U.S.").
    if t.len() > 1 && t.last().is_some_and(|s| s == "s") && folded.trim_end().ends_with("'s") {
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
        if let Some(g) = alias_group(form) {
            add(format!("g:{g}"));
        }
    }
    keys
}

const STOP: &[&str] = &[
    "of", "and", "for", "de", "la", "le", "al", "el", "du", "von", "van", "der", "bin", "ibn",
];

fn acronym(t: &[String]) -> Option<String> {
    let content: Vec<&String> = t
        .iter()
        .filter(|x| !STOP.contains(&x.as_str()) && x.as_str() != "the")
        .collect();
    (content.len() >= 2).then(|| content.iter().filter_map(|x| x.chars().next()).collect())
}

/// Whether two tokens are the same name: equal, or both long (6+ letters) and one edit apart.
fn same_token(a: &str, b: &str) -> bool {
    a == b
        || (a.len() >= 6
            && b.len() >= 6
            && a.as_bytes()[0] == b.as_bytes()[0]
            && strsim::levenshtein(a, b) <= 1)
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
        } else if let Some(j) = (0..b.len()).find(|&j| fuzzy_ok && !used[j] && same_token(x, &b[j]))
        {
            used[j] = true;
            fuzzy += 1;
        } else {
            return false;
        }
    }
    fuzzy <= 1
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b
        || matches!(
            (a, b),
            (
                EntityType::Org | EntityType::Gpe,
                EntityType::Org | EntityType::Gpe
            )
        )
}

/// A name's forms, normalised once: every comparison [`match_entities`] makes reads these, so
/// nothing is re-tokenised or re-allocated per candidate pair. Make one per document entity
/// ([`NameForms::of_entity`]) and one per known entity ([`NameForms::of_known`]); the store keeps
/// the known entities' between documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameForms {
    /// Token lists of each form (forms without tokens left out).
    toks: Vec<Vec<String>>,
    /// For each form, [`variants`] of its tokens: the sorted set as written first.
    variants: Vec<Vec<Vec<String>>>,
    /// All tokens, sorted and distinct.
    all: Vec<String>,
    /// The acronym of each form that has one.
    acronyms: Vec<String>,
    /// The alias groups of the lexicon its forms belong to ("US" and "United States" share one).
    groups: Vec<u32>,
    /// The joined tokens of each one-token or dotted ("U.S." → "us") form.
    ones: Vec<String>,
    /// The form with the most tokens ([`longest`]).
    longest: Vec<String>,
    /// Hashes of every string a match could be made through (tokens, neighbouring tokens
    /// joined, acronyms, one-token forms), sorted and distinct: two names sharing none of them
    /// and no near-miss long tokens cannot match, which lets most candidate pairs be skipped.
    signature: Vec<u64>,
    /// First letter and length of each long token (near misses need both about equal).
    long: Vec<(u8, usize)>,
}

/// The form with the most tokens; of equally long ones the last, as `Iterator::max_by_key` picks.
fn longest(toks: &[Vec<String>]) -> Vec<String> {
    toks.iter()
        .max_by_key(|t| t.len())
        .cloned()
        .unwrap_or_default()
}

impl NameForms {
    fn of_names<'a>(names: impl Iterator<Item = &'a String>) -> NameForms {
        let names: Vec<&String> = names.collect();
        let toks: Vec<Vec<String>> = names
            .iter()
            .map(|n| tokens(n))
            .filter(|t| !t.is_empty())
            .collect();
        let mut all: Vec<String> = toks.iter().flatten().cloned().collect();
        all.sort();
        all.dedup();
        let variants = toks.iter().map(|t| variants(t)).collect();
        let acronyms: Vec<String> = toks.iter().filter_map(|t| acronym(t)).collect();
        let mut groups: Vec<u32> = names.iter().filter_map(|n| alias_group(n)).collect();
        groups.sort_unstable();
        groups.dedup();
        let ones: Vec<String> = toks
            .iter()
            .filter(|t| t.len() == 1 || t.iter().all(|x| x.len() == 1))
            .map(|t| t.concat())
            .collect();
        let longest = longest(&toks);
        let mut signature: Vec<u64> = toks
            .iter()
            .flat_map(|t| t.iter().cloned().chain(t.windows(2).map(|w| w.concat())))
            .chain(acronyms.iter().cloned())
            .chain(ones.iter().cloned())
            .chain(groups.iter().map(|g| format!("group\t{g}")))
            .map(|s| hash(&s))
            .collect();
        signature.sort_unstable();
        signature.dedup();
        let mut long: Vec<(u8, usize)> = all
            .iter()
            .filter(|t| t.len() >= 6)
            .map(|t| (t.as_bytes()[0], t.len()))
            .collect();
        long.sort_unstable();
        long.dedup();
        NameForms {
            toks,
            variants,
            all,
            acronyms,
            groups,
            ones,
            longest,
            signature,
            long,
        }
    }

    /// The forms of a document entity: its name and aliases.
    pub fn of_entity(e: &Entity) -> NameForms {
        NameForms::of_names(std::iter::once(&e.name).chain(&e.aliases))
    }

    /// The forms of a known entity: its name and aliases.
    pub fn of_known(k: &KnownEntity) -> NameForms {
        NameForms::of_names(std::iter::once(&k.name).chain(&k.aliases))
    }
}

/// The lexicon's alias group of a name, if it is one of a group's names.
fn alias_group(name: &str) -> Option<u32> {
    entities::lexicon::lexicon().alias_group(name)
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Whether two names might match: they share a signature string (or a hash collision), or have
/// long tokens that could be one edit apart. `false` means [`score`] would be 0.
fn may_match(a: &NameForms, b: &NameForms) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.signature.len() && j < b.signature.len() {
        match a.signature[i].cmp(&b.signature[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    a.long
        .iter()
        .any(|(c, n)| b.long.iter().any(|(d, m)| c == d && n.abs_diff(*m) <= 1))
}

/// A document entity ready to be matched: its type, its forms, and whether all its mentions are
/// page furniture (a lone furniture surname never merges).
#[derive(Clone, Debug)]
pub struct PreparedEntity {
    pub label: EntityType,
    pub forms: NameForms,
    pub furniture_only: bool,
}

impl PreparedEntity {
    pub fn new(e: &Entity, furniture_only: bool) -> PreparedEntity {
        PreparedEntity {
            label: e.label,
            forms: NameForms::of_entity(e),
            furniture_only,
        }
    }
}

/// For each of `n_entities` entities, whether it has mentions in `doc` and all of them are
/// furniture. Mentions are linked through `EntityMention::entity`.
pub fn furniture_only(doc: &Document, n_entities: usize) -> Vec<bool> {
    // (has a mention, every mention so far is furniture)
    let mut seen = vec![(false, true); n_entities];
    for m in &doc.entity_mentions {
        if let Some(slot) = m.entity.and_then(|idx| seen.get_mut(idx)) {
            slot.0 = true;
            if slot.1 && !doc.is_boilerplate(m.span) {
                slot.1 = false;
            }
        }
    }
    seen.into_iter().map(|(any, all)| any && all).collect()
}

/// A known entity ready to be matched.
#[derive(Clone, Debug)]
pub struct PreparedKnown {
    pub id: i64,
    pub label: EntityType,
    pub forms: NameForms,
}

impl AsRef<PreparedKnown> for PreparedKnown {
    fn as_ref(&self) -> &PreparedKnown {
        self
    }
}

impl PreparedKnown {
    pub fn new(k: &KnownEntity) -> PreparedKnown {
        PreparedKnown {
            id: k.id,
            label: k.label,
            forms: NameForms::of_known(k),
        }
    }
}

/// How strongly a document entity matches a known one: 3 a full form, 2 a fuller or shorter
/// multi-token form, 1 a lone name token, 0 not at all.
fn score(e: &PreparedEntity, k: &PreparedKnown) -> u8 {
    if !compatible(e.label, k.label) {
        return 0;
    }
    // Every way of scoring above 0 needs a shared token, joined pair, acronym or one-token
    // form, or a near-miss long token: names with none of these are skipped unscored.
    if !may_match(&e.forms, &k.forms) {
        return 0;
    }
    score_unfiltered(e, k)
}

/// [`score`] without the quick rejection.
fn score_unfiltered(e: &PreparedEntity, k: &PreparedKnown) -> u8 {
    if !compatible(e.label, k.label) {
        return 0;
    }
    let (ef, kf) = (&e.forms, &k.forms);
    // Two names of one alias group ("U.S." / "United States", "EU" / "European Union").
    if e.label != EntityType::Person && ef.groups.iter().any(|g| kf.groups.contains(g)) {
        return 3;
    }
    let person = e.label == EntityType::Person;
    // Same full form (token set, allowing joined neighbours and one near-miss long token).
    for (a, va) in ef.toks.iter().zip(&ef.variants) {
        for (b, vb) in kf.toks.iter().zip(&kf.variants) {
            // A one-token person form equal to a one-token known form is not enough.
            if person && a.len() < 2 && b.len() < 2 {
                continue;
            }
            // Near-miss tokens only between forms as written (a joined "paksun" is not a name).
            // Without near misses, two sorted token lists are the same set when they are equal.
            if same_set(&va[0], &vb[0], true)
                || va
                    .iter()
                    .any(|x| vb.iter().any(|y| !x.is_empty() && x == y))
            {
                return 3;
            }
        }
    }
    if !person {
        // Acronyms: "NIS" ↔ "National Intelligence Service"; a one-token form, or a dotted one
        // ("U.S." → "us"). Only between entities of the same type, and a two-letter acronym only
        // between places: initials that short are shared by too many names ("US" would take in
        // every "University of S…" and "UK Sport"), and once merged, a wrong long form would
        // draw in more.
        let same_type = e.label == k.label;
        let acronym_ok = |x: &String| same_type && (x.len() >= 3 || e.label == EntityType::Gpe);
        if ef
            .ones
            .iter()
            .any(|x| acronym_ok(x) && kf.acronyms.contains(x))
            || kf
                .ones
                .iter()
                .any(|x| acronym_ok(x) && ef.acronyms.contains(x))
        {
            return 2;
        }
        return 0;
    }
    // People: the longest form of each.
    let (el, kl) = (&ef.longest, &kf.longest);
    let shared = el
        .iter()
        .filter(|t| kl.iter().any(|u| same_token(t, u)))
        .count();
    if el.len() >= 2 && kl.len() >= 2 && shared >= 2 && (shared == el.len() || shared == kl.len()) {
        return 2;
    }
    // A lone token ("Kim"): only from article text.
    if el.len() == 1 && !e.furniture_only && kf.all.contains(&el[0]) && el[0].len() >= 2 {
        return 1;
    }
    0
}

/// For each entity of `doc` (same order as `doc.entities`), the id of the known entity it is,
/// or `None` for a new one. `candidates` are the known entities sharing a key with any of them.
pub fn match_entities(doc: &Document, candidates: &[KnownEntity]) -> Vec<Option<i64>> {
    let furniture = furniture_only(doc, doc.entities.len());
    let entities: Vec<PreparedEntity> = doc
        .entities
        .iter()
        .zip(furniture)
        .map(|(e, furniture_only)| PreparedEntity::new(e, furniture_only))
        .collect();
    let known: Vec<PreparedKnown> = candidates.iter().map(PreparedKnown::new).collect();
    match_prepared(&entities, &known)
}

/// [`match_entities`] on forms made beforehand: the same decisions, for each of `entities`.
/// `candidates` in a fixed order (the store's: by id); of equally good matches sharing as many
/// tokens the first is taken.
pub fn match_prepared<K: AsRef<PreparedKnown>>(
    entities: &[PreparedEntity],
    candidates: &[K],
) -> Vec<Option<i64>> {
    let candidates: Vec<&PreparedKnown> = candidates.iter().map(AsRef::as_ref).collect();
    entities
        .iter()
        .map(|e| {
            let scored: Vec<(u8, usize)> = candidates
                .iter()
                .enumerate()
                .map(|(i, k)| (score(e, k), i))
                .filter(|s| s.0 > 0)
                .collect();
            let top = scored.iter().map(|s| s.0).max()?;
            let best: Vec<usize> = scored.iter().filter(|s| s.0 == top).map(|s| s.1).collect();
            match best.as_slice() {
                [one] => Some(candidates[*one].id),
                // Several equally good full matches: the one with the most shared forms.
                [first, ..] if top >= 2 => {
                    let shared = |i: usize| {
                        candidates[i]
                            .forms
                            .all
                            .iter()
                            .filter(|t| e.forms.all.contains(t))
                            .count()
                    };
                    let pick = best
                        .iter()
                        .copied()
                        .max_by_key(|&i| (shared(i), std::cmp::Reverse(i)))
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
        Entity {
            name: name.into(),
            label,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            roles: vec![],
        }
    }
    fn known(id: i64, name: &str, label: EntityType, aliases: &[&str]) -> KnownEntity {
        KnownEntity {
            id,
            name: name.into(),
            label,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
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
        assert_eq!(
            decide(ent("Ryu Il", p, &[]), &ks),
            None,
            "Ri and Ryu are different people"
        );
        assert_eq!(decide(ent("Seok Sun", p, &[]), &ks), Some(4));
        assert_eq!(decide(ent("Sok Sun", p, &[]), &ks), None);
        assert_eq!(decide(ent("Kim", p, &[]), &ks), None, "two Kims: ambiguous");
        assert_eq!(decide(ent("Oleksandr Kovalenky", p, &[]), &ks), Some(6));
        assert_eq!(decide(ent("U.S.", EntityType::Gpe, &[]), &ks), Some(7));
        assert_eq!(decide(ent("Han Jiwoo", p, &[]), &ks), Some(8));
        assert_eq!(decide(ent("Kim Yo Jong", p, &[]), &ks), None);
    }

    #[test]
    fn acronyms_need_the_same_type_and_two_letters_only_for_places() {
        let (org, gpe) = (EntityType::Org, EntityType::Gpe);
        let ks = vec![
            known(1, "United States", gpe, &[]),
            known(2, "University of Sandmoor", org, &[]),
            known(3, "Eastfield University", org, &[]),
            known(4, "National Security Office", org, &[]),
        ];
        assert_eq!(decide(ent("US", gpe, &[]), &ks), Some(1));
        assert_eq!(decide(ent("U.S.", gpe, &[]), &ks), Some(1));
        assert_eq!(
            decide(ent("US", org, &[]), &ks),
            Some(1),
            "an alias group, whatever the tagger's type"
        );
        assert_eq!(
            decide(ent("US", org, &[]), &ks[1..]),
            None,
            "two letters, not a place: not 'University of Sandmoor'"
        );
        assert_eq!(
            decide(ent("EU", org, &[]), &ks),
            None,
            "two letters, not a place"
        );
        assert_eq!(decide(ent("NSO", org, &[]), &ks), Some(4));
        assert_eq!(decide(ent("NSO", gpe, &[]), &ks), None, "different types");
        // Two-letter names of organisations join through the lexicon's alias groups.
        let unions = vec![
            known(10, "Eastfield University", org, &[]),
            known(11, "European Union", org, &[]),
        ];
        assert_eq!(decide(ent("EU", org, &[]), &unions), Some(11));
        assert_eq!(decide(ent("E.U.", gpe, &[]), &unions), Some(11));
        let places = vec![
            known(5, "Upper Silesia", gpe, &[]),
            known(6, "Ulm Sport", org, &["US"]),
        ];
        assert_eq!(decide(ent("UKS Securities", org, &[]), &places), None);
    }

    /// The quick rejection in `score` only skips pairs that would score 0.
    #[test]
    fn skipped_pairs_would_not_match() {
        let names = [
            "Kim Jong Un",
            "Kim Jong-un",
            "Kim",
            "Minjun Kim",
            "Song Min Ho",
            "Min Ho Song",
            "Seok Sun",
            "Sok Sun",
            "Ri Il",
            "Ryu Il",
            "Oleksandr Kovalenkiy",
            "Oleksandr Kovalenky",
            "Kovalenkiy",
            "Kovalenky",
            "Oleksandar Kovalenky",
            "United States",
            "U.S.",
            "US",
            "Han Ji-woo",
            "Han Jiwoo",
            "Jiwoo Han",
            "National Intelligence Service",
            "NIS",
            "The Ministry of Defence",
            "MoD",
            "Ministry of Defense",
            "Seonghyeon",
            "Seong Hyeon",
            "Paksun",
            "Pak Sun",
            "Pyongyang's",
            "Pyongyang",
            "Microsofts",
            "Microsoft",
            "Ana de la Cruz",
            "Ana Cruz",
            "Jean-Luc Picard",
            "Picard",
            "Jeanluc",
        ];
        let labels = [EntityType::Person, EntityType::Org, EntityType::Gpe];
        let mut checked = 0;
        for (i, a) in names.iter().enumerate() {
            for b in &names {
                for la in labels {
                    for lb in labels {
                        for furniture_only in [false, true] {
                            let e = PreparedEntity::new(
                                &ent(a, la, &[names[(i + 1) % names.len()]]),
                                furniture_only,
                            );
                            let k = PreparedKnown::new(&known(1, b, lb, &[]));
                            let full = score_unfiltered(&e, &k);
                            assert_eq!(score(&e, &k), full, "{a:?} ({la:?}) vs {b:?} ({lb:?})");
                            if !may_match(&e.forms, &k.forms) {
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(
            checked > 1000,
            "the quick rejection was used only {checked} times"
        );
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
