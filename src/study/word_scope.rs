//! The word list, keywords and n-grams of a scope (the documents, the query, the index, the
//! subcorpus): the n-grams as the printing mode and the view both count them, and each made
//! for the browser's views on the views' job, by the same counting the printing modes use,
//! with its progress reported as it goes and the rows delivered once complete.

use super::matching::Scope;
use super::words::counted::{Counted, PartSize, Parts, count_words};
use super::words::keyness::{self, KeywordRow, critical_value};
use super::words::ngrams::{Ask, Holding, NgramRow, Ngrams, Over, count_ngrams};
use super::words::wordlist::{self, Order, WordRow, word_list};
use crate::work::job::{Cadence, Cancel};
use crate::work::pool;
use std::sync::Arc;

/// What a word view is of: its scope, and for n-grams their length.
#[derive(Debug)]
pub(crate) struct WordsRequest {
    pub scope: Scope,
    pub n: usize,
    /// For the batch view: the queries.
    pub batch: Option<Arc<crate::study::batch::BatchAsk>>,
    /// When copies are collapsed: the documents counted (one of each cluster). Keywords'
    /// reference is then the rest of these, not the copies left out; and a subcorpus of
    /// these alone is no target (the query's documents are).
    pub distinct: Option<Arc<Vec<bool>>>,
}

/// How far a word view's work has got, or its rows once complete.
#[derive(Debug)]
pub(crate) struct WordsFound<R> {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
    /// Once complete: the rows, and the size of what was counted (for keywords, the target's
    /// and the reference's).
    pub rows: Option<Arc<Vec<R>>>,
    pub sizes: [PartSize; 2],
}

impl<R> WordsFound<R> {
    pub(crate) fn complete(rows: Vec<R>, sizes: [PartSize; 2]) -> WordsFound<R> {
        WordsFound {
            stage: "done",
            done: 1,
            total: 1,
            rows: Some(Arc::new(rows)),
            sizes,
        }
    }
}

/// Reports progress to `deliver` a few times a second.
fn reporter<R>(deliver: &dyn Fn(WordsFound<R>)) -> impl FnMut(&'static str, usize, usize) + '_ {
    let mut cadence = Cadence::start();
    move |stage, done, total| {
        if cadence.due(false, 1) {
            deliver(WordsFound {
                stage,
                done,
                total,
                rows: None,
                sizes: [PartSize::default(); 2],
            });
        }
    }
}

/// Counts the words of `parts`; None once cancelled.
fn counted<R>(
    scope: &Scope,
    parts: &Parts,
    dispersion: bool,
    cancel: &Cancel,
    deliver: &dyn Fn(WordsFound<R>),
) -> Option<Counted> {
    let index = scope.index.as_deref();
    let mut report = reporter(deliver);
    count_words(
        &scope.docs,
        index,
        parts,
        dispersion,
        pool::workers(),
        cancel,
        &mut report,
    )
}

/// The word list of the scope's subcorpus, most frequent first.
pub(crate) fn serve_word_list(
    request: &WordsRequest,
    cancel: &Cancel,
    deliver: &dyn Fn(WordsFound<WordRow>),
) {
    let parts = Parts::one(&request.scope.flags());
    let Some(counted) = counted(&request.scope, &parts, true, cancel, deliver) else {
        return;
    };
    let rows = word_list(&counted, &wordlist::Choices::default());
    deliver(WordsFound::complete(rows, counted.parts));
}

/// The keywords of the subcorpus chosen (or, with none, of the documents the query matches)
/// against the rest of the corpus, at the default cut-off.
pub(crate) fn serve_keywords(
    request: &WordsRequest,
    cancel: &Cancel,
    deliver: &dyn Fn(WordsFound<KeywordRow>),
) {
    let scope = &request.scope;
    let distinct = request.distinct.as_deref();
    let is_counted =
        |doc: usize| distinct.is_none_or(|kept| kept.get(doc).copied().unwrap_or(true));
    let only_distinct = distinct.is_some() && scope.within.as_deref() == distinct;
    let target = match &scope.within {
        Some(within) if !only_distinct => within.as_ref().clone(),
        _ => {
            let Some(matching) = scope.documents(pool::workers(), cancel, |_| {}) else {
                return;
            };
            let mut target = vec![false; scope.docs.len()];
            for &doc in matching.iter() {
                target[doc] = is_counted(doc);
            }
            target
        }
    };
    let reference: Vec<bool> = target
        .iter()
        .enumerate()
        .map(|(doc, &t)| !t && is_counted(doc))
        .collect();
    let parts = Parts::two(&target, &reference);
    let Some(counted) = counted(scope, &parts, false, cancel, deliver) else {
        return;
    };
    let choices = keyness::Choices {
        min_log_likelihood: critical_value(keyness::DEFAULT_P),
        min_log_ratio: 0.0,
        stoplist: None,
    };
    let rows = keyness::keywords(&counted.frequencies(0), &counted.frequencies(1), &choices);
    deliver(WordsFound::complete(rows, counted.parts));
}

/// The n-grams of the scope's subcorpus, or those holding the query's words when it has any.
pub(crate) fn serve_ngrams(
    request: &WordsRequest,
    cancel: &Cancel,
    deliver: &dyn Fn(WordsFound<NgramRow>),
) {
    let ask = Ask {
        n: request.n,
        containing: Holding::default(),
        min_hits: 1,
        min_documents: 1,
        order: Order::Hits,
        limit: super::words::ngrams::DEFAULT_LIMIT,
    };
    let mut report = reporter(deliver);
    let Some((found, size, _)) =
        count_scope(&request.scope, ask, pool::workers(), cancel, &mut report)
    else {
        return;
    };
    deliver(WordsFound::complete(
        found.rows,
        [size, PartSize::default()],
    ));
}

/// The n-grams of `scope` that `ask` wants, those holding its query's words when it has
/// any (`ask.containing` is made from the query), with the size of the scope and how many
/// documents were read; None once cancelled. What the printing mode and the view both count.
pub(crate) fn count_scope(
    scope: &Scope,
    mut ask: Ask,
    workers: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(&'static str, usize, usize),
) -> Option<(Ngrams, PartSize, usize)> {
    let within = scope.flags();
    let doc_words = scope.doc_words(workers, cancel)?;
    ask.containing = Holding::of(&scope.query);
    let read = to_read(scope, &ask.containing, &within, workers, cancel)?;
    let over = Over {
        docs: &scope.docs,
        read: &read,
        doc_words: &doc_words,
        scope: &within,
    };
    let found = count_ngrams(&over, &ask, workers, cancel, report)?;
    let size = PartSize {
        documents: within.iter().filter(|&&inside| inside).count(),
        words: (0..within.len())
            .filter(|&doc| within[doc])
            .map(|doc| u64::from(doc_words[doc]))
            .sum(),
    };
    Some((found, size, read.len()))
}

/// The documents to read: every one of the subcorpus when nothing is to be held, else those
/// its query matches — found ignoring case, as the n-grams' words are compared lowercased.
fn to_read(
    scope: &Scope,
    holding: &Holding,
    within: &[bool],
    workers: usize,
    cancel: &Cancel,
) -> Option<Vec<usize>> {
    if holding.is_empty() {
        return Some((0..within.len()).filter(|&doc| within[doc]).collect());
    }
    let mut caseless = scope.clone();
    caseless.matching = None;
    for term in caseless.query.groups.iter_mut().flatten() {
        term.case_sensitive = false;
    }
    let matching = caseless.documents(workers, cancel, |_| {})?;
    Some(matching.as_ref().clone())
}
