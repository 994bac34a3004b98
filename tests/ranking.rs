//! State tests of the work done in the background while the user types: documents arriving
//! while loading, rankings where only the newest query counts, narrowing, and reusing recent
//! rankings. Key scripts are played through the real event loop and the real jobs.

use crate::common::Browser;
use folio::testing::Cancel;
use folio::testing::Corpus;
use folio::testing::Doc;
use folio::testing::DocStore;
use folio::testing::Listed;
use folio::testing::Loaded;
use folio::testing::Theme;
use folio::testing::{Setup, Update};

#[test]
fn documents_arriving_while_loading_join_in_ranked_place_and_keep_the_selection() {
    let dir = crate::common::temp_corpus(&[
        ("a.txt", "Alpha beacon."),
        ("b.txt", "Beacon first."),
        ("c.txt", "Other text."),
    ]);
    let full = Browser::over(dir.path(), &[], "beacon", 80, 24);
    // The same corpus arriving in two parts gives the same ranking.
    let corpus = crate::common::load(dir.path());
    let mut docs: Vec<_> = corpus.docs.iter().map(Doc::to_meta).collect();
    let later = docs.split_off(1);
    let first = Corpus {
        root: corpus.root,
        docs: DocStore::new(docs, Default::default()),
        ..Default::default()
    };
    let setup = Setup {
        query: "beacon".into(),
        loading: true,
        ..crate::common::setup()
    };
    let mut browser = Browser::of_corpus(first, setup, Theme::default(), 80, 24);
    assert_eq!(browser.matches(), vec![0]);
    browser.deliver(Update::Loaded(Loaded {
        docs: vec![Listed::Made(later)],
        skipped: Default::default(),
        finished: true,
    }));
    assert_eq!(browser.matches(), full.matches());
    assert!(!browser.app().loading());
    assert_eq!(
        browser.app().list().selected_doc(),
        Some(0),
        "the selected document stays selected"
    );
    assert_eq!(browser.app().reader().doc(), Some(0));
}

#[test]
fn background_ranking_keeps_only_the_newest_query_and_narrows() {
    let dir = crate::common::generated_corpus(300, |i| {
        let contents = format!("Report {i} on beacon number {}.", i % 10);
        (format!("d{i:03}.txt"), contents)
    });
    let expected = Browser::over(dir.path(), &[], "beacon 7", 80, 24).matches();
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    // Every key at once: each query cancels the one before it.
    browser.keys_now("beacon");
    assert!(browser.app().ranking(), "the list waits for the ranker");
    assert_eq!(
        browser.matches().len(),
        300,
        "and keeps the previous matches meanwhile"
    );
    // The results come as they are ready, until the ranking for "beacon" is shown.
    browser.settle();
    assert_eq!(browser.app().query(), "beacon");
    assert_eq!(browser.matches().len(), 300);
    browser.keys("Space 7");
    assert_eq!(
        browser.matches(),
        expected,
        "narrowed ranking equals a full one"
    );
    assert!(browser.matches().len() < 300);
}

#[test]
fn a_space_between_words_keeps_the_list_and_the_selection() {
    let dir = crate::common::generated_corpus(20, |i| {
        (format!("{i:02}.txt"), format!("Beacon report number {i}."))
    });
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("beacon Down Down");
    let (matches, selected) = (browser.matches(), browser.app().list().selected());
    assert_eq!(selected, 2);
    browser.keys("Space");
    assert_eq!(
        (browser.matches(), browser.app().list().selected()),
        (matches.clone(), 2),
        "no new ranking"
    );
    browser.keys("1");
    assert_eq!(browser.app().list().selected(), 0, "a new term ranks again");
    assert!(browser.matches().len() < matches.len());
}

#[test]
fn going_back_to_a_recent_query_shows_it_without_ranking_again() {
    let dir = crate::common::generated_corpus(300, |i| {
        (
            format!("{i:03}.txt"),
            format!("Beacon report {i} on harbour {}.", i % 7),
        )
    });
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    browser.keys("harbour Space 3");
    let harbour_3 = browser.matches();
    assert!(!harbour_3.is_empty());
    browser.keys("Backspace").keys_now("4");
    assert!(
        browser.app().ranking(),
        "a new query is ranked in the background"
    );
    browser.settle();
    // Without waiting: the earlier query must be shown at once.
    browser.keys_now("Backspace 3");
    assert!(
        !browser.app().ranking(),
        "an earlier query is shown at once"
    );
    assert_eq!(browser.matches(), harbour_3);
}

