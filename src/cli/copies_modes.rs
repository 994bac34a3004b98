//! `--duplicates` (the clusters of copies, each member's overlap with the document the cluster
//! is kept as) and `--similar DOC` (the documents most like one, its copies left out), and
//! finding the copies for every mode that counts them once (`--collapse`, `--in distinct`):
//! from the lasting store's where the corpus has one (what is new kept there), else found now.

use super::output::output_closed;
use super::print_modes::found_any;
use super::word_modes::Listed;
use super::{Failure, Settings};
use crate::copies::{self, Copies, Stage};
use crate::corpus::store::DocStore;
use crate::store::Lasting;
use crate::study::export::{Cell, TableWriter};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use crate::work::pool;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// The copies of `docs`, with the store of `lasting` (if any); with `--verbose`, what it took.
pub(super) fn find(
    settings: &Settings,
    docs: &DocStore,
    lasting: Option<&Lasting>,
) -> Result<Copies, Failure> {
    let cancel = Cancel::new();
    let (copies, report) = copies::find_copies(&copies::Asked {
        docs,
        store: lasting.map(|lasting| &lasting.store),
        thresholds: settings.args.copies.thresholds(),
        write: true,
        workers: pool::workers(),
        cancel: &cancel,
        progress: &|_: Stage| {},
    })
    .ok_or_else(|| Failure::Message("finding the copies was stopped".to_string()))?;
    for note in &report.notes {
        say(&sanitize_line(note));
    }
    if settings.args.verbose {
        say(&format!(
            "copies: {} of {} documents read to sketch, {} pairs measured ({} more from the store); {} clusters, {} copies",
            report.sketched,
            report.documents,
            report.measured,
            report.measured_before,
            copies.cluster_count(),
            copies.left_out()
        ));
    }
    Ok(copies)
}

/// Says `what` on stderr, if it can be (a closed stderr is no reason to fail).
fn say(what: &str) {
    let _ = writeln!(io::stderr(), "folio: {what}");
}

/// `--duplicates`: `CLUSTER, PATH, SIMILARITY, CONTAINMENT` for every document of a cluster,
/// the kept one first.
pub(crate) fn duplicates(settings: &Settings) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let copies = listed.copies(settings)?;
    let docs = &listed.corpus.docs;
    // With --in: the clusters with a document in the subcorpus, whole (where its copies are).
    let mut clusters = copies.clusters();
    if settings.args.scope().is_some() {
        let scope = listed.scope(settings)?;
        clusters.retain(|members| {
            members
                .iter()
                .any(|&doc| scope.get(doc).copied().unwrap_or(false))
        });
    }
    let mut table = TableWriter::new(
        settings.args.output_format(),
        BufWriter::new(io::stdout().lock()),
        &["cluster", "path", "similarity", "containment"],
    )?;
    // Each member's overlap with its kept document was measured when it joined.
    for (number, members) in clusters.iter().enumerate() {
        for &doc in members {
            let overlap = copies.with_kept(doc);
            let row = table.row(&[
                Cell::from(number + 1),
                Cell::Text(docs.at(doc).display_path()),
                Cell::Score(f64::from(overlap.jaccard)),
                Cell::Score(f64::from(overlap.containment)),
            ]);
            match row {
                Ok(()) => {}
                Err(_) if output_closed() => return Ok(found_any(true)),
                Err(error) => return Err(error.into()),
            }
        }
    }
    table.flush()?;
    Ok(found_any(!clusters.is_empty()))
}

/// `--similar DOC`: `PATH, SCORE, TITLE` of the documents most like DOC, best first; its
/// copies are left out (and counted on stderr).
pub(crate) fn similar(settings: &Settings, wanted: &Path) -> Result<ExitCode, Failure> {
    let listed = Listed::of(settings)?;
    let docs = &listed.corpus.docs;
    let doc = document_named(docs, wanted)?;
    // With --in (or --collapse): only the subcorpus's documents.
    let scope = match settings.args.scope() {
        Some(_) => Some(listed.scope(settings)?),
        None => None,
    };
    let built;
    let index = match &listed.index {
        Some(index) => index,
        None => {
            built = crate::search::text::index::build(docs, usize::MAX, pool::workers());
            &built
        }
    };
    let thresholds = settings.args.copies.thresholds();
    let most = usize::from(settings.args.copies.similar_count);
    // All of them ranked (the copies among them are left out as they come, however many).
    let started = std::time::Instant::now();
    let found = copies::like_this::like_this(docs, index, doc, usize::MAX);
    if settings.args.verbose {
        say(&format!(
            "--similar: {} documents scored in {} ms",
            found.len(),
            started.elapsed().as_millis()
        ));
    }
    let mut table = TableWriter::new(
        settings.args.output_format(),
        BufWriter::new(io::stdout().lock()),
        &["path", "score", "title"],
    )?;
    let (mut shown, mut copies_left) = (0, 0);
    for alike in found {
        if shown == most {
            break;
        }
        if scope
            .as_ref()
            .is_some_and(|scope| !scope.get(alike.doc).copied().unwrap_or(false))
        {
            continue;
        }
        if copies::overlap_of(docs, doc, alike.doc).is_copy(thresholds) {
            copies_left += 1;
            continue;
        }
        let other = docs.at(alike.doc);
        table.row(&[
            Cell::Text(other.display_path()),
            Cell::Score(alike.score),
            Cell::from(sanitize_line(other.title())),
        ])?;
        shown += 1;
    }
    table.flush()?;
    if copies_left > 0 {
        let t = settings.args.copies.thresholds();
        say(&format!(
            "--similar: {copies_left} cop{} of it left out (sharing {:.0}% of their shingles, or {:.0}% contained)",
            if copies_left == 1 { "y" } else { "ies" },
            t.jaccard * 100.0,
            t.containment * 100.0
        ));
    }
    if shown == 0 {
        say(
            "--similar: no other document shares the words that distinguish it (a word no other document has, or that most have, does not count)",
        );
    }
    Ok(found_any(shown > 0))
}

/// The document `wanted` names: its path as listed or the same file by another path, or
/// `FILE:LINE` for a record.
fn document_named(docs: &DocStore, wanted: &Path) -> Result<usize, Failure> {
    let text = wanted.to_string_lossy();
    let (file, line) = match text.rsplit_once(':') {
        Some((file, line)) if line.parse::<u64>().is_ok() && !Path::new(&*text).exists() => {
            (Path::new(file).to_path_buf(), line.parse::<u64>().ok())
        }
        _ => (wanted.to_path_buf(), None),
    };
    let canonical = std::fs::canonicalize(&file).ok();
    let same_file = |path: &Path| {
        path == file
            || canonical
                .as_deref()
                .is_some_and(|c| std::fs::canonicalize(path).ok().as_deref() == Some(c))
    };
    (0..docs.len())
        .find(|&doc| {
            let meta = docs.at(doc);
            meta.record.map(|record| record.line) == line && same_file(meta.path)
        })
        .ok_or_else(|| {
            Failure::Message(format!(
                "--similar {}: not one of the corpus's documents (give its path as listed, or FILE:LINE for a record)",
                sanitize_line(&text)
            ))
        })
}
