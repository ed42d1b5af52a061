//! Within-document coreference of names: groups a document's entity mentions into entities.
//!
//! People: a mention joins an earlier entity when their name tokens (case, hyphens and
//! diacritics normalised) are the same set ("Kim Jong Un" = "Kim Jong-un" = "KIM JONG UN",
//! "Song Min Ho" = "Min Ho Song") or the mention's tokens are a subset of the entity's
//! (a later bare "Kim", "Kovalenkiy"), taking the most recently mentioned entity when several fit.
//! A partial match never crosses between boilerplate (bylines, captions) and article text, so a
//! reporter's byline "Minjun Kim" stays apart from "Kim" in the story. Other types join on the
//! same normalised name, a shared alias group ("U.S." = "United States"), or an acronym ("NIS").
//! It does not resolve pronouns or descriptions ("the mother").

use document::{Entity, EntityType};

use std::hash::BuildHasherDefault;

use crate::lexicon::{exact_hash, lexicon, IdHasher};

/// A mention as coref sees it.
pub struct MentionIn<'a> {
    pub text: &'a str,
    pub label: EntityType,
    /// In page furniture (byline, caption, …).
    pub boilerplate: bool,
    /// Title or role words found around the mention ("president", "former sergeant").
    pub roles: &'a [String],
}

/// Lower-cased ASCII name tokens: diacritics folded, split on anything not a letter or digit.
pub fn name_tokens(text: &str) -> Vec<String> {
    let folded = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_lowercase()
    };
    let mut toks: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    // A possessive left on the mention ("Kim's") and a leading article.
    if toks.len() > 1
        && toks.last().is_some_and(|t| t == "s")
        && text.ends_with('s')
        && !text.ends_with("ss")
    {
        let raw = text.trim_end_matches('s');
        if raw.ends_with('\'') || raw.ends_with('’') {
            toks.pop();
        }
    }
    if toks.len() > 1 && toks[0] == "the" {
        toks.remove(0);
    }
    toks
}

/// The acronym of a multi-word name ("National Intelligence Service" → "nis"), if it has one.
pub fn acronym(tokens: &[String]) -> Option<String> {
    let content: Vec<&String> = tokens
        .iter()
        .filter(|t| !matches!(t.as_str(), "of" | "the" | "and" | "for" | "de"))
        .collect();
    (content.len() >= 2).then(|| content.iter().filter_map(|t| t.chars().next()).collect())
}

struct Cluster {
    label_votes: Vec<(EntityType, usize)>,
    /// Union of the name tokens of its mentions (interned ids, each once).
    tokens: Vec<u32>,
    /// Joined tokens of each distinct full form (interned ids).
    forms: Vec<u32>,
    /// Whether some form is at most six bytes long.
    short_form: bool,
    alias_groups: Vec<u32>,
    acronyms: Vec<u32>,
    boilerplate_only: bool,
    last_seen: usize,
    members: Vec<usize>,
}

/// What coref needs of one distinct mention text, with strings interned as ids so the
/// comparisons with every cluster are integer comparisons.
struct NameInfo {
    /// Name tokens, in order (ids).
    toks: Vec<u32>,
    /// The tokens, each once, in order of first occurrence.
    uniq: Vec<u32>,
    /// Some token is longer than one byte.
    long_token: bool,
    joined: u32,
    joined_len: usize,
    group: Option<u32>,
    /// The acronym (id) and its length in bytes.
    acr: Option<(u32, usize)>,
    upper_short: bool,
}

/// Interns strings as dense ids: the same string always gets the same id. Strings are found by
/// their FNV hash and compared in full, so ids are equal exactly when the strings are.
#[derive(Default)]
struct Interner {
    /// Hash → id of the first string seen with that hash.
    ids: IdMap<u32>,
    strings: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        let h = exact_hash(&s);
        if let Some(&k) = self.ids.get(&h) {
            if self.strings[k as usize] == s {
                return k;
            }
            // Two strings with one hash: find it the slow way.
            if let Some(k) = self.strings.iter().position(|x| *x == s) {
                return k as u32;
            }
        }
        let k = self.strings.len() as u32;
        self.ids.entry(h).or_insert(k);
        self.strings.push(s);
        k
    }
}

type IdMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdHasher>>;

