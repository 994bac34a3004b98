//! Words: the characters they are made of (letters, digits and `_`), finding a word whole,
//! finding text ignoring case, and lowercasing char by char. One definition, used by the title
//! filter, the text search, the word index and the reader alike.

use crate::text::highlight::find_ignoring_case;
use std::ops::Range;

/// The version of this definition of a word: an index kept with another is made again.
pub(crate) const WORDS_VERSION: u32 = 1;

/// Where `word` first occurs in `text` as a whole word: with no letter, digit or `_` just
/// before or after it.
pub(crate) fn word_at(text: &str, word: &str) -> Option<usize> {
    word_from(text, word, 0)
}

/// Where `word` next occurs as a whole word in `text` at or after byte `from` (a char
/// boundary). Every occurrence is tried, also ones overlapping a rejected one.
pub(crate) fn word_from(text: &str, word: &str, from: usize) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut at = from;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find(word)) {
        let start = at + found;
        if is_whole_word(text, &(start..start + word.len())) {
            return Some(start);
        }
        // On to the next char: an overlapping occurrence may be a whole word.
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The byte ranges of `text` holding `needle`, with or without regard to case (ranges of
/// `text` itself: lowercasing can change byte lengths).
pub(crate) fn occurrences(text: &str, needle: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    if case_sensitive {
        text.match_indices(needle)
            .map(|(at, found)| at..at + found.len())
            .collect()
    } else {
        find_ignoring_case(text, needle)
    }
}

/// True when `range` of `text` has no letter, digit or `_` just before or after it.
pub(crate) fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// True for the characters words are made of: letters, digits and `_`.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` lowercased char by char, as the highlighting compares (and the word index stores
/// words): `str::to_lowercase` would make a Σ before a `.` final or not depending on what
/// follows, which no single word knows.
///
/// Fast on real prose: the text is copied and its ASCII lowercased in one vectorised pass,
/// then only its characters outside ASCII are looked at (found eight bytes at a time), and
/// those whose lowercase differs are written in place. A character whose lowercase is longer
/// or shorter (`İ`, the Kelvin sign) makes the whole text go char by char.
pub(crate) fn lowercase(text: &str) -> String {
    let mut lowered = text.to_ascii_lowercase();
    let mut at = 0;
    let mut buffer = [0; 4];
    while let Some(start) = next_non_ascii(text.as_bytes(), at) {
        let Some(c) = text[start..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        match lower_of(c) {
            Some(single) if single == c => {}
            Some(single) if single.len_utf8() == width => {
                lowered.replace_range(start..start + width, single.encode_utf8(&mut buffer));
            }
            _ => return text.chars().flat_map(char::to_lowercase).collect(),
        }
        at = start + width;
    }
    lowered
}

/// The lowercase of `c` when it is one character (None when it is several: `İ`). Characters
/// of two bytes (Latin, Greek, Cyrillic…: most accented letters of real prose) are looked up
/// in a table made once, the others asked of the standard library.
fn lower_of(c: char) -> Option<char> {
    /// The lowercase of each character below U+0800, or NUL where it is not one character.
    static TWO_BYTES: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        (0..0x800u32)
            .map(|code| {
                let c = char::from_u32(code).unwrap_or('\0');
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(single), None) => single,
                    _ => '\0',
                }
            })
            .collect()
    });
    match TWO_BYTES.get(c as usize) {
        Some('\0') => None,
        Some(&lower) => Some(lower),
        None => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(single), None) => Some(single),
                _ => None,
            }
        }
    }
}

/// Where the first byte outside ASCII at or after `from` is: eight bytes are looked at at a
/// time.
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 8 <= bytes.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        if u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&byte| byte >= 0x80)
        .map(|offset| at + offset)
}

/// How many words `text` has, as [`for_each_word`] finds them, without making each one:
/// ASCII bytes are classed by a table and counted without a branch (a word starts where a
/// word byte follows one that is not); only other characters are decoded.
pub(crate) fn count_words(text: &str) -> u32 {
    const fn ascii_word_table() -> [bool; 128] {
        let mut table = [false; 128];
        let mut byte = 0;
        while byte < 128 {
            let b = byte as u8;
            table[byte] = b.is_ascii_alphanumeric() || b == b'_';
            byte += 1;
        }
        table
    }
    const ASCII_WORD: [bool; 128] = ascii_word_table();
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut at) = (0u32, false, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        let (word, width) = match ASCII_WORD.get(byte as usize) {
            Some(&word) => (word, 1),
            None => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            }
        };
        count += u32::from(word & !in_word);
        in_word = word;
        at += width;
    }
    count
}

/// Calls `found` with every word of `text`, in order.
pub(crate) fn for_each_word<'a>(text: &'a str, mut found: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let (word, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric() || byte == b'_', 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        };
        match (word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                found(&text[from..at]);
                start = None;
            }
            _ => {}
        }
        at += width;
    }
    if let Some(from) = start {
        found(&text[from..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_words_finds_as_many_as_splitting_them() {
        for text in [
            "",
            "a",
            " a b_c  d9 ",
            "Straße in İstanbul—café's",
            "x\u{212A}y z",
            "…",
        ] {
            let mut split = 0;
            for_each_word(text, |_| split += 1);
            assert_eq!(count_words(text), split, "{text:?}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_underscores() {
        let mut words = Vec::new();
        for_each_word("Kenya's e-mail, snake_case 42 İstanbul café", |w| {
            words.push(w)
        });
        assert_eq!(
            words,
            [
                "Kenya",
                "s",
                "e",
                "mail",
                "snake_case",
                "42",
                "İstanbul",
                "café"
            ]
        );
    }

    #[test]
    fn lowercase_is_char_by_char_lowercasing_fast() {
        for text in [
            "Straße STRASSE Mädchen ÄÖÜ £1bn “Quoted” ÉCOLE Łódź ŁÓDŹ",
            "ΣΑΣ. Σ ends",
            "İstanbul and the \u{212A}elvin sign",
            "ascii only",
            "",
            "é",
            "É at the end of eight bytes: 1234567É",
        ] {
            let slow: String = text.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lowercase(text), slow, "{text}");
        }
        assert_eq!(next_non_ascii(b"0123456789abcdef\xc3\xa9", 3), Some(16));
        assert_eq!(next_non_ascii(b"plain", 0), None);
    }
}
