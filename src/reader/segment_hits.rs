//! Finding a search's terms in decoded segments: each segment's sanitized text on its own, and
//! a phrase that runs from one line onto the next, found in the two lines joined and given as
//! one hit on each.

use super::hits::Hit;
use super::unit_text;
use crate::corpus::source::Source;
use crate::search::text::terms::ContentTerm;

/// How much of the line after a chunk's last segment is read to finish a phrase begun there.
const NEXT_LINE_BYTES: usize = 4096;

/// Every hit of `terms` in `segments` (start, end offsets), whose bytes are in `bytes` from
/// offset `base`, in text order with overlaps joined.
pub fn find_in_segments(
    source: &Source,
    bytes: &[u8],
    base: u64,
    segments: &[(u64, u64)],
    terms: &[ContentTerm],
) -> Vec<Hit> {
    let slice = |start: u64, end: u64| &bytes[(start - base) as usize..(end - base) as usize];
    let texts: Vec<String> = segments
        .iter()
        .map(|&(start, end)| unit_text(source, slice(start, end), start))
        .collect();
    let mut hits: Vec<Hit> = segments
        .iter()
        .zip(&texts)
        .flat_map(|(&(start, _), text)| {
            let ranges = terms.iter().flat_map(|term| term.ranges_in(text));
            ranges.map(move |range| Hit { start, range })
        })
        .collect();
    let phrases: Vec<&ContentTerm> = terms.iter().filter(|term| term.is_phrase()).collect();
    if !phrases.is_empty() {
        // The line after the last segment, as far as the bytes at hand go.
        let next_line = segments.last().and_then(|&(_, end)| {
            let from = (end - base) as usize;
            let rest = bytes.get(from..)?;
            let until = memchr::memchr(b'\n', rest).map_or(rest.len(), |at| at + 1);
            let shown = &rest[..until.min(NEXT_LINE_BYTES)];
            (!shown.is_empty()).then(|| (end, unit_text(source, shown, end)))
        });
        for (index, &(start, end)) in segments.iter().enumerate() {
            let next = match segments.get(index + 1) {
                Some(&(next_start, _)) => Some((next_start, texts[index + 1].as_str())),
                None => next_line.as_ref().map(|(at, text)| (*at, text.as_str())),
            };
            let Some((next_start, next_text)) = next else {
                continue;
            };
            // A segment that ends in a line break joins the next line across it; one cut out
            // of a long line joins it directly.
            let joiner = if slice(start, end).ends_with(b"\n") {
                "\n"
            } else {
                ""
            };
            let text = &texts[index];
            let joined = format!("{text}{joiner}{next_text}");
            let second_from = text.len() + joiner.len();
            for term in &phrases {
                for range in term.ranges_in(&joined) {
                    if range.start < text.len() && range.end > second_from {
                        hits.push(Hit {
                            start,
                            range: range.start..text.len(),
                        });
                        hits.push(Hit {
                            start: next_start,
                            range: 0..range.end - second_from,
                        });
                    }
                }
            }
        }
    }
    union(hits)
}

/// Hits in text order with overlapping ones (of different terms) joined into one.
pub fn union(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|hit| (hit.start, hit.range.start, hit.range.end));
    let mut joined: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        match joined.last_mut() {
            Some(last) if last.start == hit.start && hit.range.start < last.range.end => {
                last.range.end = last.range.end.max(hit.range.end);
            }
            _ => joined.push(hit),
        }
    }
    joined
}
