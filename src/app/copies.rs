//! The corpus's copies as the app sees them: found in the background once the corpus is
//! loaded and its index settled (from the lasting store where it kept them; what is new
//! kept there), with progress in the status line; `+3 copies` after a title; Alt-c collapsing
//! each cluster to the one document it is kept as, in the list and in every view made from
//! then on (their subcorpus gets a `distinct` part, which the heading names).

use super::views::ViewOf;
use super::{App, Effect, Focus, JobRequest};
use crate::copies::{self, Copies, Stage, Thresholds};
use crate::corpus::store::DocStore;
use crate::keys::action::StudyKind;
use crate::search::query::Query;
use crate::store::Lasting;
use crate::text::columns::{plural, thousands};
use crate::work::job::Cancel;
use std::sync::Arc;

/// The subcorpus part collapsing adds.
const DISTINCT: &str = "distinct";

/// Finding the copies, and what was found.
#[derive(Debug)]
pub(super) struct CopiesWork {
    thresholds: Thresholds,
    lasting: Option<Arc<Lasting>>,
    started: bool,
    /// Asked for and not over yet.
    under_way: bool,
    found: Option<Arc<Copies>>,
    progress: Option<Stage>,
    /// Each cluster shown as its kept document alone (Alt-c).
    pub(super) collapsed: bool,
}

impl CopiesWork {
    pub(super) fn new(
        thresholds: Thresholds,
        lasting: Option<Arc<Lasting>>,
        collapsed: bool,
    ) -> CopiesWork {
        CopiesWork {
            thresholds,
            lasting,
            started: false,
            under_way: false,
            found: None,
            progress: None,
            collapsed,
        }
    }

    /// The copies, once found.
    pub(super) fn found(&self) -> Option<Arc<Copies>> {
        self.found.clone()
    }

    pub(super) fn thresholds(&self) -> Thresholds {
        self.thresholds
    }
}

/// What finding the copies needs, owned: it is done in the background.
#[derive(Debug)]
pub struct CopiesRequest {
    docs: DocStore,
    lasting: Option<Arc<Lasting>>,
    thresholds: Thresholds,
}

/// News of the copies from their job: how far it has come, then what was found.
#[derive(Debug, Default)]
pub struct CopiesNews {
    copies: Option<Copies>,
    progress: Option<Stage>,
    notes: Vec<String>,
    /// The job is over (with the copies, or without: cancelled).
    ended: bool,
}

impl CopiesRequest {
    /// Finds the copies, telling `deliver` of progress (each new percent) and the end.
    pub(super) fn serve(&self, workers: usize, cancel: &Cancel, deliver: &dyn Fn(CopiesNews)) {
        let told = std::sync::atomic::AtomicUsize::new(usize::MAX);
        let progress = |stage: Stage| {
            let (done, total, offset) = match stage {
                Stage::Sketching(done, total) => (done, total, 0),
                Stage::Measuring(done, total) => (done, total, 1000),
            };
            let step = offset + done * 100 / total.max(1);
            if told.swap(step, std::sync::atomic::Ordering::Relaxed) != step {
                deliver(CopiesNews {
                    progress: Some(stage),
                    ..CopiesNews::default()
                });
            }
        };
        let found = copies::find_copies(&copies::Asked {
            docs: &self.docs,
            store: self.lasting.as_deref().map(|lasting| &lasting.store),
            thresholds: self.thresholds,
            write: true,
            workers,
            cancel,
            progress: &progress,
        });
        let (copies, notes) = match found {
            Some((copies, report)) => (Some(copies), report.notes),
            None => (None, Vec::new()),
        };
        deliver(CopiesNews {
            copies,
            progress: None,
            notes,
            ended: true,
        });
    }
}

impl App {
    /// Asks for the copies once the corpus is loaded and the index is settled (both read
    /// every document: one after the other, not at once).
    pub(super) fn start_copies_if_ready(&mut self) {
        if self.work.loading || self.work.index.building() || self.work.copies.started {
            return;
        }
        self.work.copies.started = true;
        self.work.copies.under_way = true;
        let request = CopiesRequest {
            docs: self.corpus.docs.clone(),
            lasting: self.work.copies.lasting.clone(),
            thresholds: self.work.copies.thresholds,
        };
        self.ask(Effect::Job(JobRequest::FindCopies(request)));
    }

