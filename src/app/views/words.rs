//! The views of a corpus's words — the word list (Alt-W), keywords (Alt-K) and n-grams
//! (Alt-G) — as one view over rows of a [`Listing`]: made in the background with progress,
//! shown in columns as wide as their widest figure (worked out once, when the rows come),
//! ordered by `s` through the listing's orders, and Enter opening the concordance of the
//! selected word or sequence in the same subcorpus. The digits 2–5 make n-grams that long.

use super::{Cursor, Row, StudyView, Table, Tone, ViewOf, progress};
use crate::app::App;
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::search::query::Query;
use crate::study::save::Saving;
use crate::study::word_scope::{WordsFound, WordsRequest};
use crate::study::words::counted::PartSize;
use crate::text::columns::{pad, plural, thousands};
use crate::text::fit::width;
use crate::work::job::Cancel;
use std::cmp::Ordering;
use std::sync::Arc;

/// What differs between the word views: their rows, columns, orders and work.
pub(super) trait Listing: Clone + std::fmt::Debug + Send + Sync + 'static {
    const KIND: StudyKind;
    /// The columns' names; the first is the word's, the others numbers (right-aligned).
    const COLUMNS: &'static [&'static str];
    /// The orders `s` goes through, the first the one the rows come in.
    const ORDERS: &'static [&'static str];

    /// What the view is called: `word list`, `keywords`, `3-grams`.
    fn title(n: usize, of: &ViewOf) -> String;
    /// What its heading says of the sizes counted (`of 45,000 words`).
    fn sizes(sizes: &[PartSize; 2]) -> String {
        format!("of {} words", thousands(sizes[0].words as usize))
    }
    /// The row's cells, in the order of `COLUMNS`.
    fn cells(&self) -> Vec<String>;
    /// Which of two rows comes first in order `order` (of `ORDERS`).
    fn compare(order: usize, a: &Self, b: &Self) -> Ordering;
    /// Makes the rows on the views' job.
    fn serve(request: &WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<Self>));
    /// The query whose concordance Enter opens.
    fn query(&self) -> String;
    fn saving(rows: Arc<Vec<Self>>) -> Saving;
}

/// A word view as shown.
#[derive(Debug)]
pub(crate) struct WordsView<R> {
    rows: Option<Arc<Vec<R>>>,
    stage: &'static str,
    progress: (usize, usize),
    sizes: [PartSize; 2],
    /// Each column's width, from the rows once they came.
    widths: Vec<usize>,
    /// Which of the listing's orders the rows are in.
    order: usize,
    /// For n-grams: how many words.
    pub(super) n: usize,
}

impl<R: Listing> WordsView<R> {
    fn rows(&self) -> &[R] {
        self.rows.as_deref().map_or(&[], Vec::as_slice)
    }
}

/// N-grams made when none is asked for: three words, as AntConc's clusters start.
pub(super) const DEFAULT_N: usize = 3;

impl<R: Listing> StudyView for WordsView<R> {
    type Request = WordsRequest;
    type Found = WordsFound<R>;
    const KIND: StudyKind = R::KIND;

    fn start(app: &App, of: &ViewOf) -> (Self, WordsRequest) {
        let n = of.n.unwrap_or(DEFAULT_N);
        let view = WordsView {
            rows: None,
            stage: "counting words",
            progress: (0, 0),
            sizes: [PartSize::default(); 2],
            widths: Vec::new(),
            order: 0,
            n,
        };
        let request = WordsRequest {
            scope: app.scope(of),
            n,
            batch: of.batch.clone(),
            distinct: app.distinct_documents(of),
        };
        (view, request)
    }

