//! The list's text mode (Ctrl-F): the query searches what the documents say rather than their
//! titles. Matches come ranked by relevance from a background search as it finds them; each
//! row shows its number of hits and its best passage; the reader opens at the first hit. The
//! index of the documents' words (`indexing`) makes the search fast.

use super::sorting::Select;
use super::{App, Effect, Focus, JobKind, JobRequest};
use crate::search::Hits;
use crate::search::query::{Matching, Query};
use crate::search::text::request::{TextFound, TextRequest};
use crate::search::text::terms::ContentTerm;
use crate::search::text::{Passage, passage_of};
use crate::search::titles::order::Order;
use crate::work::job::Ticket;
use std::collections::HashMap;
use std::sync::Arc;

/// What the list's query searches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchIn {
    #[default]
    Titles,
    Text,
}

/// Where the list's rows come from. One value, so the list's source is decided in one place:
/// `load` matches on it, `refilter` goes back to the query's own matches, Alt-m shows the
/// marks; "copies of" and "related to" a document are more of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListSource {
    /// The titles matching the query.
    Titles,
    /// The documents whose text matches the query.
    Text,
    /// The marked documents alone, until the query changes; then the query's matches (in the
    /// titles or the text, as `query_in` says) again.
    Marked { query_in: SearchIn },
}

impl ListSource {
    /// The query's own matches, in the titles or the text.
    pub(crate) fn of_query(search_in: SearchIn) -> ListSource {
        match search_in {
            SearchIn::Titles => ListSource::Titles,
            SearchIn::Text => ListSource::Text,
        }
    }

    /// What the query searches, whatever the list shows now.
    pub(crate) fn query_in(self) -> SearchIn {
        match self {
            ListSource::Titles => SearchIn::Titles,
            ListSource::Text => SearchIn::Text,
            ListSource::Marked { query_in } => query_in,
        }
    }
}

/// The text search the list shows.
#[derive(Debug, Default)]
pub(super) struct TextResults {
    /// The query whose matches are shown (so a change that alters no term searches nothing),
    /// and the number of documents then; forgotten when they went to be sorted and that sort
    /// was dropped, as they were never shown.
    pub(super) shown: Option<(Query, usize)>,
    /// Hits in each document shown (shared with a sort by hits).
    hits: Arc<Hits>,
    /// The documents shown, in document order (shared with a study view).
    pub(super) documents: Arc<Vec<usize>>,
    /// The best passage of the documents shown so far, made when their row is drawn.
    passages: HashMap<usize, Passage>,
    /// Documents scanned, of how many, while the search runs.
    progress: Option<(usize, usize)>,
    /// True once the user moved the selection since the query's first matches: later matches
    /// then keep their document selected rather than the top row.
    moved: bool,
}

impl TextResults {
    /// Notes that the user moved the selection (later matches keep it where it is).
    pub(super) fn selection_moved(&mut self) {
        self.moved = true;
    }
}

impl App {
    /// Ctrl-F: the query searches the documents' text instead of their titles, or back.
    pub(super) fn toggle_search_in(&mut self) {
        self.query.source = ListSource::of_query(match self.query.source.query_in() {
            SearchIn::Titles => SearchIn::Text,
            SearchIn::Text => SearchIn::Titles,
        });
        self.work.text = TextResults::default();
        // Titles have no hits to sort by.
        if self.query.source.query_in() == SearchIn::Titles && self.list.order() == Order::Hits {
            self.list.set_order(Order::Relevance);
        }
        // Whatever runs for the other mode is of no use now.
        self.abandon_query_work();
        if self.query.source.query_in() == SearchIn::Titles {
            self.reader.clear_query_search();
            // Rank the titles again rather than trust a ranking from before text mode.
            self.forget_ranking();
        }
        self.screen.say(match self.query.source.query_in() {
            SearchIn::Text => "searching the documents' text (Ctrl-F: titles)".to_string(),
            SearchIn::Titles => "filtering titles (Ctrl-F: text)".to_string(),
        });
        self.refilter();
        // Text matches take two rows each: a page holds fewer or more of them now.
        self.list.keep_visible(self.list_rows());
    }

