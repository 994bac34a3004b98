//! The keys in effect: the default table of `bindings::BINDINGS` with the user's own keys from
//! the configuration file put in, and the lookups the event loop, the help and the status bar
//! make. It is made once at start and passed to whoever needs it.

use super::action::{Action, Mode};
use super::bindings::{BINDINGS, Binding, Bound};
use super::key::{Key, same_key};
use crossterm::event::{KeyCode, KeyEvent};

/// The keys of every binding, in the order of [`BINDINGS`].
#[derive(Clone, Debug)]
pub struct Keymap {
    keys: Vec<Vec<Key>>,
    /// Which bindings were given keys with [`Keymap::rebind`].
    rebound: Vec<bool>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: BINDINGS
                .iter()
                .map(|binding| binding.keys.to_vec())
                .collect(),
            rebound: vec![false; BINDINGS.len()],
        }
    }
}

fn overlaps(a: &Binding, b: &Binding) -> bool {
    a.modes.is_empty() || b.modes.is_empty() || a.modes.iter().any(|mode| b.modes.contains(mode))
}

impl Keymap {
    /// Gives the binding called `name` the keys `keys` instead of its defaults. A key taken
    /// from another binding that works in the same mode leaves that binding, so one key never
    /// means two things; taking one that an earlier `rebind` gave is a mistake (two lines of a
    /// configuration file claiming one key).
    pub fn rebind(&mut self, name: &str, keys: Vec<Key>) -> Result<(), String> {
        let Some(target) = BINDINGS
            .iter()
            .position(|binding| !binding.name.is_empty() && binding.name == name)
        else {
            return Err(format!(
                "no action is called {name:?} (see folio --print-config)"
            ));
        };
        for (index, binding) in BINDINGS.iter().enumerate() {
            let overlapping = index != target && overlaps(binding, &BINDINGS[target]);
            let taken = keys
                .iter()
                .find(|key| self.keys[index].iter().any(|had| same_key(had, key)));
            if let (true, true, Some(taken)) = (overlapping, self.rebound[index], taken) {
                return Err(format!(
                    "{} is already given to {}",
                    taken.spec(),
                    binding.name
                ));
            }
        }
        self.rebound[target] = true;
        for (index, binding) in BINDINGS.iter().enumerate() {
            if index != target && overlaps(binding, &BINDINGS[target]) {
                self.keys[index].retain(|key| !keys.iter().any(|new| same_key(new, key)));
            }
        }
        self.keys[target] = keys;
        Ok(())
    }

    /// The keys of the binding at `index` in [`BINDINGS`].
    pub fn keys_of(&self, index: usize) -> &[Key] {
        &self.keys[index]
    }

    /// The action a key asks for in `mode`, if any. The first binding that matches wins, so
    /// specific keys come before typing (`AnyChar`) in the table.
    pub fn action_for(&self, event: &KeyEvent, mode: Mode) -> Option<Action> {
        let binding = BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(binding, _)| applies_in(binding, mode))
            .find(|(_, keys)| keys.iter().any(|key| key.matches(event)))
            .map(|(binding, _)| binding)?;
        Some(match binding.bound {
            Bound::Fixed(action) => action,
            Bound::WithChar(make) => match event.code {
                KeyCode::Char(c) => make(c),
                _ => return None,
            },
        })
    }

    /// The status-bar hints for `mode`: `(first key, label)` for each binding that has one.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        // The mode's own keys first; F1 and the like matter less once learned.
        let (own, everywhere): (Vec<_>, Vec<_>) = BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(binding, _)| applies_in(binding, mode))
            .partition(|(binding, _)| !binding.modes.is_empty());
        own.into_iter()
            .chain(everywhere)
            .filter_map(|(binding, keys)| Some((keys.first()?.label(), binding.hint?)))
            .collect()
    }

    /// The help overlay's sections: each mode (in the order of [`HELP_MODES`]) with its `(keys, description)` rows; bindings
    /// that work everywhere come in a section of their own. A binding left without keys is
    /// not shown.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let mut sections = vec![("Everywhere", self.rows_where(|b| b.modes.is_empty()))];
        for mode in HELP_MODES {
            sections.push((mode.name(), self.rows_where(|b| b.modes.contains(&mode))));
        }
        sections
    }

    fn rows_where(&self, keep: impl Fn(&Binding) -> bool) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .filter(|(binding, keys)| keep(binding) && !keys.is_empty())
            .map(|(binding, keys)| (keys_label(keys), binding.help))
            .collect()
    }
}

