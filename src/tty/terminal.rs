//! Taking over the terminal and giving it back: raw mode, the alternate screen and the cursor,
//! restored on every way out (quit, error, panic, signal, hang-up), and Ctrl-Z suspension.

use crate::tty::byte_saving_backend::ByteSavingBackend;
use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::fs::File;
use std::io::{self, Write, stdout};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, OnceLock, TryLockError};

pub type Tui = Terminal<ByteSavingBackend<CrosstermBackend<Screen>>>;

/// The terminal itself, opened when standard output is not it (`vim $(folio corpus)`): the
/// interface is drawn there and standard output keeps only the chosen paths.
static TTY: OnceLock<File> = OnceLock::new();

/// Where the interface is drawn: standard output, or `/dev/tty` after [`use_tty`].
pub enum Screen {
    Stdout(io::Stdout),
    Tty(&'static File),
}

impl Write for Screen {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Screen::Stdout(out) => out.write(bytes),
            Screen::Tty(tty) => (&**tty).write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Screen::Stdout(out) => out.flush(),
            Screen::Tty(tty) => (&**tty).flush(),
        }
    }
}

/// Draws the interface on `/dev/tty` from now on; fails when there is no terminal.
pub fn use_tty() -> io::Result<()> {
    let tty = std::fs::OpenOptions::new().write(true).open("/dev/tty")?;
    let _ = TTY.set(tty);
    Ok(())
}

fn screen() -> Screen {
    match TTY.get() {
        Some(tty) => Screen::Tty(tty),
        None => Screen::Stdout(stdout()),
    }
}

/// The descriptor of the terminal the interface is drawn on, to watch for a hang-up.
pub fn screen_fd() -> RawFd {
    TTY.get()
        .map_or_else(|| stdout().as_raw_fd(), |tty| tty.as_raw_fd())
}

/// Whether the mouse is asked for (wheel and clicks), set once before entering.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Asks the terminal for wheel and click reports from now on (or not).
pub fn use_mouse(on: bool) {
    MOUSE.store(on, Ordering::SeqCst);
}

/// Button presses and the wheel (1000) in the SGR encoding (1006, any column). Not crossterm's
/// `EnableMouseCapture`: it also asks for every motion (1003), bytes over SSH at each twitch
/// of the mouse that folio has no use for.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Bracketed paste (2004): pasted text comes marked, so it goes into the query as text rather
/// than being taken as keys.
const PASTE_ON: &str = "\x1b[?2004h";
const PASTE_OFF: &str = "\x1b[?2004l";

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

/// Enters raw mode and the alternate screen. Only the modes folio uses are turned on (the
/// mouse's buttons if asked for, bracketed paste; no keyboard enhancement), and no query is
/// sent that would wait for the terminal to answer.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    apply_modes()?;
    let terminal = Terminal::new(ByteSavingBackend::new(CrosstermBackend::new(screen())));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// The terminal's line settings as folio found them, before raw mode.
static ORIGINAL: OnceLock<libc::termios> = OnceLock::new();

/// The descriptor keys are read from and whose line settings raw mode changes: standard input
/// if it is the terminal, else the terminal itself (as crossterm chooses).
pub fn input_fd() -> Option<RawFd> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        return Some(io::stdin().as_raw_fd());
    }
    static TTY_IN: OnceLock<Option<File>> = OnceLock::new();
    TTY_IN
        .get_or_init(|| File::open("/dev/tty").ok())
        .as_ref()
        .map(|tty| tty.as_raw_fd())
}

/// Puts back the line settings folio found at the start (after an outside program, which may
/// have left them raw or without echo).
pub fn reset_line_settings() {
    if let (Some(fd), Some(original)) = (input_fd(), ORIGINAL.get()) {
        // SAFETY: a valid descriptor and a termios read from the same terminal.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, original);
        }
    }
}

/// Turns folio's terminal modes on (again, after a suspension). Idempotent.
pub fn apply_modes() -> io::Result<()> {
    if ORIGINAL.get().is_none()
        && let Some(fd) = input_fd()
    {
        // SAFETY: tcgetattr writes one termios through the pointer given.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut settings) } == 0 {
            let _ = ORIGINAL.set(settings);
        }
    }
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    let mut screen = screen();
    if MOUSE.load(Ordering::SeqCst) {
        screen.write_all(MOUSE_ON.as_bytes())?;
    }
    screen.write_all(PASTE_ON.as_bytes())?;
    execute!(screen, EnterAlternateScreen, Hide, Clear(ClearType::All))
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off. Does nothing if the
/// terminal is not held, so every exit path can call it; safe from a panic or another thread.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    // Each step is attempted even if an earlier one fails: a half-restored terminal is worse.
    // A frame cut short (an error, a panic, a signal mid-draw) may have left a synchronized
    // update open, which would hold back everything after it.
    let mut screen = screen();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = screen.write_all(MOUSE_OFF.as_bytes());
    }
    let _ = screen.write_all(PASTE_OFF.as_bytes());
    let _ = execute!(screen, EndSynchronizedUpdate, LeaveAlternateScreen, Show);
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
            let held = ENTERED.load(Ordering::SeqCst);
            restore();
            previous(info);
            // A panic on any thread ends folio: the terminal was given back, and an interface
            // carrying on without it (or without the thread that died) would be worse.
            if held {
                std::process::exit(101);
            }
        }));
    });
}
