//! Scanning a document for terms: every match of any of them in its sanitized text, a stretch
//! at a time (`stretch`), the stretches searched on every core — plain ones the fast way
//! (`plain_scan`), others segment by segment (`segment_hits`); and the scan of a big document
//! as background work, reporting its hits as it goes.

use super::plain_scan::{PlainHits, plain_chunk_hits, plain_finders};
use super::segment_hits::{Found, find_in_segments, union};
use super::stretch::{CHUNK_BYTES, Stretch, carve, read_stretch, stretch_count};
use crate::corpus::source::Source;
use crate::search::text::terms::ContentTerm;
use crate::work::job::Ticket;
use crate::work::job::{Cadence, Cancel};
use crate::work::pool;
use std::io;
use std::ops::Range;

/// A match: a byte range in the sanitized text of the segment that starts at `start`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: u64,
    pub range: Range<usize>,
}

/// The most matches a search keeps (about 100 MB of them): a search for "e" in a gigabyte
/// stops there rather than take memory in proportion to the file.
pub(crate) const MAX_HITS: usize = 4_000_000;

/// Finds every match of any of `terms` in `source` (where two overlap, their union is one
/// match), calling `found` with the hits of each stretch (and their spills past cuts, see
/// `segment_hits`), in order, and how far the scan has got. Stops early, without error, when
/// `cancel` is set. Keeps at most `limit` hits (the reader keeps [`MAX_HITS`];
/// `--kwic`, which writes them as they come, all): returns true when it stopped there. The
/// stretches are read, placed and searched on every core, each on its own (a text of one
/// stretch, on the calling thread).
pub(crate) fn scan(
    source: &mut Source,
    terms: &[ContentTerm],
    limit: usize,
    cancel: &Cancel,
    mut found: impl FnMut(Found, u64),
) -> io::Result<bool> {
    let source: &Source = source;
    let size = source.size();
    let utf8 = source.is_utf8();
    // Substrings and phrases can be found in text shown as it is without cutting it up.
    let finders = plain_finders(terms);
    let feed = |give: &mut dyn FnMut(u64) -> bool| {
        for number in 0..stretch_count(size) {
            if cancel.is_cancelled() || !give(number) {
                return;
            }
        }
    };
    let work = |number: u64| -> io::Result<(Found, u64)> {
        STRETCH_BYTES.with_borrow_mut(|bytes| {
            let Stretch {
                base,
                first,
                position,
                end,
            } = read_stretch(source, number, utf8, bytes)?;
            let plain = finders.as_ref().and_then(|finders| {
                plain_chunk_hits(&bytes[..end], first, position, finders, terms, utf8)
            });
            let hits = match plain {
                Some(PlainHits {
                    hits,
                    spills,
                    careful,
                }) if careful.is_empty() => Found { hits, spills },
                Some(PlainHits {
                    mut hits,
                    mut spills,
                    careful,
                }) => {
                    // The lines the fast way left: searched the careful way, each window's
                    // hits kept where it keeps them.
                    let at = |offset: usize| base + (first + offset) as u64;
                    for window in careful {
                        let (from, to) = (at(window.search.start), at(window.search.end));
                        let segments = carve(bytes, base, first + window.search.start, to, utf8);
                        let keep = at(window.keep.start)..at(window.keep.end);
                        let found = find_in_segments(source, bytes, base, &segments, terms);
                        debug_assert!(from <= keep.start);
                        hits.extend(
                            found
                                .hits
                                .into_iter()
                                .filter(|hit| keep.contains(&hit.start)),
                        );
                        spills.extend(found.spills);
                    }
                    Found {
                        hits: union(hits),
                        spills: union(spills),
                    }
                }
                None => {
                    let chunk_end = base + end as u64;
                    let segments = carve(bytes, base, first, chunk_end, utf8);
                    find_in_segments(source, bytes, base, &segments, terms)
                }
            };
            Ok((hits, base + end as u64))
        })
    };
    let (mut kept, mut capped, mut failed) = (0usize, false, None);
    let mut take = |searched: io::Result<(Found, u64)>| {
        let (mut hits, position) = match searched {
            Ok(searched) => searched,
            Err(error) => {
                failed = Some(error);
                return false;
            }
        };
        capped = kept.saturating_add(hits.hits.len()) > limit;
        hits.hits.truncate(limit - kept);
        kept += hits.hits.len();
        found(hits, position);
        !capped && !cancel.is_cancelled()
    };
    if size <= CHUNK_BYTES {
        // One stretch (a document in memory, searched as the reader opens it): threads would
        // only cost their start.
        feed(&mut |number| take(work(number)));
    } else {
        pool::in_order(pool::workers(), feed, work, &mut take);
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(capped),
    }
}

