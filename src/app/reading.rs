//! The reader's side of the app: opening the selected document, scrolling, the `/` prompt and
//! `n`/`N`, keywords, copying the path or title, and handing the document to the editor or
//! pager.

use super::{App, Effect, Focus, Program, Prompt, PromptKind};
use crate::keys::action::Action;
use crate::text::keywords::{Highlights, MOST_KEYWORDS, WordSet};

/// The most words of the query highlighted in the reader.
const MOST_QUERY_WORDS: usize = 1_000;
use crate::text::sanitize::sanitize_line;

impl App {
    /// Carries out an action on the reader (everything the list does not handle itself).
    pub(super) fn read(&mut self, action: Action) {
        match action {
            Action::OpenReader if self.reader.doc().is_some() => {
                self.record_query();
                self.reopen_if_changed();
                self.set_focus(Focus::Reader);
                if let Some(search) = self.reader.search().filter(|s| s.from_query) {
                    self.screen.say(if search.hits.is_empty() && search.done() {
                        "no hit in the text shown".to_string()
                    } else {
                        self.reader.match_counter()
                    });
                }
            }
            Action::OpenReader => self.screen.say("no document to read".to_string()),
            Action::FocusReader
                if self.screen.focus == Focus::List && self.reader.doc().is_some() =>
            {
                self.set_focus(Focus::Reader);
            }
            Action::CloseReader if self.study.reader_opened && !self.study.views.is_empty() => {
                self.set_focus(Focus::Study);
            }
            Action::CloseReader => self.set_focus(Focus::List),
            Action::ScrollLines(lines) => self.reader.scroll_by(lines as isize),
            Action::ScrollPages(pages) => {
                let page = self.reader.page_rows() as isize;
                self.reader.scroll_by(pages as isize * page);
            }
            Action::ScrollHalfPages(halves) => {
                let half = (self.reader.page_rows() / 2).max(1) as isize;
                self.reader.scroll_by(halves as isize * half);
            }
            Action::NextDocumentWithHits => self.next_document_with_hits(true),
            Action::PreviousDocumentWithHits => self.next_document_with_hits(false),
            Action::ScrollToTop => self.reader.scroll_to_top(),
            Action::ScrollToEnd => self.reader.scroll_to_end(),
            Action::AddKeyword => self.add_keyword(),
            Action::CopyPath | Action::CopyTitle => self.copy(action == Action::CopyPath),
            Action::Edit => self.open_outside(Program::Editor),
            Action::Page => self.open_outside(Program::Pager),
            Action::SearchStart => self.screen.prompt = Some(Prompt::new(PromptKind::Search)),
            Action::SearchInsert(c) => {
                if let Some(prompt) = &mut self.screen.prompt {
                    prompt.text.push(c);
                }
            }
            Action::SearchBackspace => {
                if let Some(prompt) = &mut self.screen.prompt {
                    prompt.text.pop();
                }
            }
            Action::SearchSubmit => {
                let typed = self
                    .screen
                    .prompt
                    .take()
                    .map(|p| p.text)
                    .unwrap_or_default();
                let term = if typed.is_empty() {
                    self.screen.last_search.clone()
                } else {
                    typed
                };
                if !term.is_empty() {
                    self.search_document(&term);
                    self.screen.last_search = term;
                }
            }
            Action::SearchCancel => self.screen.prompt = None,
            Action::SearchNext | Action::SearchPrevious => {
                let forward = action == Action::SearchNext;
                match self.reader.step_match(forward) {
                    Some(message) => self.screen.say(message),
                    None if !self.screen.last_search.is_empty() => {
                        let term = self.screen.last_search.clone();
                        self.search_document(&term);
                    }
                    None => self
                        .screen
                        .say("no search yet: press / to search".to_string()),
                }
            }
            // The list's actions are the app's own; none reaches here.
            _ => {}
        }
    }

    /// Searches the document in the reader for `term` (a big one in the background).
    fn search_document(&mut self, term: &str) {
        let note = self.reader.search_for(term);
        self.screen.say(note);
    }

    /// Opens the document shown again if its file changed since it was opened (it was shown
    /// as the selection moved, maybe long ago): the reader shows the file as it is now. One
    /// `stat`, when the user asks to read.
    fn reopen_if_changed(&mut self) {
        let Some(index) = self.reader.doc() else {
            return;
        };
        if self.reader.stamp().is_some() && self.corpus.docs.stamp_now(index) != self.reader.stamp()
        {
            self.reader.close();
            self.sync_reader();
        }
    }

    /// Makes the reader show the selected document (or nothing when nothing matches).
    pub(super) fn sync_reader(&mut self) {
        // Opened at a concordance's hit, the reader stays there until the user leaves it.
        if self.study.reader_opened {
            return;
        }
        match self.list.selected_doc() {
            Some(index) if self.reader.doc() != Some(index) => {
                self.note_place();
                self.open_in_reader(index);
                self.return_to_place();
                self.search_reader_for_query();
            }
            Some(_) => {}
            None => {
                self.note_place();
                self.reader.close();
                self.screen.focus = Focus::List;
                self.screen.prompt = None;
            }
        }
    }

