//! Printing for other programs: documents as `PATH<TAB>TITLE`, search results as
//! `PATH<TAB>HITS<TAB>TITLE` (or either as CSV or JSON Lines, through `study::export`), paths
//! alone one per line or NUL-separated (`-0`), and skipped files on stderr. Everything shown
//! passes through the sanitizer, except paths written into a pipe or a file, which are the
//! files' own bytes (unless a name holds a control character: see [`write_path`]).

use crate::corpus::store::DocStore;
use crate::corpus::{Doc, Skipped, Skips};
use crate::search::text::TextMatch;
use crate::study::export::{Cell, Format, TableWriter};
use crate::text::sanitize::{sanitize_line, sanitized};
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

/// True when standard output is a pipe whose reader has gone (`folio --list | head -1` after
/// its line): a write would fail, and nothing written would be read.
pub(super) fn output_closed() -> bool {
    let mut poll = libc::pollfd {
        fd: libc::STDOUT_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: poll reads and writes the one pollfd given, alive for the call; a timeout of 0
    // never blocks.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & (libc::POLLERR | libc::POLLHUP) != 0
}

/// Tells each of `skipped` on stderr, as it comes (`--list --verbose` streams them all).
pub(super) fn report_each(skipped: &[Skipped]) {
    for skipped in skipped {
        eprintln!(
            "folio: skipped {}: {}",
            sanitize_line(&skipped.path.to_string_lossy()),
            sanitize_line(&skipped.reason)
        );
    }
}

/// Tells, on stderr, every file that was skipped and why.
pub(super) fn report_skipped(skipped: &Skips) {
    report_each(skipped.kept());
    if skipped.unlisted() > 0 {
        eprintln!(
            "folio: skipped {} more (the first {} are listed)",
            skipped.unlisted(),
            Skips::KEPT
        );
    }
}

/// Documents as a table for other programs, in a format.
pub(super) struct DocumentRows<W: Write> {
    table: TableWriter<W>,
}

impl<W: Write> DocumentRows<W> {
    pub(super) fn new(format: Format, out: W) -> io::Result<DocumentRows<W>> {
        Ok(DocumentRows {
            table: TableWriter::new(format, out, &["path", "title"])?,
        })
    }

    pub(super) fn print<'a>(&mut self, docs: impl Iterator<Item = Doc<'a>>) -> io::Result<()> {
        for doc in docs {
            self.table
                .row(&[Cell::Text(doc.display_path()), Cell::from(doc.title())])?;
        }
        Ok(())
    }

    pub(super) fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }
}

/// True when paths go out as their own bytes: into a pipe or a file, not onto a terminal,
/// where a name's bytes could drive it.
fn raw_paths() -> bool {
    !io::stdout().is_terminal()
}

/// Writes a document's path: its own bytes when `raw` (as ripgrep and fd print them, so
/// `xargs` finds a file whose name is not UTF-8), else made safe to show; a record's with
/// its line number. In a table (`in_row`), a name holding a control character is shown made
/// safe even so: its line break or tab would break the rows, and its escape sequences would
/// reach the terminal of whoever reads the table (`-0` writes such names as they are).
fn write_path(out: &mut impl Write, doc: Doc<'_>, raw: bool, in_row: bool) -> io::Result<()> {
    let bytes = doc.path.as_os_str().as_encoded_bytes();
    let raw = raw && !(in_row && needs_sanitizing(bytes));
    match (raw, doc.record) {
        (true, None) => out.write_all(doc.path.as_os_str().as_encoded_bytes()),
        (true, Some(record)) => {
            out.write_all(doc.path.as_os_str().as_encoded_bytes())?;
            write!(out, ":{}", record.line)
        }
        (false, _) => out.write_all(doc.display_path().as_bytes()),
    }
}

/// Whether a name holds a character the sanitizer would not let through: a control (C0,
/// DEL, C1), a bidirectional or other format character. Bytes that are not UTF-8 are not
/// themselves such a character.
fn needs_sanitizing(bytes: &[u8]) -> bool {
    let name = String::from_utf8_lossy(bytes);
    // Printable ASCII, most names, is borrowed as it is: no copy for each row.
    match sanitized(&name) {
        Cow::Borrowed(_) => false,
        Cow::Owned(safe) => safe != *name,
    }
}

/// Prints `PATH<TAB>TITLE` for each document, the path as its own bytes into a pipe (see
/// [`write_path`]).
pub(super) fn print_rows<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = Doc<'a>>,
) -> io::Result<()> {
    let raw = raw_paths();
    for doc in docs {
        write_path(out, doc, raw, true)?;
        writeln!(out, "\t{}", doc.title())?;
    }
    Ok(())
}

/// How wide the passage of a JSON line is, in columns: a wide row's.
const PASSAGE_COLUMNS: usize = 160;

/// Prints `--search` results: `PATH<TAB>HITS<TAB>TITLE`, or as CSV or JSON lines with the
/// score and the passage too.
pub(super) fn print_found(
    out: &mut impl Write,
    docs: &DocStore,
    found: &[TextMatch],
    format: Format,
) -> io::Result<()> {
    if format == Format::Tsv {
        let raw = raw_paths();
        for found in found {
            let doc = docs.at(found.index);
            write_path(out, doc, raw, true)?;
            writeln!(out, "\t{}\t{}", found.hits, doc.title())?;
        }
        return Ok(());
    }
    let columns = ["path", "title", "hits", "score", "passage"];
    let mut table = TableWriter::new(format, out, &columns)?;
    for found in found {
        let doc = docs.at(found.index);
        table.row(&[
            Cell::Text(doc.display_path()),
            Cell::from(doc.title()),
            Cell::from(found.hits),
            Cell::Score(found.score),
            Cell::from(found.passage.fitted(PASSAGE_COLUMNS)),
        ])?;
    }
    table.flush()
}

/// Prints documents' paths, each followed by `end` (a line break, or NUL for `-0`): as they
/// are into a pipe (for `xargs`, `vim $(…)`), made safe to show on a terminal.
pub(super) fn print_paths<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = Doc<'a>>,
    end: u8,
) -> io::Result<()> {
    let raw = raw_paths();
    for doc in docs {
        // One a line: a line break in a name would split it, so such names are shown safe
        // (with -0, NUL ends each path and every name goes as it is).
        write_path(out, doc, raw, end != 0)?;
        out.write_all(&[end])?;
    }
    Ok(())
}
