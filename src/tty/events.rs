//! Terminal events read on a thread of their own (so signals and background work can wake the
//! loop too), which steps aside while an outside program (an editor, a pager) has the
//! terminal: a reader left running would take that program's keystrokes.

use crossterm::event::Event;
use std::io;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long the reader waits for input before looking whether it was asked to step aside.
const POLL: Duration = Duration::from_millis(50);

/// How long a pause waits for the reader to step aside (a reader that died never answers).
const PAUSE_WAIT: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Reading,
    PauseAsked,
    Paused,
}

struct Gate {
    state: Mutex<State>,
    changed: Condvar,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Pauses and resumes the reader thread.
#[derive(Clone)]
pub struct EventReader {
    gate: Arc<Gate>,
}

/// Starts reading events; each goes to `deliver`, which returns false once nobody listens. A
/// read error is delivered and ends the thread.
pub fn spawn(deliver: impl Fn(io::Result<Event>) -> bool + Send + 'static) -> EventReader {
    let gate = Arc::new(Gate {
        state: Mutex::new(State::Reading),
        changed: Condvar::new(),
    });
    let reader_gate = Arc::clone(&gate);
    std::thread::spawn(move || {
        loop {
            wait_while_paused(&reader_gate);
            let event = match crossterm::event::poll(POLL) {
                Ok(false) => continue,
                Ok(true) => crossterm::event::read(),
                Err(error) => Err(error),
            };
            let failed = event.is_err();
            if !deliver(event) || failed {
                return;
            }
        }
    });
    EventReader { gate }
}

/// Returns once reading may go on, answering a pause request first.
fn wait_while_paused(gate: &Gate) {
    let mut state = gate.lock();
    while *state != State::Reading {
        if *state == State::PauseAsked {
            *state = State::Paused;
            gate.changed.notify_all();
        }
        state = gate
            .changed
            .wait(state)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

impl EventReader {
    /// Stops reading and returns once the reader has stepped aside (or a second has passed).
    pub fn pause(&self) {
        let mut state = self.gate.lock();
        *state = State::PauseAsked;
        self.gate.changed.notify_all();
        let (_state, _timed_out) = self
            .gate
            .changed
            .wait_timeout_while(state, PAUSE_WAIT, |state| *state == State::PauseAsked)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }

    /// Reads again.
    pub fn resume(&self) {
        *self.gate.lock() = State::Reading;
        self.gate.changed.notify_all();
    }
}
