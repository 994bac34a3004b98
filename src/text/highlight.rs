//! Finding the words to highlight in a line (case-insensitive) and merging several kinds of
//! highlight into non-overlapping segments, ready to be styled.

use std::ops::Range;

/// What a highlighted stretch of text is, in increasing order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A `--keyword` or a word of the filter query; the number picks its colour.
    Keyword(u16),
    /// A match of the in-document search.
    SearchMatch,
    /// The search match the reader is on.
    CurrentMatch,
}

/// Every non-overlapping occurrence of `needle` in `haystack`, ignoring case, as byte ranges
/// of `haystack` that always start and end on char boundaries.
pub fn find_ignoring_case(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = needle.to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let found = find_folded(haystack, |lowered| {
        let occurrences = lowered.match_indices(&needle);
        occurrences
            .map(|(start, found)| (start..start + found.len(), ()))
            .collect()
    });
    found.into_iter().map(|(range, ())| range).collect()
}

/// What `find` finds in `text` lowercased, each found range (with what `find` says of it) as
/// a range of `text` itself: lowercasing can change a char's length ('İ' becomes two chars),
/// so ranges in the lowercased copy are mapped back (ASCII keeps every offset: none are).
pub(crate) fn find_folded<T>(
    text: &str,
    find: impl FnOnce(&str) -> Vec<(Range<usize>, T)>,
) -> Vec<(Range<usize>, T)> {
    if text.is_ascii() {
        return find(&text.to_ascii_lowercase());
    }
    let folded = FoldedText::new(text);
    find(&folded.text)
        .into_iter()
        .map(|(range, what)| (folded.original_range(range), what))
        .collect()
}

/// A lowercased copy of a text with, for each of its bytes, where the char it came from starts
/// in the original (lowercasing can change a char's length: 'İ' becomes two chars).
struct FoldedText<'a> {
    original: &'a str,
    text: String,
    origin: Vec<usize>,
}

impl<'a> FoldedText<'a> {
    fn new(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            for lower in c.to_lowercase() {
                text.push(lower);
                origin.extend(std::iter::repeat_n(at, lower.len_utf8()));
            }
        }
        FoldedText {
            original,
            text,
            origin,
        }
    }

    /// The range of the original text a range of the lowercased copy came from.
    fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.origin[folded.start];
        let end = self
            .origin
            .get(folded.end)
            .copied()
            .unwrap_or(self.original.len());
        start..end.max(start)
    }
}

/// Splits `0..len` into consecutive segments, each carrying the highest-precedence mark that
/// covers it (or none). Ranges may overlap and come in any order.
pub(crate) fn segments(
    len: usize,
    marks: &[(Range<usize>, Mark)],
) -> Vec<(Range<usize>, Option<Mark>)> {
    let mut cuts: Vec<usize> = vec![0, len];
    for (range, _) in marks {
        cuts.push(range.start.min(len));
        cuts.push(range.end.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<(Range<usize>, Option<Mark>)> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mark = marks
            .iter()
            .filter(|(r, _)| r.start <= start && end <= r.end)
            .map(|(_, m)| *m)
            .max();
        match out.last_mut() {
            Some((last, last_mark)) if *last_mark == mark => last.end = end,
            _ => out.push((start..end, mark)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let text = "Party of China, the party said: PARTY!";
        let found: Vec<&str> = find_ignoring_case(text, "party")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, vec!["Party", "party", "PARTY"]);
    }

    #[test]
    fn offsets_stay_exact_in_non_ascii_text() {
        let text = "Ça coûte 100 £ à CAFÉ café";
        let found: Vec<&str> = find_ignoring_case(text, "café")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, vec!["CAFÉ", "café"]);
    }

    #[test]
    fn chars_that_grow_when_lowercased_keep_boundaries() {
        let text = "İstanbul and istanbul";
        for range in find_ignoring_case(text, "stanbul") {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            assert!(text[range].ends_with("stanbul"));
        }
    }

    #[test]
    fn empty_needle_finds_nothing() {
        assert!(find_ignoring_case("abc", "").is_empty());
    }

    #[test]
    fn segments_take_the_strongest_mark() {
        let marks = vec![
            (0..5, Mark::Keyword(0)),
            (3..8, Mark::SearchMatch),
            (4..6, Mark::CurrentMatch),
        ];
        assert_eq!(
            segments(10, &marks),
            vec![
                (0..3, Some(Mark::Keyword(0))),
                (3..4, Some(Mark::SearchMatch)),
                (4..6, Some(Mark::CurrentMatch)),
                (6..8, Some(Mark::SearchMatch)),
                (8..10, None),
            ]
        );
        assert_eq!(segments(4, &[]), vec![(0..4, None)]);
    }
}
