//! A concordance curated, in a real terminal with its own state folder: lines put in named
//! categories (a column, counted in the heading, one category shown alone, saved with the
//! view, back after a restart); sort levels written by the user, in the order an oracle
//! written here sorts the lines; a random sample the same seed draws again; citations of the
//! whole sentence in each format.

use crate::common::tmux::Tmux;
use crate::common::{TestResult, temp_corpus};
use std::path::Path;

/// Six hits of "oil", each with a known word on each side, in three documents.
fn corpus() -> tempfile::TempDir {
    temp_corpus(&[
        (
            "a.txt",
            "Alpha report\n\nThe price of oil rose. Brent crude oil fell later.\nCheap oil helps.\n",
        ),
        (
            "b.txt",
            "Bravo report\n\nMr. Smith said heating oil demand grew. Olive oil too.\n",
        ),
        ("c.txt", "Charlie report\n\nPalm oil exports.\n"),
    ])
}

fn start(dir: &Path, state: &Path) -> Tmux {
    let term = Tmux::start_with_state(140, 30, dir, state);
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("3/3");
    term
}

/// The concordance of "oil", complete.
fn concordance(term: &Tmux) {
    term.keys(&["C-f"]);
    term.type_text("oil");
    term.wait_for("3/3");
    term.keys(&["C-k"]);
    term.wait_for("6 hits in 3 documents");
}

/// The hit lines on screen, each as its word right after the hit (the hit column is where
/// the heading's "hit · right context" is).
fn right_words(screen: &str) -> Vec<String> {
    let names = crate::common::line_with(screen, "hit · right context");
    let Some(at) = names.find("hit · right context") else {
        return Vec::new();
    };
    let column = names[..at].chars().count();
    screen
        .lines()
        .filter(|line| line.contains('│') && !line.contains("hit · right context"))
        .filter_map(|line| {
            // The heading's words stand a column right of the hit.
            let from_hit: String = line.chars().skip(column.saturating_sub(1)).collect();
            let after = from_hit.strip_prefix("oil")?;
            let word = after.split_whitespace().next().unwrap_or_default();
            Some(
                word.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
            )
        })
        .collect()
}

#[test]
fn categories_are_counted_filtered_saved_and_back_after_a_restart() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path());
    concordance(&term);
    // Lines 1 and 2 in category 1, line 4 in category 2 (each key moves on a line).
    term.keys(&["1"]);
    term.wait_for("1 1 ·");
    term.keys(&["1", "Down", "2"]);
    term.wait_for("· 1 2 · 2 1 · none 3");
    term.keys(&["n"]);
    term.wait_for("name a category");
    term.type_text("1 price");
    term.keys(&["Enter"]);
    term.wait_for("· 1 price 2 · 2 1 · none 3");
    term.keys(&["f"]);
    let only = term.wait_for("only 1 price (2)");
    assert_eq!(right_words(&only).len(), 2, "{only}");
    term.keys(&["f", "f", "f"]);
    term.wait_for("all the lines again");
    term.keys(&["w"]);
    term.wait_for("save as");
    let saved = state.path().join("oil.tsv");
    term.type_text(&saved.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("saved");
    let text = std::fs::read_to_string(&saved)?;
    let categories: Vec<&str> = text
        .lines()
        .map(|line| line.rsplit('\t').next().unwrap_or_default())
        .collect();
    assert_eq!(
        categories,
        ["1 price", "1 price", "", "2", "", ""],
        "{text}"
    );
    term.keys(&["C-c"]);
    term.wait_for("exit=130");
    term.command("clear; folio .; echo \"exit=$?\"");
    term.wait_for("text>");
    term.keys(&["C-k"]);
    term.wait_for("· 1 price 2 · 2 1 · none 3");
    term.keys(&["C-c"]);
    Ok(())
}

