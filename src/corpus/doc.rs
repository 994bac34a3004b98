//! A document as every part reads it: its path, title, date, group, size and place, borrowed
//! from wherever the listing keeps it (a document listed this run, or one read in place from
//! the lasting store's listing), so a corpus of ten million records is not ten million
//! allocations. `Doc` is a small copy; `DocMeta` is the owned form the loader makes.

use super::inputs;
use super::read::{self, Reach};
use super::{DocMeta, RecordAt};
use crate::text::sanitize::{sanitize_line, sanitized};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// One listed document, borrowed: the fields of [`DocMeta`] by reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc<'a> {
    pub path: &'a Arc<Path>,
    /// The title's bytes, UTF-8: checked only when [`Doc::title`] is asked for, as most who
    /// look a document up (a count by folder or month, a place to read) never are.
    pub(crate) title: &'a [u8],
    pub date: Option<&'a str>,
    pub group: Option<&'a str>,
    pub size: u64,
    pub record: Option<RecordAt>,
    pub modified: i64,
    pub reach: Reach,
    pub stored: Option<u32>,
}

impl<'a> Doc<'a> {
    /// The derived title, made safe to show (empty if its bytes were damaged).
    pub fn title(self) -> &'a str {
        simdutf8::basic::from_utf8(self.title).unwrap_or_default()
    }

    /// The document owned, to keep beyond the listing it came from.
    pub fn to_meta(self) -> DocMeta {
        DocMeta {
            path: Arc::clone(self.path),
            title: self.title().into(),
            date: self.date.map(Into::into),
            group: self.group.map(Into::into),
            size: self.size,
            record: self.record,
            modified: self.modified,
            reach: self.reach,
            stored: self.stored,
        }
    }

    /// The file's size and last change when it was listed.
    pub fn stamp(self) -> read::Stamp {
        read::Stamp {
            size: self.size,
            modified: self.modified,
        }
    }

    /// The path made safe to show or print; a record's has its line number: `set.jsonl:12`.
    pub fn display_path(self) -> Cow<'a, str> {
        // Most paths are printable ASCII, shown as they are, without a copy.
        let path = match self.path.to_string_lossy() {
            Cow::Borrowed(path) => sanitized(path),
            Cow::Owned(path) => Cow::Owned(sanitize_line(&path)),
        };
        match self.record {
            Some(record) => Cow::Owned(format!("{path}:{}", record.line)),
            None => path,
        }
    }

    /// The path from the root of the file system (the user's path may be relative), made
    /// safe to show or paste; a record's has its line number. What `y` copies: it still
    /// names the file once pasted in another folder or on another machine's shell.
    pub fn absolute_path(self) -> String {
        let absolute = std::path::absolute(self.path).unwrap_or_else(|_| self.path.to_path_buf());
        let shown = sanitize_line(&absolute.to_string_lossy());
        match self.record {
            Some(record) => format!("{shown}:{}", record.line),
            None => shown,
        }
    }

    /// What names the document from one run to the next (its remembered place and mark):
    /// the absolute path as text, and a record's line.
    pub fn key(self) -> String {
        let absolute = std::path::absolute(self.path).unwrap_or_else(|_| self.path.to_path_buf());
        let path = absolute.to_string_lossy();
        match self.record {
            Some(record) => format!("{path}:{}", record.line),
            None => path.into_owned(),
        }
    }

    /// The folder it is in, relative to the user's path `root` (`.` for the top), made safe
    /// to show.
    pub fn folder(self, root: &Path) -> String {
        let folder = self
            .path
            .parent()
            .and_then(|parent| parent.strip_prefix(root).ok())
            // Listed paths are often `./a/x.txt`: the folder is `a`.
            .map(|relative| inputs::plain(relative).to_string_lossy().into_owned())
            .unwrap_or_default();
        if folder.is_empty() {
            ".".to_string()
        } else {
            sanitize_line(&folder)
        }
    }
}
