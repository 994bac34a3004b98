//! The list in an order other than relevance (hits in text mode, title, date, path, length:
//! Ctrl-S). Sorting
//! costs time proportional to the matches — seconds for a million titles — so it is never done
//! on the interface's thread: the matches go to the background sort, newest request wins, and
//! the list keeps showing what it showed, marked `…`, until they come back sorted. A ranking
//! is sorted by the ranking job itself; only matches that arrive another way (a remembered
//! ranking, documents still loading, text matches, Ctrl-S itself) are sent here.

use super::{App, Effect, JobKind, JobRequest, SearchIn};
use crate::search::titles::order::{Order, SortRequest, Sorted};
use crate::search::titles::ranking::Scored;
use crate::work::job::Ticket;
use std::sync::Arc;

/// Which row is selected once the sorted matches are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Select {
    /// The first (new matches).
    Top,
    /// The document selected then, wherever it went (the first if it is gone).
    Current,
}

/// A sort asked of the background and not yet back.
#[derive(Debug)]
pub(super) struct PendingSort {
    ticket: Ticket,
    /// The matches being sorted: sorted again if the order changes before they are back.
    matches: Arc<Vec<Scored>>,
    select: Select,
    /// Say `sorted by …` when it is done (the user asked for the order).
    announce: bool,
    /// How many documents the matches cover: later ones join once they are shown.
    covers: usize,
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
            self.show_sorted(matches, select);
            return true;
        }
        let covers = self.corpus.docs.len();
        self.sort_in_background(matches, select, false, covers);
        false
    }

    /// Ctrl-S: the next order. The matches shown (or those on their way to be shown) are
    /// sorted again in the background — back to relevance too: that is a sort by score. A
    /// ranking under way is asked again in the new order instead, as its matches are not those
    /// shown.
    pub(super) fn cycle_order(&mut self) {
        let order = self
            .list
            .order()
            .next(self.query.source.query_in() == SearchIn::Text);
        self.list.set_order(order);
        if self.work.ranking && self.query.source.query_in() == SearchIn::Titles {
            // The list shown is not the ranking's: no shortcut may take it for that one.
            self.forget_ranking();
            self.rank_in_background();
            self.screen.say(format!("sorting by {}…", order.label()));
            return;
        }
        let (matches, select, covers) = match self.work.pending_sort.take() {
            Some(pending) => (pending.matches, pending.select, pending.covers),
            None => (
                Arc::new(self.list.scored()),
                Select::Current,
                self.corpus.docs.len(),
            ),
        };
        self.sort_in_background(matches, select, true, covers);
    }

    /// Sends `matches`, covering the first `covers` documents, to be sorted in the list's
    /// order; the list shows them when they are back.
    pub(super) fn sort_in_background(
        &mut self,
        matches: impl Into<Arc<Vec<Scored>>>,
        select: Select,
        announce: bool,
        covers: usize,
    ) {
        let matches = matches.into();
        // A sort the user asked for is still announced when another takes its place.
        let announce = announce || self.work.pending_sort.as_ref().is_some_and(|p| p.announce);
        let ticket = Ticket::new();
        let request = SortRequest {
            ticket,
            matches: Arc::clone(&matches),
            order: self.list.order(),
            docs: self.corpus.docs.clone(),
            hits: self.text_hits(),
        };
        self.work.pending_sort = Some(PendingSort {
            ticket,
            matches,
            select,
            announce,
            covers,
        });
        self.ask(Effect::Job(JobRequest::SortList(request)));
        if announce {
            self.screen
                .say(format!("sorting by {}…", self.list.order().label()));
        }
    }

    /// Takes sorted matches from the background, if they are the newest asked for.
    pub(super) fn sorted(&mut self, sorted: Sorted) {
        let Some(pending) = self
            .work
            .pending_sort
            .take_if(|pending| pending.ticket == sorted.ticket)
        else {
            return;
        };
        self.show_sorted(sorted.matches, pending.select);
        if sorted.undated {
            self.screen.say("no dates: path order".to_string());
        } else if pending.announce {
            self.screen
                .say(format!("sorted by {}", self.list.order().label()));
        }
        self.work.ranking = match self.query.source.query_in() {
            SearchIn::Titles => false,
            SearchIn::Text => self.text_progress().is_some(),
        };
        self.sync_reader();
        if self.query.source.query_in() == SearchIn::Text {
            // The document shown may be another now, searched for an older query.
            self.search_reader_for_query();
        }
        // Documents that arrived meanwhile join now.
        if pending.covers < self.corpus.docs.len() {
            match self.query.source.query_in() {
                SearchIn::Titles => self.load_in_title_mode(pending.covers),
                SearchIn::Text => self.load_in_text_mode(pending.covers),
            }
        }
    }

    /// Whether the list waits for a sort to come back (it shows `…` meanwhile).
    pub fn sorting(&self) -> bool {
        self.work.pending_sort.is_some()
    }

    /// Matches shown another way make a sort under way pointless. What it was sorting was
    /// never shown, so nothing may take the list for it (a space typed, say, which changes no
    /// term and so keeps "the list shown").
    pub(super) fn drop_pending_sort(&mut self) {
        if self.work.pending_sort.take().is_some() {
            self.ask(Effect::Job(JobRequest::Stop(JobKind::SortList)));
            self.forget_ranking();
            self.work.text.shown = None;
        }
    }

    /// Shows matches already in the list's order, selecting as `select` says.
    fn show_sorted(&mut self, matches: Vec<Scored>, select: Select) {
        let selected = self.list.selected_doc();
        self.list.show(matches);
        match select {
            Select::Top => self.list.select_top(),
            Select::Current => {
                let rows = self.list_rows();
                self.list.reselect(selected, rows);
            }
        }
    }
}
