//! Finding a phrase in text: its words in order, each pair separated by a run of whitespace
//! that holds at most one line break (so a phrase may wrap onto the next line, but not run
//! across a paragraph). The first word may end a longer word and the last begin one, as plain
//! terms are substrings.

use crate::text::highlight::find_folded;
use std::ops::Range;

/// The phrase's words, as a term keeps them: split at whitespace.
pub(crate) fn words_of(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_string).collect()
}

/// Every occurrence of the phrase `words` in `text`, as byte ranges of `text`, in order and
/// not overlapping. When `case_sensitive` is false the words must be lowercase.
pub(crate) fn phrase_ranges(
    text: &str,
    words: &[String],
    case_sensitive: bool,
) -> Vec<Range<usize>> {
    if case_sensitive {
        return find(text, words);
    }
    let found = find_folded(text, |lowered| {
        find(lowered, words)
            .into_iter()
            .map(|range| (range, ()))
            .collect()
    });
    found.into_iter().map(|(range, ())| range).collect()
}

/// How many times the phrase occurs in `text` (lowercased already, with the words, when the
/// search ignores case).
pub(crate) fn count(text: &str, words: &[String]) -> usize {
    find(text, words).len()
}

/// The occurrences of `words` in `text`, compared as they are.
fn find(text: &str, words: &[String]) -> Vec<Range<usize>> {
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let firsts = memchr::memmem::find_iter(text.as_bytes(), first.as_bytes());
    phrases_from(
        text.as_bytes(),
        firsts.map(|at| at..at + first.len()),
        rest,
        false,
    )
}

/// The phrases in `text` (UTF-8, as bytes, so that a big document's plain chunks need no
/// conversion) that begin with one of `firsts`, the places of their first word in order, and
/// go on with the `rest` of their words: in order, not overlapping. `ignore_ascii_case`
/// compares the words (lowercase) ignoring ASCII case; otherwise as they are.
pub(crate) fn phrases_from(
    text: &[u8],
    firsts: impl IntoIterator<Item = Range<usize>>,
    rest: &[String],
    ignore_ascii_case: bool,
) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for first in firsts {
        if found.last().is_some_and(|last| first.start < last.end) {
            continue;
        }
        if let Some(end) = rest_from(text, first.end, rest, ignore_ascii_case) {
            found.push(first.start..end);
        }
    }
    found
}

/// Where the phrase ends when its remaining `words` follow byte `at` of `text`, or None: each
/// word after a run of whitespace holding at most one line break.
fn rest_from(
    text: &[u8],
    mut at: usize,
    words: &[String],
    ignore_ascii_case: bool,
) -> Option<usize> {
    for word in words {
        let gap = at;
        let mut breaks = 0;
        while let Some((c, length)) = space_at(&text[at..]) {
            breaks += usize::from(c == '\n');
            at += length;
        }
        let next = text.get(at..at + word.len())?;
        let same = match ignore_ascii_case {
            true => next.eq_ignore_ascii_case(word.as_bytes()),
            false => next == word.as_bytes(),
        };
        if at == gap || breaks > 1 || !same {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

/// The whitespace character that starts `bytes` (UTF-8), with its length, if one does.
fn space_at(bytes: &[u8]) -> Option<(char, usize)> {
    let length = match *bytes.first()? {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let c = std::str::from_utf8(bytes.get(..length)?)
        .ok()?
        .chars()
        .next()?;
    c.is_whitespace().then_some((c, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, phrase: &str) -> Vec<&'static str> {
        let words = words_of(&phrase.to_lowercase());
        let ranges = phrase_ranges(text, &words, false);
        ranges
            .into_iter()
            .map(|range| &*String::leak(text[range].to_string()))
            .collect()
    }

    #[test]
    fn words_in_order_across_spaces_and_one_line_break() {
        let text = "The Tax claim; a tax\tclaim, tax\nclaim, tax\r\n  claim.";
        assert_eq!(
            found(text, "tax claim"),
            ["Tax claim", "tax\tclaim", "tax\nclaim", "tax\r\n  claim"]
        );
        assert!(found("tax\n\nclaim", "tax claim").is_empty(), "a paragraph");
        assert!(found("taxclaim", "tax claim").is_empty(), "no space");
        assert!(
            found("claim tax", "tax claim").is_empty(),
            "the order counts"
        );
        assert_eq!(found("surtax claims", "tax claim"), ["tax claim"]);
        assert_eq!(found("İİ Tax  Claim", "tax claim"), ["Tax  Claim"]);
    }

    #[test]
    fn case_sensitive_phrases_compare_as_written() {
        let words = words_of("Tax claim");
        assert_eq!(
            phrase_ranges("tax claim, Tax claim", &words, true),
            vec![11..20]
        );
        assert_eq!(count("tax claim tax  claim", &words_of("tax claim")), 2);
    }
}
