//! What is kept of each document to find its copies without reading it again: a sample of
//! its shingle fingerprints, how many shingles it has, and a fingerprint of the whole set
//! (equal sets: the same text up to case, spacing and punctuation).
//!
//! The sample is every fingerprint below `RATE_BELOW` (one in sixteen: the same shingles are
//! taken from every document, so what two documents share in their samples estimates what
//! they share in whole, Broder's "mod-m" sample, and what a short document shares with a
//! long one estimates its containment) and, for a document too short for that to say much,
//! at least its `LEAST_SAMPLES` smallest (a bottom-k sample, for resemblance). As the set is
//! sorted, both are its first fingerprints. Only their top 32 bits are kept: a sample only
//! proposes pairs, which are measured exactly before anything is said.

use crate::text::hash::mix64;

/// Fingerprints below this are sampled from every document: one in sixteen.
const RATE_BELOW: u64 = 1 << 60;

/// A kept sample value below this was sampled at the rate (not only for being among the
/// smallest): these alone estimate containment.
pub(crate) const RATE_SAMPLE_BELOW: u32 = (RATE_BELOW >> 32) as u32;

/// Every document's sample holds at least this many (all it has, when fewer).
const LEAST_SAMPLES: usize = 8;

/// Every document's sketch, side by side (as kept in the store).
#[derive(Clone, Debug, Default)]
pub(crate) struct Sketches {
    /// Where each document's samples start in `samples` (one more than documents).
    starts: Vec<u64>,
    samples: Vec<u32>,
    /// Each document's shingles.
    pub(crate) shingles: Vec<u32>,
    /// Each document's whole set, fingerprinted (0 for a document with none).
    pub(crate) whole: Vec<u64>,
}

/// One document's sketch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sketch {
    pub samples: Vec<u32>,
    pub shingles: u32,
    pub whole: u64,
}

impl Sketch {
    /// The sketch of a sorted, distinct shingle set.
    pub(crate) fn of(shingles: &[u64]) -> Sketch {
        let rated = shingles.partition_point(|&h| h < RATE_BELOW);
        let taken = rated.max(LEAST_SAMPLES).min(shingles.len());
        let mut samples: Vec<u32> = shingles[..taken]
            .iter()
            .map(|&h| (h >> 32) as u32)
            .collect();
        samples.dedup();
        let whole = match shingles.is_empty() {
            true => 0,
            false => shingles
                .iter()
                .fold(shingles.len() as u64, |acc, &h| mix64(acc ^ h)),
        };
        Sketch {
            samples,
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
            whole,
        }
    }
}

impl Sketches {
    /// Room for `documents`.
    pub(crate) fn with_capacity(documents: usize) -> Sketches {
        let mut starts = Vec::with_capacity(documents + 1);
        starts.push(0);
        Sketches {
            starts,
            samples: Vec::new(),
            shingles: Vec::with_capacity(documents),
            whole: Vec::with_capacity(documents),
        }
    }

    /// Adds the next document's sketch.
    pub(crate) fn push(&mut self, samples: &[u32], shingles: u32, whole: u64) {
        self.samples.extend_from_slice(samples);
        self.starts.push(self.samples.len() as u64);
        self.shingles.push(shingles);
        self.whole.push(whole);
    }

    /// Documents sketched.
    pub(crate) fn len(&self) -> usize {
        self.shingles.len()
    }

    /// Document `doc`'s samples, ascending.
    pub(crate) fn samples(&self, doc: usize) -> &[u32] {
        let from = self.starts.get(doc).copied().unwrap_or(0) as usize;
        let to = self.starts.get(doc + 1).copied().unwrap_or(0) as usize;
        self.samples.get(from..to).unwrap_or_default()
    }

    /// Samples held in all.
    pub(crate) fn total_samples(&self) -> usize {
        self.samples.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::shingles::shingles_of;

    #[test]
    fn short_documents_keep_their_smallest_shingles() {
        let shingles: Vec<u64> = (0..5).map(|n| (n + 1) << 62 | n).collect();
        let sketch = Sketch::of(&shingles);
        assert_eq!(sketch.samples.len(), 5);
        assert_eq!(sketch.shingles, 5);
    }

    #[test]
    fn long_documents_keep_about_one_shingle_in_sixteen() {
        let words: Vec<String> = (0..20_000).map(|n| format!("w{n}")).collect();
        let sketch = Sketch::of(&shingles_of(&words.join(" ")));
        let taken = sketch.samples.len();
        assert!((1_000..1_500).contains(&taken), "{taken}");
    }

    #[test]
    fn equal_sets_have_equal_fingerprints_and_others_not() {
        let a = Sketch::of(&shingles_of("a b c d e f g"));
        let b = Sketch::of(&shingles_of("A b, c d e F g."));
        let c = Sketch::of(&shingles_of("a b c d e f h"));
        assert_eq!(a.whole, b.whole);
        assert_ne!(a.whole, c.whole);
        assert_eq!(Sketch::of(&[]).whole, 0);
    }
}
