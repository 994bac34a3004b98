//! What the lasting store remembers of a corpus's listing: each file as it was (device,
//! inode, size, last change) with the documents listed from it (title, date, group, size, a
//! record's place). At the next start a file whose `stat` says the same is listed from here
//! without being read; a JSON Lines file that only grew keeps its known records and only its
//! new tail is read (the bytes before the old end checked, by CRC, to be the same). Anything
//! else is read again as if new.

use super::DocMeta;
use super::bytes::{Put, Take};
use super::file_stamp::FileStamp;
use super::file_stamp::RACY_NANOS;
use super::inputs;
use super::kept::{self, KeptRecords, KeptTable};
use super::read::{self, Reach};
use super::store::DocStore;
use memmap2::Mmap;
use rustc_hash::FxHashMap;
use std::io::Read;
use std::ops::Range;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The version of what is kept of a listing and of how titles, dates and records are
/// derived: a listing kept with another is made again.
pub(crate) const LISTING_VERSION: u32 = 4;

/// Where the records known of a JSON Lines file end: the bytes before `end` (whole lines)
/// hashed, and the number of the line after them.
#[derive(Clone, Copy, Debug)]
struct RecordsEnd {
    end: u64,
    next_line: u64,
    crc: u32,
}

#[derive(Debug)]
struct KnownFile {
    stamp: FileStamp,
    /// How it was reached.
    reach: Reach,
    /// A file's document, in [`Known::docs`].
    docs: Range<usize>,
    /// A JSON Lines file's: where they end, and where the records are in the listing.
    records: Option<(RecordsEnd, KeptTable)>,
}

/// The listing of a corpus as the lasting store keeps it.
#[derive(Default)]
pub struct Known {
    /// By the path's bytes: hashing them is a fraction of hashing a `Path` component by
    /// component, and a start looks up every file.
    files: FxHashMap<Box<[u8]>, KnownFile>,
    /// The documents of the files that are not JSON Lines.
    docs: Vec<DocMeta>,
    /// The listing's bytes, which JSON Lines files' records are read from in place.
    map: Option<Arc<Mmap>>,
    /// How many documents are known in all.
    count: usize,
    /// The folder folio runs in, to find a relative path's file under its absolute name.
    here: PathBuf,
}

impl std::fmt::Debug for Known {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Known({} files, {} documents)",
            self.files.len(),
            self.docs.len()
        )
    }
}

/// Where the JSON Lines files of a listing ended, by name: kept beside the listing after its
/// documents are taken, so writing the next one reads only what was added.
#[derive(Debug, Default)]
pub(crate) struct KnownEnds(FxHashMap<Box<[u8]>, RecordsEnd>);

/// The known records of a JSON Lines file that only grew, and where to read on from.
pub(crate) struct KnownRecords {
    pub docs: KeptRecords,
    pub offset: u64,
    pub line: u64,
}

impl Known {
    /// Where its JSON Lines files ended.
    pub(crate) fn ends(&self) -> KnownEnds {
        let ends = self.files.iter().filter_map(|(key, file)| {
            let (end, _) = file.records.as_ref()?;
            Some((key.clone(), *end))
        });
        KnownEnds(ends.collect())
    }

    /// How many documents are known.
    pub(crate) fn documents(&self) -> usize {
        self.count
    }

    /// The documents of the file at `path` when it is as it was listed; None when it changed,
    /// is new, or is a JSON Lines file (see [`Known::records`]).
    pub(crate) fn unchanged_file(&self, path: &Path) -> Option<Vec<DocMeta>> {
        let file = self.files.get(key_of(path, &self.here).as_slice());
        let file = file.filter(|file| file.records.is_none())?;
        if FileStamp::now(path)? != file.stamp {
            return None;
        }
        // Named as it is named now (`c/a.txt`, `./c/a.txt` or `/home/me/c/a.txt`).
        let named: Arc<Path> = path.into();
        let docs = self.docs[file.docs.clone()].iter();
        Some(
            docs.map(|doc| DocMeta {
                path: Arc::clone(&named),
                ..doc.clone()
            })
            .collect(),
        )
    }

