//! The query language's patterns, end to end: word wildcards, `/regex/` and proximity
//! (`NEAR/n`, `"a b"~n`) found by `--search`, with the lasting store's word index and
//! without it, exactly as independent oracles find them (ripgrep with the equivalent regular
//! expression; proximity by a lazy regular expression over each paragraph, written here);
//! bad patterns refused with where they are wrong; and the interface taking the same forms.

use crate::common::tmux::Tmux;
use crate::common::{TestResult, folio_command, temp_corpus};
use std::collections::BTreeMap;
use std::path::Path;

/// Words salted into the sample corpus's real prose: wildcard, regex and proximity targets
/// in several spellings, cases and punctuation.
const SALTS: &[&str] = &[
    "fraud",
    "Fraud,",
    "frauds",
    "fraudster’s",
    "defraud",
    "FRAUDULENT",
    "fraud_x",
    "tax",
    "Tax",
    "taxes",
    "evasion",
    "evasion.",
    "Evasion",
    "avoidance",
    "£5m",
    "fraud.",
    "fréud",
];

/// A corpus of documents made of the sample corpus's words in their order (real news prose:
/// quotes, pound signs, hyphens), salted: lines of 10 to 16 words, paragraphs of one to three
/// lines apart by a blank line. Every line being longer than any proximity span looked for
/// here, a span holds at most one line break exactly when it stays in its paragraph.
fn salted_prose(count: usize) -> tempfile::TempDir {
    let prose = crate::common::sample_prose();
    let words: Vec<&str> = prose.split_whitespace().collect();
    let mut seeded = crate::common::Seeded::new();
    let mut next = move |n: usize| seeded.below(n);
    let files: Vec<(String, String)> = (0..count)
        .map(|doc| {
            let mut at = next(words.len());
            let mut take = |next: &mut dyn FnMut(usize) -> usize| {
                at = (at + 1) % words.len();
                match next(5) {
                    0 => SALTS[next(SALTS.len())],
                    _ => words[at],
                }
            };
            let mut text = format!("Report {doc}\n\n");
            for paragraph in 0..2 + next(3) {
                if paragraph > 0 {
                    text.push('\n');
                }
                for _ in 0..1 + next(3) {
                    let line: Vec<&str> = (0..10 + next(7)).map(|_| take(&mut next)).collect();
                    text.push_str(&line.join(" "));
                    text.push('\n');
                }
            }
            (format!("d{doc:03}.txt"), text)
        })
        .collect();
    crate::common::temp_corpus_of(&files)
}

/// `folio --search QUERY .` in `dir` (with `extra` options) as file name → hits.
fn search(dir: &Path, extra: &[&str], query: &str) -> BTreeMap<String, usize> {
    let output = folio_command()
        .args(extra)
        .args(["--search", query, "."])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run folio: {e}"));
    assert!(
        output.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    tabbed(&String::from_utf8_lossy(&output.stdout))
}

/// `PATH<TAB>HITS<TAB>TITLE` lines as file name → hits.
fn tabbed(text: &str) -> BTreeMap<String, usize> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let path = fields.next()?.trim_start_matches("./").to_string();
            Some((path, fields.next()?.parse().ok()?))
        })
        .collect()
}

/// What ripgrep counts for `pattern` (its own syntax) in each file of `dir`: matches, not
/// lines (`--count-matches`), files without one left out.
fn rg(dir: &Path, args: &[&str], pattern: &str) -> BTreeMap<String, usize> {
    let output = std::process::Command::new("rg")
        .args(["--count-matches", "--no-config", "--no-messages"])
        .args(args)
        .args(["--", pattern, "."])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rg (the oracle): {e}"));
    let mut found = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        if let Some((path, count)) = line.rsplit_once(':') {
            let count: usize = count.parse().unwrap_or(0);
            found.insert(path.trim_start_matches("./").to_string(), count);
        }
    }
    found
}

/// Proximity as a lazy regular expression finds it, paragraph by paragraph: `pattern`'s
/// matches in each paragraph of each file (the paragraphs apart by blank lines).
fn by_paragraph(dir: &Path, pattern: &str) -> BTreeMap<String, usize> {
    let regex = regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{e}"));
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let hits: usize = text
            .split("\n\n")
            .map(|paragraph| regex.find_iter(paragraph).count())
            .sum();
        if hits > 0 {
            found.insert(entry.file_name().to_string_lossy().into_owned(), hits);
        }
    }
    found
}

/// The lazy regular expression of `a NEAR/n b` for whole words `a` and `b` (each given as a
/// regex of one word): either first, at most `n` words between, the shortest.
fn near_regex(a: &str, b: &str, n: usize) -> String {
    let between = format!(r"(?:\W+\w+){{0,{n}}}?\W+");
    format!(r"(?i)\b{a}\b{between}\b{b}\b|\b{b}\b{between}\b{a}\b")
}

