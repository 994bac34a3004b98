//! Scanning a document for terms: every match of any of them in its sanitized text, segment
//! by segment, chunk by chunk, with a fast path for plain ASCII text; and the scan of a big
//! document as background work, reporting its hits as it goes.

use super::segment::{LOOKBEHIND_BYTES, WINDOW_BYTES, segment_end, strip_line_break_bytes};
use super::segment_hits::{find_in_segments, union};
use crate::corpus::source::Source;
use crate::search::text::terms::ContentTerm;
use std::io;
use std::ops::Range;
use std::time::{Duration, Instant};

/// A match: a byte range in the sanitized text of the segment that starts at `start`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: u64,
    pub range: Range<usize>,
}

/// Bytes scanned between two reports (and checks for cancellation).
const CHUNK_BYTES: u64 = 1 << 20;

/// The most matches a search keeps (about 100 MB of them): a search for "e" in a gigabyte
/// stops there rather than take memory in proportion to the file.
pub const MAX_HITS: usize = 4_000_000;

/// Finds every match of any of `terms` in `source` (where two overlap, their union is one
/// match), calling `found` with the hits of each chunk and how far the scan has got. Stops
/// early, without error, when `cancelled` turns true. Returns true when it stopped at
/// `MAX_HITS`.
pub fn scan(
    source: &mut Source,
    terms: &[ContentTerm],
    cancelled: &dyn Fn() -> bool,
    mut found: impl FnMut(Vec<Hit>, u64),
) -> io::Result<bool> {
    let mut kept = 0;
    let size = source.size();
    let utf8 = source.is_utf8();
    // Substrings of printable ASCII can be found in plain chunks without cutting them up.
    let plain_terms = terms
        .iter()
        .all(|term| term.is_substring() && is_plain(term.needle().as_bytes(), false));
    let mut scratch = Vec::new();
    let mut position = 0;
    while position < size && !cancelled() {
        let chunk_end = (position + CHUNK_BYTES).min(size);
        // Cuts need the bytes before the chunk, and its last segment may run past its end.
        let base = position.saturating_sub(LOOKBEHIND_BYTES);
        let bytes = source.bytes(base..chunk_end + WINDOW_BYTES)?.into_owned();
        let first = (position - base) as usize;
        if first >= bytes.len() {
            break;
        }
        let segments = carve(&bytes, base, first, chunk_end, utf8);
        let last = segments
            .last()
            .map_or(first, |&(_, end)| (end - base) as usize);
        let chunk = &bytes[first..last];
        let hits = if plain_terms && is_plain(chunk, true) {
            find_in_plain_chunk(chunk, position, &segments, terms, &mut scratch)
        } else {
            find_in_segments(source, &bytes, base, &segments, terms)
        };
        position = base + last as u64;
        let mut hits = hits;
        let capped = kept + hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS - kept);
        kept += hits.len();
        found(hits, position);
        if capped {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A search of a big document, to run in the background: a second handle on its text, what
/// to find, and which of the reader's searches it is.
pub struct DocumentSearch {
    pub generation: u64,
    pub source: Source,
    pub terms: Vec<ContentTerm>,
}

impl std::fmt::Debug for DocumentSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentSearch")
            .field("generation", &self.generation)
            .field("size", &self.source.size())
            .finish()
    }
}

/// What a background search found since it last reported, and how far it has got.
#[derive(Debug, Default)]
pub struct DocumentHits {
    pub generation: u64,
    pub hits: Vec<Hit>,
    /// Bytes searched so far.
    pub scanned: u64,
    pub done: bool,
    /// True when it stopped at `MAX_HITS`.
    pub capped: bool,
    pub error: Option<String>,
}

/// How often a background search reports its progress.
const REPORT_EVERY: Duration = Duration::from_millis(50);

/// Runs `search`, giving `report` the hits found so far: the first ones at once, then every
/// `REPORT_EVERY`, and everything once done. A search that turns `stale` stops, unreported.
pub fn search_in_background(
    mut search: DocumentSearch,
    stale: &dyn Fn() -> bool,
    report: &dyn Fn(DocumentHits),
) {
    let generation = search.generation;
    let mut found = DocumentHits {
        generation,
        ..DocumentHits::default()
    };
    let mut last_report = Instant::now();
    let mut any_hits = false;
    let scanned = scan(&mut search.source, &search.terms, stale, |hits, scanned| {
        let first_hits = !any_hits && !hits.is_empty();
        any_hits |= first_hits;
        found.hits.extend(hits);
        found.scanned = scanned;
        if first_hits || last_report.elapsed() >= REPORT_EVERY {
            last_report = Instant::now();
            let reported = DocumentHits {
                generation,
                hits: std::mem::take(&mut found.hits),
                scanned,
                ..DocumentHits::default()
            };
            report(reported);
        }
    });
    if stale() {
        return;
    }
    found.done = true;
    match scanned {
        Ok(capped) => found.capped = capped,
        Err(error) => found.error = Some(error.to_string()),
    }
    report(found);
}

