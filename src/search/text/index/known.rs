//! What the index knows of a term: its count in every document it covers (a word or part of
//! one), that a phrase is absent where one of its words is, or nothing.

use super::{Shard, TextIndex};
use crate::search::text::terms::ContentTerm;

/// A count the index cannot give: the document must be read.
pub(super) const MAYBE: u32 = u32::MAX;

/// What the index knows of a term.
pub(super) enum Known {
    /// Its count in every document.
    Count(ContentTerm),
    /// A phrase: absent where one of these words is; elsewhere unknown.
    AbsentWithout(Vec<ContentTerm>),
    Not,
}

impl Known {
    pub(super) fn of(term: &ContentTerm) -> Known {
        if TextIndex::answers(term) {
            return Known::Count(term.clone());
        }
        match term.phrase_words() {
            Some(words) if words.iter().all(TextIndex::answers) => Known::AbsentWithout(words),
            _ => Known::Not,
        }
    }

    /// The term's count in each of the shard's first `size` documents (MAYBE where unknown;
    /// empty when nothing is known).
    pub(super) fn counts(&self, shard: &Shard, size: usize) -> Vec<u32> {
        match self {
            Known::Count(term) => shard.counts(term, size),
            Known::AbsentWithout(words) => {
                let mut counts = vec![MAYBE; size];
                for word in words {
                    for (count, found) in counts.iter_mut().zip(shard.counts(word, size)) {
                        if found == 0 {
                            *count = 0;
                        }
                    }
                }
                counts
            }
            Known::Not => Vec::new(),
        }
    }
}
