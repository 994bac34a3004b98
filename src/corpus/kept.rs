//! The records of a JSON Lines file as the lasting store keeps them, read in place from its
//! mapped listing: a table of fixed-width entries (place, line, size, and where the title,
//! date and group are in a heap of text after it) that a document is looked up in by its
//! number. Ten million records reopened cost no allocation each and no anonymous memory:
//! their pages are the file's, which the page cache can take back.

use super::bytes::{Put, Take};
use super::read::Reach;
use super::{Doc, RecordAt};
use memmap2::Mmap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Bytes in one record's entry: its line's offset (`u64`), its size and line number (`u32`s:
/// a file with a record or line number past them is not kept, and is read again), where its
/// texts start in the heap from its block's base (`u32`), its title's length (`u16`, the top
/// bit saying a date follows it) and its group's (`u16`, [`NO_GROUP`] for none).
const ENTRY: usize = 24;
/// Entries in a block, which has its heap base (a `u64`) in a table of its own.
const BLOCK: usize = 64;
/// A date is `YYYY-MM-DD`.
const DATE_BYTES: usize = 10;
const HAS_DATE: u16 = 1 << 15;
const NO_GROUP: u16 = u16::MAX;

/// Where one file's kept records are in the listing's bytes.
#[derive(Clone, Debug)]
pub(crate) struct KeptTable {
    table: Range<usize>,
    /// Each block's heap base.
    bases: Range<usize>,
    heap: Range<usize>,
    count: usize,
    /// The position in the corpus of the first of them when the store was written; the
    /// rest follow it (a file's records are listed together).
    first_stored: u32,
}

/// A file's kept records, named as the file is named this run.
#[derive(Clone)]
pub struct KeptRecords {
    map: Arc<Mmap>,
    table: KeptTable,
    path: Arc<Path>,
    reach: Reach,
}

impl std::fmt::Debug for KeptRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeptRecords({} of {:?})", self.table.count, self.path)
    }
}

impl KeptTable {
    /// Reads what [`put`] wrote of a file's `count` records; `base` is where `take`'s bytes
    /// start in the mapped file. The table's size is checked here; each entry's ranges when
    /// it is read (the file's checksum already vouches for them).
    pub(crate) fn take(take: &mut Take, base: usize, count: u64) -> Result<KeptTable, String> {
        let first_stored = take.u32()?;
        let mut region = |what: &str| -> Result<Range<usize>, String> {
            let length = take.u64()?;
            let length = usize::try_from(length).map_err(|_| format!("{what} length"))?;
            let at = base + take.at();
            take.bytes(length)?;
            Ok(at..at + length)
        };
        let table = region("table")?;
        let bases = region("bases")?;
        let heap = region("heap")?;
        let count = usize::try_from(count).map_err(|_| "count")?;
        if table.len() != count.saturating_mul(ENTRY)
            || bases.len() != count.div_ceil(BLOCK).saturating_mul(8)
        {
            return Err(format!(
                "a table of {} bytes and {} of bases for {count} records",
                table.len(),
                bases.len()
            ));
        }
        Ok(KeptTable {
            table,
            bases,
            heap,
            count,
            first_stored,
        })
    }

    /// The records in `map` named `path` (reached as `reach`).
    pub(crate) fn records(&self, map: &Arc<Mmap>, path: Arc<Path>, reach: Reach) -> KeptRecords {
        KeptRecords {
            map: Arc::clone(map),
            table: self.clone(),
            path,
            reach,
        }
    }
}

/// True when the record `doc` can be kept in an entry (its size and line number fit).
pub(crate) fn fits(doc: Doc) -> bool {
    let record = doc.record.unwrap_or(RecordAt { offset: 0, line: 0 });
    u32::try_from(doc.size).is_ok() && u32::try_from(record.line).is_ok()
}

/// Writes the records `docs` (one file's, in order, the first at position `first_stored`,
/// each one that [`fits`]) as [`KeptTable::take`] reads them.
pub(crate) fn put<'a>(out: &mut Put, first_stored: u32, docs: impl Iterator<Item = Doc<'a>>) {
    let mut table = Vec::new();
    let mut bases = Vec::new();
    let mut heap = Vec::new();
    let mut base = 0;
    for (n, doc) in docs.enumerate() {
        if n % BLOCK == 0 {
            base = heap.len();
            bases.extend_from_slice(&(base as u64).to_le_bytes());
        }
        let record = doc.record.unwrap_or(RecordAt { offset: 0, line: 0 });
        // A title is cut at 200 characters when made, a date is ten bytes; a longer one (a
        // bug) is cut at a character's edge, or left out, rather than kept wrong.
        let title = crate::text::cut::at_most(doc.title(), usize::from(!HAS_DATE));
        let date = doc.date.filter(|date| date.len() == DATE_BYTES);
        let group = doc
            .group
            .map(|group| crate::text::cut::at_most(group, usize::from(NO_GROUP - 1)));
        table.extend_from_slice(&record.offset.to_le_bytes());
        let size = u32::try_from(doc.size).unwrap_or(u32::MAX);
        table.extend_from_slice(&size.to_le_bytes());
        let line = u32::try_from(record.line).unwrap_or(u32::MAX);
        table.extend_from_slice(&line.to_le_bytes());
        table.extend_from_slice(&((heap.len() - base) as u32).to_le_bytes());
        let flag = if date.is_some() { HAS_DATE } else { 0 };
        table.extend_from_slice(&(title.len() as u16 | flag).to_le_bytes());
        let group_len = group.map_or(NO_GROUP, |group| group.len() as u16);
        table.extend_from_slice(&group_len.to_le_bytes());
        for text in [Some(title), date, group].into_iter().flatten() {
            heap.extend_from_slice(text.as_bytes());
        }
    }
    out.u32(first_stored);
    out.slice(&table);
    out.slice(&bases);
    out.slice(&heap);
}

