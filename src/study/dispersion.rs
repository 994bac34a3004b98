//! The dispersion plot of a query (AntConc's Plot): a row for each document with hits, the
//! most hits first, with where in the document each hit is, its hits per 1,000 words, and for
//! the whole scope the range (documents with a hit) and DP. The rows' order and the figures
//! come from the search's counts (the index answers them); the hits' places are read after,
//! document by document in the rows' order, so the first screenful is sent as soon as its
//! documents are read.

use super::concordance::hits_with_text;
use super::hit::CorpusHit;
use super::matching::Scope;
use super::words::Dispersion;
use crate::search::text::terms::positive_terms;
use crate::work::job::{Cadence, Cancel};
use crate::work::pool::{self, Delivery};

/// A document's row: its hits in order, each one's place as a share of the document (0 its
/// start, `u16::MAX` its end), and its words.
#[derive(Clone, Debug)]
pub struct PlotRow {
    pub(crate) doc: usize,
    pub(crate) hits: usize,
    pub(crate) words: u32,
    /// Filled in once the document is read (empty before).
    pub(crate) places: Vec<u16>,
    pub(crate) found: Vec<CorpusHit>,
}

/// What the plot knows so far: every row (their places as read), how many have their places,
/// and the scope's figures.
#[derive(Debug, Default)]
pub(crate) struct PlotFound {
    /// The rows, once the counts are in; their places are filled as they come.
    pub(crate) rows: Option<Vec<PlotRow>>,
    /// Rows whose places were read since the last news: each row's place in the rows, its
    /// hits' places and the hits.
    pub(crate) placed: Vec<Placed>,
    /// True once every row's places are read.
    pub(crate) done: bool,
    pub(crate) scope_documents: usize,
    /// Every row's hits.
    pub(crate) hits: usize,
    pub(crate) dp: f64,
}

/// A row's places read: its place in the rows, its hits' places and the hits.
pub(crate) type Placed = (usize, Vec<u16>, Vec<CorpusHit>);

/// Rows sent at once: more than the tallest screen shows.
const SCREENFUL: usize = 128;
/// Documents a worker reads at a time.
const RUN_DOCS: usize = 8;

/// Makes the plot of `scope`'s query on `workers` threads, giving `deliver` the rows (places
/// not read yet), then their places run by run, the first screenful at once. Stops once
/// cancelled.
pub(crate) fn serve(scope: &Scope, workers: usize, cancel: &Cancel, deliver: &dyn Fn(PlotFound)) {
    let docs = &scope.docs;
    let Some(counts) = scope.counts(workers, cancel, |_| {}) else {
        return;
    };
    let within = scope.flags();
    let Some(doc_words) = scope.doc_words(workers, cancel) else {
        return;
    };
    let mut rows: Vec<PlotRow> = counts
        .into_iter()
        .map(|(doc, hits)| PlotRow {
            doc,
            hits: hits.iter().sum(),
            words: doc_words.get(doc).copied().unwrap_or(0),
            places: Vec::new(),
            found: Vec::new(),
        })
        .filter(|row| row.hits > 0)
        .collect();
    rows.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.doc.cmp(&b.doc)));
    let dispersion = Dispersion::over(&doc_words, |doc| within[doc]);
    let all: usize = rows.iter().map(|row| row.hits).sum();
    let mut sums = (0.0, 0.0);
    for row in &rows {
        dispersion.add(&mut sums, row.words, row.hits as f64, all as f64);
    }
    let order: Vec<usize> = rows.iter().map(|row| row.doc).collect();
    deliver(PlotFound {
        rows: Some(rows),
        scope_documents: within.iter().filter(|&&w| w).count(),
        hits: all,
        dp: dispersion.dp(sums.0, sums.1),
        ..PlotFound::default()
    });
    let terms = positive_terms(&scope.query);
    let read = |run: std::ops::Range<usize>| -> Option<Vec<Placed>> {
        let mut placed = Vec::with_capacity(run.len());
        for at in run {
            if cancel.is_cancelled() {
                return None;
            }
            // A document unreadable since it was counted keeps its row, with no places.
            let (places, found) = match hits_with_text(docs, order[at], &terms, cancel) {
                Ok((source, found)) => {
                    let size = source.size().max(1) as f64;
                    let place = |hit: &CorpusHit| {
                        let at = hit.start() + hit.range().start as u64;
                        ((at as f64 / size).min(1.0) * f64::from(u16::MAX)) as u16
                    };
                    (found.iter().map(place).collect(), found)
                }
                Err(_) => (Vec::new(), Vec::new()),
            };
            placed.push((at, places, found));
        }
        Some(placed)
    };
    let (mut sent, mut waiting, mut cadence) = (0, Vec::new(), Cadence::start());
    let complete = pool::over_ranges_unless_stopped(
        workers,
        order.len(),
        RUN_DOCS,
        Delivery::InOrder,
        read,
        |placed| {
            sent += placed.len();
            waiting.extend(placed);
            if sent <= SCREENFUL || cadence.due(true, 1) {
                deliver(PlotFound {
                    placed: std::mem::take(&mut waiting),
                    ..PlotFound::default()
                });
            }
            !cancel.is_cancelled()
        },
    );
    if complete {
        deliver(PlotFound {
            placed: waiting,
            done: true,
            ..PlotFound::default()
        });
    }
}

/// The columns a saved plot is written in, as CSV's heading and JSON Lines' keys.
pub(crate) const COLUMNS: &[&str] = &["path", "hits", "words", "per_thousand", "title"];

/// Writes the plot's rows (a row per document with hits, most first) to `out` in `format`.
pub(crate) fn write_plot(
    format: super::export::Format,
    out: impl std::io::Write,
    docs: &crate::corpus::store::DocStore,
    rows: &[PlotRow],
) -> std::io::Result<()> {
    use super::export::{Cell, TableWriter};
    let mut table = TableWriter::new(format, out, COLUMNS)?;
    for row in rows {
        let meta = docs.at(row.doc);
        table.row(&[
            Cell::Text(meta.display_path()),
            Cell::from(row.hits),
            Cell::Number(u64::from(row.words)),
            Cell::Score(row.hits as f64 * 1000.0 / f64::from(row.words.max(1))),
            Cell::from(meta.title()),
        ])?;
    }
    table.flush()
}
