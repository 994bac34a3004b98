//! Where the reader's text comes from: a small document decoded whole into memory, or a big
//! file read a block at a time, so memory stays bounded whatever the file's size.

use crate::corpus::decode::{self, Decoding, TextEncoding};
use crate::corpus::read::{self, Reach, Stamp};
use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Files up to this size are read and decoded whole when opened (a few milliseconds); bigger
/// ones are paged from disk.
pub const MEMORY_BYTES: usize = 1 << 20;

/// UTF-16 cannot be paged by byte offsets with line breaks found bytewise, so a big UTF-16 file
/// is decoded into memory up to this size.
const UTF16_BYTES: usize = 16 << 20;

/// The unit of reading and caching a paged file.
const BLOCK_BYTES: u64 = 64 * 1024;

/// Blocks kept around the view (4 MiB): enough for scrolling back and forth without rereading.
const CACHED_BLOCKS: usize = 64;

/// A document's text as bytes addressed by offset, with how to decode them.
pub struct Source {
    kind: Kind,
    size: u64,
    /// Where the text's page breaks are (a PDF's, see `extract::pages`); empty for most.
    pages: Arc<[u64]>,
}

enum Kind {
    /// UTF-8 text held whole.
    Memory(Arc<str>),
    /// A file paged through a block cache, in an ASCII-compatible encoding.
    File {
        blocks: Blocks,
        encoding: TextEncoding,
    },
}

impl Source {
    /// Opens the listed document at `path` (refusing FIFOs, devices, files swapped while being
    /// opened, and a link put in its place unless `follow_link`, see [`read::open_document`])
    /// for reading; with the file's size and last change as opened.
    pub fn open(path: &Path, reach: Reach, decoding: Decoding) -> io::Result<(Source, Stamp)> {
        if let Some(extracted) = super::extracted::text_of(path, reach) {
            let (extracted, stamp) = extracted?;
            return Ok((Source::text(&extracted.text), stamp));
        }
        let (file, opened) = read::open_document(path, reach)?;
        let stamp = Stamp::of(&opened);
        if opened.len() <= MEMORY_BYTES as u64 {
            let capped = read::read_opened(&file, &opened, MEMORY_BYTES)?;
            if !capped.truncated {
                return Ok((Source::text(&decoding.decode(&capped.bytes, false)), stamp));
            }
            // It grew past the limit since it was checked: page it after all.
        }
        Ok((Source::open_paged(file, decoding)?, stamp))
    }

    /// A big file: paged, unless it is UTF-16, which is read into memory up to a limit.
    fn open_paged(file: File, decoding: Decoding) -> io::Result<Source> {
        let size = file.metadata()?.len();
        let head = read::read_range(&file, 0..decode::DETECT_BYTES as u64)?;
        match decoding.detect(&head, head.len() as u64 == size) {
            TextEncoding::Utf16 { .. } => {
                // By offset: the file's position may be past a first read already.
                let mut bytes = read::read_range(&file, 0..UTF16_BYTES as u64 + 1)?;
                let truncated = bytes.len() > UTF16_BYTES;
                bytes.truncate(UTF16_BYTES);
                let mut text = decoding.decode(&bytes, truncated).into_owned();
                if truncated {
                    text.push_str(&format!(
                        "\n[only the first {} MiB of this UTF-16 file are shown]",
                        UTF16_BYTES >> 20
                    ));
                }
                Ok(Source::text(&text))
            }
            encoding => Ok(Source {
                kind: Kind::File {
                    blocks: Blocks::new(file),
                    encoding,
                },
                size,
                pages: Arc::new([]),
            }),
        }
    }

    /// The text of a file whose start (or all) was read as `read`: decoded at once when that
    /// was all of it, else opened to be paged (or extracted, for a PDF…).
    pub fn of_read(
        path: &Path,
        reach: Reach,
        read: &read::Capped,
        decoding: Decoding,
    ) -> io::Result<Source> {
        match read.truncated || super::extract::Format::of(path).is_some() {
            false => Ok(Source::text(&decoding.decode(&read.bytes, false))),
            true => Ok(Source::open(path, reach, decoding)?.0),
        }
    }

