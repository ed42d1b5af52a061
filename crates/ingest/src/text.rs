//! Plain-text pages: text dumps of web pages, furniture included.
//!
//! The text is the file's bytes (UTF-8 kept byte for byte, a leading BOM aside; anything else
//! decoded as windows-1252), and nothing is deleted from it: page furniture is marked as
//! boilerplate ([`crate::furniture`]), metadata read from the lines ([`crate::textmeta`]) and
//! cited sources found ([`crate::cites`]).

use std::borrow::Cow;

use document::Document;

use crate::furniture;
use crate::textmeta;
use crate::IngestError;

pub(crate) fn read(source: &str, sha256: String, bytes: &[u8]) -> Result<Document, IngestError> {
    let text = decode(bytes).into_owned();
    if text.trim().is_empty() {
        return Err(IngestError::NoText {
            path: source.to_string(),
        });
    }
    let mut doc = Document::new(source, sha256, text);
    analyse(&mut doc);
    Ok(doc)
}

/// Marks furniture and fills metadata, cites and language of a document read from plain text.
/// Fields already set are kept.
pub(crate) fn analyse(doc: &mut Document) {
    let layout = furniture::analyse(doc.text());
    furniture::add_marks(doc, &layout);
    textmeta::fill_metadata(doc, &layout);
    crate::cites::find_cites(doc);
    textmeta::detect_language(doc);
}

/// UTF-8 without its BOM, UTF-16 with a BOM, or else windows-1252.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == encoding_rs::UTF_8 {
            if let Ok(text) = std::str::from_utf8(body) {
                return Cow::Borrowed(text);
            }
            return encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0;
        }
        return encoding.decode_without_bom_handling(body).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode("Kim’s".as_bytes()), "Kim’s");
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert_eq!(decode(b"caf\xE9 \x93quoted\x94"), "café “quoted”");
        assert_eq!(decode(b"\xFF\xFEa\x00b\x00"), "ab");
    }

    #[test]
    fn empty_text_is_an_error() {
        assert!(read("x.txt", String::new(), b" \n\n").is_err());
    }
}
