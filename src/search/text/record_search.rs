//! `--search`, `--count` and `--kwic` on JSON Lines files: each file read once, in order, in
//! big chunks of whole lines searched on every core. A record in which no term can occur (see
//! `ContentTerm::may_occur_in_json`) is counted without being parsed; the others are parsed
//! once, for their text and, when they match, their listing (and, for `--kwic`, their rows,
//! made from the same reading). Only the matching records are listed, as `--search` on
//! folders lists only the matching files — or, for `--count`'s groups, every record, parsed,
//! with its words counted.

use super::corpus_search::Searched;
use super::scan::Scanned;
use super::tally::Tally;
use super::terms::ContentTerm;
use crate::corpus::document_text::Piece;
use crate::corpus::inputs::Seen;
use crate::corpus::jsonl::{self, Lines, RecordFields};
use crate::corpus::store::DocStore;
use crate::corpus::{Doc, DocMeta, LoadError, RecordAt, Skipped, Skips, WalkOptions};
use crate::text::words::count_words;
use crate::work::pool;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What is done with each matching record while its text is at hand (`--kwic` finds its
/// hits), and with that, in the files' order, on the calling thread (false: stop).
pub(crate) struct OnRecord<'a, T> {
    pub work: &'a (dyn Fn(Doc<'_>, &str) -> T + Sync),
    pub take: &'a mut dyn FnMut(T) -> bool,
}

/// What searching one chunk of lines found: its tally, the listings of its matches (of every
/// record, with `every`) with their words, and what `OnRecord::work` made of each match.
struct ChunkSearched<T> {
    tally: Tally,
    matches: Vec<DocMeta>,
    words: Vec<u32>,
    made: Vec<T>,
    skipped: Vec<Skipped>,
}

/// How a search reads records: finding each match's passage; listing every record with its
/// words, not only the matches.
#[derive(Clone, Copy)]
pub(crate) struct RecordReading {
    pub passages: bool,
    pub every: bool,
}

/// Searches the records of the JSON Lines files `paths` for the query's term `groups`.
pub(crate) fn search_records(
    paths: &[PathBuf],
    options: &WalkOptions,
    groups: &[Vec<ContentTerm>],
    workers: usize,
    reading: RecordReading,
) -> Result<Searched, LoadError> {
    let on_record = OnRecord {
        work: &|_, _| (),
        take: &mut |()| true,
    };
    search_records_each(paths, options, groups, workers, reading, on_record)
}

/// [`search_records`], doing `on_record`'s work with each matching record as it is found.
pub(crate) fn search_records_each<T: Send>(
    paths: &[PathBuf],
    options: &WalkOptions,
    groups: &[Vec<ContentTerm>],
    workers: usize,
    reading: RecordReading,
    on_record: OnRecord<'_, T>,
) -> Result<Searched, LoadError> {
    let OnRecord { work: make, take } = on_record;
    let fields = &options.records;
    let (mut tally, mut docs, mut skipped) = (Tally::new(groups), Vec::new(), Skips::default());
    let mut words = Vec::new();
    // A file named twice is searched once, as it is listed once.
    let mut seen = Seen::new(paths.len() > 1);
    for path in paths {
        if !seen.first(path) {
            continue;
        }
        let shared: Arc<Path> = path.as_path().into();
        let unreadable = Mutex::new(Skips::default());
        // Chunks' buffers, given back once searched and read into again.
        let spares: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
        let spare = || {
            let given_back = spares.lock().ok().and_then(|mut spares| spares.pop());
            given_back.unwrap_or_default()
        };
        let feed = |give: &mut dyn FnMut(Lines) -> bool| {
            let skip = |reason: String| {
                if let Ok(mut unreadable) = unreadable.lock() {
                    unreadable.push(Skipped {
                        path: path.clone(),
                        reason,
                    });
                }
            };
            jsonl::each_chunk(path, jsonl::Start::FILE, skip, spare, give);
        };
        let work = |lines: Lines| {
            let searched = search_lines(&shared, &lines, fields, groups, reading, make);
            if let Ok(mut spares) = spares.lock() {
                spares.push(lines.bytes);
            }
            searched
        };
        let mut going = true;
        pool::in_order(workers, feed, work, |searched| {
            tally.merge_after(searched.tally, docs.len());
            docs.extend(searched.matches);
            words.extend(searched.words);
            skipped.extend(searched.skipped);
            going = searched.made.into_iter().all(&mut *take);
            going
        });
        skipped.append(unreadable.into_inner().unwrap_or_default());
        if !going {
            break;
        }
    }
    if tally.documents == 0 {
        return Err(LoadError::NoRecords {
            skipped: skipped.len(),
        });
    }
    Ok(Searched {
        docs: DocStore::new(docs, fields.clone()).decoding(options.decoding),
        skipped,
        found: tally.ranked(groups),
        counts: tally.positive_counts(groups),
        index: None,
        within: None,
        words: reading.every.then_some(words),
    })
}

