//! Loading a corpus in the background on every core: the walk hands out batches of paths (or,
//! for a JSON Lines file, chunks of whole lines) to the pool, whose workers read each file's
//! head for its title (or parse each record); the results come back in order, batch by batch,
//! so a consumer can show or print them as they arrive.

use super::decode::Decoding;
use super::describe;
use super::inputs::Inputs;
use super::jsonl::{self, RecordFields};
use super::kept::KeptRecords;
use super::known::Known;
use super::mailbox;
use super::read::Reach;
use super::store::Listed;
use super::walk::{Entry, Skipped, Skips, WalkOptions};
use crate::work::pool;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// Documents (in path order) and skipped files gathered for the interface, which takes them
/// a few dozen times a second rather than batch by batch.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Listed>,
    pub skipped: Skips,
    /// Nothing more will come.
    pub finished: bool,
}

/// What the loader reports, in path order for documents.
#[derive(Debug)]
pub(crate) enum LoadEvent {
    Documents(Listed),
    Skipped(Vec<Skipped>),
}

/// The first batches are small so the first documents show at once; later ones are larger
/// so the hand-over costs nothing next to the reading.
const FIRST_BATCH: usize = 32;
const BATCH: usize = 512;
/// A batch is handed over after this long even if not full, so a slow walk still streams.
const BATCH_WAIT: Duration = Duration::from_millis(20);

/// One batch of work for a worker.
enum Batch {
    /// Records the lasting store listed (their file unchanged): passed on as they are.
    Known(KeptRecords),
    /// Files to read the heads of, and how each was reached.
    Paths(Vec<(PathBuf, Reach)>),
    /// Whole messages of a mailbox.
    Messages {
        file: Arc<Path>,
        messages: mailbox::Messages,
    },
    /// Whole lines of a JSON Lines file, from byte `offset`, the first being line `line`.
    Lines {
        file: Arc<Path>,
        fields: Arc<RecordFields>,
        bytes: Vec<u8>,
        offset: u64,
        line: u64,
    },
}

/// Hands a batch to the pool; false once nothing more is wanted.
type Give<'a> = &'a mut dyn FnMut(Batch) -> bool;

/// What a worker made of one batch.
struct Done {
    docs: Listed,
    skipped: Vec<Skipped>,
}

/// Starts loading `inputs`. The receiver yields events until the corpus is fully loaded,
/// then closes.
pub(crate) fn spawn(inputs: Inputs, options: WalkOptions) -> Receiver<LoadEvent> {
    let (events, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let skip_events = events.clone();
        let feed = |give: Give| walk_in_batches(&inputs, &options, give, &skip_events);
        // Results come back in the order they were walked.
        let decoding = options.decoding;
        let group = options.records.group.as_deref();
        let known = options.known.as_deref();
        let read = |batch| read_batch(batch, decoding, group, known);
        pool::in_order(pool::workers(), feed, read, |done| {
            if !done.skipped.is_empty() {
                let _ = events.send(LoadEvent::Skipped(done.skipped));
            }
            events.send(LoadEvent::Documents(done.docs)).is_ok()
        });
    });
    receiver
}

