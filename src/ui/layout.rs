//! Where each pane goes for a given screen size and focus: plain arithmetic on `Rect`s. The
//! layout of a frame is also what the app learns its page sizes from (`Layout::viewport`) and
//! what a mouse click is resolved against.

use crate::app::Viewport;
use ratatui::layout::Rect;

/// Below this size only a "terminal too small" line is drawn.
pub(crate) const MIN_WIDTH: u16 = 20;
pub(crate) const MIN_HEIGHT: u16 = 5;
/// From this width on, the list and the reader stand side by side; below it they are stacked.
pub(crate) const SIDE_BY_SIDE_WIDTH: u16 = 100;

/// The screen's parts. All are None when the screen is too small to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub divider: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Option<Rect>,
    /// A study view (concordance, counts, collocates), over the whole body.
    pub study: Option<Rect>,
    /// Text mode's hits per month, a row above the list when documents have dates.
    pub sparkline: Option<Rect>,
}

pub(crate) fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The layout of one frame: its panes, and how far the overlay shown can scroll.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub areas: Areas,
    pub overlay_limit: usize,
    /// Where the help would open for each mode, and how far it can scroll.
    pub help_starts: [usize; 5],
    pub help_limit: usize,
}

impl Layout {
    /// What the app needs to know of it: the page sizes.
    pub(crate) fn viewport(&self) -> Viewport {
        let text = self.areas.reader.map(reader_text).unwrap_or_default();
        let table = self.areas.study.map(study_table).unwrap_or_default();
        Viewport {
            study_rows: usize::from(table.height),
            study_width: usize::from(table.width),
            list_rows: self.areas.list.map_or(0, list_rows),
            reader_width: usize::from(text.width),
            reader_height: usize::from(text.height),
            overlay_limit: self.overlay_limit,
            help_starts: self.help_starts,
            help_limit: self.help_limit,
        }
    }
}

/// The panes of a `width`x`height` screen; `reading` when the reader has the keyboard.
pub fn areas(width: u16, height: u16, reading: bool) -> Areas {
    if too_small(width, height) {
        return Areas::default();
    }
    let body = Rect::new(0, 0, width, height - 1);
    let status = Some(Rect::new(0, height - 1, width, 1));
    if width >= SIDE_BY_SIDE_WIDTH {
        let list_width = (width * 2 / 5).max(30);
        return Areas {
            list: Some(Rect::new(0, 0, list_width, body.height)),
            divider: Some(Rect::new(list_width, 0, 1, body.height)),
            reader: Some(Rect::new(
                list_width + 1,
                0,
                width - list_width - 1,
                body.height,
            )),
            status,
            study: None,
            sparkline: None,
        };
    }
    if reading {
        // Stacked and reading: the reader takes the whole screen.
        return Areas {
            reader: Some(body),
            status,
            ..Areas::default()
        };
    }
    let list_height = (body.height * 2 / 5).max(4).min(body.height - 1);
    Areas {
        list: Some(Rect::new(0, 0, width, list_height)),
        divider: None,
        reader: Some(Rect::new(0, list_height, width, body.height - list_height)),
        status,
        study: None,
        sparkline: None,
    }
}

/// The areas with a row taken from the top of the list for the sparkline, when the list has
/// rows to spare.
pub(crate) fn with_sparkline(mut areas: Areas) -> Areas {
    if let Some(list) = areas.list.filter(|list| list.height > 4) {
        areas.sparkline = Some(Rect { height: 1, ..list });
        areas.list = Some(Rect {
            y: list.y + 1,
            height: list.height - 1,
            ..list
        });
    }
    areas
}

/// The panes of a `width`x`height` screen showing a study view: the view over the body.
pub(crate) fn study_areas(width: u16, height: u16) -> Areas {
    if too_small(width, height) {
        return Areas::default();
    }
    Areas {
        study: Some(Rect::new(0, 0, width, height - 1)),
        status: Some(Rect::new(0, height - 1, width, 1)),
        ..Areas::default()
    }
}

/// The rows of a study view's table: below its heading line and the column names.
pub(crate) fn study_table(study: Rect) -> Rect {
    Rect {
        y: study.y + 2,
        height: study.height.saturating_sub(2),
        ..study
    }
}

/// The list's query line (its first row).
pub(crate) fn query_line(list: Rect) -> Rect {
    Rect { height: 1, ..list }
}

/// The rows of the list below the query line.
pub(crate) fn list_items(list: Rect) -> Rect {
    Rect {
        y: list.y + 1,
        height: list.height.saturating_sub(1),
        ..list
    }
}

pub(crate) fn list_rows(list: Rect) -> usize {
    usize::from(list_items(list).height)
}

/// The reader's title bar (its first row).
pub(crate) fn reader_bar(reader: Rect) -> Rect {
    Rect {
        height: 1,
        ..reader
    }
}

/// Where the document's text goes: below the bar, with a column of margin on each side when
/// the pane is wide enough to spare them.
pub(crate) fn reader_text(reader: Rect) -> Rect {
    let margin = if reader.width >= 30 { 1 } else { 0 };
    Rect {
        x: reader.x + margin,
        y: reader.y + 1,
        width: reader.width - 2 * margin,
        height: reader.height.saturating_sub(1),
    }
}

/// The help overlay's box, centred.
pub(crate) fn help_box(width: u16, height: u16) -> Rect {
    let box_width = width.saturating_sub(2).min(76);
    let box_height = height.saturating_sub(2);
    Rect::new(
        (width - box_width) / 2,
        (height - box_height) / 2,
        box_width,
        box_height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_the_panes_side_by_side() {
        let areas = areas(120, 40, false);
        let (list, reader) = (
            areas.list.unwrap_or_default(),
            areas.reader.unwrap_or_default(),
        );
        assert_eq!(list.height, 39);
        assert_eq!(list.width + 1 + reader.width, 120);
        assert_eq!(reader.x, list.width + 1);
    }

    #[test]
    fn narrow_screens_stack_the_panes_and_reading_takes_the_screen() {
        let stacked = areas(40, 10, false);
        assert_eq!(stacked.list.map(|r| r.height), Some(4));
        assert_eq!(stacked.reader.map(|r| r.height), Some(5));
        let reading = areas(40, 10, true);
        assert_eq!(reading.list, None);
        assert_eq!(reading.reader.map(|r| r.height), Some(9));
    }

    #[test]
    fn tiny_screens_get_no_panes() {
        assert_eq!(areas(19, 24, false), Areas::default());
        assert_eq!(areas(80, 4, false), Areas::default());
        assert_eq!(areas(0, 0, true), Areas::default());
    }

    #[test]
    fn every_size_fits_the_screen() {
        for width in 0..130u16 {
            for height in 0..45u16 {
                for reading in [false, true] {
                    let areas = areas(width, height, reading);
                    for rect in [areas.list, areas.divider, areas.reader, areas.status]
                        .into_iter()
                        .flatten()
                    {
                        assert!(rect.right() <= width && rect.bottom() <= height);
                    }
                }
            }
        }
    }
}
