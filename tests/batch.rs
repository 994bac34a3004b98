//! Batch search end to end: `--batch FILE` counts each line's query by folder exactly as an
//! oracle written here counts it in the files (a regular expression for a phrase, a plain
//! lowercase count for a word), with the lasting store and without; a bad line is reported
//! with its number while the rest run; and the browser's batch view, a row per query.

use crate::common::tmux::Tmux;
use crate::common::{TestResult, folio_command, temp_corpus};
use std::collections::BTreeMap;
use std::path::Path;

/// Three folders of documents made of the sample corpus's words, salted with names in
/// several spellings (cases, a line break inside, a longer word after).
fn named_corpus() -> tempfile::TempDir {
    let prose = crate::common::sample_prose();
    let words: Vec<&str> = prose.split_whitespace().collect();
    let salts = [
        "Tony Blair",
        "tony\nblair",
        "TONY BLAIR",
        "Tony Blairite",
        "Gordon Brown",
        "Yukos",
        "yukos'",
        "Brown",
        "Mr Blair",
    ];
    let mut seeded = crate::common::Seeded::new();
    let mut files = Vec::new();
    for folder in ["business", "politics", "sport"] {
        for doc in 0..20 {
            let mut text = format!("{folder} story {doc}\n");
            let mut at = seeded.below(words.len());
            for _ in 0..80 {
                at = (at + 1) % words.len();
                match seeded.below(9) {
                    0 => text.push_str(salts[seeded.below(salts.len())]),
                    _ => text.push_str(words[at]),
                }
                text.push(if seeded.below(12) == 0 { '\n' } else { ' ' });
            }
            files.push((format!("{folder}/d{doc:02}.txt"), text));
        }
    }
    crate::common::temp_corpus_of(&files)
}

/// Folder → (documents, hits) of `count` over the files of `dir`.
fn oracle(dir: &Path, count: impl Fn(&str) -> usize) -> BTreeMap<String, (usize, usize)> {
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for folder in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let hits = count(&std::fs::read_to_string(file.path()).unwrap_or_default());
            if hits > 0 {
                let row = found
                    .entry(folder.file_name().to_string_lossy().into_owned())
                    .or_default();
                row.0 += 1;
                row.1 += hits;
            }
        }
    }
    found
}

/// The rows of `--batch` output for `query`: group → (documents, hits).
fn rows_of(output: &str, query: &str) -> BTreeMap<String, (usize, usize)> {
    output
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields[..] {
                [q, group, documents, hits] if q == query => Some((
                    group.to_string(),
                    (documents.parse().ok()?, hits.parse().ok()?),
                )),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn each_line_is_counted_as_the_oracle_counts_it_and_a_bad_line_is_said() -> TestResult {
    let dir = named_corpus();
    let names = "\"Tony Blair\"\n# a comment\n\nyukos\n/unclosed(/\n\"Gordon Brown\"\nzzqqx\n";
    let lists = tempfile::tempdir()?;
    let names_file = lists.path().join("names.txt");
    std::fs::write(&names_file, names)?;
    let names_path = names_file.display().to_string();
    let phrase = |a: &str, b: &str| {
        // The names have capitals: case-sensitive, as smart case makes them.
        regex::Regex::new(&format!(r"{a}(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+){b}"))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (blair, brown) = (phrase("Tony", "Blair"), phrase("Gordon", "Brown"));
    let expected = [
        (
            "\"Tony Blair\"",
            oracle(dir.path(), |t| blair.find_iter(t).count()),
        ),
        (
            "yukos",
            oracle(dir.path(), |t| t.to_lowercase().matches("yukos").count()),
        ),
        (
            "\"Gordon Brown\"",
            oracle(dir.path(), |t| brown.find_iter(t).count()),
        ),
    ];
    let cache = crate::common::indexed_cache(dir.path());
    let cache_home = cache.path().display().to_string();
    for store in [true, false] {
        let mut command = folio_command();
        if store {
            command.env("XDG_CACHE_HOME", &cache_home);
        } else {
            command.arg("--no-cache");
        }
        let output = command
            .args(["--batch", &names_path, "."])
            .current_dir(dir.path())
            .output()?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "a bad line: exit 2: {stderr}"
        );
        assert!(stderr.contains("names.txt:5: at 10: bad regex"), "{stderr}");
        for (query, expected) in &expected {
            assert!(expected.len() == 3, "{query} is in every folder");
            assert_eq!(&rows_of(&stdout, query), expected, "{query}, store {store}");
        }
        let none = BTreeMap::from([("(all)".to_string(), (0, 0))]);
        assert_eq!(rows_of(&stdout, "zzqqx"), none);
    }
    // Only good lines: exit 0; standard input as the file; --in narrows every query.
    let output = folio_command()
        .args(["--batch", "-", "--in", "folder:sport", "."])
        .current_dir(dir.path())
        .stdin(std::fs::File::open(&names_file)?)
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let sport = expected[1].1.get("sport").copied();
    assert_eq!(rows_of(&stdout, "yukos").get("sport").copied(), sport);
    assert_eq!(rows_of(&stdout, "yukos").len(), 1, "{stdout}");
    Ok(())
}

#[test]
fn the_batch_view_has_a_row_per_query_and_opens_its_concordance() -> TestResult {
    let dir = temp_corpus(&[
        ("a.txt", "Oil deal\nYukos and Gazprom talked. Yukos paid.\n"),
        ("b.txt", "Gas\nGazprom grew.\n"),
        ("c.txt", "Sport\nNothing here.\n"),
    ]);
    std::fs::write(
        dir.path().join("names.lst"),
        "Yukos\nGazprom\n/bad(/\nRosneft\n",
    )?;
    let term = Tmux::start(120, 30, dir.path());
    term.command("folio .");
    term.wait_for("3/3");
    term.keys(&["M-b"]);
    term.wait_for("batch file");
    term.type_text("names.lst");
    term.keys(&["Enter"]);
    term.wait_for("of 3 queries");
    let screen = term.wait_for("line 3: at 5: bad regex");
    let row = |name: &str| crate::common::line_with(&screen, name).to_string();
    let numbers = |name: &str| -> Vec<String> {
        let cells: Vec<String> = row(name).split_whitespace().map(str::to_string).collect();
        cells[cells.len().saturating_sub(3)..].to_vec()
    };
    assert_eq!(numbers("Yukos"), ["1", "1", "2"], "{screen}");
    assert_eq!(numbers("Gazprom"), ["2", "2", "2"], "{screen}");
    assert_eq!(numbers("Rosneft"), ["4", "0", "0"], "{screen}");
    term.keys(&["Down"]);
    term.keys(&["Enter"]);
    term.wait_for("Gazprom grew");
    term.keys(&["C-c"]);
    Ok(())
}
