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

/// What the overlay shows, for a box `inner_width` columns wide.
struct Content<'a> {
    app: &'a App,
    kind: OverlayKind,
    inner_width: usize,
    theme: &'a Theme,
    keymap: &'a Keymap,
}

impl Content<'_> {
    /// How many lines there are. A skipped file's are counted, not made (two each, one line
    /// saying so when there is none): there may be a great many.
    fn line_count(&self) -> usize {
        match self.kind {
            OverlayKind::Help => help::lines(self.inner_width, self.theme, self.keymap).len(),
            // Those kept with their reasons, and a line for those beyond them.
            OverlayKind::Skipped => {
                let skipped = self.app.skipped();
                (2 * skipped.kept().len() + usize::from(skipped.unlisted() > 0)).max(1)
            }
        }
    }

    /// At most `count` lines from line `first`: only those are made.
    fn lines(&self, first: usize, count: usize) -> Vec<Line<'static>> {
        match self.kind {
            OverlayKind::Help => help::lines(self.inner_width, self.theme, self.keymap)
                .into_iter()
                .skip(first)
                .take(count)
                .collect(),
            OverlayKind::Skipped => skipped_lines(self, first, count),
        }
    }
}

fn title(app: &App, kind: OverlayKind) -> String {
    match kind {
        OverlayKind::Help => " folio keys (Esc closes, j/k scroll) ".to_string(),
        OverlayKind::Skipped => {
            let count = crate::text::columns::thousands(app.skipped().len());
            format!(" {count} skipped (Esc closes, j/k scroll) ")
        }
    }
}

/// Each skipped path on its own line, with the reason indented below it: `count` lines from
/// line `first`.
fn skipped_lines(content: &Content, first: usize, count: usize) -> Vec<Line<'static>> {
    let (app, inner_width, theme) = (content.app, content.inner_width, content.theme);
    if app.skipped().is_empty() {
        return vec![Line::raw("Nothing was skipped.")];
    }
    let unlisted = app.skipped().unlisted();
    let more = (unlisted > 0).then(|| {
        Line::styled(
            truncate_with_ellipsis(&format!("… and {unlisted} more, not listed"), inner_width),
            theme.hint_key(),
        )
    });
    app.skipped()
        .kept()
        .iter()
        .skip(first / 2)
        .take(count.div_ceil(2) + 1)
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
        .chain(more)
        .skip(first % 2)
        .take(count)
        .collect()
}

fn inner(boxed: Rect) -> (usize, usize) {
    (
        usize::from(boxed.width.saturating_sub(2)),
        usize::from(boxed.height.saturating_sub(2)),
    )
}

/// The largest useful scroll offset of the app's overlay on a screen of `area`.
pub(crate) fn scroll_limit(app: &App, theme: &Theme, keymap: &Keymap, area: Rect) -> usize {
    let Some(overlay) = app.overlay() else {
        return 0;
    };
    if layout::too_small(area.width, area.height) {
        return 0;
    }
    let (inner_width, inner_height) = inner(layout::help_box(area.width, area.height));
    let content = Content {
        app,
        kind: overlay.kind,
        inner_width,
        theme,
        keymap,
    };
    content.line_count().saturating_sub(inner_height)
}

/// Where the help starts for each mode on a screen of `area` (see [`help::section_starts`]),
/// and how far it can scroll there.
pub(crate) fn help_places(theme: &Theme, keymap: &Keymap, area: Rect) -> ([usize; 5], usize) {
    if layout::too_small(area.width, area.height) {
        return ([0; 5], 0);
    }
    let (inner_width, inner_height) = inner(layout::help_box(area.width, area.height));
    let (starts, count) = help::section_starts(inner_width, theme, keymap);
    (starts, count.saturating_sub(inner_height))
}

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let Some(overlay) = scene.app.overlay() else {
        return;
    };
    let boxed = layout::help_box(area.width, area.height);
    let (inner_width, inner_height) = inner(boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title(scene.app, overlay.kind));
    let content = Content {
        app: scene.app,
        kind: overlay.kind,
        inner_width,
        theme: scene.theme,
        keymap: scene.keymap,
    };
    // Only the lines in the box are made: there may be a great many skipped files.
    let scroll = overlay
        .scroll
        .min(content.line_count().saturating_sub(inner_height));
    let visible = content.lines(scroll, inner_height);
    frame.render_widget(Clear, boxed);
    frame.render_widget(Paragraph::new(visible).block(block), boxed);
}
