//! How many lines a document has and which line is at the top of the view, so the bar reads
//! `line N of M` for every document. A text held in memory is counted at once; a big file
//! (paged from disk) is counted in the background, 64 KiB at a time, so a gigabyte document
//! still opens at once: until its count reaches the view, the bar says `line …`.

use super::{Reader, Unit};
use crate::corpus::source::Source;
use crate::work::job::Ticket;
use crate::work::job::{Cadence, Cancel};

/// Bytes counted at a time; the count keeps the line breaks up to the end of each, so the
/// line at the top of the view is found by counting at most this much (one block of a paged
/// file) from there.
pub(crate) const CHUNK: u64 = 64 * 1024;

/// A big document's lines to count in the background, on a second handle to its file.
pub struct LineCount {
    pub ticket: Ticket,
    pub source: Source,
}

impl std::fmt::Debug for LineCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineCount")
            .field("ticket", &self.ticket)
            .field("size", &self.source.size())
            .finish()
    }
}

/// What a line count found so far: the line breaks up to the end of each chunk counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinesCounted {
    pub ticket: Ticket,
    pub breaks: Vec<u64>,
    pub done: bool,
}

/// The reader's knowledge of its document's lines.
#[derive(Debug, Default)]
pub(super) struct Lines {
    /// Line breaks up to the end of each chunk counted so far (all of a text in memory).
    breaks: Vec<u64>,
    /// The number of lines, once counted to the end.
    pub(super) total: Option<u64>,
    /// The count asked of the background, by ticket.
    counting: Ticket,
    /// The line at the top of the view (from 1), when known.
    pub(super) top: Option<u64>,
}

/// Counts `request`'s lines, reporting as it goes and once at the end; stops once cancelled.
pub(crate) fn count_in_background(
    mut request: LineCount,
    cancel: &Cancel,
    report: &dyn Fn(LinesCounted),
) {
    let size = request.source.size();
    let mut counted = LinesCounted {
        ticket: request.ticket,
        ..LinesCounted::default()
    };
    let (mut start, mut total, mut cadence) = (0, 0u64, Cadence::start());
    while start < size {
        if cancel.is_cancelled() {
            return;
        }
        let end = (start + CHUNK).min(size);
        let Ok(breaks) = request.source.line_breaks(start..end) else {
            return;
        };
        total += breaks as u64;
        counted.breaks.push(total);
        start = end;
        if cadence.due(false, 1) {
            report(counted.clone());
        }
    }
    counted.done = true;
    report(counted);
}

/// Lines in a text of `size` bytes with `breaks` line breaks, the last of which ends it when
/// `ends_with_break`: a last line without a break counts too.
fn line_total(size: u64, breaks: u64, ends_with_break: bool) -> u64 {
    match size {
        0 => 0,
        _ => breaks + u64::from(!ends_with_break),
    }
}

impl Reader {
    /// Starts knowing the lines of the document just opened: counted at once when in
    /// memory; else the count to ask of the background.
    pub(super) fn count_lines(&mut self) -> Option<LineCount> {
        self.lines = Lines {
            counting: Ticket::new(),
            ..Lines::default()
        };
        if let Some(text) = self.source.memory_text() {
            let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
            self.lines.breaks.push(breaks);
            let total = line_total(text.len() as u64, breaks, text.ends_with('\n'));
            self.lines.total = Some(total);
            return None;
        }
        let source = self.source.try_clone().ok()?;
        Some(LineCount {
            ticket: self.lines.counting,
            source,
        })
    }

    /// Takes what the background counted, if it is this document's count.
    pub fn take_lines_counted(&mut self, counted: LinesCounted) {
        if counted.ticket != self.lines.counting {
            return;
        }
        self.lines.breaks = counted.breaks;
        if counted.done {
            let size = self.source.size();
            let last = size.checked_sub(1).and_then(|at| {
                self.source
                    .bytes(at..size)
                    .ok()
                    .map(|b| b.first() == Some(&b'\n'))
            });
            let breaks = self.lines.breaks.last().copied().unwrap_or(0);
            self.lines.total = Some(line_total(size, breaks, last.unwrap_or(true)));
        }
        self.note_top_line();
    }

    /// Works out the line at the top of the view (after the view changed): 1 while the
    /// header shows; else from the count, when it has reached there.
    pub(super) fn note_top_line(&mut self) {
        self.lines.top = match self.top.0 {
            Unit::Header(_) => Some(1),
            Unit::Body(start) => match self.source.line_of(start) {
                Some(line) => Some(line as u64),
                None => self.paged_line_of(start),
            },
        };
    }

    /// The line of offset `at` in a paged file: the breaks counted up to its chunk, and those
    /// in the chunk before it (from the pages the view has just read).
    fn paged_line_of(&mut self, at: u64) -> Option<u64> {
        let chunk = (at / CHUNK) as usize;
        let before = match chunk {
            0 => 0,
            chunk => *self.lines.breaks.get(chunk - 1)?,
        };
        let within = self.source.line_breaks(chunk as u64 * CHUNK..at).ok()? as u64;
        Some(before + within + 1)
    }

    /// The number of lines, once known.
    pub fn line_total(&self) -> Option<u64> {
        self.lines.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_line_without_a_break_counts() {
        assert_eq!(line_total(0, 0, false), 0);
        assert_eq!(line_total(3, 0, false), 1);
        assert_eq!(line_total(4, 1, true), 1);
        assert_eq!(line_total(5, 1, false), 2);
    }
}