/// Hands out the inputs' documents in batches of paths, and each JSON Lines file in chunks
/// of lines, in the order found.
fn walk_in_batches(inputs: &Inputs, options: &WalkOptions, give: Give, events: &Sender<LoadEvent>) {
    let mut handed = 0;
    let mut paths = Vec::with_capacity(FIRST_BATCH);
    // Skips go out in batches too: a stream of entries that are not paths (`yes | folio`)
    // is a million a second.
    let mut skips: Vec<Skipped> = Vec::new();
    let tell_skips = |skips: &mut Vec<Skipped>| {
        if !skips.is_empty() {
            let _ = events.send(LoadEvent::Skipped(std::mem::take(skips)));
        }
    };
    let mut started = Instant::now();
    let mut wanted = true;
    let fields = Arc::new(options.records.clone());
    inputs.each(options, |entry| match entry {
        Entry::Candidate { path, reach } if wanted => {
            paths.push((path, reach));
            let limit = if handed < 4 { FIRST_BATCH } else { BATCH };
            if paths.len() >= limit || started.elapsed() >= BATCH_WAIT {
                tell_skips(&mut skips);
                let batch = std::mem::replace(&mut paths, Vec::with_capacity(BATCH));
                wanted = give(Batch::Paths(batch));
                handed += 1;
                started = Instant::now();
            }
        }
        Entry::Waiting => {
            // A slow writer: what came so far goes out now.
            tell_skips(&mut skips);
            if wanted && !paths.is_empty() {
                wanted = give(Batch::Paths(std::mem::take(&mut paths)));
                handed += 1;
                started = Instant::now();
            }
        }
        Entry::Records(path) if wanted && mailbox::named_mbox(&path) => {
            if !paths.is_empty() {
                wanted = give(Batch::Paths(std::mem::take(&mut paths)));
            }
            wanted = wanted && read_messages_in_chunks(&path, give, events);
            started = Instant::now();
        }
        Entry::Records(path) if wanted => {
            // The files before it go first, so documents stay in the order found.
            if !paths.is_empty() {
                wanted = give(Batch::Paths(std::mem::take(&mut paths)));
            }
            // The records the store knows, then only the tail that is new.
            let mut from = jsonl::Start::FILE;
            if let Some(known) = options
                .known
                .as_ref()
                .and_then(|known| known.records(&path))
            {
                from = jsonl::Start {
                    offset: known.offset,
                    line: known.line,
                };
                wanted = wanted && give(Batch::Known(known.docs));
            }
            wanted = wanted && read_lines_in_chunks(&path, from, &fields, give, events);
            started = Instant::now();
        }
        Entry::Candidate { .. } | Entry::Records(_) => {}
        Entry::Skipped(skipped) => {
            skips.push(skipped);
            if skips.len() >= BATCH || started.elapsed() >= BATCH_WAIT {
                tell_skips(&mut skips);
                started = Instant::now();
            }
        }
    });
    tell_skips(&mut skips);
    if wanted && !paths.is_empty() {
        give(Batch::Paths(paths));
    }
}

/// Lists one batch: the head of each file read for its title, or each line parsed.
/// `group` is the front matter key counts are grouped by, if any.
/// A file the lasting store `known` lists, unchanged, is not read.
fn read_batch(
    batch: Batch,
    decoding: Decoding,
    group: Option<&str>,
    known: Option<&Known>,
) -> Done {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    match batch {
        Batch::Known(records) => {
            return Done {
                docs: Listed::Kept(records),
                skipped,
            };
        }
        Batch::Paths(paths) => {
            docs.reserve(paths.len());
            for (path, reach) in paths {
                if let Some(listed) = known.and_then(|known| known.unchanged_file(&path)) {
                    docs.extend(listed);
                    continue;
                }
                match describe(&path, reach, decoding, group) {
                    Ok(doc) => docs.push(doc),
                    Err(reason) => skipped.push(Skipped { path, reason }),
                }
            }
        }
        Batch::Messages { file, messages } => {
            mailbox::describe_messages(&file, &messages, group, &mut docs, &mut skipped)
        }
        Batch::Lines {
            file,
            fields,
            bytes,
            offset,
            line,
        } => jsonl::describe_lines(
            &file,
            &bytes,
            offset,
            line,
            &fields,
            &mut docs,
            &mut skipped,
        ),
    }
    Done {
        docs: Listed::Made(docs),
        skipped,
    }
}

/// Reads a JSON Lines file in chunks that end at a line break and hands them out in order;
/// false once nothing more is wanted.
fn read_lines_in_chunks(
    path: &Path,
    from: jsonl::Start,
    fields: &Arc<RecordFields>,
    give: Give,
    events: &Sender<LoadEvent>,
) -> bool {
    let skip = skipping(path, events);
    let shared: Arc<Path> = path.into();
    jsonl::each_chunk(path, from, skip, Vec::new, |lines| {
        give(Batch::Lines {
            file: Arc::clone(&shared),
            fields: Arc::clone(fields),
            bytes: lines.bytes,
            offset: lines.offset,
            line: lines.line,
        })
    })
}

/// What tells the consumer that the file at `path` (or a part of it) could not be read.
fn skipping<'a>(path: &'a Path, events: &'a Sender<LoadEvent>) -> impl Fn(String) + 'a {
    move |reason| {
        let skipped = Skipped {
            path: path.to_path_buf(),
            reason,
        };
        let _ = events.send(LoadEvent::Skipped(vec![skipped]));
    }
}

/// Reads a mailbox in chunks of whole messages and hands them out in order; false once
/// nothing more is wanted. (Listed from its headers each time: the store keeps no mailbox.)
fn read_messages_in_chunks(path: &Path, give: Give, events: &Sender<LoadEvent>) -> bool {
    let skip = skipping(path, events);
    let shared: Arc<Path> = path.into();
    mailbox::each_chunk(path, skip, |messages| {
        give(Batch::Messages {
            file: Arc::clone(&shared),
            messages,
        })
    })
}