    /// Takes news of the copies: the list labels them, and collapses them when asked to.
    pub(super) fn copies_news(&mut self, news: CopiesNews) {
        self.work.copies.progress = news.progress.or(self.work.copies.progress);
        if news.ended {
            self.work.copies.under_way = false;
            self.work.copies.progress = None;
        }
        if !news.notes.is_empty() {
            self.screen.say(news.notes.join("; "));
        }
        let Some(copies) = news.copies else {
            return;
        };
        self.work.copies.progress = None;
        self.work.copies.found = Some(Arc::new(copies));
        if self.work.copies.collapsed {
            self.work.copies.collapsed = false;
            self.toggle_collapse();
        }
    }

    /// What the status line says while the copies are found: `finding copies… 40%`.
    pub fn copies_progress(&self) -> Option<String> {
        let (what, done, total) = match self.work.copies.progress? {
            Stage::Sketching(done, total) => ("reading", done, total),
            Stage::Measuring(done, total) => ("comparing", done, total),
        };
        Some(format!("copies: {what} {}%", done * 100 / total.max(1)))
    }

    /// Whether the copies are being found.
    pub(super) fn copies_under_way(&self) -> bool {
        self.work.copies.under_way
    }

    /// Whether each cluster of copies is shown as one document (the list's header says so).
    pub fn copies_collapsed(&self) -> bool {
        self.work.copies.collapsed && self.work.copies.found.is_some()
    }

    /// What the list shows after a title with copies: ` +3 copies`.
    pub fn copies_label(&self, doc: usize) -> Option<String> {
        let count = self.work.copies.found.as_ref()?.copies_of(doc);
        (count > 0).then(|| format!(" +{count} cop{}", if count == 1 { "y" } else { "ies" }))
    }

    /// Alt-c: each cluster of copies shown as one document (the earliest dated, else the
    /// first), in the list and the views made from now on; pressed again, all of them.
    pub(super) fn toggle_collapse(&mut self) {
        let Some(copies) = self.work.copies.found.clone() else {
            self.work.copies.collapsed = !self.work.copies.collapsed;
            self.screen.say(match self.work.copies.collapsed {
                true => "the copies are still being found: they are collapsed once they are",
                false => "the copies will not be collapsed",
            });
            return;
        };
        self.work.copies.collapsed = !self.work.copies.collapsed;
        let collapsed = self.work.copies.collapsed;
        // The selected document stays selected (collapsed: its cluster's kept document), when
        // the list is made again at once (a ranking in the background selects the first).
        let selected = self
            .list
            .selected_doc()
            .map(|doc| if collapsed { copies.kept_as(doc) } else { doc });
        self.list
            .hide_copies(collapsed.then(|| Arc::clone(&copies)));
        self.abandon_query_work();
        self.forget_ranking();
        self.work.text.shown = None;
        self.refilter();
        let rows = self.list_rows();
        self.list.reselect(selected, rows);
        self.sync_reader();
        let within = self.subcorpus_text().map(str::to_string);
        let text = match collapsed {
            true => with_distinct(within.as_deref()),
            false => without_distinct(within.as_deref().unwrap_or_default()),
        };
        self.choose_subcorpus(&text);
        let (clusters, left_out) = (copies.cluster_count(), copies.left_out());
        self.screen.say(match collapsed {
            true => format!(
                "copies collapsed: {} cluster{} counted once, {} cop{} left out (Alt-c shows all)",
                thousands(clusters),
                plural(clusters),
                thousands(left_out),
                if left_out == 1 { "y" } else { "ies" }
            ),
            false => "every copy shown and counted again".to_string(),
        });
    }

    /// The copies of `doc` to show beside it: its cluster's kept document first (the kept
    /// one's own copies, for it), then the others in corpus order.
    pub(super) fn copies_beside(&self, doc: usize) -> Vec<usize> {
        let Some(copies) = &self.work.copies.found else {
            return Vec::new();
        };
        copies
            .members_of(doc)
            .into_iter()
            .filter(|&other| other != doc)
            .collect()
    }

