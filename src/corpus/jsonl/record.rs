//! Reading a record again from its line: its text (its title field's value, a blank line, then
//! its text field's, so that searching a record finds what its title says, as searching a file
//! finds its first line), and its other fields as `name: value` for the reader's header.

use super::RecordFields;
use crate::corpus::RecordAt;
use crate::corpus::title::cut_at_word;
use std::path::Path;

/// A record as the reader shows it: its text, and its other scalar fields as `name: value`.
pub(crate) struct Record {
    pub text: String,
    pub metadata: Vec<String>,
}

/// The longest record: a longer line is skipped when listing, and never read.
pub(crate) const RECORD_BYTES: usize = 64 << 20;

/// Reads the record at `place` in the file at `path` again, for the reader.
pub(crate) fn read_record(
    path: &Path,
    place: RecordAt,
    length: u64,
    fields: &RecordFields,
) -> std::io::Result<Record> {
    with_line(path, place, length, |line| record_of(line, place, fields))?
}

/// The text of the record at `place` (its title field's value, a blank line, its text
/// field's), as the search reads it: the record's other fields are not looked at.
pub(crate) fn record_text(
    path: &Path,
    place: RecordAt,
    length: u64,
    fields: &RecordFields,
) -> std::io::Result<String> {
    with_line(path, place, length, |line| {
        let head = super::parse(line, fields, false)
            .map_err(|why| std::io::Error::other(format!("line {}: {why}", place.line)))?;
        Ok(text_of(&head))
    })?
}

/// Gives `read` the line of the record at `place` (about `length` bytes, as listed), read from
/// a block of the file each thread keeps: records read in order (a search, a concordance,
/// the index) cost a read per MiB, not an open and a read each.
pub(crate) fn with_line<R>(
    path: &Path,
    place: RecordAt,
    length: u64,
    read: impl FnOnce(&[u8]) -> R,
) -> std::io::Result<R> {
    BLOCK.with_borrow_mut(|block| {
        let fresh = block.as_ref().is_some_and(|block| {
            block.path == path && block.read.elapsed() < FRESH && block.holds(place.offset)
        });
        if !fresh {
            let buffer = block.take().map(|old| old.bytes).unwrap_or_default();
            *block = Some(Block::read(path, place.offset, length, buffer)?);
        }
        let Some(kept) = block.as_mut() else {
            return Err(std::io::Error::other("no block"));
        };
        let line = match kept.line_at(place.offset) {
            Some(line) => line,
            None => {
                // The line goes on past the block: read again from the line, bigger.
                let bigger = length.max(kept.bytes.len() as u64 * 2);
                let buffer = std::mem::take(&mut kept.bytes);
                *kept = Block::read(path, place.offset, bigger, buffer)?;
                kept.line_at(place.offset).unwrap_or_default()
            }
        };
        let line = match place.offset {
            0 => line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line),
            _ => line,
        };
        Ok(read(line))
    })
}

/// Gives `read` the lines of the records at `places` (in the file at `path`, in the order of
/// the file) as one span of it, read from the thread's block, with each record's line as a
/// range of the span: a search looks for its terms in the span whole, not record by record.
pub(crate) fn with_lines<R>(
    path: &Path,
    places: &[RecordAt],
    lengths: u64,
    read: impl FnOnce(&[u8], &[std::ops::Range<usize>]) -> R,
) -> std::io::Result<R> {
    let (Some(first), Some(last)) = (places.first(), places.last()) else {
        return Ok(read(&[], &[]));
    };
    if places
        .windows(2)
        .any(|pair| pair[0].offset >= pair[1].offset)
    {
        return Err(std::io::Error::other("records out of order"));
    }
    BLOCK.with_borrow_mut(|block| {
        let holds_all = |block: &Block| {
            block.path == path
                && block.read.elapsed() < FRESH
                && block.holds(first.offset)
                && block.line_at(last.offset).is_some()
        };
        if !block.as_ref().is_some_and(holds_all) {
            // Read from the first record to at least the end of the last, as listed.
            let span = last.offset - first.offset + lengths.max(1);
            let buffer = block.take().map(|old| old.bytes).unwrap_or_default();
            *block = Some(Block::read(path, first.offset, span, buffer)?);
        }
        let Some(kept) = block
            .as_ref()
            .filter(|kept| kept.line_at(last.offset).is_some())
        else {
            return Err(std::io::Error::other(
                "a record changed since it was listed",
            ));
        };
        let from = (first.offset - kept.start) as usize;
        let mut lines = Vec::with_capacity(places.len());
        for place in places {
            let start = (place.offset - kept.start) as usize;
            let line = kept.line_at(place.offset).unwrap_or_default();
            let skip = match place.offset {
                0 if line.starts_with(b"\xEF\xBB\xBF") => 3,
                _ => 0,
            };
            lines.push(start - from + skip..start - from + line.len());
        }
        let end = lines.last().map_or(from, |line| from + line.end);
        Ok(read(&kept.bytes[from..end], &lines))
    })
}

