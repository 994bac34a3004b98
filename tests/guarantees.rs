//! What folio guarantees against hostile names, folders, state and input (the README's "What
//! folio guarantees"): a name never becomes a command of the editor or pager, nothing is
//! written through a link or blocks on a FIFO, nothing from outside the corpus is shown, and a
//! hostile query or input never freezes the interface. Each test here failed before its fix.

use crate::common::TestResult;
use crate::common::temp_corpus;
use crate::common::tmux::Tmux;
use std::path::Path;

/// A stand-in editor in `dir` that writes each argument it got on a line of `args`, then
/// exits: what a real editor would have been asked to do.
fn recording_editor(dir: &Path) -> std::path::PathBuf {
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
        dir.join("args").display()
    );
    crate::common::executable(dir, "recording-editor", &script)
}

/// Names that vi, vim or nvim would take for commands, and others would take for options.
const HOSTILE_NAMES: [&str; 3] = ["+:!touch PWNED", "+!touch PWNED", "-c!touch PWNED"];

#[test]
fn a_file_name_is_never_an_editor_command_or_option() {
    for name in HOSTILE_NAMES {
        let dir = temp_corpus(&[(
            &format!("docs/{name}.txt"),
            "A document with a hostile name\nIts text.\n",
        )]);
        let editor = recording_editor(dir.path());
        let term = Tmux::start(100, 30, dir.path());
        term.command(&format!(
            "VISUAL={} folio docs; echo \"exit=$?\"",
            editor.display()
        ));
        term.wait_for("1/1");
        term.keys(&["Enter"]);
        term.wait_for("Its text.");
        term.keys(&["e"]);
        term.wait_until("the editor to have run", |_| {
            dir.path().join("args").exists()
        });
        term.wait_for("Its text.");
        let args = std::fs::read_to_string(dir.path().join("args")).unwrap_or_default();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args, ["+1", &format!("./docs/{name}.txt")], "{name}");
        term.quit("C-c", 130);
    }
}

/// With vim itself (where it is installed): the hostile name is opened as a file, and no
/// command in it runs.
#[test]
fn vim_opens_a_hostile_name_as_a_file() {
    if std::process::Command::new("vim")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("vim is not installed: the stand-in editor's test stands alone");
        return;
    }
    let dir = temp_corpus(&[("+:!touch PWNED", "A document vim must not run\nIts text.\n")]);
    let term = Tmux::start(100, 30, dir.path());
    // Listed on standard input, relative to the folder folio runs in: the bare name.
    term.command("ls | VISUAL='vim -u NONE -i NONE -N' folio; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    term.wait_for("Its text.");
    term.keys(&["e"]);
    term.wait_until("vim showing the document", |s| {
        s.contains("A document vim must not run") && !s.contains("1/1")
    });
    term.type_text(":q!");
    term.keys(&["Enter"]);
    term.wait_for("1/1");
    term.quit("C-c", 130);
    assert!(
        !dir.path().join("PWNED").exists(),
        "vim ran a command from the file name"
    );
}

/// Two short documents that both mention "beacon".
fn small_corpus() -> tempfile::TempDir {
    temp_corpus(&[
        ("docs/a.txt", "Alpha report\nThe first beacon.\n"),
        ("docs/b.txt", "Bravo notes\nOne beacon only.\n"),
    ])
}

/// The state folder's one state file (after a first run made it).
fn state_file(state: &Path) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(state.join("folio"))
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// Runs folio on `docs` in `term`, reads the document "bravo" names (which puts the query in
/// the history), and comes back to the list.
fn run_and_remember_bravo(term: &Tmux) {
    term.command("clear; folio docs; echo \"exit=$?\"");
    term.wait_for("2/2");
    term.type_text("bravo");
    term.wait_for("1/2");
    term.keys(&["Enter"]);
    term.wait_for("One beacon only.");
    term.keys(&["q"]);
    term.wait_for("1/2");
}

