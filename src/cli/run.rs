//! The binary's one entry: parse the command line, decide the one mode it asks for, run it,
//! and map the outcome to an exit status (a closed pipe is handled once, in `Failure::report`).

use super::{Args, Failure, Mode, Settings};
use crate::work::heap::keep_freed_memory;
use clap::ArgMatches;
use std::process::ExitCode;

/// Runs folio as the command line asks: what `main` does.
pub fn run() -> ExitCode {
    use crate::corpus::extract::isolated;
    // folio as the child that takes a PDF apart for its parent (see `isolated`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == isolated::CHILD_FLAG)
    {
        return isolated::child_main();
    }
    if let Ok(program) = std::env::current_exe() {
        isolated::isolate_with(program);
    }
    let (args, matches) = super::parse();
    match run_mode(args, &matches) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn run_mode(args: Args, matches: &ArgMatches) -> Result<ExitCode, Failure> {
    match Mode::of(&args) {
        Mode::PrintConfig => super::print_config(),
        Mode::Completions(shell) => super::completions(shell),
        Mode::Man => super::man(),
        Mode::List => super::list(&Settings::read(args, matches)?),
        Mode::Filter(query) => super::filter(&Settings::read(args, matches)?, &query),
        Mode::IndexStats => super::index_stats(&Settings::read(args, matches)?),
        Mode::Index => super::index(&Settings::read(args, matches)?),
        // The printing modes that scan the text free and take much memory in turn.
        Mode::Search(query) => {
            keep_freed_memory();
            super::search(&Settings::read(args, matches)?, &query)
        }
        Mode::Kwic(query) => {
            keep_freed_memory();
            super::kwic(&Settings::read(args, matches)?, &query)
        }
        Mode::Count(query) => {
            keep_freed_memory();
            super::count(&Settings::read(args, matches)?, &query)
        }
        Mode::Batch(file) => {
            keep_freed_memory();
            super::batch(&Settings::read(args, matches)?, &file)
        }
        Mode::Tagged(tag) => super::tagged(&Settings::read(args, matches)?, &tag),
        Mode::Tags => super::tags(&Settings::read(args, matches)?),
        Mode::Subcorpora => super::subcorpora(&Settings::read(args, matches)?),
        Mode::SaveSubcorpus(name) => super::save_subcorpus(&Settings::read(args, matches)?, &name),
        Mode::WordList => {
            keep_freed_memory();
            super::wordlist(&Settings::read(args, matches)?)
        }
        Mode::Ngrams(asked) => {
            keep_freed_memory();
            let (args, asked) = super::ngram_mode::corpus_not_query(args, asked);
            super::ngrams(&Settings::read(args, matches)?, &asked)
        }
        Mode::Collocates(query) => {
            keep_freed_memory();
            super::collocates(&Settings::read(args, matches)?, &query)
        }
        Mode::Keywords(target) => {
            keep_freed_memory();
            super::keywords(&Settings::read(args, matches)?, &target)
        }
        Mode::Duplicates => {
            keep_freed_memory();
            super::copies_modes::duplicates(&Settings::read(args, matches)?)
        }
        Mode::Similar(doc) => super::copies_modes::similar(&Settings::read(args, matches)?, &doc),
        Mode::Browse => super::browse(Settings::read(args, matches)?),
    }
}
