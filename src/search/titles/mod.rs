//! Finding documents by title: the fuzzy filter, rankings and what a narrower query reuses of
//! them, ranking on every core, the recent rankings, and the orders the list can be sorted in.

pub(crate) mod filter;
pub(crate) mod order;
pub(crate) mod ranker;
pub(crate) mod ranking;
pub(crate) mod recent;
