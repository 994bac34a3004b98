//! Reading files with a cap: the head of a file for its title, or the body for the reader.
//! Only regular files are opened, and sizes from metadata are never trusted for allocation.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Bytes read from the start of each file to find its title and date.
pub const HEAD_BYTES: usize = 16 * 1024;

/// The most of one document the reader loads into memory.
pub const BODY_BYTES: usize = 64 * 1024 * 1024;

/// Bytes read from a file, whether the file went on past them, and its size when checked.
pub struct Capped {
    pub bytes: Vec<u8>,
    pub truncated: bool,
    pub size: u64,
}

/// Reads at most `cap` bytes of the regular file at `path`. Anything else (a FIFO, a device,
/// a folder) is refused before it is opened: opening a FIFO would block forever.
pub fn read_capped(path: &Path, cap: usize) -> io::Result<Capped> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let file = File::open(path)?;
    let mut bytes = Vec::with_capacity(cap.min(HEAD_BYTES));
    // One byte past the cap tells whether the file goes on.
    file.take(cap as u64 + 1).read_to_end(&mut bytes)?;
    let truncated = bytes.len() > cap;
    bytes.truncate(cap);
    Ok(Capped {
        bytes,
        truncated,
        size: metadata.len(),
    })
}
