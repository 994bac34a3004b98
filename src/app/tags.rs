//! Tags and notes on documents: a tag (a short name, `fraud`, `to check`) put on or taken off
//! the marked documents (or the one selected, or read) with Alt-t in the list or `t` in the
//! reader, shown after each title in the list; a note (a line of text) written with Alt-a or
//! `a`, shown in the reader's header. Both are kept with the corpus's remembered state, each
//! change replayed over what another folio saved meanwhile, so two folios at once keep both;
//! `tag:NAME` names the tagged documents as a subcorpus, `--tagged` and `--tags` print them.

use super::remembered_file::{Edit, LONGEST_NOTE};
use super::save::{Prompt, PromptKind};
use super::{App, Focus};
use crate::text::sanitize::sanitize_line;

/// Why a tag name cannot be one, if it cannot: it is written in TSV and in `tag:NAME`.
pub(crate) fn bad_tag(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("a tag needs a name")
    } else if name.chars().any(char::is_control) {
        Some("a tag has no tab or line break")
    } else if name.chars().count() > 64 {
        Some("a tag is a short name (64 characters at most)")
    } else {
        None
    }
}

impl App {
    /// The documents a tag or a note is for: the marked ones, else the one read (in the
    /// reader) or selected.
    fn tagged_targets(&self) -> Vec<usize> {
        if self.screen.focus == Focus::Reader {
            return self.reader.doc().into_iter().collect();
        }
        match self.list.marked().is_empty() {
            false => self.list.marked().iter().copied().collect(),
            true => self.list.selected_doc().into_iter().collect(),
        }
    }

    /// Opens the prompt for a tag.
    pub(super) fn ask_tag(&mut self) {
        if !self.memory.on {
            self.screen
                .say("tags are kept with the remembered state, which is off (--no-state)");
            return;
        }
        if self.tagged_targets().is_empty() {
            self.screen.say("no document to tag");
            return;
        }
        self.screen.prompt = Some(Prompt::new(PromptKind::Tag));
    }

    /// Opens the prompt for the note of the document read or selected, holding its note.
    pub(super) fn ask_note(&mut self) {
        if !self.memory.on {
            self.screen
                .say("notes are kept with the remembered state, which is off (--no-state)");
            return;
        }
        let Some(&doc) = self.tagged_targets().first() else {
            self.screen.say("no document to write a note on");
            return;
        };
        let mut prompt = Prompt::new(PromptKind::Note);
        prompt.text = self.note_of(doc).unwrap_or_default().to_string();
        self.screen.prompt = Some(prompt);
    }

    /// Puts the tag `name` on the targets, or takes it off when they all have it.
    pub(super) fn toggle_tag(&mut self, name: &str) {
        // `#fraud` as the list shows it is the tag `fraud`.
        let name = name.trim().trim_start_matches('#').trim();
        if let Some(why) = bad_tag(name) {
            self.screen.say(format!("not tagged: {why}"));
            return;
        }
        let targets = self.tagged_targets();
        let keys: Vec<String> = targets
            .iter()
            .map(|&doc| self.corpus.docs.at(doc).key())
            .collect();
        let all_have = keys.iter().all(|key| {
            self.memory
                .tags
                .get(key)
                .is_some_and(|tags| tags.contains(name))
        });
        let on = !all_have;
        for (&doc, key) in targets.iter().zip(keys) {
            let tags = self.memory.tags.entry(key.clone()).or_default();
            match on {
                true => tags.insert(name.to_string()),
                false => tags.remove(name),
            };
            if tags.is_empty() {
                self.memory.tags.remove(&key);
            }
            self.label_tags(doc, &key);
            self.memory.changes.edits.push(Edit::Tag {
                doc: key,
                tag: name.to_string(),
                on,
            });
        }
        self.show_remarks();
        let count = targets.len();
        let documents = match count {
            1 => "the document".to_string(),
            n => format!("{n} documents"),
        };
        let shown = sanitize_line(name);
        self.screen.say(match on {
            true => format!("tagged {documents} {shown} (Alt-t {shown} again takes it off)"),
            false => format!("took the tag {shown} off {documents}"),
        });
    }

