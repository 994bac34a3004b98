//! The fast way through a big document's search: a chunk of text shown as it is — valid UTF-8
//! with no character the sanitizer changes (no control but line breaks, no tab, no format or
//! bidi character, no lone `\r`): real prose in any language, and most big logs and dumps — is
//! searched whole, straight in its bytes, and only the lines with a hit are located: no line
//! is cut out, decoded or sanitized. Offsets in such text are offsets in the shown text. A
//! term that ignores case is found by [`Caseless`] (each character's cases), one that does not
//! by memchr's memmem. Anything else (a tab, a control, a legacy encoding, a line long enough
//! to be cut into segments, a character whose lowercase is longer) gives the chunk back to the
//! careful way, segment by segment.

use super::hits::Hit;
use super::segment::SEGMENT_BYTES;
use super::segment_hits::union;
use crate::search::text::caseless::{Caseless, lowercase_may_differ};
use crate::search::text::phrase::phrases_from;
use crate::search::text::terms::ContentTerm;
use crate::text::sanitize::{sanitize_line, unshown_lines};

/// How a term is found in bytes: its first word (the whole of a substring), and for a phrase
/// the words that must follow it.
pub(super) struct PlainFinder {
    first: FirstWord,
    rest: Vec<String>,
    case_sensitive: bool,
}

