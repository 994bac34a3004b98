//! The document in the reader: its text as sanitized lines under a header, wrapped to the
//! pane's width, the scroll position, and the in-document search with its current match.

use crate::corpus::DocMeta;
use crate::corpus::{decode, read};
use crate::text::highlight::{Mark, find_ignoring_case};
use crate::text::sanitize::{sanitize_line, split_lines};
use crate::text::wrap::wrap_line;
use std::ops::Range;
use std::path::Path;

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

/// One screen row: a slice of one content line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    line: usize,
    range: Range<usize>,
}

/// A search match: a byte range in one content line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub line: usize,
    pub range: Range<usize>,
}

/// The in-document search: its term, every match, and the one the reader is on.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub term: String,
    pub hits: Vec<Hit>,
    pub current: usize,
}

/// A visible row ready to style: its text, what kind of line it comes from, and its marks as
/// byte ranges within `text`.
pub struct VisibleRow<'a> {
    pub text: &'a str,
    pub kind: LineKind,
    pub marks: Vec<(Range<usize>, Mark)>,
}

/// Where the view is in the document, in rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub top: usize,
    pub shown: usize,
    pub total: usize,
}

#[derive(Default)]
pub struct Reader {
    doc: Option<usize>,
    lines: Vec<(String, LineKind)>,
    body_start: usize,
    words: usize,
    rows: Vec<Row>,
    width: usize,
    height: usize,
    top: usize,
    search: Option<Search>,
}

impl Reader {
    /// The corpus index of the document shown, if any.
    pub fn doc(&self) -> Option<usize> {
        self.doc
    }

