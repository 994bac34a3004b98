//! The lasting store: what folio derives from a corpus — its listing (titles, dates, fields,
//! each file's stamp) and its word index — kept between runs in a folder of its own under
//! `$XDG_CACHE_HOME/folio/` (else `~/.cache/folio/`), never inside the corpus, so a corpus
//! opened again lists and searches at once. Each file is framed and checked (`framed`), only
//! one folio writes at a time (`lock`), and a file that is damaged is set aside with a note
//! and made again. What is kept (`corpus::known`, the index's `file`) is theirs to say; this
//! folder only knows files. May use `corpus` (files are written the one way) and `text`.

mod checked;
mod extracted;
pub(crate) mod framed;
pub(crate) mod lock;
pub(crate) mod place;

pub(crate) use extracted::keep_extracted_text;

use crate::corpus::Inputs;
use crate::corpus::WalkOptions;
use crate::corpus::bytes::Put;
use crate::corpus::known::{self, Known, KnownEnds};
use crate::corpus::store::DocStore;
use crate::corpus::write::Folder;
use framed::{Header, Unusable};
use memmap2::Mmap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The store's format; a store of another is made again, not read.
pub(crate) const FORMAT: u32 = 4;

/// The default bound of one corpus's store, in MiB (`--cache-limit`).
pub(crate) const DEFAULT_LIMIT_MIB: u64 = 4096;

const LISTING: &str = "listing";
const INDEX: &str = "index";
const COPIES: &str = "copies";
const LOCK: &str = "lock";
const LISTING_KIND: [u8; 8] = *b"folio-ls";
const INDEX_KIND: [u8; 8] = *b"folio-ix";
const COPIES_KIND: [u8; 8] = *b"folio-cp";

/// How long a folio waits for another that is writing the same store before it gives up
/// writing (it still reads and searches; the other's store serves the next start).
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// The store of one corpus.
#[derive(Debug)]
pub(crate) struct Store {
    folder: Folder,
    path: PathBuf,
    /// A fingerprint of everything that shapes what is kept: the options listing and reading
    /// go by, and the versions of folio's title extraction and word splitting.
    settings: u64,
    /// Its bound in bytes.
    limit: u64,
}

/// The listing kept, as read at the start.
#[derive(Debug)]
pub(crate) struct Listing {
    /// Taken by the one load that lists from it ([`Lasting::known`]), and let go with it.
    known: std::sync::Mutex<Option<Arc<Known>>>,
    /// How many documents it knows.
    pub documents: usize,
    /// Where its JSON Lines files ended, for writing the next listing.
    ends: KnownEnds,
    /// Ties the index to this listing: the positions it knows documents by are this one's.
    pub generation: u64,
}

impl Store {
    /// The store of the corpus `inputs` as listed with `options`, bounded to `limit` bytes,
    /// its folder made if need be when `make` (else None when there is none yet). Err says
    /// why none can be kept (no home, a folder inside the corpus, one that cannot be made or
    /// trusted).
    pub(crate) fn open(
        inputs: &Inputs,
        options: &WalkOptions,
        limit: u64,
        make: bool,
    ) -> Result<Option<Store>, String> {
        let root = place::cache_folder(|name| std::env::var(name).ok())
            .ok_or("no cache folder (neither XDG_CACHE_HOME nor HOME is set)")?;
        Store::open_in(&root, inputs, options, limit, make)
    }

    /// As [`Store::open`], with the stores' folder `root`.
    pub(crate) fn open_in(
        root: &Path,
        inputs: &Inputs,
        options: &WalkOptions,
        limit: u64,
        make: bool,
    ) -> Result<Option<Store>, String> {
        if place::inside_corpus(root, inputs.named()) {
            return Err(format!(
                "{} is inside the corpus (set XDG_CACHE_HOME elsewhere)",
                root.display()
            ));
        }
        let path = root.join(place::corpus_name(inputs, b"folio-store-1"));
        if !make && std::fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let folder = place::prepare(&path)?;
        let shaping = WalkOptions {
            known: None,
            ..options.clone()
        };
        let settings = format!(
            "{shaping:?} listing {} words {} extract {}",
            known::LISTING_VERSION,
            crate::text::words::WORDS_VERSION,
            crate::corpus::extract::versions()
        );
        Ok(Some(Store {
            folder,
            path,
            settings: crate::text::hash::fnv1a(settings.as_bytes()),
            limit,
        }))
    }

