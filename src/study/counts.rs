//! Counts of a query over groups of documents (folders at any depth, years, months, a field's
//! values): how many documents match in each group, and how many hits and documents each term
//! looked for has there, one column per alternative of `a | b`. Made from the matching
//! documents' counts, which the text search already knows, so it costs one search. Given the
//! scope's sizes, every group of the scope is a row (a group without a hit a row of zeros),
//! with its size in documents and words and its hits per million words.

use super::groups::{By, group_order};
use super::matching::{DocCounts, Scope, term_labels};
use crate::corpus::store::DocStore;
use crate::work::job::{Cadence, Cancel};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Counts to make in the background, by every grouping there is.
#[derive(Debug)]
pub(crate) struct CountsRequest {
    pub scope: Scope,
    /// The path the documents were found under (folders are named under it).
    pub root: PathBuf,
    /// The field grouped by (`--group-by`), if any.
    pub field: Option<String>,
}

/// Counts made, or how far the search for them has got.
#[derive(Debug)]
pub(crate) struct Counted {
    /// By folder, year, month (and the field), once complete; empty until then.
    pub breakdowns: Vec<Breakdown>,
    pub scanned: usize,
    pub total: usize,
    pub done: bool,
}

/// Makes the counts `request` asks for, reporting progress to `deliver` and then the counts by
/// every grouping (so switching between them costs nothing). Stops once cancelled.
pub(crate) fn serve(
    request: &CountsRequest,
    workers: usize,
    cancel: &Cancel,
    deliver: &dyn Fn(Counted),
) {
    let scope = &request.scope;
    let total = scope.docs.len();
    let mut cadence = Cadence::start();
    let found = scope.counts(workers, cancel, |scanned| {
        if cadence.due(false, 1) {
            deliver(Counted {
                breakdowns: Vec::new(),
                scanned,
                total,
                done: false,
            });
        }
    });
    let Some(found) = found else {
        return;
    };
    // Every group of the scope is a row, with its size: each document's words (from the
    // index where it is built).
    let within = scope.flags();
    let Some(words) = scope.doc_words(workers, cancel) else {
        return;
    };
    let sizes = || {
        Some(Sizes {
            within: &within,
            words: &words,
        })
    };
    let terms = term_labels(&scope.query);
    let breakdowns = By::all(request.field.as_deref())
        .into_iter()
        .map(|by| {
            Breakdown::of(
                &scope.docs,
                &request.root,
                &found,
                by,
                terms.clone(),
                sizes(),
            )
        })
        .collect();
    deliver(Counted {
        breakdowns,
        scanned: total,
        total,
        done: true,
    });
}

/// One group's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupRow {
    pub group: String,
    /// Matching documents in the group.
    pub documents: usize,
    /// Hits of each term looked for.
    pub hits: Vec<usize>,
    /// Documents with a hit of each term looked for.
    pub term_documents: Vec<usize>,
    /// The group's documents and words in all (0 when its size was not asked for).
    pub group_documents: usize,
    pub group_words: u64,
}

impl GroupRow {
    /// Hits of all the terms.
    pub fn total(&self) -> usize {
        self.hits.iter().sum()
    }

    /// Hits per million of the group's words (0 for a group of no words).
    pub fn per_million(&self) -> f64 {
        crate::study::words::per_million(self.total() as u64, self.group_words)
    }
}

/// The scope counts are made over: which documents are in it and each one's words.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sizes<'a> {
    pub within: &'a [bool],
    pub words: &'a [u32],
}

/// Counts by one grouping, the groups in order (`(none)` last): every group of the scope when
/// its sizes were given, else only groups with matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakdown {
    pub by: By,
    /// The terms, as written: the columns of `hits`.
    pub terms: Vec<String>,
    pub rows: Vec<GroupRow>,
    /// Whether the rows have their groups' sizes.
    pub sized: bool,
}

