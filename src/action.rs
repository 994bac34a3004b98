//! What the user can ask for (`Action`), and the one table that maps keys to actions in each
//! mode. The help overlay and the status-bar hints are generated from the same table, so the
//! documentation on screen cannot drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A user intention, independent of the key that expressed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    QueryInsert(char),
    QueryBackspace,
    QueryClear,
    QueryDeleteWord,
    /// Esc in the list: clear a non-empty query, quit on an empty one.
    ClearQueryOrQuit,
    SelectNext,
    SelectPrevious,
    SelectPageDown,
    SelectPageUp,
    OpenReader,
    CloseReader,
    ScrollLines(i32),
    ScrollPages(i32),
    ScrollHalfPages(i32),
    ScrollToTop,
    ScrollToEnd,
    SearchStart,
    SearchInsert(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    SearchNext,
    SearchPrevious,
    /// Keep the search term (or the query's last word) highlighted as a keyword.
    AddKeyword,
    /// Sort the list in the next order: relevance, title, date, path, length.
    CycleOrder,
    /// Make the query search the documents' text instead of their titles, or back.
    ToggleSearchIn,
    /// Copy the document's path (or its title) to the local clipboard.
    CopyPath,
    CopyTitle,
    /// Mark or unmark the selected document, and move down.
    ToggleMark,
    /// Print the marked documents' paths (or the selected one's) and exit.
    Accept,
    ToggleHelp,
    ToggleSkipped,
    CloseOverlay,
    OverlayScroll(i32),
    Resize(u16, u16),
    /// Ctrl-C: leave at once, with the interrupted exit status.
    Interrupt,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
}

/// Which part of the interface receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    List,
    Reader,
    SearchPrompt,
    /// The help or the skipped-files list is shown over the panes.
    Overlay,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::List => "List",
            Mode::Reader => "Reader",
            Mode::SearchPrompt => "Search prompt",
            Mode::Overlay => "Help and skipped files",
        }
    }
}

/// A key as written in the table.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
    /// Any printable character; the action receives it.
    AnyChar,
}

/// What a binding produces.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    Fixed(Action),
    WithChar(fn(char) -> Action),
}

/// One row of the key table.
pub struct Binding {
    /// Modes it applies in; empty means every mode.
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub bound: Bound,
    pub help: &'static str,
    /// Short label for the status bar, for the few bindings worth a hint there.
    pub hint: Option<&'static str>,
}

use Action as A;
use KeyCode as K;
use Mode as M;

const fn fixed(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        modes,
        keys,
        bound: Bound::Fixed(action),
        help,
        hint,
    }
}