    /// A text already in memory.
    pub fn text(text: &str) -> Source {
        Source {
            size: text.len() as u64,
            pages: super::extract::page_breaks(text).into(),
            kind: Kind::Memory(text.into()),
        }
    }

    /// The page byte `at` is on, for a text in pages (a PDF's).
    pub fn page_at(&self, at: u64) -> Option<u32> {
        super::extract::page_at(&self.pages, at)
    }

    /// The page whose break line starts at `start`, if one does.
    pub fn page_starting(&self, start: u64) -> Option<u32> {
        let page = self.pages.binary_search(&start).ok()?;
        u32::try_from(page + 1).ok()
    }

    /// A second handle on the same text with its own cache, for a background reader.
    pub fn try_clone(&self) -> io::Result<Source> {
        let kind = match &self.kind {
            Kind::Memory(text) => Kind::Memory(Arc::clone(text)),
            Kind::File { blocks, encoding } => Kind::File {
                blocks: Blocks::new(blocks.file.try_clone()?),
                encoding: *encoding,
            },
        };
        Ok(Source {
            kind,
            size: self.size,
            pages: Arc::clone(&self.pages),
        })
    }

    /// The text's length in bytes (for a file, its size when opened).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The whole text, when it is held in memory.
    pub fn memory_text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Memory(text) => Some(text),
            Kind::File { .. } => None,
        }
    }

    /// True when the whole text is in memory.
    pub fn in_memory(&self) -> bool {
        matches!(self.kind, Kind::Memory(_))
    }

    /// True when cuts inside long lines must avoid splitting a UTF-8 sequence.
    pub fn is_utf8(&self) -> bool {
        match &self.kind {
            Kind::Memory(_) => true,
            Kind::File { encoding, .. } => matches!(encoding, TextEncoding::Utf8 { .. }),
        }
    }

    /// Puts the bytes in `range` into `buffer`, clipped to the text (fewer when a file shrank
    /// since it was opened), straight from the file and past the block cache, from any
    /// thread: a search reads its stretches on every core. The buffer is reused: only memory
    /// it did not hold yet is cleared before it is read into.
    pub fn read_into(&self, range: Range<u64>, buffer: &mut Vec<u8>) -> io::Result<()> {
        let end = range.end.min(self.size);
        let start = range.start.min(end);
        match &self.kind {
            Kind::Memory(text) => {
                buffer.clear();
                buffer.extend_from_slice(&text.as_bytes()[start as usize..end as usize]);
                Ok(())
            }
            Kind::File { blocks, .. } => read::read_range_into(&blocks.file, start..end, buffer),
        }
    }

    /// The bytes in `range`, clipped to the text; fewer when a file shrank since it was opened.
    pub fn bytes(&mut self, range: Range<u64>) -> io::Result<Cow<'_, [u8]>> {
        let end = range.end.min(self.size);
        let start = range.start.min(end);
        match &mut self.kind {
            Kind::Memory(text) => Ok(Cow::Borrowed(
                &text.as_bytes()[start as usize..end as usize],
            )),
            Kind::File { blocks, .. } => blocks.read(start..end).map(Cow::Owned),
        }
    }

    /// The bytes of a stretch of a UTF-8 file that starts at offset `start`, as they are (the
    /// byte-order mark left out), for whoever takes them as UTF-8 themselves; None for text
    /// in another encoding, which must be decoded.
    pub fn utf8_bytes<'a>(&self, bytes: &'a [u8], start: u64) -> Option<&'a [u8]> {
        match &self.kind {
            Kind::File {
                encoding: TextEncoding::Utf8 { bom },
                ..
            } => {
                let skip = if *bom && start == 0 { 3 } else { 0 };
                Some(bytes.get(skip..).unwrap_or_default())
            }
            _ => None,
        }
    }

    /// Decodes the bytes of a stretch of text that starts at offset `start`.
    pub fn decode<'a>(&self, bytes: &'a [u8], start: u64) -> Cow<'a, str> {
        match &self.kind {
            Kind::Memory(_) => decode::utf8_lossy(bytes),
            Kind::File { encoding, .. } => match encoding {
                TextEncoding::Utf8 { bom } => {
                    let skip = if *bom && start == 0 { 3 } else { 0 };
                    decode::utf8_lossy(bytes.get(skip..).unwrap_or_default())
                }
                TextEncoding::Legacy(encoding) => encoding.decode_without_bom_handling(bytes).0,
                // Never paged (see `open`); decoded bytewise as a fallback.
                TextEncoding::Utf16 { .. } => decode::utf8_lossy(bytes),
            },
        }
    }

    /// The line number (from 1) of offset `at`, when the text is in memory (counting the line
    /// breaks before it: well under a millisecond a MiB).
    pub fn line_of(&self, at: u64) -> Option<usize> {
        match &self.kind {
            Kind::Memory(text) => {
                let before = &text.as_bytes()[..(at as usize).min(text.len())];
                Some(memchr::memchr_iter(b'\n', before).count() + 1)
            }
            Kind::File { .. } => None,
        }
    }

    /// The line number (from 1) of offset `at` in any text, reading a paged file up to it when
    /// asked once (opening an editor there), not on every frame.
    pub fn line_at(&mut self, at: u64) -> io::Result<usize> {
        if let Some(line) = self.line_of(at) {
            return Ok(line);
        }
        Ok(self.line_breaks(0..at)? + 1)
    }

    /// How many line breaks the bytes in `range` hold, read a MiB at a time (a paged file's
    /// few blocks at a time): what line numbers are counted on with.
    pub fn line_breaks(&mut self, range: Range<u64>) -> io::Result<usize> {
        const CHUNK: u64 = 1 << 20;
        let (mut breaks, mut start) = (0, range.start);
        let end = range.end.min(self.size);
        while start < end {
            let stop = (start + CHUNK).min(end);
            let bytes = self.bytes(start..stop)?;
            if bytes.is_empty() {
                break;
            }
            breaks += memchr::memchr_iter(b'\n', &bytes).count();
            start = stop;
        }
        Ok(breaks)
    }
}

