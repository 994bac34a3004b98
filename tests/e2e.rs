//! End-to-end: the built binary in a real pseudo-terminal (tmux) on the sample corpus, and as
//! a plain process for the printing modes and the error paths.

use crate::common::TestResult;
use crate::common::tmux::Tmux;
use crate::common::{repo, text};
use std::process::Command;

/// folio on the sample corpus in a shell that reports its exit status as `exit=N`, once both
/// documents are listed.
/// folio started by `command` in a 100x30 terminal, once both documents are listed.
fn folio_in_terminal_with(command: &str) -> Tmux {
    let term = Tmux::start(100, 30, repo());
    term.command(command);
    term.wait_for("2/2");
    term
}

fn folio_in_terminal(width: u16, height: u16) -> Tmux {
    let term = Tmux::start(width, height, repo());
    term.command("folio corpus; echo \"exit=$?\"");
    term.wait_for("2/2");
    term
}

#[test]
fn filter_read_search_and_quit_in_a_real_terminal() {
    let term = folio_in_terminal(120, 40);
    term.wait_until("both titles", |s| {
        s.contains("China's achievements in ending") && s.contains("President Xi Jinping, who is")
    });
    assert!(
        term.modes().alternate_screen,
        "folio runs on the alternate screen"
    );

    term.type_text("beacon");
    let screen = term.wait_until("the filtered list", |s| {
        s.contains("> beacon") && s.contains("1/2")
    });
    assert!(!screen.contains("> President Xi"), "{screen}");

    term.keys(&["Enter"]);
    term.wait_for("/ search");
    term.type_text("/party");
    term.wait_for("/party");
    term.keys(&["Enter"]);
    let screen = term.wait_for("match 1 of");
    let total = screen
        .split("match 1 of ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or_default()
        .to_string();
    assert!(total.parse::<usize>().is_ok_and(|n| n > 1), "{screen}");
    term.type_text("n");
    term.wait_for(&format!("match 2 of {total}"));

    term.type_text("q");
    term.wait_for("Enter read");
    term.keys(&["Escape"]);
    term.wait_until("the cleared query", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.starts_with("> ") && l.contains(" 2/2") && !l.contains("beacon"))
    });
    term.keys(&["Escape"]);
    // Nothing was chosen: 130, as fzf.
    term.wait_for("exit=130");
    term.assert_restored();
}

#[test]
fn text_mode_finds_a_word_only_in_a_body_opens_at_the_hit_and_n_walks_every_hit() {
    let term = folio_in_terminal(120, 40);
    // "Foster" is in no title: the title filter finds nothing.
    term.type_text("'foster");
    term.wait_until("no title matching", |s| s.contains("0/2"));
    term.keys(&["C-u"]);
    term.keys(&["C-f"]);
    term.wait_for("text>");
    term.type_text("foster");
    let screen = term.wait_for("9 hits");
    assert!(
        screen.contains("text> foster") && screen.contains("1/2"),
        "{screen}"
    );
    assert!(
        screen.contains("Secretary John"),
        "the passage is shown:\n{screen}"
    );
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 9");
    for n in 2..=9 {
        term.type_text("n");
        term.wait_for(&format!("match {n} of 9"));
    }
    term.type_text("n");
    term.wait_for("match 1 of 9 (search hit the end");
    term.type_text("q");
    term.wait_for("text/titles");
    // Back to titles: the same query filters titles again.
    term.keys(&["C-f"]);
    term.wait_until("the title filter", |s| {
        s.lines().next().is_some_and(|l| l.starts_with("> foster"))
    });
    term.quit("C-c", 130);
}

#[test]
fn ctrl_c_quits_with_status_130_and_restores_the_terminal() {
    let term = folio_in_terminal(80, 24);
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    term.quit("C-c", 130);
}

