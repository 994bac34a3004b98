//! The document in the reader: a header, then the text, paged segment by segment (see
//! `segment`) so only what is on screen is decoded, sanitized and wrapped — a 1 GB file opens
//! and scrolls as fast as a 1 KB one (UTF-16 files and JSON Lines records are held whole).
//! Moving through it is in `paging`, its search in `find` and `hits` (with `stretch`,
//! `plain_scan` and `segment_hits`), the rows on screen with
//! their highlights in `visible`. May use `search` (terms), `corpus`,
//! `work` (its background searches) and `text`.

mod asks;
mod find;
mod header;
pub(crate) mod hits;
pub(crate) mod lines;
mod paging;
mod paragraph_hits;
mod plain_scan;
mod position;
pub(crate) mod segment;
mod segment_hits;
mod stretch;
mod visible;

pub use asks::ReaderAsk;
pub(crate) use find::Search;
pub(crate) use hits::{DocumentHits, DocumentSearch, Hit};
pub(crate) use position::Position;
pub(crate) use visible::VisibleRow;

use crate::corpus::Doc;
use crate::corpus::document_text::Opened;
use crate::corpus::read::Stamp;
use crate::corpus::source::Source;
use crate::text::keywords::WordSet;
use crate::text::sanitize::sanitize_line;
use crate::text::wrap::wrap_line;
use segment::{segment_at, strip_line_break};
use std::collections::HashMap;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

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

/// A text area shorter than this many rows shows a one-line header: the whole one (title,
/// path, facts, rule) could leave no line of text at 40x10.
const SHORT_PANE_ROWS: usize = 12;

/// Wrapped units kept for redraws and scrolling back; dropped all at once beyond this.
const CACHED_UNITS: usize = 4096;

pub struct Reader {
    doc: Option<usize>,
    /// The header shown, and the whole of it (the one shown is cut to one line on a short
    /// pane, so the text keeps most of it).
    header: Vec<(String, LineKind)>,
    full_header: Vec<(String, LineKind)>,
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
    /// The document's lines: how many, and which is at the top of the view.
    lines: lines::Lines,
    /// What the reader asks of the background since the app last took it.
    asks: Vec<ReaderAsk>,
    /// The `--keyword`s, counted in the header.
    keywords: WordSet,
    /// The header's extra lines (a record's other fields).
    metadata: Vec<String>,
    /// The user's tags and note on the document shown, set by the app before it is opened.
    note: Option<String>,
    /// The file's size and last change as opened (None for a record).
    stamp: Option<Stamp>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            doc: None,
            header: Vec::new(),
            full_header: Vec::new(),
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
            lines: lines::Lines::default(),
            asks: Vec::new(),
            keywords: WordSet::default(),
            metadata: Vec::new(),
            note: None,
            stamp: None,
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

    /// Shows document `index` (listed as `meta`, found under `root`) from the top: its text as
    /// `opened`, a record's other fields in the header, or why it could not be read.
    pub fn open(&mut self, index: usize, meta: Doc<'_>, root: &Path, opened: io::Result<Opened>) {
        match opened {
            Ok(opened) => {
                self.stamp = opened.stamp;
                self.show_source(index, meta, root, Ok(opened.source), opened.metadata);
            }
            Err(error) => {
                self.stamp = None;
                self.show_source(index, meta, root, Err(error), Vec::new());
            }
        }
    }

    /// Shows a document's text from `source` under a header that adds `metadata` lines.
    fn show_source(
        &mut self,
        index: usize,
        meta: Doc<'_>,
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
        let words = match body_kind {
            LineKind::Body => header::count_words(&source),
            _ => Some(0),
        };
        self.doc = Some(index);
        self.source = source;
        self.body_kind = body_kind;
        self.words = words;
        self.metadata = metadata;
        self.top = (Unit::Header(0), 0);
        self.cache.clear();
        self.drop_search();
        self.ask_line_count();
        self.rebuild_header(meta, root);
    }