    /// Drops whatever the background ranks, searches or sorts for the list's query: the list
    /// is about to show something else.
    pub(super) fn abandon_query_work(&mut self) {
        self.work.ticket = Ticket::new();
        self.stop(JobKind::SearchText);
        self.stop(JobKind::RankTitles);
        self.drop_pending_sort();
        self.work.ranking = false;
    }

    /// Ctrl-X: plain words match titles as exact substrings instead of fuzzily, or back. Text
    /// search matches exactly either way.
    pub(super) fn toggle_exact(&mut self) {
        let (matching, note) = match self.query.matching {
            Matching::Fuzzy => (
                Matching::Exact,
                "exact: plain words match titles as substrings",
            ),
            Matching::Exact => (Matching::Fuzzy, "fuzzy: plain words match titles fuzzily"),
        };
        self.query.matching = matching;
        self.screen.say(format!("{note} (Ctrl-X switches)"));
        self.refilter();
    }

    /// What is wrong with the query, if anything (an unclosed quote).
    pub fn query_problem(&self) -> Option<&str> {
        self.query.parsed.problem()
    }

    /// How plain words match titles now.
    pub fn matching(&self) -> Matching {
        self.query.matching
    }

    /// Searches the documents' text for the query in the background.
    pub(super) fn refilter_text(&mut self) {
        self.work.ticket = Ticket::new();
        let count = self.corpus.docs.len();
        let unchanged = self
            .work
            .text
            .shown
            .as_ref()
            .is_some_and(|(query, shown_count)| {
                *query == self.query.parsed && *shown_count == count
            });
        if unchanged {
            self.stop(JobKind::SearchText);
            self.work.ranking = false;
            self.work.text.progress = None;
            return;
        }
        // Passages were made for the terms shown; the list will show other ones.
        self.work.text.passages.clear();
        self.work.text.shown = None;
        self.list.keep_visible(self.list_rows());
        if self.query.parsed.is_empty() {
            self.stop(JobKind::SearchText);
            let found = TextFound::every(self.work.ticket, count);
            self.show_text_found(found, true, None);
            return;
        }
        let request = TextRequest {
            ticket: self.work.ticket,
            query: self.query.parsed.clone(),
            docs: self.corpus.docs.clone(),
            index: self.work.index.built(),
        };
        self.ask(Effect::Job(JobRequest::SearchText(request)));
        // The list keeps the previous matches until the first new ones arrive.
        self.work.ranking = true;
        self.work.text.progress = Some((0, count));
    }

    /// True while a text search was asked for and none of its matches has come yet: the list
    /// still shows the query before.
    fn awaits_first_matches(&self) -> bool {
        self.work.ranking
            && self
                .work
                .text
                .progress
                .is_some_and(|(scanned, _)| scanned == 0)
    }

    /// Takes matches from the background search, if they are for the current query.
    pub(super) fn text_found(&mut self, found: TextFound) {
        if found.ticket != self.work.ticket || self.query.source.query_in() != SearchIn::Text {
            return;
        }
        // The first news of a query replaces the list; later news updates it in place.
        let first = self.awaits_first_matches();
        let progress = (!found.done).then_some((found.scanned.max(1), found.total));
        self.show_text_found(found, first, progress);
    }

    /// Shows matches, best first. `first` says they are the first for this query (the
    /// selection goes back to the top); `progress` is set while more may come.
    fn show_text_found(&mut self, found: TextFound, first: bool, progress: Option<(usize, usize)>) {
        if first {
            self.work.text.passages.clear();
            self.work.text.moved = false;
        }
        let TextFound {
            ranked,
            hits,
            documents,
            per_month,
            ..
        } = found;
        self.work.text.hits = hits;
        self.work.text.documents = documents;
        self.count_months(per_month);
        self.work.ranking = progress.is_some();
        self.work.text.progress = progress;
        // The top row stays selected as better matches arrive above it, unless the user moved
        // or is reading the selected document.
        let keep = self.work.text.moved || self.screen.focus == Focus::Reader;
        let select = if first || !keep {
            Select::Top
        } else {
            Select::Current
        };
        let shown_now = self.show_in_order(ranked, Some(Order::Relevance), select);
        // Noted after showing them: showing drops a sort still pending, which forgets what the
        // list showed.
        if progress.is_none() {
            self.work.text.shown = Some((self.query.parsed.clone(), self.corpus.docs.len()));
        }
        if shown_now {
            self.sync_reader();
            // The document shown may be the one shown before, searched for an older query.
            self.search_reader_for_query();
        }
    }

