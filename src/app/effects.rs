//! What an update asks of the world around the app, carried out by the event loop: background
//! work to start or stop, text for the clipboard, the terminal handed to the editor or pager,
//! suspending, and leaving.

use super::handover::Handover;
use super::views::ViewJob;
use crate::corpus::store::DocStore;
use crate::reader::DocumentSearch;
use crate::search::text::request::TextRequest;
use crate::search::titles::order::SortRequest;
use crate::search::titles::ranker::RankRequest;
use crate::study::save::SaveRequest;
use crate::study::sort::SortHitsRequest;

/// How the session ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Esc on an empty query: nothing chosen (status 130, as fzf).
    Quit,
    /// Ctrl-C; the process exits with status 130 as shells expect.
    Interrupted,
    /// Documents chosen (their indices, in path order): their paths are printed, status 0.
    Accept(Vec<usize>),
    /// The load ended without a single document (after the interface showed, waiting for a
    /// slow list): said as when nothing is found before it shows, status 2.
    NothingFound { skipped: usize },
}

/// One thing an update asks for.
#[derive(Debug)]
pub enum Effect {
    /// Background work: its results come back as updates.
    Job(JobRequest),
    /// Text for the clipboard of the terminal the user sits at.
    Copy(String),
    /// The document for the editor or pager; how it ended comes back as an update.
    HandOver(Handover),
    /// Ctrl-Z: the terminal back to the shell until `fg`.
    Suspend,
    Exit(Exit),
}

/// What an update asks for, in order.
pub(crate) type Effects = Vec<Effect>;

/// Background work the app asks for. A job of each kind runs at most one request at a time: a
/// newer request of the kind (or a stop) cancels the one under way. Each kind is served as the
/// table in `jobs.rs` says (its thread, its priority, the function that serves it).
#[derive(Debug)]
pub enum JobRequest {
    /// Rank the titles for the list's query.
    RankTitles(RankRequest),
    /// Sort the list's matches in its order.
    SortList(SortRequest),
    /// Search the documents' text for the list's query.
    SearchText(TextRequest),
    /// Build the index of the documents' words (asked for once: nothing supersedes it).
    BuildIndex(IndexRequest),
    /// Search the big document in the reader.
    SearchDocument(DocumentSearch),
    /// Count the lines of the big document in the reader.
    CountLines(crate::reader::lines::LineCount),
    /// Make a study view (see `views`): one job makes every kind, a newer view's work
    /// cancels an older one's (a view left unfinished is made again when it shows).
    View(ViewJob),
    /// Sort a concordance.
    SortHits(SortHitsRequest),
    /// Save a view to a file.
    Save(SaveRequest),
    /// Find the documents of a subcorpus and its size.
    ChooseSubcorpus(super::subcorpus::SubcorpusRequest),
    /// Find the corpus's copies.
    FindCopies(super::copies::CopiesRequest),
    /// Stop what a kind of job is doing: nobody wants it any more.
    Stop(JobKind),
}

/// Building the index of `docs`' words within `budget` bytes.
#[derive(Debug)]
pub struct IndexRequest {
    pub docs: DocStore,
    pub budget: usize,
    /// The corpus's lasting store, when one is kept.
    pub(crate) lasting: Option<std::sync::Arc<crate::store::Lasting>>,
}

/// Declares the kinds of job once: the enum and the list of all of them (each has a thread).
macro_rules! job_kinds {
    ($($kind:ident),* $(,)?) => {
        /// The kinds of background work, one thread each: a request of a kind cancels the one
        /// of the same kind under way.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum JobKind {
            $($kind),*
        }

        impl JobKind {
            /// Every kind, in declaration order (a kind's place is its number).
            pub(crate) const ALL: &[JobKind] = &[$(JobKind::$kind),*];
        }
    };
}

job_kinds!(
    RankTitles,
    SortList,
    SearchText,
    BuildIndex,
    SearchDocument,
    CountLines,
    View,
    SortHits,
    Save,
    ChooseSubcorpus,
    FindCopies,
);
