//! `--search`: listing and searching the documents under a path in one pass, each file read
//! once for both its title and its text (JSON Lines files alone: `record_search`; mixed with
//! files, they are listed, then their records are read again).

use super::TextMatch;
use super::index::TextIndex;
use super::passage::Passage;
use super::record_search::RecordReading;
use super::scan::Scanned;
use super::tally::Tally;
use super::terms::{ContentTerm, content_terms};
use crate::corpus::decode::Decoding;
use crate::corpus::read::Reach;
use crate::corpus::source::MEMORY_BYTES;
use crate::corpus::store::DocStore;
use crate::corpus::walk::Entry;
use crate::corpus::{
    Corpus, DocMeta, Inputs, LoadError, Skipped, Skips, WalkOptions, check_text, describe_read,
    document_text, load, no_documents, read,
};
use crate::search::query::Query;
use crate::text::words::count_words;
use crate::work::job::Cancel;
use crate::work::pool;
use std::path::{Path, PathBuf};

/// A corpus searched: the documents the matches index (those that match: a folder's others
/// are counted but not kept), what was skipped, and the matches best first.
pub(crate) struct Searched {
    pub docs: DocStore,
    pub skipped: Skips,
    pub found: Vec<TextMatch>,
    /// Each match, in document order, with the hits of each term looked for (not negated).
    pub counts: Vec<(usize, Vec<usize>)>,
    /// The word index searched with, when there was one (a lasting store's).
    pub index: Option<TextIndex>,
    /// The documents searched within (`--in`), when not all.
    pub within: Option<Vec<bool>>,
    /// Each document's words, when the search counted them as it read (`Want::Groups`).
    pub words: Option<Vec<u32>>,
}

/// What a search is for: the counts alone (`--count`, `--kwic`: matches need no ranking),
/// the counts with every document listed and its words counted (`--count`'s groups and their
/// sizes: done while each file is read, where the search reads files itself), the matches
/// best first, or those with each one's best passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    Counts,
    Groups,
    Matches,
    Passages,
}

/// What is done with each matching file while it is read (`--kwic` finds its hits), and
/// what is done with that, in path order, on the calling thread (false: stop searching).
pub(crate) struct OnMatch<'a, T> {
    pub work: &'a (dyn Fn(&Path, read::Reach, &read::Capped, Decoding) -> T + Sync),
    pub take: &'a mut dyn FnMut(T) -> bool,
    /// Whether the matches need their titles and dates (`--kwic` prints paths only: deriving
    /// a title is work it can skip).
    pub list: bool,
    /// Whether every file is listed, matching or not, with its words counted.
    pub every: bool,
}

/// Paths handed to a worker at a time.
const BATCH: usize = 512;

/// The paths of `inputs` when they are all JSON Lines files named on the command line: the
/// corpus is their records, searched file by file in order (`record_search`).
pub(crate) fn json_lines_only(inputs: &Inputs) -> Option<&[PathBuf]> {
    match inputs {
        Inputs::Named(paths)
            if !paths.is_empty() && paths.iter().all(|p| crate::corpus::jsonl::is_jsonl(p)) =>
        {
            Some(paths)
        }
        _ => None,
    }
}

/// Lists and searches the documents of `inputs` for `query` on `workers` threads; `want`
/// says whether to find each match's best passage.
pub(crate) fn search_corpus(
    inputs: &Inputs,
    options: &WalkOptions,
    query: &Query,
    workers: usize,
    want: Want,
) -> Result<Searched, LoadError> {
    let passages = want == Want::Passages;
    let every = want == Want::Groups;
    if let Some(paths) = json_lines_only(inputs) {
        // Each JSON Lines file read once, in order, its records searched on every core.
        inputs.check().map_err(|(_, error)| error)?;
        let groups = content_terms(query);
        let reading = RecordReading { passages, every };
        return super::record_search::search_records(paths, options, &groups, workers, reading);
    }
    if inputs.may_hold_records() {
        // Files and records mixed (or a list on standard input): list everything, then search
        // the list.
        let corpus = load(inputs, options)?;
        return Ok(search_listed(corpus, None, query, workers, want));
    }
    let mut nothing = |_: ()| true;
    let on_match = OnMatch {
        work: &|_, _, _, _| (),
        take: &mut nothing,
        list: true,
        every,
    };
    search_files(inputs, options, query, workers, passages, on_match)
}