thread_local! {
    /// The bytes of the stretch a thread searches, kept from one stretch to the next: a
    /// buffer of a few MiB allocated and cleared for each would cost a sixth of the search.
    static STRETCH_BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A search of a big document, to run in the background: a second handle on its text, what
/// to find, and which of the reader's searches it is.
pub struct DocumentSearch {
    pub ticket: Ticket,
    pub source: Source,
    pub terms: Vec<ContentTerm>,
}

impl std::fmt::Debug for DocumentSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentSearch")
            .field("ticket", &self.ticket)
            .field("size", &self.source.size())
            .finish()
    }
}

/// What a background search found since it last reported, and how far it has got.
#[derive(Debug, Default)]
pub struct DocumentHits {
    pub ticket: Ticket,
    pub hits: Vec<Hit>,
    /// The parts of hits that run past a cut into the next segment, for drawing.
    pub spills: Vec<Hit>,
    /// Bytes searched so far.
    pub scanned: u64,
    pub done: bool,
    /// True when it stopped at `MAX_HITS`.
    pub capped: bool,
    pub error: Option<String>,
}

/// Runs `search`, giving `report` the hits found so far: the first ones at once, then on the
/// jobs' cadence, and everything once done. A search cancelled stops, unreported.
pub fn search_in_background(
    mut search: DocumentSearch,
    cancel: &Cancel,
    report: &dyn Fn(DocumentHits),
) {
    let ticket = search.ticket;
    let mut found = DocumentHits {
        ticket,
        ..DocumentHits::default()
    };
    let mut cadence = Cadence::start();
    let mut any_hits = false;
    let scanned = scan(
        &mut search.source,
        &search.terms,
        MAX_HITS,
        cancel,
        |hits, scanned| {
            let first_hits = !any_hits && !hits.hits.is_empty();
            any_hits |= first_hits;
            found.hits.extend(hits.hits);
            found.spills.extend(hits.spills);
            found.scanned = scanned;
            if cadence.due(first_hits, 1) {
                let reported = DocumentHits {
                    ticket,
                    hits: std::mem::take(&mut found.hits),
                    spills: std::mem::take(&mut found.spills),
                    scanned,
                    ..DocumentHits::default()
                };
                report(reported);
            }
        },
    );
    if cancel.is_cancelled() {
        return;
    }
    found.done = true;
    match scanned {
        Ok(capped) => found.capped = capped,
        Err(error) => found.error = Some(error.to_string()),
    }
    report(found);
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
        let scanned = scan(&mut source, terms, MAX_HITS, &Cancel::new(), |found, _| {
            hits.extend(found.hits)
        });
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
        let text = line.repeat(120_000);
        assert_eq!(all_hits(&text, "needle").len(), 120_000);
        // Lines long enough to be cut into segments (which the careful way takes), among
        // plain ones (which the fast way takes): every hit found once, where it is.
        let long = format!(
            "{}needle {}\r\n",
            "word ".repeat(9_000),
            "more ".repeat(9_000)
        );
        let mixed = format!("{}{long}{}", line.repeat(60_000), line.repeat(1_000)).repeat(2);
        assert!(
            all_hits(&mixed, "Needle").is_empty(),
            "capitals: case-sensitive"
        );
        let hits = all_hits(&mixed, "needle");
        assert_eq!(hits.len(), 2 * 61_001);
        let at = |hit: &Hit| hit.start as usize + hit.range.start;
        assert!(
            hits.iter()
                .all(|hit| &mixed[at(hit)..at(hit) + 6] == "needle")
        );
        assert!(hits.windows(2).all(|pair| at(&pair[0]) < at(&pair[1])));
    }

    /// Every hit of `query` in `text` with its spills joined back: the text of each match.
    fn matched_texts(text: &str, query: &str) -> Vec<String> {
        let mut source = Source::text(text);
        let mut found = Found::default();
        let scanned = scan(
            &mut source,
            &terms_of(query),
            MAX_HITS,
            &Cancel::new(),
            |more, _| {
                found.hits.extend(more.hits);
                found.spills.extend(more.spills);
            },
        );
        assert!(scanned.is_ok());
        let mut spills = found.spills.iter().peekable();
        found
            .hits
            .iter()
            .map(|hit| {
                let at = hit.start as usize + hit.range.start;
                // A hit past its segment's end continues in the next segment's spill.
                let mut end = hit.start as usize + hit.range.end;
                while let Some(spill) =
                    spills.next_if(|spill| spill.start > hit.start && (spill.start as usize) <= end)
                {
                    end = spill.start as usize + spill.range.end;
                }
                text[at..end].to_string()
            })
            .collect()
    }

    #[test]
    fn a_match_a_cut_splits_in_a_long_line_is_found_once_whole() {
        // One 10 MiB line of words in which every needle's place moves by a byte, so some
        // straddle each 32 KiB cut; whole-word and anchored terms too.
        let mut line = String::new();
        let mut needles = 0;
        while line.len() < 10 << 20 {
            line.push_str("needle ");
            needles += 1;
            line.push_str(&"x".repeat(needles % 97));
            line.push(' ');
        }
        let text = format!("{line}tail\nnext line\n");
        let found = matched_texts(&text, "needle");
        assert_eq!(found.len(), needles, "every needle, once");
        assert!(found.iter().all(|hit| hit == "needle"), "whole");
        assert_eq!(matched_texts(&text, "'needle'").len(), needles);
        // No line starts or ends at a cut.
        assert!(matched_texts(&text, "^x").is_empty());
        assert!(matched_texts(&text, "^needle").len() == 1);
        assert_eq!(matched_texts(&text, "tail$"), ["tail"]);
        // A word that a cut splits is not a whole word where it is cut.
        let glued = format!("{}{}\n", "y".repeat(32 * 1024 - 3), "needles".repeat(2));
        assert_eq!(matched_texts(&glued, "'needle'").len(), 0);
        assert_eq!(matched_texts(&glued, "needle").len(), 2);
        // A run of the term's own letters, counted as one search through the line counts it
        // (grep -o: 98,304 x hold 32,768 of xxx); and a term longer than a segment, across
        // two cuts.
        let run = format!("{}\n", "x".repeat(98_304));
        assert_eq!(matched_texts(&run, "xxx").len(), 32_768);
        let dots = format!("Title\n{}\n", ".".repeat(200_000));
        assert_eq!(matched_texts(&dots, "'...'").len(), 0);
        assert_eq!(matched_texts(&dots, "...").len(), 66_666);
        let word = "x".repeat(50_000);
        let three = format!("{}\n", [word.as_str(); 3].join(" ") + &"x".repeat(10_000));
        let found = matched_texts(&three, &word);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|hit| *hit == word));
    }

    /// The hits an independent, slow reading gives: every line sanitized and searched.
    fn hits_line_by_line(text: &str, terms: &[ContentTerm]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let shown = crate::text::sanitize::sanitize_line(
                line.strip_suffix('\n')
                    .map(|l| l.strip_suffix('\r').unwrap_or(l))
                    .unwrap_or(line),
            );
            hits.extend(
                terms
                    .iter()
                    .flat_map(|term| term.ranges_in(&shown))
                    .map(|range| Hit {
                        start: start as u64,
                        range,
                    }),
            );
            start += line.len();
        }
        crate::reader::segment_hits::union(hits)
    }

    #[test]
    fn prose_in_any_language_is_searched_the_fast_way_as_line_by_line() {
        // Three megabytes of lines of real-looking words with tabs, controls, zero-width
        // spaces, CRLF, the Kelvin sign and the dotted I among them, in a fixed random order:
        // the chunks are searched the fast way where they can be, yet every hit is where a
        // line-by-line reading of the shown text puts it.
        let pieces = [
            "Straße",
            "STRASSE",
            "straẞe",
            "mädchen",
            "MÄDCHEN",
            "Mädchen",
            "\t",
            "\u{212A}enya",
            "kenya",
            "İstanbul",
            "€5",
            "“quoted”",
            "\u{200B}",
            "needle",
            "NEEDLE",
            "Łódź",
            " ",
            " ",
            " ",
            "word",
            "σας",
            "ΣΑΣ",
            "\u{1b}[31m",
            "x",
        ];
        let mut seed: u64 = 7;
        let mut next = |below: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % below
        };
        let mut lines = Vec::new();
        let mut size = 0;
        while size < 3 << 20 {
            let words: Vec<&str> = (0..next(40) + 1)
                .map(|_| pieces[next(pieces.len())])
                .collect();
            let mut line = words.join(" ");
            // Most lines are clean; some carry what the sanitizer changes.
            if next(8) != 0 {
                line.retain(|c| c != '\t' && c != '\u{200B}' && c != '\u{1b}');
            }
            // The dotted I sends a chunk the careful way: only the last of three chunks has it.
            if size < 2 << 20 {
                line.retain(|c| c != 'İ');
            }
            line.push_str(if next(10) == 0 { "\r\n" } else { "\n" });
            size += line.len();
            lines.push(line);
        }
        // And a line that is not UTF-8, whose shown text has U+FFFD where the bytes are bad.
        lines.insert(
            lines.len() / 2,
            "bad \u{FFFD}\u{FFFD} needle straße\n".to_string(),
        );
        let text = lines.concat();
        for query in [
            "straße", "mädchen", "Mädchen", "kenya", "needle", "σας", "'word'", "ß", "e s",
        ] {
            let terms = terms_of(query);
            assert_eq!(
                hits_of_query(&text, &terms),
                hits_line_by_line(&text, &terms),
                "{query}"
            );
        }
        // Phrases, also across a line break into or out of a line with a tab: the lines
        // around such a line go the careful way, the rest of the chunk the fast way; every
        // hit is where the careful way alone puts it. (Without the Kelvin sign and the dotted
        // I, which send a chunk the careful way whole.)
        let text = text.replace('\u{212A}', "K").replace('İ', "I");
        for query in [
            "\"word needle\"",
            "\"needle word\"",
            "\"x word\"",
            "\"word x\" needle",
        ] {
            let terms = terms_of(query);
            let (fast, careful) = (hits_of_query(&text, &terms), hits_careful(&text, &terms));
            let differ = fast.iter().zip(&careful).position(|(a, b)| a != b);
            assert_eq!((fast.len(), differ), (careful.len(), None), "{query}");
        }
    }

    /// The hits the careful way finds in all of `text`: every line cut into segments,
    /// sanitized and searched, phrases across line breaks too.
    fn hits_careful(text: &str, terms: &[ContentTerm]) -> Vec<Hit> {
        let source = Source::text(text);
        let bytes = text.as_bytes();
        let segments = crate::reader::stretch::carve(bytes, 0, 0, bytes.len() as u64, true);
        let found =
            crate::reader::segment_hits::find_in_segments(&source, bytes, 0, &segments, terms);
        crate::reader::segment_hits::union(found.hits)
    }

    #[test]
    fn a_file_with_bytes_that_are_not_utf8_is_searched_as_shown() -> std::io::Result<()> {
        // Lines of prose, some with a byte that is not UTF-8 before a hit (shown as U+FFFD,
        // three bytes where the file has one): every hit where the shown text has it.
        let mut bytes = Vec::new();
        for n in 0..40_000 {
            // The start is UTF-8, so the file is read as UTF-8; the bad bytes come later.
            if n < 2_000 {
                bytes.extend_from_slice("clean Straße needle line\n".as_bytes());
                continue;
            }
            match n % 7 {
                0 => bytes.extend_from_slice(b"caf\xe9 needle Stra\xdfe needle\n"),
                3 => bytes.extend_from_slice("Straße “needle” mädchen\tNEEDLE\n".as_bytes()),
                _ => bytes.extend_from_slice("plain needle and straße\n".as_bytes()),
            }
        }
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("mixed.txt");
        std::fs::write(&path, &bytes)?;
        let decoding = crate::corpus::decode::Decoding::default();
        let reach = crate::corpus::read::Reach::Following;
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for query in ["needle", "straße", "mädchen"] {
            let terms = terms_of(query);
            let mut source = Source::open(&path, reach, decoding)?.0;
            assert!(source.is_utf8());
            let mut hits = Vec::new();
            scan(&mut source, &terms, MAX_HITS, &Cancel::new(), |found, _| {
                hits.extend(found.hits)
            })?;
            // Offsets in the file and in the lossy text differ; hits are per line, so each
            // line's are compared.
            let expected = hits_line_by_line(&lossy, &terms);
            assert_eq!(hits.len(), expected.len(), "{query}");
            let differ = hits
                .iter()
                .zip(&expected)
                .position(|(a, b)| a.range != b.range);
            assert_eq!(differ, None, "{query}");
        }
        Ok(())
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
    fn a_phrase_is_found_across_one_line_break_on_both_paths() {
        // One hit for the phrase across the line break (its end a spill on the next line),
        // as the search counts it.
        let text = "the tax\r\n  claim was made\nno tax\n\nclaim here\nTAX   CLAIM\n";
        let expected = ["tax\r\n  claim", "TAX   CLAIM"];
        assert_eq!(matched_texts(text, "\"tax claim\""), expected);
        assert_eq!(
            matched_texts(&format!("{text}\t\n"), "\"tax claim\""),
            expected
        );
        assert_eq!(found_text(text, "\"Tax claim\""), Vec::<String>::new());
    }

    #[test]
    fn words_near_each_other_are_found_a_paragraph_at_a_time() {
        // As the search counts them: the match that runs onto the next line is one hit,
        // and the one it overlaps there is not another.
        let text =
            "Tax the Party as fraud mass evasion fraud in\nevasion. Tax towns\n\ntax evasion\n";
        assert_eq!(
            matched_texts(text, "tax NEAR/3 evasion"),
            ["evasion fraud in\nevasion. Tax", "tax evasion"]
        );
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
        for query in [
            "tea kenya",
            "Kenya nya",
            "'tea' ^the",
            "\"tea the\" \"KENYA and\"",
        ] {
            assert_eq!(
                found_text(&with_tab, query),
                found_text(text, query),
                "{query}"
            );
        }
    }
}
