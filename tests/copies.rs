//! Copies end to end, against an exhaustive oracle written here: every pair of a generated
//! corpus with known copies (identical, a new first line, shortened, inside a longer text,
//! lightly edited, dated versions, a heavy edit that is no copy) measured on its shingle sets
//! of words as strings, the pairs over the thresholds joined into clusters; `--duplicates`
//! must give those clusters, kept as the oracle keeps them, with the oracle's figures;
//! `--collapse` must count what the oracle counts over the kept documents; the store must
//! keep them; the browser labels, collapses and shows a known pair's differences.

use crate::common::tmux::Tmux;
use crate::common::{Seeded, TestResult, folio_command, temp_corpus_of, text, words_of};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// The corpus: (file name, text), and the words its texts are made of.
fn corpus() -> Vec<(String, String)> {
    let prose = crate::common::sample_prose();
    let vocabulary: Vec<&str> = prose.split_whitespace().collect();
    let mut seeded = Seeded::new();
    let mut random_words = |count: usize| -> Vec<String> {
        (0..count)
            .map(|_| vocabulary[seeded.below(vocabulary.len())].to_string())
            .collect()
    };
    let bases: Vec<Vec<String>> = (0..10).map(|n| random_words(150 + n * 15)).collect();
    let join = |words: &[String]| words.join(" ");
    let mut files: Vec<(String, String)> = bases
        .iter()
        .enumerate()
        .map(|(n, words)| (format!("b{n}.txt"), join(words)))
        .collect();
    files.push(("b0-copy.txt".into(), join(&bases[0])));
    files.push((
        "b1-wire.txt".into(),
        format!(
            "Filed by our wire service this morning\n{}",
            join(&bases[1])
        ),
    ));
    files.push((
        "b2-short.txt".into(),
        join(&bases[2][..bases[2].len() * 7 / 10]),
    ));
    let (before, after) = (random_words(350), random_words(350));
    files.push((
        "b3-inside.txt".into(),
        format!("{}\n{}\n{}", join(&before), join(&bases[3]), join(&after)),
    ));
    let edited = |words: &[String], every: usize| -> String {
        let changed: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(at, word)| match at % every == every - 1 {
                true => "CHANGED".to_string(),
                false => word.clone(),
            })
            .collect();
        join(&changed)
    };
    files.push(("b4-edited.txt".into(), edited(&bases[4], 30)));
    files.push(("b5-rewritten.txt".into(), edited(&bases[5], 4)));
    files.push((
        "b6-dated.txt".into(),
        format!("date 2003-01-01\n{}", join(&bases[6])),
    ));
    files.push((
        "b7-late.txt".into(),
        format!("date 2005-06-01\n{}", join(&bases[7])),
    ));
    files.push((
        "b7-early.txt".into(),
        format!("date 2004-02-01\n{}", join(&bases[7])),
    ));
    files.push(("tiny-a.txt".into(), "Short note".into()));
    files.push(("tiny-b.txt".into(), "short NOTE.".into()));
    files
}

/// A text's shingles as the oracle makes them: every five consecutive words (fewer make one).
fn shingles(text: &str) -> HashSet<String> {
    let words = words_of(text);
    match words.len() {
        0 => HashSet::new(),
        n if n < 5 => HashSet::from([words.join(" ")]),
        _ => words.windows(5).map(|w| w.join(" ")).collect(),
    }
}

/// Jaccard and containment of two shingle sets.
fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> (f64, f64, usize) {
    let both = a.intersection(b).count();
    let either = a.len() + b.len() - both;
    let shorter = a.len().min(b.len());
    let ratio = |part: usize, whole: usize| match whole {
        0 => 0.0,
        _ => part as f64 / whole as f64,
    };
    (ratio(both, either), ratio(both, shorter), shorter)
}

/// The oracle's clusters (of two or more), as sets of file names, from every pair.
fn oracle_clusters(files: &[(String, String)]) -> BTreeSet<BTreeSet<String>> {
    let sets: Vec<HashSet<String>> = files.iter().map(|(_, text)| shingles(text)).collect();
    let mut parent: Vec<usize> = (0..files.len()).collect();
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            at = parent[at];
        }
        at
    }
    for a in 0..files.len() {
        for b in a + 1..files.len() {
            let (jaccard, containment, shorter) = overlap(&sets[a], &sets[b]);
            if jaccard >= 0.5 || (containment >= 0.8 && shorter >= 20) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut clusters: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (at, (name, _)) in files.iter().enumerate() {
        let r = root(&mut parent, at);
        clusters.entry(r).or_default().insert(name.clone());
    }
    clusters.into_values().filter(|c| c.len() > 1).collect()
}

/// A row of `--duplicates`: file name, similarity, containment.
type Member = (String, String, String);

/// `--duplicates` of `dir` (with more arguments): each cluster as (kept file, its rows).
fn duplicates(dir: &Path, more: &[&str]) -> Vec<(String, Vec<Member>)> {
    let output = folio_command()
        .args(["--duplicates", "--no-state"])
        .args(more)
        .arg(".")
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut clusters: Vec<(String, Vec<Member>)> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for line in text(&output.stdout).lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let [number, path, similarity, containment] = cells[..] else {
            panic!("a row of four cells: {line:?}");
        };
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let row = (
            name.unwrap_or_default(),
            similarity.to_string(),
            containment.to_string(),
        );
        if numbers.last().map(String::as_str) != Some(number) {
            numbers.push(number.to_string());
            clusters.push((row.0.clone(), Vec::new()));
        }
        if let Some((_, rows)) = clusters.last_mut() {
            rows.push(row);
        }
    }
    clusters
}