#[test]
fn resizing_redraws_for_the_new_size() {
    let term = folio_in_terminal(120, 40);
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    term.resize(40, 10);
    // Stacked and reading: the reader takes the screen, with compact counters.
    let screen = term.wait_until("the 40x10 layout", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with('%'))
            && !s.contains("2/2")
    });
    assert!(
        screen.lines().all(|line| line.chars().count() <= 40),
        "{screen}"
    );
    term.resize(12, 3);
    term.wait_for("terminal to…");
    term.resize(100, 30);
    term.wait_for("2/2");
    term.quit("C-c", 130);
}

#[test]
fn help_is_generated_from_the_key_table() {
    let term = Tmux::start(100, 40, repo());
    term.command("folio corpus");
    term.wait_for("2/2");
    term.keys(&["F1"]);
    // The first screenful of the help holds the first bindings of the table, in order.
    let first: Vec<&str> = folio::testing::BINDINGS
        .iter()
        .take(12)
        .map(|b| b.help)
        .collect();
    term.wait_until("every binding of the first screenful", |screen| {
        screen.contains("folio keys") && first.iter().all(|help| screen.contains(help))
    });
    term.keys(&["Escape"]);
    term.wait_until("the help to close", |s| !s.contains("folio keys"));
}

fn folio(args: &[&str]) -> std::process::Output {
    crate::common::folio_output(args, repo())
}

