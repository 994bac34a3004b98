//! The orders the list can be sorted in besides relevance: hits (text mode), title, date, path
//! and length. Ties keep path order, as relevance's do. Sorting is work proportional to the matches, so it is
//! done in the background ([`sorted`]), cancellable, never on the interface's thread.

use crate::corpus::store::DocStore;
use crate::search::Hits;
use crate::search::titles::ranking::{Scored, best_first, merge_by};
use crate::text::words::lowercase;
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use crate::work::pool::{self, Delivery};
use std::cmp::Ordering;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Best match first (path order for an empty query).
    #[default]
    Relevance,
    /// Most hits of a text search first (then by relevance); only text mode offers it.
    Hits,
    /// Alphabetical, ignoring case.
    Title,
    /// Newest first; undated documents last.
    Date,
    Path,
    /// Longest first.
    Length,
}

impl Order {
    /// Every order, as the sort key steps through them.
    pub const ALL: [Order; 6] = [
        Order::Relevance,
        Order::Hits,
        Order::Title,
        Order::Date,
        Order::Path,
        Order::Length,
    ];

    /// The order the sort key switches to next; `with_hits` in text mode, where documents
    /// have hits to sort by.
    pub fn next(self, with_hits: bool) -> Order {
        match self {
            Order::Relevance if with_hits => Order::Hits,
            Order::Relevance | Order::Hits => Order::Title,
            Order::Title => Order::Date,
            Order::Date => Order::Path,
            Order::Path => Order::Length,
            Order::Length => Order::Relevance,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Hits => "hits",
            Order::Title => "title",
            Order::Date => "date",
            Order::Path => "path",
            Order::Length => "length",
        }
    }

