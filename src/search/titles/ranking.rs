//! Rankings of titles: matches with their scores, best first, and what a ranking keeps for
//! the next, narrower query (each match's score without its last term) so that typing on
//! scores only what changed.

use crate::search::query::{Query, narrows};

/// A match: its score and the document's index.
pub(crate) type Scored = (i64, usize);

/// Best score first; equal scores in index (path) order.
pub(crate) fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// True when `a` comes before `b` in a ranking.
pub(crate) fn ranks_before(a: &Scored, b: &Scored) -> bool {
    best_first(a, b) == std::cmp::Ordering::Less
}

/// What a ranking keeps of each match for the next, narrower query: which document, its
/// score, and the score of all the query's terms but the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Remembered {
    pub index: usize,
    pub total: i64,
    pub but_last: i64,
}

/// The matches of a ranking in index order, with their scores.
pub(crate) type Memo = std::sync::Arc<[Remembered]>;

/// The ranking (best first) of remembered matches.
pub(crate) fn ranking_of(memo: &[Remembered]) -> Vec<Scored> {
    let mut ranked: Vec<Scored> = memo.iter().map(|m| (m.total, m.index)).collect();
    sort_best_first(&mut ranked);
    ranked
}

/// Which of an earlier query's scores a query that extends it can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reuse {
    /// All the earlier terms stand unchanged: start from the total, score the new terms.
    Total,
    /// The last earlier term grew (or is all there is to redo): start from the score of the
    /// terms before it, score it and any new ones.
    ButLast,
    /// Nothing can be reused: score every term.
    Nothing,
}

impl Reuse {
    /// How `query` can reuse the scores of `previous`, and the first of its groups to score.
    /// Nothing, unless `query` narrows `previous` (see [`crate::search::query::narrows`]).
    pub(crate) fn between(before: &Query, now: &Query) -> (Reuse, usize) {
        if !narrows(before, now) {
            return (Reuse::Nothing, 0);
        }
        let n = before.groups.len();
        if now.groups.len() > n && now.groups[..n] == before.groups[..] {
            (Reuse::Total, n)
        } else {
            (Reuse::ButLast, n - 1)
        }
    }

    /// The part of a remembered score this reuse starts from.
    pub(crate) fn base(self, remembered: &Remembered) -> i64 {
        match self {
            Reuse::Total => remembered.total,
            Reuse::ButLast => remembered.but_last,
            Reuse::Nothing => 0,
        }
    }
}

/// Sorts matches best first, equal scores in index order.
pub(crate) fn sort_best_first(scored: &mut [Scored]) {
    scored.sort_unstable_by(best_first);
}

/// Merges two rankings (each best first) into one, as if ranked together.
pub(crate) fn merge(older: Vec<Scored>, newer: Vec<Scored>) -> Vec<Scored> {
    merge_by(older, newer, best_first)
}

/// Merges two runs, each sorted by `compare`, into one; on a tie the first run's comes first.
pub(crate) fn merge_by<T>(
    first: Vec<T>,
    second: Vec<T>,
    compare: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut merged = Vec::with_capacity(first.len() + second.len());
    let (mut a, mut b) = (first.into_iter().peekable(), second.into_iter().peekable());
    loop {
        let take_first = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => compare(x, y) != std::cmp::Ordering::Greater,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return merged,
        };
        merged.extend(if take_first { a.next() } else { b.next() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn between(previous: &str, query: &str) -> (Reuse, usize) {
        Reuse::between(&Query::parse(previous), &Query::parse(query))
    }

    #[test]
    fn reuse_starts_from_the_terms_that_stand() {
        assert_eq!(between("party", "party c"), (Reuse::Total, 1));
        assert_eq!(between("party c", "party ch"), (Reuse::ButLast, 1));
        assert_eq!(between("par", "party"), (Reuse::ButLast, 0));
        assert_eq!(between("party", "party "), (Reuse::ButLast, 0));
        assert_eq!(between("a b", "a bc d"), (Reuse::ButLast, 1));
        assert_eq!(
            between("a b", "a c d"),
            (Reuse::Nothing, 0),
            "not an extension"
        );
        assert_eq!(between("a b", "x b"), (Reuse::Nothing, 0));
        assert_eq!(between("", "a"), (Reuse::Nothing, 0));
    }
}
