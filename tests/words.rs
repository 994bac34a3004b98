//! Word lists, keywords and subcorpora against an oracle written here: the corpus's files
//! split into words by their own rule (runs of letters, digits and `_`, lowercased char by
//! char), counted, and DP, log-likelihood, Log Ratio and %DIFF computed from the formulas in
//! the README — with and without the lasting store (whose index leaves a file over 1 MiB to
//! be read), so both ways of counting are held to the same figures.

use crate::common::{TestResult, folio_command, temp_corpus, words_of};
use std::collections::BTreeMap;
use std::path::Path;

/// Sentences of real news (the sample corpus) with a few words whose case changes length or
/// form, to make documents of.
fn sentences() -> Vec<String> {
    let mut all = Vec::new();
    let corpus = crate::common::repo().join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|entry| entry.path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        all.extend(
            text.split(". ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| format!("{s}.")),
        );
    }
    all.push("Die Straße in İstanbul, ÉCOLE and café_society.".into());
    all
}

/// The corpus: folders business, sport and sport/2004 (nested), documents at the top, some
/// dated with the `date` prefix; and one file over 1 MiB, which the index leaves to reading.
pub(crate) fn corpus() -> (tempfile::TempDir, Vec<(String, String)>) {
    let sentences = sentences();
    let mut seeded = crate::common::Seeded::new();
    let mut docs = Vec::new();
    for i in 0..60 {
        let folder = ["business/", "sport/", "sport/2004/", ""][i % 4];
        let mut text = match i % 3 {
            0 => format!("date 200{}-0{}-1{} ", 3 + i % 2, 1 + i % 9, i % 10),
            _ => String::new(),
        };
        for _ in 0..(2 + seeded.below(8)) {
            text.push_str(&sentences[seeded.below(sentences.len())]);
            text.push(if seeded.below(3) == 0 { '\n' } else { ' ' });
        }
        docs.push((format!("{folder}doc{i:02}.txt"), text));
    }
    let mut big = String::new();
    while big.len() < 1_200_000 {
        big.push_str(&sentences[seeded.below(sentences.len())]);
        big.push('\n');
    }
    docs.push(("big/huge.txt".into(), big));
    let files: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    (temp_corpus(&files), docs)
}

/// Each word's hits in each document of `docs` (by position), and each document's words.
pub(crate) struct Counts {
    pub(crate) per_doc: Vec<BTreeMap<String, u64>>,
    pub(crate) sizes: Vec<u64>,
}

pub(crate) fn counted(docs: &[&(String, String)]) -> Counts {
    let mut per_doc = Vec::new();
    let mut sizes = Vec::new();
    for (_, text) in docs {
        let mut counts = BTreeMap::new();
        let words = words_of(text);
        sizes.push(words.len() as u64);
        for word in words {
            *counts.entry(word).or_insert(0) += 1;
        }
        per_doc.push(counts);
    }
    Counts { per_doc, sizes }
}

impl Counts {
    pub(crate) fn total(&self, word: &str) -> u64 {
        self.per_doc.iter().filter_map(|c| c.get(word)).sum()
    }

    pub(crate) fn words(&self) -> u64 {
        self.sizes.iter().sum()
    }

    /// word → (hits, documents, DP normalised), as the README defines them.
    pub(crate) fn word_list(&self) -> BTreeMap<String, (u64, u64, f64)> {
        let total = self.words() as f64;
        let smallest = self
            .sizes
            .iter()
            .map(|&s| s as f64 / total)
            .fold(f64::MAX, f64::min);
        let mut list = BTreeMap::new();
        let all: std::collections::BTreeSet<&String> =
            self.per_doc.iter().flat_map(|c| c.keys()).collect();
        for word in all {
            let hits = self.total(word);
            let documents = self.per_doc.iter().filter(|c| c.contains_key(word)).count();
            let dp: f64 = 0.5
                * self
                    .per_doc
                    .iter()
                    .zip(&self.sizes)
                    .map(|(c, &size)| {
                        let v = *c.get(word).unwrap_or(&0) as f64 / hits as f64;
                        (v - size as f64 / total).abs()
                    })
                    .sum::<f64>();
            list.insert(
                word.clone(),
                (hits, documents as u64, dp / (1.0 - smallest)),
            );
        }
        list
    }
}

