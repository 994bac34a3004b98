//! The concordance view: every hit of the text query with its context, streaming in from the
//! background in document order, sortable by the words left or right of the hit or by the hit
//! as written; Enter opens the reader at the very hit (back returns to the same row), `c`
//! copies it as a citation. Contexts are read only for the rows on screen.

use super::study::{Cursor, View};
use super::{App, Effect, Focus, JobRequest};
use crate::search::query::Query;
use crate::search::text::terms::positive_terms;
use crate::study::concordance::{ConcordanceRequest, HitsFound, Near};
use crate::study::context::{Around, Neighbourhood, Reach};
use crate::study::hit::CorpusHit;
use crate::study::sort::{HitOrder, HitsSorted, SortHitsRequest};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Ticket;
use std::collections::HashMap;
use std::sync::Arc;

/// A concordance as shown.
#[derive(Debug)]
pub struct ConcordanceView {
    pub(super) cursor: Cursor,
    pub(super) ticket: Ticket,
    query: Query,
    near: Option<Near>,
    hits: Arc<Vec<CorpusHit>>,
    /// Documents with hits so far, and the last one counted (hits come in document order).
    documents: usize,
    last_doc: Option<usize>,
    done: bool,
    capped: bool,
    /// Matching documents searched, of how many.
    progress: (usize, usize),
    order: HitOrder,
    /// The sort under way, by ticket, and the order it sorts in.
    sorting: Option<(Ticket, HitOrder)>,
    /// The text around the hits on screen.
    contexts: HashMap<CorpusHit, Around>,
}

impl ConcordanceView {
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    pub fn hits(&self) -> &[CorpusHit] {
        &self.hits
    }

    /// The hits, shared (with a save).
    pub(super) fn shared_hits(&self) -> Arc<Vec<CorpusHit>> {
        Arc::clone(&self.hits)
    }

    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// Documents with hits.
    pub fn documents(&self) -> usize {
        self.documents
    }

    pub fn done(&self) -> bool {
        self.done
    }

    pub fn capped(&self) -> bool {
        self.capped
    }

    pub fn progress(&self) -> (usize, usize) {
        self.progress
    }

    pub fn sorting(&self) -> bool {
        self.sorting.is_some()
    }

    pub fn order(&self) -> HitOrder {
        self.order
    }

    /// Forgets a sort under way (its work was stopped): the order shown stays.
    pub(super) fn forget_sort(&mut self) {
        self.sorting = None;
    }

    /// The order a sort under way sorts in.
    pub fn sorting_to(&self) -> Option<HitOrder> {
        self.sorting.map(|(_, order)| order)
    }

    /// What the concordance is of: `party`, or `party near "communist"`.
    pub fn label(&self) -> String {
        let query = sanitize_line(self.query.typed());
        match &self.near {
            Some(near) => format!("{query} near \"{}\"", sanitize_line(&near.word)),
            None => query,
        }
    }

    /// What it was made for: the query, and the word near the hits.
    pub(super) fn made_of(&self) -> (Query, Option<Near>) {
        (self.query.clone(), self.near.clone())
    }

    /// The text around `hit`, once read.
    pub fn context(&self, hit: &CorpusHit) -> Option<&Around> {
        self.contexts.get(hit)
    }
}

/// Characters of context read each side of a hit on screen: more than a wide row shows.
const SCREEN_CONTEXT: usize = 160;

impl App {
    /// Shows the concordance of the text query (of the hits with `near` close by, when given).
    pub(super) fn show_concordance(&mut self, near: Option<Near>) {
        if self.study_query().is_some() {
            self.open_concordance(self.query.parsed.clone(), near);
        }
    }

    /// Shows the concordance of `query` (with `near`), asking the background for it.
    pub(super) fn open_concordance(&mut self, query: Query, near: Option<Near>) {
        let matching = self.known_matches().filter(|_| query == self.query.parsed);
        let ticket = Ticket::new();
        let request = ConcordanceRequest {
            ticket,
            docs: self.corpus.docs.clone(),
            query: query.clone(),
            index: self.work.index.built(),
            matching,
            near: near.clone(),
        };
        self.push_view(View::Concordance(ConcordanceView {
            cursor: Cursor::default(),
            ticket,
            query,
            near,
            hits: Arc::new(Vec::new()),
            documents: 0,
            last_doc: None,
            done: false,
            capped: false,
            progress: (0, 0),
            order: HitOrder::Document,
            sorting: None,
            contexts: HashMap::new(),
        }));
        self.ask(Effect::Job(JobRequest::Concordance(request)));
    }

    /// Takes hits from the background, if their concordance is still shown.
    pub(super) fn concordance_found(&mut self, found: HitsFound) {
        let Some(View::Concordance(view)) = self.view_made_by(found.ticket) else {
            return;
        };
        for hit in &found.hits {
            if view.last_doc != Some(hit.doc()) {
                view.documents += 1;
                view.last_doc = Some(hit.doc());
            }
        }
        let hits = Arc::make_mut(&mut view.hits);
        hits.extend(found.hits);
        if found.done {
            // 16 bytes a hit, not the spare room the vector grew by.
            hits.shrink_to_fit();
        }
        view.progress = (found.searched, found.total);
        view.capped |= found.capped;
        view.done = found.done;
    }

