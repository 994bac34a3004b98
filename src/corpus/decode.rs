//! Turning a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and otherwise the legacy encoding chardetng detects (Windows-1252,
//! ISO-8859-x, Shift_JIS, GBK…), decoded by encoding_rs. Invalid bytes never abort anything.

use std::borrow::Cow;

/// How many leading bytes are checked for a NUL when deciding a file is binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// True when the file looks like binary data rather than text (a NUL byte near the start).
/// UTF-16 text is full of NULs, so a file with a UTF-16 byte-order mark is never binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if utf16_order(bytes).is_some() {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]).is_some()
}

/// Decodes bytes to text. `truncated` says the bytes are only the start of the file, so an
/// incomplete UTF-8 sequence at the very end is a cut, not an encoding error.
pub fn decode(bytes: &[u8], truncated: bool) -> Cow<'_, str> {
    if let Some(big_endian) = utf16_order(bytes) {
        return Cow::Owned(decode_utf16(&bytes[2..], big_endian));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(error) if truncated && error.error_len().is_none() => {
            String::from_utf8_lossy(&bytes[..error.valid_up_to()])
        }
        Err(_) => Cow::Owned(decode_legacy(bytes, truncated)),
    }
}

/// How much of a file the encoding detector looks at: enough to tell, cheap for big files.
pub const DETECT_BYTES: usize = 8 * 1024;

/// How a file's text is encoded, as far as its first bytes tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8; `bom` when the file starts with a byte-order mark to skip.
    Utf8 {
        bom: bool,
    },
    Utf16 {
        big_endian: bool,
    },
    /// A legacy encoding (Windows-1252, Shift_JIS…) that encoding_rs decodes.
    Legacy(&'static encoding_rs::Encoding),
}

/// Tells the encoding from a file's `head` (its first bytes, or all of it when `whole`).
pub fn detect(head: &[u8], whole: bool) -> TextEncoding {
    if let Some(big_endian) = utf16_order(head) {
        return TextEncoding::Utf16 { big_endian };
    }
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8 { bom },
        // A sequence cut by the end of a head that is not the whole file is not an error.
        Err(error) if !whole && error.error_len().is_none() => TextEncoding::Utf8 { bom },
        Err(_) if bom => TextEncoding::Utf8 { bom },
        Err(_) => TextEncoding::Legacy(guess_legacy(head, whole)),
    }
}

/// The legacy encoding `bytes` (not UTF-8) most likely are in.
fn guess_legacy(bytes: &[u8], whole: bool) -> &'static encoding_rs::Encoding {
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    // ISO-2022-JP is switched by escape sequences: denying it keeps a document's escape bytes
    // visible (as ␛) instead of letting them steer the decoding.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len() && whole);
    // No top-level domain hint; UTF-8 is already ruled out.
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Decodes bytes that are not UTF-8 in the encoding they most likely are.
fn decode_legacy(bytes: &[u8], truncated: bool) -> String {
    let encoding = guess_legacy(bytes, !truncated);
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// Some(true) for a UTF-16BE byte-order mark, Some(false) for UTF-16LE, None otherwise.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xC3\xA9", false), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9", false), "café");
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(decode(b"\xFF\xFEh\x00i\x00", false), "hi");
        assert_eq!(decode(b"\xFE\xFF\x00h\x00i", false), "hi");
        assert!(!looks_binary(b"\xFF\xFEh\x00i\x00"));
    }

    #[test]
    fn a_utf8_sequence_cut_by_a_capped_read_is_dropped_not_garbled() {
        let bytes = "café".as_bytes();
        assert_eq!(decode(&bytes[..bytes.len() - 1], true), "caf");
    }

    #[test]
    fn legacy_single_byte_text_is_detected() {
        // "Café £100 — naïve" in Windows-1252 (é=E9, £=A3, —=97, ï=EF).
        let bytes = b"Caf\xE9 \xA3100 \x97 na\xEFve, d\xE9j\xE0 vu. Le caf\xE9 co\xFBte cher.";
        assert_eq!(
            decode(bytes, false),
            "Café £100 — naïve, déjà vu. Le café coûte cher."
        );
        assert_eq!(decode(b"Caf\xE9 \xA3100\n", false), "Café £100\n");
    }

    #[test]
    fn legacy_cjk_text_is_detected() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキストです。これは文書です。");
        assert_eq!(
            decode(&bytes, false),
            "日本語のテキストです。これは文書です。"
        );
    }

    #[test]
    fn nul_means_binary() {
        assert!(looks_binary(b"ELF\x00\x01"));
        assert!(!looks_binary(b"plain text"));
    }
}
