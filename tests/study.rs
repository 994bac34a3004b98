//! Studying a corpus, end to end: `--count` and `--kwic` against an independent oracle (a
//! regular expression over files written here, with dates in front matter, in the `date`
//! prefix and in JSON Lines fields, folders and a field to group by); CSV read back equal to
//! TSV; concordance sorting on a corpus where the right order is obvious; collocates; and in a
//! real terminal the concordance (sort, Enter at a hit, back to the row), counts, the
//! sparkline and saving a view.

use crate::common::TestResult;
use crate::common::tmux::Tmux;
use crate::common::{folio_output, line_with, temp_corpus};
use folio::testing::{Cancel, Ticket};
use std::collections::BTreeMap;
use std::path::Path;

/// One generated document: where it is, its date and source if it has them, and its text.
struct Generated {
    path: String,
    date: Option<String>,
    source: Option<String>,
    text: String,
}

/// Documents in three folders and at the top, a third dated in front matter (with a source),
/// a third with the `date` prefix, a third undated; "harbour" salted in every case, inside
/// longer words and across line ends.
fn generated(count: usize) -> Vec<Generated> {
    let words = [
        "the",
        "ship",
        "left",
        "port",
        "at",
        "dawn",
        "cargo",
        "Mombasa",
        "crane",
        "tide",
        "of",
        "a",
        "harbours",
        "HARBOUR",
        "Harbour",
        "harbour",
        "harbourmaster",
        "quay",
    ];
    let mut seeded = crate::common::Seeded::new();
    let mut next = move |n: usize| seeded.below(n);
    (0..count)
        .map(|i| {
            let folder = ["north/", "south/", "east/deep/", ""][i % 4];
            let path = format!("{folder}doc{i:03}.txt");
            let mut body = String::new();
            for line in 0..(3 + next(6)) {
                let length = 4 + next(14);
                let line_words: Vec<&str> = (0..length).map(|_| words[next(words.len())]).collect();
                body.push_str(&line_words.join(" "));
                // Some paragraphs end with a blank line, most lines just wrap.
                body.push_str(if line % 3 == 2 { ".\n\n" } else { "\n" });
            }
            let (year, month, day) = (2019 + next(3), 1 + next(12), 1 + next(28));
            let date = format!("{year}-{month:02}-{day:02}");
            let source = ["bbc", "reuters", "ap"][next(3)].to_string();
            match i % 3 {
                0 => Generated {
                    path,
                    text: format!(
                        "---\ntitle: Document {i}\ndate: {date}\nsource: {source}\n---\n{body}"
                    ),
                    date: Some(date),
                    source: Some(source),
                },
                1 => Generated {
                    path,
                    text: format!("date {date} Document {i}.\n{body}"),
                    date: Some(date),
                    source: None,
                },
                _ => Generated {
                    path,
                    text: format!("Document {i}.\n{body}"),
                    date: None,
                    source: None,
                },
            }
        })
        .collect()
}

fn write(docs: &[Generated]) -> tempfile::TempDir {
    let files: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.path.as_str(), d.text.as_str()))
        .collect();
    temp_corpus(&files)
}

