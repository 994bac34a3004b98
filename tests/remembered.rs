//! What folio remembers between runs, in a real terminal with its own `XDG_STATE_HOME`: the
//! query history, the reading place, marks, a damaged state file, two folios leaving at
//! once; and the small things a careful user hits (only the marked documents, `]` and `[`,
//! the reader at 40x10, the help at 80 columns, a pager opened at the search term).

use crate::common::TestResult;
use crate::common::temp_corpus;
use crate::common::tmux::Tmux;
use std::path::{Path, PathBuf};

/// A long document (numbered lines) and three short ones that mention "beacon".
fn corpus() -> tempfile::TempDir {
    let long: String = (1..=200)
        .map(|n| format!("Numbered line {n:03} of the long report.\n"))
        .collect();
    let long = format!("Long report\n\n{long}");
    temp_corpus(&[
        (
            "a.txt",
            "Alpha beacon\nThe first beacon.\nA second beacon.\n",
        ),
        ("b.txt", "Bravo notes\nOne beacon only.\n"),
        (
            "c.txt",
            "Charlie beacon\nbeacon one\nbeacon two\nbeacon three\n",
        ),
        ("long.txt", &long),
    ])
}

/// The state files folio wrote under `state`.
fn state_files(state: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(state.join("folio"))
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// The one state file's contents, parsed.
fn state_json(state: &Path) -> serde_json::Value {
    let files = state_files(state);
    assert_eq!(files.len(), 1, "one state file for one corpus: {files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn start(dir: &Path, state: &Path, size: (u16, u16)) -> Tmux {
    let term = Tmux::start_with_state(size.0, size.1, dir, state);
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("4/4");
    term
}

/// Filters the titles to the one document `query` names and reads it; the screen then.
fn read(term: &Tmux, query: &str) -> String {
    term.type_text(query);
    term.wait_for("1/4");
    term.keys(&["Enter"]);
    term.wait_for("Esc back")
}

/// Quits folio from the list (clearing the query first) and waits for the shell.
fn quit(term: &Tmux) {
    term.quit("C-c", 130);
}

#[test]
fn the_query_history_comes_back_in_the_next_run() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path(), (100, 20));
    // A query is remembered when it is used: here by reading a document.
    read(&term, "bravo");
    term.keys(&["q"]);
    term.keys(&["C-u"]);
    term.wait_for("4/4");
    term.type_text("charlie");
    term.wait_for("1/4");
    term.keys(&["C-u"]);
    term.wait_for("4/4");
    quit(&term);
    let json = state_json(state.path());
    assert_eq!(json["history"], serde_json::json!(["bravo"]), "{json}");

    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("4/4");
    term.keys(&["M-p"]);
    term.wait_until("the query from the history", |s| s.starts_with("> bravo"));
    term.wait_for("1/4");
    term.keys(&["M-p"]);
    term.wait_for("the oldest query in the history");
    term.keys(&["M-n"]);
    term.wait_until("the query typed comes back", |s| {
        s.lines()
            .next()
            .is_some_and(|line| line.starts_with("> ") && line.contains("4/4"))
    });
    quit(&term);
    Ok(())
}

#[test]
fn the_reading_place_and_the_marks_are_restored() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path(), (100, 20));
    read(&term, "long");
    for _ in 0..3 {
        term.keys(&["Space"]);
    }
    let screen = term.wait_for("line 5");
    let top = screen
        .lines()
        .find(|line| line.contains("line 5") && line.contains(" of 202"))
        .unwrap_or_else(|| panic!("the bar reads line N of 202:\n{screen}"))
        .to_string();
    term.keys(&["q"]);
    term.keys(&["C-u"]);
    term.wait_for("4/4");
    // Two marks: a.txt and b.txt.
    term.keys(&["Tab", "Tab"]);
    term.wait_for("· 2 marked");
    quit(&term);

    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("· 2 marked");
    term.keys(&["M-m"]);
    let only = term.wait_for("only the 2 marked documents");
    assert!(only.contains("2/4 · 2 marked"), "{only}");
    assert!(!only.contains("Long report"), "{only}");
    term.keys(&["M-m"]);
    term.wait_for("4/4");
    let back = read(&term, "long");
    let line_of = |bar: &str| {
        bar.split("line ")
            .nth(1)
            .map(|rest| rest.split(' ').next().map(str::to_string))
    };
    let before = line_of(&top);
    let after = back
        .lines()
        .find(|line| line.contains(" of 202"))
        .and_then(line_of);
    assert_eq!(before, after, "reopened where it was left:\n{back}");
    quit(&term);
    assert_eq!(
        state_json(state.path())["marks"].as_array().map(Vec::len),
        Some(2)
    );
    Ok(())
}

