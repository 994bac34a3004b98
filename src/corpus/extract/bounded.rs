//! What keeps an extraction bounded whatever the file: a time budget each format checks
//! between its pieces (pages, chapters, parts), and panics in a format's reader caught and
//! turned into the reason the file is skipped, quietly (no message over the interface).

use super::limits;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::time::Instant;

/// When an extraction started, to stop it once it has taken [`limits::SECONDS`].
pub(crate) struct Budget {
    started: Instant,
}

impl Budget {
    pub(crate) fn start() -> Budget {
        Budget {
            started: Instant::now(),
        }
    }

    /// True once the extraction has taken its time.
    pub(crate) fn spent(&self) -> bool {
        self.started.elapsed().as_secs() >= limits::SECONDS
    }
}

thread_local! {
    /// Set while this thread runs a format's reader under [`catching_panics`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether a panic on this thread is being caught by an extraction.
pub(crate) fn panic_is_caught() -> bool {
    CATCHING.with(Cell::get)
}

/// Runs `read`, a format's reader; a panic in it (a malformed file the crate did not expect)
/// comes back as Err with its message instead of ending folio.
pub(crate) fn catching_panics<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    quiet_hook();
    let before = CATCHING.with(|catching| catching.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(read));
    CATCHING.with(|catching| catching.set(before));
    outcome.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned());
        message.unwrap_or_else(|| "it stopped on something unexpected".to_string())
    })
}

/// Puts a panic hook before the one there that says nothing for a panic being caught by an
/// extraction (the default hook would print it over the interface).
fn quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !panic_is_caught() {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::panic)]
    fn a_panic_becomes_the_reason() {
        let caught = catching_panics(|| -> u8 { panic!("bad xref") });
        assert_eq!(caught, Err("bad xref".to_string()));
        assert!(!panic_is_caught());
        assert_eq!(catching_panics(|| 7), Ok(7));
    }
}
