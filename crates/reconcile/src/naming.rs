//! Which name and type an entity merged across documents goes by. Each document that mentions
//! the entity casts one vote for the name it gives it (its fullest form there) and one for the
//! type its tagger gave; the store keeps the tallies and asks these functions after each merge.
//!
//! The longest form is not the best name: a tagger's boundary slip in one article ("Blair
//! Labour", "BBC Michael Howard") is longer than the name a hundred articles use. The fullest
//! form wins only among the forms used often enough: at least a third as often as the most
//! used one ("Tony Blair" over "Blair", but not "Blair Labour" over "Labour").

use document::EntityType;

/// The name to show among `votes` (form, documents that named the entity so); `None` when
/// there are no votes. Ties go to the form with more words, then more votes, then the longer
/// form, then the first in alphabetical order, so the choice does not depend on vote order.
pub fn preferred_name(votes: &[(String, i64)]) -> Option<&str> {
    let top = votes.iter().map(|v| v.1).max()?;
    votes
        .iter()
        .filter(|(_, n)| n * 3 >= top)
        .max_by(|a, b| {
            let words = |s: &str| s.split_whitespace().count();
            (words(&a.0), a.1, a.0.chars().count())
                .cmp(&(words(&b.0), b.1, b.0.chars().count()))
                .then_with(|| b.0.cmp(&a.0))
        })
        .map(|(name, _)| name.as_str())
}

/// The type most documents gave; ties go to the first in `votes` order (the store lists the
/// entity's first type first, so a tie keeps it).
pub fn preferred_type(votes: &[(EntityType, i64)]) -> Option<EntityType> {
    let mut best: Option<(EntityType, i64)> = None;
    for &(label, n) in votes {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((label, n));
        }
    }
    best.map(|(label, _)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    }

    #[test]
    fn fullest_common_form_wins() {
        assert_eq!(
            preferred_name(&v(&[("Blair", 10), ("Tony Blair", 140)])),
            Some("Tony Blair")
        );
        assert_eq!(
            preferred_name(&v(&[("Hale", 30), ("Mira Hale", 10)])),
            Some("Mira Hale")
        );
        assert_eq!(
            preferred_name(&v(&[("Labour", 195), ("Blair Labour", 1)])),
            Some("Labour")
        );
        assert_eq!(
            preferred_name(&v(&[
                ("Radio Michael Howard", 2),
                ("Michael Howard", 90),
                ("Howard", 5)
            ])),
            Some("Michael Howard")
        );
        assert_eq!(preferred_name(&[]), None);
    }

    #[test]
    fn ties_do_not_depend_on_order() {
        let a = v(&[("Kim Jong-un", 3), ("Kim Jong Un", 3)]);
        let b = v(&[("Kim Jong Un", 3), ("Kim Jong-un", 3)]);
        assert_eq!(preferred_name(&a), preferred_name(&b));
    }

    #[test]
    fn majority_type_and_first_on_ties() {
        use EntityType::*;
        assert_eq!(preferred_type(&[(Org, 2), (Gpe, 40)]), Some(Gpe));
        assert_eq!(preferred_type(&[(Org, 2), (Gpe, 2)]), Some(Org));
        assert_eq!(preferred_type(&[]), None);
    }
}
