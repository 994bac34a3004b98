//! The list's text mode (Ctrl-F), driven through the real event loop: the query searches the
//! documents' text, rows show hits and passages, the reader opens at the first hit and n/N
//! walk every hit of every term.

use crate::common::{Browser, temp_corpus, typing};
use folio::testing::Query;
use folio::testing::search;
use folio::testing::{Focus, SearchIn};

const SEED: &str = "corpus/000_9c89a7a231365477.txt";

#[test]
fn ctrl_f_searches_the_text_for_a_word_in_no_title() {
    let mut browser = Browser::sample(100, 20);
    browser.keys("'foster");
    assert!(browser.matches().is_empty(), "no title mentions Foster");
    browser.keys("Ctrl-U Ctrl-F");
    assert_eq!(browser.app().search_in(), SearchIn::Text);
    browser.keys("foster");
    let hits = crate::common::body_count(SEED, "foster");
    assert_eq!(hits, 9, "the seed names Foster nine times");
    assert_eq!(browser.matches().len(), 1);
    let found = browser.matches()[0];
    let app = browser.app();
    assert!(
        app.docs()
            .at(found)
            .path
            .ends_with("000_9c89a7a231365477.txt")
    );
    assert_eq!(app.hits_in(found), Some(hits));
    let passage = app
        .passage_of(found)
        .map(|p| p.text.clone())
        .unwrap_or_default();
    assert!(passage.contains("Foster"), "{passage}");
    let screen = browser.screen();
    let first_line = screen.lines().next().unwrap_or_default();
    assert!(first_line.starts_with("text> foster"), "{first_line}");
    assert!(screen.contains("9 hits"), "{screen}");
    // The passage is the row under the title, cut so that the hit shows with context.
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows.len() > 2 && rows[2].contains("John Foster told"),
        "{screen}"
    );
    browser.keys("Ctrl-F");
    assert_eq!(browser.app().search_in(), SearchIn::Titles);
    assert!(browser.screen().starts_with("> foster"));
}

#[test]
fn enter_opens_at_the_first_hit_and_n_walks_all_of_them() {
    let mut browser = Browser::sample(80, 24);
    browser.keys("Ctrl-F foster Enter");
    assert_eq!(browser.app().focus(), Focus::Reader);
    assert_eq!(browser.message(), Some("match 1 of 9"));
    let first = browser.screen();
    assert!(
        first.contains("Foster"),
        "the first hit is in view:\n{first}"
    );
    let counter = |browser: &Browser| browser.app().reader().match_counter();
    for n in 2..=9 {
        browser.keys("n");
        assert_eq!(counter(&browser), format!("match {n} of 9"));
        let screen = browser.screen();
        assert!(screen.contains("Foster"), "hit {n} is in view:\n{screen}");
    }
    browser.keys("n");
    assert_eq!(counter(&browser), "match 1 of 9");
    browser.keys("N");
    assert_eq!(counter(&browser), "match 9 of 9");
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
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Ctrl-F storm Space harbour");
    assert_eq!(
        browser.matches().len(),
        1,
        "both words, in one document only"
    );
    assert_eq!(browser.app().hits_in(browser.matches()[0]), Some(4));
    browser.keys("Enter");
    assert_eq!(browser.message(), Some("match 1 of 4"));
    browser.keys("Esc Ctrl-U storm Space !harbour");
    let names: Vec<String> = browser
        .matches()
        .iter()
        .map(|&doc| browser.app().docs().at(doc).path.display().to_string())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("b.txt"));
    browser.keys("Enter");
    assert_eq!(browser.message(), Some("match 1 of 1"));
}