    /// Where the store is.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Its bound in bytes.
    pub(crate) fn limit(&self) -> u64 {
        self.limit
    }

    fn header(&self, kind: [u8; 8], generation: u64) -> Header {
        Header {
            kind,
            version: FORMAT,
            settings: self.settings,
            generation,
        }
    }

    /// The listing kept, if there is one that can be used; a note when one was there and
    /// could not be (damaged ones are set aside).
    pub(crate) fn listing(&self) -> (Option<Listing>, Option<String>) {
        let wanted = self.header(LISTING_KIND, 0);
        // Mapped, not read: a JSON Lines file's records are read from it in place.
        let read = framed::map(&self.folder, LISTING, wanted).and_then(|(generation, map)| {
            let known = Known::decode(&map, framed::HEADER).map_err(Unusable::Damaged)?;
            Ok(Listing {
                documents: known.documents(),
                ends: known.ends(),
                known: std::sync::Mutex::new(Some(Arc::new(known))),
                generation,
            })
        });
        match read {
            Ok(listing) => (Some(listing), None),
            Err(why) => (None, self.not_used(LISTING, why)),
        }
    }

    /// The word index kept, mapped, with the generation of the listing it goes with; a note
    /// when one was there and could not be used.
    pub(crate) fn index(&self) -> (Option<(u64, Arc<Mmap>)>, Option<String>) {
        let wanted = self.header(INDEX_KIND, 0);
        match framed::map(&self.folder, INDEX, wanted) {
            Ok(mapped) => (Some(mapped), None),
            Err(why) => (None, self.not_used(INDEX, why)),
        }
    }

    /// The word index this folio has just written under `generation`, mapped (its bytes not
    /// read again for the checksum); None if it is not that one.
    pub(crate) fn written_index(&self, generation: u64) -> Option<Arc<Mmap>> {
        let wanted = self.header(INDEX_KIND, 0);
        let (kept, map) = framed::map_written(&self.folder, INDEX, wanted).ok()?;
        (kept == generation).then_some(map)
    }

    /// The copies kept (each document's sketch, the pairs measured), mapped, if there are
    /// any made by this `version` of the copies' finding; a note when one was there and
    /// could not be used.
    pub(crate) fn copies(&self, version: u32) -> (Option<Arc<Mmap>>, Option<String>) {
        match framed::map(&self.folder, COPIES, self.copies_header(version)) {
            Ok((_, map)) => (Some(map), None),
            Err(why) => (None, self.not_used(COPIES, why)),
        }
    }

