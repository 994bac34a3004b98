//! The list pane: the query line with its `MATCHED/TOTAL` counter, and the titles with the
//! characters the query matched emphasised; in text mode, each match's title, hits and best
//! passage.

use super::theme::Theme;
use super::{Scene, layout};
use crate::app::{App, Focus, SearchIn};
use crate::search::query::Matching;
use crate::search::titles::order::Order;
use crate::text::fit::{prefix_fitting, truncate_with_ellipsis, typed_tail, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let (app, theme) = (scene.app, scene.theme);
    draw_query_line(frame, app, theme, layout::query_line(area));
    let items = layout::list_items(area);
    let rows = if app.shows_passages() {
        text_rows(app, theme, items)
    } else {
        title_rows(app, theme, items)
    };
    frame.render_widget(Paragraph::new(rows), items);
}

/// Text mode's hits per month across the corpus's time span: `2019-01 ▁▃ █▂ 2021-12`.
pub(crate) fn draw_sparkline(frame: &mut Frame, scene: &Scene, area: Rect) {
    let (app, theme) = (scene.app, scene.theme);
    let Some(months) = app.sparkline() else {
        return;
    };
    let (Some(first), Some(last)) = (months.span.first(), months.span.last()) else {
        return;
    };
    let labels = width(first) + width(last) + 2;
    let room = usize::from(area.width).saturating_sub(labels + 1);
    let line = Line::from(vec![
        Span::styled(format!(" {first} "), theme.meta_text()),
        Span::styled(
            crate::study::sparkline::sparkline(&months.hits, &months.span, room),
            theme.matched_chars(),
        ),
        Span::styled(format!(" {last}"), theme.meta_text()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// A row per match: its title with the characters the query matched emphasised.
fn title_rows(app: &App, theme: &Theme, items: Rect) -> Vec<Line<'static>> {
    let list = app.list();
    let shown = list.matches().iter().enumerate().skip(list.top());
    shown
        .take(usize::from(items.height))
        .map(|(position, &doc)| {
            let title = app.docs().at(doc).title();
            let row = Row {
                marker: marker(position == list.selected(), list.marked().contains(&doc)),
                text: title,
                positions: app.matched_positions(title),
                label: format!(
                    "{}{}",
                    app.copies_label(doc).unwrap_or_default(),
                    app.tags_label(doc)
                ),
                selected: position == list.selected(),
            };
            row.line(items.width, Style::new(), theme)
        })
        .collect()
}

/// Two rows per match of a text search: its title and number of hits, then its best passage,
/// the query's terms emphasised in both.
fn text_rows(app: &App, theme: &Theme, items: Rect) -> Vec<Line<'static>> {
    let terms = app.text_terms();
    let positions = |text: &str| {
        let ranges: Vec<_> = terms.iter().flat_map(|term| term.ranges_in(text)).collect();
        text.char_indices()
            .enumerate()
            .filter(|(_, (at, _))| ranges.iter().any(|range| range.contains(at)))
            .map(|(index, _)| index)
            .collect::<Vec<usize>>()
    };
    let list = app.list();
    let shown = list.matches().iter().enumerate().skip(list.top());
    let mut rows = Vec::new();
    for (position, &doc) in shown.take(usize::from(items.height).div_ceil(2)) {
        let selected = position == list.selected();
        let title = app.docs().at(doc).title();
        let hits = app.hits_in(doc).unwrap_or(0);
        let heading = Row {
            marker: marker(selected, list.marked().contains(&doc)),
            text: title,
            positions: positions(title),
            label: format!(
                "{}{} {hits} hit{}",
                app.copies_label(doc).unwrap_or_default(),
                app.tags_label(doc),
                crate::text::columns::plural(hits)
            ),
            selected,
        };
        // Bold titles set each match apart from its passage.
        rows.push(heading.line(items.width, theme.title_text(), theme));
        // The passage is cut so that its hit shows whole at this width.
        let marker = "    ";
        let passage = app.passage_of(doc).map_or_else(String::new, |passage| {
            passage.fitted(usize::from(items.width).saturating_sub(marker.len()))
        });
        let excerpt = Row {
            marker,
            text: &passage,
            positions: positions(&passage),
            label: String::new(),
            selected,
        };
        rows.push(excerpt.line(items.width, Style::new(), theme));
    }
    rows
}

/// `>` for the selection, `*` for a document marked to be printed on accepting.
fn marker(selected: bool, marked: bool) -> &'static str {
    match (selected, marked) {
        (true, true) => ">*",
        (true, false) => "> ",
        (false, true) => " *",
        (false, false) => "  ",
    }
}

fn draw_query_line(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let active = app.focus() == Focus::List && app.prompt().is_none() && app.overlay().is_none();
    // While a ranking is under way the previous matches stay, marked as such.
    let pending = match app.text_progress() {
        Some((scanned, total)) => format!("… {}% ", scanned * 100 / total.max(1)),
        None if app.ranking() || app.sorting() => "… ".to_string(),
        None => String::new(),
    };
    let order = match app.list().order() {
        Order::Relevance => String::new(),
        other => format!(" by {}", other.label()),
    };
    // Marked documents are what accepting prints: how many, where the count is.
    let marked = match app.list().marked().len() {
        0 => String::new(),
        count => format!(" · {count} marked"),
    };
    let collapsed = match app.copies_collapsed() {
        true => " · copies once",
        false => "",
    };
    let counter = format!(
        " {pending}{}/{}{order}{marked}{collapsed}",
        app.list().matches().len(),
        app.docs().len()
    );
    // Text mode says so where the eye is: in front of the query.
    let prompt = match (app.search_in(), app.matching()) {
        (SearchIn::Titles, Matching::Fuzzy) => "> ",
        (SearchIn::Titles, Matching::Exact) => "exact> ",
        (SearchIn::Text, _) => "text> ",
    };
    // What is wrong with the query is said next to it, cut to leave 12 columns of it (a
    // regex's error may be long; its start says what is wrong).
    let problem_room = usize::from(area.width).saturating_sub(width(prompt) + width(&counter) + 12);
    let problem = app
        .query_problem()
        .map(|problem| format!(" {problem}"))
        .filter(|_| problem_room >= 8)
        .map(|problem| truncate_with_ellipsis(&problem, problem_room))
        .unwrap_or_default();
    let room =
        usize::from(area.width).saturating_sub(width(prompt) + width(&counter) + width(&problem));
    // Long queries scroll: the end, where typing happens, stays visible.
    let shown = typed_tail(app.query(), room);
    let padding = room.saturating_sub(width(&shown));
    let line = Line::from(vec![
        Span::styled(prompt, theme.prompt(active)),
        // A restored query, selected: the first key typed replaces it.
        match app.query_selected() {
            true => Span::styled(shown.clone(), theme.selected_row()),
            false => Span::raw(shown.clone()),
        },
        Span::raw(" ".repeat(padding)),
        Span::styled(problem, theme.error_text()),
        Span::styled(counter, theme.counter()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if active {
        let column = area.x as usize + width(prompt) + width(&shown);
        if column < usize::from(area.right()) {
            frame.set_cursor_position(Position::new(column as u16, area.y));
        }
    }
}

/// One row of the list: a marker, a text cut to the width with some characters emphasised,
/// and a label at the right edge.
struct Row<'a> {
    marker: &'static str,
    text: &'a str,
    /// Char positions of `text` to emphasise, in order.
    positions: Vec<usize>,
    label: String,
    selected: bool,
}

impl Row<'_> {
    fn line(&self, pane_width: u16, base: Style, theme: &Theme) -> Line<'static> {
        let pane_width = usize::from(pane_width);
        let label_width = width(&self.label);
        // The label goes only where the text keeps some room.
        let label = if label_width + self.marker.len() + 8 <= pane_width {
            self.label.as_str()
        } else {
            ""
        };
        let room = pane_width.saturating_sub(self.marker.len() + width(label));
        let fitted = truncate_with_ellipsis(self.text, room);
        let cut = prefix_fitting(&fitted, room);
        let mut spans = vec![Span::raw(self.marker)];
        let mut run = String::new();
        let mut run_matched = false;
        for (index, c) in fitted[..cut].chars().enumerate() {
            let matched = self.positions.binary_search(&index).is_ok();
            if matched != run_matched && !run.is_empty() {
                spans.push(styled_run(
                    std::mem::take(&mut run),
                    run_matched,
                    base,
                    theme,
                ));
            }
            run_matched = matched;
            run.push(c);
        }
        if !run.is_empty() {
            spans.push(styled_run(run, run_matched, base, theme));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let padding = pane_width.saturating_sub(used + width(label));
        spans.push(Span::raw(" ".repeat(padding)));
        spans.push(Span::styled(label.to_string(), theme.counter()));
        let line = Line::from(spans);
        if self.selected {
            line.style(theme.selected_row())
        } else {
            line
        }
    }
}

fn styled_run(text: String, matched: bool, base: Style, theme: &Theme) -> Span<'static> {
    if matched {
        Span::styled(text, theme.matched_chars())
    } else {
        Span::styled(text, base)
    }
}
