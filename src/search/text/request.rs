//! A text search for the list's text mode, as the background job runs it: every core scans a
//! share of the documents, the matches so far are ranked and reported every so often while it
//! runs, and a newer query cancels an older one mid-way.

use super::TextMatch;
use super::index::TextIndex;
use super::scan::Scan;
use super::terms::content_terms;
use crate::corpus::store::DocStore;
use crate::search::query::Query;
use crate::work::job::Stale;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to search for, and in what.
#[derive(Debug)]
pub struct TextRequest {
    /// Increases with every query; only the newest is worth finishing.
    pub generation: u64,
    pub query: Query,
    /// A snapshot of the documents (cheap: the chunks are shared).
    pub docs: DocStore,
    /// The index of the documents' words, once built.
    pub index: Option<Arc<TextIndex>>,
}

/// The matches of a text search so far, best first.
#[derive(Debug)]
pub struct TextFound {
    pub generation: u64,
    pub found: Vec<TextMatch>,
    /// Documents scanned so far, of `total`.
    pub scanned: usize,
    pub total: usize,
    /// True when every document has been scanned: `found` is complete.
    pub done: bool,
}

/// How often the matches so far are shown while a search runs.
const REPORT_EVERY: Duration = Duration::from_millis(100);

/// Searches for one request, delivering the matches now and then and once complete.
pub(crate) fn serve(
    request: &TextRequest,
    workers: usize,
    cancelled: Stale,
    deliver: &dyn Fn(TextFound),
) {
    let generation = request.generation;
    let groups = content_terms(&request.query);
    let scan = Scan {
        docs: &request.docs,
        groups: &groups,
        passages: false,
        index: request.index.as_deref(),
    };
    let total = request.docs.len();
    let started = Instant::now();
    let mut last_report: Option<Instant> = None;
    let complete = scan.run(workers, cancelled, |tally, scanned| {
        // The first matches are shown at once, then the list is updated now and then.
        // Each report is the whole ranking so far, which the interface takes whole: the more
        // matches, the less often (every 100 ms up to 20,000, at most every second), so a
        // common word's hundreds of thousands of matches are not ranked and shown forty times.
        let every = REPORT_EVERY * (1 + tally.matches() / 20_000).min(10) as u32;
        let due = match last_report {
            None => tally.matches() > 0 || started.elapsed() >= REPORT_EVERY,
            Some(at) => at.elapsed() >= every,
        };
        if due && scanned < total {
            last_report = Some(Instant::now());
            deliver(TextFound {
                generation,
                found: tally.ranked(&groups),
                scanned,
                total,
                done: false,
            });
        }
    });
    if let Some(tally) = complete {
        deliver(TextFound {
            generation,
            found: tally.ranked(&groups),
            scanned: total,
            total,
            done: true,
        });
    }
}
