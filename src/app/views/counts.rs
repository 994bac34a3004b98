//! The counts view: the text query's documents and hits per folder, year, month or field, a
//! bar each, one column per term of `a | b`; `s` switches the grouping (all are made at once).

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf, progress};
use crate::app::App;
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::study::counts::{self, Breakdown, Counted, CountsRequest, GroupRow, bar};
use crate::study::groups::{By, NONE, group_order};
use crate::study::save::Saving;
use crate::text::columns::{number_width, pad, plural, thousands};
use crate::text::fit::width;
use crate::work::job::Cancel;
use crate::work::pool;

/// Counts as shown.
#[derive(Debug)]
pub(crate) struct CountsView {
    /// By every grouping, once made, each with its totals and column widths (worked out once
    /// as they arrive, not for every frame: a field can have a hundred thousand values).
    breakdowns: Vec<(Breakdown, Shape)>,
    /// The grouping shown.
    shown: usize,
    progress: (usize, usize),
    done: bool,
    /// The column the rows are ordered by (of [`ORDERS`]; `o` takes the next).
    order: usize,
}

/// The columns the rows can be ordered by, as the heading names them.
const ORDERS: &[&str] = &["group", "documents", "hits", "per million", "group size"];

/// Which of two rows comes first when ordered by column `order` of [`ORDERS`]: numbers from
/// the most, groups in their order (`(none)` last); ties in group order.
fn compare(order: usize, a: &GroupRow, b: &GroupRow) -> std::cmp::Ordering {
    let by = match order {
        1 => b.documents.cmp(&a.documents),
        2 => b.total().cmp(&a.total()),
        3 => b.per_million().total_cmp(&a.per_million()),
        4 => b.group_documents.cmp(&a.group_documents),
        _ => std::cmp::Ordering::Equal,
    };
    by.then_with(|| group_order(&a.group, &b.group))
}

/// A breakdown's totals and the widths of its columns.
#[derive(Debug)]
struct Shape {
    documents: usize,
    hits: usize,
    /// The widest group (the table gives it at most a third of its width).
    group: usize,
    /// A column per term of `a | b` (none for one term).
    terms: Vec<usize>,
    documents_width: usize,
    hits_width: usize,
    /// The groups' sizes in documents, and their hits per million words.
    size_width: usize,
    rate_width: usize,
    most: usize,
}

impl Shape {
    fn of(breakdown: &Breakdown) -> Shape {
        let rows = &breakdown.rows;
        let terms = match breakdown.terms.len() > 1 {
            true => breakdown
                .terms
                .iter()
                .enumerate()
                .map(|(at, term)| {
                    let hits = rows.iter().filter_map(|row| row.hits.get(at).copied());
                    number_width(hits, "").max(width(term).clamp(6, 14))
                })
                .collect(),
            false => Vec::new(),
        };
        Shape {
            documents: rows.iter().map(|row| row.documents).sum(),
            hits: rows.iter().map(|row| row.total()).sum(),
            group: rows.iter().map(|row| width(&row.group)).max().unwrap_or(0),
            terms,
            documents_width: number_width(rows.iter().map(|row| row.documents), "documents"),
            hits_width: number_width(rows.iter().map(|row| row.total()), "hits").max(9),
            size_width: number_width(rows.iter().map(|row| row.group_documents), "of docs"),
            rate_width: rows
                .iter()
                .map(|row| rate(row.per_million()).len())
                .max()
                .unwrap_or(0)
                .max("per million".len()),
            most: breakdown.most_hits(),
        }
    }
}

impl CountsView {
    /// The counts by the grouping shown, once made.
    fn breakdown(&self) -> Option<&Breakdown> {
        self.breakdowns
            .get(self.shown)
            .map(|(breakdown, _)| breakdown)
    }

    /// Orders every grouping's rows by the next column.
    pub(super) fn order_by_next_column(&mut self) -> &'static str {
        self.order = (self.order + 1) % ORDERS.len();
        let order = self.order;
        for (breakdown, _) in &mut self.breakdowns {
            breakdown.rows.sort_by(|a, b| compare(order, a, b));
        }
        ORDERS[order]
    }

    /// The groupings there are, by name.
    fn groupings(&self) -> Vec<std::borrow::Cow<'_, str>> {
        self.breakdowns.iter().map(|(b, _)| b.by.label()).collect()
    }
}

impl App {
    /// Orders the counts on top by their next column.
    pub(in crate::app) fn order_counts(&mut self) {
        let Some(shown) = self.top_view_mut::<CountsView>() else {
            self.screen
                .say("o orders the counts view (Ctrl-G) by its next column".to_string());
            return;
        };
        let by = shown.view.order_by_next_column();
        shown.cursor = Cursor::default();
        self.screen.say(format!("counts ordered by {by}"));
    }
}

impl StudyView for CountsView {
    type Request = CountsRequest;
    type Found = Counted;
    const KIND: StudyKind = StudyKind::Counts;

