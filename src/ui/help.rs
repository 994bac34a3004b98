//! The help overlay: every binding of the key table, by mode, in a box over the screen.

use super::{layout, theme};
use crate::action::help_sections;
use crate::text::fit::truncate_with_ellipsis;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Widest the keys column gets; narrower screens give it a third of the box.
const KEYS_COLUMN: usize = 18;

/// The overlay's lines for a box `inner_width` columns wide, unscrolled.
pub fn lines(inner_width: usize) -> Vec<Line<'static>> {
    let keys_width = KEYS_COLUMN.min(inner_width / 3);
    let help_width = inner_width.saturating_sub(keys_width + 2);
    let mut lines = Vec::new();
    for (section, rows) in help_sections() {
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section, theme::help_heading()));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<keys_width$}"), theme::hint_key()),
                Span::raw(truncate_with_ellipsis(help, help_width)),
            ]));
        }
    }
    lines
}

/// The largest useful scroll offset for a screen of this size.
pub fn max_scroll(width: u16, height: u16) -> usize {
    let boxed = layout::help_box(width, height);
    let inner_height = usize::from(boxed.height.saturating_sub(2));
    lines(inner_width(boxed)).len().saturating_sub(inner_height)
}

pub fn draw(frame: &mut Frame, scroll: usize, area: Rect) {
    let boxed = layout::help_box(area.width, area.height);
    let scroll = scroll.min(max_scroll(area.width, area.height));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" folio keys (Esc closes, j/k scroll) ");
    let visible: Vec<Line> = lines(inner_width(boxed)).into_iter().skip(scroll).collect();
    frame.render_widget(Clear, boxed);
    frame.render_widget(Paragraph::new(visible).block(block), boxed);
}

fn inner_width(boxed: Rect) -> usize {
    usize::from(boxed.width.saturating_sub(2))
}
