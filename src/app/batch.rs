//! The batch view's file (Alt-B): its name asked in the status bar's prompt, read (a small
//! regular file, at most [`LARGEST_BATCH`]) and its lines made queries; the view then counts
//! each in the subcorpus chosen, a row per query, Enter opening its concordance. A line that
//! is not a query is named in the view's heading with its number and why.

use super::App;
use super::save::{Prompt, PromptKind};
use crate::keys::action::StudyKind;
use crate::study::batch::{BatchAsk, read_batch};
use crate::text::sanitize::sanitize_line;
use std::io::Read;
use std::sync::Arc;

/// The most of a batch file read: a list of queries, not a corpus.
const LARGEST_BATCH: u64 = 4 << 20;

impl App {
    /// Opens the prompt for a batch file's name.
    pub(super) fn ask_batch(&mut self) {
        self.screen.prompt = Some(Prompt::new(PromptKind::Batch));
    }

    /// Reads the batch file `name` (relative to where folio was started) and opens its view,
    /// or says why not.
    pub(super) fn open_batch(&mut self, name: &str) {
        let name = name.trim();
        let shown = sanitize_line(name);
        let read = || -> std::io::Result<Vec<u8>> {
            let file = std::fs::File::open(name)?;
            if !file.metadata()?.is_file() {
                return Err(std::io::Error::other("not a regular file"));
            }
            let mut bytes = Vec::new();
            file.take(LARGEST_BATCH).read_to_end(&mut bytes)?;
            Ok(bytes)
        };
        let bytes = match read() {
            Ok(bytes) => bytes,
            Err(error) => {
                self.screen.say(format!("batch {shown}: {error}"));
                return;
            }
        };
        let (queries, bad) = read_batch(&String::from_utf8_lossy(&bytes), self.matching());
        if queries.is_empty() {
            self.screen
                .say(format!("batch {shown}: no query in it (one a line)"));
            return;
        }
        self.study.batch = Some(Arc::new(BatchAsk {
            name: name.to_string(),
            queries,
            bad,
        }));
        self.show_view(StudyKind::Batch);
    }
}
