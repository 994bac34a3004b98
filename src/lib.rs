//! folio: a terminal corpus browser. The library holds everything but process wiring, so the
//! tests can drive the whole app without a terminal. It exposes the binary's entry (`run`)
//! and, for the tests and benchmarks, the `testing` facade; every folder is private to the
//! crate, so the compiler sees what nothing uses.
//!
//! Folders by feature, dependencies pointing one way (each may use those listed before it,
//! checked by `tests/layering.rs` against README's Design section):
//! `text` (sanitize, wrap, fit, highlight, words) and `work` (the worker pool and the
//! background job, which know nothing of documents) ← `corpus` (walk, read, decode, titles,
//! JSON Lines, loading, the one way to get a document's text) ← `store` (the lasting store's
//! files) ← `search` (the query language,
//! titles, text) ← `copies` (near-duplicates, documents alike) ← `reader` (the paged document) ← `study` (concordance, counts, collocates,
//! export) ← `keys` (actions, bindings, the keymap) ←
//! `app` (what the screen shows and the one update) ← `ui` (drawing) ← `tty` (the terminal,
//! its events and the loop) ← `config` ← `cli`.

mod app;
mod cli;
mod config;
mod copies;
mod corpus;
mod keys;
mod reader;
mod search;
mod store;
mod study;
mod text;
mod tty;
mod ui;
mod work;

pub mod testing;

pub use cli::run;
