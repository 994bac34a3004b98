//! Ranking titles on every core, for the background job that keeps typing from waiting for
//! matching: a newer query cancels an older one mid-way, and a query that only extends the
//! previous one ranks just the previous matches, starting from their scores.

use crate::corpus::store::DocStore;
use crate::search::query::Query;
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::order::{self, Order, SortRequest};
use crate::search::titles::ranking::{Memo, Remembered, Reuse, Scored, ranking_of};
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use crate::work::pool::{self, Delivery};
use std::sync::Arc;

/// What to rank.
#[derive(Debug)]
pub struct RankRequest {
    /// Which query it is for: the ranking carries it back.
    pub ticket: Ticket,
    pub query: Query,
    /// A snapshot of the documents (cheap: the chunks are shared).
    pub docs: DocStore,
    /// When the query extends one already ranked: that ranking, to rank only its matches and
    /// start from their scores.
    pub within: Option<Narrowing>,
    /// The order the list shows: the ranking is sorted in it here, off the interface thread.
    pub order: Order,
}

/// An earlier ranking that a query extending it can narrow.
#[derive(Debug)]
pub struct Narrowing {
    pub query: Query,
    /// Its matches in index order, with their scores.
    pub memo: Memo,
    /// How many documents there were then (later ones are ranked in full).
    pub count: usize,
}

/// A finished ranking.
#[derive(Debug)]
pub struct Ranked {
    pub ticket: Ticket,
    pub ranked: Vec<Scored>,
    /// The matches in index order with their scores (made here, off the UI thread), for
    /// narrowing.
    pub memo: Memo,
    /// How many documents the ranking covered.
    pub doc_count: usize,
    /// The order `ranked` is in.
    pub order: Order,
}

/// Titles ranked between two looks at whether a newer query has come.
const CANCEL_CHECK: usize = 2048;

/// Runs of titles handed to each worker: enough to even out their pace, few enough that handing
/// them over costs nothing.
const RUNS_PER_WORKER: usize = 4;

/// Ranks a request on `workers` threads: the ranking, with what a narrower query can reuse;
/// None if it was cancelled.
pub(crate) fn ranked(
    filter: &TitleFilter,
    request: RankRequest,
    workers: usize,
    cancel: &Cancel,
) -> Option<Ranked> {
    let memo = rank(filter, &request, workers, cancel)?;
    let mut ranked = ranking_of(&memo);
    if request.order != Order::Relevance {
        let sort = SortRequest {
            ticket: request.ticket,
            matches: Arc::new(ranked),
            order: request.order,
            docs: request.docs.clone(),
            hits: Arc::default(),
        };
        ranked = order::sorted(sort, workers, cancel)?.matches;
    }
    Some(Ranked {
        ticket: request.ticket,
        ranked,
        memo: memo.into(),
        doc_count: request.docs.len(),
        order: request.order,
    })
}

