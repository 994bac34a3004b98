//! Finding the corpus's copies: every document sketched (or its sketch taken from the store
//! when it is unchanged), documents with the same shingles joined at once, the pairs their
//! samples propose measured exactly (or their measure taken from the store) until every
//! proposed pair is measured or already in one cluster, and the clusters made. A pair is a
//! copy only by its measure, never by its sketches.

use super::clusters::{Copies, Joined};
use super::kept::{DocKey, Kept};
use super::overlap::{Overlap, Thresholds};
use super::shingles::Shingler;
use super::sketch::{Sketch, Sketches};
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};

/// Documents a worker sketches at a time.
const RUN_DOCS: usize = 64;

/// Pairs measured between two looks at what is already joined.
const BATCH_PAIRS: usize = 2_048;

/// How far finding has come, for a progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Documents sketched, of how many to sketch.
    Sketching(usize, usize),
    /// Pairs measured, of how many proposed.
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
    let mut joined = Joined::new(docs.len());
    let active = join_the_same(&sketches, &mut joined);
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
    measure_all(
        finding,
        &proposed,
        &keys,
        &places,
        &mut joined,
        &mut outcome,
    )?;
    outcome.copies = Copies::of(&mut joined, docs);
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

/// Joins the documents whose whole shingle sets are the same; the first of each such set
/// (and every other document with shingles) is left to compare, ascending.
fn join_the_same(sketches: &Sketches, joined: &mut Joined) -> Vec<u32> {
    let mut by_whole: Vec<(u64, u32)> = (0..sketches.len())
        .filter(|&doc| sketches.shingles[doc] > 0)
        .map(|doc| (sketches.whole[doc], doc as u32))
        .collect();
    by_whole.sort_unstable();
    let mut active = Vec::with_capacity(by_whole.len());
    for (at, &(whole, doc)) in by_whole.iter().enumerate() {
        match at.checked_sub(1).map(|before| by_whole[before]) {
            Some((same, first)) if same == whole => joined.join(first, doc),
            _ => active.push(doc),
        }
    }
    active.sort_unstable();
    active
}

/// Measures the `proposed` pairs not yet in one cluster, a batch at a time (the kept
/// measure of two unchanged documents taken as it is), joining the copies.
fn measure_all(
    finding: &Finding,
    proposed: &[(u32, u32)],
    keys: &[DocKey],
    places: &[Option<usize>],
    joined: &mut Joined,
    outcome: &mut Outcome,
) -> Option<()> {
    let thresholds = finding.thresholds;
    let mut next = 0;
    while next < proposed.len() {
        let mut batch: Vec<(u32, u32)> = Vec::with_capacity(BATCH_PAIRS);
        while next < proposed.len() && batch.len() < BATCH_PAIRS {
            let (a, b) = proposed[next];
            next += 1;
            if joined.same(a, b) {
                continue;
            }
            let (key_a, key_b) = (keys[a as usize], keys[b as usize]);
            let before = finding
                .kept
                .filter(|_| places[a as usize].is_some() && places[b as usize].is_some())
                .and_then(|kept| kept.pair(&key_a, &key_b));
            match before {
                Some(overlap) => {
                    outcome.measured_before += 1;
                    outcome.pairs.push((key_a, key_b, overlap));
                    if overlap.is_copy(thresholds) {
                        joined.join(a, b);
                    }
                }
                None => batch.push((a, b)),
            }
        }
        for (a, b, overlap) in measure(finding, &batch)? {
            outcome.measured += 1;
            outcome
                .pairs
                .push((keys[a as usize], keys[b as usize], overlap));
            if overlap.is_copy(thresholds) {
                joined.join(a, b);
            }
        }
        (finding.progress)(Stage::Measuring(next, proposed.len()));
    }
    Some(())
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
        Delivery::AsDone,
        measure_run,
        |measured| {
            all.extend(measured);
            true
        },
    );
    complete.then_some(all)
}
