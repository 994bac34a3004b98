//! Every style folio draws with, in one place. By default only the terminal's 16 ANSI colours
//! plus bold and reverse are used, so the user's palette applies and nothing depends on
//! truecolor; the configuration file may change each colour. Without colour (`NO_COLOR`,
//! `--color never`) every style keeps its bold, reverse or underline, and what colour alone set
//! apart is set apart by those instead.

use crate::text::highlight::Mark;
use ratatui::style::{Color, Modifier, Style};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// When to use colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether `NO_COLOR` is set (to any value).
    pub fn colours(self, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color,
        }
    }
}

static COLOUR: AtomicBool = AtomicBool::new(true);

/// The colours of the interface, each with the name the configuration file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub prompt: Color,
    pub counter: Color,
    pub matched: Color,
    pub border: Color,
    pub meta: Color,
    pub error: Color,
    pub message: Color,
    pub heading: Color,
    pub search: Color,
    pub current: Color,
    /// The backgrounds of keywords, each word its own; a seventh word takes the first again.
    pub keywords: Vec<Color>,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            prompt: Color::Cyan,
            counter: Color::Yellow,
            matched: Color::Green,
            border: Color::Blue,
            meta: Color::Cyan,
            error: Color::Red,
            message: Color::Yellow,
            heading: Color::Cyan,
            // Not among the keywords' colours, so a match never looks like a keyword.
            search: Color::Cyan,
            current: Color::Red,
            keywords: KEYWORD_COLOURS.to_vec(),
        }
    }
}

impl Palette {
    /// `(name, what it colours, mutable colour)` for every single colour, in the order the
    /// starting configuration file lists them.
    pub fn slots(&mut self) -> [(&'static str, &'static str, &mut Color); 10] {
        [
            ("prompt", "the query line's prompt", &mut self.prompt),
            ("counter", "the count of matches", &mut self.counter),
            (
                "matched",
                "the letters of a title the query matched",
                &mut self.matched,
            ),
            (
                "border",
                "the line between the panes, the rule under the header",
                &mut self.border,
            ),
            (
                "meta",
                "the reader's header: path, size, words",
                &mut self.meta,
            ),
            ("error", "errors", &mut self.error),
            ("message", "messages in the status bar", &mut self.message),
            ("heading", "headings in the help", &mut self.heading),
            (
                "search",
                "the background of search matches",
                &mut self.search,
            ),
            (
                "current",
                "the background of the current match",
                &mut self.current,
            ),
        ]
    }
}

static PALETTE: OnceLock<Palette> = OnceLock::new();

/// Puts `palette` in effect for the rest of the run (set once, before the first frame).
pub fn use_palette(palette: Palette) {
    let _ = PALETTE.set(palette);
}

fn palette() -> &'static Palette {
    static DEFAULT: OnceLock<Palette> = OnceLock::new();
    PALETTE
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(Palette::default))
}

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
            Style::new()
                .fg(palette().prompt)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    } else {
        colour_only(Style::new().fg(palette().prompt))
    }
}

pub fn counter() -> Style {
    colour_only(Style::new().fg(palette().counter))
}

pub fn selected_row() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// Characters of a title that the query matched.
pub fn matched_chars() -> Style {
    either(
        Style::new()
            .fg(palette().matched)
            .add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

pub fn divider() -> Style {
    colour_only(Style::new().fg(palette().border))
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
    colour_only(Style::new().fg(palette().meta))
}

pub fn rule() -> Style {
    colour_only(Style::new().fg(palette().border))
}

pub fn error_text() -> Style {
    either(
        Style::new().fg(palette().error),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

/// The default backgrounds of keywords, each word its own (the search's cyan is not among
/// them, and the current match is bold white on red, not black on light red).
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
            let keywords = &palette().keywords;
            let background = match keywords.len() {
                0 => Color::Yellow,
                count => keywords[usize::from(slot) % count],
            };
            Style::new().fg(Color::Black).bg(background)
        }
        Mark::SearchMatch => Style::new().fg(Color::Black).bg(palette().search),
        Mark::CurrentMatch => Style::new()
            .fg(Color::White)
            .bg(palette().current)
            .add_modifier(Modifier::BOLD),
    }
}

pub fn hint_key() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn message() -> Style {
    either(
        Style::new()
            .fg(palette().message)
            .add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

pub fn help_heading() -> Style {
    either(
        Style::new()
            .fg(palette().heading)
            .add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD),
    )
}
