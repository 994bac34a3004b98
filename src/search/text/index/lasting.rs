//! The word index kept in the lasting store: reopened mapped, its documents moved to where
//! they are now, what it lacks (documents new or changed since) indexed, and the store brought
//! up to date — listing and index together, under one generation, by one folio at a time.
//! Until what is lacking is indexed, those documents are scanned: answers are never stale.

use super::build::{Documents, build_these};
use super::{Places, Shard, TextIndex, file};
use crate::corpus::store::DocStore;
use crate::store::{Listing, Store};

/// What bringing the store's index up to date did.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Documents the kept index answered for as they are.
    pub reused: usize,
    /// Documents indexed now (new, changed, or in a shard dropped as mostly gone).
    pub indexed: usize,
    /// Whether anything changed since the store was written (so it should be written).
    pub changed: bool,
    /// Documents left out of the stored index to keep the store within its bound.
    pub left_out: usize,
    /// The store's size once written, when it was.
    pub written: Option<u64>,
    /// What went wrong or was set aside, for the status line.
    pub notes: Vec<String>,
}

/// How the update goes: the store, the listing read at the start (if any), the build's
/// budget and cores, and whom to tell of progress.
pub(crate) struct Update<'a> {
    pub store: &'a Store,
    pub listing: Option<&'a Listing>,
    pub docs: &'a DocStore,
    pub workers: usize,
    /// Documents indexed so far of how many, as shards are done (on the calling thread).
    pub progress: &'a dyn Fn(usize, usize),
    /// Given the kept index as soon as it is open, when more must be indexed: searches use
    /// it (and scan the rest) meanwhile.
    pub early: &'a mut dyn FnMut(TextIndex),
    /// Whether to write the store when anything changed (`--index`, the browser), or only
    /// use it (a printing mode answers first: the store is rewritten whole, which for a big
    /// corpus takes longer than indexing a few changed documents in memory).
    pub write: bool,
}

/// The index of `update.docs`, from the store where it can be, the rest built, the store
/// written if anything changed.
pub(crate) fn update(update: Update) -> (TextIndex, Report) {
    let Update {
        store,
        listing,
        docs,
        workers,
        progress,
        early,
        write,
    } = update;
    let mut report = Report::default();
    let kept = listing.and_then(|listing| reopen(store, listing, docs, &mut report.notes));
    let mut index = kept.unwrap_or_default();
    report.reused = index.documents();
    let mut covered = vec![false; docs.len()];
    for shard in &index.shards {
        shard.cover(&mut covered);
    }
    let lacking: Vec<usize> = (0..docs.len()).filter(|&doc| !covered[doc]).collect();
    let listing_changed = listing.is_none_or(|listing| {
        listing.documents != docs.len()
            || docs
                .stored()
                .enumerate()
                .any(|(n, stored)| stored != Some(n as u32))
    });
    // A store over its bound (the bound lowered since) is written again within it.
    let over_bound = store.size() > store.limit();
    if lacking.is_empty() && !listing_changed && !over_bound {
        return (index, report);
    }
    report.changed = true;
    if !lacking.is_empty() && !index.shards.is_empty() {
        // Searches use what is kept while the rest is indexed (a clone shares the mapping).
        early(index.clone());
    }
    let total = lacking.len();
    let mut done = 0;
    let mut told = |shard: usize| {
        done += shard;
        progress(done, total);
    };
    let lacking = Documents::These(&lacking);
    let listing_bytes = write.then(|| Store::encode_listing(docs, listing));
    let listing_size = listing_bytes.as_ref().map_or(0, |bytes| bytes.len() as u64);
    // Within the bound: the listing, what is kept, then as many new shards as fit.
    let room = store.limit().saturating_sub(listing_size);
    let budget = usize::try_from(room.saturating_sub(index.bytes() as u64)).unwrap_or(0);
    let lock = match (&listing_bytes, write) {
        (_, false) => None,
        (_, true) if listing_size > store.limit() => {
            report.notes.push(format!(
                "the store not written: its listing alone ({} MiB) passes its bound (--cache-limit {} MiB)",
                listing_size >> 20,
                store.limit() >> 20
            ));
            None
        }
        (_, true) => {
            let lock = store.writer_lock();
            if lock.is_none() {
                report
                    .notes
                    .push("another folio is writing the store: this one's index not kept".into());
            }
            lock
        }
    };
    let (Some(_lock), Some(listing_bytes)) = (lock, listing_bytes) else {
        // Not written: what lacks is indexed in memory.
        let mut keep = |shard: Shard| {
            report.indexed += shard.answered();
            index.bytes += shard.bytes();
            index.shards.push(shard);
        };
        build_these(docs, &lacking, budget, workers, &mut told, &mut keep);
        return (index, report);
    };
    // Written as built: each new shard goes to the file and is let go, so building a big
    // corpus holds one shard per core, not the whole index.
    let generation = crate::store::new_generation();
    let written = store.write_index(generation, |out: &mut dyn std::io::Write| {
        for shard in &index.shards {
            file::write_shard(shard, &mut *out)?;
        }
        let mut failed = None;
        let mut keep = |shard: Shard| {
            if failed.is_none() {
                report.indexed += shard.answered();
                failed = file::write_shard(&shard, &mut *out).err();
            }
        };
        build_these(docs, &lacking, budget, workers, &mut told, &mut keep);
        failed.map_or(Ok(()), Err)
    });
    let written = written.and_then(|index_size| {
        let listing_size = store.write_listing(generation, &listing_bytes)?;
        Ok(index_size + listing_size)
    });
    report.left_out = total.saturating_sub(report.indexed);
    match written {
        Ok(size) => {
            report.written = Some(size);
            // The index just written, mapped.
            let reopened = store
                .written_index(generation)
                .and_then(|map| file::open(&map, None).ok());
            if let Some(reopened) = reopened {
                index = reopened;
            }
        }
        // What was kept still serves; the rest is scanned.
        Err(error) => report.notes.push(format!(
            "the store in {} not written: {error}",
            store.path().display()
        )),
    }
    (index, report)
}

