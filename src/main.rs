//! Process wiring: parse the command line, load the corpus, then either print (`--list`,
//! `--filter`) or run the interactive browser, and map the outcome to an exit code.

use clap::CommandFactory;
use crossterm::event::{Event, KeyCode};
use folio::app::{App, Exit};
use folio::cli::Args;
use folio::corpus::loader::{self, LoadEvent, Loaded};
use folio::corpus::store::DocStore;
use folio::corpus::{self, Corpus, DocMeta, LoadError, Skipped, WalkOptions};
use folio::search::query::Query;
use folio::search::text as text_search;
use folio::search::text::index;
use folio::search::text::searcher::TextSearcher;
use folio::search::titles::filter::TitleFilter;
use folio::search::titles::ranker::{RankRequest, Ranker, rank};
use folio::search::titles::ranking::ranking_of;
use folio::text::sanitize::sanitize_line;
use folio::tty::byte_saving_backend::ByteSavingBackend;
use folio::tty::event_loop::{self, Input, Session};
use folio::tty::{signals, terminal};
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};

/// Exit status for errors in the arguments, the corpus or the terminal (clap uses it too).
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let (mut args, matches) = folio::cli::parse();
    if args.print_config {
        let written = io::stdout().write_all(folio::config::starting_file().as_bytes());
        return match finish_output(written) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => fail(&message),
        };
    }
    match folio::config::load(args.config.as_deref(), args.no_config) {
        Ok(Some(config)) => {
            folio::ui::theme::use_palette(config.palette.clone());
            folio::keys::keymap::use_keymap(config.keymap.clone());
            args.apply_config(config, &matches);
        }
        Ok(None) => {}
        Err(message) => {
            return fail(&format!(
                "configuration: {message}\n(fix it, or start without it: folio --no-config)"
            ));
        }
    }
    match run(args) {
        Ok(code) => code,
        Err(message) => fail(&message),
    }
}

/// Reports `message` on stderr (each line made safe to show) and gives the error status.
fn fail(message: &str) -> ExitCode {
    for line in message.lines() {
        eprintln!("folio: {}", sanitize_line(line));
    }
    ExitCode::from(EXIT_ERROR)
}

fn run(args: Args) -> Result<ExitCode, String> {
    if let Some(shell) = args.completions {
        let mut command = Args::command();
        // Into memory first: clap_complete panics when its writer fails (a closed pipe).
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "folio", &mut script);
        return finish_output(io::stdout().write_all(&script)).map(|()| ExitCode::SUCCESS);
    }
    if args.man {
        let written = clap_mangen::Man::new(Args::command()).render(&mut io::stdout());
        return finish_output(written).map(|()| ExitCode::SUCCESS);
    }
    let options = args.walk_options();
    let failed = |error: LoadError| format!("{}: {error}", args.path.display());
    corpus::check_root(&args.path).map_err(failed)?;
    if args.list {
        return list(&args, &options)
            .map_err(failed)?
            .map(|()| ExitCode::SUCCESS);
    }
    if let Some(query) = &args.filter {
        let corpus = corpus::load(&args.path, &options).map_err(failed)?;
        if args.verbose {
            report_skipped(&corpus.skipped);
        }
        let docs = corpus.docs;
        let request = RankRequest {
            generation: 0,
            query: Query::parse(query),
            docs: docs.clone(),
            within: None,
        };
        let workers = folio::work::pool::workers();
        let matches =
            rank(&TitleFilter::default(), &request, workers, &|| false).unwrap_or_default();
        let ranked = ranking_of(&matches);
        let code = if ranked.is_empty() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
        let docs = ranked.into_iter().map(|(_, index)| &docs[index]);
        let mut out = BufWriter::new(io::stdout().lock());
        let written = print_rows(&mut out, docs).and_then(|()| out.flush());
        return finish_output(written).map(|()| code);
    }
    if args.index_stats {
        let corpus = corpus::load(&args.path, &options).map_err(failed)?;
        let docs = corpus.docs;
        let budget = args.index_budget();
        let started = std::time::Instant::now();
        let built = index::build(&docs, budget, folio::work::pool::workers());
        println!(
            "indexed {} of {} documents in {:.2} s: {:.1} MiB (budget {} MiB)",
            built.documents(),
            docs.len(),
            started.elapsed().as_secs_f64(),
            built.bytes() as f64 / f64::from(1 << 20),
            args.index_memory,
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(query) = &args.search {
        let workers = folio::work::pool::workers();
        let searched = text_search::corpus_search::search_corpus(
            &args.path,
            &options,
            &Query::parse(query),
            workers,
            args.json,
        )
        .map_err(failed)?;
        if args.verbose {
            report_skipped(&searched.skipped);
        }
        let (docs, found) = (searched.docs, searched.found);
        let code = if found.is_empty() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
        let mut out = BufWriter::new(io::stdout().lock());
        let written = print_found(&mut out, &docs, &found, args.json).and_then(|()| out.flush());
        return finish_output(written).map(|()| code);
    }
    let events = loader::spawn(args.path.clone(), options.clone());
    let first = loader::first_documents(&events);
    if first.docs.is_empty() {
        return Err(failed(corpus::no_documents(
            &args.path,
            &options,
            first.skipped.len(),
        )));
    }
    browse(first, events, args, options)
}

/// `--list`: prints documents as the loader delivers them, in path order, without holding
/// the corpus. The outer error is the corpus's, the inner one the output's.
fn list(args: &Args, options: &WalkOptions) -> Result<Result<(), String>, LoadError> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut found = 0;
    let mut skipped = 0;
    for event in loader::spawn(args.path.clone(), options.clone()) {
        match event {
            LoadEvent::Documents(docs) => {
                found += docs.len();
                // Stop at the first failed write: a closed pipe (`| head`) needs no more.
                if let Err(error) = print_rows(&mut out, docs.iter()) {
                    return Ok(finish_output(Err(error)));
                }
            }
            LoadEvent::Skipped(batch) => {
                skipped += batch.len();
                if args.verbose {
                    report_skipped(&batch);
                }
            }
        }
    }
    if found == 0 {
        return Err(corpus::no_documents(&args.path, options, skipped));
    }
    Ok(finish_output(out.flush()))
}

