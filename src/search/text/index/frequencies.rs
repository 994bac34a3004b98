//! How often words occur in the documents the index covers, summed from the postings: what
//! collocates compare the words found near a term with, without reading the corpus again.

use super::TextIndex;
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
        let mut covered = vec![false; count];
        for shard in &self.shards {
            if cancel.is_cancelled() {
                return None;
            }
            // The documents it answers for among those asked about (local positions).
            let unindexed: Vec<u32> = shard.unindexed.iter().collect();
            let mut answers = vec![false; shard.lengths.len()];
            for (local, answer) in answers.iter_mut().enumerate() {
                if let Some(doc) = shard.place(local).filter(|&doc| doc < count)
                    && unindexed.binary_search(&(local as u32)).is_err()
                {
                    *answer = true;
                    covered[doc] = true;
                }
            }
            let vocabulary = &shard.vocabulary;
            let lower_text = vocabulary.lower.as_str();
            let starts = &vocabulary.lower_starts;
            for word in 0..starts.len() {
                let start = starts.at(word) as usize;
                let end = starts
                    .get(word + 1)
                    .map_or(lower_text.len(), |next| next as usize);
                // Each word is followed by a line break.
                let lower = lower_text
                    .get(start..end.saturating_sub(1))
                    .unwrap_or_default();
                let occurrences: u64 = shard
                    .postings_of(word)
                    .filter(|&(local, _)| answers.get(local).copied().unwrap_or(false))
                    .map(|(_, count)| u64::from(count))
                    .sum();
                found.total += occurrences;
                if words.contains(lower) {
                    *found.of.entry(lower.to_string()).or_insert(0) += occurrences;
                }
            }
        }
        found.unread = (0..count).filter(|&doc| !covered[doc]).collect();
        Some(found)
    }
}
