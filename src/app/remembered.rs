//! What folio remembers of a corpus from one run to the next, as the app keeps it: the query
//! history (stepped through with Alt-p and Alt-n, as fzf's `--history`), the marks, the
//! keywords added with `+`, the last mode, query and sort, and the place in each document
//! read (reopened there, as less's `--autosave` does). The app restores it at start and hands
//! it back at the end; where it is kept, and how it is written safely, is `config::state_file`.

use super::App;
use super::text_mode::ListSource;
use super::text_mode::SearchIn;
use crate::search::titles::order::Order;
use crate::text::sanitize::sanitize_line;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Queries kept in the history (the oldest go first), and the longest kept (a pasted
/// paragraph is not worth stepping back to).
pub(super) const MOST_HISTORY: usize = 1000;
pub(super) const LONGEST_QUERY: usize = 1000;
/// Documents whose reading place is kept (those read longest ago are forgotten).
pub(super) const MOST_PLACES: usize = 1000;
/// Marks kept.
pub(super) const MOST_MARKS: usize = 100_000;

/// What is kept of a corpus between runs: the state file's contents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// Queries, oldest first.
    pub history: Vec<String>,
    /// The queries of the history last used to search the documents' text (the others
    /// filtered titles): Alt-p brings each back in its mode.
    pub text_queries: Vec<String>,
    /// The marked documents, by [`DocMeta::key`].
    pub marks: Vec<String>,
    /// Keywords added with `+`.
    pub keywords: Vec<String>,
    /// How the list was left.
    pub last: Option<LastView>,
    /// Where each document was being read.
    pub places: Vec<ReadingPlace>,
    /// Subcorpora saved under a name (`--save-as`), oldest first.
    pub subcorpora: Vec<crate::study::subcorpus::Saved>,
}

/// The list as it was left: text mode or titles, the query, the sort.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LastView {
    pub text: bool,
    pub query: String,
    pub sort: String,
}

/// Where a document was being read: the start of the text at the top of the view and where
/// in it the top row starts (a paragraph is often one long line: the row is the place, at
/// any width), and the file's size and last change then (a file changed since opens at its
/// top).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadingPlace {
    pub doc: String,
    /// Left at the top: it opens there (kept, so an older place saved by another folio does
    /// not come back).
    pub top: bool,
    pub offset: u64,
    /// Bytes into the text shown from `offset` where the top row starts.
    pub within: u64,
    pub size: u64,
    pub modified: i64,
    /// Seconds since 1970 when it was left: the newest wins when two folios saved it.
    pub when: u64,
}

/// What a run did, for merging it over what another folio saved meanwhile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The queries it used, oldest first, each with whether it searched the text.
    pub queries: Vec<(String, bool)>,
    /// The marks it started with: those it added and removed are the difference with the
    /// marks it ends with.
    pub marks_at_start: Vec<String>,
    /// The subcorpora it saved (a name saved again replaces the one kept).
    pub saved: Vec<crate::study::subcorpus::Saved>,
}

impl Remembered {
    /// This run's state written over what is on disk now (another folio may have saved since
    /// this one started): the history is theirs with this run's queries after it (each in
    /// the mode this run last used it in); the marks theirs, less those this run unmarked,
    /// with those it marked; each document's place the newest of the two; the saved
    /// subcorpora theirs with those this run saved; keywords and the last view this run's.
    /// Then cut to size.
    pub fn merged_over(mut self, on_disk: Remembered, changes: &Changes) -> Remembered {
        let mut history = on_disk.history;
        let mut text: HashSet<String> = on_disk.text_queries.into_iter().collect();
        for (query, in_text) in &changes.queries {
            history.retain(|kept| kept != query);
            history.push(query.clone());
            match in_text {
                true => text.insert(query.clone()),
                false => text.remove(query),
            };
        }
        self.text_queries = history
            .iter()
            .filter(|q| text.contains(*q))
            .cloned()
            .collect();
        self.history = history;
        let started: HashSet<&String> = changes.marks_at_start.iter().collect();
        let ended: HashSet<&String> = self.marks.iter().collect();
        let mut marks: Vec<String> = on_disk
            .marks
            .into_iter()
            .filter(|mark| !started.contains(mark) || ended.contains(mark))
            .collect();
        let kept: HashSet<String> = marks.iter().cloned().collect();
        marks.extend(
            self.marks
                .iter()
                .filter(|mark| !started.contains(mark) && !kept.contains(*mark))
                .cloned(),
        );
        self.marks = marks;
        let mut places: HashMap<String, ReadingPlace> = HashMap::new();
        for place in on_disk.places.into_iter().chain(self.places) {
            match places.get(&place.doc) {
                Some(kept) if kept.when > place.when => {}
                _ => {
                    places.insert(place.doc.clone(), place);
                }
            }
        }
        self.places = places.into_values().collect();
        self.subcorpora = on_disk.subcorpora;
        for saved in &changes.saved {
            self.subcorpora.retain(|kept| kept.name != saved.name);
            self.subcorpora.push(saved.clone());
        }
        self.bounded()
    }

