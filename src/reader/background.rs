//! A search of a big file on its own thread, which reports its hits and progress as it goes
//! (waking the event loop) so the screen stays live while a gigabyte is searched.

use super::search::{Hit, scan};
use crate::corpus::source::Source;
use crate::search::text::terms::ContentTerm;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often a background search wakes the screen to show its progress.
const REPORT_EVERY: Duration = Duration::from_millis(50);

/// Something that wakes the event loop; called from the search thread.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What a background search has found so far.
#[derive(Default)]
struct Found {
    hits: Vec<Hit>,
    scanned: u64,
    done: bool,
    capped: bool,
    error: Option<String>,
}

/// How far a background search has got.
pub struct Progress {
    /// Bytes searched so far.
    pub scanned: u64,
    pub done: bool,
    /// True when it stopped at `MAX_HITS`.
    pub capped: bool,
    pub error: Option<String>,
}

/// A search running on its own thread.
pub struct Background {
    found: Arc<Mutex<Found>>,
    cancelled: Arc<AtomicBool>,
}

impl Background {
    /// Starts searching a second handle on `source` for `terms`.
    pub fn spawn(source: &Source, terms: &[ContentTerm], wake: Waker) -> io::Result<Background> {
        let mut source = source.try_clone()?;
        let found = Arc::new(Mutex::new(Found::default()));
        let cancelled = Arc::new(AtomicBool::new(false));
        let (shared, stop, terms) = (Arc::clone(&found), Arc::clone(&cancelled), terms.to_vec());
        std::thread::Builder::new()
            .name("folio-search".into())
            .spawn(move || {
                let mut last_report = Instant::now();
                let mut any_hits = false;
                let result = scan(&mut source, &terms, &stop, |hits, scanned| {
                    // The first hits are shown at once; then progress is reported now and then.
                    let first_hits = !any_hits && !hits.is_empty();
                    any_hits |= first_hits;
                    if let Ok(mut found) = shared.lock() {
                        found.hits.extend(hits);
                        found.scanned = scanned;
                    }
                    if first_hits || last_report.elapsed() >= REPORT_EVERY {
                        last_report = Instant::now();
                        wake();
                    }
                });
                if let Ok(mut found) = shared.lock() {
                    found.done = true;
                    match result {
                        Ok(capped) => found.capped = capped,
                        Err(error) => found.error = Some(error.to_string()),
                    }
                }
                wake();
            })?;
        Ok(Background { found, cancelled })
    }

    /// Moves the hits found since the last call into `hits` and tells how far the search has got.
    pub fn collect(&self, hits: &mut Vec<Hit>) -> Progress {
        match self.found.lock() {
            Ok(mut found) => {
                hits.append(&mut found.hits);
                Progress {
                    scanned: found.scanned,
                    done: found.done,
                    capped: found.capped,
                    error: found.error.take(),
                }
            }
            Err(_) => Progress {
                scanned: 0,
                done: true,
                capped: false,
                error: Some("the search stopped".into()),
            },
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}