fn stdout(args: &[&str], dir: &Path) -> String {
    let output = folio_output(args, dir);
    assert!(
        output.status.success(),
        "folio {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What `rg -o -i harbour` counts: every match of the regular expression, not overlapping.
fn oracle_hits(text: &str) -> usize {
    let word = regex::Regex::new("(?i)harbour").unwrap_or_else(|e| panic!("{e}"));
    word.find_iter(text).count()
}

/// `GROUP<TAB>DOCUMENTS<TAB>HITS<TAB>GROUP_DOCUMENTS<TAB>GROUP_WORDS<TAB>PER_MILLION` as the
/// oracle counts them: a row for every group, one without a hit a row of zeros.
fn oracle_counts(docs: &[Generated], group: impl Fn(&Generated) -> String) -> String {
    let mut groups: BTreeMap<(bool, String), [usize; 4]> = BTreeMap::new();
    for doc in docs {
        let hits = oracle_hits(&doc.text);
        let name = group(doc);
        let entry = groups.entry((name == "(none)", name)).or_default();
        entry[0] += usize::from(hits > 0);
        entry[1] += hits;
        entry[2] += 1;
        entry[3] += crate::common::words_of(&doc.text).len();
    }
    groups
        .into_iter()
        .map(|((_, name), [documents, hits, all, words])| {
            let per_million = hits as f64 * 1e6 / words as f64;
            format!("{name}\t{documents}\t{hits}\t{all}\t{words}\t{per_million:.3}\n")
        })
        .collect()
}

#[test]
fn counts_by_folder_year_month_and_field_are_the_oracles() {
    let docs = generated(90);
    let dir = write(&docs);
    let folder = |d: &Generated| match d.path.split_once('/') {
        Some((first, _)) => first.to_string(),
        None => ".".to_string(),
    };
    let dated = |length: usize| {
        move |d: &Generated| {
            d.date
                .as_ref()
                .map_or("(none)".to_string(), |date| date[..length].to_string())
        }
    };
    let source = |d: &Generated| d.source.clone().unwrap_or_else(|| "(none)".to_string());
    for (by, expected) in [
        ("folder", oracle_counts(&docs, folder)),
        ("year", oracle_counts(&docs, dated(4))),
        ("month", oracle_counts(&docs, dated(7))),
        ("source", oracle_counts(&docs, source)),
    ] {
        let counted = stdout(&["--count", "harbour", "--by", by, "."], dir.path());
        assert_eq!(counted, expected, "--by {by}");
    }
    // The total is what `rg -o -i harbour` would count over the same files.
    let total: usize = docs.iter().map(|d| oracle_hits(&d.text)).sum();
    let counted = stdout(&["--count", "harbour", "--by", "year", "."], dir.path());
    let sum: usize = counted
        .lines()
        .filter_map(|line| line.split('\t').nth(2)?.parse::<usize>().ok())
        .sum();
    assert_eq!(sum, total);
    // Nothing matches: exit 1, as --search.
    let none = folio_output(&["--count", "zeppelin", "."], dir.path());
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn every_concordance_line_is_a_hit_the_oracle_finds_with_its_context() -> TestResult {
    let docs = generated(40);
    let dir = write(&docs);
    let printed = stdout(&["--kwic", "harbour", "--context", "25", "."], dir.path());
    // The oracle: each match with its file and line, in path order.
    let mut sorted: Vec<&Generated> = docs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let word = regex::Regex::new("(?i)harbour")?;
    let mut expected = Vec::new();
    for doc in &sorted {
        for (number, line) in doc.text.lines().enumerate() {
            for found in word.find_iter(line) {
                expected.push((
                    format!("./{}:{}", doc.path, number + 1),
                    found.as_str().to_string(),
                ));
            }
        }
    }
    let lines: Vec<Vec<&str>> = printed.lines().map(|l| l.split('\t').collect()).collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|cells| (cells[0].to_string(), cells[2].to_string()))
        .collect();
    assert_eq!(got, expected);
    for cells in &lines {
        let (left, hit, right) = (cells[1], cells[2], cells[3]);
        assert!(left.chars().count() <= 25 && right.chars().count() <= 25);
        // The context is the document's own text, lines of a paragraph joined by a space.
        let path = cells[0].trim_start_matches("./");
        let path = &path[..path.rfind(':').unwrap_or(path.len())];
        let text = &docs
            .iter()
            .find(|d| d.path == path)
            .map(|d| d.text.replace('\n', " "));
        let text = text.as_deref().unwrap_or_default();
        assert!(
            text.contains(&format!("{left}{hit}{right}")),
            "{left:?} {hit:?} {right:?} is not in {path}"
        );
    }
    Ok(())
}

#[test]
fn csv_and_json_lines_read_back_equal_the_tsv() -> TestResult {
    let docs = generated(30);
    let dir = write(&docs);
    let tsv = stdout(&["--kwic", "harbour", "."], dir.path());
    let csv_text = stdout(&["--kwic", "harbour", "--format", "csv", "."], dir.path());
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let from_csv: Vec<String> = reader
        .records()
        .map(|record| {
            let record = record.unwrap_or_else(|e| panic!("{e}"));
            let cell = |at: usize| record.get(at).unwrap_or_default();
            format!(
                "{}:{}\t{}\t{}\t{}\n",
                cell(0),
                cell(1),
                cell(2),
                cell(3),
                cell(4)
            )
        })
        .collect();
    assert_eq!(from_csv.concat(), tsv);
    let jsonl = stdout(&["--kwic", "harbour", "--format", "jsonl", "."], dir.path());
    let from_json: Vec<String> = jsonl
        .lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
            let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
            format!(
                "{}:{}\t{}\t{}\t{}\n",
                text("path"),
                value["line"],
                text("left"),
                text("hit"),
                text("right")
            )
        })
        .collect();
    assert_eq!(from_json.concat(), tsv);
    // Counts too.
    let tsv = stdout(&["--count", "harbour", "--by", "year", "."], dir.path());
    let csv_text = stdout(
        &["--count", "harbour", "--by", "year", "--format", "csv", "."],
        dir.path(),
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map(|h| h.iter().collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    assert_eq!(
        headers,
        "group,documents,hits,group_documents,group_words,per_million"
    );
    let rows: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| format!("{}\n", r.iter().collect::<Vec<_>>().join("\t")))
        .collect();
    assert_eq!(rows.concat(), tsv);
    // --search and --list take the format too; --search's CSV has the passage.
    let listed = stdout(&["--list", "--format", "csv", "."], dir.path());
    assert!(listed.starts_with("path,title\n"), "{listed}");
    let searched = stdout(&["--search", "harbour", "--format", "csv", "."], dir.path());
    let mut reader = csv::Reader::from_reader(searched.as_bytes());
    let passages: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(4).map(str::to_lowercase))
        .collect();
    assert!(
        !passages.is_empty() && passages.iter().all(|p| p.contains("harbour")),
        "{searched}"
    );
    Ok(())
}

