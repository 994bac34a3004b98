//! Words near each other (`a NEAR/5 b`) found in the reader's segments a paragraph at a
//! time: a paragraph's lines joined (a line break between lines, nothing between the pieces
//! of a line cut into segments) and searched whole, as the text search counts it, so a match
//! that runs onto the next line is one hit (its end a spill there) and matches overlap the
//! way they do in the whole text, never twice. A paragraph ends at a blank line, and at the
//! end of the stretch searched.

use super::hits::Hit;
use super::segment_hits::Found;
use crate::search::text::terms::ContentTerm;

/// The hits of the proximity `terms` in `segments` (start offsets, with `texts` their shown
/// text and `ends_line` whether each ends a line), added to `found`.
pub(super) fn near_in_paragraphs(
    segments: &[(u64, u64)],
    texts: &[String],
    ends_line: &[bool],
    terms: &[&ContentTerm],
    found: &mut Found,
) {
    if terms.is_empty() {
        return;
    }
    let blank = |index: usize| texts[index].trim().is_empty();
    let mut first = 0;
    while first < segments.len() {
        if blank(first) {
            first += 1;
            continue;
        }
        // The paragraph: from `first` to the segment before a blank line (or the end).
        let mut last = first;
        while last + 1 < segments.len() && !blank(last + 1) {
            last += 1;
        }
        paragraph_hits(first..=last, segments, texts, ends_line, terms, found);
        first = last + 1;
    }
}

/// The hits in one paragraph, segments `run`.
fn paragraph_hits(
    run: std::ops::RangeInclusive<usize>,
    segments: &[(u64, u64)],
    texts: &[String],
    ends_line: &[bool],
    terms: &[&ContentTerm],
    found: &mut Found,
) {
    let mut joined = String::new();
    // Where each segment's text starts in `joined`.
    let mut starts = Vec::new();
    for index in run.clone() {
        starts.push((index, joined.len()));
        joined.push_str(&texts[index]);
        if ends_line[index] && index < *run.end() {
            joined.push('\n');
        }
    }
    let segment_at = |at: usize| {
        let position = starts.partition_point(|&(_, start)| start <= at);
        starts[position.saturating_sub(1)]
    };
    for term in terms {
        for range in term.ranges_in(&joined) {
            let (index, from) = segment_at(range.start);
            let own = &texts[index];
            let start = range.start - from;
            if range.end <= from + own.len() {
                found.hits.push(Hit {
                    start: segments[index].0,
                    range: start..range.end - from,
                });
                continue;
            }
            // It runs on: its bytes in the segments after, the line breaks not counted.
            let mut past = 0;
            for &(next, next_from) in starts.iter().filter(|(i, _)| *i > index) {
                if next_from >= range.end {
                    break;
                }
                let taken = (range.end - next_from).min(texts[next].len());
                found.spills.push(Hit {
                    start: segments[next].0,
                    range: 0..taken,
                });
                past += taken;
            }
            found.hits.push(Hit {
                start: segments[index].0,
                range: start..own.len() + past,
            });
        }
    }
}
