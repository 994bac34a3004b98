//! Scanning the documents' text for a query's terms on every core, and tallying what was found
//! into matches ranked by relevance (BM25). Documents the word index answers for are not read.

use super::index::TextIndex;
use super::passage::{self, Passage};
use super::tally::Tally;
use super::terms::{Chunk, ContentTerm};
use crate::corpus::document_text::Piece;
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};

/// What scanning one document gave: occurrences of each term, and its length.
#[derive(Debug)]
pub(super) struct Scanned {
    pub(super) index: usize,
    pub(super) counts: Vec<usize>,
    pub(super) length: u64,
    /// Whether to find a passage (only the JSON output shows one).
    want_passage: bool,
    pub(super) passage: Passage,
    /// The end of the last piece when it did not end a line (a line longer than a piece is
    /// cut): counted again with the next piece, so a match across the cut counts once.
    carry: String,
}

/// How much of a piece cut inside a line is carried into the next: more than any match of a
/// term (a phrase's spaces aside).
const CARRY_BYTES: usize = 64 * 1024;

/// A search of the documents of a store: what to look for, and where.
pub(crate) struct Scan<'a> {
    pub docs: &'a DocStore,
    pub groups: &'a [Vec<ContentTerm>],
    /// Whether to find each match's best passage while its text is at hand.
    pub passages: bool,
    /// The words of the documents, when indexed: those documents need not be read.
    pub index: Option<&'a TextIndex>,
    /// Only the documents flagged here are read, when given (a subcorpus): the index may
    /// answer for others, which the caller leaves out.
    pub within: Option<&'a [bool]>,
}

/// Documents a worker scans in one go before the tally hears of them.
const RUN_DOCS: usize = 64;

impl Scan<'_> {
    /// Scans every document on `workers` threads, calling `progress` now and then with the
    /// tally so far and the number of documents scanned. Returns the complete tally, or None
    /// when `cancel` was set first.
    pub(crate) fn run(
        &self,
        workers: usize,
        cancel: &Cancel,
        mut progress: impl FnMut(&Tally, usize),
    ) -> Option<Tally> {
        let mut tally = Tally::new(self.groups);
        if self.groups.is_empty() {
            return Some(tally);
        }
        let terms: Vec<&ContentTerm> = self.groups.iter().flatten().collect();
        let mut to_scan: Vec<usize> = match self.index {
            Some(index) => index.tally(self.groups, self.docs.len(), &mut tally, cancel)?,
            None => (0..self.docs.len()).collect(),
        };
        if let Some(within) = self.within {
            to_scan.retain(|&doc| within.get(doc).copied().unwrap_or(false));
        }
        // Complete when every document answered or left to read has been added up.
        let expected = tally.documents + to_scan.len();
        if tally.documents > 0 {
            progress(&tally, tally.documents);
        }
        let scan_run = |run: std::ops::Range<usize>| {
            let mut batch = Tally::new(self.groups);
            let run = &to_scan[run];
            // The records in which no term can occur, found for the run at once.
            let absent = self.docs.records_without(run, &terms);
            for (number, &index) in run.iter().enumerate() {
                if cancel.is_cancelled() {
                    return None;
                }
                if let Some(&Some(length)) = absent.get(number) {
                    let scanned = Scanned::without_terms(terms.len(), length);
                    batch.add(Scanned { index, ..scanned }, self.groups);
                    continue;
                }
                // An unreadable document mentions nothing.
                let scanned = self
                    .scan(index, &terms)
                    .unwrap_or_else(|_| Scanned::new(index, terms.len(), false));
                batch.add(scanned, self.groups);
            }
            Some(batch)
        };
        // The tally adds up in any order: a slow document holds back no later match.
        let delivery = Delivery::AsDone;
        let complete = pool::over_ranges_unless_stopped(
            workers,
            to_scan.len(),
            RUN_DOCS,
            delivery,
            scan_run,
            |batch| {
                tally.merge(batch);
                progress(&tally, tally.documents);
                true
            },
        );
        (complete && tally.documents == expected && !cancel.is_cancelled()).then_some(tally)
    }

    /// The passage scanning document `index` finds (the best in the first piece with a hit):
    /// for a match the index answered without reading it, the same passage as if it had been
    /// scanned.
    pub(crate) fn passage(&self, index: usize) -> Passage {
        let terms: Vec<&ContentTerm> = self.groups.iter().flatten().collect();
        let scan = Scan {
            passages: true,
            ..*self
        };
        scan.scan(index, &terms)
            .map(|scanned| scanned.passage)
            .unwrap_or_default()
    }

    /// Counts every term in one document's text, read again from its file or record. (A
    /// record none of whose terms can occur in its line as it is, see
    /// [`ContentTerm::may_occur_in_json`], was counted without being parsed: a rare word is
    /// looked for in a million records at the speed of reading them.)
    fn scan(&self, index: usize, terms: &[&ContentTerm]) -> std::io::Result<Scanned> {
        let mut scanned = Scanned::new(index, terms.len(), self.passages);
        self.docs
            .each_piece(index, |piece| scanned.feed(piece, terms))?;
        Ok(scanned)
    }
}

