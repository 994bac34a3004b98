//! Copies and neighbours. Near-duplicate documents found by their shingles (`shingles`):
//! each document sketched by a sample of them (`sketch`), the pairs the samples propose
//! (`candidates`) measured exactly (`overlap`), the copies joined into clusters each kept as
//! one document (`clusters`), all of it kept in the lasting store (`kept`) and found again
//! only for documents new or changed (`find`). Also the documents most like one (`like_this`,
//! from the word index) and the words two documents differ by (`diff`). May use `search`,
//! `store`, `corpus`, `work` and `text`.

mod candidates;
mod clusters;
pub(crate) mod diff;
mod find;
mod kept;
pub(crate) mod like_this;
mod overlap;
mod shingles;
mod sketch;

pub(crate) use clusters::Copies;
pub(crate) use find::Stage;
use find::shingles_of_document;
pub(crate) use overlap::{Overlap, Thresholds};

use crate::corpus::store::DocStore;
use crate::store::Store;
use crate::work::job::Cancel;

/// What finding the copies did, for a status line or `--duplicates`' stderr.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Documents read to be sketched now, of all.
    pub sketched: usize,
    pub documents: usize,
    /// Pairs measured now (read), and taken from the store.
    pub measured: usize,
    pub measured_before: usize,
    /// What the store said (a damaged file set aside, not written).
    pub notes: Vec<String>,
}

/// How finding the copies goes: the store's kept ones used where there is a store, and
/// what was new written back to it when `write`.
pub(crate) struct Asked<'a> {
    pub docs: &'a DocStore,
    pub store: Option<&'a Store>,
    pub thresholds: Thresholds,
    pub write: bool,
    pub workers: usize,
    pub cancel: &'a Cancel,
    pub progress: &'a dyn Fn(Stage),
}

/// The copies of `asked.docs`, and what it took; None once cancelled.
pub(crate) fn find_copies(asked: &Asked) -> Option<(Copies, Report)> {
    let mut report = Report {
        documents: asked.docs.len(),
        ..Report::default()
    };
    let kept = asked.store.and_then(|store| {
        let (kept, note) = kept::open(store);
        report.notes.extend(note);
        kept
    });
    let outcome = find::find(&find::Finding {
        docs: asked.docs,
        thresholds: asked.thresholds,
        kept: kept.as_ref(),
        workers: asked.workers,
        cancel: asked.cancel,
        progress: asked.progress,
    })?;
    drop(kept);
    report.sketched = outcome.sketched;
    report.measured = outcome.measured;
    report.measured_before = outcome.measured_before;
    if let Some(store) = asked.store.filter(|_| asked.write && outcome.is_new())
        && let Err(why) = kept::write(store, &outcome.keys, &outcome.sketches, &outcome.pairs)
    {
        report.notes.push(why);
    }
    Some((outcome.copies, report))
}

/// The exact overlap of documents `a` and `b` (reading both).
pub(crate) fn overlap_of(docs: &DocStore, a: usize, b: usize) -> Overlap {
    Overlap::of(
        &shingles_of_document(docs, a),
        &shingles_of_document(docs, b),
    )
}