#[test]
fn a_damaged_state_file_is_reported_and_replaced() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    // A first run makes the file; then it is damaged.
    let term = start(dir.path(), state.path(), (100, 20));
    quit(&term);
    let files = state_files(state.path());
    assert_eq!(files.len(), 1);
    std::fs::write(&files[0], b"{\"history\": [\"trunc")?;
    term.command("clear; folio .; echo \"exit=$?\"");
    let screen = term.wait_for("could not be read");
    assert!(
        screen.contains("4/4"),
        "the corpus is there all the same:\n{screen}"
    );
    read(&term, "alpha");
    quit(&term);
    assert_eq!(
        state_json(state.path())["history"],
        serde_json::json!(["alpha"])
    );
    // Nothing was written into the corpus.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert_eq!(names, ["a.txt", "b.txt", "c.txt", "long.txt"]);
    Ok(())
}

#[test]
fn two_folios_leaving_at_once_leave_a_whole_state_file() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let first = start(dir.path(), state.path(), (100, 20));
    let second = start(dir.path(), state.path(), (100, 20));
    for (term, query) in [(&first, "alpha"), (&second, "charlie")] {
        read(term, query);
    }
    for _ in 0..5 {
        first.keys(&["C-c"]);
        second.keys(&["C-c"]);
        first.wait_for("exit=130");
        second.wait_for("exit=130");
        let json = state_json(state.path());
        let history: Vec<String> = json["history"]
            .as_array()
            .map(|queries| {
                queries
                    .iter()
                    .filter_map(|q| q.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            history.contains(&"alpha".to_string()) || history.contains(&"charlie".to_string()),
            "{json}"
        );
        for term in [&first, &second] {
            term.command("clear; folio .; echo \"exit=$?\"");
            // The last query comes back: one of the four documents.
            term.wait_for("1/4");
        }
    }
    first.keys(&["C-c"]);
    second.keys(&["C-c"]);
    first.wait_for("exit=130");
    second.wait_for("exit=130");
    // No temporary file is left beside it (only the lock), and it is whole.
    let leftovers: Vec<String> = std::fs::read_dir(state.path().join("folio"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name != ".lock")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    state_json(state.path());
    Ok(())
}

#[test]
fn brackets_step_through_the_documents_with_hits() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path(), (100, 20));
    term.keys(&["C-f"]);
    term.type_text("beacon");
    term.wait_for("3/4");
    term.keys(&["Enter"]);
    term.keys(&["]"]);
    let second = term.wait_for("document 2 of 3");
    assert!(
        second.contains("match 1 of"),
        "opened at its first hit:\n{second}"
    );
    term.keys(&["]"]);
    term.wait_for("document 3 of 3");
    term.keys(&["]"]);
    term.wait_for("the last document with hits");
    term.keys(&["["]);
    let back = term.wait_until("the second document at its last hit", |s| {
        s.contains("document 2 of 3") && !s.contains("searching")
    });
    // Whichever document is second in relevance order, its last hit is current.
    let counter = back
        .split("match ")
        .nth(1)
        .and_then(|rest| rest.split(" ·").next())
        .unwrap_or_default()
        .to_string();
    let parts: Vec<&str> = counter.split(" of ").collect();
    assert_eq!(parts.len(), 2, "{back}");
    assert_eq!(parts[0], parts[1], "the last hit is current:\n{back}");
    quit(&term);
    Ok(())
}

