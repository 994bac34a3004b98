//! Tags and notes on documents, end to end in a real terminal with its own state folder: a
//! tag put on with Alt-t and shown in the list, taken off by the same tag again; a note
//! written with Alt-a and shown in the reader's header; both surviving a restart and two
//! folios tagging at once; and printed by `--tags`, `--tagged` and `--in tag:NAME`.

use crate::common::tmux::Tmux;
use crate::common::{TestResult, folio_command, temp_corpus};
use std::path::Path;

fn corpus() -> tempfile::TempDir {
    temp_corpus(&[
        ("a.txt", "Alpha inquiry\nThe fraud was found.\n"),
        ("b.txt", "Bravo lead\nA lead to follow.\n"),
        ("c.txt", "Charlie weather\nSunny all week.\n"),
    ])
}

/// `folio ARGS .` in `dir` with the state folder `state`: its output and exit status.
fn folio(dir: &Path, state: &Path, args: &[&str]) -> (String, Option<i32>) {
    let output = folio_command()
        .env("XDG_STATE_HOME", state)
        .args(args)
        .arg(".")
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code(),
    )
}

fn start(dir: &Path, state: &Path) -> Tmux {
    let term = Tmux::start_with_state(100, 20, dir, state);
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("3/3");
    term
}

/// Types `text` into the prompt Alt-`key` opens (once it shows `label`) and presses Enter.
fn answer(term: &Tmux, key: &str, label: &str, text: &str) {
    term.keys(&[key]);
    term.wait_for(label);
    term.type_text(text);
    term.keys(&["Enter"]);
}

#[test]
fn tags_and_notes_are_kept_shown_and_printed_and_two_folios_keep_both() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    // Two folios at once: one tags Alpha and writes its note, the other tags Bravo.
    let first = start(dir.path(), state.path());
    let second = start(dir.path(), state.path());
    answer(&first, "M-t", "tag (", "fraud");
    first.wait_for("tagged the document fraud");
    first.wait_for("#fraud");
    answer(&first, "M-a", "note (", "source: court filing");
    first.wait_for("note kept");
    second.type_text("bravo");
    second.wait_for("1/3");
    answer(&second, "M-t", "tag (", "to check");
    second.wait_for("#to check");
    first.keys(&["C-c"]);
    second.keys(&["C-c"]);
    first.wait_for("exit=130");
    second.wait_for("exit=130");
    let (tags, status) = folio(dir.path(), state.path(), &["--tags"]);
    assert_eq!(status, Some(0));
    assert_eq!(
        tags, "./a.txt\tfraud\tsource: court filing\n./b.txt\tto check\t\n",
        "both folios' tags and the note"
    );
    let (tagged, _) = folio(dir.path(), state.path(), &["--tagged", "to check"]);
    assert_eq!(tagged, "./b.txt\tBravo lead\n");
    let (searched, _) = folio(
        dir.path(),
        state.path(),
        &["--in", "tag:fraud", "--search", "a"],
    );
    assert!(
        searched.starts_with("./a.txt\t") && searched.lines().count() == 1,
        "{searched}"
    );
    let (_, none) = folio(dir.path(), state.path(), &["--tagged", "nothing"]);
    assert_eq!(none, Some(1));
    // A restart shows them; the same tag again takes it off.
    first.command("clear; folio .; echo \"exit=$?\"");
    // The other folio left last: its query ("bravo") is the one back.
    first.wait_for("1/3");
    first.keys(&["C-u"]);
    first.wait_for("3/3");
    first.wait_for("#fraud");
    first.keys(&["Enter"]);
    first.wait_for("note: source: court filing");
    answer(&first, "t", "tag (", "fraud");
    first.wait_for("took the tag fraud off");
    first.keys(&["C-c"]);
    first.wait_for("exit=130");
    let (tags, _) = folio(dir.path(), state.path(), &["--tags"]);
    assert_eq!(
        tags,
        "./a.txt\t\tsource: court filing\n./b.txt\tto check\t\n"
    );
    Ok(())
}
