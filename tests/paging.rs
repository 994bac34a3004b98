//! The reader on documents too big to hold: paged from disk a segment at a time. Paging down
//! and up must meet the same rows, the end must be reachable at once, long lines and legacy
//! encodings must read as in a small document, and a background search must find exactly
//! what an independent count finds.

use crate::common::TestResult;
use crate::common::reader_rows;
use crate::common::tmux::Tmux;
use folio::testing::Cancel;
use folio::testing::DocStore;
use folio::testing::MEMORY_BYTES;
use folio::testing::RecordFields;
use folio::testing::describe;
use folio::testing::search_in_background;
use folio::testing::{Highlights, WordSet};
use folio::testing::{Reader, ReaderAsk};
use std::path::Path;
use std::sync::mpsc;

/// A reader on the file at `path`, `width` x `height`, with no background work.
fn reader_on(path: &Path, width: usize, height: usize) -> Reader {
    let meta = describe(
        path,
        folio::testing::Reach::Beneath(1),
        Default::default(),
        None,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let docs = DocStore::new(vec![meta], RecordFields::default());
    let mut reader = Reader::default();
    reader.set_viewport(width, height);
    reader.open(
        0,
        docs.at(0),
        path.parent().unwrap_or(Path::new("/")),
        docs.open(0),
    );
    reader
}

/// The words `words` to highlight, as the reader is given them.
fn highlighting(words: &[&str], run: impl FnOnce(&Highlights)) {
    let (keywords, none) = (
        WordSet::new(words.iter().map(|w| w.to_string())),
        WordSet::default(),
    );
    run(&Highlights {
        keywords: &keywords,
        query: &none,
    });
}

/// Every row, collected scrolling down a row at a time from the top, and again scrolling up
/// from the end; paging down a screen at a time must then show the same rows.
fn rows_both_ways(reader: &mut Reader) -> (Vec<String>, Vec<String>) {
    let height = reader.page_rows();
    reader.scroll_to_top();
    let mut down = Vec::new();
    loop {
        let shown = reader_rows(reader);
        if reader.position().at_end {
            down.extend(shown);
            break;
        }
        down.push(shown[0].clone());
        reader.scroll_by(1);
    }
    reader.scroll_to_end();
    let mut up = std::collections::VecDeque::new();
    loop {
        let shown = reader_rows(reader);
        if reader.position().at_top {
            for row in shown.into_iter().rev() {
                up.push_front(row);
            }
            break;
        }
        up.push_front(shown[height - 1].clone());
        reader.scroll_by(-1);
    }
    reader.scroll_to_top();
    let mut top = 0;
    while !reader.position().at_end {
        reader.scroll_by(height as isize);
        top = (top + height).min(down.len() - height);
        assert!(
            reader_rows(reader) == down[top..top + height],
            "page at row {top}"
        );
    }
    (down, up.into())
}

/// Compares two long lists of rows, reporting only the first difference.
fn assert_same_rows(down: &[String], up: &[String]) {
    if let Some(at) = (0..down.len().min(up.len())).find(|&i| down[i] != up[i]) {
        panic!("row {at} differs: {:?} / {:?}", down[at], up[at]);
    }
    assert_eq!(down.len(), up.len());
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|error| panic!("{error}"));
    path
}

#[test]
fn a_big_document_pages_the_same_down_and_up_and_reaches_its_end() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text: String = (1..=40_000)
        .map(|n| format!("line {n:06} of a long document, with words to wrap at forty columns\n"))
        .collect();
    assert!(text.len() > MEMORY_BYTES, "big enough to be paged");
    let path = write(dir.path(), "big.txt", text.as_bytes());
    let mut reader = reader_on(&path, 40, 23);
    assert_eq!(
        reader.words(),
        None,
        "words are not counted in a paged document"
    );
    reader.scroll_to_end();
    let last = reader_rows(&reader);
    assert_eq!(
        last[last.len() - 2..],
        [
            "line 040000 of a long document, with",
            "words to wrap at forty columns"
        ]
    );
    assert_eq!(reader.position().percent, 100);
    reader.scroll_to_top();
    let (down, up) = rows_both_ways(&mut reader);
    assert_same_rows(&down, &up);
    // The header (title, path, facts) ends with the rule, an empty row.
    let body = down.iter().position(String::is_empty).unwrap_or(0) + 1;
    assert!(
        down[body].starts_with("line 000001 of"),
        "{:?}",
        &down[..body]
    );
    assert_eq!(down.len() - body, 2 * 40_000, "two rows a line");
    Ok(())
}

