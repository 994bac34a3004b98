//! Writing rows out for other programs, in one of three formats: TSV (what `--search` has
//! always printed: cells joined by tabs, no heading), CSV (RFC 4180 by the `csv` crate, with a
//! heading row) or JSON Lines (one object per row, keyed by the column names). The command
//! line's printing modes and the interface's export both write through it, so a file saved
//! from a view holds what the command line prints.

use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// A format for rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Tsv,
    Csv,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        match name.to_ascii_lowercase().as_str() {
            "tsv" => Ok(Format::Tsv),
            "csv" => Ok(Format::Csv),
            "jsonl" | "ndjson" | "json" => Ok(Format::Jsonl),
            other => Err(format!("unknown format {other:?}: tsv, csv or jsonl")),
        }
    }
}

impl Format {
    /// The format a file name asks for by its extension (`.tsv`, `.txt`, `.csv`, `.jsonl`,
    /// `.ndjson`, `.json`), if it names one.
    pub fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "tab" => Some(Format::Tsv),
            other => other.parse().ok(),
        }
    }
}

/// One cell of a row.
#[derive(Clone, Debug)]
pub(crate) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(u64),
    Score(f64),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::Text(Cow::Owned(text))
    }
}

impl From<usize> for Cell<'_> {
    fn from(number: usize) -> Self {
        Cell::Number(number as u64)
    }
}

impl Cell<'_> {
    fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Number(number) => Cow::Owned(number.to_string()),
            Cell::Score(score) => Cow::Owned(format!("{score:.3}")),
        }
    }

    fn as_json(&self) -> Value {
        match self {
            Cell::Text(text) => Value::String(text.to_string()),
            Cell::Number(number) => Value::from(*number),
            Cell::Score(score) => Value::from((score * 1000.0).round() / 1000.0),
        }
    }
}

/// Rows of named columns written to `out` in a format.
pub(crate) struct TableWriter<W: Write> {
    columns: Vec<String>,
    sink: Sink<W>,
}

/// The CSV writer's error as the output's: a write's own error as it was (a closed pipe stays
/// a closed pipe, which ends the output quietly), anything else wrapped.
fn csv_error(error: csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

enum Sink<W: Write> {
    Tsv(W),
    /// Boxed: the CSV writer carries its buffer's state.
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

impl<W: Write> TableWriter<W> {
    /// A table of `columns` written to `out` as `format` says (CSV starts with the heading).
    pub(crate) fn new(format: Format, out: W, columns: &[&str]) -> io::Result<TableWriter<W>> {
        let sink = match format {
            Format::Tsv => Sink::Tsv(out),
            Format::Jsonl => Sink::Jsonl(out),
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns).map_err(csv_error)?;
                Sink::Csv(Box::new(writer))
            }
        };
        Ok(TableWriter {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            sink,
        })
    }

    /// Writes one row: its cells in the order of the columns.
    pub(crate) fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Tsv(out) => {
                for (at, cell) in cells.iter().enumerate() {
                    if at > 0 {
                        out.write_all(b"\t")?;
                    }
                    let text = cell.as_text();
                    // Cells are shown text (no line breaks); a tab would shift the columns.
                    match text.contains(['\t', '\n', '\r']) {
                        true => out.write_all(text.replace(['\t', '\n', '\r'], " ").as_bytes())?,
                        false => out.write_all(text.as_bytes())?,
                    }
                }
                out.write_all(b"\n")
            }
            Sink::Csv(writer) => writer
                .write_record(cells.iter().map(|cell| cell.as_text().into_owned()))
                .map_err(csv_error),
            Sink::Jsonl(out) => {
                // Written by hand to keep the columns' order (serde_json's map sorts keys).
                out.write_all(b"{")?;
                for (at, (name, cell)) in self.columns.iter().zip(cells).enumerate() {
                    if at > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, name)?;
                    out.write_all(b":")?;
                    serde_json::to_writer(&mut *out, &cell.as_json())?;
                }
                out.write_all(b"}\n")
            }
        }
    }

    /// Writes out what is buffered.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Tsv(out) | Sink::Jsonl(out) => out.flush(),
            Sink::Csv(writer) => writer.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(format: Format) -> String {
        let mut out = Vec::new();
        let mut table = TableWriter::new(format, &mut out, &["group", "hits"])
            .unwrap_or_else(|error| panic!("{error}"));
        for (group, hits) in [("a, \"b\"", 3usize), ("c\td", 4)] {
            table
                .row(&[group.into(), hits.into()])
                .unwrap_or_else(|error| panic!("{error}"));
        }
        table.flush().unwrap_or_else(|error| panic!("{error}"));
        drop(table);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn each_format_writes_the_rows_its_way() {
        assert_eq!(written(Format::Tsv), "a, \"b\"\t3\nc d\t4\n");
        assert_eq!(
            written(Format::Csv),
            "group,hits\n\"a, \"\"b\"\"\",3\nc\td,4\n"
        );
        assert_eq!(
            written(Format::Jsonl),
            "{\"group\":\"a, \\\"b\\\"\",\"hits\":3}\n{\"group\":\"c\\td\",\"hits\":4}\n"
        );
        assert_eq!(Format::of_path(Path::new("out.CSV")), Some(Format::Csv));
        assert_eq!(Format::of_path(Path::new("out")), None);
    }
}