#[test]
fn a_whole_word_query_skips_longer_words_and_case_counts_when_typed() {
    let dir = temp_corpus(&[
        ("a.txt", "Title one.\nwarfare and warden, nothing else.\n"),
        ("b.txt", "Title two.\nA war began; WAR again.\n"),
    ]);
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("Ctrl-F war");
    assert_eq!(browser.matches().len(), 2, "a substring: warfare counts");
    browser.keys("Ctrl-U 'war'");
    assert_eq!(browser.matches().len(), 1);
    assert_eq!(browser.app().hits_in(browser.matches()[0]), Some(2));
    browser.keys("Ctrl-U WAR");
    assert_eq!(
        browser.app().hits_in(browser.matches()[0]),
        Some(1),
        "capitals: case-sensitive"
    );
}

#[test]
fn a_phrase_broken_by_wrapping_is_still_found() {
    // At 30 columns "Secretary John Foster told" is cut across rows; the search reads the line.
    let mut browser = Browser::sample(30, 24);
    browser.keys("Enter /");
    browser.keys(&typing("\"secretary john foster told\""));
    browser.keys("Enter");
    assert_eq!(browser.message(), Some("match 1 of 1"));
    // The text query takes a phrase with escaped spaces, as fzf does.
    let mut browser = Browser::sample(30, 24);
    browser.keys("Ctrl-F");
    browser.keys(&typing("secretary\\ john\\ foster\\ told"));
    assert_eq!(browser.matches().len(), 1);
    assert_eq!(browser.app().hits_in(browser.matches()[0]), Some(1));
    browser.keys("Enter");
    assert_eq!(browser.message(), Some("match 1 of 1"));
    let screen = browser.screen();
    assert!(screen.contains("Secretary John"), "{screen}");
}

#[test]
fn an_empty_text_query_lists_every_document_with_one_row_each() {
    let mut browser = Browser::sample(100, 20);
    browser.keys("Ctrl-F");
    assert_eq!(browser.matches().len(), 2);
    assert!(!browser.app().shows_passages());
    let screen = browser.screen();
    assert!(screen.starts_with("text> "), "{screen}");
    assert!(!screen.contains("hits"), "{screen}");
}

#[test]
fn a_page_is_half_as_many_matches_in_text_mode_and_whole_again_after() {
    let dir = crate::common::generated_corpus(40, |i| {
        (
            format!("{i:02}.txt"),
            format!("Harbour note {i}.\nThe harbour, item {i}.\n"),
        )
    });
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("PgDn");
    let title_page = browser.app().list().selected();
    browser.keys("PgUp Ctrl-F harbour");
    assert_eq!(browser.matches().len(), 40);
    browser.keys("PgDn");
    assert_eq!(
        browser.app().list().selected(),
        title_page / 2,
        "two rows a match"
    );
    browser.keys("PgUp Ctrl-F PgDn");
    assert_eq!(
        browser.app().list().selected(),
        title_page,
        "one row a title again"
    );
}

#[test]
fn clearing_the_text_query_clears_the_readers_hits() {
    let mut browser = Browser::sample(100, 20);
    browser.keys("Ctrl-F foster");
    let search = |browser: &Browser| browser.app().reader().search().map(|s| s.hits.len());
    assert_eq!(search(&browser), Some(9));
    browser.keys("Ctrl-U");
    assert_eq!(search(&browser), None, "no query, nothing to walk");
}

#[test]
fn the_background_search_gives_what_the_search_on_the_spot_gives() {
    let mut browser = Browser::sample(100, 20);
    browser.keys("Ctrl-F").keys_now("party");
    assert!(
        browser.app().ranking(),
        "the list waits for the background search"
    );
    browser.settle();
    assert!(!browser.app().ranking());
    let corpus = crate::common::load(std::path::Path::new("corpus"));
    let on_the_spot = search(&corpus.docs, &Query::parse("party"), 2, false);
    let matches: Vec<usize> = on_the_spot.iter().map(|found| found.index).collect();
    assert_eq!(browser.matches(), matches);
    assert!(!matches.is_empty());
    for found in &on_the_spot {
        assert_eq!(browser.app().hits_in(found.index), Some(found.hits));
    }
}
