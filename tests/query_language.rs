//! The one query language, end to end: phrases and punctuation found by `--search` exactly as
//! an independent oracle (a regular expression or a plain scan written here) finds them; an
//! unclosed quote refused; the exact switch; the reader's `/` taking the same language; text
//! mode's passages showing their hit at every size; sort by hits; legacy files decoded.

use crate::common::TestResult;
use crate::common::tmux::Tmux;
use crate::common::{folio_output, temp_corpus};
use std::collections::BTreeMap;
use std::path::Path;

/// A corpus of `count` documents of made-up prose, each with a title line, salted with the
/// forms the tests look for in every spelling (case, spaces, line breaks, blank lines).
fn salted_corpus(count: usize) -> tempfile::TempDir {
    let words = [
        "court", "the", "of", "tax", "claim", "claims", "surtax", "oil", "spoiled", "coins", "in",
        "lieu", "and", "a", "filed", "rejected",
    ];
    let salts = [
        "tax claim",
        "Tax Claim",
        "tax\nclaim",
        "tax\r\n  claim",
        "tax\n\nclaim",
        "tax  \t claim",
        "surtax claims",
        "taxclaim",
        "costs $5 or $6",
        "wow!",
        "a | b",
        "x^2",
        "it's",
        "US$",
    ];
    let mut seeded = crate::common::Seeded::new();
    let mut next = move |n: usize| seeded.below(n);
    let files: Vec<(String, String)> = (0..count)
        .map(|doc| {
            let title: Vec<&str> = (0..5).map(|_| words[next(words.len())]).collect();
            let mut text = format!("{}\n", title.join(" "));
            for _ in 0..40 {
                let word = words[next(words.len())];
                text.push_str(word);
                text.push(if next(9) == 0 { '\n' } else { ' ' });
                if next(12) == 0 {
                    text.push_str(salts[next(salts.len())]);
                    text.push(' ');
                }
            }
            (format!("d{doc:03}.txt"), text)
        })
        .collect();
    crate::common::temp_corpus_of(&files)
}

/// `folio --search QUERY` as file name → hits.
fn search(dir: &Path, query: &str) -> BTreeMap<String, usize> {
    let output = folio_output(&["--search", query, "."], dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let path = fields.next()?.trim_start_matches("./").to_string();
            Some((path, fields.next()?.parse().ok()?))
        })
        .collect()
}

/// What the oracle counts in each file (files with no hit left out).
fn oracle(dir: &Path, count: impl Fn(&str) -> usize) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let hits = count(&text);
        if hits > 0 {
            found.insert(entry.file_name().to_string_lossy().into_owned(), hits);
        }
    }
    found
}

#[test]
fn phrases_and_punctuation_find_what_an_oracle_finds() -> TestResult {
    let dir = salted_corpus(120);
    // A phrase: the words in order, ignoring case, across a run of whitespace with at most
    // one line break (a blank line ends it).
    let phrase = regex::Regex::new(r"(?i)tax(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)claim")?;
    let expected = oracle(dir.path(), |text| phrase.find_iter(text).count());
    assert!(expected.len() > 10, "the corpus has phrases to find");
    assert_eq!(search(dir.path(), "\"tax claim\""), expected);
    // Punctuation alone is that text, found as a plain scan finds it.
    for literal in ["$", "!", "|", "^", "'"] {
        let expected = oracle(dir.path(), |text| text.matches(literal).count());
        assert!(!expected.is_empty(), "{literal} is in the corpus");
        assert_eq!(search(dir.path(), literal), expected, "{literal}");
    }
    // An escaped space is still one substring, spaces and all.
    let expected = oracle(dir.path(), |text| {
        text.to_lowercase().matches("tax claim").count()
    });
    assert_eq!(search(dir.path(), "tax\\ claim"), expected);
    Ok(())
}

#[test]
fn a_query_that_cannot_mean_anything_is_refused_with_why() {
    let dir = temp_corpus(&[("a.txt", "Tax claim filed.\n")]);
    for args in [["--search", "\"tax claim"], ["--filter", "\"\""]] {
        let output = folio_output(&[args[0], args[1], "."], dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("\"\"") || stderr.contains("unclosed"),
            "{stderr}"
        );
    }
}

#[test]
fn exact_mode_filters_titles_by_substring() {
    let dir = temp_corpus(&[
        ("a.txt", "Oil prices rise\n"),
        ("b.txt", "Spoiled harvest\n"),
        ("c.txt", "Coins in lieu of pay\n"),
    ]);
    let titles = |args: &[&str]| {
        let output = folio_output(args, dir.path());
        let mut titles: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split('\t').nth(1).map(str::to_string))
            .collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(&["--filter", "oil", "."]).len(), 3, "fuzzy");
    assert_eq!(
        titles(&["-x", "--filter", "oil", "."]),
        ["Oil prices rise", "Spoiled harvest"]
    );
    assert_eq!(titles(&["--exact", "--filter", "'oil", "."]).len(), 3);
}

#[test]
fn legacy_text_with_little_evidence_reads_as_windows_1252_unless_told() -> TestResult {
    // "The fund paid £40m." in Windows-1252: £ is the only byte outside ASCII (0xA3).
    let dir = tempfile::tempdir()?;
    let mut bytes = b"Pound story\nThe fund paid \xA340m to the council.\n".to_vec();
    std::fs::write(dir.path().join("pound.txt"), &bytes)?;
    bytes.clear();
    let found = folio_output(&["--search", "£", "."], dir.path());
    let stdout = String::from_utf8_lossy(&found.stdout);
    assert!(stdout.starts_with("./pound.txt\t1\t"), "{stdout}");
    // Told it is Latin-2, folio reads Ł where the byte is.
    let forced = folio_output(
        &["--encoding", "iso-8859-2", "--search", "Ł", "."],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&forced.stdout).contains("pound.txt\t1"));
    let unknown = folio_output(&["--encoding", "klingon", "--list", "."], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown encoding"));
    Ok(())
}

