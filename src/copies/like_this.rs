//! The documents most like one, by the words that distinguish it (what Lucene's
//! more-like-this does): the document's words weighed by tf-idf against the corpus, the
//! `QUERY_WORDS` heaviest taken as a query, and every document holding any of them scored by
//! BM25 over them, each word weighed by its weight in the document. A score is given as a
//! share of the document's own (1 is as like it as itself). Each row says which of the
//! distinguishing words it shares, heaviest first.

use crate::corpus::store::DocStore;
use crate::search::text::index::TextIndex;
use crate::text::words::{for_each_word, lowercase};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words of the document the query is made of (Lucene's default is 25).
const QUERY_WORDS: usize = 25;

/// A word in more than this share of the documents distinguishes nothing.
const MOST_COMMON: f64 = 0.5;

/// BM25's saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Distinguishing words shown in a row.
const SHOWN_WORDS: usize = 5;

/// A document like the one asked about.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alike {
    pub doc: usize,
    /// Its score over the document's own.
    pub score: f64,
    /// The distinguishing words it shares, heaviest first.
    pub words: Vec<String>,
}

/// The `most` documents most like `doc` (itself left out), best first; empty when it has no
/// word that distinguishes it, or cannot be read.
pub(crate) fn like_this(docs: &DocStore, index: &TextIndex, doc: usize, most: usize) -> Vec<Alike> {
    let Some(query) = query_of(docs, index, doc) else {
        return Vec::new();
    };
    let wanted: FxHashSet<String> = query.iter().map(|(word, _, _)| word.clone()).collect();
    let postings = index.postings_of_words(&wanted);
    let lengths = index.words_of_documents(docs.len());
    let counted: Vec<u32> = lengths.iter().copied().filter(|&l| l > 0).collect();
    let average = counted.iter().map(|&l| f64::from(l)).sum::<f64>() / counted.len().max(1) as f64;
    let mut scores: FxHashMap<usize, (f64, Vec<(f64, usize)>)> = FxHashMap::default();
    for (rank, (word, weight, idf)) in query.iter().enumerate() {
        for &(other, count) in postings.get(word).map_or(&[][..], Vec::as_slice) {
            let length = f64::from(lengths.get(other).copied().unwrap_or(0)).max(1.0);
            let tf = f64::from(count);
            let part = weight * idf * tf * (K1 + 1.0)
                / (tf + K1 * (1.0 - B + B * length / average.max(1.0)));
            let entry = scores.entry(other).or_default();
            entry.0 += part;
            entry.1.push((part, rank));
        }
    }
    let own = scores.get(&doc).map_or(0.0, |(score, _)| *score);
    if own <= 0.0 {
        return Vec::new();
    }
    let mut alike: Vec<Alike> = scores
        .into_iter()
        .filter(|&(other, _)| other != doc)
        .map(|(other, (score, mut parts))| {
            parts.sort_by(|a, b| b.0.total_cmp(&a.0));
            Alike {
                doc: other,
                score: score / own,
                words: parts
                    .iter()
                    .take(SHOWN_WORDS)
                    .map(|&(_, rank)| query[rank].0.clone())
                    .collect(),
            }
        })
        .collect();
    alike.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    alike.truncate(most);
    alike
}

/// The words that distinguish `doc`: (word, its tf-idf weight in the document normalised to
/// the heaviest, its idf), heaviest first; None when it has none or cannot be read.
fn query_of(docs: &DocStore, index: &TextIndex, doc: usize) -> Option<Vec<(String, f64, f64)>> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    docs.each_piece(doc, |piece| {
        let lowered = lowercase(&piece.text());
        for_each_word(&lowered, |word| {
            // A number or a letter alone says little of what a document is about.
            if word.chars().count() > 1 && !word.bytes().all(|b| b.is_ascii_digit()) {
                *counts.entry(word.to_string()).or_default() += 1;
            }
        });
    })
    .ok()?;
    let words: FxHashSet<String> = counts.keys().cloned().collect();
    let frequencies = index.document_frequencies(&words);
    let documents = index.documents().max(1) as f64;
    let mut weighed: Vec<(String, f64, f64)> = counts
        .into_iter()
        .filter_map(|(word, count)| {
            let held = f64::from(*frequencies.get(&word)?);
            // Held by this document alone, or by most (in a corpus big enough to say): it
            // tells nothing of likeness.
            if held < 2.0 || (documents >= 20.0 && held > documents * MOST_COMMON) {
                return None;
            }
            // Classic idf (0 for a word every document holds, so a small corpus's common
            // words weigh nothing either).
            let idf = (documents / held).ln();
            (idf > 0.0).then(|| (word, f64::from(count) * idf, idf))
        })
        .collect();
    weighed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighed.truncate(QUERY_WORDS);
    let heaviest = weighed.first()?.1;
    Some(
        weighed
            .into_iter()
            .map(|(word, weight, idf)| (word, weight / heaviest, idf))
            .collect(),
    )
}
