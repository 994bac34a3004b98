//! The box drawn over the panes — the help, or the files skipped while loading — and scrolling
//! it within its length (which the view measures: see `Viewport::overlay_limit`).

use super::App;

/// What an overlay shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    /// The files that were skipped while loading, and why.
    Skipped,
}

/// A box over the panes, scrolled by `scroll` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overlay {
    pub kind: OverlayKind,
    pub scroll: usize,
}

impl App {
    /// Scrolls the overlay by `rows`, within its length.
    pub(super) fn scroll_overlay(&mut self, rows: isize) {
        let most = self.viewport.overlay_limit;
        if let Some(overlay) = &mut self.overlay {
            overlay.scroll = overlay.scroll.saturating_add_signed(rows).min(most);
        }
    }

    /// Shows the overlay of `kind`, or hides it if it is the one shown.
    pub(super) fn toggle_overlay(&mut self, kind: OverlayKind) {
        self.overlay = match self.overlay {
            Some(overlay) if overlay.kind == kind => None,
            _ => Some(Overlay { kind, scroll: 0 }),
        };
    }
}
