//! Store look-ups the API and the pages share, composed from the store's read API.

use std::sync::{Arc, Mutex};

use document::Measure;
use store::{ClaimFilter, ClaimRecord, EntitySummary, Page, Store};

use crate::params::MEASURES;
use crate::wire::Stats;
use crate::Error;

/// The document id inside a claim or quote id (`<document>-c<n>`, `<document>-q<n>`).
fn document_of(id: &str, marker: &str) -> Option<String> {
    let (doc, idx) = id.rsplit_once(marker)?;
    (!doc.is_empty() && !idx.is_empty() && idx.bytes().all(|b| b.is_ascii_digit()))
        .then(|| doc.to_string())
}

/// One claim by id.
pub fn claim(store: &Store, id: &str) -> Result<ClaimRecord, Error> {
    let not_found = || Error::NotFound {
        what: "claim",
        id: id.to_string(),
    };
    let doc = document_of(id, "-c").ok_or_else(not_found)?;
    let filter = ClaimFilter {
        document: Some(doc),
        ..ClaimFilter::default()
    };
    store
        .claims(&filter, Page::all())?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(not_found)
}

/// Other reports of the same figure: claims with the same measure and, when both say whose the
/// figure is, the same subject. Until `reconcile` groups claims this is the honest approximation.
/// It looks at the first `SCAN` claims of the measure, so it stays fast on a large store.
pub fn same_figure(
    store: &Store,
    claim: &ClaimRecord,
    limit: usize,
) -> Result<Vec<ClaimRecord>, Error> {
    const SCAN: usize = 1000;
    let subject = claim.subject.as_deref().map(str::to_lowercase);
    Ok(store
        .claims_of_measure(claim.measure, SCAN)?
        .into_iter()
        .filter(|other| other.id != claim.id)
        .filter(|other| match (&subject, &other.subject) {
            (Some(a), Some(b)) => *a == b.to_lowercase(),
            _ => true,
        })
        .take(limit)
        .collect())
}

/// For the dashboard: each measure that has claims, in dashboard order, with its count and its
/// first `limit` claims.
pub fn dashboard(
    store: &Store,
    limit: usize,
) -> Result<Vec<(Measure, usize, Vec<ClaimRecord>)>, Error> {
    let counts = store.claim_counts_by_measure()?;
    let mut out = Vec::new();
    for measure in MEASURES {
        let Some(&(_, total)) = counts.iter().find(|(m, n)| *m == measure && *n > 0) else {
            continue;
        };
        out.push((measure, total, store.claims_of_measure(measure, limit)?));
    }
    Ok(out)
}

/// The entities ranked by how widely they are mentioned, with the document marker it was
/// computed at. Ranking every entity means a pass over every mention (a second at 10,000
/// documents); a listing page is then a slice of it plus one row per entity shown. The pass
/// runs again on the first listing after documents are added.
#[derive(Clone, Default)]
pub struct RankingCache(Arc<Mutex<Option<(Marker, Ranking)>>>);

/// `Store::documents_marker`: what the ranking was computed at.
type Marker = (i64, i64);
/// `Store::entity_ranking`: (entity id, mentions, documents), most widely mentioned first.
type Ranking = Arc<Vec<(i64, usize, usize)>>;

/// One page of the entity listing, the most widely mentioned first.
pub fn entities(
    store: &Store,
    cache: &RankingCache,
    page: Page,
) -> Result<Vec<EntitySummary>, Error> {
    let marker = store.documents_marker()?;
    let ranking = {
        // Held while ranking, so concurrent requests wait for one pass instead of each running one.
        let mut cached = cache.0.lock().unwrap_or_else(|p| p.into_inner());
        match cached.as_ref() {
            Some((at, ranking)) if *at == marker => Arc::clone(ranking),
            _ => {
                let ranking = Arc::new(store.entity_ranking()?);
                *cached = Some((marker, Arc::clone(&ranking)));
                ranking
            }
        }
    };
    let start = page.offset.min(ranking.len());
    let end = start.saturating_add(page.limit).min(ranking.len());
    Ok(store.entity_summaries(&ranking[start..end])?)
}

/// One entity's names and counts: the counts from the ranking when it is fresh (counting an
/// entity's documents is a pass over its mentions), else from the store.
pub fn entity_summary(
    store: &Store,
    cache: &RankingCache,
    id: &str,
) -> Result<Option<EntitySummary>, Error> {
    let fresh = {
        let cached = cache.0.lock().unwrap_or_else(|p| p.into_inner());
        cached
            .as_ref()
            .map(|(at, ranking)| (*at, Arc::clone(ranking)))
    };
    if let (Some((at, ranking)), Ok(n)) = (fresh, id.trim().parse::<i64>()) {
        if at == store.documents_marker()? {
            if let Some(row) = ranking.iter().find(|r| r.0 == n) {
                return Ok(store.entity_summaries(&[*row])?.pop());
            }
        }
    }
    Ok(store.entity_summary(id)?)
}

pub fn stats(store: &Store) -> Result<Stats, Error> {
    let s = store.stats()?;
    Ok(Stats {
        documents: s.documents,
        claims: s.claims,
        quotes: s.quotes,
        entities: s.entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_their_document() {
        assert_eq!(document_of("abc-c3", "-c").as_deref(), Some("abc"));
        assert_eq!(document_of("a-cb-c12", "-c").as_deref(), Some("a-cb"));
        assert_eq!(document_of("abc-c", "-c"), None);
        assert_eq!(document_of("abc-cx", "-c"), None);
        assert_eq!(document_of("-c1", "-c"), None);
    }
}
