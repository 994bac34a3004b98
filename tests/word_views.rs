//! The word views in a real terminal (tmux) on the generated corpus of `words.rs`: the word
//! list, a subcorpus chosen with Alt-I and named with its size in every heading, its n-grams
//! and the concordance of one, and its keywords against the rest — each figure on screen the
//! oracles' (written in the tests), and a view saved with `w` the rows `--keywords` prints.

use crate::common::tmux::Tmux;
use crate::common::{NO_CONFIG, TestResult, folio_command, text};
use crate::ngrams::ngram_counts;
use crate::words::{close, corpus, counted, keyness};
use std::collections::BTreeMap;
use std::path::Path;

/// `1234567` as the views show it: `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut shown = String::new();
    for (at, c) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            shown.push(',');
        }
        shown.push(c);
    }
    shown
}

/// The selected row's cells, split at runs of spaces.
fn selected(screen: &str) -> Vec<String> {
    let row = screen
        .lines()
        .find(|l| l.starts_with("> "))
        .unwrap_or_default();
    row[2..].split_whitespace().map(str::to_string).collect()
}

/// `w` in the view shown: saved to `file`, once the status bar says `rows` went there.
fn save_view(term: &Tmux, file: &Path, rows: usize) {
    term.keys(&["w"]);
    // The name is typed once the prompt is there to take it.
    term.wait_for("save as (");
    term.type_text(&file.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for(&format!("saved {rows} rows"));
}

/// The first row of a list ranked by hits (most first, ties alphabetical).
fn top(list: &BTreeMap<String, (u64, u64, f64)>) -> (&String, &(u64, u64, f64)) {
    let mut ranked: Vec<_> = list.iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    ranked[0]
}

#[test]
fn word_views_show_the_oracles_figures_for_a_subcorpus_chosen_in_the_interface() -> TestResult {
    let (dir, docs) = corpus();
    let all: Vec<&(String, String)> = docs.iter().collect();
    let sport: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, _)| p.starts_with("sport/"))
        .collect();
    let term = Tmux::start(150, 40, dir.path());
    term.command(&format!(
        "XDG_CONFIG_HOME={NO_CONFIG} folio --no-cache .; echo \"exit=$?\""
    ));
    term.wait_for("61/61");

    // The word list of the whole corpus, most frequent first.
    let oracle = counted(&all);
    term.keys(&["M-w"]);
    let heading = format!(
        "all 61 documents · word list of {} words",
        thousands(oracle.words())
    );
    let screen = term.wait_for(&heading);
    let list = oracle.word_list();
    let (word, &(hits, documents, dp)) = top(&list);
    let row = selected(&screen);
    assert_eq!(row[0], *word, "{screen}");
    assert_eq!(row[1], thousands(hits), "{screen}");
    assert_eq!(row[3], thousands(documents), "{screen}");
    assert!(close(&row[4], dp), "{screen}");
    term.keys(&["Escape"]);

    // A subcorpus chosen in the prompt: named with its size from now on.
    let sized = counted(&sport);
    term.keys(&["M-i"]);
    term.type_text("folder:sport");
    term.keys(&["Enter"]);
    let named = format!(
        "folder:sport ({} documents, {} words)",
        sport.len(),
        thousands(sized.words())
    );
    term.wait_for(&named);

    // Its 2-grams, and the concordance of the first.
    term.keys(&["M-g"]);
    term.wait_for("3-grams");
    term.keys(&["2"]);
    let screen = term.wait_until("the 2-grams counted", |s| {
        s.contains("2-grams") && s.contains(" rows ·")
    });
    assert!(screen.contains(&named), "{screen}");
    let grams = ngram_counts(&sport, 2, &[]).word_list();
    let (gram, &(hits, documents, dp)) = top(&grams);
    let row = selected(&screen);
    assert_eq!(row[..2].join(" "), *gram, "{screen}");
    assert_eq!(row[2], thousands(hits), "{screen}");
    assert_eq!(row[3], thousands(documents), "{screen}");
    assert!(close(&row[4], dp), "{screen}");
    term.keys(&["Enter"]);
    let screen = term.wait_for(&format!("concordance of \"{gram}\""));
    assert!(
        screen.contains(&named),
        "the concordance is of the subcorpus: {screen}"
    );
    // Back to the n-grams, then to the list (each key once the screen has answered: an Esc
    // followed at once by another key is read as Alt and that key).
    term.keys(&["Escape"]);
    term.wait_for("2-grams");
    term.keys(&["Escape"]);
    term.wait_until("the list again", |s| !s.contains("2-grams"));

    term.quit("C-c", 130);
    Ok(())
}

