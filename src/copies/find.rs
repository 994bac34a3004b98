//! Finding the corpus's copies: every document sketched (or its sketch taken from the store
//! when it is unchanged), documents with the same shingles joined at once, and the others
//! given their clusters in the order clusters are kept by, each measured exactly against the
//! kept documents its sample proposes (or the measure taken from the store). A pair is a copy
//! only by its measure, never by its sketches.

use super::clusters::Copies;
use super::kept::{DocKey, Kept};
use super::overlap::{Overlap, Thresholds};
use super::shingles::Shingler;
use super::sketch::{Sketch, Sketches};
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};

/// Documents a worker sketches at a time.
const RUN_DOCS: usize = 64;

/// Documents given their cluster together (their pairs measured on the workers at once).
const BATCH_DOCS: usize = 1_024;

/// How far finding has come, for a progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Documents sketched, of how many to sketch.
    Sketching(usize, usize),
    /// Documents given their cluster, of how many.
    Measuring(usize, usize),
}

/// What finding needs.
pub(crate) struct Finding<'a> {
    pub docs: &'a DocStore,
    pub thresholds: Thresholds,
    pub kept: Option<&'a Kept>,
    pub workers: usize,
    pub cancel: &'a Cancel,
    pub progress: &'a dyn Fn(Stage),
}

/// What was found, and what to keep of it.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub copies: Copies,
    pub keys: Vec<DocKey>,
    pub sketches: Sketches,
    /// Every pair measured (now or before), to keep.
    pub pairs: Vec<(DocKey, DocKey, Overlap)>,
    /// Documents sketched now (read), the rest taken from the store.
    pub sketched: usize,
    /// Pairs measured now (read), and taken from the store.
    pub measured: usize,
    pub measured_before: usize,
}

impl Outcome {
    /// Whether anything was made now that the store does not have.
    pub(crate) fn is_new(&self) -> bool {
        self.sketched > 0 || self.measured > 0
    }
}

/// The sorted, distinct shingles of document `doc` (none when it cannot be read: an
/// unreadable document is nobody's copy, as it matches no search).
pub(crate) fn shingles_of_document(docs: &DocStore, doc: usize) -> Vec<u64> {
    let mut shingler = Shingler::default();
    let _ = docs.each_piece(doc, |piece| shingler.feed(&piece.text()));
    shingler.finish()
}

/// The copies of `finding.docs`; None once cancelled.
pub(crate) fn find(finding: &Finding) -> Option<Outcome> {
    let docs = finding.docs;
    let keys = DocKey::of_all(docs);
    let places: Vec<Option<usize>> = keys
        .iter()
        .map(|key| finding.kept.and_then(|kept| kept.place(key)))
        .collect();
    let sketches = sketch_all(finding, &places)?;
    let ranks = priority_ranks(docs);
    let (active, same_as) = same_texts(&sketches, &ranks);
    let proposed = super::candidates::candidates(
        &sketches,
        &active,
        finding.thresholds,
        finding.workers,
        finding.cancel,
    )?;
    let mut outcome = Outcome {
        sketched: places.iter().filter(|place| place.is_none()).count(),
        ..Outcome::default()
    };
    let order = priority_order(&ranks, &active);
    let pairs = Pairs {
        finding,
        keys: &keys,
        places: &places,
    };
    let mut joined = assign(&pairs, &proposed, &order, &mut outcome)?;
    // A document with the same text as another is in its cluster, as alike its kept one.
    for (doc, &same) in same_as.iter().enumerate() {
        if same as usize != doc {
            joined.kept_as[doc] = joined.kept_as[same as usize];
            joined.with_kept[doc] = joined.with_kept[same as usize];
        }
    }
    outcome.copies = Copies::from_kept(joined.kept_as, joined.with_kept);
    outcome.keys = keys;
    outcome.sketches = sketches;
    Some(outcome)
}

