//! The study views — a concordance, counts, collocates — as the app keeps them: a stack (a
//! collocate opens its concordance over the collocates; back returns to them), the keys that
//! move in them, and what each asks of the background. Each view's own state is in
//! `concordance`, `counts` and `collocates`.

use super::collocates::CollocatesView;
use super::concordance::ConcordanceView;
use super::counts::CountsView;
use super::{App, Focus, JobKind, SearchIn};
use crate::keys::action::Action;
use crate::work::job::Ticket;
use std::sync::Arc;

/// A study view.
#[derive(Debug)]
pub enum View {
    Concordance(ConcordanceView),
    Counts(CountsView),
    Collocates(CollocatesView),
}

/// The selected row of a view and the first row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub top: usize,
}

impl Cursor {
    /// Moves by `rows` within `len` rows, keeping the selection within a page of `page` rows.
    pub fn move_by(&mut self, rows: isize, len: usize, page: usize) {
        self.move_to(self.selected.saturating_add_signed(rows), len, page);
    }

    pub fn move_to(&mut self, row: usize, len: usize, page: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.keep_visible(page);
    }

    pub fn keep_visible(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
    }
}

impl View {
    fn cursor(&mut self) -> &mut Cursor {
        match self {
            View::Concordance(view) => &mut view.cursor,
            View::Counts(view) => &mut view.cursor,
            View::Collocates(view) => &mut view.cursor,
        }
    }

    /// The ticket of the work that makes it: its results are recognised by it.
    fn ticket(&self) -> Ticket {
        match self {
            View::Concordance(view) => view.ticket,
            View::Counts(view) => view.ticket,
            View::Collocates(view) => view.ticket,
        }
    }

    fn len(&self) -> usize {
        match self {
            View::Concordance(view) => view.len(),
            View::Counts(view) => view.len(),
            View::Collocates(view) => view.len(),
        }
    }
}

impl App {
    /// The study view shown, if any.
    pub fn study_view(&self) -> Option<&View> {
        self.study.views.last()
    }

    /// Carries out the actions of study views; true if `action` was one.
    pub(super) fn study(&mut self, action: Action) -> bool {
        match action {
            Action::ShowConcordance => self.show_concordance(None),
            Action::ShowCounts => self.show_counts(),
            Action::ShowCollocates => self.show_collocates(),
            Action::StudyMove(rows) => {
                self.move_in_view(|cursor, len, page| cursor.move_by(rows as isize, len, page))
            }
            Action::StudyPage(pages) => self.move_in_view(|cursor, len, page| {
                cursor.move_by(pages as isize * page as isize, len, page)
            }),
            Action::StudyTop => self.move_in_view(|cursor, len, page| cursor.move_to(0, len, page)),
            Action::StudyEnd => {
                self.move_in_view(|cursor, len, page| cursor.move_to(len, len, page))
            }
            Action::StudyOpen => self.open_in_view(),
            Action::StudyCycle => self.cycle_view_order(),
            Action::CopyCitation => self.copy_citation(),
            Action::StudyBack => self.leave_view(),
            _ => return false,
        }
        true
    }

    /// The view made by the work of `ticket`, if it is still shown (or under the one shown):
    /// news of another is dropped.
    pub(super) fn view_made_by(&mut self, ticket: Ticket) -> Option<&mut View> {
        self.study
            .views
            .iter_mut()
            .find(|view| view.ticket() == ticket)
    }

    /// Rows of a study view on a page.
    pub(super) fn study_rows(&self) -> usize {
        self.screen.viewport.study_rows.max(1)
    }

    fn move_in_view(&mut self, go: impl FnOnce(&mut Cursor, usize, usize)) {
        let page = self.study_rows();
        if let Some(view) = self.study.views.last_mut() {
            let len = view.len();
            go(view.cursor(), len, page);
        }
    }

    /// The text query the study views are made for, or a note on why there is none.
    pub(super) fn study_query(&mut self) -> Option<()> {
        let note = if self.query.search_in != SearchIn::Text {
            "study views need a text query: Ctrl-F, then type what to find"
        } else if self.text_terms().is_empty() {
            "type what to find first: the study views are of the text query"
        } else if let Some(problem) = self.query.parsed.problem() {
            self.screen.message = Some(format!("the query has a problem: {problem}"));
            return None;
        } else {
            return Some(());
        };
        self.screen.message = Some(note.to_string());
        None
    }

