//! The user's actions, as the app takes them: each goes to the part of the app that owns it
//! (the query, the list, the study views, the save prompts, the overlay, the reader), and a
//! paste goes where typed text would.

use super::text_mode::ListSource;
use super::{App, Effect, Exit, OverlayKind};
use crate::keys::action::{Action, Mode};
use crate::text::sanitize::pasted_line;

impl App {
    pub(super) fn act(&mut self, action: Action) {
        // Suspending keeps the note: the screen comes back as it was.
        if action != Action::Suspend {
            self.screen.forget_note();
        }
        if self.query.selected && self.mode() == Mode::List && self.act_on_selected_query(action) {
            return;
        }
        if self.study(action) {
            return;
        }
        // The save prompts take the prompt's keys while they are open.
        let key = match action {
            Action::SearchInsert(c) => Some(Some(c)),
            Action::SearchSubmit => Some(None),
            _ => None,
        };
        if let Some(key) = key
            && self.answer_save_prompt(key)
        {
            return;
        }
        match action {
            Action::Export => self.ask_where_to_save(),
            Action::QueryInsert(c) => self.edit_query(|query| query.push(c)),
            Action::QueryBackspace => self.edit_query(|query| {
                query.pop();
            }),
            Action::QueryClear => self.edit_query(String::clear),
            // The end of the query: where typing goes on (a selected query was kept above).
            Action::QueryEnd => {}
            Action::QueryDeleteWord => self.edit_query(|query| {
                let kept = query
                    .trim_end()
                    .trim_end_matches(|c: char| !c.is_whitespace());
                query.truncate(kept.len());
            }),
            Action::ClearQueryOrQuit if self.query.typed.is_empty() => {
                self.ask(Effect::Exit(Exit::Quit));
            }
            Action::ClearQueryOrQuit => self.edit_query(String::clear),
            Action::SelectNext => self.move_to(self.list.selected().saturating_add(1)),
            Action::SelectPrevious => self.move_to(self.list.selected().saturating_sub(1)),
            Action::SelectPageDown => {
                self.move_to(self.list.selected().saturating_add(self.list_rows()));
            }
            Action::SelectPageUp => {
                self.move_to(self.list.selected().saturating_sub(self.list_rows()));
            }
            Action::SelectBy(rows) => {
                self.move_to(self.list.selected().saturating_add_signed(rows as isize));
            }
            Action::ClickRow(row) => {
                let rows_per_match = self.rows_per_match();
                if let Some(position) = self.list.position_at_row(row.into(), rows_per_match) {
                    self.move_to(position);
                }
            }
            Action::ToggleMark => {
                self.list.toggle_mark();
                self.move_to(self.list.selected().saturating_add(1));
            }
            Action::Accept => match self.list.chosen() {
                chosen if chosen.is_empty() => {
                    self.screen.say("no document to choose");
                }
                chosen => {
                    self.record_query();
                    self.ask(Effect::Exit(Exit::Accept(chosen)));
                }
            },
            Action::HistoryBack => self.step_history(true),
            Action::HistoryForward => self.step_history(false),
            Action::ToggleOnlyMarked => self.toggle_only_marked(),
            Action::ToggleCollapse => self.toggle_collapse(),
            Action::AskTag => self.ask_tag(),
            Action::AskNote => self.ask_note(),
            Action::CycleOrder => self.cycle_order(),
            Action::ToggleSearchIn => self.toggle_search_in(),
            Action::ToggleExact => self.toggle_exact(),
            Action::ToggleHelp => self.toggle_overlay(OverlayKind::Help),
            Action::ToggleSkipped => self.toggle_overlay(OverlayKind::Skipped),
            Action::CloseOverlay => self.screen.overlay = None,
            Action::OverlayScroll(rows) => self.scroll_overlay(rows as isize),
            Action::Interrupt => self.ask(Effect::Exit(Exit::Interrupted)),
            Action::Suspend => self.ask(Effect::Suspend),
            // Only the note went, above.
            Action::Nothing => {}
            reading => self.read(reading),
        }
    }

    /// Alt-m: the list shows only the marked documents, in path order, whatever the query;
    /// pressed again (or the query changed), the query's matches come back.
    fn toggle_only_marked(&mut self) {
        if let ListSource::Marked { .. } = self.query.source {
            self.refilter();
            self.screen.say("all the query's matches again");
            return;
        }
        let marked: Vec<(i64, usize)> = self.list.marked().iter().map(|&doc| (0, doc)).collect();
        if marked.is_empty() {
            self.screen.say("nothing is marked (Tab marks a document)");
            return;
        }
        // What the background ranks or searches for the query is not what is shown now; nor
        // may the query's last ranking or search be taken for what is shown, so that the
        // query's matches are made again when they come back.
        self.abandon_query_work();
        self.forget_ranking();
        self.work.text.shown = None;
        let count = marked.len();
        self.list.show(marked);
        self.query.source = ListSource::Marked {
            query_in: self.query.source.query_in(),
        };
        self.move_to(0);
        self.screen.say(format!(
            "only the {count} marked document{} (Alt-m shows all)",
            crate::text::columns::plural(count)
        ));
    }

    /// Pasted text goes where typed text would, as one line: into the search prompt when it is
    /// open, the query when the list has the keys. Elsewhere it would be taken as keys, so it
    /// is not; the note says where it can go.
    /// The first key on the restored query, shown selected: text typed replaces it, a
    /// deletion deletes it whole, moving in the list leaves it selected, anything else
    /// (End, reading, a view) keeps it to add to. True when the key was all done here.
    fn act_on_selected_query(&mut self, action: Action) -> bool {
        match action {
            Action::SelectNext
            | Action::SelectPrevious
            | Action::SelectPageDown
            | Action::SelectPageUp
            | Action::SelectBy(_)
            | Action::ClickRow(_)
            | Action::ToggleHelp => return false,
            _ => {}
        }
        self.query.selected = false;
        match action {
            Action::QueryInsert(_) => {
                self.query.typed.clear();
                false
            }
            Action::QueryBackspace | Action::QueryDeleteWord => {
                self.edit_query(String::clear);
                true
            }
            _ => false,
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        self.screen.forget_note();
        if self.query.selected && self.mode() == Mode::List {
            self.query.typed.clear();
            self.query.selected = false;
        }
        let line = pasted_line(text);
        match (self.mode(), &mut self.screen.prompt) {
            _ if line.is_empty() => {}
            (Mode::SearchPrompt, Some(prompt)) => prompt.text.push_str(&line),
            (Mode::List, _) => self.edit_query(|query| query.push_str(&line)),
            _ => {
                self.screen
                    .say("paste into the query (in the list) or the search prompt (/)");
            }
        }
    }
}
