//! The rows in view, ready to style: each row's text with its highlights — the keywords, every
//! search match and the current one — as byte ranges of the row.

use super::{LineKind, Reader, Unit};
use crate::text::highlight::Mark;
use crate::text::keywords::Highlights;
use std::ops::Range;

/// A visible row ready to style: its text, what kind of line it comes from, and its marks as
/// byte ranges within `text`.
pub struct VisibleRow<'a> {
    pub text: &'a str,
    pub kind: LineKind,
    pub marks: Vec<(Range<usize>, Mark)>,
}

/// A highlighted stretch: its byte range in a line, and how it is highlighted.
type Marked = (Range<usize>, Mark);

impl Reader {
    /// The rows in view with their highlights: every occurrence of the words `highlights`
    /// holds (each in its colour slot), every search match, and the current match.
    pub fn visible_rows(&self, highlights: &Highlights) -> Vec<VisibleRow<'_>> {
        let mut keyword_hits: Option<(Unit, Vec<Marked>)> = None;
        self.view
            .iter()
            .map(|(unit, wrapped, row)| {
                let row_range = &wrapped.rows[*row];
                if keyword_hits.as_ref().is_none_or(|(seen, _)| seen != unit) {
                    // One pass over the line for all the words. The theme picks the colour:
                    // the palette repeats past its end.
                    let hits = highlights
                        .find(&wrapped.text)
                        .into_iter()
                        .map(|(range, slot)| {
                            (
                                range,
                                Mark::Keyword(u16::try_from(slot).unwrap_or(u16::MAX)),
                            )
                        })
                        .collect();
                    keyword_hits = Some((*unit, hits));
                }
                let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
                for (range, mark) in keyword_hits.iter().flat_map(|(_, hits)| hits) {
                    push_clipped(&mut marks, range, row_range, *mark);
                }
                if let (Some(search), Unit::Body(start)) = (&self.search, unit) {
                    // Hits are in text order and do not overlap, so the row's hits are one run
                    // found by bisection: a line may hold hundreds of thousands of them.
                    let first = search.hits.partition_point(|hit| {
                        (hit.start, hit.range.end) <= (*start, row_range.start)
                    });
                    let on_row = search.hits[first..]
                        .iter()
                        .take_while(|hit| hit.start == *start && hit.range.start < row_range.end);
                    for (index, hit) in (first..).zip(on_row) {
                        let mark = if index == search.current {
                            Mark::CurrentMatch
                        } else {
                            Mark::SearchMatch
                        };
                        push_clipped(&mut marks, &hit.range, row_range, mark);
                    }
                    // The end of a hit that began before a cut in a long line.
                    let spilled = search.spills.partition_point(|spill| spill.start < *start);
                    for spill in search.spills[spilled..]
                        .iter()
                        .take_while(|spill| spill.start == *start)
                    {
                        push_clipped(&mut marks, &spill.range, row_range, Mark::SearchMatch);
                    }
                }
                VisibleRow {
                    text: &wrapped.text[row_range.clone()],
                    kind: wrapped.kind,
                    marks,
                }
            })
            .collect()
    }
}

/// Adds the part of `range` (in line offsets) that falls inside `row`, in row offsets.
fn push_clipped(
    marks: &mut Vec<(Range<usize>, Mark)>,
    range: &Range<usize>,
    row: &Range<usize>,
    mark: Mark,
) {
    let start = range.start.max(row.start);
    let end = range.end.min(row.end);
    if start < end {
        marks.push((start - row.start..end - row.start, mark));
    }
}