#[test]
fn state_is_never_written_through_a_link_planted_in_its_folder() -> TestResult {
    let dir = small_corpus();
    let state = tempfile::tempdir()?;
    let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
    run_and_remember_bravo(&term);
    term.quit("C-c", 130);
    let file = state_file(state.path());
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The next folio's temporary name as it once was (`.NAME.PID.tmp`), a link to a file of
    // the user's; and the lock, a dangling link.
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "the user's own file")?;
    let made = dir.path().join("made-through-the-lock");
    term.command("clear; folio docs; echo \"exit=$?\"");
    term.wait_for("Bravo notes");
    let pid = term.foreground_pid();
    let folder = state.path().join("folio");
    let _ = std::fs::remove_file(folder.join(".lock"));
    std::os::unix::fs::symlink(&made, folder.join(".lock"))?;
    std::os::unix::fs::symlink(&victim, folder.join(format!(".{name}.{pid}.tmp")))?;
    term.quit("C-c", 130);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap_or_default(),
        "the user's own file"
    );
    assert!(!made.exists(), "a file was made through the lock's link");
    let metadata = std::fs::symlink_metadata(&file)?;
    assert!(metadata.is_file(), "the state file is a regular file");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(text.contains("bravo"), "{text}");
    Ok(())
}

#[test]
fn a_fifo_in_the_state_folder_never_holds_the_exit() -> TestResult {
    let dir = small_corpus();
    let state = tempfile::tempdir()?;
    let folder = state.path().join("folio");
    std::fs::create_dir_all(&folder)?;
    let lock = std::ffi::CString::new(folder.join(".lock").as_os_str().as_encoded_bytes())?;
    // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
    assert_eq!(unsafe { libc::mkfifo(lock.as_ptr(), 0o600) }, 0);
    let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
    run_and_remember_bravo(&term);
    let started = std::time::Instant::now();
    term.keys(&["C-c"]);
    term.wait_for("exit=130");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    term.assert_restored();
    // Saved all the same (unlocked).
    let text = std::fs::read_to_string(state_file(state.path())).unwrap_or_default();
    assert!(text.contains("bravo"), "{text}");
    Ok(())
}

#[test]
fn a_state_folder_that_is_a_link_or_open_to_others_is_not_used() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = small_corpus();
    for kind in ["link", "shared"] {
        let state = tempfile::tempdir()?;
        let elsewhere = state.path().join("elsewhere");
        std::fs::create_dir(&elsewhere)?;
        let folder = state.path().join("folio");
        match kind {
            "link" => std::os::unix::fs::symlink(&elsewhere, &folder),
            _ => std::fs::create_dir(&folder).and_then(|()| {
                std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777))
            }),
        }?;
        let term = Tmux::start_with_state(120, 20, dir.path(), state.path());
        term.command("folio docs; echo \"exit=$?\"");
        let screen = term.wait_for("state not kept");
        let expected = match kind {
            "link" => "is a symbolic link",
            _ => "may be written by other users",
        };
        assert!(screen.contains(expected), "{kind}: {screen}");
        term.quit("C-c", 130);
        let written = std::fs::read_dir(&elsewhere).map_or(0, Iterator::count)
            + std::fs::read_dir(&folder).map_or(0, Iterator::count);
        assert_eq!(written, 0, "{kind}: nothing is kept there");
    }
    Ok(())
}

#[test]
fn sigterm_and_sighup_save_the_state_before_folio_ends() -> TestResult {
    for (signal, status) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let dir = small_corpus();
        let state = tempfile::tempdir()?;
        let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
        run_and_remember_bravo(&term);
        let pid = term.foreground_pid();
        // SAFETY: kill() sends a signal to a process id; it touches no memory of ours.
        assert_eq!(unsafe { libc::kill(pid as libc::pid_t, signal) }, 0);
        term.wait_for(&format!("exit={status}"));
        term.assert_restored();
        let text = std::fs::read_to_string(state_file(state.path())).unwrap_or_default();
        assert!(text.contains("\"bravo\""), "signal {signal}: {text}");
    }
    Ok(())
}

