//! The conventions terminal users expect, checked with the built binary: the configuration
//! file (and its mistakes), the editor and the pager, the mouse, and every common TERM.

use crate::common::TestResult;
use crate::common::tmux::Tmux;
use crate::common::{folio_command, temp_corpus};
use crate::common::{repo, text};
use std::path::Path;
use std::process::Output;

/// folio with `args` in `dir` and the environment `env` (over `XDG_CONFIG_HOME` pointing
/// nowhere).
fn folio_with(dir: &Path, env: &[(&str, &Path)], args: &[&str]) -> Output {
    let mut command = folio_command();
    command.current_dir(dir).args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    command
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"))
}

/// A corpus of one `.txt` and one `.rst` document, and a configuration folder beside it.
fn corpus_and_config(config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_corpus(&[
        ("docs/plain.txt", "A plain text document\n\nabout rivers.\n"),
        ("docs/notes.rst", "Restructured notes\n\nabout lakes.\n"),
        ("xdg/folio/config.toml", config),
    ]);
    let xdg = dir.path().join("xdg");
    (dir, xdg)
}

/// Which of the two documents `folio --list` shows with this environment and arguments:
/// (the .txt, the .rst).
fn listed(dir: &Path, env: &[(&str, &Path)], args: &[&str]) -> (bool, bool) {
    let output = folio_with(dir, env, args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let listed = text(&output.stdout);
    (listed.contains("plain.txt"), listed.contains("notes.rst"))
}

#[test]
fn the_configuration_file_sets_what_the_command_line_leaves() -> TestResult {
    let (dir, xdg) = corpus_and_config("extensions = [\"rst\"]\n");
    let (root, env) = (dir.path(), [("XDG_CONFIG_HOME", xdg.as_path())]);
    assert_eq!(listed(root, &env, &["--list", "docs"]), (false, true));
    // The command line wins over the file.
    assert_eq!(
        listed(root, &env, &["--list", "-e", "txt", "docs"]),
        (true, false)
    );
    // --no-config: the defaults.
    assert_eq!(
        listed(root, &env, &["--no-config", "--list", "docs"]),
        (true, false)
    );
    // Without XDG_CONFIG_HOME, ~/.config is where it is looked for.
    let home = root.join("home");
    std::fs::create_dir_all(home.join(".config"))?;
    std::fs::rename(xdg.join("folio"), home.join(".config/folio"))?;
    let output = folio_command()
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", &home)
        .current_dir(root)
        .args(["--list", "docs"])
        .output()?;
    let shown = text(&output.stdout);
    assert!(
        shown.contains("notes.rst") && !shown.contains("plain.txt"),
        "{shown}"
    );
    Ok(())
}

#[test]
fn a_bad_configuration_names_the_file_the_line_and_the_key() {
    let (dir, xdg) = corpus_and_config("extensions = [\"txt\"]\n\n[colors]\nprompt = \"cyann\"\n");
    let failed = folio_with(
        dir.path(),
        &[("XDG_CONFIG_HOME", &xdg)],
        &["--list", "docs"],
    );
    assert_eq!(failed.status.code(), Some(2));
    let stderr = text(&failed.stderr);
    let file = xdg.join("folio/config.toml");
    assert!(
        stderr.contains(&format!(
            "{}:4: colors.prompt: unknown colour \"cyann\"",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("--no-config"),
        "says how to start anyway: {stderr}"
    );
    assert!(failed.stdout.is_empty());
    // Asked to, folio starts with the defaults.
    let started = folio_with(
        dir.path(),
        &[("XDG_CONFIG_HOME", &xdg)],
        &["--no-config", "--list", "docs"],
    );
    assert!(started.status.success(), "{}", text(&started.stderr));
    // --config names a file that must exist.
    let missing = folio_with(
        dir.path(),
        &[],
        &["--config", "nowhere.toml", "--list", "docs"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("nowhere.toml"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn the_printed_defaults_are_a_configuration_that_changes_nothing() {
    let printed = folio_with(repo(), &[], &["--print-config"]);
    assert!(printed.status.success());
    let dir = temp_corpus(&[("config.toml", &text(&printed.stdout))]);
    let file = dir.path().join("config.toml");
    let file = file.to_string_lossy();
    let with = folio_with(
        repo(),
        &[],
        &["--config", &file, "--filter", "party", "corpus"],
    );
    let without = folio_with(repo(), &[], &["--filter", "party", "corpus"]);
    assert!(with.status.success(), "{}", text(&with.stderr));
    assert_eq!(with.stdout, without.stdout);
    for section in [
        "extensions = ",
        "[colors]",
        "[keys]",
        "edit = [\"e\"]",
        "pager = [\"o\"]",
    ] {
        assert!(text(&printed.stdout).contains(section), "{section}");
    }
}

#[test]
fn keys_colours_and_keywords_from_the_file_are_what_the_terminal_shows() {
    let dir = temp_corpus(&[(
        "folio/config.toml",
        "keywords = [\"beacon\"]\n[colors]\nkeywords = [\"#ff8700\"]\n[keys]\nsearch = \"Ctrl-G\"\n",
    )]);
    // Tall enough for the help's reader section.
    let term = Tmux::start(100, 80, repo());
    term.command(&format!(
        "XDG_CONFIG_HOME={} folio corpus; echo \"exit=$?\"",
        dir.path().display()
    ));
    term.wait_for("2/2");
    term.type_text("beacon");
    term.wait_for("1/2");
    term.keys(&["Enter"]);
    // The keyword's colour, #ff8700 on a terminal without COLORTERM=truecolor: 256-colour 208.
    term.wait_for("Esc back");
    let start = std::time::Instant::now();
    while !term.screen_with_attributes().contains("48;5;208") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "no keyword in colour 208:\n{}",
            term.screen_with_attributes()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    term.keys(&["C-g"]);
    term.wait_for("/");
    term.type_text("people");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of");
    term.keys(&["?"]);
    term.wait_until("the help with the rebound key", |s| {
        s.contains("Ctrl-G") && s.contains("search in the document")
    });
    // Esc and the next key apart: sent together they read as Alt-q.
    term.keys(&["Escape"]);
    term.wait_until("the help to close", |s| !s.contains("folio keys"));
    term.keys(&["q"]);
    term.wait_for("Enter read");
    term.quit("C-c", 130);
}

/// A stand-in editor in `dir` that shows its arguments, reads one line from the terminal
/// and writes it to `typed`.
fn fake_editor(dir: &Path) -> std::path::PathBuf {
    let typed = dir.join("typed");
    let script = format!(
        "#!/bin/sh\nprintf 'editor got: %s\\n' \"$*\"\nIFS= read -r line\nprintf '%s\\n' \"$line\" > '{}'\n",
        typed.display()
    );
    crate::common::executable(dir, "fake-editor", &script)
}

#[test]
fn e_opens_the_editor_at_the_line_on_screen_and_folio_comes_back() {
    let lines: String = (2..=300)
        .map(|n| format!("row {n:03} of the numbered text\n"))
        .collect();
    let dir = temp_corpus(&[(
        "docs/numbered.txt",
        &format!("The numbered document\n{lines}"),
    )]);
    let editor = fake_editor(dir.path());
    let term = Tmux::start(100, 30, dir.path());
    term.command(&format!(
        "VISUAL= EDITOR={} folio docs; echo \"exit=$?\"",
        editor.display()
    ));
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    term.keys(&["Space"]);
    term.keys(&["Space"]);
    // The reader's first text row is what the editor must open at.
    let screen = term.wait_until("the reader two pages down", |s| {
        first_row_number(s).is_some_and(|row| row > 40)
    });
    let top = first_row_number(&screen).unwrap_or_default();
    term.keys(&["e"]);
    let expected = format!("editor got: +{top} ./docs/numbered.txt");
    term.wait_for(&expected);
    assert!(
        !term.modes().alternate_screen,
        "the editor has the normal screen"
    );
    // Keys go to the editor, not to folio.
    term.type_text("typed in the editor");
    term.keys(&["Enter"]);
    term.wait_until("folio back where it was", |s| {
        first_row_number(s) == Some(top) && !s.contains("editor got")
    });
    let typed = std::fs::read_to_string(dir.path().join("typed")).unwrap_or_default();
    assert_eq!(typed, "typed in the editor\n");
    assert!(term.modes().alternate_screen && term.modes().mouse_reporting);
    // And folio still obeys its keys.
    term.keys(&["q"]);
    term.wait_for("Enter read");
    term.quit("Escape", 130);
}

/// The number of the first `row NNN` line on screen in the reader.
fn first_row_number(screen: &str) -> Option<usize> {
    screen.lines().find_map(|line| {
        let at = line.find("row ")?;
        line.get(at + 4..at + 7)?.parse().ok()
    })
}

#[test]
fn o_opens_the_pager_which_keeps_ctrl_c() {
    let term = Tmux::start(100, 30, repo());
    term.command("PAGER=less folio corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    term.type_text("xi");
    term.wait_for("1/2");
    term.keys(&["Enter"]);
    term.keys(&["o"]);
    term.wait_until("less showing the document", |s| {
        s.contains("date 2021-01-25 President Xi")
            && !s.contains("Enter read")
            && !s.contains("1/2")
    });
    // Ctrl-C belongs to the pager now: folio must not quit.
    term.keys(&["C-c"]);
    // less throws away what was typed before it handled the interrupt: `G` (to the end of
    // the document, away from its first line) until less answers, then `q`.
    term.wait_until("less answering after Ctrl-C", |screen| {
        let answered = !screen.contains("date 2021-01-25 President Xi");
        if !answered {
            term.keys(&["G"]);
        }
        answered
    });
    term.keys(&["q"]);
    term.wait_for("1/2");
    assert!(!term.screen().contains("exit="), "folio still runs");
    term.quit("C-c", 130);
}

#[test]
fn a_missing_editor_is_reported_and_folio_carries_on() {
    let term = Tmux::start(100, 30, repo());
    term.command("VISUAL=no-such-editor-anywhere folio corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    term.keys(&["Enter"]);
    term.keys(&["e"]);
    term.wait_for("the editor was not found: no-such-editor-anywhere");
    assert!(term.modes().alternate_screen);
    term.quit("C-c", 130);
}

/// A mouse report in the SGR encoding, as a terminal sends it (1-based cell).
fn mouse(button: u8, column: u16, row: u16) -> String {
    format!("\x1b[<{button};{column};{row}M")
}

#[test]
fn the_wheel_scrolls_the_pane_under_it_and_a_click_selects() {
    let term = Tmux::start(100, 30, repo());
    term.command("folio corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    assert!(term.modes().mouse_reporting, "folio asks for the mouse");
    let first = "China's achievements in ending absolu";
    // A click on the second row of the list (screen row 3: the query line is row 1).
    term.type_text(&mouse(0, 5, 3));
    term.wait_until("the second document in the reader", |s| {
        s.contains("date 2021-01-25")
    });
    // The wheel over the list moves the selection back up.
    term.type_text(&mouse(64, 5, 5));
    term.wait_until("the first document again", |s| {
        s.contains(first) && !s.contains("date 2021-01-25")
    });
    // The wheel over the reader scrolls it: the header's path line leaves the screen.
    let before = term.screen();
    assert!(before.contains("000_9c89a7a231365477.txt"), "{before}");
    for _ in 0..3 {
        term.type_text(&mouse(65, 70, 10));
    }
    term.wait_until("the reader scrolled", |s| {
        !s.lines()
            .skip(1)
            .any(|line| line.contains("000_9c89a7a231365477.txt"))
    });
    // A click in the reader gives it the keyboard: j scrolls instead of typing.
    term.type_text(&mouse(0, 70, 10));
    term.keys(&["j"]);
    term.wait_until("the reader focused", |s| s.contains("Esc back"));
    assert!(!term.screen().contains("> j"));
    term.quit("C-c", 130);
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let term = Tmux::start(100, 30, repo());
    term.command("folio --no-mouse corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    assert!(!term.modes().mouse_reporting);
    term.quit("C-c", 130);
}

#[test]
fn every_common_term_works_and_is_restored() {
    for term_name in [
        "xterm-256color",
        "screen-256color",
        "tmux-256color",
        "linux",
        "vt100",
    ] {
        let term = Tmux::start(100, 30, repo());
        term.command(&format!("TERM={term_name} folio corpus; echo \"exit=$?\""));
        term.wait_for("2/2");
        term.type_text("xi");
        term.wait_for("1/2");
        term.keys(&["Enter"]);
        term.keys(&["/"]);
        term.type_text("leadership");
        term.keys(&["Enter"]);
        term.wait_for("match 1 of");
        term.keys(&["q"]);
        term.wait_for("Enter read");
        term.keys(&["Escape"]);
        term.wait_until("the query cleared", |s| !s.contains("> xi"));
        let screen = term.quit("Escape", 130);
        assert!(!screen.contains("panicked"), "TERM={term_name}: {screen}");
    }
}

#[test]
fn o_gives_more_the_hit_as_the_document_writes_it() -> TestResult {
    // more's search cannot ignore case: `+/yukos` would find nothing in "Yukos".
    let dir = temp_corpus(&[(
        "docs/a.txt",
        "Indian oil firm eyes Yukos assets\nThe YUKOS deal.\n",
    )]);
    let args = dir.path().join("args");
    let script = format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display());
    let more = crate::common::executable(dir.path(), "more", &script);
    let term = Tmux::start(100, 30, dir.path());
    term.command(&format!(
        "PAGER={} folio docs; echo \"exit=$?\"",
        more.display()
    ));
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    term.keys(&["/"]);
    term.type_text("yukos");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 2");
    term.keys(&["o"]);
    term.wait_until("more to have run", |_| args.exists());
    term.wait_for("match 1 of 2");
    let given = std::fs::read_to_string(&args).unwrap_or_default();
    assert_eq!(given, "+/Yukos\n./docs/a.txt\n");
    // The next hit, as written there.
    std::fs::remove_file(&args)?;
    term.keys(&["n", "o"]);
    term.wait_until("more to have run again", |_| args.exists());
    term.wait_for("match 2 of 2");
    let given = std::fs::read_to_string(&args).unwrap_or_default();
    assert_eq!(given, "+/YUKOS\n./docs/a.txt\n");
    term.quit("C-c", 130);
    Ok(())
}
