//! State tests: key sequences go through the real keymap into `App::update`, and the
//! resulting state is checked. No terminal is involved.

mod common;

use common::{app_over, ctrl, key, press, sample_app, temp_corpus, type_text};
use crossterm::event::KeyCode;
use folio::app::{Exit, Focus};
use folio::text::highlight::Mark;

fn titles(app: &folio::app::App) -> Vec<&str> {
    app.matches.iter().map(|&i| &*app.docs[i].title).collect()
}

#[test]
fn the_sample_corpus_lists_both_titles_in_path_order() {
    let app = sample_app(80, 24);
    assert_eq!(app.matches, vec![0, 1]);
    assert!(titles(&app)[0].starts_with("China's achievements"));
    assert!(titles(&app)[1].starts_with("President Xi Jinping"));
    assert_eq!(
        app.reader.doc(),
        Some(0),
        "the reader shows the selection at once"
    );
}

#[test]
fn typing_filters_and_editing_keys_widen_it_again() {
    let mut app = sample_app(80, 24);
    type_text(&mut app, "beacon");
    assert_eq!(app.query, "beacon");
    assert_eq!(app.matches, vec![0]);
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(app.query, "beaco");
    type_text(&mut app, "n xi");
    assert_eq!(app.matches.len(), 0, "every word must match");
    press(&mut app, &[ctrl('w')]);
    assert_eq!(app.query, "beacon ");
    assert_eq!(app.matches, vec![0]);
    press(&mut app, &[ctrl('u')]);
    assert_eq!(app.query, "");
    assert_eq!(app.matches, vec![0, 1]);
}

#[test]
fn esc_clears_the_query_then_quits() {
    let mut app = sample_app(80, 24);
    type_text(&mut app, "xi");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!((app.query.as_str(), app.exit), ("", None));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.exit, Some(Exit::Quit));
}

#[test]
fn ctrl_c_interrupts_from_any_mode() {
    for keys in [
        vec![],
        vec![key(KeyCode::Enter)],
        vec![key(KeyCode::Enter), key(KeyCode::Char('/'))],
    ] {
        let mut app = sample_app(80, 24);
        press(&mut app, &keys);
        press(&mut app, &[ctrl('c')]);
        assert_eq!(app.exit, Some(Exit::Interrupted));
    }
}

#[test]
fn the_selection_moves_clamps_and_follows_into_the_reader() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Up)]);
    assert_eq!(app.selected, 0);
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!((app.selected, app.reader.doc()), (1, Some(1)));
    press(&mut app, &[key(KeyCode::Down), ctrl('n')]);
    assert_eq!(app.selected, 1);
    press(&mut app, &[ctrl('p')]);
    assert_eq!((app.selected, app.reader.doc()), (0, Some(0)));
}

#[test]
fn page_keys_move_by_a_screen_of_rows_and_the_list_scrolls() {
    let dir = common::generated_corpus(50, |i| {
        (format!("doc{i:02}.txt"), format!("Document number {i}."))
    });
    // 80x24 stacked: the list has 9 rows, one of them the query line.
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.selected, 8);
    assert_eq!(app.list_top, 1);
    press(&mut app, &[key(KeyCode::PageDown); 10]);
    assert_eq!(app.selected, 49);
    assert_eq!(app.list_top, 42);
    press(&mut app, &[key(KeyCode::PageUp)]);
    assert_eq!(app.selected, 41);
    assert_eq!(app.list_top, 41);
}

/// Every row of the document in the reader, read at the same width on a screen tall enough
/// to hold it all.
fn every_row(app: &folio::app::App) -> Vec<String> {
    let mut tall = sample_app(app.size.0, 10_000);
    press(&mut tall, &[key(KeyCode::Enter)]);
    assert_eq!(tall.reader.doc(), app.reader.doc());
    assert!(tall.reader.position().at_end);
    let rows = tall.reader.visible_rows(&[]);
    rows.iter().map(|row| row.text.to_string()).collect()
}

