//! Scanning the documents' text for a query's terms on every core, and tallying what was found
//! into matches ranked by relevance (BM25). Documents the word index answers for are not read.

use super::TextMatch;
use super::index::TextIndex;
use super::passage::{self, Passage};
use super::terms::{Chunk, ContentTerm};
use crate::corpus::document_text::Piece;
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};

/// What scanning one document gave: occurrences of each term, and its length.
#[derive(Debug)]
pub(super) struct Scanned {
    pub(super) index: usize,
    counts: Vec<usize>,
    length: u64,
    /// Whether to find a passage (only the JSON output shows one).
    want_passage: bool,
    passage: Passage,
    /// The end of the last piece when it did not end a line (a line longer than a piece is
    /// cut): counted again with the next piece, so a match across the cut counts once.
    carry: String,
}

/// How much of a piece cut inside a line is carried into the next: more than any match of a
/// term (a phrase's spaces aside).
const CARRY_BYTES: usize = 64 * 1024;

/// BM25's usual parameters: how fast repeated hits stop counting, and how much length matters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A search of the documents of a store: what to look for, and where.
pub(crate) struct Scan<'a> {
    pub docs: &'a DocStore,
    pub groups: &'a [Vec<ContentTerm>],
    /// Whether to find each match's best passage while its text is at hand.
    pub passages: bool,
    /// The words of the documents, when indexed: those documents need not be read.
    pub index: Option<&'a TextIndex>,
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
        let to_scan: Vec<usize> = match self.index {
            Some(index) => index.tally(self.groups, self.docs.len(), &mut tally, cancel)?,
            None => (0..self.docs.len()).collect(),
        };
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
        (complete && tally.documents == self.docs.len() && !cancel.is_cancelled()).then_some(tally)
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

/// What the documents scanned so far add up to: enough to rank the matches among them.
#[derive(Debug, Default)]
pub struct Tally {
    /// Documents scanned.
    pub documents: usize,
    /// Their text's length in all, in bytes.
    length: u64,
    /// For each term, the documents that contain it, and those it was counted in (all of
    /// them, unless the index ruled documents out without reading them).
    with_term: Vec<usize>,
    counted: Vec<usize>,
    /// The documents that match, with their counts.
    matching: Vec<Scanned>,
}

impl Tally {
    pub(super) fn new(groups: &[Vec<ContentTerm>]) -> Tally {
        let terms = groups.iter().map(Vec::len).sum();
        Tally {
            with_term: vec![0; terms],
            counted: vec![0; terms],
            ..Tally::default()
        }
    }

    /// Counts one more document in, read whole.
    pub(super) fn add(&mut self, scanned: Scanned, groups: &[Vec<ContentTerm>]) {
        self.count_in(&scanned.counts, None, scanned.length);
        if matches_all(groups, &scanned.counts) {
            self.matching.push(scanned);
        }
    }

    /// Counts in a document known from the index by its length and the counts of the terms
    /// it `knows` (the others are taken as absent: it cannot match).
    pub(super) fn add_counts(
        &mut self,
        index: usize,
        counts: &[usize],
        knows: &[bool],
        length: u64,
        groups: &[Vec<ContentTerm>],
    ) {
        self.count_in(counts, Some(knows), length);
        if matches_all(groups, counts) {
            self.matching.push(Scanned {
                index,
                counts: counts.to_vec(),
                length,
                want_passage: false,
                passage: Passage::default(),
                carry: String::new(),
            });
        }
    }

