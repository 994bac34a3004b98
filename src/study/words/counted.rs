//! Every word of one or two parts of the corpus counted: its occurrences and documents in
//! each part, and how evenly it is spread over the first part's documents (Gries's DP). From
//! the word index where it covers a document; the documents it does not cover are read once,
//! a few shards' worth at a time, into shards of their own, so every figure is exact. Streams
//! the words shard by shard: memory is one entry per distinct word and one count per
//! document, never a map of every word per document (the shards read are kept only when DP
//! needs a second walk).
//!
//! DP (Gries 2008; normalised as Lijffijt & Gries 2012): with the part's documents as the
//! corpus parts, `s_i` document i's share of the part's words and `v_i` its share of the
//! word's hits, DP = ½ Σ |v_i − s_i| and DPnorm = DP / (1 − min s_i): 0 when the word is
//! spread exactly as the text is, near 1 when it is all in one small document.

use super::Dispersion;
use crate::corpus::store::DocStore;
use crate::search::text::index::{SHARD_DOCS, TextIndex, WordPostings, build_read};
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;

/// Which part each document is in: none, the first (1) or the second (2).
pub(crate) struct Parts {
    of: Vec<u8>,
}

impl Parts {
    /// One part: the documents flagged.
    pub(crate) fn one(chosen: &[bool]) -> Parts {
        Parts {
            of: chosen.iter().map(|&c| u8::from(c)).collect(),
        }
    }

    /// Two parts: the first takes a document flagged in both.
    pub(crate) fn two(first: &[bool], second: &[bool]) -> Parts {
        let of = first
            .iter()
            .zip(second)
            .map(|(&a, &b)| if a { 1 } else { 2 * u8::from(b) })
            .collect();
        Parts { of }
    }

    fn part(&self, doc: usize) -> Option<usize> {
        match self.of.get(doc) {
            Some(&part @ 1..=2) => Some(usize::from(part) - 1),
            _ => None,
        }
    }
}

/// One word's figures in each part.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct WordCount {
    pub hits: [u64; 2],
    pub documents: [u32; 2],
    /// Gries's DP normalised, over the first part's documents (0 when not asked for).
    pub dp: f64,
}

/// A part's size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PartSize {
    pub documents: usize,
    pub words: u64,
}

/// Every word counted, lowercased, in no set order, and each part's size.
#[derive(Debug, Default)]
pub(crate) struct Counted {
    pub words: Vec<(Box<str>, WordCount)>,
    pub parts: [PartSize; 2],
}

impl Counted {
    /// Part `part`'s words with their hits (those it has), and its size in words: one side of
    /// a keyword comparison.
    pub(crate) fn frequencies(&self, part: usize) -> super::keyness::Frequencies {
        super::keyness::Frequencies {
            hits: self
                .words
                .iter()
                .filter(|(_, count)| count.hits[part] > 0)
                .map(|(word, count)| (word.clone(), count.hits[part]))
                .collect(),
            words: self.parts[part].words,
        }
    }
}

/// A word's hits and documents in each part, as a shard's walk finds them.
type Found<'a> = (&'a str, [u64; 2], [u32; 2]);

/// A shard to walk: of the index, or of documents read now.
type ShardOf<'a> = (&'a TextIndex, usize);

/// Counts every word of `parts` in `docs`, with DP over the first part when `dispersion`;
/// `report` hears the stage and how far it is. None once `cancel` is set.
pub(crate) fn count_words(
    docs: &DocStore,
    index: Option<&TextIndex>,
    parts: &Parts,
    dispersion: bool,
    workers: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(&'static str, usize, usize),
) -> Option<Counted> {
    // Each document's words, from the index where it answers for the document.
    let mut doc_words = vec![0u32; docs.len()];
    let mut answered = vec![false; docs.len()];
    if let Some(index) = index {
        index.document_words(&mut doc_words, &mut answered);
    }
    let unread: Vec<usize> = (0..docs.len())
        .filter(|&doc| parts.part(doc).is_some() && !answered[doc])
        .collect();
    let indexed: Vec<ShardOf> = index.map_or_else(Vec::new, shards_of);
    let mut tally = Tally::new(parts);
    let progress = Progress {
        stage: "counting words",
        done: 0,
        total: indexed.len() + unread.len().div_ceil(SHARD_DOCS),
    };
    let mut progress = tally.add(&indexed, progress, workers, cancel, report)?;
    // What the index lacks: read a shard per worker at a time, walked, then let go.
    let mut read_all = Vec::new();
    for batch in unread.chunks(SHARD_DOCS * workers.max(1)) {
        let read = build_read(docs, batch, workers);
        read.document_words(&mut doc_words, &mut answered);
        progress = tally.add(&shards_of(&read), progress, workers, cancel, report)?;
        if dispersion {
            read_all.push(read);
        }
    }
    let mut sizes = [PartSize::default(); 2];
    for (doc, &words) in doc_words.iter().enumerate() {
        if let Some(part) = parts.part(doc) {
            sizes[part].documents += 1;
            sizes[part].words += u64::from(words);
        }
    }
    let mut counts = tally.counts;
    if dispersion {
        let spread = Spread {
            parts,
            doc_words: &doc_words,
        };
        let mut shards = indexed;
        shards.extend(read_all.iter().flat_map(shards_of));
        spread.add_dp(&shards, &tally.ids, &mut counts, workers, cancel, report)?;
    }
    let words = tally
        .ids
        .into_iter()
        .map(|(word, id)| (word, counts[id as usize]))
        .collect();
    Some(Counted {
        words,
        parts: sizes,
    })
}

/// Every shard of `index`.
fn shards_of(index: &TextIndex) -> Vec<ShardOf<'_>> {
    (0..index.shard_count()).map(|n| (index, n)).collect()
}

