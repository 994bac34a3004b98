//! Drawing the whole screen from the app's state. The view reads the state and decides nothing;
//! every pane has its own file.

pub mod help;
pub mod layout;
pub mod list;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod theme;

use crate::app::App;
use crate::text::fit::truncate_with_ellipsis;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        let note = truncate_with_ellipsis("terminal too small", usize::from(area.width));
        frame.render_widget(Paragraph::new(Line::raw(note)), area);
        return;
    }
    let areas = layout::areas(area.width, area.height, app.focus);
    if let Some(list) = areas.list {
        list::draw(frame, app, list);
    }
    if let Some(divider) = areas.divider {
        let bars: Vec<Line> = (0..divider.height).map(|_| Line::raw("│")).collect();
        frame.render_widget(Paragraph::new(bars).style(theme::divider()), divider);
    }
    if let Some(reader) = areas.reader {
        reader::draw(frame, app, reader);
    }
    if let Some(status) = areas.status {
        status::draw(frame, app, status);
    }
    overlay::draw(frame, app, area);
}
