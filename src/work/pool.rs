//! Spreading work over the cores, the one way loading, ranking, searching and indexing do it.
//! Items are handed out one at a time to a thread per core (files differ in size, so a fixed
//! split would leave cores idle), and the results come back to the calling thread as they are
//! done — in the order the items were given when the caller needs that (a listing), else as
//! they finish (a tally) — so the caller shows, prints or merges them while the rest is worked
//! on, and can stop everything early.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard};

/// Threads for work spread over the cores: one per core.
pub(crate) fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Items given but not yet taken by a worker: a feed faster than the work (a JSON Lines file in
/// the page cache) must not pile its items up in memory.
const QUEUED: usize = 4;

/// Runs `work` on every item that `feed` gives, on `workers` threads, and hands each result to
/// `take` on the calling thread in the order the items were given. `feed` runs on a thread of
/// its own, so producing the items (walking a tree) overlaps the work; its `give` returns false
/// once nothing more is wanted, and the feed should then stop giving. The work stops early
/// when `take` returns false. A panic in `feed` or `work` is passed on once the other threads
/// have stopped.
pub(crate) fn in_order<T: Send, R: Send>(
    workers: usize,
    feed: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    work: impl Fn(T) -> R + Sync,
    take: impl FnMut(R) -> bool,
) {
    let stopped = AtomicBool::new(false);
    let (give, items) = mpsc::sync_channel::<(usize, T)>(QUEUED);
    let items = Mutex::new(items);
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let stopped = &stopped;
        scope.spawn(move || {
            let mut sequence = 0;
            feed(&mut |item| {
                let sent = !stopped.load(Ordering::Relaxed) && give.send((sequence, item)).is_ok();
                sequence += 1;
                sent
            });
        });
        for _ in 0..workers.max(1) {
            let (items, done, work) = (&items, done.clone(), &work);
            scope.spawn(move || {
                // After a stop the items still given are taken and dropped, so a feed waiting
                // to give one is never left blocked.
                loop {
                    // The lock is held only while waiting for an item, never while working.
                    let Ok((sequence, item)) = next(items).recv() else {
                        return;
                    };
                    if !stopped.load(Ordering::Relaxed)
                        && done.send((sequence, work(item))).is_err()
                    {
                        stopped.store(true, Ordering::Relaxed);
                    }
                }
            });
        }
        drop(done);
        take_in_order(&results, take, stopped);
        // Whether the taking stopped or the workers are gone (a panic), a feed waiting to give
        // an item is let go: what it still gives is taken here and dropped.
        stopped.store(true, Ordering::Relaxed);
        while next(&items).recv().is_ok() {}
    });
}

/// How the results of runs come back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// In the order of the runs: the caller lists them.
    InOrder,
    /// As each run finishes: the caller adds them up, and an early slow run holds nothing back.
    AsDone,
}