#[test]
fn json_lines_records_count_by_their_fields_and_cite_their_line() {
    let records = [
        r#"{"title": "One", "text": "The harbour was full.", "date": "2020-01-05", "source": "bbc"}"#,
        r#"{"title": "Two", "text": "No port here.", "date": "2020-02-05", "source": "ap"}"#,
        r#"{"title": "Harbour news", "text": "Harbour, harbour.", "date": "2021-03-01", "source": 7}"#,
        r#"{"title": "Four", "text": "A harbour."}"#,
    ];
    let dir = temp_corpus(&[("set.jsonl", &(records.join("\n") + "\n"))]);
    let by_year = stdout(
        &["--count", "harbour", "--by", "year", "set.jsonl"],
        dir.path(),
    );
    // Every group, with its records and words (a record's title and text): 2020 holds "Two",
    // which has no hit.
    assert_eq!(
        by_year,
        "2020\t1\t1\t2\t9\t111111.111\n2021\t1\t3\t1\t4\t750000.000\n(none)\t1\t1\t1\t3\t333333.333\n"
    );
    let by_source = stdout(
        &["--count", "harbour", "--by", "source", "set.jsonl"],
        dir.path(),
    );
    assert_eq!(
        by_source,
        "7\t1\t3\t1\t4\t750000.000\nap\t0\t0\t1\t4\t0.000\nbbc\t1\t1\t1\t5\t200000.000\n(none)\t1\t1\t1\t3\t333333.333\n"
    );
    let kwic = stdout(
        &["--kwic", "harbour", "--context", "5", "set.jsonl"],
        dir.path(),
    );
    let places: Vec<&str> = kwic.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(
        places,
        [
            "set.jsonl:1",
            "set.jsonl:3",
            "set.jsonl:3",
            "set.jsonl:3",
            "set.jsonl:4"
        ],
        "{kwic}"
    );
}

