//! Concordance lines curated, as CQPweb's "categorise" and "thin" do: each line may be put
//! in one of nine categories the user names (a column, counted, filtered, saved and exported),
//! and a long concordance thinned to a random sample of N lines that the same seed always
//! gives again (the sample is drawn from the hits in document order, so the order shown does
//! not change it).

use super::hit::CorpusHit;
use std::collections::{HashMap, HashSet};

/// Categories a line may be put in: `1` to `9`.
pub(crate) const CATEGORIES: u8 = 9;

/// Each line's category, by its hit (1 to 9; a line in none is not there).
pub(crate) type LineCategories = HashMap<CorpusHit, u8>;

/// The names the user gave the categories (`1 relevant`), the first for category 1; an
/// empty one is unnamed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CategoryNames(pub Vec<String>);

impl CategoryNames {
    /// Category `n` as shown and exported: `1 relevant`, or `1` unnamed.
    pub(crate) fn label(&self, n: u8) -> String {
        match self.0.get(usize::from(n).wrapping_sub(1)) {
            Some(name) if !name.is_empty() => format!("{n} {name}"),
            _ => n.to_string(),
        }
    }
}

/// A random sample of `n` of `hits` (all of them when there are no more), drawn from the
/// hits in document order with the generator seeded by `seed`: the same seed gives the same
/// sample of the same concordance, in the view and from `--kwic --sample`.
pub(crate) fn sample(hits: &[CorpusHit], n: usize, seed: u64) -> HashSet<CorpusHit> {
    let mut ordered = hits.to_vec();
    ordered.sort_unstable();
    let mut reservoir = Reservoir::new(n, seed);
    for hit in ordered {
        reservoir.offer(hit);
    }
    reservoir.into_ordered().into_iter().collect()
}

/// A uniform random sample of `n` of the items offered one by one, however many come
/// (Vitter's algorithm R): what `--kwic --sample` keeps while the lines stream by, and what
/// the view draws, so both give the same lines for a seed.
pub(crate) struct Reservoir<T> {
    n: usize,
    seen: usize,
    kept: Vec<(usize, T)>,
    random: SplitMix64,
}

impl<T> Reservoir<T> {
    pub(crate) fn new(n: usize, seed: u64) -> Reservoir<T> {
        Reservoir {
            n,
            seen: 0,
            kept: Vec::with_capacity(n.min(1 << 16)),
            random: SplitMix64(seed),
        }
    }

    /// Offers the next item: kept while fewer than `n` are, then in place of one kept with
    /// the chance n / (items seen).
    pub(crate) fn offer(&mut self, item: T) {
        let at = self.seen;
        self.seen += 1;
        if self.kept.len() < self.n {
            self.kept.push((at, item));
            return;
        }
        let j = self.random.below(self.seen);
        if let Some(slot) = self.kept.get_mut(j) {
            *slot = (at, item);
        }
    }

    /// How many items were offered.
    pub(crate) fn seen(&self) -> usize {
        self.seen
    }

    /// The items kept, in the order they were offered.
    pub(crate) fn into_ordered(mut self) -> Vec<T> {
        self.kept.sort_unstable_by_key(|(at, _)| *at);
        self.kept.into_iter().map(|(_, item)| item).collect()
    }
}

/// A seed for a sample asked for without one: short enough to write down, from the clock.
pub(crate) fn chosen_seed() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(1, |since| u64::from(since.subsec_nanos()) % 100_000)
}

/// Sebastiano Vigna's SplitMix64: written here rather than taken from a crate because a
/// seed must give the same sample in every version of folio, which no crate's generator
/// promises across its own versions.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::text::hash::mix64(self.0)
    }

    /// A number below `bound` (Lemire's multiply-shift: its bias, under bound / 2^64, is
    /// nothing a concordance could show).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::Hit;

    fn hits(count: usize) -> Vec<CorpusHit> {
        (0..count)
            .map(|n| {
                let hit = Hit {
                    start: n as u64 * 100,
                    range: 3..8,
                };
                CorpusHit::new(n % 7, &hit)
            })
            .collect()
    }

    #[test]
    fn a_seed_gives_the_same_sample_whatever_the_order() {
        let all = hits(1000);
        let mut reversed = all.clone();
        reversed.reverse();
        let first = sample(&all, 50, 7);
        assert_eq!(first.len(), 50);
        assert_eq!(first, sample(&reversed, 50, 7), "drawn in document order");
        assert_ne!(first, sample(&all, 50, 8), "another seed, another sample");
        assert_eq!(
            sample(&all, 5000, 1).len(),
            1000,
            "more than there are: all"
        );
        // The reference values of SplitMix64 seeded 1234567 (from its author's C code).
        let mut random = SplitMix64(1234567);
        assert_eq!(random.next(), 6457827717110365317);
        assert_eq!(random.next(), 3203168211198807973);
    }

    #[test]
    fn the_reservoir_is_uniform() {
        // Each of 10 items kept 3 at a time over 20,000 seeds: about 6,000 times each.
        let mut kept = [0usize; 10];
        for seed in 0..20_000 {
            let mut reservoir = Reservoir::new(3, seed);
            (0..10).for_each(|item| reservoir.offer(item));
            for item in reservoir.into_ordered() {
                kept[item] += 1;
            }
        }
        assert!(
            kept.iter().all(|&k| (5_700..6_300).contains(&k)),
            "{kept:?}"
        );
    }

    #[test]
    fn labels_carry_names() {
        let names = CategoryNames(vec!["relevant".into(), String::new()]);
        assert_eq!(names.label(1), "1 relevant");
        assert_eq!(names.label(2), "2");
        assert_eq!(names.label(9), "9");
    }
}