#[test]
fn a_small_terminal_reads_text_and_the_help_wraps_at_80_columns() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = Tmux::start_with_state(40, 10, dir.path(), state.path());
    term.command("folio --no-state .");
    term.wait_for("4/4");
    term.type_text("long");
    term.wait_for("1/4");
    term.keys(&["Enter"]);
    let screen = term.wait_for("Numbered line 001");
    let text_lines = screen
        .lines()
        .filter(|line| line.contains("Numbered line"))
        .count();
    assert!(
        text_lines >= 3,
        "at least three lines of text at 40x10:\n{screen}"
    );
    term.keys(&["C-c"]);

    let wide = Tmux::start_with_state(80, 24, dir.path(), state.path());
    wide.command("folio --no-state .");
    wide.wait_for("4/4");
    wide.keys(&["F1"]);
    wide.wait_for("folio keys");
    // Every description is there whole, wrapped where it is long; none is cut with `…`.
    let mut seen = String::new();
    let mut screen = wide.screen();
    for _ in 0..30 {
        seen.push_str(&screen);
        if screen.contains("Query (titles") {
            break;
        }
        wide.keys(&["PgDn"]);
        // The next page, once drawn (reading the screen at once may find the last one).
        let last = screen;
        screen = wide.wait_until("the next page of the help", |now| now != last);
    }
    assert!(!seen.contains('…'), "a description was cut:\n{seen}");
    assert!(
        seen.contains("not fuzzily (or back)"),
        "the long one wraps:\n{seen}"
    );
    wide.keys(&["Escape"]);
    wide.keys(&["C-c"]);
    Ok(())
}

#[test]
fn the_pager_opens_at_the_search_term() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
    // A `less` that says how it was called, so the test sees the arguments less gets.
    let bin = state.path().join("bin");
    std::fs::create_dir(&bin)?;
    let pager = bin.join("less");
    std::fs::write(&pager, "#!/bin/sh\necho \"pager got: $*\"; read answer\n")?;
    let made = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&pager)
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    term.command(&format!(
        "PATH={}:$PATH PAGER=less folio --no-state .",
        bin.display()
    ));
    term.wait_for("4/4");
    read(&term, "long");
    term.keys(&["/"]);
    term.type_text("150");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.keys(&["o"]);
    let screen = term.wait_for("pager got:");
    assert!(
        screen.contains("pager got: -I +") && screen.contains("g/150 ./long.txt"),
        "the search term goes to the pager:\n{screen}"
    );
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.keys(&["C-c"]);
    Ok(())
}

#[test]
fn the_restored_query_is_selected_so_the_first_key_replaces_it() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path(), (100, 20));
    term.type_text("'bravo");
    term.wait_for("1/4");
    quit(&term);
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_until("yesterday's query, selected", |s| s.starts_with("> 'bravo"));
    let shown = term.screen_with_attributes();
    assert!(shown.contains("'bravo"), "{shown}");
    // Typing starts afresh (once: `'bravo'charlie`, nothing found).
    term.type_text("'charlie");
    term.wait_until("the new query alone", |s| {
        s.starts_with("> 'charlie ") && s.lines().next().is_some_and(|l| l.contains("1/4"))
    });
    quit(&term);
    // End keeps it, to edit it.
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_until("the query back", |s| s.starts_with("> 'charlie"));
    term.keys(&["End", "BSpace"]);
    term.wait_until("the query edited, not replaced", |s| {
        s.starts_with("> 'charli ") && s.lines().next().is_some_and(|l| l.contains("1/4"))
    });
    quit(&term);
    Ok(())
}

