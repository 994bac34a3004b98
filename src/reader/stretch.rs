//! A big document's search goes through it a stretch at a time: about `CHUNK_BYTES` read in
//! one go, ending where a segment ends (at a line break, or for a line long enough to be cut,
//! where the cut is), with the bytes before it that cuts depend on. Where a stretch ends is
//! found by the one thread reading, so the stretches can be searched on every core.

use super::plain_scan::SAFE_LINE;
use super::segment::{LOOKBEHIND_BYTES, WINDOW_BYTES, segment_end};
use crate::corpus::source::Source;
use std::io;

/// Bytes read for a stretch (a report, and a look at whether the search is still wanted,
/// follow each).
pub const CHUNK_BYTES: u64 = 2 << 20;

/// A stretch of the text to search: its bytes from `base` (with the lookbehind that cuts need
/// and the window its last segment may need), the offset of its start in them (`first`, the
/// text's `position`, a segment start) and of its end (`end`, a segment end).
pub struct Stretch {
    pub bytes: Vec<u8>,
    pub base: u64,
    pub first: usize,
    pub position: u64,
    pub end: usize,
}

/// Reads the stretch of text that starts at `position` (a segment start): about
/// `CHUNK_BYTES`, to the end of the segment holding its last byte. That is the end of the
/// line, unless the line is long enough to be cut, when the segments are carved to find it.
pub fn read_stretch(source: &mut Source, position: u64, utf8: bool) -> io::Result<Stretch> {
    let size = source.size();
    let chunk_end = (position + CHUNK_BYTES).min(size);
    // Cuts need the bytes before the chunk, and its last segment may run past its end.
    let base = position.saturating_sub(LOOKBEHIND_BYTES);
    let bytes = source.bytes(base..chunk_end + WINDOW_BYTES)?.into_owned();
    let first = (position - base) as usize;
    if first >= bytes.len() {
        // The file shrank since it was opened: nothing more to search.
        let end = bytes.len();
        return Ok(Stretch {
            bytes,
            base,
            first,
            position,
            end,
        });
    }
    let at_text_end = base + bytes.len() as u64 >= size;
    let last_byte = ((chunk_end - base) as usize).saturating_sub(1).max(first);
    let line_end = match memchr::memchr(b'\n', bytes.get(last_byte..).unwrap_or_default()) {
        Some(newline) => Some(last_byte + newline + 1),
        None if at_text_end => Some(bytes.len()),
        None => None,
    };
    let line_start = memchr::memrchr(b'\n', &bytes[first..last_byte.min(bytes.len())])
        .map_or(first, |at| first + at + 1);
    let end = match line_end {
        Some(end) if end - line_start <= SAFE_LINE => end,
        _ => carve(&bytes, base, first, chunk_end, utf8)
            .last()
            .map_or(bytes.len(), |&(_, end)| (end - base) as usize),
    };
    let end = end.max(first.min(bytes.len()));
    Ok(Stretch {
        bytes,
        base,
        first,
        position,
        end,
    })
}

/// The segments (start, end) that start in `bytes` from `first` up to offset `chunk_end`.
pub fn carve(bytes: &[u8], base: u64, first: usize, chunk_end: u64, utf8: bool) -> Vec<(u64, u64)> {
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