/// A file read in aligned blocks, the most recently used of which are kept.
struct Blocks {
    file: File,
    /// (block number, bytes, last use) for the cached blocks.
    cached: Vec<(u64, Arc<[u8]>, u64)>,
    clock: u64,
}

impl Blocks {
    fn new(file: File) -> Blocks {
        Blocks {
            file,
            cached: Vec::new(),
            clock: 0,
        }
    }

    fn read(&mut self, range: Range<u64>) -> io::Result<Vec<u8>> {
        let first = range.start / BLOCK_BYTES;
        let last = range.end.saturating_sub(1) / BLOCK_BYTES;
        if range.is_empty() {
            return Ok(Vec::new());
        }
        // Long sequential reads (a search) go straight to the file and leave the cache alone.
        if last - first >= 2 {
            return read::read_range(&self.file, range);
        }
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        for number in first..=last {
            let block = self.block(number)?;
            let block_start = number * BLOCK_BYTES;
            let from = range.start.max(block_start) - block_start;
            let to = (range.end - block_start).min(block.len() as u64);
            if from >= to {
                break;
            }
            out.extend_from_slice(&block[from as usize..to as usize]);
            if (block.len() as u64) < BLOCK_BYTES {
                break;
            }
        }
        Ok(out)
    }

    fn block(&mut self, number: u64) -> io::Result<Arc<[u8]>> {
        self.clock += 1;
        if let Some(entry) = self.cached.iter_mut().find(|entry| entry.0 == number) {
            entry.2 = self.clock;
            return Ok(Arc::clone(&entry.1));
        }
        let start = number * BLOCK_BYTES;
        let bytes: Arc<[u8]> = read::read_range(&self.file, start..start + BLOCK_BYTES)?.into();
        if self.cached.len() >= CACHED_BLOCKS
            && let Some(oldest) = (0..self.cached.len()).min_by_key(|&i| self.cached[i].2)
        {
            self.cached.swap_remove(oldest);
        }
        self.cached.push((number, Arc::clone(&bytes), self.clock));
        Ok(bytes)
    }
}
