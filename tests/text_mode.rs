//! The list's text mode (Ctrl-F), driven through the real keymap: the query searches the
//! documents' text, rows show hits and passages, the reader opens at the first hit and n/N
//! walk every hit of every term.

mod common;

use common::{app_over, ctrl, key, press, render, sample_app, screen_text, temp_corpus, type_text};
use crossterm::event::KeyCode;
use folio::app::{Focus, SearchIn};

const SEED: &str = "corpus/000_9c89a7a231365477.txt";

#[test]
fn ctrl_f_searches_the_text_for_a_word_in_no_title() {
    let mut app = sample_app(100, 20);
    type_text(&mut app, "'foster");
    assert!(app.matches.is_empty(), "no title mentions Foster");
    press(&mut app, &[ctrl('u'), ctrl('f')]);
    assert_eq!(app.search_in, SearchIn::Text);
    type_text(&mut app, "foster");
    let hits = common::body_count(SEED, "foster");
    assert_eq!(hits, 9, "the seed names Foster nine times");
    assert_eq!(app.matches.len(), 1);
    let found = app.matches[0];
    assert!(app.docs[found].path.ends_with("000_9c89a7a231365477.txt"));
    assert_eq!(app.hits_in(found), Some(hits));
    let passage = app.passage_of(found).unwrap_or_default().to_string();
    assert!(passage.contains("Foster"), "{passage}");
    let screen = screen_text(&render(&app));
    let first_line = screen.lines().next().unwrap_or_default();
    assert!(first_line.starts_with("text> foster"), "{first_line}");
    assert!(screen.contains("9 hits"), "{screen}");
    // The passage is the row under the title.
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows.len() > 2 && rows[2].contains("Secretary John"),
        "{screen}"
    );
    press(&mut app, &[ctrl('f')]);
    assert_eq!(app.search_in, SearchIn::Titles);
    assert!(screen_text(&render(&app)).starts_with("> foster"));
}

#[test]
fn enter_opens_at_the_first_hit_and_n_walks_all_of_them() {
    let mut app = sample_app(80, 24);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "foster");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.message.as_deref(), Some("match 1 of 9"));
    let first = screen_text(&render(&app));
    assert!(
        first.contains("Foster"),
        "the first hit is in view:\n{first}"
    );
    for n in 2..=9 {
        press(&mut app, &[key(KeyCode::Char('n'))]);
        assert_eq!(app.reader.match_counter(), format!("match {n} of 9"));
        let screen = screen_text(&render(&app));
        assert!(screen.contains("Foster"), "hit {n} is in view:\n{screen}");
    }
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(app.reader.match_counter(), "match 1 of 9");
    press(&mut app, &[key(KeyCode::Char('N'))]);
    assert_eq!(app.reader.match_counter(), "match 9 of 9");
}

#[test]
fn hits_of_every_term_are_walked_and_negated_terms_are_not() {
    let dir = temp_corpus(&[
        (
            "a.txt",
            "Harbour report.\nThe storm hit the harbour.\nA calm night.\nStorm again.\n",
        ),
        ("b.txt", "Budget.\nThe storm passed; taxes stay flat.\n"),
        ("c.txt", "Nothing.\nNo weather at all.\n"),
    ]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "storm harbour");
    assert_eq!(app.matches.len(), 1, "both words, in one document only");
    assert_eq!(app.hits_in(app.matches[0]), Some(4));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 4"));
    press(&mut app, &[key(KeyCode::Esc), ctrl('u')]);
    type_text(&mut app, "storm !harbour");
    let names: Vec<String> = app
        .matches
        .iter()
        .map(|&doc| app.docs[doc].path.display().to_string())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("b.txt"));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 1"));
}

