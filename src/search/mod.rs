//! Searching: the query language (parsed once, in `query`), the titles (fuzzy ranking,
//! narrowing, orders) and the documents' text (terms, scanning, the word index, passages).
//! Uses `text`, `corpus` and `work`; knows nothing of the terminal.

pub mod query;
pub mod text;
pub mod titles;
