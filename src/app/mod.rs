//! All of folio's interactive state and `App::update`, the only place it changes. Each
//! `Action` re-filters, moves the selection, scrolls or searches, then the view is redrawn
//! from this state.

mod external;
mod pointer;
mod text;

pub use external::{External, Program};
use text::TextResults;
pub use text::{IndexStart, SearchIn};

use crate::corpus::loader::Loaded;
use crate::corpus::store::DocStore;
use crate::corpus::{Corpus, Skipped};
use crate::keys::action::{Action, Mode};
use crate::reader::Reader;
use crate::search::query::{self, Query};
use crate::search::text::index::TextIndex;
use crate::search::text::searcher::TextSearcher;
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::order::Order;
use crate::search::titles::ranker::{Narrowing, RankRequest, Ranked, Ranker};
use crate::search::titles::ranking::{Memo, Scored, merge, ranking_of, ranks_before};
use crate::text::sanitize::sanitize_line;
use crate::ui::layout;
use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

/// True for two spellings of one word, ignoring case ("CAFÉ", "café").
fn same_word(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Matches kept in all by the recent rankings (24 bytes each: 48 MB at most).
const RECENT_MATCHES: usize = 2_000_000;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// What an overlay shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    /// The files that were skipped while loading, and why.
    Skipped,
}

/// A box over the panes, scrolled by `scroll` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overlay {
    pub kind: OverlayKind,
    pub scroll: usize,
}

/// How the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Esc on an empty query: nothing chosen (status 130, as fzf).
    Quit,
    /// Ctrl-C; the process exits with status 130 as shells expect.
    Interrupted,
    /// Documents chosen ([`App::accepted`]): their paths are printed, status 0.
    Accept,
}

pub struct App {
    /// The user's path, which folders are shown relative to.
    pub root: PathBuf,
    pub docs: DocStore,
    pub skipped: Vec<Skipped>,
    /// Words from `--keyword`, always highlighted in the reader.
    pub keywords: Vec<String>,
    filter: TitleFilter,
    /// Whether the query searches the titles or the documents' text (Ctrl-F).
    pub search_in: SearchIn,
    /// The text search shown, in text mode.
    text: TextResults,
    /// Searches the text in the background when set (the real terminal).
    text_searcher: Option<TextSearcher>,
    /// The index of the documents' words, once built; how to start building it once loaded;
    /// and whether it is being built.
    index: Option<Arc<TextIndex>>,
    index_start: Option<IndexStart>,
    pub indexing: bool,
    pub query: String,
    /// `query` parsed, made again whenever it changes (each change goes through `refilter`).
    parsed: Query,
    /// Indices into `docs` of the documents matching the query, best first.
    pub matches: Vec<usize>,
    /// The score of each of `matches`, to merge documents that arrive later in their place.
    scores: Vec<i64>,
    /// True while the loader is still finding documents.
    pub loading: bool,
    /// Ranks in the background when set (the real terminal); tests rank on the spot.
    ranker: Option<Ranker>,
    /// The generation of the newest query sent to the ranker.
    generation: u64,
    /// True while a ranking for the current query is under way.
    pub ranking: bool,
    /// The last query ranked in full, its matches in index order, and the document count then:
    /// a query that extends it needs to rank only those.
    last_ranked: Option<(Query, Memo, usize)>,
    /// Recent rankings (query, matches, document count), newest last: going back to one of
    /// these queries (Backspace, retyping) shows it at once instead of ranking again.
    recent: VecDeque<(Query, Memo, usize)>,
    /// Position in `matches` of the selected document.
    pub selected: usize,
    /// The order of the list: relevance unless the user chose another.
    pub order: Order,
    /// Documents marked (Tab) to be printed on accepting.
    pub marked: BTreeSet<usize>,
    /// The documents chosen on accepting: the marked ones in path order, or the selected one.
    pub accepted: Vec<usize>,
    /// First row of `matches` shown in the list.
    pub list_top: usize,
    pub focus: Focus,
    pub reader: Reader,
    /// The reader's `/` prompt while it is open.
    pub search_prompt: Option<String>,
    last_search: String,
    /// The overlay shown over the panes (help, skipped files), if any.
    pub overlay: Option<Overlay>,
    /// A one-off note for the status bar; cleared by the next key.
    pub message: Option<String>,
    /// Text to put on the clipboard, taken by the event loop (which owns the terminal).
    clipboard: Option<String>,
    /// A program to run on the document, taken by the event loop (which owns the terminal).
    external: Option<External>,
    pub exit: Option<Exit>,
    pub size: (u16, u16),
}

