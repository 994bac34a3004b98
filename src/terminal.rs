//! Taking over the terminal and giving it back: raw mode, the alternate screen and the cursor,
//! restored on every way out, including a panic.

use crossterm::cursor::Show;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, stdout};
use std::sync::Once;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Enters raw mode and the alternate screen. Only the modes folio uses are turned on (no
/// mouse, no bracketed paste, no keyboard enhancement), and no query is sent that would wait
/// for the terminal to answer.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    let entered = execute!(stdout(), EnterAlternateScreen)
        .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())))
        .and_then(|mut terminal| {
            terminal.hide_cursor()?;
            terminal.clear()?;
            Ok(terminal)
        });
    if entered.is_err() {
        restore();
    }
    entered
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off. Safe to call more
/// than once and from a panic.
pub fn restore() {
    // Each step is attempted even if an earlier one fails: a half-restored terminal is worse.
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
