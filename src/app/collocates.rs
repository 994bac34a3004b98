//! The collocates view: the words found within five words of the text query's hits more often
//! than chance, best first, with their count near the hits and their score; made in the
//! background with progress. Enter opens the concordance of the hits with that word nearby.

use super::study::{Cursor, View};
use super::{App, Effect, JobRequest};
use crate::search::query::Query;
use crate::study::collocates::{
    Collocate, CollocatesFound, CollocatesRequest, DEFAULT_MIN, DEFAULT_SPAN,
};
use crate::study::concordance::Near;
use crate::work::job::Ticket;

/// Collocates as shown.
#[derive(Debug)]
pub struct CollocatesView {
    pub(super) cursor: Cursor,
    pub(super) ticket: Ticket,
    query: Query,
    label: String,
    collocates: Option<Vec<Collocate>>,
    /// Hits the words were counted around.
    hits: usize,
    /// What is being done, and how far it has got.
    stage: &'static str,
    progress: (usize, usize),
}

impl CollocatesView {
    pub fn len(&self) -> usize {
        self.collocates.as_ref().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    pub fn done(&self) -> bool {
        self.collocates.is_some()
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    /// What the collocates are of.
    pub(super) fn query(&self) -> &Query {
        &self.query
    }

    pub fn collocates(&self) -> &[Collocate] {
        self.collocates.as_deref().unwrap_or_default()
    }

    pub fn hits(&self) -> usize {
        self.hits
    }

    /// What is being done, and how much of it is.
    pub fn progress(&self) -> (&'static str, usize, usize) {
        (self.stage, self.progress.0, self.progress.1)
    }
}

impl App {
    /// Shows the collocates of the text query's hits, found in the background.
    pub(super) fn show_collocates(&mut self) {
        if self.study_query().is_some() {
            self.open_collocates(self.query.parsed.clone());
        }
    }

    /// Shows the collocates of `query`'s hits, asking the background for them.
    pub(super) fn open_collocates(&mut self, query: Query) {
        let matching = self.known_matches().filter(|_| query == self.query.parsed);
        let ticket = Ticket::new();
        let label = crate::text::sanitize::sanitize_line(query.typed());
        let request = CollocatesRequest {
            ticket,
            docs: self.corpus.docs.clone(),
            query: query.clone(),
            index: self.work.index.built(),
            matching,
            span: DEFAULT_SPAN,
            min: DEFAULT_MIN,
        };
        self.push_view(View::Collocates(CollocatesView {
            cursor: Cursor::default(),
            ticket,
            query,
            label,
            collocates: None,
            hits: 0,
            stage: "finding the hits",
            progress: (0, 0),
        }));
        self.ask(Effect::Job(JobRequest::Collocates(request)));
    }

    /// Takes collocates (or progress) from the background, if their view is still shown.
    pub(super) fn collocates_found(&mut self, found: CollocatesFound) {
        if let Some(View::Collocates(view)) = self.view_made_by(found.ticket) {
            view.stage = found.stage;
            view.progress = (found.done, found.total);
            if found.collocates.is_some() {
                view.hits = found.hits;
                view.collocates = found.collocates;
            }
        }
    }

    /// Opens the concordance of the hits with the selected collocate nearby.
    pub(super) fn open_collocate(&mut self) {
        let Some(View::Collocates(view)) = self.study.views.last() else {
            return;
        };
        let Some(word) = view.collocates().get(view.cursor.selected) else {
            self.screen.message = Some("no collocate to open".to_string());
            return;
        };
        let near = Near {
            word: word.word.clone(),
            span: DEFAULT_SPAN,
        };
        // Over the collocates: back returns to them.
        let query = view.query.clone();
        self.open_concordance(query, Some(near));
    }
}
