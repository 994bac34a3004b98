//! The command line: the arguments (clap), and the printing modes.

mod args;

pub use args::*;
