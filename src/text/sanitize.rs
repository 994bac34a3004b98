//! The one gate every string passes before it reaches the screen or stdout: control, format and
//! bidi characters become visible and inert, tabs expand to tab stops, line ends are normalised.
//!
//! Everything downstream (wrapping, search, highlight offsets) works on the sanitized text, so
//! offsets never have to be mapped back through this transformation.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Columns between tab stops, as in every terminal's default.
pub(crate) const TAB_STOP: usize = 8;

/// Splits text into lines on `\n`, dropping the `\r` of a CRLF pair. A lone `\r` stays in the
/// line (and is later shown as `␍`), because treating it as a line end would let a document
/// overprint itself the way a terminal would.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// Sanitizes text for display on one row: the result holds no control, format or bidi
/// character and no tab; a line break inside it shows as `␊` (for titles, paths, messages).
pub fn sanitize_line(line: &str) -> String {
    // Most text is printable ASCII, which passes unchanged.
    if is_printable_ascii(line) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut column = 0usize;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_STOP - column % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
            continue;
        }
        match visible_form(c) {
            Visible::Same => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
            Visible::Symbol(symbol) => {
                out.push(symbol);
                column += 1;
            }
            Visible::CodePoint => {
                let escaped = format!("<U+{:04X}>", u32::from(c));
                column += escaped.len();
                out.push_str(&escaped);
            }
        }
    }
    out
}

/// [`sanitize_line`], borrowing `line` when it needs no change (printable ASCII).
pub(crate) fn sanitized(line: &str) -> Cow<'_, str> {
    match is_printable_ascii(line) {
        true => Cow::Borrowed(line),
        false => Cow::Owned(sanitize_line(line)),
    }
}

/// True for text that shows as it is: printable ASCII only.
pub(crate) fn is_printable_ascii(line: &str) -> bool {
    line.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Pasted text made one line for the query or the search prompt: each run of line breaks,
/// tabs and spaces becomes one space, and other control, format and bidi characters are
/// dropped (they would be shown as symbols, and no one means to search for them).
pub(crate) fn pasted_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1 << 16));
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if !matches!(visible_form(c), Visible::Same) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

enum Visible {
    Same,
    Symbol(char),
    CodePoint,
}

/// The lines of `bytes` (UTF-8; as byte ranges, without their line break) that are not shown
/// exactly as they are: those with a control, a tab, a format or bidi character, a lone `\r`,
/// or a sequence outside ASCII that is not UTF-8 where such characters start. In the others,
/// offsets are offsets in what the reader shows, so a search may go through them whole (a
/// caller that needs to know the rest is UTF-8 checks the lines it uses). ASCII is checked
/// 64 bytes at a time in a pass the compiler vectorises, and outside it only the characters
/// the sanitizer may change, found by their first byte in vectorised passes: accented
/// letters are never looked at.
pub(crate) fn unshown_lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut unshown: Vec<usize> = Vec::new();
    for (number, block) in bytes.chunks(64).enumerate() {
        // Branch-free, so the compiler checks the 64 bytes with vector instructions.
        let any = block.iter().fold(0u8, |any, &byte| {
            let control = u8::from(byte < 0x20) & u8::from(byte != b'\n') & u8::from(byte != b'\r');
            any | control | u8::from(byte == 0x7F)
        });
        if any != 0 {
            let at = number * 64;
            unshown.extend((at..at + block.len()).filter(|&at| unshown_byte(bytes[at])));
        }
    }
    unshown
        .extend(memchr::memchr_iter(b'\r', bytes).filter(|&at| bytes.get(at + 1) != Some(&b'\n')));
    // Outside ASCII, only characters whose UTF-8 starts with one of UNSHOWN_LEADS can be
    // changed (a test checks every character): those bytes are found in vectorised passes,
    // and the characters there looked at.
    let [a, b, c, d, e] = UNSHOWN_LEADS;
    let leads = memchr::memchr3_iter(a, b, c, bytes).chain(memchr::memchr2_iter(d, e, bytes));
    for start in leads {
        // Quotes, dashes and letters that share those first bytes (», „, –, …) are told
        // apart by their next bytes, without decoding: prose in German or French has one
        // every few dozen bytes.
        if surely_shown(&bytes[start..]) {
            continue;
        }
        let width = if bytes[start] >= 0xE0 { 3 } else { 2 };
        let shown = bytes
            .get(start..start + width)
            .and_then(|char_bytes| std::str::from_utf8(char_bytes).ok())
            .and_then(|text| text.chars().next())
            .is_some_and(|c| matches!(visible_form(c), Visible::Same));
        if !shown {
            unshown.push(start);
        }
    }
    unshown.sort_unstable();
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    for at in unshown {
        if lines.last().is_some_and(|line| line.contains(&at)) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |newline| newline + 1);
        let mut end =
            memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |newline| at + newline);
        if end > start && bytes[end - 1] == b'\r' && end < bytes.len() {
            end -= 1;
        }
        lines.push(start..end.max(at + 1).min(bytes.len()));
    }
    lines
}

/// The first bytes of the UTF-8 of every character outside ASCII that the sanitizer changes
/// (C1 controls and U+00AD; U+061C; U+180E; U+200B… to U+206F; U+FEFF and U+FFF9…).
const UNSHOWN_LEADS: [u8; 5] = [0xC2, 0xE2, 0xEF, 0xD8, 0xE1];

