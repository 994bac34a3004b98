//! The rows of the three word views, each as a [`Listing`]: the word list's words, the
//! keywords and the n-grams — their columns, orders, work, concordance query and save.

use super::ViewOf;
use super::words::Listing;
use crate::keys::action::StudyKind;
use crate::study::batch::BatchRow;
use crate::study::batch::serve_batch;
use crate::study::save::Saving;
use crate::study::word_scope::{
    WordsFound, WordsRequest, serve_keywords, serve_ngrams, serve_word_list,
};
use crate::study::words::counted::PartSize;
use crate::study::words::keyness::{self, DEFAULT_P, KeywordRow, critical_value};
use crate::study::words::ngrams::NgramRow;
use crate::study::words::wordlist::{Order, WordRow};
use crate::text::columns::thousands;
use crate::work::job::Cancel;
use std::cmp::Ordering;
use std::sync::Arc;

/// The word list's and n-grams' orders, as `s` goes through them.
const RANKED_ORDERS: &[&str] = &["hits", "documents", "dp", "word"];

fn ranked_order(order: usize) -> Order {
    match order {
        1 => Order::Documents,
        2 => Order::Dp,
        3 => Order::Word,
        _ => Order::Hits,
    }
}

impl Listing for WordRow {
    const KIND: StudyKind = StudyKind::WordList;
    const COLUMNS: &'static [&'static str] = &["word", "hits", "per million", "documents", "DP"];
    const ORDERS: &'static [&'static str] = RANKED_ORDERS;

    fn title(_: usize, _: &ViewOf) -> String {
        "word list".to_string()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.word.to_string(),
            thousands(self.hits as usize),
            format!("{:.1}", self.per_million),
            thousands(self.documents as usize),
            format!("{:.3}", self.dp),
        ]
    }

    fn compare(order: usize, a: &Self, b: &Self) -> Ordering {
        ranked_order(order).compare(&a.ranked(), &b.ranked())
    }

    fn serve(request: &WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<Self>)) {
        serve_word_list(request, cancel, deliver);
    }

    fn query(&self) -> String {
        format!("'{}'", self.word)
    }

    fn saving(rows: Arc<Vec<Self>>) -> Saving {
        Saving::WordList(rows)
    }
}

impl Listing for NgramRow {
    const KIND: StudyKind = StudyKind::Ngrams;
    const COLUMNS: &'static [&'static str] = &["n-gram", "hits", "documents", "DP"];
    const ORDERS: &'static [&'static str] = RANKED_ORDERS;

    fn title(n: usize, _: &ViewOf) -> String {
        format!("{n}-grams (2–5: words)")
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.ngram.to_string(),
            thousands(self.hits as usize),
            thousands(self.documents as usize),
            format!("{:.3}", self.dp),
        ]
    }

    fn compare(order: usize, a: &Self, b: &Self) -> Ordering {
        ranked_order(order).compare(&a.ranked(), &b.ranked())
    }

    fn serve(request: &WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<Self>)) {
        serve_ngrams(request, cancel, deliver);
    }

    fn query(&self) -> String {
        format!("\"{}\"", self.ngram)
    }

    fn saving(rows: Arc<Vec<Self>>) -> Saving {
        Saving::Ngrams(rows)
    }
}

impl Listing for KeywordRow {
    const KIND: StudyKind = StudyKind::Keywords;
    const COLUMNS: &'static [&'static str] = &[
        "keyword",
        "target",
        "per million",
        "reference",
        "per million",
        "G²",
        "Log Ratio",
        "%DIFF",
    ];
    const ORDERS: &'static [&'static str] = &["G² (positive, then negative)", "Log Ratio", "word"];

    fn title(_: usize, _: &ViewOf) -> String {
        // Cut, not rounded, to two places, as the tables give it (15.13 for p < 0.0001).
        let cut_off = (critical_value(DEFAULT_P) * 100.0).floor() / 100.0;
        format!("keywords (G² ≥ {cut_off:.2}, p < {DEFAULT_P})")
    }

    fn sizes(sizes: &[PartSize; 2]) -> String {
        format!(
            "of {} words against {} words",
            thousands(sizes[0].words as usize),
            thousands(sizes[1].words as usize)
        )
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.word.to_string(),
            thousands(self.target_hits as usize),
            format!("{:.1}", self.target_per_million),
            thousands(self.reference_hits as usize),
            format!("{:.1}", self.reference_per_million),
            format!("{:.2}", self.log_likelihood),
            format!("{:.2}", self.log_ratio),
            format!("{:.1}", self.percent_diff),
        ]
    }

    fn compare(order: usize, a: &Self, b: &Self) -> Ordering {
        match order {
            // As they come: positive keywords first, each side by G².
            0 => keyness::compare(a, b),
            1 => b
                .log_ratio
                .total_cmp(&a.log_ratio)
                .then_with(|| a.word.cmp(&b.word)),
            _ => a.word.cmp(&b.word),
        }
    }

    fn serve(request: &WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<Self>)) {
        serve_keywords(request, cancel, deliver);
    }

    fn query(&self) -> String {
        format!("'{}'", self.word)
    }

    fn saving(rows: Arc<Vec<Self>>) -> Saving {
        Saving::Keywords(rows)
    }
}

impl Listing for BatchRow {
    const KIND: StudyKind = StudyKind::Batch;
    const COLUMNS: &'static [&'static str] = &["query", "line", "documents", "hits"];
    const ORDERS: &'static [&'static str] = &["line", "documents", "hits", "query"];

    /// `batch names.txt` and the lines that are not queries, first of all.
    fn title(_: usize, of: &ViewOf) -> String {
        let Some(batch) = &of.batch else {
            return "batch".to_string();
        };
        let name = crate::text::sanitize::sanitize_line(&batch.name);
        let bad: Vec<String> = batch
            .bad
            .iter()
            .map(|bad| format!("line {}: {}", bad.line, bad.why))
            .collect();
        match bad.is_empty() {
            true => format!("batch {name}"),
            false => format!(
                "batch {name} ({})",
                crate::text::sanitize::sanitize_line(&bad.join("; "))
            ),
        }
    }

    fn sizes(sizes: &[PartSize; 2]) -> String {
        let queries = sizes[0].documents;
        format!(
            "of {} quer{}",
            thousands(queries),
            if queries == 1 { "y" } else { "ies" }
        )
    }

    fn cells(&self) -> Vec<String> {
        vec![
            crate::text::sanitize::sanitize_line(&self.query),
            self.line.to_string(),
            thousands(self.documents),
            thousands(self.hits),
        ]
    }

    fn compare(order: usize, a: &Self, b: &Self) -> Ordering {
        let by = match order {
            1 => b.documents.cmp(&a.documents),
            2 => b.hits.cmp(&a.hits),
            3 => a.query.cmp(&b.query),
            _ => Ordering::Equal,
        };
        by.then(a.line.cmp(&b.line))
    }

    fn serve(request: &WordsRequest, cancel: &Cancel, deliver: &dyn Fn(WordsFound<Self>)) {
        serve_batch(request, cancel, deliver);
    }

    fn query(&self) -> String {
        self.query.clone()
    }

    fn saving(rows: Arc<Vec<Self>>) -> Saving {
        Saving::Batch(rows)
    }
}