    /// Sets the words always highlighted (and counted in the reader's header): at most
    /// [`MOST_KEYWORDS`] of them, with a note when there were more.
    pub(super) fn set_keywords(&mut self, mut keywords: Vec<String>) {
        if keywords.len() > MOST_KEYWORDS {
            self.screen.say(format!(
                "only the first {MOST_KEYWORDS} of {} keywords are highlighted",
                keywords.len()
            ));
            keywords.truncate(MOST_KEYWORDS);
        }
        self.highlight.keywords = WordSet::new(keywords);
        self.reader.set_keywords(self.highlight.keywords.clone());
        self.find_query_words();
    }

    /// The query's words to highlight, those not keywords already (after the query or the
    /// keywords changed). A handful of words, or a few hundred from a pasted paragraph.
    pub(super) fn find_query_words(&mut self) {
        let words = self.query.parsed.highlight_words().into_iter();
        let keywords = &self.highlight.keywords;
        // Bounded, as the keywords are; and not built again when a key changed no word (a
        // space typed, a word past the thousandth changed).
        let words: Vec<String> = words
            .filter(|word| !keywords.contains(word))
            .take(MOST_QUERY_WORDS)
            .collect();
        if words != self.highlight.query_words.words() {
            self.highlight.query_words = WordSet::new(words);
        }
    }

    /// Words highlighted in the reader: the `--keyword`s, then the query's. The keywords come
    /// first, so each keeps its colour whatever the query.
    pub fn reader_keywords(&self) -> Highlights<'_> {
        Highlights {
            keywords: &self.highlight.keywords,
            query: &self.highlight.query_words,
        }
    }

    /// Adds the search term (or else the query's last word) to the keywords for the session.
    fn add_keyword(&mut self) {
        let word = match self.reader.search() {
            Some(search) if !search.from_query => Some(search.term.clone()),
            _ => self.query.parsed.highlight_words().pop(),
        };
        let note = match word {
            None => "no search term or query word to add as a keyword".to_string(),
            Some(word) if self.highlight.keywords.contains(&word) => {
                format!("{} is a keyword already", sanitize_line(&word))
            }
            Some(_) if self.highlight.keywords.len() >= MOST_KEYWORDS => {
                format!("no more than {MOST_KEYWORDS} keywords")
            }
            Some(word) => {
                let note = format!("keyword added: {}", sanitize_line(&word));
                self.remember_keyword(&word);
                let mut keywords = self.highlight.keywords.words().to_vec();
                keywords.push(word);
                self.set_keywords(keywords);
                if let Some(index) = self.reader.doc() {
                    self.reader
                        .rebuild_header(self.corpus.docs.at(index), &self.corpus.root);
                }
                note
            }
        };
        self.screen.say(note);
    }

    /// `]` and `[`: in text mode, where the list holds the documents with hits, the next (or
    /// previous) one, opened at its first (or last) hit.
    fn next_document_with_hits(&mut self, forward: bool) {
        if !self.shows_passages() || self.text_terms().is_empty() {
            self.screen
                .say("] and [ step through the documents with hits of a text query (Ctrl-F)");
            return;
        }
        // From the document shown (a concordance may have opened another than the selected).
        let matches = self.list.matches();
        let at = self
            .reader
            .doc()
            .and_then(|doc| matches.iter().position(|&shown| shown == doc))
            .unwrap_or(self.list.selected());
        let target = match forward {
            true => Some(at + 1).filter(|&next| next < self.list.matches().len()),
            false => at.checked_sub(1),
        };
        let Some(target) = target else {
            self.screen.say(match forward {
                true if self.waits_for_work() => "no further document with hits yet",
                true => "the last document with hits",
                false => "the first document with hits",
            });
            return;
        };
        self.move_to(target);
        if !forward {
            self.reader.aim_at_last();
        }
        let position = format!("document {} of {}", target + 1, self.list.matches().len());
        self.screen.say(match self.reader.search() {
            Some(search) if search.done() => format!("{position}: {}", self.reader.match_counter()),
            _ => position,
        });
    }

    /// Asks for the document's path (or title) to be put on the clipboard, and says so.
    fn copy(&mut self, path: bool) {
        let Some(doc) = self.reader.doc() else {
            self.screen.say("no document to copy from");
            return;
        };
        let meta = self.corpus.docs.at(doc);
        // The absolute path (a record's with its line), made safe to paste.
        let (what, text) = match path {
            true => ("path", meta.absolute_path()),
            false => ("title", meta.title().to_string()),
        };
        self.screen.say(format!(
            "copied the {what} to the clipboard: {}",
            sanitize_line(&text)
        ));
        self.ask(Effect::Copy(text));
    }
}
