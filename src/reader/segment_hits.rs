//! Finding a search's terms in decoded segments: each segment's sanitized text, and a phrase
//! that runs from one line onto the next, found in the two lines joined and given as one hit
//! on each. A line long enough to be cut into segments is searched as one line: a segment is
//! searched with a margin of its neighbours' text each side, so a word the cut splits is
//! found once (in the segment it starts in, its range running past that segment's text, with
//! the part in the next segment given apart as a spill, for drawing), whole words and line
//! anchors see the line's real neighbours and ends, and the count is what `grep -o` finds.

use super::hits::Hit;
use super::paragraph_hits::near_in_paragraphs;
use super::unit_text;
use crate::corpus::source::Source;
use crate::search::text::terms::ContentTerm;

/// How much of the line after a chunk's last segment is read to finish a phrase begun there.
const NEXT_LINE_BYTES: usize = 4096;

/// Hits found in segments: the hits (one per match, in text order) and the spills (the part
/// of a hit that runs past a cut into the next segment, by that segment's start).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    pub hits: Vec<Hit>,
    pub spills: Vec<Hit>,
}

/// Every hit of `terms` in `segments` (start, end offsets), whose bytes are in `bytes` from
/// offset `base` (with the bytes before and after them that cuts need), in text order with
/// overlaps joined.
pub(super) fn find_in_segments(
    source: &Source,
    bytes: &[u8],
    base: u64,
    segments: &[(u64, u64)],
    all_terms: &[ContentTerm],
) -> Found {
    let slice = |start: u64, end: u64| &bytes[(start - base) as usize..(end - base) as usize];
    let texts: Vec<String> = segments
        .iter()
        .map(|&(start, end)| unit_text(source, slice(start, end), start))
        .collect();
    let text_end = base + bytes.len() as u64 >= source.size();
    let ends_line_at = |start: u64, end: u64| {
        slice(start, end).ends_with(b"\n") || (text_end && end >= source.size())
    };
    let mut found = Found::default();
    // Words near each other are found a paragraph at a time; the other terms line by line.
    let near: Vec<&ContentTerm> = all_terms.iter().filter(|term| term.is_near()).collect();
    if !near.is_empty() {
        let ends: Vec<bool> = segments
            .iter()
            .map(|&(start, end)| ends_line_at(start, end))
            .collect();
        near_in_paragraphs(segments, &texts, &ends, &near, &mut found);
    }
    let others: Vec<ContentTerm>;
    let terms: &[ContentTerm] = match near.is_empty() {
        true => all_terms,
        false => {
            others = all_terms.iter().filter(|t| !t.is_near()).cloned().collect();
            &others
        }
    };
    let margin = margin_for(terms);
    // For each term, how much of the segment's text is inside its last hit found before it
    // (one that ran past a cut): the search goes on from there, as one search through the
    // whole line would, so a run of the term's letters is counted as `grep -o` counts it.
    let mut taken: Vec<usize> = vec![0; terms.len()];
    for (index, (&(start, end), text)) in segments.iter().zip(&texts).enumerate() {
        let before = ((start - base) as usize).checked_sub(1);
        let starts_line = start == 0 || before.and_then(|at| bytes.get(at)) == Some(&b'\n');
        let ends_line = ends_line_at(start, end);
        let (cut_before, cut_after) = (!starts_line, !ends_line);
        if !cut_before && !cut_after {
            // A whole line (the common case): searched on its own.
            found.hits.extend(
                terms
                    .iter()
                    .flat_map(|term| term.ranges_in(text))
                    .map(|range| Hit { start, range }),
            );
            taken.fill(0);
            continue;
        }
        // A piece of a long line: searched with its neighbours' text around it. After the
        // segment before it in this stretch, the search goes on where that one's left off (a
        // character before is context); the first of a stretch starts a margin before itself.
        let chained = cut_before && index > 0;
        let left = match (cut_before, index.checked_sub(1)) {
            (false, _) => String::new(),
            (true, Some(previous)) => tail(&texts[previous], 4).to_string(),
            (true, None) => {
                let from = (start - base).saturating_sub(margin as u64 + 4) as usize;
                let before = unit_text(
                    source,
                    &bytes[from..(start - base) as usize],
                    base + from as u64,
                );
                tail(&before, margin).to_string()
            }
        };
        if !chained {
            taken.fill(0);
        }
        // The segments after it on the line, as far as a match can reach: their starts and
        // how much of each the right margin holds.
        let mut right = String::new();
        let mut following: Vec<(u64, usize)> = Vec::new();
        let mut right_ends_line = !cut_after;
        let mut next = index + 1;
        while cut_after && right.len() < margin {
            let room = margin - right.len();
            let (next_start, next_text, next_ends, more) = match segments.get(next) {
                Some(&(next_start, next_end)) => (
                    next_start,
                    std::borrow::Cow::Borrowed(texts[next].as_str()),
                    ends_line_at(next_start, next_end),
                    true,
                ),
                None => {
                    let from = match segments.last() {
                        Some(&(_, last_end)) => last_end,
                        None => break,
                    };
                    let rest = bytes.get((from - base) as usize..).unwrap_or_default();
                    let until = rest.len().min(room + 4);
                    let whole = until == rest.len() && text_end;
                    let after = unit_text(source, &rest[..until], from);
                    (from, std::borrow::Cow::Owned(after), whole, false)
                }
            };
            let piece = head(&next_text, room);
            right.push_str(piece);
            following.push((next_start, piece.len()));
            if piece.len() == next_text.len() && next_ends {
                right_ends_line = true;
                break;
            }
            if piece.len() < next_text.len() || !more {
                break;
            }
            next += 1;
        }
        let composite = format!("{left}{text}{right}");
        let own = left.len()..left.len() + text.len();
        for (term_index, term) in terms.iter().enumerate() {
            if term.spans_lines() {
                found.hits.extend(
                    term.ranges_in(text)
                        .into_iter()
                        .map(|range| Hit { start, range }),
                );
                continue;
            }
            let already = taken[term_index];
            if already >= text.len() {
                // A hit before it covers the whole segment.
                taken[term_index] = already - text.len();
                continue;
            }
            let from = if chained { own.start + already } else { 0 };
            let ranges = term.ranges_in_part(&composite, from, !cut_before, right_ends_line);
            let mut spilled = 0;
            for range in ranges
                .into_iter()
                .filter(|range| own.contains(&range.start))
            {
                if range.end > own.end {
                    spilled = range.end - own.end;
                    let mut rest = spilled;
                    for &(next_start, length) in &following {
                        found.spills.push(Hit {
                            start: next_start,
                            range: 0..rest.min(length),
                        });
                        if rest <= length {
                            break;
                        }
                        rest -= length;
                    }
                }
                found.hits.push(Hit {
                    start,
                    range: range.start - own.start..range.end - own.start,
                });
            }
            taken[term_index] = spilled;
        }
    }
    phrases_across(source, bytes, base, segments, &texts, terms, &mut found);
    found.hits = union(std::mem::take(&mut found.hits));
    found.spills = union(std::mem::take(&mut found.spills));
    found
}

