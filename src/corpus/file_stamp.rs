//! A file's stamp: what a `stat` says of it (device, inode, size, last change of its contents
//! and of its inode), compared to tell whether it changed since it was listed or checked —
//! the lasting store's listing and its checked files both trust a file by it.

use super::bytes::{Put, Take};
use super::read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// How lately before the listing is written a file may have changed and still be trusted
/// by its stamp next time: two seconds, more than any file system's clock tick but FAT's.
pub(super) const RACY_NANOS: i64 = 2_000_000_000;

/// A file as it was when listed: what a `stat` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub(super) device: u64,
    pub(super) inode: u64,
    pub(super) size: u64,
    pub(super) modified: i64,
    /// The inode's last change (ctime): a time set back (`cp -p`, `touch -d`, `tar`) or a
    /// change of permissions changes it, and no one can set it.
    pub(super) changed: i64,
}

impl FileStamp {
    /// Whether both are stamps of the same file (device and inode), changed or not.
    pub(crate) fn same_file(&self, other: &FileStamp) -> bool {
        self.device == other.device && self.inode == other.inode
    }

    /// The file at `path` now (links followed, as documents are read), or None.
    pub(crate) fn now(path: &Path) -> Option<FileStamp> {
        let metadata = std::fs::metadata(path).ok()?;
        metadata.is_file().then(|| FileStamp::of(&metadata))
    }

    /// The stamp of a file whose metadata is `metadata`.
    pub(crate) fn of(metadata: &std::fs::Metadata) -> FileStamp {
        FileStamp {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.len(),
            modified: read::modified(metadata),
            changed: metadata
                .ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(metadata.ctime_nsec()),
        }
    }

    /// Changed (its contents or its inode) within [`RACY_NANOS`] of `now`: a change to come
    /// might leave the same stamp, so it cannot yet be trusted by it.
    pub(crate) fn racy(&self, now: i64) -> bool {
        self.modified.max(self.changed) >= now.saturating_sub(RACY_NANOS)
    }

    pub(crate) fn put(&self, out: &mut Put) {
        out.u64(self.device);
        out.u64(self.inode);
        out.u64(self.size);
        out.i64(self.modified);
        out.i64(self.changed);
    }

    pub(crate) fn take(take: &mut Take) -> Result<FileStamp, String> {
        Ok(FileStamp {
            device: take.u64()?,
            inode: take.u64()?,
            size: take.u64()?,
            modified: take.i64()?,
            changed: take.i64()?,
        })
    }
}