/// folio's rows, TSV, split into cells.
pub(crate) fn rows(args: &[&str], dir: &Path, cache: &Path) -> Vec<Vec<String>> {
    let output = folio_command()
        .env("XDG_CACHE_HOME", cache)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect()
}

pub(crate) fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// Whether folio's figure (three decimals) is the oracle's.
pub(crate) fn close(shown: &str, expected: f64) -> bool {
    (number(shown) - expected).abs() <= 0.0006 + expected.abs() * 1e-9
}

fn check_word_list(shown: &[Vec<String>], oracle: &Counts) {
    let expected = oracle.word_list();
    assert_eq!(shown.len(), expected.len(), "one row per word");
    let words = oracle.words();
    for row in shown {
        let (hits, documents, dp) = expected[&row[0]];
        assert_eq!(number(&row[1]) as u64, hits, "{row:?}");
        assert!(close(&row[2], hits as f64 * 1e6 / words as f64), "{row:?}");
        assert_eq!(number(&row[3]) as u64, documents, "{row:?}");
        assert!(close(&row[4], dp), "{row:?}: DP {dp}");
    }
    // Most hits first, ties alphabetical.
    let order: Vec<(i64, &String)> = shown
        .iter()
        .map(|r| (-(number(&r[1]) as i64), &r[0]))
        .collect();
    assert!(order.windows(2).all(|pair| pair[0] <= pair[1]));
}

#[test]
fn the_word_list_is_the_oracles_with_and_without_the_store() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    let all: Vec<&(String, String)> = docs.iter().collect();
    let shown = rows(&["--wordlist", "--no-cache", "."], dir.path(), cache.path());
    check_word_list(&shown, &counted(&all));
    // With the store: counted from its index, the big file read.
    let indexed = folio_command()
        .env("XDG_CACHE_HOME", cache.path())
        .args(["--index", "."])
        .current_dir(dir.path())
        .output()?;
    assert!(indexed.status.success());
    let shown = rows(&["--wordlist", "."], dir.path(), cache.path());
    check_word_list(&shown, &counted(&all));
    // A subcorpus at any depth: sport/ holds sport/2004/.
    let sport: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, _)| p.starts_with("sport/"))
        .collect();
    let shown = rows(
        &["--wordlist", "--in", "folder:sport", "."],
        dir.path(),
        cache.path(),
    );
    check_word_list(&shown, &counted(&sport));
    let dated: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, t)| {
            t.starts_with("date 2004")
                || (p.starts_with("business/") && !t.starts_with("date 2003"))
        })
        .collect();
    let shown = rows(
        &[
            "--wordlist",
            "--in",
            "year:2004 or (folder:business and not year:2003)",
            ".",
        ],
        dir.path(),
        cache.path(),
    );
    check_word_list(&shown, &counted(&dated));
    // Filters: a minimum, a stop-list, alphabetical.
    let shown = rows(
        &[
            "--wordlist",
            "--min-hits",
            "5",
            "--stoplist",
            "english",
            "--sort-by",
            "word",
            ".",
        ],
        dir.path(),
        cache.path(),
    );
    let words: Vec<&String> = shown.iter().map(|r| &r[0]).collect();
    let expected: Vec<String> = counted(&all)
        .word_list()
        .into_iter()
        .filter(|(word, (hits, _, _))| {
            *hits >= 5 && !["the", "of", "and", "a", "to", "is"].contains(&word.as_str())
        })
        .map(|(word, _)| word)
        .filter(|word| words.contains(&word))
        .collect();
    assert_eq!(
        words,
        expected.iter().collect::<Vec<_>>(),
        "in word order, none under 5"
    );
    assert!(shown.iter().all(|r| number(&r[1]) >= 5.0 && r[0] != "the"));
    Ok(())
}