    /// How two matches (score, document index) of `docs` compare in this order. Hits are not
    /// in `docs`: only [`sorted`], which is given them, sorts by hits; here they compare by
    /// relevance.
    pub fn compare(self, a: &Scored, b: &Scored, docs: &DocStore) -> Ordering {
        let by_index = a.1.cmp(&b.1);
        match self {
            Order::Relevance | Order::Hits => best_first(a, b),
            Order::Path => by_index,
            Order::Title => {
                compare_ignoring_case(docs.at(a.1).title(), docs.at(b.1).title()).then(by_index)
            }
            Order::Date => match (docs.at(a.1).date, docs.at(b.1).date) {
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then(by_index),
            Order::Length => docs.at(b.1).size.cmp(&docs.at(a.1).size).then(by_index),
        }
    }
}

/// Sorting the list's matches in an order, asked of the background.
#[derive(Debug)]
pub struct SortRequest {
    /// Which sort it is: the sorted matches carry it back.
    pub ticket: Ticket,
    /// Shared with the app, which sorts them again if the order changes before they are back.
    pub matches: Arc<Vec<Scored>>,
    pub order: Order,
    /// A snapshot of the documents (cheap: the chunks are shared).
    pub docs: DocStore,
    /// Each document's hits, for [`Order::Hits`] (empty outside text mode).
    pub hits: Arc<Hits>,
}

/// Matches sorted as a [`SortRequest`] asked.
#[derive(Debug)]
pub struct Sorted {
    pub ticket: Ticket,
    pub matches: Vec<Scored>,
    /// True when sorted by date and no match has one: the order is then path order, and the
    /// user is told so.
    pub undated: bool,
}

/// Matches sorted in one piece before looking whether the sort is still wanted.
const SORT_RUN: usize = 1 << 15;

/// Sorts a request's matches on `workers` threads; None if it was cancelled. Runs of matches
/// are sorted on the pool, then merged two by two, looking for a newer request between runs
/// and merges: a million titles take a while to sort, and a key pressed meanwhile must not
/// wait for that. Titles are compared by a lowercase copy made once per match (what
/// comparing them ignoring case each time would give, at a fraction of the cost).
pub(crate) fn sorted(request: SortRequest, workers: usize, cancel: &Cancel) -> Option<Sorted> {
    let SortRequest {
        ticket,
        matches,
        order,
        docs,
        hits,
    } = request;
    let matches: Vec<Scored> = match order {
        Order::Hits => {
            let keyed = |scored: &Scored| (hits.get(&scored.1).copied().unwrap_or(0), *scored);
            let by_key = |a: &(usize, Scored), b: &(usize, Scored)| {
                b.0.cmp(&a.0).then(best_first(&a.1, &b.1))
            };
            let sorted = sort_in_runs(&matches, keyed, by_key, workers, cancel)?;
            sorted.into_iter().map(|(_, scored)| scored).collect()
        }
        Order::Title => {
            let keyed = |scored: &Scored| (lowercase(docs.at(scored.1).title()), *scored);
            let by_key =
                |a: &(String, Scored), b: &(String, Scored)| a.0.cmp(&b.0).then(a.1.1.cmp(&b.1.1));
            let sorted = sort_in_runs(&matches, keyed, by_key, workers, cancel)?;
            sorted.into_iter().map(|(_, scored)| scored).collect()
        }
        _ => {
            let compare = |a: &Scored, b: &Scored| order.compare(a, b, &docs);
            sort_in_runs(&matches, |scored| *scored, compare, workers, cancel)?
        }
    };
    // Dated documents sort first: if the first has no date, none has.
    let undated = order == Order::Date
        && matches
            .first()
            .is_some_and(|first| docs.at(first.1).date.is_none());
    Some(Sorted {
        ticket,
        matches,
        undated,
    })
}

/// Compares two titles as their lowercase forms, without making those.
fn compare_ignoring_case(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// Sorts `items` (each made into what is compared by `prepare`) in runs on the pool, then
/// merges the runs two by two; None as soon as `cancel` is set.
fn sort_in_runs<T: Send>(
    items: &[Scored],
    prepare: impl Fn(&Scored) -> T + Sync,
    compare: impl Fn(&T, &T) -> Ordering + Sync,
    workers: usize,
    cancel: &Cancel,
) -> Option<Vec<T>> {
    let mut runs: Vec<Vec<T>> = Vec::new();
    let sort_run = |range: std::ops::Range<usize>| {
        if cancel.is_cancelled() {
            return None;
        }
        let mut run: Vec<T> = items[range].iter().map(&prepare).collect();
        run.sort_unstable_by(&compare);
        Some(run)
    };
    let stopped = !pool::over_ranges_unless_stopped(
        workers,
        items.len(),
        SORT_RUN,
        Delivery::InOrder,
        sort_run,
        |run| {
            runs.push(run);
            true
        },
    );
    while runs.len() > 1 {
        if stopped || cancel.is_cancelled() {
            return None;
        }
        let mut pairs = Vec::with_capacity(runs.len().div_ceil(2));
        let mut each = runs.into_iter();
        while let Some(first) = each.next() {
            pairs.push(match each.next() {
                Some(second) => merge_by(first, second, &compare),
                None => first,
            });
        }
        runs = pairs;
    }
    (!stopped && !cancel.is_cancelled()).then(|| runs.pop().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;
    use crate::corpus::jsonl::RecordFields;
    use std::path::Path;

    fn store(count: usize) -> DocStore {
        let doc = |n: usize| {
            // Titles in an order of their own, with case to ignore.
            let case = if n.is_multiple_of(2) { "Even" } else { "odd" };
            let title = format!("{case} title {}", (n * 7919) % count);
            DocMeta {
                size: (n as u64 * 31) % 1000,
                ..DocMeta::titled(Path::new(&format!("{n:06}.txt")), &title)
            }
        };
        DocStore::new((0..count).map(doc).collect(), RecordFields::default())
    }

    #[test]
    fn the_background_sort_gives_what_one_sort_gives_across_many_runs() {
        let count = SORT_RUN * 3 + 17;
        let docs = store(count);
        let matches: Vec<Scored> = (0..count).rev().map(|n| ((n % 13) as i64, n)).collect();
        for order in [Order::Title, Order::Length, Order::Path, Order::Relevance] {
            let mut expected = matches.clone();
            expected.sort_by(|a, b| order.compare(a, b, &docs));
            let request = SortRequest {
                ticket: Ticket::new(),
                matches: Arc::new(matches.clone()),
                order,
                docs: docs.clone(),
                hits: Arc::default(),
            };
            let sorted = sorted(request, 2, &Cancel::new()).map(|sorted| sorted.matches);
            assert_eq!(sorted, Some(expected), "{order:?}");
        }
    }

    #[test]
    fn hits_sort_most_first_then_by_relevance_and_dates_say_when_there_are_none() {
        let count = SORT_RUN + 5;
        let docs = store(count);
        let matches: Vec<Scored> = (0..count).map(|n| ((n % 7) as i64, n)).collect();
        let hits: Hits = (0..count).map(|n| (n, n % 5)).collect();
        let mut expected = matches.clone();
        expected.sort_by(|a, b| hits[&b.1].cmp(&hits[&a.1]).then(best_first(a, b)));
        let request = |order| SortRequest {
            ticket: Ticket::new(),
            matches: Arc::new(matches.clone()),
            order,
            docs: docs.clone(),
            hits: Arc::new(hits.clone()),
        };
        let by_hits = sorted(request(Order::Hits), 2, &Cancel::new());
        assert!(
            by_hits
                .as_ref()
                .is_some_and(|s| s.matches == expected && !s.undated)
        );
        let by_date = sorted(request(Order::Date), 2, &Cancel::new());
        assert!(
            by_date.is_some_and(|sorted| sorted.undated),
            "no document has a date"
        );
        assert_eq!(Order::Relevance.next(true), Order::Hits);
        assert_eq!(Order::Relevance.next(false), Order::Title);
    }

    #[test]
    fn a_sort_no_longer_wanted_gives_nothing() {
        let docs = store(SORT_RUN * 4);
        let request = SortRequest {
            ticket: Ticket::new(),
            matches: Arc::new((0..docs.len()).map(|n| (0, n)).collect()),
            order: Order::Title,
            docs,
            hits: Arc::default(),
        };
        let cancel = Cancel::new();
        cancel.cancel();
        assert!(sorted(request, 1, &cancel).is_none());
    }

    #[test]
    fn a_sort_cancelled_part_way_stops_and_gives_nothing() {
        let items: Vec<Scored> = (0..SORT_RUN * 4).map(|n| (0, n)).collect();
        let cancel = Cancel::new();
        let prepared = std::sync::atomic::AtomicUsize::new(0);
        // Cancelled while the second run is prepared: the runs after it are not sorted.
        let prepare = |scored: &Scored| {
            if prepared.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == SORT_RUN + 1 {
                cancel.cancel();
            }
            scored.1
        };
        let sorted = sort_in_runs(&items, prepare, |a, b| a.cmp(b), 1, &cancel);
        assert!(sorted.is_none());
        let prepared = prepared.load(std::sync::atomic::Ordering::SeqCst);
        assert!(
            prepared < items.len(),
            "{prepared} of {} prepared",
            items.len()
        );
    }
}
