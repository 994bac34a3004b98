//! State tests: key scripts played through the real event loop (keymap, `App::update`, the
//! background jobs, a frame drawn after each key), and the resulting state checked. The list
//! and the reader; loading and ranking in the background are in `tests/ranking.rs`.

use crate::common::TestResult;
use crate::common::{Browser, temp_corpus, typing};
use folio::testing::Highlights;
use folio::testing::Mark;
use folio::testing::{Exit, Focus, Overlay, OverlayKind};

#[test]
fn the_sample_corpus_lists_both_titles_in_path_order() {
    let browser = Browser::sample(80, 24);
    assert_eq!(browser.matches(), vec![0, 1]);
    assert!(browser.titles()[0].starts_with("China's achievements"));
    assert!(browser.titles()[1].starts_with("President Xi Jinping"));
    assert_eq!(
        browser.app().reader().doc(),
        Some(0),
        "the reader shows the selection at once"
    );
}

#[test]
fn typing_filters_and_editing_keys_widen_it_again() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("beacon");
    assert_eq!(browser.app().query(), "beacon");
    assert_eq!(browser.matches(), vec![0]);
    browser.keys("Backspace");
    assert_eq!(browser.app().query(), "beaco");
    browser.keys("n Space xi");
    assert_eq!(browser.matches().len(), 0, "every word must match");
    browser.keys("Ctrl-W");
    assert_eq!(browser.app().query(), "beacon ");
    assert_eq!(browser.matches(), vec![0]);
    browser.keys("Ctrl-U");
    assert_eq!(browser.app().query(), "");
    assert_eq!(browser.matches(), vec![0, 1]);
}

#[test]
fn esc_clears_the_query_then_quits() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("xi Esc");
    assert_eq!((browser.app().query(), browser.exit()), ("", None));
    browser.keys("Esc");
    assert_eq!(browser.exit(), Some(&Exit::Quit));
}

#[test]
fn ctrl_c_interrupts_from_any_mode() {
    for script in ["", "Enter", "Enter /"] {
        let mut browser = Browser::sample(80, 24);
        browser.keys(script).keys("Ctrl-C");
        assert_eq!(browser.exit(), Some(&Exit::Interrupted), "after {script:?}");
    }
}

#[test]
fn the_selection_moves_clamps_and_follows_into_the_reader() {
    let mut browser = Browser::sample(80, 24);
    let at = |browser: &Browser| {
        let app = browser.app();
        (app.list().selected(), app.reader().doc())
    };
    browser.keys("Up");
    assert_eq!(browser.app().list().selected(), 0);
    browser.keys("Down");
    assert_eq!(at(&browser), (1, Some(1)));
    browser.keys("Down Ctrl-N");
    assert_eq!(browser.app().list().selected(), 1);
    browser.keys("Ctrl-P");
    assert_eq!(at(&browser), (0, Some(0)));
}

#[test]
fn page_keys_move_by_a_screen_of_rows_and_the_list_scrolls() {
    let dir = crate::common::generated_corpus(50, |i| {
        (format!("doc{i:02}.txt"), format!("Document number {i}."))
    });
    // 80x24 stacked: the list has 9 rows, one of them the query line.
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    let at = |browser: &Browser| (browser.app().list().selected(), browser.app().list().top());
    browser.keys("PgDn");
    assert_eq!(at(&browser), (8, 1));
    browser.keys(&["PgDn"; 10].join(" "));
    assert_eq!(at(&browser), (49, 42));
    browser.keys("PgUp");
    assert_eq!(at(&browser), (41, 41));
}

/// Every row of the document in the reader, read at `width` on a screen tall enough to hold
/// it all.
fn every_row(browser: &Browser, width: u16) -> Vec<String> {
    let mut tall = Browser::sample(width, 10_000);
    tall.keys("Enter");
    assert_eq!(tall.app().reader().doc(), browser.app().reader().doc());
    assert!(tall.app().reader().position().at_end);
    crate::common::reader_rows(tall.app().reader())
}

/// Which of `all` rows is at the top of the reader (the page on screen must match there).
fn top_row(browser: &Browser, all: &[String]) -> usize {
    let shown = crate::common::reader_rows(browser.app().reader());
    let found = (0..all.len())
        .filter(|&top| all[top..].starts_with(&shown))
        .collect::<Vec<_>>();
    assert_eq!(
        found.len(),
        1,
        "the page is found once in the document: {found:?}"
    );
    found[0]
}

