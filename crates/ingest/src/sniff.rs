//! What a file is, read from its bytes rather than its name: gzip is undone (with a size cap),
//! empty and binary files are refused with a reason, and the rest is told apart as HTML or
//! plain text.

use std::borrow::Cow;
use std::io::Read;

use crate::IngestError;

/// The two kinds of article file ingest reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InputKind {
    Html,
    Text,
}

/// The most bytes a gzip file may expand to.
pub const MAX_GUNZIPPED: usize = 200 * 1024 * 1024;

/// Undoes gzip when the bytes start with the gzip magic number; refuses output over
/// [`MAX_GUNZIPPED`] bytes and broken streams.
pub(crate) fn gunzip_if_needed<'a>(
    source: &str,
    bytes: &'a [u8],
) -> Result<Cow<'a, [u8]>, IngestError> {
    gunzip_capped(source, bytes, MAX_GUNZIPPED)
}

pub(crate) fn gunzip_capped<'a>(
    source: &str,
    bytes: &'a [u8],
    limit: usize,
) -> Result<Cow<'a, [u8]>, IngestError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(Cow::Borrowed(bytes));
    }
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    let mut taken = decoder.take(limit as u64 + 1);
    taken
        .read_to_end(&mut out)
        .map_err(|e| IngestError::BadGzip {
            path: source.to_string(),
            reason: e.to_string(),
        })?;
    if out.len() > limit {
        return Err(IngestError::TooLarge {
            path: source.to_string(),
            bytes: out.len(),
            limit,
        });
    }
    Ok(Cow::Owned(out))
}

/// Tells HTML from plain text and rejects empty and binary input.
pub fn sniff(source: &str, bytes: &[u8]) -> Result<InputKind, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty {
            path: source.to_string(),
        });
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(IngestError::Binary {
            path: source.to_string(),
            what: what.to_string(),
        });
    }
    Ok(if looks_like_html(bytes) {
        InputKind::Html
    } else {
        InputKind::Text
    })
}

/// Names the binary format the bytes look like, or `None` for text.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive (or an Office document)"),
        (b"PK\x05\x06", "empty ZIP archive"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"RIFF", "RIFF media file (WebP, WAV or AVI)"),
        (b"\x7fELF", "ELF executable"),
        (b"MZ", "Windows executable"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "old Microsoft Office document",
        ),
        (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (b"Rar!", "RAR archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ\x00", "xz archive"),
        (b"\x28\xb5\x2f\xfd", "zstd archive"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"OggS", "Ogg media file"),
        (b"ID3", "MP3 audio"),
        (b"wOFF", "WOFF font"),
        (b"wOF2", "WOFF2 font"),
        (b"\x00\x00\x01\x00", "icon image"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ" and "BZh" and "ID3" are short: only call them binary if the rest agrees.
            if magic.len() >= 4 || control_ratio(bytes) > 0.02 || bytes.contains(&0) {
                return Some(what);
            }
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media file");
    }
    // UTF-16 text has NULs but announces itself with a BOM.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Some("unknown binary data: it contains NUL bytes");
    }
    if control_ratio(head) > 0.10 {
        return Some("unknown binary data: too many control characters");
    }
    None
}

/// The share of bytes in the first 64 KiB that are control characters other than whitespace.
fn control_ratio(bytes: &[u8]) -> f64 {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.is_empty() {
        return 0.0;
    }
    // Summed without branches, which the compiler vectorises.
    let bad: usize = head
        .iter()
        .map(|&b| {
            usize::from((b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) | (b == 0x7f))
        })
        .sum();
    bad as f64 / head.len() as f64
}

/// Whether the bytes are an HTML page rather than a plain-text dump: a doctype or an
/// `<html>`/`<head>`/`<body>` tag near the start, or many tags.
///
/// Every test starts at a `<`, so the bytes are only compared (ASCII case ignored) where one is,
/// and a page without any is text after one `memchr`; a lowercased copy of the head searched five
/// times was a tenth of reading a BBC article.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if !sample.contains(&b'<') {
        return false;
    }
    let starts = trim_start(head);
    if starts_with_ci(starts, b"<!doctype html")
        || starts_with_ci(starts, b"<html")
        || starts_with_ci(starts, b"<?xml") && contains_tag(head, b"<html")
    {
        return true;
    }
    if [
        &b"<html"[..],
        b"<head>",
        b"<head ",
        b"<body",
        b"<!doctype html",
    ]
    .iter()
    .any(|tag| contains_tag(head, tag))
    {
        return true;
    }
    // Many tags: a fragment of HTML without the scaffolding.
    let tags = count_tags(sample);
    tags >= 10 && tags * 200 >= sample.len()
}

fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Whether `hay` starts with `needle` (lowercase ASCII), ignoring ASCII case.
fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
}

/// The offsets of the `<` in `b`, left to right.
fn lt_positions(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let i = at + b.get(at..)?.iter().position(|&c| c == b'<')?;
        at = i + 1;
        Some(i)
    })
}

/// Whether `hay` holds `tag` (lowercase ASCII, starting with `<`), ignoring ASCII case.
fn contains_tag(hay: &[u8], tag: &[u8]) -> bool {
    lt_positions(hay).any(|i| starts_with_ci(&hay[i..], tag))
}

/// Counts `<p>`, `</div>`, `<a href=...>`-shaped tags.
fn count_tags(b: &[u8]) -> usize {
    let mut n = 0;
    for i in lt_positions(b).take_while(|&i| i < b.len().saturating_sub(2)) {
        let c = b[i + 1];
        let c = if c == b'/' { b[i + 2] } else { c };
        if c.is_ascii_alphabetic() {
            // Find the closing '>' within a short distance.
            let end = (i + 400).min(b.len());
            if b[i + 1..end].contains(&b'>') {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            sniff("a", b"<!DOCTYPE html><p>x").ok(),
            Some(InputKind::Html)
        );
        assert_eq!(
            sniff("a", b"\n  <html lang=en>").ok(),
            Some(InputKind::Html)
        );
        assert_eq!(
            sniff("a", b"Plain words. Even a < b here.").ok(),
            Some(InputKind::Text)
        );
        assert!(matches!(sniff("a", b""), Err(IngestError::Empty { .. })));
        assert!(matches!(
            sniff("a", b"  \n"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            sniff("a", b"\x89PNG\r\n\x1a\n\0\0"),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            sniff("a", b"abc\0def"),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(sniff("a", b"MZ is a word"), Ok(InputKind::Text)));
    }

    #[test]
    fn fragment_with_many_tags_is_html() {
        let s = "<div><p>One</p><p>Two</p><p>Three</p><p>Four</p><p>Five</p></div>".repeat(3);
        assert_eq!(sniff("a", s.as_bytes()).ok(), Some(InputKind::Html));
    }

    /// The lowercasing reader `looks_like_html` replaced, kept to check that the answers agree.
    fn looks_like_html_by_copy(bytes: &[u8]) -> bool {
        let head = &bytes[..bytes.len().min(8 * 1024)];
        let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
        let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        let starts = trim_start(&lower);
        if starts.starts_with(b"<!doctype html")
            || starts.starts_with(b"<html")
            || starts.starts_with(b"<?xml") && contains(&lower, b"<html")
        {
            return true;
        }
        if [
            &b"<html"[..],
            b"<head>",
            b"<head ",
            b"<body",
            b"<!doctype html",
        ]
        .iter()
        .any(|n| contains(&lower, n))
        {
            return true;
        }
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        let mut tags = 0;
        for i in 0..sample.len().saturating_sub(2) {
            if sample[i] == b'<' {
                let c = sample[i + 1];
                let c = if c == b'/' { sample[i + 2] } else { c };
                if c.is_ascii_alphabetic()
                    && sample[i + 1..(i + 400).min(sample.len())].contains(&b'>')
                {
                    tags += 1;
                }
            }
        }
        tags >= 10 && tags * 200 >= sample.len()
    }

    proptest::proptest! {
        #[test]
        fn html_test_agrees_with_the_copying_one(parts in proptest::collection::vec(
            proptest::sample::select(vec!["<", ">", "</", "<p>", "</P>", "<HTML", "<html", "<Head>", "<head ", "<BODY", "<!DOCTYPE html>", "<?xml", " ", "\n", "\u{feff}", "text", "a", "x".repeat(300).leak() as &str]),
            0..80,
        )) {
            let page = parts.concat();
            proptest::prop_assert_eq!(looks_like_html(page.as_bytes()), looks_like_html_by_copy(page.as_bytes()), "{:?}", page);
        }
    }

    #[test]
    fn gzip_cap() {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&vec![b'a'; 10_000]).unwrap_or_default();
        let gz = e.finish().unwrap_or_default();
        assert!(matches!(
            gunzip_capped("a", &gz, 1000),
            Err(IngestError::TooLarge { .. })
        ));
        assert_eq!(
            gunzip_capped("a", &gz, 10_000).map(|c| c.len()).ok(),
            Some(10_000)
        );
        assert!(matches!(
            gunzip_capped("a", &gz[..gz.len() / 2], 100_000),
            Err(IngestError::BadGzip { .. })
        ));
    }
}