/// The segments (start, end) that start in `bytes` from `first` up to offset `chunk_end`.
fn carve(bytes: &[u8], base: u64, first: usize, chunk_end: u64, utf8: bool) -> Vec<(u64, u64)> {
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

/// True for printable ASCII, and line breaks (`\n`, `\r\n`) when `lines`. Sanitizing such
/// text changes nothing but the line breaks, which segments end with and which are not shown,
/// so offsets in it are offsets in the shown text. A tab, a control or a lone `\r` (shown as
/// `␍`, three bytes) would shift them.
fn is_plain(bytes: &[u8], lines: bool) -> bool {
    !bytes.is_empty()
        && bytes.iter().enumerate().all(|(at, &byte)| match byte {
            0x20..0x7f => true,
            b'\n' => lines,
            b'\r' => lines && bytes.get(at + 1) == Some(&b'\n'),
            _ => false,
        })
}

/// Every match of the printable ASCII substring `terms` in a plain chunk that starts at
/// offset `start`, each term found in one pass over the whole chunk rather than line by line.
fn find_in_plain_chunk(
    chunk: &[u8],
    start: u64,
    segments: &[(u64, u64)],
    terms: &[ContentTerm],
    lowered: &mut Vec<u8>,
) -> Vec<Hit> {
    lowered.clear();
    if terms.iter().any(|term| !term.is_case_sensitive()) {
        lowered.extend(chunk.iter().map(u8::to_ascii_lowercase));
    }
    let mut hits = Vec::new();
    for term in terms {
        let needle = term.needle().as_bytes();
        let haystack = if term.is_case_sensitive() {
            chunk
        } else {
            &lowered[..]
        };
        for found in memchr::memmem::find_iter(haystack, needle) {
            let at = start + found as u64;
            let index = segments.partition_point(|&(first, _)| first <= at) - 1;
            let (first, end) = segments[index];
            // The segment's shown text ends before its line break.
            let segment = &chunk[(first - start) as usize..(end - start) as usize];
            let shown = strip_line_break_bytes(segment).len() as u64;
            if at + needle.len() as u64 <= first + shown {
                let offset = (at - first) as usize;
                hits.push(Hit {
                    start: first,
                    range: offset..offset + needle.len(),
                });
            }
        }
    }
    if terms.len() > 1 {
        hits = union(hits);
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_hits(text: &str, term: &str) -> Vec<Hit> {
        hits_of_query(text, &terms_of(term))
    }

    fn hits_of_query(text: &str, terms: &[ContentTerm]) -> Vec<Hit> {
        let mut source = Source::text(text);
        let mut hits = Vec::new();
        let scanned = scan(&mut source, terms, &|| false, |found, _| hits.extend(found));
        assert!(scanned.is_ok());
        hits
    }

    #[test]
    fn hits_are_ranges_of_each_segments_sanitized_text() {
        let hits = all_hits("Alpha beta\n\tBETA\nnone\n", "beta");
        assert_eq!(
            hits,
            vec![
                Hit {
                    start: 0,
                    range: 6..10
                },
                // The tab became spaces before the search.
                Hit {
                    start: 11,
                    range: 8..12
                },
            ]
        );
    }

    #[test]
    fn the_prefilter_never_hides_a_match_the_sanitizer_makes() {
        // A C1 control is shown as `<U+009B>`: that text can be found.
        assert_eq!(all_hits("x\u{9b}y\n", "U+009B").len(), 1);
        assert_eq!(all_hits("plain ascii only\n", "U+009B").len(), 0);
    }

    #[test]
    fn plain_and_decoded_chunks_find_the_same_matches() {
        let plain = "Needle in a line\r\nno\nneedle needleneedle x\n".repeat(3);
        let expected: Vec<Hit> = all_hits(&plain, "needle");
        // A tab makes the chunk take the line-by-line path.
        let with_tab = format!("{plain}\t\n");
        assert_eq!(all_hits(&with_tab, "needle"), expected);
        assert_eq!(expected.len(), 12);
        assert_eq!(
            expected[1],
            Hit {
                start: 21,
                range: 0..6
            }
        );
        assert_eq!(all_hits(&plain, "in\\ a"), all_hits(&with_tab, "in\\ a"));
        assert_eq!(all_hits(&plain, "in\\ a").len(), 3);
    }

    #[test]
    fn a_lone_carriage_return_does_not_shift_matches() {
        // The `\r` is shown as `␍` (three bytes): the match is after it in the shown text.
        let hits = all_hits("x\ry needle\n", "needle");
        assert_eq!(
            hits,
            vec![Hit {
                start: 0,
                range: 6..12
            }]
        );
        assert_eq!(
            all_hits("x\r\ny needle\r\n", "needle"),
            vec![Hit {
                start: 3,
                range: 2..8
            }]
        );
    }

    #[test]
    fn chunks_do_not_lose_matches_at_their_edges() {
        let line = "abcdefghij".repeat(7) + " needle\n";
        let text = line.repeat(40_000);
        assert_eq!(all_hits(&text, "needle").len(), 40_000);
    }

    fn terms_of(query: &str) -> Vec<ContentTerm> {
        crate::search::text::terms::positive_terms(&crate::search::query::Query::parse(query))
    }

    fn found_text(text: &str, query: &str) -> Vec<String> {
        hits_of_query(text, &terms_of(query))
            .iter()
            .map(|hit| text[hit.start as usize..][hit.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_query_finds_every_term_in_text_order_with_overlaps_joined() {
        let text = "Kenya and kenyan tea\nthe tea in Kenya\n";
        assert_eq!(
            found_text(text, "tea kenya"),
            ["Kenya", "kenya", "tea", "tea", "Kenya"]
        );
        // "Kenya" has a capital, so it is case-sensitive; "nya" overlaps it and they join.
        assert_eq!(found_text(text, "Kenya nya"), ["Kenya", "nya", "Kenya"]);
        assert_eq!(found_text(text, "'tea' ^the"), ["tea", "the", "tea"]);
        assert_eq!(found_text(text, "kenya$ !tea"), ["Kenya"]);
        // A tab sends the chunk down the line-by-line path: the same hits.
        let with_tab = format!("{text}\t\n");
        for query in ["tea kenya", "Kenya nya", "'tea' ^the"] {
            assert_eq!(
                found_text(&with_tab, query),
                found_text(text, query),
                "{query}"
            );
        }
    }
}
