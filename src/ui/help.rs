//! The help overlay's text: every binding of the key table, by mode, then the query language.
//! A description longer than the box is wrapped under itself, never cut.

use super::theme::Theme;
use crate::keys::keymap::Keymap;
use crate::search::query::SYNTAX;
use crate::text::wrap::wrap_line;
use ratatui::text::{Line, Span};

/// Widest the keys column gets; narrower screens give it a third of the box.
const KEYS_COLUMN: usize = 18;

/// The overlay's lines for a box `inner_width` columns wide, unscrolled.
pub(crate) fn lines(inner_width: usize, theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    lines_and_sections(inner_width, theme, keymap).0
}

/// What the help's layout depends on: the box's inner width and the key table (by address).
type HelpKey = (usize, usize);

/// Where each mode's section starts, and how many lines there are.
type HelpPlaces = ([usize; 5], usize);

/// The line each mode's section starts on (its heading), in the order of
/// [`crate::keys::keymap::HELP_MODES`]: where the help opens from that mode (`?` in the
/// reader shows the reader's keys first), and how many lines there are. A section without
/// keys starts where the next would. Asked for every frame (the app must know before the
/// help opens), so made once per width and key table, then remembered.
pub(crate) fn section_starts(inner_width: usize, theme: &Theme, keymap: &Keymap) -> HelpPlaces {
    thread_local! {
        /// The last answer, by width and key table.
        static KNOWN: std::cell::Cell<Option<(HelpKey, HelpPlaces)>> =
            const { std::cell::Cell::new(None) };
    }
    let key = (inner_width, std::ptr::from_ref(keymap) as usize);
    if let Some((known, places)) = KNOWN.get()
        && known == key
    {
        return places;
    }
    let (lines, sections) = lines_and_sections(inner_width, theme, keymap);
    let mut starts = [0; 5];
    for (at, mode) in crate::keys::keymap::HELP_MODES.iter().enumerate() {
        let start = sections.iter().find(|(name, _)| *name == mode.name());
        starts[at] = start.map_or(lines.len(), |(_, line)| *line);
    }
    KNOWN.set(Some((key, (starts, lines.len()))));
    (starts, lines.len())
}

/// The lines, and the line of each section's heading by its name.
fn lines_and_sections(
    inner_width: usize,
    theme: &Theme,
    keymap: &Keymap,
) -> (Vec<Line<'static>>, Vec<(&'static str, usize)>) {
    let mut sections = Vec::new();
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
        sections.push((section, lines.len()));
        lines.push(Line::styled(section, theme.help_heading()));
        for (keys, help) in rows {
            described(&mut lines, &keys, help, (keys_width, help_width), theme);
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
        described(
            &mut lines,
            row.form,
            &meaning,
            (keys_width, help_width),
            theme,
        );
    }
    (lines, sections)
}

/// Adds the lines of one entry: `keys` in their column, `help` beside them, wrapped to the
/// help column's width with its later rows under its first.
fn described(
    lines: &mut Vec<Line<'static>>,
    keys: &str,
    help: &str,
    (keys_width, help_width): (usize, usize),
    theme: &Theme,
) {
    for (row, range) in wrap_line(help, help_width.max(1)).into_iter().enumerate() {
        let keys = if row == 0 { keys } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<keys_width$}"), theme.hint_key()),
            Span::raw(help[range].to_string()),
        ]));
    }
}
