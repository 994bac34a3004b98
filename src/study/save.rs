//! Saving a view to a file the user names: the results, a concordance, counts or collocates,
//! in the format the file's extension names. Never inside the corpus, never over an existing
//! file unless the user confirmed it (the file is created new otherwise, so a file that
//! appeared meanwhile is not lost either), and a file left half-written is removed.

use super::collocates::Collocate;
use super::counts::{Breakdown, write_breakdown};
use super::dispersion::PlotRow;
use super::export::{Cell, Format, TableWriter};
use super::hit::CorpusHit;
use super::kwic::{DEFAULT_CONTEXT, KwicWriter, rows_of};
use super::words::keyness::KeywordRow;
use super::words::ngrams::NgramRow;
use super::words::wordlist::WordRow;
use crate::corpus::store::DocStore;
use crate::corpus::write::{Folder, Opening};
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to save.
#[derive(Debug)]
pub enum Saving {
    /// The list's documents in its order, with their hits in text mode.
    Documents {
        docs: DocStore,
        rows: Vec<(usize, Option<usize>)>,
    },
    /// A concordance, in the order shown.
    Concordance {
        docs: DocStore,
        hits: Arc<Vec<CorpusHit>>,
        /// Each line's category, as labelled (`1 relevant`), when a line has one.
        categories: Option<Arc<std::collections::HashMap<CorpusHit, String>>>,
    },
    Counts(Breakdown),
    Collocates(Vec<Collocate>),
    WordList(Arc<Vec<WordRow>>),
    Keywords(Arc<Vec<KeywordRow>>),
    Ngrams(Arc<Vec<NgramRow>>),
    /// A batch view's rows: each query's documents and hits.
    Batch(Arc<Vec<super::batch::BatchRow>>),
    /// Documents like one: each with its score, whether it is a copy, and the distinguishing
    /// words it shares.
    Alike {
        docs: DocStore,
        rows: Vec<(usize, f64, bool, String)>,
    },
    /// A dispersion plot's rows (without the hits' places).
    Plot {
        docs: DocStore,
        rows: Vec<PlotRow>,
    },
}

/// A save to make in the background.
#[derive(Debug)]
pub struct SaveRequest {
    pub ticket: Ticket,
    /// Where, as the user named it (for messages); the file is made in `folder`, the folder
    /// opened when the name was checked, as `name`.
    pub path: PathBuf,
    pub folder: Arc<Folder>,
    pub name: OsString,
    /// True when the user confirmed replacing the file there.
    pub overwrite: bool,
    pub format: Format,
    pub saving: Saving,
}

/// How a save went: the rows written, or why it failed.
#[derive(Debug)]
pub struct Saved {
    pub ticket: Ticket,
    pub path: PathBuf,
    pub outcome: Result<usize, String>,
}

/// Where a file the user named may be written, and in which format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Destination {
    pub path: PathBuf,
    /// Its folder, opened when it was checked: the file is written there, wherever the
    /// folder's path leads by then (a folder swapped for a link into the corpus meanwhile
    /// changes nothing).
    pub folder: Arc<Folder>,
    pub name: OsString,
    pub format: Format,
    /// True when a file is there already (replacing it needs a confirmation).
    pub exists: bool,
}

/// Checks the file name `typed` (relative to `cwd`; `~/` is the home folder) for saving a
/// view of a corpus: its format from its extension, its folder existing, and neither inside
/// nor one of the `corpus` paths (the folders and files named, or each document listed).
pub(crate) fn destination(
    typed: &str,
    cwd: &Path,
    corpus: &[PathBuf],
) -> Result<Destination, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("no file name given".to_string());
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => cwd.join(typed),
    };
    let format =
        Format::of_path(&path).ok_or("name the format with the extension: .tsv, .csv or .jsonl")?;
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Err("not a file name".to_string());
    };
    let opened = Folder::open(parent).map_err(|error| format!("its folder: {error}"))?;
    // Where the folder opened really is: what is checked is what is written to.
    let folder = opened
        .real_path()
        .map_err(|error| format!("its folder: {error}"))?;
    // A corpus path that vanished since holds nothing to overwrite.
    let corpus: Vec<PathBuf> = corpus
        .iter()
        .filter_map(|path| fs::canonicalize(path).ok())
        .collect();
    let target = folder.join(name);
    // A file there may be a link: where it leads counts too.
    let resolved = fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
    let inside = |path: &Path| {
        corpus.iter().any(|corpus| match corpus.is_dir() {
            true => path.starts_with(corpus),
            false => path == corpus,
        })
    };
    if inside(&target) || inside(&resolved) {
        return Err("that is inside the corpus: save it somewhere else".to_string());
    }
    let there = fs::symlink_metadata(&target).ok();
    match there.as_ref().map(fs::Metadata::file_type) {
        Some(kind) if kind.is_symlink() => {
            return Err("that is a symbolic link: folio does not write through links".to_string());
        }
        Some(kind) if kind.is_dir() => return Err("that is a folder".to_string()),
        Some(kind) if !kind.is_file() => {
            return Err(format!(
                "that is not a regular file ({})",
                crate::corpus::read::kind_of(&kind)
            ));
        }
        _ => {}
    }
    let exists = there.is_some();
    Ok(Destination {
        path: target,
        folder: Arc::new(opened),
        name: name.to_os_string(),
        format,
        exists,
    })
}

