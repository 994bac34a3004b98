//! Collocates: the words found within a few words of a query's hits more often than chance,
//! scored by a measure of association (`association`: log-likelihood by default, as AntConc
//! and CQPweb rank them; MI, t-score, logDice) against how often each occurs in the corpus
//! (or the subcorpus searched), counted as the word list counts (`words::counted`: from the
//! word index, the documents it does not cover read). Made in the background, in two stages
//! reported as they go: the words near every hit, then their frequencies.

use super::association::{Figures, Measure};
use super::concordance::hits_with_text;
use super::context::{Neighbourhood, Reach, words_beside};
use super::matching::Scope;
use super::words::counted::{Parts, count_words};
use super::words::stoplist::Stoplist;
use crate::search::text::terms::positive_terms;
use crate::study::export::{Cell, Format, TableWriter};
use crate::work::job::{Cadence, Cancel};
use crate::work::pool::{self, Delivery};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words each side of a hit that count as near it, unless asked otherwise.
pub(crate) const DEFAULT_SPAN: usize = 5;
/// Times a word must occur near the hits to be considered.
pub(crate) const DEFAULT_MIN: usize = 3;

/// Collocates to find: of which query's hits, in which documents, how far from a hit, how
/// often at least, ranked by which measure.
#[derive(Debug)]
pub struct CollocatesRequest {
    pub scope: Scope,
    pub span: usize,
    pub min: usize,
    pub measure: Measure,
    /// Words never collocates (a stop-list), when one is asked for.
    pub stoplist: Option<Stoplist>,
}

/// A word found near the hits.
#[derive(Clone, Debug, PartialEq)]
pub struct Collocate {
    /// Lowercased.
    pub word: String,
    /// Its occurrences within the span of a hit.
    pub near: usize,
    /// Its occurrences in the corpus.
    pub frequency: u64,
    /// Its score by the measure ranked by.
    pub score: f64,
    /// Its score by each measure, in the order of [`Measure::ALL`].
    pub scores: [f64; 4],
}

impl Collocate {
    /// Scored and ranked by `measure` from now on.
    pub(crate) fn rank_by(collocates: &mut [Collocate], measure: Measure) {
        let at = Measure::ALL.iter().position(|&m| m == measure).unwrap_or(0);
        for collocate in collocates.iter_mut() {
            collocate.score = collocate.scores[at];
        }
        collocates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.word.cmp(&b.word))
        });
    }
}

/// How far the search has got, or what it found.
#[derive(Debug)]
pub struct CollocatesFound {
    /// What is being done, and how much of it: `words near the hits 120/800`.
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
    /// Once complete: the collocates, best first, and the hits they were found around.
    pub collocates: Option<Vec<Collocate>>,
    pub hits: usize,
}

/// Documents a worker takes at a time.
const RUN_DOCS: usize = 16;

/// What the words near the hits add up to.
#[derive(Default)]
struct Near {
    counts: FxHashMap<String, usize>,
    /// Words in all the windows.
    window: u64,
    hits: usize,
}