    /// The known records of the JSON Lines file at `path` and where its unknown tail starts,
    /// when the file is the same one and the bytes before the old end are unchanged (a file
    /// that only grew). None: read it all again.
    pub(crate) fn records(&self, path: &Path) -> Option<KnownRecords> {
        let file = self.files.get(key_of(path, &self.here).as_slice())?;
        let (end, table) = file.records.as_ref()?;
        let end = *end;
        let now = FileStamp::now(path)?;
        let same_file = now.same_file(&file.stamp);
        if !same_file || now.size < end.end {
            return None;
        }
        // Unchanged to the nanosecond: nothing to check. Otherwise the old part must be the
        // same bytes (an append keeps them; an edit does not).
        if now != file.stamp && crc_of_start(path, end.end).ok()? != end.crc {
            return None;
        }
        // Named as it is named now.
        let docs = table.records(self.map.as_ref()?, path.into(), file.reach);
        Some(KnownRecords {
            docs,
            offset: end.end,
            line: end.next_line,
        })
    }

    /// The listing of `docs` to keep, in the binary form [`Known::decode`] reads. A file that
    /// changed since it was listed (its stamp now is not the one listed) is left out, so it is
    /// read again next time; so is anything that cannot be looked at now.
    /// `previous` holds where the JSON Lines files of the listing read at the start ended.
    pub(crate) fn encode(docs: &DocStore, previous: &KnownEnds, out: &mut Put) {
        let racy_from = read::modified_now().saturating_sub(RACY_NANOS);
        let here = std::env::current_dir().unwrap_or_default();
        let mut files = Vec::new();
        let mut start = 0;
        let count = docs.len();
        while start < count {
            let path = docs.at(start).path;
            let mut end = start + 1;
            // Records of one file share their path; tail records read later have their own.
            while end < count && (Arc::ptr_eq(docs.at(end).path, path) || docs.at(end).path == path)
            {
                end += 1;
            }
            let before = docs
                .at(start)
                .record
                .and_then(|_| previous.0.get(key_of(path, &here).as_slice()));
            if let Some(file) = file_to_keep(docs, start..end, racy_from, before) {
                files.push(file);
            }
            start = end;
        }
        out.u64(files.len() as u64);
        for (stamp, range, records) in files {
            let first = docs.at(range.start);
            // Kept by its absolute name: the next run may name the corpus otherwise.
            out.slice(&key_of(first.path, &here));
            stamp.put(out);
            match first.reach {
                Reach::Following => out.u32(u32::MAX),
                Reach::Beneath(depth) => out.u32(u32::from(depth)),
            }
            match records {
                Some(end) => {
                    out.u8(1);
                    out.u64(end.end);
                    out.u64(end.next_line);
                    out.u32(end.crc);
                }
                None => out.u8(0),
            }
            out.u64(range.len() as u64);
            if records.is_some() {
                let first = u32::try_from(range.start).unwrap_or(u32::MAX);
                kept::put(out, first, range.map(|index| docs.at(index)));
                continue;
            }
            for index in range {
                let doc = docs.at(index);
                out.u32(index as u32);
                out.slice(doc.title().as_bytes());
                out.text(doc.date);
                out.text(doc.group);
                out.u64(doc.size);
                out.i64(doc.modified);
            }
        }
    }

