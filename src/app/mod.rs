//! What the screen shows, and `App::update`, the only place it changes. Everything that can
//! change it arrives as an [`Update`] — a user's action, the screen's new shape, a result of
//! background work, the editor handing the terminal back — and `update` returns the
//! [`Effect`]s it asks of the world (background work, the clipboard, the editor, leaving),
//! which the event loop carries out. May use `keys`, `study`, `reader`, `copies`, `search`, `store`,
//! `corpus`, `work` and `text`.

mod act;
mod batch;
mod copies;
mod effects;
mod handover;
mod indexing;
mod jobs;
mod list;
mod months;
mod overlay;
mod parts;
mod reading;
mod reads;
mod remembered;
mod remembered_file;
mod save;
mod sorting;
mod study;
mod subcorpus;
mod tags;
mod text_mode;
mod titles;
mod views;

pub use effects::Effect;
pub(crate) use effects::Effects;
pub use effects::{Exit, JobKind, JobRequest};
pub use handover::{Handover, Program};
pub(crate) use jobs::Jobs;
pub(crate) use list::List;
pub use overlay::{Overlay, OverlayKind};
pub(crate) use remembered_file::Changes;
pub use remembered_file::{LastView, Remembered};
pub(crate) use save::{Prompt, PromptKind};
pub use text_mode::SearchIn;
pub(crate) use views::{Table, Tone, ViewNews};

use crate::corpus::Corpus;
use crate::corpus::loader::Loaded;
use crate::keys::action::Action;
use crate::reader::{DocumentHits, Reader, ReaderAsk};
use crate::search::query::{Matching, Query};
use crate::search::text::request::TextFound;
use crate::search::text::terms::content_terms;
use crate::search::titles::order::Sorted;
use crate::search::titles::ranker::Ranked;
use crate::store::Lasting;
use crate::work::job::Ticket;
use indexing::Index;
pub use indexing::IndexNews;
use parts::{Highlight, MonthCounts, QueryLine, Saves, Screen, StudyViews, Work};
use std::sync::Arc;
use text_mode::{ListSource, TextResults};
use titles::Titles;

/// Everything that changes the app.
#[derive(Debug)]
pub enum Update {
    /// What the user asked for, with a key or the mouse.
    User(Action),
    /// The panes' sizes, from the layout of the frame about to be drawn.
    Viewport(Viewport),
    /// More documents from the background loader.
    Loaded(Loaded),
    /// A ranking of the titles from the background.
    Ranked(Ranked),
    /// Matches of a text search so far, from the background.
    TextFound(TextFound),
    /// The index of the documents' words, built in the background or reopened from the
    /// lasting store, or news of it.
    Indexed(IndexNews),
    /// What the background search of the document in the reader found so far.
    DocumentSearched(DocumentHits),
    /// How many lines the big document in the reader has, counted so far.
    LinesCounted(crate::reader::lines::LinesCounted),
    /// The editor or pager ended (and how, when it went wrong).
    HandedBack(Result<(), String>),
    /// Text pasted into the terminal (bracketed paste), as the terminal sent it.
    Pasted(String),
    /// The list's matches sorted in its order, from the background.
    Sorted(Sorted),
    /// News from the work making a study view (how far it has got, what it found).
    ViewNews(ViewNews),
    /// A concordance sorted, from the background.
    HitsSorted(crate::study::sort::HitsSorted),
    /// How saving a view to a file went.
    Saved(crate::study::save::Saved),
    /// A subcorpus's documents and size found, or what is wrong with it.
    SubcorpusChosen(subcorpus::Chosen),
    /// The corpus's copies found, or how far finding them has come.
    CopiesFound(copies::CopiesNews),
}

/// How big the panes are, as the app needs to know: a page of the list, the reader's text
/// area, and how far the overlay shown can scroll.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Viewport {
    /// Rows of the list below its query line (0 when the list is hidden).
    pub list_rows: usize,
    pub reader_width: usize,
    pub reader_height: usize,
    /// The largest useful scroll of the overlay shown.
    pub overlay_limit: usize,
    /// The line of the help where each mode's keys start (in the order of
    /// `keys::keymap::HELP_MODES`), and the help's largest useful scroll.
    pub help_starts: [usize; 5],
    pub help_limit: usize,
    /// Rows of a study view's table, and its width.
    pub study_rows: usize,
    pub study_width: usize,
}

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    /// A study view (concordance, counts, collocates) takes the screen.
    Study,
}

