//! Terminal events read on a thread of their own (so signals and background work can wake the
//! loop too), which steps aside while an outside program (an editor, a pager) has the
//! terminal: a reader left running would take that program's keystrokes. The thread reads the
//! terminal itself: every byte that has arrived is read at each wake-up (`poll` is level
//! triggered, so a burst bigger than one read wakes it again at once), decoded by
//! [`Decoder`], and an unfinished sequence is resolved when no more bytes come for a moment.

use super::decode::Decoder;
use super::output::poll_one;
use super::terminal;
use crossterm::event::Event;
use std::io;
use std::os::fd::RawFd;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long the reader waits for input before looking whether it was asked to step aside.
const POLL: Duration = Duration::from_millis(50);

/// How long a pause waits for the reader to step aside (a reader that died never answers).
const PAUSE_WAIT: Duration = Duration::from_secs(1);

/// Bytes read at once: a terminal's input queue is 4 KiB, a pseudo-terminal's a little more.
const READ_SIZE: usize = 64 * 1024;

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
pub(crate) struct EventReader {
    gate: Arc<Gate>,
}

/// Starts reading events; each goes to `deliver`, which returns false once nobody listens. A
/// read error (or the terminal's end) is delivered and ends the thread.
pub(crate) fn spawn(deliver: impl Fn(io::Result<Event>) -> bool + Send + 'static) -> EventReader {
    let gate = Arc::new(Gate {
        state: Mutex::new(State::Reading),
        changed: Condvar::new(),
    });
    let reader_gate = Arc::clone(&gate);
    std::thread::spawn(move || {
        let Some(fd) = terminal::input_fd() else {
            deliver(Err(io::Error::other("no terminal to read keys from")));
            return;
        };
        if let Err(error) = read_events(fd, &reader_gate, &deliver) {
            deliver(Err(error));
        }
    });
    EventReader { gate }
}

/// Reads and decodes until nobody listens (Ok) or reading fails.
fn read_events(
    fd: RawFd,
    gate: &Gate,
    deliver: &impl Fn(io::Result<Event>) -> bool,
) -> io::Result<()> {
    let mut decoder = Decoder::default();
    let mut buffer = vec![0u8; READ_SIZE];
    let mut events = Vec::new();
    loop {
        wait_while_paused(gate);
        let patience = decoder.patience();
        if readable(fd, patience.unwrap_or(POLL))? {
            let Some(count) = read(fd, &mut buffer)? else {
                continue;
            };
            if count == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the terminal has gone",
                ));
            }
            decoder.feed(&buffer[..count], &mut events);
        } else if patience.is_some() {
            decoder.flush(&mut events);
        }
        for event in events.drain(..) {
            if !deliver(Ok(event)) {
                return Ok(());
            }
        }
    }
}

/// Waits up to `wait` for bytes to read.
fn readable(fd: RawFd, wait: Duration) -> io::Result<bool> {
    // A hang-up is readable too: the read that follows returns 0 and ends the reader.
    Ok(poll_one(fd, libc::POLLIN, wait)? != 0)
}

/// Reads what has arrived: None if someone else took it first, 0 at the terminal's end.
fn read(fd: RawFd, buffer: &mut [u8]) -> io::Result<Option<usize>> {
    loop {
        // SAFETY: reads at most `buffer.len()` bytes into the buffer.
        let count = unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) };
        if count >= 0 {
            return Ok(Some(count as usize));
        }
        let error = io::Error::last_os_error();
        match error.kind() {
            io::ErrorKind::Interrupted => continue,
            io::ErrorKind::WouldBlock => return Ok(None),
            _ => return Err(error),
        }
    }
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
    pub(crate) fn pause(&self) {
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
    pub(crate) fn resume(&self) {
        *self.gate.lock() = State::Reading;
        self.gate.changed.notify_all();
    }
}
