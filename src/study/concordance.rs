//! The concordance of a query: every hit in every matching document, in document order. Each
//! document is searched by the reader's own search (so the reader, opened at a hit, finds the
//! same ones), on every core, and the hits come back in runs as they are found: the first
//! screen does not wait for the last document. A newer query makes it stop.

use super::context::Neighbourhood;
use super::hit::CorpusHit;
use super::matching::Scope;
use crate::corpus::source::Source;
use crate::corpus::store::DocStore;
use crate::reader::hits;
use crate::search::text::terms::{ContentTerm, positive_terms};
use crate::work::job::{Cadence, Cancel};
use crate::work::pool::{self, Delivery};
use std::io;

/// The most hits a concordance keeps (64 MB of them): "e" in a big corpus stops there.
pub(crate) const MAX_HITS: usize = 4_000_000;

/// The concordance to make: of which query, in which documents.
#[derive(Debug)]
pub struct ConcordanceRequest {
    pub scope: Scope,
    /// Only the hits with this word near them (the concordance of a collocate).
    pub near: Option<Near>,
}

/// A word within `span` words of a hit, on either side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Near {
    /// Lowercased, as collocates are.
    pub word: String,
    pub span: usize,
}

/// Hits found since the last report, and how far the search has got.
#[derive(Debug, Default)]
pub struct HitsFound {
    /// In document order, after those reported before.
    pub hits: Vec<CorpusHit>,
    /// Matching documents searched so far, of `total` (0 while the matches are being found).
    pub searched: usize,
    pub total: usize,
    pub done: bool,
    /// True when it stopped at [`MAX_HITS`].
    pub capped: bool,
}

/// Hits reported as soon as found, run by run: more than the tallest screen shows.
const SCREENFUL: usize = 256;

/// Matching documents a worker searches in one go.
const RUN_DOCS: usize = 16;

/// Makes the concordance `request` asks for on `workers` threads, giving `deliver` the hits
/// in document order as they are found, and a last report once done. Stops once cancelled.
pub fn serve(
    request: &ConcordanceRequest,
    workers: usize,
    cancel: &Cancel,
    deliver: &dyn Fn(HitsFound),
) {
    let Some(matching) = request.scope.documents(workers, cancel, |_| {}) else {
        return;
    };
    let terms = positive_terms(&request.scope.query);
    let total = matching.len();
    let mut found = HitsFound {
        total,
        ..HitsFound::default()
    };
    let (mut kept, mut cadence) = (0, Cadence::start());
    let search_run = |run: std::ops::Range<usize>| -> Option<Vec<CorpusHit>> {
        let mut hits = Vec::new();
        for &doc in &matching[run] {
            if cancel.is_cancelled() {
                return None;
            }
            // An unreadable document (gone since it was listed) has no hits to show.
            hits.extend(
                document_hits(
                    &request.scope.docs,
                    doc,
                    &terms,
                    request.near.as_ref(),
                    cancel,
                )
                .unwrap_or_default(),
            );
        }
        Some(hits)
    };
    pool::over_ranges_unless_stopped(
        workers,
        total,
        RUN_DOCS,
        Delivery::InOrder,
        search_run,
        |mut hits| {
            found.capped = kept + hits.len() > MAX_HITS;
            hits.truncate(MAX_HITS - kept);
            kept += hits.len();
            found.hits.extend(hits);
            found.searched = (found.searched + RUN_DOCS).min(total);
            // Every run goes out until a screenful has, so the first screen fills at once.
            if !found.hits.is_empty() && (cadence.due(true, 1) || kept <= SCREENFUL) {
                deliver(HitsFound {
                    hits: std::mem::take(&mut found.hits),
                    searched: found.searched,
                    total,
                    ..HitsFound::default()
                });
            }
            !found.capped && !cancel.is_cancelled()
        },
    );
    if cancel.is_cancelled() {
        return;
    }
    found.done = true;
    found.searched = total;
    deliver(found);
}

/// Every hit of `terms` in document `doc` of `docs`, in order, as the reader finds them; only
/// those with the word `near` close by when it is given.
pub(crate) fn document_hits(
    docs: &DocStore,
    doc: usize,
    terms: &[ContentTerm],
    near: Option<&Near>,
    cancel: &Cancel,
) -> io::Result<Vec<CorpusHit>> {
    let (mut source, found) = hits_with_text(docs, doc, terms, cancel)?;
    let Some(near) = near else {
        return Ok(found);
    };
    let mut neighbourhood = Neighbourhood::new(&mut source);
    let mut kept = Vec::new();
    for hit in found {
        let (before, after) = neighbourhood.words_around(hit.start(), hit.range(), near.span)?;
        if before.iter().chain(&after).any(|word| *word == near.word) {
            kept.push(hit);
        }
    }
    Ok(kept)
}

/// Document `doc`'s text, opened, and every hit of `terms` in it, in order.
pub(crate) fn hits_with_text(
    docs: &DocStore,
    doc: usize,
    terms: &[ContentTerm],
    cancel: &Cancel,
) -> io::Result<(Source, Vec<CorpusHit>)> {
    let mut source = docs.open(doc)?.source;
    let mut found = Vec::new();
    // One more than a concordance keeps: a document with more says the view was cut.
    hits::scan(&mut source, terms, MAX_HITS + 1, cancel, |hits, _| {
        found.extend(hits.hits.iter().map(|hit| CorpusHit::new(doc, hit)))
    })?;
    Ok((source, found))
}
