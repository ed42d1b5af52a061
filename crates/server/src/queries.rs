//! Store look-ups the API and the pages share, composed from the store's read API.

use document::Measure;
use store::{ClaimFilter, ClaimRecord, Page, Store};

use crate::params::MEASURES;
use crate::wire::Stats;
use crate::Error;

/// The document id inside a claim or quote id (`<document>-c<n>`, `<document>-q<n>`).
fn document_of(id: &str, marker: &str) -> Option<String> {
    let (doc, idx) = id.rsplit_once(marker)?;
    (!doc.is_empty() && !idx.is_empty() && idx.bytes().all(|b| b.is_ascii_digit())).then(|| doc.to_string())
}

/// One claim by id.
pub fn claim(store: &Store, id: &str) -> Result<ClaimRecord, Error> {
    let not_found = || Error::NotFound { what: "claim", id: id.to_string() };
    let doc = document_of(id, "-c").ok_or_else(not_found)?;
    let filter = ClaimFilter { document: Some(doc), ..ClaimFilter::default() };
    store.claims(&filter, Page::all())?.into_iter().find(|c| c.id == id).ok_or_else(not_found)
}

/// Other reports of the same figure: claims with the same measure and, when both say whose the
/// figure is, the same subject. Until `reconcile` groups claims this is the honest approximation.
pub fn same_figure(store: &Store, claim: &ClaimRecord, limit: usize) -> Result<Vec<ClaimRecord>, Error> {
    let filter = ClaimFilter { measure: Some(claim.measure), ..ClaimFilter::default() };
    let subject = claim.subject.as_deref().map(str::to_lowercase);
    let mut out = Vec::new();
    store.each_claim(&filter, &mut |other| {
        let same_subject = match (&subject, &other.subject) {
            (Some(a), Some(b)) => *a == b.to_lowercase(),
            _ => true,
        };
        if other.id != claim.id && same_subject {
            out.push(other);
        }
        out.len() < limit
    })?;
    Ok(out)
}

/// Claims of one measure for the dashboard, and how many there are in all.
pub fn measure_claims(store: &Store, measure: Measure, limit: usize) -> Result<(Vec<ClaimRecord>, usize), Error> {
    let filter = ClaimFilter { measure: Some(measure), ..ClaimFilter::default() };
    let counts = store.claim_counts_by_measure()?;
    let total = counts.iter().find(|(m, _)| *m == measure).map(|(_, n)| *n).unwrap_or(0);
    let claims = if total == 0 { Vec::new() } else { store.claims(&filter, Page::new(0, limit))? };
    Ok((claims, total))
}

/// The measures that have claims, in dashboard order, with their counts.
pub fn measures_present(store: &Store) -> Result<Vec<(Measure, usize)>, Error> {
    let counts = store.claim_counts_by_measure()?;
    Ok(MEASURES
        .iter()
        .filter_map(|m| counts.iter().find(|(c, _)| c == m).map(|(_, n)| (*m, *n)))
        .filter(|(_, n)| *n > 0)
        .collect())
}

pub fn stats(store: &Store) -> Result<Stats, Error> {
    let s = store.stats()?;
    Ok(Stats { documents: s.documents, claims: s.claims, quotes: s.quotes, entities: s.entities })
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