/// How the app starts, besides the corpus.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    /// Words always highlighted in the reader (`--keyword`).
    pub keywords: Vec<String>,
    /// The starting query (`--query`).
    pub query: String,
    /// True while the loader is still finding documents.
    pub loading: bool,
    /// Memory for the index of the documents' words, in bytes; 0 for none.
    pub index_budget: usize,
    /// The corpus's lasting store, when one is kept: the index comes from it and goes to it.
    pub lasting: Option<Arc<Lasting>>,
    /// How plain query words match titles (`--exact`).
    pub matching: Matching,
    /// What was remembered of the corpus from the last run; None when nothing is to be
    /// remembered (`--no-state`).
    pub remembered: Option<Remembered>,
    /// A note for the status bar at start (a damaged state file).
    pub note: Option<String>,
    /// The subcorpus the study views are of (`--in`), chosen once the corpus is all there.
    pub subcorpus: Option<String>,
    /// How `c` cites a concordance line.
    pub citation: crate::study::cite::CitationFormat,
    /// What makes two documents copies.
    pub copies: crate::copies::Thresholds,
    /// Copies collapsed from the start (`--collapse`).
    pub collapse: bool,
}

/// The app: the corpus, the list and the reader beside the parts that own the rest of what
/// is shown (see `parts`); each changed by the methods of its own file, all through `update`.
pub struct App {
    corpus: Corpus,
    query: QueryLine,
    list: List,
    work: Work,
    highlight: Highlight,
    reader: Reader,
    screen: Screen,
    study: StudyViews,
    save: Saves,
    months: MonthCounts,
    /// What is remembered from one run to the next.
    memory: remembered::Memory,
    /// What the update under way asks for: returned by `update`, so always empty between
    /// updates.
    asked: Effects,
}

impl App {
    /// The app over `corpus`, and what it asks for at once (ranking a starting query, building
    /// the index of a corpus already loaded).
    pub fn new(corpus: Corpus, setup: Setup) -> (App, Effects) {
        let mut app = App {
            corpus,
            query: QueryLine {
                typed: setup.query,
                parsed: Query::default(),
                terms: Vec::new(),
                matching: setup.matching,
                source: ListSource::Titles,
                selected: false,
            },
            list: List::default(),
            work: Work {
                loading: setup.loading,
                ticket: Ticket::new(),
                ranking: false,
                pending_sort: None,
                titles: Titles::default(),
                text: TextResults::default(),
                index: Index::new(setup.index_budget, setup.lasting.clone()),
                copies: copies::CopiesWork::new(
                    setup.copies,
                    setup.lasting.clone(),
                    setup.collapse,
                ),
            },
            highlight: Highlight::default(),
            reader: Reader::default(),
            screen: Screen {
                focus: Focus::List,
                viewport: Viewport::default(),
                prompt: None,
                last_search: String::new(),
                overlay: None,
                message: None,
            },
            study: StudyViews::default(),
            save: Saves::default(),
            months: MonthCounts {
                span: (usize::MAX, Vec::new()),
                counted: None,
            },
            memory: remembered::Memory::default(),
            asked: Effects::new(),
        };
        // The starting query is ranked at once, before the first frame: only the first
        // documents are there yet (the rest are ranked as they arrive).
        app.parse_query();
        app.set_keywords(setup.keywords);
        let keep_query = !app.query.typed.is_empty();
        app.study.pending_within = setup.subcorpus;
        app.study.citation = setup.citation;
        if let Some(remembered) = setup.remembered {
            app.restore(remembered, keep_query);
        }
        match app.query.source.query_in() {
            SearchIn::Titles => app.rank_here(),
            SearchIn::Text => app.refilter(),
        }
        if let Some(note) = setup.note {
            app.screen.say(note);
        }
        app.ask_for_the_reader();
        app.start_index_if_loaded();
        app.settle_subcorpus();
        let effects = std::mem::take(&mut app.asked);
        (app, effects)
    }

