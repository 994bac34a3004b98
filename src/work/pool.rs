//! Spreading work over the cores, the one way loading, ranking, searching and indexing do it.
//! Items are handed out one at a time to a thread per core (files differ in size, so a fixed
//! split would leave cores idle), and the results come back to the calling thread as they are
//! done — in the order the items were given when the caller needs that (a listing), else as
//! they finish (a tally) — so the caller shows, prints or merges them while the rest is worked
//! on, and can stop everything early. Whatever runs at once, no more workers are busy than
//! there are cores, and interactive work goes first (`Priority`); the threads that hand the
//! work out and take the results (a job's, the interface's) are not counted.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, LazyLock, Mutex, MutexGuard};

/// Threads for work spread over the cores: one per core.
pub(crate) fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// How urgent work spread over the cores is. The workers of every caller share one budget of
/// a busy thread per core, however many jobs run at once; work someone waits on (a ranking, a
/// search, a view) takes a free core before work nobody waits on (the index build), which
/// also gives its core up between documents once such work waits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Priority {
    #[default]
    Interactive,
    Background,
}

/// The cores: how many are busy, and whether interactive work waits for one. Counted with
/// atomics, so taking a free core and giving it back cost one atomic operation each (a
/// worker takes one per item: a file, a run of titles); only a thread that must wait takes the
/// lock, to sleep until a core is given back.
struct Budget {
    cores: usize,
    busy: AtomicUsize,
    interactive_waiting: AtomicUsize,
    /// Threads asleep until a core is given back (no wake-up call is made for none).
    sleeping: AtomicUsize,
    asleep: Mutex<()>,
    freed: Condvar,
}

static BUDGET: LazyLock<Budget> = LazyLock::new(|| Budget {
    cores: workers(),
    busy: AtomicUsize::new(0),
    interactive_waiting: AtomicUsize::new(0),
    sleeping: AtomicUsize::new(0),
    asleep: Mutex::new(()),
    freed: Condvar::new(),
});

thread_local! {
    /// The priority of the work this thread does (its job's, or its caller's for a worker).
    static PRIORITY: Cell<Priority> = const { Cell::new(Priority::Interactive) };
    /// True while this thread holds a core of the budget.
    static HOLDS_CORE: Cell<bool> = const { Cell::new(false) };
}

/// Sets the priority of the work done on this thread and the workers it starts.
pub(crate) fn set_priority(priority: Priority) {
    PRIORITY.with(|cell| cell.set(priority));
}