/// Bytes read from a JSON Lines file at a time, at least.
const BLOCK_BYTES: u64 = 1 << 20;

/// How long a block read stays good: records read in one go reuse it; a file changed since
/// (between two openings of a record in the reader) is read again.
const FRESH: std::time::Duration = std::time::Duration::from_secs(1);

thread_local! {
    static BLOCK: std::cell::RefCell<Option<Block>> = const { std::cell::RefCell::new(None) };
}

/// A block of a JSON Lines file, kept by a thread.
struct Block {
    path: std::path::PathBuf,
    start: u64,
    bytes: Vec<u8>,
    /// Whether the file ends at the block's end.
    at_end: bool,
    read: std::time::Instant,
}

impl Block {
    /// Reads the block of the file at `path` that starts at `offset`: at least `BLOCK_BYTES`,
    /// and the `length` of the line there and its line break, up to the longest record.
    /// `bytes` is the buffer to read into (the thread's last block's: a megabyte allocated
    /// and freed for each block cost fresh, zeroed pages from the kernel every time).
    fn read(path: &Path, offset: u64, length: u64, mut bytes: Vec<u8>) -> std::io::Result<Block> {
        // The JSON Lines file is the path the user gave: a link there is the user's.
        let file =
            crate::corpus::read::open_document(path, crate::corpus::read::Reach::Following)?.0;
        let want = (length + 4).max(BLOCK_BYTES).min(RECORD_BYTES as u64 + 4);
        crate::corpus::read::read_range_into(&file, offset..offset + want, &mut bytes)?;
        Ok(Block {
            path: path.to_path_buf(),
            start: offset,
            at_end: (bytes.len() as u64) < want,
            bytes,
            read: std::time::Instant::now(),
        })
    }

    fn holds(&self, offset: u64) -> bool {
        offset >= self.start && offset < self.start + self.bytes.len() as u64
    }

    /// The line that starts at `offset` (without its line break), if the block holds all of
    /// it (or the file ends in it, or it is the longest a record may be).
    fn line_at(&self, offset: u64) -> Option<&[u8]> {
        let from = usize::try_from(offset.checked_sub(self.start)?).ok()?;
        let rest = self.bytes.get(from..)?;
        match memchr::memchr(b'\n', rest) {
            Some(newline) => Some(&rest[..newline]),
            None if self.at_end || rest.len() >= RECORD_BYTES => Some(rest),
            None => None,
        }
    }
}

/// The record parsed from its `line`: its text and its other fields.
fn record_of(line: &[u8], place: RecordAt, fields: &RecordFields) -> std::io::Result<Record> {
    let head = super::parse(line, fields, true)
        .map_err(|why| std::io::Error::other(format!("line {}: {why}", place.line)))?;
    let text = text_of(&head);
    let metadata = head
        .other
        .iter()
        .map(|(name, value)| format!("{name}: {}", cut_at_word(value)))
        .collect();
    Ok(Record { text, metadata })
}

/// A record's text as searched and shown: its title field's value, a blank line, then its text
/// field's (a record whose title alone names something is found, as a file's first line is).
pub(super) fn text_of(head: &super::head::Head) -> String {
    let body = head.text.as_deref().unwrap_or("");
    match head.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => format!("{title}\n\n{body}"),
        _ => body.to_string(),
    }
}
