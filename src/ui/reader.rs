//! The reader pane: a title bar with the match counter and scroll position, then the visible
//! rows of the document with keyword and search highlights.

use super::theme::Theme;
use super::{Scene, layout};
use crate::app::{App, Focus};
use crate::reader::{LineKind, Position, VisibleRow};
use crate::text::fit::{truncate_with_ellipsis, width};
use crate::text::highlight::segments;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let app = scene.app;
    draw_bar(frame, app, scene.theme, layout::reader_bar(area));
    let text_area = layout::reader_text(area);
    let keywords = app.reader_keywords();
    let lines: Vec<Line> = app
        .reader()
        .visible_rows(&keywords)
        .iter()
        .map(|row| row_line(row, text_area.width, scene.theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}

fn draw_bar(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus() == Focus::Reader;
    let title = match app.reader().doc() {
        Some(index) => app.docs().at(index).title(),
        None => "no matching document",
    };
    // On a narrow pane the counters shrink so the title keeps some room.
    let position = app.reader().position();
    // The fullest counters that leave the title some room: with the line, without it, short.
    let right = [Counters::Full, Counters::NoLine, Counters::Short]
        .map(|counters| bar_counters(app, &position, counters))
        .into_iter()
        .reduce(
            |fits, shorter| match usize::from(area.width) < width(&fits) + MIN_TITLE_COLUMNS {
                true => shorter,
                false => fits,
            },
        )
        .unwrap_or_default();
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let left = format!(" {}", truncate_with_ellipsis(title, room));
    let padding = usize::from(area.width).saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(padding)),
        Span::raw(right),
    ])
    .style(theme.reader_bar(focused));
    frame.render_widget(Paragraph::new(line), area);
}

/// Columns of title the bar keeps before it shortens its counters.
const MIN_TITLE_COLUMNS: usize = 16;

/// How much the reader's bar says on the right.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counters {
    /// ` match 2 of 7 · line 120 of 800 · 23% `
    Full,
    /// ` match 2 of 7 · 23% `
    NoLine,
    /// ` 2/7 · 23% `
    Short,
}

fn bar_counters(app: &App, position: &Position, counters: Counters) -> String {
    let compact = counters == Counters::Short;
    let mut parts = Vec::new();
    if let Some(search) = app.reader().search() {
        parts.push(if compact {
            let current = if search.hits.is_empty() {
                0
            } else {
                search.current + 1
            };
            format!("{current}/{}", search.hits.len())
        } else {
            app.reader().match_counter()
        });
    }
    if app.reader().doc().is_some() {
        if position.at_top && position.at_end {
            parts.push("all".to_string());
        } else {
            if counters == Counters::Full {
                parts.push(line_of_lines(position));
            }
            parts.push(format!("{}%", position.percent));
        }
    }
    format!(" {} ", parts.join(" · "))
}

/// `line N of M`: the line at the top of the view, of the text's lines; `…` for what a big
/// file's count has not reached yet.
fn line_of_lines(position: &Position) -> String {
    let known = |count: Option<u64>| count.map_or("…".to_string(), |count| count.to_string());
    let page = position
        .page
        .map_or(String::new(), |page| format!("p. {page} · "));
    format!(
        "{page}line {} of {}",
        known(position.line),
        known(position.lines)
    )
}

fn row_line(row: &VisibleRow, pane_width: u16, theme: &Theme) -> Line<'static> {
    let base = match row.kind {
        LineKind::Title => theme.title_text(),
        LineKind::Meta => theme.meta_text(),
        LineKind::Error => theme.error_text(),
        LineKind::Rule => {
            return Line::styled("─".repeat(usize::from(pane_width)), theme.rule());
        }
        LineKind::Body => Style::new(),
    };
    let spans: Vec<Span<'static>> = segments(row.text.len(), &row.marks)
        .into_iter()
        .map(|(range, mark)| {
            let style = mark.map_or(base, |mark| base.patch(theme.mark(mark)));
            Span::styled(row.text[range].to_string(), style)
        })
        .collect();
    Line::from(spans)
}