/// Ten copies of each sample article, one folder each: words of one article are keywords of
/// its folder against the other.
fn two_folders() -> (tempfile::TempDir, Vec<(String, String)>) {
    let corpus = crate::common::repo().join("corpus");
    let mut articles: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    articles.sort();
    let mut docs = Vec::new();
    for (folder, article) in ["one", "two"].iter().zip(&articles) {
        for copy in 0..10 {
            docs.push((format!("{folder}/{copy}.txt"), article.clone()));
        }
    }
    let files: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    (crate::common::temp_corpus(&files), docs)
}

#[test]
fn keywords_of_a_subcorpus_are_the_oracles_open_their_concordance_and_save() -> TestResult {
    let (dir, docs) = two_folders();
    let part = |one: bool| -> Vec<&(String, String)> {
        docs.iter()
            .filter(|(p, _)| p.starts_with("one/") == one)
            .collect()
    };
    let (target, rest) = (counted(&part(true)), counted(&part(false)));
    let mut expected: Vec<(bool, f64, String)> = Vec::new();
    let words: std::collections::BTreeSet<String> = target
        .word_list()
        .into_keys()
        .chain(rest.word_list().into_keys())
        .collect();
    for word in words {
        let (g2, ratio, _) = keyness(
            target.total(&word),
            rest.total(&word),
            target.words(),
            rest.words(),
        );
        if g2 >= 15.13 {
            expected.push((ratio > 0.0, g2, word));
        }
    }
    expected.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    assert!(expected.len() > 5, "the corpus has keywords: {expected:?}");

    let term = Tmux::start(160, 40, dir.path());
    term.command(&format!(
        "XDG_CONFIG_HOME={NO_CONFIG} folio --no-cache --in folder:one .; echo \"exit=$?\""
    ));
    term.wait_for("20/20");
    term.keys(&["M-k"]);
    let screen = term.wait_for(&format!(
        "of {} words against {} words: {} rows",
        thousands(target.words()),
        thousands(rest.words()),
        expected.len()
    ));
    assert!(
        screen.contains("folder:one (10 documents, "),
        "--in names the subcorpus: {screen}"
    );
    let (_, g2, word) = &expected[0];
    let row = selected(&screen);
    assert_eq!(row[0], *word, "{screen}");
    assert!((row[5].parse::<f64>()? - g2).abs() < 0.006, "{screen}");
    // Enter: the keyword's concordance in the target, a hit for each occurrence there.
    term.keys(&["Enter"]);
    let hits = target.total(word);
    term.wait_for(&format!(
        "concordance of '{word}': {hits} hits in 10 documents"
    ));
    term.keys(&["Escape"]);
    term.wait_for("against");
    let saved = tempfile::tempdir()?;
    let file = saved.path().join("keywords.tsv");
    save_view(&term, &file, expected.len());
    assert_eq!(
        std::fs::read_to_string(&file)?,
        printed_keywords(dir.path())?
    );
    term.quit("C-c", 130);
    Ok(())
}

/// What `--keywords folder:one` prints.
fn printed_keywords(dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let printed = folio_command()
        .args(["--no-cache", "--no-state", "--keywords", "folder:one", "."])
        .current_dir(dir)
        .output()?;
    Ok(text(&printed.stdout))
}