#[test]
fn alternatives_are_counted_apart() {
    let dir = temp_corpus(&[
        ("a/1.txt", "One.\nharbour harbour crane\n"),
        ("b/2.txt", "Two.\ncrane\n"),
    ]);
    let counted = stdout(&["--count", "harbour | crane", "."], dir.path());
    // Each term's hits, the groups' sizes (4 and 2 words), hits per million, then each term's
    // documents.
    assert_eq!(
        counted,
        "a\t1\t3\t2\t1\t1\t4\t750000.000\t1\t1\nb\t1\t1\t0\t1\t1\t2\t500000.000\t0\t1\n"
    );
    let csv_text = stdout(
        &["--count", "harbour | crane", "--format", "csv", "."],
        dir.path(),
    );
    assert!(
        csv_text.starts_with(
            "group,documents,hits,harbour,crane,group_documents,group_words,per_million,\
             harbour documents,crane documents\n"
        ),
        "{csv_text}"
    );
}

/// The hand-made corpus where the orders are obvious: the word before KEY runs a, b, c down
/// the files, the word after it c, b, a.
fn ordered_corpus() -> tempfile::TempDir {
    temp_corpus(&[
        ("1.txt", "First.\n\nalpha key zulu one\n"),
        ("2.txt", "Second.\n\nbravo key yankee two\n"),
        ("3.txt", "Third.\n\ncharlie key xray three\n"),
    ])
}

#[test]
fn concordances_sort_by_left_and_right_context() -> TestResult {
    use folio::testing::{ConcordanceRequest, serve_concordance as serve};
    use folio::testing::{ContextReach as Reach, Neighbourhood};
    use folio::testing::{HitOrder, SortHitsRequest, sorted};
    use folio::testing::{Query, Scope};
    use std::sync::{Arc, Mutex};
    let dir = ordered_corpus();
    let corpus = crate::common::load(dir.path());
    let found = Mutex::new(Vec::new());
    let request = ConcordanceRequest {
        scope: Scope {
            docs: corpus.docs.clone(),
            query: Query::parse("key"),
            index: None,
            matching: None,
            within: None,
            doc_words: None,
        },
        near: None,
    };
    serve(&request, 2, &Cancel::new(), &|news| {
        if let Ok(mut found) = found.lock() {
            found.extend(news.hits);
        }
    });
    let hits = Arc::new(found.into_inner().unwrap_or_default());
    let after = |order: HitOrder| -> Vec<String> {
        let request = SortHitsRequest {
            ticket: Ticket::new(),
            docs: corpus.docs.clone(),
            hits: Arc::clone(&hits),
            order,
        };
        let sorted = sorted(&request, 2, &Cancel::new())
            .map(|s| s.hits)
            .unwrap_or_default();
        sorted
            .iter()
            .map(|hit| {
                let mut source = corpus
                    .docs
                    .open(hit.doc())
                    .unwrap_or_else(|e| panic!("{e}"))
                    .source;
                let around = Neighbourhood::new(&mut source)
                    .around(hit.start(), hit.range(), Reach::Chars(40))
                    .unwrap_or_default();
                format!(
                    "{}|{}|{}",
                    around.before.trim(),
                    around.hit,
                    around.after.trim()
                )
            })
            .collect()
    };
    let document = [
        "alpha|key|zulu one",
        "bravo|key|yankee two",
        "charlie|key|xray three",
    ];
    assert_eq!(after(HitOrder::document()), document);
    assert_eq!(after(HitOrder::left()), document);
    let by_right = [
        "charlie|key|xray three",
        "bravo|key|yankee two",
        "alpha|key|zulu one",
    ];
    assert_eq!(after(HitOrder::right()), by_right);
    Ok(())
}

