//! Drawing a study view over the body of the screen: a heading line (what it is of, how many,
//! the order, progress while it is made), a line naming the columns, and the table. Every
//! view makes its own [`Table`] (`app::views`); this draws any of them the same way: the
//! selected row reversed and marked `> `, the hit (or a bar) and the rules in their colours.

use super::Scene;
use super::layout::study_table;
use super::theme::Theme;
use crate::app::{Table, Tone};
use crate::text::fit::truncate_with_ellipsis;
use crate::text::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let (app, theme) = (scene.app, scene.theme);
    let table = study_table(area);
    let columns = usize::from(area.width);
    let Some(Table {
        heading,
        names,
        rows,
    }) = app.study_table(usize::from(table.width), usize::from(table.height))
    else {
        return;
    };
    // Headings hold what the user typed; every string drawn goes through the sanitizer (it
    // leaves text already made safe as it is).
    let heading = Line::styled(
        truncate_with_ellipsis(&sanitize_line(&heading), columns),
        theme.title_text(),
    );
    let names = Line::styled(
        truncate_with_ellipsis(&sanitize_line(&names), columns),
        theme.meta_text(),
    );
    let head = Rect {
        height: 2.min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(vec![heading, names]), head);
    let rows: Vec<Line> = rows
        .into_iter()
        .map(|row| {
            let (base, marker) = match row.selected {
                true => (theme.selected_row(), "> "),
                false => (Style::new(), "  "),
            };
            let pieces = row
                .pieces
                .into_iter()
                .map(|(text, tone)| Span::styled(text, base.patch(style_of(tone, theme))));
            Line::from(
                std::iter::once(Span::styled(marker, base))
                    .chain(pieces)
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), table);
}

/// The colours of a piece of a row.
fn style_of(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Plain => Style::new(),
        Tone::Hit => theme.matched_chars(),
        Tone::Rule => theme.rule(),
        Tone::Removed => theme.difference(Color::Red, Modifier::CROSSED_OUT),
        Tone::Added => theme.difference(Color::Green, Modifier::BOLD),
        Tone::Changed => theme.difference(Color::Yellow, Modifier::UNDERLINED),
    }
}