/// Tells, on stderr, every file that was skipped and why.
fn report_skipped(skipped: &[Skipped]) {
    for skipped in skipped {
        eprintln!(
            "folio: skipped {}: {}",
            sanitize_line(&skipped.path.to_string_lossy()),
            sanitize_line(&skipped.reason)
        );
    }
}

/// Prints `PATH<TAB>TITLE` for each document.
fn print_rows<'a>(out: &mut impl Write, docs: impl Iterator<Item = &'a DocMeta>) -> io::Result<()> {
    // The records of a JSON Lines file share one path: it is made safe to print once.
    let mut shown: Option<(&std::path::Path, String)> = None;
    for doc in docs {
        match doc.record {
            Some(record) => {
                if shown.as_ref().is_none_or(|(path, _)| *path != &*doc.path) {
                    shown = Some((&doc.path, sanitize_line(&doc.path.to_string_lossy())));
                }
                let path = shown.as_ref().map_or("", |(_, text)| text.as_str());
                writeln!(out, "{path}:{}\t{}", record.line, doc.title)?;
            }
            None => writeln!(out, "{}\t{}", doc.display_path(), doc.title)?,
        }
    }
    Ok(())
}

/// Prints `--search` results: `PATH<TAB>HITS<TAB>TITLE`, or JSON lines with the score and the
/// passage too.
fn print_found(
    out: &mut impl Write,
    docs: &DocStore,
    found: &[text_search::TextMatch],
    json: bool,
) -> io::Result<()> {
    for found in found {
        let doc = &docs[found.index];
        if json {
            let line = serde_json::json!({
                "path": doc.display_path(),
                "title": &*doc.title,
                "hits": found.hits,
                "score": (found.score * 1000.0).round() / 1000.0,
                "passage": found.passage,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{}\t{}\t{}", doc.display_path(), found.hits, doc.title)?;
        }
    }
    Ok(())
}

/// A closed pipe (`| head`) ends the output quietly; any other write error is reported.
fn finish_output(written: io::Result<()>) -> Result<(), String> {
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("writing the output: {error}"))
        }
        _ => Ok(()),
    }
}

