//! Process wiring: parse the command line, load the corpus, then either print (`--list`,
//! `--filter`) or run the interactive browser, and map the outcome to an exit code.

use clap::Parser;
use crossterm::event::{Event, KeyCode};
use folio::app::{App, Exit};
use folio::cli::Args;
use folio::corpus::{self, Corpus};
use folio::event_loop::{self, Input, Session};
use folio::filter::TitleFilter;
use folio::text::sanitize::sanitize_line;
use folio::{signals, terminal};
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};

/// Exit status for errors in the arguments, the corpus or the terminal (clap uses it too).
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("folio: {}", sanitize_line(&message));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(args: Args) -> Result<ExitCode, String> {
    let corpus = corpus::load(&args.path, &args.walk_options())
        .map_err(|error| format!("{}: {error}", args.path.display()))?;
    if args.verbose && (args.list || args.filter.is_some()) {
        report_skipped(&corpus);
    }
    if args.list {
        return print_rows(&corpus, 0..corpus.docs.len()).map(|()| ExitCode::SUCCESS);
    }
    if let Some(query) = &args.filter {
        let ranked = TitleFilter::default().rank(corpus.docs.iter().map(|d| &*d.title), query);
        let code = if ranked.is_empty() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
        return print_rows(&corpus, ranked).map(|()| code);
    }
    browse(corpus, args)
}

/// Tells, on stderr, every file that was skipped and why.
fn report_skipped(corpus: &Corpus) {
    for skipped in &corpus.skipped {
        eprintln!(
            "folio: skipped {}: {}",
            sanitize_line(&skipped.path.to_string_lossy()),
            sanitize_line(&skipped.reason)
        );
    }
}

/// Prints `PATH<TAB>TITLE` for the given documents. A closed pipe (`| head`) ends quietly.
fn print_rows(corpus: &Corpus, order: impl IntoIterator<Item = usize>) -> Result<(), String> {
    let mut out = BufWriter::new(io::stdout().lock());
    let written = order
        .into_iter()
        .try_for_each(|index| {
            let doc = &corpus.docs[index];
            writeln!(out, "{}\t{}", doc.display_path(), doc.title)
        })
        .and_then(|()| out.flush());
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("writing the output: {error}"))
        }
        _ => Ok(()),
    }
}

fn browse(corpus: Corpus, args: Args) -> Result<ExitCode, String> {
    if !io::stdout().is_terminal() {
        return Err("standard output is not a terminal; use --list or --filter to print".into());
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
    let mut app = App::new(corpus, args.keywords, args.query);
    let mut tui = terminal::enter().map_err(|error| format!("cannot use the terminal: {error}"))?;
    spawn_terminal_reader(sender);
    let outcome = event_loop::run(&mut tui, &mut app, &mut TtySession { inputs });
    terminal::restore();
    outcome.map_err(|error| format!("terminal error: {error}"))?;
    Ok(match app.exit {
        Some(Exit::Interrupted) => ExitCode::from(130),
        _ => ExitCode::SUCCESS,
    })
}

/// Reads terminal events on a thread of its own, so signals can wake the loop as well.
fn spawn_terminal_reader(sender: Sender<io::Result<Input>>) {
    std::thread::spawn(move || {
        loop {
            let event = crossterm::event::read().map(Input::Terminal);
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                return;
            }
        }
    });
}

/// The real terminal: inputs from the reader thread and the signal thread.
struct TtySession {
    inputs: Receiver<io::Result<Input>>,
}

impl Session<CrosstermBackend<Stdout>> for TtySession {
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