/// Searches the records in one chunk of lines, making `make` of each match.
fn search_lines<T>(
    path: &Arc<Path>,
    lines: &Lines,
    fields: &RecordFields,
    groups: &[Vec<ContentTerm>],
    reading: RecordReading,
    make: &(dyn Fn(Doc<'_>, &str) -> T + Sync),
) -> ChunkSearched<T> {
    let terms: Vec<&ContentTerm> = groups.iter().flatten().collect();
    let mut searched = ChunkSearched {
        tally: Tally::new(groups),
        matches: Vec::new(),
        words: Vec::new(),
        made: Vec::new(),
        skipped: Vec::new(),
    };
    let bytes = &lines.bytes;
    // Where any term may be, found in the chunk whole: only the records holding such a place
    // are parsed.
    let mut candidates: Vec<usize> = terms
        .iter()
        .flat_map(|term| term.json_candidates(bytes))
        .collect();
    candidates.sort_unstable();
    let mut candidates = candidates.into_iter().peekable();
    let mut at = 0;
    let mut number = lines.line;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let mut record = &bytes[at..end];
        let offset = lines.offset + at as u64;
        if offset == 0 {
            record = record.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(record);
        }
        // Is a candidate place in this line? (Those before it are passed.)
        while candidates.next_if(|&place| place < at).is_some() {}
        let candidate = candidates.peek().is_some_and(|&place| place < end);
        // A line that is not even braced is parsed too, for the reason it is skipped: the
        // skipped lines said are those the list would skip, but for a braced line whose
        // inside is broken and holds no term (not parsed, so counted as a record).
        let parse = candidate || !braced(record) || reading.every;
        if !record.iter().all(u8::is_ascii_whitespace) {
            let place = RecordAt {
                offset,
                line: number,
            };
            match parse {
                true => {
                    let line = record;
                    let one = Record {
                        path,
                        line,
                        place,
                        fields,
                    };
                    search_one(one, groups, &terms, reading, make, &mut searched);
                }
                false => {
                    let scanned = Scanned::without_terms(terms.len(), record.len() as u64);
                    searched.tally.add(scanned, groups);
                }
            }
        }
        at = end + 1;
        number += 1;
    }
    searched
}

/// Whether `record` starts with `{` and ends with `}`, blanks aside.
fn braced(record: &[u8]) -> bool {
    let record = record.trim_ascii();
    record.first() == Some(&b'{') && record.last() == Some(&b'}')
}

/// One record's line, where it is, and the fields to read.
struct Record<'a> {
    path: &'a Arc<Path>,
    line: &'a [u8],
    place: RecordAt,
    fields: &'a RecordFields,
}

/// Searches one record, adding it to `searched` (and what `make` makes of it, if it matches).
fn search_one<T>(
    record: Record,
    groups: &[Vec<ContentTerm>],
    terms: &[&ContentTerm],
    reading: RecordReading,
    make: &(dyn Fn(Doc<'_>, &str) -> T + Sync),
    searched: &mut ChunkSearched<T>,
) {
    let Record {
        path,
        line,
        place,
        fields,
    } = record;
    // Its place among the chunk's listed records, should it be listed.
    let mut scanned = Scanned::new(searched.matches.len(), terms.len(), reading.passages);
    let mut words = 0;
    let listed = jsonl::search_record(path, line, place, fields, |text| {
        scanned.feed(Piece::Text(text), terms);
        if reading.every {
            words = count_words(text);
        }
        scanned.matches(groups) || reading.every
    });
    match listed {
        Ok(listing) => {
            if let Some((meta, text)) = listing {
                if scanned.matches(groups) {
                    searched.made.push(make(meta.doc(), &text));
                }
                searched.matches.push(meta);
                searched.words.push(words);
            }
            searched.tally.add(scanned, groups);
        }
        Err(reason) => searched.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: format!("line {}: {reason}", place.line),
        }),
    }
}
