//! Reading a record again from its line: its text (its title field's value, a blank line, then
//! its text field's, so that searching a record finds what its title says, as searching a file
//! finds its first line), and its other fields as `name: value` for the reader's header.

use super::RecordFields;
use crate::corpus::RecordAt;
use crate::corpus::title::cut_at_word;
use std::path::Path;

/// A record as the reader shows it: its text, and its other scalar fields as `name: value`.
pub struct Record {
    pub text: String,
    pub metadata: Vec<String>,
}

/// The longest record: a longer line is skipped when listing, and never read.
pub const RECORD_BYTES: usize = 64 << 20;

/// Reads the record at `place` in the file at `path` again, for the reader.
pub fn read_record(
    path: &Path,
    place: RecordAt,
    length: u64,
    fields: &RecordFields,
) -> std::io::Result<Record> {
    // The JSON Lines file is the path the user gave: a link there is the user's.
    let file = crate::corpus::read::open_document(path, crate::corpus::read::Reach::Following)?.0;
    // The listing knows the line's length (a BOM on line 1 and its line break aside): one read
    // takes it all unless the file changed, and then the reading goes on until the line ends.
    let mut want = (length + 4).min(RECORD_BYTES as u64);
    let mut bytes: Vec<u8> = Vec::new();
    let end = loop {
        let from = bytes.len();
        let at = place.offset + from as u64;
        let more = crate::corpus::read::read_range(&file, at..at + want)?;
        let got = more.len();
        bytes.extend(more);
        if let Some(newline) = memchr::memchr(b'\n', &bytes[from..]) {
            break from + newline;
        }
        if got == 0 || bytes.len() >= RECORD_BYTES {
            break bytes.len();
        }
        want = (want * 2).min((RECORD_BYTES - bytes.len()) as u64);
    };
    let line = &bytes[..end];
    let line = match place.offset {
        0 => line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line),
        _ => line,
    };
    let head = super::parse(line, fields, true)
        .map_err(|why| std::io::Error::other(format!("line {}: {why}", place.line)))?;
    let body = head.text.as_deref().unwrap_or("");
    let text = match head.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => format!("{title}\n\n{body}"),
        _ => body.to_string(),
    };
    let metadata = head
        .other
        .iter()
        .map(|(name, value)| format!("{name}: {}", cut_at_word(value)))
        .collect();
    Ok(Record { text, metadata })
}
