//! Reading the crate's gzipped data files (the model, the word classes).

use std::io::Read;

/// Unpacks gzip `bytes` in one allocation: the gzip trailer's last four bytes hold the unpacked
/// size (mod 2^32), capped at `cap` bytes so a corrupt trailer cannot ask for much.
pub(crate) fn gunzip(bytes: &[u8], cap: usize) -> std::io::Result<Vec<u8>> {
    let unpacked = bytes
        .len()
        .checked_sub(4)
        .and_then(|i| bytes.get(i..))
        .map_or(0, |t| u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as usize);
    let mut raw = Vec::with_capacity(unpacked.min(cap) + 1);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
    Ok(raw)
}
