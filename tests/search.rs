//! `folio --search`: the documents whose text mentions the query, as `grep -il` would find
//! them, most relevant first, with their hit counts; and `--json` for scripts.

use crate::common::TestResult;
use crate::common::folio_output as folio;
use crate::common::repo;

#[test]
fn a_word_in_a_body_but_in_no_title_is_found_with_its_count() {
    let output = folio(&["--search", "foster", "corpus"], repo());
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|line| line.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 1, "{stdout}");
    assert_eq!(rows[0][0], "corpus/000_9c89a7a231365477.txt");
    let text = std::fs::read_to_string(repo().join(rows[0][0])).unwrap_or_default();
    let expected = text.to_lowercase().matches("foster").count();
    assert_eq!(rows[0][1], expected.to_string());
    assert!(
        !rows[0][2].to_lowercase().contains("foster"),
        "not in the title"
    );
    let none = folio(&["--search", "zebraquill", "corpus"], repo());
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
}

#[test]
fn the_documents_found_are_those_a_case_insensitive_grep_finds() {
    let words = [
        "harbour", "Storm", "budget", "fraud", "tax", "river", "council", "night",
    ];
    let dir = crate::common::generated_corpus(60, |i| {
        let body: Vec<&str> = (0..12)
            .map(|j| words[(i * 7 + j * j * 3) % words.len()])
            .collect();
        (
            format!("{i:02}.txt"),
            format!("Report {i}.\n{}\n", body.join(" ")),
        )
    });
    for word in ["fraud", "storm", "Storm", "tax"] {
        let output = folio(&["--search", word, "."], dir.path());
        let mut found: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split('\t').next().map(str::to_string))
            .collect();
        found.sort();
        // Smart case, as `grep -i` for a lowercase word and `grep` for one with capitals.
        let mut expected: Vec<String> = (0..60)
            .map(|i| format!("./{i:02}.txt"))
            .filter(|path| {
                let text = std::fs::read_to_string(dir.path().join(path)).unwrap_or_default();
                if word.chars().any(char::is_uppercase) {
                    text.contains(word)
                } else {
                    text.to_lowercase().contains(word)
                }
            })
            .collect();
        expected.sort();
        assert_eq!(found, expected, "{word}");
    }
}

#[test]
fn json_lines_carry_the_score_and_the_passage() {
    let output = folio(&["--search", "'party' beacon", "--json", "corpus"], repo());
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line}")))
        .collect();
    assert_eq!(lines.len(), 1, "only one document has both words");
    let line = &lines[0];
    assert_eq!(line["path"], "corpus/000_9c89a7a231365477.txt");
    assert!(line["hits"].as_u64().unwrap_or(0) > 2);
    assert!(line["score"].as_f64().unwrap_or(0.0) > 0.0);
    let passage = line["passage"].as_str().unwrap_or("").to_lowercase();
    assert!(
        passage.contains("party") && passage.contains("beacon"),
        "{passage}"
    );
}

#[test]
fn a_query_that_cannot_find_anything_says_why_with_status_2() {
    // Once a silent exit 1, as if the corpus never said it.
    for mode in ["--search", "--count", "--kwic"] {
        let output = folio(&[mode, "", "corpus"], repo());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{mode}: {stderr}");
        assert!(stderr.contains("no term to look for"), "{mode}: {stderr}");
    }
    let output = folio(&["--kwic", "!storm", "corpus"], repo());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("every term is negated"), "{stderr}");
    // --search lists the documents without a negated term: that is an answer.
    let output = folio(&["--search", "!storm", "corpus"], repo());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 2);
}

#[test]
fn counting_by_a_field_no_document_has_names_the_fields_seen() -> TestResult {
    let dir = tempfile::tempdir()?;
    let lines = [
        r#"{"title": "A", "text": "storm", "source": "wire"}"#,
        r#"{"title": "B", "text": "storm", "section": "news"}"#,
    ];
    std::fs::write(dir.path().join("n.jsonl"), lines.join("\n") + "\n")?;
    let output = folio(
        &["--count", "storm", "--by", "sourse", "n.jsonl"],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "no document has the field \"sourse\" (--by); fields seen: section, source, text, title"
        ),
        "{stderr}"
    );
    // Both records in `(none)`: 2 of 2 with a hit, 4 words (title and text), half of them.
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "(none)\t2\t2\t2\t4\t500000.000\n"
    );
    // A field one document has: counted, no warning.
    let output = folio(
        &["--count", "storm", "--by", "source", "n.jsonl"],
        dir.path(),
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "wire\t1\t1\t1\t2\t500000.000\n(none)\t1\t1\t1\t2\t500000.000\n"
    );
    Ok(())
}