#[test]
fn the_dispersion_plot_gives_the_oracles_range_dp_and_rates_and_reads_at_a_hit() -> TestResult {
    let (dir, docs) = corpus();
    // Each document's hits of `said` (the search's: a substring, case ignored) and words.
    let figures: Vec<(u64, u64)> = docs
        .iter()
        .map(|(_, text)| {
            let hits = text.to_lowercase().matches("said").count() as u64;
            (hits, crate::common::words_of(text).len() as u64)
        })
        .collect();
    let all: u64 = figures.iter().map(|f| f.0).sum();
    let words: u64 = figures.iter().map(|f| f.1).sum();
    let with = figures.iter().filter(|f| f.0 > 0).count();
    let smallest = figures
        .iter()
        .map(|f| f.1 as f64 / words as f64)
        .fold(f64::MAX, f64::min);
    let dp: f64 = 0.5
        * figures
            .iter()
            .map(|&(h, w)| (h as f64 / all as f64 - w as f64 / words as f64).abs())
            .sum::<f64>()
        / (1.0 - smallest);
    let (most, most_words) = figures
        .iter()
        .copied()
        .max_by_key(|f| f.0)
        .unwrap_or_default();

    let term = Tmux::start(150, 40, dir.path());
    term.command(&format!(
        "XDG_CONFIG_HOME={NO_CONFIG} folio --no-cache .; echo \"exit=$?\""
    ));
    term.wait_for("61/61");
    term.keys(&["C-f"]);
    term.type_text("said");
    term.wait_for("text> said");
    term.keys(&["M-d"]);
    let heading = format!(
        "dispersion of said: {} hits in {with} of 61 documents (range {}%), DP {dp:.3}",
        thousands(all),
        with * 100 / 61
    );
    let screen = term.wait_until("the plot placed", |s| {
        s.contains(&heading) && !s.contains(" … ")
    });
    let row = screen
        .lines()
        .find(|l| l.starts_with("> "))
        .unwrap_or_default();
    let rate = format!("{:.2}", most as f64 * 1000.0 / most_words as f64);
    assert!(
        row.contains(&format!(" {} ", thousands(most))) && row.contains(&rate),
        "{rate} {screen}"
    );
    assert!(
        row.contains('▏') || row.contains('█') || row.contains('▌'),
        "a bar: {screen}"
    );
    // Saved: a row per document with hits, the most first, as `path, hits, words,
    // per_thousand, title`.
    let saved = tempfile::tempdir()?;
    let file = saved.path().join("plot.tsv");
    save_view(&term, &file, with);
    let written = std::fs::read_to_string(&file)?;
    let first: Vec<&str> = written
        .lines()
        .next()
        .unwrap_or_default()
        .split('\t')
        .collect();
    let per_thousand = format!("{:.3}", most as f64 * 1000.0 / most_words as f64);
    assert_eq!(
        first[1..4],
        [most.to_string(), most_words.to_string(), per_thousand],
        "{written}"
    );
    // Enter reads the document at a hit; back returns to the plot.
    term.keys(&["l", "l", "Enter"]);
    term.wait_for(&format!(" of {most}"));
    term.keys(&["q"]);
    term.wait_for("dispersion of said");
    term.quit("C-c", 130);
    Ok(())
}

#[test]
fn collocates_take_their_window_minimum_and_stop_list_from_keys_in_the_view() -> TestResult {
    let run = |args: &[&str]| -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
        let output = folio_command()
            .args(["--no-cache", "--no-state", "--collocates", "party"])
            .args(args)
            .arg("corpus")
            .current_dir(crate::common::repo())
            .output()?;
        let rows = text(&output.stdout);
        Ok(rows
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect())
    };
    // The stop-list leaves its words out and changes nothing else.
    let all = run(&["--window", "6", "--min", "2"])?;
    let kept = run(&["--window", "6", "--min", "2", "--stoplist", "english"])?;
    // The shipped English list's words among these collocates.
    let function_words = [
        "a", "and", "are", "as", "in", "is", "of", "s", "that", "the", "to", "with",
    ];
    let expected: Vec<&Vec<String>> = all
        .iter()
        .filter(|row| !function_words.contains(&row[0].as_str()))
        .collect();
    assert!(
        kept.len() < all.len() && all.iter().any(|row| row[0] == "of"),
        "{all:?}"
    );
    assert_eq!(kept.iter().collect::<Vec<_>>(), expected);

    let term = Tmux::start(200, 30, crate::common::repo());
    term.command(&format!(
        "XDG_CONFIG_HOME={NO_CONFIG} folio --no-cache corpus; echo \"exit=$?\""
    ));
    term.wait_for("2/2");
    term.keys(&["C-f"]);
    term.type_text("party");
    term.wait_for("text> party");
    term.keys(&["C-t"]);
    term.wait_for("within 5 words, 3 times or more) by");
    term.keys(&["]"]);
    term.wait_for("within 6 words, 3 times or more) by");
    term.keys(&["-"]);
    term.wait_for("within 6 words, 2 times or more) by");
    term.keys(&["x"]);
    let screen = term.wait_for(&format!(
        "(within 6 words, 2 times or more, English stop-list) by log-likelihood: {} words",
        kept.len()
    ));
    let row = selected(&screen);
    assert_eq!(row[..2], kept[0][..2], "{screen}");
    term.quit("C-c", 130);
    Ok(())
}
