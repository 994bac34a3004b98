//! One hit of a query in the corpus, as a concordance keeps it: 16 bytes — its document, the
//! segment of the document it is in (see `reader::segment`), and its place and length in that
//! segment's shown text — so a word with a million hits costs 16 MB, and contexts are read
//! only for the rows on screen. Its coordinates are the reader's, so the reader opens at it.

use crate::reader::Hit;
use std::cmp::Ordering;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CorpusHit {
    /// The segment's start (a byte offset in the document) above the low 16 bits, the hit's
    /// length in bytes (at most 65,535) in them.
    start_and_length: u64,
    doc: u32,
    /// Where the hit starts in the segment's shown (sanitized) text.
    at: u32,
}

impl CorpusHit {
    /// Hit `hit` of document `doc`, as the reader's search found it.
    pub fn new(doc: usize, hit: &Hit) -> CorpusHit {
        let length = hit.range.len().min(usize::from(u16::MAX)) as u64;
        CorpusHit {
            start_and_length: (hit.start << 16) | length,
            doc: u32::try_from(doc).unwrap_or(u32::MAX),
            at: u32::try_from(hit.range.start).unwrap_or(u32::MAX),
        }
    }

    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Where its segment starts in the document.
    pub fn start(&self) -> u64 {
        self.start_and_length >> 16
    }

    /// Its bytes in the segment's shown text.
    pub fn range(&self) -> Range<usize> {
        let at = self.at as usize;
        at..at + (self.start_and_length & 0xFFFF) as usize
    }

    /// As the reader keeps it.
    pub fn as_reader_hit(&self) -> Hit {
        Hit {
            start: self.start(),
            range: self.range(),
        }
    }
}

/// Document order: by document, then by place in it.
impl Ord for CorpusHit {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.doc, self.start(), self.at, self.start_and_length).cmp(&(
            other.doc,
            other.start(),
            other.at,
            other.start_and_length,
        ))
    }
}

impl PartialOrd for CorpusHit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_is_sixteen_bytes_and_keeps_its_place() {
        assert_eq!(std::mem::size_of::<CorpusHit>(), 16);
        let hit = CorpusHit::new(
            7,
            &Hit {
                start: 5 << 30,
                range: 12..17,
            },
        );
        assert_eq!((hit.doc(), hit.start(), hit.range()), (7, 5 << 30, 12..17));
        let later = CorpusHit::new(
            7,
            &Hit {
                start: 5 << 30,
                range: 3..4,
            },
        );
        assert!(later < hit, "document order: by place in the segment");
    }
}
