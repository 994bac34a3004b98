//! What folio remembers of a corpus from one run to the next, as the app keeps it: the query
//! history (stepped through with Alt-p and Alt-n, as fzf's `--history`), the marks, the
//! keywords added with `+`, the last mode, query and sort, and the place in each document
//! read (reopened there, as less's `--autosave` does). The app restores it at start and hands
//! it back at the end; where it is kept, and how it is written safely, is `config::state_file`.

use super::App;
use super::remembered_file::{Changes, LONGEST_QUERY, LastView, ReadingPlace, Remembered};
use super::text_mode::ListSource;
use super::text_mode::SearchIn;
use crate::search::titles::order::Order;
use crate::text::sanitize::sanitize_line;
use std::collections::{HashMap, HashSet};

/// What the app keeps to remember: the history and where the user is in it, marks still to
/// find among documents being loaded, keywords and reading places.
#[derive(Debug, Default)]
pub(super) struct Memory {
    /// Whether anything is remembered at all (`--no-state` turns it off).
    pub on: bool,
    history: Vec<String>,
    /// The queries of the history last used in text mode.
    text_queries: HashSet<String>,
    /// This run's queries, oldest first, with their mode (what is added to the history on
    /// disk), and the marks it started with.
    pub(super) changes: Changes,
    /// While stepping through the history: how far back (1 is the newest), and the query
    /// that was being typed and whether in text mode.
    stepping: Option<(usize, String, bool)>,
    /// Marked documents not found yet (the corpus is still loading).
    pending_marks: HashSet<String>,
    keywords: Vec<String>,
    places: HashMap<String, ReadingPlace>,
    /// The subcorpora saved (`--save-as`), which `@name` names.
    saved: Vec<crate::study::subcorpus::Saved>,
    /// Each tagged document's tags, and each document's note, by its key.
    pub(super) tags: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    pub(super) notes: HashMap<String, String>,
    /// What the list shows after each tagged document's title (` #fraud #lead`), by its
    /// place in the corpus: made as documents come and tags change, not on every frame.
    pub(super) tag_labels: HashMap<usize, String>,
    /// The concordance lines put in a category, by query, then by document and place.
    pub(super) lines: HashMap<String, HashMap<LinePlace, u8>>,
    pub(super) category_names: Vec<String>,
}

/// A concordance line's document (by key) and place: its segment's start, and where in it.
pub(super) type LinePlace = (String, u64, u32);

impl Memory {
    /// Adds `query` (a text search when `text`) to the history as the newest, unless it is
    /// empty or the newest already in that mode.
    fn record(&mut self, query: &str, text: bool) {
        let query = query.trim();
        let newest = self.history.last().is_some_and(|last| last == query);
        if !self.on || query.is_empty() || newest && self.text_queries.contains(query) == text {
            return;
        }
        self.history.retain(|kept| kept != query);
        self.history.push(query.to_string());
        match text {
            true => self.text_queries.insert(query.to_string()),
            false => self.text_queries.remove(query),
        };
        let session = &mut self.changes.queries;
        session.retain(|(kept, _)| kept != query);
        session.push((query.to_string(), text));
    }
}

