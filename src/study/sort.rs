//! Sorting a concordance: in document order, or by sort levels the user chooses, as AntConc
//! and CQPweb do — the words to the left of the hit (nearest first: 1L 2L 3L), to the right
//! (1R 2R 3R), the hit as written (so case and spelling variants stand together), in any
//! mix (`1R 2R 1L`), each breaking the ties of the one before. The words are read again,
//! document by document on every core, and ranked through one vocabulary, so what is kept
//! meanwhile is a number per level and hit, not a million strings; ties stay in document
//! order.

use super::context::{Neighbourhood, Reach, words_each_side};
use super::hit::CorpusHit;
use crate::corpus::store::DocStore;
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use crate::work::pool::{self, Delivery};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One level of a concordance's sort: a word left of the hit (`Left(1)` is the nearest,
/// AntConc's 1L), the hit itself as written, or a word right of it (`Right(1)`, 1R).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Left(u8),
    Hit,
    Right(u8),
}

/// Words each side a sort level may reach (5L to 5R).
pub(crate) const FARTHEST_LEVEL: u8 = 5;

/// The order of a concordance: its sort levels, each breaking the ties of the one before
/// (none: document order). Ties left by every level stay in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitOrder {
    pub levels: Vec<Level>,
}

impl HitOrder {
    /// Document order.
    pub fn document() -> HitOrder {
        HitOrder::default()
    }

    /// By the words to the left, nearest first (1L 2L 3L).
    pub fn left() -> HitOrder {
        HitOrder {
            levels: vec![Level::Left(1), Level::Left(2), Level::Left(3)],
        }
    }

    /// By the words to the right (1R 2R 3R).
    pub fn right() -> HitOrder {
        HitOrder {
            levels: vec![Level::Right(1), Level::Right(2), Level::Right(3)],
        }
    }

    /// By the hit as written, then the words after it.
    pub fn hit() -> HitOrder {
        HitOrder {
            levels: vec![Level::Hit, Level::Right(1), Level::Right(2)],
        }
    }

    /// The next of the orders `s` goes through (a chosen one goes on to document order).
    pub fn next(&self) -> HitOrder {
        let presets = [
            HitOrder::document(),
            HitOrder::left(),
            HitOrder::right(),
            HitOrder::hit(),
        ];
        match presets.iter().position(|preset| preset == self) {
            Some(at) => presets[(at + 1) % presets.len()].clone(),
            None => HitOrder::document(),
        }
    }

    pub fn is_document(&self) -> bool {
        self.levels.is_empty()
    }

    /// What the heading says: `document order`, `by left context` (the orders `s` goes
    /// through), `by 1R 2R 1L` (levels written).
    pub fn label(&self) -> String {
        let named = [
            (HitOrder::document(), "document order"),
            (HitOrder::left(), "by left context"),
            (HitOrder::right(), "by right context"),
            (HitOrder::hit(), "by hit as written"),
        ];
        if let Some((_, name)) = named.iter().find(|(order, _)| order == self) {
            return name.to_string();
        }
        let levels: Vec<String> = self
            .levels
            .iter()
            .map(|level| match level {
                Level::Left(n) => format!("{n}L"),
                Level::Hit => "hit".to_string(),
                Level::Right(n) => format!("{n}R"),
            })
            .collect();
        format!("by {}", levels.join(" "))
    }

    /// The order written as levels (`1R 2R 1L`, `hit 1R`, `doc`), or why it cannot be read.
    pub fn parse(text: &str) -> Result<HitOrder, String> {
        let mut levels = Vec::new();
        for written in text.split([' ', ',']).filter(|w| !w.is_empty()) {
            let word = written.to_ascii_uppercase();
            let level = match word.as_str() {
                "DOC" | "DOCUMENT" if text.split_whitespace().count() == 1 => {
                    return Ok(HitOrder::document());
                }
                "HIT" | "KWIC" | "0" => Level::Hit,
                _ => {
                    let (number, side) = word.split_at(word.len().saturating_sub(1));
                    let n: u8 = number.parse().map_err(|_| bad_level(written))?;
                    if !(1..=FARTHEST_LEVEL).contains(&n) {
                        return Err(bad_level(written));
                    }
                    match side {
                        "L" => Level::Left(n),
                        "R" => Level::Right(n),
                        _ => return Err(bad_level(written)),
                    }
                }
            };
            if levels.contains(&level) {
                return Err(format!("{written} is given twice"));
            }
            levels.push(level);
        }
        match levels.is_empty() {
            true => Err("name the levels, as 1R 2R 1L (or hit, or doc)".to_string()),
            false => Ok(HitOrder { levels }),
        }
    }

    /// How many words each side the levels reach.
    fn reach(&self) -> usize {
        let far = |level: &Level| match level {
            Level::Left(n) | Level::Right(n) => usize::from(*n),
            Level::Hit => 0,
        };
        self.levels.iter().map(far).max().unwrap_or(0)
    }
}

fn bad_level(word: &str) -> String {
    format!(
        "{word} is no level: write 1L to {FARTHEST_LEVEL}L, hit, 1R to {FARTHEST_LEVEL}R (doc: document order)"
    )
}

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
    if request.order.is_document() {
        return Some(HitsSorted {
            ticket: request.ticket,
            order: request.order.clone(),
            hits,
        });
    }
    let order = &request.order;
    let width = order.levels.len();
    // Each run's keys as words; the vocabulary numbers them as they come back, in order.
    let key_run = |run: std::ops::Range<usize>| -> Option<Vec<Vec<String>>> {
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
                None => vec![String::new(); width],
            };
            keys.push(key);
        }
        Some(keys)
    };
    let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
    // Each hit's key, `width` numbers a hit.
    let mut ids: Vec<u32> = Vec::with_capacity(hits.len() * width);
    let complete = pool::over_ranges_unless_stopped(
        workers,
        hits.len(),
        RUN_HITS,
        Delivery::InOrder,
        key_run,
        |keys| {
            for key in keys {
                ids.extend(key.into_iter().map(|word| {
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
    let key = |at: u32| {
        let at = at as usize * width;
        ids[at..at + width].iter().map(|&id| rank[id as usize])
    };
    positions.sort_by(|&a, &b| key(a).cmp(key(b)));
    let hits = positions.into_iter().map(|at| hits[at as usize]).collect();
    Some(HitsSorted {
        ticket: request.ticket,
        order: order.clone(),
        hits,
    })
}

/// What `hit` sorts by in `order`: a word for each level (lowercased; the hit as written),
/// empty where there is none (nothing there sorts first).
fn key_of(
    source: &mut crate::corpus::source::Source,
    hit: &CorpusHit,
    order: &HitOrder,
) -> Vec<String> {
    let mut neighbourhood = Neighbourhood::new(source);
    let reach = order.reach();
    let Ok(around) = neighbourhood.around(hit.start(), hit.range(), Reach::Words(reach + 1)) else {
        return vec![String::new(); order.levels.len()];
    };
    let (before, after) = words_each_side(&around, reach);
    let word = |words: &[String], n: u8| words.get(usize::from(n) - 1).cloned().unwrap_or_default();
    order
        .levels
        .iter()
        .map(|level| match *level {
            Level::Left(n) => word(&before, n),
            Level::Right(n) => word(&after, n),
            Level::Hit => around.hit.clone(),
        })
        .collect()
}