/// Ranks the request's candidates on `workers` threads: their matches in index order, with
/// scores; None if cancelled.
pub fn rank(
    filter: &TitleFilter,
    request: &RankRequest,
    workers: usize,
    cancel: &Cancel,
) -> Option<Vec<Remembered>> {
    let docs = &request.docs;
    let query = &request.query;
    // Narrowing ranks the earlier matches, from their scores, then the documents that came
    // after; otherwise every document is a candidate, scored from nothing.
    let (memo, counted, (reuse, from)): (&[Remembered], usize, _) = match &request.within {
        Some(narrowing) => (
            &narrowing.memo,
            narrowing.count,
            Reuse::between(&narrowing.query, query),
        ),
        None => (&[], 0, (Reuse::Nothing, 0)),
    };
    let count = memo.len() + docs.len().saturating_sub(counted);
    // The `position`th candidate: its index, the first term to score, and the score so far.
    let candidate = |position: usize| match memo.get(position) {
        Some(remembered) => (remembered.index, from, reuse.base(remembered)),
        None => (counted + position - memo.len(), 0, 0),
    };
    let rank_run = |run: std::ops::Range<usize>| {
        let mut found = Vec::new();
        for block in run.clone().step_by(CANCEL_CHECK) {
            if cancel.is_cancelled() {
                return None;
            }
            for position in block..(block + CANCEL_CHECK).min(run.end) {
                let (index, from, base) = candidate(position);
                let title = docs.at(index).title();
                if let Some((total, but_last)) = filter.score_from(title, query, from, base) {
                    found.push(Remembered {
                        index,
                        total,
                        but_last,
                    });
                }
            }
        }
        Some(found)
    };
    // A few runs a core: the results come back in order, and candidates are in index order.
    let run = count
        .div_ceil(workers.max(1) * RUNS_PER_WORKER)
        .max(CANCEL_CHECK);
    let mut found = Vec::new();
    let complete =
        pool::over_ranges_unless_stopped(workers, count, run, Delivery::InOrder, rank_run, |run| {
            found.extend(run);
            true
        });
    complete.then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;
    use crate::corpus::jsonl::RecordFields;
    use std::path::Path;

    fn store(titles: &[&str]) -> DocStore {
        DocStore::new(
            titles
                .iter()
                .enumerate()
                .map(|(i, title)| DocMeta::titled(Path::new(&format!("{i}.txt")), title))
                .collect(),
            RecordFields::default(),
        )
    }

    #[test]
    fn parallel_and_narrowed_rankings_equal_the_plain_one() {
        let titles: Vec<String> = (0..5000)
            .map(|i| format!("doc {i} about beacon {}", i % 13))
            .collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let docs = store(&refs);
        let filter = TitleFilter::default();
        let plain = |query| filter.remember(refs.iter().copied().enumerate(), &Query::parse(query));
        let request = |query: &str, within| RankRequest {
            ticket: Ticket::new(),
            query: Query::parse(query),
            docs: docs.clone(),
            within,
            order: Order::Relevance,
        };
        let never = Cancel::new();
        assert_eq!(
            rank(&filter, &request("bea 7", None), 3, &never),
            Some(plain("bea 7"))
        );
        // Each query narrows the one before: only its matches are ranked, from their scores.
        let mut previous = ("b".to_string(), plain("b"));
        for query in ["be", "bea", "bea ", "bea 7", "bea 7 do", "bea 7 doc 1"] {
            let within = Narrowing {
                query: Query::parse(&previous.0),
                memo: previous.1.clone().into(),
                count: docs.len(),
            };
            let narrowed = rank(&filter, &request(query, Some(within)), 2, &never);
            assert_eq!(narrowed.as_ref(), Some(&plain(query)), "{query:?}");
            previous = (query.to_string(), narrowed.unwrap_or_default());
        }
    }

    #[test]
    fn narrowing_with_operators_equals_ranking_afresh() {
        let mut titles: Vec<String> = (0..3000)
            .map(|i| format!("Doc {i} beacon {} war{}", i % 11, i % 3))
            .collect();
        // Exact kinds fold case by Unicode, skim's fuzzy terms ASCII only.
        titles.push("CAFÉ".into());
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let docs = store(&refs);
        let filter = TitleFilter::default();
        let plain =
            |query: &str| filter.remember(refs.iter().copied().enumerate(), &Query::parse(query));
        for typed in ["be !war1 | 'con ^Doc 1$ war", "fé$"] {
            narrow_key_by_key(&filter, &docs, typed, &plain);
        }
    }

    /// Types `typed` a character at a time, narrowing as the app would, and checks every
    /// ranking against one made afresh.
    fn narrow_key_by_key(
        filter: &TitleFilter,
        docs: &DocStore,
        typed: &str,
        plain: &dyn Fn(&str) -> Vec<Remembered>,
    ) {
        let mut previous = (String::new(), plain(""));
        let ends = typed.char_indices().map(|(at, c)| at + c.len_utf8());
        for end in ends {
            let query = &typed[..end];
            // As the app does: narrow only when typing can only have restricted the matches.
            let (before, now) = (Query::parse(&previous.0), Query::parse(query));
            let within = crate::search::query::narrows(&before, &now).then(|| Narrowing {
                query: before.clone(),
                memo: previous.1.clone().into(),
                count: docs.len(),
            });
            let request = RankRequest {
                ticket: Ticket::new(),
                query: now.clone(),
                docs: docs.clone(),
                within,
                order: Order::Relevance,
            };
            let ranked = rank(filter, &request, 2, &Cancel::new()).unwrap_or_default();
            let fresh = plain(query);
            assert!(
                ranked == fresh,
                "{query:?}: {} matches narrowed, {} afresh",
                ranked.len(),
                fresh.len()
            );
            previous = (query.to_string(), ranked);
        }
    }

    #[test]
    fn a_cancelled_ranking_gives_nothing() {
        let docs = store(&["a", "b"]);
        let request = RankRequest {
            ticket: Ticket::new(),
            query: Query::parse("a"),
            docs,
            within: None,
            order: Order::Relevance,
        };
        let cancel = Cancel::new();
        cancel.cancel();
        assert_eq!(rank(&TitleFilter::default(), &request, 2, &cancel), None);
    }
}
