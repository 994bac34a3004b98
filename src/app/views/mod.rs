//! The study-view protocol. What every view has — the cursor, the ticket of the work that
//! makes it, what it is of and its label — is [`Shown`]; what differs is a [`StudyView`]:
//! the request it sends to the background and how that is served, taking the news, its rows
//! as a [`Table`], opening a row, its other order, and what saving it writes. The app keeps
//! the views as `dyn AnyView`, so nothing outside a view's own file names its kind but the
//! one table below (`open_view`), and forgetting a part of a new view fails to compile.
//!
//! A new view: its computation in `study/`, a file here implementing `StudyView` (and its
//! `mod` line and row in `open_view` below), a `StudyKind` and its key in `keys/`.

mod alike;
mod collocates;
mod concordance;
mod concordance_lines;
mod concordance_order;
mod copies_side;
mod counts;
mod job;
mod plot;
mod word_rows;
mod words;

use super::subcorpus::{Within, scope_label};
use super::{App, Effect, JobRequest};
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::search::query::Query;
use crate::study::batch::BatchRow;
use crate::study::concordance::Near;
use crate::study::matching::Scope;
use crate::study::save::Saving;
use crate::study::words::keyness::KeywordRow;
use crate::study::words::ngrams::NgramRow;
use crate::study::words::wordlist::WordRow;
use crate::text::sanitize::sanitize_line;
use crate::work::job::{Cancel, Ticket};
use alike::AlikeView;
use collocates::CollocatesView;
use concordance::ConcordanceView;
use copies_side::CopiesView;
use counts::CountsView;
pub(crate) use job::{ViewJob, ViewNews};
use plot::PlotView;
use std::any::Any;
use std::sync::Arc;
use words::WordsView;

/// What a view is of: the text query, and for a concordance opened from a collocate, the
/// word near the hits.
#[derive(Clone, Debug)]
pub(crate) struct ViewOf {
    pub(crate) query: Query,
    pub(crate) near: Option<Near>,
    /// The subcorpus it is of (None: the whole corpus).
    pub(crate) within: Option<Arc<Within>>,
    /// For n-grams: how many words (None: the default).
    pub(crate) n: Option<usize>,
    /// For a batch view: the file's queries.
    pub(crate) batch: Option<Arc<crate::study::batch::BatchAsk>>,
    /// For the views of one document (its copies, those like it): which.
    pub(crate) doc: Option<usize>,
}

impl ViewOf {
    /// What the heading says it is of: `party`, or `party near "communist"`.
    pub(crate) fn label(&self) -> String {
        let query = sanitize_line(self.query.typed());
        match &self.near {
            Some(near) => format!("{query} near \"{}\"", sanitize_line(&near.word)),
            None => query,
        }
    }
}

/// The selected row of a view and the first row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub selected: usize,
    pub top: usize,
}

impl Cursor {
    /// Moves by `rows` within `len` rows, keeping the selection within a page of `page` rows.
    pub(crate) fn move_by(&mut self, rows: isize, len: usize, page: usize) {
        self.move_to(self.selected.saturating_add_signed(rows), len, page);
    }

    pub(crate) fn move_to(&mut self, row: usize, len: usize, page: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.keep_visible(page);
    }

    pub(crate) fn keep_visible(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + page {
            self.top = self.selected + 1 - page;
        }
    }

    /// The rows of `rows` on a page of `page` from the top, each with whether it is selected.
    pub(crate) fn on_screen<'a, T>(
        &self,
        rows: &'a [T],
        page: usize,
    ) -> impl Iterator<Item = (&'a T, bool)> {
        let selected = self.selected;
        rows.iter()
            .enumerate()
            .skip(self.top)
            .take(page)
            .map(move |(at, row)| (row, at == selected))
    }
}

/// How a piece of a row is drawn: the theme decides the colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// The hit, a bar: what the view is about.
    Hit,
    /// A column rule.
    Rule,
    /// Words one copy has and the other has not, or has others in their place.
    Removed,
    Added,
    Changed,
}

/// A row of a view's table: its pieces, and whether it is the selected one.
#[derive(Debug, Default)]
pub struct Row {
    pub pieces: Vec<(String, Tone)>,
    pub selected: bool,
}

