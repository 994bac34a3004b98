//! The list pane: the query line with its `MATCHED/TOTAL` counter, and the titles with the
//! characters the query matched emphasised.

use super::{layout, theme};
use crate::app::{App, Focus};
use crate::sorting::Order;
use crate::text::fit::{prefix_fitting, truncate_with_ellipsis, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    draw_query_line(frame, app, layout::query_line(area));
    let items = layout::list_items(area);
    let rows: Vec<Line> = app
        .matches
        .iter()
        .enumerate()
        .skip(app.list_top)
        .take(usize::from(items.height))
        .map(|(position, &doc)| {
            title_line(
                app,
                &app.docs[doc].title,
                position == app.selected,
                app.marked.contains(&doc),
                items.width,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), items);
}

fn draw_query_line(frame: &mut Frame, app: &App, area: Rect) {
    let active = app.focus == Focus::List && app.search_prompt.is_none() && app.overlay.is_none();
    // While a ranking is under way the previous matches stay, marked as such.
    let pending = if app.ranking { "… " } else { "" };
    let order = match app.order {
        Order::Relevance => String::new(),
        other => format!(" by {}", other.label()),
    };
    let counter = format!(" {pending}{}/{}{order}", app.matches.len(), app.docs.len());
    let prompt = "> ";
    let room = usize::from(area.width).saturating_sub(width(prompt) + width(&counter));
    // Long queries scroll: the end, where typing happens, stays visible.
    let query = &app.query;
    let mut start = 0;
    while width(&query[start..]) > room {
        start += query[start..].chars().next().map_or(1, char::len_utf8);
    }
    let shown = crate::text::sanitize::sanitize_line(&query[start..]);
    let padding = room.saturating_sub(width(&shown));
    let line = Line::from(vec![
        Span::styled(prompt, theme::prompt(active)),
        Span::raw(shown.clone()),
        Span::raw(" ".repeat(padding)),
        Span::styled(counter, theme::counter()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if active {
        let column = area.x as usize + width(prompt) + width(&shown);
        if column < usize::from(area.right()) {
            frame.set_cursor_position(Position::new(column as u16, area.y));
        }
    }
}

/// One title row: markers for the selection and marks, the title cut to the width, matched
/// characters emphasised.
fn title_line(
    app: &App,
    title: &str,
    selected: bool,
    marked: bool,
    pane_width: u16,
) -> Line<'static> {
    // `>` for the selection, `*` for a document marked to be printed on accepting.
    let marker = match (selected, marked) {
        (true, true) => ">*",
        (true, false) => "> ",
        (false, true) => " *",
        (false, false) => "  ",
    };
    let room = usize::from(pane_width).saturating_sub(marker.len());
    let fitted = truncate_with_ellipsis(title, room);
    let cut = prefix_fitting(&fitted, room);
    let positions = app.matched_positions(title);
    let mut spans = vec![Span::raw(marker)];
    let mut run = String::new();
    let mut run_matched = false;
    for (index, c) in fitted[..cut].chars().enumerate() {
        let matched = positions.binary_search(&index).is_ok();
        if matched != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched));
        }
        run_matched = matched;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(usize::from(pane_width).saturating_sub(used)),
    ));
    let line = Line::from(spans);
    if selected {
        line.style(theme::selected_row())
    } else {
        line
    }
}

fn styled_run(text: String, matched: bool) -> Span<'static> {
    if matched {
        Span::styled(text, theme::matched_chars())
    } else {
        Span::raw(text)
    }
}