    /// Counts in a shard's documents numbered from `first`, all known from the index by their
    /// lengths (`length_of` one, `length` in all) and each term's `counts` (one per document),
    /// where a document with none of the terms does not match: as [`Tally::add_counts`] for
    /// each, without a step for each of those.
    pub(super) fn add_shard(
        &mut self,
        first: usize,
        counts: &[Vec<u32>],
        (length, length_of): (u64, &dyn Fn(usize) -> u64),
        groups: &[Vec<ContentTerm>],
    ) {
        let size = counts.first().map_or(0, Vec::len);
        self.documents += size;
        self.length += length;
        let mut with_any = Vec::new();
        for (term, counts) in counts.iter().enumerate() {
            self.counted[term] += size;
            let before = with_any.len();
            with_any.extend((0..size).filter(|&local| counts[local] > 0));
            self.with_term[term] += with_any.len() - before;
        }
        with_any.sort_unstable();
        with_any.dedup();
        for local in with_any {
            let row: Vec<usize> = counts.iter().map(|c| c[local] as usize).collect();
            if matches_all(groups, &row) {
                self.matching.push(Scanned {
                    index: first + local,
                    counts: row,
                    length: length_of(local),
                    want_passage: false,
                    passage: Passage::default(),
                    carry: String::new(),
                });
            }
        }
    }

    fn count_in(&mut self, counts: &[usize], knows: Option<&[bool]>, length: u64) {
        self.documents += 1;
        self.length += length;
        for (term, &count) in counts.iter().enumerate() {
            if knows.is_none_or(|knows| knows[term]) {
                self.counted[term] += 1;
                self.with_term[term] += usize::from(count > 0);
            }
        }
    }

    /// Adds what another tally counted after this one's, its matches numbered on from
    /// `first` (their documents were listed in order after those numbered before).
    pub(super) fn merge_numbered(&mut self, mut other: Tally, first: usize) {
        for (number, scanned) in other.matching.iter_mut().enumerate() {
            scanned.index = first + number;
        }
        self.merge(other);
    }

    fn merge(&mut self, other: Tally) {
        self.documents += other.documents;
        self.length += other.length;
        for (with, more) in self.with_term.iter_mut().zip(other.with_term) {
            *with += more;
        }
        for (counted, more) in self.counted.iter_mut().zip(other.counted) {
            *counted += more;
        }
        self.matching.extend(other.matching);
    }

    /// How many documents match so far.
    pub fn matches(&self) -> usize {
        self.matching.len()
    }

    /// Each matching document, in document order, with the count of each term looked for
    /// (those not negated, in the query's order): what counts by folder or date add up.
    pub fn positive_counts(&self, groups: &[Vec<ContentTerm>]) -> Vec<(usize, Vec<usize>)> {
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        let mut counted: Vec<(usize, Vec<usize>)> = self
            .matching
            .iter()
            .map(|scanned| {
                let counts = terms
                    .iter()
                    .zip(&scanned.counts)
                    .filter(|(term, _)| !term.negated)
                    .map(|(_, &count)| count);
                (scanned.index, counts.collect())
            })
            .collect();
        counted.sort_unstable_by_key(|(index, _)| *index);
        counted
    }

    /// The matches, ordered by BM25 over the terms that are not negated (best first, ties in
    /// index order); the idf of each term is taken over the documents it was counted in.
    pub fn ranked(&self, groups: &[Vec<ContentTerm>]) -> Vec<TextMatch> {
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        let documents = self.documents.max(1) as f64;
        let average = (self.length as f64 / documents).max(1.0);
        let idf: Vec<f64> = self
            .with_term
            .iter()
            .zip(&self.counted)
            .map(|(&with, &counted)| {
                let (with, counted) = (with as f64, counted as f64);
                (1.0 + (counted - with + 0.5) / (with + 0.5)).ln()
            })
            .collect();
        let mut found: Vec<TextMatch> = self
            .matching
            .iter()
            .map(|s| {
                let norm = K1 * (1.0 - B + B * s.length as f64 / average);
                let (mut hits, mut score) = (0, 0.0);
                for (t, term) in terms.iter().enumerate() {
                    if term.negated {
                        continue;
                    }
                    let tf = s.counts[t] as f64;
                    hits += s.counts[t];
                    score += idf[t] * tf * (K1 + 1.0) / (tf + norm);
                }
                TextMatch {
                    index: s.index,
                    hits,
                    score,
                    passage: s.passage.clone(),
                }
            })
            .collect();
        // A total order (ties by index), so an unstable sort gives the one order.
        found.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        found
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
