//! The box drawn over the panes — the help, or the files skipped while loading — and scrolling
//! it within its length (which the view measures: see `Viewport::overlay_limit`).

use super::App;
use crate::keys::action::Mode;
use crate::keys::keymap::HELP_MODES;

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
        let most = self.screen.viewport.overlay_limit;
        if let Some(overlay) = &mut self.screen.overlay {
            overlay.scroll = overlay.scroll.saturating_add_signed(rows).min(most);
        }
    }

    /// Shows the overlay of `kind`, or hides it if it is the one shown. The help opens at
    /// the keys of where it was asked for (the reader's, a study view's, the prompt's); from
    /// the list, at the top.
    pub(super) fn toggle_overlay(&mut self, kind: OverlayKind) {
        let scroll = match (kind, self.mode()) {
            (OverlayKind::Help, mode) if mode != Mode::List => {
                let section = HELP_MODES.iter().position(|shown| *shown == mode);
                let start = section.map_or(0, |section| self.screen.viewport.help_starts[section]);
                start.min(self.screen.viewport.help_limit)
            }
            _ => 0,
        };
        self.screen.overlay = match self.screen.overlay {
            Some(overlay) if overlay.kind == kind => None,
            _ => Some(Overlay { kind, scroll }),
        };
    }
}