    /// Documents loaded in text mode: listed at once for an empty query; otherwise the text is
    /// searched again once loading ends (until then the search covers what it had).
    pub(super) fn load_in_text_mode(&mut self, first_new: usize) {
        if self.query.parsed.is_empty() {
            // Every document matches, in path order: appended, unless another order is shown.
            if self.sorting() {
                return;
            }
            let order = self.list.order();
            if matches!(order, Order::Relevance | Order::Path) {
                self.list.append(first_new..self.corpus.docs.len());
                self.sync_reader();
            } else {
                let mut all = self.list.scored();
                all.extend((first_new..self.corpus.docs.len()).map(|index| (0, index)));
                let covers = self.corpus.docs.len();
                self.sort_in_background(all, Select::Current, false, covers);
            }
        } else if !self.work.loading {
            self.refilter_text();
        }
    }

    /// Documents scanned, of how many, while a text search runs.
    pub fn text_progress(&self) -> Option<(usize, usize)> {
        self.work.text.progress
    }

    /// The number of hits in document `doc`, when the list shows a text search.
    pub fn hits_in(&self, doc: usize) -> Option<usize> {
        self.work.text.hits.get(&doc).copied()
    }

    /// Each shown document's hits, for a sort by hits.
    pub(super) fn text_hits(&self) -> Arc<Hits> {
        Arc::clone(&self.work.text.hits)
    }

    /// The best passage of document `doc` for the text query, once it has been made.
    pub fn passage_of(&self, doc: usize) -> Option<&Passage> {
        self.work.text.passages.get(&doc)
    }

    /// True when the list shows text matches, two rows each (title, passage).
    pub fn shows_passages(&self) -> bool {
        self.query.source.query_in() == SearchIn::Text && !self.query.parsed.is_empty()
    }

    /// The terms the text query looks for (those not negated), to highlight in titles and
    /// passages.
    pub fn text_terms(&self) -> Vec<&ContentTerm> {
        let terms = self.query.terms.iter().flatten();
        terms.filter(|term| !term.negated).collect()
    }

    /// Makes the passages of the rows in view that have none yet (reading those documents).
    pub(super) fn fill_passages(&mut self) {
        // Until a new query's first matches arrive, the rows are the old query's.
        if !self.shows_passages() || self.awaits_first_matches() {
            return;
        }
        let in_view = self
            .list
            .matches()
            .iter()
            .skip(self.list.top())
            .take(self.list_rows());
        let missing: Vec<usize> = in_view
            .filter(|doc| !self.work.text.passages.contains_key(doc))
            .copied()
            .collect();
        if missing.is_empty() {
            return;
        }
        for doc in missing {
            let passage = passage_of(&self.corpus.docs, doc, &self.query.terms);
            self.work.text.passages.insert(doc, passage);
        }
    }

    /// In text mode, makes the reader find the query's terms in the document it shows (the
    /// view moves to the first hit), unless a `/` search of the user's is on.
    pub(super) fn search_reader_for_query(&mut self) {
        if !self.shows_passages() || self.text_terms().is_empty() {
            self.reader.clear_query_search();
            return;
        }
        if self.reader.doc().is_none() {
            return;
        }
        let stale = self
            .reader
            .search()
            .is_none_or(|search| search.from_query && search.term != self.query.typed);
        if stale {
            let terms: Vec<ContentTerm> = self.text_terms().into_iter().cloned().collect();
            let note = self.reader.search_terms(&self.query.typed, &terms, true);
            if self.screen.focus == Focus::Reader {
                self.screen.say(note);
            }
        }
    }
}