/// Searches a corpus already listed, with the word index where there is one.
pub(crate) fn search_listed(
    corpus: Corpus,
    index: Option<&TextIndex>,
    query: &Query,
    workers: usize,
    want: Want,
) -> Searched {
    let passages = want == Want::Passages;
    let groups = content_terms(query);
    let scan = super::scan::Scan {
        docs: &corpus.docs,
        groups: &groups,
        passages,
        index,
        within: None,
    };
    let tally = scan
        .run(workers, &Cancel::new(), |_, _| {})
        .unwrap_or_default();
    // Counts need no ranking (a sort of millions of matches by score).
    let mut found = match want {
        Want::Counts | Want::Groups => Vec::new(),
        Want::Matches | Want::Passages => tally.ranked(&groups),
    };
    if passages {
        // The matches the index answered were not read: their passages are found now, as
        // scanning finds them.
        let made: Vec<Passage> = {
            let mut made = Vec::with_capacity(found.len());
            let of_run = |run: std::ops::Range<usize>| -> Vec<Passage> {
                found[run]
                    .iter()
                    .map(|found| match found.passage.text.is_empty() {
                        true => scan.passage(found.index),
                        false => found.passage.clone(),
                    })
                    .collect()
            };
            pool::over_ranges(
                workers,
                found.len(),
                64,
                pool::Delivery::InOrder,
                of_run,
                |run| {
                    made.extend(run);
                    true
                },
            );
            made
        };
        for (found, passage) in found.iter_mut().zip(made) {
            found.passage = passage;
        }
    }
    Searched {
        docs: corpus.docs,
        skipped: corpus.skipped,
        found,
        counts: tally.positive_counts(&groups),
        index: None,
        within: None,
        words: None,
    }
}

/// [`search_corpus`] for folders and files (no JSON Lines), with `on_match` done to every
/// matching file while it is read.
pub(crate) fn search_files<T: Send>(
    inputs: &Inputs,
    options: &WalkOptions,
    query: &Query,
    workers: usize,
    passages: bool,
    on_match: OnMatch<T>,
) -> Result<Searched, LoadError> {
    inputs.check().map_err(|(_, error)| error)?;
    let groups = content_terms(query);
    let (mut docs, mut readable, mut words) = (Vec::new(), 0, Vec::new());
    let mut skipped = Skips::default();
    let mut tally = Tally::new(&groups);
    // The walk's own skips come from its thread; they join the others once it is done.
    let walk_skipped = std::sync::Mutex::new(Skips::default());
    let feed = |give: &mut dyn FnMut(Vec<(PathBuf, Reach)>) -> bool| {
        let mut batch = Vec::with_capacity(BATCH);
        let mut going = true;
        inputs.each(options, |entry| match entry {
            Entry::Candidate { path, reach } if going => {
                batch.push((path, reach));
                if batch.len() >= BATCH {
                    going = give(std::mem::take(&mut batch));
                }
            }
            Entry::Candidate { .. } => {}
            Entry::Waiting if going && !batch.is_empty() => {
                going = give(std::mem::take(&mut batch));
            }
            Entry::Waiting => {}
            Entry::Records(path) => {
                // Not reached: inputs that may hold records go through `search_corpus`.
                let reason = "JSON Lines: search it with --search alone".to_string();
                if let Ok(mut walk_skipped) = walk_skipped.lock() {
                    walk_skipped.push(Skipped { path, reason });
                }
            }
            Entry::Skipped(entry) => {
                if let Ok(mut walk_skipped) = walk_skipped.lock() {
                    walk_skipped.push(entry);
                }
            }
        });
        if going && !batch.is_empty() {
            give(batch);
        }
    };
    let reading = Reading {
        groups: &groups,
        passages,
        decoding: options.decoding,
        group: options.records.group.as_deref(),
        list: on_match.list,
        every: on_match.every,
    };
    let work = |batch: Vec<(PathBuf, Reach)>| -> Vec<(PathBuf, Listed<T>)> {
        batch
            .into_iter()
            .map(|(path, reach)| {
                let listed = list_and_scan(&path, reach, &reading, on_match.work);
                (path, listed)
            })
            .collect()
    };
    pool::in_order(workers, feed, work, |listed| {
        for (path, result) in listed {
            match result {
                Ok((meta, mut counts, extra, counted)) => {
                    readable += 1;
                    if let Some(meta) = meta {
                        counts.index = docs.len();
                        docs.push(meta);
                        words.push(counted);
                    }
                    tally.add(counts, &groups);
                    if let Some(extra) = extra
                        && !(on_match.take)(extra)
                    {
                        return false;
                    }
                }
                Err(reason) => skipped.push(Skipped { path, reason }),
            }
        }
        true
    });
    // What the walk could not take comes first, then what could not be read.
    let mut walked_past = walk_skipped.into_inner().unwrap_or_default();
    walked_past.append(skipped);
    let skipped = walked_past;
    if readable == 0 {
        return Err(no_documents(inputs, options, skipped.len()));
    }
    let found = if groups.is_empty() {
        Vec::new()
    } else {
        tally.ranked(&groups)
    };
    Ok(Searched {
        docs: DocStore::new(docs, options.records.clone()).decoding(options.decoding),
        skipped,
        found,
        counts: tally.positive_counts(&groups),
        index: None,
        within: None,
        words: on_match.every.then_some(words),
    })
}

