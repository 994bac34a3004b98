//! The list as the user sees it: which documents match and in which order, the selected row,
//! the row at the top of the pane, and the marked documents. Plain data and arithmetic; what to
//! rank or search is the app's business.

use crate::copies::Copies;
use crate::search::titles::order::Order;
use crate::search::titles::ranking::{Scored, merge, ranks_before};
use std::collections::BTreeSet;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct List {
    /// Indices into the documents of the matches, in the order shown.
    matches: Vec<usize>,
    /// The score of each match, to merge documents that arrive later in their place.
    scores: Vec<i64>,
    /// Position in `matches` of the selected document.
    selected: usize,
    /// First row of `matches` in view.
    top: usize,
    /// Documents marked (Tab) to be chosen together.
    marked: BTreeSet<usize>,
    /// The order of the list: relevance unless the user chose another.
    order: Order,
    /// When copies are collapsed: the copies, of which only the kept documents are listed.
    collapsed: Option<Arc<Copies>>,
}

impl List {
    /// The matches, as document indices, in the order shown.
    pub fn matches(&self) -> &[usize] {
        &self.matches
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row in view.
    pub fn top(&self) -> usize {
        self.top
    }

    pub fn order(&self) -> Order {
        self.order
    }

    pub fn marked(&self) -> &BTreeSet<usize> {
        &self.marked
    }

    /// The selected document's index, if anything matches.
    pub fn selected_doc(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    /// Shows `matches` (score, document) in the order given: sorting, when the order is not
    /// relevance, was done in the background.
    pub fn show(&mut self, matches: Vec<Scored>) {
        (self.scores, self.matches) = matches
            .into_iter()
            .filter(|&(_, doc)| self.listed(doc))
            .unzip();
    }

    /// Lists only the documents `copies` keeps (each cluster once), or every one (None);
    /// what is shown is shown again by whoever calls this.
    pub fn hide_copies(&mut self, copies: Option<Arc<Copies>>) {
        self.collapsed = copies;
    }

    /// Whether document `doc` may be listed: not a copy hidden by collapsing.
    fn listed(&self, doc: usize) -> bool {
        self.collapsed
            .as_ref()
            .is_none_or(|copies| doc >= copies.len() || copies.is_kept(doc))
    }

    /// Shows every one of `count` documents, in path order, each scored 0 (what the empty
    /// query matches), without making a list of pairs first: ten million of them.
    pub fn show_every(&mut self, count: usize) {
        self.matches = (0..count).filter(|&doc| self.listed(doc)).collect();
        self.scores = vec![0; self.matches.len()];
    }

    /// The matches with their scores, in the order shown.
    pub fn scored(&self) -> Vec<Scored> {
        self.scores
            .iter()
            .copied()
            .zip(self.matches.iter().copied())
            .collect()
    }

    /// Takes the matches among documents that just arrived (best first), in their ranked
    /// place, keeping the selected document selected; `rows` is a page of the list. In an
    /// order other than relevance they cannot be placed without sorting: the whole list (to
    /// sort in the background) is returned instead, and nothing changes.
    pub fn join(&mut self, mut new: Vec<Scored>, rows: usize) -> Option<Vec<Scored>> {
        new.retain(|&(_, doc)| self.listed(doc));
        if self.order != Order::Relevance {
            let mut all = self.scored();
            all.extend(new);
            return Some(all);
        }
        let last = self
            .scores
            .last()
            .copied()
            .zip(self.matches.last().copied());
        let after_all = new
            .first()
            .is_none_or(|first| last.is_none_or(|last| !ranks_before(first, &last)));
        if after_all {
            // The usual case (and always so for an empty query): the new matches all rank
            // after the ones shown, so they are appended and nothing shown moves.
            for (score, index) in new {
                self.scores.push(score);
                self.matches.push(index);
            }
        } else {
            let selected_doc = self.selected_doc();
            let old = self.scores.drain(..).zip(self.matches.drain(..)).collect();
            self.show(merge(old, new));
            self.reselect(selected_doc, rows);
        }
        None
    }

    /// Appends documents without ranking them (every document matches an empty text query).
    pub fn append(&mut self, docs: std::ops::Range<usize>) {
        for index in docs {
            if !self.listed(index) {
                continue;
            }
            self.scores.push(0);
            self.matches.push(index);
        }
    }

    /// Selects the row at `position` (clamped), keeping it in view; `rows` is a page.
    pub fn select(&mut self, position: usize, rows: usize) {
        self.selected = position.min(self.matches.len().saturating_sub(1));
        self.keep_visible(rows);
    }

    /// Selects document `doc` again after the list was reordered (the first if it is gone).
    pub fn reselect(&mut self, doc: Option<usize>, rows: usize) {
        if let Some(doc) = doc {
            self.selected = self.matches.iter().position(|&m| m == doc).unwrap_or(0);
        }
        self.keep_visible(rows);
    }

    /// Back to the first row.
    pub fn select_top(&mut self) {
        self.selected = 0;
        self.top = 0;
    }

    /// Scrolls so the selected row is in view.
    pub fn keep_visible(&mut self, rows: usize) {
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
        // No room left empty below the last match while matches are above the top (a page
        // worked out while the list was hidden behind a view was one row).
        self.top = self.top.min(self.matches.len().saturating_sub(rows.max(1)));
    }

    /// Sets the order the list is to be shown in (the matches are sorted elsewhere).
    pub fn set_order(&mut self, order: Order) {
        self.order = order;
    }

    /// Marks document `doc` (a mark remembered from the last run).
    pub fn mark(&mut self, doc: usize) {
        self.marked.insert(doc);
    }

    /// Marks the selected document, or unmarks it.
    pub fn toggle_mark(&mut self) {
        if let Some(doc) = self.selected_doc()
            && !self.marked.remove(&doc)
        {
            self.marked.insert(doc);
        }
    }

    /// The documents chosen on accepting: the marked ones in path order, or the selected one.
    pub fn chosen(&self) -> Vec<usize> {
        if self.marked.is_empty() {
            self.selected_doc().into_iter().collect()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    /// The position of the match drawn on row `row` of the pane (counted from the first row
    /// of matches), when a match takes `rows_per_match` rows.
    pub fn position_at_row(&self, row: usize, rows_per_match: usize) -> Option<usize> {
        let position = self.top + row / rows_per_match.max(1);
        (position < self.matches.len()).then_some(position)
    }
}