#[test]
fn leaving_a_big_document_stops_its_background_search() {
    use folio::testing::Action;
    use folio::testing::{App, Effect, JobKind, JobRequest, Viewport};
    // Over 1 MiB: paged, so searched in the background.
    let big = "a line of the big document\n".repeat(50_000);
    let dir = crate::common::temp_corpus(&[("a.txt", &big), ("b.txt", "A small one.")]);
    let (mut app, _) = App::new(crate::common::load(dir.path()), crate::common::setup());
    let viewport = Viewport {
        list_rows: 10,
        reader_width: 80,
        reader_height: 20,
        ..Viewport::default()
    };
    app.update(Update::Viewport(viewport));
    let mut act = |action| app.update(Update::User(action));
    act(Action::OpenReader);
    act(Action::SearchStart);
    act(Action::SearchInsert('l'));
    let searching = act(Action::SearchSubmit);
    assert!(
        searching
            .iter()
            .any(|effect| matches!(effect, Effect::Job(JobRequest::SearchDocument(_)))),
        "{searching:?}"
    );
    act(Action::CloseReader);
    let left = act(Action::SelectNext);
    assert!(
        left.iter().any(|effect| matches!(
            effect,
            Effect::Job(JobRequest::Stop(JobKind::SearchDocument))
        )),
        "{left:?}"
    );
}

#[test]
fn a_big_corpus_is_listed_and_reordered_by_the_background() {
    // More documents than the interface puts in order itself.
    let dir = crate::common::generated_corpus(20_500, |i| {
        let contents = format!("Note {} about item {i}", 20_500 - i);
        (format!("n{i:05}.txt"), contents)
    });
    let mut browser = Browser::over(dir.path(), &[], "", 80, 24);
    let all: Vec<usize> = (0..20_500).collect();
    assert!(browser.matches() == all, "every document, in path order");
    // A query, then back to none: every document again, in path order, from the background.
    browser.keys("i");
    browser.keys_now("Backspace");
    assert!(browser.app().ranking(), "the list waits for the background");
    browser.settle();
    assert!(browser.matches() == all, "every document, in path order");
    // And a query remembered from before comes back in order too.
    browser.keys("N o t e");
    let notes = browser.matches();
    browser.keys("Space 1 Backspace Backspace");
    assert!(
        browser.matches() == notes,
        "the remembered ranking, in order"
    );
    // Sorted by title: the last document (Note 1) comes first.
    browser.keys("Ctrl-U Ctrl-S");
    assert_eq!(browser.matches().first(), Some(&20_499));
    assert_eq!(browser.message(), Some("sorted by title"));
}

#[test]
fn a_file_name_typed_while_the_view_is_made_is_the_names_and_the_save_waits() {
    use folio::testing::Action;
    use folio::testing::{App, Effect, JobRequest, Viewport};
    let dir =
        crate::common::temp_corpus(&[("a.txt", "A note\nThe harbour.\n"), ("b.txt", "B\nharbour")]);
    let (mut app, _) = App::new(crate::common::load(dir.path()), crate::common::setup());
    let viewport = Viewport {
        list_rows: 10,
        reader_width: 80,
        reader_height: 20,
        study_rows: 10,
        study_width: 80,
        ..Viewport::default()
    };
    app.update(Update::Viewport(viewport));
    app.update(Update::User(Action::ToggleSearchIn));
    for c in "harbour".chars() {
        app.update(Update::User(Action::QueryInsert(c)));
    }
    // The concordance is asked for, and not made yet (nothing runs the job here).
    let asked = app.update(Update::User(Action::ShowView(
        folio::testing::StudyKind::Concordance,
    )));
    let Some(job) = asked.into_iter().find_map(|effect| match effect {
        Effect::Job(JobRequest::View(job)) => Some(job),
        _ => None,
    }) else {
        panic!("no concordance asked for");
    };
    app.update(Update::User(Action::Export));
    // The name typed after the message goes to the name, not to the view's keys (`o`
    // would open, `s` sort…).
    for c in "out.tsv".chars() {
        app.update(Update::User(Action::SearchInsert(c)));
    }
    assert_eq!(app.prompt(), Some("out.tsv"));
    let submitted = app.update(Update::User(Action::SearchSubmit));
    assert!(
        !submitted
            .iter()
            .any(|e| matches!(e, Effect::Job(JobRequest::Save(_)))),
        "{submitted:?}"
    );
    assert!(
        app.message()
            .is_some_and(|m| m.contains("once the view is complete")),
        "{:?}",
        app.message()
    );
    // The view made: the save starts.
    let found = std::sync::Mutex::new(Vec::new());
    job.run(&Cancel::new(), &|news| {
        if let Ok(mut found) = found.lock() {
            found.push(news);
        }
    });
    let mut saves = 0;
    for news in found.into_inner().unwrap_or_default() {
        let effects = app.update(news);
        saves += effects
            .iter()
            .filter(|e| matches!(e, Effect::Job(JobRequest::Save(_))))
            .count();
    }
    assert_eq!(saves, 1);
}