#[test]
fn a_view_is_never_saved_through_a_link_or_into_a_fifo() -> TestResult {
    let dir = small_corpus();
    let out = tempfile::tempdir()?;
    let victim = out.path().join("victim.tsv");
    std::fs::write(&victim, "the user's own file")?;
    std::os::unix::fs::symlink(&victim, out.path().join("link.tsv"))?;
    std::os::unix::fs::symlink(out.path().join("made.tsv"), out.path().join("dangling.tsv"))?;
    let fifo = std::ffi::CString::new(out.path().join("fifo.tsv").as_os_str().as_encoded_bytes())?;
    // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let term = Tmux::start(120, 20, dir.path());
    term.command("folio docs; echo \"exit=$?\"");
    term.wait_for("2/2");
    for (name, why) in [
        ("link.tsv", "not saved: that is a symbolic link"),
        ("dangling.tsv", "not saved: that is a symbolic link"),
        ("fifo.tsv", "not saved: that is not a regular file (FIFO)"),
    ] {
        term.keys(&["C-e"]);
        term.wait_for("save as");
        term.type_text(&out.path().join(name).display().to_string());
        term.keys(&["Enter"]);
        term.wait_for(why);
    }
    // A later save still works.
    term.keys(&["C-e"]);
    term.wait_for("save as");
    term.type_text(&out.path().join("list.tsv").display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("saved 2 rows to");
    term.quit("C-c", 130);
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap_or_default(),
        "the user's own file"
    );
    assert!(!out.path().join("made.tsv").exists());
    Ok(())
}

#[test]
fn a_folder_swapped_for_a_link_after_the_walk_shows_nothing_from_elsewhere() -> TestResult {
    let dir = temp_corpus(&[
        (
            "corpus/business/a.txt",
            "Business report\nbudget talks went on\n",
        ),
        (
            "corpus/sport/b.txt",
            "Sport report\nthe budget for the stadium\n",
        ),
        (
            "elsewhere/a.txt",
            "SECRET title\nSECRET budget of another user\n",
        ),
    ]);
    let editor = recording_editor(dir.path());
    let term = Tmux::start(120, 20, dir.path());
    term.command(&format!(
        "VISUAL={0} PAGER={0} folio corpus; echo \"exit=$?\"",
        editor.display()
    ));
    term.wait_for("2/2");
    std::fs::rename(
        dir.path().join("corpus/business"),
        dir.path().join("moved-away"),
    )?;
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere"),
        dir.path().join("corpus/business"),
    )?;
    term.type_text("business");
    term.wait_for("1/2");
    term.keys(&["Enter"]);
    let screen = term.wait_for("cannot read this document");
    assert!(!screen.contains("SECRET"), "{screen}");
    // Nor is it handed to the editor or the pager, which would follow the link.
    for (key, program) in [("e", "editor"), ("o", "pager")] {
        term.keys(&[key]);
        term.wait_for(&format!("not opened in the {program}"));
    }
    assert!(!dir.path().join("args").exists(), "a program was run on it");
    // Nor does the text search read it.
    term.keys(&["q", "C-u", "C-f"]);
    term.type_text("budget");
    let screen = term.wait_for("the budget for the stadium");
    assert!(!screen.contains("SECRET"), "{screen}");
    term.quit("C-c", 130);
    Ok(())
}

/// The format characters the sanitizer shows as `<U+…>`: none may reach the terminal raw.
const FORMAT_CHARACTERS: [char; 6] = [
    '\u{200B}', '\u{200D}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}',
];

