//! The modes that print what a researcher studies and exit: `--kwic` (every hit with its
//! context, in document order, printed as each document is read) and `--count` (documents
//! and hits per folder, year, month or field).

use super::output::report_skipped;
use super::print_modes::{found_any, text_query};
use super::{Failure, Settings};
use crate::corpus::read::{Capped, Reach};
use crate::corpus::source::{MEMORY_BYTES, Source};
use crate::corpus::{Doc, DocMeta};
use crate::reader::hits;
use crate::search::text::corpus_search::{OnMatch, Want, json_lines_only, search_files};
use crate::search::text::record_search::{OnRecord, RecordReading, search_records_each};
use crate::search::text::terms::{ContentTerm, content_terms, positive_terms};
use crate::study::counts::{Breakdown, Sizes, write_breakdown};
use crate::study::groups::By;
use crate::study::hit::CorpusHit;
use crate::study::kwic::{KwicRow, KwicWriter, rows_of, stream_rows};
use crate::study::lines::Reservoir;
use crate::study::matching::term_labels;
use crate::study::words::sizes::words_per_document;
use crate::work::job::Cancel;
use crate::work::pool::{self, Delivery};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// `--kwic QUERY`: every hit with `--context` characters each side, in document order.
/// A small document's rows are made on the workers; a big one's are written as its hits are
/// found (on the calling thread, its stretches searched on every core), so memory stays
/// flat whatever the number of hits and every one is printed.
pub(crate) fn kwic(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = text_query(query, args.matching(), "--kwic")?;
    let terms = positive_terms(&query);
    if terms.is_empty() {
        return Err(Failure::Message(format!(
            "--kwic {:?}: every term is negated (!), so there is no hit to show in context \
             (--search lists the documents without them)",
            query.typed()
        )));
    }
    if args.sample == Some(0) {
        return Err(Failure::Message(
            "--sample 0: a sample has one line at least".to_string(),
        ));
    }
    let context = args.context;
    let mut writer = KwicWriter::new(
        args.output_format(),
        BufWriter::new(io::stdout().lock()),
        false,
    )?;
    let (mut printed, mut failed) = (0usize, None::<io::Error>);
    // With --sample, the lines are kept in a reservoir as they come, and printed at the end.
    let seed = args.seed.unwrap_or_else(crate::study::lines::chosen_seed);
    let mut reservoir = args.sample.map(|n| Reservoir::new(n, seed));
    let mut write = |row: KwicRow| {
        if let Some(reservoir) = &mut reservoir {
            reservoir.offer(row);
            return true;
        }
        match writer.write(&row) {
            Ok(()) => {
                printed += 1;
                true
            }
            Err(error) => {
                failed = Some(error);
                false
            }
        }
    };
    let mut print = |rows: io::Result<DocumentRows>| match rows {
        Ok(DocumentRows::Made(rows)) => rows.into_iter().all(&mut write),
        Ok(DocumentRows::Big(doc, mut source)) => {
            // A document that cannot be read again has no lines to print.
            let mut going = true;
            let _ = stream_rows(doc.doc(), &mut source, &terms, context, &mut |row| {
                going = write(row);
                going
            });
            going
        }
        Err(_) => true,
    };
    let options = args.walk_options();
    // The lasting store, when the corpus has one (JSON Lines files alone are streamed).
    // Streamed from the JSON Lines files alone, unless within a subcorpus (`--in`), which
    // needs the corpus listed first.
    let streamed = json_lines_only(&settings.inputs).filter(|_| args.scope().is_none());
    let kept = match streamed {
        Some(_) => None,
        None => settings.kept_listing(),
    };
    let skipped = if let Some(paths) = streamed {
        // Each JSON Lines file read once; a matching record's rows made from the text its
        // search read.
        settings
            .inputs
            .check()
            .map_err(|(path, error)| Failure::Message(format!("{}: {error}", path.display())))?;
        let rows_of =
            |meta: Doc<'_>, text: &str| document_rows(meta, Source::text(text), &terms, context);
        let on_record = OnRecord {
            work: &rows_of,
            take: &mut print,
        };
        let groups = content_terms(&query);
        let workers = pool::workers();
        let reading = RecordReading {
            passages: false,
            every: false,
        };
        search_records_each(paths, &options, &groups, workers, reading, on_record)
            .map_err(|e| settings.corpus_failure(e))?
            .skipped
    } else if settings.inputs.may_hold_records() || kept.is_some() || args.scope().is_some() {
        // The matching documents (each JSON Lines file read once; or from the lasting store,
        // with its index), then their rows.
        let workers = pool::workers();
        let searched = settings.search_in(kept, &query, Want::Counts)?;
        let docs = &searched.docs;
        let found = &searched.counts;
        let rows_of_run = |run: std::ops::Range<usize>| -> Vec<io::Result<DocumentRows>> {
            found[run]
                .iter()
                .map(|&(doc, _)| {
                    let source = docs.open(doc)?.source;
                    document_rows(docs.at(doc), source, &terms, context)
                })
                .collect()
        };
        pool::over_ranges(
            workers,
            found.len(),
            16,
            Delivery::InOrder,
            rows_of_run,
            |run| run.into_iter().all(&mut print),
        );
        searched.skipped
    } else {
        let rows_of_file = |path: &Path, reach: Reach, read: &Capped, decoding| {
            let source = Source::of_read(path, reach, read, decoding)?;
            document_rows(DocMeta::titled(path, "").doc(), source, &terms, context)
        };
        let on_match = OnMatch {
            work: &rows_of_file,
            take: &mut print,
            list: false,
            every: false,
        };
        let searched = search_files(
            &settings.inputs,
            &options,
            &query,
            pool::workers(),
            false,
            on_match,
        )
        .map_err(|e| settings.corpus_failure(e))?;
        searched.skipped
    };
    if let Some(error) = failed {
        return Err(error.into());
    }
    if let Some(reservoir) = reservoir {
        let seen = reservoir.seen();
        let kept = reservoir.into_ordered();
        eprintln!(
            "folio: --kwic: a sample of {} of {seen} lines, seed {seed} (--sample {} --seed {seed} draws it again)",
            kept.len(),
            args.sample.unwrap_or(0)
        );
        for row in &kept {
            writer.write(row)?;
        }
        printed = kept.len();
    }
    writer.flush()?;
    if args.verbose {
        report_skipped(&skipped);
    }
    Ok(found_any(printed > 0))
}