#[test]
fn enter_reads_and_reader_keys_scroll() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter");
    assert_eq!(browser.app().focus(), Focus::Reader);
    let page = browser.app().reader().page_rows();
    assert_eq!(
        page, 22,
        "80x24 reading: all rows but the bar and the status line"
    );
    let all = every_row(&browser, 80);
    assert!(
        all.len() > 2 * page,
        "the sample document is longer than two pages"
    );
    let total = all.len();
    browser.keys("j Down");
    assert_eq!(top_row(&browser, &all), 2);
    browser.keys("k");
    assert_eq!(top_row(&browser, &all), 1);
    browser.keys("Space");
    assert_eq!(top_row(&browser, &all), 1 + page);
    browser.keys("b");
    assert_eq!(top_row(&browser, &all), 1);
    browser.keys("Ctrl-D");
    assert_eq!(top_row(&browser, &all), 1 + page / 2);
    browser.keys("Ctrl-U");
    assert_eq!(top_row(&browser, &all), 1);
    browser.keys("G");
    assert_eq!(top_row(&browser, &all), total - page);
    assert!(browser.app().reader().position().at_end);
    browser.keys("PgDn");
    assert_eq!(
        top_row(&browser, &all),
        total - page,
        "no scrolling past the end"
    );
    browser.keys("k");
    assert_eq!(top_row(&browser, &all), total - page - 1);
    assert!(!browser.app().reader().position().at_end);
    browser.keys("Home");
    assert_eq!(top_row(&browser, &all), 0);
    assert!(browser.app().reader().position().at_top);
    browser.keys("End g");
    assert_eq!(top_row(&browser, &all), 0);
    for back in ["Esc", "q", "Left"] {
        browser.keys("Enter").keys(back);
        assert_eq!(browser.app().focus(), Focus::List);
        assert_eq!(browser.exit(), None);
    }
}

#[test]
fn ctrl_n_in_the_reader_reads_the_next_document_from_its_top() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter Space Ctrl-N");
    let app = browser.app();
    assert_eq!(app.reader().doc(), Some(1));
    assert!(app.reader().position().at_top);
    assert_eq!(app.focus(), Focus::Reader);
}

#[test]
fn search_counts_every_match_and_n_walks_them_wrapping_around() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter /");
    assert_eq!(browser.app().prompt(), Some(""));
    browser.keys("party");
    assert_eq!(
        browser.app().query(),
        "",
        "typing in the prompt does not touch the filter"
    );
    browser.keys("Enter");
    let total = crate::common::body_count("corpus/000_9c89a7a231365477.txt", "party");
    assert!(total >= 3, "the seed mentions the party several times");
    assert_eq!(
        browser.message(),
        Some(format!("match 1 of {total}").as_str())
    );
    browser.keys("n");
    let counter = |browser: &Browser| browser.app().reader().match_counter();
    assert_eq!(counter(&browser), format!("match 2 of {total}"));
    browser.keys("N N");
    assert_eq!(counter(&browser), format!("match {total} of {total}"));
    let wrapped = browser.message().unwrap_or_default().to_string();
    assert!(wrapped.contains("continuing at the end"), "{wrapped}");
    browser.keys("n");
    assert!(
        browser
            .message()
            .unwrap_or_default()
            .contains("continuing at the top")
    );
    assert_eq!(counter(&browser), format!("match 1 of {total}"));
}

#[test]
fn the_current_match_is_scrolled_into_view() {
    let mut browser = Browser::sample(40, 10);
    browser.keys("Enter / party Enter");
    let total = browser.app().reader().search().map_or(0, |s| s.hits.len());
    for _ in 0..total {
        let reader = browser.app().reader();
        let rows = reader.visible_rows(&Highlights::none());
        assert!(
            rows.iter()
                .any(|row| row.marks.iter().any(|(_, m)| *m == Mark::CurrentMatch)),
            "{}",
            reader.match_counter()
        );
        browser.keys("n");
    }
}

#[test]
fn empty_prompt_repeats_the_last_search_and_esc_cancels() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter / china Enter / Enter");
    assert!(
        browser
            .app()
            .reader()
            .match_counter()
            .starts_with("match 1 of")
    );
    browser.keys("/ zzz Esc");
    assert_eq!(browser.app().prompt(), None);
    assert_eq!(
        browser.app().focus(),
        Focus::Reader,
        "Esc closes the prompt, not the reader"
    );
    browser.keys("/ zzz Enter");
    assert_eq!(browser.message(), Some("pattern not found: zzz"));
}

