//! Background work of one kind, on a thread of its own: requests of which only the newest is
//! worth finishing (ranking titles, searching text, searching a document, building the index).
//! Each request carries a generation; a newer request, or a stop, makes the one under way stale
//! — it stops at its next look — and requests that queued up meanwhile are skipped. What a
//! request finds is reported by the closure serving it, which hands it to whoever waits (the
//! event loop, woken by the message).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

/// A request that knows which query it was made for.
pub(crate) trait Generation {
    fn generation(&self) -> u64;
}

/// The thread, fed by [`Job::request`].
pub(crate) struct Job<R> {
    requests: Sender<R>,
    latest: Arc<AtomicU64>,
}

/// Tells a request being served whether a newer one (or a stop) has come since.
pub(crate) type Stale<'a> = &'a (dyn Fn() -> bool + Sync);

/// What `latest` holds after a stop: no request has this generation.
const STOPPED: u64 = u64::MAX;

impl<R: Generation + Send + 'static> Job<R> {
    /// Starts thread `name`, which calls `serve` with each request (the newest of those
    /// waiting) and a check of whether it has gone stale. Once the job is dropped, the thread
    /// ends after the request under way (if any).
    pub(crate) fn start(
        name: &str,
        mut serve: impl FnMut(R, Stale) + Send + 'static,
    ) -> std::io::Result<Job<R>> {
        let (requests, incoming) = mpsc::channel::<R>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Ok(mut request) = incoming.recv() {
                    while let Ok(newer) = incoming.try_recv() {
                        request = newer;
                    }
                    let generation = request.generation();
                    serve(request, &|| newest.load(Ordering::SeqCst) != generation);
                }
            })?;
        Ok(Job { requests, latest })
    }

    /// Serves `request` once the one under way (now stale) has stopped.
    pub(crate) fn request(&self, request: R) {
        self.latest.store(request.generation(), Ordering::SeqCst);
        let _ = self.requests.send(request);
    }

    /// Stops the request under way: nobody wants it any more.
    pub(crate) fn stop(&self) {
        self.latest.store(STOPPED, Ordering::SeqCst);
    }
}