/// A document's concordance lines: made (a document held in memory), or to be written as
/// its hits are found (a big one).
enum DocumentRows {
    Made(Vec<KwicRow>),
    Big(DocMeta, Source),
}

/// The rows of `doc` (its text in `source`) when it is held in memory; else the document,
/// to stream.
fn document_rows(
    doc: Doc<'_>,
    mut source: Source,
    terms: &[ContentTerm],
    context: usize,
) -> io::Result<DocumentRows> {
    if !source.in_memory() || source.size() > MEMORY_BYTES as u64 {
        return Ok(DocumentRows::Big(doc.to_meta(), source));
    }
    let mut found = Vec::new();
    hits::scan(&mut source, terms, usize::MAX, &Cancel::new(), |hits, _| {
        found.extend(hits.hits.iter().map(|hit| CorpusHit::new(0, hit)))
    })?;
    rows_of(doc, &mut source, &found, None, context).map(DocumentRows::Made)
}

/// Says on stderr when `--by FIELD` names a field no document has (every count would be in
/// `(none)`), and which fields the documents have: a misspelt field is seen at once.
pub(super) fn warn_of_absent_field(by: &By, docs: &crate::corpus::store::DocStore) {
    let By::Field(field) = by else {
        return;
    };
    if docs.is_empty() || docs.iter().any(|doc| doc.group.is_some()) {
        return;
    }
    let seen = crate::corpus::fields_seen::fields_seen(docs);
    let seen = match seen.is_empty() {
        true => "none (no JSON Lines record or front matter)".to_string(),
        false => seen.join(", "),
    };
    let message = format!("no document has the field {field:?} (--by); fields seen: {seen}");
    eprintln!("folio: {}", crate::text::sanitize::sanitize_line(&message));
}

/// `--count QUERY --by GROUP`: documents and hits per group, groups in order, `(none)` last.
pub(crate) fn count(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = text_query(query, args.matching(), "--count")?;
    // Every document listed (a group without a hit is a row too), with its words where the
    // search counted them as it read.
    let mut searched = settings.search(&query, Want::Groups)?;
    warn_of_absent_field(&args.by, &searched.docs);
    let labels = term_labels(&query);
    // Every group of the scope, with its size: each document's words from the index, or
    // read where it has none.
    let within = searched
        .within
        .clone()
        .unwrap_or_else(|| vec![true; searched.docs.len()]);
    let words = match searched.words.take() {
        Some(words) => words,
        None => words_per_document(
            &searched.docs,
            searched.index.as_ref(),
            &within,
            pool::workers(),
            &Cancel::new(),
        )
        .unwrap_or_default(),
    };
    let sizes = Sizes {
        within: &within,
        words: &words,
    };
    let breakdown = Breakdown::of(
        &searched.docs,
        &settings.inputs.base(),
        &searched.counts,
        args.by.clone(),
        labels,
        Some(sizes),
    );
    let mut out = BufWriter::new(io::stdout().lock());
    write_breakdown(args.output_format(), &mut out, &breakdown)?;
    out.flush()?;
    Ok(found_any(!searched.counts.is_empty()))
}