    /// Reads what [`Known::encode`] wrote, from `map` (the listing's file) from byte
    /// `base`; Err says where it is damaged. A JSON Lines file's records are not read but
    /// found: they are read in place when the file is listed.
    pub(crate) fn decode(map: &Arc<Mmap>, base: usize) -> Result<Known, String> {
        let mut take = Take::new(map.get(base..).unwrap_or_default());
        let mut known = Known {
            here: std::env::current_dir().unwrap_or_default(),
            map: Some(Arc::clone(map)),
            ..Known::default()
        };
        let files = take.u64()?;
        for _ in 0..files {
            let path: Arc<Path> = Path::new(std::ffi::OsStr::from_bytes(take.slice()?)).into();
            let stamp = FileStamp::take(&mut take)?;
            let reach = match take.u32()? {
                u32::MAX => Reach::Following,
                depth => Reach::Beneath(u16::try_from(depth).map_err(|_| "depth")?),
            };
            let records_end = match take.u8()? {
                1 => Some(RecordsEnd {
                    end: take.u64()?,
                    next_line: take.u64()?,
                    crc: take.u32()?,
                }),
                _ => None,
            };
            let count = take.u64()?;
            known.count += usize::try_from(count).map_err(|_| "count")?;
            let first = known.docs.len();
            let records = match records_end {
                Some(end) => Some((end, KeptTable::take(&mut take, base, count)?)),
                None => {
                    for _ in 0..count {
                        known.docs.push(take_file_doc(&mut take, &path, reach)?);
                    }
                    None
                }
            };
            let file = KnownFile {
                stamp,
                reach,
                docs: first..known.docs.len(),
                records,
            };
            known.files.insert(path.as_os_str().as_bytes().into(), file);
        }
        match take.is_empty() {
            true => Ok(known),
            false => Err(format!("more after byte {}", base + take.at())),
        }
    }
}

/// A document of a file (not a JSON Lines file) as [`Known::encode`] wrote it.
fn take_file_doc(take: &mut Take, path: &Arc<Path>, reach: Reach) -> Result<DocMeta, String> {
    let stored = take.u32()?;
    let title = take.str()?.into();
    let date = take.text()?.map(Into::into);
    let group = take.text()?.map(Into::into);
    let (size, modified) = (take.u64()?, take.i64()?);
    Ok(DocMeta {
        path: Arc::clone(path),
        title,
        date,
        group,
        size,
        record: None,
        modified,
        reach,
        stored: Some(stored),
    })
}

/// The name a file is kept by: its absolute path, `.` components and doubled slashes taken
/// out (links are not resolved: they are how the user reached it). Most paths have neither,
/// and are only put after the folder folio runs in (a start looks up every file).
fn key_of(path: &Path, here: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_bytes();
    let plain = !bytes.starts_with(b"./")
        && bytes != b"."
        && !bytes.ends_with(b"/.")
        && memchr::memmem::find(bytes, b"/./").is_none()
        && memchr::memmem::find(bytes, b"//").is_none();
    match (plain, path.is_absolute()) {
        (true, true) => bytes.to_vec(),
        (true, false) => {
            let here = here.as_os_str().as_bytes();
            let mut key = Vec::with_capacity(here.len() + 1 + bytes.len());
            key.extend_from_slice(here);
            if !here.ends_with(b"/") {
                key.push(b'/');
            }
            key.extend_from_slice(bytes);
            key
        }
        (false, _) => inputs::plain(&here.join(path))
            .into_os_string()
            .into_encoded_bytes(),
    }
}