/// Every document's sketch: kept ones taken (`places`), the others read on the workers.
fn sketch_all(finding: &Finding, places: &[Option<usize>]) -> Option<Sketches> {
    let docs = finding.docs;
    let unread: Vec<usize> = (0..docs.len())
        .filter(|&doc| places[doc].is_none())
        .collect();
    let mut read: Vec<Sketch> = Vec::with_capacity(unread.len());
    let sketch_run = |run: std::ops::Range<usize>| -> Option<Vec<Sketch>> {
        let mut sketched = Vec::with_capacity(run.len());
        for &doc in &unread[run] {
            if finding.cancel.is_cancelled() {
                return None;
            }
            pool::give_way();
            sketched.push(Sketch::of(&shingles_of_document(docs, doc)));
        }
        Some(sketched)
    };
    let complete = pool::over_ranges_unless_stopped(
        finding.workers,
        unread.len(),
        RUN_DOCS,
        Delivery::InOrder,
        sketch_run,
        |sketched| {
            read.extend(sketched);
            (finding.progress)(Stage::Sketching(read.len(), unread.len()));
            true
        },
    );
    if !complete {
        return None;
    }
    let mut sketches = Sketches::with_capacity(docs.len());
    let mut fresh = read.into_iter();
    for place in places {
        match (place, finding.kept) {
            (Some(place), Some(kept)) => {
                let from = &kept.sketches;
                sketches.push(
                    from.samples(*place),
                    from.shingles[*place],
                    from.whole[*place],
                );
            }
            _ => {
                let sketch = fresh.next().unwrap_or_default();
                sketches.push(&sketch.samples, sketch.shingles, sketch.whole);
            }
        }
    }
    Some(sketches)
}

/// The documents to compare (one of each set of documents with the same shingles, and every
/// other document with shingles), ascending; and for each document the one whose text it has
/// (itself, or its set's first in the order clusters are kept by).
fn same_texts(sketches: &Sketches, ranks: &[u32]) -> (Vec<u32>, Vec<u32>) {
    // By text, and within one text in the order clusters are kept by.
    let mut by_whole: Vec<(u64, u32, u32)> = (0..sketches.len() as u32)
        .filter(|&doc| sketches.shingles[doc as usize] > 0)
        .map(|doc| (sketches.whole[doc as usize], ranks[doc as usize], doc))
        .collect();
    by_whole.sort_unstable();
    let mut same_as: Vec<u32> = (0..sketches.len() as u32).collect();
    let mut active = Vec::with_capacity(by_whole.len());
    let mut first = 0u32;
    for (at, &(whole, _, doc)) in by_whole.iter().enumerate() {
        match at.checked_sub(1).map(|before| by_whole[before].0) {
            Some(same) if same == whole => same_as[doc as usize] = first,
            _ => {
                first = doc;
                active.push(doc);
            }
        }
    }
    active.sort_unstable();
    (active, same_as)
}

/// Each document's place in the order clusters are kept by: dated ones first, earliest
/// first, then the rest, each in corpus order. (Dates made numbers first: a million
/// documents are sorted by integers, not by looking their dates up at each comparison.)
fn priority_ranks(docs: &DocStore) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = docs
        .iter()
        .enumerate()
        .map(|(doc, meta)| (meta.date.map_or(u64::MAX, date_number), doc as u32))
        .collect();
    keyed.sort_unstable();
    let mut ranks = vec![0u32; keyed.len()];
    for (rank, &(_, doc)) in keyed.iter().enumerate() {
        ranks[doc as usize] = rank as u32;
    }
    ranks
}

/// `2004-03-01` as 20040301 (its digits in order; a shorter date sorts before its days).
fn date_number(date: &str) -> u64 {
    let digits = date.bytes().filter(u8::is_ascii_digit).take(8);
    let (number, count) = digits.fold((0u64, 0u32), |(n, c), d| {
        (n * 10 + u64::from(d - b'0'), c + 1)
    });
    number * 10u64.pow(8 - count)
}