/// Every key folio understands. The first binding that matches the key in the current mode
/// wins, so specific keys come before `AnyChar`.
#[rustfmt::skip] // one binding per line reads as the table it is
pub static BINDINGS: &[Binding] = &[
    fixed(&[], &[Key::Plain(K::F(1))], A::ToggleHelp, "show or hide this help", Some("help")),
    fixed(&[], &[Key::Plain(K::F(2))], A::ToggleSkipped, "show or hide the skipped files and why", None),
    fixed(&[], &[Key::Ctrl('c')], A::Interrupt, "quit", None),
    fixed(&[], &[Key::Ctrl('z')], A::Suspend, "suspend to the shell (fg comes back)", None),
    // The list and its query line.
    fixed(&[M::List], &[Key::Plain(K::Enter), Key::Plain(K::Right)], A::OpenReader, "read the selected document", Some("read")),
    fixed(&[M::List], &[Key::Plain(K::Down), Key::Ctrl('n')], A::SelectNext, "select the next document", None),
    fixed(&[M::List], &[Key::Plain(K::Up), Key::Ctrl('p')], A::SelectPrevious, "select the previous document", None),
    fixed(&[M::List], &[Key::Plain(K::PageDown)], A::SelectPageDown, "select a page down", None),
    fixed(&[M::List], &[Key::Plain(K::PageUp)], A::SelectPageUp, "select a page up", None),
    fixed(&[M::List], &[Key::Plain(K::Backspace)], A::QueryBackspace, "delete the last character of the query", None),
    fixed(&[M::List], &[Key::Ctrl('u')], A::QueryClear, "clear the query", None),
    fixed(&[M::List], &[Key::Ctrl('w')], A::QueryDeleteWord, "delete the last word of the query", None),
    fixed(&[M::List], &[Key::Plain(K::Esc)], A::ClearQueryOrQuit, "clear the query, or quit if it is empty", Some("clear/quit")),
    fixed(&[M::List], &[Key::Plain(K::Tab)], A::ToggleMark, "mark or unmark the document (to print several)", None),
    fixed(&[M::List], &[Key::Ctrl('o')], A::Accept, "print the marked paths (or the selected one) and quit", None),
    fixed(&[M::List], &[Key::Ctrl('f')], A::ToggleSearchIn, "search the documents' text, not titles (or back)", Some("text/titles")),
    fixed(&[M::List], &[Key::Ctrl('s')], A::CycleOrder, "sort by relevance, title, date, path, length (in turn)", None),
    Binding {
        modes: &[M::List],
        keys: &[Key::AnyChar],
        bound: Bound::WithChar(A::QueryInsert),
        help: "type the query: 'exact 'word' ^start end$ !not a | b",
        hint: Some("filter"),
    },
    // The reader.
    fixed(&[M::Reader], &[Key::Plain(K::Char('j')), Key::Plain(K::Down)], A::ScrollLines(1), "scroll down a line", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('k')), Key::Plain(K::Up)], A::ScrollLines(-1), "scroll up a line", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char(' ')), Key::Plain(K::PageDown)], A::ScrollPages(1), "scroll down a page", Some("page")),
    fixed(&[M::Reader], &[Key::Plain(K::Char('b')), Key::Plain(K::PageUp)], A::ScrollPages(-1), "scroll up a page", None),
    fixed(&[M::Reader], &[Key::Ctrl('d')], A::ScrollHalfPages(1), "scroll down half a page", None),
    fixed(&[M::Reader], &[Key::Ctrl('u')], A::ScrollHalfPages(-1), "scroll up half a page", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('g')), Key::Plain(K::Home)], A::ScrollToTop, "go to the top", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('G')), Key::Plain(K::End)], A::ScrollToEnd, "go to the end", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('/'))], A::SearchStart, "search in the document", Some("search")),
    fixed(&[M::Reader], &[Key::Plain(K::Char('n'))], A::SearchNext, "go to the next match", Some("next")),
    fixed(&[M::Reader], &[Key::Plain(K::Char('N'))], A::SearchPrevious, "go to the previous match", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('+'))], A::AddKeyword, "keep the search term (or the query's last word) highlighted, as a keyword", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('y'))], A::CopyPath, "copy the document's path to the clipboard (OSC 52: works over SSH)", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('Y'))], A::CopyTitle, "copy the document's title to the clipboard", None),
    fixed(&[M::Reader], &[Key::Ctrl('o')], A::Accept, "print the marked paths (or this one) and quit", None),
    fixed(&[M::Reader], &[Key::Ctrl('n')], A::SelectNext, "read the next document in the list", None),
    fixed(&[M::Reader], &[Key::Ctrl('p')], A::SelectPrevious, "read the previous document in the list", None),
    fixed(&[M::Reader], &[Key::Plain(K::Char('?'))], A::ToggleHelp, "show this help", None),
    fixed(&[M::Reader], &[Key::Plain(K::Esc), Key::Plain(K::Char('q')), Key::Plain(K::Left)], A::CloseReader, "back to the list", Some("back")),
    // The search prompt inside the reader.
    fixed(&[M::SearchPrompt], &[Key::Plain(K::Enter)], A::SearchSubmit, "search (an empty prompt repeats the last search)", Some("search")),
    fixed(&[M::SearchPrompt], &[Key::Plain(K::Esc)], A::SearchCancel, "cancel the search", Some("cancel")),
    fixed(&[M::SearchPrompt], &[Key::Plain(K::Backspace)], A::SearchBackspace, "delete the last character", None),
    Binding {
        modes: &[M::SearchPrompt],
        keys: &[Key::AnyChar],
        bound: Bound::WithChar(A::SearchInsert),
        help: "type the words to find (case is ignored)",
        hint: None,
    },
    // The help and the skipped-files list.
    fixed(&[M::Overlay], &[Key::Plain(K::Char('j')), Key::Plain(K::Down)], A::OverlayScroll(1), "scroll down", None),
    fixed(&[M::Overlay], &[Key::Plain(K::Char('k')), Key::Plain(K::Up)], A::OverlayScroll(-1), "scroll up", None),
    fixed(&[M::Overlay], &[Key::Plain(K::Char(' ')), Key::Plain(K::PageDown)], A::OverlayScroll(10), "scroll down ten lines", None),
    fixed(&[M::Overlay], &[Key::Plain(K::Char('b')), Key::Plain(K::PageUp)], A::OverlayScroll(-10), "scroll up ten lines", None),
    fixed(&[M::Overlay], &[Key::Plain(K::Esc), Key::Plain(K::Char('q'))], A::CloseOverlay, "close", Some("close")),
];

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        // Shift is part of the character itself ('G'), so it is not compared for characters.
        let modifiers = event.modifiers - KeyModifiers::SHIFT;
        match *self {
            Key::Plain(code) => event.code == code && modifiers.is_empty(),
            Key::Ctrl(c) => event.code == KeyCode::Char(c) && modifiers == KeyModifiers::CONTROL,
            Key::AnyChar => {
                matches!(event.code, KeyCode::Char(c) if !c.is_control()) && modifiers.is_empty()
            }
        }
    }

    /// How the key is written in the help and hints.
    pub fn label(&self) -> String {
        match *self {
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => "abc".to_string(),
            Key::Plain(code) => match code {
                K::Char(' ') => "Space".to_string(),
                K::Char(c) => c.to_string(),
                K::F(n) => format!("F{n}"),
                K::Enter => "Enter".to_string(),
                K::Esc => "Esc".to_string(),
                K::Backspace => "Backspace".to_string(),
                K::Up => "↑".to_string(),
                K::Down => "↓".to_string(),
                K::Left => "←".to_string(),
                K::Right => "→".to_string(),
                K::PageUp => "PgUp".to_string(),
                K::PageDown => "PgDn".to_string(),
                K::Home => "Home".to_string(),
                K::End => "End".to_string(),
                other => format!("{other:?}"),
            },
        }
    }
}

