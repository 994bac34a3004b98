//! Every way out of folio, in a real pseudo-terminal: signals, a panic, Ctrl-Z and fg, the
//! terminal going away, and terminals folio cannot use. Each checks the process is gone and
//! the terminal is as the shell left it.

mod common;

use common::tmux::Tmux;
use std::path::Path;
use std::time::{Duration, Instant};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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
