//! The parts the app is made of, each owning one concern's state: the query line, the work
//! under way for it and its results, the highlighted words, the screen's own state (focus,
//! size, prompt, overlay, note), the study views, the saves and the months' counts. `App`
//! holds one of each beside the corpus, the list, the reader and the memory, so what changes
//! together lives together and a part can be read on its own.

use super::indexing::Index;
use super::months::Months;
use super::sorting::PendingSort;
use super::text_mode::{ListSource, TextResults};
use super::titles::Titles;
use super::views::AnyView;
use super::{Focus, Overlay, Prompt, Viewport};
use crate::search::query::{Matching, Query};
use crate::search::text::terms::ContentTerm;
use crate::study::save::Destination;
use crate::text::keywords::WordSet;
use crate::work::job::Ticket;

/// The query line: what was typed, parsed once (again whenever it changes: see `refilter`),
/// what it searches and how its plain words match titles.
pub(super) struct QueryLine {
    pub(super) typed: String,
    pub(super) parsed: Query,
    /// The query's terms as text search takes them, made once per query (they hold searchers
    /// that are not worth building again for every frame that highlights them).
    pub(super) terms: Vec<Vec<ContentTerm>>,
    /// Fuzzily, or as exact substrings (Ctrl-X).
    pub(super) matching: Matching,
    /// The titles or the documents' text (Ctrl-F) the query searches, or the marked
    /// documents alone (Alt-m) until it changes: what the list shows.
    pub(super) source: ListSource,
    /// True while the query restored from the last run is shown selected: the first key
    /// typed replaces it (as in a browser's address bar); End, or any other key, keeps it.
    pub(super) selected: bool,
}

/// The background work for the query and its results: the loading, rankings, sorts, text
/// searches and the word index.
pub(super) struct Work {
    /// True while the loader is still finding documents.
    pub(super) loading: bool,
    /// The ticket of the newest query sent to background work.
    pub(super) ticket: Ticket,
    /// True while a ranking or text search for the current query is under way.
    pub(super) ranking: bool,
    /// The newest sort asked of the background, while it is under way.
    pub(super) pending_sort: Option<PendingSort>,
    pub(super) titles: Titles,
    pub(super) text: TextResults,
    pub(super) index: Index,
    pub(super) copies: super::copies::CopiesWork,
}

/// The words highlighted in the reader.
#[derive(Default)]
pub(super) struct Highlight {
    /// Always: `--keyword`s and those added with `+`.
    pub(super) keywords: WordSet,
    /// The query's words (those not keywords already).
    pub(super) query_words: WordSet,
}

/// What the screen itself holds: which pane has the keyboard, the panes' sizes, the line
/// typed in the status bar, the box over the panes and the one-off note.
pub(super) struct Screen {
    pub(super) focus: Focus,
    pub(super) viewport: Viewport,
    /// The line typed in the status bar while it is open (the reader's `/`, a file to save
    /// to), and the last search made with `/`.
    pub(super) prompt: Option<Prompt>,
    pub(super) last_search: String,
    pub(super) overlay: Option<Overlay>,
    /// A one-off note for the status bar; cleared by the next key.
    pub(super) message: Option<String>,
}

impl Screen {
    /// Says `note` in the status bar, until the next key.
    pub(super) fn say(&mut self, note: impl Into<String>) {
        self.message = Some(note.into());
    }

    /// Clears the note: a key was pressed.
    pub(super) fn forget_note(&mut self) {
        self.message = None;
    }
}

/// The study views shown, the one on top last.
#[derive(Default)]
pub(super) struct StudyViews {
    pub(super) views: Vec<Box<dyn AnyView>>,
    /// True when the reader was opened from a concordance: back returns there.
    pub(super) reader_opened: bool,
    /// True when the views were opened from the reader (a document's copies, those like
    /// it): back from the last returns there.
    pub(super) from_reader: bool,
    /// The subcorpus the views made now are of (None: the whole corpus), and one asked for
    /// (`--in`) before the corpus was all there.
    pub(super) within: Option<std::sync::Arc<super::subcorpus::Within>>,
    pub(super) pending_within: Option<String>,
    /// While a subcorpus is being found in the background: the view asked for meanwhile,
    /// shown once it is found.
    pub(super) choosing: Option<Option<crate::keys::action::StudyKind>>,
    /// How collocates are found: the window, the minimum, the stop-list.
    pub(super) collocating: Collocating,
    /// How `c` cites a concordance line (`C`: the next format).
    pub(super) citation: crate::study::cite::CitationFormat,
    /// The batch file read last (Alt-B): the batch view is of it.
    pub(super) batch: Option<std::sync::Arc<crate::study::batch::BatchAsk>>,
}

/// The collocates view's settings, changed in the view (`[` `]`, `-` `+`, `x`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Collocating {
    pub(super) span: usize,
    pub(super) min: usize,
    pub(super) stoplist: bool,
    pub(super) measure: crate::study::association::Measure,
}

impl Default for Collocating {
    fn default() -> Collocating {
        Collocating {
            span: crate::study::collocates::DEFAULT_SPAN,
            min: crate::study::collocates::DEFAULT_MIN,
            stoplist: false,
            measure: crate::study::association::Measure::default(),
        }
    }
}

/// Saves of what is shown.
#[derive(Default)]
pub(super) struct Saves {
    /// The save under way.
    pub(super) under_way: Option<Ticket>,
    /// A save asked for while the view was still being made: where, whether to replace the
    /// file, and the view it is of (how many views deep); started once the view is complete.
    pub(super) waiting: Option<(Destination, bool, usize)>,
}

/// The months the dated documents span (worked out for this many documents), and the text
/// query's hits per month over them.
pub(super) struct MonthCounts {
    pub(super) span: (usize, Vec<String>),
    pub(super) counted: Option<Months>,
}
