//! Content search: the documents whose text mentions the query, each with its number of hits,
//! a relevance score (BM25) and its best passage. Every document's whole text is read (on
//! every core), so the result is complete.

pub mod index;
mod passage;
pub mod searcher;
pub mod terms;

use crate::corpus::jsonl::{self, RecordFields};
use crate::corpus::source::{MEMORY_BYTES, Source};
use crate::corpus::store::DocStore;
use crate::corpus::walk::{self, Entry};
use crate::corpus::{
    DocMeta, LoadError, Skipped, WalkOptions, check_root, decode, describe_read, load,
    no_documents, read,
};
use crate::search::query::Query;
use index::TextIndex;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use terms::{Chunk, ContentTerm, content_terms};

/// A document that matches, with what to show of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub index: usize,
    /// Occurrences of the query's terms (those not negated).
    pub hits: usize,
    pub score: f64,
    /// The line with the most of the terms, sanitized and cut around its first hit.
    pub passage: String,
}

/// A corpus searched: its documents, what was skipped, and the matches best first.
pub struct Searched {
    pub docs: DocStore,
    pub skipped: Vec<Skipped>,
    pub found: Vec<Found>,
}

/// What scanning one document gave: occurrences of each term, and its length.
#[derive(Debug)]
struct Scanned {
    index: usize,
    counts: Vec<usize>,
    length: u64,
    /// Whether to find a passage (only the JSON output shows one).
    want_passage: bool,
    passage: String,
}

/// The text of a big file is read in pieces of about this size, cut at line breaks.
const PIECE_BYTES: u64 = 8 << 20;

/// BM25's usual parameters: how fast repeated hits stop counting, and how much length matters.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Searches every document of `docs` for `query`; the matches best first (ties in index order).
/// `passages` says whether to find each match's best passage.
pub fn search(
    docs: &DocStore,
    fields: &RecordFields,
    query: &str,
    workers: usize,
    passages: bool,
) -> Vec<Found> {
    let groups = content_terms(&Query::parse(query));
    let scan = Scan {
        docs,
        fields,
        groups: &groups,
        passages,
        index: None,
    };
    scan.run(workers, &|| false, |_, _| {})
        .map(|tally| tally.ranked(&groups))
        .unwrap_or_default()
}

/// A search of the documents of a store: what to look for, and where.
pub struct Scan<'a> {
    pub docs: &'a DocStore,
    pub fields: &'a RecordFields,
    pub groups: &'a [Vec<ContentTerm>],
    /// Whether to find each match's best passage while its text is at hand.
    pub passages: bool,
    /// The words of the documents, when indexed: those documents need not be read.
    pub index: Option<&'a TextIndex>,
}

/// Documents a worker scans between two reports to the thread that tallies.
const BATCH_DOCS: usize = 256;

impl Scan<'_> {
    /// Scans every document on `workers` threads, calling `progress` now and then with the
    /// tally so far and the number of documents scanned. Returns the complete tally, or None
    /// when `cancelled` turned true first.
    pub fn run(
        &self,
        workers: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        mut progress: impl FnMut(&Tally, usize),
    ) -> Option<Tally> {
        let mut tally = Tally::new(self.groups);
        if self.groups.is_empty() {
            return Some(tally);
        }
        let terms: Vec<&ContentTerm> = self.groups.iter().flatten().collect();
        let to_scan: Vec<usize> = match self.index {
            Some(index) => index.tally(self.groups, self.docs.len(), &mut tally, cancelled)?,
            None => (0..self.docs.len()).collect(),
        };
        let count = to_scan.len();
        let next = AtomicUsize::new(0);
        let (batches, tallied) = std::sync::mpsc::channel::<Tally>();
        let mut scanned = tally.documents;
        if tally.documents > 0 {
            progress(&tally, scanned);
        }
        let complete = std::thread::scope(|scope| {
            for _ in 0..workers.max(1) {
                let (next, batches, terms, to_scan) = (&next, batches.clone(), &terms, &to_scan);
                scope.spawn(move || {
                    let mut batch = Tally::new(self.groups);
                    loop {
                        let position = next.fetch_add(1, Ordering::Relaxed);
                        if position >= count || cancelled() {
                            let _ = batches.send(batch);
                            return;
                        }
                        let index = to_scan[position];
                        // An unreadable document mentions nothing.
                        let meta = &self.docs[index];
                        match scan(meta, index, self.fields, terms, self.passages) {
                            Ok(found) => batch.add(found, self.groups),
                            Err(_) => {
                                batch.add(Scanned::new(index, terms.len(), false), self.groups)
                            }
                        }
                        if batch.documents >= BATCH_DOCS {
                            let full = std::mem::replace(&mut batch, Tally::new(self.groups));
                            if batches.send(full).is_err() {
                                return;
                            }
                        }
                    }
                });
            }
            drop(batches);
            for batch in tallied {
                scanned += batch.documents;
                tally.merge(batch);
                progress(&tally, scanned);
            }
            scanned == self.docs.len() && !cancelled()
        });
        complete.then_some(tally)
    }
}