    /// Sorts the concordance shown in its next order, in the background.
    pub(super) fn cycle_hit_order(&mut self) {
        let ticket = Ticket::new();
        let docs = self.corpus.docs.clone();
        let Some(View::Concordance(view)) = self.study.views.last_mut() else {
            return;
        };
        if !view.done {
            self.screen.message =
                Some("the concordance is still being made: sort once it is".into());
            return;
        }
        // Pressed again before a sort ends: on from the order it sorts in.
        let order = view.sorting.map_or(view.order, |(_, order)| order).next();
        view.sorting = Some((ticket, order));
        let request = SortHitsRequest {
            ticket,
            docs,
            hits: Arc::clone(&view.hits),
            order,
        };
        self.screen.message = Some(format!("sorting {}…", order.label()));
        self.ask(Effect::Job(JobRequest::SortHits(request)));
    }

    /// Takes a sorted concordance, if it is the sort asked for last.
    pub(super) fn hits_sorted(&mut self, sorted: HitsSorted) {
        let page = self.study_rows();
        let Some(view) = self.study.views.iter_mut().find_map(|view| match view {
            View::Concordance(view) if view.sorting.map(|(g, _)| g) == Some(sorted.ticket) => {
                Some(view)
            }
            _ => None,
        }) else {
            return;
        };
        // The hit selected stays selected, wherever the sort put it.
        let selected = view.hits.get(view.cursor.selected).copied();
        view.hits = Arc::new(sorted.hits);
        view.order = sorted.order;
        view.sorting = None;
        let position = selected.and_then(|hit| view.hits.iter().position(|h| *h == hit));
        view.cursor
            .move_to(position.unwrap_or(0), view.hits.len(), page);
        self.screen.message = Some(format!("sorted {}", sorted.order.label()));
    }

    /// Opens the reader at the selected hit; back returns to this row.
    pub(super) fn open_hit(&mut self) {
        let Some(View::Concordance(view)) = self.study.views.last() else {
            return;
        };
        let Some(hit) = view.hits.get(view.cursor.selected).copied() else {
            self.screen.message = Some("no hit to open".to_string());
            return;
        };
        let (label, terms) = (view.query.typed().to_string(), positive_terms(&view.query));
        let doc = hit.doc();
        if self.reader.doc() != Some(doc) {
            let opened = self.corpus.docs.open(doc);
            self.reader
                .open(doc, &self.corpus.docs[doc], &self.corpus.root, opened);
        }
        // The list selects the document shown (when it lists it), so that the next and
        // previous documents are those beside it.
        if let Some(position) = self.list.matches().iter().position(|&listed| listed == doc) {
            let rows = self.list_rows();
            self.list.select(position, rows);
        }
        let begun = self
            .reader
            .search_terms_at(&label, &terms, hit.start(), hit.range().start);
        self.ask_to_search(begun.background);
        self.screen.message = Some(begun.note);
        self.study.reader_opened = true;
        self.set_focus(Focus::Reader);
    }

    /// Copies the selected hit as `PATH:LINE: text` to the clipboard.
    pub(super) fn copy_citation(&mut self) {
        let Some(View::Concordance(view)) = self.study.views.last() else {
            self.screen.message = Some("cite from a concordance (Ctrl-K)".to_string());
            return;
        };
        let Some(hit) = view.hits.get(view.cursor.selected).copied() else {
            self.screen.message = Some("no hit to cite".to_string());
            return;
        };
        let docs = &self.corpus.docs;
        let cited = docs.open(hit.doc()).and_then(|opened| {
            let mut source = opened.source;
            let mut near = Neighbourhood::new(&mut source);
            let line = match docs[hit.doc()].record {
                Some(record) => record.line as usize,
                None => near.line_of(hit.start())?,
            };
            let around = near.around(hit.start(), hit.range(), Reach::Chars(80))?;
            Ok((line, around))
        });
        let (line, around) = match cited {
            Ok(cited) => cited,
            Err(error) => {
                self.screen.message = Some(sanitize_line(&format!("cannot cite: {error}")));
                return;
            }
        };
        let meta = &docs[hit.doc()];
        let path = sanitize_line(&meta.path.to_string_lossy());
        let text = format!("{}{}{}", around.before, around.hit, around.after);
        let citation = format!("{path}:{line}: {}", text.trim());
        self.screen.message = Some(format!("copied: {citation}"));
        self.ask(Effect::Copy(citation));
    }

    /// Reads the text around the hits on screen that have none yet.
    pub(super) fn fill_contexts(&mut self) {
        let rows = self.study_rows();
        let Some(View::Concordance(view)) = self.study.views.last_mut() else {
            return;
        };
        let top = view.cursor.top;
        let missing: Vec<CorpusHit> = view
            .hits
            .iter()
            .skip(top)
            .take(rows)
            .filter(|hit| !view.contexts.contains_key(hit))
            .copied()
            .collect();
        if missing.is_empty() {
            return;
        }
        // Only the rows near the screen are kept.
        if view.contexts.len() > 4 * rows + 64 {
            view.contexts.clear();
        }
        let docs = &self.corpus.docs;
        let mut open: Option<(usize, crate::corpus::source::Source)> = None;
        for hit in missing {
            if open.as_ref().is_none_or(|(doc, _)| *doc != hit.doc()) {
                open = docs.open(hit.doc()).ok().map(|o| (hit.doc(), o.source));
            }
            // A document gone since is shown without context.
            let around = match &mut open {
                Some((_, source)) => Neighbourhood::new(source)
                    .around(hit.start(), hit.range(), Reach::Chars(SCREEN_CONTEXT))
                    .unwrap_or_default(),
                None => Around::default(),
            };
            view.contexts.insert(hit, around);
        }
    }
}
