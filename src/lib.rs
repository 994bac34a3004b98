//! folio: a terminal corpus browser. The library holds everything but process wiring, so the
//! tests can drive the whole app without a terminal.
//!
//! Folders by feature, dependencies pointing one way (each may use those listed before it):
//! `text` (sanitize, wrap, fit, highlight, words) and `work` (the worker pool and the
//! background job, which know nothing of documents) ← `corpus` (walk, read, decode, titles,
//! JSON Lines, loading, the one way to get a document's text) ← `search` (the query language,
//! titles, text) ← `reader` (the paged document) ← `study` (concordance, counts, collocates,
//! export) ← `keys` (actions, bindings, the keymap) ←
//! `app` (what the screen shows and the one update) ← `ui` (drawing) ← `tty` (the terminal,
//! its events and the loop) ← `config` ← `cli`.

pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod keys;
pub mod reader;
pub mod search;
pub mod study;
pub mod text;
pub mod tty;
pub mod ui;
pub mod work;
