//! How a key is written and read: in the help and hints (`Ctrl-F`, `PgDn`, `↓`), in the
//! configuration file, and in key scripts (`Down Enter / party Enter n`), which the tests and
//! the fuzzer use to drive folio as a person would.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as written in the table.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
    /// Alt (or Meta: Esc then the key, as terminals send it) and a character.
    Alt(char),
    /// Any printable character; the action receives it.
    AnyChar,
}

/// True when `a` and `b` are the same key.
pub(crate) fn same_key(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (Key::Plain(a), Key::Plain(b)) => a == b,
        (Key::Ctrl(a), Key::Ctrl(b)) | (Key::Alt(a), Key::Alt(b)) => a == b,
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
    /// True when `event` is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Shift is part of the character itself ('G'), so it is not compared for characters.
        let modifiers = event.modifiers - KeyModifiers::SHIFT;
        match *self {
            Key::Plain(code) => event.code == code && modifiers.is_empty(),
            Key::Ctrl(c) => event.code == KeyCode::Char(c) && modifiers == KeyModifiers::CONTROL,
            Key::Alt(c) => event.code == KeyCode::Char(c) && modifiers == KeyModifiers::ALT,
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
            Key::Alt(c) => format!("Alt-{c}"),
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
    /// name (`Enter`, `PgDn`, `F1`, any case), `Ctrl-` and a letter, or `Alt-` and a
    /// character.
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
        if let Some(rest) = ["alt-", "m-", "Alt-", "ALT-", "M-"]
            .iter()
            .find_map(|prefix| spec.strip_prefix(prefix))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && c != ' ' => Ok(Key::Alt(c)),
                _ => Err(format!(
                    "{spec:?}: Alt- goes with one character, as in Alt-p"
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

/// The key presses a script stands for. The script is words separated by spaces; a word
/// written as folio writes a key (`Enter`, `Esc`, `Down`, `PgDn`, `Space`, `Ctrl-F`, `F1`, or a
/// single character) is that key, any other word is typed character by character:
/// `Ctrl-F storm Space harbour Enter n` types "storm harbour" into text mode, reads the first
/// match and goes to the next hit.
pub fn script(script: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for word in script.split_whitespace() {
        match Key::parse(word) {
            Ok(key) if key.spec() == word => keys.extend(key.event()),
            _ => keys.extend(word.chars().map(typed)),
        }
    }
    keys
}

/// The key press that types `c` (a capital comes with Shift, as terminals send it).
fn typed(c: char) -> KeyEvent {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

impl Key {
    /// The key press this key is, as a terminal sends it (None for "any character").
    pub fn event(&self) -> Option<KeyEvent> {
        match *self {
            Key::Plain(KeyCode::Char(c)) => Some(typed(c)),
            Key::Plain(code) => Some(KeyEvent::new(code, KeyModifiers::NONE)),
            Key::Ctrl(c) => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            Key::Alt(c) => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)),
            Key::AnyChar => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode as K;

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
        assert!(matches!(Key::parse("Alt-p"), Ok(Key::Alt('p'))));
        assert!(matches!(Key::parse("M-P"), Ok(Key::Alt('P'))));
        assert!(Key::parse("Alt-").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn a_script_reads_keys_by_their_names_and_types_other_words() {
        let keys = script("Down Enter / party Enter n Ctrl-F Space G enter");
        let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let mut expected = vec![press(K::Down), press(K::Enter), press(K::Char('/'))];
        expected.extend("party".chars().map(|c| press(K::Char(c))));
        expected.extend([press(K::Enter), press(K::Char('n'))]);
        expected.push(KeyEvent::new(K::Char('f'), KeyModifiers::CONTROL));
        expected.push(press(K::Char(' ')));
        expected.push(KeyEvent::new(K::Char('G'), KeyModifiers::SHIFT));
        // Only the name as folio writes it is a key: `enter` is typed.
        expected.extend("enter".chars().map(|c| press(K::Char(c))));
        assert_eq!(keys, expected);
    }
}
