//! Where the reader's view is in its document, as the bar says it: the page (a PDF's), the
//! line at the top of the view and how many there are, and how much is above its bottom.

use super::{Reader, Unit};

/// Where the view is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The page at the top of the view, for a text in pages (a PDF's).
    pub page: Option<u32>,
    /// The line of the text at the top of the view (from 1; 1 while the header shows), when
    /// known (a big file's count may not have reached it yet).
    pub line: Option<u64>,
    /// How many lines the text has, once counted.
    pub lines: Option<u64>,
    /// How much of the text is above the bottom of the view, by bytes.
    pub percent: u64,
    pub at_top: bool,
    pub at_end: bool,
}

impl Reader {
    /// Where the view is now.
    pub fn position(&self) -> Position {
        let at_top = self.top == (Unit::Header(0), 0);
        let size = self.source.size();
        let bottom = self
            .view
            .last()
            .map_or(0, |(_, wrapped, _)| wrapped.end)
            .min(size);
        let percent = if self.at_end || size == 0 {
            100
        } else {
            bottom * 100 / size
        };
        let page = match self.top.0 {
            Unit::Body(start) => self.source.page_at(start),
            // The header is before the first page's text.
            Unit::Header(_) => self.source.page_at(0),
        };
        Position {
            page,
            line: self.lines.top,
            lines: self.lines.total,
            percent,
            at_top,
            at_end: self.at_end,
        }
    }
}
