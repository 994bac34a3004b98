//! The background work the app asks for, declared once: each kind of job is a row of the
//! table below (its thread's name, its priority, whether a study view waits on it) and an arm
//! of `serve` (the function that does it and the update that carries what it finds). A job of
//! each kind is started once, on `work::job`; what it finds comes back as an [`Update`]
//! through `deliver` — into the event loop's inbox, which wakes it. A new job is a variant of
//! `JobRequest` and `JobKind` (effects.rs) and its row and arm here: the compiler asks for both.

use super::effects::IndexRequest;
use super::{IndexNews, JobKind, JobRequest, Update};
use crate::reader::hits::search_in_background;
use crate::reader::lines;
use crate::search::text::index::{self, TextIndex, lasting};
use crate::search::text::request as text_search;
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::{order, ranker};
use crate::study::{save, sort};
use crate::work::job::{Cancel, Job};
use crate::work::pool::{self, Priority};
use std::io;
use std::sync::Arc;

/// What the table says of a kind of job.
struct Row {
    /// The thread's name (seen in `top -H`, a debugger, a panic message).
    name: &'static str,
    priority: Priority,
    /// True for the work of a study view: leaving the view stops it.
    for_a_view: bool,
}

impl JobKind {
    fn row(self) -> Row {
        let (name, priority, for_a_view) = match self {
            JobKind::RankTitles => ("rank-titles", Priority::Interactive, false),
            JobKind::SortList => ("sort-list", Priority::Interactive, false),
            JobKind::SearchText => ("search-text", Priority::Interactive, false),
            // Nobody waits on the index: it gives way to everything else.
            JobKind::BuildIndex => ("build-index", Priority::Background, false),
            JobKind::SearchDocument => ("search-document", Priority::Interactive, false),
            JobKind::CountLines => ("count-lines", Priority::Interactive, false),
            JobKind::View => ("study-view", Priority::Interactive, true),
            JobKind::SortHits => ("sort-hits", Priority::Interactive, true),
            JobKind::Save => ("save", Priority::Interactive, false),
            JobKind::ChooseSubcorpus => ("choose-subcorpus", Priority::Interactive, false),
            // Nobody waits on the copies either.
            JobKind::FindCopies => ("find-copies", Priority::Background, false),
        };
        Row {
            name,
            priority,
            for_a_view,
        }
    }

    /// True for the work of a study view: leaving the view stops it.
    pub(crate) fn for_a_view(self) -> bool {
        self.row().for_a_view
    }
}

impl JobRequest {
    /// The kind of job that serves it (None for a stop).
    fn kind(&self) -> Option<JobKind> {
        Some(match self {
            JobRequest::RankTitles(_) => JobKind::RankTitles,
            JobRequest::SortList(_) => JobKind::SortList,
            JobRequest::SearchText(_) => JobKind::SearchText,
            JobRequest::BuildIndex(_) => JobKind::BuildIndex,
            JobRequest::SearchDocument(_) => JobKind::SearchDocument,
            JobRequest::CountLines(_) => JobKind::CountLines,
            JobRequest::View(_) => JobKind::View,
            JobRequest::SortHits(_) => JobKind::SortHits,
            JobRequest::Save(_) => JobKind::Save,
            JobRequest::ChooseSubcorpus(_) => JobKind::ChooseSubcorpus,
            JobRequest::FindCopies(_) => JobKind::FindCopies,
            JobRequest::Stop(_) => return None,
        })
    }

