//! The passage shown for a document found by content search: its line with the most distinct
//! terms (then the most hits), kept around its first hit, and cut to a row's width so that
//! the hit shows whole with context on both sides.

use super::terms::{Chunk, ContentTerm};
use crate::corpus::store::DocStore;
use crate::text::fit::{prefix_fitting, suffix_fitting, truncate_with_ellipsis, width};
use crate::text::sanitize::sanitize_line;
use std::ops::Range;

/// How much of a file is read for its passage: the rows on screen read theirs as they are
/// drawn, so a screen of big files costs a few megabytes at most.
const PASSAGE_BYTES: usize = 256 << 10;

/// The best passage of document `index` for a query's `groups`, found in the start of its
/// text (at most `PASSAGE_BYTES` of a file); empty when none is there or it cannot be read.
/// The list's text mode makes these only for the rows it shows.
pub(crate) fn passage_of(docs: &DocStore, index: usize, groups: &[Vec<ContentTerm>]) -> Passage {
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    docs.head_text(index, PASSAGE_BYTES)
        .map(|text| best(&Chunk::new(&text), &terms))
        .unwrap_or_default()
}

/// How much of a long line a passage keeps on each side of its hit, in characters: enough for
/// the widest row, not a whole line of a JSON record.
const KEEP_BEFORE: usize = 200;
const KEEP_AFTER: usize = 400;

/// A passage: one line of a document around a hit, sanitized, and where the hit is in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Passage {
    pub text: String,
    /// The hit's byte range in `text` (None when the line's hit could not be placed).
    pub hit: Option<Range<usize>>,
}

impl Passage {
    /// The passage cut to `columns` columns so that its hit shows whole, with context on both
    /// sides (a third of the room before it) and `…` where text was cut. Only a hit wider
    /// than the row is itself cut.
    pub fn fitted(&self, columns: usize) -> String {
        let text = self.text.as_str();
        if width(text) <= columns {
            return text.to_string();
        }
        let Some(hit) = self.hit.clone().filter(|hit| hit.end <= text.len()) else {
            return truncate_with_ellipsis(text, columns);
        };
        let (before, found, after) = (&text[..hit.start], &text[hit.clone()], &text[hit.end..]);
        // Both ends may be cut: room for two `…`.
        let Some(room) = columns.checked_sub(width(found) + 2) else {
            let start = usize::from(!before.is_empty());
            return format!(
                "{}{}",
                if start > 0 { "…" } else { "" },
                &found[..prefix_fitting(found, columns.saturating_sub(start))]
            );
        };
        let (before_width, after_width) = (width(before), width(after));
        let mut left = before_width.min(room / 3);
        let right = after_width.min(room - left);
        left = before_width.min(room - right);
        let mut shown_before = &before[suffix_fitting(before, left)..];
        // Begin at a word rather than inside one, when one starts soon.
        let space = shown_before.find(' ').filter(|&at| at <= 12);
        if let Some(space) = space.filter(|_| shown_before.len() < before.len()) {
            shown_before = &shown_before[space + 1..];
        }
        let shown_after = &after[..prefix_fitting(after, right)];
        format!(
            "{}{shown_before}{found}{shown_after}{}",
            if shown_before.len() < before.len() {
                "…"
            } else {
                ""
            },
            if shown_after.len() < after.len() {
                "…"
            } else {
                ""
            },
        )
    }
}

/// The best line of `chunk` for `terms`, around its first hit; empty when no line has a hit.
/// A phrase that runs onto the next line is shown with the two lines joined.
pub fn best(chunk: &Chunk, terms: &[&ContentTerm]) -> Passage {
    let positive: Vec<&ContentTerm> = terms.iter().filter(|term| !term.negated).copied().collect();
    // Lowercasing keeps line breaks, so line N of the copy is line N of the text.
    let lines = chunk.text().split('\n').zip(chunk.lower().split('\n'));
    let mut best: Option<((usize, usize), &str)> = None;
    for (line, lower) in lines {
        let counts: Vec<usize> = positive
            .iter()
            .map(|term| term.count_in(line, lower))
            .collect();
        let key = (
            counts.iter().filter(|&&c| c > 0).count(),
            counts.iter().sum(),
        );
        if key.0 > 0 && best.is_none_or(|(best_key, _)| key > best_key) {
            best = Some((key, line));
        }
    }
    match best {
        Some((_, line)) => around_first_hit(line, &positive),
        None => across_lines(chunk.text(), &positive),
    }
}

