//! Ranking titles off the UI thread, so typing never waits for matching: every core ranks a
//! share of the titles, a newer query cancels an older one mid-way, and a query that only
//! extends the previous one ranks just the previous matches.

use crate::corpus::store::DocStore;
use crate::filter::{Scored, TitleFilter, index_order, merge, sort_best_first};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// What to rank.
pub struct RankRequest {
    /// Increases with every query; only the newest is worth finishing.
    pub generation: u64,
    pub query: String,
    /// A snapshot of the documents (cheap: the chunks are shared).
    pub docs: DocStore,
    /// When the query extends one already ranked: that query's matches, in index order, and
    /// how many documents there were then (later ones are ranked in full).
    pub within: Option<(Arc<[usize]>, usize)>,
}

/// A finished ranking.
#[derive(Debug)]
pub struct Ranked {
    pub generation: u64,
    pub query: String,
    pub ranked: Vec<Scored>,
    /// The matches in index order (made here, off the UI thread), for narrowing.
    pub in_order: Arc<[usize]>,
    /// How many documents the ranking covered.
    pub doc_count: usize,
}

/// The ranking thread, fed by [`Ranker::request`].
pub struct Ranker {
    requests: Sender<RankRequest>,
    latest: Arc<AtomicU64>,
}

/// Titles ranked between two looks at whether a newer query has come.
const CANCEL_CHECK: usize = 2048;

impl Ranker {
    /// Starts the ranking thread; each finished ranking is passed to `deliver`.
    pub fn spawn(deliver: impl Fn(Ranked) + Send + 'static) -> std::io::Result<Ranker> {
        let (requests, incoming) = mpsc::channel::<RankRequest>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("ranker".into())
            .spawn(move || serve(&incoming, &newest, &deliver))?;
        Ok(Ranker { requests, latest })
    }

    pub fn request(&self, request: RankRequest) {
        self.latest.store(request.generation, Ordering::SeqCst);
        let _ = self.requests.send(request);
    }
}

fn serve(incoming: &Receiver<RankRequest>, latest: &AtomicU64, deliver: &impl Fn(Ranked)) {
    let filter = TitleFilter::default();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    while let Ok(mut request) = incoming.recv() {
        // Skip to the newest waiting request: the others are already stale.
        while let Ok(newer) = incoming.try_recv() {
            request = newer;
        }
        let cancelled = || latest.load(Ordering::SeqCst) != request.generation;
        if let Some(ranked) = rank(&filter, &request, workers, &cancelled) {
            deliver(Ranked {
                generation: request.generation,
                query: request.query,
                in_order: index_order(&ranked),
                ranked,
                doc_count: request.docs.len(),
            });
        }
    }
}

/// Ranks the request's candidates on `workers` threads; None if cancelled.
pub fn rank(
    filter: &TitleFilter,
    request: &RankRequest,
    workers: usize,
    cancelled: &(impl Fn() -> bool + Sync),
) -> Option<Vec<Scored>> {
    let docs = &request.docs;
    // Narrowing lists its candidates; otherwise every document is one, and listing a million
    // indices on every keystroke would be wasted work.
    let narrowed: Option<Vec<usize>> = request.within.as_ref().map(|(previous, counted)| {
        previous
            .iter()
            .copied()
            .chain(*counted..docs.len())
            .collect()
    });
    let count = narrowed.as_ref().map_or(docs.len(), Vec::len);
    let candidate = |position: usize| narrowed.as_ref().map_or(position, |list| list[position]);
    let share = count.div_ceil(workers.max(1)).max(1);
    let parts: Vec<Option<Vec<Scored>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..count)
            .step_by(share)
            .map(|start| {
                let candidate = &candidate;
                scope.spawn(move || {
                    let end = (start + share).min(count);
                    let mut ranked = Vec::new();
                    for block in (start..end).step_by(CANCEL_CHECK) {
                        if cancelled() {
                            return None;
                        }
                        let titles = (block..(block + CANCEL_CHECK).min(end)).map(|position| {
                            let index = candidate(position);
                            (index, &*docs[index].title)
                        });
                        ranked.extend(filter.matches(titles, &request.query));
                    }
                    sort_best_first(&mut ranked);
                    Some(ranked)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().ok().flatten())
            .collect()
    });
    let mut ranked = Vec::new();
    for part in parts {
        ranked = merge(ranked, part?);
    }
    Some(ranked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;
    use std::path::Path;

    fn store(titles: &[&str]) -> DocStore {
        DocStore::new(
            titles
                .iter()
                .enumerate()
                .map(|(i, title)| DocMeta {
                    path: Path::new(&format!("{i}.txt")).into(),
                    title: (*title).into(),
                    date: None,
                    size: 0,
                    record: None,
                })
                .collect(),
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
        let plain = filter.rank_scored(refs.iter().copied().enumerate(), "bea 7");
        let request = |query: &str, within| RankRequest {
            generation: 1,
            query: query.into(),
            docs: docs.clone(),
            within,
        };
        let never = || false;
        assert_eq!(
            rank(&filter, &request("bea 7", None), 3, &never),
            Some(plain.clone())
        );
        // Narrowing from "bea" to "bea 7" ranks only the matches of "bea".
        let mut previous: Vec<usize> = filter
            .rank_scored(refs.iter().copied().enumerate(), "bea")
            .into_iter()
            .map(|(_, index)| index)
            .collect();
        previous.sort_unstable();
        let within = Some((Arc::from(previous), docs.len()));
        assert_eq!(
            rank(&filter, &request("bea 7", within), 2, &never),
            Some(plain)
        );
    }

    #[test]
    fn a_cancelled_ranking_gives_nothing() {
        let docs = store(&["a", "b"]);
        let request = RankRequest {
            generation: 1,
            query: "a".into(),
            docs,
            within: None,
        };
        assert_eq!(rank(&TitleFilter::default(), &request, 2, &|| true), None);
    }
}