/// A stage's progress: shards walked of all there are to walk.
#[derive(Clone, Copy)]
struct Progress {
    stage: &'static str,
    done: usize,
    total: usize,
}

/// Runs `walk` on each of `shards` on `workers` threads, handing what each finds to `take`
/// as it comes and telling `report` of `progress`; the progress after them, or None once
/// cancelled.
fn over_shards<'s, R: Send>(
    shards: &[ShardOf<'s>],
    mut progress: Progress,
    workers: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(&'static str, usize, usize),
    walk: impl Fn(ShardOf<'s>) -> R + Sync,
    mut take: impl FnMut(R),
) -> Option<Progress> {
    let complete = pool::over_ranges_unless_stopped(
        workers,
        shards.len(),
        1,
        Delivery::AsDone,
        |run| {
            let shard = *shards.get(run.start)?;
            (!cancel.is_cancelled()).then(|| walk(shard))
        },
        |found| {
            take(found);
            progress.done += 1;
            report(progress.stage, progress.done, progress.total);
            true
        },
    );
    complete.then_some(progress)
}

/// Stage one's figures so far: each word's hits and documents per part, by an id in order
/// of first sight.
struct Tally<'p> {
    parts: &'p Parts,
    ids: FxHashMap<Box<str>, u32>,
    counts: Vec<WordCount>,
}

impl<'p> Tally<'p> {
    fn new(parts: &'p Parts) -> Tally<'p> {
        Tally {
            parts,
            ids: FxHashMap::default(),
            counts: Vec::new(),
        }
    }

    /// Adds the words of `shards`.
    fn add<'s>(
        &mut self,
        shards: &[ShardOf<'s>],
        progress: Progress,
        workers: usize,
        cancel: &Cancel,
        report: &mut dyn FnMut(&'static str, usize, usize),
    ) -> Option<Progress> {
        let parts = self.parts;
        let in_parts = |doc: usize| parts.part(doc).is_some();
        let walk = |(source, n): ShardOf<'s>| -> Vec<Found<'s>> {
            let mut found = Vec::new();
            source.walk_shard(n, &in_parts, &mut |word, postings: &WordPostings| {
                let (mut hits, mut documents) = ([0u64; 2], [0u32; 2]);
                for &(doc, count) in postings {
                    let Some(part) = parts.part(doc) else {
                        continue;
                    };
                    hits[part] += u64::from(count);
                    documents[part] += 1;
                }
                found.push((word, hits, documents));
            });
            found
        };
        let (ids, counts) = (&mut self.ids, &mut self.counts);
        let take = |found: Vec<Found>| {
            for (word, hits, documents) in found {
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        counts.push(WordCount::default());
                        let id = counts.len() as u32 - 1;
                        ids.insert(word.into(), id);
                        id
                    }
                };
                let count = &mut counts[id as usize];
                for part in 0..2 {
                    count.hits[part] += hits[part];
                    count.documents[part] += documents[part];
                }
            }
        };
        over_shards(shards, progress, workers, cancel, report, walk, take)
    }
}

/// What DP is worked out from: the first part's documents and their words.
struct Spread<'a> {
    parts: &'a Parts,
    doc_words: &'a [u32],
}

impl Spread<'_> {
    /// Stage two: each word's DP over the first part, from its hits found in stage one.
    fn add_dp(
        &self,
        shards: &[ShardOf],
        ids: &FxHashMap<Box<str>, u32>,
        counts: &mut [WordCount],
        workers: usize,
        cancel: &Cancel,
        report: &mut dyn FnMut(&'static str, usize, usize),
    ) -> Option<()> {
        let in_first = |doc: usize| self.parts.part(doc) == Some(0);
        let dispersion = Dispersion::over(self.doc_words, in_first);
        let hits_of: Vec<u64> = counts.iter().map(|count| count.hits[0]).collect();
        // For each word: Σ |v_i − s_i| and Σ s_i over the documents that have it.
        let walk = |(source, n): ShardOf| -> Vec<(u32, f64, f64)> {
            let mut found = Vec::new();
            source.walk_shard(n, &in_first, &mut |word, postings: &WordPostings| {
                let Some(&id) = ids.get(word) else { return };
                let hits = hits_of[id as usize] as f64;
                let mut sums = (0.0, 0.0);
                for &(doc, count) in postings {
                    dispersion.add(&mut sums, self.doc_words[doc], f64::from(count), hits);
                }
                found.push((id, sums.0, sums.1));
            });
            found
        };
        let mut sums = vec![(0.0f64, 0.0f64); counts.len()];
        let take = |found: Vec<(u32, f64, f64)>| {
            for (id, apart, share) in found {
                let sum = &mut sums[id as usize];
                sum.0 += apart;
                sum.1 += share;
            }
        };
        let progress = Progress {
            stage: "dispersion",
            done: 0,
            total: shards.len(),
        };
        over_shards(shards, progress, workers, cancel, report, walk, take)?;
        for (count, (apart, share)) in counts.iter_mut().zip(sums) {
            if count.hits[0] > 0 {
                count.dp = dispersion.dp(apart, share);
            }
        }
        Some(())
    }
}
