//! The keys in effect: the default table of `action::BINDINGS` with the user's own keys from
//! the configuration file put in, how a key is written (`Ctrl-F`, `PgDn`, `j`) and read back,
//! and the lookups the event loop, the help and the status bar make.

use crate::keys::action::{Action, BINDINGS, Binding, Bound, Key, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::OnceLock;

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

static ACTIVE: OnceLock<Keymap> = OnceLock::new();

/// The keymap in effect: the one set with [`use_keymap`], or the defaults.
pub fn keymap() -> &'static Keymap {
    static DEFAULT: OnceLock<Keymap> = OnceLock::new();
    ACTIVE
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(Keymap::default))
}

/// Puts `keymap` in effect for the rest of the run (set once, before the first frame).
pub fn use_keymap(keymap: Keymap) {
    let _ = ACTIVE.set(keymap);
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

    /// The help overlay's sections: each mode with its `(keys, description)` rows; bindings
    /// that work everywhere come in a section of their own. A binding left without keys is
    /// not shown.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let mut sections = vec![("Everywhere", self.rows_where(|b| b.modes.is_empty()))];
        for mode in [Mode::List, Mode::Reader, Mode::SearchPrompt, Mode::Overlay] {
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

fn applies_in(binding: &Binding, mode: Mode) -> bool {
    binding.modes.is_empty() || binding.modes.contains(&mode)
}

/// All of a binding's keys, as shown in the help: `j ↓`.
fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

fn same_key(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (Key::Plain(a), Key::Plain(b)) => a == b,
        (Key::Ctrl(a), Key::Ctrl(b)) => a == b,
        (Key::AnyChar, Key::AnyChar) => true,
        _ => false,
    }
}

/// Named keys: how the configuration file may write them (any case) and how folio writes them.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
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
            Key::Plain(KeyCode::Up) => "↑".to_string(),
            Key::Plain(KeyCode::Down) => "↓".to_string(),
            Key::Plain(KeyCode::Left) => "←".to_string(),
            Key::Plain(KeyCode::Right) => "→".to_string(),
            _ => self.spec(),
        }
    }

    /// How the key is written in the configuration file; [`Key::parse`] reads it back.
    pub fn spec(&self) -> String {
        match *self {
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => "abc".to_string(),
            Key::Plain(KeyCode::Char(' ')) => "Space".to_string(),
            Key::Plain(KeyCode::Char(c)) => c.to_string(),
            Key::Plain(KeyCode::F(n)) => format!("F{n}"),
            Key::Plain(code) => NAMED
                .iter()
                .find(|(_, named)| *named == code)
                .map_or_else(|| format!("{code:?}"), |(name, _)| name.to_string()),
        }
    }

    /// Reads a key as the configuration file writes it: one character (`j`, `G`, `/`), a
    /// name (`Enter`, `PgDn`, `F1`, any case), or `Ctrl-` and a letter.
    pub fn parse(spec: &str) -> Result<Key, String> {
        let mut chars = spec.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_control() {
                return Err(format!("{spec:?} is a control character; write Ctrl-X"));
            }
            return Ok(Key::Plain(KeyCode::Char(c)));
        }
        let lower = spec.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            let mut letters = rest.chars();
            return match (letters.next(), letters.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Ok(Key::Ctrl(c)),
                _ => Err(format!(
                    "{spec:?}: Ctrl- goes with one letter, as in Ctrl-F"
                )),
            };
        }
        if let Some(number) = lower.strip_prefix('f')
            && let Ok(n @ 1..=12) = number.parse::<u8>()
        {
            return Ok(Key::Plain(KeyCode::F(n)));
        }
        NAMED
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(spec))
            .map(|(_, code)| Key::Plain(*code))
            .ok_or_else(|| {
                format!(
                    "unknown key {spec:?} (a character, Ctrl-X, F1–F12, or one of: {})",
                    NAMED
                        .iter()
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use KeyCode as K;
    use Mode as M;

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
        assert_eq!(keys.action_for(&ctrl('x'), M::List), None);
    }

    #[test]
    fn help_lists_every_binding_once() {
        let rows: usize = Keymap::default()
            .help_sections()
            .iter()
            .map(|(_, rows)| rows.len())
            .sum();
        assert_eq!(rows, BINDINGS.len());
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
    fn keys_are_read_in_any_case() {
        assert!(matches!(Key::parse("ctrl-f"), Ok(Key::Ctrl('f'))));
        assert!(matches!(Key::parse("C-F"), Ok(Key::Ctrl('f'))));
        assert!(matches!(Key::parse("pgdn"), Ok(Key::Plain(K::PageDown))));
        assert!(matches!(Key::parse("F12"), Ok(Key::Plain(K::F(12)))));
        assert!(matches!(Key::parse("G"), Ok(Key::Plain(K::Char('G')))));
        assert!(Key::parse("F13").is_err());
        assert!(Key::parse("Ctrl-").is_err());
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("").is_err());
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