/// The oracle's keyword figures: G² (UCREL), Log Ratio and %DIFF (0 taken as 0.5).
pub(crate) fn keyness(a: u64, b: u64, c: u64, d: u64) -> (f64, f64, f64) {
    let (af, bf, cf, df) = (a as f64, b as f64, c as f64, d as f64);
    let e1 = cf * (af + bf) / (cf + df);
    let e2 = df * (af + bf) / (cf + df);
    let part = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = 2.0 * (part(af, e1) + part(bf, e2));
    let nz = |x: u64| if x == 0 { 0.5 } else { x as f64 };
    let (rt, rr) = (nz(a) / cf, nz(b) / df);
    (g2, (rt / rr).log2(), (rt - rr) / rr * 100.0)
}

#[test]
fn keywords_are_the_oracles_against_the_rest_a_subcorpus_and_a_list() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    let target: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, _)| p.starts_with("business/"))
        .collect();
    let rest: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, _)| !p.starts_with("business/"))
        .collect();
    let (t, r) = (counted(&target), counted(&rest));
    let shown = rows(
        &["--keywords", "folder:business", "--significance", "1", "."],
        dir.path(),
        cache.path(),
    );
    let mut all_words: std::collections::BTreeSet<String> = t.word_list().into_keys().collect();
    all_words.extend(r.word_list().into_keys());
    assert_eq!(shown.len(), all_words.len(), "every word at p ≤ 1");
    for row in &shown {
        let (a, b) = (t.total(&row[0]), r.total(&row[0]));
        let (g2, ratio, diff) = keyness(a, b, t.words(), r.words());
        assert_eq!(
            (number(&row[1]) as u64, number(&row[3]) as u64),
            (a, b),
            "{row:?}"
        );
        assert!(
            close(&row[5], g2) && close(&row[6], ratio),
            "{row:?}: {g2} {ratio}"
        );
        assert!(
            (number(&row[7]) - diff).abs() <= 0.0006 + diff.abs() * 1e-6,
            "{row:?}: {diff}"
        );
    }
    // The default cut-off, G² ≥ 15.13: those words alone, positive ones first.
    let kept = rows(
        &["--keywords", "folder:business", "."],
        dir.path(),
        cache.path(),
    );
    let expected: std::collections::BTreeSet<&String> = all_words
        .iter()
        .filter(|w| keyness(t.total(w), r.total(w), t.words(), r.words()).0 >= 15.13)
        .collect();
    assert_eq!(
        kept.iter()
            .map(|r| &r[0])
            .collect::<std::collections::BTreeSet<_>>(),
        expected
    );
    let signs: Vec<bool> = kept.iter().map(|r| number(&r[6]) < 0.0).collect();
    assert!(
        signs.windows(2).all(|p| p[0] <= p[1]),
        "positive before negative"
    );
    // The rest as a frequency list file gives the same keywords as the rest as a subcorpus.
    let list: String = r
        .word_list()
        .iter()
        .map(|(w, (hits, _, _))| format!("{w}\t{hits}\n"))
        .collect();
    let file = cache.path().join("rest.tsv");
    std::fs::write(&file, list)?;
    let from_file = rows(
        &[
            "--keywords",
            "folder:business",
            "--reference",
            &file.to_string_lossy(),
            ".",
        ],
        dir.path(),
        cache.path(),
    );
    let against = rows(
        &[
            "--keywords",
            "folder:business",
            "--reference",
            "not folder:business",
            ".",
        ],
        dir.path(),
        cache.path(),
    );
    assert_eq!(from_file, kept);
    assert_eq!(against, kept);
    Ok(())
}

