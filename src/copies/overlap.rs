//! How much two documents overlap, measured exactly on their whole shingle sets, and when
//! that makes them copies. A pair is only ever reported from this measure: the sketches that
//! propose it (`candidates`) may be wrong, this is not.

use super::shingles::shared;

/// What makes two documents copies: they share at least `jaccard` of their shingles
/// together (|A ∩ B| / |A ∪ B|), or the shorter one has at least `containment` of its own in
/// the longer one (|A ∩ B| / min(|A|, |B|)) and is not tiny.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub jaccard: f32,
    pub containment: f32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            jaccard: 0.5,
            containment: 0.8,
        }
    }
}

/// A document shorter than this many shingles is never called contained in another: a
/// sentence of boilerplate is inside thousands of articles without being a copy of any.
pub(crate) const LEAST_CONTAINED: usize = 20;

/// The exact overlap of two documents.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Overlap {
    /// Shingles shared over shingles in either.
    pub jaccard: f32,
    /// Shingles shared over the shorter one's shingles.
    pub containment: f32,
    /// The shorter one's shingles (containment of a tiny document means little).
    pub shorter: u32,
}

impl Overlap {
    /// A document's overlap with itself (or with one of the same text).
    pub(crate) const WHOLE: Overlap = Overlap {
        jaccard: 1.0,
        containment: 1.0,
        shorter: 0,
    };

    /// The overlap of two sorted, distinct shingle sets.
    pub(crate) fn of(a: &[u64], b: &[u64]) -> Overlap {
        let both = shared(a, b);
        let either = a.len() + b.len() - both;
        let shorter = a.len().min(b.len());
        Overlap {
            jaccard: ratio(both, either),
            containment: ratio(both, shorter),
            shorter: u32::try_from(shorter).unwrap_or(u32::MAX),
        }
    }

    /// Whether this overlap makes the two documents copies.
    pub(crate) fn is_copy(&self, thresholds: Thresholds) -> bool {
        self.jaccard >= thresholds.jaccard
            || (self.containment >= thresholds.containment
                && self.shorter as usize >= LEAST_CONTAINED)
    }
}

fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_and_containment_are_measured_exactly() {
        let a: Vec<u64> = (0..40).collect();
        let b: Vec<u64> = (20..60).collect();
        let overlap = Overlap::of(&a, &b);
        assert!((overlap.jaccard - 20.0 / 60.0).abs() < 1e-6);
        assert!((overlap.containment - 0.5).abs() < 1e-6);
        assert!(!overlap.is_copy(Thresholds::default()));
    }

    #[test]
    fn a_document_inside_a_longer_one_is_a_copy_unless_it_is_tiny() {
        let long: Vec<u64> = (0..400).collect();
        let inside: Vec<u64> = (100..130).collect();
        let overlap = Overlap::of(&inside, &long);
        assert!(overlap.jaccard < 0.1);
        assert!(overlap.is_copy(Thresholds::default()));
        let tiny: Vec<u64> = (100..105).collect();
        assert!(!Overlap::of(&tiny, &long).is_copy(Thresholds::default()));
    }

    #[test]
    fn empty_documents_are_never_copies() {
        let overlap = Overlap::of(&[], &[]);
        assert_eq!(overlap.jaccard, 0.0);
        assert!(!overlap.is_copy(Thresholds::default()));
    }
}
