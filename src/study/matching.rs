//! Which documents match a query, each with its count of every term looked for: the text
//! search's own scan (answered by the word index where it is built), in document order. The
//! concordance, the counts and the collocates all start from it.

use crate::corpus::store::DocStore;
use crate::search::query::Query;
use crate::search::text::index::TextIndex;
use crate::search::text::scan::Scan;
use crate::search::text::terms::content_terms;
use crate::study::words::sizes::words_per_document;
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use std::sync::Arc;

/// A matching document: its index, and the hits of each term looked for (not negated).
pub(crate) type DocCounts = (usize, Vec<usize>);

/// What a study view's work is of, the part every view's request shares: the documents, the
/// query, the word index where it is built, and the matching documents when the text search
/// already found them all.
#[derive(Clone, Debug)]
pub struct Scope {
    pub docs: DocStore,
    pub query: Query,
    pub index: Option<Arc<TextIndex>>,
    /// The matching documents in document order, when the text search already knows them.
    pub matching: Option<Arc<Vec<usize>>>,
    /// The documents of the subcorpus looked in, one flag each, when not all.
    pub within: Option<Arc<Vec<bool>>>,
    /// Each document's words (0 outside `within`), when already counted (a subcorpus chosen
    /// in the browser keeps them): every view of it divides by them.
    pub doc_words: Option<Arc<Vec<u32>>>,
}

impl Scope {
    /// The documents that match the query, in document order, with their counts (found by
    /// the scan, which the index answers: the documents already known have no counts); None
    /// if cancelled first. `progress` hears how many documents were looked at so far.
    pub(crate) fn counts(
        &self,
        workers: usize,
        cancel: &Cancel,
        mut progress: impl FnMut(usize),
    ) -> Option<Vec<DocCounts>> {
        let groups = content_terms(&self.query);
        let scan = Scan {
            docs: &self.docs,
            groups: &groups,
            passages: false,
            index: self.index.as_deref(),
            // Only the subcorpus's documents are read; those the index answers are left out
            // below.
            within: self.within.as_deref().map(Vec::as_slice),
        };
        let tally = scan.run(workers, cancel, |_, scanned| progress(scanned))?;
        let mut found = tally.positive_counts(&groups);
        found.retain(|(doc, _)| self.holds(*doc));
        Some(found)
    }

    /// A flag for each document: whether it is in the subcorpus looked in.
    pub(crate) fn flags(&self) -> Vec<bool> {
        match &self.within {
            Some(within) => (0..self.docs.len())
                .map(|doc| within.get(doc).copied().unwrap_or(false))
                .collect(),
            None => vec![true; self.docs.len()],
        }
    }

    /// Each document's words (0 outside the subcorpus): those kept, else counted now (from
    /// the index where it answers). None once cancelled.
    pub(crate) fn doc_words(&self, workers: usize, cancel: &Cancel) -> Option<Arc<Vec<u32>>> {
        if let Some(known) = &self.doc_words {
            return Some(Arc::clone(known));
        }
        let index = self.index.as_deref();
        words_per_document(&self.docs, index, &self.flags(), workers, cancel).map(Arc::new)
    }

    /// True when document `doc` is in the subcorpus looked in.
    pub(crate) fn holds(&self, doc: usize) -> bool {
        self.within
            .as_ref()
            .is_none_or(|within| within.get(doc).copied().unwrap_or(false))
    }

    /// The indices of the matching documents, in document order: those the text search
    /// already found, else found now. None if cancelled first.
    pub(crate) fn documents(
        &self,
        workers: usize,
        cancel: &Cancel,
        progress: impl FnMut(usize),
    ) -> Option<Arc<Vec<usize>>> {
        if let Some(known) = &self.matching {
            return Some(match self.within.is_some() {
                true => Arc::new(
                    known
                        .iter()
                        .copied()
                        .filter(|&doc| self.holds(doc))
                        .collect(),
                ),
                false => Arc::clone(known),
            });
        }
        let found = self.counts(workers, cancel, progress)?;
        Some(Arc::new(found.into_iter().map(|(doc, _)| doc).collect()))
    }
}

/// The labels of the terms a query looks for (not negated), in order: the columns of counts.
pub(crate) fn term_labels(query: &Query) -> Vec<String> {
    query
        .groups
        .iter()
        .flatten()
        .filter(|term| !term.negated)
        // Typed by the user, shown in headings and written in tables: made safe once, here.
        .map(|term| sanitize_line(&term.label()))
        .collect()
}