#[test]
fn list_prints_path_tab_title_sorted_by_path() {
    let output = folio(&["--list", "corpus"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    let rows: Vec<(&str, &str)> = stdout.lines().filter_map(|l| l.split_once('\t')).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert_eq!(rows[0].0, "corpus/000_9c89a7a231365477.txt");
    assert!(rows[0].1.starts_with("China's achievements"));
    assert_eq!(rows[1].0, "corpus/004_6b23d050792bb93b.txt");
    assert!(
        rows[1].1.starts_with("President Xi Jinping"),
        "the date prefix is not in the title"
    );
}

#[test]
fn filter_prints_matches_best_first_and_exits_1_on_none() {
    let output = folio(&["corpus", "--filter", "beacon"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("corpus/000_9c89a7a231365477.txt\tChina's"));
    assert_eq!(text(&output.stdout).lines().count(), 1);
    let output = folio(&["corpus", "--filter", "zzzzqqq"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn errors_name_the_path_exit_2_and_write_nothing_to_stdout() -> TestResult {
    let output = folio(&["no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        text(&output.stderr),
        "folio: no/such/folder: no such file or directory\n"
    );

    let empty = tempfile::tempdir()?;
    std::fs::write(empty.path().join("image.png"), "not a document")?;
    let shown = empty.path().display().to_string();
    let output = folio(&[&shown]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!("folio: {shown}: no documents found")),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    Ok(())
}

#[test]
fn without_a_terminal_the_browser_refuses_cleanly() {
    use std::os::unix::process::CommandExt;
    // A session of its own: no controlling terminal, so no /dev/tty to draw on either.
    let mut command = crate::common::folio_command();
    command.arg("corpus").current_dir(repo());
    // SAFETY: setsid() only detaches the child from the terminal; it runs between fork and exec
    // and touches no memory of the parent.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"));
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no escape bytes into a pipe");
    assert!(text(&output.stderr).contains("not a terminal and there is none to draw on"));
}

#[test]
fn a_single_file_can_be_browsed_whatever_its_extension() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("notes.log");
    std::fs::write(&file, "# Field notes\nbody")?;
    let output = folio(&["--list", &file.display().to_string()]);
    assert!(text(&output.stdout).ends_with("notes.log\tField notes\n"));
    Ok(())
}

#[test]
fn a_closed_pipe_is_not_an_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    for i in 0..5000 {
        std::fs::write(dir.path().join(format!("{i:05}.txt")), format!("Doc {i}."))?;
    }
    // In every format: the CSV writer's error once hid the closed pipe (exit 2).
    for format in ["tsv", "csv", "jsonl"] {
        let command = format!(
            "'{}' --list --format {format} '{}' | head -n 1; echo \"status=${{PIPESTATUS[0]}}\"",
            env!("CARGO_BIN_EXE_folio"),
            dir.path().display()
        );
        let output = Command::new("bash")
            .env("XDG_CONFIG_HOME", crate::common::NO_CONFIG)
            .env("XDG_STATE_HOME", crate::common::state_home())
            .env("XDG_CACHE_HOME", crate::common::cache_home())
            .args(["-c", &command])
            .output()?;
        let stdout = text(&output.stdout);
        assert!(stdout.ends_with("status=0\n"), "{format}: {stdout}");
        assert!(
            output.stderr.is_empty(),
            "{format}: {}",
            text(&output.stderr)
        );
    }
    Ok(())
}

#[test]
fn in_a_pipeline_the_interface_is_on_the_terminal_and_the_chosen_paths_go_down_the_pipe()
-> TestResult {
    let dir = tempfile::tempdir()?;
    let chosen = dir.path().join("chosen.txt");
    let term = folio_in_terminal_with(&format!(
        "folio corpus | cat > {}; echo \"exit=${{PIPESTATUS[0]}}\"",
        chosen.display()
    ));
    // Mark both documents, then accept: both paths, in path order.
    term.keys(&["Tab"]);
    term.wait_for(" *");
    term.keys(&["Tab"]);
    term.keys(&["C-o"]);
    term.wait_for("exit=0");
    term.assert_restored();
    let printed = std::fs::read_to_string(&chosen).unwrap_or_default();
    assert_eq!(
        printed,
        "corpus/000_9c89a7a231365477.txt\ncorpus/004_6b23d050792bb93b.txt\n"
    );
    // Esc chooses nothing: no output, 130.
    term.command(&format!(
        "folio corpus | cat > {}; echo \"exit=${{PIPESTATUS[0]}}\"",
        chosen.display()
    ));
    term.wait_for("2/2");
    term.quit("Escape", 130);
    assert_eq!(std::fs::read_to_string(&chosen).unwrap_or_default(), "");
    Ok(())
}

#[test]
fn completions_load_in_bash_and_the_man_page_documents_every_option() -> TestResult {
    let bash = folio(&["--completions", "bash"]);
    assert!(bash.status.success());
    let script = text(&bash.stdout);
    assert!(script.contains("--index-memory") && script.contains("--search"));
    // The script really defines a completion when bash sources it.
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("folio.bash");
    std::fs::write(&file, &bash.stdout)?;
    let sourced = Command::new("bash")
        .args([
            "--norc",
            "-c",
            &format!("source {}; complete -p folio", file.display()),
        ])
        .output()
        .unwrap_or_else(|error| panic!("cannot run bash: {error}"));
    assert!(text(&sourced.stdout).contains("complete"), "{sourced:?}");
    for shell in ["zsh", "fish"] {
        let output = folio(&["--completions", shell]);
        assert!(output.status.success() && text(&output.stdout).contains("keyword"));
    }
    let bad = folio(&["--completions", "cmd.exe"]);
    assert_eq!(bad.status.code(), Some(2));
    let combined = folio(&["--man", "--list"]);
    assert_eq!(combined.status.code(), Some(2), "--man goes alone");
    let man = folio(&["--man"]);
    assert!(man.status.success());
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie") && page.contains(".TH folio 1"),
        "{page}"
    );
    for option in [
        "\\-\\-search",
        "\\-\\-index\\-memory",
        "\\-\\-keyword",
        "\\-\\-json",
    ] {
        assert!(page.contains(option), "{option} missing from the man page");
    }
    Ok(())
}

#[test]
fn y_and_shift_y_copy_the_path_and_the_title_through_osc_52() {
    let term = folio_in_terminal(120, 40);
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    term.type_text("y");
    term.wait_for("copied the path");
    // The absolute path: it still names the file pasted anywhere.
    let copied = term.clipboard();
    assert!(
        copied.starts_with('/') && copied.ends_with("/corpus/000_9c89a7a231365477.txt"),
        "{copied}"
    );
    term.type_text("Y");
    term.wait_for("copied the title");
    assert!(
        term.clipboard()
            .starts_with("China's achievements in ending absolute poverty")
    );
    term.quit("C-c", 130);
}