#[test]
fn a_whole_word_query_skips_longer_words_and_case_counts_when_typed() {
    let dir = temp_corpus(&[
        ("a.txt", "Title one.\nwarfare and warden, nothing else.\n"),
        ("b.txt", "Title two.\nA war began; WAR again.\n"),
    ]);
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "war");
    assert_eq!(app.matches.len(), 2, "a substring: warfare counts");
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "'war'");
    assert_eq!(app.matches.len(), 1);
    assert_eq!(app.hits_in(app.matches[0]), Some(2));
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "WAR");
    assert_eq!(
        app.hits_in(app.matches[0]),
        Some(1),
        "capitals: case-sensitive"
    );
}

#[test]
fn a_phrase_broken_by_wrapping_is_still_found() {
    // At 30 columns "Secretary John Foster told" is cut across rows; the search reads the line.
    let mut app = sample_app(30, 24);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('/'))]);
    type_text(&mut app, "secretary john foster told");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 1"));
    // The text query takes a phrase with escaped spaces, as fzf does.
    let mut app = sample_app(30, 24);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "secretary\\ john\\ foster\\ told");
    assert_eq!(app.matches.len(), 1);
    assert_eq!(app.hits_in(app.matches[0]), Some(1));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.message.as_deref(), Some("match 1 of 1"));
    let screen = screen_text(&render(&app));
    assert!(screen.contains("Secretary John"), "{screen}");
}

#[test]
fn an_empty_text_query_lists_every_document_with_one_row_each() {
    let mut app = sample_app(100, 20);
    press(&mut app, &[ctrl('f')]);
    assert_eq!(app.matches.len(), 2);
    assert!(!app.shows_passages());
    let screen = screen_text(&render(&app));
    assert!(screen.starts_with("text> "), "{screen}");
    assert!(!screen.contains("hits"), "{screen}");
}

#[test]
fn a_page_is_half_as_many_matches_in_text_mode_and_whole_again_after() {
    let dir = common::generated_corpus(40, |i| {
        (
            format!("{i:02}.txt"),
            format!("Harbour note {i}.\nThe harbour, item {i}.\n"),
        )
    });
    let mut app = app_over(dir.path(), &[], "", 80, 24);
    press(&mut app, &[key(KeyCode::PageDown)]);
    let title_page = app.selected;
    press(&mut app, &[key(KeyCode::PageUp), ctrl('f')]);
    type_text(&mut app, "harbour");
    assert_eq!(app.matches.len(), 40);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.selected, title_page / 2, "two rows a match");
    press(
        &mut app,
        &[key(KeyCode::PageUp), ctrl('f'), key(KeyCode::PageDown)],
    );
    assert_eq!(app.selected, title_page, "one row a title again");
}

#[test]
fn clearing_the_text_query_clears_the_readers_hits() {
    let mut app = sample_app(100, 20);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "foster");
    assert!(app.reader.search().is_some_and(|s| s.hits.len() == 9));
    press(&mut app, &[ctrl('u')]);
    assert!(app.reader.search().is_none(), "no query, nothing to walk");
}

#[test]
fn the_background_search_gives_what_the_search_on_the_spot_gives() {
    let (sender, found) = std::sync::mpsc::channel();
    let searcher = folio::search::text::searcher::TextSearcher::spawn(move |news| {
        let _ = sender.send(news);
    })
    .unwrap_or_else(|error| panic!("{error}"));
    let mut app = sample_app(100, 20);
    app.search_text_in_background(searcher);
    press(&mut app, &[ctrl('f')]);
    type_text(&mut app, "party");
    assert!(app.ranking, "the list waits for the background search");
    loop {
        let news = found
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|error| panic!("no news from the search: {error}"));
        let done = news.done;
        app.text_found(news);
        if done && !app.ranking {
            break;
        }
    }
    let mut on_the_spot = sample_app(100, 20);
    press(&mut on_the_spot, &[ctrl('f')]);
    type_text(&mut on_the_spot, "party");
    assert_eq!(app.matches, on_the_spot.matches);
    assert!(!app.matches.is_empty());
    for &doc in &app.matches {
        assert_eq!(app.hits_in(doc), on_the_spot.hits_in(doc));
    }
}
