//! JSON Lines corpora end to end: listed record by record with their line numbers, bad lines
//! skipped with a reason, field names overridable, and a record read in a real terminal with
//! its other fields in the header.

use crate::common::TestResult;
use crate::common::folio_output as folio;
use crate::common::tmux::Tmux;

fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let lines = [
        r#"{"id": 1, "title": "Harbour reopens after storm", "text": "The harbour reopened on Monday.\nFishing boats returned.", "source": "wire"}"#,
        r#"{"id": 2, "body": "Council approves new budget. Taxes stay flat.", "date": "2021-05-06"}"#,
        "this line is not json",
        "",
        r#"{"id": 3, "headline": "Own headline", "article": "Text in a custom field."}"#,
    ];
    std::fs::write(dir.path().join("news.jsonl"), lines.join("\n") + "\n")
        .unwrap_or_else(|error| panic!("{error}"));
    dir
}

#[test]
fn records_are_listed_with_their_line_numbers_and_bad_lines_are_reported() {
    let dir = dataset();
    let output = folio(&["--list", "--verbose", "news.jsonl"], dir.path());
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        "news.jsonl:1\tHarbour reopens after storm\n\
         news.jsonl:2\tCouncil approves new budget.\n\
         news.jsonl:5\trecord on line 5\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("skipped news.jsonl: line 3: not a JSON object"),
        "{stderr}"
    );
    // One line number, the file's: the parser's own (always 1 for a one-line record) is not
    // said; the column is.
    let reason = crate::common::line_with(&stderr, "line 3:");
    assert_eq!(reason.matches("line").count(), 1, "{reason}");
    assert!(reason.contains("at column 2"), "{reason}");
    let custom = folio(
        &[
            "--list",
            "--title-field",
            "headline",
            "--text-field",
            "article",
            "news.jsonl",
        ],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&custom.stdout);
    assert!(stdout.contains("news.jsonl:5\tOwn headline\n"), "{stdout}");
    assert!(
        stdout.contains("news.jsonl:2\trecord on line 2\n"),
        "{stdout}"
    );
}

#[test]
fn records_with_unknown_field_names_say_which_options_name_them() -> TestResult {
    let dir = tempfile::tempdir()?;
    let lines = r#"{"headline": "Storm hits", "article": "The storm hit the harbour."}"#;
    std::fs::write(dir.path().join("own.jsonl"), format!("{lines}\n{lines}\n"))?;
    let term = Tmux::start(120, 24, dir.path());
    term.command("folio own.jsonl; echo \"exit=$?\"");
    let screen = term.wait_for("2/2");
    let hint = term.wait_for("--text-field");
    assert!(hint.contains("--title-field"), "{screen}\n{hint}");
    term.quit("C-c", 130);
    // Named, they are read.
    term.command("clear; folio --title-field headline --text-field article own.jsonl");
    let named = term.wait_for("Storm hits");
    assert!(!named.contains("--text-field"), "{named}");
    term.keys(&["C-c"]);
    Ok(())
}

