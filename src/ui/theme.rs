//! Every style folio draws with, in one place: the palette (the configuration file may change
//! each colour) and whether to colour at all, passed to the view. Without colour (`NO_COLOR`,
//! `--color never`) every style keeps its bold, reverse or underline, and what colour alone
//! set apart is set apart by those instead.

use super::palette::Palette;
use crate::text::highlight::Mark;
use ratatui::style::{Color, Modifier, Style};

/// The styles of the interface.
#[derive(Clone, Debug)]
pub struct Theme {
    palette: Palette,
    /// False without colour.
    colour: bool,
}

/// The default palette, in colour.
impl Default for Theme {
    fn default() -> Self {
        Theme::new(Palette::default(), true)
    }
}

impl Theme {
    pub fn new(palette: Palette, colour: bool) -> Theme {
        Theme { palette, colour }
    }

    /// `coloured` when colours are on, else `plain`.
    fn either(&self, coloured: Style, plain: Style) -> Style {
        if self.colour { coloured } else { plain }
    }

    /// A style of colour only, which without colour is nothing.
    fn colour_only(&self, coloured: Style) -> Style {
        self.either(coloured, Style::new())
    }

    pub fn prompt(&self, active: bool) -> Style {
        if active {
            self.either(
                Style::new()
                    .fg(self.palette.prompt)
                    .add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            )
        } else {
            self.colour_only(Style::new().fg(self.palette.prompt))
        }
    }

    pub fn counter(&self) -> Style {
        self.colour_only(Style::new().fg(self.palette.counter))
    }

    pub fn selected_row(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Characters of a title that the query matched.
    pub fn matched_chars(&self) -> Style {
        self.either(
            Style::new()
                .fg(self.palette.matched)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn divider(&self) -> Style {
        self.colour_only(Style::new().fg(self.palette.border))
    }

    /// The reader's title bar: reversed while the reader has the keyboard, so focus is obvious.
    pub fn reader_bar(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn title_text(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn meta_text(&self) -> Style {
        self.colour_only(Style::new().fg(self.palette.meta))
    }

    pub fn rule(&self) -> Style {
        self.colour_only(Style::new().fg(self.palette.border))
    }

    pub fn error_text(&self) -> Style {
        self.either(
            Style::new().fg(self.palette.error),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A highlighted stretch of the document: keywords, search matches, and the current match
    /// standing out from both.
    pub fn mark(&self, mark: Mark) -> Style {
        if !self.colour {
            // Keywords underlined, matches reversed, the current match reversed and bold too.
            return match mark {
                Mark::Keyword(_) => {
                    Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
                }
                Mark::SearchMatch => Style::new().add_modifier(Modifier::REVERSED),
                Mark::CurrentMatch => Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            };
        }
        match mark {
            Mark::Keyword(slot) => {
                let keywords = &self.palette.keywords;
                let background = match keywords.len() {
                    0 => Color::Yellow,
                    count => keywords[usize::from(slot) % count],
                };
                Style::new().fg(Color::Black).bg(background)
            }
            Mark::SearchMatch => Style::new().fg(Color::Black).bg(self.palette.search),
            Mark::CurrentMatch => Style::new()
                .fg(Color::White)
                .bg(self.palette.current)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Words two copies differ by: in `colour`, or without colour `plain` (their brackets
    /// say what they are either way).
    pub fn difference(&self, colour: Color, plain: Modifier) -> Style {
        self.either(Style::new().fg(colour), Style::new().add_modifier(plain))
    }

    pub fn hint_key(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn message(&self) -> Style {
        self.either(
            Style::new()
                .fg(self.palette.message)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn help_heading(&self) -> Style {
        self.either(
            Style::new()
                .fg(self.palette.heading)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}
