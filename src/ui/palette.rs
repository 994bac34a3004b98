//! The interface's colours, each with the name the configuration file gives it, and their
//! defaults: the terminal's 16 ANSI colours, so the user's own palette applies.

use ratatui::style::Color;

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

/// The default backgrounds of keywords, each word its own (the search's cyan is not among
/// them, and the current match is bold white on red, not black on light red).
pub(crate) const KEYWORD_COLOURS: [Color; 6] = [
    Color::Yellow,
    Color::Green,
    Color::Magenta,
    Color::LightBlue,
    Color::LightRed,
    Color::Gray,
];
