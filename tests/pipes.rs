//! folio among other programs: documents listed on standard input (one a line, or with
//! `--read0`) while keys come from the terminal, several paths at once, files without an
//! extension, and paths written as their own bytes for `cut` and `xargs`.

use crate::common::TestResult;
use crate::common::text;
use crate::common::tmux::Tmux;
use crate::common::{folio_output, shell, temp_corpus};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};

/// A corpus with documents in two folders, one without an extension, a JSON Lines file and
/// a FIFO (which must never be opened).
fn corpus() -> tempfile::TempDir {
    let dir = temp_corpus(&[
        ("a/budget.txt", "Budget talks resume\nThe budget is late.\n"),
        (
            "a/weather.txt",
            "Rain all week\nNo budget here... well, one.\n",
        ),
        ("b/notes.md", "Notes on trade\nnothing to see\n"),
        ("README", "Read me first\nThe budget, again.\n"),
        (
            "set.jsonl",
            "{\"title\": \"Record one\", \"text\": \"a budget record\"}\n",
        ),
    ]);
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo");
    dir
}

/// Runs folio with `args` in `dir`, `input` on its standard input.
fn folio_fed(args: &[&str], dir: &std::path::Path, input: &[u8]) -> std::process::Output {
    let mut child = crate::common::folio_command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).unwrap_or_else(|e| panic!("{e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("folio: {error}"))
}

#[test]
fn a_piped_list_is_browsed_with_keys_from_the_terminal_and_bad_entries_explained() {
    let dir = corpus();
    let term = Tmux::start(100, 20, dir.path());
    // As `rg -l budget | folio` would: a document, a missing file, a folder, a FIFO.
    term.command("printf 'a/budget.txt\\nREADME\\ngone.txt\\nb\\npipe.txt\\n' | folio");
    let screen = term.wait_for("2/2");
    assert!(screen.contains("Budget talks resume"), "{screen}");
    assert!(screen.contains("Read me first"), "{screen}");
    assert!(
        !screen.contains("Rain all week"),
        "only the listed documents:\n{screen}"
    );
    // Keys come from the terminal, though standard input was the list.
    term.type_text("read");
    term.wait_for("1/2");
    term.keys(&["F2"]);
    let skipped = term.wait_for("gone.txt");
    assert!(skipped.contains("no such file"), "{skipped}");
    assert!(skipped.contains("a folder"), "{skipped}");
    assert!(skipped.contains("not a regular file (FIFO)"), "{skipped}");
    term.keys(&["Escape"]);
    term.wait_until("the overlay closed", |screen| {
        !screen.contains("skipped (Esc")
    });
    term.keys(&["C-o"]);
    term.wait_until("the shell prompt after accepting", |screen| {
        screen.lines().any(|line| line.trim() == "README")
    });
}

#[test]
fn read0_takes_nul_separated_paths_with_line_breaks_in_names() -> TestResult {
    let dir = corpus();
    let odd = dir.path().join("two\nlines.txt");
    std::fs::write(&odd, "Odd name\nbudget\n")?;
    let output = folio_fed(
        &["--read0", "--list", "-0"],
        dir.path(),
        b"two\nlines.txt\0a/budget.txt\0",
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(output.stdout, b"two\nlines.txt\0a/budget.txt\0");
    let term = Tmux::start(100, 20, dir.path());
    term.command("printf 'a/budget.txt\\0README\\0' | folio --read0");
    let screen = term.wait_for("2/2");
    assert!(screen.contains("Read me first"), "{screen}");
    term.keys(&["C-c"]);
    Ok(())
}

#[test]
fn an_empty_list_or_read0_without_one_is_a_clear_error() {
    let dir = corpus();
    let empty = folio_fed(&["--list"], dir.path(), b"");
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        text(&empty.stderr).contains("standard input: no documents listed"),
        "{}",
        text(&empty.stderr)
    );
    // Standard input that is not a list (here /dev/null) means the current folder.
    let walked = folio_output(&["--list"], dir.path());
    assert!(text(&walked.stdout).contains("a/budget.txt"));
    let read0 = folio_output(&["--read0", "--list"], dir.path());
    assert_eq!(read0.status.code(), Some(2));
    assert!(text(&read0.stderr).contains("--read0 reads paths from standard input"));
}

#[test]
fn several_paths_mix_folders_files_and_json_lines() {
    let dir = corpus();
    let output = folio_output(
        &["--list", "a", "README", "set.jsonl", "a/budget.txt"],
        dir.path(),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "a/budget.txt\tBudget talks resume\na/weather.txt\tRain all week\n\
         README\tRead me first\nset.jsonl:1\tRecord one\n",
        "in the order given, each document once"
    );
    // As `xargs folio --search WORD` runs it.
    let xargs = shell(
        "printf 'a/budget.txt\\nREADME\\n' | xargs folio --search budget",
        dir.path(),
    );
    let found = text(&xargs.stdout);
    assert!(
        found.contains("a/budget.txt\t2\tBudget talks resume"),
        "{found}"
    );
    assert!(found.contains("README\t1\tRead me first"), "{found}");
    // The same in the browser: four documents from three paths, the record's title too.
    let term = Tmux::start(100, 12, dir.path());
    term.command("folio a README set.jsonl a/budget.txt");
    let screen = term.wait_for("4/4");
    for title in [
        "Budget talks resume",
        "Rain all week",
        "Read me first",
        "Record one",
    ] {
        assert!(screen.contains(title), "{title}:\n{screen}");
    }
    term.keys(&["C-c"]);
    let missing = folio_output(&["--list", "a", "nope"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("nope: no such file"));
}

#[test]
fn files_without_an_extension_and_all_files_are_taken_when_asked() -> TestResult {
    let dir = corpus();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0")?;
    let bare = folio_output(&["--list", "-e", ""], dir.path());
    assert_eq!(text(&bare.stdout), "./README\tRead me first\n");
    let all = folio_output(&["--list", "--all-files", "-v"], dir.path());
    let listed = text(&all.stdout);
    for name in ["README", "a/budget.txt", "b/notes.md", "set.jsonl"] {
        assert!(listed.contains(name), "{name} in:\n{listed}");
    }
    assert!(!listed.contains("image.png"), "{listed}");
    assert!(
        text(&all.stderr).contains("image.png: binary"),
        "{}",
        text(&all.stderr)
    );
    Ok(())
}

#[test]
fn a_name_that_is_not_utf8_goes_through_list_cut_and_xargs_cat() -> TestResult {
    let dir = temp_corpus(&[("plain.txt", "Plain\nbody one\n")]);
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9 menu.txt");
    std::fs::write(dir.path().join(odd), "Menu\nbody two\n")?;
    let piped = shell("folio --list . | cut -f1 | xargs -d '\\n' cat", dir.path());
    assert!(piped.status.success(), "{}", text(&piped.stderr));
    assert_eq!(text(&piped.stdout), "Menu\nbody two\nPlain\nbody one\n");
    // The same name on a terminal is shown made safe.
    let term = Tmux::start(100, 10, dir.path());
    term.command("folio --list .");
    let screen = term.wait_for("Menu");
    assert!(screen.contains("./caf\u{fffd} menu.txt"), "{screen}");
    Ok(())
}