impl App {
    pub fn new(corpus: Corpus, keywords: Vec<String>, query: String) -> Self {
        let mut app = App {
            root: corpus.root,
            docs: corpus.docs,
            skipped: corpus.skipped,
            keywords,
            filter: TitleFilter::default(),
            search_in: SearchIn::Titles,
            text: TextResults::default(),
            text_searcher: None,
            index: None,
            index_start: None,
            indexing: false,
            query,
            parsed: Query::default(),
            matches: Vec::new(),
            scores: Vec::new(),
            loading: false,
            ranker: None,
            generation: 0,
            ranking: false,
            last_ranked: None,
            recent: VecDeque::new(),
            selected: 0,
            order: Order::Relevance,
            marked: BTreeSet::new(),
            accepted: Vec::new(),
            list_top: 0,
            focus: Focus::List,
            reader: Reader::default(),
            search_prompt: None,
            last_search: String::new(),
            overlay: None,
            message: None,
            clipboard: None,
            external: None,
            exit: None,
            size: (0, 0),
        };
        app.reader.set_keywords(app.keywords.clone());
        app.refilter();
        app
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.overlay.is_some() {
            Mode::Overlay
        } else if self.search_prompt.is_some() {
            Mode::SearchPrompt
        } else if self.focus == Focus::Reader {
            Mode::Reader
        } else {
            Mode::List
        }
    }

