//! The words of a corpus compared: every word of a scope with its frequency, range and
//! dispersion (the word list), and the words characteristic of one subcorpus against another
//! or a frequency list (keywords), all from one count of the words (`counted`), made from the
//! word index. Words are what the index counts: runs of letters, digits and `_`, lowercased
//! char by char.

pub(crate) mod counted;
pub(crate) mod keyness;
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
