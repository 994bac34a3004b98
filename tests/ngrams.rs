//! N-grams against an oracle written here: each document cut into runs of words by its own
//! rule (a word is a run of letters, digits and `_`; two words stay in one run when only
//! whitespace with at most one line break is between them), every window of N words of a
//! run counted, and range and DP worked out as the word list's oracle does — over the whole
//! corpus and a subcorpus, with and without the lasting store, all and only those holding a
//! word.

use crate::common::{TestResult, folio_command};
use crate::words::{Counts, close, corpus, number, rows};
use std::collections::BTreeMap;

/// The runs of `text`: the words of each, lowercased.
fn runs_of(text: &str) -> Vec<Vec<String>> {
    let mut runs: Vec<Vec<String>> = vec![Vec::new()];
    let (mut word, mut breaks, mut broken) = (String::new(), 0, false);
    for c in text.chars().chain(['\u{1}']) {
        if c.is_alphanumeric() || c == '_' {
            if word.is_empty() && (broken || breaks > 1) {
                runs.push(Vec::new());
            }
            if word.is_empty() {
                (breaks, broken) = (0, false);
            }
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let lower = word.chars().flat_map(char::to_lowercase).collect();
            if let Some(run) = runs.last_mut() {
                run.push(lower);
            }
            word.clear();
        }
        match c {
            '\n' => breaks += 1,
            c if c.is_whitespace() => {}
            _ => broken = true,
        }
    }
    runs
}

/// Each document's n-grams counted (holding each of `words`), sized by its words.
pub(crate) fn ngram_counts(docs: &[&(String, String)], n: usize, words: &[&str]) -> Counts {
    let mut per_doc = Vec::new();
    let mut sizes = Vec::new();
    for (_, text) in docs {
        let mut counts = BTreeMap::new();
        for run in runs_of(text) {
            for window in run.windows(n) {
                if words.iter().all(|word| window.iter().any(|w| w == word)) {
                    *counts.entry(window.join(" ")).or_insert(0) += 1;
                }
            }
        }
        sizes.push(runs_of(text).iter().map(Vec::len).sum::<usize>() as u64);
        per_doc.push(counts);
    }
    Counts { per_doc, sizes }
}

fn check(shown: &[Vec<String>], oracle: &Counts) {
    let expected = oracle.word_list();
    assert_eq!(shown.len(), expected.len(), "one row per n-gram");
    for row in shown {
        let Some(&(hits, documents, dp)) = expected.get(&row[0]) else {
            panic!("{row:?} is not an n-gram of the text");
        };
        assert_eq!(number(&row[1]) as u64, hits, "{row:?}");
        assert_eq!(number(&row[2]) as u64, documents, "{row:?}");
        assert!(close(&row[3], dp), "{row:?}: DP {dp}");
    }
    let order: Vec<(i64, &String)> = shown
        .iter()
        .map(|r| (-(number(&r[1]) as i64), &r[0]))
        .collect();
    assert!(
        order.windows(2).all(|pair| pair[0] <= pair[1]),
        "most first"
    );
}

#[test]
fn ngrams_are_the_oracles_in_a_scope_with_and_without_the_store() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    let (dir, cache) = (dir.path(), cache.path());
    let all: Vec<&(String, String)> = docs.iter().collect();
    for n in [2, 3, 5] {
        let asked = n.to_string();
        let shown = rows(&["--ngrams", &asked, "--no-cache", "."], dir, cache);
        check(&shown, &ngram_counts(&all, n, &[]));
    }
    let indexed = folio_command()
        .env("XDG_CACHE_HOME", cache)
        .args(["--index", "."])
        .current_dir(dir)
        .output()?;
    assert!(indexed.status.success());
    let shown = rows(&["--ngrams", "3", "said", "."], dir, cache);
    check(&shown, &ngram_counts(&all, 3, &["said"]));
    assert!(!shown.is_empty());
    // Two words: the n-grams holding both (each term of a query must be held).
    let shown = rows(&["--ngrams", "3", "said the", "."], dir, cache);
    check(&shown, &ngram_counts(&all, 3, &["said", "the"]));
    assert!(!shown.is_empty());
    let sport: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, _)| p.starts_with("sport/"))
        .collect();
    let shown = rows(&["--ngrams", "2", "--in", "folder:sport", "."], dir, cache);
    check(&shown, &ngram_counts(&sport, 2, &[]));
    Ok(())
}

#[test]
fn ngrams_are_capped_filtered_and_bad_asks_are_said() -> TestResult {
    let (dir, docs) = corpus();
    let all: Vec<&(String, String)> = docs.iter().collect();
    let oracle = ngram_counts(&all, 2, &[]).word_list();
    let run = |args: &[&str]| {
        folio_command()
            .args(["--no-cache", "--no-state"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The ten most frequent, and a word on stderr that there are more; the corpus written
    // after N is the corpus, not a query.
    let capped = run(&["--ngrams", "2", ".", "--limit", "10", "--min-hits", "3"]);
    let shown = crate::common::text(&capped.stdout);
    assert_eq!(shown.lines().count(), 10, "{shown}");
    let mut expected: Vec<(u64, &String)> = oracle
        .iter()
        .filter(|(_, figures)| figures.0 >= 3)
        .map(|(gram, figures)| (figures.0, gram))
        .collect();
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let firsts: Vec<String> = shown
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").into())
        .collect();
    let wanted: Vec<String> = expected
        .iter()
        .take(10)
        .map(|(_, g)| (*g).clone())
        .collect();
    assert_eq!(firsts, wanted);
    let said = crate::common::text(&capped.stderr);
    assert!(
        said.contains(&format!("{} 2-grams kept", expected.len())),
        "{said}"
    );
    assert!(said.contains("--limit"), "{said}");
    for (args, message) in [
        (&["--ngrams", "1", "."][..], "2 to 5"),
        (&["--ngrams", "six", "."][..], "2 to 5"),
        (&["--ngrams", "2", "!tax", "."][..], "no word"),
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            crate::common::text(&output.stderr).contains(message),
            "{args:?}"
        );
    }
    Ok(())
}
