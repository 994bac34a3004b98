//! The modes that print and exit: `--list` (as the loader delivers, without holding the
//! corpus), `--filter`, `--search`, `--index-stats`, and the generated texts (completions, the
//! man page, the starting configuration file).

use super::output::{
    DocumentRows, output_closed, print_found, print_paths, print_rows, report_each, report_skipped,
};
use super::{Args, Failure, Settings};
use crate::corpus::loader::{self, LoadEvent};
use crate::corpus::{self, no_documents};
use crate::search::query::{Matching, Query};
use crate::search::text::corpus_search::Want;
use crate::search::titles::filter::TitleFilter;
use crate::search::titles::order::Order;
use crate::search::titles::ranker::{RankRequest, rank};
use crate::search::titles::ranking::ranking_of;
use crate::study::export::Format;
use crate::work::job::Cancel;
use crate::work::job::Ticket;
use crate::work::pool;
use clap::CommandFactory;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// `--print-config`: the defaults, as a configuration file to start from.
pub(crate) fn print_config() -> Result<ExitCode, Failure> {
    io::stdout().write_all(crate::config::starting_file().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `--completions SHELL`: the completion script, from the same definitions as the parser.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut command = Args::command();
    // Into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "folio", &mut script);
    io::stdout().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// `--man`: the man page (roff).
pub(crate) fn man() -> Result<ExitCode, Failure> {
    clap_mangen::Man::new(Args::command()).render(&mut io::stdout())?;
    Ok(ExitCode::SUCCESS)
}

/// Success when something was found, else 1 (as grep).
pub(super) fn found_any(any: bool) -> ExitCode {
    if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `--list`: prints documents as the loader delivers them, in path order.
pub(crate) fn list(settings: &Settings) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let options = settings.listing_options();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut table = match args.output_format() {
        Format::Tsv => None,
        format => Some(DocumentRows::new(
            format,
            BufWriter::new(io::stdout().lock()),
        )?),
    };
    let (mut found, mut skipped) = (0, 0);
    for event in loader::spawn(settings.inputs.clone(), options.clone()) {
        match event {
            LoadEvent::Documents(docs) => {
                found += docs.len();
                // Stop at the first failed write: a closed pipe (`| head`) needs no more.
                match &mut table {
                    _ if args.print0 => print_paths(&mut out, docs.iter(), 0)?,
                    None => print_rows(&mut out, docs.iter())?,
                    Some(table) => table.print(docs.iter())?,
                }
                // Each batch goes out as it comes: a slow list (or one flooded with entries
                // that are not documents) still streams to the next program.
                out.flush()?;
                if let Some(table) = &mut table {
                    table.flush()?;
                }
            }
            LoadEvent::Skipped(batch) => {
                skipped += batch.len();
                if args.verbose {
                    report_each(&batch);
                }
                // Nothing to print, maybe for ever (`yes | folio --list`): once the reader of
                // the output is gone (`| head -1`), neither is there any point going on.
                if output_closed() {
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
    }
    if found == 0 {
        let error = no_documents(&settings.inputs, &options, skipped);
        return Err(settings.corpus_failure(error));
    }
    out.flush()?;
    if let Some(table) = &mut table {
        table.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--filter QUERY`: the documents whose titles match, best first.
pub(crate) fn filter(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let corpus = corpus::load(&settings.inputs, &settings.listing_options())
        .map_err(|error| settings.corpus_failure(error))?;
    if args.verbose {
        report_skipped(&corpus.skipped);
    }
    let request = RankRequest {
        ticket: Ticket::new(),
        query: parsed(query, args.matching())?,
        docs: corpus.docs.clone(),
        within: None,
        order: Order::Relevance,
    };
    let matches = rank(
        &TitleFilter::default(),
        &request,
        pool::workers(),
        &Cancel::new(),
    )
    .unwrap_or_default();
    let ranked = ranking_of(&matches);
    let docs = ranked.iter().map(|&(_, index)| corpus.docs.at(index));
    let mut out = BufWriter::new(io::stdout().lock());
    match args.output_format() {
        _ if args.print0 => print_paths(&mut out, docs, 0)?,
        Format::Tsv => print_rows(&mut out, docs)?,
        format => {
            let mut table = DocumentRows::new(format, &mut out)?;
            table.print(docs)?;
            table.flush()?;
        }
    }
    out.flush()?;
    Ok(found_any(!ranked.is_empty()))
}

/// `--search QUERY`: the documents whose text mentions the query, most relevant first.
pub(crate) fn search(settings: &Settings, query: &str) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let query = text_query(query, args.matching(), "--search")?;
    let format = args.output_format();
    // TSV has no passage column; CSV and JSON Lines do.
    let want = match format {
        Format::Tsv => Want::Matches,
        _ => Want::Passages,
    };
    let searched = settings.search(&query, want)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.print0 {
        true => {
            let docs = searched
                .found
                .iter()
                .map(|found| searched.docs.at(found.index));
            print_paths(&mut out, docs, 0)?;
        }
        false => print_found(&mut out, &searched.docs, &searched.found, format)?,
    }
    out.flush()?;
    Ok(found_any(!searched.found.is_empty()))
}

/// The query given to `option`, one of the text modes, or why it cannot be used: it must
/// have a term to look for (an empty query has none; `--search ''` would
/// otherwise end with nothing found, as if the corpus never said it).
pub(super) fn text_query(query: &str, matching: Matching, option: &str) -> Result<Query, Failure> {
    let parsed = parsed(query, matching)?;
    match parsed.is_empty() {
        true => Err(Failure::Message(format!(
            "{option} {query:?}: the query has no term to look for (write a word, \
             'exact, \"a phrase\"; a `!term` alone keeps the documents without it)"
        ))),
        false => Ok(parsed),
    }
}

/// The query given to an option, or why it cannot be used.
pub(super) fn parsed(query: &str, matching: Matching) -> Result<Query, Failure> {
    let parsed = Query::parse_with(query, matching);
    match parsed.problem() {
        // A quote's problem is said with how a phrase is written.
        Some(problem) if problem.contains('"') => Err(Failure::Message(format!(
            "query {query:?}: {problem} (a phrase is written \"like this\")"
        ))),
        Some(problem) => Err(Failure::Message(format!("query {query:?}: {problem}"))),
        None => Ok(parsed),
    }
}
