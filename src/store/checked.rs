//! Which of the store's files were read whole and found to match their checksum, by their
//! stamp (device, inode, size, last change of contents and of inode): one whose stamp is
//! the same at the next start is not read again to be checked, as a corpus's unchanged
//! files are not read again to be listed. A store of gigabytes then opens in what its first
//! screen reads. Any write to a file changes its stamp; a file renamed into place has
//! another inode. As with the listing, a stamp is kept only once the file has not changed
//! for two seconds (a change within the clock's tick could leave the same stamp).

use crate::corpus::bytes::{Put, Take};
use crate::corpus::file_stamp::FileStamp;
use crate::corpus::write::Folder;
use std::ffi::OsStr;

const CHECKED: &str = "checked";
/// The most a `checked` file is read of: a few stamps.
const CAP: usize = 64 * 1024;

/// The stamps of the files found whole, by name.
fn read(folder: &Folder) -> Vec<(String, FileStamp)> {
    let Ok(capped) = folder.read(OsStr::new(CHECKED), CAP) else {
        return Vec::new();
    };
    let mut take = Take::new(&capped.bytes);
    let mut stamps = Vec::new();
    // A damaged one trusts nothing beyond where it is damaged: those files are checked.
    while !take.is_empty() {
        let Ok(name) = take.str() else { break };
        let Ok(stamp) = FileStamp::take(&mut take) else {
            break;
        };
        stamps.push((name.to_string(), stamp));
    }
    stamps
}

/// True when the file `name`, whose stamp is now `stamp`, was found whole with this stamp.
pub(crate) fn trusted(folder: &Folder, name: &str, stamp: &FileStamp) -> bool {
    read(folder)
        .iter()
        .any(|(kept, kept_stamp)| kept == name && kept_stamp == stamp)
}

/// Notes that the file `name` was found whole with `stamp`, if it has not changed lately
/// (before `now`, in nanoseconds since 1970). Nothing is lost if this cannot be written (a
/// read-only store): it is checked again.
pub(crate) fn remember(folder: &Folder, name: &str, stamp: FileStamp, now: i64) {
    if stamp.racy(now) {
        return;
    }
    let mut stamps = read(folder);
    stamps.retain(|(kept, _)| kept != name);
    stamps.push((name.to_string(), stamp));
    let mut out = Put::default();
    for (name, stamp) in &stamps {
        out.slice(name.as_bytes());
        stamp.put(&mut out);
    }
    let _ = folder.replace(OsStr::new(CHECKED), &out.bytes);
}
