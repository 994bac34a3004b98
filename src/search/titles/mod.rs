//! Finding documents by title: the fuzzy filter, ranking on every core with narrowing, and the
//! orders the list can be sorted in.

pub mod filter;
pub mod order;
pub mod ranker;
pub mod ranking;
pub mod recent;