/// Saves what `request` asks for; a save cancelled removes its half-written file.
pub(crate) fn save(request: &SaveRequest, cancel: &Cancel) -> Saved {
    let outcome = write_file(request, cancel).map_err(|error| error.to_string());
    Saved {
        ticket: request.ticket,
        path: request.path.clone(),
        outcome,
    }
}

fn write_file(request: &SaveRequest, cancel: &Cancel) -> io::Result<usize> {
    // Checked again as it is opened: a link or a FIFO put there since is refused, never
    // written through or waited on.
    let opening = match request.overwrite {
        true => Opening::Replace,
        false => Opening::New,
    };
    let file = request.folder.open_file(&request.name, opening, 0o666)?;
    let written = write_rows(request, BufWriter::new(file), cancel);
    match written {
        Ok(Some(rows)) => Ok(rows),
        Ok(None) => {
            request.folder.remove(&request.name);
            Err(io::Error::other("cancelled"))
        }
        Err(error) => {
            request.folder.remove(&request.name);
            Err(error)
        }
    }
}

/// Writes the rows to `out`: how many, or None when cancelled.
fn write_rows(
    request: &SaveRequest,
    mut out: impl Write,
    cancel: &Cancel,
) -> io::Result<Option<usize>> {
    let format = request.format;
    let rows = match &request.saving {
        Saving::Documents { docs, rows } => {
            let texts = rows.iter().any(|(_, hits)| hits.is_some());
            let columns: &[&str] = match texts {
                true => &["path", "hits", "title"],
                false => &["path", "title"],
            };
            let mut table = TableWriter::new(format, &mut out, columns)?;
            for &(doc, hits) in rows {
                let meta = docs.at(doc);
                let mut cells = vec![Cell::Text(meta.display_path())];
                cells.extend(hits.map(Cell::from));
                cells.push(Cell::from(meta.title()));
                table.row(&cells)?;
            }
            table.flush()?;
            rows.len()
        }
        Saving::Concordance {
            docs,
            hits,
            categories,
        } => {
            let Some(lines) = lines_of(docs, hits, cancel)? else {
                return Ok(None);
            };
            let mut writer = KwicWriter::new(format, &mut out, categories.is_some())?;
            let mut at = 0;
            for run in hits.chunk_by(|a, b| a.doc() == b.doc()) {
                if cancel.is_cancelled() {
                    return Ok(None);
                }
                let (doc, lines) = (run[0].doc(), &lines[at..at + run.len()]);
                at += run.len();
                // A document gone since it was searched has no lines to save.
                let Ok(opened) = docs.open(doc) else {
                    continue;
                };
                let mut source = opened.source;
                let rows = rows_of(docs.at(doc), &mut source, run, Some(lines), DEFAULT_CONTEXT)?;
                for (row, hit) in rows.iter().zip(run) {
                    let category = categories.as_ref().and_then(|c| c.get(hit));
                    writer.write_categorised(row, category.map(String::as_str))?;
                }
            }
            writer.flush()?;
            hits.len()
        }
        Saving::Counts(breakdown) => write_breakdown(format, &mut out, breakdown)?,
        Saving::Collocates(collocates) => {
            super::collocates::write_collocates(format, &mut out, collocates)?;
            collocates.len()
        }
        Saving::WordList(rows) => {
            super::word_tables::write_word_list(format, &mut out, rows)?;
            rows.len()
        }
        Saving::Keywords(rows) => {
            super::word_tables::write_keywords(format, &mut out, rows)?;
            rows.len()
        }
        Saving::Ngrams(rows) => {
            super::word_tables::write_ngrams(format, &mut out, rows)?;
            rows.len()
        }
        Saving::Batch(rows) => {
            super::batch::write_batch_rows(format, &mut out, rows)?;
            rows.len()
        }
        Saving::Plot { docs, rows } => {
            super::dispersion::write_plot(format, &mut out, docs, rows)?;
            rows.len()
        }
        Saving::Alike { docs, rows } => {
            let columns = ["path", "score", "copy", "shared_words", "title"];
            let mut table = TableWriter::new(format, &mut out, &columns)?;
            for (doc, score, copy, words) in rows {
                let meta = docs.at(*doc);
                table.row(&[
                    Cell::Text(meta.display_path()),
                    Cell::Score(*score),
                    Cell::from(if *copy { "yes" } else { "" }),
                    Cell::from(words.as_str()),
                    Cell::from(meta.title()),
                ])?;
            }
            table.flush()?;
            rows.len()
        }
    };
    out.flush()?;
    Ok(Some(rows))
}