/// Finds the collocates `request` asks for on `workers` threads, reporting progress to
/// `deliver` and, once complete, the result. Stops once cancelled.
pub fn serve(
    request: &CollocatesRequest,
    workers: usize,
    cancel: &Cancel,
    deliver: &dyn Fn(CollocatesFound),
) {
    let mut cadence = Cadence::start();
    let mut report = |stage: &'static str, done: usize, total: usize| {
        if cadence.due(false, 1) {
            deliver(CollocatesFound {
                stage,
                done,
                total,
                collocates: None,
                hits: 0,
            });
        }
    };
    let scope = &request.scope;
    let (index, docs) = (scope.index.as_deref(), &scope.docs);
    let total = docs.len();
    let found = scope.documents(workers, cancel, |done| {
        report("finding the documents", done, total)
    });
    let Some(matching) = found else {
        return;
    };
    // Stage one: the words near every hit.
    let terms = positive_terms(&scope.query);
    let span = request.span;
    let near_run = |run: std::ops::Range<usize>| -> Option<Near> {
        let mut near = Near::default();
        // Words are lowercased into one buffer; a word already counted costs no allocation.
        let mut lower = String::new();
        for &doc in &matching[run] {
            if cancel.is_cancelled() {
                return None;
            }
            let Ok((mut source, hits)) = hits_with_text(docs, doc, &terms, cancel) else {
                continue;
            };
            let mut neighbourhood = Neighbourhood::new(&mut source);
            for hit in hits {
                let reach = Reach::Words(span + 1);
                let Ok(around) = neighbourhood.around(hit.start(), hit.range(), reach) else {
                    continue;
                };
                let (before, after) = words_beside(&around, span);
                near.hits += 1;
                near.window += (before.len() + after.len()) as u64;
                for word in before.into_iter().chain(after) {
                    lower.clear();
                    match word.is_ascii() {
                        true => lower.extend(word.chars().map(|c| c.to_ascii_lowercase())),
                        false => lower.extend(word.chars().flat_map(char::to_lowercase)),
                    }
                    match near.counts.get_mut(lower.as_str()) {
                        Some(count) => *count += 1,
                        None => {
                            near.counts.insert(lower.clone(), 1);
                        }
                    }
                }
            }
        }
        Some(near)
    };
    let mut near = Near::default();
    let mut searched = 0;
    let complete = pool::over_ranges_unless_stopped(
        workers,
        matching.len(),
        RUN_DOCS,
        Delivery::AsDone,
        near_run,
        |run| {
            near.hits += run.hits;
            near.window += run.window;
            for (word, count) in run.counts {
                *near.counts.entry(word).or_insert(0) += count;
            }
            searched += RUN_DOCS;
            report(
                "words near the hits",
                searched.min(matching.len()),
                matching.len(),
            );
            true
        },
    );
    if !complete || cancel.is_cancelled() {
        return;
    }
    // Stage two: how often the candidates occur in the whole corpus.
    let candidates: FxHashSet<String> = near
        .counts
        .iter()
        .filter(|(_, count)| **count >= request.min)
        .filter(|(word, _)| {
            !request
                .stoplist
                .as_ref()
                .is_some_and(|stop| stop.holds(word))
        })
        .map(|(word, _)| word.clone())
        .collect();
    let every = Parts::one(&scope.flags());
    let Some(counted) = count_words(docs, index, &every, false, workers, cancel, &mut report)
    else {
        return;
    };
    let corpus_words = counted.parts[0].words;
    let frequency_of: FxHashMap<&str, u64> = counted
        .words
        .iter()
        .filter(|(word, _)| candidates.contains(&**word))
        .map(|(word, count)| (&**word, count.hits[0]))
        .collect();
    let mut collocates: Vec<Collocate> = candidates
        .iter()
        .filter_map(|word| {
            let count = near.counts.get(word).copied().unwrap_or(0);
            // The index and the windows split words alike; a file changed since may not agree.
            let frequency = frequency_of
                .get(word.as_str())
                .copied()
                .unwrap_or(0)
                .max(count as u64);
            let figures = Figures {
                near: count as u64,
                window: near.window,
                frequency,
                total: corpus_words,
                hits: near.hits as u64,
            };
            figures.attracted().then(|| Collocate {
                word: word.clone(),
                near: count,
                frequency,
                score: 0.0,
                scores: Measure::ALL.map(|measure| measure.score(&figures)),
            })
        })
        .collect();
    Collocate::rank_by(&mut collocates, request.measure);
    deliver(CollocatesFound {
        stage: "done",
        done: matching.len(),
        total: matching.len(),
        collocates: Some(collocates),
        hits: near.hits,
    });
}

/// The columns collocates are written in, as CSV's heading and JSON Lines' keys.
pub(crate) const COLUMNS: &[&str] = &["word", "near", "in_corpus", "score"];

/// Writes `collocates` to `out` in `format` (the view saved, `--collocates`).
pub(crate) fn write_collocates(
    format: Format,
    out: impl std::io::Write,
    collocates: &[Collocate],
) -> std::io::Result<()> {
    let mut table = TableWriter::new(format, out, COLUMNS)?;
    for collocate in collocates {
        table.row(&[
            Cell::from(collocate.word.as_str()),
            Cell::from(collocate.near),
            Cell::Number(collocate.frequency),
            Cell::Score(collocate.score),
        ])?;
    }
    table.flush()
}