#[test]
fn collocates_rank_the_word_always_near_the_term_first() {
    use folio::testing::{CollocatesRequest, serve_collocates as serve};
    use folio::testing::{Query, Scope};
    use std::sync::Mutex;
    let mut files = Vec::new();
    for i in 0..30 {
        let text = match i % 3 {
            0 => format!(
                "Doc {i}.\nthe ship reached the mombasa harbour at dawn and the crew slept\n"
            ),
            _ => format!("Doc {i}.\nthe crew reached the ship and slept at dawn near the quay\n"),
        };
        files.push((format!("{i}.txt"), text));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = temp_corpus(&files);
    let corpus = crate::common::load(dir.path());
    let result = Mutex::new(None);
    let request = CollocatesRequest {
        scope: Scope {
            docs: corpus.docs.clone(),
            query: Query::parse("harbour"),
            index: None,
            matching: None,
            within: None,
            doc_words: None,
        },
        span: 5,
        min: 3,
        measure: Default::default(),
        stoplist: None,
    };
    serve(&request, 2, &Cancel::new(), &|found| {
        if let (Some(collocates), Ok(mut result)) = (found.collocates, result.lock()) {
            *result = Some((collocates, found.hits));
        }
    });
    let (collocates, hits) = result.into_inner().ok().flatten().unwrap_or_default();
    assert_eq!(hits, 10);
    assert_eq!(collocates.first().map(|c| c.word.as_str()), Some("mombasa"));
    let mombasa = &collocates[0];
    assert_eq!((mombasa.near, mombasa.frequency), (10, 10));
    // Words near every hit but as common elsewhere score far below.
    assert!(
        collocates[1..]
            .iter()
            .all(|c| c.score < mombasa.score / 2.0),
        "{collocates:?}"
    );
}

/// Ctrl-F and `word`: the list searches the text for it.
fn search_text(term: &Tmux, word: &str) {
    term.keys(&["C-f"]);
    term.type_text(word);
    term.wait_for(&format!("text> {word}"));
}

fn tmux_in(dir: &Path, width: u16, height: u16, args: &str) -> Tmux {
    let term = Tmux::start(width, height, dir);
    term.command(&format!(
        "XDG_CONFIG_HOME={} folio {args}; echo \"exit=$?\"",
        crate::common::NO_CONFIG
    ));
    term
}

#[test]
fn a_concordance_sorts_opens_the_reader_at_the_hit_and_comes_back_to_its_row() {
    let dir = ordered_corpus();
    let term = tmux_in(dir.path(), 120, 30, ".");
    term.wait_for("3/3");
    search_text(&term, "key");
    term.keys(&["C-k"]);
    term.wait_for("concordance of key: 3 hits in 3 documents");
    // Document order, then by left context, then by right context.
    term.keys(&["s"]);
    term.wait_for("by left context");
    term.keys(&["s"]);
    let screen = term.wait_until("the sort by right context", |s| {
        s.contains("by right context") && !s.contains("sorting ")
    });
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" key ")).collect();
    assert!(
        rows.len() == 3
            && rows[0].contains("xray")
            && rows[1].contains("yankee")
            && rows[2].contains("zulu"),
        "{screen}"
    );
    // The selected hit (alpha's, the first in document order) stayed selected: now last.
    let selected = screen
        .lines()
        .find(|l| l.starts_with("> "))
        .unwrap_or_default();
    assert!(selected.contains("zulu"), "{screen}");
    // The second row: bravo's hit. The reader opens at it, the match counted as the current.
    term.keys(&["g", "j", "Enter"]);
    let reading = term.wait_for("match 1 of 1");
    assert!(reading.contains("bravo key yankee two"), "{reading}");
    term.keys(&["q"]);
    let back = term.wait_for("concordance of key");
    let selected = back
        .lines()
        .find(|l| l.starts_with("> "))
        .unwrap_or_default();
    assert!(selected.contains("yankee"), "{back}");
    // c copies the hit's sentence as a citation, with the title, path and line.
    term.keys(&["c"]);
    term.wait_for("copied (plain");
    assert_eq!(
        term.clipboard(),
        "“bravo key yankee two” (Second; ./2.txt, line 3)"
    );
    term.keys(&["Escape"]);
    term.wait_for("text> key");
    term.quit("C-c", 130);
}