#[test]
fn patterns_find_what_the_oracles_find_with_the_index_and_without() -> TestResult {
    let dir = salted_prose(150);
    let cache = crate::common::indexed_cache(dir.path());
    let cache_home = cache.path().display().to_string();
    let checks: Vec<(&str, BTreeMap<String, usize>)> = vec![
        ("fraud*", rg(dir.path(), &["-i"], r"\bfraud\w*")),
        ("*fraud", rg(dir.path(), &["-i"], r"\w*fraud\b")),
        ("fr?ud", rg(dir.path(), &["-i"], r"\bfr\wud\b")),
        ("Fraud*", rg(dir.path(), &[], r"\bFraud\w*")),
        (
            "/tax(es)? (evasion|avoidance)/",
            rg(dir.path(), &["-i"], r"tax(es)? (evasion|avoidance)"),
        ),
        ("/£\\d+m/", rg(dir.path(), &[], r"£\d+m")),
        ("/^Tax\\b/", rg(dir.path(), &[], r"^Tax\b")),
        ("/[a-z]+ing\\b/", rg(dir.path(), &["-i"], r"[a-z]+ing\b")),
        (
            "tax NEAR/3 evasion",
            by_paragraph(dir.path(), &near_regex("tax", "evasion", 3)),
        ),
        (
            "\"evasion tax\"~0",
            by_paragraph(dir.path(), &near_regex("tax", "evasion", 0)),
        ),
        (
            "tax* NEAR/5 fraud*",
            by_paragraph(dir.path(), &near_regex(r"tax\w*", r"fraud\w*", 5)),
        ),
        // Each side its own smart case: `Tax` as written, `evasion` in any case.
        (
            "Tax NEAR/4 evasion",
            by_paragraph(
                dir.path(),
                r"\bTax\b(?:\W+\w+){0,4}?\W+\b(?i:evasion)\b|\b(?i:evasion)\b(?:\W+\w+){0,4}?\W+\bTax\b",
            ),
        ),
    ];
    for (query, expected) in &checks {
        assert!(
            expected.len() >= 3,
            "{query}: the corpus has it to find: {expected:?}"
        );
        assert_eq!(
            &search(dir.path(), &["--no-cache"], query),
            expected,
            "{query}, read"
        );
        let stored = folio_command()
            .env("XDG_CACHE_HOME", &cache_home)
            .args(["--search", query, "."])
            .current_dir(dir.path())
            .output()?;
        let stored = tabbed(&String::from_utf8_lossy(&stored.stdout));
        assert_eq!(&stored, expected, "{query}, with the index");
    }
    // The concordance finds the same hits (its rows per file), the reader's hit-finding
    // being another path than the search's counting: a proximity match across a line break
    // is one hit, its row the line it starts on.
    for (query, expected) in &checks {
        let output = folio_command()
            .args(["--no-cache", "--kwic", query, "."])
            .current_dir(dir.path())
            .output()?;
        let mut rows: BTreeMap<String, usize> = BTreeMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let place = line.split('\t').next().unwrap_or_default();
            let path = place.rsplit_once(':').map_or(place, |(path, _)| path);
            *rows
                .entry(path.trim_start_matches("./").to_string())
                .or_default() += 1;
        }
        assert_eq!(&rows, expected, "{query}, --kwic");
    }
    // A negated pattern keeps the documents without it.
    let without = search(dir.path(), &["--no-cache"], "!/£\\d+m/ report");
    let with = &checks[5].1;
    assert_eq!(without.len() + with.len(), 150);
    assert!(without.keys().all(|path| !with.contains_key(path)));
    Ok(())
}

#[test]
fn a_bad_pattern_is_refused_with_where_it_is_wrong() {
    let dir = temp_corpus(&[("a.txt", "Tax evasion.\n")]);
    for (query, said) in [
        ("oil /tax(/", "at 9: bad regex: unclosed group"),
        ("tax NEAR/3", "at 5: NEAR/n wants a word after it"),
        ("e-ma*", "a wildcard stands inside one word"),
    ] {
        let output = folio_command()
            .args(["--search", query, "."])
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{query}: {stderr}");
        assert!(stderr.contains(said), "{query}: {stderr}");
    }
}

#[test]
fn the_interface_takes_the_patterns_in_text_mode_and_the_reader() {
    let dir = temp_corpus(&[
        (
            "a.txt",
            "Fraud inquiry\n\nThe fraudster admitted tax evasion.\nDefraud nobody.\n",
        ),
        (
            "b.txt",
            "Tax rules\n\nEvasion of the new tax was rare.\n\nTax\n",
        ),
        ("c.txt", "Weather\n\nSunny.\n"),
    ]);
    let term = Tmux::start(100, 20, dir.path());
    term.command("folio .");
    term.wait_for("3/3");
    term.keys(&["C-f"]);
    term.type_text("fraud*");
    term.wait_for("1/3");
    term.keys(&["C-u"]);
    term.type_text("tax NEAR/3 evasion");
    term.wait_for("2/3");
    term.keys(&["C-u"]);
    term.type_text("/tax(");
    term.wait_for("bad regex");
    term.keys(&["C-u"]);
    term.type_text("/evasion\\.$/");
    term.wait_for("1/3");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.type_text("/*raud*");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 3");
    term.keys(&["C-c"]);
}

#[test]
fn titles_take_the_patterns_too() {
    let dir = temp_corpus(&[
        ("a.txt", "Fraudster jailed for tax evasion\nText.\n"),
        ("b.txt", "Court hears defraud case\nText.\n"),
        ("c.txt", "Evasion of the new tax rules\nText.\n"),
        ("d.txt", "Weather report\nText.\n"),
    ]);
    let filter = |query: &str| -> Vec<String> {
        let output = folio_command()
            .args(["--filter", query, "."])
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let mut paths: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split('\t').next())
            .map(|path| path.trim_start_matches("./").to_string())
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(filter("fraud*"), ["a.txt"], "a whole word beginning so");
    assert_eq!(filter("*fraud"), ["b.txt"]);
    assert_eq!(filter("/^(Court|Weather) /"), ["b.txt", "d.txt"]);
    assert_eq!(filter("tax NEAR/1 evasion"), ["a.txt"]);
    assert_eq!(filter("tax NEAR/3 evasion"), ["a.txt", "c.txt"]);
    assert_eq!(filter("!*fraud*"), ["c.txt", "d.txt"]);
}