impl Breakdown {
    /// The counts of `matching` (documents of `docs`, found under `root`) grouped `by`; with
    /// `sizes`, a row for every group of that scope.
    pub(crate) fn of(
        docs: &DocStore,
        root: &Path,
        matching: &[DocCounts],
        by: By,
        terms: Vec<String>,
        sizes: Option<Sizes>,
    ) -> Breakdown {
        let mut groups = Groups::default();
        let mut grouper = Grouper {
            docs,
            root,
            by: &by,
            last_folder: None,
        };
        let width = terms.len();
        if let Some(sizes) = sizes {
            let inside = sizes
                .within
                .iter()
                .enumerate()
                .filter(|(_, within)| **within);
            for (doc, _) in inside {
                if let Some(row) = grouper.row(doc, &mut groups, width) {
                    row.group_documents += 1;
                    row.group_words += u64::from(sizes.words.get(doc).copied().unwrap_or(0));
                }
            }
        }
        for (index, counts) in matching {
            let Some(row) = grouper.row(*index, &mut groups, width) else {
                continue;
            };
            row.documents += 1;
            let each = row.hits.iter_mut().zip(&mut row.term_documents);
            for ((sum, with), &count) in each.zip(counts) {
                *sum += count;
                *with += usize::from(count > 0);
            }
        }
        let mut rows = groups.rows;
        rows.sort_by(|a, b| group_order(&a.group, &b.group));
        Breakdown {
            by,
            terms,
            rows,
            sized: sizes.is_some(),
        }
    }

    /// The largest number of hits in a group: the length of the longest bar.
    pub fn most_hits(&self) -> usize {
        self.rows.iter().map(GroupRow::total).max().unwrap_or(0)
    }
}

/// The rows made so far, found by their group's name; the last one found is tried first
/// (documents of a group often come together: a file's records, a folder's files).
#[derive(Default)]
struct Groups {
    rows: Vec<GroupRow>,
    by_name: FxHashMap<String, usize>,
    last: Option<usize>,
}

impl Groups {
    /// The row of `group` (made, for `width` terms, if new).
    fn row(&mut self, group: &str, width: usize) -> Option<&mut GroupRow> {
        let at = match self
            .last
            .filter(|&at| self.rows.get(at).is_some_and(|r| r.group == group))
        {
            Some(at) => at,
            None => match self.by_name.get(group) {
                Some(&at) => at,
                None => {
                    self.rows.push(GroupRow {
                        group: group.to_string(),
                        hits: vec![0; width],
                        term_documents: vec![0; width],
                        ..GroupRow::default()
                    });
                    self.by_name.insert(group.to_string(), self.rows.len() - 1);
                    self.rows.len() - 1
                }
            },
        };
        self.last = Some(at);
        self.rows.get_mut(at)
    }
}

/// Finds documents' groups; the records of one file are in one folder, whose name is found
/// once, not for each of a million records.
struct Grouper<'a> {
    docs: &'a DocStore,
    root: &'a Path,
    by: &'a By,
    last_folder: Option<(&'a Arc<Path>, String)>,
}

impl<'a> Grouper<'a> {
    /// The row of document `index`'s group in `groups` (made, for `width` terms, if new);
    /// a group's name is made into a `String` only for a new row.
    fn row<'g>(
        &mut self,
        index: usize,
        groups: &'g mut Groups,
        width: usize,
    ) -> Option<&'g mut GroupRow> {
        let group: Cow<str> = match self.by {
            By::Folder | By::Folders(_) => {
                // Only the path matters: a file's folder is found once for all its records.
                let path = self.docs.path_of(index)?;
                let known = |(last, _): &(&Arc<Path>, String)| Arc::ptr_eq(last, path);
                if !self.last_folder.as_ref().is_some_and(known) {
                    let folder = self.by.folder_of(path, self.root)?.into_owned();
                    self.last_folder = Some((path, folder));
                }
                Cow::Borrowed(self.last_folder.as_ref().map_or(".", |(_, f)| f.as_str()))
            }
            _ => self.by.group_of(self.docs.get(index)?, self.root),
        };
        groups.row(&group, width)
    }
}