    /// The selected document's index in `docs`.
    pub fn selected_doc(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    /// Words highlighted in the reader: the query's and the `--keyword`s.
    /// The `--keyword`s come first, so each keeps its colour whatever the query.
    pub fn reader_keywords(&self) -> Vec<String> {
        let mut words = self.keywords.clone();
        let query_words = self
            .parsed
            .highlight_words()
            .into_iter()
            .filter(|word| !self.keywords.iter().any(|keyword| same_word(keyword, word)));
        words.extend(query_words);
        words
    }

    /// Adds the search term (or else the query's last word) to the keywords for the session.
    fn add_keyword(&mut self) {
        let word = match self.reader.search() {
            Some(search) if !search.from_query => Some(search.term.clone()),
            _ => self.parsed.highlight_words().pop(),
        };
        self.message = Some(match word {
            None => "no search term or query word to add as a keyword".to_string(),
            Some(word) if self.keywords.iter().any(|k| same_word(k, &word)) => {
                format!("{} is a keyword already", sanitize_line(&word))
            }
            Some(word) => {
                let note = format!("keyword added: {}", sanitize_line(&word));
                self.keywords.push(word);
                self.reader.set_keywords(self.keywords.clone());
                if let Some(index) = self.reader.doc() {
                    self.reader.rebuild_header(&self.docs[index], &self.root);
                }
                note
            }
        });
    }

    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::QueryInsert(c) => {
                self.query.push(c);
                self.refilter();
            }
            Action::QueryBackspace => {
                self.query.pop();
                self.refilter();
            }
            Action::QueryClear => {
                self.query.clear();
                self.refilter();
            }
            Action::QueryDeleteWord => {
                let kept = self
                    .query
                    .trim_end()
                    .trim_end_matches(|c: char| !c.is_whitespace());
                self.query.truncate(kept.len());
                self.refilter();
            }
            Action::ClearQueryOrQuit if self.query.is_empty() => self.exit = Some(Exit::Quit),
            Action::ClearQueryOrQuit => {
                self.query.clear();
                self.refilter();
            }
            Action::SelectNext => self.move_to(self.selected.saturating_add(1)),
            Action::SelectPrevious => self.move_to(self.selected.saturating_sub(1)),
            Action::SelectPageDown => self.move_to(self.selected.saturating_add(self.list_rows())),
            Action::SelectPageUp => self.move_to(self.selected.saturating_sub(self.list_rows())),
            Action::OpenReader if self.reader.doc().is_some() => {
                self.set_focus(Focus::Reader);
                if let Some(search) = self.reader.search().filter(|s| s.from_query) {
                    self.message = Some(if search.hits.is_empty() && search.done() {
                        "no hit in the text shown".to_string()
                    } else {
                        self.reader.match_counter()
                    });
                }
            }
            Action::OpenReader => self.message = Some("no document to read".to_string()),
            Action::CloseReader => self.set_focus(Focus::List),
            Action::ScrollLines(lines) => self.reader.scroll_by(lines as isize),
            Action::ScrollPages(pages) => self
                .reader
                .scroll_by(pages as isize * self.reader.page_rows() as isize),
            Action::ScrollHalfPages(halves) => {
                let half = (self.reader.page_rows() / 2).max(1) as isize;
                self.reader.scroll_by(halves as isize * half)
            }
            Action::AddKeyword => self.add_keyword(),
            Action::CycleOrder => self.cycle_order(),
            Action::ToggleSearchIn => self.toggle_search_in(),
            Action::CopyPath | Action::CopyTitle => self.copy(action == Action::CopyPath),
            Action::Edit => self.open_outside(Program::Editor),
            Action::Page => self.open_outside(Program::Pager),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Click { column, row } => self.click(column, row),
            Action::ToggleMark => {
                if let Some(doc) = self.selected_doc()
                    && !self.marked.remove(&doc)
                {
                    self.marked.insert(doc);
                }
                self.move_to(self.selected.saturating_add(1));
            }
            Action::Accept => {
                self.accepted = if self.marked.is_empty() {
                    self.selected_doc().into_iter().collect()
                } else {
                    self.marked.iter().copied().collect()
                };
                if self.accepted.is_empty() {
                    self.message = Some("no document to choose".into());
                } else {
                    self.exit = Some(Exit::Accept);
                }
            }
            Action::ScrollToTop => self.reader.scroll_to_top(),
            Action::ScrollToEnd => self.reader.scroll_to_end(),
            Action::SearchStart => self.search_prompt = Some(String::new()),
            Action::SearchInsert(c) => {
                if let Some(prompt) = &mut self.search_prompt {
                    prompt.push(c);
                }
            }
            Action::SearchBackspace => {
                if let Some(prompt) = &mut self.search_prompt {
                    prompt.pop();
                }
            }
            Action::SearchSubmit => {
                let typed = self.search_prompt.take().unwrap_or_default();
                let term = if typed.is_empty() {
                    self.last_search.clone()
                } else {
                    typed
                };
                if !term.is_empty() {
                    self.message = Some(self.reader.search_for(&term));
                    self.last_search = term;
                }
            }
            Action::SearchCancel => self.search_prompt = None,
            Action::SearchNext | Action::SearchPrevious => {
                let forward = action == Action::SearchNext;
                self.message = match self.reader.step_match(forward) {
                    Some(message) => Some(message),
                    None if !self.last_search.is_empty() => {
                        let term = self.last_search.clone();
                        Some(self.reader.search_for(&term))
                    }
                    None => Some("no search yet: press / to search".to_string()),
                };
            }
            Action::ToggleHelp => self.toggle_overlay(OverlayKind::Help),
            Action::ToggleSkipped => self.toggle_overlay(OverlayKind::Skipped),
            Action::CloseOverlay => self.overlay = None,
            Action::OverlayScroll(rows) => self.scroll_overlay(rows as isize),
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
            }
            Action::Interrupt => self.exit = Some(Exit::Interrupted),
            // Suspending is the event loop's job (it owns the terminal); nothing changes here.
            Action::Suspend => {}
        }
        self.fill_passages();
    }

    /// Asks for the document's path (or title) to be put on the clipboard, and says so.
    fn copy(&mut self, path: bool) {
        let Some(doc) = self.reader.doc() else {
            self.message = Some("no document to copy from".into());
            return;
        };
        let meta = &self.docs[doc];
        // The path as printed on accepting (a record's with its line), made safe to paste.
        let (what, text) = match path {
            true => ("path", meta.display_path()),
            false => ("title", meta.title.to_string()),
        };
        self.message = Some(format!(
            "copied the {what} to the clipboard: {}",
            sanitize_line(&text)
        ));
        self.clipboard = Some(text);
    }

    /// Text waiting to go to the clipboard, if any.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }

    /// Scrolls the help or the skipped-files list by `rows`, within its length.
    fn scroll_overlay(&mut self, rows: isize) {
        let most = crate::ui::overlay::max_scroll(self);
        if let Some(overlay) = &mut self.overlay {
            overlay.scroll = overlay.scroll.saturating_add_signed(rows).min(most);
        }
    }

    /// Shows the overlay of `kind`, or hides it if it is the one shown.
    fn toggle_overlay(&mut self, kind: OverlayKind) {
        self.overlay = match self.overlay {
            Some(overlay) if overlay.kind == kind => None,
            _ => Some(Overlay { kind, scroll: 0 }),
        };
    }

    /// Ranks in the background from now on; results come back through [`App::ranked`].
    pub fn rank_in_background(&mut self, ranker: Ranker) {
        self.ranker = Some(ranker);
    }

    fn refilter(&mut self) {
        if self.search_in == SearchIn::Text {
            self.refilter_text();
            return;
        }
        self.generation += 1;
        // A space typed or deleted between words changes no term: the list shown stands.
        self.parsed = Query::parse(&self.query);
        let parsed = &self.parsed;
        let unchanged = self
            .last_ranked
            .as_ref()
            .is_some_and(|(shown, _, count)| *count == self.docs.len() && shown == parsed);
        if unchanged {
            if let Some(ranker) = &self.ranker {
                ranker.cancel(self.generation);
            }
            self.ranking = false;
            return;
        }
        let recently = self
            .recent
            .iter()
            .rposition(|(query, _, count)| *count == self.docs.len() && query == parsed);
        if let Some(position) = recently {
            if let Some(ranker) = &self.ranker {
                ranker.cancel(self.generation);
            }
            let (_, memo, count) = self.recent[position].clone();
            self.show_ranking(ranking_of(&memo), Some((memo, count)));
            return;
        }
        match &self.ranker {
            Some(ranker) if !self.query.trim().is_empty() => {
                let within = self.last_ranked.as_ref().and_then(|(query, memo, count)| {
                    let narrows = query::narrows(query, &self.parsed);
                    narrows.then(|| Narrowing {
                        query: query.clone(),
                        memo: Arc::clone(memo),
                        count: *count,
                    })
                });
                ranker.request(RankRequest {
                    generation: self.generation,
                    query: self.parsed.clone(),
                    docs: self.docs.clone(),
                    within,
                });
                // The list keeps the previous matches until the new ones arrive.
                self.ranking = true;
            }
            _ => {
                let memo = self.filter.remember(
                    self.docs.iter().map(|doc| &*doc.title).enumerate(),
                    &self.parsed,
                );
                let ranked = ranking_of(&memo);
                let narrowable = !self.query.trim().is_empty();
                let memo = narrowable.then(|| (Memo::from(memo), self.docs.len()));
                self.show_ranking(ranked, memo);
            }
        }
    }

    /// Takes news from the reader's background search into the status bar.
    pub fn searched(&mut self) {
        if let Some(news) = self.reader.poll_search() {
            self.message = Some(news);
        }
    }

    /// Takes a background ranking, if it is for the current query.
    pub fn ranked(&mut self, ranked: Ranked) {
        if ranked.generation != self.generation {
            return;
        }
        let mut ranking = ranked.ranked;
        if ranked.doc_count < self.docs.len() {
            // Documents loaded while it ran: rank them here and merge. Narrowing from this
            // ranking will rank those again, as it covers only the first `doc_count`.
            let newer = self.rank_from(ranked.doc_count);
            ranking = merge(ranking, newer);
        }
        self.show_ranking(ranking, Some((ranked.memo, ranked.doc_count)));
    }

    /// Shows a ranking; `narrowable` is its matches in index order with their scores and the
    /// document count it covered, kept so that a query extending this one ranks only those.
    fn show_ranking(&mut self, ranked: Vec<Scored>, narrowable: Option<(Memo, usize)>) {
        self.set_matches(ranked);
        self.ranking = false;
        if let Some((memo, count)) = &narrowable {
            self.remember_recent(Arc::clone(memo), *count);
        }
        self.last_ranked = narrowable.map(|(order, count)| (self.parsed.clone(), order, count));
        self.selected = 0;
        self.list_top = 0;
        self.sync_reader();
    }

    /// Keeps the ranking of the current query among the recent ones, dropping the oldest
    /// beyond [`RECENT_MATCHES`] matches in all.
    fn remember_recent(&mut self, memo: Memo, count: usize) {
        let parsed = self.parsed.clone();
        self.recent.retain(|(earlier, _, _)| *earlier != parsed);
        self.recent.push_back((parsed, memo, count));
        let mut kept: usize = self.recent.iter().map(|(_, memo, _)| memo.len()).sum();
        while kept > RECENT_MATCHES && self.recent.len() > 1 {
            kept -= self.recent.pop_front().map_or(0, |(_, memo, _)| memo.len());
        }
    }

    /// Ranks the documents from index `first` on for the current query.
    fn rank_from(&self, first: usize) -> Vec<Scored> {
        self.filter.rank_scored(
            self.docs
                .iter_from(first)
                .map(|(index, doc)| (index, &*doc.title)),
            &self.parsed,
        )
    }

    /// Shows `ranked` (best first, or in any order when another order is chosen) in the
    /// chosen order.
    fn set_matches(&mut self, mut ranked: Vec<Scored>) {
        if self.order != Order::Relevance {
            self.order.sort(&mut ranked, &self.docs);
        }
        (self.scores, self.matches) = ranked.into_iter().unzip();
    }

    /// Takes documents the background loader found: they join the list in their ranked place
    /// for the current query, and the selected document stays selected.
    pub fn load(&mut self, loaded: Loaded) {
        let first_new = self.docs.len();
        self.docs.append(loaded.docs);
        self.skipped.extend(loaded.skipped);
        self.loading = !loaded.finished;
        self.start_index_if_loaded();
        if self.search_in == SearchIn::Text {
            self.load_in_text_mode(first_new);
            return;
        }
        if self.ranking {
            // The ranking under way will merge these when it arrives.
            return;
        }
        let new = self.rank_from(first_new);
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
            self.set_matches(merge(old, new));
            self.reselect(selected_doc);
        }
        self.sync_reader();
    }

    /// Selects document `doc` again after the list was reordered (the first if it is gone).
    fn reselect(&mut self, doc: Option<usize>) {
        if let Some(doc) = doc {
            self.selected = self.matches.iter().position(|&m| m == doc).unwrap_or(0);
        }
        self.keep_selection_visible();
    }

    /// Sorts the list in the next order (relevance, title, date, path, length).
    fn cycle_order(&mut self) {
        self.order = self.order.next();
        let selected_doc = self.selected_doc();
        let mut matches: Vec<Scored> = self.scores.drain(..).zip(self.matches.drain(..)).collect();
        // Back to relevance, the matches are ranked again by their scores.
        self.order.sort(&mut matches, &self.docs);
        (self.scores, self.matches) = matches.into_iter().unzip();
        self.reselect(selected_doc);
        self.message = Some(format!("sorted by {}", self.order.label()));
    }

    /// Char positions of `title` matched by the query, for emphasis in the list.
    pub fn matched_positions(&self, title: &str) -> Vec<usize> {
        self.filter.positions(title, &self.parsed)
    }

    /// Selects the row at `position` because the user asked to.
    fn move_to(&mut self, position: usize) {
        self.selection_moved();
        self.select(position);
    }

    fn select(&mut self, position: usize) {
        self.selected = position.min(self.matches.len().saturating_sub(1));
        self.keep_selection_visible();
        self.sync_reader();
    }

    fn keep_selection_visible(&mut self) {
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + self.list_rows() {
            self.list_top = self.selected + 1 - self.list_rows();
        }
    }

    /// Makes the reader show the selected document (or nothing when nothing matches).
    fn sync_reader(&mut self) {
        match self.selected_doc() {
            Some(index) if self.reader.doc() != Some(index) => {
                let opened = self.docs.open(index);
                self.reader
                    .open(index, &self.docs[index], &self.root, opened);
                self.search_reader_for_query();
            }
            Some(_) => {}
            None => {
                self.reader.close();
                self.focus = Focus::List;
                self.search_prompt = None;
            }
        }
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.search_prompt = None;
        self.relayout();
    }

    /// Matches a page of the list holds (at least one), from the layout of the screen now.
    fn list_rows(&self) -> usize {
        let (width, height) = self.size;
        let list = layout::areas(width, height, self.focus).list;
        list.map_or(1, |list| {
            (layout::list_rows(list) / self.rows_per_match()).max(1)
        })
    }

    /// Rows of the list one match takes: in text mode two, its title and its passage.
    fn rows_per_match(&self) -> usize {
        if self.shows_passages() { 2 } else { 1 }
    }

    /// Gives the reader its new size after a resize or a focus change.
    fn relayout(&mut self) {
        let (width, height) = self.size;
        let areas = layout::areas(width, height, self.focus);
        let text = areas.reader.map(layout::reader_text).unwrap_or_default();
        self.reader
            .set_viewport(usize::from(text.width), usize::from(text.height));
        self.keep_selection_visible();
    }
}
