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

/// Bytes in one record's entry: offset, line, size and heap start (`u64`s), then the title's
/// length (`u16`: titles are at most 200 characters), the date's (`u8`), a spare byte, and
/// the group's (`u32`).
const ENTRY: usize = 40;
/// The length that says a date or group is absent.
const NO_DATE: u8 = u8::MAX;
const NO_GROUP: u32 = u32::MAX;

/// Where one file's kept records are in the listing's bytes.
#[derive(Clone, Debug)]
pub(crate) struct KeptTable {
    table: Range<usize>,
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
        let heap = region("heap")?;
        let count = usize::try_from(count).map_err(|_| "count")?;
        if table.len() != count.saturating_mul(ENTRY) {
            return Err(format!(
                "a table of {} bytes for {count} records",
                table.len()
            ));
        }
        Ok(KeptTable {
            table,
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

/// Writes the records `docs` (one file's, in order, the first at position `first_stored`)
/// as [`KeptTable::take`] reads them.
pub(crate) fn put<'a>(out: &mut Put, first_stored: u32, docs: impl Iterator<Item = Doc<'a>>) {
    let mut table = Vec::new();
    let mut heap = Vec::new();
    for doc in docs {
        let record = doc.record.unwrap_or(RecordAt { offset: 0, line: 0 });
        // A title is cut at 200 characters when made; a date is ten bytes; longer ones (a
        // bug) are cut at a character's edge rather than kept wrong.
        let title = cut(doc.title, usize::from(u16::MAX));
        let date = doc.date.map(|date| cut(date, usize::from(NO_DATE - 1)));
        let group = doc.group.map(|group| cut(group, (NO_GROUP - 1) as usize));
        for number in [record.offset, record.line, doc.size, heap.len() as u64] {
            table.extend_from_slice(&number.to_le_bytes());
        }
        table.extend_from_slice(&(title.len() as u16).to_le_bytes());
        table.push(date.map_or(NO_DATE, |date| date.len() as u8));
        table.push(0);
        table.extend_from_slice(
            &group
                .map_or(NO_GROUP, |group| group.len() as u32)
                .to_le_bytes(),
        );
        for text in [Some(title), date, group].into_iter().flatten() {
            heap.extend_from_slice(text.as_bytes());
        }
    }
    out.u32(first_stored);
    out.slice(&table);
    out.slice(&heap);
}

/// The position of a file's record `index` whose first record was at `first`.
fn stored_at(first: u32, index: usize) -> Option<u32> {
    u32::try_from(index)
        .ok()
        .and_then(|index| first.checked_add(index))
}

/// `text` cut to at most `limit` bytes at a character's edge.
fn cut(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
    pub fn get(&self, index: usize) -> Option<Doc<'_>> {
        if index >= self.table.count {
            return None;
        }
        let at = self.table.table.start + index * ENTRY;
        let entry = self.map.get(at..at + ENTRY)?;
        let number = |from: usize| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&entry[from..from + 8]);
            u64::from_le_bytes(bytes)
        };
        let title_len = usize::from(u16::from_le_bytes([entry[32], entry[33]]));
        let date_len = entry[34];
        let group_len = u32::from_le_bytes([entry[36], entry[37], entry[38], entry[39]]);
        let heap = self.map.get(self.table.heap.clone())?;
        let mut from = usize::try_from(number(24)).unwrap_or(usize::MAX);
        let mut text = |length: usize| {
            let end = from.saturating_add(length);
            let bytes = heap.get(from..end).unwrap_or_default();
            from = end;
            simdutf8::basic::from_utf8(bytes).unwrap_or_default()
        };
        let title = text(title_len);
        let date = (date_len != NO_DATE).then(|| text(usize::from(date_len)));
        let group = (group_len != NO_GROUP).then(|| text(group_len as usize));
        Some(Doc {
            path: &self.path,
            title,
            date,
            group,
            size: number(16),
            record: Some(RecordAt {
                offset: number(0),
                line: number(8),
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
        let made: Vec<DocMeta> = (0..50u64)
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
                    offset: 1000 * n,
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
        assert_eq!(kept.len(), 50);
        for (n, (read, made)) in kept.iter().zip(&made).enumerate() {
            let expected = Doc {
                stored: Some(40 + n as u32),
                ..made.doc()
            };
            assert_eq!(read, expected);
        }
        assert!(kept.get(50).is_none());
        // A table whose size does not match its count is damaged.
        let mut take = Take::new(&map[8..]);
        assert!(KeptTable::take(&mut take, 8, 51).is_err());
        Ok(())
    }
}