impl NameInfo {
    fn of(text: &str, strings: &mut Interner) -> NameInfo {
        let toks = name_tokens(text);
        let joined: String = toks.concat();
        let joined_len = joined.len();
        let acr = acronym(&toks).map(|a| {
            let len = a.len();
            (strings.id(a), len)
        });
        let long_token = toks.iter().any(|t| t.len() > 1);
        let ids: Vec<u32> = toks.into_iter().map(|t| strings.id(t)).collect();
        let mut uniq: Vec<u32> = Vec::with_capacity(ids.len());
        for &t in &ids {
            if !uniq.contains(&t) {
                uniq.push(t);
            }
        }
        NameInfo {
            toks: ids,
            uniq,
            long_token,
            joined: strings.id(joined),
            joined_len,
            group: lexicon().alias_group(text),
            acr,
            upper_short: text.len() >= 2
                && text.chars().all(|c| c.is_ascii_uppercase() || c == '.'),
        }
    }
}

fn same_zone(c: &Cluster, m: &MentionIn) -> bool {
    c.boilerplate_only == m.boilerplate
}

fn is_person(l: EntityType) -> bool {
    l == EntityType::Person
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

/// Groups mentions into entities. Returns the entities and, for each mention, its entity index.
/// Each distinct mention text is tokenised and looked up once per call; tokens, forms and
/// acronyms are compared as interned ids.
pub fn resolve(mentions: &[MentionIn]) -> (Vec<Entity>, Vec<usize>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assign = Vec::with_capacity(mentions.len());
    let mut strings = Interner::default();
    let mut infos: Vec<NameInfo> = Vec::new();
    // Exact hash of a mention text → index in `infos` (with the text, to compare in full).
    let mut by_text: IdMap<usize> = IdMap::default();
    let mut texts: Vec<&str> = Vec::new();
    // Name token count of each mention (for choosing an entity's name).
    let mut token_counts = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let h = exact_hash(m.text);
        let known = match by_text.get(&h) {
            Some(&k) if texts[k] == m.text => Some(k),
            // Two texts with one hash: find it the slow way.
            Some(_) => texts.iter().position(|t| *t == m.text),
            None => None,
        };
        let info = match known {
            Some(k) => &infos[k],
            None => {
                infos.push(NameInfo::of(m.text, &mut strings));
                texts.push(m.text);
                by_text.entry(h).or_insert(infos.len() - 1);
                &infos[infos.len() - 1]
            }
        };
        let toks = &info.toks;
        let joined = info.joined;
        let group = info.group;
        token_counts.push(toks.len());
        let mut found: Option<usize> = None;
        let mut best_seen = 0usize;
        for (k, c) in clusters.iter().enumerate() {
            let label = c.label_votes[0].0;
            let lone_into_person = is_person(label)
                && toks.len() == 1
                && m.label != EntityType::Norp
                && c.tokens.len() > 1;
            let exact = c.forms.contains(&joined);
            let same_form = exact && m.label != EntityType::Norp && label != EntityType::Norp;
            if !compatible(label, m.label) && !lone_into_person && !same_form {
                continue;
            }
            let alias = group.is_some_and(|g| c.alias_groups.contains(&g));
            // Acronyms only between mentions of one type, and two-letter ones only between places:
            // "US" is not "UBS Securities" or "University of St Andrews".
            let acronym_ok =
                |len: usize| label == m.label && (len >= 3 || m.label == EntityType::Gpe);
            let by_acronym =
                info.upper_short && acronym_ok(info.joined_len) && c.acronyms.contains(&joined)
                    || info.acr.is_some_and(|(a, len)| {
                        acronym_ok(len) && c.forms.contains(&a) && c.short_form
                    });
            // The same set of tokens (`c.tokens` holds each token once).
            let set_equal = toks.len() > 1
                && info.uniq.len() == c.tokens.len()
                && info.uniq.iter().all(|t| c.tokens.contains(t));
            // A lone name token joins a person whatever the tagger called it ("Nia" after "Nia Kumari").
            let subset = (is_person(m.label) || toks.len() == 1 && m.label != EntityType::Norp)
                && is_person(label)
                && same_zone(c, m)
                && !toks.is_empty()
                && toks.iter().all(|t| c.tokens.contains(t))
                && info.long_token;
            // The cluster holds only a short form that this fuller name contains.
            let superset = is_person(m.label)
                && is_person(label)
                && same_zone(c, m)
                && !c.tokens.is_empty()
                && c.tokens.len() < toks.len()
                && c.tokens.iter().all(|t| toks.contains(t));
            let strong = exact || alias || set_equal || by_acronym;
            if strong || subset || superset {
                let score = c.last_seen + if strong { 1 << 40 } else { 0 };
                if found.is_none() || score > best_seen {
                    found = Some(k);
                    best_seen = score;
                }
            }
        }
        let k = match found {
            Some(k) => k,
            None => {
                clusters.push(Cluster {
                    label_votes: vec![(m.label, 0)],
                    tokens: Vec::new(),
                    forms: Vec::new(),
                    short_form: false,
                    alias_groups: Vec::new(),
                    acronyms: Vec::new(),
                    boilerplate_only: m.boilerplate,
                    last_seen: i,
                    members: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        let c = &mut clusters[k];
        match c.label_votes.iter_mut().find(|(l, _)| *l == m.label) {
            Some(v) => v.1 += 1,
            None => c.label_votes.push((m.label, 1)),
        }
        c.label_votes.sort_by_key(|v| std::cmp::Reverse(v.1));
        for t in toks {
            if !c.tokens.contains(t) {
                c.tokens.push(*t);
            }
        }
        if !c.forms.contains(&joined) {
            c.forms.push(joined);
            c.short_form |= info.joined_len <= 6;
        }
        if let Some(g) = group {
            if !c.alias_groups.contains(&g) {
                c.alias_groups.push(g);
            }
        }
        if let Some((a, _)) = info.acr {
            if !c.acronyms.contains(&a) {
                c.acronyms.push(a);
            }
        }
        c.boilerplate_only &= m.boilerplate;
        c.last_seen = i;
        c.members.push(i);
        assign.push(k);
    }
    let entities = clusters
        .iter()
        .map(|c| {
            let label = c.label_votes[0].0;
            // The fullest form: most name tokens, article text before furniture, earliest first.
            let best = c
                .members
                .iter()
                .copied()
                .max_by_key(|&i| {
                    let m = &mentions[i];
                    (
                        !m.boilerplate,
                        token_counts[i],
                        m.text.len(),
                        std::cmp::Reverse(i),
                    )
                })
                .unwrap_or(0);
            let mut name = clean_name(mentions.get(best).map_or("", |m| m.text));
            // A name only ever written in capitals (a byline "MINJUN KIM") reads as a name.
            if name.chars().filter(|c| c.is_alphabetic()).count() > 3
                && !name.chars().any(char::is_lowercase)
                && name.contains(' ')
            {
                name = title_case(&name);
            }
            let mut aliases: Vec<String> = Vec::new();
            let mut roles: Vec<String> = Vec::new();
            for &i in &c.members {
                let t = clean_name(mentions[i].text);
                if t != name && !aliases.contains(&t) {
                    aliases.push(t);
                }
                for r in mentions[i].roles {
                    if !roles.contains(r) {
                        roles.push(r.clone());
                    }
                }
            }
            Entity {
                name,
                label,
                aliases,
                roles,
            }
        })
        .collect();
    (entities, assign)
}

/// "MINJUN KIM" → "Minjun Kim" (each word's first letter kept upper case).
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// A mention's text as a name: possessive and surrounding punctuation removed.
pub fn clean_name(text: &str) -> String {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, label: EntityType, boilerplate: bool) -> MentionIn<'_> {
        MentionIn {
            text,
            label,
            boilerplate,
            roles: &[],
        }
    }

    #[test]
    fn kim_variants_and_byline() {
        let p = EntityType::Person;
        let ms = [
            m("Minjun Kim", p, true),
            m("Kim Jong Un", p, false),
            m("Kim Jong-un", p, false),
            m("Kim", p, false),
            m("Song Min Ho", p, false),
            m("Min Ho Song", p, false),
            m("Seok", p, false),
            m("Sok", p, false),
        ];
        let (ents, assign) = resolve(&ms);
        assert_eq!(assign[1], assign[2]);
        assert_eq!(assign[1], assign[3]);
        assert_ne!(assign[0], assign[3]);
        assert_eq!(assign[4], assign[5]);
        assert_ne!(assign[6], assign[7]);
        assert_eq!(ents[assign[1]].name, "Kim Jong Un");
    }

    #[test]
    fn places_and_acronyms() {
        let ms = [
            m("United States", EntityType::Gpe, false),
            m("U.S.", EntityType::Gpe, false),
            m("National Intelligence Service", EntityType::Org, false),
            m("NIS", EntityType::Org, false),
        ];
        let (_, assign) = resolve(&ms);
        assert_eq!(assign[0], assign[1]);
        assert_eq!(assign[2], assign[3]);
        assert_ne!(assign[0], assign[2]);
    }

    #[test]
    fn short_acronyms_stay_with_their_own_kind() {
        let ms = [
            m("Ulm Bank Securities", EntityType::Org, false),
            m("University of Sandmoor", EntityType::Org, false),
            m("US", EntityType::Gpe, false),
            m("Eastfield University", EntityType::Org, false),
            m("EU", EntityType::Org, false),
        ];
        let (_, assign) = resolve(&ms);
        assert_ne!(assign[2], assign[0]);
        assert_ne!(assign[2], assign[1]);
        assert_ne!(assign[4], assign[3]);
    }
}
