//! The concordance's order: `s` through document order and the words left, right and of the
//! hit; `S` sort levels written by the user (`1R 2R 1L`). A sort runs in the background over
//! the whole concordance (also while a sample or one category shows part), and the line
//! selected stays selected wherever it goes.

use super::Shown;
use super::concordance::ConcordanceView;
use crate::app::save::{Prompt, PromptKind};
use crate::app::{App, Effect, JobRequest};
use crate::study::sort::{HitOrder, HitsSorted, SortHitsRequest};
use crate::work::job::Ticket;
use std::sync::Arc;

impl App {
    /// Sorts the concordance shown in its next order, in the background.
    pub(super) fn cycle_hit_order(&mut self) {
        let Some(Shown { view, .. }) = self.top_view::<ConcordanceView>() else {
            return;
        };
        // Pressed again before a sort ends: on from the order it sorts in.
        let order = view
            .sorting
            .as_ref()
            .map_or(&view.order, |(_, order)| order)
            .next();
        self.sort_concordance(order);
    }

    /// Takes a sorted concordance, if it is the sort asked for last.
    pub(in crate::app) fn hits_sorted(&mut self, sorted: HitsSorted) {
        let page = self.study_rows();
        let sorted_now = |shown: &&mut Shown<ConcordanceView>| {
            shown.view.sorting.as_ref().map(|(ticket, _)| *ticket) == Some(sorted.ticket)
        };
        let Some(shown) = self.views_mut::<ConcordanceView>().find(sorted_now) else {
            return;
        };
        let (view, cursor) = (&mut shown.view, &mut shown.cursor);
        // The hit selected stays selected, wherever the sort put it.
        let selected = view.hits.get(cursor.selected).copied();
        let hits = Arc::new(sorted.hits);
        match view.curation.all.is_some() {
            true => view.curation.all = Some(hits),
            false => view.hits = hits,
        }
        let label = sorted.order.label();
        view.order = sorted.order;
        view.sorting = None;
        view.show_curated(page, cursor);
        let position = selected.and_then(|hit| view.hits.iter().position(|h| *h == hit));
        cursor.move_to(position.unwrap_or(0), view.hits.len(), page);
        self.screen.say(format!("sorted {label}"));
    }

    /// `S`: asks for sort levels.
    pub(in crate::app) fn ask_sort_levels(&mut self) {
        if self.concordance_mut().is_some() {
            self.screen.prompt = Some(Prompt::new(PromptKind::SortLevels));
        }
    }

    /// Sorts the concordance by the levels written (`1R 2R 1L`).
    pub(in crate::app) fn sort_by_levels(&mut self, text: &str) {
        match HitOrder::parse(text) {
            Ok(order) => self.sort_concordance(order),
            Err(why) => self.screen.say(format!("not sorted: {why}")),
        }
    }

    /// Sorts the concordance shown in `order`, in the background (the whole of it, when a
    /// sample or a category shows part).
    pub(in crate::app) fn sort_concordance(&mut self, order: HitOrder) {
        let ticket = Ticket::new();
        let docs = self.corpus.docs.clone();
        if !self.concordance_complete("sort") {
            return;
        }
        let Some(shown) = self.concordance_mut() else {
            return;
        };
        let view = &mut shown.view;
        view.sorting = Some((ticket, order.clone()));
        let hits = view
            .curation
            .all
            .clone()
            .unwrap_or_else(|| Arc::clone(&view.hits));
        let request = SortHitsRequest {
            ticket,
            docs,
            hits,
            order: order.clone(),
        };
        self.screen.say(format!("sorting {}…", order.label()));
        self.ask(Effect::Job(JobRequest::SortHits(request)));
    }
}