#[test]
fn a_subcorpus_scopes_count_and_a_wrong_one_says_what_exists() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    let scope = "folder:sport/2004 or month:2003-01..2003-05";
    let chosen: Vec<&(String, String)> = docs
        .iter()
        .filter(|(p, t)| {
            p.starts_with("sport/2004/")
                || t.get(5..12)
                    .is_some_and(|m| t.starts_with("date ") && ("2003-01"..="2003-05").contains(&m))
        })
        .collect();
    let hits: u64 = chosen
        .iter()
        .map(|(_, t)| words_of(t).iter().filter(|w| *w == "china").count() as u64)
        .sum();
    let with: Vec<_> = chosen
        .iter()
        .filter(|(_, t)| words_of(t).iter().any(|w| w == "china"))
        .collect();
    let shown = rows(
        &["--count", "'china'", "--by", "year", "--in", scope, "."],
        dir.path(),
        cache.path(),
    );
    let (documents, counted): (u64, u64) = shown
        .iter()
        .map(|r| (number(&r[1]) as u64, number(&r[2]) as u64))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!((documents, counted), (with.len() as u64, hits));
    for (wrong, says) in [
        (
            "folder:sports",
            "folders in the corpus: big, business, sport",
        ),
        ("folder:sport/2005", "folders in sport: 2004"),
        ("@nothing", "no subcorpus is saved"),
        ("year:04", "at character 1"),
        ("field:topic=3", "--group-by topic"),
    ] {
        let output = folio_command()
            .env("XDG_CACHE_HOME", cache.path())
            .args(["--wordlist", "--in", wrong, "."])
            .current_dir(dir.path())
            .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{wrong}: {stderr}");
        assert!(stderr.contains(says), "{wrong}: {stderr}");
        assert!(output.stdout.is_empty());
    }
    Ok(())
}

#[test]
fn a_saved_subcorpus_is_named_listed_and_used() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    let state = tempfile::tempdir()?;
    let run = |args: &[&str]| {
        folio_command()
            .env("XDG_CACHE_HOME", cache.path())
            .env("XDG_STATE_HOME", state.path())
            .args(args)
            .current_dir(dir.path())
            .output()
    };
    let saved = run(&[
        "--in",
        "folder:business or folder:sport",
        "--save-as",
        "news",
        ".",
    ])?;
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    let both = docs
        .iter()
        .filter(|(p, _)| p.starts_with("business/") || p.starts_with("sport/"))
        .count();
    assert!(String::from_utf8_lossy(&saved.stdout).contains(&format!("({both} documents)")));
    assert!(
        run(&[
            "--in",
            "@news and not folder:sport",
            "--save-as",
            "biz",
            "."
        ])?
        .status
        .success()
    );
    let listed = String::from_utf8_lossy(&run(&["--subcorpora", "."])?.stdout).into_owned();
    let business = docs
        .iter()
        .filter(|(p, _)| p.starts_with("business/"))
        .count();
    assert_eq!(
        listed,
        format!(
            "news\tfolder:business or folder:sport\t{both}\nbiz\t@news and not folder:sport\t{business}\n"
        )
    );
    let by_name = run(&["--wordlist", "--in", "@biz", "."])?;
    let by_folder = run(&["--wordlist", "--in", "folder:business", "."])?;
    assert_eq!(by_name.stdout, by_folder.stdout);
    Ok(())
}

#[test]
fn counts_list_every_group_of_the_scope_at_any_depth_with_its_size() -> TestResult {
    let (dir, docs) = corpus();
    let cache = tempfile::tempdir()?;
    // Groups two folders deep within sport/: `sport` (its own documents) and `sport/2004`.
    let shown = rows(
        &[
            "--count",
            "'covid'",
            "--by",
            "folder:2",
            "--in",
            "folder:sport",
            ".",
        ],
        dir.path(),
        cache.path(),
    );
    let mut expected: BTreeMap<String, (u64, u64, u64, u64)> = BTreeMap::new();
    for (path, text) in docs.iter().filter(|(p, _)| p.starts_with("sport/")) {
        let group = match path.starts_with("sport/2004/") {
            true => "sport/2004",
            false => "sport",
        };
        let words = words_of(text);
        let hits = words.iter().filter(|w| *w == "covid").count() as u64;
        let entry = expected.entry(group.to_string()).or_default();
        entry.0 += u64::from(hits > 0);
        entry.1 += hits;
        entry.2 += 1;
        entry.3 += words.len() as u64;
    }
    let got: BTreeMap<String, (u64, u64, u64, u64)> = shown
        .iter()
        .map(|r| {
            let n = |at: usize| number(&r[at]) as u64;
            (r[0].clone(), (n(1), n(2), n(3), n(4)))
        })
        .collect();
    assert_eq!(
        got, expected,
        "a row for each group, a group without a hit too"
    );
    for row in &shown {
        let hits = number(&row[2]);
        assert!(close(&row[5], hits * 1e6 / number(&row[4])), "{row:?}");
    }
    Ok(())
}

