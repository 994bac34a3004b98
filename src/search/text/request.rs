//! A text search for the list's text mode, as the background job runs it: every core scans a
//! share of the documents, the matches so far are ranked and reported every so often while it
//! runs, and a newer query cancels an older one mid-way.

use super::TextMatch;
use super::index::TextIndex;
use super::scan::Scan;
use super::terms::content_terms;
use crate::corpus::store::DocStore;
use crate::search::Hits;
use crate::search::query::Query;
use crate::search::titles::ranking::Scored;
use crate::work::job::{Cadence, Cancel, Ticket};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What to search for, and in what.
#[derive(Debug)]
pub struct TextRequest {
    /// Which query it is for: what it finds carries it back.
    pub ticket: Ticket,
    pub query: Query,
    /// A snapshot of the documents (cheap: the chunks are shared).
    pub docs: DocStore,
    /// The index of the documents' words, once built.
    pub index: Option<Arc<TextIndex>>,
}

/// The matches of a text search so far, in the shapes the list shows them, all made on the
/// search's thread so that the interface only takes them (nothing the size of the matches
/// runs there).
#[derive(Debug, Default)]
pub struct TextFound {
    pub ticket: Ticket,
    /// Best first, as (score × `SCORE_SCALE`, document).
    pub ranked: Vec<Scored>,
    /// Hits in each matching document (shared with a sort by hits).
    pub hits: Arc<Hits>,
    /// The matching documents in document order (what a study view starts from).
    pub documents: Arc<Vec<usize>>,
    /// Hits per month (`YYYY-MM`) of the dated matching documents, for the sparkline.
    pub per_month: BTreeMap<String, usize>,
    /// Documents scanned so far, of `total`.
    pub scanned: usize,
    pub total: usize,
    /// True when every document has been scanned: the matches are complete.
    pub done: bool,
}

/// Scores are BM25 values; the list keeps integer scores, so they are kept to 6 decimals.
pub(crate) const SCORE_SCALE: f64 = 1e6;

impl TextFound {
    /// Every one of `count` documents, in path order, for the empty query (which matches
    /// them all and has no hits to count).
    pub(crate) fn every(ticket: Ticket, count: usize) -> TextFound {
        TextFound {
            ticket,
            ranked: (0..count).map(|index| (0, index)).collect(),
            ..TextFound::default()
        }
    }

    /// The matches `found` (best first) of `docs`, in the shapes the list shows them.
    pub(crate) fn of(ticket: Ticket, found: Vec<TextMatch>, docs: &DocStore) -> TextFound {
        // In document order: the months are looked up in the listing's order (ten million
        // records read in place: in order, their pages are read once).
        let mut in_order: Vec<(usize, usize)> = found.iter().map(|f| (f.index, f.hits)).collect();
        in_order.sort_unstable();
        let hits: Hits = in_order.iter().copied().collect();
        let documents: Vec<usize> = in_order.iter().map(|&(index, _)| index).collect();
        let mut per_month: BTreeMap<&str, usize> = BTreeMap::new();
        for &(index, hits) in &in_order {
            if let Some(month) = docs.get(index).and_then(|d| d.date?.get(..7)) {
                *per_month.entry(month).or_insert(0) += hits;
            }
        }
        let per_month = per_month
            .into_iter()
            .map(|(month, hits)| (month.to_string(), hits))
            .collect();
        let ranked = found
            .iter()
            .map(|f| ((f.score * SCORE_SCALE) as i64, f.index))
            .collect();
        TextFound {
            ticket,
            ranked,
            hits: Arc::new(hits),
            documents: Arc::new(documents),
            per_month,
            ..TextFound::default()
        }
    }
}

/// Searches for one request, delivering the matches now and then and once complete.
pub(crate) fn serve(
    request: &TextRequest,
    workers: usize,
    cancel: &Cancel,
    deliver: &dyn Fn(TextFound),
) {
    let ticket = request.ticket;
    let groups = content_terms(&request.query);
    let scan = Scan {
        docs: &request.docs,
        groups: &groups,
        passages: false,
        index: request.index.as_deref(),
        within: None,
    };
    let total = request.docs.len();
    let mut cadence = Cadence::start();
    let complete = scan.run(workers, cancel, |tally, scanned| {
        // The first matches are shown at once, then the list is updated now and then.
        // Each report is the whole ranking so far (BM25 scores change as more documents are
        // counted), which the interface takes whole: the more matches, the less often (every
        // 100 ms up to 20,000, at most every second), so a common word's hundreds of
        // thousands of matches are not ranked and shown forty times.
        let slower = (1 + tally.matches() / 20_000).min(10) as u32;
        if cadence.due(tally.matches() > 0, slower) && scanned < total {
            deliver(TextFound {
                scanned,
                total,
                ..TextFound::of(ticket, tally.ranked(&groups), &request.docs)
            });
        }
    });
    if let Some(tally) = complete {
        deliver(TextFound {
            scanned: total,
            total,
            done: true,
            ..TextFound::of(ticket, tally.ranked(&groups), &request.docs)
        });
    }
}