/// The modes in the order the help gives their keys, after those that work everywhere.
pub(crate) const HELP_MODES: [Mode; 5] = [
    Mode::List,
    Mode::Study,
    Mode::Reader,
    Mode::SearchPrompt,
    Mode::Overlay,
];

fn applies_in(binding: &Binding, mode: Mode) -> bool {
    binding.modes.is_empty() || binding.modes.contains(&mode)
}

/// All of a binding's keys, as shown in the help: `j ↓`.
fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use KeyCode as K;
    use Mode as M;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn letters_filter_in_the_list_but_scroll_in_the_reader() {
        let keys = Keymap::default();
        assert_eq!(
            keys.action_for(&key(K::Char('j')), M::List),
            Some(A::QueryInsert('j'))
        );
        assert_eq!(
            keys.action_for(&key(K::Char('j')), M::Reader),
            Some(A::ScrollLines(1))
        );
        assert_eq!(
            keys.action_for(&key(K::Char('q')), M::Reader),
            Some(A::CloseReader)
        );
    }

    #[test]
    fn shifted_letters_match_their_uppercase_binding() {
        let keys = Keymap::default();
        let shifted_g = KeyEvent::new(K::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keys.action_for(&shifted_g, M::Reader), Some(A::ScrollToEnd));
        assert_eq!(
            keys.action_for(&shifted_g, M::List),
            Some(A::QueryInsert('G'))
        );
    }

    #[test]
    fn control_keys_depend_on_the_mode() {
        let keys = Keymap::default();
        assert_eq!(keys.action_for(&ctrl('u'), M::List), Some(A::QueryClear));
        assert_eq!(
            keys.action_for(&ctrl('u'), M::Reader),
            Some(A::ScrollHalfPages(-1))
        );
        assert_eq!(
            keys.action_for(&ctrl('c'), M::SearchPrompt),
            Some(A::Interrupt)
        );
        assert_eq!(keys.action_for(&ctrl('x'), M::List), Some(A::ToggleExact));
        assert_eq!(keys.action_for(&ctrl('x'), M::Reader), None);
    }

    #[test]
    fn help_lists_every_binding_once_in_each_of_its_modes() {
        let rows: usize = Keymap::default()
            .help_sections()
            .iter()
            .map(|(_, rows)| rows.len())
            .sum();
        let expected: usize = BINDINGS.iter().map(|b| b.modes.len().max(1)).sum();
        assert_eq!(rows, expected);
    }

    #[test]
    fn hints_come_from_the_table() {
        let list_hints = Keymap::default().hints(M::List);
        assert!(list_hints.contains(&("Enter".to_string(), "read")));
        assert!(list_hints.contains(&("F1".to_string(), "help")));
    }

    #[test]
    fn names_are_unique_and_every_default_key_reads_back() {
        let mut names: Vec<&str> = BINDINGS
            .iter()
            .map(|b| b.name)
            .filter(|n| !n.is_empty())
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "two bindings share a name");
        for binding in BINDINGS.iter().filter(|b| !b.name.is_empty()) {
            for key in binding.keys {
                let read = Key::parse(&key.spec()).expect("a written key reads back");
                assert!(same_key(&read, key), "{} -> {:?}", key.spec(), read);
            }
        }
    }

    #[test]
    fn a_rebound_key_leaves_the_binding_that_had_it() {
        let mut keys = Keymap::default();
        // `j` to read the next document: scrolling keeps ↓ only.
        keys.rebind("read-next", vec![Key::Plain(K::Char('j'))])
            .unwrap();
        assert_eq!(
            keys.action_for(&key(K::Char('j')), M::Reader),
            Some(A::SelectNext)
        );
        assert_eq!(keys.action_for(&ctrl('n'), M::Reader), None);
        assert_eq!(
            keys.action_for(&key(K::Down), M::Reader),
            Some(A::ScrollLines(1))
        );
        // The list is another mode: `j` still types there.
        assert_eq!(
            keys.action_for(&key(K::Char('j')), M::List),
            Some(A::QueryInsert('j'))
        );
        let help = keys.help_sections();
        let reader = &help.iter().find(|(name, _)| *name == "Reader").unwrap().1;
        assert!(reader.contains(&("↓".to_string(), "scroll down a line")));
        assert!(keys.rebind("no-such-action", vec![]).is_err());
    }
}
