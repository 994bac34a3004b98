//! Every way out of folio, in a real pseudo-terminal: signals, a panic, Ctrl-Z and fg, the
//! terminal going away, and terminals folio cannot use. Each checks the process is gone and
//! the terminal is as the shell left it.

use crate::common::TestResult;
use crate::common::pty::Pty;
use crate::common::repo;
use crate::common::temp_corpus;
use crate::common::tmux::Tmux;
use std::path::Path;
use std::time::{Duration, Instant};

fn send_signal(pid: u32, signal: i32) {
    // SAFETY: kill() sends a signal to a process id; it touches no memory of ours.
    let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
    assert_eq!(sent, 0, "kill({pid}, {signal})");
}

fn is_running(pid: u32) -> bool {
    // A zombie still has a /proc entry; only a live state counts as running.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit(')')
                .next()
                .map(|rest| rest.trim_start().chars().next())
        })
        .flatten()
        .is_some_and(|state| state != 'Z' && state != 'X')
}

/// Fails unless `pid` is gone within a second (it is polled, not waited for blindly).
fn assert_gone_within_a_second(pid: u32) {
    let start = Instant::now();
    while is_running(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "folio still running a second after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// folio on the sample corpus, listing both documents, and its process id.
fn running_folio(command: &str) -> (Tmux, u32) {
    let term = Tmux::start(80, 24, repo());
    term.command(command);
    term.wait_for("2/2");
    let pid = term.foreground_pid();
    (term, pid)
}

#[test]
fn each_terminating_signal_restores_the_terminal_and_exits_128_plus_n() {
    for (signal, status) in [
        (libc::SIGTERM, 143),
        (libc::SIGHUP, 129),
        (libc::SIGINT, 130),
        (libc::SIGQUIT, 131),
    ] {
        let (term, pid) = running_folio("folio corpus; echo \"exit=$?\"");
        term.keys(&["Enter"]);
        term.wait_for("/ search");
        send_signal(pid, signal);
        term.wait_for(&format!("exit={status}"));
        assert!(!is_running(pid));
        term.assert_restored();
    }
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let (term, pid) =
        running_folio("FOLIO_TEST_PANIC=1 RUST_BACKTRACE=0 folio corpus; echo \"exit=$?\"");
    term.keys(&["F12"]);
    let screen = term.wait_for("exit=101");
    assert!(screen.contains("test panic requested with F12"), "{screen}");
    assert!(!is_running(pid));
    term.assert_restored();
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let (term, pid) = running_folio("folio corpus");
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    term.keys(&["C-z"]);
    term.wait_for("Stopped");
    assert!(
        !term.modes().alternate_screen,
        "the shell gets its screen back"
    );
    term.assert_restored();
    term.command("fg");
    term.wait_until("the reader to be redrawn", |s| {
        s.contains("/ search") && s.contains("China's")
    });
    assert!(term.modes().alternate_screen);
    term.keys(&["q"]);
    term.wait_for("Enter read");
    term.keys(&["Escape"]);
    term.wait_until("folio to exit", |_| !is_running(pid));
    term.command("echo \"exit=$?\"");
    term.wait_for("exit=130");
    term.assert_restored();
}

#[test]
fn closing_the_terminal_ends_folio_within_a_second() {
    let (term, pid) = running_folio("folio corpus");
    term.close_terminal();
    assert_gone_within_a_second(pid);
}

#[test]
fn closing_the_terminal_ends_folio_even_if_sighup_never_arrives() {
    // SIGHUP blocked from the start (a blocked mask survives exec), so only folio's watchdog,
    // which polls the terminal for a hang-up, can notice: the case of crossterm issue 793.
    // perl-base (and its POSIX module) is on every Debian system.
    let blocked = "exec perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)) \
        or die; exec \"folio\", \"corpus\"'";
    let (term, pid) = running_folio(blocked);
    let blocked_mask = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    assert!(
        blocked_mask
            .lines()
            .any(|l| l.starts_with("SigBlk:") && l.ends_with('1')),
        "SIGHUP should be blocked:\n{blocked_mask}"
    );
    term.close_terminal();
    assert_gone_within_a_second(pid);
}

#[test]
fn terminals_folio_cannot_use_give_a_clear_error_and_no_escape_bytes() {
    let term = Tmux::start(80, 24, repo());
    term.command("TERM=dumb folio corpus; echo \"dumb-exit=$?\"");
    term.wait_for("dumb-exit=2");
    assert!(
        term.screen()
            .contains("folio: TERM=dumb cannot show the interface")
    );
    // A marker of its own: the screen still shows the first command's until `clear` runs.
    term.command("clear; setsid -w folio corpus < /dev/null; echo \"no-tty-exit=$?\"");
    let screen = term.wait_for("no-tty-exit=2");
    assert!(
        screen.contains("folio: cannot use the terminal"),
        "{screen}"
    );
    term.assert_restored();
}

/// What folio writes to give the terminal back: end a frame left open, mouse and bracketed
/// paste off, the main screen, the cursor shown.
const RESTORE: &[u8] = b"\x1b[?2026l\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h";

#[test]
fn sigterm_with_the_output_backed_up_restores_the_terminal_last_every_time() -> TestResult {
    let lines: String = (1..=5000)
        .map(|n| format!("line {n:04} of a long document, with enough words on it to fill a row\n"))
        .collect();
    let dir = temp_corpus(&[("long.txt", &format!("A long document\n{lines}"))]);
    for run in 1..=20 {
        // A big terminal: a page is about 30 KB, so a dozen pages are far more than it holds.
        let mut pty = Pty::spawn(&["."], dir.path(), 300, 100);
        // Open the document and page down while nobody reads, as over a stalled link.
        pty.send(b"\r");
        pty.type_while_not_reading(b" ", 20);
        // Backed up: the terminal's input queue on the test's side (4 KiB) is full.
        assert!(
            pty.unread() >= 4095,
            "run {run}: the output is not backed up"
        );
        send_signal(pty.child.id(), libc::SIGTERM);
        // The link reads again: everything folio wrote arrives.
        let bytes = pty.read_to_end();
        let status = pty.child.wait()?;
        assert_eq!(status.code(), Some(143), "run {run}");
        let tail = &bytes[bytes.len().saturating_sub(200)..];
        assert!(
            bytes.ends_with(RESTORE),
            "run {run}: the restore is not the last thing written; the end was {:?}",
            String::from_utf8_lossy(tail)
        );
    }
    Ok(())
}

/// A stand-in editor that sits on the terminal until it is ended.
fn editor_that_waits(dir: &Path) -> std::path::PathBuf {
    crate::common::executable(dir, "waiting-editor", "#!/bin/sh\nexec sleep 1000\n")
}

/// The process `parent` started, once it has (and has become `name`).
fn child_named(parent: u32, name: &str) -> u32 {
    let start = Instant::now();
    loop {
        let listed = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        let found = listed
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .find(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|comm| comm.trim() == name)
            });
        if let Some(pid) = found {
            return pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no {name} started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_editor_folio_started_ends_when_folio_is_ended() {
    for (signal, status) in [(libc::SIGTERM, 143), (libc::SIGKILL, 137)] {
        let dir = temp_corpus(&[("docs/one.txt", "One document\nwith a line\n")]);
        let editor = editor_that_waits(dir.path());
        let term = Tmux::start(80, 24, dir.path());
        term.command(&format!(
            "VISUAL={} folio docs; echo \"exit=$?\"",
            editor.display()
        ));
        term.wait_for("1/1");
        let folio = term.foreground_pid();
        term.keys(&["Enter", "e"]);
        let editor = child_named(folio, "sleep");
        send_signal(folio, signal);
        term.wait_for(&format!("exit={status}"));
        assert_gone_within_a_second(editor);
        if signal == libc::SIGTERM {
            term.assert_restored();
        }
    }
}

#[test]
fn leaving_from_the_reader_prints_nothing_after_the_restore() {
    let (term, _) = running_folio("folio corpus; echo \"exit=$?\"");
    // The reader has the keyboard, so the cursor is hidden when folio leaves.
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    let screen = term.quit("C-c", 130);
    // The line after the command is the shell's: nothing of folio's (such as ratatui saying
    // it could not show the cursor) came after the restore.
    let after = screen
        .lines()
        .skip_while(|line| !line.contains("folio corpus"))
        .nth(1);
    assert_eq!(after, Some("exit=130"), "{screen}");
    term.assert_restored();
}

#[test]
fn print0_writes_each_path_as_its_own_bytes_then_a_nul() -> TestResult {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir()?;
    // A name that is not UTF-8, and one with a space.
    let odd = std::ffi::OsStr::from_bytes(b"na\xe9me.txt");
    std::fs::write(dir.path().join(odd), "A title.\nword\n")?;
    std::fs::write(dir.path().join("with space.txt"), "Other.\nword\n")?;
    for args in [
        vec!["--list", "-0", "."],
        vec!["--filter", "", "--print0", "."],
        vec!["--search", "word", "-0", "."],
    ] {
        let output = crate::common::folio_output(&args, dir.path());
        assert!(output.status.success(), "{args:?}");
        let mut paths: Vec<&[u8]> = output.stdout.split(|&b| b == 0).collect();
        assert_eq!(
            paths.pop(),
            Some(&b""[..]),
            "{args:?}: a NUL after each path"
        );
        paths.sort();
        assert_eq!(
            paths,
            [&b"./na\xe9me.txt"[..], b"./with space.txt"],
            "{args:?}"
        );
    }
    Ok(())
}
