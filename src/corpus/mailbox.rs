//! Mailboxes (`mbox`, named on the command line as JSON Lines files are): one document per
//! message, known as a record is, by where it starts in the file (`archive.mbox:120`) and its
//! length. Listing reads the file in chunks that end between messages and parses only each
//! message's headers (subject as title, `Date:`, the sender and recipients for
//! `--group-by`); reading a message takes its bytes again and extracts it as an `.eml`.

use super::extract::{Extracted, Format, email, extract_bytes};
use super::read::{self, Reach};
use super::title::cut_at_word;
use super::walk::Skipped;
use super::{DocMeta, RecordAt};
use crate::text::sanitize::sanitize_line;
use mail_parser::MessageParser;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Messages are handed out in chunks of about this size (a message longer is one chunk).
const CHUNK: usize = 8 << 20;

/// Whether `path` is a mailbox file (`.mbox`, `.mbx`).
pub(crate) fn is_mbox(path: &Path) -> bool {
    named_mbox(path) && path.is_file()
}

/// Whether `path`'s name says it is a mailbox: what tells a message from a JSON record.
pub(crate) fn named_mbox(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_ascii_lowercase());
    matches!(
        extension.as_ref().and_then(|e| e.to_str()),
        Some("mbox" | "mbx")
    )
}

/// Whole messages of a mailbox, from byte `offset` (line `line`).
pub(crate) struct Messages {
    pub bytes: Vec<u8>,
    pub offset: u64,
    pub line: u64,
}

/// Reads the mailbox at `path` in chunks of whole messages, handed to `give` in order (false:
/// nothing more is wanted, and false is returned); what cannot be read is told to `skip`.
pub(crate) fn each_chunk(
    path: &Path,
    skip: impl Fn(String),
    mut give: impl FnMut(Messages) -> bool,
) -> bool {
    let mut file = match read::open_document(path, Reach::Following) {
        Ok((file, _)) => file,
        Err(error) => {
            skip(error.to_string());
            return true;
        }
    };
    let (mut offset, mut line) = (0u64, 1u64);
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let before = pending.len();
        let read = match (&mut file).take(CHUNK as u64).read_to_end(&mut pending) {
            Ok(read) => read,
            Err(error) => {
                skip(error.to_string());
                return true;
            }
        };
        let at_end = read == 0;
        // Cut before the last message that starts in what was read (it may go on).
        let cut = match at_end {
            true => pending.len(),
            false => match last_start(&pending, before.saturating_sub(7)) {
                Some(start) if start > 0 => start,
                _ => continue,
            },
        };
        if cut > 0 {
            let rest = pending.split_off(cut);
            let bytes = std::mem::replace(&mut pending, rest);
            let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64;
            let chunk = Messages {
                bytes,
                offset,
                line,
            };
            offset += cut as u64;
            line += lines;
            if !give(chunk) {
                return false;
            }
        }
        if at_end {
            return true;
        }
    }
}

/// Where the last message starting at or after byte `from` of `bytes` starts: a `From ` line
/// at the start, or after a blank line.
fn last_start(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::rfind_iter(&bytes[from..], b"\n\nFrom ")
        .next()
        .map(|at| from + at + 2)
}

/// Where each message of a chunk starts (relative to it).
fn starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts: Vec<usize> = memchr::memmem::find_iter(bytes, b"\n\nFrom ")
        .map(|at| at + 2)
        .collect();
    // A chunk starts where a message does.
    if !bytes.is_empty() {
        starts.insert(0, 0);
    }
    starts
}

/// Lists the messages of a chunk: each one's subject, date and the field `group` (`from`,
/// `to`, `cc`), by its headers alone.
pub(crate) fn describe_messages(
    file: &Arc<Path>,
    chunk: &Messages,
    group: Option<&str>,
    docs: &mut Vec<DocMeta>,
    skipped: &mut Vec<Skipped>,
) {
    let starts = starts(&chunk.bytes);
    let mut line = chunk.line;
    let mut counted = 0;
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(chunk.bytes.len());
        line += memchr::memchr_iter(b'\n', &chunk.bytes[counted..start]).count() as u64;
        counted = start;
        let message = &chunk.bytes[start..end];
        let place = RecordAt {
            offset: chunk.offset + start as u64,
            line,
        };
        match listing(file, message, place, group) {
            Ok(doc) => docs.push(doc),
            Err(reason) => skipped.push(Skipped {
                path: format!("{}:{line}", file.display()).into(),
                reason,
            }),
        }
    }
}

/// A message's listing, from its headers.
fn listing(
    file: &Arc<Path>,
    message: &[u8],
    place: RecordAt,
    group: Option<&str>,
) -> Result<DocMeta, String> {
    let body = without_envelope(message);
    let head_end = memchr::memmem::find(body, b"\n\n")
        .or_else(|| memchr::memmem::find(body, b"\r\n\r\n"))
        .map_or(body.len(), |at| at + 2);
    let head = &body[..head_end.min(256 << 10)];
    let parsed = MessageParser::default()
        .parse_headers(head)
        .ok_or("not an e-mail message (no headers)")?;
    let said = email::headers(&parsed);
    // Cut as a title taken from text is.
    let title = said
        .title
        .as_deref()
        .map_or("(no subject)".into(), cut_at_word);
    Ok(DocMeta {
        path: Arc::clone(file),
        title: sanitize_line(&title).into_boxed_str(),
        date: said.date.clone().map(String::into_boxed_str),
        group: group
            .and_then(|key| said.field(key))
            .map(|value| sanitize_line(value).into_boxed_str()),
        size: message.len() as u64,
        record: Some(place),
        modified: 0,
        reach: Reach::Following,
        stored: None,
    })
}

/// A message without the mailbox's `From ` line before its headers.
fn without_envelope(message: &[u8]) -> &[u8] {
    match message.starts_with(b"From ") {
        true => memchr::memchr(b'\n', message).map_or(&[], |newline| &message[newline + 1..]),
        false => message,
    }
}

/// The message at `place` (of `size` bytes) in the mailbox at `path`, extracted.
pub(crate) fn read_message(path: &Path, place: RecordAt, size: u64) -> std::io::Result<Extracted> {
    let (file, _) = read::open_document(path, Reach::Following)?;
    let bytes = read::read_range(&file, place.offset..place.offset + size)?;
    extract_bytes(without_envelope(&bytes), Format::Email).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_found_between_blank_lines() {
        let mailbox =
            b"From a@b Mon Jan 1 00:00:00 2021\nSubject: One\n\nBody\nFrom here on, text.\n\n\
From c@d Tue Jan 2 00:00:00 2021\nSubject: Two\nFrom: C <C@D.org>\n\nSecond\n";
        let chunk = Messages {
            bytes: mailbox.to_vec(),
            offset: 10,
            line: 1,
        };
        let (mut docs, mut skipped) = (Vec::new(), Vec::new());
        let file: Arc<Path> = Path::new("box.mbox").into();
        describe_messages(&file, &chunk, Some("from"), &mut docs, &mut skipped);
        let listed: Vec<(&str, u64, Option<&str>)> = docs
            .iter()
            .map(|doc| {
                (
                    &*doc.title,
                    doc.record.map_or(0, |r| r.line),
                    doc.group.as_deref(),
                )
            })
            .collect();
        assert_eq!(listed, vec![("One", 1, None), ("Two", 7, Some("c@d.org"))]);
        assert_eq!(docs[1].record.map(|r| r.offset), Some(10 + 73));
        assert!(skipped.is_empty());
    }
}