    fn serve(request: WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<R>)) {
        R::serve(&request, cancel, deliver);
    }

    fn take(&mut self, found: WordsFound<R>) {
        self.stage = found.stage;
        self.progress = (found.done, found.total);
        if let Some(rows) = found.rows {
            self.sizes = found.sizes;
            // Once, as the rows come: each row's cells made once, measured as shown.
            let mut widths: Vec<usize> = R::COLUMNS.iter().map(|name| width(name)).collect();
            for row in rows.iter() {
                for (widest, cell) in widths.iter_mut().zip(row.cells()).skip(1) {
                    *widest = (*widest).max(width(&cell));
                }
            }
            self.widths = widths;
            self.rows = Some(rows);
            self.order = 0;
        }
    }

    fn len(&self) -> usize {
        self.rows().len()
    }

    fn waits(&self) -> bool {
        self.rows.is_none()
    }

    fn table(
        &self,
        of: &ViewOf,
        _: &DocStore,
        cursor: Cursor,
        columns: usize,
        page: usize,
    ) -> Table {
        let title = R::title(self.n, of);
        let about = match of.query.is_empty() {
            true => String::new(),
            false => format!(" holding {}", of.label()),
        };
        let heading = match &self.rows {
            Some(rows) => format!(
                "{title}{about} {}: {} row{} · s: by {} · Enter: concordance",
                R::sizes(&self.sizes),
                thousands(rows.len()),
                plural(rows.len()),
                R::ORDERS[self.order]
            ),
            None => {
                let (done, total) = self.progress;
                format!("{title}{about}: {}{}", self.stage, progress(done, total))
            }
        };
        // The word's column takes what the numbers leave, within reason.
        let numbers: usize = self.widths.iter().skip(1).map(|widest| widest + 1).sum();
        let word_width = columns.saturating_sub(numbers + 2).clamp(8, 40);
        let line = |cells: &[String]| -> String {
            let mut line = pad(&cells[0], word_width, false);
            for (at, cell) in cells.iter().enumerate().skip(1) {
                line.push(' ');
                line.push_str(&pad(cell, self.widths.get(at).copied().unwrap_or(0), true));
            }
            line
        };
        let names: Vec<String> = R::COLUMNS.iter().map(|name| name.to_string()).collect();
        let rows = cursor
            .on_screen(self.rows(), page)
            .map(|(row, selected)| Row {
                pieces: vec![(line(&row.cells()), Tone::Plain)],
                selected,
            })
            .collect();
        Table {
            heading,
            names: format!("  {}", line(&names)),
            rows,
        }
    }

    fn saving(&self, _: &DocStore) -> Option<Saving> {
        self.rows.clone().map(R::saving)
    }

    /// Opens the concordance of the selected row's word or sequence, in the same subcorpus.
    fn open(app: &mut App) {
        let Some(shown) = app.top_view::<WordsView<R>>() else {
            return;
        };
        let Some(row) = shown.view.rows().get(shown.cursor.selected) else {
            app.screen.say("no row to open".to_string());
            return;
        };
        let of = ViewOf {
            query: Query::parse(&row.query()),
            near: None,
            within: shown.of.within.clone(),
            n: None,
            batch: None,
            doc: None,
        };
        app.open_view(StudyKind::Concordance, of);
    }

    /// Orders the rows by the listing's next order.
    fn cycle(app: &mut App) {
        let page = app.study_rows();
        let Some(shown) = app.top_view_mut::<WordsView<R>>() else {
            return;
        };
        let view = &mut shown.view;
        view.order = (view.order + 1) % R::ORDERS.len();
        let order = view.order;
        // The row selected stays selected, wherever the order puts it.
        let selected = view.rows().get(shown.cursor.selected).map(R::query);
        if let Some(rows) = &mut view.rows {
            Arc::make_mut(rows).sort_by(|a, b| R::compare(order, a, b));
        }
        let rows = view.rows();
        let position = selected.and_then(|query| rows.iter().position(|row| row.query() == query));
        shown.cursor.top = 0;
        shown
            .cursor
            .move_to(position.unwrap_or(0), rows.len(), page);
    }
}
