//! The fast way through a big document's search: a chunk of plain text (printable ASCII and
//! line breaks, as most big logs and dumps are) is searched whole, straight in its bytes, for
//! terms that are printable ASCII substrings, and only the lines with a hit are located: no
//! line is cut out, decoded or sanitized. Sanitizing plain text changes nothing but the line
//! breaks, which segments end with and which are not shown, so offsets in it are offsets in
//! the shown text. Anything else (a tab, a control, UTF-8, a line long enough to be cut into
//! segments) gives the chunk back to the careful way, segment by segment.

use super::hits::Hit;
use super::segment::SEGMENT_BYTES;
use super::segment_hits::union;
use crate::search::text::caseless::Caseless;
use crate::search::text::phrase::phrases_from;
use crate::search::text::terms::ContentTerm;
use crate::text::sanitize::is_printable_ascii;
use std::cell::RefCell;

/// How a plain term is found in bytes: its first word (the whole of a substring), and for a
/// phrase the words that must follow it.
pub struct PlainFinder {
    first: FirstWord,
    rest: Vec<String>,
    case_sensitive: bool,
}

enum FirstWord {
    /// Ignoring case, without a lowercase copy of the text.
    Caseless(Caseless),
    Exact(Box<memchr::memmem::Finder<'static>>),
}

/// The finders for `terms` if every one can be found in plain text the fast way: a substring
/// of printable ASCII, or a phrase of such words.
pub fn plain_finders(terms: &[ContentTerm]) -> Option<Vec<PlainFinder>> {
    terms
        .iter()
        .map(|term| {
            let words: Vec<&str> = match term.is_phrase() {
                true => term.words().iter().map(String::as_str).collect(),
                false if term.is_substring() => vec![term.needle()],
                false => return None,
            };
            let (first, rest) = words.split_first()?;
            if !words
                .iter()
                .all(|word| !word.is_empty() && is_printable_ascii(word))
            {
                return None;
            }
            let first = match term.is_case_sensitive() {
                true => FirstWord::Exact(Box::new(
                    memchr::memmem::Finder::new(first.as_bytes()).into_owned(),
                )),
                false => FirstWord::Caseless(term.caseless()?.clone()),
            };
            Some(PlainFinder {
                first,
                rest: rest.iter().map(|word| word.to_string()).collect(),
                case_sensitive: term.is_case_sensitive(),
            })
        })
        .collect()
}

impl PlainFinder {
    /// Every occurrence in `chunk` (`lowered` is it in lowercase), as byte ranges in order,
    /// not overlapping. A phrase's may hold a line break.
    fn find(&self, chunk: &[u8], lowered: &[u8]) -> Vec<std::ops::Range<usize>> {
        let starts: Vec<std::ops::Range<usize>> = match &self.first {
            FirstWord::Caseless(caseless) => caseless.ranges_in_lowered(lowered),
            FirstWord::Exact(exact) => {
                let length = exact.needle().len();
                exact.find_iter(chunk).map(|at| at..at + length).collect()
            }
        };
        match self.rest.is_empty() {
            true => starts,
            false => phrases_from(chunk, starts, &self.rest, !self.case_sensitive),
        }
    }
}

/// A line this close to `SEGMENT_BYTES` may hold a cut: such lines go the careful way.
pub const SAFE_LINE: usize = SEGMENT_BYTES as usize - 4;

thread_local! {
    /// The chunk lowercased, kept from one chunk to the next.
    static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The hits in `bytes[first..]`, which starts at the text's offset `position` (a segment
/// start) and ends at a segment end; None when it is not plain, or a hit is in a line long
/// enough to be cut (the careful way places those).
pub fn plain_chunk_hits(
    bytes: &[u8],
    first: usize,
    position: u64,
    finders: &[PlainFinder],
) -> Option<Vec<Hit>> {
    let chunk = bytes.get(first..)?;
    LOWERED.with_borrow_mut(|lowered| {
        if !lower_if_plain(chunk, lowered) {
            return None;
        }
        hits_in_plain(chunk, lowered, position, finders)
    })
}

/// The hits of `finders` in a plain chunk (`lowered`, lowercase) at offset `position`.
fn hits_in_plain(
    chunk: &[u8],
    lowered: &[u8],
    position: u64,
    finders: &[PlainFinder],
) -> Option<Vec<Hit>> {
    let mut hits = Vec::new();
    // A hit within one line: its segment is the line.
    let mut place = |range: std::ops::Range<usize>| {
        let line = memchr::memrchr(b'\n', &chunk[..range.start]).map_or(0, |newline| newline + 1);
        if range.end - line > SAFE_LINE {
            return false;
        }
        hits.push(Hit {
            start: position + line as u64,
            range: range.start - line..range.end - line,
        });
        true
    };
    for finder in finders {
        for range in finder.find(chunk, lowered) {
            // A phrase across a line break is a hit on each line, as the careful way gives.
            let placed = match memchr::memchr(b'\n', &chunk[range.clone()]) {
                None => place(range),
                Some(newline) => {
                    let newline = range.start + newline;
                    let line_end = match chunk[..newline].last() {
                        Some(b'\r') => newline - 1,
                        _ => newline,
                    };
                    place(range.start..line_end.max(range.start)) && place(newline + 1..range.end)
                }
            };
            if !placed {
                return None;
            }
        }
    }
    if finders.len() > 1 || hits.windows(2).any(|pair| pair[0].start > pair[1].start) {
        hits = union(hits);
    }
    Some(hits)
}

/// Lowercases `chunk` into `lowered` and says whether it is plain (printable ASCII and line
/// breaks, `\n` or `\r\n`; a tab, a control or a lone `\r`, shown as `␍`, would shift
/// offsets), in one pass: each 64 bytes are checked and lowercased while they are in the cache, both without
/// branching, which the compiler turns into vector instructions.
fn lower_if_plain(chunk: &[u8], lowered: &mut Vec<u8>) -> bool {
    lowered.clear();
    let mut outside = 0u8;
    for block in chunk.chunks(64) {
        outside |= block.iter().fold(0u8, |any, &byte| any | not_plain(byte));
        lowered.extend(
            block
                .iter()
                .map(|&byte| byte | (u8::from(byte.wrapping_sub(b'A') < 26) << 5)),
        );
    }
    !chunk.is_empty() && outside == 0 && lone_carriage_return(chunk).is_none()
}

/// 1 for a byte that is neither printable ASCII nor a line break's (`\n`, `\r`), else 0.
fn not_plain(byte: u8) -> u8 {
    u8::from(byte.wrapping_sub(0x20) >= 0x5f) & u8::from(byte != b'\n') & u8::from(byte != b'\r')
}

/// Where a `\r` not followed by `\n` is, if there is one.
fn lone_carriage_return(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'\r', bytes).find(|&at| bytes.get(at + 1) != Some(&b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a chunk is plain, or with `lines` false, a term fit for the fast way.
    fn is_plain(bytes: &[u8], lines: bool) -> bool {
        match lines {
            true => lower_if_plain(bytes, &mut Vec::new()),
            false => std::str::from_utf8(bytes).is_ok_and(is_printable_ascii) && !bytes.is_empty(),
        }
    }

    #[test]
    fn plain_is_printable_ascii_and_line_breaks() {
        assert!(is_plain(b"a b\r\nc\n", true));
        assert!(!is_plain(b"a b\r\nc\n", false));
        assert!(!is_plain(b"a\rb", true), "a lone carriage return");
        assert!(!is_plain(b"a\tb", true));
        assert!(!is_plain("café".as_bytes(), true));
        assert!(!is_plain(b"", true));
        let long = [b"x".repeat(200), b"\x7f".to_vec()].concat();
        assert!(!is_plain(&long, true), "past the first block");
        let mut lowered = Vec::new();
        assert!(lower_if_plain(b"AbZ [@`{]\r\n", &mut lowered));
        assert_eq!(lowered, b"abz [@`{]\r\n");
        assert!(!lower_if_plain(&long, &mut lowered));
    }
}
