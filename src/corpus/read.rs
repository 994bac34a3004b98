//! Reading files with a cap: the head of a file for its title, or the body for the reader.
//! Only regular files are opened, and sizes from metadata are never trusted for allocation.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// Bytes read from the start of each file to find its title and date: a title is at most 200
/// characters, so a few KiB hold it (and any front matter) for all but pathological files.
pub(crate) const HEAD_BYTES: usize = 4 * 1024;

/// Bytes read from a file, whether the file went on past them, and its size and last change
/// when opened.
pub struct Capped {
    pub bytes: Vec<u8>,
    pub truncated: bool,
    pub size: u64,
    pub modified: i64,
}

/// A file's size and last change, to tell whether it changed between two looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified: i64,
}

impl Stamp {
    pub fn of(metadata: &Metadata) -> Stamp {
        Stamp {
            size: metadata.len(),
            modified: modified(metadata),
        }
    }
}

/// When a file was last changed, in nanoseconds since 1970 (what `stat` says), to tell a
/// document changed since it was listed.
pub(crate) fn modified(metadata: &Metadata) -> i64 {
    metadata
        .mtime()
        .saturating_mul(1_000_000_000)
        .saturating_add(metadata.mtime_nsec())
}

/// The time now as [`modified`] gives a file's, to compare with it.
pub(crate) fn modified_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
        })
}

/// How a document may be reached from its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Links are followed: the path the user gave (a folder's links are theirs), or any
    /// path under `--follow`. The file is checked before it is opened and again once open.
    Following,
    /// Found by the walk: the last components of its path (this many) are the folders and
    /// file the walk went through below the user's path, and none may be a link now.
    Beneath(u16),
}

/// Opens a document to read it, refusing anything but a regular file: opening a FIFO blocks
/// for ever and opening some devices has effects. A path reached [`Reach::Following`] is
/// checked before it is opened, opened non-blocking, and checked again once open, so a file
/// swapped for a FIFO or a link to a device meanwhile is refused too. A path reached
/// [`Reach::Beneath`] is opened refusing a link in any component the walk went through
/// (`beneath`), so the checks once open suffice and no stat comes first (it is the costliest
/// part of listing 100k files): a document or folder swapped for a link since the walk (to
/// `/etc`, say) is refused, not followed.
pub(crate) fn open_document(path: &Path, reach: Reach) -> io::Result<(File, Metadata)> {
    let depth = match reach {
        Reach::Following => return open_following(path),
        Reach::Beneath(depth) => depth,
    };
    let file = super::beneath::open(path, depth)?;
    let opened = file.metadata()?;
    refuse_unless_regular(&opened)?;
    Ok((file, opened))
}

/// Reads at most `cap` bytes of a document, opened as [`open_document`] does.
pub(crate) fn read_document(path: &Path, reach: Reach, cap: usize) -> io::Result<Capped> {
    read_document_into(path, reach, cap, Vec::new())
}

/// Reads as [`read_document`] does, into `buffer` (what it held is dropped, its memory kept):
/// a buffer handed from one file to the next spares allocating and clearing fresh memory for
/// each of 100,000 files.
pub(crate) fn read_document_into(
    path: &Path,
    reach: Reach,
    cap: usize,
    buffer: Vec<u8>,
) -> io::Result<Capped> {
    let (file, opened) = open_document(path, reach)?;
    read_opened_into(&file, &opened, cap, buffer)
}

/// Reads `range` of an open file by offset, stopping early only at the end of the file.
pub(crate) fn read_range(file: &File, range: std::ops::Range<u64>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    read_range_into(file, range, &mut out)?;
    Ok(out)
}

