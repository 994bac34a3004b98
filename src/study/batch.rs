//! Batch search: a list of queries (one a line, say a list of names) searched in one go,
//! each counted as `--count` counts (documents and hits, by group). `--batch FILE` prints
//! them; the browser's batch view shows a row per query. A line that is not a query is
//! reported with its number and the rest still run.

use super::counts::{Breakdown, GroupRow};
use super::export::{Cell, Format, TableWriter};
use super::groups::By;
use super::matching::{Scope, term_labels};
use super::word_scope::{WordsFound, WordsRequest};
use super::words::counted::PartSize;
use crate::search::query::{Matching, Query};
use crate::search::text::terms::positive_terms;
use crate::work::job::Cancel;
use crate::work::pool;
use std::io::{self, Write};
use std::path::Path;

/// One query of a batch: the line it is on (from 1) and the query.
#[derive(Clone, Debug)]
pub(crate) struct BatchQuery {
    pub line: usize,
    pub query: Query,
}

/// A line of a batch that is not a query: its number and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BadLine {
    pub line: usize,
    pub why: String,
}

/// A batch file read: its queries, and the lines that are not queries. Blank lines and
/// lines starting with `#` are neither.
pub(crate) fn read_batch(text: &str, matching: Matching) -> (Vec<BatchQuery>, Vec<BadLine>) {
    let mut queries = Vec::new();
    let mut bad = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        let typed = line.trim();
        if typed.is_empty() || typed.starts_with('#') {
            continue;
        }
        let query = Query::parse_with(typed, matching);
        let why = match query.problem() {
            Some(problem) => Some(problem.to_string()),
            None if positive_terms(&query).is_empty() => {
                Some("no term to look for (a !term alone finds no hit)".to_string())
            }
            None => None,
        };
        match why {
            Some(why) => bad.push(BadLine {
                line: line_number,
                why,
            }),
            None => queries.push(BatchQuery {
                line: line_number,
                query,
            }),
        }
    }
    (queries, bad)
}

/// A batch file read for the browser's view: its name as typed, its queries and the lines
/// that are not queries.
#[derive(Debug)]
pub(crate) struct BatchAsk {
    pub name: String,
    pub queries: Vec<BatchQuery>,
    pub bad: Vec<BadLine>,
}

/// A row of the batch view: a query (as typed), its line, its documents and hits in the
/// subcorpus.
#[derive(Clone, Debug)]
pub struct BatchRow {
    pub query: String,
    pub line: usize,
    pub documents: usize,
    pub hits: usize,
}

/// Makes the batch view's rows: each query counted in turn (progress after each), then the
/// rows in line order, with the number of queries as the size.
pub(crate) fn serve_batch(
    request: &WordsRequest,
    cancel: &Cancel,
    deliver: &dyn Fn(WordsFound<BatchRow>),
) {
    let Some(batch) = &request.batch else {
        return;
    };
    let mut scope = request.scope.clone();
    // The view shows each query's totals: the grouping is not looked at.
    let root = Path::new("");
    let total = batch.queries.len();
    let mut rows = Vec::with_capacity(total);
    for (done, asked) in batch.queries.iter().enumerate() {
        let Some(found) = count_one(
            &mut scope,
            &asked.query,
            &By::Folder,
            root,
            pool::workers(),
            cancel,
        ) else {
            return;
        };
        rows.push(BatchRow {
            query: asked.query.typed().trim().to_string(),
            line: asked.line,
            documents: found.documents,
            hits: found.hits,
        });
        deliver(WordsFound {
            stage: "searching",
            done: done + 1,
            total,
            rows: None,
            sizes: [PartSize::default(); 2],
        });
    }
    let size = PartSize {
        documents: total,
        words: 0,
    };
    deliver(WordsFound::complete(rows, [size, PartSize::default()]));
}

/// Writes the batch view's rows: `QUERY<TAB>LINE<TAB>DOCUMENTS<TAB>HITS`.
pub(crate) fn write_batch_rows(
    format: Format,
    out: &mut impl Write,
    rows: &[BatchRow],
) -> io::Result<()> {
    let mut table = TableWriter::new(format, out, &["query", "line", "documents", "hits"])?;
    for row in rows {
        table.row(&[
            Cell::from(row.query.as_str()),
            Cell::from(row.line),
            Cell::from(row.documents),
            Cell::from(row.hits),
        ])?;
    }
    table.flush()
}

/// What one query of a batch found: its documents and hits in all, and by group.
#[derive(Clone, Debug)]
pub(crate) struct BatchFound {
    pub documents: usize,
    pub hits: usize,
    pub breakdown: Breakdown,
}

/// Counts `query` in `scope` (whose own query is set to it), grouped `by` (groups under
/// `root`). None if cancelled first.
pub(crate) fn count_one(
    scope: &mut Scope,
    query: &Query,
    by: &By,
    root: &Path,
    workers: usize,
    cancel: &Cancel,
) -> Option<BatchFound> {
    scope.query = query.clone();
    // The matches a scope may carry are another query's.
    scope.matching = None;
    let counts = scope.counts(workers, cancel, |_| {})?;
    let hits = counts
        .iter()
        .map(|(_, hits)| hits.iter().sum::<usize>())
        .sum();
    let labels = term_labels(query);
    let breakdown = Breakdown::of(&scope.docs, root, &counts, by.clone(), labels, None);
    Some(BatchFound {
        documents: counts.len(),
        hits,
        breakdown,
    })
}

/// The columns of a batch's table.
pub(crate) const BATCH_COLUMNS: [&str; 4] = ["query", "group", "documents", "hits"];

/// Writes batch results as `QUERY<TAB>GROUP<TAB>DOCUMENTS<TAB>HITS`, a row per group with a
/// hit, in group order; a query found nowhere is one row, group `(all)`, with zeros.
pub(crate) struct BatchWriter<W: Write> {
    table: TableWriter<W>,
}

impl<W: Write> BatchWriter<W> {
    pub(crate) fn new(format: Format, out: W) -> io::Result<BatchWriter<W>> {
        let table = TableWriter::new(format, out, &BATCH_COLUMNS)?;
        Ok(BatchWriter { table })
    }

    pub(crate) fn write(&mut self, query: &Query, found: &BatchFound) -> io::Result<()> {
        let typed = query.typed().trim();
        let none = GroupRow {
            group: "(all)".to_string(),
            ..GroupRow::default()
        };
        let rows = match found.breakdown.rows.is_empty() {
            true => std::slice::from_ref(&none),
            false => &found.breakdown.rows,
        };
        for row in rows {
            self.table.row(&[
                Cell::from(typed),
                Cell::from(row.group.as_str()),
                Cell::from(row.documents),
                Cell::from(row.total()),
            ])?;
        }
        Ok(())
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.table.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_queries_or_say_why_not() {
        let text = "Tony Blair\n\n# a comment\n\"Gordon Brown\"\n/unclosed(/\n!only\n  yukos  \n";
        let (queries, bad) = read_batch(text, Matching::Fuzzy);
        let lines: Vec<(usize, &str)> = queries.iter().map(|q| (q.line, q.query.typed())).collect();
        assert_eq!(
            lines,
            [(1, "Tony Blair"), (4, "\"Gordon Brown\""), (7, "yukos")]
        );
        assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), [5, 6]);
        assert!(bad[0].why.contains("bad regex"));
    }
}