/// A file's stamp, its documents (those of `range` worth keeping) and, for a JSON Lines
/// file, where its known records end; None when it is not to be kept.
fn file_to_keep(
    docs: &DocStore,
    range: Range<usize>,
    racy_from: i64,
    previous: Option<&RecordsEnd>,
) -> Option<(FileStamp, Range<usize>, Option<RecordsEnd>)> {
    let first = docs.at(range.start);
    let mut stamp = FileStamp::now(first.path)?;
    // Changed so lately that a change now might leave the same time (a file system's clock
    // ticks in milliseconds or seconds, as git's "racily clean" entries): not to be trusted.
    // (By the contents' time, as git judges; the inode's time is still compared next time.)
    let racy = stamp.modified >= racy_from;
    if first.record.is_none() {
        // Listed as it is now, or not kept.
        let listed = first.stamp();
        let same = listed.size == stamp.size && listed.modified == stamp.modified;
        return (same && !racy).then_some((stamp, range, None));
    }
    if racy {
        // Kept, but its bytes checked next time whatever its stamp says.
        stamp.changed = i64::MIN;
    }
    // A record too big, or a line number too high, for the kept table: read again.
    if !range.clone().all(|index| kept::fits(docs.at(index))) {
        return None;
    }
    // Records: kept up to the last one whose line ends with a line break (a last line
    // without one may yet be continued).
    let mut file = std::fs::File::open(first.path).ok()?;
    let mut keep = range.clone();
    let mut end = None;
    while let Some(last) = keep.end.checked_sub(1).filter(|&last| last >= keep.start) {
        let doc = docs.at(last);
        let place = doc.record?;
        let after = place.offset + doc.size;
        let next = read::read_range(&file, after..after + 2).ok()?;
        let newline = match next.as_slice() {
            [b'\n', ..] => Some(after + 1),
            [b'\r', b'\n'] => Some(after + 2),
            _ => None,
        };
        if let Some(newline) = newline {
            end = Some((newline, place.line + 1));
            break;
        }
        keep.end = last;
    }
    let (end, next_line) = end?;
    // A file rewritten since it was listed is not kept: its first record must still end
    // where it was listed as ending.
    let head = docs.at(keep.start);
    let after = head.record.map_or(0, |place| place.offset) + head.size;
    let next = read::read_range(&file, after..after + 1).ok()?;
    if keep.is_empty() || !matches!(next.as_slice(), [b'\n' | b'\r']) {
        return None;
    }
    // The records kept from the listing before were checked to be the same bytes up to its
    // end: its CRC goes on over the tail alone (a big file is not read again for one line).
    let known = previous
        .filter(|previous| head.stored.is_some() && previous.end <= end)
        .map_or((0, 0), |previous| (previous.end, previous.crc));
    let crc = crc_continued(&mut file, known, end).ok()?;
    // The stamp is taken again: a file rewritten while it was hashed is not kept.
    let again = FileStamp::now(first.path)?;
    let unchanged = FileStamp {
        changed: stamp.changed,
        ..again
    } == stamp
        && (racy || again.changed == stamp.changed);
    unchanged.then_some((
        stamp,
        keep,
        Some(RecordsEnd {
            end,
            next_line,
            crc,
        }),
    ))
}

/// The CRC-32 of the first `end` bytes of the file at `path`.
fn crc_of_start(path: &Path, end: u64) -> std::io::Result<u32> {
    crc_continued(&mut std::fs::File::open(path)?, (0, 0), end)
}

/// The CRC-32 of the first `end` bytes of `file`, given that of its first `known.0` bytes
/// (`known.1`): only the bytes after them are read (a grown file's tail).
fn crc_continued(file: &mut std::fs::File, known: (u64, u32), end: u64) -> std::io::Result<u32> {
    use std::io::Seek;
    let (from, crc) = known;
    file.seek(std::io::SeekFrom::Start(from))?;
    let mut hasher = crc32fast::Hasher::new_with_initial_len(crc, from);
    let mut buffer = vec![0u8; 1 << 20];
    let mut left = end.saturating_sub(from);
    while left > 0 {
        let want = buffer
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        let read = file.read(&mut buffer[..want])?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        hasher.update(&buffer[..read]);
        left -= read as u64;
    }
    Ok(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crc_goes_on_over_a_tail_as_over_the_whole() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("set.jsonl");
        let text = "{\"text\": \"Ünïcode £ prose\"}\n".repeat(50_000);
        std::fs::write(&path, &text)?;
        let end = text.len() as u64;
        let whole = crc_of_start(&path, end)?;
        assert_eq!(whole, crc32fast::hash(text.as_bytes()));
        let half = (text.len() / 2) as u64;
        let start = crc_of_start(&path, half)?;
        let mut file = std::fs::File::open(&path)?;
        assert_eq!(crc_continued(&mut file, (half, start), end)?, whole);
        assert_eq!(crc_continued(&mut file, (end, whole), end)?, whole);
        Ok(())
    }
}