/// The kept index, if it goes with `listing`, its documents moved to where they are now.
fn reopen(
    store: &Store,
    listing: &Listing,
    docs: &DocStore,
    notes: &mut Vec<String>,
) -> Option<TextIndex> {
    let (mapped, note) = store.index();
    notes.extend(note);
    let (generation, map) = mapped?;
    if generation != listing.generation {
        // Written with another listing (another folio wrote the store since): the positions
        // it knows documents by are not this listing's.
        return None;
    }
    // Every document where it was: the positions written are the positions now.
    let unmoved = docs.len() == listing.documents
        && docs
            .stored()
            .enumerate()
            .all(|(n, stored)| stored == Some(n as u32));
    if unmoved {
        return opened(file::open(&map, None), notes);
    }
    // Each position in the kept listing, and where that document is now.
    let known = docs.stored().flatten().max();
    let mut now = vec![Places::GONE; known.map_or(0, |last| last as usize + 1)];
    for (position, stored) in docs.stored().enumerate() {
        if let Some(slot) = stored.and_then(|stored| now.get_mut(stored as usize)) {
            *slot = position as u32;
        }
    }
    let moved = |written: u32| now.get(written as usize).copied().unwrap_or(Places::GONE);
    opened(file::open(&map, Some(&moved)), notes)
}

/// The index opened, or None with a note saying why not.
fn opened(index: Result<TextIndex, String>, notes: &mut Vec<String>) -> Option<TextIndex> {
    index
        .map_err(|why| {
            notes.push(format!(
                "the store's index does not fit together ({why}): made again"
            ))
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::super::tests::against_scanning::{PIECES, QUERIES, compared};
    use super::*;
    use crate::corpus::{Inputs, WalkOptions, load};
    use proptest::prelude::*;
    use std::path::Path;

    fn write_aged(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let file = std::fs::File::options().write(true).open(path);
        file.and_then(|file| file.set_modified(hour_ago))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        /// After files are edited, removed and added, the kept index — as reopened (the
        /// changed documents scanned) and once brought up to date — finds what scanning does.
        #[test]
        fn the_kept_index_after_changes_finds_what_scanning_finds(
            texts in prop::collection::vec(
                prop::collection::vec(prop::sample::select(PIECES), 0..30), 2..12),
            changes in prop::collection::vec(
                (0usize..14, 0u8..3, prop::collection::vec(prop::sample::select(PIECES), 0..20)),
                0..6),
        ) {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let cache = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let name = |n: usize| dir.path().join(format!("{n:02}.txt"));
            for (n, pieces) in texts.iter().enumerate() {
                write_aged(&name(n), &format!("Title {n}.\n{}", pieces.concat()));
            }
            let inputs = Inputs::one(dir.path());
            let mut options = WalkOptions { extensions: vec!["txt".into()], ..WalkOptions::default() };
            let store = Store::open_in(cache.path(), &inputs, &options, 1 << 30, true)
                .ok().flatten().unwrap_or_else(|| panic!("no store"));
            let docs = load(&inputs, &options).unwrap_or_else(|e| panic!("{e}")).docs;
            let (_, report) = update(Update {
                store: &store, listing: None, docs: &docs, workers: 2,
                progress: &|_, _| {}, early: &mut |_| {}, write: true,
            });
            prop_assert!(report.written.is_some(), "{:?}", report.notes);
            for (n, what, pieces) in &changes {
                let path = name(*n);
                match what {
                    0 => write_aged(&path, &format!("Changed {n}.\n{}", pieces.concat())),
                    1 => { let _ = std::fs::remove_file(&path); }
                    _ => std::fs::write(&path, format!("New {n}.\n{}", pieces.concat()))
                        .unwrap_or_else(|e| panic!("{e}")),
                }
            }
            let (listing, note) = store.listing();
            prop_assert!(note.is_none(), "{:?}", note);
            options.known = listing.as_ref().and_then(Listing::take_known);
            let Ok(corpus) = load(&inputs, &options) else {
                // Every file removed.
                return Ok(());
            };
            let docs = corpus.docs;
            let mut early = None;
            let (index, _) = update(Update {
                store: &store, listing: listing.as_ref(), docs: &docs, workers: 2,
                progress: &|_, _| {}, early: &mut |kept| early = Some(kept), write: true,
            });
            for query in QUERIES {
                let (indexed, scanned) = compared(query, &docs, &index);
                prop_assert_eq!(&indexed, &scanned, "{}", query);
                if let Some(early) = &early {
                    let (indexed, scanned) = compared(query, &docs, early);
                    prop_assert_eq!(&indexed, &scanned, "as reopened: {}", query);
                }
            }
        }
    }
}
