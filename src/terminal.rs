//! Taking over the terminal and giving it back: raw mode, the alternate screen and the cursor,
//! restored on every way out (quit, error, panic, signal, hang-up), and Ctrl-Z suspension.

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, TryLockError};

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether folio currently holds the terminal (raw mode, alternate screen).
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Held while a frame is written, so a signal thread restoring the terminal never interleaves
/// its bytes with half a frame.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Locks the terminal output (a poisoned lock is still a lock: the data is `()`).
pub fn output_lock() -> MutexGuard<'static, ()> {
    OUTPUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The output lock if nobody holds it now.
pub fn try_output_lock() -> Option<MutexGuard<'static, ()>> {
    match OUTPUT.try_lock() {
        Ok(guard) => Some(guard),
        Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}

/// Enters raw mode and the alternate screen. Only the modes folio uses are turned on (no
/// mouse, no bracketed paste, no keyboard enhancement), and no query is sent that would wait
/// for the terminal to answer.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    apply_modes()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// Turns folio's terminal modes on (again, after a suspension). Idempotent.
pub fn apply_modes() -> io::Result<()> {
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, Hide, Clear(ClearType::All))
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off. Does nothing if the
/// terminal is not held, so every exit path can call it; safe from a panic or another thread.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    // Each step is attempted even if an earlier one fails: a half-restored terminal is worse.
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Ctrl-Z: gives the terminal back, stops the process as the shell expects, and takes the
/// terminal again when `fg` continues it. The caller redraws the whole screen.
pub fn suspend() -> io::Result<()> {
    restore();
    // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops it
    // and returns here on SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    apply_modes()
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // No output lock here: the panic may have happened while drawing, holding it.
            restore();
            previous(info);
        }));
    });
}
