//! `--search`: listing and searching the documents under a path in one pass, each file read
//! once for both its title and its text (a JSON Lines file is listed, then its records are read
//! again).

use super::scan::{Scanned, Tally};
use super::terms::{ContentTerm, content_terms};
use super::{TextMatch, search};
use crate::corpus::decode::Decoding;
use crate::corpus::source::MEMORY_BYTES;
use crate::corpus::store::DocStore;
use crate::corpus::walk::{self, Entry};
use crate::corpus::{
    DocMeta, LoadError, Skipped, WalkOptions, check_root, check_text, describe_read, document_text,
    jsonl, load, no_documents, read,
};
use crate::search::query::Query;
use crate::work::pool;
use std::path::{Path, PathBuf};

/// A corpus searched: the documents the matches index (those that match: a folder's others
/// are counted but not kept), what was skipped, and the matches best first.
pub struct Searched {
    pub docs: DocStore,
    pub skipped: Vec<Skipped>,
    pub found: Vec<TextMatch>,
}

/// Paths handed to a worker at a time.
const BATCH: usize = 512;

/// Lists and searches the documents under `root` for `query` on `workers` threads; `passages`
/// says whether to find each match's best passage.
pub fn search_corpus(
    root: &Path,
    options: &WalkOptions,
    query: &Query,
    workers: usize,
    passages: bool,
) -> Result<Searched, LoadError> {
    if jsonl::is_jsonl(root) {
        let corpus = load(root, options)?;
        let found = search(&corpus.docs, query, workers, passages);
        return Ok(Searched {
            docs: corpus.docs,
            skipped: corpus.skipped,
            found,
        });
    }
    check_root(root)?;
    let groups = content_terms(query);
    let (mut docs, mut readable) = (Vec::new(), 0);
    let mut skipped = Vec::new();
    let mut tally = Tally::new(&groups);
    // The walk's own skips come from its thread; they join the others once it is done.
    let walk_skipped = std::sync::Mutex::new(Vec::new());
    let feed = |give: &mut dyn FnMut(Vec<(PathBuf, bool)>) -> bool| {
        let mut batch = Vec::with_capacity(BATCH);
        let mut going = true;
        walk::walk(root, options, |entry| match entry {
            Entry::Candidate { path, checked } if going => {
                batch.push((path, checked));
                if batch.len() >= BATCH {
                    going = give(std::mem::take(&mut batch));
                }
            }
            Entry::Candidate { .. } => {}
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
    let work = |batch: Vec<(PathBuf, bool)>| -> Vec<(PathBuf, Listed)> {
        batch
            .into_iter()
            .map(|(path, checked)| {
                let listed = list_and_scan(&path, checked, &groups, passages, options.decoding);
                (path, listed)
            })
            .collect()
    };
    pool::in_order(workers, feed, work, |listed| {
        for (path, result) in listed {
            match result {
                Ok((meta, mut counts)) => {
                    readable += 1;
                    if let Some(meta) = meta {
                        counts.index = docs.len();
                        docs.push(meta);
                    }
                    tally.add(counts, &groups);
                }
                Err(reason) => skipped.push(Skipped { path, reason }),
            }
        }
        true
    });
    // What the walk could not take comes first, then what could not be read.
    let mut walked_past = walk_skipped.into_inner().unwrap_or_default();
    walked_past.append(&mut skipped);
    let skipped = walked_past;
    if readable == 0 {
        return Err(no_documents(root, options, skipped.len()));
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
    })
}

/// A file's terms counted, with its listing when it matches, or why it was skipped.
type Listed = Result<(Option<DocMeta>, Scanned), String>;

/// Reads one file once: its terms counted in all its text, and its listing from its start —
/// with its title only when it matches: no other title is printed, and deriving titles is a
/// good part of the work.
fn list_and_scan(
    path: &Path,
    walked: bool,
    groups: &[Vec<ContentTerm>],
    passages: bool,
    decoding: Decoding,
) -> Listed {
    // Each worker reads every file into the one buffer.
    let buffer = READ_BUFFER.take();
    let read = read::read_document_into(path, !walked, MEMORY_BYTES, buffer)
        .map_err(|error| error.to_string())?;
    let listed = scan_read(path, walked, &read, groups, passages, decoding);
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
    walked: bool,
    read: &read::Capped,
    groups: &[Vec<ContentTerm>],
    passages: bool,
    decoding: Decoding,
) -> Listed {
    check_text(read)?;
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    let mut scanned = Scanned::new(0, terms.len(), passages);
    document_text::each_piece_of_read(path, !walked, read, decoding, |piece| {
        scanned.feed(piece, &terms)
    })
    .map_err(|error| error.to_string())?;
    let meta = match scanned.matches(groups) {
        true => Some(describe_read(path, walked, read, decoding)?),
        false => None,
    };
    Ok((meta, scanned))
}