/// Writes counts as `GROUP<TAB>DOCUMENTS<TAB>HITS` (then each term's hits, when there are
/// several) in `format`; returns the rows written.
pub(crate) fn write_breakdown(
    format: super::export::Format,
    out: &mut impl std::io::Write,
    breakdown: &Breakdown,
) -> std::io::Result<usize> {
    use super::export::{Cell, TableWriter};
    let mut columns: Vec<String> = ["group", "documents", "hits"].map(String::from).to_vec();
    // `a | b`: the hits of each term too (and, after the sizes, its documents).
    let apart = breakdown.terms.len() > 1;
    if apart {
        columns.extend(breakdown.terms.iter().cloned());
    }
    if breakdown.sized {
        columns.extend(["group_documents", "group_words", "per_million"].map(String::from));
        if apart {
            columns.extend(
                breakdown
                    .terms
                    .iter()
                    .map(|term| format!("{term} documents")),
            );
        }
    }
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut table = TableWriter::new(format, out, &columns)?;
    for row in &breakdown.rows {
        let mut cells = vec![
            Cell::from(row.group.as_str()),
            Cell::from(row.documents),
            Cell::from(row.total()),
        ];
        if apart {
            cells.extend(row.hits.iter().map(|&hits| Cell::from(hits)));
        }
        if breakdown.sized {
            cells.push(Cell::from(row.group_documents));
            cells.push(Cell::Number(row.group_words));
            cells.push(Cell::Score(row.per_million()));
            if apart {
                cells.extend(row.term_documents.iter().map(|&with| Cell::from(with)));
            }
        }
        table.row(&cells)?;
    }
    table.flush()?;
    Ok(breakdown.rows.len())
}

/// A bar of `value` out of `most`, `columns` wide at most, in eighths of a cell (block
/// characters), so small differences show.
pub(crate) fn bar(value: usize, most: usize, columns: usize) -> String {
    if most == 0 || columns == 0 {
        return String::new();
    }
    let eighths = (value as u128 * columns as u128 * 8).div_ceil(most as u128) as usize;
    let mut bar = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    bar.push_str(PARTS[eighths % 8]);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocMeta;
    use crate::corpus::jsonl::RecordFields;

    #[test]
    fn counts_add_up_by_group_with_undated_documents_kept() {
        let doc = |path: &str, date: Option<&str>| DocMeta {
            date: date.map(Into::into),
            ..DocMeta::titled(Path::new(path), "t")
        };
        let docs = DocStore::new(
            vec![
                doc("/c/a/1.txt", Some("2021-01-02")),
                doc("/c/a/2.txt", Some("2021-02-02")),
                doc("/c/b/3.txt", None),
                doc("/c/4.txt", Some("2020-05-05")),
            ],
            RecordFields::default(),
        );
        let matching = vec![
            (0, vec![2, 1]),
            (1, vec![1, 0]),
            (2, vec![0, 4]),
            (3, vec![3, 3]),
        ];
        let terms = vec!["a".to_string(), "b".to_string()];
        let root = Path::new("/c");
        let folders = Breakdown::of(&docs, root, &matching, By::Folder, terms.clone(), None);
        let shown: Vec<(&str, usize, Vec<usize>)> = folders
            .rows
            .iter()
            .map(|row| (row.group.as_str(), row.documents, row.hits.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                (".", 1, vec![3, 3]),
                ("a", 2, vec![3, 1]),
                ("b", 1, vec![0, 4])
            ]
        );
        let years = Breakdown::of(&docs, root, &matching, By::Year, terms, None);
        let shown: Vec<(&str, usize)> = years
            .rows
            .iter()
            .map(|row| (row.group.as_str(), row.total()))
            .collect();
        assert_eq!(shown, [("2020", 6), ("2021", 4), ("(none)", 4)]);
        assert_eq!(years.most_hits(), 6);
    }

    #[test]
    fn bars_grow_in_eighths() {
        assert_eq!(bar(8, 8, 2), "██");
        assert_eq!(bar(1, 8, 2), "▎");
        assert_eq!(bar(0, 8, 2), "");
        assert_eq!(bar(5, 0, 2), "");
    }
}