    /// The file's size and last change when the document shown was opened.
    pub fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }

    /// Sets the `--keyword`s (counted in the header from the next document shown, or at once
    /// with [`Reader::rebuild_header`]).
    pub fn set_keywords(&mut self, keywords: WordSet) {
        self.keywords = keywords;
    }

    /// Sets the note shown in the header of the next document opened (or of the one shown, with
    /// [`Reader::rebuild_header`]).
    pub fn set_note(&mut self, note: Option<String>) {
        self.note = note;
    }

    /// Makes the header again for document `meta` (shown now), keeping the view where it is.
    pub fn rebuild_header(&mut self, meta: Doc<'_>, root: &Path) {
        let counts = match self.body_kind {
            LineKind::Body => header::count_keywords(&self.source, &self.keywords),
            _ => None,
        };
        let facts = header::Facts {
            words: self.words,
            // What is shown is the file as it is now; the listing may be older.
            changed: self.stamp.filter(|now| *now != meta.stamp()),
            metadata: &self.metadata,
            note: self.note.as_deref(),
            keyword_counts: counts
                .as_deref()
                .map(|counts| (self.keywords.words(), counts)),
        };
        self.full_header = header::lines(meta, root, &facts);
        self.header.clear();
        self.fit_header();
    }

    /// Shows the whole header, or on a pane too short for it and three lines of text, one
    /// line of it: the path and the facts (the title is in the bar above).
    fn fit_header(&mut self) {
        let short = self.height > 0 && self.height < SHORT_PANE_ROWS;
        let header = match short {
            true => header::compact(&self.full_header),
            false => self.full_header.clone(),
        };
        if header == self.header {
            return;
        }
        self.header = header;
        self.cache.retain(|unit, _| matches!(unit, Unit::Body(_)));
        if let (Unit::Header(line), _) = self.top {
            self.top = (
                Unit::Header(line.min(self.header.len().saturating_sub(1))),
                0,
            );
        }
        self.clamp();
    }

    /// Shows nothing (no document matches the filter).
    pub fn close(&mut self) {
        self.drop_search();
        *self = Reader {
            width: self.width,
            height: self.height,
            keywords: std::mem::take(&mut self.keywords),
            asks: std::mem::take(&mut self.asks),
            ..Reader::default()
        };
    }

    /// Sets the text area's size, re-wrapping on a width change while keeping the same text at
    /// the top of the view.
    pub fn set_viewport(&mut self, width: usize, height: usize) {
        self.height = height;
        self.fit_header();
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
                    let next = (end > start && end < self.source.size()).then_some(Unit::Body(end));
                    // A page's break line shows as its header (it is no text: not searched).
                    if let Some(page) = self.source.page_starting(start) {
                        let header = crate::corpus::extract::page_header(page);
                        (header, LineKind::Meta, end, next)
                    } else {
                        let text = unit_text(&self.source, &bytes, start);
                        (text, self.body_kind, end, next)
                    }
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

    /// The line of the text at the top of the view (from 1; 1 while the header shows), for
    /// an editor to open at.
    pub fn line_on_screen(&mut self) -> usize {
        match self.place() {
            Some(start) => self.source.line_at(start).unwrap_or(1),
            None => 1,
        }
    }

    /// Where the text at the top of the view starts (None while the header shows): where to
    /// reopen the document.
    pub fn place(&self) -> Option<u64> {
        match self.top.0 {
            Unit::Body(start) => Some(start),
            Unit::Header(_) => None,
        }
    }

    /// Where the top row starts in the text at the top of the view (bytes into the line
    /// shown from [`Reader::place`]): with it, the very row, whatever the width.
    pub fn top_row_start(&mut self) -> usize {
        match self.top {
            (unit @ Unit::Body(_), row) => self.unit(unit).rows.get(row).map_or(0, |r| r.start),
            (Unit::Header(_), _) => 0,
        }
    }

    /// Shows the text from `start` (a place given by [`Reader::place`] for this very text)
    /// at the top of the view, from its row that holds byte `within` of it (see
    /// [`Reader::top_row_start`]).
    pub fn go_to(&mut self, start: u64, within: usize) {
        if start < self.source.size() {
            let unit = Unit::Body(start);
            let row = row_holding(&self.unit(unit).rows, within);
            self.top = (unit, row);
            self.clamp();
        }
    }

    /// The text shown when it is held whole (a small file, a record), for a pager to read.
    pub fn text_in_memory(&self) -> Option<&str> {
        self.source.memory_text()
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