/// Reads `range` of an open file by offset into `out` (what it held is overwritten; memory it
/// already holds is not cleared again), stopping early only at the end of the file.
pub(crate) fn read_range_into(
    file: &File,
    range: std::ops::Range<u64>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    let length = (range.end - range.start) as usize;
    out.truncate(length);
    out.resize(length, 0);
    let mut filled = 0;
    while filled < out.len() {
        match file.read_at(&mut out[filled..], range.start + filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    out.truncate(filled);
    Ok(())
}

/// Opens the regular file at `path`, following a link, with the checks before and after.
fn open_following(path: &Path) -> io::Result<(File, Metadata)> {
    let checked = std::fs::metadata(path)?;
    refuse_unless_regular(&checked)?;
    let (file, opened) = open_regular(path, 0)?;
    if (opened.dev(), opened.ino()) != (checked.dev(), checked.ino()) {
        return Err(io::Error::other("changed while being opened"));
    }
    Ok((file, opened))
}

/// Opens without blocking (a FIFO would block) and refuses anything but a regular file.
fn open_regular(path: &Path, extra_flags: i32) -> io::Result<(File, Metadata)> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | extra_flags)
        .open(path)?;
    let opened = file.metadata()?;
    refuse_unless_regular(&opened)?;
    Ok((file, opened))
}

/// Reads at most `cap` bytes from the start of a file just opened, as `opened` describes it.
pub(crate) fn read_opened(file: &File, opened: &Metadata, cap: usize) -> io::Result<Capped> {
    read_opened_into(file, opened, cap, Vec::new())
}

/// Reads as [`read_opened`] does, into `bytes` (what it held is dropped, its memory kept).
fn read_opened_into(
    mut file: &File,
    opened: &Metadata,
    cap: usize,
    mut bytes: Vec<u8>,
) -> io::Result<Capped> {
    let size = opened.len();
    if (cap as u64) < size {
        // Only the start is wanted: without this the kernel reads ahead the rest of every file
        // whose head is read for its title, real disk reads when the cache holds only heads.
        // Advice only; a failure changes nothing.
        // SAFETY: posix_fadvise takes a file descriptor and plain integers; the descriptor is
        // owned by `file`, which outlives the call.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_RANDOM);
        }
    }
    // One byte past the cap tells whether the file goes on. Reading stops once the size the
    // file had when opened is in: a head is then one read call, not a read and an empty one
    // to see the end (a tenth of listing's system calls). A size of 0 may be a file whose
    // size is not known (procfs, some FUSE file systems): it is read to its end or the cap.
    let want = match size {
        0 => cap + 1,
        _ => (cap as u64 + 1).min(size.saturating_add(1)) as usize,
    };
    bytes.clear();
    bytes.resize(want, 0);
    let mut filled = 0;
    while filled < want {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => {
                filled += read;
                if size > 0 && filled as u64 >= size && filled <= cap {
                    break;
                }
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    bytes.truncate(filled);
    let truncated = bytes.len() > cap;
    bytes.truncate(cap);
    Ok(Capped {
        bytes,
        truncated,
        size,
        modified: modified(opened),
    })
}

fn refuse_unless_regular(metadata: &Metadata) -> io::Result<()> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file ({})", kind_of(&metadata.file_type())),
        ))
    }
}

/// A file type in words, for skip reasons.
pub(crate) fn kind_of(file_type: &FileType) -> &'static str {
    if file_type.is_dir() {
        "folder"
    } else if file_type.is_symlink() {
        "symbolic link"
    } else if file_type.is_fifo() {
        "FIFO"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_char_device() {
        "character device"
    } else if file_type.is_block_device() {
        "block device"
    } else if file_type.is_file() {
        "regular file"
    } else {
        "unknown type"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_capped_and_say_so() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789")?;
        let capped = read_document(&path, Reach::Following, 4)?;
        assert_eq!(
            (capped.bytes.as_slice(), capped.truncated, capped.size),
            (&b"0123"[..], true, 10)
        );
        let whole = read_document(&path, Reach::Following, 10)?;
        assert!(!whole.truncated);
        Ok(())
    }

    #[test]
    fn a_file_that_says_it_is_empty_is_still_read() -> io::Result<()> {
        // procfs reports a size of 0 for files full of text.
        let capped = read_document(Path::new("/proc/self/status"), Reach::Following, 64)?;
        assert_eq!(capped.size, 0);
        assert!(capped.bytes.starts_with(b"Name:"), "{:?}", capped.bytes);
        assert!(capped.truncated);
        Ok(())
    }

    #[test]
    fn fifos_and_devices_are_refused_without_blocking() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("pipe.txt");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes())?;
        // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        let error = read_document(&fifo, Reach::Following, 16)
            .err()
            .map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("not a regular file (FIFO)"));
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link)?;
        let error = read_document(&link, Reach::Following, 16)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("not a regular file (character device)")
        );
        Ok(())
    }
}