/// The position of a file's record `index` whose first record was at `first`.
fn stored_at(first: u32, index: usize) -> Option<u32> {
    u32::try_from(index)
        .ok()
        .and_then(|index| first.checked_add(index))
}

impl KeptRecords {
    pub fn len(&self) -> usize {
        self.table.count
    }

    pub fn is_empty(&self) -> bool {
        self.table.count == 0
    }

    /// Record `index` of the file; None past the end. (The table's size was checked when
    /// read; a heap range out of bounds, which the checksum rules out, gives empty text
    /// rather than a panic.)
    /// The file its records are in.
    pub(crate) fn path(&self) -> &Arc<Path> {
        &self.path
    }

    pub fn get(&self, index: usize) -> Option<Doc<'_>> {
        if index >= self.table.count {
            return None;
        }
        let at = self.table.table.start + index * ENTRY;
        let entry = self.map.get(at..at + ENTRY)?;
        let word = |from: usize| {
            u32::from_le_bytes([
                entry[from],
                entry[from + 1],
                entry[from + 2],
                entry[from + 3],
            ])
        };
        let half = |from: usize| u16::from_le_bytes([entry[from], entry[from + 1]]);
        let mut offset = [0u8; 8];
        offset.copy_from_slice(&entry[..8]);
        let block = self.table.bases.start + index / BLOCK * 8;
        let mut base = [0u8; 8];
        base.copy_from_slice(self.map.get(block..block + 8)?);
        let heap = self.map.get(self.table.heap.clone())?;
        let mut from = usize::try_from(u64::from_le_bytes(base))
            .unwrap_or(usize::MAX)
            .saturating_add(word(16) as usize);
        let mut bytes = |length: usize| {
            let end = from.saturating_add(length);
            let bytes = heap.get(from..end).unwrap_or_default();
            from = end;
            bytes
        };
        let (title_len, group_len) = (half(20), half(22));
        // The title is checked to be UTF-8 when it is asked for; a date and a group now.
        let title = bytes(usize::from(title_len & !HAS_DATE));
        let mut text =
            |length: usize| simdutf8::basic::from_utf8(bytes(length)).unwrap_or_default();
        let date = (title_len & HAS_DATE != 0).then(|| text(DATE_BYTES));
        let group = (group_len != NO_GROUP).then(|| text(usize::from(group_len)));
        Some(Doc {
            path: &self.path,
            title,
            date,
            group,
            size: u64::from(word(8)),
            record: Some(RecordAt {
                offset: u64::from_le_bytes(offset),
                line: u64::from(word(12)),
            }),
            modified: 0,
            reach: self.reach,
            stored: stored_at(self.table.first_stored, index),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = Doc<'_>> {
        (0..self.table.count).map_while(|index| self.get(index))
    }

    /// The positions they had when the store was written, in order: as [`Doc::stored`],
    /// without reading each entry.
    pub fn stored(&self) -> impl Iterator<Item = Option<u32>> + use<> {
        let first = self.table.first_stored;
        (0..self.table.count).map(move |index| stored_at(first, index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;

    #[test]
    fn records_read_in_place_are_the_records_kept() -> Result<(), Box<dyn std::error::Error>> {
        let path: Arc<Path> = Path::new("/corpus/set.jsonl").into();
        let made: Vec<DocMeta> = (0..150u64)
            .map(|n| DocMeta {
                path: Arc::clone(&path),
                title: format!("Ünïcode £ title {n}").into(),
                date: (n % 3 == 0).then(|| format!("2004-01-{:02}", n % 28 + 1).into()),
                group: match n % 4 {
                    0 => None,
                    1 => Some("".into()),
                    _ => Some(format!("topic {n}").into()),
                },
                size: 100 + n,
                record: Some(RecordAt {
                    offset: (1 << 33) + 1000 * n,
                    line: 2 * n + 1,
                }),
                modified: 0,
                reach: Reach::Beneath(2),
                stored: None,
            })
            .collect();
        let mut out = Put::default();
        out.u64(7); // something before, as in a listing
        put(&mut out, 40, made.iter().map(DocMeta::doc));
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("listing");
        std::fs::write(&file, &out.bytes)?;
        // SAFETY: a file of this test's own, not changed while mapped.
        let map = Arc::new(unsafe { Mmap::map(&std::fs::File::open(&file)?)? });
        let mut take = Take::new(&map[8..]);
        let table = KeptTable::take(&mut take, 8, made.len() as u64)?;
        assert!(take.is_empty());
        let kept = table.records(&map, Arc::clone(&path), Reach::Beneath(2));
        assert_eq!(kept.len(), 150);
        for (n, (read, made)) in kept.iter().zip(&made).enumerate() {
            let expected = Doc {
                stored: Some(40 + n as u32),
                ..made.doc()
            };
            assert_eq!(read, expected);
        }
        assert!(kept.get(150).is_none());
        // A table whose size does not match its count is damaged.
        let mut take = Take::new(&map[8..]);
        assert!(KeptTable::take(&mut take, 8, 151).is_err());
        // A record of 4 GiB or more does not fit an entry: its file is read again instead.
        assert!(fits(made[0].doc()));
        let huge = DocMeta {
            size: 1 << 32,
            ..made[0].clone()
        };
        assert!(!fits(huge.doc()));
        Ok(())
    }
}
