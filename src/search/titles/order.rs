//! The orders the list can be sorted in besides relevance: title, date, path and length. Ties
//! keep path order, as relevance's do.

use crate::corpus::store::DocStore;
use crate::search::titles::ranking::{Scored, sort_best_first};
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Best match first (path order for an empty query).
    #[default]
    Relevance,
    /// Alphabetical, ignoring case.
    Title,
    /// Newest first; undated documents last.
    Date,
    Path,
    /// Longest first.
    Length,
}

impl Order {
    /// The order the sort key switches to next.
    pub fn next(self) -> Order {
        match self {
            Order::Relevance => Order::Title,
            Order::Title => Order::Date,
            Order::Date => Order::Path,
            Order::Path => Order::Length,
            Order::Length => Order::Relevance,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Title => "title",
            Order::Date => "date",
            Order::Path => "path",
            Order::Length => "length",
        }
    }

    /// Sorts `matches` (score, document index) of `docs` in this order.
    pub fn sort(self, matches: &mut [Scored], docs: &DocStore) {
        let by_index = |a: &Scored, b: &Scored| a.1.cmp(&b.1);
        match self {
            Order::Relevance => sort_best_first(matches),
            Order::Path => matches.sort_unstable_by(by_index),
            Order::Title => matches.sort_unstable_by(|a, b| {
                compare_ignoring_case(&docs[a.1].title, &docs[b.1].title).then(by_index(a, b))
            }),
            Order::Date => matches.sort_unstable_by(|a, b| {
                let (x, y) = (&docs[a.1].date, &docs[b.1].date);
                match (x, y) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                }
                .then(by_index(a, b))
            }),
            Order::Length => matches
                .sort_unstable_by(|a, b| docs[b.1].size.cmp(&docs[a.1].size).then(by_index(a, b))),
        }
    }
}

/// Compares two titles as their lowercase forms, without making those.
fn compare_ignoring_case(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}