/// What a view shows: a heading (what it is of, how many, progress), the columns' names and
/// the rows on screen. Made when drawn, for the rows on screen only.
#[derive(Debug, Default)]
pub struct Table {
    pub heading: String,
    pub names: String,
    pub rows: Vec<Row>,
}

/// How far background work has got, for a heading: ` … 40%`.
pub(super) fn progress(done: usize, total: usize) -> String {
    format!(" … {}%", done * 100 / total.max(1))
}

/// What differs between study views.
pub(super) trait StudyView: Sized + Send + 'static {
    /// What the view asks of the background, and the news that comes back.
    type Request: Send + 'static;
    type Found: Send + 'static;
    const KIND: StudyKind;

    /// The view, with nothing in it yet, and the request that makes it.
    fn start(app: &App, of: &ViewOf) -> (Self, Self::Request);
    /// Makes it, on the views' job thread.
    fn serve(request: Self::Request, cancel: &Cancel, deliver: &dyn Fn(Self::Found));
    /// Takes news from the background.
    fn take(&mut self, found: Self::Found);
    /// Rows it has.
    fn len(&self) -> usize;
    /// True while it waits for background work.
    fn waits(&self) -> bool;
    /// The table shown: `width` columns and the rows of `cursor`'s page of `page` rows.
    fn table(
        &self,
        of: &ViewOf,
        docs: &DocStore,
        cursor: Cursor,
        width: usize,
        page: usize,
    ) -> Table;
    /// What saving it writes; None while there is nothing to save.
    fn saving(&self, docs: &DocStore) -> Option<Saving>;
    /// Enter on the selected row.
    fn open(app: &mut App);
    /// `s`: another order or grouping.
    fn cycle(app: &mut App);
    /// Shown again after the view over it was left (work of its own that was stopped is
    /// forgotten).
    fn came_back(&mut self) {}
}

/// A view as the app keeps it.
pub(crate) struct Shown<V> {
    pub(super) cursor: Cursor,
    /// The work that makes it: its news carries this ticket.
    pub(super) ticket: Ticket,
    pub(super) of: ViewOf,
    pub(super) view: V,
}

