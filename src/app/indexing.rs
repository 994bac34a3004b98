//! The index of the documents' words as the app sees it: asked for once the corpus is loaded
//! (built in memory within its budget, or reopened from the lasting store, what changed
//! indexed and the store brought up to date), taken as it arrives — first what the store
//! kept, then all of it — with its progress in the status line and what the store said
//! (a damaged file set aside) in the message line.

use super::effects::IndexRequest;
use super::{App, Effect, JobRequest};
use crate::search::text::index::TextIndex;
use crate::store::Lasting;
use std::sync::Arc;

/// The index: its budget, the store it comes from, and how far it has come.
#[derive(Debug)]
pub(super) struct Index {
    /// In bytes; 0 for no index in memory (the store's is still used).
    budget: usize,
    lasting: Option<Arc<Lasting>>,
    started: bool,
    built: Option<Arc<TextIndex>>,
    finished: bool,
    /// Documents indexed so far, of how many, while what the store lacks is indexed.
    progress: Option<(usize, usize)>,
}

/// News of the index from its job.
#[derive(Debug, Default)]
pub struct IndexNews {
    /// An index to use from now on: what the store kept (more to come), or all of it.
    pub index: Option<TextIndex>,
    /// Documents indexed so far, of how many.
    pub progress: Option<(usize, usize)>,
    /// Nothing more will come.
    pub finished: bool,
    /// What to tell the user (a damaged store set aside, a store not written).
    pub notes: Vec<String>,
}

impl Index {
    pub(super) fn new(budget: usize, lasting: Option<Arc<Lasting>>) -> Index {
        Index {
            budget,
            lasting,
            started: false,
            built: None,
            finished: false,
            progress: None,
        }
    }

    /// The index to search with now, if any.
    pub(super) fn built(&self) -> Option<Arc<TextIndex>> {
        self.built.clone()
    }

    /// True while it is being built (or brought up to date).
    pub(super) fn building(&self) -> bool {
        self.started && !self.finished
    }

    /// Documents indexed so far, of how many, once that is known.
    pub(super) fn progress(&self) -> Option<(usize, usize)> {
        self.progress.filter(|_| self.building())
    }
}

impl App {
    /// Asks for the index of the documents' words once they are all loaded: from the store
    /// when one is kept, else built in memory if it has a budget.
    pub(super) fn start_index_if_loaded(&mut self) {
        let wanted = self.work.index.budget > 0 || self.work.index.lasting.is_some();
        if !wanted {
            self.start_copies_if_ready();
        }
        let index = &self.work.index;
        if self.work.loading || index.started || !wanted {
            return;
        }
        self.work.index.started = true;
        let request = IndexRequest {
            docs: self.corpus.docs.clone(),
            budget: self.work.index.budget,
            lasting: self.work.index.lasting.clone(),
        };
        self.ask(Effect::Job(JobRequest::BuildIndex(request)));
    }

    /// Takes news of the index: text searches from now on read only what it does not cover.
    pub(super) fn index_news(&mut self, news: IndexNews) {
        let index = &mut self.work.index;
        if let Some(built) = news.index {
            index.built = Some(Arc::new(built));
        }
        index.progress = news.progress.or(index.progress);
        index.finished |= news.finished;
        if index.finished {
            self.start_copies_if_ready();
        }
        if !news.notes.is_empty() {
            self.screen.say(news.notes.join("; "));
        }
    }
}
