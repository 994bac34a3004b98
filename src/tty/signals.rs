//! Leaving cleanly when the outside world says so: SIGTERM, SIGHUP, SIGINT and SIGQUIT restore
//! the terminal and exit from a thread of their own, and a watchdog notices a terminal that has
//! gone away (an SSH drop) even if no signal arrives, so folio never spins on a dead tty.
//! SIGCONT (after a stop from outside) asks the interface to take the terminal again, and
//! SIGWINCH to draw at the terminal's new size.

use super::{output, terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;
use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// How long a signal (or the end of the session) waits for the frame's writer to let go of the
/// terminal. It lets go within a few milliseconds (it never sits in a blocked write); this
/// bounds a writer that is stuck.
pub const OUTPUT_WAIT: Duration = Duration::from_millis(500);

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

/// The editor or pager folio is running on the terminal (0: none).
static PROGRAM: AtomicI32 = AtomicI32::new(0);

/// Notes the program folio handed the terminal to (Some) or that it ended (None): if folio is
/// ended meanwhile, the program is ended too, not left running on a terminal nobody waits on.
pub fn handed_to(pid: Option<u32>) {
    let pid = pid.and_then(|pid| i32::try_from(pid).ok()).unwrap_or(0);
    PROGRAM.store(pid, Ordering::SeqCst);
}

/// Passes `signal` on to the program folio started, if one runs, and puts the line settings
/// back as folio found them (the program had changed them and will not put them back).
fn end_program(signal: i32) {
    let pid = PROGRAM.swap(0, Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: kill() sends a signal to the process folio started and still waits on.
        unsafe {
            libc::kill(pid, signal);
        }
        terminal::reset_line_settings();
    }
}

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

/// Ends any program folio started on the terminal, gives the terminal back (a frame being
/// written is given up, so nothing waits on a terminal that stopped reading) and exits with
/// `code`, 128 + the signal.
pub fn restore_and_exit(code: i32) -> ! {
    end_program(code - 128);
    terminal::give_back(OUTPUT_WAIT);
    std::process::exit(code)
}

/// Polls the terminal the interface is on for a hang-up and exits when it is gone.
fn watch_terminal() {
    let Some(fd) = output::fd() else {
        return;
    };
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    loop {
        match output::poll_one(fd, 0, WATCH_EVERY) {
            Ok(revents) if revents & gone != 0 => restore_and_exit(128 + SIGHUP),
            Ok(_) => {}
            Err(_) => return,
        }
    }
}
