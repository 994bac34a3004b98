//! The subcorpus the study views are of: chosen with `--in` or in the status bar's prompt
//! (Alt-I), in the one written form of subcorpora (`folder:business and year:2004`, `@name`),
//! its documents found and its words counted (from the word index where it is built) once,
//! when chosen. Each view keeps the subcorpus it was made in, and its heading names it with
//! its size; an empty answer goes back to the whole corpus.

use super::App;
use super::save::{Prompt, PromptKind};
use crate::study::subcorpus::{self, World};
use crate::study::words::sizes::words_per_document;
use crate::text::columns::{plural, thousands};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use crate::work::pool;
use std::sync::Arc;

/// A subcorpus chosen: as written, its documents (a flag each), and its size.
#[derive(Debug)]
pub(crate) struct Within {
    pub text: String,
    pub chosen: Arc<Vec<bool>>,
    pub documents: usize,
    pub words: u64,
}

impl Within {
    /// What a heading says of it: `folder:business (510 documents, 190,226 words)`.
    pub(crate) fn label(&self) -> String {
        format!(
            "{} ({} document{}, {} word{})",
            sanitize_line(&self.text),
            thousands(self.documents),
            plural(self.documents),
            thousands(self.words as usize),
            plural(self.words as usize)
        )
    }
}

/// What a view's heading says it is about: the subcorpus, or the whole corpus of `documents`.
pub(crate) fn scope_label(within: Option<&Within>, documents: usize) -> String {
    match within {
        Some(within) => within.label(),
        None => format!("all {} document{}", thousands(documents), plural(documents)),
    }
}

impl App {
    /// Opens the prompt for a subcorpus (its label names the one chosen, if any).
    pub(super) fn ask_subcorpus(&mut self) {
        self.screen.prompt = Some(Prompt::new(PromptKind::Subcorpus));
    }

    /// The subcorpus chosen, as written (or the one waiting for the corpus to load).
    pub(super) fn subcorpus_text(&self) -> Option<&str> {
        match (&self.study.within, &self.study.pending_within) {
            (Some(within), _) => Some(&within.text),
            (None, pending) => pending.as_deref(),
        }
    }

    /// Makes `text` the subcorpus of the views made from now on (empty: the whole corpus),
    /// saying what it holds or what is wrong with it.
    pub(super) fn choose_subcorpus(&mut self, text: &str) {
        let text = text.trim();
        self.study.pending_within = None;
        if text.is_empty() {
            self.study.within = None;
            self.screen
                .say("the views are of the whole corpus".to_string());
            return;
        }
        if self.work.loading {
            self.study.pending_within = Some(text.to_string());
            self.screen
                .say("the corpus is still loading: the subcorpus is chosen once it is all there");
            return;
        }
        match self.resolve_subcorpus(text) {
            Ok(within) => {
                self.screen
                    .say(format!("the views are of {}", within.label()));
                self.study.within = Some(Arc::new(within));
            }
            Err(why) => self.screen.say(sanitize_line(&why)),
        }
    }

    /// The subcorpus chosen with `--in` before the corpus was all there, chosen now if it is.
    pub(super) fn settle_subcorpus(&mut self) {
        if !self.work.loading
            && let Some(text) = self.study.pending_within.take()
        {
            self.choose_subcorpus(&text);
        }
    }

    fn resolve_subcorpus(&self, text: &str) -> Result<Within, String> {
        let docs = &self.corpus.docs;
        let index = self.work.index.built();
        let marks: Vec<String> = self
            .list
            .marked()
            .iter()
            .map(|&doc| docs.at(doc).key())
            .collect();
        let cancel = Cancel::new();
        let world = World {
            docs,
            root: &self.corpus.root,
            index: index.as_deref(),
            marks: &marks,
            saved: self.saved_subcorpora(),
            field: docs.fields().group.as_deref(),
            matching: self.matching(),
            workers: pool::workers(),
            cancel: &cancel,
        };
        let chosen = subcorpus::documents_of(text, &world)?;
        let words = words_per_document(docs, index.as_deref(), &chosen, pool::workers(), &cancel)
            .map(|words| words.iter().map(|&w| u64::from(w)).sum())
            .unwrap_or(0);
        Ok(Within {
            text: text.to_string(),
            documents: chosen.iter().filter(|&&c| c).count(),
            chosen: Arc::new(chosen),
            words,
        })
    }
}
