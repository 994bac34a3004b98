//! Words looked up by what they are, several at once: each shard's lowercased vocabulary read
//! word by word against the set asked for (one pass, whatever the set's size), so a
//! document's two hundred words cost what one vocabulary scan costs, not two hundred
//! substring searches. What "documents like this one" ranks by: how many documents hold each
//! word, then the postings of the few that distinguish it.

use super::{Shard, TextIndex};
use rustc_hash::{FxHashMap, FxHashSet};

impl TextIndex {
    /// For each of `words` (lowercased) the index holds: how many documents hold it (a
    /// document holding it in two cases counted in each).
    pub(crate) fn document_frequencies(&self, words: &FxHashSet<String>) -> FxHashMap<String, u32> {
        let mut frequencies: FxHashMap<String, u32> = FxHashMap::default();
        for shard in &self.shards {
            let counted = shard.counted();
            shard.each_word_of(words, &mut |word, id| {
                let held = shard
                    .postings_of(id)
                    .filter(|&(local, _)| counted(local).is_some())
                    .count();
                *frequencies.entry(word.to_string()).or_default() += held as u32;
            });
        }
        frequencies
    }

    /// For each of `words` (lowercased) the index holds: (document in the corpus now, its
    /// occurrences in any case), a document once, ascending.
    pub(crate) fn postings_of_words(
        &self,
        words: &FxHashSet<String>,
    ) -> FxHashMap<String, Vec<(usize, u32)>> {
        let mut postings: FxHashMap<String, Vec<(usize, u32)>> = FxHashMap::default();
        for shard in &self.shards {
            let counted = shard.counted();
            shard.each_word_of(words, &mut |word, id| {
                let found = postings.entry(word.to_string()).or_default();
                for (local, count) in shard.postings_of(id) {
                    if let Some(doc) = counted(local) {
                        found.push((doc, count));
                    }
                }
            });
        }
        for found in postings.values_mut() {
            found.sort_unstable();
            found.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    earlier.1 = earlier.1.saturating_add(later.1);
                }
                same
            });
        }
        postings
    }

    /// Each document's words as the index counted them (0 for those it does not answer for).
    pub(crate) fn words_of_documents(&self, documents: usize) -> Vec<u32> {
        let mut words = vec![0u32; documents];
        let mut answered = vec![false; documents];
        self.document_words(&mut words, &mut answered);
        words
    }
}

impl Shard {
    /// Gives `found` each word of the shard's lowercased vocabulary that is in `words`, with
    /// its number (a word written in several cases is given for each).
    fn each_word_of(&self, words: &FxHashSet<String>, found: &mut dyn FnMut(&str, usize)) {
        let Ok(lower) = std::str::from_utf8(&self.vocabulary.lower) else {
            return;
        };
        for (id, word) in lower.split('\n').enumerate() {
            if !word.is_empty() && words.contains(word) {
                found(word, id);
            }
        }
    }

    /// Where local document `local` is in the corpus now, if it is counted there (still in
    /// the corpus, not left to scanning): the documents left to scanning gathered once.
    fn counted(&self) -> impl Fn(usize) -> Option<usize> + '_ {
        let unindexed: Vec<u32> = self.unindexed.iter().collect();
        move |local| {
            self.place(local)
                .filter(|_| unindexed.binary_search(&(local as u32)).is_err())
        }
    }
}
