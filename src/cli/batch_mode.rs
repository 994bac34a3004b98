//! `--batch FILE`: every query of FILE (one a line) counted in the corpus, or in `--in`'s
//! subcorpus, as `--count` counts it: `QUERY<TAB>GROUP<TAB>DOCUMENTS<TAB>HITS`. The corpus is
//! listed once and searched with its word index (the lasting store's, else one built in
//! memory for the batch), so a thousand names cost a thousand index lookups, not a thousand
//! reads of the corpus.

use super::print_modes::found_any;
use super::word_modes::Listed;
use super::{EXIT_ERROR, Failure, Settings};
use crate::search::query::Query;
use crate::study::batch::{BatchWriter, count_one, read_batch};
use crate::study::matching::Scope;
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use crate::work::pool;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub(crate) fn batch(settings: &Settings, file: &Path) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let named = file.display().to_string();
    let mut bytes = Vec::new();
    let read = match named.as_str() {
        "-" => io::stdin().read_to_end(&mut bytes),
        _ => std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)),
    };
    read.map_err(|e| Failure::Message(format!("--batch {}: {e}", sanitize_line(&named))))?;
    let text = String::from_utf8_lossy(&bytes);
    let (queries, bad) = read_batch(&text, args.matching());
    for line in &bad {
        let said = format!("{}:{}: {}", named, line.line, line.why);
        eprintln!("folio: --batch {}", sanitize_line(&said));
    }
    if queries.is_empty() {
        return Err(Failure::Message(format!(
            "--batch {}: no query to search (one a line; blank lines and # comments are skipped)",
            sanitize_line(&named)
        )));
    }
    let listed = Listed::of(settings)?;
    let within = match args.scope() {
        Some(_) => Some(Arc::new(listed.scope(settings)?)),
        None => None,
    };
    let Listed { corpus, index, .. } = listed;
    super::study_modes::warn_of_absent_field(&args.by, &corpus.docs);
    let workers = pool::workers();
    // Without the store, the words are indexed once for every query (unless there is one).
    let index = match index {
        Some(index) => Some(index),
        None if queries.len() > 1 => Some(crate::search::text::index::build(
            &corpus.docs,
            args.index_budget(),
            workers,
        )),
        None => None,
    };
    let mut scope = Scope {
        docs: corpus.docs,
        query: Query::default(),
        index: index.map(Arc::new),
        matching: None,
        within,
        doc_words: None,
    };
    let root = settings.inputs.base();
    let cancel = Cancel::new();
    let mut out = BatchWriter::new(args.output_format(), BufWriter::new(io::stdout().lock()))?;
    let mut any = false;
    for asked in &queries {
        let found = count_one(&mut scope, &asked.query, &args.by, &root, workers, &cancel)
            .ok_or_else(|| Failure::Message("--batch: the search was stopped".to_string()))?;
        any |= found.documents > 0;
        out.write(&asked.query, &found)?;
    }
    out.flush()?;
    io::stdout().flush()?;
    // As grep: a line that could not be searched makes the exit status 2, once all ran.
    Ok(match bad.is_empty() {
        true => found_any(any),
        false => ExitCode::from(EXIT_ERROR),
    })
}
