//! What the state file holds of a corpus (the history, marks, keywords, the last view, the
//! reading places, the saved subcorpora) and how this run's copy is merged over what another
//! folio saved meanwhile, then cut to size. The app's side of it is `remembered`.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Queries kept in the history (the oldest go first), and the longest kept (a pasted
/// paragraph is not worth stepping back to).
pub(super) const MOST_HISTORY: usize = 1000;
pub(super) const LONGEST_QUERY: usize = 1000;
/// Documents whose reading place is kept (those read longest ago are forgotten).
pub(super) const MOST_PLACES: usize = 1000;
/// Marks kept, and tags and notes kept.
pub(super) const MOST_MARKS: usize = 100_000;
/// The longest note kept on a document, in bytes (a line of text, not a file).
pub(crate) const LONGEST_NOTE: usize = 2000;

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
    /// The tags on documents, in the order they were given.
    pub tags: Vec<Tagged>,
    /// The notes on documents.
    pub notes: Vec<DocNote>,
    /// The concordance lines put in a category.
    pub lines: Vec<CategorisedLine>,
    /// The categories' names, the first for category 1 (empty: unnamed).
    pub category_names: Vec<String>,
}

/// A concordance line put in a category: the query it is a hit of (as typed), its document,
/// the hit's place (its segment's start and where in that segment's text), the category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategorisedLine {
    pub query: String,
    pub doc: String,
    pub start: u64,
    pub at: u32,
    pub category: u8,
}

/// A tag on a document (by [`DocMeta::key`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Tagged {
    pub doc: String,
    pub tag: String,
}

/// A note on a document: a line of text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocNote {
    pub doc: String,
    pub text: String,
}

/// Something this run did to what is kept of documents, replayed in order over what another
/// folio saved meanwhile (so two folios tagging at once both keep what they did).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// A tag put on (`on`) or taken off a document.
    Tag { doc: String, tag: String, on: bool },
    /// A document's note written (empty: removed).
    Note { doc: String, text: String },
    /// A concordance line put in a category (0: taken out of its category).
    Category(CategorisedLine),
    /// Category `number` named (empty: unnamed).
    CategoryName { number: u8, name: String },
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
    /// What it did to tags and notes, in order.
    pub edits: Vec<Edit>,
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
        self.tags = on_disk.tags;
        self.notes = on_disk.notes;
        self.lines = on_disk.lines;
        self.category_names = on_disk.category_names;
        for edit in &changes.edits {
            self.apply(edit);
        }
        self.bounded()
    }

    /// Does `edit` to the tags and notes kept.
    pub fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Tag { doc, tag, on } => {
                let tagged = Tagged {
                    doc: doc.clone(),
                    tag: tag.clone(),
                };
                self.tags.retain(|kept| *kept != tagged);
                if *on {
                    self.tags.push(tagged);
                }
            }
            Edit::Category(line) => {
                let same = |kept: &CategorisedLine| {
                    (&kept.query, &kept.doc, kept.start, kept.at)
                        == (&line.query, &line.doc, line.start, line.at)
                };
                self.lines.retain(|kept| !same(kept));
                if line.category > 0 {
                    self.lines.push(line.clone());
                }
            }
            Edit::CategoryName { number, name } => {
                let at = usize::from(*number).saturating_sub(1);
                if self.category_names.len() <= at {
                    self.category_names.resize(at + 1, String::new());
                }
                self.category_names[at] = name.clone();
            }
            Edit::Note { doc, text } => {
                self.notes.retain(|kept| kept.doc != *doc);
                if !text.is_empty() {
                    self.notes.push(DocNote {
                        doc: doc.clone(),
                        text: text.clone(),
                    });
                }
            }
        }
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
        let extra = self.tags.len().saturating_sub(MOST_MARKS);
        self.tags.drain(..extra);
        let extra = self.notes.len().saturating_sub(MOST_MARKS);
        self.notes.drain(..extra);
        self.notes.retain(|note| note.text.len() <= LONGEST_NOTE);
        let extra = self.lines.len().saturating_sub(MOST_MARKS);
        self.lines.drain(..extra);
        self.lines.retain(|line| line.query.len() <= LONGEST_QUERY);
        self.category_names
            .truncate(usize::from(crate::study::lines::CATEGORIES));
        self
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
            edits: Vec::new(),
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

    #[test]
    fn tags_and_notes_replay_each_runs_edits_over_the_others() {
        let tagged = |doc: &str, tag: &str| Tagged {
            doc: doc.into(),
            tag: tag.into(),
        };
        // Another folio saved x:fraud, y:lead and a note on y after this one started.
        let disk = Remembered {
            tags: vec![tagged("x", "fraud"), tagged("y", "lead")],
            notes: vec![DocNote {
                doc: "y".into(),
                text: "call back".into(),
            }],
            ..Remembered::default()
        };
        let tag = |doc: &str, tag: &str, on: bool| Edit::Tag {
            doc: doc.into(),
            tag: tag.into(),
            on,
        };
        let changes = Changes {
            edits: vec![
                tag("z", "fraud", true),
                tag("x", "fraud", false),
                tag("z", "lead", true),
                tag("z", "lead", false),
                Edit::Note {
                    doc: "z".into(),
                    text: "source: court filing".into(),
                },
            ],
            ..Changes::default()
        };
        let merged = Remembered::default().merged_over(disk, &changes);
        assert_eq!(merged.tags, [tagged("y", "lead"), tagged("z", "fraud")]);
        let notes: Vec<(&str, &str)> = merged
            .notes
            .iter()
            .map(|n| (n.doc.as_str(), n.text.as_str()))
            .collect();
        assert_eq!(notes, [("y", "call back"), ("z", "source: court filing")]);
        let removed = Changes {
            edits: vec![Edit::Note {
                doc: "y".into(),
                text: String::new(),
            }],
            ..Changes::default()
        };
        assert!(
            merged
                .clone()
                .merged_over(merged, &removed)
                .notes
                .iter()
                .all(|n| n.doc != "y")
        );
    }

    #[test]
    fn categorised_lines_and_their_names_replay_over_the_others() {
        let line = |doc: &str, at: u32, category: u8| CategorisedLine {
            query: "oil".into(),
            doc: doc.into(),
            start: 0,
            at,
            category,
        };
        // Another folio saved x@1 in category 1 and named category 1; this one put y@2 in
        // category 2, took x@1 out, and named category 2.
        let disk = Remembered {
            lines: vec![line("x", 1, 1)],
            category_names: vec!["price".into()],
            ..Remembered::default()
        };
        let changes = Changes {
            edits: vec![
                Edit::Category(line("y", 2, 2)),
                Edit::Category(line("x", 1, 0)),
                Edit::CategoryName {
                    number: 2,
                    name: "noise".into(),
                },
            ],
            ..Changes::default()
        };
        let merged = Remembered::default().merged_over(disk, &changes);
        assert_eq!(merged.lines, [line("y", 2, 2)]);
        assert_eq!(merged.category_names, ["price", "noise"]);
    }
}
