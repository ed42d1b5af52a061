//! Quote identity across outlets (TODO: quotes helper).

/// A key that is equal for the same quoted words however an outlet punctuates or cases them.
pub fn quote_key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).collect::<String>().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}
