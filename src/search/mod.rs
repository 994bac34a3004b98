//! Searching: the query language (parsed once, in `query`), the titles (fuzzy ranking,
//! narrowing, orders) and the documents' text (terms, scanning, the word index, passages).
//! Knows nothing of the terminal. May use `store`, `corpus`, `work` and `text`.

pub(crate) mod query;
pub(crate) mod text;
pub(crate) mod titles;
