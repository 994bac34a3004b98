//! What the documents searched so far add up to: how many were counted, their length, how
//! many hold each term, and the matches with their counts — enough to rank the matches by
//! BM25 and to add up counts by group. A common word matches millions of documents, so a
//! match is kept small: its number, its length and its passage if it has one, with its counts
//! in one array for all the matches rather than one allocation each.

use super::TextMatch;
use super::passage::Passage;
use super::scan::{Scanned, matches_all};
use super::terms::ContentTerm;

/// BM25's usual parameters: how fast repeated hits stop counting, and how much length matters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A matching document.
#[derive(Debug)]
struct Matched {
    index: usize,
    length: u64,
    /// Its best passage, when one was looked for and found.
    passage: Option<Box<Passage>>,
}

#[derive(Debug, Default)]
pub struct Tally {
    /// Documents counted.
    pub documents: usize,
    /// Their text's length in all, in bytes.
    length: u64,
    /// For each term, the documents that contain it, and those it was counted in (all of
    /// them, unless the index ruled documents out without reading them).
    with_term: Vec<usize>,
    counted: Vec<usize>,
    /// The documents that match, in the order they were counted.
    matching: Vec<Matched>,
    /// Each match's count of each term, match after match.
    counts: Vec<usize>,
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
            let passage = (!scanned.passage.text.is_empty()).then(|| Box::new(scanned.passage));
            self.push(scanned.index, &scanned.counts, scanned.length, passage);
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
            self.push(index, counts, length, None);
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
        if counts.len() > 1 {
            with_any.sort_unstable();
            with_any.dedup();
        }
        let mut row = vec![0; counts.len()];
        for local in with_any {
            for (count, counts) in row.iter_mut().zip(counts) {
                *count = counts[local] as usize;
            }
            if matches_all(groups, &row) {
                self.push(first + local, &row, length_of(local), None);
            }
        }
    }

    fn push(&mut self, index: usize, counts: &[usize], length: u64, passage: Option<Box<Passage>>) {
        self.matching.push(Matched {
            index,
            length,
            passage,
        });
        self.counts.extend_from_slice(counts);
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

    /// Adds what another tally counted after this one's, its matches' documents (numbered
    /// from 0 in its own listing) moved on by `first` (they were listed after those before).
    pub(super) fn merge_after(&mut self, mut other: Tally, first: usize) {
        for matched in &mut other.matching {
            matched.index += first;
        }
        self.merge(other);
    }

    pub(super) fn merge(&mut self, other: Tally) {
        self.documents += other.documents;
        self.length += other.length;
        for (with, more) in self.with_term.iter_mut().zip(other.with_term) {
            *with += more;
        }
        for (counted, more) in self.counted.iter_mut().zip(other.counted) {
            *counted += more;
        }
        self.matching.extend(other.matching);
        self.counts.extend(other.counts);
    }

    /// How many documents match so far.
    pub fn matches(&self) -> usize {
        self.matching.len()
    }

    /// The matching documents, in document order.
    pub fn documents(&self) -> Vec<usize> {
        let mut documents: Vec<usize> = self.matching.iter().map(|m| m.index).collect();
        documents.sort_unstable();
        documents
    }

    /// Each match with its counts, in the order counted.
    fn each(&self) -> impl Iterator<Item = (&Matched, &[usize])> {
        let terms = self.with_term.len();
        // With no term (the empty query), a match has no counts.
        let counts = self
            .counts
            .chunks(terms.max(1))
            .chain(std::iter::repeat(&[][..]));
        self.matching.iter().zip(counts)
    }

    /// Each matching document, in document order, with the count of each term looked for
    /// (those not negated, in the query's order): what counts by folder or date add up.
    pub fn positive_counts(&self, groups: &[Vec<ContentTerm>]) -> Vec<(usize, Vec<usize>)> {
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        let mut counted: Vec<(usize, Vec<usize>)> = self
            .each()
            .map(|(matched, counts)| {
                let counts = terms
                    .iter()
                    .zip(counts)
                    .filter(|(term, _)| !term.negated)
                    .map(|(_, &count)| count);
                (matched.index, counts.collect())
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
            .each()
            .map(|(matched, counts)| {
                let norm = K1 * (1.0 - B + B * matched.length as f64 / average);
                let (mut hits, mut score) = (0, 0.0);
                for (t, term) in terms.iter().enumerate() {
                    if term.negated {
                        continue;
                    }
                    let tf = counts[t] as f64;
                    hits += counts[t];
                    score += idf[t] * tf * (K1 + 1.0) / (tf + norm);
                }
                TextMatch {
                    index: matched.index,
                    hits,
                    score,
                    passage: matched.passage.as_deref().cloned().unwrap_or_default(),
                }
            })
            .collect();
        // A total order (ties by index), so an unstable sort gives the one order.
        found.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        found
    }
}
