//! The lock that lets one folio at a time write a corpus's files (its state, its lasting
//! store): an advisory `flock` on a file beside them, waited for a bounded time, so two folios
//! opening the same corpus never both write, and neither waits for ever on the other.

use crate::corpus::write::{Folder, Opening};
use std::fs::File;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// Takes the lock `name` in `folder`, trying until `within` has passed; the lock is held
/// until the file returned is dropped. None when another folio holds it all that time (or it
/// cannot be made).
pub(crate) fn lock(folder: &Folder, name: &str, within: Duration) -> Option<File> {
    let file = folder.open_file(name.as_ref(), Opening::Keep, 0o600).ok()?;
    let started = Instant::now();
    loop {
        // SAFETY: flock on a descriptor this function owns; it touches no memory. The lock
        // goes with the descriptor when the file is dropped.
        let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if locked == 0 {
            return Some(file);
        }
        if started.elapsed() >= within {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