#[test]
fn long_lines_are_cut_in_segments_that_page_both_ways_and_fit_the_pane() -> TestResult {
    let dir = tempfile::tempdir()?;
    // One line of 1.5 MiB mixing one-, two- and four-byte characters, then short lines.
    let mut text = "é word 中文 🙂 ".repeat(70_000);
    text.push('\n');
    text.push_str(&"short line\n".repeat(1000));
    let path = write(dir.path(), "long.txt", text.as_bytes());
    let mut reader = reader_on(&path, 33, 17);
    let (down, up) = rows_both_ways(&mut reader);
    assert_same_rows(&down, &up);
    assert!(down.iter().all(|row| folio::testing::width(row) <= 33));
    // Nothing lost: every character of the text is on some row (spaces at breaks aside).
    let body = down.iter().position(String::is_empty).unwrap_or(0) + 1;
    let shown: String = down[body..]
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        shown == expected,
        "{} chars shown of {}",
        shown.len(),
        expected.len()
    );
    Ok(())
}

#[test]
fn a_big_legacy_document_is_decoded_in_its_encoding() -> TestResult {
    let dir = tempfile::tempdir()?;
    let line = b"Caf\xE9 au lait co\xFBte \xA33, d\xE9j\xE0 vu.\n";
    let path = write(dir.path(), "cp1252.txt", &line.repeat(60_000));
    let mut reader = reader_on(&path, 80, 10);
    assert!(reader_rows(&reader).contains(&"Café au lait coûte £3, déjà vu.".to_string()));
    reader.scroll_to_end();
    assert_eq!(reader_rows(&reader)[9], "Café au lait coûte £3, déjà vu.");
    Ok(())
}

#[test]
fn a_background_search_finds_every_match_and_reports_progress() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text: String = (0..100_000)
        .map(|n| {
            let mark = if n % 997 == 0 { "Needle" } else { "hay" };
            format!("{n} some hay and {mark} here\n")
        })
        .chain(std::iter::once("a\ttab needle at the end\n".to_string()))
        .collect();
    let expected = text.to_lowercase().matches("needle").count();
    let path = write(dir.path(), "haystack.txt", text.as_bytes());
    let mut reader = reader_on(&path, 80, 20);
    let note = reader.search_for("needle");
    assert_eq!(note, "searching for needle…");
    let search = background_search(&mut reader)
        .unwrap_or_else(|| panic!("a big file is searched in the background"));
    // The search runs on a thread of its own, reporting as it goes, as the job would run it.
    let (report, reports) = mpsc::channel();
    std::thread::spawn(move || {
        search_in_background(search, &Cancel::new(), &|news| {
            let _ = report.send(news);
        });
    });
    let mut reported = 0;
    let finished = loop {
        let news = reports
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|error| panic!("the search never reported: {error}"));
        reported += 1;
        if let Some(news) = reader.take_hits(news)
            && reader.search().is_some_and(|search| search.done())
        {
            break news;
        }
    };
    assert!(reported > 1, "the first hits are reported before the end");
    assert_eq!(finished, format!("match 1 of {expected}"));
    assert!(
        reader_rows(&reader)
            .iter()
            .any(|row| row.contains("Needle"))
    );
    reader.step_match(false);
    assert_eq!(
        reader.match_counter(),
        format!("match {expected} of {expected}")
    );
    assert!(
        reader_rows(&reader)
            .iter()
            .any(|row| row.contains("tab needle"))
    );
    Ok(())
}

