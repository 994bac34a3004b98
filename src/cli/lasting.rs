//! The lasting store from the command line: opened for the printing modes (a corpus listed
//! from it, searched with its index), `--index` (built or brought up to date, with what was
//! done said and a progress bar on a terminal) and `--index-stats` (where it is, how big, what
//! it covers).

use super::{Failure, Settings};
use crate::corpus::{self, Corpus};
use crate::search::text::index::{self, TextIndex, lasting};
use crate::store::Lasting;
use crate::text::columns::{human_size, plural, thousands};
use crate::work::pool;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

impl Settings {
    /// The corpus's lasting store (made when `make`; else only one there already), unless
    /// it is not to be kept (`--no-cache`, `cache = false`) or cannot be (said on standard
    /// error with why, and folio goes on without).
    pub(crate) fn lasting(&self, make: bool) -> Option<Lasting> {
        if self.args.no_cache {
            return None;
        }
        let opened = Lasting::open(
            &self.inputs,
            &self.args.walk_options(),
            self.args.cache_bytes(),
            make,
        );
        match opened {
            Ok(None) => None,
            Ok(Some(lasting)) => {
                for note in &lasting.notes {
                    eprintln!("folio: {note}");
                }
                Some(lasting)
            }
            Err(why) => {
                eprintln!("folio: no lasting store: {why}");
                None
            }
        }
    }

    /// The corpus's lasting store when it has a listing to list and search with (a printing
    /// mode makes none).
    pub(crate) fn kept_listing(&self) -> Option<Lasting> {
        self.lasting(false)
            .filter(|lasting| lasting.listing.is_some())
    }

    /// The options to list the corpus with: files unchanged since the store's listing was
    /// written are listed from it (`--list`, `--filter`).
    pub(crate) fn listing_options(&self) -> crate::corpus::WalkOptions {
        let mut options = self.args.walk_options();
        options.known = self.lasting(false).and_then(|lasting| lasting.known());
        options
    }

    /// The corpus listed (from the store's listing where files are unchanged) and its index
    /// from the store `lasting`, what changed indexed in memory; None for the index without
    /// a store. Only with `write` is the store written (`--index`, `--index-stats`): a
    /// printing mode answers from it, and leaves bringing it up to date to `--index` and the
    /// browser.
    pub(super) fn listed_with_index(
        &self,
        lasting: Option<&Lasting>,
        write: bool,
        progress: &dyn Fn(usize, usize),
    ) -> Result<(Corpus, Option<(TextIndex, lasting::Report)>), Failure> {
        let mut options = self.args.walk_options();
        options.known = lasting.and_then(Lasting::known);
        let corpus = corpus::load(&self.inputs, &options).map_err(|e| self.corpus_failure(e))?;
        let Some(lasting) = lasting else {
            return Ok((corpus, None));
        };
        let indexed = lasting::update(lasting::Update {
            store: &lasting.store,
            listing: lasting.listing.as_ref(),
            docs: &corpus.docs,
            workers: pool::workers(),
            progress,
            early: &mut |_| {},
            write,
        });
        for note in &indexed.1.notes {
            eprintln!("folio: {note}");
        }
        Ok((corpus, Some(indexed)))
    }
}

/// `--index`: builds the lasting store of the corpus or brings it up to date, and says what
/// was done.
pub(crate) fn index(settings: &Settings) -> Result<ExitCode, Failure> {
    let started = Instant::now();
    let bar = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if bar {
            eprint!("\r{}", progress_bar(done, total));
        }
    };
    if settings.args.no_cache {
        return Err(Failure::Message(
            "--index keeps the lasting store: not with cache = false in the configuration \
             (or --no-cache)"
                .into(),
        ));
    }
    let lasting = settings.lasting(true);
    let (corpus, indexed) = settings.listed_with_index(lasting.as_ref(), true, &progress)?;
    if bar {
        eprint!("\r\x1b[K");
    }
    let Some((index, report)) = indexed else {
        return Err(Failure::Message(
            "no lasting store could be kept (see above)".into(),
        ));
    };
    let docs = &corpus.docs;
    let kept = docs.stored().flatten().count();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} document{}: {} as kept, {} new or changed; {} skipped",
        thousands(docs.len()),
        plural(docs.len()),
        thousands(kept),
        thousands(docs.len() - kept),
        thousands(corpus.skipped.len()),
    )?;
    writeln!(
        out,
        "index: {} document{} ({} kept, {} indexed now), {} left to scanning",
        thousands(index.documents()),
        plural(index.documents()),
        thousands(report.reused),
        thousands(report.indexed),
        thousands(docs.len().saturating_sub(index.documents())),
    )?;
    if report.left_out > 0 {
        writeln!(
            out,
            "{} documents left out of the stored index to keep within --cache-limit {} MiB",
            thousands(report.left_out),
            settings.args.cache_limit
        )?;
    }
    match (report.written, report.changed) {
        (Some(size), _) => writeln!(out, "store written: {}", human_size(size))?,
        (None, false) => writeln!(out, "store unchanged")?,
        (None, true) => {
            out.flush()?;
            // What stopped it was said above; a cron job must see it failed.
            return Err(Failure::Message(
                "the store was not written (see above)".into(),
            ));
        }
    }
    writeln!(out, "took {:.2} s", started.elapsed().as_secs_f64())?;
    Ok(ExitCode::SUCCESS)
}

/// `--index-stats`: with the store, where it is, its files and what its index covers;
/// without (`--no-cache`), builds the index in memory as the browser would and says what it
/// covers.
pub(crate) fn index_stats(settings: &Settings) -> Result<ExitCode, Failure> {
    let args = &settings.args;
    let mut out = std::io::stdout().lock();
    if let Some(lasting) = settings.lasting(true) {
        let started = Instant::now();
        let (corpus, indexed) = settings.listed_with_index(Some(&lasting), true, &|_, _| {})?;
        let covered = indexed.as_ref().map_or(0, |(index, _)| index.documents());
        writeln!(
            out,
            "indexed {} of {} documents in {:.2} s (from the store: {})",
            thousands(covered),
            thousands(corpus.docs.len()),
            started.elapsed().as_secs_f64(),
            thousands(indexed.as_ref().map_or(0, |(_, report)| report.reused)),
        )?;
        let store = &lasting.store;
        let files = store.files();
        let total: u64 = files.iter().map(|(_, size)| size).sum();
        writeln!(
            out,
            "store: {} ({} of at most {}; remove the folder to forget it)",
            store.path().display(),
            human_size(total),
            human_size(store.limit())
        )?;
        for (name, size) in files {
            writeln!(out, "  {name}: {}", human_size(size))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let corpus = corpus::load(&settings.inputs, &args.walk_options())
        .map_err(|error| settings.corpus_failure(error))?;
    let started = Instant::now();
    let built = index::build(&corpus.docs, args.index_budget(), pool::workers());
    writeln!(
        out,
        "indexed {} of {} documents in {:.2} s: {} in memory (budget {} MiB; no lasting store)",
        thousands(built.documents()),
        thousands(corpus.docs.len()),
        started.elapsed().as_secs_f64(),
        human_size(built.bytes() as u64),
        args.index_memory,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `indexing [#####     ] 1,234 of 5,678 documents`.
fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    format!(
        "indexing [{}{}] {} of {} documents",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        thousands(done),
        thousands(total)
    )
}
