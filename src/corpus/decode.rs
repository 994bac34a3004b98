//! Turning a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and otherwise the legacy encoding chardetng detects (Windows-1252,
//! ISO-8859-x, Shift_JIS, GBK…), decoded by encoding_rs. Invalid bytes never abort anything.

use std::borrow::Cow;

/// How many leading bytes are checked for a NUL when deciding a file is binary.
pub(crate) const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// True when the file looks like binary data rather than text (a NUL byte near the start).
/// UTF-16 text is full of NULs, so a file with a UTF-16 byte-order mark is never binary.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if utf16_order(bytes).is_some() {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]).is_some()
}

/// `bytes` as UTF-8 text, invalid sequences shown as U+FFFD. Valid text (nearly all of it) is
/// checked with SIMD (simdutf8), many times faster than `String::from_utf8_lossy`'s own walk
/// (three quarters of `--count`'s time on a gigabyte of news went there).
pub(crate) fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Decodes bytes to text, guessing the encoding of text that is not UTF-8 (see [`Decoding`]).
pub fn decode(bytes: &[u8], truncated: bool) -> Cow<'_, str> {
    Decoding::default().decode(bytes, truncated)
}

/// How text that is not UTF-8 (nor UTF-16 with a byte-order mark) is decoded: in the legacy
/// encoding it most likely is in, or in the one the user named (`--encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Decoding {
    pub forced: Option<&'static encoding_rs::Encoding>,
}

impl Decoding {
    /// Decodes bytes to text. `truncated` says the bytes are only the start of the file, so an
    /// incomplete UTF-8 sequence at the very end is a cut, not an encoding error.
    pub fn decode(self, bytes: &[u8], truncated: bool) -> Cow<'_, str> {
        if let Some(big_endian) = utf16_order(bytes) {
            return Cow::Owned(decode_utf16(&bytes[2..], big_endian));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            return Cow::Borrowed(text);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(error) if truncated && error.error_len().is_none() => {
                String::from_utf8_lossy(&bytes[..error.valid_up_to()])
            }
            Err(_) => {
                let encoding = self.legacy(bytes, !truncated);
                let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
                Cow::Owned(text.into_owned())
            }
        }
    }

    /// Tells the encoding from a file's `head` (its first bytes, or all of it when `whole`).
    pub fn detect(self, head: &[u8], whole: bool) -> TextEncoding {
        if let Some(big_endian) = utf16_order(head) {
            return TextEncoding::Utf16 { big_endian };
        }
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        match std::str::from_utf8(head) {
            Ok(_) => TextEncoding::Utf8 { bom },
            // A sequence cut by the end of a head that is not the whole file is not an error.
            Err(error) if !whole && error.error_len().is_none() => TextEncoding::Utf8 { bom },
            Err(_) if bom => TextEncoding::Utf8 { bom },
            Err(_) => TextEncoding::Legacy(self.legacy(head, whole)),
        }
    }

    /// The legacy encoding of `bytes`: the one named, or the likeliest.
    fn legacy(self, bytes: &[u8], whole: bool) -> &'static encoding_rs::Encoding {
        self.forced.unwrap_or_else(|| guess_legacy(bytes, whole))
    }
}

/// An encoding by its WHATWG label (`latin1`, `windows-1252`, `koi8-r`, `sjis`…), for
/// `--encoding` and the configuration file.
pub(crate) fn encoding_named(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("unknown encoding {label:?} (try windows-1252, iso-8859-2, koi8-r, shift_jis)")
    })
}

/// How much of a file the encoding detector looks at: enough to tell, cheap for big files.
pub(crate) const DETECT_BYTES: usize = 8 * 1024;

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

