//! The mouse: the wheel scrolls the pane under the pointer, a click selects a list row (or
//! gives the reader the keyboard). Positions are resolved against the same layout the view is
//! drawn with, so a click lands on the row the user sees.

use super::{App, Focus};
use crate::ui::layout;
use ratatui::layout::{Position, Rect};

/// Rows moved by one notch of the wheel, as in most terminal programs.
const WHEEL_ROWS: usize = 3;

fn inside(area: Option<Rect>, column: u16, row: u16) -> bool {
    area.is_some_and(|area| area.contains(Position::new(column, row)))
}

impl App {
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let rows = WHEEL_ROWS as isize;
        let rows = if down { rows } else { -rows };
        if self.overlay.is_some() {
            self.scroll_overlay(rows);
            return;
        }
        let areas = layout::areas(self.size.0, self.size.1, self.focus);
        if inside(areas.list, column, row) {
            let moved = match down {
                true => self.selected.saturating_add(WHEEL_ROWS),
                false => self.selected.saturating_sub(WHEEL_ROWS),
            };
            self.move_to(moved);
        } else if inside(areas.reader, column, row) {
            self.reader.scroll_by(rows);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.overlay.is_some() {
            return;
        }
        let areas = layout::areas(self.size.0, self.size.1, self.focus);
        if let Some(items) = areas.list.map(layout::list_items)
            && inside(Some(items), column, row)
        {
            let position = self.list_top + usize::from(row - items.y) / self.rows_per_match();
            if position < self.matches.len() {
                self.move_to(position);
            }
        } else if inside(areas.reader, column, row)
            && self.focus == Focus::List
            && self.reader.doc().is_some()
        {
            self.set_focus(Focus::Reader);
        }
    }
}