/// Which of `all` rows is at the top of the reader (the page on screen must match there).
fn top_row(app: &folio::app::App, all: &[String]) -> usize {
    let shown: Vec<String> = app
        .reader
        .visible_rows(&[])
        .iter()
        .map(|row| row.text.to_string())
        .collect();
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
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::Reader);
    let page = app.reader.page_rows();
    assert_eq!(
        page, 22,
        "80x24 reading: all rows but the bar and the status line"
    );
    let all = every_row(&app);
    assert!(
        all.len() > 2 * page,
        "the sample document is longer than two pages"
    );
    let total = all.len();
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Down)]);
    assert_eq!(top_row(&app, &all), 2);
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(top_row(&app, &all), 1);
    press(&mut app, &[key(KeyCode::Char(' '))]);
    assert_eq!(top_row(&app, &all), 1 + page);
    press(&mut app, &[key(KeyCode::Char('b'))]);
    assert_eq!(top_row(&app, &all), 1);
    press(&mut app, &[ctrl('d')]);
    assert_eq!(top_row(&app, &all), 1 + page / 2);
    press(&mut app, &[ctrl('u')]);
    assert_eq!(top_row(&app, &all), 1);
    press(&mut app, &[key(KeyCode::Char('G'))]);
    assert_eq!(top_row(&app, &all), total - page);
    assert!(app.reader.position().at_end);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(
        top_row(&app, &all),
        total - page,
        "no scrolling past the end"
    );
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(top_row(&app, &all), total - page - 1);
    assert!(!app.reader.position().at_end);
    press(&mut app, &[key(KeyCode::Home)]);
    assert_eq!(top_row(&app, &all), 0);
    assert!(app.reader.position().at_top);
    press(&mut app, &[key(KeyCode::End), key(KeyCode::Char('g'))]);
    assert_eq!(top_row(&app, &all), 0);
    for back in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Left] {
        press(&mut app, &[key(KeyCode::Enter)]);
        press(&mut app, &[key(back)]);
        assert_eq!(app.focus, Focus::List);
        assert_eq!(app.exit, None);
    }
}

#[test]
fn ctrl_n_in_the_reader_reads_the_next_document_from_its_top() {
    let mut app = sample_app(80, 24);
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Char(' ')), ctrl('n')],
    );
    assert_eq!(app.reader.doc(), Some(1));
    assert!(app.reader.position().at_top);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn search_counts_every_match_and_n_walks_them_wrapping_around() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('/'))]);
    assert_eq!(app.search_prompt.as_deref(), Some(""));
    type_text(&mut app, "party");
    assert_eq!(
        app.query, "",
        "typing in the prompt does not touch the filter"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    let total = common::body_count("corpus/000_9c89a7a231365477.txt", "party");
    assert!(total >= 3, "the seed mentions the party several times");
    assert_eq!(
        app.message.as_deref(),
        Some(format!("match 1 of {total}").as_str())
    );
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(app.reader.match_counter(), format!("match 2 of {total}"));
    press(
        &mut app,
        &[key(KeyCode::Char('N')), key(KeyCode::Char('N'))],
    );
    assert_eq!(
        app.reader.match_counter(),
        format!("match {total} of {total}")
    );
    let wrapped = app.message.clone().unwrap_or_default();
    assert!(wrapped.contains("continuing at the end"), "{wrapped}");
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(
        app.message
            .clone()
            .unwrap_or_default()
            .contains("continuing at the top")
    );
    assert_eq!(app.reader.match_counter(), format!("match 1 of {total}"));
}

#[test]
fn the_current_match_is_scrolled_into_view() {
    let mut app = sample_app(40, 10);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('/'))]);
    type_text(&mut app, "party");
    press(&mut app, &[key(KeyCode::Enter)]);
    let total = app.reader.search().map_or(0, |s| s.hits.len());
    for _ in 0..total {
        let rows = app.reader.visible_rows(&[]);
        assert!(
            rows.iter()
                .any(|row| row.marks.iter().any(|(_, m)| *m == Mark::CurrentMatch)),
            "{}",
            app.reader.match_counter()
        );
        press(&mut app, &[key(KeyCode::Char('n'))]);
    }
}

