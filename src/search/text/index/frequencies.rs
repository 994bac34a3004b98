//! How often words occur in the documents the index covers, summed from the postings: what
//! collocates compare the words found near a term with, without reading the corpus again.

use super::{TextIndex, read_number};
use crate::work::job::Cancel;
use rustc_hash::{FxHashMap, FxHashSet};

/// Occurrences of some words, and of all words, in the documents the index covers.
#[derive(Debug, Default)]
pub struct Frequencies {
    /// Each word asked for (lowercased) and its occurrences, in any case.
    pub of: FxHashMap<String, u64>,
    /// Occurrences of all words.
    pub total: u64,
    /// Documents among those asked about that the index does not cover: they must be read.
    pub unread: Vec<usize>,
}

impl TextIndex {
    /// The occurrences of each of `words` (lowercased) and of all words in the first `count`
    /// documents, as far as the index covers them; None if `cancel` was set first.
    pub fn frequencies(
        &self,
        words: &FxHashSet<String>,
        count: usize,
        cancel: &Cancel,
    ) -> Option<Frequencies> {
        let mut found = Frequencies::default();
        let mut next = 0;
        for (shard, size, gap) in self.covering(count) {
            if cancel.is_cancelled() {
                return None;
            }
            found.unread.extend(gap);
            found.unread.extend(
                shard
                    .unindexed
                    .iter()
                    .map(|&local| shard.first + local as usize),
            );
            let vocabulary = &shard.vocabulary;
            let starts = &vocabulary.lower_starts;
            for (word, &start) in starts.iter().enumerate() {
                let end = starts
                    .get(word + 1)
                    .map_or(vocabulary.lower.len(), |&next| next as usize);
                // Each word is followed by a line break.
                let lower = &vocabulary.lower[start as usize..end.saturating_sub(1)];
                let mut postings = &shard.postings
                    [shard.posting_starts[word] as usize..shard.posting_starts[word + 1] as usize];
                let (mut local, mut occurrences) = (0usize, 0u64);
                while !postings.is_empty() {
                    local += read_number(&mut postings) as usize;
                    let count = read_number(&mut postings);
                    if local <= size {
                        occurrences += u64::from(count);
                    }
                }
                found.total += occurrences;
                if words.contains(lower) {
                    *found.of.entry(lower.to_string()).or_insert(0) += occurrences;
                }
            }
            next = shard.first + size;
        }
        found.unread.extend(next..count);
        found.unread.sort_unstable();
        Some(found)
    }
}
