use crate::IngestError;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InputKind {
    Html,
    Text,
}

/// Undoes gzip when the bytes start with the gzip magic number.
pub(crate) fn gunzip_if_needed<'a>(_source: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, IngestError> {
    // TODO(ingest): gzip with a size limit.
    Ok(std::borrow::Cow::Borrowed(bytes))
}

/// Tells HTML from plain text and rejects empty and binary input.
pub fn sniff(source: &str, bytes: &[u8]) -> Result<InputKind, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { path: source.to_string() });
    }
    // TODO(ingest): binary detection, HTML sniffing.
    Ok(InputKind::Text)
}
