//! The words of a corpus compared: every word of a scope with its frequency, range and
//! dispersion (the word list), and the words characteristic of one subcorpus against another
//! or a frequency list (keywords), all from one count of the words (`counted`), made from the
//! word index. Words are what the index counts: runs of letters, digits and `_`, lowercased
//! char by char.

pub(crate) mod counted;
pub(crate) mod keyness;
mod ngram_chain;
pub(crate) mod ngrams;
pub(crate) mod sizes;
pub(crate) mod stoplist;
pub(crate) mod wordlist;

/// Occurrences per million words, 0 for an empty part.
pub(crate) fn per_million(hits: u64, words: u64) -> f64 {
    match words {
        0 => 0.0,
        words => hits as f64 * 1_000_000.0 / words as f64,
    }
}

/// Gries's DP normalised over a scope's documents (its parts), from each document's size in
/// words: what the word list, n-grams and the dispersion plot all report. With `s_i` a
/// document's share of the scope's words and `v_i` its share of an item's hits, DP = ½ Σ
/// |v_i − s_i| over every document, DPnorm = DP / (1 − min s_i). Summed over only the
/// documents with hits: those without add their share `s_i` each, which is 1 less the shares
/// of those with hits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dispersion {
    /// The scope's words.
    total: f64,
    /// 1 − the smallest share of the text a document of the scope has.
    most: f64,
}

impl Dispersion {
    /// Over the documents `inside` flags, each of `doc_words` words.
    pub(crate) fn over(doc_words: &[u32], inside: impl Fn(usize) -> bool) -> Dispersion {
        let chosen = || (0..doc_words.len()).filter(|&doc| inside(doc));
        let total = chosen()
            .map(|doc| u64::from(doc_words[doc]))
            .sum::<u64>()
            .max(1) as f64;
        let smallest = chosen()
            .map(|doc| f64::from(doc_words[doc]) / total)
            .fold(f64::INFINITY, f64::min);
        Dispersion {
            total,
            most: 1.0 - smallest,
        }
    }

    /// A document's share of the scope's words.
    pub(crate) fn share(&self, words: u32) -> f64 {
        f64::from(words) / self.total
    }

    /// Adds a document of `words` words with `hits` of an item's `all` to `sums`: Σ |v_i −
    /// s_i| and Σ s_i over the documents with hits, which [`Dispersion::dp`] takes.
    pub(crate) fn add(&self, sums: &mut (f64, f64), words: u32, hits: f64, all: f64) {
        let s = self.share(words);
        sums.0 += (hits / all.max(1.0) - s).abs();
        sums.1 += s;
    }

    /// DPnorm from `apart`, Σ |v_i − s_i|, and `share`, Σ s_i, both over the documents with
    /// hits.
    pub(crate) fn dp(&self, apart: f64, share: f64) -> f64 {
        let dp = 0.5 * (apart + (1.0 - share).max(0.0));
        match self.most > 0.0 && self.most.is_finite() {
            true => (dp / self.most).clamp(0.0, 1.0),
            false => 0.0,
        }
    }
}
