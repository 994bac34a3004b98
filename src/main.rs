//! Process wiring: parse the command line, decide the one mode it asks for, run it, and map the
//! outcome to an exit status (a closed pipe is handled once, in `Failure::report`).

use clap::ArgMatches;
use folio::cli::{self, Args, Failure, Mode, Settings};
use std::process::ExitCode;

fn main() -> ExitCode {
    let (args, matches) = cli::parse();
    match run(args, &matches) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

fn run(args: Args, matches: &ArgMatches) -> Result<ExitCode, Failure> {
    match Mode::of(&args) {
        Mode::PrintConfig => cli::print_config(),
        Mode::Completions(shell) => cli::completions(shell),
        Mode::Man => cli::man(),
        Mode::List => cli::list(&Settings::read(args, matches)?),
        Mode::Filter(query) => cli::filter(&Settings::read(args, matches)?, &query),
        Mode::IndexStats => cli::index_stats(&Settings::read(args, matches)?),
        Mode::Search(query) => {
            folio::work::heap::keep_freed_memory();
            cli::search(&Settings::read(args, matches)?, &query)
        }
        Mode::Kwic(query) => {
            folio::work::heap::keep_freed_memory();
            cli::kwic(&Settings::read(args, matches)?, &query)
        }
        Mode::Count(query) => {
            folio::work::heap::keep_freed_memory();
            cli::count(&Settings::read(args, matches)?, &query)
        }
        Mode::Browse => cli::browse(Settings::read(args, matches)?),
    }
}