    /// Writes the copies as `body` writes them, made by `version` of their finding; the
    /// file's size. The caller holds the writer lock. They are known by each document's
    /// path and stamp, not its place, so they need no generation.
    pub(crate) fn write_copies(
        &self,
        version: u32,
        body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<u64> {
        framed::write(&self.folder, COPIES, self.copies_header(version), body)
    }

    fn copies_header(&self, version: u32) -> Header {
        Header {
            settings: self.settings ^ u64::from(version).rotate_left(32),
            ..self.header(COPIES_KIND, 0)
        }
    }

    /// Sets a damaged file aside (as NAME.damaged, replacing an older one) and says so.
    fn not_used(&self, name: &str, why: Unusable) -> Option<String> {
        let again = "made again when the store is next written";
        match why {
            Unusable::Missing => None,
            Unusable::Other(why) => Some(format!("the store's {name} was {why}: {again}")),
            Unusable::Unreadable(why) => Some(format!(
                "the store's {name} cannot be read ({why}): not used"
            )),
            Unusable::Damaged(why) => {
                let aside = format!("{name}.damaged");
                let (from, to) = (OsStr::new(name), OsStr::new(&aside));
                // An older one set aside is replaced (a folder in the way cannot be).
                let moved = self.folder.rename_file(from, to).or_else(|_| {
                    self.folder.remove(to);
                    self.folder.rename_file(from, to)
                });
                let done = match moved {
                    Ok(()) => format!("set aside as {aside}"),
                    Err(error) => format!("could not be set aside ({error})"),
                };
                Some(format!(
                    "the store's {name} is damaged ({why}): {done}, {again}"
                ))
            }
        }
    }

    /// Takes the lock that lets this folio write the store; None when another one writing it
    /// held the lock for [`LOCK_WAIT`].
    pub(crate) fn writer_lock(&self) -> Option<File> {
        lock::lock(&self.folder, LOCK, LOCK_WAIT)
    }

    /// The listing of `docs` as the store keeps it (see [`Store::write_listing`]), after
    /// `before`, the listing read at the start, if any.
    pub(crate) fn encode_listing(docs: &DocStore, before: Option<&Listing>) -> Vec<u8> {
        let mut put = Put::default();
        let none = KnownEnds::default();
        Known::encode(
            docs,
            before.map_or(&none, |listing| &listing.ends),
            &mut put,
        );
        put.bytes
    }

    /// Writes a listing made by [`Store::encode_listing`] under `generation` (that of the
    /// index written with it, from [`new_generation`]); the file's size. The caller holds
    /// the writer lock.
    pub(crate) fn write_listing(&self, generation: u64, listing: &[u8]) -> io::Result<u64> {
        let header = self.header(LISTING_KIND, generation);
        framed::write(&self.folder, LISTING, header, |out| out.write_all(listing))
    }

    /// Writes the word index that goes with the listing of `generation`, as `body` writes it;
    /// the file's size. The caller holds the writer lock.
    pub(crate) fn write_index(
        &self,
        generation: u64,
        body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<u64> {
        framed::write(
            &self.folder,
            INDEX,
            self.header(INDEX_KIND, generation),
            body,
        )
    }

    /// The store's size in bytes: its listing, index and copies.
    pub(crate) fn size(&self) -> u64 {
        let size = |name: &str| std::fs::metadata(self.path.join(name)).map_or(0, |m| m.len());
        size(LISTING) + size(INDEX) + size(COPIES)
    }

    /// The store's files and their sizes, for `--index-stats`.
    pub(crate) fn files(&self) -> Vec<(String, u64)> {
        let Ok(entries) = std::fs::read_dir(&self.path) else {
            return Vec::new();
        };
        let mut files: Vec<(String, u64)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let size = entry.metadata().ok()?.len();
                Some((entry.file_name().to_string_lossy().into_owned(), size))
            })
            .collect();
        files.sort();
        files
    }
}

/// A number no other write of the store has had.
pub(crate) fn new_generation() -> u64 {
    // The time, with the process's number in its high bits for two folios in one instant.
    (crate::corpus::read::modified_now() as u64) ^ (u64::from(std::process::id()) << 40)
}

impl Listing {
    /// The listing's documents, for the one load that lists from them; None after.
    pub(crate) fn take_known(&self) -> Option<Arc<Known>> {
        self.known.lock().ok()?.take()
    }
}

/// A corpus's store as opened at the start: the store, the listing it kept (if usable) and
/// what was said on opening it (a damaged file set aside).
#[derive(Debug)]
pub struct Lasting {
    pub(crate) store: Store,
    pub(crate) listing: Option<Listing>,
    pub(crate) notes: Vec<String>,
}

impl Lasting {
    /// Opens the store of `inputs` listed with `options` (made when `make`; else None when
    /// there is none yet) and reads its listing.
    pub(crate) fn open(
        inputs: &Inputs,
        options: &WalkOptions,
        limit: u64,
        make: bool,
    ) -> Result<Option<Lasting>, String> {
        let Some(store) = Store::open(inputs, options, limit, make)? else {
            return Ok(None);
        };
        let (listing, note) = store.listing();
        Ok(Some(Lasting {
            store,
            listing,
            notes: note.into_iter().collect(),
        }))
    }

    /// The listing to load the corpus with: files unchanged since are not read.
    pub(crate) fn known(&self) -> Option<Arc<Known>> {
        self.listing.as_ref()?.take_known()
    }
}
