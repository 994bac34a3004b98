//! The study views as the app keeps them: a stack (a collocate opens its concordance over the
//! collocates; back returns to them), the keys that move in them, and their work. Every view
//! is a `dyn AnyView` (see `views`): nothing here knows one kind from another.

use super::views::{AnyView, Table, ViewOf};
use super::{App, Focus, JobKind, SearchIn};
use crate::keys::action::{Action, StudyKind};
use crate::search::query::Query;
use std::sync::Arc;

impl App {
    /// Whether a study view is shown, and the table of the one on top: `width` columns and a
    /// page of `page` rows.
    pub fn study_table(&self, width: usize, page: usize) -> Option<Table> {
        let view = self.study.views.last()?;
        Some(view.table(&self.corpus.docs, width, page))
    }

    /// True while a study view is shown.
    pub fn shows_a_view(&self) -> bool {
        !self.study.views.is_empty()
    }

    /// Carries out the actions of study views; true if `action` was one.
    pub(super) fn study(&mut self, action: Action) -> bool {
        match action {
            Action::ShowView(kind) => self.show_view(kind),
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
            Action::StudyOpen => {
                if let Some(open) = self.study.views.last().map(|view| view.on_open()) {
                    open(self);
                }
            }
            Action::StudyCycle => {
                if let Some(cycle) = self.study.views.last().map(|view| view.on_cycle()) {
                    cycle(self);
                }
            }
            Action::CopyCitation => self.copy_citation(),
            Action::CitationFormat => {
                self.study.citation = self.study.citation.next();
                let format = self.study.citation.label();
                self.screen.say(format!("c now cites as {format}"));
            }
            Action::ChooseSubcorpus => self.ask_subcorpus(),
            Action::AskBatch => self.ask_batch(),
            Action::StudyDigit(digit) => self.study_digit(digit),
            Action::NameCategory => self.ask_category_name(),
            Action::CategoryFilter => self.cycle_category_filter(),
            Action::SampleLines => self.ask_sample(),
            Action::SortLevels => self.ask_sort_levels(),
            Action::StudyColumn(by) => self.move_plot_column(isize::from(by)),
            Action::CollocateWindow(by) => self.collocate_with(|how| {
                how.span = how.span.saturating_add_signed(isize::from(by)).clamp(1, 20);
            }),
            Action::CollocateMinimum(by) => self.collocate_with(|how| {
                how.min = how
                    .min
                    .saturating_add_signed(isize::from(by))
                    .clamp(1, 1000);
            }),
            Action::CollocateStoplist => self.collocate_with(|how| how.stoplist = !how.stoplist),
            Action::CountsOrder => self.order_counts(),
            Action::StudyBack => self.leave_view(),
            _ => return false,
        }
        true
    }

    /// Shows the view of `kind` of the text query (the word views: of the subcorpus, and
    /// for keywords without one, or n-grams, of the query when there is one).
    pub(super) fn show_view(&mut self, kind: StudyKind) {
        if matches!(kind, StudyKind::Copies | StudyKind::Alike) {
            self.show_document_view(kind);
            return;
        }
        self.settle_subcorpus();
        if let Some(asked) = &mut self.study.choosing {
            // Made once the subcorpus being found is there.
            *asked = Some(kind);
            return;
        }
        let within = self.study.within.clone();
        let typed = self.query.source.query_in() == SearchIn::Text && !self.text_terms().is_empty();
        let query = match kind {
            _ if kind.needs_query() => match self.study_query() {
                Some(()) => self.query.parsed.clone(),
                None => return,
            },
            StudyKind::Keywords if within.is_none() || self.only_distinct() => {
                match self.study_query() {
                    Some(()) => self.query.parsed.clone(),
                    None => {
                        self.screen.say(
                        "keywords of what? choose a subcorpus (Alt-I), or a text query: its documents against the rest"
                            .to_string(),
                    );
                        return;
                    }
                }
            }
            StudyKind::Ngrams if typed && self.query.parsed.problem().is_none() => {
                self.query.parsed.clone()
            }
            _ => Query::default(),
        };
        let batch = match kind {
            StudyKind::Batch => self.study.batch.clone(),
            _ => None,
        };
        let of = ViewOf {
            query,
            near: None,
            within,
            n: None,
            batch,
            doc: None,
        };
        self.open_view(kind, of);
    }

    /// Rows of a study view on a page.
    pub(super) fn study_rows(&self) -> usize {
        self.screen.viewport.study_rows.max(1)
    }

    fn move_in_view(&mut self, go: impl FnOnce(&mut super::views::Cursor, usize, usize)) {
        let page = self.study_rows();
        if let Some(view) = self.study.views.last_mut() {
            let len = view.len();
            go(view.cursor_mut(), len, page);
        }
    }

    /// The text query the study views are made for, or a note on why there is none.
    pub(super) fn study_query(&mut self) -> Option<()> {
        let note = if self.query.source.query_in() != SearchIn::Text {
            "study views need a text query: Ctrl-F, then type what to find"
        } else if self.text_terms().is_empty() {
            "type what to find first: the study views are of the text query"
        } else if let Some(problem) = self.query.parsed.problem() {
            self.screen
                .say(format!("the query has a problem: {problem}"));
            return None;
        } else {
            return Some(());
        };
        self.screen.say(note.to_string());
        None
    }

    /// Shows `view` on top of the study views (replacing one of the same kind on top).
    pub(super) fn push_view(&mut self, view: Box<dyn AnyView>) {
        // A view made of the query uses it: it joins the history.
        self.record_query();
        if self
            .study
            .views
            .last()
            .is_some_and(|top| top.kind() == view.kind())
        {
            self.study.views.pop();
        }
        self.study.views.push(view);
        self.screen.focus = Focus::Study;
        self.screen.prompt = None;
    }

    /// Back from the view shown: to the view under it, or the list.
    fn leave_view(&mut self) {
        self.study.views.pop();
        // Its work is of no use now (one job makes every view: a view under it whose work was
        // stopped by a newer one is made again when it shows).
        self.stop_study_jobs();
        let Some(top) = self.study.views.last_mut() else {
            if std::mem::take(&mut self.study.from_reader) && self.reader.doc().is_some() {
                self.screen.focus = Focus::Reader;
                return;
            }
            self.screen.focus = Focus::List;
            // The reader shows the list's selection again, not the concordance's last hit.
            self.study.reader_opened = false;
            self.sync_reader();
            return;
        };
        top.came_back();
        if top.waits()
            && let Some(view) = self.study.views.pop()
        {
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

    /// Makes every study view again (once loading ends, they cover the whole corpus).
    pub(super) fn remake_study_views(&mut self) {
        let views = std::mem::take(&mut self.study.views);
        let (focus, prompt) = (self.screen.focus, self.screen.prompt.take());
        for view in views {
            self.open_view(view.kind(), view.of().clone());
        }
        (self.screen.focus, self.screen.prompt) = (focus, prompt);
    }

    /// True while the study view shown waits for background work. One job makes every view,
    /// so a view under it whose work a newer view's stopped waits for nothing: it is made
    /// again when it shows (`leave_view`).
    pub(super) fn study_waits(&self) -> bool {
        self.study.views.last().is_some_and(|view| view.waits())
    }
}
