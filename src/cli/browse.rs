//! The interactive browser: waits for the first documents, takes the terminal (or `/dev/tty`
//! when standard output is a pipe), starts the background work and the threads that feed the
//! loop's inbox (terminal events, signals, the rest of the load), runs the loop, gives the
//! terminal back, and prints what was chosen.

use super::output::print_paths;
use super::{Failure, Settings};
use crate::app::{App, Exit, Jobs, Remembered, Setup, Update};
use crate::config::state_file;
use crate::corpus::loader;
use crate::corpus::store::{DocStore, Listed};
use crate::corpus::{Corpus, no_documents};
use crate::corpus::{Inputs, jsonl};
use crate::store::Lasting;
use crate::tty::event_loop::{EventLoop, Input};
use crate::tty::session::{self, TtySession};
use crate::tty::signals::{self, Notice};
use crate::tty::{events, output, terminal};
use crate::ui::theme::Theme;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;

pub(crate) fn browse(settings: Settings) -> Result<ExitCode, Failure> {
    let mut options = settings.args.walk_options();
    let given = settings.inputs.clone();
    // The lasting store: files unchanged since it was written are listed from it, unread.
    let (lasting, store_note) = match settings.args.no_cache {
        true => (None, None),
        false => match Lasting::open(&given, &options, settings.args.cache_bytes(), true) {
            Ok(None) => (None, None),
            Ok(Some(lasting)) => {
                let note = (!lasting.notes.is_empty()).then(|| lasting.notes.join("; "));
                (Some(Arc::new(lasting)), note)
            }
            Err(why) => (None, Some(format!("no lasting store: {why}"))),
        },
    };
    options.known = lasting.as_ref().and_then(|lasting| lasting.known());
    let loading = loader::spawn(given.clone(), options.clone());
    let first = loader::first_documents(&loading, FIRST_WAIT);
    // What is said when the load ends with nothing: before the interface shows, or once it
    // has (a slow list on standard input that lists nothing).
    let (named, looked_for) = (given.clone(), options.clone());
    let nothing = move |skipped: usize| {
        let error = no_documents(&named, &looked_for, skipped);
        Failure::Message(format!("{}: {error}", named.describe()))
    };
    if first.docs.is_empty() && first.finished {
        return Err(nothing(first.skipped.len()));
    }
    let Settings {
        args,
        palette,
        keymap,
        ..
    } = settings;
    // What ends each chosen path when printed: NUL with -0, for `xargs -0`.
    let end = if args.print0 { 0 } else { b'\n' };
    let fail = |message: String| Failure::Message(message);
    if !io::stdout().is_terminal() {
        // `vim $(folio corpus)`: draw on the terminal itself; the chosen paths go to stdout.
        output::use_tty().map_err(|error| {
            fail(format!(
                "standard output is not a terminal and there is none to draw on ({error}); \
                 use --list, --filter or --search to print"
            ))
        })?;
    }
    if std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return Err(fail(
            "TERM=dumb cannot show the interface; use --list or --filter".into(),
        ));
    }
    // One inbox for everything that wakes the loop.
    let (inbox, inputs) = mpsc::channel();
    let on_signal = inbox.clone();
    signals::spawn(move |notice| {
        let input = match notice {
            Notice::Resumed => Input::Resumed,
            Notice::Resized => Input::Resized,
            Notice::Ending => Input::Ending,
        };
        let _ = on_signal.send(Ok(input));
    })
    .map_err(|error| fail(format!("cannot handle signals: {error}")))?;
    let colour = args.color.colours(std::env::var_os("NO_COLOR").is_some());
    // crossterm drops colours itself when NO_COLOR is set; `--color always` overrides it.
    crossterm::style::force_color_output(colour);
    terminal::use_mouse(!args.no_mouse);
    let fields_hint =
        jsonl::fields_hint(first.docs.iter().flat_map(Listed::iter), &options.records);
    let corpus = Corpus {
        root: given.base(),
        named: given.named().to_vec(),
        docs: DocStore::of(first.docs, options.records).decoding(options.decoding),
        skipped: first.skipped,
    };
    let index_budget = args.index_budget();
    let matching = args.matching();
    let (state, remembered, note) = remembered_state(args.no_state, &given);
    // A damaged state file says so first; else records whose fields folio did not find;
    // else that no document has come yet.
    let waiting = (corpus.docs.is_empty()).then(|| match given {
        Inputs::Listed { .. } => "waiting for paths on standard input…".to_string(),
        Inputs::Named(_) => "looking for documents…".to_string(),
    });
    let note = note.or(store_note).or(fields_hint).or(waiting);
    let setup = Setup {
        keywords: args.keywords,
        query: args.query,
        loading: !first.finished,
        index_budget,
        lasting,
        matching,
        remembered,
        note,
        subcorpus: args.study.scope,
        citation: args.citation,
        copies: args.copies.thresholds(),
        collapse: args.copies.collapse,
    };
    let started = App::new(corpus, setup);
    let delivered = inbox.clone();
    let jobs = Jobs::start(move |update| {
        let _ = delivered.send(Ok(Input::Update(update)));
    })
    .map_err(|error| fail(format!("cannot start background work: {error}")))?;
    let loaded = inbox.clone();
    std::thread::spawn(move || {
        loader::forward(loading, |bundle| {
            loaded
                .send(Ok(Input::Update(Update::Loaded(bundle))))
                .is_ok()
        });
    });
    let tui =
        terminal::enter().map_err(|error| fail(format!("cannot use the terminal: {error}")))?;
    let interrupt = Arc::new(AtomicBool::new(false));
    let noted = Arc::clone(&interrupt);
    let events = events::spawn(move |event| {
        session::note_interrupt(&noted, &event);
        inbox.send(event.map(Input::Terminal)).is_ok()
    });
    let session = TtySession::new(inputs, events, jobs, interrupt);
    let theme = Theme::new(palette, colour);
    let mut event_loop = match EventLoop::new(tui, session, started, theme, keymap) {
        Ok(event_loop) => event_loop,
        Err(error) => return Err(leave_after(error)),
    };
    let ran = event_loop.run();
    // From here on a signal waits (a bounded time) for the state to be saved.
    signals::leaving();
    // Remembered before the terminal is given back (the shell's next folio finds it), but
    // never holding it back for long; also when the terminal went away or a signal ends folio.
    let saved = match &state {
        Some(file) => event_loop
            .app_mut()
            .remembered()
            .map(|(remembered, session)| {
                state_file::save_within(SAVE_WITHIN, file.clone(), remembered, session)
            }),
        None => None,
    };
    if ran.is_err() && output::given_back() {
        // A panic is giving the terminal back on another thread, and will end folio:
        // anything said here would come after the restore.
        loop {
            std::thread::park();
        }
    }
    terminal::give_back(signals::OUTPUT_WAIT);
    if let Some(Err(error)) = saved {
        // Not fatal: what was chosen still goes out.
        Failure::Message(format!("the remembered state was not saved: {error}")).report();
    }
    if let Some(signal) = signals::ended_by() {
        // Ended from outside (the terminal may be gone): nothing is printed.
        return Ok(ExitCode::from(
            u8::try_from(128 + signal).unwrap_or(u8::MAX),
        ));
    }
    let exit = ran.map_err(|error| fail(format!("terminal error: {error}")))?;
    match exit {
        Some(Exit::Accept(chosen)) => {
            let docs = event_loop.app().docs();
            let mut out = BufWriter::new(io::stdout().lock());
            print_paths(&mut out, chosen.iter().map(|&index| docs.at(index)), end)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Exit::NothingFound { skipped }) => Err(nothing(skipped)),
        // Nothing chosen: 130, as fzf does, so `vim $(folio corpus)` opens nothing.
        _ => Ok(ExitCode::from(130)),
    }
}