/// Any view, whatever its kind: what the stack, the keys, the drawing and saving need.
pub(crate) trait AnyView {
    fn kind(&self) -> StudyKind;
    fn ticket(&self) -> Ticket;
    fn of(&self) -> &ViewOf;
    fn cursor_mut(&mut self) -> &mut Cursor;
    fn len(&self) -> usize;
    fn waits(&self) -> bool;
    fn table(&self, docs: &DocStore, width: usize, page: usize) -> Table;
    fn saving(&self, docs: &DocStore) -> Option<Saving>;
    /// What Enter and `s` do (called once the view is no longer borrowed).
    fn on_open(&self) -> fn(&mut App);
    fn on_cycle(&self) -> fn(&mut App);
    fn came_back(&mut self);
    /// Takes news for it; news of another kind is dropped.
    fn take(&mut self, news: Box<dyn Any + Send>);
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<V: StudyView> AnyView for Shown<V> {
    fn kind(&self) -> StudyKind {
        V::KIND
    }

    fn ticket(&self) -> Ticket {
        self.ticket
    }

    fn of(&self) -> &ViewOf {
        &self.of
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self) -> usize {
        self.view.len()
    }

    fn waits(&self) -> bool {
        self.view.waits()
    }

    /// The view's table, its heading led by the subcorpus it is of and that one's size (but
    /// for two documents side by side, which are of no subcorpus).
    fn table(&self, docs: &DocStore, width: usize, page: usize) -> Table {
        let mut table = self.view.table(&self.of, docs, self.cursor, width, page);
        if V::KIND != StudyKind::Copies {
            let scope = scope_label(self.of.within.as_deref(), docs.len());
            table.heading = format!("{scope} · {}", table.heading);
        }
        table
    }

    fn saving(&self, docs: &DocStore) -> Option<Saving> {
        self.view.saving(docs)
    }

    fn on_open(&self) -> fn(&mut App) {
        V::open
    }

    fn on_cycle(&self) -> fn(&mut App) {
        V::cycle
    }

    fn came_back(&mut self) {
        self.view.came_back();
    }

    fn take(&mut self, news: Box<dyn Any + Send>) {
        if let Ok(found) = news.downcast::<V::Found>() {
            self.view.take(*found);
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl App {
    /// Opens the view of `kind` of `of` over the views shown, asking the background for it:
    /// the one place that names every kind.
    pub(super) fn open_view(&mut self, kind: StudyKind, of: ViewOf) {
        match kind {
            StudyKind::Concordance => self.open::<ConcordanceView>(of),
            StudyKind::Counts => self.open::<CountsView>(of),
            StudyKind::Collocates => self.open::<CollocatesView>(of),
            StudyKind::WordList => self.open::<WordsView<WordRow>>(of),
            StudyKind::Keywords => self.open::<WordsView<KeywordRow>>(of),
            StudyKind::Ngrams => self.open::<WordsView<NgramRow>>(of),
            StudyKind::Dispersion => self.open::<PlotView>(of),
            StudyKind::Batch => self.open::<WordsView<BatchRow>>(of),
            StudyKind::Copies => self.open::<CopiesView>(of),
            StudyKind::Alike => self.open::<AlikeView>(of),
        }
    }

    fn open<V: StudyView>(&mut self, of: ViewOf) {
        let ticket = Ticket::new();
        let (view, request) = V::start(self, &of);
        self.push_view(Box::new(Shown {
            cursor: Cursor::default(),
            ticket,
            of,
            view,
        }));
        self.ask(Effect::Job(JobRequest::View(ViewJob::new::<V>(
            ticket, request,
        ))));
    }

    /// Takes news for the view of its ticket, if it is still shown (or under the one shown).
    pub(super) fn view_news(&mut self, news: ViewNews) {
        let view = self
            .study
            .views
            .iter_mut()
            .find(|view| view.ticket() == news.ticket);
        if let Some(view) = view {
            view.take(news.news);
        }
    }

    /// What a view of `of` searches: the documents, the query, the index where built, and the
    /// matching documents when the text search found them all for that very query.
    pub(super) fn scope(&self, of: &ViewOf) -> Scope {
        Scope {
            docs: self.corpus.docs.clone(),
            query: of.query.clone(),
            index: self.work.index.built(),
            matching: self
                .known_matches()
                .filter(|_| of.query == self.query.parsed),
            within: of.within.as_ref().map(|within| Arc::clone(&within.chosen)),
            doc_words: of
                .within
                .as_ref()
                .map(|within| Arc::clone(&within.doc_words)),
        }
    }

    /// The view on top, if it is of kind `V`.
    pub(super) fn top_view<V: StudyView>(&self) -> Option<&Shown<V>> {
        self.study.views.last()?.as_any().downcast_ref()
    }

    pub(super) fn top_view_mut<V: StudyView>(&mut self) -> Option<&mut Shown<V>> {
        self.study.views.last_mut()?.as_any_mut().downcast_mut()
    }

    /// A digit in a view: a concordance line's category, or the n-grams' length.
    pub(super) fn study_digit(&mut self, digit: u8) {
        match self.study.views.last().map(|view| view.kind()) {
            Some(StudyKind::Concordance) => self.categorise(digit),
            Some(StudyKind::Ngrams) if (2..=5).contains(&digit) => {
                self.resize_ngrams(usize::from(digit));
            }
            _ => {}
        }
    }

    /// Makes the n-gram view on top again with n-grams of `n` words.
    fn resize_ngrams(&mut self, n: usize) {
        let Some(shown) = self.top_view::<WordsView<NgramRow>>() else {
            return;
        };
        if shown.view.n != n {
            let of = ViewOf {
                n: Some(n),
                ..shown.of.clone()
            };
            self.open_view(StudyKind::Ngrams, of);
        }
    }

    /// Moves the column chosen in the dispersion plot on top by `by`.
    pub(super) fn move_plot_column(&mut self, by: isize) {
        if let Some(shown) = self.top_view_mut::<PlotView>() {
            shown.view.move_column(by);
        }
    }

    /// The views of kind `V`, the one on top last.
    pub(super) fn views_mut<V: StudyView>(&mut self) -> impl Iterator<Item = &mut Shown<V>> {
        self.study
            .views
            .iter_mut()
            .filter_map(|view| view.as_any_mut().downcast_mut())
    }
}
