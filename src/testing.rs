//! What the tests and benchmarks reach inside folio, and nothing else: the app and its
//! updates, the corpus and its loading, the pieces whose figures are checked against an
//! independent computation, and the event loop that plays key scripts. Everything not named
//! here is private to the crate, so the compiler reports what nothing uses.

pub use crate::app::{
    App, Effect, Exit, Focus, Handover, IndexNews, JobKind, JobRequest, LastView, Overlay,
    OverlayKind, Program, Remembered, SearchIn, Setup, Update, Viewport,
};
pub use crate::config::ColorChoice;
pub use crate::corpus::decode::decode;
pub use crate::corpus::jsonl::RecordFields;
pub use crate::corpus::known::Known;
pub use crate::corpus::loader::Loaded;
pub use crate::corpus::read::Reach;
pub use crate::corpus::source::MEMORY_BYTES;
pub use crate::corpus::store::{DocStore, Listed};
pub use crate::corpus::title::extract;
pub use crate::corpus::{Corpus, Doc, DocMeta, Inputs, WalkOptions, describe, load};
pub use crate::keys::action::{Action, StudyKind};
pub use crate::keys::bindings::BINDINGS;
pub use crate::keys::key::script;
pub use crate::keys::keymap::Keymap;
pub use crate::reader::hits::{DocumentSearch, search_in_background};
pub use crate::reader::{LineKind, Reader, ReaderAsk};
pub use crate::search::query::{Query, SYNTAX};
pub use crate::search::text::index::DEFAULT_BUDGET_MIB;
pub use crate::search::text::passage::best;
pub use crate::search::text::search;
pub use crate::search::text::terms::{Chunk, content_terms};
pub use crate::search::titles::filter::TitleFilter;
pub use crate::search::titles::order::Order;
pub use crate::search::titles::ranker::{RankRequest, rank};
pub use crate::store::Lasting;
pub use crate::study::collocates::{CollocatesRequest, serve as serve_collocates};
pub use crate::study::concordance::{ConcordanceRequest, serve as serve_concordance};
pub use crate::study::context::{Neighbourhood, Reach as ContextReach};
pub use crate::study::matching::Scope;
pub use crate::study::sort::{HitOrder, SortHitsRequest, sorted};
pub use crate::study::subcorpus::Saved;
pub use crate::text::fit::width;
pub use crate::text::highlight::{Mark, find_ignoring_case};
pub use crate::text::keywords::{Highlights, WordSet};
pub use crate::text::sanitize::sanitize_line;
pub use crate::text::wrap::wrap_line;
pub use crate::tty::event_loop::EventLoop;
pub use crate::tty::scripted::{Pace, Scripted};
pub use crate::ui::layout::areas;
pub use crate::ui::palette::Palette;
pub use crate::ui::theme::Theme;
pub use crate::work::job::{Cancel, Ticket};
