//! The box drawn over the panes for the help and for the skipped-files list: its lines, how
//! far it can scroll, and drawing it.

use super::theme::Theme;
use super::{Scene, help, layout};
use crate::app::{App, OverlayKind};
use crate::keys::keymap::Keymap;
use crate::text::fit::truncate_with_ellipsis;
use crate::text::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The overlay's lines for a box `inner_width` columns wide.
fn lines(
    app: &App,
    kind: OverlayKind,
    inner_width: usize,
    theme: &Theme,
    keymap: &Keymap,
) -> Vec<Line<'static>> {
    match kind {
        OverlayKind::Help => help::lines(inner_width, theme, keymap),
        OverlayKind::Skipped => skipped_lines(app, inner_width, theme),
    }
}

fn title(app: &App, kind: OverlayKind) -> String {
    match kind {
        OverlayKind::Help => " folio keys (Esc closes, j/k scroll) ".to_string(),
        OverlayKind::Skipped => {
            format!(" {} skipped (Esc closes, j/k scroll) ", app.skipped().len())
        }
    }
}

/// Each skipped path on its own line, with the reason indented below it.
fn skipped_lines(app: &App, inner_width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if app.skipped().is_empty() {
        return vec![Line::raw("Nothing was skipped.")];
    }
    app.skipped()
        .iter()
        .flat_map(|skipped| {
            let path = sanitize_line(&skipped.path.to_string_lossy());
            let reason = sanitize_line(&skipped.reason);
            [
                Line::styled(truncate_with_ellipsis(&path, inner_width), theme.hint_key()),
                Line::styled(
                    truncate_with_ellipsis(&format!("  {reason}"), inner_width),
                    theme.error_text(),
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

/// The largest useful scroll offset of the app's overlay on a screen of `area`.
pub fn scroll_limit(app: &App, theme: &Theme, keymap: &Keymap, area: Rect) -> usize {
    let Some(overlay) = app.overlay() else {
        return 0;
    };
    if layout::too_small(area.width, area.height) {
        return 0;
    }
    let (inner_width, inner_height) = inner(layout::help_box(area.width, area.height));
    let count = match overlay.kind {
        OverlayKind::Help => help::lines(inner_width, theme, keymap).len(),
        // Counted, not made: two lines a skipped file, as `skipped_lines` makes them (one line
        // saying so when there is none), and there may be a great many.
        OverlayKind::Skipped => (2 * app.skipped().len()).max(1),
    };
    count.saturating_sub(inner_height)
}

pub fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let Some(overlay) = scene.app.overlay() else {
        return;
    };
    let boxed = layout::help_box(area.width, area.height);
    let (inner_width, inner_height) = inner(boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title(scene.app, overlay.kind));
    // Built once a frame: with many skipped files the lines are not cheap.
    let all = lines(
        scene.app,
        overlay.kind,
        inner_width,
        scene.theme,
        scene.keymap,
    );
    let scroll = overlay.scroll.min(all.len().saturating_sub(inner_height));
    let visible: Vec<Line> = all.into_iter().skip(scroll).collect();
    frame.render_widget(Clear, boxed);
    frame.render_widget(Paragraph::new(visible).block(block), boxed);
}