/// True when `bytes` starts with the UTF-8 of a character outside ASCII that is shown as it is,
/// told by its bytes alone for the common ones that share a first byte of [`UNSHOWN_LEADS`]
/// with one the sanitizer changes (false: decode and look; a test tries every character).
fn surely_shown(bytes: &[u8]) -> bool {
    let continues = |at: usize| bytes.get(at).is_some_and(|&byte| byte & 0xC0 == 0x80);
    let second = bytes.get(1).copied().unwrap_or(0);
    let third = bytes.get(2).copied().unwrap_or(0);
    match bytes.first() {
        // U+00A0…U+00BF but the soft hyphen (the C1 controls are U+0080…U+009F).
        Some(0xC2) => (0xA0..=0xBF).contains(&second) && second != 0xAD,
        // U+0600…U+063F but U+061C.
        Some(0xD8) => continues(1) && second != 0x9C,
        // U+1000…U+1FFF but U+1800…U+183F (which holds U+180E).
        Some(0xE1) => continues(1) && continues(2) && second != 0xA0,
        // U+2010…U+2027 (dashes, quotes, bullets, the ellipsis), U+2030…U+205F but U+2060…,
        // and U+2080…U+2FFF.
        Some(0xE2) => {
            continues(1)
                && continues(2)
                && match second {
                    0x80 => (0x90..=0xA7).contains(&third) || third >= 0xB0,
                    0x81 => third < 0xA0,
                    _ => true,
                }
        }
        // U+F000…U+FFFF but U+FEC0…U+FEFF and U+FFC0…U+FFFF.
        Some(0xEF) => continues(1) && continues(2) && second != 0xBB && second != 0xBF,
        _ => false,
    }
}

/// True for an ASCII byte the sanitizer changes: a control other than a line break's, DEL.
fn unshown_byte(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n' && byte != b'\r') || byte == 0x7F
}

fn visible_form(c: char) -> Visible {
    let code = u32::from(c);
    match code {
        // C0 controls map onto the Control Pictures block, which mirrors their layout (ESC → ␛).
        0x00..=0x1F => char::from_u32(0x2400 + code).map_or(Visible::CodePoint, Visible::Symbol),
        0x7F => Visible::Symbol('\u{2421}'),
        0x80..=0x9F => Visible::CodePoint,
        _ if is_format_or_bidi(code) => Visible::CodePoint,
        _ => Visible::Same,
    }
}

/// Invisible characters that change how neighbouring text is ordered, joined or broken: shown
/// as code points so a document cannot disguise what it says (Trojan Source, CVE-2021-42574).
fn is_format_or_bidi(code: u32) -> bool {
    matches!(
        code,
        0x00AD
            | 0x061C
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x2029
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_the_sanitizer_changes_starts_with_a_known_byte() {
        for c in (0x80..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if !matches!(visible_form(c), Visible::Same) {
                let lead = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                assert!(UNSHOWN_LEADS.contains(&lead), "{c:?} starts with {lead:#x}");
            }
        }
    }

    #[test]
    fn a_character_told_shown_by_its_bytes_is_shown() {
        // Every character outside ASCII that the quick look at its bytes calls shown is
        // shown as it is by the sanitizer; and no byte sequence that is not UTF-8 is.
        for c in (0x80..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            if surely_shown(bytes) {
                assert!(matches!(visible_form(c), Visible::Same), "{c:?}");
            }
            // Cut short, it is never taken for shown.
            assert!(
                !surely_shown(&bytes[..bytes.len() - 1]) || bytes.len() == 1,
                "{c:?}"
            );
        }
        for lead in UNSHOWN_LEADS {
            assert!(!surely_shown(&[lead, b'a', b'b']));
        }
    }

    #[test]
    fn a_paste_becomes_one_clean_line() {
        assert_eq!(
            pasted_line("  tax\r\n\tclaim\x1b[31m red\u{202E}\x07 \n"),
            "tax claim[31m red"
        );
        assert_eq!(pasted_line("\n\n"), "");
    }

    #[test]
    fn escape_sequences_become_visible_symbols() {
        assert_eq!(sanitize_line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize_line("\u{1b}]0;title\u{7}"), "␛]0;title␇");
        assert_eq!(sanitize_line("del\u{7f}"), "del␡");
        assert_eq!(sanitize_line("bs\u{8}x"), "bs␈x");
    }

    #[test]
    fn c1_and_bidi_controls_become_code_points() {
        assert_eq!(sanitize_line("a\u{9b}31m"), "a<U+009B>31m");
        assert_eq!(sanitize_line("x\u{202e}y"), "x<U+202E>y");
        assert_eq!(sanitize_line("\u{feff}bom"), "<U+FEFF>bom");
        assert_eq!(sanitize_line("soft\u{ad}hyphen"), "soft<U+00AD>hyphen");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize_line("\tx"), "        x");
        assert_eq!(sanitize_line("ab\tx"), "ab      x");
        assert_eq!(sanitize_line("abcdefgh\tx"), "abcdefgh        x");
        // Wide characters count two columns towards the stop.
        assert_eq!(sanitize_line("中\tx"), "中      x");
    }

    #[test]
    fn crlf_loses_its_cr_but_a_lone_cr_stays_visible() {
        let lines: Vec<String> = split_lines("one\r\ntwo\rthree\n")
            .map(sanitize_line)
            .collect();
        assert_eq!(lines, vec!["one", "two␍three", ""]);
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        let text = "Café £100 — 中文 👍 naïve";
        assert_eq!(sanitize_line(text), text);
    }

    #[test]
    fn no_control_character_of_the_basic_plane_gets_through() {
        for code in 0..=0xFFFFu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let shown = sanitize_line(&c.to_string());
            assert!(
                !shown
                    .chars()
                    .any(|s| s.is_control() || is_format_or_bidi(u32::from(s))),
                "U+{code:04X} came out as {shown:?}"
            );
        }
    }

    #[test]
    fn newlines_inside_a_single_line_are_shown() {
        assert_eq!(sanitize_line("a\nb"), "a␊b");
    }
}
