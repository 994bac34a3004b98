//! Running the user's editor or pager on a document: folio gives the terminal up (as for
//! Ctrl-Z), stops reading keys and ignores Ctrl-C (it is the program's now), waits for the
//! program, then takes the terminal back. The caller redraws everything.

use super::events::EventReader;
use crate::app::Handover;
use crate::tty::{output, signals, terminal};
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Runs `handover` on the terminal. The outer error is the terminal's; the inner one says
/// what went wrong with the program, for the status bar.
pub(crate) fn run(handover: &Handover, reader: &EventReader) -> io::Result<Result<(), String>> {
    reader.pause();
    signals::hold_interrupts(true);
    {
        let _writing = output::lock();
        terminal::restore();
    }
    let outcome = run_program(handover);
    // A program that crashed may leave the terminal raw or without echo; folio would keep
    // that as the state to give back on exit.
    terminal::reset_line_settings();
    let taken_back = terminal::apply_modes();
    signals::hold_interrupts(false);
    reader.resume();
    taken_back.map(|()| outcome)
}

fn run_program(handover: &Handover) -> Result<(), String> {
    let program = handover.program(|name| std::env::var(name).ok());
    let what = handover.program.noun();
    // As git does: a plain name runs as it is; anything else (`code --wait`, a quoted path)
    // through the shell, which replaces itself with the program.
    let plain = !program.contains(|c: char| "|&;<>()$`\\\"' \t\n*?[#~=%".contains(c));
    let mut command = if plain {
        Command::new(&program)
    } else {
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("{program} \"$@\""))
            .arg(&program);
        shell
    };
    command.args(handover.arguments(&program));
    // With the interface on /dev/tty (standard output a pipe), the program gets it too.
    if let Ok(tty) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        && let Ok(copy) = tty.try_clone()
    {
        command.stdout(copy);
        if handover.text.is_none() {
            command.stdin(tty);
        }
    }
    if handover.text.is_some() {
        command.stdin(Stdio::piped());
    }
    end_with_folio(&mut command);
    let mut child = command.spawn().map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => format!("the {what} was not found: {program}"),
        _ => format!("cannot run the {what} ({program}): {error}"),
    })?;
    signals::handed_to(Some(child.id()));
    if let (Some(text), Some(mut stdin)) = (&handover.text, child.stdin.take()) {
        // On a thread of its own: a pager reads a big text only as the user pages, and folio
        // must be waiting on the pager meanwhile (to end it with folio, say). A pager that
        // quits early closes the pipe: not an error.
        let text = text.clone();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let status = child.wait();
    signals::handed_to(None);
    let status = status.map_err(|error| format!("the {what} ({program}): {error}"))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(127) => Err(format!("the {what} was not found: {program}")),
        Some(code) => Err(format!("the {what} ({program}) exited with status {code}")),
        None => Err(format!("the {what} ({program}) was ended by a signal")),
    }
}

/// The program ends when folio does, even when folio is killed outright (SIGKILL, which
/// leaves it no moment to pass a signal on): Linux sends it SIGHUP, as a terminal closing
/// would. (When folio ends by a signal it can catch, it passes the signal on itself.)
#[cfg(target_os = "linux")]
fn end_with_folio(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let folio = std::process::id();
    // SAFETY: prctl, getppid and _exit are async-signal-safe, as what runs between fork and
    // exec must be.
    unsafe {
        command.pre_exec(move || {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGHUP);
            // folio ended before the request was made: nobody will send the signal.
            if u32::try_from(libc::getppid()).ok() != Some(folio) {
                libc::_exit(129);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn end_with_folio(_: &mut Command) {}
