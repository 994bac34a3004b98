//! Content search: the documents whose text mentions the query, each with its number of hits,
//! a relevance score (BM25) and its best passage. Every document's whole text is read (on
//! every core) unless the word index answers for it, so the result is complete. The terms are
//! in `terms`, scanning and tallying in `scan`, the index in `index`, the list's search as
//! background work in `request`, `--search` in `corpus_search`.

pub(crate) mod caseless;
pub(crate) mod corpus_search;
pub(crate) mod index;
pub(crate) mod passage;
pub(crate) mod phrase;
pub(crate) mod record_search;
pub(crate) mod request;
pub(crate) mod scan;
pub(crate) mod tally;
pub(crate) mod terms;

use crate::corpus::store::DocStore;
use crate::search::query::Query;
use crate::work::job::Cancel;
pub(crate) use passage::{Passage, passage_of};
use scan::Scan;
use terms::content_terms;

/// A document that matches, with what to show of it.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMatch {
    pub index: usize,
    /// Occurrences of the query's terms (those not negated).
    pub hits: usize,
    pub score: f64,
    /// The line with the most of the terms, around its first hit.
    pub passage: Passage,
}

/// Searches every document of `docs` for `query`; the matches best first (ties in index order).
/// `passages` says whether to find each match's best passage.
pub fn search(docs: &DocStore, query: &Query, workers: usize, passages: bool) -> Vec<TextMatch> {
    let groups = content_terms(query);
    let scan = Scan {
        docs,
        groups: &groups,
        passages,
        index: None,
        within: None,
    };
    scan.run(workers, &Cancel::new(), |_, _| {})
        .map(|tally| tally.ranked(&groups))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{WalkOptions, load};

    fn corpus(files: &[(&str, &str)]) -> (tempfile::TempDir, DocStore) {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap_or_else(|error| panic!("{error}"));
        }
        let options = WalkOptions {
            extensions: vec!["txt".into()],
            ..WalkOptions::default()
        };
        let corpus = load(&crate::corpus::Inputs::one(dir.path()), &options)
            .unwrap_or_else(|error| panic!("{error}"));
        (dir, corpus.docs)
    }

    fn names(docs: &DocStore, found: &[TextMatch]) -> Vec<String> {
        let name = |index: usize| {
            docs.at(index)
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        };
        found.iter().filter_map(|f| name(f.index)).collect()
    }

    #[test]
    fn records_looked_at_a_run_at_a_time_count_as_each_read_alone() {
        // Records in runs (a BOM, blank and broken lines, escapes that hide a letter, a
        // record longer than a block, titles that hold the word): every count equals one
        // made by parsing each line with serde_json's own Value.
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let mut lines =
            vec!["\u{feff}{\"title\": \"Yukos first\", \"text\": \"yukos\"}".to_string()];
        for number in 0..400 {
            lines.push(match number % 9 {
                0 => format!(r#"{{"title": "t{number}", "text": "the \u0059ukos case"}}"#),
                1 => String::new(),
                2 => "{broken".to_string(),
                3 => format!(r#"{{"title": "YUKOS {number}", "text": "oil"}}"#),
                4 => format!(
                    r#"{{"title": "t{number}", "text": "{}"}}"#,
                    "word ".repeat(number * 700)
                ),
                5 => format!(r#"{{"title": "t{number}", "text": "yukos\nYukos and £ \"yukos\""}}"#),
                _ => format!(r#"{{"title": "t{number}", "text": "nothing £ here"}}"#),
            });
        }
        let path = dir.path().join("news.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap_or_else(|error| panic!("{error}"));
        let corpus = load(&crate::corpus::Inputs::one(&path), &WalkOptions::default())
            .unwrap_or_else(|error| panic!("{error}"));
        let docs = corpus.docs;
        let mut found: Vec<(u64, usize)> = search(&docs, &Query::parse("yukos"), 2, false)
            .iter()
            .filter_map(|m| Some((docs.at(m.index).record?.line, m.hits)))
            .collect();
        found.sort_unstable();
        let mut expected = Vec::new();
        for (number, line) in lines.iter().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
            let text = format!("{}\n\n{}", field("title"), field("text")).to_lowercase();
            let hits = text.matches("yukos").count();
            if hits > 0 {
                expected.push((number as u64 + 1, hits));
            }
        }
        assert!(expected.len() > 100, "{}", expected.len());
        assert_eq!(found, expected);
    }

    #[test]
    fn relevance_prefers_more_hits_in_less_text_and_rarer_words() {
        let filler = "Nothing to see here. ".repeat(40);
        let (_dir, docs) = corpus(&[
            ("a.txt", &format!("Title A.\nfraud once. {filler}")),
            ("b.txt", "Title B.\nfraud fraud fraud in a short note."),
            ("c.txt", &format!("Title C.\nfraud twice, fraud. {filler}")),
            ("d.txt", "Title D.\nNo mention at all."),
        ]);
        let found = search(&docs, &Query::parse("fraud"), 2, true);
        assert_eq!(names(&docs, &found), ["b.txt", "c.txt", "a.txt"]);
        assert_eq!(found.iter().map(|f| f.hits).collect::<Vec<_>>(), [3, 2, 1]);
        assert_eq!(found[0].passage.text, "fraud fraud fraud in a short note.");
        // "note" is in one document only: with a common word, that document comes first.
        let both = search(&docs, &Query::parse("title | note"), 2, true);
        assert_eq!(names(&docs, &both)[0], "b.txt");
    }

    #[test]
    fn passages_are_cut_where_the_hit_is_in_text_whose_case_changes_length() {
        // "Ⱥ" lowercases to a longer char and "İ" to two: offsets in a lowercased copy would
        // fall inside "é" or "ç" of the original line.
        let line = format!("Ⱥ émile İİİ ab {}", "ç".repeat(200));
        let (_dir, docs) = corpus(&[("a.txt", &format!("Title.\n{line}\n"))]);
        for query in ["émile", "ab"] {
            let found = search(&docs, &Query::parse(query), 2, true);
            assert_eq!(found.len(), 1);
            assert!(
                found[0].passage.text.contains(query),
                "{query}: {}",
                found[0].passage.text
            );
        }
    }

    #[test]
    fn negation_and_alternatives_filter_documents() {
        let (_dir, docs) = corpus(&[
            ("a.txt", "Harbour news.\nThe harbour reopened."),
            ("b.txt", "Storm news.\nThe storm closed the harbour."),
            ("c.txt", "Budget.\nTaxes stay flat."),
        ]);
        assert_eq!(
            names(
                &docs,
                &search(&docs, &Query::parse("harbour !storm"), 2, true)
            ),
            ["a.txt"]
        );
        let either = search(&docs, &Query::parse("storm | taxes"), 2, true);
        let mut either = names(&docs, &either);
        either.sort();
        assert_eq!(either, ["b.txt", "c.txt"]);
        assert!(
            search(&docs, &Query::parse("!"), 2, true).is_empty(),
            "no terms, no matches"
        );
    }
}