impl App {
    /// Takes what was remembered of the corpus (at start): keywords, the last view unless a
    /// query was given, the marks among the documents there are, the history and places.
    pub(super) fn restore(&mut self, remembered: Remembered, keep_query: bool) {
        // Bounded as it is when saved: a file written by hand (or by another program) with a
        // 30 MB query must not make each key cost what that query costs.
        let mut remembered = remembered.bounded();
        remembered.last = remembered
            .last
            .filter(|last| last.query.len() <= LONGEST_QUERY);
        self.memory.on = true;
        self.memory.history = remembered.history;
        self.memory.text_queries = remembered.text_queries.into_iter().collect();
        self.memory.changes.marks_at_start = remembered.marks.clone();
        self.memory.keywords = remembered.keywords.clone();
        self.memory.saved = remembered.subcorpora.clone();
        for tagged in remembered.tags {
            self.memory
                .tags
                .entry(tagged.doc)
                .or_default()
                .insert(tagged.tag);
        }
        self.memory.notes = remembered
            .notes
            .into_iter()
            .map(|note| (note.doc, note.text))
            .collect();
        for line in remembered.lines {
            let place = (line.doc, line.start, line.at);
            let of_query = self.memory.lines.entry(line.query).or_default();
            of_query.insert(place, line.category);
        }
        self.memory.category_names = remembered.category_names;
        self.memory.pending_marks = remembered.marks.into_iter().collect();
        self.memory.places = remembered
            .places
            .into_iter()
            .map(|place| (place.doc.clone(), place))
            .collect();
        if !remembered.keywords.is_empty() {
            let mut keywords = self.highlight.keywords.words().to_vec();
            keywords.extend(remembered.keywords);
            keywords.dedup();
            self.set_keywords(keywords);
        }
        if let Some(last) = remembered.last.filter(|_| !keep_query) {
            self.query.selected = !last.query.is_empty();
            self.query.typed = last.query;
            if last.text {
                self.query.source = ListSource::of_query(SearchIn::Text);
            }
            let order = Order::ALL
                .into_iter()
                .find(|order| order.label() == last.sort && (last.text || *order != Order::Hits));
            self.list.set_order(order.unwrap_or_default());
            self.parse_query();
            self.find_query_words();
            let mode = if last.text {
                "text search"
            } else {
                "title filter"
            };
            self.screen.message = match (self.query.typed.is_empty(), last.text) {
                (false, _) => Some(format!(
                    "the last {mode} is back: {} (type to replace it, End to add to it)",
                    sanitize_line(&self.query.typed)
                )),
                (true, true) => Some("back in text mode, as it was left (Ctrl-F: titles)".into()),
                (true, false) => None,
            };
        }
        self.mark_remembered(0);
    }

    /// Marks the documents from `first` on that were marked when folio was last left, and
    /// labels those tagged.
    pub(super) fn mark_remembered(&mut self, first: usize) {
        let labelled = self.memory.tags.is_empty() && self.memory.notes.is_empty();
        if self.memory.pending_marks.is_empty() && labelled {
            return;
        }
        for index in first..self.corpus.docs.len() {
            let key = self.corpus.docs.at(index).key();
            if self.memory.pending_marks.remove(&key) {
                self.list.mark(index);
            }
            self.label_tags(index, &key);
        }
    }

    /// Adds the query as it is now to the history: when it is used (a document read, a view
    /// made, paths accepted) and when folio is left.
    pub(super) fn record_query(&mut self) {
        let query = self.query.typed.clone();
        self.memory
            .record(&query, self.query.source.query_in() == SearchIn::Text);
        // The query moved to the newest place: stepping goes on from there.
        self.stop_stepping();
    }

    /// Alt-p (`back` true) and Alt-n: the query steps to an older or newer one in the
    /// history; past the newest, the query being typed comes back.
    pub(super) fn step_history(&mut self, back: bool) {
        if !self.memory.on {
            self.screen.say(
                "no history: nothing is remembered in this run (--no-state, or no state folder outside the corpus)",
            );
            return;
        }
        let count = self.memory.history.len();
        let in_text = self.query.source.query_in() == SearchIn::Text;
        let (at, draft, draft_in_text) = match self.memory.stepping.take() {
            Some(stepping) => stepping,
            None => (0, self.query.typed.clone(), in_text),
        };
        let at = match back {
            true if at < count => at + 1,
            true => {
                self.screen.say(match count {
                    0 => "the history is empty".to_string(),
                    _ => "the oldest query in the history".to_string(),
                });
                at
            }
            false => at.saturating_sub(1),
        };
        let (query, text) = match at {
            0 => (draft.clone(), draft_in_text),
            at => {
                let query = self.memory.history[count - at].clone();
                let text = self.memory.text_queries.contains(&query);
                (query, text)
            }
        };
        if at > 0 {
            self.memory.stepping = Some((at, draft, draft_in_text));
        }
        // Each query comes back in the mode it was used in: a text search as one.
        if text != in_text {
            self.query.typed = query;
            self.query.selected = false;
            self.toggle_search_in();
        } else if query != self.query.typed {
            self.query.typed = query;
            self.refilter();
        }
    }

    /// Whatever changed the query other than stepping ends the stepping.
    pub(super) fn stop_stepping(&mut self) {
        self.memory.stepping = None;
    }

