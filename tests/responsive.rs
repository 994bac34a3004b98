//! Nothing proportional to the corpus runs on the interface's thread, in a real
//! pseudo-terminal: a key is answered while 300,000 titles are sorted in the background, and
//! ten thousand keywords are drawn at once.

use crate::common::TestResult;
use crate::common::temp_corpus;
use crate::common::tmux::Tmux;
use std::fmt::Write;

/// 300,000 records whose titles share a long start (so sorting them takes a while) and end
/// in a number in no particular order.
fn three_hundred_thousand_records() -> tempfile::TempDir {
    let mut lines = String::with_capacity(30 << 20);
    let mut seeded = crate::common::Seeded::new();
    for index in 0..300_000 {
        let number = seeded.next();
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
    // Ctrl-S, and a key at once: the key is answered while the sort runs (the list keeps its
    // order, marked `…`), so the first screen with the selection moved still says `…`.
    let before = term.screen();
    let row = |screen: &str, n: usize| {
        let line = screen.lines().nth(n).unwrap_or_default();
        line.split('│')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let second = row(&before, 2);
    term.keys(&["C-s", "Down"]);
    let moved = term.wait_until("the selection on the second row", |screen| {
        screen
            .lines()
            .nth(2)
            .is_some_and(|row| row.starts_with("> "))
    });
    assert!(moved.contains("… 300000/300000 by title"), "{moved}");
    assert!(
        moved.contains(&second),
        "the old order still shown:\n{moved}"
    );
    // And the sort ends.
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
    term.quit("C-c", 130);
}

#[test]
fn ten_thousand_keywords_are_drawn_at_once() -> TestResult {
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
    std::fs::write(dir.path().join("many.toml"), keywords)?;
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio --config many.toml docs; echo \"exit=$?\"");
    term.wait_for("1/1");
    term.keys(&["Enter"]);
    let screen = term.wait_for("budget 2");
    assert!(screen.contains("taxes 1"), "{screen}");
    term.quit("C-c", 130);
    Ok(())
}