#[test]
fn clusters_equal_an_exhaustive_pairwise_oracle() -> TestResult {
    let files = corpus();
    let dir = temp_corpus_of(&files);
    let found = duplicates(dir.path(), &[]);
    let clusters: BTreeSet<BTreeSet<String>> = found
        .iter()
        .map(|(_, rows)| rows.iter().map(|row| row.0.clone()).collect())
        .collect();
    let expected = oracle_clusters(&files);
    assert_eq!(clusters, expected);
    // The known copies are among them, and the heavy rewrite is not.
    for pair in [
        ["b0.txt", "b0-copy.txt"],
        ["b1.txt", "b1-wire.txt"],
        ["b2.txt", "b2-short.txt"],
        ["b3.txt", "b3-inside.txt"],
        ["b4.txt", "b4-edited.txt"],
        ["tiny-a.txt", "tiny-b.txt"],
    ] {
        assert!(
            clusters.iter().any(|c| pair.iter().all(|f| c.contains(*f))),
            "{pair:?}"
        );
    }
    assert!(!clusters.iter().flatten().any(|f| f == "b5-rewritten.txt"));
    // Each is kept as its earliest dated document, else its first.
    let kept: BTreeMap<String, String> = found
        .iter()
        .flat_map(|(kept, rows)| rows.iter().map(move |row| (row.0.clone(), kept.clone())))
        .collect();
    assert_eq!(kept["b6.txt"], "b6-dated.txt");
    assert_eq!(kept["b7-late.txt"], "b7-early.txt");
    // Neither dated: the first in the corpus's order (`b0-copy.txt` sorts before `b0.txt`).
    assert_eq!(kept["b0.txt"], "b0-copy.txt");
    // Every row's figures are the oracle's, measured against the kept document.
    let texts: BTreeMap<&str, &str> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    for (kept, rows) in &found {
        for (name, similarity, containment) in rows {
            let (jaccard, contained, _) = overlap(
                &shingles(texts[kept.as_str()]),
                &shingles(texts[name.as_str()]),
            );
            assert_eq!(
                similarity,
                &format!("{jaccard:.3}"),
                "{name} against {kept}"
            );
            assert_eq!(
                containment,
                &format!("{contained:.3}"),
                "{name} against {kept}"
            );
        }
    }
    // Thresholds are settable: at 0.9 the lightly edited copy is no copy.
    let strict = duplicates(
        dir.path(),
        &["--copy-jaccard", "0.9", "--copy-containment", "0.95"],
    );
    assert!(
        !strict
            .iter()
            .any(|(_, rows)| rows.iter().any(|r| r.0 == "b4-edited.txt"))
    );
    assert!(
        strict
            .iter()
            .any(|(_, rows)| rows.iter().any(|r| r.0 == "b0-copy.txt"))
    );
    // The same from the configuration file.
    let config = dir.path().join("folio.toml");
    std::fs::write(&config, "copy-jaccard = 0.9\ncopy-containment = 0.95\n")?;
    let configured = duplicates(dir.path(), &["--config", &config.display().to_string()]);
    assert_eq!(configured, strict);
    Ok(())
}

/// (documents, hits) of the whole word `word` (any case) in `texts`.
fn counted(texts: &[&str], word: &str) -> (usize, usize) {
    let hits: Vec<usize> = texts
        .iter()
        .map(|text| words_of(text).iter().filter(|w| *w == word).count())
        .collect();
    (hits.iter().filter(|&&h| h > 0).count(), hits.iter().sum())
}

