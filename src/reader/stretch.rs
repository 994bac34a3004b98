//! A big document's search goes through it a stretch at a time: about `CHUNK_BYTES`, from
//! the first segment start at or after a multiple of it to the first at or after the next
//! (see `segment::first_start_from`), read with the bytes before it that cuts depend on and
//! the window its last segment may need. Where a stretch starts and ends depends only on the
//! bytes around its two multiples, so every stretch is read, placed and searched on its own,
//! on every core at once.

use super::segment::{
    LOOKBEHIND_BYTES, SEGMENT_BYTES, WINDOW_BYTES, first_start_from, segment_end,
};
use crate::corpus::source::Source;
use std::io;

/// Bytes in a stretch, about (a report, and a look at whether the search is still wanted,
/// follow each). A multiple of `SEGMENT_BYTES`, so stretches start where cuts may be.
pub(super) const CHUNK_BYTES: u64 = 2 << 20;

/// Bytes read past a stretch's nominal end: enough to find where its last segment ends, and
/// that segment's window.
const READ_PAST: u64 = SEGMENT_BYTES + 8 + WINDOW_BYTES;

/// A stretch of the text to search, whose bytes (read by [`read_stretch`]) start at `base`:
/// with the lookbehind that cuts need and the window its last segment may need. `first` is
/// the offset of its start in them (the text's `position`, a segment start) and `end` that
/// of its end (a segment end).
pub(super) struct Stretch {
    pub base: u64,
    pub first: usize,
    pub position: u64,
    pub end: usize,
}

/// How many stretches a text of `size` bytes has.
pub(super) fn stretch_count(size: u64) -> u64 {
    size.div_ceil(CHUNK_BYTES)
}

/// Reads stretch `number` of `source` into `bytes` and places it.
pub(super) fn read_stretch(
    source: &Source,
    number: u64,
    utf8: bool,
    bytes: &mut Vec<u8>,
) -> io::Result<Stretch> {
    let size = source.size();
    let nominal = number * CHUNK_BYTES;
    let base = nominal.saturating_sub(LOOKBEHIND_BYTES);
    source.read_into(base..nominal + CHUNK_BYTES + READ_PAST, bytes)?;
    // A file that shrank since it was opened ends where its bytes do.
    let text_end = size.min(base + bytes.len() as u64);
    let position = first_start_from(bytes, base, nominal, text_end, utf8).max(base);
    let end = first_start_from(bytes, base, nominal + CHUNK_BYTES, text_end, utf8).max(position);
    Ok(Stretch {
        base,
        first: (position - base) as usize,
        position,
        end: (end - base) as usize,
    })
}

/// The segments (start, end) that start in `bytes` from `first` up to offset `chunk_end`.
pub(super) fn carve(
    bytes: &[u8],
    base: u64,
    first: usize,
    chunk_end: u64,
    utf8: bool,
) -> Vec<(u64, u64)> {
    let mut segments = Vec::new();
    let mut at = first;
    while base + (at as u64) < chunk_end && at < bytes.len() {
        let start = base + at as u64;
        // `segment_end` wants at most the lookbehind before the start.
        let window_base = at.saturating_sub(LOOKBEHIND_BYTES as usize);
        let window_end = (at + WINDOW_BYTES as usize).min(bytes.len());
        let window = &bytes[window_base..window_end];
        let end = segment_end(window, base + window_base as u64, start, utf8);
        segments.push((start, end));
        at = (end - base) as usize;
    }
    segments
}
