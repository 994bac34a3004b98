//! Leaving cleanly when the outside world says so: SIGTERM, SIGHUP, SIGINT and SIGQUIT restore
//! the terminal and exit from a thread of their own, and a watchdog notices a terminal that has
//! gone away (an SSH drop) even if no signal arrives, so folio never spins on a dead tty.
//! SIGCONT (after a stop from outside) asks the interface to take the terminal again, and
//! SIGWINCH to draw at the terminal's new size.

use crate::tty::terminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;
use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a signal waits for a frame being written to finish before restoring anyway.
const OUTPUT_WAIT: Duration = Duration::from_millis(300);

/// How often the watchdog looks at the terminal.
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// Set while an outside program (an editor, a pager) has the terminal: Ctrl-C and Ctrl-\\
/// there are meant for it, not for folio.
static INTERRUPTS_HELD: AtomicBool = AtomicBool::new(false);

/// When the last hold ended. The signal thread sees a signal a little after it arrived, so a
/// Ctrl-C that ended the program (`less -K`) may be read after the hold is over: for a moment
/// after it, interrupts are still ignored.
static RELEASED: Mutex<Option<Instant>> = Mutex::new(None);

/// How long interrupts stay ignored after a hold ends.
const RELEASE_GRACE: Duration = Duration::from_millis(250);

/// Ignores (true) or obeys again (false) SIGINT and SIGQUIT.
pub fn hold_interrupts(held: bool) {
    INTERRUPTS_HELD.store(held, Ordering::SeqCst);
    if !held {
        *RELEASED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Instant::now());
    }
}

fn interrupts_held() -> bool {
    let released = *RELEASED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    INTERRUPTS_HELD.load(Ordering::SeqCst)
        || released.is_some_and(|at| at.elapsed() < RELEASE_GRACE)
}

/// What a signal tells the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Continued after a stop: take the terminal again.
    Resumed,
    /// The terminal changed size.
    Resized,
}

/// Starts the signal thread and the terminal watchdog; `notify` hears SIGCONT and SIGWINCH.
pub fn spawn(notify: impl Fn(Notice) + Send + 'static) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT, SIGWINCH])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGCONT {
                    notify(Notice::Resumed);
                } else if signal == SIGWINCH {
                    notify(Notice::Resized);
                } else if matches!(signal, SIGINT | SIGQUIT) && interrupts_held() {
                    continue;
                } else {
                    restore_and_exit(128 + signal);
                }
            }
        })?;
    std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(watch_terminal)?;
    Ok(())
}

/// Restores the terminal, waiting briefly for a frame in progress, and exits with `code`.
pub fn restore_and_exit(code: i32) -> ! {
    let deadline = Instant::now() + OUTPUT_WAIT;
    let guard = loop {
        match terminal::try_output_lock() {
            Some(guard) => break Some(guard),
            None if Instant::now() >= deadline => break None,
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    terminal::restore();
    drop(guard);
    std::process::exit(code)
}

/// Polls the terminal the interface is on for a hang-up and exits when it is gone.
fn watch_terminal() {
    let fd = crate::tty::terminal::screen_fd();
    loop {
        let mut watched = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, its count, and a timeout; poll writes only `revents`.
        let ready = unsafe { libc::poll(&mut watched, 1, WATCH_EVERY.as_millis() as i32) };
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        if ready > 0 && watched.revents & gone != 0 {
            restore_and_exit(128 + SIGHUP);
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return;
        }
    }
}