    /// Words in the document's text (as `wc -w` counts them).
    pub fn words(&self) -> usize {
        self.words
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Loads document `index` (found under `root`) from disk and shows it from the top.
    pub fn open(&mut self, index: usize, meta: &DocMeta, root: &Path) {
        let read = read::read_capped(&meta.path, read::BODY_BYTES);
        self.show(index, meta, root, read);
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
        let (body, words) = match read {
            Ok(capped) => {
                let text = decode::decode(&capped.bytes, capped.truncated);
                let words = text.split_whitespace().count();
                let mut body: Vec<(String, LineKind)> = split_lines(&text)
                    .map(|line| (sanitize_line(line), LineKind::Body))
                    .collect();
                if body.last().is_some_and(|(line, _)| line.is_empty()) {
                    body.pop();
                }
                if capped.truncated {
                    let note = format!("[only the first {} MiB are shown]", read::BODY_BYTES >> 20);
                    body.push((note, LineKind::Error));
                }
                (body, words)
            }
            Err(error) => (
                vec![(
                    sanitize_line(&format!("cannot read this document: {error}")),
                    LineKind::Error,
                )],
                0,
            ),
        };
        let mut lines = vec![
            (meta.title.to_string(), LineKind::Title),
            (meta.display_path(), LineKind::Meta),
            (describe(meta, root, words), LineKind::Meta),
            (String::new(), LineKind::Rule),
        ];
        self.body_start = lines.len();
        lines.extend(body);
        self.doc = Some(index);
        self.lines = lines;
        self.words = words;
        self.top = 0;
        self.search = None;
        self.rewrap();
    }

    /// Shows nothing (no document matches the filter).
    pub fn close(&mut self) {
        *self = Reader {
            width: self.width,
            height: self.height,
            ..Reader::default()
        };
    }

    /// Sets the text area's size, re-wrapping on a width change while keeping the same text at
    /// the top of the view.
    pub fn set_viewport(&mut self, width: usize, height: usize) {
        self.height = height;
        if width != self.width {
            let anchor = self.rows.get(self.top).cloned();
            self.width = width;
            self.rewrap();
            if let Some(anchor) = anchor {
                self.top = self.row_of(anchor.line, anchor.range.start);
            }
        }
        self.clamp();
    }

    fn rewrap(&mut self) {
        self.rows = self
            .lines
            .iter()
            .enumerate()
            .flat_map(|(line, (text, _))| {
                wrap_line(text, self.width)
                    .into_iter()
                    .map(move |range| Row { line, range })
            })
            .collect();
        self.clamp();
    }

    fn max_top(&self) -> usize {
        self.rows.len().saturating_sub(self.height.max(1))
    }

    fn clamp(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    pub fn scroll_by(&mut self, rows: isize) {
        self.top = self.top.saturating_add_signed(rows).min(self.max_top());
    }

    pub fn scroll_to_top(&mut self) {
        self.top = 0;
    }

    pub fn scroll_to_end(&mut self) {
        self.top = self.max_top();
    }

    /// Rows in the text area (the size of a page).
    pub fn page_rows(&self) -> usize {
        self.height.max(1)
    }

    pub fn position(&self) -> Position {
        Position {
            top: self.top,
            shown: self.height.min(self.rows.len().saturating_sub(self.top)),
            total: self.rows.len(),
        }
    }

    /// Index of the row that holds byte `at` of content line `line`.
    fn row_of(&self, line: usize, at: usize) -> usize {
        self.rows
            .partition_point(|row| (row.line, row.range.start) <= (line, at))
            .saturating_sub(1)
    }

    /// Searches the text (not the header) for `term`, ignoring case, and moves to the first
    /// match at or after the top of the view. Returns what to tell the user.
    pub fn search_for(&mut self, term: &str) -> String {
        let hits: Vec<Hit> = self
            .lines
            .iter()
            .enumerate()
            .skip(self.body_start)
            .flat_map(|(line, (text, _))| {
                find_ignoring_case(text, term)
                    .into_iter()
                    .map(move |range| Hit { line, range })
            })
            .collect();
        if hits.is_empty() {
            self.search = None;
            return format!("pattern not found: {}", sanitize_line(term));
        }
        let first_visible = hits
            .iter()
            .position(|hit| self.row_of(hit.line, hit.range.start) >= self.top);
        self.search = Some(Search {
            term: term.to_string(),
            hits,
            current: first_visible.unwrap_or(0),
        });
        self.show_current();
        let wrapped = if first_visible.is_none() {
            " (search wrapped to the top)"
        } else {
            ""
        };
        format!("{}{wrapped}", self.match_counter())
    }

    /// Moves to the next match (or the previous one when `forward` is false), wrapping around
    /// the document's ends. Returns what to tell the user, or None when there is no search.
    pub fn step_match(&mut self, forward: bool) -> Option<String> {
        let search = self.search.as_mut()?;
        let count = search.hits.len();
        let (next, wrapped) = if forward {
            ((search.current + 1) % count, search.current + 1 == count)
        } else {
            ((search.current + count - 1) % count, search.current == 0)
        };
        search.current = next;
        self.show_current();
        let note = match (wrapped, forward) {
            (true, true) => " (search hit the end, continuing at the top)",
            (true, false) => " (search hit the top, continuing at the end)",
            _ => "",
        };
        Some(format!("{}{note}", self.match_counter()))
    }

    /// `match I of N` for the current search.
    pub fn match_counter(&self) -> String {
        match &self.search {
            Some(search) => format!("match {} of {}", search.current + 1, search.hits.len()),
            None => String::new(),
        }
    }

    /// Scrolls so the current match is in view, a third of the way down when it was not.
    fn show_current(&mut self) {
        let Some(hit) = self
            .search
            .as_ref()
            .and_then(|s| s.hits.get(s.current))
            .cloned()
        else {
            return;
        };
        let row = self.row_of(hit.line, hit.range.start);
        if row < self.top || row >= self.top + self.page_rows() {
            self.top = row.saturating_sub(self.page_rows() / 3).min(self.max_top());
        }
    }

    /// The rows in view with their highlights: every occurrence of each of `keywords`, every
    /// search match, and the current match.
    pub fn visible_rows(&self, keywords: &[String]) -> Vec<VisibleRow<'_>> {
        let end = (self.top + self.height).min(self.rows.len());
        let rows = self.rows.get(self.top..end).unwrap_or_default();
        let mut keyword_hits: Option<(usize, Vec<Range<usize>>)> = None;
        rows.iter()
            .map(|row| {
                let (text, kind) = &self.lines[row.line];
                if keyword_hits
                    .as_ref()
                    .is_none_or(|(line, _)| *line != row.line)
                {
                    let hits = keywords
                        .iter()
                        .flat_map(|word| find_ignoring_case(text, word))
                        .collect();
                    keyword_hits = Some((row.line, hits));
                }
                let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
                for range in keyword_hits.iter().flat_map(|(_, hits)| hits) {
                    push_clipped(&mut marks, range, &row.range, Mark::Keyword);
                }
                if let Some(search) = &self.search {
                    // Hits are in text order and do not overlap, so the row's hits are one run
                    // found by bisection: a line may hold hundreds of thousands of them.
                    let first = search.hits.partition_point(|hit| {
                        (hit.line, hit.range.end) <= (row.line, row.range.start)
                    });
                    let on_row = search.hits[first..]
                        .iter()
                        .take_while(|hit| hit.line == row.line && hit.range.start < row.range.end);
                    for (index, hit) in (first..).zip(on_row) {
                        let mark = if index == search.current {
                            Mark::CurrentMatch
                        } else {
                            Mark::SearchMatch
                        };
                        push_clipped(&mut marks, &hit.range, &row.range, mark);
                    }
                }
                VisibleRow {
                    text: &text[row.range.clone()],
                    kind: *kind,
                    marks,
                }
            })
            .collect()
    }
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

/// The header's metadata line: date, size, words and folder.
fn describe(meta: &DocMeta, root: &Path, words: usize) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &meta.date {
        parts.push(date.to_string());
    }
    parts.push(human_size(meta.size));
    parts.push(format!("{words} words"));
    parts.push(format!("in {}", meta.folder(root)));
    parts.join(" · ")
}

/// Sizes as people read them: 812 B, 3.1 KiB, 45 MiB.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_ls_h() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(3176), "3.1 KiB");
        assert_eq!(human_size(45 * 1024 * 1024), "45 MiB");
    }
}
