//! Sorting a concordance: in document order, by the words to the left of the hit (nearest
//! first, as AntConc's 1L 2L 3L), by the words to the right (1R 2R 3R), or by the hit as
//! written (so case and spelling variants stand together). The words are read again, document
//! by document on every core, and ranked through one vocabulary, so what is kept meanwhile is
//! three numbers per hit, not a million strings; ties stay in document order.

use super::context::{Neighbourhood, Reach, words_each_side};
use super::hit::CorpusHit;
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The orders of a concordance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HitOrder {
    #[default]
    Document,
    Left,
    Right,
    Hit,
}

impl HitOrder {
    /// The next order in turn.
    pub fn next(self) -> HitOrder {
        match self {
            HitOrder::Document => HitOrder::Left,
            HitOrder::Left => HitOrder::Right,
            HitOrder::Right => HitOrder::Hit,
            HitOrder::Hit => HitOrder::Document,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HitOrder::Document => "document order",
            HitOrder::Left => "by left context",
            HitOrder::Right => "by right context",
            HitOrder::Hit => "by hit as written",
        }
    }
}

/// Words of context a sort looks at, each side.
const KEY_WORDS: usize = 3;

/// A sort to make in the background.
#[derive(Debug)]
pub struct SortHitsRequest {
    pub ticket: Ticket,
    pub docs: DocStore,
    pub hits: Arc<Vec<CorpusHit>>,
    pub order: HitOrder,
}

/// A concordance sorted.
#[derive(Debug)]
pub struct HitsSorted {
    pub ticket: Ticket,
    pub order: HitOrder,
    pub hits: Vec<CorpusHit>,
}

/// Hits of one document handed to a worker at a time (a run of consecutive hits).
const RUN_HITS: usize = 256;

/// `hits` in `order`; None if cancelled first.
pub fn sorted(request: &SortHitsRequest, workers: usize, cancel: &Cancel) -> Option<HitsSorted> {
    let mut hits = request.hits.to_vec();
    hits.sort_unstable();
    if request.order == HitOrder::Document {
        return Some(HitsSorted {
            ticket: request.ticket,
            order: request.order,
            hits,
        });
    }
    let order = request.order;
    // Each run's keys as words; the vocabulary numbers them as they come back, in order.
    let key_run = |run: std::ops::Range<usize>| -> Option<Vec<[String; KEY_WORDS]>> {
        let mut keys = Vec::with_capacity(run.len());
        let mut open: Option<(usize, crate::corpus::source::Source)> = None;
        for hit in &hits[run] {
            if cancel.is_cancelled() {
                return None;
            }
            if open.as_ref().is_none_or(|(doc, _)| *doc != hit.doc()) {
                open = request
                    .docs
                    .open(hit.doc())
                    .ok()
                    .map(|opened| (hit.doc(), opened.source));
            }
            let key = match &mut open {
                Some((_, source)) => key_of(source, hit, order),
                None => Default::default(),
            };
            keys.push(key);
        }
        Some(keys)
    };
    let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
    let mut ids: Vec<[u32; KEY_WORDS]> = Vec::with_capacity(hits.len());
    let complete = pool::over_ranges_unless_stopped(
        workers,
        hits.len(),
        RUN_HITS,
        Delivery::InOrder,
        key_run,
        |keys| {
            for key in keys {
                ids.push(key.map(|word| {
                    let next = vocabulary.len() as u32;
                    *vocabulary.entry(word).or_insert(next)
                }));
            }
            true
        },
    );
    if !complete || cancel.is_cancelled() {
        return None;
    }
    // Ranks in the words' order (lowercased words; as written for the hit's own).
    let mut words: Vec<(String, u32)> = vocabulary.into_iter().collect();
    words.sort_unstable();
    let mut rank = vec![0u32; words.len()];
    for (position, (_, id)) in words.iter().enumerate() {
        rank[*id as usize] = position as u32;
    }
    let mut positions: Vec<u32> = (0..hits.len() as u32).collect();
    positions.sort_by_key(|&at| ids[at as usize].map(|id| rank[id as usize]));
    let hits = positions.into_iter().map(|at| hits[at as usize]).collect();
    Some(HitsSorted {
        ticket: request.ticket,
        order,
        hits,
    })
}

/// What `hit` sorts by in `order`: the nearest words left or right, or the hit as written and
/// then the words after it. Empty words (nothing there) sort first.
fn key_of(
    source: &mut crate::corpus::source::Source,
    hit: &CorpusHit,
    order: HitOrder,
) -> [String; KEY_WORDS] {
    let mut neighbourhood = Neighbourhood::new(source);
    let Ok(around) = neighbourhood.around(hit.start(), hit.range(), Reach::Words(KEY_WORDS + 1))
    else {
        return Default::default();
    };
    let (before, after) = words_each_side(&around, KEY_WORDS);
    let mut key: [String; KEY_WORDS] = Default::default();
    let words: Vec<String> = match order {
        HitOrder::Left => before,
        HitOrder::Right => after,
        HitOrder::Hit => std::iter::once(around.hit).chain(after).collect(),
        HitOrder::Document => Vec::new(),
    };
    for (slot, word) in key.iter_mut().zip(words) {
        *slot = word;
    }
    key
}
