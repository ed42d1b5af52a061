//! Decoding an HTML page's bytes: a byte-order mark wins, then a `<meta charset>` or
//! `http-equiv` declaration in the first 4 KiB, then UTF-8 when the bytes are valid UTF-8,
//! else windows-1252 (what browsers assume for an undeclared Western page).
//!
//! A page that declares UTF-8 but is not valid UTF-8 (a common mislabel) is decoded as
//! windows-1252 when more than a few of its sequences are invalid.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The decoded text and the name of the encoding used.
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let declared = declared_encoding(bytes);
    match declared {
        Some(enc) if enc != UTF_8 => {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            (text.into_owned(), enc.name())
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), UTF_8.name()),
            Err(_) => {
                if declared.is_some() && invalid_utf8_sequences(bytes, 8) < 8 {
                    (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name())
                } else {
                    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                    (text.into_owned(), WINDOWS_1252.name())
                }
            }
        },
    }
}

/// Counts invalid UTF-8 sequences, stopping at `stop`.
fn invalid_utf8_sequences(mut bytes: &[u8], stop: usize) -> usize {
    let mut n = 0;
    while n < stop {
        match std::str::from_utf8(bytes) {
            Ok(_) => break,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to()
                    + e.error_len()
                        .unwrap_or(bytes.len() - e.valid_up_to())
                        .max(1);
                if skip >= bytes.len() {
                    break;
                }
                bytes = &bytes[skip..];
            }
        }
    }
    n
}

/// The encoding a page declares in its first 4 KiB (`<meta charset=...>`, or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`, or an XML declaration).
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut i = 0;
    while let Some(pos) = find(&lower[i..], b"charset") {
        let at = i + pos + b"charset".len();
        i = at;
        // Only inside a tag: the last '<' before must be a meta or xml declaration.
        let before = &lower[..at];
        let lt = before.iter().rposition(|&b| b == b'<')?;
        let gt = before.iter().rposition(|&b| b == b'>');
        if gt.is_some_and(|g| g > lt) {
            continue;
        }
        let tag = &lower[lt..at];
        if !(tag.starts_with(b"<meta") || tag.starts_with(b"<?xml")) {
            continue;
        }
        let rest = &lower[at..];
        let rest = skip(rest, |b| b.is_ascii_whitespace());
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = skip(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
        let end = rest
            .iter()
            .position(|&b| {
                b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'>' | b'/')
            })
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // A page cannot really be UTF-16 if it was read as ASCII-compatible bytes.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            // x-user-defined and replacement are never what a news page means.
            if enc == encoding_rs::REPLACEMENT || enc == encoding_rs::X_USER_DEFINED {
                continue;
            }
            return Some(enc);
        }
    }
    // XML declaration: <?xml version="1.0" encoding="iso-8859-1"?>
    if lower.starts_with(b"<?xml") {
        if let Some(pos) = find(&lower, b"encoding=") {
            let rest = skip(&lower[pos + 9..], |b| b == b'"' || b == b'\'');
            let end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b'?' | b' '))
                .unwrap_or(rest.len());
            return Encoding::for_label(&rest[..end]);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn skip(b: &[u8], f: impl Fn(u8) -> bool) -> &[u8] {
    let n = b.iter().take_while(|&&c| f(c)).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations() {
        assert_eq!(
            declared_encoding(b"<meta charset=\"windows-1252\">").map(|e| e.name()),
            Some("windows-1252")
        );
        assert_eq!(
            declared_encoding(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"
            )
            .map(|e| e.name()),
            Some("windows-1252")
        );
        assert_eq!(
            declared_encoding(b"<meta charset=utf-8 />").map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(declared_encoding(b"<p>charset=koi8-r</p>"), None);
        assert_eq!(declared_encoding(b"<html>"), None);
    }

    #[test]
    fn decoding() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93q\x94</body></html>";
        assert!(decode(page).0.contains("café “q”"));
        // Undeclared and invalid UTF-8: windows-1252.
        assert!(decode(b"<p>caf\xe9</p>").0.contains("café"));
        // Declared UTF-8 with one stray byte: lossy UTF-8 keeps the rest.
        let (t, enc) = decode("<meta charset=utf-8><p>Grüße \u{2014} x\u{ff}</p>".as_bytes());
        assert_eq!(enc, "UTF-8");
        assert!(t.contains("Grüße"));
    }
}