#[test]
fn what_the_user_types_reaches_every_heading_made_safe() {
    let dir = small_corpus();
    let term = Tmux::start(140, 24, dir.path());
    term.command("folio docs; echo \"exit=$?\"");
    term.wait_for("2/2");
    term.keys(&["C-f"]);
    // Two terms, so the counts view gives each a column headed by the term.
    term.type_text("alpha | be\u{200D}acon | re\u{202E}port");
    term.wait_for("text> ");
    for (keys, shown) in [
        ("C-g", "counts of"),
        ("C-k", "concordance of"),
        ("C-t", "collocates of"),
    ] {
        term.keys(&[keys]);
        let screen = term.wait_for(shown);
        assert!(
            screen.contains("be<U+200D>acon"),
            "{keys}: the term shown safe:\n{screen}"
        );
        assert!(
            !screen.contains(FORMAT_CHARACTERS),
            "{keys}: a format character reached the terminal:\n{screen}"
        );
        term.keys(&["Escape"]);
        term.wait_for("text> ");
    }
    term.quit("C-c", 130);
}

#[test]
fn a_huge_word_in_the_query_never_freezes_the_keys_or_ctrl_c() -> TestResult {
    let dir = small_corpus();
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio docs; echo \"exit=$?\"");
    term.wait_for("2/2");
    let word: String = (0..20_000)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let pasted = dir.path().join("pasted");
    std::fs::write(&pasted, &word)?;
    term.paste_file(&pasted);
    term.wait_for("0/2");
    // Each key redoes the query's highlight: keys then Ctrl-C must be answered at once, not
    // after seconds per key (the wait fails after 20 s).
    term.type_text("xyzzy");
    term.wait_for("zzy");
    term.keys(&["BSpace", "BSpace", "BSpace", "C-c"]);
    term.wait_for("exit=130");
    term.assert_restored();
    Ok(())
}

/// A line of `bytes` bytes with no space in it: "needle" then 0–4 letters and an `é`, over
/// and over, so needles fall across every place a long line is cut. The line and its needles.
fn glued_line(bytes: usize) -> (String, usize) {
    let mut line = String::with_capacity(bytes + 16);
    let mut needles = 0;
    while line.len() < bytes {
        line.push_str("needle");
        needles += 1;
        line.push_str(&"z".repeat(needles % 5));
        line.push('é');
    }
    line.push('\n');
    (line, needles)
}

#[test]
fn count_finds_every_hit_on_a_line_longer_than_a_piece() {
    // One line of 21 MB, read in pieces of 8 MiB: a needle every 7 bytes falls across each
    // cut between pieces (8 MiB is not a multiple of 7); and the same with an `é` in it.
    for unit in ["needlez", "needlé"] {
        let line = unit.repeat(3_000_000) + "\n";
        let dir = temp_corpus(&[("docs/long.txt", &line)]);
        let output = crate::common::folio_output(&["--count", "needl", "docs"], dir.path());
        let counted = String::from_utf8_lossy(&output.stdout).into_owned();
        // The independent count: str::matches, as grep -o counts a term that cannot overlap.
        let expected = line.matches("needl").count();
        let total = counted
            .lines()
            .next()
            .and_then(|row| row.split('\t').nth(2));
        assert_eq!(
            total,
            Some(expected.to_string().as_str()),
            "{unit}: {counted}"
        );
    }
}

#[test]
fn kwic_and_the_reader_find_every_hit_a_cut_splits() {
    let (line, needles) = glued_line(1 << 20);
    let dir = temp_corpus(&[("docs/long.txt", &format!("Long line\n{line}"))]);
    let output = crate::common::folio_output(&["--kwic", "needle", "docs"], dir.path());
    let rows = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(rows.lines().count(), needles);
    assert!(
        rows.lines()
            .all(|row| row.split('\t').nth(2) == Some("needle")),
        "every row's hit is the whole word"
    );
    // The reader's search counts the same.
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio docs; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    term.wait_for("Long line");
    term.type_text("/needle");
    term.keys(&["Enter"]);
    term.wait_for(&format!("match 1 of {needles}"));
    term.quit("C-c", 130);
}

