//! The pairs worth measuring: documents whose samples share enough that they may be copies.
//! Every sample value is posted to the documents holding it (one sort, then runs), and each
//! document counts, over its samples' postings, what it shares with each later one. A pair is
//! proposed when the estimate of its resemblance or containment comes within a margin of the
//! thresholds (the estimates are noisy for short documents; a pair proposed wrongly only costs
//! a measurement). A sample value held by more than `MOST_SHARING` documents is boilerplate
//! (a byline, a copyright line) and proposes nothing.

use super::overlap::{LEAST_CONTAINED, Thresholds};
use super::sketch::{RATE_SAMPLE_BELOW, Sketches};
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;

/// A sample value held by more documents than this proposes no pair.
const MOST_SHARING: usize = 2_000;

/// How far below the thresholds an estimate may fall and still propose its pair.
const RESEMBLANCE_MARGIN: f32 = 0.2;
const CONTAINMENT_MARGIN: f32 = 0.35;

/// Documents a worker takes at a time.
const RUN_DOCS: usize = 256;

/// Each sample value with the documents holding it, ascending.
struct Postings {
    values: Vec<u32>,
    starts: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    fn of(sketches: &Sketches, active: &[u32]) -> Postings {
        let mut entries: Vec<u64> = Vec::with_capacity(sketches.total_samples());
        for &doc in active {
            for &value in sketches.samples(doc as usize) {
                entries.push((u64::from(value) << 32) | u64::from(doc));
            }
        }
        entries.sort_unstable();
        let mut postings = Postings {
            values: Vec::new(),
            starts: Vec::new(),
            docs: Vec::with_capacity(entries.len()),
        };
        for entry in entries {
            let value = (entry >> 32) as u32;
            if postings.values.last() != Some(&value) {
                postings.values.push(value);
                postings.starts.push(postings.docs.len() as u32);
            }
            postings.docs.push(entry as u32);
        }
        postings.starts.push(postings.docs.len() as u32);
        postings
    }

    /// The documents holding `value`, ascending.
    fn of_value(&self, value: u32) -> &[u32] {
        match self.values.binary_search(&value) {
            Ok(at) => &self.docs[self.starts[at] as usize..self.starts[at + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// The pairs `(a, b)`, `a < b`, of the documents `active` (ascending) that may be copies,
/// ordered by `a`; None once `cancel` is set.
pub(crate) fn candidates(
    sketches: &Sketches,
    active: &[u32],
    thresholds: Thresholds,
    workers: usize,
    cancel: &Cancel,
) -> Option<Vec<(u32, u32)>> {
    let postings = Postings::of(sketches, active);
    let floors = Thresholds {
        jaccard: (thresholds.jaccard - RESEMBLANCE_MARGIN).max(0.05),
        containment: (thresholds.containment - CONTAINMENT_MARGIN).max(0.05),
    };
    let propose = |run: std::ops::Range<usize>| -> Option<Vec<(u32, u32)>> {
        let mut found = Vec::new();
        let mut shared: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        for &a in &active[run] {
            if cancel.is_cancelled() {
                return None;
            }
            pool::give_way();
            shared.clear();
            for &value in sketches.samples(a as usize) {
                let holders = postings.of_value(value);
                if holders.len() > MOST_SHARING {
                    continue;
                }
                let later = &holders[holders.partition_point(|&doc| doc <= a)..];
                let rated = u32::from(value < RATE_SAMPLE_BELOW);
                for &b in later {
                    let counts = shared.entry(b).or_default();
                    counts.0 += 1;
                    counts.1 += rated;
                }
            }
            let mut proposed: Vec<(u32, u32)> = shared
                .iter()
                .filter(|&(&b, &counts)| may_be_copies(sketches, a, b, counts, floors))
                .map(|(&b, _)| (a, b))
                .collect();
            proposed.sort_unstable();
            found.extend(proposed);
        }
        Some(found)
    };
    let mut all = Vec::new();
    let complete = pool::over_ranges_unless_stopped(
        workers,
        active.len(),
        RUN_DOCS,
        Delivery::InOrder,
        propose,
        |found| {
            all.extend(found);
            true
        },
    );
    complete.then_some(all)
}

/// Whether documents `a` and `b`, sharing `(samples, rate samples)`, may be copies: their
/// estimated resemblance or containment reaches `floors`.
fn may_be_copies(
    sketches: &Sketches,
    a: u32,
    b: u32,
    (both, both_rated): (u32, u32),
    floors: Thresholds,
) -> bool {
    let (of_a, of_b) = (sketches.samples(a as usize), sketches.samples(b as usize));
    // Resemblance from the samples below the smaller of the two largest (where both samples
    // are complete): shared over in either.
    let top = of_a.last().min(of_b.last()).copied().unwrap_or(0);
    let below = |samples: &[u32]| samples.partition_point(|&value| value <= top) as u32;
    let either = (below(of_a) + below(of_b)).saturating_sub(both);
    if either > 0 && both as f32 / either as f32 >= floors.jaccard {
        return true;
    }
    // Containment of the shorter from the rate samples alone (the same shingles are sampled
    // from both, however long).
    let (shorter, samples) = match sketches.shingles[a as usize] <= sketches.shingles[b as usize] {
        true => (a, of_a),
        false => (b, of_b),
    };
    let rated = samples.partition_point(|&value| value < RATE_SAMPLE_BELOW) as u32;
    sketches.shingles[shorter as usize] as usize >= LEAST_CONTAINED
        && rated > 0
        && both_rated >= rated.min(2)
        && both_rated as f32 / rated as f32 >= floors.containment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::shingles::shingles_of;
    use crate::copies::sketch::Sketch;

    fn sketches(texts: &[String]) -> Sketches {
        let mut all = Sketches::with_capacity(texts.len());
        for text in texts {
            let sketch = Sketch::of(&shingles_of(text));
            all.push(&sketch.samples, sketch.shingles, sketch.whole);
        }
        all
    }

    fn words(from: usize, to: usize) -> String {
        (from..to).map(|n| format!("w{n} ")).collect()
    }

    #[test]
    fn copies_are_proposed_and_strangers_are_not() {
        let texts = vec![
            words(0, 600),
            format!("a new first line {}", words(0, 600)),
            words(1_000, 1_600),
            format!(
                "{} {} {}",
                words(5_000, 5_900),
                words(0, 600),
                words(6_000, 6_900)
            ),
        ];
        let all = sketches(&texts);
        let found = candidates(
            &all,
            &[0, 1, 2, 3],
            Thresholds::default(),
            2,
            &Cancel::new(),
        );
        let found = found.unwrap_or_default();
        assert!(found.contains(&(0, 1)), "{found:?}");
        // All of 0 inside 3, three times as long: contained.
        assert!(
            found.contains(&(0, 3)) || found.contains(&(1, 3)),
            "{found:?}"
        );
        assert!(!found.iter().any(|&(a, b)| a == 2 || b == 2), "{found:?}");
    }
}
