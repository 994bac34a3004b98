//! Finding documents by title: the fuzzy filter, rankings and what a narrower query reuses of
//! them, ranking on every core, the recent rankings, and the orders the list can be sorted in.

pub mod filter;
pub mod order;
pub mod ranker;
pub mod ranking;
pub mod recent;
