//! A document as near-duplicate detection sees it: its shingles, every run of `SHINGLE_WORDS`
//! consecutive words (lowercased, words as the index splits them), each as a 64-bit
//! fingerprint, the set sorted. Two texts that differ only in case, spacing or punctuation
//! have the same set. A text shorter than a shingle is one shingle of all its words; a text
//! with no word has none, and is nobody's copy.
//!
//! The fingerprints are this module's own (FNV-1a per word, mixed per shingle by SplitMix64's
//! finaliser), so the sets kept in the lasting store mean the same from one build to the next.

use crate::text::hash::{fnv1a, mix64};
use crate::text::words::{for_each_word, lowercase};

/// Words in a shingle: five, the usual size for news (long enough that two unrelated
/// articles rarely share one, short enough that one changed word spoils only five).
pub(crate) const SHINGLE_WORDS: usize = 5;

/// Changes whenever what a shingle is changes, so sets kept in the store are made again.
pub(crate) const SHINGLES_VERSION: u32 = 1;

/// A document holding more shingles than this is sketched from its first ones (32 MiB of
/// fingerprints): a copy of a book-sized file is still found by its beginning.
const MOST_SHINGLES: usize = 4 << 20;

/// The sorted, distinct shingle fingerprints of `text`.
#[cfg(test)]
pub(crate) fn shingles_of(text: &str) -> Vec<u64> {
    let mut shingler = Shingler::default();
    shingler.feed(text);
    shingler.finish()
}

/// Shingles made from a text given in pieces (a big file a few MiB at a time): a shingle
/// may run from one piece into the next.
#[derive(Default)]
pub(crate) struct Shingler {
    /// The last words' hashes, the newest at `words % SHINGLE_WORDS`.
    window: [u64; SHINGLE_WORDS],
    words: usize,
    shingles: Vec<u64>,
}

impl Shingler {
    pub(crate) fn feed(&mut self, text: &str) {
        if self.shingles.len() >= MOST_SHINGLES {
            return;
        }
        let lowered = lowercase(text);
        for_each_word(&lowered, |word| {
            self.window[self.words % SHINGLE_WORDS] = fnv1a(word.as_bytes());
            self.words += 1;
            if self.words >= SHINGLE_WORDS {
                let oldest = self.words % SHINGLE_WORDS;
                let mut hash = 0u64;
                for step in 0..SHINGLE_WORDS {
                    hash = combine(hash, self.window[(oldest + step) % SHINGLE_WORDS]);
                }
                self.shingles.push(mix64(hash));
            }
        });
    }

    /// The sorted, distinct fingerprints of all that was fed.
    pub(crate) fn finish(mut self) -> Vec<u64> {
        if (1..SHINGLE_WORDS).contains(&self.words) {
            let hash = self.window[..self.words]
                .iter()
                .fold(0, |h, &w| combine(h, w));
            self.shingles.push(mix64(hash));
        }
        self.shingles.sort_unstable();
        self.shingles.dedup();
        self.shingles
    }
}

/// One more word's hash taken into a shingle's (in order: every bit of the result, once
/// mixed, depends on every word and where it is).
fn combine(hash: u64, word: u64) -> u64 {
    hash.rotate_left(23).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ word
}

/// How many fingerprints two sorted, distinct sets share.
pub(crate) fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spacing_and_punctuation_do_not_change_the_shingles() {
        let a = shingles_of("The Prime Minister said, on Monday, that taxes would rise.");
        let b = shingles_of("the prime minister said on monday\n\nthat TAXES would rise");
        assert_eq!(a, b);
        // Ten words: six shingles of five.
        assert_eq!(a.len(), 6);
    }

    #[test]
    fn short_texts_are_one_shingle_and_empty_ones_none() {
        assert_eq!(shingles_of("two words").len(), 1);
        assert_ne!(shingles_of("two words"), shingles_of("two other"));
        assert!(shingles_of("  ... !! ").is_empty());
    }

    #[test]
    fn the_order_of_words_matters_within_a_shingle() {
        assert_ne!(
            shingles_of("one two three four five"),
            shingles_of("five four three two one")
        );
    }

    #[test]
    fn pieces_make_the_shingles_the_whole_makes() {
        let text = "one two three four five six seven\neight nine ten eleven";
        let mut shingler = Shingler::default();
        shingler.feed("one two three four five six seven\n");
        shingler.feed("eight nine ten eleven");
        assert_eq!(shingler.finish(), shingles_of(text));
    }

    #[test]
    fn shared_counts_the_common_fingerprints() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(shared(&[], &[1]), 0);
    }
}
