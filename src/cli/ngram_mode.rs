//! `--ngrams N [QUERY]`: the sequences of N words of the corpus (or of `--in`), or those
//! holding QUERY's words, printed as a table. The query is optional, so a corpus written
//! after it (`--ngrams 3 corpus`) would be taken for one: when no corpus is given and the
//! second value names a file or folder, it is the corpus.

use super::print_modes::{found_any, text_query};
use super::word_modes::Listed;
use super::{Args, Failure, Settings};
use crate::search::query::Query;
use crate::study::matching::Scope;
use crate::study::word_scope::count_scope;
use crate::study::word_tables::write_ngrams;
use crate::study::words::ngrams::{Ask, Holding, SIZES};
use crate::work::job::Cancel;
use crate::work::pool;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::Arc;

/// `--ngrams N PATH` with no corpus given: PATH is the corpus, not a query.
pub(crate) fn corpus_not_query(mut args: Args, mut asked: Vec<String>) -> (Args, Vec<String>) {
    let names_a_path = asked
        .get(1)
        .is_some_and(|second| std::path::Path::new(second).exists());
    if args.paths.is_empty() && names_a_path {
        args.paths.push(asked.remove(1).into());
    }
    (args, asked)
}

/// `--ngrams N [QUERY]`: the n-grams, most frequent first (or as `--sort-by` says).
pub(crate) fn ngrams(settings: &Settings, asked: &[String]) -> Result<ExitCode, Failure> {
    let n = asked
        .first()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| SIZES.contains(n))
        .ok_or_else(|| {
            let given = asked.first().map_or("", String::as_str);
            Failure::Message(format!(
                "--ngrams {given:?}: give how many words a sequence has, 2 to 5 (--ngrams 3)"
            ))
        })?;
    let args = &settings.args;
    let listed = Listed::of(settings)?;
    let scope = listed.scope(settings)?;
    let Listed { corpus, index, .. } = listed;
    let (cancel, workers) = (Cancel::new(), pool::workers());
    let stopped = || Failure::Message("counting the n-grams was stopped".to_string());
    let query = match asked.get(1) {
        Some(text) => text_query(text, args.matching(), "--ngrams")?,
        None => Query::default(),
    };
    if let (Some(text), true) = (asked.get(1), Holding::of(&query).is_empty()) {
        return Err(Failure::Message(format!(
            "--ngrams {n} {text:?}: the query has no word for an n-gram to hold"
        )));
    }
    let scoped = Scope {
        docs: corpus.docs,
        query,
        index: index.map(Arc::new),
        matching: None,
        within: Some(Arc::new(scope)),
        doc_words: None,
    };
    let study = &args.study;
    let ask = Ask {
        n,
        containing: Holding::default(),
        min_hits: study.min_hits,
        min_documents: study.min_documents,
        order: study.sort_by,
        limit: study.limit,
    };
    let (found, _, read) =
        count_scope(&scoped, ask, workers, &cancel, &mut |_, _, _| {}).ok_or_else(stopped)?;
    if args.verbose || found.kept > found.rows.len() as u64 {
        eprintln!(
            "folio: {} {n}-grams kept of those found in {} documents ({} pass{}); {} printed{}",
            found.kept,
            read,
            found.passes,
            if found.passes == 1 { "" } else { "es" },
            found.rows.len(),
            match found.kept > found.rows.len() as u64 {
                true => " (--limit to print more)",
                false => "",
            }
        );
    }
    let mut out = BufWriter::new(io::stdout().lock());
    write_ngrams(args.output_format(), &mut out, &found.rows)?;
    out.flush()?;
    Ok(found_any(!found.rows.is_empty()))
}
