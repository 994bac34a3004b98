//! The subcorpus the study views are of: chosen with `--in` or in the status bar's prompt
//! (Alt-I), in the one written form of subcorpora (`folder:business and year:2004`, `@name`),
//! its documents found and its words counted (from the word index where it is built) once,
//! when chosen, in the background (a newer choice cancels it). Each view keeps the subcorpus
//! it was made in, and its heading names it with its size; an empty answer goes back to the
//! whole corpus.

use super::save::{Prompt, PromptKind};
use super::{App, Effect, JobRequest};
use crate::corpus::store::DocStore;
use crate::search::query::Matching;
use crate::search::text::index::TextIndex;
use crate::study::subcorpus::Saved;
use crate::study::subcorpus::{self, World};
use crate::study::words::sizes::words_per_document;
use crate::text::columns::{plural, thousands};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Cancel;
use std::path::PathBuf;
use std::sync::Arc;

/// A subcorpus chosen: as written, its documents (a flag each), and its size.
#[derive(Debug)]
pub struct Within {
    pub text: String,
    pub chosen: Arc<Vec<bool>>,
    pub documents: usize,
    pub words: u64,
    /// Each document's words (0 outside it), counted once for every view of it.
    pub doc_words: Arc<Vec<u32>>,
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
            // A choice still being found is of no use now.
            if self.study.choosing.take().is_some() {
                self.ask(Effect::Job(JobRequest::Stop(
                    super::JobKind::ChooseSubcorpus,
                )));
            }
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
        let docs = &self.corpus.docs;
        let request = SubcorpusRequest {
            text: text.to_string(),
            docs: docs.clone(),
            root: self.corpus.root.clone(),
            index: self.work.index.built(),
            marks: self
                .list
                .marked()
                .iter()
                .map(|&doc| docs.at(doc).key())
                .collect(),
            saved: self.saved_subcorpora().to_vec(),
            tags: self
                .all_tags()
                .into_iter()
                .map(|tagged| (tagged.doc, tagged.tag))
                .collect(),
            field: docs.fields().group.clone(),
            matching: self.matching(),
            copies: self.work.copies.found(),
        };
        self.screen
            .say(format!("choosing {}…", sanitize_line(text)));
        self.study.choosing = Some(None);
        self.ask(Effect::Job(JobRequest::ChooseSubcorpus(request)));
    }

    /// Takes the subcorpus found in the background: the views made from now on are of it.
    pub(super) fn subcorpus_chosen(&mut self, chosen: Chosen) {
        let asked = self.study.choosing.take().flatten();
        match chosen {
            Ok(within) => {
                self.screen
                    .say(format!("the views are of {}", within.label()));
                self.study.within = Some(Arc::new(within));
                // The view asked for while it was being found, of it.
                if let Some(kind) = asked {
                    self.show_view(kind);
                }
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
}

/// A subcorpus's documents and size, or what is wrong with its definition.
pub(super) type Chosen = Result<Within, String>;

/// What finding a subcorpus needs, owned: it is found in the background (a `query:` reads
/// the text where the index does not answer, and its words are counted).
#[derive(Debug)]
pub struct SubcorpusRequest {
    text: String,
    docs: DocStore,
    root: PathBuf,
    index: Option<Arc<TextIndex>>,
    marks: Vec<String>,
    tags: Vec<(String, String)>,
    saved: Vec<Saved>,
    field: Option<String>,
    matching: Matching,
    copies: Option<Arc<crate::copies::Copies>>,
}

impl SubcorpusRequest {
    /// Its documents and size, or what is wrong; None once cancelled.
    pub(super) fn resolve(&self, workers: usize, cancel: &Cancel) -> Option<Chosen> {
        let world = World {
            copies: self.copies.as_deref(),
            docs: &self.docs,
            root: &self.root,
            index: self.index.as_deref(),
            marks: &self.marks,
            tags: &self.tags,
            saved: &self.saved,
            field: self.field.as_deref(),
            matching: self.matching,
            workers,
            cancel,
        };
        let chosen = match subcorpus::documents_of(&self.text, &world) {
            Ok(chosen) => chosen,
            Err(_) if cancel.is_cancelled() => return None,
            Err(why) => return Some(Err(why)),
        };
        let index = self.index.as_deref();
        let words = words_per_document(&self.docs, index, &chosen, workers, cancel)?;
        Some(Ok(Within {
            text: self.text.clone(),
            documents: chosen.iter().filter(|&&c| c).count(),
            words: words.iter().map(|&w| u64::from(w)).sum(),
            chosen: Arc::new(chosen),
            doc_words: Arc::new(words),
        }))
    }
}