/// The failure for a loop that could not start: given back first, unless a signal or a
/// panic is already doing that (and will end folio).
fn leave_after(error: io::Error) -> Failure {
    if output::given_back() {
        loop {
            std::thread::park();
        }
    }
    terminal::give_back(signals::OUTPUT_WAIT);
    Failure::Message(format!("terminal error: {error}"))
}

/// How long folio waits for the first documents before showing itself anyway (loading,
/// saying what it waits for): a list on standard input may come slowly, or never.
const FIRST_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// The longest the exit waits for the remembered state to be written (a lock held by another
/// folio is given up after two seconds of it).
const SAVE_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

/// The state file to keep for this corpus (none with `--no-state`), what it remembers, and a
/// note for the status bar when it was damaged or cannot be kept (its folder inside the
/// corpus).
pub(super) fn remembered_state(
    no_state: bool,
    given: &Inputs,
) -> (Option<PathBuf>, Option<Remembered>, Option<String>) {
    let file = match no_state {
        true => None,
        false => state_file::folder(|name| std::env::var(name).ok())
            .map(|folder| state_file::file_for(given, &folder)),
    };
    let Some(file) = file else {
        return (None, None, None);
    };
    if let Some(why) = state_file::refused(&file, given.named()) {
        return (None, None, Some(why));
    }
    let folder = match state_file::prepare_folder(&file) {
        Ok(folder) => folder,
        Err(why) => return (None, None, Some(why)),
    };
    let (remembered, note) = state_file::load(&folder, &file);
    (Some(file), Some(remembered), note)
}
