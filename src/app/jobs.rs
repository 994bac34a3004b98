//! The background work the app asks for, one job of each kind started once: ranking titles,
//! sorting the list, searching the text, building the index, searching a big document and
//! counting its lines, and
//! the study views' concordance, sort, counts, collocates and saving. What they find comes
//! back as an [`Update`] through `deliver` — into the event loop's inbox, which wakes it.

use super::effects::IndexRequest;
use super::{JobKind, JobRequest, Update};
use crate::reader::DocumentSearch;
use crate::reader::hits::search_in_background;
use crate::reader::lines::{self, LineCount};
use crate::search::text::index;
use crate::search::text::request::{self as text_search, TextRequest};
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::order::{self, SortRequest};
use crate::search::titles::ranker::{self, RankRequest};
use crate::study::collocates::{self, CollocatesRequest};
use crate::study::concordance::{self, ConcordanceRequest};
use crate::study::counts::{self, CountsRequest};
use crate::study::save::{self, SaveRequest};
use crate::study::sort::{self, SortHitsRequest};
use crate::work::job::{Generation, Job};
use crate::work::pool;
use std::io;
use std::sync::Arc;

/// The index is asked for once: its one request is never stale.
impl Generation for IndexRequest {
    fn generation(&self) -> u64 {
        0
    }
}

impl Generation for RankRequest {
    fn generation(&self) -> u64 {
        self.generation
    }
}

impl Generation for SortRequest {
    fn generation(&self) -> u64 {
        self.generation
    }
}

impl Generation for TextRequest {
    fn generation(&self) -> u64 {
        self.generation
    }
}

impl Generation for LineCount {
    fn generation(&self) -> u64 {
        self.generation
    }
}

impl Generation for DocumentSearch {
    fn generation(&self) -> u64 {
        self.generation
    }
}

/// Study work: each request carries its generation.
macro_rules! by_generation {
    ($($request:ty),*) => {
        $(impl Generation for $request {
            fn generation(&self) -> u64 {
                self.generation
            }
        })*
    };
}
by_generation!(
    ConcordanceRequest,
    SortHitsRequest,
    CountsRequest,
    CollocatesRequest,
    SaveRequest
);

/// One job of each kind.
pub(crate) struct Jobs {
    titles: Job<RankRequest>,
    sort: Job<SortRequest>,
    text: Job<TextRequest>,
    index: Job<IndexRequest>,
    document: Job<DocumentSearch>,
    lines: Job<LineCount>,
    concordance: Job<ConcordanceRequest>,
    sort_hits: Job<SortHitsRequest>,
    counts: Job<CountsRequest>,
    collocates: Job<CollocatesRequest>,
    save: Job<SaveRequest>,
}

impl Jobs {
    /// Starts the jobs' threads; everything they find goes to `deliver`.
    pub(crate) fn start(deliver: impl Fn(Update) + Send + Sync + 'static) -> io::Result<Jobs> {
        let deliver = Arc::new(deliver);
        let workers = pool::workers();
        let to = Arc::clone(&deliver);
        let filter = TitleFilter::default();
        let titles = Job::start("rank-titles", move |request: RankRequest, stale| {
            if let Some(ranked) = ranker::ranked(&filter, request, workers, stale) {
                to(Update::Ranked(ranked));
            }
        })?;
        let to = Arc::clone(&deliver);
        let sort = Job::start("sort-list", move |request: SortRequest, stale| {
            if let Some(sorted) = order::sorted(request, workers, stale) {
                to(Update::Sorted(sorted));
            }
        })?;
        let to = Arc::clone(&deliver);
        let text = Job::start("search-text", move |request: TextRequest, stale| {
            text_search::serve(&request, workers, stale, &|found| {
                to(Update::TextFound(found))
            });
        })?;
        let to = Arc::clone(&deliver);
        let index = Job::start("build-index", move |request: IndexRequest, _| {
            let built = index::build(&request.docs, request.budget, workers);
            to(Update::Indexed(built));
        })?;
        let to = Arc::clone(&deliver);
        let document = Job::start("search-document", move |search: DocumentSearch, stale| {
            search_in_background(search, stale, &|hits| to(Update::DocumentSearched(hits)));
        })?;
        let to = Arc::clone(&deliver);
        let lines = Job::start("count-lines", move |count: LineCount, stale| {
            lines::count_in_background(count, stale, &|counted| to(Update::LinesCounted(counted)));
        })?;
        let to = Arc::clone(&deliver);
        let concordance = Job::start("concordance", move |request: ConcordanceRequest, stale| {
            concordance::serve(&request, workers, stale, &|found| {
                to(Update::ConcordanceFound(found))
            });
        })?;
        let to = Arc::clone(&deliver);
        let sort_hits = Job::start("sort-hits", move |request: SortHitsRequest, stale| {
            if let Some(sorted) = sort::sorted(&request, workers, stale) {
                to(Update::HitsSorted(sorted));
            }
        })?;
        let to = Arc::clone(&deliver);
        let counts = Job::start("counts", move |request: CountsRequest, stale| {
            counts::serve(&request, workers, stale, &|counted| {
                to(Update::Counted(counted))
            });
        })?;
        let to = Arc::clone(&deliver);
        let collocates = Job::start("collocates", move |request: CollocatesRequest, stale| {
            collocates::serve(&request, workers, stale, &|found| {
                to(Update::CollocatesFound(found))
            });
        })?;
        let to = deliver;
        let save = Job::start("save", move |request: SaveRequest, stale| {
            to(Update::Saved(save::save(&request, stale)));
        })?;
        Ok(Jobs {
            titles,
            sort,
            text,
            index,
            document,
            lines,
            concordance,
            sort_hits,
            counts,
            collocates,
            save,
        })
    }

    /// Starts (or stops) the work `request` asks for.
    pub(crate) fn submit(&self, request: JobRequest) {
        match request {
            JobRequest::RankTitles(request) => self.titles.request(request),
            JobRequest::SortList(request) => self.sort.request(request),
            JobRequest::SearchText(request) => self.text.request(request),
            JobRequest::BuildIndex(request) => self.index.request(request),
            JobRequest::SearchDocument(search) => self.document.request(search),
            JobRequest::CountLines(count) => self.lines.request(count),
            JobRequest::Concordance(request) => self.concordance.request(request),
            JobRequest::SortHits(request) => self.sort_hits.request(request),
            JobRequest::Counts(request) => self.counts.request(request),
            JobRequest::Collocates(request) => self.collocates.request(request),
            JobRequest::Save(request) => self.save.request(request),
            JobRequest::Stop(JobKind::RankTitles) => self.titles.stop(),
            JobRequest::Stop(JobKind::SortList) => self.sort.stop(),
            JobRequest::Stop(JobKind::SearchText) => self.text.stop(),
            JobRequest::Stop(JobKind::SearchDocument) => self.document.stop(),
            JobRequest::Stop(JobKind::CountLines) => self.lines.stop(),
            JobRequest::Stop(JobKind::Study) => {
                self.concordance.stop();
                self.sort_hits.stop();
                self.counts.stop();
                self.collocates.stop();
            }
        }
    }
}