#[test]
fn collocates_by_each_measure_are_the_oracles() -> TestResult {
    // A title line and one line of words and spaces per document, one paragraph: a hit's
    // window is the five words each side of it in the document, as plainly as an oracle can
    // count it.
    let vocabulary = [
        "harbour", "ship", "crane", "tide", "quay", "cargo", "the", "of", "dawn", "port", "rope",
    ];
    let mut seeded = crate::common::Seeded::new();
    let docs: Vec<(String, String)> = (0..40)
        .map(|i| {
            let words: Vec<&str> = (0..(10 + seeded.below(30)))
                .map(|_| vocabulary[seeded.below(vocabulary.len())])
                .collect();
            (
                format!("d{i:02}.txt"),
                format!("Doc {i}\n{}\n", words.join(" ")),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = temp_corpus(&files);
    let cache = tempfile::tempdir()?;
    let (mut near, mut window, mut hits, mut corpus) =
        (BTreeMap::new(), 0u64, 0u64, BTreeMap::new());
    let mut total = 0u64;
    for (_, text) in &docs {
        total += words_of(text).len() as u64;
        for word in words_of(text) {
            *corpus.entry(word).or_insert(0u64) += 1;
        }
        let line: Vec<String> = words_of(text);
        for (at, word) in line.iter().enumerate() {
            if word != "harbour" {
                continue;
            }
            hits += 1;
            let from = at.saturating_sub(5);
            let to = (at + 6).min(line.len());
            for other in (from..to).filter(|&j| j != at) {
                window += 1;
                *near.entry(line[other].clone()).or_insert(0u64) += 1;
            }
        }
    }
    for measure in ["log-likelihood", "mi", "t-score", "logdice"] {
        let shown = rows(
            &[
                "--collocates",
                "'harbour'",
                "--measure",
                measure,
                "--min",
                "3",
                ".",
            ],
            dir.path(),
            cache.path(),
        );
        let mut expected: Vec<(String, f64)> = Vec::new();
        for (word, &o11) in near.iter().filter(|&(_, &n)| n >= 3) {
            // A word near two hits is counted near each: its near count can pass its
            // frequency, which is then taken as at least that (as folio does).
            let f = corpus[word].max(o11);
            let e11 = window as f64 * f as f64 / total as f64;
            if o11 as f64 <= e11 {
                continue;
            }
            let score = match measure {
                "mi" => (o11 as f64 / e11).log2(),
                "t-score" => (o11 as f64 - e11) / (o11 as f64).sqrt(),
                "logdice" => 14.0 + (2.0 * o11 as f64 / (hits + f) as f64).log2(),
                _ => {
                    let cells = [
                        (o11 as f64, window as f64, f as f64),
                        ((window - o11) as f64, window as f64, (total - f) as f64),
                        ((f - o11) as f64, (total - window) as f64, f as f64),
                        (
                            (total - window - (f - o11)) as f64,
                            (total - window) as f64,
                            (total - f) as f64,
                        ),
                    ];
                    2.0 * cells
                        .iter()
                        .map(|&(o, row, col)| {
                            let e = row * col / total as f64;
                            if o > 0.0 { o * (o / e).ln() } else { 0.0 }
                        })
                        .sum::<f64>()
                }
            };
            expected.push((word.clone(), score));
        }
        assert_eq!(
            shown.len(),
            expected.len(),
            "{measure}: one row per word attracted"
        );
        for row in &shown {
            let (_, score) = expected
                .iter()
                .find(|(w, _)| *w == row[0])
                .unwrap_or_else(|| panic!("{row:?}"));
            assert_eq!(number(&row[1]) as u64, near[&row[0]], "{measure} {row:?}");
            let frequency = corpus[&row[0]].max(near[&row[0]]);
            assert_eq!(number(&row[2]) as u64, frequency, "{measure} {row:?}");
            assert!(close(&row[3], *score), "{measure} {row:?}: {score}");
        }
        let scores: Vec<f64> = shown.iter().map(|r| number(&r[3])).collect();
        assert!(
            scores.windows(2).all(|p| p[0] >= p[1]),
            "{measure}: best first"
        );
    }
    Ok(())
}