#[test]
fn counts_and_the_sparkline_show_a_dated_corpus() {
    let dir = temp_corpus(&[
        ("north/a.txt", "date 2020-01-05 Harbour one.\nharbour\n"),
        ("north/b.txt", "date 2020-03-05 Harbour two.\nnothing\n"),
        (
            "south/c.txt",
            "date 2021-02-01 Three.\nharbour harbour harbour\n",
        ),
        ("d.txt", "Undated.\nharbour\n"),
    ]);
    let term = tmux_in(dir.path(), 120, 30, ".");
    term.wait_for("4/4");
    term.keys(&["C-f"]);
    term.type_text("harbour");
    // Hits per month from the first dated month to the last.
    term.wait_for(" 2020-01 ");
    term.wait_for(" 2021-02");
    term.keys(&["C-g"]);
    let screen = term.wait_for("counts of harbour by folder: 4 documents, 7 hits");
    let north = line_with(&screen, "north");
    assert!(north.contains('2') && north.contains('█'), "{screen}");
    // Its size and rate: 3 hits in its 2 documents' 14 words (date 2020 01 05 Harbour one
    // harbour; date 2020 03 05 Harbour two nothing).
    assert!(
        screen.contains("of docs") && screen.contains("per million"),
        "{screen}"
    );
    assert!(
        north.contains(&format!("{:.1}", 3.0 * 1e6 / 14.0)),
        "{screen}"
    );
    // Ordered by hits per million: d.txt's 1 hit in 2 words, c.txt's 3 in 8, then north's.
    term.keys(&["o", "o", "o"]);
    let ordered = term.wait_for("counts ordered by per million");
    let groups: Vec<&str> = ordered
        .lines()
        .filter(|l| l.contains('█'))
        .filter_map(|l| l.trim_start_matches("> ").split_whitespace().next())
        .collect();
    assert_eq!(groups, [".", "south", "north"], "{ordered}");
    term.keys(&["s"]);
    let years = term.wait_for("counts of harbour by year");
    let none = line_with(&years, "(none)");
    assert!(none.contains('1'), "undated documents are counted: {years}");
    term.keys(&["s"]);
    term.wait_for("counts of harbour by month");
    term.quit("C-c", 130);
}

#[test]
fn a_view_is_saved_outside_the_corpus_and_never_over_a_file_unasked() -> TestResult {
    let dir = ordered_corpus();
    let out = tempfile::tempdir()?;
    let target = out.path().join("kwic.csv");
    std::fs::write(&target, "keep me")?;
    let term = tmux_in(dir.path(), 120, 30, ".");
    term.wait_for("3/3");
    search_text(&term, "key");
    term.keys(&["C-k"]);
    term.wait_for("concordance of key: 3 hits");
    // Inside the corpus: refused.
    term.keys(&["w"]);
    term.wait_for("save as");
    term.type_text("inside.tsv");
    term.keys(&["Enter"]);
    term.wait_for("inside the corpus");
    // Over a file: asked, and kept on anything but y.
    term.keys(&["w"]);
    term.type_text(&target.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("exists: replace it?");
    term.keys(&["n"]);
    term.wait_for("the file is kept");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap_or_default(),
        "keep me"
    );
    term.keys(&["w"]);
    term.type_text(&target.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("exists: replace it?");
    term.keys(&["y"]);
    term.wait_for("saved 3 rows to");
    let saved = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(saved.starts_with("path,line,left,hit,right\n"), "{saved}");
    assert_eq!(saved.lines().count(), 4);
    term.quit("C-c", 130);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["1.txt", "2.txt", "3.txt"],
        "nothing written into the corpus"
    );
    Ok(())
}

#[test]
fn collocates_open_the_concordance_of_their_word() {
    let mut files = Vec::new();
    for i in 0..12 {
        files.push((
            format!("{i}.txt"),
            format!("Doc {i}.\nthe ship reached the mombasa harbour at dawn\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = temp_corpus(&files);
    let term = tmux_in(dir.path(), 120, 30, ".");
    term.wait_for("12/12");
    search_text(&term, "harbour");
    term.keys(&["C-t"]);
    term.wait_for("around 12 hits");
    term.keys(&["Enter"]);
    term.wait_for("concordance of harbour near");
    term.keys(&["Escape"]);
    term.wait_for("collocates of harbour");
    term.quit("C-c", 130);
}
