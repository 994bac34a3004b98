//! The concordance view: every hit of the text query with its context, streaming in from the
//! background in document order, sortable by the words left or right of the hit or by the hit
//! as written; Enter opens the reader at the very hit (back returns to the same row), `c`
//! copies it as a citation. Contexts are read only for the rows on screen.

use super::concordance_lines::Curation;
use super::{Cursor, Row, Shown, StudyView, Table, Tone, ViewOf, progress};
use crate::app::{App, Effect, Focus};
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::search::query::Query;
use crate::search::text::terms::positive_terms;
use crate::study::cite::{Cited, cite, sentence_around};
use crate::study::concordance::{self, ConcordanceRequest, HitsFound};
use crate::study::context::{Around, Neighbourhood, Reach};
use crate::study::hit::CorpusHit;
use crate::study::save::Saving;
use crate::study::sort::HitOrder;
use crate::text::columns::{pad, plural, thousands};
use crate::text::fit::{prefix_fitting, truncate_with_ellipsis, width};
use crate::text::sanitize::sanitize_line;
use crate::work::job::{Cancel, Ticket};
use crate::work::pool;
use std::collections::HashMap;
use std::sync::Arc;

/// A concordance as shown.
#[derive(Debug)]
pub(crate) struct ConcordanceView {
    /// The lines shown (all of them, or the sample's, or one category's).
    pub(super) hits: Arc<Vec<CorpusHit>>,
    /// Documents with hits so far, and the last one counted (hits come in document order).
    documents: usize,
    last_doc: Option<usize>,
    done: bool,
    capped: bool,
    /// Matching documents searched, of how many.
    progress: (usize, usize),
    pub(super) order: HitOrder,
    /// The sort under way, by ticket, and the order it sorts in.
    pub(super) sorting: Option<(Ticket, HitOrder)>,
    /// The text around the hits on screen.
    contexts: HashMap<CorpusHit, Around>,
    /// Categories, sample, category shown.
    pub(super) curation: Curation,
}

impl ConcordanceView {
    /// True once every hit is in.
    pub(super) fn done(&self) -> bool {
        self.done
    }
}

/// Characters of context read each side of a hit on screen: more than a wide row shows.
const SCREEN_CONTEXT: usize = 160;

/// Characters read each side of a hit cited, to find its whole sentence (a sentence longer
/// than this is quoted from where the reading stopped).
const CITED_CONTEXT: usize = 1000;

impl StudyView for ConcordanceView {
    type Request = ConcordanceRequest;
    type Found = HitsFound;
    const KIND: StudyKind = StudyKind::Concordance;

    fn start(app: &App, of: &ViewOf) -> (Self, ConcordanceRequest) {
        let request = ConcordanceRequest {
            scope: app.scope(of),
            near: of.near.clone(),
        };
        let view = ConcordanceView {
            hits: Arc::new(Vec::new()),
            documents: 0,
            last_doc: None,
            done: false,
            capped: false,
            progress: (0, 0),
            order: HitOrder::document(),
            sorting: None,
            contexts: HashMap::new(),
            curation: Curation::of(app, of),
        };
        (view, request)
    }

    fn serve(request: ConcordanceRequest, cancel: &Cancel, deliver: &dyn Fn(HitsFound)) {
        concordance::serve(&request, pool::workers(), cancel, deliver);
    }

    fn take(&mut self, found: HitsFound) {
        self.curation.found(&found.hits);
        for hit in &found.hits {
            if self.last_doc != Some(hit.doc()) {
                self.documents += 1;
                self.last_doc = Some(hit.doc());
            }
        }
        let hits = Arc::make_mut(&mut self.hits);
        hits.extend(found.hits);
        if found.done {
            // 16 bytes a hit, not the spare room the vector grew by.
            hits.shrink_to_fit();
        }
        self.progress = (found.searched, found.total);
        self.capped |= found.capped;
        self.done = found.done;
    }

    fn len(&self) -> usize {
        self.hits.len()
    }

    fn waits(&self) -> bool {
        !self.done || self.sorting.is_some()
    }

    fn table(
        &self,
        of: &ViewOf,
        docs: &DocStore,
        cursor: Cursor,
        columns: usize,
        page: usize,
    ) -> Table {
        // The whole concordance's count, also while a sample or one category shows part.
        let hits = self
            .curation
            .all
            .as_ref()
            .map_or(self.hits.len(), |all| all.len());
        let documents = self.documents;
        let more = match self.capped {
            true => " (the most a view keeps; --kwic prints every one)",
            false => "",
        };
        let mut heading = format!(
            "concordance of {}: {}{} hit{}{more} in {} document{}",
            of.label(),
            thousands(hits),
            if self.capped { "+" } else { "" },
            plural(hits),
            thousands(documents),
            plural(documents)
        );
        if let Some((_, order)) = &self.sorting {
            heading.push_str(&format!(" · sorting {}…", order.label()));
        } else if !self.order.is_document() {
            heading.push_str(&format!(" · {}", self.order.label()));
        }
        if self.sorting.is_none() && !self.done {
            let (searched, total) = self.progress;
            heading.push_str(&progress(searched, total));
        }
        heading.push_str(&self.curation.heading(&self.hits));
        // A column of categories, once a line has one.
        let category_width = match self.curation.any() {
            true => 12.min(columns / 6),
            false => 0,
        };
        let columns = columns.saturating_sub(category_width);
        // The document's title at the side, the hit at a fixed column of what is left.
        let side = (columns / 5).clamp(10, 40);
        let text = columns.saturating_sub(side + 3);
        let left = text * 2 / 5;
        let names = format!(
            "  {}{}  {}│ {}",
            pad("category", category_width, false),
            pad("left context", left.saturating_sub(1), true),
            pad("hit · right context", text - left, false),
            "document"
        );
        let rows = cursor
            .on_screen(&self.hits, page)
            .map(|(hit, selected)| {
                let title = docs.get(hit.doc()).map_or("", |doc| doc.title());
                let (before, found, after) = match self.contexts.get(hit) {
                    Some(around) => (
                        around.before.as_str(),
                        around.hit.as_str(),
                        around.after.as_str(),
                    ),
                    None => ("", "…", ""),
                };
                let found = &found[..prefix_fitting(found, text - left)];
                let right_room = (text - left).saturating_sub(width(found));
                let title = pad(&truncate_with_ellipsis(title, side), side, false);
                let category = self.curation.column(hit).unwrap_or_default();
                let category = truncate_with_ellipsis(&category, category_width.saturating_sub(1));
                Row {
                    pieces: vec![
                        (pad(&category, category_width, false), Tone::Hit),
                        (pad(before, left, true), Tone::Plain),
                        (found.to_string(), Tone::Hit),
                        (pad(after, right_room, false), Tone::Plain),
                        (" │ ".to_string(), Tone::Rule),
                        (title, Tone::Plain),
                    ],
                    selected,
                }
            })
            .collect();
        Table {
            heading,
            names,
            rows,
        }
    }

