//! Taking over the terminal and giving it back: raw mode, the alternate screen and the cursor,
//! restored on every way out (quit, error, panic, signal, hang-up), and Ctrl-Z suspension.

use super::byte_saving_backend::ByteSavingBackend;
use super::output::{self, Screen};
use crossterm::cursor::Hide;
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};
use std::time::Duration;

pub(crate) type Tui = Terminal<ByteSavingBackend<CrosstermBackend<Screen>>>;

/// Whether the mouse is asked for (wheel and clicks), set once before entering.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Asks the terminal for wheel and click reports from now on (or not).
pub(crate) fn use_mouse(on: bool) {
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

/// Enters raw mode and the alternate screen. Only the modes folio uses are turned on (the
/// mouse's buttons if asked for, bracketed paste; no keyboard enhancement), and no query is
/// sent that would wait for the terminal to answer.
pub(crate) fn enter() -> io::Result<Tui> {
    install_panic_hook();
    apply_modes()?;
    let terminal = Terminal::new(ByteSavingBackend::new(CrosstermBackend::new(
        Screen::default(),
    )));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// The terminal's line settings as folio found them, before raw mode.
static ORIGINAL: OnceLock<libc::termios> = OnceLock::new();

/// The descriptor keys are read from and whose line settings raw mode changes: standard input
/// if it is the terminal, else the terminal itself (as crossterm chooses).
pub(crate) fn input_fd() -> Option<RawFd> {
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
pub(crate) fn reset_line_settings() {
    if let (Some(fd), Some(original)) = (input_fd(), ORIGINAL.get()) {
        // SAFETY: a valid descriptor and a termios read from the same terminal.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, original);
        }
    }
}

/// Turns folio's terminal modes on (again, after a suspension). Idempotent. Holds the output
/// lock, so a signal giving the terminal back waits until the modes are on and then turns
/// them off, rather than running between the two.
pub(crate) fn apply_modes() -> io::Result<()> {
    let _writing = output::lock();
    if output::given_back() {
        return Ok(());
    }
    if ORIGINAL.get().is_none()
        && let Some(fd) = input_fd()
    {
        // SAFETY: termios is plain integers and arrays, for which all zeroes is a value.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: tcgetattr writes one termios through the pointer given, which is ours.
        if unsafe { libc::tcgetattr(fd, &mut settings) } == 0 {
            let _ = ORIGINAL.set(settings);
        }
    }
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    let mut screen = Screen::default();
    if MOUSE.load(Ordering::SeqCst) {
        screen.write_all(MOUSE_ON.as_bytes())?;
    }
    screen.write_all(PASTE_ON.as_bytes())?;
    execute!(screen, EnterAlternateScreen, Hide, Clear(ClearType::All))
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off. Does nothing if the
/// terminal is not held, so every exit path can call it; safe from a panic or another thread.
/// Giving the terminal back for good (at exit) is [`give_back`], which makes these bytes the
/// last.
pub(crate) fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    // One write, each part needed even if another is not understood. A frame cut short (an
    // error, a panic, a signal mid-draw) may have left a synchronized update open, which
    // would hold back everything after it: it is ended first.
    let mut bytes = String::from("\x1b[?2026l");
    if MOUSE.load(Ordering::SeqCst) {
        bytes.push_str(MOUSE_OFF);
    }
    bytes.push_str(PASTE_OFF);
    bytes.push_str("\x1b[?1049l\x1b[?25h");
    if !output::restore(bytes.as_bytes()) {
        // Cut short by a signal giving the terminal back for good: that restore writes them.
        ENTERED.store(true, Ordering::SeqCst);
        return;
    }
    let _ = disable_raw_mode();
}

/// Gives the terminal back for good, from any thread: a frame being written is given up (its
/// writer lets go within a few milliseconds), and the restoring bytes are the last written.
/// `wait` bounds how long a writer that does not let go is waited for.
pub(crate) fn give_back(wait: Duration) {
    let _lock = output::close(wait);
    restore();
}

/// Ctrl-Z: gives the terminal back, stops the process as the shell expects, and takes the
/// terminal again when `fg` continues it. The caller redraws the whole screen.
pub(crate) fn suspend() -> io::Result<()> {
    {
        let _writing = output::lock();
        restore();
    }
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
            // A malformed PDF's reader panicking is caught, and the file skipped: not an end.
            if crate::corpus::extract::panic_is_caught() {
                return;
            }
            // No wait for the output lock: the panic may have happened while drawing, holding it.
            let held = ENTERED.load(Ordering::SeqCst);
            give_back(Duration::ZERO);
            previous(info);
            // A panic on any thread ends folio: the terminal was given back, and an interface
            // carrying on without it (or without the thread that died) would be worse.
            if held {
                std::process::exit(101);
            }
        }));
    });
}
