//! Finding a term in text ignoring case, fast, in the text as it is (UTF-8 bytes, no
//! lowercase copy): the term becomes a regular expression that takes, for each of its
//! characters, every character whose lowercase it is (`k`: k, K and the Kelvin sign; `ß`: ß
//! and ẞ), and the regex crate finds it as ripgrep does, on a gigabyte of news or German prose
//! in about 100 ms. It finds exactly what lowercasing both, character by character, finds —
//! unless the text holds a character whose lowercase is two characters (only `İ`, whose
//! lowercase is `i` and a combining dot), which callers look for first
//! ([`lowercase_may_differ`]) and then lowercase the text instead.

use regex::bytes::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// The longest needle searched this way: the regex crate's fast engines give up on a
/// pattern of thousands of characters and its slowest one takes over (seconds a megabyte);
/// a longer term is found in the text lowercased.
const LONGEST_NEEDLE: usize = 256;

/// A term's caseless searcher, shared by the clones of the term.
#[derive(Clone, Debug)]
pub struct Caseless(Arc<Regex>);

/// The characters whose lowercase is each character (other than itself), and those whose
/// lowercase is more than one character: made once, from the standard library's tables.
struct Cases {
    upper: HashMap<char, Vec<char>>,
    longer: Vec<char>,
}

static CASES: LazyLock<Cases> = LazyLock::new(|| {
    let mut cases = Cases {
        upper: HashMap::new(),
        longer: Vec::new(),
    };
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(single), None) if single != c => cases.upper.entry(single).or_default().push(c),
            (Some(_), Some(_)) => cases.longer.push(c),
            _ => {}
        }
    }
    cases
});

/// True when `text` may hold a character whose lowercase is more than one character (`İ`):
/// then a term ignoring case must be found in the text lowercased, not by [`Caseless`].
pub(crate) fn lowercase_may_differ(text: &[u8]) -> bool {
    // Every such character is `İ` (a test checks): its UTF-8 is C4 B0.
    memchr::memmem::find(text, "\u{130}".as_bytes()).is_some()
}

impl Caseless {
    /// The searcher for `needle` (lowercase), if it is not empty and not longer than
    /// [`LONGEST_NEEDLE`].
    pub fn new(needle: &str) -> Option<Caseless> {
        if needle.is_empty() || needle.len() > LONGEST_NEEDLE {
            return None;
        }
        let mut pattern = String::with_capacity(needle.len() * 4);
        for c in needle.chars() {
            match CASES.upper.get(&c) {
                None => pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
                Some(others) => {
                    pattern.push('[');
                    for each in std::iter::once(&c).chain(others) {
                        pattern.push_str(&format!("\\x{{{:X}}}", u32::from(*each)));
                    }
                    pattern.push(']');
                }
            }
        }
        let regex = RegexBuilder::new(&pattern)
            .unicode(true)
            .size_limit(64 << 20)
            .build()
            .ok()?;
        Some(Caseless(Arc::new(regex)))
    }

    /// Whether the needle occurs in `haystack`.
    pub fn is_in(&self, haystack: &[u8]) -> bool {
        self.0.is_match(haystack)
    }

    /// How many times the needle occurs in `haystack`, not overlapping.
    pub fn count(&self, haystack: &[u8]) -> usize {
        self.0.find_iter(haystack).count()
    }

    /// Where the needle occurs in `haystack`, in order, not overlapping.
    pub fn ranges(&self, haystack: &[u8]) -> Vec<Range<usize>> {
        self.0
            .find_iter(haystack)
            .map(|found| found.range())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::lowercase;

    /// Where `needle` occurs in `text` as lowercasing both finds it (the definition).
    fn by_lowercasing(text: &str, needle: &str) -> usize {
        memchr::memmem::find_iter(lowercase(text).as_bytes(), lowercase(needle).as_bytes()).count()
    }

    #[test]
    fn it_finds_what_lowercasing_finds() {
        let text = "Kenya, KENYA and kenyan; keny \u{212A}enya. Straße STRASSE straẞe. \
                    Łódź ŁÓDŹ łódź. ΣΑΣ σας. Ǆ ǅ ǆ. Å Å å";
        for needle in ["kenya", "straße", "łódź", "σας", "ǆ", "å", "e.", "a", "ß"] {
            let found = Caseless::new(needle).map(|c| c.count(text.as_bytes()));
            assert_eq!(found, Some(by_lowercasing(text, needle)), "{needle}");
        }
        assert!(Caseless::new("").is_none());
        let ranges = Caseless::new("aa").map(|c| c.ranges(b"AAA aA"));
        assert_eq!(
            ranges,
            Some(vec![0..2, 4..6]),
            "not overlapping, as memmem counts"
        );
    }

    #[test]
    fn only_the_dotted_capital_i_lowercases_to_more_than_one_character() {
        assert_eq!(CASES.longer, ['\u{130}']);
        assert!(lowercase_may_differ("İstanbul".as_bytes()));
        assert!(!lowercase_may_differ("Istanbul \u{212A}".as_bytes()));
    }
}