/// The passage of a line around the first hit of any of `terms`.
fn around_first_hit(line: &str, terms: &[&ContentTerm]) -> Passage {
    let first_hit = |text: &str| {
        terms
            .iter()
            .filter_map(|term| term.ranges_in(text).into_iter().next())
            .min_by_key(|range| (range.start, std::cmp::Reverse(range.end)))
    };
    let line = line.trim();
    let at = first_hit(line).map_or(0, |range| range.start);
    // Keep what a row can show of a long line, then place the hit in what is shown.
    let start = line[..at]
        .char_indices()
        .rev()
        .nth(KEEP_BEFORE.saturating_sub(1))
        .map_or(0, |(start, _)| start);
    let end = line[at..]
        .char_indices()
        .nth(KEEP_AFTER)
        .map_or(line.len(), |(end, _)| at + end);
    let mut text = sanitize_line(&line[start..end]);
    let mut hit = first_hit(&text);
    if start > 0 {
        text.insert(0, '…');
        hit = hit.map(|range| range.start + '…'.len_utf8()..range.end + '…'.len_utf8());
    }
    if end < line.len() {
        text.push('…');
    }
    Passage { text, hit }
}

/// A passage for a phrase that only occurs across a line break: the two lines joined by a
/// space, around the first hit.
fn across_lines(text: &str, terms: &[&ContentTerm]) -> Passage {
    let phrase_hit = terms
        .iter()
        .filter(|term| term.spans_lines())
        .filter_map(|term| term.ranges_in(text).into_iter().next())
        .min_by_key(|range| range.start);
    let Some(hit) = phrase_hit else {
        return Passage::default();
    };
    let from = text[..hit.start].rfind('\n').map_or(0, |at| at + 1);
    let to = text[hit.end..]
        .find('\n')
        .map_or(text.len(), |at| hit.end + at);
    let joined = text[from..to].replace(['\r', '\n'], " ");
    around_first_hit(&joined, terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;
    use crate::search::text::terms::content_terms;

    fn passage(text: &str, query: &str) -> Passage {
        let groups = content_terms(&Query::parse(query));
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        best(&Chunk::new(text), &terms)
    }

    #[test]
    fn the_line_with_most_distinct_terms_wins_then_most_hits() {
        let text = "war war war here.\nwar and peace.\npeace, peace.\n";
        assert_eq!(passage(text, "war peace").text, "war and peace.");
        assert_eq!(passage(text, "war").text, "war war war here.");
        // Negated terms choose nothing.
        assert_eq!(passage(text, "peace !war").text, "peace, peace.");
        assert_eq!(passage(text, "treaty"), Passage::default());
    }

    #[test]
    fn a_row_shows_the_whole_hit_with_context_on_both_sides() {
        let line = format!(
            "{} value for shareholders was signed {}",
            "word ".repeat(60),
            "more ".repeat(60)
        );
        let found = passage(&line, "shareholders");
        for columns in [36, 60, 116, 200] {
            let shown = found.fitted(columns);
            assert!(shown.contains("shareholders"), "{columns}: {shown}");
            assert!(width(&shown) <= columns, "{columns}: {shown}");
            assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
            assert!(shown.contains("for shareholders was"), "{columns}: {shown}");
        }
        // A hit wider than the row is the only thing cut.
        let wide = passage(&format!("x {} y", "a".repeat(50)), &"a".repeat(50));
        assert_eq!(wide.fitted(20), format!("…{}", "a".repeat(19)));
    }

    #[test]
    fn hits_are_placed_by_their_kind_and_across_lines() {
        // `^peace` is the one at the start of a line, not the first "peace".
        let found = passage("war and peace\npeace talks\n", "^peace");
        assert_eq!(found.text, "peace talks");
        assert_eq!(found.hit, Some(0..5));
        let tab = passage("\tx\tthe 'word' here", "'word'");
        assert_eq!(&tab.text[tab.hit.clone().unwrap_or_default()], "word");
        let wrapped = passage("a tax\nclaim here", "\"tax claim\"");
        assert_eq!(wrapped.text, "a tax claim here");
        assert_eq!(wrapped.hit, Some(2..11));
    }
}
