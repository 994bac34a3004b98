//! Moving through the document: the place a number of rows before or after another, keeping
//! the view full, and the scrolling the keys ask for. Units are wrapped as they are met, so
//! scrolling costs what is on screen, never what is above or below it.

use super::segment::previous_start;
use super::{Place, Reader, Unit};
use std::sync::Arc;

impl Reader {
    fn previous(&mut self, unit: Unit) -> Option<Unit> {
        let last_header = Unit::Header(self.header.len().saturating_sub(1));
        match unit {
            Unit::Header(0) => None,
            Unit::Header(line) => Some(Unit::Header(line - 1)),
            Unit::Body(0) => Some(last_header),
            Unit::Body(start) => {
                Some(previous_start(&mut self.source, start).map_or(last_header, Unit::Body))
            }
        }
    }

    /// The place `rows` rows after `from`, stopping at the last row.
    pub(super) fn forward(&mut self, from: Place, rows: usize) -> Place {
        let (mut unit, mut row) = from;
        let mut left = rows;
        loop {
            let wrapped = self.unit(unit);
            let last = wrapped.rows.len().saturating_sub(1);
            // A place kept from before the unit was wrapped again (a file edited meanwhile)
            // may be past its rows.
            row = row.min(last);
            if row + left <= last {
                return (unit, row + left);
            }
            match wrapped.next {
                Some(next) => {
                    left -= last - row + 1;
                    (unit, row) = (next, 0);
                }
                None => return (unit, last),
            }
        }
    }

    /// The place `rows` rows before `from`, stopping at the first row.
    pub(super) fn backward(&mut self, from: Place, rows: usize) -> Place {
        let (mut unit, mut row) = from;
        let mut left = rows;
        while left > row {
            let Some(previous) = self.previous(unit) else {
                return (unit, 0);
            };
            left -= row + 1;
            unit = previous;
            row = self.unit(unit).rows.len().saturating_sub(1);
        }
        (unit, row - left)
    }

    /// The last place of the content.
    pub(super) fn last_place(&mut self) -> Place {
        let size = self.source.size();
        let unit = if size > 0 {
            Unit::Body(previous_start(&mut self.source, size).unwrap_or(0))
        } else {
            Unit::Header(self.header.len().saturating_sub(1))
        };
        (unit, self.unit(unit).rows.len().saturating_sub(1))
    }

    /// Keeps the view full: no blank space below the end unless the document is shorter.
    pub(super) fn clamp(&mut self) {
        self.refresh();
        if self.at_end && self.view.len() < self.page_rows() {
            let last = self.last_place();
            self.top = self.backward(last, self.page_rows() - 1);
            self.refresh();
        }
    }

    /// Rebuilds the list of rows on screen, and notes the line at its top.
    pub(super) fn refresh(&mut self) {
        self.fill_view();
        self.note_top_line();
    }

    fn fill_view(&mut self) {
        self.view.clear();
        self.at_end = false;
        let (mut unit, mut row) = self.top;
        while self.view.len() < self.page_rows() {
            let wrapped = self.unit(unit);
            let count = wrapped.rows.len();
            let next = wrapped.next;
            while row < count && self.view.len() < self.page_rows() {
                self.view.push((unit, Arc::clone(&wrapped), row));
                row += 1;
            }
            if row < count {
                return;
            }
            match next {
                Some(next) => (unit, row) = (next, 0),
                None => {
                    self.at_end = true;
                    return;
                }
            }
        }
        // The view is full exactly at a unit's end: it is the end if no unit follows.
        self.at_end = self.view.last().is_some_and(|(_, wrapped, row)| {
            wrapped.next.is_none() && row + 1 == wrapped.rows.len()
        });
    }

    pub fn scroll_by(&mut self, rows: isize) {
        self.top = if rows >= 0 {
            self.forward(self.top, rows.unsigned_abs())
        } else {
            self.backward(self.top, rows.unsigned_abs())
        };
        self.clamp();
    }

    pub fn scroll_to_top(&mut self) {
        self.top = (Unit::Header(0), 0);
        self.clamp();
    }

    pub fn scroll_to_end(&mut self) {
        let last = self.last_place();
        self.top = self.backward(last, self.page_rows() - 1);
        self.refresh();
    }

    /// Rows in the text area (the size of a page).
    pub fn page_rows(&self) -> usize {
        self.height.max(1)
    }
}
