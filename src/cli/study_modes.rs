//! The modes that print what a researcher studies and exit: `--kwic` (every hit with its
//! context, in document order, printed as each document is read) and `--count` (documents
//! and hits per folder, year, month or field).

use super::output::report_skipped;
use super::print_modes::{found_any, parsed};
use super::{Failure, Settings};
use crate::corpus::read::{Capped, Reach};
use crate::corpus::source::Source;
use crate::corpus::{self, DocMeta};
use crate::reader::hits;
use crate::search::text::corpus_search::{OnMatch, search_files};
use crate::search::text::terms::{ContentTerm, positive_terms};
use crate::study::concordance::document_hits;
use crate::study::counts::{Breakdown, write_breakdown};
use crate::study::hit::CorpusHit;
use crate::study::kwic::{KwicRow, KwicWriter, rows_of};
use crate::study::matching::{matching, term_labels};
use crate::work::pool::{self, Delivery};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// `--kwic QUERY`: every hit with `--context` characters each side, in document order.
pub fn kwic(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = parsed(query, args.matching())?;
    let terms = positive_terms(&query);
    let context = args.context;
    let mut writer = KwicWriter::new(args.output_format(), BufWriter::new(io::stdout().lock()))?;
    let (mut printed, mut failed) = (0usize, None::<io::Error>);
    let mut print = |rows: io::Result<Vec<KwicRow>>| {
        // A document that cannot be read again has no lines to print.
        for row in rows.unwrap_or_default() {
            if let Err(error) = writer.write(&row) {
                failed = Some(error);
                return false;
            }
            printed += 1;
        }
        true
    };
    let options = args.walk_options();
    let skipped = if settings.inputs.may_hold_records() {
        let corpus =
            corpus::load(&settings.inputs, &options).map_err(|e| settings.corpus_failure(e))?;
        let docs = &corpus.docs;
        let workers = pool::workers();
        let found = matching(docs, &query, None, workers, &|| false, |_| {}).unwrap_or_default();
        let rows_of_run = |run: std::ops::Range<usize>| -> Vec<io::Result<Vec<KwicRow>>> {
            found[run]
                .iter()
                .map(|&(doc, _)| {
                    let hits = document_hits(docs, doc, &terms, None, &|| false)?;
                    rows_of(
                        &docs[doc],
                        &mut docs.open(doc)?.source,
                        &hits,
                        None,
                        context,
                    )
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
        corpus.skipped
    } else {
        let rows_of_file = |path: &Path, reach: Reach, read: &Capped, decoding| {
            file_rows(path, reach, read, decoding, &terms, context)
        };
        let on_match = OnMatch {
            work: &rows_of_file,
            take: &mut print,
            list: false,
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
    writer.flush()?;
    if args.verbose {
        report_skipped(&skipped);
    }
    Ok(found_any(printed > 0))
}

/// The concordance lines of one file, read whole (or its start) as `read`.
fn file_rows(
    path: &Path,
    reach: Reach,
    read: &Capped,
    decoding: crate::corpus::decode::Decoding,
    terms: &[ContentTerm],
    context: usize,
) -> io::Result<Vec<KwicRow>> {
    let mut source = Source::of_read(path, reach, read, decoding)?;
    let mut found = Vec::new();
    hits::scan(&mut source, terms, &|| false, |hits, _| {
        found.extend(hits.hits)
    })?;
    let hits: Vec<CorpusHit> = found.iter().map(|hit| CorpusHit::new(0, hit)).collect();
    rows_of(
        &DocMeta::titled(path, ""),
        &mut source,
        &hits,
        None,
        context,
    )
}

/// `--count QUERY --by GROUP`: documents and hits per group, groups in order, `(none)` last.
pub fn count(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = parsed(query, args.matching())?;
    let searched = settings.search(&query, false)?;
    let labels = term_labels(&query);
    let breakdown = Breakdown::of(
        &searched.docs,
        &settings.inputs.base(),
        &searched.counts,
        args.by.clone(),
        labels,
    );
    let mut out = BufWriter::new(io::stdout().lock());
    write_breakdown(args.output_format(), &mut out, &breakdown)?;
    out.flush()?;
    Ok(found_any(!breakdown.rows.is_empty()))
}