/// The line of each of `hits` (in the order given), counted document by document in document
/// order: a sorted concordance would otherwise count each hit's lines from its file's start.
/// None if cancelled first.
fn lines_of(
    docs: &DocStore,
    hits: &[CorpusHit],
    cancel: &Cancel,
) -> io::Result<Option<Vec<usize>>> {
    let mut by_place: Vec<u32> = (0..hits.len() as u32).collect();
    by_place.sort_by_key(|&at| hits[at as usize]);
    let mut lines = vec![0; hits.len()];
    for run in by_place.chunk_by(|a, b| hits[*a as usize].doc() == hits[*b as usize].doc()) {
        if cancel.is_cancelled() {
            return Ok(None);
        }
        let doc = hits[run[0] as usize].doc();
        let Ok(opened) = docs.open(doc) else {
            continue;
        };
        let mut source = opened.source;
        let mut neighbourhood = super::context::Neighbourhood::new(&mut source);
        for &at in run {
            lines[at as usize] = match docs.at(doc).record {
                Some(record) => record.line as usize,
                None => neighbourhood.line_of(hits[at as usize].start())?,
            };
        }
    }
    Ok(Some(lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_is_refused_inside_the_corpus_or_without_a_format() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let corpus = dir.path().join("corpus");
        fs::create_dir_all(corpus.join("sub")).unwrap_or_else(|error| panic!("{error}"));
        let inside = destination(
            "corpus/sub/out.csv",
            dir.path(),
            std::slice::from_ref(&corpus),
        );
        assert!(inside.is_err_and(|why| why.contains("inside the corpus")));
        let sneaky = destination(
            "corpus/sub/../x.tsv",
            dir.path(),
            std::slice::from_ref(&corpus),
        );
        assert!(sneaky.is_err(), "a way round through .. is still inside");
        // A link outside that leads into the corpus is inside it too.
        std::fs::write(corpus.join("a.txt"), "A.").unwrap_or_else(|error| panic!("{error}"));
        std::os::unix::fs::symlink(corpus.join("a.txt"), dir.path().join("link.txt"))
            .unwrap_or_else(|error| panic!("{error}"));
        let linked = destination("link.txt", dir.path(), std::slice::from_ref(&corpus));
        assert!(linked.is_err_and(|why| why.contains("inside the corpus")));
        let no_format = destination("out.doc", dir.path(), std::slice::from_ref(&corpus));
        assert!(no_format.is_err_and(|why| why.contains("extension")));
        let fine = destination("out.jsonl", dir.path(), std::slice::from_ref(&corpus));
        assert!(fine.is_ok_and(|d| d.format == Format::Jsonl && !d.exists));
        fs::write(dir.path().join("out.csv"), "kept").unwrap_or_else(|error| panic!("{error}"));
        let there = destination("out.csv", dir.path(), std::slice::from_ref(&corpus));
        assert!(there.as_ref().is_ok_and(|d| d.exists));
        // Without the confirmation the file is not replaced.
        let Ok(there) = there else {
            return;
        };
        let request = SaveRequest {
            ticket: Ticket::new(),
            path: dir.path().join("out.csv"),
            folder: there.folder,
            name: there.name,
            overwrite: false,
            format: Format::Csv,
            saving: Saving::Collocates(Vec::new()),
        };
        assert!(save(&request, &Cancel::new()).outcome.is_err());
        let kept = fs::read_to_string(dir.path().join("out.csv")).unwrap_or_default();
        assert_eq!(kept, "kept");
    }
}