    /// Shows `view` on top of the study views (replacing one of the same kind on top).
    pub(super) fn push_view(&mut self, view: View) {
        // A view made of the query uses it: it joins the history.
        self.record_query();
        let same_kind = matches!(
            (self.study.views.last(), &view),
            (Some(View::Counts(_)), View::Counts(_))
                | (Some(View::Collocates(_)), View::Collocates(_))
                | (Some(View::Concordance(_)), View::Concordance(_))
        );
        if same_kind {
            self.study.views.pop();
        }
        self.study.views.push(view);
        self.screen.focus = Focus::Study;
        self.screen.prompt = None;
    }

    /// Back from the view shown: to the view under it, or the list.
    fn leave_view(&mut self) {
        self.study.views.pop();
        // Its work is of no use now (one job of each kind: a view under it whose work was
        // stopped by a newer one is made again when it shows).
        self.stop_study_jobs();
        if self.study.views.is_empty() {
            self.screen.focus = Focus::List;
            // The reader shows the list's selection again, not the concordance's last hit.
            self.study.reader_opened = false;
            self.sync_reader();
            return;
        }
        let unfinished = match self.study.views.last_mut() {
            Some(View::Concordance(view)) => {
                view.forget_sort();
                !view.done()
            }
            Some(View::Counts(view)) => !view.done(),
            Some(View::Collocates(view)) => !view.done(),
            None => false,
        };
        if unfinished && let Some(view) = self.study.views.pop() {
            let rest = std::mem::take(&mut self.study.views);
            self.study.views = vec![view];
            self.remake_study_views();
            let remade = std::mem::take(&mut self.study.views);
            self.study.views = rest;
            self.study.views.extend(remade);
        }
    }

    /// The matching documents, when the text search already found them all for this query.
    pub(super) fn known_matches(&self) -> Option<Arc<Vec<usize>>> {
        let complete = self.text_progress().is_none() && !self.work.ranking;
        let current = self.work.text.shown.as_ref().is_some_and(|(query, count)| {
            *query == self.query.parsed && *count == self.corpus.docs.len()
        });
        (complete && current).then(|| Arc::clone(&self.work.text.documents))
    }

    /// Stops the study work under way: nobody waits for it any more.
    fn stop_study_jobs(&mut self) {
        for &kind in JobKind::ALL {
            if kind.for_a_view() {
                self.stop(kind);
            }
        }
    }

    fn open_in_view(&mut self) {
        match self.study.views.last() {
            Some(View::Concordance(_)) => self.open_hit(),
            Some(View::Collocates(_)) => self.open_collocate(),
            Some(View::Counts(_)) => {
                self.screen.message = Some("s: count by folder, year, month or field".to_string());
            }
            None => {}
        }
    }

    fn cycle_view_order(&mut self) {
        match self.study.views.last() {
            Some(View::Concordance(_)) => self.cycle_hit_order(),
            Some(View::Counts(_)) => self.cycle_grouping(),
            Some(View::Collocates(_)) => {
                self.screen.message = Some("collocates are in order of score".to_string());
            }
            None => {}
        }
    }

    /// Makes every study view again (once loading ends, they cover the whole corpus).
    pub(super) fn remake_study_views(&mut self) {
        let views = std::mem::take(&mut self.study.views);
        let (focus, prompt) = (self.screen.focus, self.screen.prompt.take());
        for view in views {
            match view {
                View::Concordance(view) => {
                    let (query, near) = view.made_of();
                    self.open_concordance(query, near);
                }
                View::Counts(view) => self.open_counts(view.query().clone()),
                View::Collocates(view) => self.open_collocates(view.query().clone()),
            }
        }
        (self.screen.focus, self.screen.prompt) = (focus, prompt);
    }

    /// True while a study view waits for background work.
    pub(super) fn study_waits(&self) -> bool {
        self.study.views.iter().any(|view| match view {
            View::Concordance(view) => !view.done() || view.sorting(),
            View::Counts(view) => !view.done(),
            View::Collocates(view) => !view.done(),
        })
    }
}
