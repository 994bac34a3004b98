//! Printing for other programs: documents as `PATH<TAB>TITLE`, search results as
//! `PATH<TAB>HITS<TAB>TITLE` (or either as CSV or JSON Lines, through `study::export`), chosen
//! paths one per line, and skipped files on stderr. Everything shown passes through the
//! sanitizer, except chosen paths written into a pipe, which are the files' own bytes.

use crate::corpus::store::DocStore;
use crate::corpus::{DocMeta, Skipped};
use crate::search::text::TextMatch;
use crate::study::export::{Cell, Format, TableWriter};
use crate::text::sanitize::sanitize_line;
use std::io::{self, IsTerminal, Write};

/// Tells, on stderr, every file that was skipped and why.
pub fn report_skipped(skipped: &[Skipped]) {
    for skipped in skipped {
        eprintln!(
            "folio: skipped {}: {}",
            sanitize_line(&skipped.path.to_string_lossy()),
            sanitize_line(&skipped.reason)
        );
    }
}

/// Documents as a table for other programs, in a format.
pub struct DocumentRows<W: Write> {
    table: TableWriter<W>,
}

impl<W: Write> DocumentRows<W> {
    pub fn new(format: Format, out: W) -> io::Result<DocumentRows<W>> {
        Ok(DocumentRows {
            table: TableWriter::new(format, out, &["path", "title"])?,
        })
    }

    pub fn print<'a>(&mut self, docs: impl Iterator<Item = &'a DocMeta>) -> io::Result<()> {
        for doc in docs {
            self.table
                .row(&[Cell::Text(doc.display_path()), Cell::from(&*doc.title)])?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }
}

/// Prints `PATH<TAB>TITLE` for each document.
pub fn print_rows<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = &'a DocMeta>,
) -> io::Result<()> {
    // The records of a JSON Lines file share one path: it is made safe to print once.
    let mut shown: Option<(&std::path::Path, String)> = None;
    for doc in docs {
        match doc.record {
            Some(record) => {
                if shown.as_ref().is_none_or(|(path, _)| *path != &*doc.path) {
                    shown = Some((&doc.path, sanitize_line(&doc.path.to_string_lossy())));
                }
                let path = shown.as_ref().map_or("", |(_, text)| text.as_str());
                writeln!(out, "{path}:{}\t{}", record.line, doc.title)?;
            }
            None => writeln!(out, "{}\t{}", doc.display_path(), doc.title)?,
        }
    }
    Ok(())
}

/// How wide the passage of a JSON line is, in columns: a wide row's.
const PASSAGE_COLUMNS: usize = 160;

/// Prints `--search` results: `PATH<TAB>HITS<TAB>TITLE`, or as CSV or JSON lines with the
/// score and the passage too.
pub fn print_found(
    out: &mut impl Write,
    docs: &DocStore,
    found: &[TextMatch],
    format: Format,
) -> io::Result<()> {
    if format == Format::Tsv {
        for found in found {
            let doc = &docs[found.index];
            writeln!(out, "{}\t{}\t{}", doc.display_path(), found.hits, doc.title)?;
        }
        return Ok(());
    }
    let columns = ["path", "title", "hits", "score", "passage"];
    let mut table = TableWriter::new(format, out, &columns)?;
    for found in found {
        let doc = &docs[found.index];
        table.row(&[
            Cell::Text(doc.display_path()),
            Cell::from(&*doc.title),
            Cell::from(found.hits),
            Cell::Score(found.score),
            Cell::from(found.passage.fitted(PASSAGE_COLUMNS)),
        ])?;
    }
    table.flush()
}

/// Prints the chosen documents' paths, one per line: as they are into a pipe (for `xargs`,
/// `vim $(…)`), made safe to show when standard output is a terminal.
pub fn print_paths<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = &'a DocMeta>,
) -> io::Result<()> {
    let raw = !io::stdout().is_terminal();
    for doc in docs {
        match (raw, doc.record) {
            (true, None) => out.write_all(doc.path.as_os_str().as_encoded_bytes())?,
            (true, Some(record)) => {
                out.write_all(doc.path.as_os_str().as_encoded_bytes())?;
                write!(out, ":{}", record.line)?;
            }
            (false, _) => out.write_all(doc.display_path().as_bytes())?,
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}