#[test]
fn json_lines_titles_are_searched_and_taken_in_the_order_given() {
    let dir = temp_corpus(&[(
        "set.jsonl",
        concat!(
            "{\"title\": \"Acme Corp buys rival\", \"text\": \"The deal closed on Friday.\"}\n",
            "{\"headline\": \"Second headline\", \"title\": \"First title\", \"text\": \"No name.\"}\n",
        ),
    )]);
    let found = folio_output(&["--search", "acme", "set.jsonl"], dir.path());
    let stdout = String::from_utf8_lossy(&found.stdout);
    assert!(
        stdout.contains("set.jsonl:1\t1\tAcme Corp buys rival"),
        "{stdout}"
    );
    let listed = folio_output(
        &["--title-field", "headline,title", "--list", "set.jsonl"],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(stdout.contains("set.jsonl:2\tSecond headline"), "{stdout}");
}

/// A corpus for the terminal tests: a long article whose hit is far into a long line, and
/// short ones with more or fewer hits.
fn article_corpus() -> tempfile::TempDir {
    let long_line = format!(
        "{} the board promised value for shareholders in the merger, {}\n",
        "Markets moved as traders weighed the news from the capital. ".repeat(6),
        "and analysts expected more. ".repeat(8)
    );
    let merger = format!(
        "Merger talks\nThe merger and the takeover.\n{long_line}Mergers are rare; merger.\n"
    );
    temp_corpus(&[
        ("merger.txt", &merger),
        ("one.txt", "One mention\nA single merger here.\n"),
        ("none.txt", "Nothing here\nNo such word at all.\n"),
    ])
}

#[test]
fn the_reader_search_takes_the_query_language() {
    let dir = article_corpus();
    let term = Tmux::start(120, 40, dir.path());
    term.command("folio .");
    term.wait_for("3/3");
    term.type_text("merger talks");
    term.wait_for("1/3");
    term.keys(&["Enter"]);
    term.wait_for("/ search");
    let searches = [
        // Whole words: "merger" four times, not "Mergers" (lowercase: case is ignored).
        ("/'merger'", "match 1 of 4"),
        ("/merger | takeover", "match 1 of 6"),
        ("/\"the merger\"", "match 1 of 2"),
        ("/merger !takeover", "! is ignored inside one document"),
    ];
    for (typed, said) in searches {
        term.type_text(typed);
        term.keys(&["Enter"]);
        term.wait_for(said);
    }
    term.keys(&["C-c"]);
}

#[test]
fn passages_show_the_whole_hit_at_every_size() {
    let dir = article_corpus();
    for (width, height) in [(120, 40), (80, 24), (40, 10)] {
        let term = Tmux::start(width, height, dir.path());
        term.command("folio .");
        term.wait_for("3/3");
        term.keys(&["C-f"]);
        term.type_text("shareholders");
        let screen = term.wait_until("the complete count", |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.contains("1/3") && !l.contains('…'))
        });
        // The passage row (under the title) holds the whole word, far as it is in its line.
        let rows: Vec<&str> = screen.lines().collect();
        let passage = rows.get(2).copied().unwrap_or_default();
        assert!(
            passage.contains("shareholders"),
            "{width}x{height}: no whole hit in the passage row:\n{screen}"
        );
        term.keys(&["C-c"]);
    }
}

#[test]
fn sort_by_hits_and_the_exact_switch_in_a_terminal() {
    let dir = article_corpus();
    let term = Tmux::start(100, 30, dir.path());
    term.command("folio .");
    term.wait_for("3/3");
    term.keys(&["C-f"]);
    term.type_text("merger");
    // The list pane: what stands left of the divider.
    let list = |screen: &str| -> String {
        let rows = screen
            .lines()
            .map(|line| line.split('│').next().unwrap_or_default());
        rows.collect::<Vec<_>>().join("\n")
    };
    let order = |screen: &str| {
        let list = list(screen);
        (list.find("Merger talks"), list.find("One mention"))
    };
    let relevance = term.wait_until("both matches", |s| {
        let (a, b) = order(s);
        s.contains("text> merger") && s.contains(" 2/3") && a.is_some() && b.is_some()
    });
    // The short document with one hit is the more relevant (BM25), so the sort shows.
    let (many, one) = order(&relevance);
    assert!(one < many, "relevance first:\n{relevance}");
    term.keys(&["C-s"]);
    // Sorted once the counter says so without the `…` of a sort under way.
    let screen = term.wait_until("the sort by hits", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("2/3 by hits") && !l.contains('…'))
    });
    let (many, one) = order(&screen);
    assert!(many < one, "most hits first:\n{screen}");
    // Back to titles: hits are not an order there; the exact switch shows in the query line.
    // "ere" is fuzzily in "Merger talks" too, but only "Nothing here" holds it.
    term.keys(&["C-f", "C-u"]);
    term.type_text("ere");
    term.wait_until("the fuzzy matches", |s| {
        s.starts_with("> ere") && s.contains(" 2/3")
    });
    term.keys(&["C-x"]);
    let screen = term.wait_until("the exact match", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.starts_with("exact> ere") && l.contains(" 1/3"))
    });
    assert!(list(&screen).contains("> Nothing here"), "{screen}");
    term.keys(&["C-c"]);
}
