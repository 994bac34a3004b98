//! Searching: the query language (parsed once, in `query`), the titles (fuzzy ranking,
//! narrowing, orders) and the documents' text (terms, scanning, the word index, passages).
//! Knows nothing of the terminal. May use `store`, `corpus`, `work` and `text`.

pub(crate) mod query;
pub(crate) mod text;
pub(crate) mod titles;

/// Hits in each matching document, by its index (what text mode shows and sorts by): millions
/// of entries for a common word, so hashed with Fx, not SipHash (the keys are the corpus's own
/// numbers, not an adversary's).
pub(crate) type Hits = rustc_hash::FxHashMap<usize, usize>;