    fn saving(&self, docs: &DocStore) -> Option<Saving> {
        let categories = self.curation.any().then(|| {
            let labels = self
                .hits
                .iter()
                .filter_map(|hit| Some((*hit, self.curation.column(hit)?)))
                .collect();
            Arc::new(labels)
        });
        Some(Saving::Concordance {
            docs: docs.clone(),
            hits: Arc::clone(&self.hits),
            categories,
        })
    }

    /// Opens the reader at the selected hit; back returns to this row.
    fn open(app: &mut App) {
        app.open_hit();
    }

    fn cycle(app: &mut App) {
        app.cycle_hit_order();
    }

    /// A sort under way was stopped with the view over it: the order shown stays.
    fn came_back(&mut self) {
        self.sorting = None;
    }
}

impl App {
    /// Opens the reader at the selected hit; back returns to this row.
    fn open_hit(&mut self) {
        let Some(shown) = self.top_view::<ConcordanceView>() else {
            return;
        };
        let Some(hit) = shown.view.hits.get(shown.cursor.selected).copied() else {
            self.screen.say("no hit to open".to_string());
            return;
        };
        let query = shown.of.query.clone();
        self.read_at_hit(hit, &query);
    }

    /// Opens the reader at `hit` of `query` (the list selecting its document), from a view:
    /// back returns to the view.
    pub(in crate::app) fn read_at_hit(&mut self, hit: CorpusHit, query: &Query) {
        let (label, terms) = (query.typed().to_string(), positive_terms(query));
        let doc = hit.doc();
        if self.reader.doc() != Some(doc) {
            self.open_in_reader(doc);
        }
        // The list selects the document shown (when it lists it), so that the next and
        // previous documents are those beside it.
        if let Some(position) = self.list.matches().iter().position(|&listed| listed == doc) {
            let rows = self.list_rows();
            self.list.select(position, rows);
        }
        let note = self
            .reader
            .search_terms_at(&label, &terms, hit.start(), hit.range().start);
        self.screen.say(note);
        self.study.reader_opened = true;
        self.set_focus(Focus::Reader);
    }

    /// Copies the selected hit's whole sentence, with the document's title, path, line and
    /// date, in the citation format chosen.
    pub(in crate::app) fn copy_citation(&mut self) {
        let Some(shown) = self.top_view::<ConcordanceView>() else {
            self.screen
                .say("cite from a concordance (Ctrl-K)".to_string());
            return;
        };
        let Some(hit) = shown.view.hits.get(shown.cursor.selected).copied() else {
            self.screen.say("no hit to cite".to_string());
            return;
        };
        let docs = &self.corpus.docs;
        let cited = docs.open(hit.doc()).and_then(|opened| {
            let mut source = opened.source;
            let mut near = Neighbourhood::new(&mut source);
            let line = match docs.at(hit.doc()).record {
                Some(record) => record.line as usize,
                None => near.line_of(hit.start())?,
            };
            let around = near.around(hit.start(), hit.range(), Reach::Chars(CITED_CONTEXT))?;
            let page = source.page_at(hit.start());
            Ok((line, page, around))
        });
        let (line, page, around) = match cited {
            Ok(cited) => cited,
            Err(error) => {
                self.screen
                    .say(sanitize_line(&format!("cannot cite: {error}")));
                return;
            }
        };
        let meta = docs.at(hit.doc());
        let path = sanitize_line(&meta.path.to_string_lossy());
        let text = format!("{}{}{}", around.before, around.hit, around.after);
        let at = around.before.len();
        let sentence = sanitize_line(&sentence_around(&text, at..at + around.hit.len()));
        let title = sanitize_line(meta.title());
        let citation = cite(
            self.study.citation,
            &Cited {
                title: &title,
                path: &path,
                line,
                page,
                date: meta.date,
                sentence: &sentence,
            },
        );
        let first = citation.lines().next().unwrap_or_default();
        self.screen.say(format!(
            "copied ({}; C: next format): {first}",
            self.study.citation.label()
        ));
        self.ask(Effect::Copy(citation));
    }

    /// Reads the text around the hits on screen that have none yet.
    pub(in crate::app) fn fill_contexts(&mut self) {
        let rows = self.study_rows();
        // The field, not `top_view_mut`: the documents are read while the view is changed.
        let top = self.study.views.last_mut();
        let Some(Shown { view, cursor, .. }) = top.and_then(|top| top.as_any_mut().downcast_mut())
        else {
            return;
        };
        let view: &mut ConcordanceView = view;
        let top = cursor.top;
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
