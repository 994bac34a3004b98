//! A thread serving requests of which only the newest is worth finishing — the title ranker,
//! the text search. Each request carries a generation; a newer request, or a cancel, makes
//! the one under way stop at its next look, and requests that queued up meanwhile are skipped.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

/// A request that knows which query it was made for.
pub trait Generation {
    fn generation(&self) -> u64;
}

/// The thread, fed by [`NewestOnly::request`].
pub struct NewestOnly<R> {
    requests: Sender<R>,
    latest: Arc<AtomicU64>,
}

/// Tells a request being served whether a newer one (or a cancel) has come since.
pub type Stale<'a> = &'a (dyn Fn() -> bool + Sync);

impl<R: Generation + Send + 'static> NewestOnly<R> {
    /// Starts thread `name`, which calls `serve` with each request (the newest of those
    /// waiting) and a check of whether it is stale.
    pub fn start(
        name: &str,
        mut serve: impl FnMut(R, Stale) + Send + 'static,
    ) -> std::io::Result<NewestOnly<R>> {
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
        Ok(NewestOnly { requests, latest })
    }

    /// Stops any request under way: the query changed in a way that needs none.
    pub fn cancel(&self, generation: u64) {
        self.latest.store(generation, Ordering::SeqCst);
    }

    pub fn request(&self, request: R) {
        self.latest.store(request.generation(), Ordering::SeqCst);
        let _ = self.requests.send(request);
    }
}
