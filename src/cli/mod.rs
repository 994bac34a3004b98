//! The command line: the arguments (clap) with the configuration file under them, which mode
//! they ask for, the modes that print (`--list`, `--filter`, `--search`, `--index-stats`,
//! completions, the man page, the starting configuration) and the one that browses. The top of
//! the tree. May use `config`, `tty`, `ui`, `app`, `keys`, `study`, `reader`, `copies`,
//! `search`, `store`, `corpus`, `work` and `text`.

mod args;
mod batch_mode;
mod browse;
mod copies_args;
mod copies_modes;
mod lasting;
mod mode;
mod ngram_mode;
mod output;
mod print_modes;
mod run;
mod study_args;
mod study_modes;
mod tag_modes;
mod word_modes;

pub(crate) use args::{Args, parse};
pub(crate) use batch_mode::batch;
pub(crate) use browse::browse;
pub(crate) use lasting::{index, index_stats};
pub(crate) use mode::Mode;
pub(crate) use ngram_mode::ngrams;
pub(crate) use print_modes::{completions, filter, list, man, print_config, search};
pub use run::run;
pub(crate) use study_modes::{count, kwic};
pub(crate) use tag_modes::{tagged, tags};
pub(crate) use word_modes::{collocates, keywords, save_subcorpus, subcorpora, wordlist};

use crate::config;
use crate::keys::keymap::Keymap;
use crate::search::text::corpus_search::Want;
use crate::text::sanitize::sanitize_line;
use crate::ui::palette::Palette;
use clap::ArgMatches;
use std::io;
use std::process::ExitCode;

/// Exit status for errors in the arguments, the corpus or the terminal (clap uses it too).
const EXIT_ERROR: u8 = 2;

/// Why a run failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Something to tell the user (a missing folder, a bad configuration, no terminal).
    Message(String),
    /// Writing the output failed: a closed pipe (`| head`) is no failure at all.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Output(error)
    }
}

impl Failure {
    /// Reports the failure on stderr (each line made safe to show) and gives the exit status.
    /// A closed pipe ends the output quietly, with success, as ripgrep does.
    pub(crate) fn report(self) -> ExitCode {
        let message = match self {
            Failure::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                return ExitCode::SUCCESS;
            }
            Failure::Output(error) => format!("writing the output: {error}"),
            Failure::Message(message) => message,
        };
        for line in message.lines() {
            eprintln!("folio: {}", sanitize_line(line));
        }
        ExitCode::from(EXIT_ERROR)
    }
}

/// The arguments with the configuration file put under them, and the colours and keys it sets.
pub(crate) struct Settings {
    pub args: Args,
    /// Where the documents come from.
    pub inputs: crate::corpus::Inputs,
    pub palette: Palette,
    pub keymap: Keymap,
}

impl Settings {
    /// Reads the configuration file (unless told not to) under the arguments, and checks the
    /// path to browse can be read.
    pub(crate) fn read(mut args: Args, matches: &ArgMatches) -> Result<Settings, Failure> {
        let (palette, keymap) = match config::load(args.config.as_deref(), args.no_config) {
            Ok(Some(config)) => {
                let look = (config.palette.clone(), config.keymap.clone());
                args.apply_config(config, matches);
                look
            }
            Ok(None) => (Palette::default(), Keymap::default()),
            Err(message) => {
                return Err(Failure::Message(format!(
                    "configuration: {message}\n(fix it, or start without it: folio --no-config)"
                )));
            }
        };
        let inputs = args.inputs()?;
        inputs
            .check()
            .map_err(|(path, error)| Failure::Message(format!("{}: {error}", path.display())))?;
        if !args.no_cache {
            crate::store::keep_extracted_text(&inputs);
        }
        Ok(Settings {
            args,
            inputs,
            palette,
            keymap,
        })
    }

    /// Lists and searches the corpus for `query` in one pass (`--search`, `--count`), with each
    /// match's best passage, or the counts alone, as `want` says; with `--verbose`, tells the
    /// skipped files.
    fn search(
        &self,
        query: &crate::search::query::Query,
        want: Want,
    ) -> Result<crate::search::text::corpus_search::Searched, Failure> {
        self.search_in(self.kept_listing(), query, want)
    }

    /// [`Settings::search`] with the lasting store `kept` (a listing), if there is one: the
    /// corpus is then listed from it and searched with its index. Only then is it listed
    /// first: without, listing and searching are one pass (and a list on standard input can
    /// be read once only).
    fn search_in(
        &self,
        kept: Option<crate::store::Lasting>,
        query: &crate::search::query::Query,
        want: Want,
    ) -> Result<crate::search::text::corpus_search::Searched, Failure> {
        let workers = crate::work::pool::workers();
        let searched = match kept {
            _ if self.args.scope().is_some() => word_modes::search_scoped(self, kept, query, want)?,
            Some(kept) => {
                let (corpus, indexed) = self.listed_with_index(Some(&kept), false, &|_, _| {})?;
                let index = indexed.map(|(index, _)| index);
                let mut searched = crate::search::text::corpus_search::search_listed(
                    corpus,
                    index.as_ref(),
                    query,
                    workers,
                    want,
                );
                searched.index = index;
                searched
            }
            None => crate::search::text::corpus_search::search_corpus(
                &self.inputs,
                &self.args.walk_options(),
                query,
                workers,
                want,
            )
            .map_err(|error| self.corpus_failure(error))?,
        };
        if self.args.verbose {
            output::report_skipped(&searched.skipped);
        }
        Ok(searched)
    }

    /// The failure to report when the corpus cannot be used.
    pub(crate) fn corpus_failure(&self, error: crate::corpus::LoadError) -> Failure {
        Failure::Message(format!("{}: {error}", self.inputs.describe()))
    }
}