#[test]
fn a_big_file_in_a_real_terminal_opens_jumps_to_its_end_and_searches_in_the_background()
-> TestResult {
    let dir = tempfile::tempdir()?;
    let mut text: String = (1..=300_000)
        .map(|n| format!("{n:07} plain words on a numbered line of a big log\n"))
        .collect();
    text.push_str("The last line holds the marker zebraquill.\n");
    write(dir.path(), "big.log.txt", text.as_bytes());
    let term = Tmux::start(100, 30, dir.path());
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("0000002 plain words");
    term.keys(&["Enter"]);
    term.keys(&["G"]);
    term.wait_for("marker zebraquill.");
    term.keys(&["g"]);
    term.wait_for("0000001 plain words");
    term.keys(&["/"]);
    term.type_text("zebraquill");
    term.keys(&["Enter"]);
    // Found by the background search, far below the view, which moves to it.
    let screen = term.wait_for("match 1 of 1 ·");
    assert!(screen.contains("marker zebraquill."), "{screen}");
    term.keys(&["q"]);
    term.wait_for("> ");
    term.quit("C-c", 130);
    Ok(())
}

#[test]
fn random_bytes_page_inertly_inside_the_pane() -> TestResult {
    let dir = tempfile::tempdir()?;
    // 3 MiB of noise: controls, escapes, invalid UTF-8, long runs without a line break.
    let mut seeded = crate::common::Seeded::new();
    let bytes: Vec<u8> = (0..3 << 20)
        .map(|_| {
            let state = seeded.next();
            match state % 100 {
                0 => b'\n',
                1..=3 => 0x1b,
                4..=40 => b'a' + (state % 26) as u8,
                41..=50 => b' ',
                // No NUL, or the file would be taken for binary and not listed at all.
                _ => ((state >> 8) as u8).max(1),
            }
        })
        .collect();
    let path = write(dir.path(), "noise.txt", &bytes);
    let mut reader = reader_on(&path, 37, 15);
    let mut pages = 0;
    loop {
        highlighting(&["a"], |a| {
            for row in reader.visible_rows(a) {
                assert!(folio::testing::width(row.text) <= 37, "{:?}", row.text);
                assert!(!row.text.chars().any(|c| c.is_control()), "{:?}", row.text);
            }
        });
        if reader.position().at_end {
            break;
        }
        reader.scroll_by(15);
        pages += 1;
    }
    assert!(pages > 1000);
    reader.scroll_by(-(15 * 200));
    reader.scroll_to_top();
    assert!(reader.position().at_top);
    Ok(())
}

#[test]
fn a_file_cut_short_while_open_does_not_break_the_reader() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "a line of a log that is being rotated\n".repeat(60_000);
    let path = write(dir.path(), "rotated.log.txt", text.as_bytes());
    let mut reader = reader_on(&path, 60, 20);
    std::fs::write(&path, "short now\n")?;
    // Whatever it shows, it must not panic or loop: the blocks beyond the end are gone.
    reader.scroll_to_end();
    reader.scroll_by(-100);
    reader.scroll_by(5_000);
    // A big file is searched in the background: here, on the spot, in the file cut short.
    reader.search_for("line");
    if let Some(search) = background_search(&mut reader) {
        let reports = std::cell::RefCell::new(Vec::new());
        search_in_background(search, &Cancel::new(), &|news| {
            reports.borrow_mut().push(news)
        });
        for news in reports.into_inner() {
            reader.take_hits(news);
        }
    }
    reader.scroll_to_top();
    assert!(reader.position().at_top);
    assert!(!reader_rows(&reader).is_empty());
    Ok(())
}

/// The search the reader asked to run in the background, if it asked for one.
fn background_search(reader: &mut Reader) -> Option<folio::testing::DocumentSearch> {
    reader.take_asks().into_iter().find_map(|ask| match ask {
        ReaderAsk::Search(search) => Some(search),
        _ => None,
    })
}