    /// Does the work, on its job's thread, handing what it finds to `deliver` (nothing once
    /// `cancel` is set).
    fn serve(self, cancel: &Cancel, deliver: &dyn Fn(Update)) {
        let workers = pool::workers();
        match self {
            JobRequest::RankTitles(request) => {
                let filter = TitleFilter::default();
                if let Some(ranked) = ranker::ranked(&filter, request, workers, cancel) {
                    deliver(Update::Ranked(ranked));
                }
            }
            JobRequest::SortList(request) => {
                if let Some(sorted) = order::sorted(request, workers, cancel) {
                    deliver(Update::Sorted(sorted));
                }
            }
            JobRequest::SearchText(request) => {
                text_search::serve(&request, workers, cancel, &|found| {
                    deliver(Update::TextFound(found))
                });
            }
            JobRequest::BuildIndex(request) => build_index(&request, workers, deliver),
            JobRequest::SearchDocument(search) => {
                search_in_background(search, cancel, &|hits| {
                    deliver(Update::DocumentSearched(hits))
                });
            }
            JobRequest::CountLines(count) => {
                lines::count_in_background(count, cancel, &|counted| {
                    deliver(Update::LinesCounted(counted))
                });
            }
            JobRequest::View(job) => job.run(cancel, deliver),
            JobRequest::SortHits(request) => {
                if let Some(sorted) = sort::sorted(&request, workers, cancel) {
                    deliver(Update::HitsSorted(sorted));
                }
            }
            JobRequest::Save(request) => deliver(Update::Saved(save::save(&request, cancel))),
            JobRequest::ChooseSubcorpus(request) => {
                if let Some(chosen) = request.resolve(workers, cancel) {
                    deliver(Update::SubcorpusChosen(chosen));
                }
            }
            JobRequest::FindCopies(request) => {
                request.serve(workers, cancel, &|news| deliver(Update::CopiesFound(news)));
            }
            JobRequest::Stop(_) => {}
        }
    }
}

/// One job of each kind, in the order of `JobKind::ALL`.
pub(crate) struct Jobs {
    jobs: Vec<Job<JobRequest>>,
}

impl Jobs {
    /// Starts the jobs' threads; everything they find goes to `deliver`.
    pub(crate) fn start(deliver: impl Fn(Update) + Send + Sync + 'static) -> io::Result<Jobs> {
        let deliver = Arc::new(deliver);
        let mut jobs = Vec::with_capacity(JobKind::ALL.len());
        for kind in JobKind::ALL {
            let Row { name, priority, .. } = kind.row();
            let to = Arc::clone(&deliver);
            jobs.push(Job::start(
                name,
                priority,
                move |request: JobRequest, cancel| {
                    request.serve(cancel, &*to);
                },
            )?);
        }
        Ok(Jobs { jobs })
    }

    /// Starts (or stops) the work `request` asks for.
    pub(crate) fn submit(&self, request: JobRequest) {
        if let JobRequest::Stop(kind) = request {
            self.job(kind).stop();
        } else if let Some(kind) = request.kind() {
            self.job(kind).request(request);
        }
    }

    fn job(&self, kind: JobKind) -> &Job<JobRequest> {
        // Started for every kind of `ALL`, in its order: a kind's number is its place.
        &self.jobs[kind as usize]
    }
}

/// Serves a request for the index: built in memory, or from the lasting store (what it kept
/// given at once, progress told as the rest is indexed, then all of it).
fn build_index(request: &IndexRequest, workers: usize, deliver: &dyn Fn(Update)) {
    let Some(lasting) = &request.lasting else {
        let built = index::build(&request.docs, request.budget, workers);
        deliver(Update::Indexed(IndexNews {
            index: Some(built),
            finished: true,
            ..IndexNews::default()
        }));
        return;
    };
    let progress = |done: usize, total: usize| {
        deliver(Update::Indexed(IndexNews {
            progress: Some((done, total)),
            ..IndexNews::default()
        }))
    };
    let mut early = |kept: TextIndex| {
        deliver(Update::Indexed(IndexNews {
            index: Some(kept),
            ..IndexNews::default()
        }))
    };
    let (index, report) = lasting::update(lasting::Update {
        store: &lasting.store,
        listing: lasting.listing.as_ref(),
        docs: &request.docs,
        workers,
        progress: &progress,
        early: &mut early,
        write: true,
    });
    deliver(Update::Indexed(IndexNews {
        index: Some(index),
        progress: None,
        finished: true,
        notes: report.notes,
    }));
}
