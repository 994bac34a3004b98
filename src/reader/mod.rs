//! The document in the reader: a header, then the text, paged segment by segment (see
//! `segment`) so only what is on screen is decoded, sanitized and wrapped — a 1 GB file opens
//! and scrolls as fast as a 1 KB one (UTF-16 files and JSON Lines records are held whole).
//! Also the in-document search and its current match.

mod header;
pub mod search;
pub mod segment;
pub mod source;

pub use header::human_size;
pub use search::Hit;

use crate::corpus::jsonl::{self, RecordFields};
use crate::corpus::{DocMeta, decode, read};
use crate::text::highlight::{Mark, find_ignoring_case};
use crate::text::sanitize::sanitize_line;
use crate::text::wrap::wrap_line;
use search::{Background, Waker};
use segment::{previous_start, segment_at, strip_line_break};
use source::Source;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// What a line of the reader's content is, so the view can style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    /// The rule between the header and the text.
    Rule,
    Body,
    /// Why the body could not be shown.
    Error,
}

/// A piece of content that wraps on its own: a header line, or a segment of the text by the
/// offset it starts at. Ordered as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Unit {
    Header(usize),
    Body(u64),
}

/// A row of the content: the `row`th row of `unit`. Ordered as shown.
type Place = (Unit, usize);

/// A unit's sanitized text wrapped to the pane.
struct Wrapped {
    text: String,
    kind: LineKind,
    rows: Vec<Range<usize>>,
    /// Where the unit ends in the text (for the scroll percentage).
    end: u64,
    next: Option<Unit>,
}

/// The in-document search: its term, the matches found so far, and the one the reader is on.
pub struct Search {
    pub term: String,
    pub hits: Vec<Hit>,
    pub current: usize,
    /// False while a background search is still looking.
    pub done: bool,
    /// Bytes of the text searched so far.
    pub scanned: u64,
    /// True when the search stopped at `search::MAX_HITS` matches.
    pub capped: bool,
    /// True once the view has moved to a match (a background search moves to the first one it
    /// finds after the view, once).
    shown: bool,
    background: Option<Background>,
}

/// A visible row ready to style: its text, what kind of line it comes from, and its marks as
/// byte ranges within `text`.
pub struct VisibleRow<'a> {
    pub text: &'a str,
    pub kind: LineKind,
    pub marks: Vec<(Range<usize>, Mark)>,
}

/// Where the view is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The line of the text at the top of the view (from 1), when it is known cheaply; None
    /// while the header is at the top.
    pub line: Option<usize>,
    /// How much of the text is above the bottom of the view, by bytes.
    pub percent: u64,
    pub at_top: bool,
    pub at_end: bool,
}

/// Wrapped units kept for redraws and scrolling back; dropped all at once beyond this.
const CACHED_UNITS: usize = 4096;

pub struct Reader {
    doc: Option<usize>,
    header: Vec<(String, LineKind)>,
    source: Source,
    body_kind: LineKind,
    words: Option<usize>,
    width: usize,
    height: usize,
    top: Place,
    cache: HashMap<Unit, Arc<Wrapped>>,
    /// The units and rows on screen, rebuilt after every change.
    view: Vec<(Unit, Arc<Wrapped>, usize)>,
    at_end: bool,
    search: Option<Search>,
    waker: Option<Waker>,
    /// Where the records of a JSON Lines corpus keep their title and text.
    fields: RecordFields,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            doc: None,
            header: Vec::new(),
            source: Source::text(""),
            body_kind: LineKind::Body,
            words: None,
            width: 0,
            height: 0,
            top: (Unit::Header(0), 0),
            cache: HashMap::new(),
            view: Vec::new(),
            at_end: true,
            search: None,
            waker: None,
            fields: RecordFields::default(),
        }
    }
}

impl Reader {
    /// The corpus index of the document shown, if any.
    pub fn doc(&self) -> Option<usize> {
        self.doc
    }

