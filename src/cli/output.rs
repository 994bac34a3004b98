//! Printing for other programs: documents as `PATH<TAB>TITLE`, search results as
//! `PATH<TAB>HITS<TAB>TITLE` or JSON lines, chosen paths one per line, and skipped files on
//! stderr. Everything shown passes through the sanitizer, except chosen paths written into a
//! pipe, which are the files' own bytes.

use crate::corpus::store::DocStore;
use crate::corpus::{DocMeta, Skipped};
use crate::search::text::TextMatch;
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

/// Prints `--search` results: `PATH<TAB>HITS<TAB>TITLE`, or JSON lines with the score and the
/// passage too.
pub fn print_found(
    out: &mut impl Write,
    docs: &DocStore,
    found: &[TextMatch],
    json: bool,
) -> io::Result<()> {
    for found in found {
        let doc = &docs[found.index];
        if json {
            let line = serde_json::json!({
                "path": doc.display_path(),
                "title": &*doc.title,
                "hits": found.hits,
                "score": (found.score * 1000.0).round() / 1000.0,
                "passage": found.passage.fitted(PASSAGE_COLUMNS),
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{}\t{}\t{}", doc.display_path(), found.hits, doc.title)?;
        }
    }
    Ok(())
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
