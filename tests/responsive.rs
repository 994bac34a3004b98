//! Nothing proportional to the corpus runs on the interface's thread, in a real
//! pseudo-terminal: a key is answered while 300,000 titles are sorted in the background, and
//! ten thousand keywords are drawn at once.

mod common;

use common::temp_corpus;
use common::tmux::Tmux;
use std::fmt::Write;

/// 300,000 records whose titles share a long start (so sorting them takes a while) and end
/// in a number in no particular order.
fn three_hundred_thousand_records() -> tempfile::TempDir {
    let mut lines = String::with_capacity(30 << 20);
    let mut number: u64 = 12345;
    for index in 0..300_000 {
        // A simple generator (xorshift): the same corpus on every run.
        number ^= number << 13;
        number ^= number >> 7;
        number ^= number << 17;
        let _ = writeln!(
            lines,
            "{{\"title\": \"Report on the state of the public accounts, volume {:09}\", \"text\": \"body {index}\"}}",
            number % 1_000_000_000
        );
    }
    temp_corpus(&[("records.jsonl", &lines)])
}

#[test]
fn a_key_is_answered_while_three_hundred_thousand_titles_are_sorted() {
    let dir = three_hundred_thousand_records();
    // Wide enough for whole titles in the list.
    let term = Tmux::start(200, 20, dir.path());
    term.command("folio records.jsonl; echo \"exit=$?\"");
    term.wait_for("300000/300000");
    term.keys(&["C-s"]);
    // The list keeps its order, marked `…`, while the sort runs: it is in the background.
    term.wait_for("… 300000/300000 by title");
    // A key is answered meanwhile: F1 shows the help at once.
    term.keys(&["F1"]);
    term.wait_for("Everywhere");
    term.keys(&["Escape"]);
    // And the sort ends: the smallest number first.
    let screen = term.wait_until("the sorted list", |screen| {
        screen.contains(" 300000/300000 by title") && !screen.contains("…")
    });
    // The selected document stayed selected (the list scrolled to it), and the rows around it
    // are in order.
    let volumes: Vec<&str> = screen
        .lines()
        .skip(1)
        .filter_map(|line| line.split("volume ").nth(1))
        .filter_map(|rest| rest.get(..9))
        .collect();
    assert!(volumes.len() > 10, "{screen}");
    assert!(volumes.windows(2).all(|pair| pair[0] < pair[1]), "{screen}");
    term.keys(&["C-c"]);
    term.wait_for("exit=130");
}

#[test]
fn ten_thousand_keywords_are_drawn_at_once() {
    let dir = temp_corpus(&[(
        "docs/budget.txt",
        "The budget report\nThe budget was passed after a long debate about taxes.\n",
    )]);
    // Ten thousand keywords, from a configuration file (a command line that long is more
    // than tmux will type).
    let mut keywords = String::from("keywords = [\"budget\", \"taxes\"");
    for n in 0..9_998 {
        let _ = write!(keywords, ", \"word{n}\"");
    }
    keywords.push_str("]\n");
    std::fs::write(dir.path().join("many.toml"), keywords).unwrap_or_else(|e| panic!("{e}"));
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio --config many.toml docs; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    let screen = term.wait_for("budget 2");
    assert!(screen.contains("taxes 1"), "{screen}");
    term.keys(&["C-c"]);
    term.wait_for("exit=130");
}
