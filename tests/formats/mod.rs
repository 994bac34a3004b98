//! Documents as they come, made here from real text with the real tools — pandoc for HTML,
//! DOCX, ODT and EPUB, lopdf (a PDF writer) for PDF, and e-mails written by hand with their
//! MIME parts encoded as mail programs encode them — and read back by folio: every word
//! counted equal to the source text's (the oracle: the text split into words here, and
//! poppler's `pdftotext` for the PDF), titles and dates from the formats' own metadata, pages
//! in the reader and in citations, fields for grouping; then hostile files, each bounded and
//! skipped with its reason while the rest loads (`hostile.rs`).

mod hostile;
mod made;
mod pdf_writer;

use crate::common::{folio_command, words_of};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Runs an external tool the tests need (`.ci/run` installs them), failing clearly when it
/// is missing or fails.
pub(crate) fn tool(program: &str, args: &[&str], dir: &Path) {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("{program} is needed (.ci/run installs it): {error}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Each word's count in `text`, as the oracle splits words.
pub(crate) fn counted(text: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for word in words_of(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Each word's count in the documents under `dir`, as folio's word list says (`--no-cache`:
/// read, not recalled).
pub(crate) fn folio_counts(dir: &Path, extra: &[&str]) -> BTreeMap<String, u64> {
    let output = folio_command()
        .args(["--wordlist", "--no-cache"])
        .args(extra)
        .arg(".")
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let word = cells.next()?.to_string();
            let hits = cells.next()?.replace(',', "").parse().ok()?;
            Some((word, hits))
        })
        .collect()
}

/// The words whose counts differ, with both counts, to show in a failure.
pub(crate) fn differences(
    expected: &BTreeMap<String, u64>,
    got: &BTreeMap<String, u64>,
) -> Vec<(String, u64, u64)> {
    let words: std::collections::BTreeSet<&String> = expected.keys().chain(got.keys()).collect();
    words
        .into_iter()
        .filter_map(|word| {
            let (a, b) = (
                expected.get(word).copied().unwrap_or(0),
                got.get(word).copied().unwrap_or(0),
            );
            (a != b).then(|| (word.clone(), a, b))
        })
        .collect()
}