fn browse(
    first: Loaded,
    events: Receiver<LoadEvent>,
    args: Args,
    options: WalkOptions,
) -> Result<ExitCode, String> {
    if !io::stdout().is_terminal() {
        // `vim $(folio corpus)`: draw on the terminal itself; the chosen paths go to stdout.
        terminal::use_tty().map_err(|error| {
            format!(
                "standard output is not a terminal and there is none to draw on ({error}); \
                 use --list, --filter or --search to print"
            )
        })?;
    }
    if std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return Err("TERM=dumb cannot show the interface; use --list or --filter".into());
    }
    let (sender, inputs) = mpsc::channel();
    let on_resume = sender.clone();
    signals::spawn(move || {
        let _ = on_resume.send(Ok(Input::Resumed));
    })
    .map_err(|error| format!("cannot handle signals: {error}"))?;
    let corpus = Corpus {
        root: args.path.clone(),
        docs: DocStore::new(first.docs, options.records),
        skipped: first.skipped,
    };
    let colour = args.color.colours(std::env::var_os("NO_COLOR").is_some());
    folio::ui::theme::use_colour(colour);
    // crossterm drops colours itself when NO_COLOR is set; `--color always` overrides it.
    crossterm::style::force_color_output(colour);
    terminal::use_mouse(!args.no_mouse);
    let index_budget = args.index_budget();
    let mut app = App::new(corpus, args.keywords, args.query);
    app.loading = !first.finished;
    let ranked = sender.clone();
    if let Ok(ranker) = Ranker::spawn(move |result| {
        let _ = ranked.send(Ok(Input::Ranked(result)));
    }) {
        app.rank_in_background(ranker);
    }
    let text_found = sender.clone();
    if let Ok(searcher) = TextSearcher::spawn(move |found| {
        let _ = text_found.send(Ok(Input::TextFound(found)));
    }) {
        app.search_text_in_background(searcher);
    }
    if args.index_memory > 0 {
        let budget = index_budget;
        let indexed = sender.clone();
        app.index_when_loaded(Box::new(move |docs| {
            std::thread::Builder::new()
                .name("text-index".into())
                .spawn(move || {
                    let index = index::build(&docs, budget, folio::work::pool::workers());
                    let _ = indexed.send(Ok(Input::Indexed(index)));
                })
                .is_ok()
        }));
    }
    let searched = sender.clone();
    app.reader.set_waker(std::sync::Arc::new(move || {
        let _ = searched.send(Ok(Input::Searched));
    }));
    let loaded = sender.clone();
    std::thread::spawn(move || {
        loader::forward(events, |bundle| {
            loaded.send(Ok(Input::Loaded(bundle))).is_ok()
        });
    });
    let mut tui = terminal::enter().map_err(|error| format!("cannot use the terminal: {error}"))?;
    let events =
        folio::tty::events::spawn(move |event| sender.send(event.map(Input::Terminal)).is_ok());
    let mut session = TtySession { inputs, events };
    let outcome = event_loop::run(&mut tui, &mut app, &mut session);
    terminal::restore();
    outcome.map_err(|error| format!("terminal error: {error}"))?;
    match app.exit {
        Some(Exit::Accept) => {
            let mut out = BufWriter::new(io::stdout().lock());
            let docs = app.accepted.iter().map(|&index| &app.docs[index]);
            let written = print_paths(&mut out, docs).and_then(|()| out.flush());
            finish_output(written).map(|()| ExitCode::SUCCESS)
        }
        // Nothing chosen: 130, as fzf does, so `vim $(folio corpus)` opens nothing.
        _ => Ok(ExitCode::from(130)),
    }
}

/// Prints the chosen documents' paths, one per line: as they are into a pipe (for `xargs`,
/// `vim $(…)`), made safe to show when standard output is a terminal.
fn print_paths<'a>(
    out: &mut impl Write,
    docs: impl Iterator<Item = &'a DocMeta>,
) -> io::Result<()> {
    let raw = !io::stdout().is_terminal();
    for doc in docs {
        match (raw, doc.record) {
            (true, None) => out.write_all(doc.path.as_os_str().as_encoded_bytes())?,
            (true, Some(record)) => {
                out.write_all(doc.path.as_os_str().as_encoded_bytes())?;
                write!(out, ":{}", record.line)?;
            }
            (false, _) => out.write_all(doc.display_path().as_bytes())?,
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The real terminal: inputs from the reader thread and the signal thread.
struct TtySession {
    inputs: Receiver<io::Result<Input>>,
    events: folio::tty::events::EventReader,
}

impl Session<ByteSavingBackend<CrosstermBackend<terminal::Screen>>> for TtySession {
    fn next_input(&mut self) -> io::Result<Input> {
        let input = self
            .inputs
            .recv()
            .map_err(|_| io::Error::other("the terminal reader stopped"))??;
        panic_on_test_key(&input);
        Ok(input)
    }

    fn suspend(&mut self, _: &mut terminal::Tui) -> io::Result<()> {
        terminal::suspend()
    }

    fn resume(&mut self, _: &mut terminal::Tui) -> io::Result<()> {
        terminal::apply_modes()
    }

    fn run_external(
        &mut self,
        _: &mut terminal::Tui,
        external: &folio::app::External,
    ) -> io::Result<Result<(), String>> {
        folio::tty::handover::run(external, &self.events)
    }

    fn copy(&mut self, tui: &mut terminal::Tui, text: &str) -> io::Result<()> {
        // OSC 52 travels with the output, so it reaches the user's terminal through SSH and
        // tmux (with set-clipboard on); terminals that refuse it ignore it.
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let backend = tui.backend_mut();
        write!(backend, "\x1b]52;c;{encoded}\x07")?;
        backend.flush()
    }

    fn frame(&mut self, tui: &mut terminal::Tui, begins: bool) -> io::Result<()> {
        // Terminals that do not know mode 2026 ignore it (it is a private mode set, no query).
        let backend = tui.backend_mut();
        if begins {
            crossterm::queue!(backend, crossterm::terminal::BeginSynchronizedUpdate)
        } else {
            crossterm::execute!(backend, crossterm::terminal::EndSynchronizedUpdate)
        }
    }
}

/// Debug builds only: with FOLIO_TEST_PANIC set, F12 panics, so the tests can check the
/// terminal is restored after a panic. Release builds have no such key.
fn panic_on_test_key(input: &Input) {
    if cfg!(debug_assertions)
        && std::env::var_os("FOLIO_TEST_PANIC").is_some()
        && matches!(input, Input::Terminal(Event::Key(key)) if key.code == KeyCode::F(12))
    {
        panic!("test panic requested with F12");
    }
}
