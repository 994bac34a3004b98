//! A document's text, the one way every part of folio reads it. A document is a file (decoded
//! whole when small, paged when big) or a record of a JSON Lines file (its text field, read
//! again from its line); the store knows which, and where a record keeps its text, so nothing
//! else branches on records or carries the record fields around.

use super::decode::Decoding;
use super::jsonl;
use super::read::{self, Capped, Reach, Stamp};
use super::source::{MEMORY_BYTES, Source};
use super::store::DocStore;
use super::{Doc, RecordAt};
use super::{extracted, mailbox};
use std::io;

/// A document opened for reading: its text, for a record its other fields (`name: value`)
/// for the reader's header, and for a file its size and last change as opened.
pub struct Opened {
    pub source: Source,
    pub metadata: Vec<String>,
    pub stamp: Option<Stamp>,
}

/// What can tell, from a JSON record's line as it is, that it does not occur in the record's
/// text (a search's term; defined where terms are, which this folder may not use).
pub trait MayOccur {
    fn may_occur_in_json(&self, line: &[u8]) -> bool;
    /// The places in `json` (lines of records) where the term may occur in the record
    /// holding the place, in order or not.
    fn json_candidates(&self, json: &[u8]) -> Vec<usize>;
}

/// A piece of a document's text as the `each_piece` functions give it: text, or the bytes of
/// a UTF-8 file, not checked yet (a count of a term goes straight through them; whoever needs
/// the text makes it, a byte that is not UTF-8 shown as U+FFFD).
#[derive(Clone, Copy, Debug)]
pub enum Piece<'a> {
    Text(&'a str),
    Utf8(&'a [u8]),
}

impl<'a> Piece<'a> {
    /// The piece as text.
    pub fn text(&self) -> std::borrow::Cow<'a, str> {
        match *self {
            Piece::Text(text) => std::borrow::Cow::Borrowed(text),
            Piece::Utf8(bytes) => super::decode::utf8_lossy(bytes),
        }
    }

    /// The piece's bytes (as text: the text's; else the file's).
    pub fn bytes(&self) -> &'a [u8] {
        match *self {
            Piece::Text(text) => text.as_bytes(),
            Piece::Utf8(bytes) => bytes,
        }
    }
}

/// The text of a big file is read in pieces of about this size, cut at line breaks.
const PIECE_BYTES: u64 = 8 << 20;

impl DocStore {
    /// Opens document `index` for reading: a file as a [`Source`] (paged when big), a record
    /// as its text in memory with its other fields.
    pub fn open(&self, index: usize) -> io::Result<Opened> {
        let meta = self.at(index);
        match meta.record {
            None => {
                if let Some(extracted) = extracted::text_of(meta.path, meta.reach) {
                    let (extracted, stamp) = extracted?;
                    return Ok(Opened {
                        source: Source::text(&extracted.text),
                        metadata: extracted.header_lines(),
                        stamp: Some(stamp),
                    });
                }
                let (source, stamp) = Source::open(meta.path, meta.reach, self.decoder())?;
                Ok(Opened {
                    source,
                    metadata: Vec::new(),
                    stamp: Some(stamp),
                })
            }
            Some(place) if mailbox::named_mbox(meta.path) => {
                let message = mailbox::read_message(meta.path, place, meta.size)?;
                Ok(Opened {
                    source: Source::text(&message.text),
                    metadata: message.header_lines(),
                    stamp: None,
                })
            }
            Some(place) => {
                let record = jsonl::read_record(meta.path, place, meta.size, self.fields())?;
                Ok(Opened {
                    source: Source::text(&record.text),
                    metadata: record.metadata,
                    stamp: None,
                })
            }
        }
    }

    /// Whether document `index` can be opened as the reader opens it (its file, or a record's
    /// JSON Lines file): Err says why not (a link put in its place or a folder's, a FIFO…).
    pub fn check_readable(&self, index: usize) -> io::Result<()> {
        let meta = self.at(index);
        let reach = match meta.record {
            Some(_) => Reach::Following,
            None => meta.reach,
        };
        read::open_document(meta.path, reach).map(drop)
    }

