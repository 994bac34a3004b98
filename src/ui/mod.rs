//! Drawing the screen from the app's state: reads, never decides. Each frame starts from a
//! [`Layout`] (where each pane goes, worked out once, given to the app as its viewport and kept
//! by the loop for the mouse) and draws from a [`Scene`]; every pane has its own file. May use
//! `app`, `keys`, `study` (the sparkline), `reader`, `search` (the list's order, the text
//! terms) and `text`.

pub(crate) mod help;
pub(crate) mod layout;
pub(crate) mod list;
pub(crate) mod overlay;
pub(crate) mod palette;
pub(crate) mod reader;
pub(crate) mod status;
pub(crate) mod study;
pub(crate) mod theme;

use crate::app::{App, Focus};
use crate::keys::keymap::Keymap;
use crate::text::fit::truncate_with_ellipsis;
pub(crate) use layout::Layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use theme::Theme;

/// Everything one frame is drawn from.
pub(crate) struct Scene<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    /// The keys in effect, for the help and the status bar's hints.
    pub keymap: &'a Keymap,
    pub layout: &'a Layout,
}

/// Where each pane goes on a screen of `area` for the app as it is now, and how far its
/// overlay can scroll.
pub(crate) fn layout(area: Rect, app: &App, theme: &Theme, keymap: &Keymap) -> Layout {
    let areas = match app.focus() {
        Focus::Study if app.shows_a_view() => layout::study_areas(area.width, area.height),
        focus => layout::areas(area.width, area.height, focus == Focus::Reader),
    };
    let areas = match app.sparkline() {
        Some(_) => layout::with_sparkline(areas),
        None => areas,
    };
    let (help_starts, help_limit) = overlay::help_places(theme, keymap, area);
    Layout {
        areas,
        overlay_limit: overlay::scroll_limit(app, theme, keymap, area),
        help_starts,
        help_limit,
    }
}

pub(crate) fn draw(frame: &mut Frame, scene: &Scene) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        let note = truncate_with_ellipsis("terminal too small", usize::from(area.width));
        frame.render_widget(Paragraph::new(Line::raw(note)), area);
        return;
    }
    let areas = &scene.layout.areas;
    if let Some(list) = areas.list {
        list::draw(frame, scene, list);
    }
    if let Some(sparkline) = areas.sparkline {
        list::draw_sparkline(frame, scene, sparkline);
    }
    if let Some(divider) = areas.divider {
        let bars: Vec<Line> = (0..divider.height).map(|_| Line::raw("│")).collect();
        let style = scene.theme.divider();
        frame.render_widget(Paragraph::new(bars).style(style), divider);
    }
    if let Some(reader) = areas.reader {
        reader::draw(frame, scene, reader);
    }
    if let Some(view) = areas.study {
        study::draw(frame, scene, view);
    }
    if let Some(status) = areas.status {
        status::draw(frame, scene, status);
    }
    overlay::draw(frame, scene, area);
}
