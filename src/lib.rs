//! folio: a terminal corpus browser. The library holds everything but process wiring, so the
//! tests can drive the whole app without a terminal.

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod content;
pub mod corpus;
pub mod event_loop;
pub mod filter;
pub mod frugal;
pub mod input;
pub mod keymap;
pub mod newest;
pub mod outside;
pub mod query;
pub mod ranker;
pub mod reader;
pub mod signals;
pub mod sorting;
pub mod terminal;
pub mod text;
pub mod ui;

/// Threads for work spread over the cores (loading, ranking, searching): one per core.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