    /// Notes where the document in the reader is being read, for reopening it there.
    pub(super) fn note_place(&mut self) {
        if !self.memory.on || self.study.reader_opened {
            return;
        }
        let Some(doc) = self.reader.doc() else {
            return;
        };
        let (size, modified) = self.stamp_shown(doc);
        let key = self.corpus.docs.at(doc).key();
        let when = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let place = ReadingPlace {
            doc: key.clone(),
            top: self.reader.place().is_none(),
            offset: self.reader.place().unwrap_or(0),
            within: self.reader.top_row_start() as u64,
            size,
            modified,
            when,
        };
        self.memory.places.insert(key, place);
    }

    /// Opens the document just put in the reader where it was left, when it was read before
    /// and has not changed since, and no text query wants the view at its first hit.
    pub(super) fn return_to_place(&mut self) {
        let text_query =
            self.query.source.query_in() == SearchIn::Text && !self.text_terms().is_empty();
        // Nothing to look up (no place kept yet costs no path to be made on every move).
        if self.memory.places.is_empty() || text_query {
            return;
        }
        let Some(shown) = self.reader.doc() else {
            return;
        };
        let Some(place) = self
            .memory
            .places
            .get(&self.corpus.docs.at(shown).key())
            .filter(|place| !place.top)
        else {
            return;
        };
        let (offset, within) = (place.offset, place.within);
        let when_left = (place.size, place.modified);
        if self.stamp_shown(shown) == when_left {
            self.reader
                .go_to(offset, usize::try_from(within).unwrap_or(0));
        }
    }

    /// The size and last change of the document shown: its file's as opened, or (a record,
    /// whose file is not stamped) its own size as listed.
    fn stamp_shown(&self, doc: usize) -> (u64, i64) {
        match self.reader.stamp() {
            Some(stamp) => (stamp.size, stamp.modified),
            None => (
                self.corpus.docs.at(doc).size,
                self.corpus.docs.at(doc).modified,
            ),
        }
    }

    /// What to remember of this run, and what it changed (for merging over another's).
    pub fn remembered(&mut self) -> Option<(Remembered, Changes)> {
        if !self.memory.on {
            return None;
        }
        self.note_place();
        self.record_query();
        let docs = &self.corpus.docs;
        let mut marks: Vec<String> = self
            .list
            .marked()
            .iter()
            .map(|&i| docs.at(i).key())
            .collect();
        // Marks not found yet stay while the corpus was still loading; once it was all
        // there, those documents have vanished.
        if self.work.loading {
            marks.extend(self.memory.pending_marks.iter().cloned());
        }
        let last = LastView {
            text: self.query.source.query_in() == SearchIn::Text,
            query: self.query.typed.clone(),
            sort: self.list.order().label().to_string(),
        };
        let text_queries = self.memory.history.iter();
        let text_queries = text_queries.filter(|q| self.memory.text_queries.contains(*q));
        let remembered = Remembered {
            text_queries: text_queries.cloned().collect(),
            history: self.memory.history.clone(),
            marks,
            keywords: self.memory.keywords.clone(),
            last: Some(last),
            places: self.memory.places.values().cloned().collect(),
            subcorpora: Vec::new(),
            tags: self.all_tags(),
            lines: self
                .memory
                .lines
                .iter()
                .flat_map(|(query, lines)| {
                    lines.iter().map(|((doc, start, at), &category)| {
                        super::remembered_file::CategorisedLine {
                            query: query.clone(),
                            doc: doc.clone(),
                            start: *start,
                            at: *at,
                            category,
                        }
                    })
                })
                .collect(),
            category_names: self.memory.category_names.clone(),
            notes: self
                .memory
                .notes
                .iter()
                .map(|(doc, text)| super::remembered_file::DocNote {
                    doc: doc.clone(),
                    text: text.clone(),
                })
                .collect(),
        };
        Some((remembered, self.memory.changes.clone()))
    }

    /// The subcorpora saved, as the state file had them at start.
    pub(super) fn saved_subcorpora(&self) -> &[crate::study::subcorpus::Saved] {
        &self.memory.saved
    }

    /// Remembers a keyword added with `+`.
    pub(super) fn remember_keyword(&mut self, word: &str) {
        if !self.memory.keywords.iter().any(|kept| kept == word) {
            self.memory.keywords.push(word.to_string());
        }
    }
}
