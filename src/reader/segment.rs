//! How a text is cut into segments, the units the reader wraps and searches: a segment is one
//! line, except that a line longer than `SEGMENT_BYTES` is also cut at multiples of it. The
//! cuts depend only on the bytes around them, never on where reading started, so scrolling
//! down, up, or jumping to the end always meets the same segments — and no line, however
//! long, is ever read or wrapped whole.
//!
//! A multiple of `SEGMENT_BYTES` is a cut when the `SEGMENT_BYTES` before it hold no line
//! break (the line is already that long), moved past any UTF-8 continuation bytes. So a
//! segment is at most twice `SEGMENT_BYTES` (plus a character), and lines shorter than
//! `SEGMENT_BYTES` are never cut.

use crate::corpus::source::Source;
use std::io;

/// How long a line gets before it is cut.
pub(crate) const SEGMENT_BYTES: u64 = 32 * 1024;

/// A cut never splits a UTF-8 sequence: it moves past up to this many continuation bytes.
const MAX_CONTINUATION: u64 = 3;

/// Bytes from a segment's start that always include its end.
pub(crate) const WINDOW_BYTES: u64 = 2 * SEGMENT_BYTES + MAX_CONTINUATION + 1;

/// Bytes before a segment's start needed to tell whether a multiple is a cut.
pub(crate) const LOOKBEHIND_BYTES: u64 = SEGMENT_BYTES;

/// Where the segment that starts at `start` ends. `bytes` holds the text from `base` =
/// `start - LOOKBEHIND_BYTES` (or 0) up to `start + WINDOW_BYTES` or the end of the text.
pub(crate) fn segment_end(bytes: &[u8], base: u64, start: u64, utf8: bool) -> u64 {
    let relative = |offset: u64| (offset - base) as usize;
    let text_end = base + bytes.len() as u64;
    let line_end = memchr::memchr(b'\n', &bytes[relative(start)..])
        .map_or(text_end, |newline| start + newline as u64 + 1);
    let mut multiple = (start / SEGMENT_BYTES + 1) * SEGMENT_BYTES;
    while multiple < line_end {
        if let Some(cut) = cut_at(bytes, base, multiple, utf8) {
            return cut;
        }
        multiple += SEGMENT_BYTES;
    }
    line_end
}

/// The first segment start at or after `at`, a multiple of `SEGMENT_BYTES`: the line start
/// after the first line break from `at - 1` on, or a cut before it (at `at` or a later
/// multiple, moved past continuation bytes). `bytes` holds the text from `base` (at most
/// `at - LOOKBEHIND_BYTES`, or 0) to `at + SEGMENT_BYTES + 8` or the text's end, which is
/// `text_end`: enough, as a line that holds no break for `SEGMENT_BYTES` is cut by then.
/// Where a stretch of a search starts depends only on the bytes around it, so each stretch
/// can be read and placed on its own, in parallel.
pub(crate) fn first_start_from(bytes: &[u8], base: u64, at: u64, text_end: u64, utf8: bool) -> u64 {
    if at == 0 || at >= text_end {
        return at.min(text_end);
    }
    let relative = |offset: u64| (offset - base) as usize;
    let from = relative(at - 1);
    let line_start = memchr::memchr(b'\n', bytes.get(from..).unwrap_or_default())
        .map_or(text_end, |newline| at + newline as u64);
    let mut multiple = at;
    while multiple < line_start {
        if let Some(cut) = cut_at(bytes, base, multiple, utf8) {
            return cut.min(line_start);
        }
        multiple += SEGMENT_BYTES;
    }
    line_start
}

/// Where the multiple `at` (inside `bytes`, with its lookbehind) cuts a long line, if it does:
/// when the `SEGMENT_BYTES` before it hold no line break. The cut moves past continuation
/// bytes, and is not made at a line break: the next segment would be the bare break, shown as
/// a blank row that is not in the document.
fn cut_at(bytes: &[u8], base: u64, at: u64, utf8: bool) -> Option<u64> {
    let at = (at - base) as usize;
    let before = bytes.get(at.checked_sub(SEGMENT_BYTES as usize)?..at)?;
    if memchr::memchr(b'\n', before).is_some() {
        return None;
    }
    let cut = at + skip_continuation(bytes.get(at..)?, utf8);
    match bytes.get(cut..) {
        Some([b'\n', ..] | [b'\r', b'\n', ..]) => None,
        _ => Some(base + cut as u64),
    }
}

/// How many continuation bytes (at most `MAX_CONTINUATION`) `bytes` starts with.
fn skip_continuation(bytes: &[u8], utf8: bool) -> usize {
    if !utf8 {
        return 0;
    }
    bytes
        .iter()
        .take(MAX_CONTINUATION as usize)
        .take_while(|&&b| b & 0xC0 == 0x80)
        .count()
}

/// The segment that starts at `start`: its end (where the next one starts) and its bytes.
pub(crate) fn segment_at(source: &mut Source, start: u64) -> io::Result<(u64, Vec<u8>)> {
    let utf8 = source.is_utf8();
    let base = start.saturating_sub(LOOKBEHIND_BYTES);
    let bytes = source.bytes(base..start.saturating_add(WINDOW_BYTES))?;
    if ((start - base) as usize) >= bytes.len() {
        // The file shrank since it was opened: nothing is left here.
        return Ok((start, Vec::new()));
    }
    let end = segment_end(&bytes, base, start, utf8);
    Ok((
        end,
        bytes[(start - base) as usize..(end - base) as usize].to_vec(),
    ))
}