#[test]
fn empty_prompt_repeats_the_last_search_and_esc_cancels() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('/'))]);
    type_text(&mut app, "china");
    press(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Char('/')),
            key(KeyCode::Enter),
        ],
    );
    assert!(app.reader.match_counter().starts_with("match 1 of"));
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "zzz");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.search_prompt, None);
    assert_eq!(
        app.focus,
        Focus::Reader,
        "Esc closes the prompt, not the reader"
    );
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "zzz");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.message.as_deref(), Some("pattern not found: zzz"));
}

#[test]
fn n_before_any_search_says_how_to_search() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('n'))]);
    assert_eq!(
        app.message.as_deref(),
        Some("no search yet: press / to search")
    );
}

#[test]
fn query_words_and_keywords_are_marked_in_the_reader() {
    let dir = temp_corpus(&[(
        "a.txt",
        "Alpha beta gamma.\nThe beta test and the GAMMA ray.",
    )]);
    let mut app = app_over(dir.path(), &["gamma"], "beta", 80, 24);
    press(&mut app, &[key(KeyCode::Enter)]);
    let rows = app.reader.visible_rows(&app.reader_keywords());
    let marked: Vec<(&str, Mark)> = rows
        .iter()
        .filter(|row| row.kind == folio::reader::LineKind::Body)
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
    let mut app = sample_app(80, 24);
    type_text(&mut app, "qqqq");
    assert_eq!(app.reader.doc(), None);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.message.as_deref(), Some("no document to read"));
}

#[test]
fn the_query_option_starts_filtered() {
    let app = app_over(std::path::Path::new("corpus"), &[], "beacon", 80, 24);
    assert_eq!(app.matches, vec![0]);
}

#[test]
fn help_opens_closes_and_swallows_keys() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::F(1))]);
    let help = |scroll| {
        Some(folio::app::Overlay {
            kind: folio::app::OverlayKind::Help,
            scroll,
        })
    };
    assert_eq!(app.overlay, help(0));
    press(
        &mut app,
        &[key(KeyCode::Char('j')), key(KeyCode::Char('x'))],
    );
    assert_eq!(app.overlay, help(1));
    assert_eq!(app.query, "", "keys in the help do not reach the query");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!((app.overlay, app.exit), (None, None));
}

#[test]
fn resizing_keeps_the_reading_position() {
    let mut app = sample_app(120, 40);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char(' '))]);
    let before = app.reader.visible_rows(&[])[0].text.to_string();
    app.update(folio::keys::action::Action::Resize(60, 20));
    let after = app.reader.visible_rows(&[])[0].text.to_string();
    // The row now on top is the narrower row that holds the start of the old top row.
    let first_word = before.split_whitespace().next().unwrap_or_default();
    assert!(
        !first_word.is_empty() && after.contains(first_word),
        "{before:?} / {after:?}"
    );
    assert!(!app.reader.position().at_top);
}