impl Scanned {
    /// A document of `length` bytes in which no term occurs, known without reading it.
    pub(super) fn without_terms(terms: usize, length: u64) -> Scanned {
        let mut scanned = Scanned::new(0, terms, false);
        scanned.length = length;
        scanned
    }

    pub(super) fn new(index: usize, terms: usize, want_passage: bool) -> Scanned {
        Scanned {
            index,
            counts: vec![0; terms],
            length: 0,
            want_passage,
            passage: Passage::default(),
            carry: String::new(),
        }
    }

    /// True when the counts so far make the document match the query's `groups`.
    pub(super) fn matches(&self, groups: &[Vec<ContentTerm>]) -> bool {
        matches_all(groups, &self.counts)
    }

    /// Counts the terms in one more piece of the document's text. A piece that goes on from
    /// a cut inside a line is counted with the end of the piece before it, less what that
    /// end held: a match across the cut counts once, and one the cut only seemed to end (a
    /// word going on, a line's end that is not one) not at all — what `grep -o` counts.
    pub(super) fn feed(&mut self, piece: Piece, terms: &[&ContentTerm]) {
        let carried = std::mem::take(&mut self.carry);
        let joined;
        let chunk = match (carried.is_empty(), piece) {
            (true, Piece::Text(text)) => Chunk::new(text),
            (true, Piece::Utf8(bytes)) => Chunk::of_utf8(bytes),
            (false, _) => {
                joined = format!("{carried}{}", piece.text());
                Chunk::new(&joined)
            }
        };
        let before = (!carried.is_empty()).then(|| Chunk::new(&carried));
        let mut any = false;
        for (count, term) in self.counts.iter_mut().zip(terms) {
            let seen = before.as_ref().map_or(0, |before| term.count_chunk(before));
            let found = term.count_chunk(&chunk).saturating_sub(seen);
            *count += found;
            any |= found > 0 && !term.negated;
        }
        let bytes = piece.bytes();
        if !bytes.ends_with(b"\n") && !bytes.is_empty() {
            let text = chunk.text();
            let mut from = text.len().saturating_sub(CARRY_BYTES);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            self.carry = text[from..].to_string();
        }
        self.length += bytes.len() as u64;
        if any && self.want_passage && self.passage.text.is_empty() {
            self.passage = passage::best(&chunk, terms);
        }
    }
}

/// True when every group has a term that holds; `counts` has each term's, group after group.
pub(super) fn matches_all(groups: &[Vec<ContentTerm>], counts: &[usize]) -> bool {
    let mut at = 0;
    groups.iter().all(|group| {
        let of_group = counts.get(at..at + group.len()).unwrap_or_default();
        at += group.len();
        group_holds(group, of_group)
    })
}

/// True when one of the group's terms holds: found, or for a negated term, absent.
pub(super) fn group_holds(group: &[ContentTerm], counts: &[usize]) -> bool {
    group
        .iter()
        .zip(counts)
        .any(|(term, &count)| (count > 0) != term.negated)
}
