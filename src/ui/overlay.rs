//! The box drawn over the panes for the help and for the skipped-files list: its lines, how
//! far it can scroll, and drawing it.

use super::{help, layout, theme};
use crate::app::{App, OverlayKind};
use crate::text::fit::truncate_with_ellipsis;
use crate::text::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The overlay's lines for the app's current overlay, at the app's screen size.
fn lines(app: &App, kind: OverlayKind, inner_width: usize) -> Vec<Line<'static>> {
    match kind {
        OverlayKind::Help => help::lines(inner_width),
        OverlayKind::Skipped => skipped_lines(app, inner_width),
    }
}

fn title(app: &App, kind: OverlayKind) -> String {
    match kind {
        OverlayKind::Help => " folio keys (Esc closes, j/k scroll) ".to_string(),
        OverlayKind::Skipped => format!(" {} skipped (Esc closes, j/k scroll) ", app.skipped.len()),
    }
}

/// Each skipped path on its own line, with the reason indented below it.
fn skipped_lines(app: &App, inner_width: usize) -> Vec<Line<'static>> {
    if app.skipped.is_empty() {
        return vec![Line::raw("Nothing was skipped.")];
    }
    app.skipped
        .iter()
        .flat_map(|skipped| {
            let path = sanitize_line(&skipped.path.to_string_lossy());
            let reason = sanitize_line(&skipped.reason);
            [
                Line::styled(
                    truncate_with_ellipsis(&path, inner_width),
                    theme::hint_key(),
                ),
                Line::styled(
                    truncate_with_ellipsis(&format!("  {reason}"), inner_width),
                    theme::error_text(),
                ),
            ]
        })
        .collect()
}

fn inner(boxed: Rect) -> (usize, usize) {
    (
        usize::from(boxed.width.saturating_sub(2)),
        usize::from(boxed.height.saturating_sub(2)),
    )
}

/// The largest useful scroll offset of the app's overlay at its screen size.
pub fn max_scroll(app: &App) -> usize {
    let Some(overlay) = app.overlay else {
        return 0;
    };
    let (width, height) = app.size;
    if layout::too_small(width, height) {
        return 0;
    }
    let (inner_width, inner_height) = inner(layout::help_box(width, height));
    lines(app, overlay.kind, inner_width)
        .len()
        .saturating_sub(inner_height)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let Some(overlay) = app.overlay else {
        return;
    };
    let boxed = layout::help_box(area.width, area.height);
    let (inner_width, inner_height) = inner(boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title(app, overlay.kind));
    // Built once a frame: with many skipped files the lines are not cheap.
    let all = lines(app, overlay.kind, inner_width);
    let scroll = overlay.scroll.min(all.len().saturating_sub(inner_height));
    let visible: Vec<Line> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, boxed);
    frame.render_widget(Paragraph::new(visible).block(block), boxed);
}
