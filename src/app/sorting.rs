//! The list in an order other than relevance (title, date, path, length: Ctrl-S). Sorting
//! costs time proportional to the matches — seconds for a million titles — so it is never done
//! on the interface's thread: the matches go to the background sort, newest request wins, and
//! the list keeps showing what it showed, marked `…`, until they come back sorted. A ranking
//! is sorted by the ranking job itself; only matches that arrive another way (a remembered
//! ranking, documents still loading, text matches, Ctrl-S itself) are sent here.

use super::{App, Effect, JobKind, JobRequest, SearchIn};
use crate::search::titles::order::{Order, SortRequest, Sorted};
use crate::search::titles::ranking::Scored;

/// Which row is selected once the sorted matches are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Select {
    /// The first (new matches).
    Top,
    /// This document's row, wherever it went (the same matches reordered); the first if it
    /// is gone.
    Doc(Option<usize>),
}

/// A sort asked of the background and not yet back.
#[derive(Debug)]
pub(super) struct PendingSort {
    generation: u64,
    select: Select,
    /// Say `sorted by …` when it is done (the user asked for the order).
    announce: bool,
    /// How many documents there were when it was asked: later ones join once it is back.
    docs: usize,
}

impl App {
    /// Shows `matches`, which are in order `given` (None: in no order), in the list's order:
    /// at once if that is it, else once the background has sorted them. Returns true when they
    /// are shown now.
    pub(super) fn show_in_order(
        &mut self,
        matches: Vec<Scored>,
        given: Option<Order>,
        select: Select,
    ) -> bool {
        if given == Some(self.list.order()) {
            self.drop_pending_sort();
            self.list.show(matches);
            self.select(select);
            return true;
        }
        self.sort_in_background(matches, select, false);
        false
    }

    /// Ctrl-S: the next order. The matches shown are sorted again in the background (back to
    /// relevance too: that is a sort by score); a ranking under way is asked again in the new
    /// order instead, as its matches are not those shown.
    pub(super) fn cycle_order(&mut self) {
        let order = self.list.order().next();
        self.list.set_order(order);
        if self.ranking && self.search_in == SearchIn::Titles {
            self.rank_in_background();
            self.message = Some(format!("sorting by {}…", order.label()));
            return;
        }
        let matches = self.list.scored();
        let selected = self.list.selected_doc();
        self.sort_in_background(matches, Select::Doc(selected), true);
    }

    /// Sends `matches` to be sorted in the list's order; the list shows them when they are back.
    pub(super) fn sort_in_background(
        &mut self,
        matches: Vec<Scored>,
        select: Select,
        announce: bool,
    ) {
        self.sorts += 1;
        self.pending_sort = Some(PendingSort {
            generation: self.sorts,
            select,
            announce,
            docs: self.corpus.docs.len(),
        });
        let request = SortRequest {
            generation: self.sorts,
            matches,
            order: self.list.order(),
            docs: self.corpus.docs.clone(),
        };
        self.ask(Effect::Job(JobRequest::SortList(request)));
        if announce {
            self.message = Some(format!("sorting by {}…", self.list.order().label()));
        }
    }

    /// Takes sorted matches from the background, if they are the newest asked for.
    pub(super) fn sorted(&mut self, sorted: Sorted) {
        let Some(pending) = self
            .pending_sort
            .take_if(|pending| pending.generation == sorted.generation)
        else {
            return;
        };
        self.list.show(sorted.matches);
        self.select(pending.select);
        if pending.announce {
            self.message = Some(format!("sorted by {}", self.list.order().label()));
        }
        self.ranking = match self.search_in {
            SearchIn::Titles => false,
            SearchIn::Text => self.text_progress().is_some(),
        };
        self.sync_reader();
        if self.search_in == SearchIn::Text {
            // The document shown may be another now, searched for an older query.
            self.search_reader_for_query();
        }
        // Documents that arrived meanwhile join now.
        if pending.docs < self.corpus.docs.len() {
            match self.search_in {
                SearchIn::Titles => self.load_in_title_mode(pending.docs),
                SearchIn::Text => self.load_in_text_mode(pending.docs),
            }
        }
    }

    /// Whether the list waits for a sort to come back (it shows `…` meanwhile).
    pub fn sorting(&self) -> bool {
        self.pending_sort.is_some()
    }

    /// Matches shown another way make a sort under way pointless.
    pub(super) fn drop_pending_sort(&mut self) {
        if self.pending_sort.take().is_some() {
            self.ask(Effect::Job(JobRequest::Stop(JobKind::SortList)));
        }
    }

    fn select(&mut self, select: Select) {
        match select {
            Select::Top => self.list.to_top(),
            Select::Doc(doc) => {
                let rows = self.list_rows();
                self.list.reselect(doc, rows);
            }
        }
    }
}