    /// Words in the document's text (as `wc -w` counts them), when it was read whole.
    pub fn words(&self) -> Option<usize> {
        self.words
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Lets searches of big files run in the background, calling `wake` when they progress.
    pub fn set_waker(&mut self, wake: Waker) {
        self.waker = Some(wake);
    }

    /// Says which fields of JSON Lines records hold the title and the text.
    pub fn set_record_fields(&mut self, fields: RecordFields) {
        self.fields = fields;
    }

    /// Opens document `index` (found under `root`) and shows it from the top. A record of a
    /// JSON Lines file shows its text, with its other fields in the header.
    pub fn open(&mut self, index: usize, meta: &DocMeta, root: &Path) {
        let Some(place) = meta.record else {
            let source = Source::open(&meta.path);
            self.show_source(index, meta, root, source, Vec::new());
            return;
        };
        match jsonl::read_record(&meta.path, place, &self.fields) {
            Ok(record) => {
                let source = Ok(Source::text(&record.text));
                self.show_source(index, meta, root, source, record.metadata);
            }
            Err(error) => self.show_source(index, meta, root, Err(error), Vec::new()),
        }
    }

    /// Shows document `index` from bytes already read; a read error is shown in place of
    /// the text.
    pub fn show(
        &mut self,
        index: usize,
        meta: &DocMeta,
        root: &Path,
        read: std::io::Result<read::Capped>,
    ) {
        let source =
            read.map(|capped| Source::text(&decode::decode(&capped.bytes, capped.truncated)));
        self.show_source(index, meta, root, source, Vec::new());
    }

    /// Shows a document's text from `source` under a header that adds `metadata` lines.
    fn show_source(
        &mut self,
        index: usize,
        meta: &DocMeta,
        root: &Path,
        source: std::io::Result<Source>,
        metadata: Vec<String>,
    ) {
        let (source, body_kind) = match source {
            Ok(source) => (source, LineKind::Body),
            Err(error) => (
                Source::text(&format!("cannot read this document: {error}")),
                LineKind::Error,
            ),
        };
        let words = match (&body_kind, source.in_memory()) {
            (LineKind::Body, true) => Some(header::count_words(&source)),
            (LineKind::Body, false) => None,
            _ => Some(0),
        };
        self.header = header::lines(meta, root, words, &metadata);
        self.doc = Some(index);
        self.source = source;
        self.body_kind = body_kind;
        self.words = words;
        self.top = (Unit::Header(0), 0);
        self.cache.clear();
        self.search = None;
        self.refresh();
    }

    /// Shows nothing (no document matches the filter).
    pub fn close(&mut self) {
        *self = Reader {
            width: self.width,
            height: self.height,
            waker: self.waker.take(),
            fields: std::mem::take(&mut self.fields),
            ..Reader::default()
        };
    }

    /// Sets the text area's size, re-wrapping on a width change while keeping the same text at
    /// the top of the view.
    pub fn set_viewport(&mut self, width: usize, height: usize) {
        self.height = height;
        if width != self.width {
            let (unit, row) = self.top;
            let anchor = self
                .cache
                .get(&unit)
                .and_then(|wrapped| wrapped.rows.get(row))
                .map_or(0, |range| range.start);
            self.width = width;
            self.cache.clear();
            let rows = self.unit(unit).rows.clone();
            self.top = (unit, row_holding(&rows, anchor));
        }
        self.clamp();
    }

    /// The unit, wrapped to the pane (from the cache when it can be).
    fn unit(&mut self, unit: Unit) -> Arc<Wrapped> {
        if let Some(wrapped) = self.cache.get(&unit) {
            return Arc::clone(wrapped);
        }
        if self.cache.len() >= CACHED_UNITS {
            self.cache.clear();
        }
        let wrapped = Arc::new(self.wrap(unit));
        self.cache.insert(unit, Arc::clone(&wrapped));
        wrapped
    }

    fn wrap(&mut self, unit: Unit) -> Wrapped {
        let first_body = (self.source.size() > 0).then_some(Unit::Body(0));
        let (text, kind, end, next) = match unit {
            Unit::Header(line) => {
                let (text, kind) = self
                    .header
                    .get(line)
                    .cloned()
                    .unwrap_or((String::new(), LineKind::Rule));
                let next = if line + 1 < self.header.len() {
                    Some(Unit::Header(line + 1))
                } else {
                    first_body
                };
                (text, kind, 0, next)
            }
            Unit::Body(start) => match segment_at(&mut self.source, start) {
                Ok((end, bytes)) => {
                    let text = unit_text(&self.source, &bytes, start);
                    let next = (end > start && end < self.source.size()).then_some(Unit::Body(end));
                    (text, self.body_kind, end, next)
                }
                Err(error) => {
                    let text = sanitize_line(&format!("cannot read this document: {error}"));
                    (text, LineKind::Error, self.source.size(), None)
                }
            },
        };
        let rows = wrap_line(&text, self.width);
        Wrapped {
            text,
            kind,
            rows,
            end,
            next,
        }
    }

    fn previous(&mut self, unit: Unit) -> Option<Unit> {
        let last_header = Unit::Header(self.header.len().saturating_sub(1));
        match unit {
            Unit::Header(0) => None,
            Unit::Header(line) => Some(Unit::Header(line - 1)),
            Unit::Body(0) => Some(last_header),
            Unit::Body(start) => {
                Some(previous_start(&mut self.source, start).map_or(last_header, Unit::Body))
            }
        }
    }

    /// The place `rows` rows after `from`, stopping at the last row.
    fn forward(&mut self, from: Place, rows: usize) -> Place {
        let (mut unit, mut row) = from;
        let mut left = rows;
        loop {
            let wrapped = self.unit(unit);
            let last = wrapped.rows.len().saturating_sub(1);
            // A place kept from before the unit was wrapped again (a file edited meanwhile)
            // may be past its rows.
            row = row.min(last);
            if row + left <= last {
                return (unit, row + left);
            }
            match wrapped.next {
                Some(next) => {
                    left -= last - row + 1;
                    (unit, row) = (next, 0);
                }
                None => return (unit, last),
            }
        }
    }

    /// The place `rows` rows before `from`, stopping at the first row.
    fn backward(&mut self, from: Place, rows: usize) -> Place {
        let (mut unit, mut row) = from;
        let mut left = rows;
        while left > row {
            let Some(previous) = self.previous(unit) else {
                return (unit, 0);
            };
            left -= row + 1;
            unit = previous;
            row = self.unit(unit).rows.len().saturating_sub(1);
        }
        (unit, row - left)
    }

    /// The last place of the content.
    fn last_place(&mut self) -> Place {
        let size = self.source.size();
        let unit = if size > 0 {
            Unit::Body(previous_start(&mut self.source, size).unwrap_or(0))
        } else {
            Unit::Header(self.header.len().saturating_sub(1))
        };
        (unit, self.unit(unit).rows.len().saturating_sub(1))
    }

    /// Keeps the view full: no blank space below the end unless the document is shorter.
    fn clamp(&mut self) {
        self.refresh();
        if self.at_end && self.view.len() < self.page_rows() {
            let last = self.last_place();
            self.top = self.backward(last, self.page_rows() - 1);
            self.refresh();
        }
    }

    /// Rebuilds the list of rows on screen.
    fn refresh(&mut self) {
        self.view.clear();
        self.at_end = false;
        let (mut unit, mut row) = self.top;
        while self.view.len() < self.page_rows() {
            let wrapped = self.unit(unit);
            let count = wrapped.rows.len();
            let next = wrapped.next;
            while row < count && self.view.len() < self.page_rows() {
                self.view.push((unit, Arc::clone(&wrapped), row));
                row += 1;
            }
            if row < count {
                return;
            }
            match next {
                Some(next) => (unit, row) = (next, 0),
                None => {
                    self.at_end = true;
                    return;
                }
            }
        }
        // The view is full exactly at a unit's end: it is the end if no unit follows.
        self.at_end = self.view.last().is_some_and(|(_, wrapped, row)| {
            wrapped.next.is_none() && row + 1 == wrapped.rows.len()
        });
    }

    pub fn scroll_by(&mut self, rows: isize) {
        self.top = if rows >= 0 {
            self.forward(self.top, rows.unsigned_abs())
        } else {
            self.backward(self.top, rows.unsigned_abs())
        };
        self.clamp();
    }

    pub fn scroll_to_top(&mut self) {
        self.top = (Unit::Header(0), 0);
        self.clamp();
    }

    pub fn scroll_to_end(&mut self) {
        let last = self.last_place();
        self.top = self.backward(last, self.page_rows() - 1);
        self.refresh();
    }

    /// Rows in the text area (the size of a page).
    pub fn page_rows(&self) -> usize {
        self.height.max(1)
    }

    pub fn position(&self) -> Position {
        let at_top = self.top == (Unit::Header(0), 0);
        let size = self.source.size();
        let bottom = self
            .view
            .last()
            .map_or(0, |(_, wrapped, _)| wrapped.end)
            .min(size);
        let percent = if self.at_end || size == 0 {
            100
        } else {
            bottom * 100 / size
        };
        let line = match self.top.0 {
            Unit::Body(start) => self.source.line_of(start),
            Unit::Header(_) => None,
        };
        Position {
            line,
            percent,
            at_top,
            at_end: self.at_end,
        }
    }

    /// Searches the text (not the header) for `term`, ignoring case, and moves to the first
    /// match at or after the top of the view. A big file is searched in the background when a
    /// waker is set. Returns what to tell the user.
    pub fn search_for(&mut self, term: &str) -> String {
        let mut search = Search {
            term: term.to_string(),
            hits: Vec::new(),
            current: 0,
            done: true,
            scanned: 0,
            capped: false,
            shown: false,
            background: None,
        };
        let in_background = match &self.waker {
            Some(wake) if !self.source.in_memory() => {
                Background::spawn(&self.source, term, Arc::clone(wake)).ok()
            }
            _ => None,
        };
        if let Some(background) = in_background {
            search.done = false;
            search.background = Some(background);
            self.search = Some(search);
            return format!("searching for {}…", sanitize_line(term));
        }
        let never = AtomicBool::new(false);
        let scanned = search::scan(&mut self.source, term, &never, |hits, at| {
            search.hits.extend(hits);
            search.scanned = at;
        });
        match scanned {
            Ok(capped) => search.capped = capped,
            Err(error) => {
                self.search = None;
                return sanitize_line(&format!("search failed: {error}"));
            }
        }
        self.search = Some(search);
        self.settle_search()
    }

    /// Takes in what a background search found since the last call; returns what to tell the
    /// user when there is news (the first match, or the end of the search).
    pub fn poll_search(&mut self) -> Option<String> {
        let search = self.search.as_mut()?;
        let background = search.background.as_ref()?;
        let progress = background.collect(&mut search.hits);
        search.scanned = progress.scanned;
        search.capped = progress.capped;
        if let Some(error) = progress.error {
            self.search = None;
            return Some(sanitize_line(&format!("search failed: {error}")));
        }
        if progress.done {
            search.done = true;
            search.background = None;
            let shown = search.shown;
            return Some(if shown {
                self.match_counter()
            } else {
                self.settle_search()
            });
        }
        if !search.shown && self.first_hit_from_top().is_some() {
            return Some(self.settle_search());
        }
        None
    }

    /// The first hit at or after the top of the view, if one is known.
    fn first_hit_from_top(&mut self) -> Option<usize> {
        let top = self.top;
        let hits = &self.search.as_ref()?.hits;
        let first = hits.partition_point(|hit| Unit::Body(hit.start) < top.0);
        // Only hits in the top unit can be above the view's first row.
        let in_top_unit: Vec<(usize, u64, usize)> = hits[first..]
            .iter()
            .enumerate()
            .take_while(|(_, hit)| Unit::Body(hit.start) == top.0)
            .map(|(offset, hit)| (first + offset, hit.start, hit.range.start))
            .collect();
        let count = hits.len();
        let after_top_unit = first + in_top_unit.len();
        in_top_unit
            .into_iter()
            .find(|&(_, start, at)| self.place_of(start, at) >= top)
            .map(|(index, _, _)| index)
            .or((after_top_unit < count).then_some(after_top_unit))
    }

    /// Moves to the first match after the view (wrapping to the first of all) and says so.
    fn settle_search(&mut self) -> String {
        let first_visible = self.first_hit_from_top();
        let Some(search) = self.search.as_mut() else {
            return String::new();
        };
        if search.hits.is_empty() {
            let term = sanitize_line(&search.term);
            if search.done {
                self.search = None;
                return format!("pattern not found: {term}");
            }
            return format!("searching for {term}…");
        }
        search.current = first_visible.unwrap_or(0);
        search.shown = true;
        let wrapped = first_visible.is_none() && search.done;
        self.show_current();
        let note = if wrapped {
            " (search wrapped to the top)"
        } else {
            ""
        };
        format!("{}{note}", self.match_counter())
    }

    /// Moves to the next match (or the previous one when `forward` is false), wrapping around
    /// the document's ends. Returns what to tell the user, or None when there is no search.
    pub fn step_match(&mut self, forward: bool) -> Option<String> {
        let search = self.search.as_mut()?;
        let count = search.hits.len();
        if count == 0 {
            return Some(format!("searching for {}…", sanitize_line(&search.term)));
        }
        let (next, wrapped) = if forward {
            ((search.current + 1) % count, search.current + 1 == count)
        } else {
            ((search.current + count - 1) % count, search.current == 0)
        };
        search.current = next;
        search.shown = true;
        self.show_current();
        let note = match (wrapped, forward) {
            (true, true) => " (search hit the end, continuing at the top)",
            (true, false) => " (search hit the top, continuing at the end)",
            _ => "",
        };
        Some(format!("{}{note}", self.match_counter()))
    }

    /// `match I of N` for the current search, with its progress while it runs.
    pub fn match_counter(&self) -> String {
        let Some(search) = &self.search else {
            return String::new();
        };
        let more = if search.capped { "+" } else { "" };
        let mut counter = if search.hits.is_empty() {
            "no match yet".to_string()
        } else {
            format!(
                "match {} of {}{more}",
                search.current + 1,
                search.hits.len()
            )
        };
        if !search.done {
            let percent = search.scanned * 100 / self.source.size().max(1);
            counter.push_str(&format!(" (searching… {percent}%)"));
        }
        counter
    }

    /// The place of byte `at` of the segment starting at `start`.
    fn place_of(&mut self, start: u64, at: usize) -> Place {
        let unit = Unit::Body(start);
        let rows = &self.unit(unit).rows;
        (unit, row_holding(rows, at))
    }

    /// Scrolls so the current match is in view, a third of the way down when it was not.
    fn show_current(&mut self) {
        let Some((start, at)) = self
            .search
            .as_ref()
            .and_then(|s| s.hits.get(s.current))
            .map(|hit| (hit.start, hit.range.start))
        else {
            return;
        };
        let place = self.place_of(start, at);
        if self
            .view
            .iter()
            .any(|(unit, _, row)| (*unit, *row) == place)
        {
            return;
        }
        self.top = self.backward(place, self.page_rows() / 3);
        self.clamp();
    }

    /// The rows in view with their highlights: every occurrence of each of `keywords`, every
    /// search match, and the current match.
    pub fn visible_rows(&self, keywords: &[String]) -> Vec<VisibleRow<'_>> {
        let mut keyword_hits: Option<(Unit, Vec<Range<usize>>)> = None;
        self.view
            .iter()
            .map(|(unit, wrapped, row)| {
                let row_range = &wrapped.rows[*row];
                if keyword_hits.as_ref().is_none_or(|(seen, _)| seen != unit) {
                    let hits = keywords
                        .iter()
                        .flat_map(|word| find_ignoring_case(&wrapped.text, word))
                        .collect();
                    keyword_hits = Some((*unit, hits));
                }
                let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
                for range in keyword_hits.iter().flat_map(|(_, hits)| hits) {
                    push_clipped(&mut marks, range, row_range, Mark::Keyword);
                }
                if let (Some(search), Unit::Body(start)) = (&self.search, unit) {
                    // Hits are in text order and do not overlap, so the row's hits are one run
                    // found by bisection: a line may hold hundreds of thousands of them.
                    let first = search.hits.partition_point(|hit| {
                        (hit.start, hit.range.end) <= (*start, row_range.start)
                    });
                    let on_row = search.hits[first..]
                        .iter()
                        .take_while(|hit| hit.start == *start && hit.range.start < row_range.end);
                    for (index, hit) in (first..).zip(on_row) {
                        let mark = if index == search.current {
                            Mark::CurrentMatch
                        } else {
                            Mark::SearchMatch
                        };
                        push_clipped(&mut marks, &hit.range, row_range, mark);
                    }
                }
                VisibleRow {
                    text: &wrapped.text[row_range.clone()],
                    kind: wrapped.kind,
                    marks,
                }
            })
            .collect()
    }
}

/// The sanitized text of a segment, as shown and searched.
pub(crate) fn unit_text(source: &Source, bytes: &[u8], start: u64) -> String {
    sanitize_line(strip_line_break(&source.decode(bytes, start)))
}

/// The index of the row (of `rows`, in order) that holds byte `at`.
fn row_holding(rows: &[Range<usize>], at: usize) -> usize {
    rows.partition_point(|row| row.start <= at)
        .saturating_sub(1)
}

/// Adds the part of `range` (in line offsets) that falls inside `row`, in row offsets.
fn push_clipped(
    marks: &mut Vec<(Range<usize>, Mark)>,
    range: &Range<usize>,
    row: &Range<usize>,
    mark: Mark,
) {
    let start = range.start.max(row.start);
    let end = range.end.min(row.end);
    if start < end {
        marks.push((start - row.start..end - row.start, mark));
    }
}
