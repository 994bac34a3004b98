//! The list filtering titles (the default mode): the query is ranked against every title in
//! the background, a ranking the query only narrows is reused, a recent one is shown at once,
//! and documents that arrive while loading join in their ranked place.

use super::sorting::Select;
use super::{App, Effect, JobKind, JobRequest};
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::order::Order;
use crate::search::titles::ranker::{RankRequest, Ranked};
use crate::search::titles::ranking::{Memo, Scored, merge, ranking_of};
use crate::search::titles::recent::RecentRankings;
use crate::work::job::Ticket;
use std::sync::Arc;

/// Matches put in order on the interface's thread at most: sorting this many takes well under
/// a millisecond. More go to the background.
const SORT_HERE: usize = 20_000;

/// The fuzzy matcher and the rankings a new query can reuse.
#[derive(Default)]
pub(super) struct Titles {
    filter: TitleFilter,
    recent: RecentRankings,
}

impl App {
    /// Ranks the titles for the query: not at all when its terms did not change, from a
    /// recent ranking when there is one, else in the background.
    pub(super) fn refilter_titles(&mut self) {
        self.work.ticket = Ticket::new();
        // A space typed or deleted between words changes no term: the list shown stands.
        let count = self.corpus.docs.len();
        if self.work.titles.recent.is_last(&self.query.parsed, count) {
            self.stop(JobKind::RankTitles);
            self.work.ranking = false;
            return;
        }
        if let Some((memo, count)) = self.work.titles.recent.recall(&self.query.parsed, count) {
            self.stop(JobKind::RankTitles);
            // A remembered ranking is shown at once; putting many matches in order is left to
            // the background, as any work that grows with the corpus is.
            let (matches, given) = if memo.len() <= SORT_HERE {
                (ranking_of(&memo), Some(Order::Relevance))
            } else {
                (memo.iter().map(|m| (m.total, m.index)).collect(), None)
            };
            self.show_ranking(matches, given, Some((memo, count)));
            return;
        }
        if self.query.typed.trim().is_empty() && count <= SORT_HERE {
            // Every title, in path order: nothing to rank, and a ranking under way is of no use.
            // (A big corpus is listed by the background, as any query is.)
            self.stop(JobKind::RankTitles);
            self.rank_here();
            return;
        }
        self.rank_in_background();
    }

    /// Asks the background to rank the titles for the query, sorted in the list's order. The
    /// list keeps the previous matches until the new ones arrive.
    pub(super) fn rank_in_background(&mut self) {
        self.drop_pending_sort();
        self.work.ticket = Ticket::new();
        let request = RankRequest {
            ticket: self.work.ticket,
            query: self.query.parsed.clone(),
            docs: self.corpus.docs.clone(),
            within: self.work.titles.recent.narrowing(&self.query.parsed),
            order: self.list.order(),
        };
        self.ask(Effect::Job(JobRequest::RankTitles(request)));
        self.work.ranking = true;
    }

    /// Ranks the titles on this thread and shows them: for an empty query (every title, in path
    /// order) and for the starting query (only the first documents have arrived).
    pub(super) fn rank_here(&mut self) {
        if self.query.parsed.is_empty() {
            // Every title, scored 0, in path order: no title read (ten million of them).
            if self.list.order() != Order::Relevance {
                let every = self.rank_from(0);
                self.show_ranking(every, Some(Order::Relevance), None);
                return;
            }
            // In the list's order already: shown without a list of pairs made first.
            self.work.ranking = false;
            self.drop_pending_sort();
            self.list.show_every(self.corpus.docs.len());
            self.list.select_top();
            self.sync_reader();
            self.work.titles.recent.shown(&self.query.parsed, None);
            return;
        }
        let memo = self.work.titles.filter.remember(
            self.corpus.docs.iter().map(|doc| doc.title()).enumerate(),
            &self.query.parsed,
        );
        let ranked = ranking_of(&memo);
        let narrowable = !self.query.typed.trim().is_empty();
        let kept = narrowable.then(|| (Memo::from(memo), self.corpus.docs.len()));
        self.show_ranking(ranked, Some(Order::Relevance), kept);
    }

    /// Asks for a kind of background work to stop.
    pub(super) fn stop(&mut self, kind: JobKind) {
        self.ask(Effect::Job(JobRequest::Stop(kind)));
    }

    /// Takes a ranking from the background, if it is for the current query.
    pub(super) fn ranked(&mut self, ranked: Ranked) {
        if ranked.ticket != self.work.ticket {
            return;
        }
        let (mut ranking, mut order) = (ranked.ranked, Some(ranked.order));
        if ranked.doc_count < self.corpus.docs.len() {
            // Documents loaded while it ran: rank them here and merge (or, in another order,
            // sort all again). Narrowing from this ranking will rank those again, as it covers
            // only the first `doc_count`.
            let newer = self.rank_from(ranked.doc_count);
            if ranked.order == Order::Relevance {
                ranking = merge(ranking, newer);
            } else {
                ranking.extend(newer);
                order = None;
            }
        }
        self.show_ranking(ranking, order, Some((ranked.memo, ranked.doc_count)));
    }

    /// Shows a ranking that is in order `given` (None: in no order); `kept` is its matches in index order with
    /// their scores and the document count it covered, kept so that a query extending this
    /// one ranks only those.
    fn show_ranking(
        &mut self,
        ranked: Vec<Scored>,
        given: Option<Order>,
        kept: Option<(Memo, usize)>,
    ) {
        self.work.ranking = false;
        if self.show_in_order(ranked, given, Select::Top) {
            self.sync_reader();
        }
        let kept = kept.map(|(memo, count)| (Arc::clone(&memo), count));
        self.work.titles.recent.shown(&self.query.parsed, kept);
    }

    /// Forgets the last ranking, so the titles are ranked afresh (after text mode, or when the
    /// list shown is not that ranking's).
    pub(super) fn forget_ranking(&mut self) {
        self.work.titles.recent.forget_last();
    }

    /// Ranks the documents from index `first` on for the current query.
    fn rank_from(&self, first: usize) -> Vec<Scored> {
        if self.query.parsed.is_empty() {
            return (first..self.corpus.docs.len())
                .map(|index| (0, index))
                .collect();
        }
        let titles = self
            .corpus
            .docs
            .iter_from(first)
            .map(|(index, doc)| (index, doc.title()));
        self.work
            .titles
            .filter
            .rank_scored(titles, &self.query.parsed)
    }

    /// Documents loaded in title mode join the list in their ranked place (or wait for the
    /// ranking under way, which will merge them).
    pub(super) fn load_in_title_mode(&mut self, first_new: usize) {
        // A ranking under way takes them in when it is back, and so does a sort.
        if self.work.ranking || self.sorting() {
            return;
        }
        let new = self.rank_from(first_new);
        if let Some(all) = self.list.join(new, self.list_rows()) {
            let covers = self.corpus.docs.len();
            self.sort_in_background(all, Select::Current, false, covers);
            return;
        }
        self.sync_reader();
    }

    /// Char positions of `title` matched by the query, for emphasis in the list.
    pub fn matched_positions(&self, title: &str) -> Vec<usize> {
        self.work.titles.filter.positions(title, &self.query.parsed)
    }
}
