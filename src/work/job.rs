//! The one background-job protocol. A request carries a [`Ticket`], drawn from one counter for
//! every kind of work, by which whoever asked recognises what comes back (uniqueness is all
//! that needs). A [`Job`] is a thread serving requests of which only the newest is worth
//! finishing: each is served with its own [`Cancel`], which a newer request (or a stop) sets,
//! so the one under way stops at its next look, and requests that queued up meanwhile are
//! skipped. Work under way reports on one [`Cadence`]. What a request finds is reported by the
//! function serving it, which hands it to whoever waits (the event loop, woken by the message).

use super::pool::{self, Priority};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Which request a result answers: unique in the process (one counter for every kind). The
/// default ticket answers no request (`new` never gives it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(u64);

impl Ticket {
    /// A ticket no other request has.
    pub fn new() -> Ticket {
        static LAST: AtomicU64 = AtomicU64::new(0);
        Ticket(LAST.fetch_add(1, Ordering::Relaxed) + 1)
    }
}

/// Whether the work for a request is still wanted: set once a newer request or a stop comes
/// (or the reader of a printing mode goes away). Cheap to clone: the clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Not cancelled yet (and never, for a printing mode's or a test's work nobody cancels).
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub(crate) fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once the work is no longer wanted: it stops at its next look, unreported.
    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// How often work under way reports its progress, every kind alike.
pub(crate) const REPORT_EVERY: Duration = Duration::from_millis(100);

/// When work under way reports: news worth showing at once (the first hits) as soon as it
/// comes, even after reports of progress alone, and otherwise every [`REPORT_EVERY`] (times a
/// slowdown the caller may ask for when each report costs more).
#[derive(Debug)]
pub(crate) struct Cadence {
    last: Instant,
    news_reported: bool,
}

impl Cadence {
    pub(crate) fn start() -> Cadence {
        Cadence {
            last: Instant::now(),
            news_reported: false,
        }
    }

    /// True (and the time noted) when a report is due: `news` (worth showing at once) not yet
    /// reported, or `REPORT_EVERY × slower` since the last report (or the start). A report
    /// made while `news` is true reports it.
    pub(crate) fn due(&mut self, news: bool, slower: u32) -> bool {
        let due =
            (news && !self.news_reported) || self.last.elapsed() >= REPORT_EVERY * slower.max(1);
        if due {
            self.last = Instant::now();
            self.news_reported |= news;
        }
        due
    }
}

/// The thread, fed by [`Job::request`].
pub(crate) struct Job<R> {
    requests: Sender<(R, Cancel)>,
    /// The cancel of the newest request sent.
    newest: Mutex<Cancel>,
}

impl<R: Send + 'static> Job<R> {
    /// Starts thread `name`, which calls `serve` with each request (the newest of those
    /// waiting) and its cancel; the work it spreads over the cores runs at `priority` (see
    /// `pool`). Once the job is dropped, the thread ends after the request under way (if any).
    pub(crate) fn start(
        name: &str,
        priority: Priority,
        mut serve: impl FnMut(R, &Cancel) + Send + 'static,
    ) -> std::io::Result<Job<R>> {
        let (requests, incoming) = mpsc::channel::<(R, Cancel)>();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                pool::set_priority(priority);
                while let Ok(mut request) = incoming.recv() {
                    while let Ok(newer) = incoming.try_recv() {
                        request = newer;
                    }
                    let (request, cancel) = request;
                    if !cancel.is_cancelled() {
                        serve(request, &cancel);
                    }
                }
            })?;
        Ok(Job {
            requests,
            newest: Mutex::new(Cancel::new()),
        })
    }

    /// Serves `request` once the one under way (cancelled now) has stopped.
    pub(crate) fn request(&self, request: R) {
        let cancel = Cancel::default();
        let mut newest = self.newest.lock().unwrap_or_else(|p| p.into_inner());
        newest.cancel();
        *newest = cancel.clone();
        let _ = self.requests.send((request, cancel));
    }

    /// Stops the request under way: nobody wants it any more.
    pub(crate) fn stop(&self) {
        self.newest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_are_unique_and_a_newer_request_cancels_the_one_under_way() {
        let (a, b) = (Ticket::new(), Ticket::new());
        assert!(a != b && a < b);
        let (done, results) = mpsc::channel();
        let (started, running) = mpsc::channel();
        let job = Job::start("test-job", Priority::Interactive, move |n: u32, cancel| {
            let _ = started.send(n);
            if n == 1 {
                // The first waits until the second cancels it.
                while !cancel.is_cancelled() {
                    std::thread::yield_now();
                }
                let _ = done.send((n, true));
            } else {
                let _ = done.send((n, cancel.is_cancelled()));
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
        job.request(1);
        assert_eq!(running.recv().ok(), Some(1));
        job.request(2);
        assert_eq!(
            results.recv().ok(),
            Some((1, true)),
            "the first was cancelled"
        );
        assert_eq!(
            results.recv().ok(),
            Some((2, false)),
            "the second was served"
        );
    }

    #[test]
    fn the_cadence_reports_first_news_at_once_then_every_interval() {
        let mut cadence = Cadence::start();
        assert!(!cadence.due(false, 1), "nothing yet");
        assert!(cadence.due(true, 1), "first news at once");
        assert!(!cadence.due(true, 1), "then not before the interval");
    }

    #[test]
    fn first_news_after_reports_of_progress_alone_is_reported_at_once() {
        let mut cadence = Cadence::start();
        std::thread::sleep(REPORT_EVERY);
        assert!(cadence.due(false, 1), "progress, after the interval");
        assert!(
            cadence.due(true, 1),
            "the first hits at once, not an interval later"
        );
        assert!(!cadence.due(true, 1));
    }
}