#[test]
fn n_before_any_search_says_how_to_search() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter n");
    assert_eq!(browser.message(), Some("no search yet: press / to search"));
}

#[test]
fn query_words_and_keywords_are_marked_in_the_reader() {
    let dir = temp_corpus(&[(
        "a.txt",
        "Alpha beta gamma.\nThe beta test and the GAMMA ray.",
    )]);
    let mut browser = Browser::over(dir.path(), &["gamma"], "beta", 80, 24);
    browser.keys("Enter");
    let app = browser.app();
    let rows = app.reader().visible_rows(&app.reader_keywords());
    let marked: Vec<(&str, Mark)> = rows
        .iter()
        .filter(|row| row.kind == folio::testing::LineKind::Body)
        .flat_map(|row| {
            let mut marks = row.marks.clone();
            marks.sort_by_key(|(range, _)| range.start);
            marks.into_iter().map(|(r, mark)| (&row.text[r], mark))
        })
        .collect();
    // The `--keyword` takes the first colour, the query's word the second.
    let (keyword, query_word) = (Mark::Keyword(0), Mark::Keyword(1));
    assert_eq!(
        marked,
        vec![
            ("beta", query_word),
            ("gamma", keyword),
            ("beta", query_word),
            ("GAMMA", keyword)
        ]
    );
    // The header counts the keyword in the document.
    let header: Vec<&str> = rows.iter().map(|row| row.text).collect();
    assert!(header.contains(&"gamma 2"), "{header:?}");
}

#[test]
fn a_query_matching_nothing_empties_the_reader() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("qqqq");
    assert_eq!(browser.app().reader().doc(), None);
    browser.keys("Enter");
    assert_eq!(browser.app().focus(), Focus::List);
    assert_eq!(browser.message(), Some("no document to read"));
}

#[test]
fn the_query_option_starts_filtered() {
    let browser = Browser::over(std::path::Path::new("corpus"), &[], "beacon", 80, 24);
    assert_eq!(browser.matches(), vec![0]);
}

#[test]
fn help_opens_closes_and_swallows_keys() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("F1");
    let help = |scroll| {
        Some(Overlay {
            kind: OverlayKind::Help,
            scroll,
        })
    };
    assert_eq!(browser.app().overlay(), help(0));
    browser.keys("j x");
    assert_eq!(browser.app().overlay(), help(1));
    assert_eq!(
        browser.app().query(),
        "",
        "keys in the help do not reach the query"
    );
    browser.keys("Esc");
    assert_eq!((browser.app().overlay(), browser.exit()), (None, None));
}

#[test]
fn help_asked_for_in_the_reader_opens_at_the_readers_keys() {
    let mut browser = Browser::sample(100, 30);
    browser.keys("Enter ?");
    let screen = browser.screen();
    let box_top = screen
        .lines()
        .position(|line| line.contains("folio keys"))
        .unwrap_or_else(|| panic!("no help box: {screen}"));
    // The box's first line of text is the reader's heading, not the keys of everywhere.
    let first = screen.lines().nth(box_top + 1).unwrap_or_default();
    assert!(first.contains("Reader"), "{screen}");
    assert!(!screen.contains("Everywhere"), "{screen}");
    // Up scrolls back towards the top: the rest of the help is there.
    browser.keys("Esc F1 g");
    assert!(browser.screen().contains("Everywhere"));
    // From the list, the help starts at the top.
    browser.keys("Esc Esc F1");
    assert!(
        browser.screen().contains("Everywhere"),
        "{}",
        browser.screen()
    );
}

#[test]
fn a_document_opened_from_the_concordance_is_the_lists_selection() {
    let mut browser = Browser::sample(120, 30);
    browser.keys("Ctrl-F");
    browser.keys(&typing("cpc"));
    browser.keys("Ctrl-K");
    let selected = |browser: &Browser| browser.app().list().selected_doc();
    let first = selected(&browser);
    // The list is by relevance, the concordance in the documents' order: its first hit is
    // in the other document, and opening it selects that document in the list.
    browser.keys("g Enter");
    let shown = browser.app().reader().doc();
    assert!(shown.is_some() && shown != first, "{shown:?} {first:?}");
    assert_eq!(selected(&browser), shown);
    // `[` goes on from the document shown: to the one before it in the list.
    browser.keys("[");
    assert_eq!(browser.app().reader().doc(), first);
}

