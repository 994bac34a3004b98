//! Loading a corpus in the background on every core: one thread walks and hands out batches
//! of paths, worker threads read each file's head for its title, and the results come back in
//! path order, batch by batch, so a consumer can show or print them as they arrive.

use super::walk::{self, Entry, Skipped, WalkOptions};
use super::{DocMeta, describe};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Documents (in path order) and skipped files gathered for the interface, which takes them
/// a few dozen times a second rather than batch by batch.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<DocMeta>,
    pub skipped: Vec<Skipped>,
    /// Nothing more will come.
    pub finished: bool,
}

/// What the loader reports, in path order for documents.
#[derive(Debug)]
pub enum LoadEvent {
    Documents(Vec<DocMeta>),
    Skipped(Vec<Skipped>),
}

/// The first batches are small so the first documents show at once; later ones are larger
/// so the hand-over costs nothing next to the reading.
const FIRST_BATCH: usize = 32;
const BATCH: usize = 512;
/// A batch is handed over after this long even if not full, so a slow walk still streams.
const BATCH_WAIT: Duration = Duration::from_millis(20);

/// One batch of paths to read, numbered so results can be put back in order.
struct Work {
    sequence: usize,
    paths: Vec<(PathBuf, bool)>,
}

/// What a worker made of one batch.
struct Done {
    sequence: usize,
    docs: Vec<DocMeta>,
    skipped: Vec<Skipped>,
}

/// Starts loading `root`. The receiver yields events until the corpus is fully loaded, then
/// closes.
pub fn spawn(root: PathBuf, options: WalkOptions) -> Receiver<LoadEvent> {
    let (events, receiver) = mpsc::channel();
    let (work_sender, work) = mpsc::channel::<Work>();
    let work = Arc::new(Mutex::new(work));
    let (done_sender, done) = mpsc::channel::<Done>();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    for _ in 0..workers {
        let work = Arc::clone(&work);
        let done_sender = done_sender.clone();
        std::thread::spawn(move || read_batches(&work, &done_sender));
    }
    drop(done_sender);
    let skip_events = events.clone();
    std::thread::spawn(move || walk_in_batches(&root, &options, &work_sender, &skip_events));
    std::thread::spawn(move || deliver_in_order(&done, &events));
    receiver
}

fn walk_in_batches(
    root: &std::path::Path,
    options: &WalkOptions,
    work: &Sender<Work>,
    events: &Sender<LoadEvent>,
) {
    let mut sequence = 0;
    let mut paths = Vec::with_capacity(FIRST_BATCH);
    let mut started = Instant::now();
    let hand_over = |paths: &mut Vec<(PathBuf, bool)>, sequence: &mut usize| {
        let batch = std::mem::replace(paths, Vec::with_capacity(BATCH));
        let _ = work.send(Work {
            sequence: *sequence,
            paths: batch,
        });
        *sequence += 1;
    };
    walk::walk(root, options, |entry| match entry {
        Entry::Candidate { path, checked } => {
            paths.push((path, checked));
            let limit = if sequence < 4 { FIRST_BATCH } else { BATCH };
            if paths.len() >= limit || started.elapsed() >= BATCH_WAIT {
                hand_over(&mut paths, &mut sequence);
                started = Instant::now();
            }
        }
        Entry::Skipped(skipped) => {
            let _ = events.send(LoadEvent::Skipped(vec![skipped]));
        }
    });
    if !paths.is_empty() {
        hand_over(&mut paths, &mut sequence);
    }
}

fn read_batches(work: &Mutex<Receiver<Work>>, done: &Sender<Done>) {
    loop {
        // The lock is held only to take the next batch, never while reading.
        let next = match work.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(Work { sequence, paths }) = next else {
            return;
        };
        let mut result = Done {
            sequence,
            docs: Vec::with_capacity(paths.len()),
            skipped: Vec::new(),
        };
        for (path, checked) in paths {
            match describe(&path, checked) {
                Ok(doc) => result.docs.push(doc),
                Err(reason) => result.skipped.push(Skipped { path, reason }),
            }
        }
        if done.send(result).is_err() {
            return;
        }
    }
}

/// Forwards finished batches in the order they were walked.
fn deliver_in_order(done: &Receiver<Done>, events: &Sender<LoadEvent>) {
    let mut waiting: BTreeMap<usize, Done> = BTreeMap::new();
    let mut next = 0;
    for batch in done {
        waiting.insert(batch.sequence, batch);
        while let Some(batch) = waiting.remove(&next) {
            next += 1;
            if !batch.skipped.is_empty() {
                let _ = events.send(LoadEvent::Skipped(batch.skipped));
            }
            if events.send(LoadEvent::Documents(batch.docs)).is_err() {
                return;
            }
        }
    }
}

/// Waits for the first documents (or the end of a load that found none), gathering skipped
/// files meanwhile: the caller decides what to do before the interface takes the terminal.
pub fn first_documents(events: &Receiver<LoadEvent>) -> Loaded {
    let mut loaded = Loaded::default();
    for event in events {
        match event {
            LoadEvent::Documents(docs) if !docs.is_empty() => {
                loaded.docs = docs;
                return loaded;
            }
            LoadEvent::Documents(_) => {}
            LoadEvent::Skipped(skipped) => loaded.skipped.extend(skipped),
        }
    }
    loaded.finished = true;
    loaded
}

/// How often gathered documents are handed to the interface while loading.
const GATHER: Duration = Duration::from_millis(50);

/// Forwards the rest of a load as [`Loaded`] bundles, at most every [`GATHER`], ending with
/// one marked finished. Stops when `deliver` returns false (the interface is gone).
pub fn forward(events: Receiver<LoadEvent>, mut deliver: impl FnMut(Loaded) -> bool) {
    let mut pending = Loaded::default();
    let mut last = Instant::now();
    loop {
        match events.recv_timeout(GATHER) {
            Ok(LoadEvent::Documents(docs)) => pending.docs.extend(docs),
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
            hidden: false,
            follow: false,
        };
        let mut docs = Vec::new();
        let mut skipped = Vec::new();
        for event in spawn(dir.path().to_path_buf(), options) {
            match event {
                LoadEvent::Documents(batch) => docs.extend(batch),
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