#[test]
fn the_history_brings_a_text_search_back_as_a_text_search() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path(), (100, 20));
    term.keys(&["C-f"]);
    term.type_text("beacon");
    term.wait_until("the text search", |s| {
        s.starts_with("text> beacon") && s.contains("3/4")
    });
    // Used (a document read), so remembered; then back to titles, the query cleared.
    term.keys(&["Enter"]);
    term.wait_until("the reader at the first hit", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.starts_with("match 1 of"))
    });
    term.keys(&["q", "C-f", "C-u"]);
    term.wait_until("titles, no query", |s| {
        s.starts_with(">") && s.contains("4/4")
    });
    quit(&term);
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("4/4");
    term.keys(&["M-p"]);
    // As a title filter it would find 2 titles; as the text search, 3 documents.
    term.wait_until("the text search again", |s| {
        s.starts_with("text> beacon") && s.lines().next().is_some_and(|l| l.contains("3/4"))
    });
    // Past the newest, the titles and the query being typed come back.
    term.keys(&["M-n"]);
    term.wait_until("the titles again", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.starts_with("> ") && l.contains("4/4"))
    });
    quit(&term);
    Ok(())
}

/// The reader's top row on the screen (the pane right of the list, below its bar).
fn first_word(screen: &str) -> Option<String> {
    let row = screen.lines().nth(1)?.split('│').nth(1)?;
    Some(row.trim().to_string())
}

#[test]
fn the_reading_place_is_the_row_inside_a_long_paragraph() -> TestResult {
    // Real prose keeps a paragraph on one line: the place is a row inside it.
    let words: Vec<String> = (1..=3000).map(|n| format!("w{n:04}")).collect();
    let dir = temp_corpus(&[
        (
            "para.txt",
            &format!("Paragraph piece\n\n{}\n", words.join(" ")),
        ),
        ("other.txt", "Other note\nNothing.\n"),
    ]);
    let state = tempfile::tempdir()?;
    let term = Tmux::start_with_state(100, 20, dir.path(), state.path());
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("2/2");
    let open = |term: &Tmux| {
        term.keys(&["C-u"]);
        term.wait_for("2/2");
        term.type_text("paragraph");
        term.wait_for("1/2");
        term.keys(&["Enter"]);
        term.wait_for("Esc back")
    };
    // Row by row, each seen on screen before the next.
    let scrolled = |term: &Tmux, rows: usize, from: Option<String>| {
        let mut top = from;
        for _ in 0..rows {
            term.keys(&["j"]);
            let moved = term.wait_until("a row scrolled", |s| first_word(s) != top);
            top = first_word(&moved);
        }
        top
    };
    let top = first_word(&open(&term));
    let left_at = scrolled(&term, 12, top);
    term.keys(&["q"]);
    quit(&term);
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("1/2");
    let back = first_word(&open(&term));
    assert_eq!(back, left_at, "reopened at the row it was left at");
    // Scrolling further in a later visit moves the place.
    let further = scrolled(&term, 5, back);
    term.keys(&["q"]);
    quit(&term);
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("1/2");
    assert_eq!(first_word(&open(&term)), further);
    quit(&term);
    Ok(())
}

#[test]
fn a_folio_that_never_touched_the_marks_keeps_those_another_saved() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let idle = start(dir.path(), state.path(), (100, 20));
    let marking = start(dir.path(), state.path(), (100, 20));
    marking.keys(&["Tab"]);
    marking.wait_for("· 1 marked");
    quit(&marking);
    // The first folio leaves after: it marked and unmarked nothing.
    quit(&idle);
    let json = state_json(state.path());
    assert_eq!(json["marks"].as_array().map(Vec::len), Some(1), "{json}");
    // One that unmarks it removes it, though the other had it.
    let unmarking = start(dir.path(), state.path(), (100, 20));
    unmarking.wait_for("· 1 marked");
    let idle = start(dir.path(), state.path(), (100, 20));
    unmarking.keys(&["Tab"]);
    unmarking.wait_until("no mark", |s| !s.contains("marked"));
    quit(&unmarking);
    quit(&idle);
    let json = state_json(state.path());
    assert_eq!(json["marks"], serde_json::json!([]), "{json}");
    Ok(())
}