#[test]
fn resizing_keeps_the_reading_position() {
    let mut browser = Browser::sample(120, 40);
    browser.keys("Enter Space");
    let first_row = |browser: &Browser| {
        browser.app().reader().visible_rows(&Highlights::none())[0]
            .text
            .to_string()
    };
    let before = first_row(&browser);
    browser.resize(60, 20);
    let after = first_row(&browser);
    // The row now on top is the narrower row that holds the start of the old top row.
    let first_word = before.split_whitespace().next().unwrap_or_default();
    assert!(
        !first_word.is_empty() && after.contains(first_word),
        "{before:?} / {after:?}"
    );
    assert!(!browser.app().reader().position().at_top);
}

#[test]
fn f2_lists_the_skipped_files_and_f1_switches_to_the_help() {
    let dir = temp_corpus(&[("a.txt", "A document."), ("b.txt", "bin\u{0}ary")]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    assert_eq!(browser.app().skipped().len(), 1);
    browser.keys("F2");
    let kind = |browser: &Browser| browser.app().overlay().map(|o| o.kind);
    assert_eq!(kind(&browser), Some(OverlayKind::Skipped));
    let screen = browser.screen();
    assert!(
        screen.contains("b.txt") && screen.contains("binary (NUL byte"),
        "{screen}"
    );
    browser.keys("F1");
    assert_eq!(kind(&browser), Some(OverlayKind::Help));
    browser.keys("q");
    assert_eq!((browser.app().overlay(), browser.exit()), (None, None));
}

#[test]
fn the_extended_query_syntax_filters_titles() {
    let dir = temp_corpus(&[
        ("a.txt", "Beacon of hope."),
        ("b.txt", "A beacon in the dark."),
        ("c.txt", "War and peace."),
        ("d.txt", "Peace talks resume."),
        ("e.txt", "Oil at $90 a barrel!"),
    ]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    let mut titles_for = |query: &str| {
        browser.keys("Ctrl-U").keys(&typing(query));
        let mut shown = browser.titles();
        shown.sort();
        shown
    };
    assert_eq!(titles_for("beacon !hope"), ["A beacon in the dark."]);
    assert_eq!(titles_for("^peace"), ["Peace talks resume."]);
    assert_eq!(titles_for("peace.$"), ["War and peace."]);
    assert_eq!(
        titles_for("'con"),
        ["A beacon in the dark.", "Beacon of hope."]
    );
    assert_eq!(
        titles_for("war | talks"),
        ["Peace talks resume.", "War and peace."]
    );
    assert_eq!(
        titles_for("Beacon"),
        ["Beacon of hope."],
        "uppercase: case-sensitive"
    );
    assert_eq!(titles_for("'bcn").len(), 0, "exact is not fuzzy");
    assert_eq!(titles_for("bcn").len(), 2, "plain terms stay fuzzy");
    let all = titles_for("");
    for punctuation in ["!", "$", "'", "^", "|", "."] {
        let literal: Vec<_> = all
            .iter()
            .filter(|title| title.contains(punctuation))
            .cloned()
            .collect();
        assert_eq!(
            titles_for(punctuation),
            literal,
            "punctuation alone is its own text: {punctuation}"
        );
    }
    assert_eq!(titles_for("\"of hope\""), ["Beacon of hope."], "a phrase");
    assert!(
        titles_for("\"hope of\"").is_empty(),
        "a phrase keeps its order"
    );
}

#[test]
fn exact_mode_asks_for_the_titles_that_contain_the_word() {
    let dir = temp_corpus(&[
        ("a.txt", "Oil prices rise."),
        ("b.txt", "Spoiled harvest."),
        ("c.txt", "Coins in lieu of pay."),
    ]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    let titles = |browser: &mut Browser| {
        let mut shown = browser.titles();
        shown.sort();
        shown
    };
    browser.keys("oil");
    assert_eq!(titles(&mut browser).len(), 3, "fuzzy: o…i…l in all three");
    browser.keys("Ctrl-X");
    assert_eq!(
        titles(&mut browser),
        ["Oil prices rise.", "Spoiled harvest."]
    );
    assert!(
        browser.screen().starts_with("exact> oil"),
        "{}",
        browser.screen()
    );
    // In exact mode a quote asks for fuzzy matching, as fzf's --exact.
    browser.keys("Ctrl-U 'oil");
    assert_eq!(titles(&mut browser).len(), 3);
    browser.keys("Ctrl-X Ctrl-U oil");
    assert_eq!(titles(&mut browser).len(), 3, "back to fuzzy");
    assert!(browser.screen().starts_with("> oil"));
}

#[test]
fn plus_keeps_the_search_term_as_a_keyword_with_its_count() {
    let dir = temp_corpus(&[(
        "a.txt",
        "Storm warning.\nThe storm closed the harbour; the harbour reopened after the storm.",
    )]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Enter +");
    assert_eq!(
        browser.message(),
        Some("no search term or query word to add as a keyword")
    );
    browser.keys("/ harbour Enter +");
    assert_eq!(browser.message(), Some("keyword added: harbour"));
    assert_eq!(browser.app().keywords(), ["harbour"]);
    let app = browser.app();
    let rows = app.reader().visible_rows(&app.reader_keywords());
    assert!(
        rows.iter().any(|row| row.text == "harbour 2"),
        "counted in the header"
    );
    browser.keys("+");
    assert_eq!(browser.message(), Some("harbour is a keyword already"));
}

#[test]
fn ctrl_s_sorts_by_title_date_path_and_length_in_turn() {
    let long = format!("Apple news. {}", "More words here. ".repeat(50));
    let dir = temp_corpus(&[
        ("a.txt", "date 2021-03-01 Zebra report. Short."),
        ("b.txt", &long),
        ("c.txt", "date 2020-01-01 mango story. Short too."),
    ]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Down");
    let first_words = |browser: &Browser| -> Vec<String> {
        browser
            .titles()
            .iter()
            .map(|t| t.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    let mut seen = Vec::new();
    for _ in 0..5 {
        browser.keys("Ctrl-S");
        seen.push((browser.app().list().order().label(), first_words(&browser)));
        assert_eq!(
            browser.app().list().selected_doc(),
            Some(1),
            "the selected document stays selected"
        );
    }
    assert_eq!(
        seen,
        [
            (
                "title",
                vec!["Apple".to_string(), "mango".into(), "Zebra".into()]
            ),
            ("date", vec!["Zebra".into(), "mango".into(), "Apple".into()]),
            ("path", vec!["Zebra".into(), "Apple".into(), "mango".into()]),
            (
                "length",
                vec!["Apple".into(), "mango".into(), "Zebra".into()]
            ),
            (
                "relevance",
                vec!["Zebra".into(), "Apple".into(), "mango".into()]
            ),
        ]
    );
    browser.keys("Ctrl-S");
    assert!(browser.screen().contains("3/3 by title"));
    // A new query keeps the order.
    browser.keys("o");
    assert_eq!(browser.app().list().order().label(), "title");
    assert_eq!(first_words(&browser), ["mango", "Zebra"]);
}

#[test]
fn tab_marks_and_ctrl_o_chooses_the_marked_or_the_selected() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Ctrl-O");
    assert_eq!(browser.exit(), Some(&Exit::Accept(vec![0])));
    let mut browser = Browser::sample(80, 24);
    browser.keys("Tab");
    assert_eq!(browser.app().list().selected(), 1, "Tab moves on");
    browser.keys("Tab Up Up");
    assert_eq!(browser.app().list().marked().len(), 2);
    // The counter says how many are marked.
    let query_line = browser
        .screen()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(query_line.contains("2/2 · 2 marked"), "{query_line}");
    browser.keys("Tab");
    assert_eq!(
        browser
            .app()
            .list()
            .marked()
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [1],
        "Tab again unmarks"
    );
    browser.keys("Enter Ctrl-O");
    assert_eq!(browser.exit(), Some(&Exit::Accept(vec![1])));
    let mut browser = Browser::sample(80, 24);
    browser.keys("Esc");
    assert_eq!(browser.exit(), Some(&Exit::Quit));
}

#[test]
fn y_copies_the_path_and_e_hands_the_document_over_at_the_line_on_screen() {
    use folio::testing::Program;
    let mut browser = Browser::sample(80, 24);
    browser.keys("Enter y Y");
    // The absolute path, so that it names the file wherever it is pasted.
    let absolute = std::path::absolute("corpus/000_9c89a7a231365477.txt")
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    assert_eq!(browser.copied(), [absolute, browser.titles()[0].clone()]);
    assert!(
        browser
            .message()
            .is_some_and(|note| note.starts_with("copied the title to the clipboard")),
        "{:?}",
        browser.message()
    );
    browser.keys("e");
    browser.keys(&["Space"; 2].join(" ")).keys("o");
    let handed = browser.handed_over();
    assert_eq!(handed.len(), 2);
    assert_eq!(handed[0].program, Program::Editor);
    assert_eq!(handed[0].line, 1, "the header is at the top: line 1");
    assert!(handed[0].path.ends_with("000_9c89a7a231365477.txt"));
    assert_eq!(handed[1].program, Program::Pager);
    assert!(
        handed[1].line > 1,
        "two pages down, the pager opens further on"
    );
}

#[test]
fn an_unclosed_quote_is_said_in_the_query_line_while_the_phrase_matches() {
    let dir = temp_corpus(&[("a.txt", "Tax claim rejected."), ("b.txt", "Claim on tax.")]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys(&typing("\"tax cl"));
    let screen = browser.screen();
    let first = screen.lines().next().unwrap_or_default();
    assert!(first.contains("unclosed \""), "{first}");
    assert_eq!(
        browser.titles(),
        ["Tax claim rejected."],
        "matched as if closed"
    );
    browser.keys(&typing("aim\""));
    let first = browser
        .screen()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!first.contains("unclosed"), "{first}");
}

#[test]
fn sorting_by_date_without_dates_says_so() {
    let dir = temp_corpus(&[("a.txt", "Beta story."), ("b.txt", "Alpha story.")]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Ctrl-S");
    assert_eq!(browser.message(), Some("sorted by title"));
    browser.keys("Ctrl-S");
    assert_eq!(browser.message(), Some("no dates: path order"));
    assert_eq!(browser.titles(), ["Beta story.", "Alpha story."]);
}

#[test]
fn the_reader_shows_a_windows_1252_pound_as_a_pound() -> TestResult {
    let dir = tempfile::tempdir()?;
    let bytes = b"Pound story\nThe fund paid \xA340m to the council.\n";
    std::fs::write(dir.path().join("pound.txt"), bytes)?;
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Enter");
    let screen = browser.screen();
    assert!(screen.contains("paid £40m"), "{screen}");
    assert!(!screen.contains('Ł'), "{screen}");
    Ok(())
}

#[test]
fn a_short_reader_keeps_three_lines_for_the_text() {
    // At 40x10 the whole header (a wrapped title, the path, the facts, the rule) took every
    // row: the header shrinks to one line and the text shows.
    let mut browser = Browser::sample(40, 10);
    browser.keys("Enter");
    let screen = browser.screen();
    let text_rows = screen
        .lines()
        .filter(|line| {
            [
                "absolute poverty",
                "COVID-19 under",
                "Communist Party of China",
            ]
            .iter()
            .any(|words| line.contains(words))
        })
        .count();
    assert!(text_rows >= 3, "{screen}");
    assert!(
        screen.contains("corpus/000_9c89a7a231365477.txt · 3.1"),
        "{screen}"
    );
    // A tall pane shows the whole header again.
    browser.resize(80, 24);
    let screen = browser.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.trim_end().ends_with("corpus/000_9c89a7a231365477.txt")),
        "{screen}"
    );
}

#[test]
fn only_the_marked_documents_then_the_querys_matches_again() {
    let dir = temp_corpus(&[
        ("a.txt", "Alpha beacon\nx\n"),
        ("b.txt", "Bravo notes\nx\n"),
        ("c.txt", "Charlie beacon\nx\n"),
    ]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("beacon");
    assert_eq!(browser.matches().len(), 2);
    browser.keys("Tab Alt-m");
    assert_eq!(browser.matches(), vec![0], "only the marked one");
    // Pressed again, the query's own matches come back (its ranking is not taken for the
    // list of marks), and so they do when the query changes.
    browser.keys("Alt-m");
    assert_eq!(browser.matches().len(), 2, "the query's matches again");
    browser.keys("Alt-m Backspace");
    assert_eq!(browser.app().query(), "beaco");
    assert_eq!(browser.matches().len(), 2);
    browser.keys("Ctrl-U Alt-m");
    assert_eq!(browser.matches(), vec![0]);
    browser.keys("Alt-m");
    assert_eq!(browser.matches().len(), 3, "an empty query: every document");
}