#[test]
fn f2_lists_the_skipped_files_and_f1_switches_to_the_help() {
    let dir = temp_corpus(&[("a.txt", "A document."), ("b.txt", "bin\u{0}ary")]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    assert_eq!(app.skipped.len(), 1);
    press(&mut app, &[key(KeyCode::F(2))]);
    assert_eq!(
        app.overlay.map(|o| o.kind),
        Some(folio::app::OverlayKind::Skipped)
    );
    let screen = common::screen_text(&common::render(&app));
    assert!(
        screen.contains("b.txt") && screen.contains("binary (NUL byte"),
        "{screen}"
    );
    press(&mut app, &[key(KeyCode::F(1))]);
    assert_eq!(
        app.overlay.map(|o| o.kind),
        Some(folio::app::OverlayKind::Help)
    );
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert_eq!((app.overlay, app.exit), (None, None));
}

#[test]
fn documents_arriving_while_loading_join_in_ranked_place_and_keep_the_selection() {
    use folio::corpus::loader::Loaded;
    let dir = temp_corpus(&[
        ("a.txt", "Alpha beacon."),
        ("b.txt", "Beacon first."),
        ("c.txt", "Other text."),
    ]);
    let full = app_over(dir.path(), &[], "beacon", 80, 24);
    // The same corpus arriving in two parts gives the same ranking.
    let corpus =
        folio::corpus::load(dir.path(), &common::options()).unwrap_or_else(|e| panic!("{e}"));
    let mut docs: Vec<_> = corpus.docs.iter().cloned().collect();
    let later = docs.split_off(1);
    let first = folio::corpus::Corpus {
        root: corpus.root,
        docs: folio::corpus::store::DocStore::new(docs, Default::default()),
        ..Default::default()
    };
    let mut app = folio::app::App::new(first, vec![], "beacon".into());
    app.loading = true;
    app.update(folio::keys::action::Action::Resize(80, 24));
    assert_eq!(app.matches, vec![0]);
    app.load(Loaded {
        docs: later,
        skipped: vec![],
        finished: true,
    });
    assert_eq!(app.matches, full.matches);
    assert!(!app.loading);
    assert_eq!(
        app.selected_doc(),
        Some(0),
        "the selected document stays selected"
    );
    assert_eq!(app.reader.doc(), Some(0));
}

#[test]
fn background_ranking_keeps_only_the_newest_query_and_narrows() {
    use folio::search::titles::ranker::Ranker;
    let dir = common::generated_corpus(300, |i| {
        let contents = format!("Report {i} on beacon number {}.", i % 10);
        (format!("d{i:03}.txt"), contents)
    });
    let expected = app_over(dir.path(), &[], "beacon 7", 80, 24).matches;
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    let (sender, results) = std::sync::mpsc::channel();
    let ranker = Ranker::spawn(move |ranked| {
        let _ = sender.send(ranked);
    })
    .unwrap_or_else(|e| panic!("{e}"));
    app.rank_in_background(ranker);
    type_text(&mut app, "beacon");
    assert!(app.ranking, "the list waits for the ranker");
    assert_eq!(
        app.matches.len(),
        300,
        "and keeps the previous matches meanwhile"
    );
    // Apply results as they come until the ranking for "beacon" is shown.
    while app.ranking {
        app.ranked(results.recv().unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(app.matches.len(), 300);
    type_text(&mut app, " 7");
    while app.ranking {
        app.ranked(results.recv().unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(app.matches, expected, "narrowed ranking equals a full one");
    assert!(app.matches.len() < 300);
}

#[test]
fn a_space_between_words_keeps_the_list_and_the_selection() {
    let dir = common::generated_corpus(20, |i| {
        (format!("{i:02}.txt"), format!("Beacon report number {i}."))
    });
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    type_text(&mut app, "beacon");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    let (matches, selected) = (app.matches.clone(), app.selected);
    assert_eq!(selected, 2);
    type_text(&mut app, " ");
    assert_eq!(
        (&app.matches, app.selected),
        (&matches, 2),
        "no new ranking"
    );
    type_text(&mut app, "1");
    assert_eq!(app.selected, 0, "a new term ranks again");
    assert!(app.matches.len() < matches.len());
}

#[test]
fn going_back_to_a_recent_query_shows_it_without_ranking_again() {
    let dir = common::generated_corpus(300, |i| {
        (
            format!("{i:03}.txt"),
            format!("Beacon report {i} on harbour {}.", i % 7),
        )
    });
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    let (deliver, delivered) = std::sync::mpsc::channel();
    let ranker = folio::search::titles::ranker::Ranker::spawn(move |ranked| {
        let _ = deliver.send(ranked);
    })
    .unwrap_or_else(|error| panic!("{error}"));
    app.rank_in_background(ranker);
    let settle = |app: &mut folio::app::App| {
        while app.ranking {
            let ranked = delivered
                .recv_timeout(std::time::Duration::from_secs(10))
                .unwrap_or_else(|error| panic!("no ranking came: {error}"));
            app.ranked(ranked);
        }
    };
    type_text(&mut app, "harbour 3");
    settle(&mut app);
    let harbour_3 = app.matches.clone();
    assert!(!harbour_3.is_empty());
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_text(&mut app, "4");
    assert!(app.ranking, "a new query is ranked in the background");
    settle(&mut app);
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_text(&mut app, "3");
    assert!(!app.ranking, "an earlier query is shown at once");
    assert_eq!(app.matches, harbour_3);
}

#[test]
fn the_extended_query_syntax_filters_titles() {
    let dir = temp_corpus(&[
        ("a.txt", "Beacon of hope."),
        ("b.txt", "A beacon in the dark."),
        ("c.txt", "War and peace."),
        ("d.txt", "Peace talks resume."),
    ]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    let mut titles_for = |query: &str| {
        press(&mut app, &[ctrl('u')]);
        type_text(&mut app, query);
        let mut shown: Vec<String> = titles(&app).iter().map(|t| t.to_string()).collect();
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
    assert_eq!(
        titles_for("!"),
        titles_for(""),
        "a bare operator filters nothing"
    );
}

#[test]
fn plus_keeps_the_search_term_as_a_keyword_with_its_count() {
    let dir = temp_corpus(&[(
        "a.txt",
        "Storm warning.\nThe storm closed the harbour; the harbour reopened after the storm.",
    )]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('+'))]);
    assert_eq!(
        app.message.as_deref(),
        Some("no search term or query word to add as a keyword")
    );
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "harbour");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('+'))]);
    assert_eq!(app.message.as_deref(), Some("keyword added: harbour"));
    assert_eq!(app.keywords, ["harbour"]);
    let rows = app.reader.visible_rows(&app.reader_keywords());
    assert!(
        rows.iter().any(|row| row.text == "harbour 2"),
        "counted in the header"
    );
    press(&mut app, &[key(KeyCode::Char('+'))]);
    assert_eq!(app.message.as_deref(), Some("harbour is a keyword already"));
}

#[test]
fn ctrl_s_sorts_by_title_date_path_and_length_in_turn() {
    let long = format!("Apple news. {}", "More words here. ".repeat(50));
    let dir = temp_corpus(&[
        ("a.txt", "date 2021-03-01 Zebra report. Short."),
        ("b.txt", &long),
        ("c.txt", "date 2020-01-01 mango story. Short too."),
    ]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[key(KeyCode::Down)]);
    let first_words = |app: &folio::app::App| -> Vec<String> {
        titles(app)
            .iter()
            .map(|t| t.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut app, &[ctrl('s')]);
        seen.push((app.order.label(), first_words(&app)));
        assert_eq!(
            app.selected_doc(),
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
    press(&mut app, &[ctrl('s')]);
    assert!(common::screen_text(&common::render(&app)).contains("3/3 by title"));
    // A new query keeps the order.
    type_text(&mut app, "o");
    assert_eq!(app.order.label(), "title");
    assert_eq!(first_words(&app), ["mango", "Zebra"]);
}

#[test]
fn tab_marks_and_ctrl_o_chooses_the_marked_or_the_selected() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[ctrl('o')]);
    assert_eq!(
        (app.exit, app.accepted.clone()),
        (Some(Exit::Accept), vec![0])
    );
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.selected, 1, "Tab moves on");
    press(
        &mut app,
        &[key(KeyCode::Tab), key(KeyCode::Up), key(KeyCode::Up)],
    );
    assert_eq!(app.marked.len(), 2);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(
        app.marked.iter().copied().collect::<Vec<_>>(),
        [1],
        "Tab again unmarks"
    );
    press(&mut app, &[key(KeyCode::Enter), ctrl('o')]);
    assert_eq!(
        (app.exit, app.accepted.clone()),
        (Some(Exit::Accept), vec![1])
    );
    let mut app = sample_app(80, 24);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.exit, Some(Exit::Quit));
}
