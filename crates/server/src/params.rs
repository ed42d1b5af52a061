//! Query-string parsing shared by the API and the pages. Every parameter is read as a string and
//! checked here, so a malformed or oversized query gets a 400 that says which parameter is wrong,
//! never a 5xx.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use document::Measure;

use crate::Error;

/// The longest query string accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The longest single parameter value accepted, in bytes.
pub const MAX_VALUE_BYTES: usize = 512;
/// The largest page size.
pub const MAX_PER_PAGE: usize = 200;
/// The largest page number (a deeper page is a scraper's loop, not a reader).
pub const MAX_PAGE: usize = 100_000;

/// The measures in the order the dashboard shows them.
pub const MEASURES: [Measure; 10] = [
    Measure::Killed,
    Measure::Wounded,
    Measure::Casualties,
    Measure::Deployed,
    Measure::Captured,
    Measure::Missing,
    Measure::Displaced,
    Measure::Arrested,
    Measure::Cost,
    Measure::Other,
];

pub fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Deployed => "deployed",
        Measure::Killed => "killed",
        Measure::Wounded => "wounded",
        Measure::Casualties => "casualties",
        Measure::Captured => "captured",
        Measure::Missing => "missing",
        Measure::Displaced => "displaced",
        Measure::Arrested => "arrested",
        Measure::Cost => "cost",
        Measure::Other => "other",
    }
}

/// The query parameters of a request, checked for size.
pub struct Params(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Params, Error> {
        let raw = parts.uri.query().unwrap_or("");
        if raw.len() > MAX_QUERY_BYTES {
            return Err(Error::BadRequest(format!(
                "query string is {} bytes long; the limit is {MAX_QUERY_BYTES}",
                raw.len()
            )));
        }
        let _ = state;
        let pairs = parse_query(raw)?;
        for (name, value) in &pairs {
            if value.len() > MAX_VALUE_BYTES {
                return Err(Error::BadRequest(format!(
                    "parameter {name:?} is {} bytes long; the limit is {MAX_VALUE_BYTES}",
                    value.len()
                )));
            }
        }
        Ok(Params(pairs))
    }
}

/// Percent-decodes one query component (`+` is a space). A `%` not followed by two hex digits
/// stays as it is; bytes that do not decode to UTF-8 are an error, not replacement characters.
fn decode(component: &str) -> Result<String, std::string::FromUtf8Error> {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out)
}

/// Splits a raw query string into decoded name/value pairs.
fn parse_query(raw: &str) -> Result<Vec<(String, String)>, Error> {
    let mut pairs = Vec::new();
    for piece in raw.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        let name = decode(name).map_err(|_| {
            Error::BadRequest("a parameter name is not valid UTF-8 once percent-decoded".into())
        })?;
        let value = decode(value).map_err(|_| {
            Error::BadRequest(format!(
                "parameter {name:?} is not valid UTF-8 once percent-decoded"
            ))
        })?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Which page of a listing: 1-based page number and page size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageReq {
    pub page: usize,
    pub per_page: usize,
}

impl PageReq {
    /// The store page to fetch: one row more than shown, to learn whether a next page exists.
    pub fn probe(self) -> store::Page {
        store::Page::new((self.page - 1) * self.per_page, self.per_page + 1)
    }

    pub fn offset(self) -> usize {
        (self.page - 1) * self.per_page
    }
}

impl Params {
    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    /// The first value of `name`, trimmed; an empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, Error> {
        match self.get(name) {
            None => Ok(default),
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(Error::BadRequest(format!(
                    "parameter {name:?} must be a whole number from 1 to {max}, not {raw:?}"
                ))),
            },
        }
    }

    pub fn page(&self, default_per_page: usize) -> Result<PageReq, Error> {
        Ok(PageReq {
            page: self.number("page", 1, MAX_PAGE)?,
            per_page: self.number("per_page", default_per_page, MAX_PER_PAGE)?,
        })
    }

    pub fn measure(&self) -> Result<Option<Measure>, Error> {
        let Some(raw) = self.get("measure") else {
            return Ok(None);
        };
        let lower = raw.to_ascii_lowercase();
        MEASURES
            .iter()
            .copied()
            .find(|m| measure_name(*m) == lower)
            .map(Some)
            .ok_or_else(|| {
                let known: Vec<&str> = MEASURES.iter().map(|m| measure_name(*m)).collect();
                Error::BadRequest(format!(
                    "unknown measure {raw:?}; known measures: {}",
                    known.join(", ")
                ))
            })
    }

    /// The query string of these parameters with `page` replaced, for next/previous links.
    pub fn with_page(&self, page: usize) -> String {
        let mut out: Vec<String> = self
            .0
            .iter()
            .filter(|(k, v)| k != "page" && !v.trim().is_empty())
            .map(|(k, v)| format!("{}={}", encode(k), encode(v.trim())))
            .collect();
        if page > 1 {
            out.push(format!("page={page}"));
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("?{}", out.join("&"))
        }
    }
}

/// Percent-encodes a query component (everything but unreserved characters).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The `{id}` of a path, with a problem-details 400 when it is not valid UTF-8.
pub struct IdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<IdPath, Error> {
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|e| {
                    Error::BadRequest(format!("malformed id in the path: {}", e.body_text()))
                })?;
        if id.len() > MAX_VALUE_BYTES {
            return Err(Error::BadRequest(format!(
                "id is {} bytes long; the limit is {MAX_VALUE_BYTES}",
                id.len()
            )));
        }
        Ok(IdPath(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_checked() {
        let p = Params::from_pairs(&[("page", "2"), ("per_page", "10")]);
        assert_eq!(
            p.page(50).unwrap(),
            PageReq {
                page: 2,
                per_page: 10
            }
        );
        assert_eq!(p.page(50).unwrap().probe(), store::Page::new(10, 11));
        for bad in ["0", "-1", "x", "99999999999999999999999", "1e3"] {
            assert!(
                Params::from_pairs(&[("page", bad)]).page(50).is_err(),
                "{bad}"
            );
        }
        assert!(Params::from_pairs(&[("per_page", "201")]).page(50).is_err());
        assert_eq!(
            Params::from_pairs(&[("page", "")]).page(50).unwrap().page,
            1
        );
    }

    #[test]
    fn measures_parse() {
        assert_eq!(
            Params::from_pairs(&[("measure", "Killed")])
                .measure()
                .unwrap(),
            Some(Measure::Killed)
        );
        let err = Params::from_pairs(&[("measure", "dead")])
            .measure()
            .unwrap_err();
        assert!(err.to_string().contains("killed"), "{err}");
    }

    #[test]
    fn queries_decode_strictly() {
        let pairs = parse_query("q=a+b%20c%26&x&&page=%ZZ%&e=%C3%A9").unwrap();
        let want = [("q", "a b c&"), ("x", ""), ("page", "%ZZ%"), ("e", "é")];
        assert_eq!(
            pairs,
            want.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        );
        for bad in ["q=%C3%28", "q=%FF", "%FE=1", "q=%ED%A0%80"] {
            assert!(parse_query(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_keep_other_parameters() {
        let p = Params::from_pairs(&[("q", "a b&c"), ("page", "3")]);
        assert_eq!(p.with_page(4), "?q=a%20b%26c&page=4");
        assert_eq!(p.with_page(1), "?q=a%20b%26c");
    }
}