/// What the documents scanned so far add up to: enough to rank the matches among them.
#[derive(Debug, Default)]
pub struct Tally {
    /// Documents scanned.
    pub documents: usize,
    /// Their text's length in all, in bytes.
    length: u64,
    /// For each term, the documents that contain it, and those it was counted in (all of
    /// them, unless the index ruled documents out without reading them).
    with_term: Vec<usize>,
    counted: Vec<usize>,
    /// The documents that match, with their counts.
    matching: Vec<Scanned>,
}

impl Tally {
    fn new(groups: &[Vec<ContentTerm>]) -> Tally {
        let terms = groups.iter().map(Vec::len).sum();
        Tally {
            with_term: vec![0; terms],
            counted: vec![0; terms],
            ..Tally::default()
        }
    }

    /// Counts one more document in, read whole.
    fn add(&mut self, scanned: Scanned, groups: &[Vec<ContentTerm>]) {
        self.count_in(&scanned.counts, None, scanned.length);
        if matches_all(groups, &scanned.counts) {
            self.matching.push(scanned);
        }
    }

    /// Counts in a document known from the index by its length and the counts of the terms
    /// it `knows` (the others are taken as absent: it cannot match).
    fn add_counts(
        &mut self,
        index: usize,
        counts: &[usize],
        knows: &[bool],
        length: u64,
        groups: &[Vec<ContentTerm>],
    ) {
        self.count_in(counts, Some(knows), length);
        if matches_all(groups, counts) {
            self.matching.push(Scanned {
                index,
                counts: counts.to_vec(),
                length,
                want_passage: false,
                passage: String::new(),
            });
        }
    }

    fn count_in(&mut self, counts: &[usize], knows: Option<&[bool]>, length: u64) {
        self.documents += 1;
        self.length += length;
        for (term, &count) in counts.iter().enumerate() {
            if knows.is_none_or(|knows| knows[term]) {
                self.counted[term] += 1;
                self.with_term[term] += usize::from(count > 0);
            }
        }
    }

    fn merge(&mut self, other: Tally) {
        self.documents += other.documents;
        self.length += other.length;
        for (with, more) in self.with_term.iter_mut().zip(other.with_term) {
            *with += more;
        }
        for (counted, more) in self.counted.iter_mut().zip(other.counted) {
            *counted += more;
        }
        self.matching.extend(other.matching);
    }

    /// How many documents match so far.
    pub fn matches(&self) -> usize {
        self.matching.len()
    }

