//! Every style folio draws with, in one place. Only the terminal's 16 ANSI colours plus bold and
//! reverse are used, so the user's palette applies and nothing depends on truecolor.

use crate::text::highlight::Mark;
use ratatui::style::{Color, Modifier, Style};

pub fn prompt(active: bool) -> Style {
    if active {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Cyan)
    }
}

pub fn counter() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn selected_row() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// Characters of a title that the query matched.
pub fn matched_chars() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn divider() -> Style {
    Style::new().fg(Color::Blue)
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
    Style::new().fg(Color::Cyan)
}

pub fn rule() -> Style {
    Style::new().fg(Color::Blue)
}

pub fn error_text() -> Style {
    Style::new().fg(Color::Red)
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
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn help_heading() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
