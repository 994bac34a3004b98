//! Extracted text kept in the lasting cache (`$XDG_CACHE_HOME/folio/extracted/`), one file a
//! document, named by a hash of its absolute path, size, last change and its format's
//! extractor version: a second start, and every search, read the text back instead of taking
//! the PDF apart again. A file whose header does not name the same document as it is now, or
//! whose text is not whole, is not believed (it is extracted again and replaced). The few
//! documents extracted last are also kept in memory: the reader and a search of the same
//! document then extract it once even without the cache (`--no-cache`).

use super::extract::{Extracted, Format, limits};
use super::read::Stamp;
use super::write::Folder;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Where the cache's folder is, and how it is made and checked (set once, at start).
static PLACE: OnceLock<(PathBuf, Prepare)> = OnceLock::new();

/// The cache's folder, once made (or found unusable: None).
static FOLDER: OnceLock<Option<Folder>> = OnceLock::new();

/// Makes (or opens) a folder folio keeps files in and checks it can be trusted.
pub(crate) type Prepare = fn(&Path) -> Result<Folder, String>;

/// Documents extracted last, most recent last.
static RECENT: Mutex<Vec<(u64, Arc<Extracted>)>> = Mutex::new(Vec::new());

/// Documents kept in memory.
const RECENT_COUNT: usize = 16;

/// Keeps extracted text in the folder at `path` from now on, made by `prepare` (the lasting
/// store's way) when the first text is kept — a run that extracts nothing makes nothing.
pub(crate) fn keep_in(path: PathBuf, prepare: Prepare) {
    let _ = PLACE.set((path, prepare));
}

/// The cache's folder: made if `make`, else only when it is there already.
fn folder(make: bool) -> Option<&'static Folder> {
    if let Some(folder) = FOLDER.get() {
        return folder.as_ref();
    }
    let (path, prepare) = PLACE.get()?;
    if !make && std::fs::symlink_metadata(path).is_err() {
        return None;
    }
    // A folder that cannot be made or trusted: text is extracted each time, nothing lost.
    FOLDER.get_or_init(|| prepare(path).ok()).as_ref()
}

/// What names one document's extracted text: the document as it is now.
pub(crate) struct Key {
    path: String,
    stamp: Stamp,
    version: u32,
    hash: u64,
}

impl Key {
    pub(crate) fn of(path: &Path, stamp: Stamp, format: Format) -> Key {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let path = absolute.to_string_lossy().into_owned();
        let version = format.version() * 100 + format as u32;
        let named = format!("{path}\0{}\0{}\0{version}", stamp.size, stamp.modified);
        Key {
            hash: crate::text::hash::fnv1a(named.as_bytes()),
            path,
            stamp,
            version,
        }
    }

    fn file_name(&self) -> OsString {
        format!("{:016x}", self.hash).into()
    }
}

/// What a cached file starts with (one line of JSON), before the text.
#[derive(Serialize, Deserialize)]
struct Header {
    path: String,
    size: u64,
    modified: i64,
    version: u32,
    title: Option<String>,
    date: Option<String>,
    fields: Vec<(String, String)>,
    text_bytes: usize,
}

/// The document's extracted text, from memory or the cache, if it is held as it is now.
pub(crate) fn recall(key: &Key) -> Option<Arc<Extracted>> {
    if let Ok(recent) = RECENT.lock()
        && let Some((_, kept)) = recent.iter().find(|(hash, _)| *hash == key.hash)
    {
        return Some(Arc::clone(kept));
    }
    let read = folder(false)?
        .read(&key.file_name(), limits::TEXT_BYTES + (1 << 20))
        .ok()?;
    let newline = memchr::memchr(b'\n', &read.bytes)?;
    let header: Header = serde_json::from_slice(&read.bytes[..newline]).ok()?;
    let text = &read.bytes[newline + 1..];
    let same = header.path == key.path
        && header.size == key.stamp.size
        && header.modified == key.stamp.modified
        && header.version == key.version
        && header.text_bytes == text.len();
    let text = std::str::from_utf8(text).ok().filter(|_| same)?;
    let extracted = Arc::new(Extracted {
        text: text.to_string(),
        title: header.title,
        date: header.date,
        fields: header.fields,
    });
    remember(key, &extracted);
    Some(extracted)
}

/// Keeps a document's extracted text, in memory and in the cache (when it cannot be written,
/// it is extracted again next time: nothing else is lost).
pub(crate) fn keep(key: &Key, extracted: &Arc<Extracted>) {
    remember(key, extracted);
    let Some(folder) = folder(true) else {
        return;
    };
    let header = Header {
        path: key.path.clone(),
        size: key.stamp.size,
        modified: key.stamp.modified,
        version: key.version,
        title: extracted.title.clone(),
        date: extracted.date.clone(),
        fields: extracted.fields.clone(),
        text_bytes: extracted.text.len(),
    };
    let Ok(mut bytes) = serde_json::to_vec(&header) else {
        return;
    };
    bytes.push(b'\n');
    bytes.extend_from_slice(extracted.text.as_bytes());
    let _ = folder.replace(&key.file_name(), &bytes);
}

fn remember(key: &Key, extracted: &Arc<Extracted>) {
    if let Ok(mut recent) = RECENT.lock() {
        recent.retain(|(hash, _)| *hash != key.hash);
        if recent.len() >= RECENT_COUNT {
            recent.remove(0);
        }
        recent.push((key.hash, Arc::clone(extracted)));
    }
}
