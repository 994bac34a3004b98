//! Leaving cleanly when the outside world says so: SIGTERM, SIGHUP, SIGINT and SIGQUIT, and a
//! watchdog that notices a terminal that has gone away (an SSH drop) even if no signal
//! arrives. The interface is told first, so it saves what it remembers and leaves as it does on
//! `q`; if it does not take the notice at once (it is stuck), or does not leave within a
//! bound, the signal thread restores the terminal and exits on its own, so folio never spins
//! on a dead tty.
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
pub(crate) const OUTPUT_WAIT: Duration = Duration::from_millis(500);

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
pub(crate) fn handed_to(pid: Option<u32>) {
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
pub(crate) fn hold_interrupts(held: bool) {
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
pub(crate) enum Notice {
    /// Continued after a stop: take the terminal again.
    Resumed,
    /// The terminal changed size.
    Resized,
    /// A signal (or the terminal going away) ends folio: save what is remembered and leave.
    Ending,
}

/// The signal that is ending folio (0: none yet).
static ENDED_BY: AtomicI32 = AtomicI32::new(0);

/// Set once the interface is leaving (it has stopped taking inputs and is saving its state).
static LEAVING: AtomicBool = AtomicBool::new(false);

/// How long the interface has to take an ending notice before the signal thread leaves
/// without it: a loop that is not stuck takes it within a frame.
const NOTICED_WITHIN: Duration = Duration::from_millis(300);

/// How long an interface that is leaving has to save and give the terminal back (its save is
/// bounded by less than this) before the signal thread does it.
const LEFT_WITHIN: Duration = Duration::from_secs(4);

/// Says that the interface is leaving: a signal arriving now waits for it (within
/// [`LEFT_WITHIN`]) rather than cutting its save short.
pub(crate) fn leaving() {
    LEAVING.store(true, Ordering::SeqCst);
}

/// The signal that ended folio, if one did (SIGHUP for a terminal that went away).
pub(crate) fn ended_by() -> Option<i32> {
    match ENDED_BY.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// Something that hears notices, shared by the signal thread and the watchdog.
type Notify = std::sync::Arc<dyn Fn(Notice) + Send + Sync>;

/// Starts the signal thread and the terminal watchdog; `notify` hears SIGCONT, SIGWINCH and
/// that folio is ending.
pub(crate) fn spawn(notify: impl Fn(Notice) + Send + Sync + 'static) -> io::Result<()> {
    let notify: Notify = std::sync::Arc::new(notify);
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT, SIGWINCH])?;
    let heard = std::sync::Arc::clone(&notify);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGCONT {
                    heard(Notice::Resumed);
                } else if signal == SIGWINCH {
                    heard(Notice::Resized);
                } else if matches!(signal, SIGINT | SIGQUIT) && interrupts_held() {
                    continue;
                } else {
                    end(signal, &*heard);
                }
            }
        })?;
    std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(move || watch_terminal(&*notify))?;
    Ok(())
}

/// Ends folio for `signal`: the program it started is ended, the interface is told and given
/// its bounded time to save and leave; then (if the process still runs) the terminal is
/// given back here and folio exits with 128 + the signal.
fn end(signal: i32, notify: &(dyn Fn(Notice) + Send + Sync)) -> ! {
    end_program(signal);
    let _ = ENDED_BY.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
    notify(Notice::Ending);
    let noticed = Instant::now();
    while !LEAVING.load(Ordering::SeqCst) && noticed.elapsed() < NOTICED_WITHIN {
        std::thread::sleep(Duration::from_millis(5));
    }
    if LEAVING.load(Ordering::SeqCst) {
        // The process exits from the interface's thread meanwhile.
        std::thread::sleep(LEFT_WITHIN);
    }
    restore_and_exit(128 + signal)
}

/// Ends any program folio started on the terminal, gives the terminal back (a frame being
/// written is given up, so nothing waits on a terminal that stopped reading) and exits with
/// `code`, 128 + the signal.
pub(crate) fn restore_and_exit(code: i32) -> ! {
    end_program(code - 128);
    terminal::give_back(OUTPUT_WAIT);
    std::process::exit(code)
}

/// Polls the terminal the interface is on for a hang-up and ends folio when it is gone.
fn watch_terminal(notify: &(dyn Fn(Notice) + Send + Sync)) {
    let Some(fd) = output::fd() else {
        return;
    };
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    loop {
        match output::poll_one(fd, 0, WATCH_EVERY) {
            Ok(revents) if revents & gone != 0 => end(SIGHUP, notify),
            Ok(_) => {}
            Err(_) => return,
        }
    }
}