impl Binding {
    fn applies_in(&self, mode: Mode) -> bool {
        self.modes.is_empty() || self.modes.contains(&mode)
    }

    /// All of the binding's keys, as shown in the help: `j ↓`.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The action a key asks for in `mode`, if any.
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    let binding = BINDINGS
        .iter()
        .filter(|binding| binding.applies_in(mode))
        .find(|binding| binding.keys.iter().any(|key| key.matches(event)))?;
    Some(match binding.bound {
        Bound::Fixed(action) => action,
        Bound::WithChar(make) => match event.code {
            KeyCode::Char(c) => make(c),
            _ => return None,
        },
    })
}

/// The status-bar hints for `mode`: `(keys, label)` for each binding that has one.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    // The mode's own keys first; F1 and the like matter less once learned.
    let (own, everywhere): (Vec<&Binding>, Vec<&Binding>) = BINDINGS
        .iter()
        .filter(|binding| binding.applies_in(mode))
        .partition(|binding| !binding.modes.is_empty());
    own.into_iter()
        .chain(everywhere)
        .filter_map(|binding| {
            let first_key = binding.keys.first()?.label();
            Some((first_key, binding.hint?))
        })
        .collect()
}

/// The help overlay's sections: each mode with its `(keys, description)` rows; bindings that
/// work everywhere come in a section of their own.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let everywhere = ("Everywhere", rows_where(|b| b.modes.is_empty()));
    let mut sections = vec![everywhere];
    for mode in [Mode::List, Mode::Reader, Mode::SearchPrompt, Mode::Overlay] {
        sections.push((mode.name(), rows_where(|b| b.modes.contains(&mode))));
    }
    sections
}

fn rows_where(keep: impl Fn(&Binding) -> bool) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|binding| keep(binding))
        .map(|binding| (binding.keys_label(), binding.help))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn letters_filter_in_the_list_but_scroll_in_the_reader() {
        assert_eq!(
            action_for(&key(K::Char('j')), M::List),
            Some(A::QueryInsert('j'))
        );
        assert_eq!(
            action_for(&key(K::Char('j')), M::Reader),
            Some(A::ScrollLines(1))
        );
        assert_eq!(
            action_for(&key(K::Char('q')), M::List),
            Some(A::QueryInsert('q'))
        );
        assert_eq!(
            action_for(&key(K::Char('q')), M::Reader),
            Some(A::CloseReader)
        );
    }

    #[test]
    fn shifted_letters_match_their_uppercase_binding() {
        let shifted_g = KeyEvent::new(K::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&shifted_g, M::Reader), Some(A::ScrollToEnd));
        assert_eq!(action_for(&shifted_g, M::List), Some(A::QueryInsert('G')));
    }

    #[test]
    fn control_keys_depend_on_the_mode() {
        assert_eq!(action_for(&ctrl('u'), M::List), Some(A::QueryClear));
        assert_eq!(
            action_for(&ctrl('u'), M::Reader),
            Some(A::ScrollHalfPages(-1))
        );
        assert_eq!(action_for(&ctrl('c'), M::SearchPrompt), Some(A::Interrupt));
        assert_eq!(action_for(&ctrl('x'), M::List), None);
    }

    #[test]
    fn help_lists_every_binding_once() {
        let rows: usize = help_sections().iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(rows, BINDINGS.len());
    }

    #[test]
    fn hints_come_from_the_table() {
        let list_hints = hints(M::List);
        assert!(list_hints.contains(&("Enter".to_string(), "read")));
        assert!(list_hints.contains(&("F1".to_string(), "help")));
    }
}