enum FirstWord {
    /// Ignoring case, in the text as it is.
    Caseless(Caseless),
    Exact(Box<memchr::memmem::Finder<'static>>),
}

/// The finders for `terms` if every one can be found the fast way: a substring, or a phrase
/// (whose words after the first, when it ignores case, are ASCII: they are compared ignoring
/// ASCII case).
pub(super) fn plain_finders(terms: &[ContentTerm]) -> Option<Vec<PlainFinder>> {
    terms
        .iter()
        .map(|term| {
            let words: Vec<&str> = match term.is_phrase() {
                true => term.words().iter().map(String::as_str).collect(),
                false if term.is_substring() => vec![term.needle()],
                false => return None,
            };
            let (first, rest) = words.split_first()?;
            // A term with U+FFFD may match where bytes are not UTF-8 (shown as U+FFFD).
            if words
                .iter()
                .any(|word| word.is_empty() || word.contains('\u{FFFD}'))
            {
                return None;
            }
            if !term.is_case_sensitive() && !rest.iter().all(|word| word.is_ascii()) {
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
    /// Every occurrence in `chunk`, as byte ranges in order, not overlapping. A phrase's may
    /// hold a line break.
    fn find(&self, chunk: &[u8]) -> Vec<std::ops::Range<usize>> {
        let starts: Vec<std::ops::Range<usize>> = match &self.first {
            FirstWord::Caseless(caseless) => caseless.ranges(chunk),
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

    /// Whether the finder compares words after the first ignoring ASCII case (a phrase that
    /// ignores case).
    fn compares_ascii_case(&self) -> bool {
        !self.rest.is_empty() && !self.case_sensitive
    }
}

/// What the fast way found in a chunk: its hits, and the stretches of lines it leaves to the
/// careful way (around a line with a tab or a control, which a phrase may run into or out
/// of), as byte ranges of the chunk: each `search`ed, and its hits kept only in `keep`.
pub(super) struct PlainHits {
    pub hits: Vec<Hit>,
    /// The ends of phrases that run onto the next line (see `segment_hits`).
    pub spills: Vec<Hit>,
    pub careful: Vec<Careful>,
}

/// Lines of a chunk left to the careful way: searched from `search`, hits kept in `keep` (the
/// lines around one not shown as it is; `search` has a line more on each side, so that a
/// phrase from the line before comes whole).
pub(super) struct Careful {
    pub search: std::ops::Range<usize>,
    pub keep: std::ops::Range<usize>,
}

/// A line this close to `SEGMENT_BYTES` may hold a cut: such lines go the careful way.
pub(super) const SAFE_LINE: usize = SEGMENT_BYTES as usize - 4;

/// The hits in `bytes[first..]`, which starts at the text's offset `position` (a segment
/// start) and ends at a segment end; None when it is not UTF-8, or a hit is in a line long
/// enough to be cut (the careful way places those). The few lines that are not shown as they
/// are (a tab, a control: see [`unshown_lines`]) are searched as shown, one by one, for
/// `terms`.
pub(super) fn plain_chunk_hits(
    bytes: &[u8],
    first: usize,
    position: u64,
    finders: &[PlainFinder],
    terms: &[ContentTerm],
    utf8: bool,
) -> Option<PlainHits> {
    let chunk = bytes.get(first..)?;
    // Text in a legacy encoding is only itself where it is ASCII.
    if chunk.is_empty() || (!utf8 && !chunk.is_ascii()) {
        return None;
    }
    let caseless = finders
        .iter()
        .any(|finder| matches!(finder.first, FirstWord::Caseless(_)));
    if caseless && lowercase_may_differ(chunk) {
        return None;
    }
    // The Kelvin sign is a `k` to a lowercase comparison, not to an ASCII one.
    let ascii_case = finders.iter().any(PlainFinder::compares_ascii_case);
    if ascii_case && memchr::memmem::find(chunk, "\u{212A}".as_bytes()).is_some() {
        return None;
    }
    let unshown = unshown_lines(chunk);
    // Mostly such lines, or a phrase that might run into one: the careful way.
    let unshown_bytes: usize = unshown.iter().map(|line| line.len()).sum();
    let phrases = finders.iter().any(|finder| !finder.rest.is_empty());
    if unshown_bytes > chunk.len() / 4 {
        return None;
    }
    let (mut hits, spills) = hits_in_plain(chunk, position, finders, &unshown)?;
    if phrases && !unshown.is_empty() {
        // A phrase may run from a line into one not shown as it is, or out of it: the lines
        // around each such line go the careful way, the rest of the chunk stays fast.
        let careful = careful_windows(chunk, &unshown)?;
        let left = |hit: &Hit| {
            let at = (hit.start - position) as usize;
            !careful.iter().any(|window| window.keep.contains(&at))
        };
        hits.retain(left);
        let spills = spills.into_iter().filter(|spill| left(spill)).collect();
        return Some(PlainHits {
            hits,
            spills,
            careful,
        });
    }
    for line in &unshown {
        if line.len() > SAFE_LINE {
            return None;
        }
        let shown = sanitize_line(&String::from_utf8_lossy(&chunk[line.clone()]));
        let start = position + line.start as u64;
        hits.extend(
            terms
                .iter()
                .flat_map(|term| term.ranges_in(&shown))
                .map(|range| Hit { start, range }),
        );
    }
    if !unshown.is_empty() {
        hits = union(hits);
    }
    Some(PlainHits {
        hits,
        spills,
        careful: Vec::new(),
    })
}

/// The stretches left to the careful way around the `unshown` lines of `chunk`: from the line
/// before each to the line after it kept, a line more on each side searched; overlapping ones
/// joined. None when one of those lines is long enough to be cut (the whole chunk goes the
/// careful way).
fn careful_windows(chunk: &[u8], unshown: &[std::ops::Range<usize>]) -> Option<Vec<Careful>> {
    // The start of the line before the one starting at `at`, and the end (past its line
    // break) of the line after the one ending at `at`.
    let before = |at: usize| match at {
        0 => 0,
        at => memchr::memrchr(b'\n', &chunk[..at - 1]).map_or(0, |newline| newline + 1),
    };
    let after = |at: usize| match memchr::memchr(b'\n', &chunk[at.min(chunk.len())..]) {
        Some(newline) => at + newline + 1,
        None => chunk.len(),
    };
    let mut windows: Vec<Careful> = Vec::new();
    for line in unshown {
        let start = before(line.start);
        let end =
            memchr::memchr(b'\n', &chunk[line.start..]).map_or(chunk.len(), |n| line.start + n + 1);
        let keep = before(line.start)..after(end);
        let search = before(start)..after(keep.end);
        if search.len() > 5 * SAFE_LINE {
            return None;
        }
        match windows.last_mut() {
            Some(last) if last.search.end >= search.start => {
                last.search.end = search.end;
                last.keep.end = keep.end;
            }
            _ => windows.push(Careful { search, keep }),
        }
    }
    let long = |window: &Careful| {
        chunk[window.search.clone()]
            .split(|&byte| byte == b'\n')
            .any(|line| line.len() > SAFE_LINE)
    };
    (!windows.iter().any(long)).then_some(windows)
}

/// The hits of `finders` in a chunk at offset `position`, but for those in the `unshown`
/// lines (in order), which are searched apart; and the spills of those that run onto the
/// next line.
fn hits_in_plain(
    chunk: &[u8],
    position: u64,
    finders: &[PlainFinder],
    unshown: &[std::ops::Range<usize>],
) -> Option<(Vec<Hit>, Vec<Hit>)> {
    let mut hits = Vec::new();
    let mut spills = Vec::new();
    // The line last found UTF-8, and how far: the chunk is not checked whole, only the lines
    // with a hit, up to the hit (a byte that is not UTF-8 before it would shift it).
    let mut checked = (usize::MAX, 0);
    // A hit within one line (its segment), running `past` bytes into the next line.
    let mut place = |range: std::ops::Range<usize>, past: usize| {
        let line = memchr::memrchr(b'\n', &chunk[..range.start]).map_or(0, |newline| newline + 1);
        if range.end - line > SAFE_LINE {
            return false;
        }
        let from = if checked.0 == line { checked.1 } else { line };
        if from < range.end {
            if simdutf8::basic::from_utf8(&chunk[from..range.end]).is_err() {
                return false;
            }
            checked = (line, range.end);
        }
        let in_unshown = unshown
            .binary_search_by(|unshown| {
                if unshown.end < range.start {
                    std::cmp::Ordering::Less
                } else if unshown.start > range.start {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok();
        if in_unshown {
            return true;
        }
        hits.push(Hit {
            start: position + line as u64,
            range: range.start - line..range.end - line + past,
        });
        true
    };
    for finder in finders {
        for range in finder.find(chunk) {
            // A phrase across a line break is one hit running past its line, its end a
            // spill on the next, as the careful way gives.
            let placed = match memchr::memchr(b'\n', &chunk[range.clone()]) {
                None => place(range, 0),
                Some(newline) => {
                    let newline = range.start + newline;
                    let line_end = match chunk[..newline].last() {
                        Some(b'\r') => newline - 1,
                        _ => newline,
                    };
                    let past = range.end - (newline + 1);
                    spills.push(Hit {
                        start: position + newline as u64 + 1,
                        range: 0..past,
                    });
                    place(range.start..line_end.max(range.start), past)
                }
            };
            if !placed {
                return None;
            }
        }
    }
    if finders.len() > 1 || hits.windows(2).any(|pair| pair[0].start > pair[1].start) {
        hits = union(hits);
        spills = union(spills);
    }
    Some((hits, spills))
}

#[cfg(test)]
mod tests {
    use crate::text::sanitize::unshown_lines;

    /// True when `text` is shown exactly as it is, line by line.
    fn is_shown_as_is(text: &str) -> bool {
        unshown_lines(text.as_bytes()).is_empty()
    }

    #[test]
    fn text_shown_as_it_is_is_prose_in_any_language_and_line_breaks() {
        assert!(is_shown_as_is("a b\r\nc\n"));
        assert!(is_shown_as_is("Straße “quoted” £1bn Łódź ΣΑΣ 東京\n"));
        assert!(!is_shown_as_is("a\rb"), "a lone carriage return");
        assert!(!is_shown_as_is("a\tb"));
        assert!(!is_shown_as_is("zero\u{200B}width"));
        assert!(!is_shown_as_is("soft\u{AD}hyphen"));
        assert!(!is_shown_as_is("c1 \u{85} control"));
        let long = "x".repeat(200) + "\x7f";
        assert!(!is_shown_as_is(&long), "past the first block");
        assert!(is_shown_as_is(""));
        // The lines not shown as they are, without their line breaks.
        let text = "clean\r\ntab\there\nclean\nzero\u{200B}\r\nlast\x07";
        let lines: Vec<&str> = unshown_lines(text.as_bytes())
            .iter()
            .map(|l| &text[l.clone()])
            .collect();
        assert_eq!(lines, ["tab\there", "zero\u{200B}", "last\x07"]);
    }
}
