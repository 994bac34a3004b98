//! Walking the index word by word: each distinct lowercased word of a shard with the
//! documents it occurs in and how often — what a word list, keywords and collocates add up,
//! without reading the corpus again. A word written in several cases (`The`, `the`) is one
//! word here, its postings merged per document.

use super::TextIndex;
use rustc_hash::FxHashMap;

/// One word's occurrences in a shard: (document in the corpus now, occurrences), a document
/// once.
pub(crate) type WordPostings = [(usize, u32)];

impl TextIndex {
    /// How many shards the index has, to walk them one by one ([`TextIndex::walk_shard`]).
    pub(crate) fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// Notes, for each document the index answers for (one it holds and has not left to
    /// scanning, among those `words` and `answered` cover), that it does and how many words
    /// it has. The others must be read to be counted.
    pub(crate) fn document_words(&self, words: &mut [u32], answered: &mut [bool]) {
        for shard in &self.shards {
            let unindexed: Vec<u32> = shard.unindexed.iter().collect();
            for local in 0..shard.lengths.len() {
                if unindexed.binary_search(&(local as u32)).is_ok() {
                    continue;
                }
                let Some(doc) = shard.place(local) else {
                    continue;
                };
                if let (Some(slot), Some(answer)) = (words.get_mut(doc), answered.get_mut(doc)) {
                    *slot = shard.words.at(local);
                    *answer = true;
                }
            }
        }
    }

    /// Gives `visit` each distinct lowercased word of shard `n` with its postings among the
    /// documents `take` wants (by their place in the corpus now; documents gone or left to
    /// scanning are never given). A word with no such posting is not given.
    pub(crate) fn walk_shard<'a>(
        &'a self,
        n: usize,
        take: &dyn Fn(usize) -> bool,
        visit: &mut dyn FnMut(&'a str, &WordPostings),
    ) {
        let Some(shard) = self.shards.get(n) else {
            return;
        };
        let size = shard.lengths.len();
        // Each local document's place now, None where it is not to be counted.
        let mut places: Vec<Option<usize>> = (0..size)
            .map(|local| shard.place(local).filter(|&doc| take(doc)))
            .collect();
        for local in shard.unindexed.iter() {
            if let Some(place) = places.get_mut(local as usize) {
                *place = None;
            }
        }
        let lower = shard.vocabulary.lower.as_str();
        let starts = &shard.vocabulary.lower_starts;
        let word_at = |word: usize| -> &'a str {
            let start = starts.at(word) as usize;
            let end = starts
                .get(word + 1)
                .map_or(lower.len(), |next| next as usize);
            // Each word is followed by a line break.
            lower.get(start..end.saturating_sub(1)).unwrap_or_default()
        };
        // The words written in more than one case: every spelling after the first, by the
        // first. Most words have one, and are walked straight from their postings.
        let mut first_of: FxHashMap<&'a str, usize> = FxHashMap::default();
        let mut variants: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        let mut is_first = vec![true; starts.len()];
        for (word, first_here) in is_first.iter_mut().enumerate() {
            let first = *first_of.entry(word_at(word)).or_insert(word);
            if first != word {
                *first_here = false;
                variants.entry(first).or_default().push(word);
            }
        }
        drop(first_of);
        let mut postings: Vec<(usize, u32)> = Vec::new();
        // A word's spellings, each in local order: merged, not sorted (a common word's are long).
        let mut spellings: Vec<Vec<(usize, u32)>> = Vec::new();
        for word in (0..starts.len()).filter(|&word| is_first[word]) {
            postings.clear();
            match variants.get(&word) {
                None => postings.extend(shard.postings_of(word)),
                Some(others) => {
                    spellings.clear();
                    for &spelling in std::iter::once(&word).chain(others) {
                        spellings.push(shard.postings_of(spelling).collect());
                    }
                    merge_in_order(&spellings, &mut postings);
                }
            }
            // From local positions to places now, leaving out what is not to be counted.
            postings.retain_mut(|(local, _)| match places.get(*local) {
                Some(Some(doc)) => {
                    *local = *doc;
                    true
                }
                _ => false,
            });
            if !postings.is_empty() {
                visit(word_at(word), &postings);
            }
        }
    }
}

/// The postings of several spellings of a word (each in local order) as one list in local
/// order, a document's counts added up.
fn merge_in_order(lists: &[Vec<(usize, u32)>], merged: &mut Vec<(usize, u32)>) {
    if let [one, two] = lists {
        // Most words have two spellings (`the`, `The`): merged in one pass.
        let (mut a, mut b) = (one.iter().peekable(), two.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x.0 == y.0 => {
                    a.next();
                    b.next();
                    (x.0, x.1.saturating_add(y.1))
                }
                (Some(&&x), Some(&&y)) if x.0 < y.0 => *a.next().unwrap_or(&x),
                (_, Some(_)) => *b.next().unwrap_or(&(0, 0)),
                (Some(_), None) => *a.next().unwrap_or(&(0, 0)),
                (None, None) => return,
            };
            merged.push(next);
        }
    }
    let mut heads = vec![0usize; lists.len()];
    loop {
        let next = lists
            .iter()
            .zip(&heads)
            .filter_map(|(list, &head)| list.get(head).map(|&(local, _)| local))
            .min();
        let Some(local) = next else { break };
        let mut count = 0u32;
        for (list, head) in lists.iter().zip(heads.iter_mut()) {
            if let Some(&(at, occurrences)) = list.get(*head)
                && at == local
            {
                count = count.saturating_add(occurrences);
                *head += 1;
            }
        }
        merged.push((local, count));
    }
}
