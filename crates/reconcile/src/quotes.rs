//! Quote identity across outlets: one key per quote so the same words printed by several outlets
//! are recognised as one quote with several appearances.
//!
//! The key folds what outlets change when they reprint a quote: case, curly against straight
//! apostrophes, punctuation, hyphens ("Jong-un" / "Jong Un"), accents and spacing. It does not
//! match a quote with a shortened or partial version of itself.

/// A key that is equal for the same quoted words however an outlet punctuates or cases them.
pub fn quote_key(text: &str) -> String {
    let folded = deunicode::deunicode(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '`' {
            // "don't" and "dont", "Kim's" and "Kims": apostrophes join, never split.
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::quote_key;

    #[test]
    fn same_words_same_key() {
        assert_eq!(
            quote_key("I can’t find out anything."),
            quote_key("i can't find out anything")
        );
        assert_eq!(
            quote_key("Kim Jong-un’s red special forces"),
            quote_key("Kim Jong Un's red special forces,")
        );
        assert_eq!(quote_key("  Seek   freedom! "), "seek freedom");
        assert_eq!(quote_key("café"), quote_key("cafe"));
    }

    #[test]
    fn different_words_differ() {
        assert_ne!(
            quote_key("Come back home safe"),
            quote_key("Come back home")
        );
        assert_eq!(quote_key("…"), "");
    }
}