    /// Document `index`'s file's size and last change now (a `stat`), None for a record or a
    /// file that cannot be looked at: to tell whether what the reader shows is still current.
    pub fn stamp_now(&self, index: usize) -> Option<Stamp> {
        let meta = self.at(index);
        if meta.record.is_some() {
            return None;
        }
        let metadata = match meta.reach {
            Reach::Following => std::fs::metadata(meta.path),
            Reach::Beneath(_) => std::fs::symlink_metadata(meta.path),
        };
        metadata.ok().map(|metadata| Stamp::of(&metadata))
    }

    /// Document `index`'s whole text when it is small enough to hold — a record, or a file of
    /// at most `MEMORY_BYTES` (read with one call) — or None for a bigger file.
    pub fn small_text(&self, index: usize) -> io::Result<Option<String>> {
        let meta = self.at(index);
        if let Some(place) = meta.record {
            return self.record_text(meta, place).map(Some);
        }
        if let Some(extracted) = extracted::text_of(meta.path, meta.reach) {
            return Ok(Some(extracted?.0.text.clone()));
        }
        if meta.size > MEMORY_BYTES as u64 {
            return Ok(None);
        }
        let read = read::read_document(meta.path, meta.reach, MEMORY_BYTES)?;
        Ok((!read.truncated).then(|| self.decoder().decode(&read.bytes, false).into_owned()))
    }

    /// The text of the first `cap` bytes of document `index` (all of a record's).
    pub fn head_text(&self, index: usize, cap: usize) -> io::Result<String> {
        let meta = self.at(index);
        if let Some(place) = meta.record {
            return self.record_text(meta, place);
        }
        if let Some(extracted) = extracted::text_of(meta.path, meta.reach) {
            let text = &extracted?.0.text;
            return Ok(crate::text::cut::at_most(text, cap).to_string());
        }
        let read = read::read_document(meta.path, meta.reach, cap)?;
        Ok(self
            .decoder()
            .decode(&read.bytes, read.truncated)
            .into_owned())
    }

    /// Gives all of document `index`'s text to `piece`, in pieces that end at line breaks: a
    /// small one whole, a big file a few MiB at a time.
    pub fn each_piece(&self, index: usize, mut piece: impl FnMut(Piece)) -> io::Result<()> {
        match self.small_text(index)? {
            Some(text) => {
                piece(Piece::Text(&text));
                Ok(())
            }
            None => {
                let meta = self.at(index);
                each_piece_of(
                    &mut Source::open(meta.path, meta.reach, self.decoder())?.0,
                    piece,
                )
            }
        }
    }

    /// When document `index` is a record in which none of `terms` can occur (looked for in
    /// its line as it is, see `search::text::terms`): its length, counted without parsing it.
    pub fn record_without<T: MayOccur>(
        &self,
        index: usize,
        terms: &[&T],
    ) -> io::Result<Option<u64>> {
        let meta = self.at(index);
        let Some(place) = meta.record.filter(|_| !mailbox::named_mbox(meta.path)) else {
            // A message's text is encoded (base64, quoted-printable): only reading tells.
            return Ok(None);
        };
        jsonl::with_line(meta.path, place, meta.size, |line| {
            let absent = terms.iter().all(|term| !term.may_occur_in_json(line));
            absent.then_some(line.len() as u64)
        })
    }