    /// The matches, ordered by BM25 over the terms that are not negated (best first, ties in
    /// index order); the idf of each term is taken over the documents it was counted in.
    pub fn ranked(&self, groups: &[Vec<ContentTerm>]) -> Vec<Found> {
        let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
        let documents = self.documents.max(1) as f64;
        let average = (self.length as f64 / documents).max(1.0);
        let idf: Vec<f64> = self
            .with_term
            .iter()
            .zip(&self.counted)
            .map(|(&with, &counted)| {
                let (with, counted) = (with as f64, counted as f64);
                (1.0 + (counted - with + 0.5) / (with + 0.5)).ln()
            })
            .collect();
        let mut found: Vec<Found> = self
            .matching
            .iter()
            .map(|s| {
                let norm = K1 * (1.0 - B + B * s.length as f64 / average);
                let (mut hits, mut score) = (0, 0.0);
                for (t, term) in terms.iter().enumerate() {
                    if term.negated {
                        continue;
                    }
                    let tf = s.counts[t] as f64;
                    hits += s.counts[t];
                    score += idf[t] * tf * (K1 + 1.0) / (tf + norm);
                }
                Found {
                    index: s.index,
                    hits,
                    score,
                    passage: s.passage.clone(),
                }
            })
            .collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
        found
    }
}

impl Scanned {
    fn new(index: usize, terms: usize, want_passage: bool) -> Scanned {
        Scanned {
            index,
            counts: vec![0; terms],
            length: 0,
            want_passage,
            passage: String::new(),
        }
    }

    /// Counts the terms in one more piece of the document's text.
    fn feed(&mut self, text: &str, terms: &[&ContentTerm]) {
        let chunk = Chunk::new(text);
        let mut any = false;
        for (count, term) in self.counts.iter_mut().zip(terms) {
            let found = term.count_in(chunk.text, &chunk.lower);
            *count += found;
            any |= found > 0 && !term.negated;
        }
        self.length += text.len() as u64;
        if any && self.want_passage && self.passage.is_empty() {
            self.passage = passage::best(&chunk, terms);
        }
    }
}