#[test]
fn kwic_prints_every_one_of_millions_of_hits_in_bounded_memory() {
    // 4,000,010 hits on one line: more than a view keeps. Before, --kwic held every row
    // (1.1 GB for 4M) and stopped at 4,000,000 without a word.
    let line = "e ".repeat(4_000_010) + "\n";
    let dir = temp_corpus(&[("docs/e.txt", &line)]);
    let output = crate::common::shell(
        "ulimit -v 600000; folio --kwic e --context 0 docs | wc -l",
        dir.path(),
    );
    let rows = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        rows.trim(),
        "4000010",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The view keeps four million, and says so.
    let term = Tmux::start(160, 20, dir.path());
    term.command("folio docs; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["C-f"]);
    term.type_text("e");
    term.wait_for("1/1");
    term.keys(&["C-k"]);
    term.wait_for(
        "concordance of e: 4,000,000+ hits (the most a view keeps; --kwic prints every one)",
    );
    term.quit("C-c", 130);
}

/// The resident memory of process `pid`, in KiB.
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_flood_on_standard_input_shows_the_screen_at_once_in_bounded_memory() {
    let dir = small_corpus();
    let term = Tmux::start(100, 20, dir.path());
    term.command("yes | folio; echo \"exit=$?\"");
    term.wait_for("waiting for paths on standard input");
    // Two million entries that are not paths later, memory is what it was at a few thousand
    // (it grew by ~90 MB a second, every entry kept).
    let skipped = |screen: &str| -> u64 {
        let note = crate::common::line_with(screen, "skipped (F2)");
        note.split_whitespace()
            .rev()
            .nth(2)
            .map(|count| count.replace(',', ""))
            .and_then(|count| count.parse().ok())
            .unwrap_or(0)
    };
    term.wait_until("a million entries skipped", |s| skipped(s) > 1_000_000);
    let pid = term.foreground_pid();
    let folio = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    let pid = match folio.trim() {
        "folio" => pid,
        // The pipeline's first process is `yes`: folio is the next.
        _ => pid + 1,
    };
    let before = resident_kib(pid);
    term.wait_until("two million entries skipped", |s| skipped(s) > 2_000_000);
    let after = resident_kib(pid);
    assert!(
        after < before + 20_000 && after < 200_000,
        "memory grew from {before} KiB to {after} KiB"
    );
    term.keys(&["F2"]);
    term.wait_for("skipped (Esc closes");
    term.keys(&["G"]);
    term.wait_for("more, not listed");
    term.keys(&["Escape"]);
    term.wait_until("the overlay closed", |s| !s.contains("Esc closes"));
    term.quit("C-c", 130);
}

#[test]
fn a_slow_list_streams_its_paths_as_they_come() -> TestResult {
    let dir = small_corpus();
    let fifo = dir.path().join("list");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes())?;
    // SAFETY: mkfifo reads a valid NUL-terminated path and touches no Rust memory.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio < list; echo \"exit=$?\"");
    // The writer opens the list once folio's shell does, writes one path, and pauses.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo)?;
    use std::io::Write;
    writer.write_all(b"docs/a.txt\n")?;
    term.wait_for("1/1");
    writer.write_all(b"docs/b.txt\n")?;
    term.wait_for("2/2");
    drop(writer);
    term.quit("C-c", 130);
    // A list that ends having named nothing, once the screen shows, is said as before.
    term.command("clear; folio < list; echo \"exit=$?\"");
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo)?;
    term.wait_for("waiting for paths on standard input");
    writer.write_all(b"no-such-file\n")?;
    drop(writer);
    term.wait_for("exit=2");
    let screen = term.wait_for("no documents listed");
    assert!(screen.contains("1 could"), "{screen}");
    term.assert_restored();
    Ok(())
}

#[test]
fn a_document_listed_before_a_flood_shows_while_the_flood_goes_on() {
    let dir = small_corpus();
    let term = Tmux::start(100, 20, dir.path());
    for list in ["{ echo docs/a.txt; yes y; }", "yes docs/a.txt"] {
        term.command(&format!("clear; {list} | folio; echo \"exit=$?\""));
        term.wait_for("1/1");
        term.quit("C-c", 130);
    }
    // --list prints it while the flood goes on (the pipe's reader stops at one line).
    let output = crate::common::shell(
        "{ echo docs/a.txt; yes y; } | timeout 60 folio --list | head -n 1",
        dir.path(),
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "docs/a.txt\tAlpha report\n"
    );
}

