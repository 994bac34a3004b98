//! N-grams (AntConc's clusters): the sequences of 2 to 5 words of a scope, or only those
//! holding the query's words, with their hits, range (documents) and dispersion (DP). A
//! sequence is what a phrase query finds: words one after another, each separated from the
//! next only by whitespace holding at most one line break, so punctuation, a blank line (a
//! paragraph's end) or a document's end breaks it; `"of the"` in the concordance finds the
//! n-gram `of the`. Words are the word index's (runs of letters, digits and `_`, lowercased).
//!
//! Memory is bounded two ways. Counting goes in passes, each over every document but keeping
//! only the n-grams whose hash falls in its share, as many passes as make a pass's share fit
//! [`PASS_BYTES`] (one for a corpus of a few million words, or when only the n-grams of a
//! query are counted); and the rows kept are the first [`Ask::limit`] in the order asked (the
//! most frequent, by default), with how many there were in all.

use super::Dispersion;
use super::ngram_chain::Chain;
pub(crate) use super::ngram_chain::Holding;
use super::wordlist::{Order, Ranked};
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The lengths of sequence counted.
pub(crate) const SIZES: std::ops::RangeInclusive<usize> = 2..=5;
/// Rows kept unless asked otherwise.
pub(crate) const DEFAULT_LIMIT: usize = 1_000_000;
/// What one pass's count may take, about: its share of the distinct n-grams, their figures
/// and one entry per n-gram and document.
const PASS_BYTES: u64 = 384 << 20;
/// What an n-gram of the text costs a pass at most: a key, a map slot, figures and a pair.
const BYTES_PER_NGRAM: u64 = 96;
/// Documents a worker reads at a time.
const RUN_DOCS: usize = 16;

/// One n-gram of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct NgramRow {
    /// Its words, lowercased, a space between each.
    pub ngram: Box<str>,
    pub hits: u64,
    pub documents: u32,
    pub dp: f64,
}

impl NgramRow {
    pub(crate) fn ranked(&self) -> Ranked<'_> {
        Ranked {
            word: &self.ngram,
            hits: self.hits,
            documents: self.documents,
            dp: self.dp,
        }
    }
}

/// What is asked: the length, what the n-grams must hold, what they need to be kept, the
/// order and how many rows at most.
#[derive(Clone, Debug)]
pub(crate) struct Ask {
    pub n: usize,
    /// What the n-grams counted must hold (nothing: all are).
    pub containing: Holding,
    pub min_hits: u64,
    pub min_documents: u32,
    pub order: Order,
    pub limit: usize,
}

/// The n-grams found: the first rows in the order asked, how many passed the filters in all,
/// and the passes it took.
#[derive(Debug, Default)]
pub(crate) struct Ngrams {
    pub rows: Vec<NgramRow>,
    pub kept: u64,
    pub passes: usize,
}

/// Where to count: the documents to read (the scope's, or those of it that match the query),
/// each document's words and the scope, which DP is over.
pub(crate) struct Over<'a> {
    pub docs: &'a DocStore,
    pub read: &'a [usize],
    pub doc_words: &'a [u32],
    pub scope: &'a [bool],
}

