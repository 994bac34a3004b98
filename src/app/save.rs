//! Saving what is shown to a file (Ctrl-E, `w` in a study view): the prompt for the file's
//! name, the question before replacing a file, and the save itself in the background, which
//! the status bar confirms. The rules (never in the corpus, format from the extension) are
//! `study::save`'s.

use super::{App, Effect, JobRequest};
use crate::study::save::{Destination, SaveRequest, Saved, Saving, destination};
use crate::text::sanitize::sanitize_line;
use crate::work::job::Ticket;

/// A line the user types in the status bar, and what it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PromptKind {
    /// The reader's `/` search.
    Search,
    /// The name of the file to save the view to.
    SaveAs,
    /// Whether to replace the file there (`y` replaces).
    Replace(Destination),
    /// The subcorpus the views are of (Alt-I).
    Subcorpus,
    /// The file of queries of a batch search (Alt-B).
    Batch,
    /// A tag to put on documents or take off (Alt-t, `t`).
    Tag,
    /// A document's note (Alt-a, `a`).
    Note,
    /// A concordance category's number and name (`n`).
    CategoryName,
    /// How many concordance lines to sample, and the seed (`r`).
    Sample,
    /// A concordance's sort levels (`S`).
    SortLevels,
}

impl Prompt {
    pub(crate) fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            text: String::new(),
        }
    }

    /// What stands before the typed text in the status bar.
    pub(crate) fn label(&self) -> String {
        match &self.kind {
            PromptKind::Search => "/".to_string(),
            PromptKind::SaveAs => "save as (.tsv .csv .jsonl): ".to_string(),
            // Named with the subcorpus chosen now by the app (`App::prompt_label`).
            PromptKind::Subcorpus => "subcorpus: ".to_string(),
            PromptKind::Batch => "batch file (one query a line): ".to_string(),
            PromptKind::Tag => "tag (the same again takes it off): ".to_string(),
            PromptKind::Note => "note (empty removes it): ".to_string(),
            PromptKind::CategoryName => "name a category (1 relevant): ".to_string(),
            PromptKind::Sample => {
                "sample: how many lines, and a seed if you like (100 7; empty: all): ".to_string()
            }
            PromptKind::SortLevels => {
                "sort levels (1R 2R 1L, hit, 3L; doc: document order): ".to_string()
            }
            PromptKind::Replace(there) => format!(
                "{} exists: replace it? y: yes, Esc: no ",
                sanitize_line(&there.path.to_string_lossy())
            ),
        }
    }
}

impl App {
    /// Asks for the name of the file to save the view shown to.
    pub(super) fn ask_where_to_save(&mut self) {
        if self.save.under_way.is_some() || self.save.waiting.is_some() {
            self.screen.say("a save is under way".to_string());
            return;
        }
        // The name can be typed meanwhile (and keys typed after the message are the name's,
        // not commands): the save waits for the view.
        if self.view_unfinished() {
            self.screen
                .say("still working: the view is saved once it is complete");
        }
        self.screen.prompt = Some(Prompt::new(PromptKind::SaveAs));
    }

    /// Starts the save that waited for the view to be complete, if it is now; a save of a
    /// view since closed or replaced is dropped, saying so.
    pub(super) fn save_when_complete(&mut self) {
        if self.save.waiting.is_none() || self.view_unfinished() {
            return;
        }
        let Some((there, overwrite, depth)) = self.save.waiting.take() else {
            return;
        };
        match depth == self.study.views.len() {
            true => self.start_save(there, overwrite),
            false => self
                .screen
                .say("not saved: the view changed before it was complete"),
        }
    }

    /// True while what is shown is still being made (or sorted).
    fn view_unfinished(&self) -> bool {
        match self.study.views.last() {
            Some(view) => view.waits(),
            None => self.work.ranking,
        }
    }