/// Runs `work` for every position below `count` on `workers` threads, each taking the next
/// position as it finishes one (files differ in size); what it returns, with its position, in
/// no particular order. A panic in a worker is passed on rather than losing its results.
fn on_every_core<T: Send>(
    count: usize,
    workers: usize,
    work: impl Fn(usize) -> Option<T> + Sync,
) -> Vec<(usize, T)> {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.max(1))
            .map(|_| {
                let (next, work) = (&next, &work);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let position = next.fetch_add(1, Ordering::Relaxed);
                        if position >= count {
                            return done;
                        }
                        done.extend(work(position).map(|result| (position, result)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Counts every term in one document's text, read again from its file or record.
fn scan(
    meta: &DocMeta,
    index: usize,
    fields: &RecordFields,
    terms: &[&ContentTerm],
    passages: bool,
) -> io::Result<Scanned> {
    let mut scanned = Scanned::new(index, terms.len(), passages);
    match text_if_small(meta, fields)? {
        Some(text) => scanned.feed(&text, terms),
        None => scan_file(&mut Source::open(&meta.path)?, &mut scanned, terms)?,
    }
    Ok(scanned)
}

/// A document's whole text when it is small enough to hold — a record, or a file of at most
/// `MEMORY_BYTES` (read with one call) — or None for a bigger file.
pub fn text_if_small(meta: &DocMeta, fields: &RecordFields) -> io::Result<Option<String>> {
    if let Some(place) = meta.record {
        return jsonl::read_record(&meta.path, place, meta.size, fields).map(|r| Some(r.text));
    }
    if meta.size > MEMORY_BYTES as u64 {
        return Ok(None);
    }
    let read = read::read_capped(&meta.path, MEMORY_BYTES)?;
    Ok((!read.truncated).then(|| decode::decode(&read.bytes, false).into_owned()))
}

/// Feeds a file's text to `scanned` in pieces that end at line breaks (terms never span lines).
fn scan_file(source: &mut Source, scanned: &mut Scanned, terms: &[&ContentTerm]) -> io::Result<()> {
    let size = source.size();
    let mut at = 0;
    while at < size {
        let bytes = source.bytes(at..at + PIECE_BYTES)?.into_owned();
        if bytes.is_empty() {
            break;
        }
        let end = if at + (bytes.len() as u64) < size {
            memchr::memrchr(b'\n', &bytes).map_or(bytes.len(), |newline| newline + 1)
        } else {
            bytes.len()
        };
        scanned.feed(&source.decode(&bytes[..end], at), terms);
        at += end as u64;
    }
    Ok(())
}

/// How much of a file is read for its passage: the rows on screen read theirs as they are
/// drawn, so a screen of big files costs a few megabytes at most.
const PASSAGE_BYTES: usize = 256 << 10;

/// The best passage of one document for a query's `groups`, found in the start of its text
/// (at most `PASSAGE_BYTES` of a file); empty when none is there or it cannot be read. The
/// list's text mode makes these only for the rows it shows.
pub fn passage_of(meta: &DocMeta, fields: &RecordFields, groups: &[Vec<ContentTerm>]) -> String {
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    let text = match meta.record {
        Some(place) => jsonl::read_record(&meta.path, place, meta.size, fields).map(|r| r.text),
        None => read::read_capped(&meta.path, PASSAGE_BYTES)
            .map(|read| decode::decode(&read.bytes, read.truncated).into_owned()),
    };
    text.map(|text| passage::best(&Chunk::new(&text), &terms))
        .unwrap_or_default()
}

/// Lists and searches the documents under `root` in one pass: each file is read once for both
/// its title and its text (a JSON Lines file is listed, then its records are read again).
pub fn search_corpus(
    root: &Path,
    options: &WalkOptions,
    query: &str,
    workers: usize,
    passages: bool,
) -> Result<Searched, LoadError> {
    if jsonl::is_jsonl(root) {
        let corpus = load(root, options)?;
        let docs = DocStore::new(corpus.docs);
        let found = search(&docs, &corpus.fields, query, workers, passages);
        return Ok(Searched {
            docs,
            skipped: corpus.skipped,
            found,
        });
    }
    check_root(root)?;
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    walk::walk(root, options, |entry| match entry {
        Entry::Candidate { path, checked } => paths.push((path, checked)),
        Entry::Skipped(entry) => skipped.push(entry),
    });
    let groups = content_terms(&Query::parse(query));
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    let mut read: Vec<(usize, Listed)> = on_every_core(paths.len(), workers, |position| {
        let (path, checked) = &paths[position];
        Some(list_and_scan(path, *checked, &terms, passages))
    });
    read.sort_by_key(|(position, _)| *position);
    let mut docs = Vec::with_capacity(read.len());
    let mut tally = Tally::new(&groups);
    for (position, result) in read {
        let path = &paths[position].0;
        match result {
            Ok((meta, mut counts)) => {
                counts.index = docs.len();
                docs.push(meta);
                tally.add(counts, &groups);
            }
            Err(reason) => skipped.push(Skipped {
                path: path.clone(),
                reason,
            }),
        }
    }
    if docs.is_empty() {
        return Err(no_documents(root, options, skipped.len()));
    }
    let found = if groups.is_empty() {
        Vec::new()
    } else {
        tally.ranked(&groups)
    };
    Ok(Searched {
        docs: DocStore::new(docs),
        skipped,
        found,
    })
}

/// A file's listing and its terms counted, or why it was skipped.
type Listed = Result<(DocMeta, Scanned), String>;

/// Reads one file once: its listing from its start, and the terms counted in all its text.
fn list_and_scan(path: &Path, walked: bool, terms: &[&ContentTerm], passages: bool) -> Listed {
    let read = read::read_found(path, walked, MEMORY_BYTES).map_err(|error| error.to_string())?;
    let meta = describe_read(path, &read)?;
    let mut scanned = Scanned::new(0, terms.len(), passages);
    if read.truncated {
        // A big file: paged through as the reader would, from the start.
        let mut source = Source::open(path).map_err(|error| error.to_string())?;
        scan_file(&mut source, &mut scanned, terms).map_err(|error| error.to_string())?;
    } else {
        scanned.feed(&decode::decode(&read.bytes, false), terms);
    }
    Ok((meta, scanned))
}

/// True when every group has a term that holds; `counts` has each term's, group after group.
fn matches_all(groups: &[Vec<ContentTerm>], counts: &[usize]) -> bool {
    let mut at = 0;
    groups.iter().all(|group| {
        let of_group = counts.get(at..at + group.len()).unwrap_or_default();
        at += group.len();
        group_holds(group, of_group)
    })
}

/// True when one of the group's terms holds: found, or for a negated term, absent.
fn group_holds(group: &[ContentTerm], counts: &[usize]) -> bool {
    group
        .iter()
        .zip(counts)
        .any(|(term, &count)| (count > 0) != term.negated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{WalkOptions, load};

    fn corpus(files: &[(&str, &str)]) -> (tempfile::TempDir, DocStore) {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap_or_else(|error| panic!("{error}"));
        }
        let options = WalkOptions {
            extensions: vec!["txt".into()],
            ..WalkOptions::default()
        };
        let corpus = load(dir.path(), &options).unwrap_or_else(|error| panic!("{error}"));
        (dir, DocStore::new(corpus.docs))
    }

    fn names(docs: &DocStore, found: &[Found]) -> Vec<String> {
        let name = |index: usize| {
            docs[index]
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        };
        found.iter().filter_map(|f| name(f.index)).collect()
    }

    #[test]
    fn relevance_prefers_more_hits_in_less_text_and_rarer_words() {
        let filler = "Nothing to see here. ".repeat(40);
        let (_dir, docs) = corpus(&[
            ("a.txt", &format!("Title A.\nfraud once. {filler}")),
            ("b.txt", "Title B.\nfraud fraud fraud in a short note."),
            ("c.txt", &format!("Title C.\nfraud twice, fraud. {filler}")),
            ("d.txt", "Title D.\nNo mention at all."),
        ]);
        let found = search(&docs, &RecordFields::default(), "fraud", 2, true);
        assert_eq!(names(&docs, &found), ["b.txt", "c.txt", "a.txt"]);
        assert_eq!(found.iter().map(|f| f.hits).collect::<Vec<_>>(), [3, 2, 1]);
        assert_eq!(found[0].passage, "fraud fraud fraud in a short note.");
        // "note" is in one document only: with a common word, that document comes first.
        let both = search(&docs, &RecordFields::default(), "title | note", 2, true);
        assert_eq!(names(&docs, &both)[0], "b.txt");
    }

    #[test]
    fn passages_are_cut_where_the_hit_is_in_text_whose_case_changes_length() {
        // "Ⱥ" lowercases to a longer char and "İ" to two: offsets in a lowercased copy would
        // fall inside "é" or "ç" of the original line.
        let line = format!("Ⱥ émile İİİ ab {}", "ç".repeat(200));
        let (_dir, docs) = corpus(&[("a.txt", &format!("Title.\n{line}\n"))]);
        for query in ["émile", "ab"] {
            let found = search(&docs, &RecordFields::default(), query, 2, true);
            assert_eq!(found.len(), 1);
            assert!(
                found[0].passage.contains(query),
                "{query}: {}",
                found[0].passage
            );
        }
    }

    #[test]
    fn negation_and_alternatives_filter_documents() {
        let (_dir, docs) = corpus(&[
            ("a.txt", "Harbour news.\nThe harbour reopened."),
            ("b.txt", "Storm news.\nThe storm closed the harbour."),
            ("c.txt", "Budget.\nTaxes stay flat."),
        ]);
        let fields = RecordFields::default();
        assert_eq!(
            names(&docs, &search(&docs, &fields, "harbour !storm", 2, true)),
            ["a.txt"]
        );
        let either = search(&docs, &fields, "storm | taxes", 2, true);
        let mut either = names(&docs, &either);
        either.sort();
        assert_eq!(either, ["b.txt", "c.txt"]);
        assert!(
            search(&docs, &fields, "!", 2, true).is_empty(),
            "no terms, no matches"
        );
    }
}
