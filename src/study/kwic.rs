//! Keyword-in-context lines as other programs take them: `PATH:LINE<TAB>LEFT<TAB>HIT<TAB>RIGHT`
//! (TSV), or the same with the path and line apart (CSV, JSON Lines), a set number of
//! characters each side. `--kwic` prints them; the concordance view exports them.

use super::context::{Neighbourhood, Reach, first_chars, last_chars};
use super::export::{Cell, Format, TableWriter};
use super::hit::CorpusHit;
use crate::corpus::Doc;
use crate::corpus::source::Source;
use crate::reader::hits;
use crate::search::text::terms::ContentTerm;
use crate::work::job::Cancel;
use std::io::{self, Write};

/// Characters of context each side unless `--context` says otherwise.
pub(crate) const DEFAULT_CONTEXT: usize = 40;

/// One line of a concordance, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KwicRow {
    /// The document's path (shown safely); a record's is its file's.
    pub path: String,
    /// The hit's line: in its file, or for a record, the record's line in its file.
    pub line: usize,
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// The columns of a concordance in CSV and JSON Lines (TSV joins the path and line).
const COLUMNS: [&str; 5] = ["path", "line", "left", "hit", "right"];
const TSV_COLUMNS: [&str; 4] = ["place", "left", "hit", "right"];

/// The rows of `hits` (of the one document `doc`, its text in `source`), with `context`
/// characters each side; their `lines` when known, else counted (hits in document order).
pub(crate) fn rows_of(
    doc: Doc<'_>,
    source: &mut Source,
    hits: &[CorpusHit],
    lines: Option<&[usize]>,
    context: usize,
) -> io::Result<Vec<KwicRow>> {
    let path = path_of(doc);
    let mut neighbourhood = Neighbourhood::new(source);
    let mut rows = Vec::with_capacity(hits.len());
    for (at, hit) in hits.iter().enumerate() {
        let line = lines.and_then(|lines| lines.get(at)).copied();
        rows.push(row_at(&path, doc, &mut neighbourhood, hit, line, context)?);
    }
    Ok(rows)
}

/// Gives `write` the concordance lines of `doc` (its text in `source`) as its hits are found,
/// a stretch of the text at a time, with `context` characters each side; `write` says false
/// to stop. However many hits a document has (a 300 MB line of them), only a stretch's are
/// held, and none is left out.
pub(crate) fn stream_rows(
    doc: Doc<'_>,
    source: &mut Source,
    terms: &[ContentTerm],
    context: usize,
    write: &mut dyn FnMut(KwicRow) -> bool,
) -> io::Result<()> {
    let path = path_of(doc);
    // A second handle reads the context while the first is searched.
    let mut text = source.try_clone()?;
    let mut neighbourhood = Neighbourhood::new(&mut text);
    let cancel = Cancel::new();
    let mut failed = None;
    hits::scan(source, terms, usize::MAX, &cancel, |found, _| {
        for hit in &found.hits {
            if cancel.is_cancelled() {
                return;
            }
            let hit = CorpusHit::new(0, hit);
            match row_at(&path, doc, &mut neighbourhood, &hit, None, context) {
                Ok(row) => {
                    if !write(row) {
                        cancel.cancel();
                    }
                }
                Err(error) => {
                    failed = Some(error);
                    cancel.cancel();
                }
            }
        }
    })?;
    failed.map_or(Ok(()), Err)
}

/// The path a document's rows carry (shown safely); a record's is its file's.
fn path_of(doc: Doc<'_>) -> String {
    match doc.record {
        Some(_) => crate::text::sanitize::sanitize_line(&doc.path.to_string_lossy()),
        None => doc.display_path().into_owned(),
    }
}

/// The row of one hit: its line (given, or counted on by the neighbourhood: hits come in
/// document order; a record's is its line in its file) and its context.
fn row_at(
    path: &str,
    doc: Doc<'_>,
    neighbourhood: &mut Neighbourhood,
    hit: &CorpusHit,
    line: Option<usize>,
    context: usize,
) -> io::Result<KwicRow> {
    let line = match (doc.record, line) {
        (Some(record), _) => record.line as usize,
        (None, Some(line)) => line,
        (None, None) => neighbourhood.line_of(hit.start())?,
    };
    let around = neighbourhood.around(hit.start(), hit.range(), Reach::Chars(context))?;
    Ok(KwicRow {
        path: path.to_string(),
        line,
        left: last_chars(&around.before, context).to_string(),
        hit: around.hit,
        right: first_chars(&around.after, context).to_string(),
    })
}

/// Concordance lines written in a format, with a column of categories when they have them.
pub(crate) struct KwicWriter<W: Write> {
    format: Format,
    table: TableWriter<W>,
    categorised: bool,
}

impl<W: Write> KwicWriter<W> {
    /// A writer of `format`, with a last column `category` when `categorised`.
    pub(crate) fn new(format: Format, out: W, categorised: bool) -> io::Result<KwicWriter<W>> {
        let mut columns: Vec<&str> = match format {
            Format::Tsv => TSV_COLUMNS.to_vec(),
            _ => COLUMNS.to_vec(),
        };
        if categorised {
            columns.push("category");
        }
        Ok(KwicWriter {
            format,
            table: TableWriter::new(format, out, &columns)?,
            categorised,
        })
    }

    pub(crate) fn write(&mut self, row: &KwicRow) -> io::Result<()> {
        self.write_categorised(row, None)
    }

    /// Writes a line with its category (`1 relevant`; none: empty), when the writer has
    /// the column.
    pub(crate) fn write_categorised(
        &mut self,
        row: &KwicRow,
        category: Option<&str>,
    ) -> io::Result<()> {
        let mut cells = match self.format {
            Format::Tsv => vec![Cell::from(format!("{}:{}", row.path, row.line))],
            _ => vec![Cell::from(row.path.as_str()), row.line.into()],
        };
        cells.extend([
            Cell::from(row.left.as_str()),
            Cell::from(row.hit.as_str()),
            Cell::from(row.right.as_str()),
        ]);
        if self.categorised {
            cells.push(Cell::from(category.unwrap_or_default()));
        }
        self.table.row(&cells)
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }
}