    /// Writes the note of the document read or selected (empty: removes it).
    pub(super) fn write_note(&mut self, text: &str) {
        let Some(&doc) = self.tagged_targets().first() else {
            return;
        };
        let mut text = text.trim().to_string();
        let kept = crate::text::cut::at_most(&text, LONGEST_NOTE).len();
        text.truncate(kept);
        let key = self.corpus.docs.at(doc).key();
        match text.is_empty() {
            true => self.memory.notes.remove(&key),
            false => self.memory.notes.insert(key.clone(), text.clone()),
        };
        self.screen.say(match text.is_empty() {
            true => "note removed",
            false => "note kept (shown in the reader's header)",
        });
        self.memory
            .changes
            .edits
            .push(Edit::Note { doc: key, text });
        self.label_tags(doc, &self.corpus.docs.at(doc).key());
        self.show_remarks();
    }

    /// Shows the tags and note of the document in the reader again (they changed).
    fn show_remarks(&mut self) {
        if let Some(doc) = self.reader.doc() {
            self.reader.set_note(self.remarks_of(doc));
            self.reader
                .rebuild_header(self.corpus.docs.at(doc), &self.corpus.root);
        }
    }

    /// Opens document `doc` in the reader, its note in the header.
    pub(super) fn open_in_reader(&mut self, doc: usize) {
        self.reader.set_note(self.remarks_of(doc));
        let opened = self.corpus.docs.open(doc);
        self.reader
            .open(doc, self.corpus.docs.at(doc), &self.corpus.root, opened);
    }

    /// The note on document `doc`.
    pub fn note_of(&self, doc: usize) -> Option<&str> {
        if self.memory.notes.is_empty() {
            return None;
        }
        let key = self.corpus.docs.at(doc).key();
        self.memory.notes.get(&key).map(String::as_str)
    }

    /// The tags of `doc` as the list shows them after its title: ` #fraud #to check`.
    pub fn tags_label(&self, doc: usize) -> &str {
        self.memory.tag_labels.get(&doc).map_or("", String::as_str)
    }

    /// Makes the list's label of document `doc` (whose key is `key`) again: its tags, and
    /// `(note)` when it has one.
    pub(super) fn label_tags(&mut self, doc: usize, key: &str) {
        let mut label: String = self.memory.tags.get(key).map_or_else(String::new, |tags| {
            tags.iter()
                .map(|tag| format!(" #{}", sanitize_line(tag)))
                .collect()
        });
        if self.memory.notes.contains_key(key) {
            label.push_str(" (note)");
        }
        match label.is_empty() {
            true => self.memory.tag_labels.remove(&doc),
            false => self.memory.tag_labels.insert(doc, label),
        };
    }

    /// What the reader's header says of document `doc`: its tags and its note.
    fn remarks_of(&self, doc: usize) -> Option<String> {
        let tags = self.tags_label(doc).replace(" (note)", "");
        let note = self.note_of(doc).map(|note| format!("note: {note}"));
        match (tags.trim(), note) {
            ("", None) => None,
            ("", Some(note)) => Some(note),
            (tags, None) => Some(format!("tags: {tags}")),
            (tags, Some(note)) => Some(format!("tags: {tags} · {note}")),
        }
    }

    /// Every tag given, for the prompt and `tag:` subcorpora.
    pub(super) fn all_tags(&self) -> Vec<crate::app::remembered_file::Tagged> {
        let mut all = Vec::new();
        for (doc, tags) in &self.memory.tags {
            for tag in tags {
                all.push(crate::app::remembered_file::Tagged {
                    doc: doc.clone(),
                    tag: tag.clone(),
                });
            }
        }
        all
    }
}
