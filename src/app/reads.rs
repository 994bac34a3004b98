//! What the app shows, as the view reads it: which keys apply, whether work is under way,
//! and the state of each part, read-only.

use super::{App, Focus, List, Overlay, Prompt, SearchIn, Viewport};
use crate::corpus::Skips;
use crate::corpus::store::DocStore;
use crate::keys::action::Mode;
use crate::reader::Reader;
use crate::text::sanitize::sanitize_line;

impl App {
    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.screen.overlay.is_some() {
            Mode::Overlay
        } else if self.screen.prompt.is_some() {
            Mode::SearchPrompt
        } else if self.screen.focus == Focus::Reader {
            Mode::Reader
        } else if self.screen.focus == Focus::Study && !self.study.views.is_empty() {
            Mode::Study
        } else {
            Mode::List
        }
    }

    /// True while the app waits for background work it asked for: a ranking, a sort of the
    /// list, a text search, the index, the search of a big document, the study view shown, or
    /// a save.
    pub fn waits_for_work(&self) -> bool {
        self.work.ranking
            || self.sorting()
            || self.work.index.building()
            || self.reader.pending_search().is_some()
            || self.study_waits()
            || self.save.under_way.is_some()
            || self.copies_under_way()
    }

    pub fn docs(&self) -> &DocStore {
        &self.corpus.docs
    }

    pub fn skipped(&self) -> &Skips {
        &self.corpus.skipped
    }

    pub fn loading(&self) -> bool {
        self.work.loading
    }

    /// True while the index of the documents' words is being built (or brought up to date).
    pub fn indexing(&self) -> bool {
        self.work.index.building()
    }

    /// Documents indexed so far, of how many, while the index is brought up to date.
    pub fn index_progress(&self) -> Option<(usize, usize)> {
        self.work.index.progress()
    }

    pub fn query(&self) -> &str {
        &self.query.typed
    }

    /// True while the query restored from the last run is selected: typing replaces it.
    pub fn query_selected(&self) -> bool {
        self.query.selected
    }

    pub fn search_in(&self) -> SearchIn {
        self.query.source.query_in()
    }

    pub fn list(&self) -> &List {
        &self.list
    }

    /// True while a ranking or text search for the current query is under way (the list shows
    /// the previous matches meanwhile).
    pub fn ranking(&self) -> bool {
        self.work.ranking
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn focus(&self) -> Focus {
        self.screen.focus
    }

    /// The text typed in the status bar's prompt, while it is open.
    pub fn prompt(&self) -> Option<&str> {
        self.screen
            .prompt
            .as_ref()
            .map(|prompt| prompt.text.as_str())
    }

    /// What stands before the prompt's text: `/`, `save as…`.
    pub fn prompt_label(&self) -> String {
        let label = self.screen.prompt.as_ref().map(Prompt::label);
        match (label, &self.screen.prompt) {
            // The subcorpus's prompt names the one chosen now.
            (Some(_), Some(prompt)) if prompt.kind == super::save::PromptKind::Subcorpus => {
                let now = self.subcorpus_text().unwrap_or("all");
                format!("subcorpus (now {}; empty: all): ", sanitize_line(now))
            }
            (label, _) => label.unwrap_or_default(),
        }
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.screen.overlay
    }

    pub fn message(&self) -> Option<&str> {
        self.screen.message.as_deref()
    }

    pub fn viewport(&self) -> Viewport {
        self.screen.viewport
    }

    pub fn keywords(&self) -> &[String] {
        self.highlight.keywords.words()
    }
}
