//! Every style folio draws with, in one place. Only the terminal's 16 ANSI colours plus bold and
//! reverse are used, so the user's palette applies and nothing depends on truecolor. Without
//! colour (`NO_COLOR`, `--color never`) every style keeps its bold, reverse or underline, and
//! what colour alone set apart is set apart by those instead.

use crate::text::highlight::Mark;
use ratatui::style::{Color, Modifier, Style};
use std::sync::atomic::{AtomicBool, Ordering};

static COLOUR: AtomicBool = AtomicBool::new(true);

/// Turns colours on or off for the whole interface (set once, before the first frame).
pub fn use_colour(on: bool) {
    COLOUR.store(on, Ordering::Relaxed);
}

/// `coloured` when colours are on, else `plain`.
fn either(coloured: Style, plain: Style) -> Style {
    if COLOUR.load(Ordering::Relaxed) {
        coloured
    } else {
        plain
    }
}

/// A style of colour only, which without colour is nothing.
fn colour_only(coloured: Style) -> Style {
    either(coloured, Style::new())
}

pub fn prompt(active: bool) -> Style {
    if active {
        either(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    } else {
        colour_only(Style::new().fg(Color::Cyan))
    }
}

pub fn counter() -> Style {
    colour_only(Style::new().fg(Color::Yellow))
}

pub fn selected_row() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// Characters of a title that the query matched.
pub fn matched_chars() -> Style {
    either(
        Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

pub fn divider() -> Style {
    colour_only(Style::new().fg(Color::Blue))
}

/// The reader's title bar: reversed while the reader has the keyboard, so focus is obvious.
pub fn reader_bar(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

pub fn title_text() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn meta_text() -> Style {
    colour_only(Style::new().fg(Color::Cyan))
}

pub fn rule() -> Style {
    colour_only(Style::new().fg(Color::Blue))
}

pub fn error_text() -> Style {
    either(
        Style::new().fg(Color::Red),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

/// The backgrounds of keywords, each word its own (the search's cyan is not among them, and
/// the current match is bold white on red, not black on light red). A seventh word takes the
/// first colour again.
pub const KEYWORD_COLOURS: [Color; 6] = [
    Color::Yellow,
    Color::Green,
    Color::Magenta,
    Color::LightBlue,
    Color::LightRed,
    Color::Gray,
];

/// A highlighted stretch of the document: keywords, search matches, and the current match
/// standing out from both.
pub fn mark(mark: Mark) -> Style {
    if !COLOUR.load(Ordering::Relaxed) {
        // Keywords underlined, matches reversed, the current match reversed and bold too.
        return match mark {
            Mark::Keyword(_) => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            Mark::SearchMatch => Style::new().add_modifier(Modifier::REVERSED),
            Mark::CurrentMatch => Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
        };
    }
    match mark {
        Mark::Keyword(slot) => {
            let background = KEYWORD_COLOURS[usize::from(slot) % KEYWORD_COLOURS.len()];
            Style::new().fg(Color::Black).bg(background)
        }
        Mark::SearchMatch => Style::new().fg(Color::Black).bg(Color::Cyan),
        Mark::CurrentMatch => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
    }
}

pub fn hint_key() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn message() -> Style {
    either(
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

pub fn help_heading() -> Style {
    either(
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD),
    )
}