    pub fn update(&mut self, update: Update) -> Effects {
        match update {
            Update::User(action) => self.act(action),
            Update::Viewport(viewport) => self.fit(viewport),
            Update::Loaded(loaded) => self.load(loaded),
            Update::Ranked(ranked) => self.ranked(ranked),
            Update::TextFound(found) => self.text_found(found),
            Update::Indexed(news) => self.index_news(news),
            Update::DocumentSearched(news) => {
                if let Some(news) = self.reader.take_hits(news) {
                    self.screen.say(news);
                }
            }
            Update::LinesCounted(counted) => self.reader.take_lines_counted(counted),
            Update::HandedBack(outcome) => self.handed_back(outcome),
            Update::Pasted(text) => self.paste(&text),
            Update::Sorted(sorted) => self.sorted(sorted),
            Update::ViewNews(news) => self.view_news(news),
            Update::HitsSorted(sorted) => self.hits_sorted(sorted),
            Update::SubcorpusChosen(chosen) => self.subcorpus_chosen(chosen),
            Update::CopiesFound(news) => self.copies_news(news),
            Update::Saved(saved) => self.saved(saved),
        }
        self.save_when_complete();
        self.fill_passages();
        self.fill_contexts();
        self.ask_for_the_reader();
        std::mem::take(&mut self.asked)
    }

    /// Changes the query with `edit` and filters again.
    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        edit(&mut self.query.typed);
        self.stop_stepping();
        self.refilter();
    }

    /// Filters again for the query as it is now (parsed here, once): its titles or its text.
    fn refilter(&mut self) {
        // The marks alone are shown until the query changes.
        self.query.source = ListSource::of_query(self.query.source.query_in());
        self.parse_query();
        self.find_query_words();
        match self.query.source.query_in() {
            SearchIn::Titles => self.refilter_titles(),
            SearchIn::Text => self.refilter_text(),
        }
    }

    /// Parses the query as it is now, once, for titles and for text.
    fn parse_query(&mut self) {
        self.query.parsed = Query::parse_with(&self.query.typed, self.query.matching);
        self.query.terms = content_terms(&self.query.parsed);
    }

    /// Carries out what the reader asked of the background (counting a big document's
    /// lines, searching it, stopping either).
    fn ask_for_the_reader(&mut self) {
        for ask in self.reader.take_asks() {
            let request = match ask {
                ReaderAsk::CountLines(count) => JobRequest::CountLines(count),
                ReaderAsk::StopCounting => JobRequest::Stop(JobKind::CountLines),
                ReaderAsk::Search(search) => JobRequest::SearchDocument(search),
                ReaderAsk::StopSearching => JobRequest::Stop(JobKind::SearchDocument),
            };
            self.ask(Effect::Job(request));
        }
    }

    fn ask(&mut self, effect: Effect) {
        self.asked.push(effect);
    }

    /// Takes the panes' new sizes: the reader wraps its text again, the selection stays in view.
    fn fit(&mut self, viewport: Viewport) {
        self.screen.viewport = viewport;
        self.reader
            .set_viewport(viewport.reader_width, viewport.reader_height);
        self.list.keep_visible(self.list_rows());
    }

    /// Takes documents the background loader found: they join the list in their ranked place
    /// for the current query, and the selected document stays selected.
    fn load(&mut self, loaded: Loaded) {
        let first_new = self.corpus.docs.len();
        for docs in loaded.docs {
            self.corpus.docs.append_listed(docs);
        }
        self.corpus.skipped.append(loaded.skipped);
        self.work.loading = !loaded.finished;
        if loaded.finished && self.corpus.docs.is_empty() {
            let skipped = self.corpus.skipped.len();
            self.ask(Effect::Exit(Exit::NothingFound { skipped }));
            return;
        }
        self.mark_remembered(first_new);
        self.start_index_if_loaded();
        self.settle_subcorpus();
        // Views made while loading covered the documents then: made again over all of them.
        if loaded.finished && !self.study.views.is_empty() {
            self.remake_study_views();
        }
        match self.query.source {
            ListSource::Titles => self.load_in_title_mode(first_new),
            ListSource::Text => self.load_in_text_mode(first_new),
            // The list shows the marked documents alone until the query changes.
            ListSource::Marked { .. } => {}
        }
    }

    /// Selects the row at `position` because the user asked to.
    fn move_to(&mut self, position: usize) {
        // The list's document, whatever a concordance opened.
        self.study.reader_opened = false;
        self.work.text.selection_moved();
        self.list.select(position, self.list_rows());
        self.sync_reader();
    }

    /// Matches a page of the list holds (at least one).
    pub(super) fn list_rows(&self) -> usize {
        (self.screen.viewport.list_rows / self.rows_per_match()).max(1)
    }

    /// Rows of the list one match takes: in text mode two, its title and its passage.
    fn rows_per_match(&self) -> usize {
        if self.shows_passages() { 2 } else { 1 }
    }

    fn set_focus(&mut self, focus: Focus) {
        self.screen.focus = focus;
        self.screen.prompt = None;
    }
}