/// Waits for the first documents (or the end of a load that found none), at most `within`,
/// gathering skipped files meanwhile: the caller decides what to do before the interface
/// takes the terminal. Neither finished nor with documents when the wait ran out (a slow
/// writer of a list on standard input): the interface shows itself meanwhile.
pub(crate) fn first_documents(events: &Receiver<LoadEvent>, within: Duration) -> Loaded {
    let mut loaded = Loaded::default();
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(LoadEvent::Documents(docs)) if !docs.is_empty() => {
                loaded.docs = vec![docs];
                return loaded;
            }
            Ok(LoadEvent::Documents(_)) => {}
            Ok(LoadEvent::Skipped(skipped)) => loaded.skipped.extend(skipped),
            Err(mpsc::RecvTimeoutError::Timeout) => return loaded,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                loaded.finished = true;
                return loaded;
            }
        }
    }
}

/// How often gathered documents are handed to the interface while loading.
const GATHER: Duration = Duration::from_millis(50);

/// Forwards the rest of a load as [`Loaded`] bundles, at most every [`GATHER`], ending with
/// one marked finished. Stops when `deliver` returns false (the interface is gone).
pub(crate) fn forward(events: Receiver<LoadEvent>, mut deliver: impl FnMut(Loaded) -> bool) {
    let mut pending = Loaded::default();
    let mut last = Instant::now();
    loop {
        match events.recv_timeout(GATHER) {
            Ok(LoadEvent::Documents(docs)) => Listed::gather(&mut pending.docs, docs),
            Ok(LoadEvent::Skipped(skipped)) => pending.skipped.extend(skipped),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                pending.finished = true;
                deliver(pending);
                return;
            }
        }
        let due = last.elapsed() >= GATHER;
        if due && (!pending.docs.is_empty() || !pending.skipped.is_empty()) {
            if !deliver(std::mem::take(&mut pending)) {
                return;
            }
            last = Instant::now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Doc;

    #[test]
    fn a_jsonl_file_arrives_record_by_record_in_order() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("set.jsonl");
        let mut text = String::new();
        for i in 0..30_000 {
            text.push_str(&format!("{{\"text\": \"Record {i}. Body.\"}}\n"));
            if i == 7 {
                text.push_str("not json\n\n");
            }
        }
        text.push_str("{\"text\": \"No final line break.\"}");
        std::fs::write(&path, &text)?;
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        for event in spawn(Inputs::one(&path), WalkOptions::default()) {
            match event {
                LoadEvent::Documents(batch) => docs.extend(batch.iter().map(Doc::to_meta)),
                LoadEvent::Skipped(batch) => skipped.extend(batch),
            }
        }
        assert_eq!(docs.len(), 30_001);
        assert_eq!(&*docs[8].title, "Record 8.");
        assert_eq!(&*docs[30_000].title, "No final line break.");
        let lines: Vec<u64> = docs
            .iter()
            .filter_map(|d| d.record.map(|r| r.line))
            .collect();
        assert_eq!(lines[..10], [1, 2, 3, 4, 5, 6, 7, 8, 11, 12]);
        assert_eq!(lines[30_000], 30_003);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].reason.starts_with("line 9: not a JSON object"));
        // Each record's offset is where its line starts.
        for doc in [&docs[0], &docs[8], &docs[29_999], &docs[30_000]] {
            let offset = doc.record.map_or(0, |r| r.offset) as usize;
            assert!(offset == 0 || text.as_bytes()[offset - 1] == b'\n');
            assert!(text[offset..].starts_with("{\"text\": \"Record") || offset > 0);
        }
        Ok(())
    }

    #[test]
    fn many_files_arrive_complete_and_in_path_order() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        for i in 0..2000 {
            let folder = dir.path().join(format!("f{}", i % 7));
            std::fs::create_dir_all(&folder)?;
            std::fs::write(folder.join(format!("{i:05}.txt")), format!("Doc {i}."))?;
        }
        std::fs::write(dir.path().join("f0/bin.txt"), b"\x00")?;
        let options = WalkOptions {
            extensions: vec!["txt".into()],
            ..WalkOptions::default()
        };
        let mut docs = Vec::new();
        let mut skipped = Vec::new();
        for event in spawn(Inputs::one(dir.path()), options) {
            match event {
                LoadEvent::Documents(batch) => docs.extend(batch.iter().map(Doc::to_meta)),
                LoadEvent::Skipped(batch) => skipped.extend(batch),
            }
        }
        assert_eq!(docs.len(), 2000);
        assert!(
            docs.windows(2).all(|pair| pair[0].path < pair[1].path),
            "path order"
        );
        assert_eq!(skipped.len(), 1);
        Ok(())
    }
}
