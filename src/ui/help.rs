//! The help overlay's text: every binding of the key table, by mode, then the query language.

use super::theme::Theme;
use crate::keys::keymap::Keymap;
use crate::search::query::SYNTAX;
use crate::text::fit::truncate_with_ellipsis;
use ratatui::text::{Line, Span};

/// Widest the keys column gets; narrower screens give it a third of the box.
const KEYS_COLUMN: usize = 18;

/// The overlay's lines for a box `inner_width` columns wide, unscrolled.
pub fn lines(inner_width: usize, theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let keys_width = KEYS_COLUMN.min(inner_width / 3);
    let help_width = inner_width.saturating_sub(keys_width + 2);
    let mut lines = Vec::new();
    for (section, rows) in keymap.help_sections() {
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section, theme.help_heading()));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<keys_width$}"), theme.hint_key()),
                Span::raw(truncate_with_ellipsis(help, help_width)),
            ]));
        }
    }
    // The query language, once, as the README gives it.
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Query (titles; text: Ctrl-F, /, --search)",
        theme.help_heading(),
    ));
    for row in SYNTAX {
        let meaning = match row.titles == row.text {
            true => row.titles.to_string(),
            false => format!("titles: {}; text: {}", row.titles, row.text),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<keys_width$}", row.form), theme.hint_key()),
            Span::raw(truncate_with_ellipsis(&meaning, help_width)),
        ]));
    }
    lines
}