/// Runs `work` over the positions `0..count`, in runs of at most `run` positions, on `workers`
/// threads, handing each run's result to `take` on the calling thread as `delivery` says. The
/// positions need no feed: each worker claims the next run itself, so the only hand-over is a
/// run's result (ranking a million titles is a few of them). The work stops early when `take`
/// returns false; a panic in `work` is passed on once the other threads have stopped.
pub(crate) fn over_ranges<R: Send>(
    workers: usize,
    count: usize,
    run: usize,
    delivery: Delivery,
    work: impl Fn(Range<usize>) -> R + Sync,
    mut take: impl FnMut(R) -> bool,
) {
    let run = run.max(1);
    let runs = count.div_ceil(run);
    let (stopped, next_run) = (AtomicBool::new(false), AtomicUsize::new(0));
    let (done, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let (stopped, next_run) = (&stopped, &next_run);
        for _ in 0..workers.max(1).min(runs) {
            let (done, work) = (done.clone(), &work);
            scope.spawn(move || {
                loop {
                    let sequence = next_run.fetch_add(1, Ordering::Relaxed);
                    if sequence >= runs || stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    let start = sequence * run;
                    let result = work(start..(start + run).min(count));
                    if done.send((sequence, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        match delivery {
            Delivery::InOrder => take_in_order(&results, take, stopped),
            Delivery::AsDone => {
                for (_, result) in &results {
                    if !take(result) {
                        stopped.store(true, Ordering::Relaxed);
                        return;
                    }
                }
            }
        }
    });
}

/// [`over_ranges`] for work that can be stopped: `work` gives None once it was told to stop
/// (a newer request, a cancel), and then nothing more is taken. True when every run was
/// done and taken; false when one was stopped, or `take` said to stop.
pub(crate) fn over_ranges_unless_stopped<R: Send>(
    workers: usize,
    count: usize,
    run: usize,
    delivery: Delivery,
    work: impl Fn(Range<usize>) -> Option<R> + Sync,
    mut take: impl FnMut(R) -> bool,
) -> bool {
    let mut complete = true;
    over_ranges(workers, count, run, delivery, work, |result| {
        complete = result.is_some_and(&mut take);
        complete
    });
    complete
}

/// Hands the results to `take` in their order as they come; on the first false, tells the
/// workers to stop.
fn take_in_order<R>(
    results: &mpsc::Receiver<(usize, R)>,
    mut take: impl FnMut(R) -> bool,
    stopped: &AtomicBool,
) {
    let mut waiting = BTreeMap::new();
    let mut expected = 0;
    for (sequence, result) in results {
        waiting.insert(sequence, result);
        while let Some(result) = waiting.remove(&expected) {
            expected += 1;
            if !take(result) {
                stopped.store(true, Ordering::Relaxed);
                return;
            }
        }
    }
}

/// The next item's receiver, held only while waiting for one (a poisoned lock still hands out
/// items: the data is the receiver itself).
fn next<T>(items: &Mutex<mpsc::Receiver<T>>) -> MutexGuard<'_, mpsc::Receiver<T>> {
    items
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_the_items_were_given() {
        let mut seen = Vec::new();
        over_ranges(
            3,
            1000,
            7,
            Delivery::InOrder,
            |range| {
                // Later runs finish first.
                std::thread::sleep(std::time::Duration::from_micros(1000 - range.start as u64));
                range.start
            },
            |start| {
                seen.push(start);
                true
            },
        );
        assert_eq!(seen, (0..1000).step_by(7).collect::<Vec<_>>());
    }

    #[test]
    fn taking_false_stops_the_feed_and_the_workers() {
        let fed = std::sync::atomic::AtomicUsize::new(0);
        let mut taken = 0;
        in_order(
            2,
            |give| {
                for item in 0.. {
                    fed.fetch_add(1, Ordering::Relaxed);
                    if !give(item) {
                        return;
                    }
                }
            },
            |item: usize| item * 2,
            |_| {
                taken += 1;
                taken < 10
            },
        );
        // The feed is endless: that `in_order` returned at all is the proof it stopped. How
        // far it ran ahead depends on the scheduler, so it is not asserted.
        assert_eq!(taken, 10);
    }

    #[test]
    fn a_feed_is_let_go_when_every_worker_has_panicked() {
        // One worker, which panics on the first item: the feed, blocked with items queued,
        // must not keep the pool from ending.
        let outcome = std::panic::catch_unwind(|| {
            in_order(
                1,
                |give| {
                    for item in 0..100 {
                        if !give(item) {
                            return;
                        }
                    }
                },
                |item: usize| assert!(item > 0),
                |_| true,
            );
        });
        assert!(outcome.is_err(), "the panic is passed on");
    }

    #[test]
    fn a_panicking_worker_is_passed_on() {
        let outcome = std::panic::catch_unwind(|| {
            over_ranges(
                2,
                100,
                1,
                Delivery::AsDone,
                |range| assert!(range.start != 50),
                |_| true,
            );
        });
        assert!(outcome.is_err());
    }
}