impl Budget {
    fn asleep(&self) -> MutexGuard<'_, ()> {
        self.asleep.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes a core if one is free for work of this priority (background work leaves it to
    /// interactive work that waits).
    fn try_take(&self, interactive: bool) -> bool {
        let mut busy = self.busy.load(Ordering::SeqCst);
        loop {
            let waiting = self.interactive_waiting.load(Ordering::SeqCst) > 0;
            if busy >= self.cores || (!interactive && waiting) {
                return false;
            }
            match self.busy.compare_exchange_weak(
                busy,
                busy + 1,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return true,
                Err(now) => busy = now,
            }
        }
    }

    /// Waits for a core at this thread's priority, and holds it.
    fn take(&self) {
        let interactive = PRIORITY.with(Cell::get) == Priority::Interactive;
        if !self.try_take(interactive) {
            let mut asleep = self.asleep();
            // Counted before looking again, so a core given back meanwhile wakes this thread.
            self.sleeping.fetch_add(1, Ordering::SeqCst);
            if interactive {
                self.interactive_waiting.fetch_add(1, Ordering::SeqCst);
            }
            while !self.try_take(interactive) {
                asleep = self.freed.wait(asleep).unwrap_or_else(|p| p.into_inner());
            }
            if interactive {
                self.interactive_waiting.fetch_sub(1, Ordering::SeqCst);
                // Background work that waited behind it may go on if a core is free.
                self.freed.notify_all();
            }
            self.sleeping.fetch_sub(1, Ordering::SeqCst);
        }
        HOLDS_CORE.with(|cell| cell.set(true));
    }

    fn give_back(&self) {
        HOLDS_CORE.with(|cell| cell.set(false));
        self.busy.fetch_sub(1, Ordering::SeqCst);
        if self.sleeping.load(Ordering::SeqCst) > 0 {
            // Taken and let go, so a thread between looking and sleeping is asleep by now.
            drop(self.asleep());
            self.freed.notify_all();
        }
    }
}

/// A core held for one piece of work; given back when dropped (a panic too).
struct Core;

impl Core {
    fn take() -> Core {
        BUDGET.take();
        Core
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        BUDGET.give_back();
    }
}

/// A core lent by a thread that spreads work of its own over the cores (a worker searching a
/// big document): it waits for the results, so its core goes to its workers meanwhile.
struct Lent(bool);

impl Lent {
    fn if_held() -> Lent {
        let held = HOLDS_CORE.with(Cell::get);
        if held {
            BUDGET.give_back();
        }
        Lent(held)
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        if self.0 {
            BUDGET.take();
        }
    }
}

/// Called by long background work between its pieces (the index between documents): gives
/// its core to interactive work that waits for one, and goes on once a core is free again.
/// Costs one atomic load when nothing waits.
pub(crate) fn give_way() {
    let waiting = BUDGET.interactive_waiting.load(Ordering::Relaxed) > 0;
    if waiting && HOLDS_CORE.with(Cell::get) && PRIORITY.with(Cell::get) == Priority::Background {
        BUDGET.give_back();
        BUDGET.take();
    }
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
    let _lent = Lent::if_held();
    let priority = PRIORITY.with(Cell::get);
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
                set_priority(priority);
                // After a stop the items still given are taken and dropped, so a feed waiting
                // to give one is never left blocked.
                loop {
                    // The lock is held only while waiting for an item, never while working.
                    let Ok((sequence, item)) = next(items).recv() else {
                        return;
                    };
                    if stopped.load(Ordering::Relaxed) {
                        continue;
                    }
                    let core = Core::take();
                    let result = work(item);
                    drop(core);
                    if done.send((sequence, result)).is_err() {
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
    let _lent = Lent::if_held();
    let priority = PRIORITY.with(Cell::get);
    let run = run.max(1);
    let runs = count.div_ceil(run);
    let (stopped, next_run) = (AtomicBool::new(false), AtomicUsize::new(0));
    // Bounded, so a taker slower than the workers holds them back rather than letting their
    // results pile up in memory (taken as done; taken in order, the results that come early
    // are held by the taker until their turn).
    let (done, results) = mpsc::sync_channel::<(usize, R)>(workers.max(1) * 4);
    std::thread::scope(|scope| {
        // Dropped when taking ends, before the workers are waited for: one blocked handing
        // over a result then stops.
        let results = results;
        let (stopped, next_run) = (&stopped, &next_run);
        for _ in 0..workers.max(1).min(runs) {
            let (done, work) = (done.clone(), &work);
            scope.spawn(move || {
                set_priority(priority);
                loop {
                    let sequence = next_run.fetch_add(1, Ordering::Relaxed);
                    if sequence >= runs || stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    let start = sequence * run;
                    let core = Core::take();
                    let result = work(start..(start + run).min(count));
                    drop(core);
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
    fn no_more_work_runs_at_once_than_there_are_cores() {
        let (busy, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let work = |_: Range<usize>| {
            let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            busy.fetch_sub(1, Ordering::SeqCst);
        };
        // Two callers at once, each asking for four threads per core.
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| over_ranges(workers() * 4, 64, 1, Delivery::AsDone, work, |_| true));
            }
        });
        let most = most.load(Ordering::SeqCst);
        assert!(
            most >= 1 && most <= workers(),
            "{most} at once on {} cores",
            workers()
        );
    }

    #[test]
    fn interactive_work_goes_before_background_work_that_holds_every_core() {
        let interactive_done = AtomicBool::new(false);
        let (started, background_running) = mpsc::channel();
        let (finished, interactive_finished) = mpsc::channel();
        std::thread::scope(|scope| {
            let done = &interactive_done;
            scope.spawn(move || {
                set_priority(Priority::Background);
                // Every core held until the interactive work is done, giving way meanwhile.
                over_ranges(
                    workers(),
                    workers(),
                    1,
                    Delivery::AsDone,
                    |_| {
                        let _ = started.send(());
                        while !done.load(Ordering::SeqCst) {
                            give_way();
                            std::thread::sleep(std::time::Duration::from_millis(1));
                        }
                    },
                    |_| true,
                );
            });
            let _ = background_running.recv();
            scope.spawn(move || {
                over_ranges(2, 4, 1, Delivery::AsDone, |range| range.start, |_| true);
                done.store(true, Ordering::SeqCst);
                let _ = finished.send(());
            });
            let outcome = interactive_finished.recv_timeout(std::time::Duration::from_secs(20));
            // Let the background go whatever happened, so a failure is reported, not a hang.
            done.store(true, Ordering::SeqCst);
            assert!(
                outcome.is_ok(),
                "the interactive work waited for the background"
            );
        });
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