#[test]
fn a_file_without_records_is_an_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("empty.jsonl"), "\n\n")?;
    let output = folio(&["empty.jsonl"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.jsonl: no records found"), "{stderr}");
    Ok(())
}

#[test]
fn a_record_is_read_with_its_fields_in_a_real_terminal() {
    let dir = dataset();
    let term = Tmux::start(100, 24, dir.path());
    term.command("folio news.jsonl; echo \"exit=$?\"");
    term.wait_for("3/3");
    term.type_text("harbour");
    term.wait_for("1/3");
    term.keys(&["Enter"]);
    let screen = term.wait_for("source: wire");
    for shown in [
        "news.jsonl:1",
        "id: 1",
        "The harbour reopened on Monday.",
        "Fishing boats returned.",
    ] {
        assert!(screen.contains(shown), "{shown} not shown:\n{screen}");
    }
    term.keys(&["/"]);
    term.type_text("boats");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.quit("C-c", 130);
}

#[test]
fn custom_fields_survive_a_query_that_matches_nothing() -> TestResult {
    use folio::testing::RecordFields;
    use folio::testing::WalkOptions;
    let dir = dataset();
    let options = WalkOptions {
        records: RecordFields {
            title: vec!["headline".into()],
            text: vec!["article".into()],
            group: None,
        },
        ..WalkOptions::default()
    };
    let corpus = folio::testing::load(
        &folio::testing::Inputs::one(&dir.path().join("news.jsonl")),
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let theme = folio::testing::Theme::default();
    let mut browser =
        crate::common::Browser::of_corpus(corpus, crate::common::setup(), theme, 100, 30);
    // Nothing matches, so the reader closes; then a record is read again.
    browser.keys("zzzz");
    assert_eq!(browser.app().reader().doc(), None);
    browser.keys("Ctrl-U own");
    let rows = crate::common::reader_rows(browser.app().reader());
    assert!(
        rows.iter().any(|row| row == "Text in a custom field."),
        "{rows:?}"
    );
    Ok(())
}

#[test]
fn a_record_is_the_same_record_to_the_list_the_reader_and_the_search() -> TestResult {
    let dir = tempfile::tempdir()?;
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let lines = [
        r#"{"title": "Old title", "text": "stale words", "title": "Repeated keys", "text": "fresh words"}"#.to_string(),
        r#"{"title": "Huge number", "text": "overflowing figure", "n": 1e999}"#.to_string(),
        format!(r#"{{"title": "Deep field", "text": "nested figure", "f": {deep}}}"#),
        r#"{"title": "Lone surrogate", "text": "mike text \ud800 figure"}"#.to_string(),
    ];
    std::fs::write(dir.path().join("odd.jsonl"), lines.join("\n") + "\n")?;
    let text = |args: &[&str]| {
        let output = folio(args, dir.path());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert_eq!(
        text(&["--list", "odd.jsonl"]),
        "odd.jsonl:1\tRepeated keys\nodd.jsonl:2\tHuge number\nodd.jsonl:3\tDeep field\n\
         odd.jsonl:4\tLone surrogate\n"
    );
    // The last value of a repeated key is the text searched; the first is not.
    assert!(text(&["--search", "fresh", "odd.jsonl"]).starts_with("odd.jsonl:1\t"));
    assert_eq!(text(&["--search", "stale", "odd.jsonl"]), "");
    assert_eq!(text(&["--search", "old title", "odd.jsonl"]), "");
    // Records the list takes are read and searched too.
    let figures = text(&["--search", "figure", "odd.jsonl"]);
    assert_eq!(figures.lines().count(), 3, "{figures}");
    let kwic = text(&["--kwic", "figure", "odd.jsonl"]);
    assert_eq!(kwic.lines().count(), 3, "{kwic}");
    // A lone surrogate's text is kept, the surrogate shown as U+FFFD.
    assert!(text(&["--search", "mike", "odd.jsonl"]).starts_with("odd.jsonl:4\t"));
    Ok(())
}

#[test]
fn searching_and_counting_records_equal_a_json_parser_line_by_line() -> TestResult {
    // Records read a chunk of the file at a time, those without the word counted without
    // being parsed: what is found equals serde_json's Value parsing each line, and the lines
    // skipped are those the list skips, whatever the word.
    let dir = tempfile::tempdir()?;
    let mut lines = Vec::new();
    for number in 0..3000 {
        lines.push(match number % 7 {
            0 => format!(r#"{{"title": "t{number}", "text": "the \u0059ukos case"}}"#),
            1 => "[1, 2]".to_string(),
            2 => format!(r#"{{"title": "YUKOS {number}", "text": "oil £"}}"#),
            3 => format!(r#"{{"title": "t{number}", "text": "yukos\nYukos and \"yukos\""}}"#),
            4 => "{not json".to_string(),
            _ => format!(r#"{{"title": "t{number}", "text": "nothing £ here"}}"#),
        });
    }
    std::fs::write(dir.path().join("n.jsonl"), lines.join("\n") + "\n")?;
    let (mut documents, mut hits, mut listed, mut bad) = (0, 0, Vec::new(), 0);
    let (mut records, mut words) = (0, 0);
    for (number, line) in lines.iter().enumerate() {
        let value = serde_json::from_str::<serde_json::Value>(line).ok();
        let Some(value) = value.filter(serde_json::Value::is_object) else {
            bad += 1;
            continue;
        };
        let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
        let text = format!("{}\n\n{}", field("title"), field("text")).to_lowercase();
        records += 1;
        words += crate::common::words_of(&text).len();
        let found = text.matches("yukos").count();
        if found > 0 {
            documents += 1;
            hits += found;
            listed.push(format!("n.jsonl:{}", number + 1));
        }
    }
    let count = folio(&["--count", "yukos", "n.jsonl"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&count.stdout),
        format!(
            ".\t{documents}\t{hits}\t{records}\t{words}\t{:.3}\n",
            hits as f64 * 1e6 / words as f64
        )
    );
    let search = folio(&["--search", "yukos", "n.jsonl"], dir.path());
    let mut paths: Vec<String> = String::from_utf8_lossy(&search.stdout)
        .lines()
        .filter_map(|line| line.split('\t').next().map(str::to_string))
        .collect();
    paths.sort_by_key(|path| path.len());
    listed.sort_by_key(|path| path.len());
    let sorted = |mut list: Vec<String>| {
        list.sort();
        list
    };
    assert_eq!(sorted(paths), sorted(listed));
    for word in ["yukos", "absent"] {
        let verbose = folio(&["--count", word, "--verbose", "n.jsonl"], dir.path());
        let stderr = String::from_utf8_lossy(&verbose.stderr);
        let skipped = stderr
            .lines()
            .filter(|l| l.contains("skipped n.jsonl"))
            .count();
        assert_eq!(skipped, bad, "{word}: {skipped} lines said skipped");
    }
    Ok(())
}