    fn start(app: &App, of: &ViewOf) -> (Self, CountsRequest) {
        let request = CountsRequest {
            scope: app.scope(of),
            root: app.corpus.root.clone(),
            field: app.corpus.docs.fields().group.clone(),
        };
        let view = CountsView {
            breakdowns: Vec::new(),
            shown: 0,
            progress: (0, app.corpus.docs.len()),
            done: false,
            order: 0,
        };
        (view, request)
    }

    fn serve(request: CountsRequest, cancel: &Cancel, deliver: &dyn Fn(Counted)) {
        counts::serve(&request, pool::workers(), cancel, deliver);
    }

    fn take(&mut self, counted: Counted) {
        self.progress = (counted.scanned, counted.total);
        self.done = counted.done;
        if counted.done {
            // Folders, unless all documents are in one: then years, if there are dates.
            let spread = |b: &Breakdown| b.rows.len() > 1 || b.rows.iter().any(|r| r.group != NONE);
            self.shown = match counted.breakdowns.first() {
                Some(folders) if folders.rows.len() <= 1 => counted
                    .breakdowns
                    .iter()
                    .position(|b| b.by != By::Folder && spread(b))
                    .unwrap_or(0),
                _ => 0,
            };
            self.breakdowns = counted
                .breakdowns
                .into_iter()
                .map(|mut breakdown| {
                    let shape = Shape::of(&breakdown);
                    if self.order != 0 {
                        let order = self.order;
                        breakdown.rows.sort_by(|a, b| compare(order, a, b));
                    }
                    (breakdown, shape)
                })
                .collect();
        }
    }

    fn len(&self) -> usize {
        self.breakdown().map_or(0, |breakdown| breakdown.rows.len())
    }

    fn waits(&self) -> bool {
        !self.done
    }

    fn table(
        &self,
        of: &ViewOf,
        _: &DocStore,
        cursor: Cursor,
        columns: usize,
        page: usize,
    ) -> Table {
        let Some((breakdown, shape)) = self.breakdowns.get(self.shown) else {
            let (scanned, total) = self.progress;
            let heading = format!("counts of {}{}", of.label(), progress(scanned, total));
            return Table {
                heading,
                ..Table::default()
            };
        };
        let heading = format!(
            "counts of {} by {}: {} document{}, {} hit{} · s: count by {} · o: order by {}",
            of.label(),
            breakdown.by.label(),
            thousands(shape.documents),
            plural(shape.documents),
            thousands(shape.hits),
            plural(shape.hits),
            self.groupings().join(", "),
            ORDERS[(self.order + 1) % ORDERS.len()],
        );
        let group_width = shape.group.max(6).min(columns / 3);
        let (documents_width, hits_width) = (shape.documents_width, shape.hits_width);
        let (size_width, rate_width) = (shape.size_width, shape.rate_width);
        let mut names = format!(
            "  {} {} {} {} {}",
            pad(&breakdown.by.label(), group_width, false),
            pad("documents", documents_width, true),
            pad("of docs", size_width, true),
            pad("hits", hits_width, true),
            pad("per million", rate_width, true)
        );
        for (term, &room) in breakdown.terms.iter().zip(&shape.terms) {
            names.push_str(&format!(" {}", pad(term, room, true)));
        }
        let used = width(&names) + 1;
        let bar_room = columns.saturating_sub(used + 1);
        let rows = cursor
            .on_screen(&breakdown.rows, page)
            .map(|(row, selected)| {
                let mut text = format!(
                    "{} {} {} {} {}",
                    pad(&row.group, group_width, false),
                    pad(&thousands(row.documents), documents_width, true),
                    pad(&thousands(row.group_documents), size_width, true),
                    pad(&thousands(row.total()), hits_width, true),
                    pad(&rate(row.per_million()), rate_width, true)
                );
                for (hits, &room) in row.hits.iter().zip(&shape.terms) {
                    text.push_str(&format!(" {}", pad(&thousands(*hits), room, true)));
                }
                Row {
                    pieces: vec![
                        (format!("{text} "), Tone::Plain),
                        (bar(row.total(), shape.most, bar_room), Tone::Hit),
                    ],
                    selected,
                }
            })
            .collect();
        Table {
            heading,
            names,
            rows,
        }
    }

    fn saving(&self, _: &DocStore) -> Option<Saving> {
        self.breakdown().cloned().map(Saving::Counts)
    }

    fn open(app: &mut App) {
        app.screen
            .say("s: count by folder, year, month or field".to_string());
    }

    /// Counts by the next grouping.
    fn cycle(app: &mut App) {
        let page = app.study_rows();
        let Some(shown) = app.top_view_mut::<CountsView>() else {
            return;
        };
        let view = &mut shown.view;
        if view.breakdowns.is_empty() {
            app.screen.say("still counting".to_string());
            return;
        }
        view.shown = (view.shown + 1) % view.breakdowns.len();
        let len = view.len();
        let by = view
            .breakdown()
            .map_or(String::new(), |b| b.by.label().into_owned());
        shown.cursor = Cursor::default();
        shown.cursor.move_to(0, len, page);
        app.screen.say(format!("counts by {by}"));
    }
}

/// Hits per million words, as the table shows them.
fn rate(per_million: f64) -> String {
    format!("{per_million:.1}")
}
