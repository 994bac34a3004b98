//! Counts of a query over groups of documents (folders, years, months, a field's values):
//! how many documents match in each group, and how many hits each term looked for has there,
//! one column per alternative of `a | b`. Made from the matching documents' counts, which the
//! text search already knows, so it costs one search.

use super::groups::{By, group_order};
use super::matching::{DocCounts, Scope, term_labels};
use crate::corpus::store::DocStore;
use crate::work::job::{Cadence, Cancel};
use std::borrow::Cow;
use std::collections::HashMap;
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
    let terms = term_labels(&scope.query);
    let breakdowns = By::all(request.field.as_deref())
        .into_iter()
        .map(|by| Breakdown::of(&scope.docs, &request.root, &found, by, terms.clone()))
        .collect();
    deliver(Counted {
        breakdowns,
        scanned: total,
        total,
        done: true,
    });
}

/// One group's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRow {
    pub group: String,
    /// Matching documents in the group.
    pub documents: usize,
    /// Hits of each term looked for.
    pub hits: Vec<usize>,
}

impl GroupRow {
    /// Hits of all the terms.
    pub fn total(&self) -> usize {
        self.hits.iter().sum()
    }
}

/// Counts by one grouping, the groups in order (`(none)` last); only groups with matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakdown {
    pub by: By,
    /// The terms, as written: the columns of `hits`.
    pub terms: Vec<String>,
    pub rows: Vec<GroupRow>,
}

impl Breakdown {
    /// The counts of `matching` (documents of `docs`, found under `root`) grouped `by`.
    pub fn of(
        docs: &DocStore,
        root: &Path,
        matching: &[DocCounts],
        by: By,
        terms: Vec<String>,
    ) -> Breakdown {
        let mut groups: HashMap<String, GroupRow> = HashMap::new();
        // The records of one file are in one folder: its name is found once, not for each
        // of a million records.
        let mut last_folder: Option<(&Arc<Path>, String)> = None;
        for (index, counts) in matching {
            let Some(doc) = docs.get(*index) else {
                continue;
            };
            let group: Cow<str> = match (&by, &mut last_folder) {
                (By::Folder, Some((path, folder))) if Arc::ptr_eq(path, doc.path) => {
                    Cow::Borrowed(folder.as_str())
                }
                (By::Folder, last) => {
                    let folder = by.group_of(doc, root).into_owned();
                    Cow::Borrowed(&last.insert((doc.path, folder)).1)
                }
                _ => by.group_of(doc, root),
            };
            if !groups.contains_key(&*group) {
                let name = group.to_string();
                let row = GroupRow {
                    group: name.clone(),
                    documents: 0,
                    hits: vec![0; counts.len()],
                };
                groups.insert(name, row);
            }
            let Some(row) = groups.get_mut(&*group) else {
                continue;
            };
            row.documents += 1;
            for (sum, count) in row.hits.iter_mut().zip(counts) {
                *sum += count;
            }
        }
        let mut rows: Vec<GroupRow> = groups.into_values().collect();
        rows.sort_by(|a, b| group_order(&a.group, &b.group));
        Breakdown { by, terms, rows }
    }

    /// The largest number of hits in a group: the length of the longest bar.
    pub fn most_hits(&self) -> usize {
        self.rows.iter().map(GroupRow::total).max().unwrap_or(0)
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
    let mut columns = vec!["group", "documents", "hits"];
    // `a | b`: the hits of each term too.
    let apart = breakdown.terms.len() > 1;
    if apart {
        columns.extend(breakdown.terms.iter().map(String::as_str));
    }
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
        let folders = Breakdown::of(&docs, root, &matching, By::Folder, terms.clone());
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
        let years = Breakdown::of(&docs, root, &matching, By::Year, terms);
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
