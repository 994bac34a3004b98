//! Keyword-in-context lines as other programs take them: `PATH:LINE<TAB>LEFT<TAB>HIT<TAB>RIGHT`
//! (TSV), or the same with the path and line apart (CSV, JSON Lines), a set number of
//! characters each side. `--kwic` prints them; the concordance view exports them.

use super::context::{Neighbourhood, Reach, first_chars, last_chars};
use super::export::{Cell, Format, TableWriter};
use super::hit::CorpusHit;
use crate::corpus::DocMeta;
use crate::corpus::source::Source;
use std::io::{self, Write};

/// Characters of context each side unless `--context` says otherwise.
pub const DEFAULT_CONTEXT: usize = 40;

/// One line of a concordance, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicRow {
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
pub fn rows_of(
    doc: &DocMeta,
    source: &mut Source,
    hits: &[CorpusHit],
    lines: Option<&[usize]>,
    context: usize,
) -> io::Result<Vec<KwicRow>> {
    let path = match doc.record {
        Some(_) => crate::text::sanitize::sanitize_line(&doc.path.to_string_lossy()),
        None => doc.display_path().into_owned(),
    };
    let mut neighbourhood = Neighbourhood::new(source);
    let mut rows = Vec::with_capacity(hits.len());
    for (at, hit) in hits.iter().enumerate() {
        let line = match (doc.record, lines.and_then(|lines| lines.get(at))) {
            (Some(record), _) => record.line as usize,
            (None, Some(&line)) => line,
            (None, None) => neighbourhood.line_of(hit.start())?,
        };
        let around = neighbourhood.around(hit.start(), hit.range(), Reach::Chars(context))?;
        rows.push(KwicRow {
            path: path.clone(),
            line,
            left: last_chars(&around.before, context).to_string(),
            hit: around.hit,
            right: first_chars(&around.after, context).to_string(),
        });
    }
    Ok(rows)
}

/// Concordance lines written in a format.
pub struct KwicWriter<W: Write> {
    format: Format,
    table: TableWriter<W>,
}

impl<W: Write> KwicWriter<W> {
    pub fn new(format: Format, out: W) -> io::Result<KwicWriter<W>> {
        let columns: &[&str] = match format {
            Format::Tsv => &TSV_COLUMNS,
            _ => &COLUMNS,
        };
        Ok(KwicWriter {
            format,
            table: TableWriter::new(format, out, columns)?,
        })
    }

    pub fn write(&mut self, row: &KwicRow) -> io::Result<()> {
        let texts = [
            Cell::from(row.left.as_str()),
            Cell::from(row.hit.as_str()),
            Cell::from(row.right.as_str()),
        ];
        match self.format {
            Format::Tsv => {
                let place = Cell::from(format!("{}:{}", row.path, row.line));
                let [left, hit, right] = texts;
                self.table.row(&[place, left, hit, right])
            }
            _ => {
                let [left, hit, right] = texts;
                let path = Cell::from(row.path.as_str());
                self.table.row(&[path, row.line.into(), left, hit, right])
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }
}