/// The legacy encoding `bytes` (not UTF-8) most likely are in.
fn guess_legacy(bytes: &[u8], whole: bool) -> &'static encoding_rs::Encoding {
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    // ISO-2022-JP is switched by escape sequences: denying it keeps a document's escape bytes
    // visible (as ␛) instead of letting them steer the decoding.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len() && whole);
    // No top-level domain hint; UTF-8 is already ruled out.
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // One or two bytes outside ASCII are too little for the detector to tell `£` (0xA3 in
    // Windows-1252) from `Ł` (0xA3 in ISO-8859-2): with so little evidence browsers fall back to
    // Windows-1252, the likeliest for text that is almost all ASCII, as long as it has every
    // byte (it lacks five).
    let outside_ascii = sample.iter().filter(|byte| !byte.is_ascii()).count();
    let windows_1252_has_all = !sample
        .iter()
        .any(|byte| matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    if outside_ascii <= 2 && guess.is_single_byte() && windows_1252_has_all {
        return encoding_rs::WINDOWS_1252;
    }
    guess
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

    /// A text in `encoding`, short (one sentence) or long (that sentence among 6 KB of ASCII).
    fn encoded(text: &str, encoding: &'static encoding_rs::Encoding, long: bool) -> Vec<u8> {
        let text = match long {
            true => format!(
                "{}{text}\n{}",
                "Plain words here. ".repeat(200),
                "More. ".repeat(400)
            ),
            false => text.to_string(),
        };
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn little_evidence_is_read_as_windows_1252_and_real_texts_keep_their_encoding() {
        use encoding_rs::{ISO_8859_2, KOI8_R, SHIFT_JIS, WINDOWS_1251, WINDOWS_1252};
        let cases: [(&str, &'static encoding_rs::Encoding); 7] = [
            ("The fund paid \u{a3}40m to the council.", WINDOWS_1252),
            ("A caf\u{e9} opened on the high street.", WINDOWS_1252),
            ("The bill came to \u{20ac}12 a head.", WINDOWS_1252),
            (
                "Za\u{17c}\u{f3}\u{142}\u{107} g\u{119}\u{15b}l\u{105} ja\u{17a}\u{144}: w Krakowie pada\u{142} \u{15b}nieg.",
                ISO_8859_2,
            ),
            (
                "\u{41f}\u{440}\u{430}\u{432}\u{438}\u{442}\u{435}\u{43b}\u{44c}\u{441}\u{442}\u{432}\u{43e} \u{43e}\u{431}\u{44a}\u{44f}\u{432}\u{438}\u{43b}\u{43e} \u{43e} \u{43d}\u{43e}\u{432}\u{44b}\u{445} \u{43d}\u{430}\u{43b}\u{43e}\u{433}\u{430}\u{445}.",
                KOI8_R,
            ),
            (
                "\u{41f}\u{440}\u{430}\u{432}\u{438}\u{442}\u{435}\u{43b}\u{44c}\u{441}\u{442}\u{432}\u{43e} \u{43e}\u{431}\u{44a}\u{44f}\u{432}\u{438}\u{43b}\u{43e} \u{43e} \u{43d}\u{43e}\u{432}\u{44b}\u{445} \u{43d}\u{430}\u{43b}\u{43e}\u{433}\u{430}\u{445}.",
                WINDOWS_1251,
            ),
            (
                "\u{653f}\u{5e9c}\u{306f}\u{65b0}\u{3057}\u{3044}\u{7a0e}\u{5236}\u{3092}\u{767a}\u{8868}\u{3057}\u{307e}\u{3057}\u{305f}\u{3002}",
                SHIFT_JIS,
            ),
        ];
        for (text, encoding) in cases {
            for long in [false, true] {
                let bytes = encoded(text, encoding, long);
                let decoded = decode(&bytes, false);
                assert!(
                    decoded.contains(text),
                    "{} {}: {}",
                    encoding.name(),
                    if long { "long" } else { "short" },
                    &decoded[decoded.len().saturating_sub(200)..]
                );
            }
        }
    }

    #[test]
    fn a_named_encoding_is_used_for_text_that_is_not_utf8() {
        let forced = Decoding {
            forced: encoding_named("iso-8859-2").ok(),
        };
        assert_eq!(forced.decode(b"\xA3\xF3d\xBC", false), "\u{141}ód\u{17a}");
        assert_eq!(
            forced.decode("café".as_bytes(), false),
            "café",
            "UTF-8 stays UTF-8"
        );
        assert!(encoding_named("klingon").is_err());
        assert_eq!(
            encoding_named(" Latin1 ").ok(),
            Some(encoding_rs::WINDOWS_1252)
        );
    }

    #[test]
    fn nul_means_binary() {
        assert!(looks_binary(b"ELF\x00\x01"));
        assert!(!looks_binary(b"plain text"));
    }
}
