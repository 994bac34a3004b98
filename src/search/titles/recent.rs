//! The rankings a new query can reuse instead of ranking every title again: the last one shown
//! (a query that extends it ranks only its matches) and the recent ones (going back to one of
//! them, with Backspace or by retyping, shows it at once).

use super::ranker::Narrowing;
use super::ranking::Memo;
use crate::search::query::{Query, narrows};
use std::collections::VecDeque;
use std::sync::Arc;

/// Matches kept in all by the recent rankings (24 bytes each: 48 MB at most).
const RECENT_MATCHES: usize = 2_000_000;

/// A ranking kept: its query, its matches in index order with their scores, and how many
/// documents there were then.
type Kept = (Query, Memo, usize);

#[derive(Debug, Default)]
pub(crate) struct RecentRankings {
    /// The last query ranked in full (an empty query is never kept).
    last: Option<Kept>,
    /// Recent rankings, newest last.
    recent: VecDeque<Kept>,
}

impl RecentRankings {
    /// True when `query` over `count` documents is the ranking shown last: nothing to do.
    pub(crate) fn is_last(&self, query: &Query, count: usize) -> bool {
        self.last
            .as_ref()
            .is_some_and(|(shown, _, counted)| *counted == count && shown == query)
    }

    /// A recent ranking of `query` over `count` documents, with that count.
    pub(crate) fn recall(&self, query: &Query, count: usize) -> Option<(Memo, usize)> {
        self.recent
            .iter()
            .rfind(|(kept, _, counted)| *counted == count && kept == query)
            .map(|(_, memo, counted)| (Arc::clone(memo), *counted))
    }

    /// The last ranking, when `query` only narrows it (see [`narrows`]).
    pub(crate) fn narrowing(&self, query: &Query) -> Option<Narrowing> {
        let (last, memo, count) = self.last.as_ref()?;
        narrows(last, query).then(|| Narrowing {
            query: last.clone(),
            memo: Arc::clone(memo),
            count: *count,
        })
    }

    /// Keeps the ranking shown for `query`: as the last one and among the recent ones (the
    /// oldest dropped beyond [`RECENT_MATCHES`] matches in all). None forgets the last one.
    pub(crate) fn shown(&mut self, query: &Query, kept: Option<(Memo, usize)>) {
        let Some((memo, count)) = kept else {
            self.last = None;
            return;
        };
        self.recent.retain(|(earlier, _, _)| earlier != query);
        self.recent
            .push_back((query.clone(), Arc::clone(&memo), count));
        let mut total: usize = self.recent.iter().map(|(_, memo, _)| memo.len()).sum();
        while total > RECENT_MATCHES && self.recent.len() > 1 {
            total -= self.recent.pop_front().map_or(0, |(_, memo, _)| memo.len());
        }
        self.last = Some((query.clone(), memo, count));
    }

    /// Forgets the last ranking (after text mode, titles are ranked afresh).
    pub(crate) fn forget_last(&mut self) {
        self.last = None;
    }
}
