//! folio's integration tests, one binary (as ripgrep's `tests/tests.rs`): one link instead of
//! one per file, and helpers in `common` that every module shares, so nothing in them is
//! unused. Each module is a layer of README's Tests section; they drive the real event loop
//! through `folio::testing`, or the built binary in a real terminal (tmux, a pty, SSH).
// A test fails by panicking: the helpers that read files and run programs panic with what
// went wrong, as the tests' own `assert!`s do (clippy allows it in `#[test]` functions only).
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

mod common;

mod curate;

mod batch;
mod bytes;
mod colours;
mod conventions;
mod copies;
mod demo_tape;
mod e2e;
mod exits;
mod files;
mod formats;
mod guarantees;
mod hostile;
mod input;
mod jsonl;
mod layering;
mod neighbours;
mod ngrams;
mod paging;
mod pipes;
mod properties;
mod query_language;
mod query_patterns;
mod ranking;
mod readme;
mod remembered;
mod render;
mod responsive;
mod search;
mod ssh;
mod state;
mod store;
mod study;
mod tags;
mod text_mode;
mod word_views;
mod words;