/// Counts the n-grams `ask` wants in `over` on `workers` threads, telling `report` how far it
/// got; None once cancelled.
pub(crate) fn count_ngrams(
    over: &Over,
    ask: &Ask,
    workers: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(&'static str, usize, usize),
) -> Option<Ngrams> {
    let in_scope = |doc: usize| over.scope.get(doc).copied().unwrap_or(false);
    let dispersion = Dispersion::over(over.doc_words, in_scope);
    let tokens: u64 = over
        .read
        .iter()
        .map(|&doc| u64::from(over.doc_words.get(doc).copied().unwrap_or(0)))
        .sum();
    // The n-grams fall into `shares` by their hash; a pass takes one share, then as many as
    // the last pass's size says fit. One pass takes all when they fit at their most.
    let shares = match ask.containing.is_empty() {
        true => tokens
            .saturating_mul(BYTES_PER_NGRAM)
            .div_ceil(PASS_BYTES)
            .max(1) as usize,
        false => 1,
    };
    let mut found = Ngrams::default();
    let order = |a: &NgramRow, b: &NgramRow| ask.order.compare(&a.ranked(), &b.ranked());
    let (mut from, mut width, mut expected) = (0, 1, Expected::default());
    while from < shares {
        let share = Share {
            taken: from..(from + width).min(shares),
            shares,
        };
        let counted = count_pass(over, ask, &share, &expected, workers, cancel, report)?;
        // What one share took, to size the next pass (held to its size: no doubling).
        let taken = share.taken.len();
        let per_share = (counted.bytes() / taken as u64).max(1);
        from = share.taken.end;
        // No wider than the shares left: a pass that found next to nothing must not make
        // room for more n-grams than there are.
        width = ((PASS_BYTES / per_share).max(1) as usize)
            .min(shares - from)
            .max(1);
        let most = (PASS_BYTES / BYTES_PER_NGRAM) as usize;
        let scale = |count: usize| ((count / taken + 1) * width * 21 / 20).min(most);
        expected = Expected {
            ngrams: scale(counted.figures.len()),
            pairs: scale(counted.pairs.len()),
        };
        found.passes += 1;
        found.kept += counted.keep(ask, &dispersion, over.doc_words, &mut found.rows);
        if found.rows.len() > ask.limit {
            found.rows.select_nth_unstable_by(ask.limit, order);
            found.rows.truncate(ask.limit);
        }
    }
    found.rows.sort_by(order);
    Some(found)
}

/// Which n-grams a pass counts: those whose hash, taken modulo `shares`, is in `taken`.
struct Share {
    taken: Range<usize>,
    shares: usize,
}

impl Share {
    fn takes(&self, hash: u64) -> bool {
        let share = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % self.shares;
        self.taken.contains(&share)
    }
}

/// One pass's count: each n-gram's number, its hits and documents, and its hits in each
/// document it is in (what DP needs once the hits are all known).
struct PassCount {
    ids: FxHashMap<Box<str>, u32>,
    figures: Vec<(u64, u32)>,
    pairs: Vec<(u32, u32, u32)>,
}

/// How many n-grams and pairs a pass is expected to hold, to make room for them once.
#[derive(Default)]
struct Expected {
    ngrams: usize,
    pairs: usize,
}

/// A run of documents' n-grams: each document with its own, counted.
type RunFound = Vec<(u32, Vec<(String, u32)>)>;

fn count_pass(
    over: &Over,
    ask: &Ask,
    share: &Share,
    expected: &Expected,
    workers: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(&'static str, usize, usize),
) -> Option<PassCount> {
    let total = over.read.len() * share.shares;
    let run_work = |run: Range<usize>| -> Option<RunFound> {
        let mut found = Vec::with_capacity(run.len());
        let mut chain = Chain::new(ask.n);
        let mut in_doc: FxHashMap<String, u32> = FxHashMap::default();
        let mut key = String::new();
        for &doc in &over.read[run] {
            if cancel.is_cancelled() {
                return None;
            }
            chain.restart();
            let mut take = |chain: &Chain| {
                if !share.takes(chain.hash()) || !chain.holds(&ask.containing) {
                    return;
                }
                chain.join_into(&mut key);
                // Counted in place; the key copied only for an n-gram new to the document.
                match in_doc.get_mut(key.as_str()) {
                    Some(count) => *count += 1,
                    None => {
                        in_doc.insert(key.clone(), 1);
                    }
                }
            };
            // An unreadable document has no n-grams, as it has no words when counted.
            let _ = over
                .docs
                .each_piece(doc, |piece| match ask.containing.is_empty() {
                    true => chain.feed(&piece.text(), &mut take),
                    false => chain.feed_near(&piece.text(), &ask.containing, &mut take),
                });
            found.push((doc as u32, in_doc.drain().collect()));
        }
        Some(found)
    };
    let mut count = PassCount {
        ids: FxHashMap::with_capacity_and_hasher(expected.ngrams, Default::default()),
        figures: Vec::with_capacity(expected.ngrams),
        pairs: Vec::with_capacity(expected.pairs),
    };
    let (done, mut read) = (share.taken.start * over.read.len(), 0);
    let complete = pool::over_ranges_unless_stopped(
        workers,
        over.read.len(),
        RUN_DOCS,
        Delivery::AsDone,
        run_work,
        |found| {
            read += found.len();
            for (doc, grams) in found {
                count.add(doc, grams);
            }
            report("n-grams", done + read * share.taken.len(), total);
            true
        },
    );
    (complete && !cancel.is_cancelled()).then_some(count)
}

impl PassCount {
    /// About what it takes in memory: each key with its allocation and map slot (24 bytes
    /// of key and number, one control byte, an eighth free), figures and pairs.
    fn bytes(&self) -> u64 {
        let keys: usize = self
            .ids
            .keys()
            .map(|key| key.len().next_multiple_of(16) + 32)
            .sum();
        (keys + self.figures.len() * 16 + self.pairs.len() * 12) as u64
    }

    fn add(&mut self, doc: u32, grams: Vec<(String, u32)>) {
        for (key, hits) in grams {
            let next = self.figures.len() as u32;
            let id = *self.ids.entry(key.into_boxed_str()).or_insert(next);
            if id == next {
                self.figures.push((0, 0));
            }
            let figures = &mut self.figures[id as usize];
            figures.0 += u64::from(hits);
            figures.1 += 1;
            self.pairs.push((id, doc, hits));
        }
    }

    /// Adds the n-grams `ask` keeps to `rows`, with their DP; says how many.
    fn keep(
        self,
        ask: &Ask,
        dispersion: &Dispersion,
        doc_words: &[u32],
        rows: &mut Vec<NgramRow>,
    ) -> u64 {
        let PassCount {
            ids,
            figures,
            pairs,
        } = self;
        // Σ |v_i − s_i| and Σ s_i over the documents each n-gram is in.
        let mut sums = vec![(0.0f64, 0.0f64); figures.len()];
        for (id, doc, hits) in pairs {
            let all = figures[id as usize].0 as f64;
            let words = doc_words.get(doc as usize).copied().unwrap_or(0);
            dispersion.add(&mut sums[id as usize], words, f64::from(hits), all);
        }
        let mut kept = 0;
        for (ngram, id) in ids {
            let (hits, documents) = figures[id as usize];
            if hits < ask.min_hits || documents < ask.min_documents {
                continue;
            }
            kept += 1;
            let (apart, share) = sums[id as usize];
            rows.push(NgramRow {
                ngram,
                hits,
                documents,
                dp: dispersion.dp(apart, share),
            });
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_takes_its_share_and_every_pass_together_all() {
        let passes = 5;
        for hash in [0u64, 1, 77, u64::MAX, 1 << 40] {
            let taking = (0..passes)
                .filter(|&pass| {
                    let share = Share {
                        taken: pass..pass + 1,
                        shares: passes,
                    };
                    share.takes(hash)
                })
                .count();
            assert_eq!(taking, 1);
            let all = Share {
                taken: 0..passes,
                shares: passes,
            };
            assert!(all.takes(hash));
        }
    }
}
