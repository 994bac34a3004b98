//! Drawing a study view over the body of the screen: a heading line (what it is of, how many,
//! the order, progress while it is made), a line naming the columns, and the table. The
//! concordance aligns every hit in one column with its left and right context and the
//! document's title at the side; counts draw a bar per group in eighths of a cell;
//! collocates list word, count near the hits, count in the corpus, score.

use super::Scene;
use super::layout::study_table;
use super::status::thousands;
use super::theme::Theme;
use crate::app::{App, CollocatesView, ConcordanceView, CountsView, Cursor, View};
use crate::study::collocates::Collocate;
use crate::study::counts::bar;
use crate::study::sort::HitOrder;
use crate::text::fit::{prefix_fitting, suffix_fitting, truncate_with_ellipsis, width};
use crate::text::sanitize::sanitize_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(crate) fn draw(frame: &mut Frame, scene: &Scene, area: Rect) {
    let (app, theme) = (scene.app, scene.theme);
    let table = study_table(area);
    let columns = usize::from(area.width);
    let (heading, names, rows) = match app.study_view() {
        Some(View::Concordance(view)) => concordance(app, view, theme, table),
        Some(View::Counts(view)) => counts(view, theme, table),
        Some(View::Collocates(view)) => collocates(view, theme, table),
        None => return,
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
    frame.render_widget(Paragraph::new(rows), table);
}

/// The columns a column of `numbers` (written with thousands separators) needs under the
/// heading `name`: the widest of them, or the name.
fn number_width(numbers: impl Iterator<Item = usize>, name: &str) -> usize {
    let widest = numbers.max().map_or(0, |most| thousands(most).len());
    widest.max(width(name))
}

/// `s` for a count other than one.
fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// `text` cut or padded to exactly `columns` columns, on the left (`right`) or the right.
fn pad(text: &str, columns: usize, right: bool) -> String {
    let cut = match right {
        true => &text[suffix_fitting(text, columns)..],
        false => &text[..prefix_fitting(text, columns)],
    };
    let room = " ".repeat(columns.saturating_sub(width(cut)));
    match right {
        true => format!("{room}{cut}"),
        false => format!("{cut}{room}"),
    }
}

/// How far background work has got, for a heading: ` … 40%`.
fn progress(done: usize, total: usize) -> String {
    format!(" … {}%", done * 100 / total.max(1))
}

type Drawn = (String, String, Vec<Line<'static>>);

fn concordance(app: &App, view: &ConcordanceView, theme: &Theme, table: Rect) -> Drawn {
    let (hits, documents) = (view.len(), view.documents());
    let more = match view.capped() {
        true => " (the most a view keeps; --kwic prints every one)",
        false => "",
    };
    let mut heading = format!(
        "concordance of {}: {}{} hit{}{more} in {} document{}",
        view.label(),
        thousands(hits),
        if view.capped() { "+" } else { "" },
        plural(hits),
        thousands(documents),
        plural(documents)
    );
    if let Some(order) = view.sorting_to() {
        heading.push_str(&format!(" · sorting {}…", order.label()));
    } else if view.order() != HitOrder::Document {
        heading.push_str(&format!(" · {}", view.order().label()));
    }
    if !view.sorting() && !view.done() {
        let (searched, total) = view.progress();
        heading.push_str(&progress(searched, total));
    }
    let columns = usize::from(table.width);
    // The document's title at the side, the hit at a fixed column of what is left.
    let side = (columns / 5).clamp(10, 40);
    let text = columns.saturating_sub(side + 3);
    let left = text * 2 / 5;
    let names = format!(
        "  {}  {}│ {}",
        pad("left context", left.saturating_sub(1), true),
        pad("hit · right context", text - left, false),
        "document"
    );
    let rows = in_view(view.hits(), view.cursor(), table, theme)
        .map(|(hit, base, marker)| {
            let title = &app.docs()[hit.doc()].title;
            let (before, found, after) = match view.context(hit) {
                Some(around) => (
                    around.before.as_str(),
                    around.hit.as_str(),
                    around.after.as_str(),
                ),
                None => ("", "…", ""),
            };
            let found = &found[..prefix_fitting(found, text - left)];
            let right_room = (text - left).saturating_sub(width(found));
            Line::from(vec![
                Span::styled(marker, base),
                Span::styled(pad(before, left, true), base),
                Span::styled(found.to_string(), base.patch(theme.matched_chars())),
                Span::styled(pad(after, right_room, false), base),
                Span::styled(" │ ", base.patch(theme.rule())),
                Span::styled(pad(&truncate_with_ellipsis(title, side), side, false), base),
            ])
        })
        .collect();
    (heading, names, rows)
}

fn counts(view: &CountsView, theme: &Theme, table: Rect) -> Drawn {
    let Some(breakdown) = view.breakdown() else {
        let (scanned, total) = view.progress();
        let heading = format!("counts of {}{}", view.label(), progress(scanned, total));
        return (heading, String::new(), Vec::new());
    };
    let documents: usize = breakdown.rows.iter().map(|row| row.documents).sum();
    let hits: usize = breakdown.rows.iter().map(|row| row.total()).sum();
    let heading = format!(
        "counts of {} by {}: {} document{}, {} hit{} · s: count by {}",
        view.label(),
        breakdown.by.label(),
        thousands(documents),
        plural(documents),
        thousands(hits),
        plural(hits),
        view.groupings().join(", "),
    );
    let columns = usize::from(table.width);
    let group_width = breakdown
        .rows
        .iter()
        .map(|row| width(&row.group))
        .max()
        .unwrap_or(0)
        .clamp(6, columns / 3);
    let apart = breakdown.terms.len() > 1;
    let term_columns: Vec<usize> = match apart {
        true => breakdown
            .terms
            .iter()
            .enumerate()
            .map(|(at, term)| {
                let hits = breakdown
                    .rows
                    .iter()
                    .filter_map(|row| row.hits.get(at).copied());
                number_width(hits, "").max(width(term).clamp(6, 14))
            })
            .collect(),
        false => Vec::new(),
    };
    let documents_width = number_width(breakdown.rows.iter().map(|row| row.documents), "documents");
    let hits_width = number_width(breakdown.rows.iter().map(|row| row.total()), "hits").max(9);
    let mut names = format!(
        "  {} {} {}",
        pad(breakdown.by.label(), group_width, false),
        pad("documents", documents_width, true),
        pad("hits", hits_width, true)
    );
    for (term, &room) in breakdown.terms.iter().zip(&term_columns) {
        names.push_str(&format!(" {}", pad(term, room, true)));
    }
    let used = width(&names) + 1;
    let bar_room = columns.saturating_sub(used + 1);
    let most = breakdown.most_hits();
    let rows = in_view(&breakdown.rows, view.cursor(), table, theme)
        .map(|(row, base, marker)| {
            let mut text = format!(
                "{marker}{} {} {}",
                pad(&row.group, group_width, false),
                pad(&thousands(row.documents), documents_width, true),
                pad(&thousands(row.total()), hits_width, true)
            );
            for (hits, &room) in row.hits.iter().zip(&term_columns) {
                text.push_str(&format!(" {}", pad(&thousands(*hits), room, true)));
            }
            Line::from(vec![
                Span::styled(format!("{text} "), base),
                Span::styled(
                    bar(row.total(), most, bar_room),
                    base.patch(theme.matched_chars()),
                ),
            ])
        })
        .collect();
    (heading, names, rows)
}

fn collocates(view: &CollocatesView, theme: &Theme, table: Rect) -> Drawn {
    let shown = view.collocates();
    let heading = match view.done() {
        true => format!(
            "collocates of {} (within 5 words, 3 times or more): {} word{} around {} hit{} · Enter: their concordance",
            view.label(),
            thousands(shown.len()),
            plural(shown.len()),
            thousands(view.hits()),
            plural(view.hits())
        ),
        false => {
            let (stage, done, total) = view.progress();
            format!(
                "collocates of {}: {stage}{}",
                view.label(),
                progress(done, total)
            )
        }
    };
    let word_width = (usize::from(table.width) / 3).clamp(8, 30);
    let columns = CollocateColumns::of(shown);
    let names = format!(
        "  {} {} {} {}",
        pad("word", word_width, false),
        pad("near", columns.near, true),
        pad("in corpus", columns.frequency, true),
        pad("score", columns.score, true)
    );
    let rows = in_view(shown, view.cursor(), table, theme)
        .map(|(collocate, base, marker)| {
            let text = format!("{marker}{}", columns.row(collocate, word_width));
            Line::styled(text, base)
        })
        .collect();
    (heading, names, rows)
}

/// The widths of the collocates' number columns: each as wide as its widest number (a word
/// near a million hits), so no figure is ever cut.
struct CollocateColumns {
    near: usize,
    frequency: usize,
    score: usize,
}

impl CollocateColumns {
    fn of(shown: &[Collocate]) -> CollocateColumns {
        CollocateColumns {
            near: number_width(shown.iter().map(|c| c.near), "near").max(8),
            frequency: number_width(shown.iter().map(|c| c.frequency as usize), "in corpus")
                .max(10),
            score: shown
                .iter()
                .map(|c| score(c.score).len())
                .max()
                .unwrap_or(0)
                .max(10),
        }
    }

    /// A collocate's row, its word in `word_width` columns.
    fn row(&self, collocate: &Collocate, word_width: usize) -> String {
        format!(
            "{} {} {} {}",
            pad(&collocate.word, word_width, false),
            pad(&thousands(collocate.near), self.near, true),
            pad(
                &thousands(collocate.frequency as usize),
                self.frequency,
                true
            ),
            pad(&score(collocate.score), self.score, true)
        )
    }
}

fn score(score: f64) -> String {
    format!("{score:.1}")
}

/// The rows of a view's table in view (from the cursor's top, as many as the table holds),
/// each with its style and its mark: the selected row reversed and marked `> `.
fn in_view<'a, T>(
    rows: &'a [T],
    cursor: Cursor,
    table: Rect,
    theme: &Theme,
) -> impl Iterator<Item = (&'a T, Style, &'static str)> {
    let selected_style = theme.selected_row();
    rows.iter()
        .enumerate()
        .skip(cursor.top)
        .take(usize::from(table.height))
        .map(move |(position, row)| match position == cursor.selected {
            true => (row, selected_style, "> "),
            false => (row, Style::new(), "  "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_columns_are_as_wide_as_their_widest_number() {
        let collocate = |near: usize, frequency: u64, score: f64| Collocate {
            word: "budget".into(),
            near,
            frequency,
            score,
        };
        let shown = [
            collocate(9_999_999, 123_456_789_012, 1_234_567_890.5),
            collocate(3, 4, 5.0),
        ];
        let columns = CollocateColumns::of(&shown);
        let rows: Vec<String> = shown.iter().map(|c| columns.row(c, 8)).collect();
        assert_eq!(rows[0], "budget   9,999,999 123,456,789,012 1234567890.5");
        assert_eq!(rows[0].len(), rows[1].len());
    }
}