    /// Opens a view of the document read (or selected): its copies side by side, or those
    /// like it; says why not when it cannot.
    pub(super) fn show_document_view(&mut self, kind: StudyKind) {
        let read = self
            .reader
            .doc()
            .filter(|_| self.screen.focus == Focus::Reader);
        let Some(doc) = read.or(self.list.selected_doc()) else {
            self.screen.say("no document to look at".to_string());
            return;
        };
        if kind == StudyKind::Copies {
            let said = match &self.work.copies.found {
                None => Some("the copies are still being found (see the status line)".to_string()),
                Some(copies) if copies.copies_of(doc) == 0 => {
                    let t = self.work.copies.thresholds;
                    Some(format!(
                        "this document has no copies (sharing {:.0}% of its shingles, or {:.0}% contained)",
                        t.jaccard * 100.0,
                        t.containment * 100.0
                    ))
                }
                Some(_) => None,
            };
            if let Some(said) = said {
                self.screen.say(said);
                return;
            }
        }
        let of = ViewOf {
            query: Query::default(),
            near: None,
            // Documents alike are of the subcorpus chosen (each cluster once when collapsed).
            within: match kind {
                StudyKind::Alike => self.study.within.clone(),
                _ => None,
            },
            n: None,
            batch: None,
            doc: Some(doc),
        };
        if self.study.views.is_empty() {
            self.study.from_reader = read.is_some();
        }
        self.open_view(kind, of);
    }

    /// Reads `doc` from a view (the list selecting it): back returns to the view.
    pub(super) fn read_from_view(&mut self, doc: usize) {
        if self.reader.doc() != Some(doc) {
            self.open_in_reader(doc);
        }
        if let Some(position) = self.list.matches().iter().position(|&listed| listed == doc) {
            let rows = self.list_rows();
            self.list.select(position, rows);
        }
        self.study.reader_opened = true;
        self.set_focus(Focus::Reader);
    }

    /// The documents counted when the view of `of` counts each cluster of copies once (its
    /// subcorpus has the `distinct` collapsing adds); None when it counts them all.
    pub(super) fn distinct_documents(&self, of: &ViewOf) -> Option<Arc<Vec<bool>>> {
        let within = of.within.as_ref()?;
        let copies = self.work.copies.found.as_ref()?;
        if without_distinct(&within.text) == within.text {
            return None;
        }
        let count = self.corpus.docs.len();
        Some(Arc::new(
            (0..count)
                .map(|doc| doc >= copies.len() || copies.is_kept(doc))
                .collect(),
        ))
    }

    /// Whether the subcorpus chosen is only the collapsing's `distinct` (no part of the
    /// user's): keywords are then of the query's documents, as with no subcorpus.
    pub(super) fn only_distinct(&self) -> bool {
        self.subcorpus_text() == Some(DISTINCT)
    }

    /// The subcorpus `text` with `distinct` added when the copies are collapsed.
    pub(super) fn collapsing(&self, text: &str) -> String {
        match self.work.copies.collapsed && self.work.copies.found.is_some() {
            true => with_distinct(Some(text).filter(|t| !t.trim().is_empty())),
            false => text.to_string(),
        }
    }
}

/// `within` with `distinct` added (once).
fn with_distinct(within: Option<&str>) -> String {
    match within {
        None => DISTINCT.to_string(),
        Some(text) if text == DISTINCT || text.ends_with(&format!(" and {DISTINCT}")) => {
            text.to_string()
        }
        Some(text) => format!("({text}) and {DISTINCT}"),
    }
}

/// `text` without the `distinct` collapsing added.
fn without_distinct(text: &str) -> String {
    if text == DISTINCT {
        return String::new();
    }
    text.strip_suffix(&format!(" and {DISTINCT}"))
        .and_then(|inner| inner.strip_prefix('(')?.strip_suffix(')'))
        .unwrap_or(text)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_is_added_once_and_taken_off_again() {
        assert_eq!(with_distinct(None), "distinct");
        assert_eq!(with_distinct(Some("year:2004")), "(year:2004) and distinct");
        assert_eq!(
            with_distinct(Some("(year:2004) and distinct")),
            "(year:2004) and distinct"
        );
        assert_eq!(without_distinct("(year:2004) and distinct"), "year:2004");
        assert_eq!(without_distinct("distinct"), "");
        assert_eq!(without_distinct("folder:a"), "folder:a");
    }
}
