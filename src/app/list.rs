//! The list as the user sees it: which documents match and in which order, the selected row,
//! the row at the top of the pane, and the marked documents. Plain data and arithmetic; what to
//! rank or search is the app's business.

use crate::corpus::store::DocStore;
use crate::search::titles::order::Order;
use crate::search::titles::ranking::{Scored, merge, ranks_before};
use std::collections::BTreeSet;

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

    /// Shows `ranked` (best first, or in any order when another order is chosen) in the chosen
    /// order.
    pub fn show(&mut self, mut ranked: Vec<Scored>, docs: &DocStore) {
        if self.order != Order::Relevance {
            self.order.sort(&mut ranked, docs);
        }
        (self.scores, self.matches) = ranked.into_iter().unzip();
    }

    /// Takes the matches among documents that just arrived, in their ranked place, keeping the
    /// selected document selected; `rows` is a page of the list.
    pub fn join(&mut self, new: Vec<Scored>, docs: &DocStore, rows: usize) {
        let last = self
            .scores
            .last()
            .copied()
            .zip(self.matches.last().copied());
        let after_all = self.order == Order::Relevance
            && new
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
            self.show(merge(old, new), docs);
            self.reselect(selected_doc, rows);
        }
    }

    /// Appends documents without ranking them (every document matches an empty text query).
    pub fn append(&mut self, docs: std::ops::Range<usize>) {
        for index in docs {
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
    pub fn to_top(&mut self) {
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
    }

    /// Sorts the list in the next order (relevance, title, date, path, length), keeping the
    /// selected document selected.
    pub fn cycle_order(&mut self, docs: &DocStore, rows: usize) -> Order {
        self.order = self.order.next();
        let selected_doc = self.selected_doc();
        let mut matches: Vec<Scored> = self.scores.drain(..).zip(self.matches.drain(..)).collect();
        // Back to relevance, the matches are ranked again by their scores.
        self.order.sort(&mut matches, docs);
        (self.scores, self.matches) = matches.into_iter().unzip();
        self.reselect(selected_doc, rows);
        self.order
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