    /// Enter (or a key) in the save prompts; false when the prompt is the reader's search.
    pub(super) fn answer_save_prompt(&mut self, key: Option<char>) -> bool {
        let Some(prompt) = self.screen.prompt.clone() else {
            return false;
        };
        match prompt.kind {
            PromptKind::Search => return false,
            PromptKind::SaveAs => {
                if let Some(c) = key {
                    if let Some(prompt) = &mut self.screen.prompt {
                        prompt.text.push(c);
                    }
                    return true;
                }
                self.screen.prompt = None;
                let cwd = std::env::current_dir().unwrap_or_default();
                match destination(&prompt.text, &cwd, &self.corpus_paths()) {
                    Err(why) => self.screen.say(format!("not saved: {why}")),
                    Ok(there) if there.exists => {
                        self.screen.prompt = Some(Prompt::new(PromptKind::Replace(there)));
                    }
                    Ok(there) => self.start_save(there, false),
                }
            }
            PromptKind::Replace(there) => match key {
                Some('y' | 'Y') => {
                    self.screen.prompt = None;
                    self.start_save(there, true);
                }
                None => self
                    .screen
                    .say("y replaces the file, Esc keeps it".to_string()),
                Some(_) => {
                    self.screen.prompt = None;
                    self.screen.say("not saved: the file is kept".to_string());
                }
            },
            // The prompts that take a line of text, answered by Enter.
            kind => match key {
                Some(c) => {
                    if let Some(prompt) = &mut self.screen.prompt {
                        prompt.text.push(c);
                    }
                }
                None => {
                    self.screen.prompt = None;
                    self.answered(kind, &prompt.text);
                }
            },
        }
        true
    }

    /// Does what the text prompt of `kind` asked, with the text typed.
    fn answered(&mut self, kind: PromptKind, text: &str) {
        match kind {
            PromptKind::Subcorpus => {
                let text = self.collapsing(text);
                self.choose_subcorpus(&text);
            }
            PromptKind::Batch => self.open_batch(text),
            PromptKind::Tag => self.toggle_tag(text),
            PromptKind::Note => self.write_note(text),
            PromptKind::CategoryName => self.name_category(text),
            PromptKind::Sample => self.take_sample(text),
            PromptKind::SortLevels => self.sort_by_levels(text),
            PromptKind::Search | PromptKind::SaveAs | PromptKind::Replace(_) => {}
        }
    }

    /// What a saved file must not be written into: the paths named on the command line, or
    /// (for a list read from standard input) every listed file.
    fn corpus_paths(&self) -> Vec<std::path::PathBuf> {
        match self.corpus.named.is_empty() {
            false => self.corpus.named.clone(),
            true => {
                let mut files: Vec<_> = self
                    .corpus
                    .docs
                    .iter()
                    .map(|doc| doc.path.to_path_buf())
                    .collect();
                // The records of one file share its path.
                files.dedup();
                files
            }
        }
    }

    /// Saves the view shown (or the list) to `there` in the background.
    fn start_save(&mut self, there: Destination, overwrite: bool) {
        // Still being made (or made again as loading ended): saved once it is complete.
        if self.view_unfinished() {
            let name = sanitize_line(&there.path.to_string_lossy());
            self.screen
                .say(format!("saving to {name} once the view is complete"));
            self.save.waiting = Some((there, overwrite, self.study.views.len()));
            return;
        }
        let docs = self.corpus.docs.clone();
        let saving = match self.study.views.last() {
            Some(view) => match view.saving(&docs) {
                Some(saving) => saving,
                None => {
                    self.screen
                        .say("this view has nothing to save (it is read, not exported)");
                    return;
                }
            },
            None => Saving::Documents {
                rows: self
                    .list
                    .matches()
                    .iter()
                    .map(|&doc| {
                        (
                            doc,
                            self.shows_passages()
                                .then(|| self.hits_in(doc).unwrap_or(0)),
                        )
                    })
                    .collect(),
                docs,
            },
        };
        let ticket = Ticket::new();
        self.save.under_way = Some(ticket);
        self.screen.say(format!(
            "saving to {}…",
            sanitize_line(&there.path.to_string_lossy())
        ));
        self.ask(Effect::Job(JobRequest::Save(SaveRequest {
            ticket,
            path: there.path,
            folder: there.folder,
            name: there.name,
            overwrite,
            format: there.format,
            saving,
        })));
    }

    /// Says how a save went.
    pub(super) fn saved(&mut self, saved: Saved) {
        if self.save.under_way != Some(saved.ticket) {
            return;
        }
        self.save.under_way = None;
        let path = sanitize_line(&saved.path.to_string_lossy());
        self.screen.say(match saved.outcome {
            Ok(rows) => format!(
                "saved {rows} row{} to {path}",
                crate::text::columns::plural(rows)
            ),
            Err(error) => format!("not saved to {path}: {}", sanitize_line(&error)),
        });
    }
}