/// `docs` in the order clusters are kept by (`ranks`).
fn priority_order(ranks: &[u32], docs: &[u32]) -> Vec<u32> {
    let mut order = docs.to_vec();
    order.sort_unstable_by_key(|&doc| ranks[doc as usize]);
    order
}

/// What measuring a pair needs: the documents, their keys, which were kept unchanged.
struct Pairs<'a> {
    finding: &'a Finding<'a>,
    keys: &'a [DocKey],
    places: &'a [Option<usize>],
}

impl Pairs<'_> {
    /// The measure kept of two documents unchanged since, if there is one.
    fn kept(&self, a: u32, b: u32) -> Option<Overlap> {
        let (a, b) = (a as usize, b as usize);
        self.finding
            .kept
            .filter(|_| self.places[a].is_some() && self.places[b].is_some())
            .and_then(|kept| kept.pair(&self.keys[a], &self.keys[b]))
    }

    /// Each pair's overlap: kept, else measured (on the workers); all noted in `outcome`.
    fn measured(&self, asked: &[(u32, u32)], outcome: &mut Outcome) -> Option<Vec<Overlap>> {
        let before: Vec<Option<Overlap>> = asked.iter().map(|&(a, b)| self.kept(a, b)).collect();
        let unknown: Vec<(u32, u32)> = asked
            .iter()
            .zip(&before)
            .filter(|(_, kept)| kept.is_none())
            .map(|(&pair, _)| pair)
            .collect();
        let mut fresh = measure(self.finding, &unknown)?.into_iter();
        let mut overlaps = Vec::with_capacity(asked.len());
        for (&(a, b), &kept) in asked.iter().zip(&before) {
            let overlap = match kept {
                Some(overlap) => {
                    outcome.measured_before += 1;
                    overlap
                }
                None => {
                    outcome.measured += 1;
                    fresh
                        .next()
                        .map(|(_, _, overlap)| overlap)
                        .unwrap_or_default()
                }
            };
            outcome
                .pairs
                .push((self.keys[a as usize], self.keys[b as usize], overlap));
            overlaps.push(overlap);
        }
        Some(overlaps)
    }
}

/// Clusters made around the documents kept: each document, in the order clusters are kept
/// by, joins the cluster of the proposed neighbour before it that is kept and that it is a
/// copy of (the most alike when several), or keeps a cluster of its own. A member is thus a
/// copy of the document its cluster is kept as, never only of a copy of a copy (a page
/// holding two articles joins neither article to the other). Documents are taken a batch at
/// a time, their pairs with the kept documents before the batch measured on the workers.
fn assign(
    pairs: &Pairs,
    proposed: &[(u32, u32)],
    order: &[u32],
    outcome: &mut Outcome,
) -> Option<Joined> {
    let count = pairs.keys.len();
    let mut rank = vec![u32::MAX; count];
    for (at, &doc) in order.iter().enumerate() {
        rank[doc as usize] = at as u32;
    }
    // Each document's proposed neighbours ranked before it.
    let mut before: Vec<Vec<u32>> = vec![Vec::new(); count];
    for &(a, b) in proposed {
        let (first, later) = match rank[a as usize] < rank[b as usize] {
            true => (a, b),
            false => (b, a),
        };
        before[later as usize].push(first);
    }
    let mut joined = Joined {
        kept_as: (0..count as u32).collect(),
        with_kept: vec![Overlap::WHOLE; count],
    };
    let is_kept = |kept_as: &[u32], doc: u32| kept_as[doc as usize] == doc;
    let thresholds = pairs.finding.thresholds;
    for (batch_number, batch) in order.chunks(BATCH_DOCS).enumerate() {
        let batch_start = batch_number * BATCH_DOCS;
        // Their pairs with the documents kept before the batch, measured together (each
        // document first: read once for all its pairs).
        let asked: Vec<(u32, u32)> = batch
            .iter()
            .flat_map(|&doc| {
                before[doc as usize]
                    .iter()
                    .filter(|&&other| (rank[other as usize] as usize) < batch_start)
                    .filter(|&&other| is_kept(&joined.kept_as, other))
                    .map(move |&other| (doc, other))
            })
            .collect();
        let overlaps = pairs.measured(&asked, outcome)?;
        let mut best: rustc_hash::FxHashMap<u32, (u32, Overlap)> = Default::default();
        for (&(doc, other), &overlap) in asked.iter().zip(&overlaps) {
            keep_most_alike(best.entry(doc).or_default(), other, overlap, thresholds);
        }
        for &doc in batch {
            if let Some(&(other, overlap)) = best.get(&doc).filter(|(_, o)| o.is_copy(thresholds)) {
                joined.join(doc, other, overlap);
                continue;
            }
            // Those kept earlier in this batch, one by one.
            let within: Vec<(u32, u32)> = before[doc as usize]
                .iter()
                .filter(|&&other| (rank[other as usize] as usize) >= batch_start)
                .filter(|&&other| is_kept(&joined.kept_as, other))
                .map(|&other| (doc, other))
                .collect();
            let overlaps = pairs.measured(&within, outcome)?;
            let mut chosen = (doc, Overlap::default());
            for (&(_, other), &overlap) in within.iter().zip(&overlaps) {
                keep_most_alike(&mut chosen, other, overlap, thresholds);
            }
            if chosen.1.is_copy(thresholds) {
                joined.join(doc, chosen.0, chosen.1);
            }
        }
        (pairs.finding.progress)(Stage::Measuring(
            (batch_start + batch.len()).min(order.len()),
            order.len(),
        ));
    }
    Some(joined)
}