    /// [`Self::record_without`] for the documents `indices` scanned together: records of one
    /// file in its order are looked at in one span of it, each term looked for once in the
    /// span (a run of short records costs a search, not a search each).
    pub fn records_without<T: MayOccur>(
        &self,
        indices: &[usize],
        terms: &[&T],
    ) -> Vec<Option<u64>> {
        let one_by_one = || {
            let each = |&index: &usize| self.record_without(index, terms).ok().flatten();
            indices.iter().map(each).collect()
        };
        let Some(&first) = indices.first() else {
            return Vec::new();
        };
        let path = self.at(first).path;
        if mailbox::named_mbox(path) {
            return one_by_one();
        }
        let places: Option<Vec<RecordAt>> = indices
            .iter()
            .map(|&index| {
                self.at(index)
                    .record
                    .filter(|_| self.at(index).path == path)
            })
            .collect();
        let Some(places) = places else {
            return one_by_one();
        };
        let last = self.at(*indices.last().unwrap_or(&first)).size;
        let spanned = jsonl::with_lines(path, &places, last, |span, lines| {
            let mut candidates: Vec<usize> = terms
                .iter()
                .flat_map(|term| term.json_candidates(span))
                .collect();
            candidates.sort_unstable();
            let mut candidates = candidates.into_iter().peekable();
            let absent = |line: &std::ops::Range<usize>| {
                while candidates.next_if(|&place| place < line.start).is_some() {}
                let candidate = candidates.peek().is_some_and(|&place| place < line.end);
                (!candidate).then_some(line.len() as u64)
            };
            lines.iter().map(absent).collect()
        });
        spanned.unwrap_or_else(|_| one_by_one())
    }

    fn record_text(&self, meta: Doc<'_>, place: RecordAt) -> io::Result<String> {
        if mailbox::named_mbox(meta.path) {
            return Ok(mailbox::read_message(meta.path, place, meta.size)?.text);
        }
        jsonl::record_text(meta.path, place, meta.size, self.fields())
    }
}

/// Where a piece of a line longer than a piece ends: after the last space or tab in its last
/// 4 KiB, else before the last character that may not be whole (a UTF-8 lead byte and its
/// continuation bytes go to the next piece).
fn cut_in_line(bytes: &[u8]) -> usize {
    let near_end = bytes.len().saturating_sub(4096);
    if let Some(blank) = memchr::memrchr2(b' ', b'\t', &bytes[near_end..]) {
        return near_end + blank + 1;
    }
    // Back over the continuation bytes to the last character's first byte: the character
    // stays whole in this piece, or goes whole to the next.
    let mut lead = bytes.len();
    while lead > 1 && bytes.len() - lead < 3 && bytes[lead - 1] & 0xC0 == 0x80 {
        lead -= 1;
    }
    let lead = lead - 1;
    let width = match bytes[lead] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    match lead + width <= bytes.len() {
        true => bytes.len(),
        false => lead.max(1),
    }
}

/// Gives the text of a file read from its start (`read`, at most [`MEMORY_BYTES`] of it) to
/// `piece`: decoded at once when that was all of it, else paged through as the reader would.
pub(crate) fn each_piece_of_read(
    path: &std::path::Path,
    reach: Reach,
    read: &Capped,
    decoding: Decoding,
    mut piece: impl FnMut(Piece),
) -> io::Result<()> {
    if read.truncated || super::extract::Format::of(path).is_some() {
        return each_piece_of(&mut Source::open(path, reach, decoding)?.0, piece);
    }
    piece(Piece::Text(&decoding.decode(&read.bytes, false)));
    Ok(())
}

/// Gives a source's text to `piece` in pieces that end at line breaks, so no line is cut —
/// but a line longer than a piece, which is cut after a space or tab near the piece's end (so
/// no word is cut either), else between two characters. A piece that does not end in a line
/// break goes on in the next one: whoever counts in pieces counts across the cut (see
/// `search::text::scan`).
fn each_piece_of(source: &mut Source, mut piece: impl FnMut(Piece)) -> io::Result<()> {
    let size = source.size();
    let mut at = 0;
    // One buffer for every piece: only its first fill is cleared.
    let mut bytes = Vec::new();
    while at < size {
        source.read_into(at..at + PIECE_BYTES, &mut bytes)?;
        if bytes.is_empty() {
            break;
        }
        let end = if at + (bytes.len() as u64) < size {
            memchr::memrchr(b'\n', &bytes)
                .map_or_else(|| cut_in_line(&bytes), |newline| newline + 1)
        } else {
            bytes.len()
        };
        match source.utf8_bytes(&bytes[..end], at) {
            Some(utf8) => piece(Piece::Utf8(utf8)),
            None => piece(Piece::Text(&source.decode(&bytes[..end], at))),
        }
        at += end as u64;
    }
    Ok(())
}