#[test]
fn sort_levels_samples_and_citations() -> TestResult {
    let dir = corpus();
    let state = tempfile::tempdir()?;
    let term = start(dir.path(), state.path());
    concordance(&term);
    // The oracle: each hit's first word after it and its second word before it, as written
    // here from the corpus, sorted by 1R then 2L (lowercased), ties in document order.
    let hits = [
        ("rose", "price"),
        ("fell", "brent"),
        ("helps", ""),
        ("demand", "said"),
        ("too", ""),
        ("exports", ""),
    ];
    let mut expected: Vec<(usize, &str, &str)> = hits
        .iter()
        .enumerate()
        .map(|(at, (right, left))| (at, *right, *left))
        .collect();
    expected.sort_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)).then(a.0.cmp(&b.0)));
    let expected: Vec<String> = expected
        .iter()
        .map(|(_, right, _)| right.to_string())
        .collect();
    term.keys(&["S"]);
    term.wait_for("sort levels");
    term.type_text("1R 2L");
    term.keys(&["Enter"]);
    let sorted = term.wait_until("sorted by 1R 2L", |screen| {
        screen.contains("· by 1R 2L") && !screen.contains("sorting")
    });
    assert_eq!(right_words(&sorted), expected, "{sorted}");
    term.keys(&["S"]);
    term.wait_for("sort levels");
    term.type_text("9Q");
    term.keys(&["Enter"]);
    term.wait_for("not sorted: 9Q is no level");
    // A sample of three with seed 7, twice: the same lines.
    let mut samples = Vec::new();
    for _ in 0..2 {
        term.keys(&["r"]);
        term.wait_for("sample:");
        term.type_text("3 7");
        term.keys(&["Enter"]);
        let screen = term.wait_for("a sample of 3 lines, seed 7");
        samples.push(right_words(&screen));
        term.keys(&["r"]);
        term.wait_for("sample:");
        term.keys(&["Enter"]);
        term.wait_for("all the lines again");
    }
    assert_eq!(samples[0].len(), 3);
    assert_eq!(samples[0], samples[1]);
    // `--kwic --sample 3 --seed 7` prints the same lines (in document order; the view shows
    // them in its order, by 1R 2L here).
    let printed = crate::common::folio_command()
        .args(["--kwic", "oil", "--sample", "3", "--seed", "7", "."])
        .current_dir(dir.path())
        .output()?;
    let right: Vec<String> = String::from_utf8_lossy(&printed.stdout)
        .lines()
        .filter_map(|line| line.split('\t').nth(3))
        .map(|right| {
            let word = right.split_whitespace().next().unwrap_or_default();
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let (mut right, mut viewed) = (right, samples[0].clone());
    right.sort();
    viewed.sort();
    assert_eq!(right, viewed, "the same lines");
    assert!(String::from_utf8_lossy(&printed.stderr).contains("a sample of 3 of 6 lines, seed 7"));
    // A citation of the line "Mr. Smith said heating oil demand grew." in each format.
    term.keys(&["S"]);
    term.wait_for("sort levels");
    term.type_text("doc");
    term.keys(&["Enter"]);
    term.wait_until("in document order", |screen| {
        !screen.contains("· by 1R") && !screen.contains("sorting")
    });
    term.keys(&["g", "j", "j", "j", "c"]);
    term.wait_for("copied (plain");
    let plain = term.clipboard();
    assert_eq!(
        plain,
        "“Mr. Smith said heating oil demand grew.” (Bravo report; ./b.txt, line 3)"
    );
    term.keys(&["C"]);
    term.wait_for("c now cites as markdown");
    term.keys(&["c"]);
    term.wait_for("copied (markdown");
    assert!(
        term.clipboard()
            .starts_with("> Mr. Smith said heating oil demand grew.\n>\n> — *Bravo report*")
    );
    term.keys(&["C", "c"]);
    term.wait_for("copied (bibtex");
    assert!(term.clipboard().starts_with(
        "@misc{b_3,\n  title = {Bravo report},\n  howpublished = {\\url{./b.txt}, line 3},"
    ));
    term.keys(&["C-c"]);
    Ok(())
}