/// Where the segment before the one starting at `start` (> 0) starts: the later of the last
/// line break and the last cut before it. The previous segment is at most `WINDOW_BYTES`
/// long, and deciding a cut needs `LOOKBEHIND_BYTES` more.
pub(crate) fn previous_start(source: &mut Source, start: u64) -> io::Result<u64> {
    let utf8 = source.is_utf8();
    let base = start.saturating_sub(WINDOW_BYTES + LOOKBEHIND_BYTES);
    // Two bytes past `start` tell whether a cut just before it would fall on a line break.
    let bytes = source.bytes(base..start + 2)?;
    // A line break at `start - 1` ends the previous segment; it does not start it.
    let searched = bytes.get(..(start - 1 - base) as usize).unwrap_or(&bytes);
    let after_break =
        memchr::memrchr(b'\n', searched).map_or(0, |newline| base + newline as u64 + 1);
    let mut after_cut = 0;
    let mut multiple = ((start - 1) / SEGMENT_BYTES) * SEGMENT_BYTES;
    while multiple > 0 && multiple >= base + LOOKBEHIND_BYTES && multiple > after_break {
        if let Some(cut) = cut_at(&bytes, base, multiple, utf8).filter(|&cut| cut < start) {
            after_cut = cut;
            break;
        }
        multiple -= SEGMENT_BYTES;
    }
    Ok(after_break.max(after_cut))
}

/// A segment's text without its line break, ready to sanitize.
pub(crate) fn strip_line_break(text: &str) -> &str {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.strip_suffix('\r').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every segment start found by walking forward from 0.
    fn forward(source: &mut Source) -> Vec<u64> {
        let mut starts = Vec::new();
        let mut at = 0;
        while at < source.size() {
            starts.push(at);
            at = segment_at(source, at)
                .map(|(end, _)| end)
                .unwrap_or(u64::MAX);
        }
        starts
    }

    fn backward(source: &mut Source) -> Vec<u64> {
        let mut starts = Vec::new();
        let last = *forward(source).last().unwrap_or(&0);
        let mut at = last;
        starts.push(at);
        while at > 0 {
            at = previous_start(source, at).unwrap_or(0);
            starts.push(at);
        }
        starts.reverse();
        starts
    }

    #[test]
    fn short_lines_are_one_segment_each() {
        let mut source = Source::text("one\ntwo\r\n\nthree");
        assert_eq!(forward(&mut source), vec![0, 4, 9, 10]);
        assert_eq!(backward(&mut source), vec![0, 4, 9, 10]);
        let (_, bytes) = segment_at(&mut source, 4).unwrap_or_default();
        assert_eq!(strip_line_break(&String::from_utf8_lossy(&bytes)), "two");
    }

    #[test]
    fn a_long_line_is_cut_at_multiples_without_splitting_characters() {
        // 'é' is two bytes, so multiples of the segment size fall inside one every other time.
        let line = "é".repeat(100_000);
        let text = format!("start\n{line}\nend\n");
        let mut source = Source::text(&text);
        let starts = forward(&mut source);
        assert_eq!(starts, backward(&mut source), "the same cuts both ways");
        for pair in starts.windows(2) {
            assert!(pair[1] - pair[0] <= WINDOW_BYTES);
            assert!(text.is_char_boundary(pair[1] as usize));
        }
        assert!(starts.len() > 4);
    }

    #[test]
    fn lines_shorter_than_a_segment_are_never_cut() {
        let text = "x".repeat(77) + "\n";
        let mut source = Source::text(&text.repeat(10_000));
        let starts = forward(&mut source);
        assert_eq!(starts.len(), 10_000);
        assert!(starts.iter().all(|start| start % 78 == 0));
        assert_eq!(backward(&mut source), starts);
    }

    #[test]
    fn a_cut_never_leaves_a_bare_line_break() {
        for ending in ["\n", "\r\n"] {
            for before in ["", "é"] {
                // The line's break falls exactly on a multiple (after the continuation byte).
                let long = "x".repeat(2 * SEGMENT_BYTES as usize - before.len() / 2) + before;
                let text = format!("{long}{ending}next\n");
                let mut source = Source::text(&text);
                let starts = forward(&mut source);
                assert_eq!(starts, backward(&mut source));
                // The text has no empty line, so no segment may show as one.
                for pair in starts.windows(2) {
                    let segment = &text[pair[0] as usize..pair[1] as usize];
                    assert!(
                        !strip_line_break(segment).is_empty(),
                        "{ending:?} {before:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn cuts_and_line_breaks_agree_wherever_they_fall() {
        // Lines of every length around the segment size, mixing one- and three-byte chars.
        let mut text = String::new();
        for n in [
            32_767, 32_768, 32_769, 10, 65_536, 65_537, 3, 98_304, 200_000,
        ] {
            let unit = if n % 2 == 0 { "a" } else { "€" };
            text.push_str(&unit.repeat(n / unit.len()));
            text.push('\n');
        }
        let mut source = Source::text(&text);
        assert_eq!(forward(&mut source), backward(&mut source));
    }
}