/// The kept document each document joined (itself when kept), and its overlap with it.
struct Joined {
    kept_as: Vec<u32>,
    with_kept: Vec<Overlap>,
}

impl Joined {
    fn join(&mut self, doc: u32, kept: u32, overlap: Overlap) {
        self.kept_as[doc as usize] = kept;
        self.with_kept[doc as usize] = overlap;
    }
}

/// Takes `other` as `best` when it is a copy more alike than the one there (the first of
/// equals stays).
fn keep_most_alike(
    best: &mut (u32, Overlap),
    other: u32,
    overlap: Overlap,
    thresholds: Thresholds,
) {
    if overlap.is_copy(thresholds)
        && (!best.1.is_copy(thresholds) || overlap.jaccard > best.1.jaccard)
    {
        *best = (other, overlap);
    }
}

/// The exact overlap of each pair of `batch` (ordered by its first document, read once for
/// all its pairs in a run), on the workers.
fn measure(finding: &Finding, batch: &[(u32, u32)]) -> Option<Vec<(u32, u32, Overlap)>> {
    let docs = finding.docs;
    let measure_run = |run: std::ops::Range<usize>| -> Option<Vec<(u32, u32, Overlap)>> {
        let mut measured = Vec::with_capacity(run.len());
        let mut first: Option<(u32, Vec<u64>)> = None;
        for &(a, b) in &batch[run] {
            if finding.cancel.is_cancelled() {
                return None;
            }
            pool::give_way();
            if first.as_ref().is_none_or(|(doc, _)| *doc != a) {
                first = Some((a, shingles_of_document(docs, a as usize)));
            }
            let of_a = first
                .as_ref()
                .map(|(_, shingles)| shingles.as_slice())
                .unwrap_or_default();
            let of_b = shingles_of_document(docs, b as usize);
            measured.push((a, b, Overlap::of(of_a, &of_b)));
        }
        Some(measured)
    };
    let mut all = Vec::with_capacity(batch.len());
    let complete = pool::over_ranges_unless_stopped(
        finding.workers,
        batch.len(),
        32,
        // In order: the caller takes the overlaps in the order it asked for them.
        Delivery::InOrder,
        measure_run,
        |measured| {
            all.extend(measured);
            true
        },
    );
    complete.then_some(all)
}
