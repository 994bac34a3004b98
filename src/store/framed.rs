//! One file of the lasting store: a header saying what it is (its kind, the format's
//! version, a fingerprint of the settings it was made with, the generation that ties an
//! index to the listing it was made with, the body's length and CRC-32), then the body. A
//! file is written whole under a temporary name and renamed into place, so it is never seen
//! half-written; it is believed only once its header and checksum say it is whole.

use super::checked;
use crate::corpus::file_stamp::FileStamp;
use crate::corpus::write::Folder;
use memmap2::Mmap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::sync::Arc;

/// Bytes of the header: kind 8, version 4, settings 8, generation 8, length 8, CRC 4.
pub(crate) const HEADER: usize = 40;

/// What a file's header says, or must say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub kind: [u8; 8],
    pub version: u32,
    pub settings: u64,
    pub generation: u64,
}

/// Why a file of the store is not used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// There is none.
    Missing,
    /// Made by another version of folio or with other settings: replaced, not damaged.
    Other(String),
    /// Damaged (cut short, garbage, a wrong checksum): set aside, then replaced.
    Damaged(String),
    /// It could not be read (permissions, an I/O error).
    Unreadable(String),
}

/// Writes the file `name` in `folder`: the header, then what `body` writes. Returns the
/// file's size.
pub(crate) fn write(
    folder: &Folder,
    name: &str,
    header: Header,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<u64> {
    let mut size = 0;
    folder.replace_with(OsStr::new(name), |file| {
        file.write_all(&[0u8; HEADER])?;
        let mut counted = Counted {
            out: BufWriter::with_capacity(1 << 20, file.try_clone()?),
            length: 0,
            crc: crc32fast::Hasher::new(),
        };
        body(&mut counted)?;
        counted.out.flush()?;
        let Counted { out, length, crc } = counted;
        drop(out);
        let crc = crc.finalize();
        file.seek(io::SeekFrom::Start(0))?;
        file.write_all(&header_bytes(header, length, crc))?;
        size = HEADER as u64 + length;
        Ok(())
    })?;
    Ok(size)
}

/// Maps the file `name` into memory and checks it is `wanted` (the whole of it is read once
/// for the checksum, unless it was found whole before and its stamp is unchanged since: see
/// `checked`); its body starts at [`HEADER`]. Also the file's generation.
pub(crate) fn map(
    folder: &Folder,
    name: &str,
    wanted: Header,
) -> Result<(u64, Arc<Mmap>), Unusable> {
    map_checking(folder, name, wanted, true)
}

/// As [`map`], for a file this folio has just written (under the writer's lock): its body
/// was checksummed as it was written, so only its header and length are checked, not every
/// byte read again.
pub(crate) fn map_written(
    folder: &Folder,
    name: &str,
    wanted: Header,
) -> Result<(u64, Arc<Mmap>), Unusable> {
    map_checking(folder, name, wanted, false)
}

fn map_checking(
    folder: &Folder,
    name: &str,
    wanted: Header,
    whole: bool,
) -> Result<(u64, Arc<Mmap>), Unusable> {
    let (file, metadata) = folder.open_to_read(OsStr::new(name)).map_err(unreadable)?;
    let map = map_file(&file).map_err(|error| Unusable::Unreadable(error.to_string()))?;
    // Found whole before and not changed since: its checksum is not read again.
    let stamp = FileStamp::of(&metadata);
    let read_whole = whole && !checked::trusted(folder, name, &stamp);
    let generation = check(&map, wanted, read_whole)?;
    if read_whole {
        checked::remember(folder, name, stamp, crate::corpus::read::modified_now());
    }
    Ok((generation, Arc::new(map)))
}

fn map_file(file: &File) -> io::Result<Mmap> {
    // SAFETY: the store's files are never changed in place — each is written whole under
    // another name and renamed over the old one, which stays mapped as it was — so the
    // mapping cannot change under the references made from it, unless someone else writes
    // into the cache folder (0700, the user's own), which folio cannot prevent.
    unsafe { Mmap::map(file) }
}

fn unreadable(error: io::Error) -> Unusable {
    match (error.kind(), error.raw_os_error()) {
        (io::ErrorKind::NotFound, _) => Unusable::Missing,
        // A link, a folder or a FIFO where the file should be: damaged, set aside.
        (_, Some(libc::ELOOP)) => Unusable::Damaged("a symbolic link".into()),
        (io::ErrorKind::InvalidInput, _) => Unusable::Damaged(error.to_string()),
        _ => Unusable::Unreadable(error.to_string()),
    }
}

/// Checks a whole file against what is wanted (its checksum too when `whole`); its
/// generation when it is whole and fits.
fn check(bytes: &[u8], wanted: Header, whole: bool) -> Result<u64, Unusable> {
    let damaged = |why: String| Err(Unusable::Damaged(why));
    let Some((head, body)) = bytes.split_at_checked(HEADER) else {
        return damaged(format!("cut short: {} bytes, no whole header", bytes.len()));
    };
    let number = |range: std::ops::Range<usize>| {
        head[range]
            .iter()
            .rev()
            .fold(0u64, |value, &byte| (value << 8) | u64::from(byte))
    };
    if head[..8] != wanted.kind {
        return damaged("not a file of folio's store".into());
    }
    if number(8..12) != u64::from(wanted.version) {
        return Err(Unusable::Other(format!(
            "made by another version of folio (format {}, this one reads {})",
            number(8..12),
            wanted.version
        )));
    }
    if number(12..20) != wanted.settings {
        return Err(Unusable::Other("made with other settings".into()));
    }
    let (length, crc) = (number(28..36), number(36..40));
    if length != body.len() as u64 {
        return damaged(format!(
            "cut short or grown: {} bytes of body, {length} written",
            body.len()
        ));
    }
    if whole && u64::from(crc32fast::hash(body)) != crc {
        return damaged("its checksum does not match its contents".into());
    }
    Ok(number(20..28))
}

fn header_bytes(header: Header, length: u64, crc: u32) -> [u8; HEADER] {
    let mut bytes = [0u8; HEADER];
    bytes[..8].copy_from_slice(&header.kind);
    bytes[8..12].copy_from_slice(&header.version.to_le_bytes());
    bytes[12..20].copy_from_slice(&header.settings.to_le_bytes());
    bytes[20..28].copy_from_slice(&header.generation.to_le_bytes());
    bytes[28..36].copy_from_slice(&length.to_le_bytes());
    bytes[36..40].copy_from_slice(&crc.to_le_bytes());
    bytes
}

/// A writer that counts and checksums what goes through it.
struct Counted<W: Write> {
    out: W,
    length: u64,
    crc: crc32fast::Hasher,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.length += written as u64;
        self.crc.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's generation and body, as [`map`] finds them.
    fn read(
        folder: &Folder,
        name: &str,
        wanted: Header,
        _: usize,
    ) -> Result<(u64, Vec<u8>), Unusable> {
        map(folder, name, wanted).map(|(generation, map)| (generation, map[HEADER..].to_vec()))
    }

    const WANTED: Header = Header {
        kind: *b"folio-t1",
        version: 3,
        settings: 42,
        generation: 7,
    };

    #[test]
    fn a_file_reads_back_and_each_kind_of_damage_is_told() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = Folder::open(dir.path())?;
        let size = write(&folder, "f", WANTED, |out| out.write_all(b"body bytes"))?;
        assert_eq!(size, HEADER as u64 + 10);
        assert_eq!(
            read(&folder, "f", WANTED, 1 << 20),
            Ok((7, b"body bytes".to_vec()))
        );
        let mapped = map(&folder, "f", WANTED).map(|(generation, map)| (generation, map.len()));
        assert_eq!(mapped, Ok((7, HEADER + 10)));
        let whole = std::fs::read(dir.path().join("f"))?;
        let damaged = |bytes: &[u8]| {
            std::fs::write(dir.path().join("g"), bytes)?;
            Ok::<_, io::Error>(read(&folder, "g", WANTED, 1 << 20))
        };
        let is_damaged = |result: Result<_, Unusable>| matches!(result, Err(Unusable::Damaged(_)));
        assert!(is_damaged(damaged(&whole[..whole.len() - 1])?), "truncated");
        assert!(is_damaged(damaged(&whole[..10])?), "no header");
        assert!(is_damaged(damaged(
            b"garbage garbage garbage garbage garbage garbage"
        )?));
        let mut flipped = whole.clone();
        flipped[HEADER + 2] ^= 1;
        assert!(is_damaged(damaged(&flipped)?), "a changed byte");
        let other = Header {
            version: 4,
            ..WANTED
        };
        assert!(matches!(
            read(&folder, "f", other, 1 << 20),
            Err(Unusable::Other(_))
        ));
        let settings = Header {
            settings: 1,
            ..WANTED
        };
        assert!(matches!(
            read(&folder, "f", settings, 1 << 20),
            Err(Unusable::Other(_))
        ));
        assert_eq!(
            read(&folder, "none", WANTED, 1 << 20),
            Err(Unusable::Missing)
        );
        Ok(())
    }

    #[test]
    fn a_file_found_whole_is_trusted_by_its_stamp_until_it_changes() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let folder = Folder::open(dir.path())?;
        write(&folder, "f", WANTED, |out| out.write_all(b"body bytes"))?;
        let stamp = |folder: &Folder| -> io::Result<FileStamp> {
            Ok(FileStamp::of(&folder.open_to_read(OsStr::new("f"))?.1))
        };
        let first = stamp(&folder)?;
        // Just written: its stamp is not kept (a change within the clock's tick would keep
        // it), and the file is read whole each time.
        assert!(map(&folder, "f", WANTED).is_ok());
        assert!(!checked::trusted(&folder, "f", &first));
        // Found whole once it is old enough (here: as if read a minute later).
        checked::remember(
            &folder,
            "f",
            first,
            crate::corpus::read::modified_now() + 60_000_000_000,
        );
        assert!(checked::trusted(&folder, "f", &first));
        assert_eq!(
            read(&folder, "f", WANTED, 0),
            Ok((7, b"body bytes".to_vec()))
        );
        // A byte changed in place changes the stamp: read whole again, and found damaged.
        let path = dir.path().join("f");
        let mut bytes = std::fs::read(&path)?;
        bytes[HEADER + 2] ^= 1;
        let mut file = std::fs::OpenOptions::new().write(true).open(&path)?;
        file.write_all(&bytes)?;
        // Later than the stamp kept, as any change after it was kept is (it was kept only
        // once two seconds old); said outright here, where all happens within a clock tick.
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(1))?;
        assert!(!checked::trusted(&folder, "f", &stamp(&folder)?));
        assert!(matches!(
            read(&folder, "f", WANTED, 0),
            Err(Unusable::Damaged(_))
        ));
        // A damaged record of stamps trusts nothing.
        std::fs::write(dir.path().join("checked"), b"\xff\xff")?;
        assert!(!checked::trusted(&folder, "f", &first));
        Ok(())
    }
}