#[test]
fn collapse_counts_each_cluster_once_as_the_oracle_says() -> TestResult {
    let files = corpus();
    let dir = temp_corpus_of(&files);
    let clusters = oracle_clusters(&files);
    // What collapsing leaves out: every member of a cluster but the one it is kept as.
    let found = duplicates(dir.path(), &[]);
    let left_out: BTreeSet<String> = found
        .iter()
        .flat_map(|(kept, rows)| rows.iter().map(|r| r.0.clone()).filter(move |n| n != kept))
        .collect();
    let in_clusters: usize = clusters.iter().map(|c| c.len() - 1).sum();
    assert_eq!(left_out.len(), in_clusters);
    let all: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    let kept: Vec<&str> = files
        .iter()
        .filter(|(name, _)| !left_out.contains(name))
        .map(|(_, t)| t.as_str())
        .collect();
    let word = words_of(&files[0].1)[3].clone();
    for (extra, texts) in [(None, &all), (Some("--collapse"), &kept)] {
        let output = folio_command()
            .args(["--no-state", "--count", &word, "--format", "tsv", "."])
            .args(extra)
            .current_dir(dir.path())
            .output()?;
        let out = text(&output.stdout);
        let row: Vec<&str> = out.lines().next().unwrap_or_default().split('\t').collect();
        let (documents, hits) = counted(texts, &word);
        assert_eq!(
            row.get(1),
            Some(&documents.to_string().as_str()),
            "{extra:?}: {out}"
        );
        assert_eq!(
            row.get(2),
            Some(&hits.to_string().as_str()),
            "{extra:?}: {out}"
        );
        assert_eq!(
            row.get(3),
            Some(&texts.len().to_string().as_str()),
            "{extra:?}: {out}"
        );
    }
    // --search lists the kept documents alone.
    let output = folio_command()
        .args(["--no-state", "--collapse", "--search", &word, "."])
        .current_dir(dir.path())
        .output()?;
    for line in text(&output.stdout).lines() {
        let name = line.split('\t').next().unwrap_or_default();
        assert!(
            !left_out.iter().any(|n| name.ends_with(n.as_str())),
            "{line}"
        );
    }
    Ok(())
}

#[test]
fn the_store_keeps_the_copies_and_finds_only_what_changed() -> TestResult {
    let files = corpus();
    let dir = temp_corpus_of(&files);
    let cache = crate::common::indexed_cache(dir.path());
    let run = || {
        let output = folio_command()
            .env("XDG_CACHE_HOME", cache.path())
            .args(["--no-state", "--duplicates", "--verbose", "."])
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (text(&output.stdout), text(&output.stderr))
    };
    let (first, said) = run();
    let count = files.len();
    assert!(
        said.contains(&format!("{count} of {count} documents read to sketch")),
        "{said}"
    );
    let (again, said) = run();
    assert_eq!(again, first);
    assert!(
        said.contains(&format!(
            "0 of {count} documents read to sketch, 0 pairs measured"
        )),
        "{said}"
    );
    // One document changed: it alone is read again, and its copy is found no more.
    std::fs::write(
        dir.path().join("b0-copy.txt"),
        "an entirely different text now",
    )?;
    let (changed, said) = run();
    assert!(
        said.contains(&format!("1 of {count} documents read to sketch")),
        "{said}"
    );
    assert!(!changed.contains("b0-copy.txt") && first.contains("b0-copy.txt"));
    Ok(())
}

#[test]
fn the_browser_labels_collapses_and_shows_a_known_pair_side_by_side() -> TestResult {
    let files = vec![
        ("a.txt".to_string(), "Storm hits coast\n\nThe storm hit the coast on Monday and the council said roads would close until Friday while crews cleared the fallen trees from every street in the town centre.".to_string()),
        ("b.txt".to_string(), "Storm hits coast\n\nThe storm hit the coast on Tuesday and the council said roads would close until Friday while crews cleared the fallen trees from every street in the town centre.".to_string()),
        ("c.txt".to_string(), "Budget talks stall\n\nMinisters failed to agree a budget after a week of talks in the capital.".to_string()),
    ];
    let dir = temp_corpus_of(&files);
    let term = Tmux::start(120, 20, dir.path());
    term.command("folio .; echo \"exit=$?\"");
    term.wait_for("+1 copy");
    term.keys(&["M-c"]);
    term.wait_for("2/3 · copies once");
    term.wait_for("the views are of distinct (2 documents");
    term.keys(&["M-c"]);
    term.wait_for("3/3");
    // The first document read, its copy beside it: the one word that differs marked.
    term.keys(&["Enter"]);
    term.wait_for("Space page");
    term.keys(&["v"]);
    term.wait_for("0 removed, 0 added, 1 changed");
    let screen = term.wait_for("{~Tuesday~}");
    assert!(screen.contains("[~Monday~]"), "{screen}");
    term.keys(&["Escape"]);
    term.wait_until("the reader again", |screen| !screen.contains("[~Monday~]"));
    term.keys(&["l"]);
    term.wait_for("by the words that distinguish it · 1 of them a copy");
    // Saved with each row's score, copy mark and shared words.
    let saved = tempfile::tempdir()?;
    let file = saved.path().join("alike.tsv");
    term.keys(&["w"]);
    term.wait_for("save as");
    term.type_text(&file.display().to_string());
    term.keys(&["Enter"]);
    term.wait_for("saved");
    let rows = std::fs::read_to_string(&file)?;
    let row: Vec<&str> = rows
        .lines()
        .next()
        .unwrap_or_default()
        .split('\t')
        .collect();
    assert_eq!(
        row.first().map(|p| p.ends_with("b.txt")),
        Some(true),
        "{rows}"
    );
    assert_eq!(row.get(2), Some(&"yes"), "{rows}");
    assert!(
        row.get(3).is_some_and(|words| words.contains("coast")),
        "{rows}"
    );
    term.keys(&["Escape"]);
    term.wait_until("the reader again", |screen| !screen.contains("distinguish"));
    term.quit("C-c", 130);
    Ok(())
}
