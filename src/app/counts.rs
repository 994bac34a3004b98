//! The counts view: the text query's documents and hits per folder, year, month or field, a
//! bar each, one column per term of `a | b`; `s` switches the grouping (all are made at once).

use super::study::{Cursor, View};
use super::{App, Effect, JobRequest};
use crate::search::query::Query;
use crate::study::counts::{Breakdown, Counted, CountsRequest};
use crate::work::job::Ticket;

/// Counts as shown.
#[derive(Debug)]
pub struct CountsView {
    pub(super) cursor: Cursor,
    pub(super) ticket: Ticket,
    query: Query,
    /// The query as typed, made safe to show.
    label: String,
    /// By every grouping, once made.
    breakdowns: Vec<Breakdown>,
    /// The grouping shown.
    shown: usize,
    progress: (usize, usize),
    done: bool,
}

impl CountsView {
    pub fn len(&self) -> usize {
        self.breakdown().map_or(0, |breakdown| breakdown.rows.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    pub fn done(&self) -> bool {
        self.done
    }

    pub fn progress(&self) -> (usize, usize) {
        self.progress
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// What the counts are of.
    pub(super) fn query(&self) -> &Query {
        &self.query
    }

    /// The groupings there are, by name.
    pub fn groupings(&self) -> Vec<&str> {
        self.breakdowns.iter().map(|b| b.by.label()).collect()
    }

    /// The counts by the grouping shown, once made.
    pub fn breakdown(&self) -> Option<&Breakdown> {
        self.breakdowns.get(self.shown)
    }
}

impl App {
    /// Shows the counts of the text query by folder (then year, month, field: `s`).
    pub(super) fn show_counts(&mut self) {
        if self.study_query().is_some() {
            self.open_counts(self.query.parsed.clone());
        }
    }

    /// Shows the counts of `query`, asking the background for them.
    pub(super) fn open_counts(&mut self, query: Query) {
        let ticket = Ticket::new();
        let label = crate::text::sanitize::sanitize_line(query.typed());
        let request = CountsRequest {
            ticket,
            docs: self.corpus.docs.clone(),
            root: self.corpus.root.clone(),
            query: query.clone(),
            index: self.work.index.built(),
            field: self.corpus.docs.fields().group.clone(),
        };
        self.push_view(View::Counts(CountsView {
            cursor: Cursor::default(),
            ticket,
            query,
            label,
            breakdowns: Vec::new(),
            shown: 0,
            progress: (0, self.corpus.docs.len()),
            done: false,
        }));
        self.ask(Effect::Job(JobRequest::Counts(request)));
    }

    /// Takes counts (or progress) from the background, if their view is still shown.
    pub(super) fn counted(&mut self, counted: Counted) {
        if let Some(View::Counts(view)) = self.view_made_by(counted.ticket) {
            view.progress = (counted.scanned, counted.total);
            view.done = counted.done;
            if counted.done {
                // Folders, unless all documents are in one: then years, if there are dates.
                let spread = |b: &Breakdown| {
                    b.rows.len() > 1 || b.rows.iter().any(|r| r.group != crate::study::groups::NONE)
                };
                view.shown = match counted.breakdowns.first() {
                    Some(folders) if folders.rows.len() <= 1 => counted
                        .breakdowns
                        .iter()
                        .position(|b| b.by != crate::study::groups::By::Folder && spread(b))
                        .unwrap_or(0),
                    _ => 0,
                };
                view.breakdowns = counted.breakdowns;
            }
        }
    }

    /// Counts by the next grouping.
    pub(super) fn cycle_grouping(&mut self) {
        let page = self.study_rows();
        let Some(View::Counts(view)) = self.study.views.last_mut() else {
            return;
        };
        if view.breakdowns.is_empty() {
            self.screen.message = Some("still counting".to_string());
            return;
        }
        view.shown = (view.shown + 1) % view.breakdowns.len();
        let len = view.len();
        view.cursor = Cursor::default();
        view.cursor.move_to(0, len, page);
        let by = view.breakdown().map_or("", |b| b.by.label()).to_string();
        self.screen.message = Some(format!("counts by {by}"));
    }
}