/// A phrase (or words near each other) that runs from a segment into the next, across a line
/// break or a cut in a long line: one hit, spilling into the next segment.
fn phrases_across(
    source: &Source,
    bytes: &[u8],
    base: u64,
    segments: &[(u64, u64)],
    texts: &[String],
    terms: &[ContentTerm],
    found: &mut Found,
) {
    let slice = |start: u64, end: u64| &bytes[(start - base) as usize..(end - base) as usize];
    let phrases: Vec<&ContentTerm> = terms.iter().filter(|term| term.spans_lines()).collect();
    if phrases.is_empty() {
        return;
    }
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
        // A segment that ends in a line break joins the next line across it; one cut out of
        // a long line joins it directly.
        let line_break = slice(start, end).ends_with(b"\n");
        let joiner = if line_break { "\n" } else { "" };
        let text = &texts[index];
        let joined = format!("{text}{joiner}{next_text}");
        let second_from = text.len() + joiner.len();
        for term in &phrases {
            for range in term.ranges_in(&joined) {
                if range.start < text.len() && range.end > second_from {
                    // One hit, running past its segment's text (by what it takes of the
                    // next, the line break not counted), its end given as a spill there.
                    let spilled = 0..range.end - second_from;
                    found.hits.push(Hit {
                        start,
                        range: range.start..text.len() + spilled.end,
                    });
                    found.spills.push(Hit {
                        start: next_start,
                        range: spilled,
                    });
                }
            }
        }
    }
}

/// The bytes of neighbouring text a cut segment is searched with, each side: enough for any
/// match of the terms that are not phrases (a character may take four bytes where the term's
/// takes one, when case is ignored), and the character beyond it that tells a whole word.
fn margin_for(terms: &[ContentTerm]) -> usize {
    let longest = terms
        .iter()
        .filter(|term| !term.spans_lines())
        .map(|term| term.needle().len())
        .max()
        .unwrap_or(0);
    longest * 4 + 16
}

/// The last `bytes` bytes of `text` (a little more, to start on a character).
fn tail(text: &str, bytes: usize) -> &str {
    let mut from = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    &text[from..]
}

/// The first `bytes` bytes of `text` (a little more, to end on a character).
fn head(text: &str, bytes: usize) -> &str {
    let mut to = bytes.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[..to]
}

/// Hits in text order with overlapping ones (of different terms) joined into one.
pub(super) fn union(mut hits: Vec<Hit>) -> Vec<Hit> {
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