#[test]
fn a_state_folder_swapped_for_a_link_while_folio_runs_is_not_written_through() -> TestResult {
    let dir = small_corpus();
    let state = tempfile::tempdir()?;
    let victim = state.path().join("victim");
    std::fs::create_dir(&victim)?;
    let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
    run_and_remember_bravo(&term);
    let folder = state.path().join("folio");
    std::fs::rename(&folder, state.path().join("moved"))?;
    std::os::unix::fs::symlink(&victim, &folder)?;
    let screen = term.quit("C-c", 130);
    assert!(screen.contains("not saved"), "{screen}");
    assert_eq!(
        std::fs::read_dir(&victim).map_or(0, Iterator::count),
        0,
        "nothing written through the link"
    );
    Ok(())
}

#[test]
fn a_folder_swapped_at_the_replace_question_is_not_written_into() -> TestResult {
    let dir = small_corpus();
    let out = tempfile::tempdir()?;
    std::fs::create_dir(out.path().join("sub"))?;
    std::fs::write(out.path().join("sub/o.tsv"), "old")?;
    let term = Tmux::start(120, 20, out.path());
    term.command(&format!(
        "folio {}; echo \"exit=$?\"",
        dir.path().join("docs").display()
    ));
    term.wait_for("2/2");
    term.keys(&["C-e"]);
    term.wait_for("save as");
    term.type_text("sub/o.tsv");
    term.keys(&["Enter"]);
    term.wait_for("exists: replace it?");
    // The folder becomes a link into the corpus before the answer.
    std::fs::rename(out.path().join("sub"), out.path().join("sub.real"))?;
    std::os::unix::fs::symlink(dir.path().join("docs"), out.path().join("sub"))?;
    term.keys(&["y"]);
    term.wait_for("saved 2 rows to");
    term.quit("C-c", 130);
    assert!(
        !dir.path().join("docs/o.tsv").exists(),
        "written into the corpus"
    );
    let saved = std::fs::read_to_string(out.path().join("sub.real/o.tsv")).unwrap_or_default();
    assert!(saved.contains("Alpha report"), "{saved}");
    Ok(())
}

#[test]
fn the_pager_finds_a_hit_that_starts_with_one_of_its_search_modifiers() {
    let filler: String = (1..=60).map(|n| format!("filler {n}\n")).collect();
    let dir = temp_corpus(&[(
        "docs/a.txt",
        &format!("Modifier document\n{filler}target !hello here\nmore text\n"),
    )]);
    let term = Tmux::start(100, 20, dir.path());
    term.command("PAGER=less folio docs; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["C-f"]);
    term.type_text("'!hello");
    term.wait_for("1 hit");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.keys(&["o"]);
    // less opens at the hit (with `/!hello` it would look for lines without "hello").
    term.wait_until("less at the hit", |s| {
        s.lines()
            .next()
            .is_some_and(|top| top.contains("target !hello here"))
    });
    term.keys(&["q"]);
    term.wait_for("match 1 of 1");
    term.quit("C-c", 130);
}

#[test]
fn a_remembered_query_too_long_to_be_typed_is_not_restored() {
    use folio::testing::{LastView, Remembered, Setup};
    let dir = small_corpus();
    let huge = "x".repeat(2 << 20);
    let remembered = Remembered {
        history: vec![huge.clone(), "bravo".into()],
        last: Some(LastView {
            text: true,
            query: huge,
            sort: String::new(),
        }),
        ..Remembered::default()
    };
    let setup = Setup {
        remembered: Some(remembered),
        ..crate::common::setup()
    };
    let corpus = crate::common::load(&dir.path().join("docs"));
    let browser =
        crate::common::Browser::of_corpus(corpus, setup, folio::testing::Theme::default(), 100, 20);
    assert_eq!(browser.app().query(), "");
    assert_eq!(browser.titles().len(), 2);
}