    /// Cut to the sizes above, dropping the oldest.
    pub fn bounded(mut self) -> Remembered {
        self.history.retain(|query| query.len() <= LONGEST_QUERY);
        let extra = self.history.len().saturating_sub(MOST_HISTORY);
        self.history.drain(..extra);
        let kept: HashSet<&String> = self.history.iter().collect();
        self.text_queries.retain(|query| kept.contains(query));
        self.marks.truncate(MOST_MARKS);
        self.keywords.truncate(crate::text::keywords::MOST_KEYWORDS);
        self.places
            .sort_by(|a, b| b.when.cmp(&a.when).then(a.doc.cmp(&b.doc)));
        self.places.truncate(MOST_PLACES);
        let extra = self
            .subcorpora
            .len()
            .saturating_sub(crate::study::subcorpus::MOST_SAVED);
        self.subcorpora.drain(..extra);
        self
    }
}

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
    changes: Changes,
    /// While stepping through the history: how far back (1 is the newest), and the query
    /// that was being typed and whether in text mode.
    stepping: Option<(usize, String, bool)>,
    /// Marked documents not found yet (the corpus is still loading).
    pending_marks: HashSet<String>,
    keywords: Vec<String>,
    places: HashMap<String, ReadingPlace>,
}

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

    /// Marks the documents from `first` on that were marked when folio was last left.
    pub(super) fn mark_remembered(&mut self, first: usize) {
        if self.memory.pending_marks.is_empty() {
            return;
        }
        for index in first..self.corpus.docs.len() {
            if self
                .memory
                .pending_marks
                .remove(&self.corpus.docs.at(index).key())
            {
                self.list.mark(index);
            }
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
        };
        Some((remembered, self.memory.changes.clone()))
    }

    /// Remembers a keyword added with `+`.
    pub(super) fn remember_keyword(&mut self, word: &str) {
        if !self.memory.keywords.iter().any(|kept| kept == word) {
            self.memory.keywords.push(word.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(doc: &str, when: u64) -> ReadingPlace {
        ReadingPlace {
            doc: doc.into(),
            offset: when * 10,
            when,
            ..ReadingPlace::default()
        }
    }

    #[test]
    fn two_runs_merge_histories_and_keep_the_newest_place() {
        let disk = Remembered {
            history: vec!["a".into(), "b".into(), "theirs".into()],
            places: vec![place("x", 5), place("y", 9)],
            ..Remembered::default()
        };
        let ours = Remembered {
            history: vec!["a".into(), "b".into(), "mine".into(), "a".into()],
            places: vec![place("x", 7), place("y", 3)],
            marks: vec!["m".into()],
            ..Remembered::default()
        };
        let saved = |name: &str, definition: &str| crate::study::subcorpus::Saved {
            name: name.into(),
            definition: definition.into(),
        };
        let disk = Remembered {
            subcorpora: vec![saved("a", "year:2004"), saved("b", "marked")],
            ..disk
        };
        let changes = Changes {
            queries: vec![("mine".into(), false), ("a".into(), true)],
            marks_at_start: Vec::new(),
            saved: vec![saved("b", "folder:x"), saved("c", "@a")],
        };
        let merged = ours.merged_over(disk, &changes);
        let names: Vec<(&str, &str)> = merged
            .subcorpora
            .iter()
            .map(|s| (s.name.as_str(), s.definition.as_str()))
            .collect();
        assert_eq!(names, [("a", "year:2004"), ("b", "folder:x"), ("c", "@a")]);
        assert_eq!(merged.history, ["b", "theirs", "mine", "a"]);
        assert_eq!(merged.text_queries, ["a"]);
        assert_eq!(merged.marks, ["m"]);
        let when: Vec<(String, u64)> = merged
            .places
            .iter()
            .map(|p| (p.doc.clone(), p.when))
            .collect();
        assert_eq!(when, [("y".to_string(), 9), ("x".to_string(), 7)]);
    }

    #[test]
    fn going_back_to_the_top_outlives_an_older_place_on_disk() {
        let disk = Remembered {
            places: vec![place("x", 5)],
            ..Remembered::default()
        };
        let ours = Remembered {
            places: vec![ReadingPlace {
                top: true,
                ..place("x", 6)
            }],
            ..Remembered::default()
        };
        let merged = ours.merged_over(disk, &Changes::default());
        assert!(merged.places[0].top, "{merged:?}");
    }

    #[test]
    fn marks_merge_what_each_run_added_and_removed() {
        // Another folio saved x, y (it added y) after this one started with x, z; this one
        // unmarked z and marked w. A run that never touched the marks wipes none.
        let disk = Remembered {
            marks: vec!["x".into(), "y".into()],
            ..Remembered::default()
        };
        let ours = Remembered {
            marks: vec!["x".into(), "w".into()],
            ..Remembered::default()
        };
        let changes = Changes {
            marks_at_start: vec!["x".into(), "z".into()],
            ..Changes::default()
        };
        assert_eq!(
            ours.merged_over(disk.clone(), &changes).marks,
            ["x", "y", "w"]
        );
        let untouched = Remembered {
            marks: vec!["x".into()],
            ..Remembered::default()
        };
        let changes = Changes {
            marks_at_start: vec!["x".into()],
            ..Changes::default()
        };
        assert_eq!(
            untouched.merged_over(disk.clone(), &changes).marks,
            ["x", "y"]
        );
        // Unmarking what the other also has goes.
        let unmarked = Remembered::default();
        assert_eq!(unmarked.merged_over(disk, &changes).marks, ["y"]);
    }

    #[test]
    fn the_oldest_entries_go_first_when_too_many() {
        let many = Remembered {
            history: (0..MOST_HISTORY + 5).map(|i| i.to_string()).collect(),
            places: (0..MOST_PLACES as u64 + 3)
                .map(|i| place(&i.to_string(), i))
                .collect(),
            ..Remembered::default()
        }
        .bounded();
        assert_eq!(many.history.len(), MOST_HISTORY);
        assert_eq!(many.history[0], "5");
        assert_eq!(many.places.len(), MOST_PLACES);
        assert!(many.places.iter().all(|p| p.when >= 3));
    }
}
