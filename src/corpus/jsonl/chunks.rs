//! Reading a JSON Lines file once, in order, in big chunks of whole lines, for whoever works
//! through its records on every core: the loader listing them, a search counting its terms in
//! them. A line longer than a record may be is passed over with the reason.

use super::RECORD_BYTES;
use crate::corpus::read::{self, Reach};
use std::io::{Read, Seek};
use std::path::Path;

/// Whole lines of a JSON Lines file: its bytes from `offset`, the first being line `line`
/// (from 1).
pub(crate) struct Lines {
    pub bytes: Vec<u8>,
    pub offset: u64,
    pub line: u64,
}

/// Where reading starts: a byte offset at the start of a line, and that line's number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Start {
    pub offset: u64,
    pub line: u64,
}

impl Start {
    /// The start of the file.
    pub(crate) const FILE: Start = Start { offset: 0, line: 1 };
}

/// The first chunks are small so the first records show at once; later ones are larger so
/// the hand-over costs nothing next to the work.
const FIRST_CHUNK: usize = 64 * 1024;
const CHUNK: usize = 4 << 20;

/// Reads the JSON Lines file at `path` in chunks that end at a line break and gives them to
/// `give` in order (false: nothing more is wanted, and false is returned). What cannot be
/// read (the file, a line too long to be a record) is told to `skip` with the reason. Each
/// chunk's buffer comes from `spare` (a chunk given back, or a new one): buffers reused are
/// neither cleared nor mapped again. Reading starts at byte `from.offset`, the start of line
/// `from.line` (a file's start is offset 0, line 1; a grown file's new tail is later).
pub(crate) fn each_chunk(
    path: &Path,
    from: Start,
    skip: impl Fn(String),
    spare: impl Fn() -> Vec<u8>,
    mut give: impl FnMut(Lines) -> bool,
) -> bool {
    let mut file = match read::open_document(path, Reach::Following).map(|(file, _)| file) {
        Ok(file) => file,
        Err(error) => {
            skip(error.to_string());
            return true;
        }
    };
    if from.offset > 0
        && let Err(error) = file.seek(std::io::SeekFrom::Start(from.offset))
    {
        skip(error.to_string());
        return true;
    }
    let (mut handed, mut offset, mut line) = (0, from.offset, from.line);
    // Bytes read but not yet handed out: the start of a line whose end is still to come.
    let mut pending: Vec<u8> = Vec::new();
    // Set while passing over the rest of a line too long to be a record.
    let mut overlong = false;
    loop {
        let want = if handed < 4 { FIRST_CHUNK } else { CHUNK };
        let before = pending.len();
        // Read into the buffer's room as it is: nothing is cleared first, nothing moved.
        pending.reserve(want);
        let read = match (&mut file).take(want as u64).read_to_end(&mut pending) {
            Ok(read) => read,
            Err(error) => {
                skip(format!("line {line}: {error}"));
                return true;
            }
        };
        pending.truncate(before + read);
        let at_end = read == 0;
        let cut = if at_end {
            pending.len()
        } else {
            match memchr::memrchr(b'\n', &pending[before..]) {
                Some(newline) => before + newline + 1,
                None => {
                    if pending.len() > RECORD_BYTES && !overlong {
                        skip(format!(
                            "line {line}: longer than {} MiB",
                            RECORD_BYTES >> 20
                        ));
                        overlong = true;
                    }
                    if overlong {
                        offset += pending.len() as u64;
                        pending.clear();
                    }
                    continue;
                }
            }
        };
        // The chunk goes out as it is; only the start of its unfinished last line is copied.
        let mut rest = spare();
        rest.clear();
        rest.extend_from_slice(&pending[cut..]);
        let mut bytes = std::mem::replace(&mut pending, rest);
        bytes.truncate(cut);
        let mut start = offset;
        offset += bytes.len() as u64;
        if overlong {
            // The chunk begins with the end of the overlong line.
            let end = memchr::memchr(b'\n', &bytes).map_or(bytes.len(), |i| i + 1);
            bytes.drain(..end);
            start += end as u64;
            line += 1;
            overlong = false;
        }
        let breaks = memchr::memchr_iter(b'\n', &bytes).count() as u64;
        if !bytes.is_empty() {
            let lines = Lines {
                bytes,
                offset: start,
                line,
            };
            if !give(lines) {
                return false;
            }
            handed += 1;
        }
        line += breaks;
        if at_end {
            return true;
        }
    }
}
