//! The word list: every word of a scope with its hits, hits per million words, range (the
//! documents it occurs in) and dispersion (DP normalised), filtered by a minimum frequency
//! and range and a stop-list, in the order chosen.

use super::counted::Counted;
use super::per_million;
use super::stoplist::Stoplist;

/// One word of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct WordRow {
    pub word: Box<str>,
    pub hits: u64,
    pub per_million: f64,
    pub documents: u32,
    pub dp: f64,
}

/// The order of a list: by a column. Numbers go from the most, DP from the most even (the
/// smallest), words alphabetically; ties by word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Order {
    #[default]
    Hits,
    Word,
    Documents,
    Dp,
}

impl std::str::FromStr for Order {
    type Err = String;

    fn from_str(name: &str) -> Result<Order, String> {
        Ok(match name {
            "hits" | "per_million" | "frequency" => Order::Hits,
            "word" | "ngram" => Order::Word,
            "documents" | "range" => Order::Documents,
            "dp" | "dispersion" => Order::Dp,
            other => {
                return Err(format!(
                    "unknown column {other:?}: hits, per_million, word (ngram), documents or dp"
                ));
            }
        })
    }
}

/// A row's figures as an order compares them.
pub(crate) struct Ranked<'a> {
    pub word: &'a str,
    pub hits: u64,
    pub documents: u32,
    pub dp: f64,
}

impl Order {
    /// Which of two rows comes first in this order.
    pub(crate) fn compare(self, a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        let by = match self {
            Order::Hits => b.hits.cmp(&a.hits),
            Order::Word => std::cmp::Ordering::Equal,
            Order::Documents => b.documents.cmp(&a.documents),
            Order::Dp => a.dp.total_cmp(&b.dp),
        };
        by.then_with(|| a.word.cmp(b.word))
    }
}

impl WordRow {
    pub(crate) fn ranked(&self) -> Ranked<'_> {
        Ranked {
            word: &self.word,
            hits: self.hits,
            documents: self.documents,
            dp: self.dp,
        }
    }
}

/// What the list keeps and how it is ordered.
#[derive(Clone, Debug, Default)]
pub(crate) struct Choices {
    pub min_hits: u64,
    pub min_documents: u32,
    pub stoplist: Option<Stoplist>,
    pub order: Order,
}

/// The rows of the word list of the first part of `counted`.
pub(crate) fn word_list(counted: &Counted, choices: &Choices) -> Vec<WordRow> {
    let words = counted.parts[0].words;
    let mut rows: Vec<WordRow> = counted
        .words
        .iter()
        .filter(|(_, count)| count.hits[0] > 0)
        .filter(|(_, count)| count.hits[0] >= choices.min_hits)
        .filter(|(_, count)| count.documents[0] >= choices.min_documents)
        .filter(|(word, _)| {
            !choices
                .stoplist
                .as_ref()
                .is_some_and(|stop| stop.holds(word))
        })
        .map(|(word, count)| WordRow {
            word: word.clone(),
            hits: count.hits[0],
            per_million: per_million(count.hits[0], words),
            documents: count.documents[0],
            dp: count.dp,
        })
        .collect();
    rows.sort_by(|a, b| choices.order.compare(&a.ranked(), &b.ranked()));
    rows
}
