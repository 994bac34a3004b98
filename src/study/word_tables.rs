//! The word list, keywords and n-grams as tables (TSV, CSV, JSON Lines), through the one table
//! writer: what `--wordlist`, `--keywords` and `--ngrams` print and what `w` saves of their
//! views. Here rather than beside the counting (`words`), which knows nothing of writing.

use super::export::{Cell, Format, TableWriter};
use super::words::keyness::KeywordRow;
use super::words::ngrams::NgramRow;
use super::words::wordlist::WordRow;
use std::io::{self, Write};

/// The word list's columns, as CSV's heading and JSON Lines' keys.
pub(crate) const WORDLIST_COLUMNS: &[&str] = &["word", "hits", "per_million", "documents", "dp"];

/// Writes the word list's `rows` to `out` in `format`.
pub(crate) fn write_word_list(format: Format, out: impl Write, rows: &[WordRow]) -> io::Result<()> {
    let mut table = TableWriter::new(format, out, WORDLIST_COLUMNS)?;
    for row in rows {
        table.row(&[
            Cell::from(&*row.word),
            Cell::Number(row.hits),
            Cell::Score(row.per_million),
            Cell::Number(u64::from(row.documents)),
            Cell::Score(row.dp),
        ])?;
    }
    table.flush()
}

/// The keywords' columns, as CSV's heading and JSON Lines' keys.
pub(crate) const KEYWORD_COLUMNS: &[&str] = &[
    "word",
    "target_hits",
    "target_per_million",
    "reference_hits",
    "reference_per_million",
    "log_likelihood",
    "log_ratio",
    "percent_diff",
];

/// Writes the keywords `rows` to `out` in `format`.
pub(crate) fn write_keywords(
    format: Format,
    out: impl Write,
    rows: &[KeywordRow],
) -> io::Result<()> {
    let mut table = TableWriter::new(format, out, KEYWORD_COLUMNS)?;
    for row in rows {
        table.row(&[
            Cell::from(&*row.word),
            Cell::Number(row.target_hits),
            Cell::Score(row.target_per_million),
            Cell::Number(row.reference_hits),
            Cell::Score(row.reference_per_million),
            Cell::Score(row.log_likelihood),
            Cell::Score(row.log_ratio),
            Cell::Score(row.percent_diff),
        ])?;
    }
    table.flush()
}

/// The n-grams' columns, as CSV's heading and JSON Lines' keys.
pub(crate) const NGRAM_COLUMNS: &[&str] = &["ngram", "hits", "documents", "dp"];

/// Writes the n-grams `rows` to `out` in `format`.
pub(crate) fn write_ngrams(format: Format, out: impl Write, rows: &[NgramRow]) -> io::Result<()> {
    let mut table = TableWriter::new(format, out, NGRAM_COLUMNS)?;
    for row in rows {
        table.row(&[
            Cell::from(&*row.ngram),
            Cell::Number(row.hits),
            Cell::Number(u64::from(row.documents)),
            Cell::Score(row.dp),
        ])?;
    }
    table.flush()
}
