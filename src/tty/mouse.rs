//! The mouse: which action a wheel turn or a click asks for, resolved against the layout of the
//! frame on screen — the wheel scrolls the pane under the pointer, a click selects a list row
//! or gives the reader the keyboard.

use crate::keys::action::{Action, Mode};
use crate::ui::Layout;
use crate::ui::layout::list_items;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Rows moved by one notch of the wheel, as in most terminal programs.
const WHEEL_ROWS: i32 = 3;

fn inside(area: Option<Rect>, position: Position) -> bool {
    area.is_some_and(|area| area.contains(position))
}

/// What `event` asks for, on a screen laid out as `layout`, with the keys of `mode` in effect.
pub(crate) fn action_for(event: &MouseEvent, layout: &Layout, mode: Mode) -> Option<Action> {
    let position = Position::new(event.column, event.row);
    let areas = &layout.areas;
    let rows = match event.kind {
        MouseEventKind::ScrollDown => WHEEL_ROWS,
        MouseEventKind::ScrollUp => -WHEEL_ROWS,
        MouseEventKind::Down(MouseButton::Left) => {
            let items = areas.list.map(list_items);
            return Some(match items.filter(|items| items.contains(position)) {
                _ if mode == Mode::Overlay => Action::Nothing,
                Some(items) => Action::ClickRow(event.row - items.y),
                None if inside(areas.reader, position) => Action::FocusReader,
                None => Action::Nothing,
            });
        }
        _ => return None,
    };
    Some(if mode == Mode::Overlay {
        Action::OverlayScroll(rows)
    } else if inside(areas.list, position) {
        Action::SelectBy(rows)
    } else if inside(areas.reader, position) {
        Action::ScrollLines(rows)
    } else if inside(areas.study, position) {
        Action::StudyMove(rows)
    } else {
        Action::Nothing
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::layout::areas;
    use crossterm::event::KeyModifiers;

    fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer_and_a_click_picks_a_row() {
        // 120x40: the list is 48 columns wide, the reader from column 49.
        let layout = Layout {
            areas: areas(120, 40, false),
            ..Layout::default()
        };
        let down = MouseEventKind::ScrollDown;
        let at = |kind, column, row| action_for(&event(kind, column, row), &layout, Mode::List);
        assert_eq!(at(down, 10, 5), Some(Action::SelectBy(3)));
        assert_eq!(at(down, 80, 5), Some(Action::ScrollLines(3)));
        assert_eq!(
            at(MouseEventKind::ScrollUp, 80, 5),
            Some(Action::ScrollLines(-3))
        );
        let click = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(
            at(click, 10, 3),
            Some(Action::ClickRow(2)),
            "under the query line"
        );
        assert_eq!(
            at(click, 10, 0),
            Some(Action::Nothing),
            "the query line itself"
        );
        assert_eq!(at(down, 10, 39), Some(Action::Nothing), "the status bar");
        assert_eq!(at(click, 80, 5), Some(Action::FocusReader));
        let over_help = action_for(&event(down, 80, 5), &layout, Mode::Overlay);
        assert_eq!(over_help, Some(Action::OverlayScroll(3)));
    }
}
