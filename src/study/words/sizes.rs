//! Each document's size in words, as the word index counts them: from the index where it
//! answers for the document, else read (a big file in pieces) and counted — what counts per
//! million words and group sizes divide by.

use crate::corpus::store::DocStore;
use crate::search::text::index::TextIndex;
use crate::text::words::count_words;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};

/// Documents a worker reads at a time.
const RUN_DOCS: usize = 64;

/// The words of each document of `docs` that `within` flags (0 for the others); None once
/// `cancel` is set.
pub(crate) fn words_per_document(
    docs: &DocStore,
    index: Option<&TextIndex>,
    within: &[bool],
    workers: usize,
    cancel: &Cancel,
) -> Option<Vec<u32>> {
    let mut words = vec![0u32; docs.len()];
    let mut answered = vec![false; docs.len()];
    if let Some(index) = index {
        index.document_words(&mut words, &mut answered);
    }
    let unread: Vec<usize> = (0..docs.len())
        .filter(|&doc| within.get(doc).copied().unwrap_or(false) && !answered[doc])
        .collect();
    let count_run = |run: std::ops::Range<usize>| -> Option<Vec<(usize, u32)>> {
        let mut counted = Vec::with_capacity(run.len());
        for &doc in &unread[run] {
            if cancel.is_cancelled() {
                return None;
            }
            let mut count = 0u32;
            // An unreadable document has no words, as when scanning.
            let _ = docs.each_piece(doc, |piece| {
                count = count.saturating_add(count_words(&piece.text()));
            });
            counted.push((doc, count));
        }
        Some(counted)
    };
    let complete = pool::over_ranges_unless_stopped(
        workers,
        unread.len(),
        RUN_DOCS,
        Delivery::AsDone,
        count_run,
        |counted| {
            for (doc, count) in counted {
                words[doc] = count;
            }
            true
        },
    );
    for (slot, &inside) in words.iter_mut().zip(within) {
        if !inside {
            *slot = 0;
        }
    }
    complete.then_some(words)
}