/// What reading a file looks for, and how.
struct Reading<'a> {
    groups: &'a [Vec<ContentTerm>],
    passages: bool,
    decoding: Decoding,
    /// The front matter key counts are grouped by.
    group: Option<&'a str>,
    /// Whether to derive a match's title and date from its start.
    list: bool,
    /// Whether to list every file, matching or not, and count its words.
    every: bool,
}

/// A file's terms counted, with its listing (and what `OnMatch` made of it) when it matches
/// (or always, with `every`) and its words (with `every`), or why it was skipped.
type Listed<T> = Result<(Option<DocMeta>, Scanned, Option<T>, u32), String>;

/// Reads one file once: its terms counted in all its text, and its listing from its start —
/// with its title only when it matches: no other title is printed, and deriving titles is a
/// good part of the work.
fn list_and_scan<T>(
    path: &Path,
    reach: Reach,
    reading: &Reading,
    on_match: &(dyn Fn(&Path, Reach, &read::Capped, Decoding) -> T + Sync),
) -> Listed<T> {
    // Each worker reads every file into the one buffer. A PDF, a Word file… is not read
    // here: its text is extracted (or recalled) where it is asked for, as for a file read
    // only in part.
    let mut buffer = READ_BUFFER.take();
    let read = match crate::corpus::extract::Format::of(path) {
        Some(_) => {
            buffer.clear();
            read::Capped {
                bytes: buffer,
                truncated: true,
                size: 0,
                modified: 0,
            }
        }
        None => read::read_document_into(path, reach, MEMORY_BYTES, buffer)
            .map_err(|error| error.to_string())?,
    };
    let listed = scan_read(path, reach, &read, reading).map(|(meta, scanned, words)| {
        let extra = (meta.is_some() && scanned.matches(reading.groups))
            .then(|| on_match(path, reach, &read, reading.decoding));
        (meta, scanned, extra, words)
    });
    READ_BUFFER.set(read.bytes);
    listed
}

thread_local! {
    /// The buffer a worker reads files into, handed from one to the next.
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Counts the terms in a file read whole (or as far as `MEMORY_BYTES`, the rest paged).
fn scan_read(
    path: &Path,
    reach: Reach,
    read: &read::Capped,
    reading: &Reading,
) -> Result<(Option<DocMeta>, Scanned, u32), String> {
    check_text(path, read)?;
    let Reading {
        groups,
        passages,
        decoding,
        group,
        list,
        every,
    } = *reading;
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    let mut scanned = Scanned::new(0, terms.len(), passages);
    let mut words = 0u32;
    document_text::each_piece_of_read(path, reach, read, decoding, |piece| {
        if every {
            // Pieces end at line breaks: no word is cut in two.
            words = words.saturating_add(count_words(&piece.text()));
        }
        scanned.feed(piece, &terms)
    })
    .map_err(|error| error.to_string())?;
    let meta = match scanned.matches(groups) || every {
        true if list => Some(describe_read(path, reach, read, decoding, group)?),
        true => Some(DocMeta::titled(path, "")),
        false => None,
    };
    Ok((meta, scanned, words))
}
