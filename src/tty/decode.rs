//! Turning the bytes a terminal sends into key, mouse and paste events. folio reads the
//! terminal itself rather than through crossterm's reader, which leaves a burst over 1 KiB
//! unread until more input comes, and whose parser (termina's too) holds an unfinished `ESC [`
//! for ever and drops the key after it. Here a sequence still unfinished when the bytes stop
//! coming is resolved as it stands (`flush`, called after a short quiet wait, as vim's
//! `ttimeout`): a lone `ESC` is Esc, `ESC [` is Alt-[, a cut-off sequence is dropped. Bytes that
//! decode to nothing (a Latin-1 `é`, an unknown sequence) are dropped, and the key after them is
//! always kept. The events are crossterm's types, which the keymap and the mouse already read.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::Duration;

/// How long an unfinished sequence waits for the rest of it (so also how long Esc alone waits
/// to be Esc: neovim's `ttimeoutlen`). A terminal sends a sequence in one write, so its bytes
/// come together even over SSH; a person typing Esc then `[` is slower.
pub const SEQUENCE_WAIT: Duration = Duration::from_millis(50);

/// How long a bracketed paste waits for more of its text before it is taken as it is: a big
/// paste over a slow link comes in pieces, far apart.
pub const PASTE_WAIT: Duration = Duration::from_millis(500);

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes of pasted text kept; the rest of a paste is dropped (the query is one line).
const PASTE_LIMIT: usize = 1 << 20;

/// The longest unfinished sequence held: anything longer is no sequence folio knows.
const LONGEST_SEQUENCE: usize = 64;

/// Decodes a stream of terminal bytes, holding an unfinished sequence between reads.
#[derive(Default)]
pub struct Decoder {
    pending: Vec<u8>,
    /// The text of a bracketed paste under way.
    paste: Option<Vec<u8>>,
}

/// One step of decoding the front of the bytes.
#[derive(Debug, PartialEq)]
enum Step {
    /// An event, and how many bytes it took.
    Event(Event, usize),
    /// The start of a bracketed paste, this many bytes long.
    PasteStart(usize),
    /// Bytes that mean nothing to folio, dropped.
    Drop(usize),
    /// The start of a sequence that needs more bytes.
    Unfinished,
}

impl Decoder {
    /// Decodes `bytes` after what was held, appending the events to `events`.
    pub fn feed(&mut self, bytes: &[u8], events: &mut Vec<Event>) {
        self.pending.extend_from_slice(bytes);
        self.decode(false, events);
    }

    /// No more bytes came in time: resolves what is held as it stands.
    pub fn flush(&mut self, events: &mut Vec<Event>) {
        self.decode(true, events);
    }

    /// How long to wait for more bytes before [`Decoder::flush`], if anything is held.
    pub fn patience(&self) -> Option<Duration> {
        if self.paste.is_some() {
            Some(PASTE_WAIT)
        } else if self.pending.is_empty() {
            None
        } else {
            Some(SEQUENCE_WAIT)
        }
    }

    fn decode(&mut self, finished: bool, events: &mut Vec<Event>) {
        let mut at = 0;
        loop {
            if let Some(paste) = &mut self.paste {
                let rest = &self.pending[at..];
                let (text, used, ended) = match memchr::memmem::find(rest, PASTE_END) {
                    Some(end) => (&rest[..end], end + PASTE_END.len(), true),
                    None if finished => (rest, rest.len(), true),
                    // Keep back what may be the start of the end marker.
                    None => {
                        let keep = (1..PASTE_END.len().min(rest.len() + 1))
                            .rev()
                            .find(|&n| rest.ends_with(&PASTE_END[..n]))
                            .unwrap_or(0);
                        let text = &rest[..rest.len() - keep];
                        (text, text.len(), false)
                    }
                };
                let room = PASTE_LIMIT.saturating_sub(paste.len());
                paste.extend_from_slice(&text[..text.len().min(room)]);
                at += used;
                if !ended {
                    break;
                }
                let text = String::from_utf8_lossy(paste).into_owned();
                events.push(Event::Paste(text));
                self.paste = None;
                continue;
            }
            if at == self.pending.len() {
                break;
            }
            match step(&self.pending[at..], finished) {
                Step::Event(event, used) => {
                    events.push(event);
                    at += used;
                }
                Step::PasteStart(used) => {
                    self.paste = Some(Vec::new());
                    at += used;
                }
                Step::Drop(used) => at += used,
                Step::Unfinished => break,
            }
        }
        self.pending.drain(..at);
    }
}

/// Decodes the front of `bytes` (never empty). `finished`: no more bytes are coming.
fn step(bytes: &[u8], finished: bool) -> Step {
    let key = |code, modifiers| Step::Event(Event::Key(KeyEvent::new(code, modifiers)), 1);
    let control = |c: u8| key(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL);
    // The control bytes as crossterm reads them in raw mode, so bindings mean the same.
    match bytes[0] {
        0x1b => escape(bytes, finished),
        b'\r' => key(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => key(KeyCode::Backspace, KeyModifiers::NONE),
        0x00 => control(b' '),
        c @ 0x01..=0x1a => control(c - 0x01 + b'a'),
        c @ 0x1c..=0x1f => control(c - 0x1c + b'4'),
        _ => character(bytes, finished),
    }
}

/// A UTF-8 character; a byte that cannot start or continue one is dropped.
fn character(bytes: &[u8], finished: bool) -> Step {
    let length = match bytes[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Drop(1),
    };
    let Some(encoded) = bytes.get(..length) else {
        let continued = bytes[1..].iter().all(|b| b & 0xc0 == 0x80);
        return if continued && !finished {
            Step::Unfinished
        } else {
            Step::Drop(1)
        };
    };
    match std::str::from_utf8(encoded)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            // As crossterm: a capital letter comes with Shift.
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Event(
                Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers)),
                length,
            )
        }
        None => Step::Drop(1),
    }
}

/// What starts with ESC: a CSI or SS3 sequence, Alt with a key, or Esc itself.
fn escape(bytes: &[u8], finished: bool) -> Step {
    let Some(&second) = bytes.get(1) else {
        return if finished {
            Step::Event(Event::Key(KeyCode::Esc.into()), 1)
        } else {
            Step::Unfinished
        };
    };
    match second {
        b'[' => csi(bytes, finished),
        b'O' => match bytes.get(2).map(|&last| ss3_key(last)) {
            Some(Some(code)) => Step::Event(Event::Key(code.into()), 3),
            None if !finished => Step::Unfinished,
            // `ESC O` alone, or before a byte no SS3 key ends with: Alt-O.
            _ => alt(KeyCode::Char('O'), KeyModifiers::SHIFT),
        },
        // Esc pressed twice: the first is Esc, the second starts again.
        0x1b => Step::Event(Event::Key(KeyCode::Esc.into()), 1),
        _ => match step(&bytes[1..], finished) {
            Step::Event(Event::Key(mut key), used) => {
                key.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(key), used + 1)
            }
            Step::Unfinished => Step::Unfinished,
            // ESC then a byte that decodes to nothing: Esc, and the byte is dropped next.
            _ => Step::Event(Event::Key(KeyCode::Esc.into()), 1),
        },
    }
}

/// ESC and the key after it, two bytes: Alt with that key.
fn alt(code: KeyCode, modifiers: KeyModifiers) -> Step {
    Step::Event(
        Event::Key(KeyEvent::new(code, modifiers | KeyModifiers::ALT)),
        2,
    )
}

fn ss3_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(last - b'P' + 1),
        _ => return None,
    })
}

/// `ESC [`, parameters (0x30–0x3F), intermediates (0x20–0x2F) and a final byte (0x40–0x7E).
fn csi(bytes: &[u8], finished: bool) -> Step {
    let end = bytes
        .iter()
        .skip(2)
        .position(|b| !(0x20..=0x3f).contains(b))
        .map(|n| n + 2);
    let Some(end) = end else {
        // No final byte yet.
        return if finished || bytes.len() > LONGEST_SEQUENCE {
            unfinished_csi(bytes.len())
        } else {
            Step::Unfinished
        };
    };
    if !(0x40..=0x7e).contains(&bytes[end]) {
        // Broken by a byte no sequence has (a control, another ESC, a character): what came
        // before it is resolved, the byte itself is decoded next.
        return unfinished_csi(end);
    }
    let parameters = &bytes[2..end];
    let last = bytes[end];
    let used = end + 1;
    if end == 2 && last == b'[' {
        return linux_console_key(bytes, finished);
    }
    if last == b'M' && parameters.is_empty() {
        return x10_mouse(bytes, finished);
    }
    if parameters.first() == Some(&b'<') && matches!(last, b'M' | b'm') {
        return sgr_mouse(&parameters[1..], last == b'm', used);
    }
    if bytes[..used] == *PASTE_START {
        return Step::PasteStart(used);
    }
    let mut numbers = parameters.split(|&b| b == b';').map(|field| {
        // A sub-parameter (`1:2`, the key's event type in the kitty protocol) is not needed.
        let value = field.split(|&b| b == b':').next().unwrap_or_default();
        std::str::from_utf8(value).ok()?.parse::<u16>().ok()
    });
    let first = numbers.next().flatten();
    let modifiers = modifiers(numbers.next().flatten());
    let code = match (last, first) {
        (b'A', _) => KeyCode::Up,
        (b'B', _) => KeyCode::Down,
        (b'C', _) => KeyCode::Right,
        (b'D', _) => KeyCode::Left,
        (b'H', _) => KeyCode::Home,
        (b'F', _) => KeyCode::End,
        (b'P'..=b'S', _) => KeyCode::F(last - b'P' + 1),
        (b'Z', _) => return key_step(KeyCode::BackTab, KeyModifiers::SHIFT, used),
        (b'~', Some(number)) => match tilde_key(number) {
            Some(code) => code,
            None => return Step::Drop(used),
        },
        _ => return Step::Drop(used),
    };
    key_step(code, modifiers, used)
}

/// The Linux console's F1–F5: `ESC [ [ A` to `ESC [ [ E`.
fn linux_console_key(bytes: &[u8], finished: bool) -> Step {
    match bytes.get(3) {
        Some(&last @ b'A'..=b'E') => key_step(KeyCode::F(last - b'A' + 1), KeyModifiers::NONE, 4),
        Some(_) => Step::Drop(3),
        None if finished => Step::Drop(3),
        None => Step::Unfinished,
    }
}

/// A CSI cut off after `length` bytes: `ESC [` alone is Alt-[; more is a sequence lost.
fn unfinished_csi(length: usize) -> Step {
    if length == 2 {
        alt(KeyCode::Char('['), KeyModifiers::NONE)
    } else {
        Step::Drop(length)
    }
}

fn key_step(code: KeyCode, modifiers: KeyModifiers, used: usize) -> Step {
    Step::Event(Event::Key(KeyEvent::new(code, modifiers)), used)
}

/// The modifiers parameter of a key sequence: 1 + a bit each for Shift, Alt, Ctrl.
fn modifiers(parameter: Option<u16>) -> KeyModifiers {
    let bits = parameter.unwrap_or(1).saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    modifiers
}

fn tilde_key(number: u16) -> Option<KeyCode> {
    Some(match number {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((number - 10) as u8),
        17..=21 => KeyCode::F((number - 11) as u8),
        23..=26 => KeyCode::F((number - 12) as u8),
        28 | 29 => KeyCode::F((number - 13) as u8),
        31..=34 => KeyCode::F((number - 14) as u8),
        _ => return None,
    })
}

/// `ESC [ < button ; column ; row` then `M` (pressed) or `m` (released).
fn sgr_mouse(parameters: &[u8], released: bool, used: usize) -> Step {
    let mut numbers = parameters
        .split(|&b| b == b';')
        .map(|field| std::str::from_utf8(field).ok()?.parse::<u16>().ok());
    let (Some(Some(button)), Some(Some(column)), Some(Some(row))) =
        (numbers.next(), numbers.next(), numbers.next())
    else {
        return Step::Drop(used);
    };
    mouse(button, column, row, released).map_or(Step::Drop(used), |event| {
        Step::Event(Event::Mouse(event), used)
    })
}

/// `ESC [ M` and three bytes, each 32 more than the button, column and row: terminals that
/// cannot send the SGR form.
fn x10_mouse(bytes: &[u8], finished: bool) -> Step {
    let Some(&[button, column, row]) = bytes.get(3..6) else {
        return if finished {
            Step::Drop(bytes.len())
        } else {
            Step::Unfinished
        };
    };
    let (button, column, row) = (
        u16::from(button.saturating_sub(32)),
        u16::from(column.saturating_sub(32)),
        u16::from(row.saturating_sub(32)),
    );
    match mouse(button, column, row, button & 3 == 3) {
        Some(event) => Step::Event(Event::Mouse(event), 6),
        None => Step::Drop(6),
    }
}

/// A mouse report: the button code (low bits the button, then Shift, Alt, Ctrl, motion, and
/// 64 for the wheel) at a column and row counted from 1.
fn mouse(button: u16, column: u16, row: u16, released: bool) -> Option<MouseEvent> {
    let number = (button & 3) | ((button & 0xc0) >> 4);
    let moving = button & 32 != 0;
    let pressed = |which| {
        if released {
            MouseEventKind::Up(which)
        } else if moving {
            MouseEventKind::Drag(which)
        } else {
            MouseEventKind::Down(which)
        }
    };
    let kind = match number {
        0 => pressed(MouseButton::Left),
        1 => pressed(MouseButton::Middle),
        2 => pressed(MouseButton::Right),
        3 if moving => MouseEventKind::Moved,
        3 => MouseEventKind::Up(MouseButton::Left),
        4 => MouseEventKind::ScrollUp,
        5 => MouseEventKind::ScrollDown,
        6 => MouseEventKind::ScrollLeft,
        7 => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if button & bit != 0 {
            modifiers |= modifier;
        }
    }
    Some(MouseEvent {
        kind,
        column: column.saturating_sub(1),
        row: row.saturating_sub(1),
        modifiers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(chunks: &[&[u8]]) -> Vec<Event> {
        let mut decoder = Decoder::default();
        let mut events = Vec::new();
        for chunk in chunks {
            decoder.feed(chunk, &mut events);
        }
        decoder.flush(&mut events);
        events
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(code.into())
    }

    fn char_key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_and_sequences() {
        assert_eq!(
            decode(&[b"a\x1b[B\x1bOA\x1b[5~\x1b[1;5C\r\x7f\x03\x1b[Z"]),
            vec![
                char_key('a'),
                key(KeyCode::Down),
                key(KeyCode::Up),
                key(KeyCode::PageUp),
                with(KeyCode::Right, KeyModifiers::CONTROL),
                key(KeyCode::Enter),
                key(KeyCode::Backspace),
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                with(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn a_sequence_split_across_reads_is_one_key() {
        assert_eq!(
            decode(&[b"\x1b", b"[", b"1;5", b"A"]),
            vec![with(KeyCode::Up, KeyModifiers::CONTROL)]
        );
        assert_eq!(decode(&[b"\xc3", b"\xa9"]), vec![char_key('é')]);
    }

    #[test]
    fn what_is_held_when_the_bytes_stop_is_resolved() {
        let mut decoder = Decoder::default();
        let mut events = Vec::new();
        decoder.feed(b"\x1b[", &mut events);
        assert!(events.is_empty());
        assert_eq!(decoder.patience(), Some(SEQUENCE_WAIT));
        decoder.flush(&mut events);
        assert_eq!(events, vec![with(KeyCode::Char('['), KeyModifiers::ALT)]);
        decoder.feed(b"x", &mut events);
        assert_eq!(events.last(), Some(&char_key('x')));
        assert_eq!(decode(&[b"\x1b"]), vec![key(KeyCode::Esc)]);
        // A mouse report cut off is dropped, not typed into the query.
        assert_eq!(decode(&[b"\x1b[<0;"]), vec![]);
    }

    #[test]
    fn undecodable_bytes_are_dropped_and_the_next_key_kept() {
        // A lone Latin-1 é, then a key.
        assert_eq!(decode(&[b"\xe9", b"x"]), vec![char_key('x')]);
        assert_eq!(decode(&[b"\xe9x"]), vec![char_key('x')]);
        assert_eq!(decode(&[b"\xff\x80q"]), vec![char_key('q')]);
        // A sequence broken by a control byte: the control still counts.
        assert_eq!(
            decode(&[b"\x1b[12\x03"]),
            vec![with(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        // An unknown complete sequence is dropped whole.
        assert_eq!(decode(&[b"\x1b[99zq"]), vec![char_key('q')]);
    }

    #[test]
    fn the_linux_consoles_function_keys() {
        assert_eq!(
            decode(&[b"\x1b[[A", b"\x1b[", b"[E"]),
            vec![key(KeyCode::F(1)), key(KeyCode::F(5))]
        );
    }

    #[test]
    fn alt_with_a_key() {
        assert_eq!(
            decode(&[b"\x1bx"]),
            vec![with(KeyCode::Char('x'), KeyModifiers::ALT)]
        );
        assert_eq!(
            decode(&[b"\x1b\x1b"]),
            vec![key(KeyCode::Esc), key(KeyCode::Esc)]
        );
    }

    #[test]
    fn a_burst_is_decoded_whole() {
        let burst = b"\x1b[B".repeat(1000);
        let mut events = decode(&[&burst, b"\x03"]);
        assert_eq!(events.len(), 1001);
        assert_eq!(
            events.pop(),
            Some(with(KeyCode::Char('c'), KeyModifiers::CONTROL))
        );
    }

    #[test]
    fn bracketed_paste_even_in_pieces() {
        assert_eq!(
            decode(&[b"\x1b[200~tax\x1b[20", b"1~q"]),
            vec![Event::Paste("tax".into()), char_key('q')]
        );
        assert_eq!(
            decode(&[b"\x1b[200~a\x1b[B b", b"\x1b[201~"]),
            vec![Event::Paste("a\x1b[B b".into())]
        );
        // A paste that never ends is taken as it is once the bytes stop.
        assert_eq!(decode(&[b"\x1b[200~cut"]), vec![Event::Paste("cut".into())]);
    }

    #[test]
    fn mouse_reports() {
        let events = decode(&[b"\x1b[<0;10;5M\x1b[<65;1;1M\x1b[M !!"]);
        let kinds: Vec<_> = events
            .iter()
            .map(|event| match event {
                Event::Mouse(mouse) => (mouse.kind, mouse.column, mouse.row),
                other => panic!("not a mouse event: {other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (MouseEventKind::Down(MouseButton::Left), 9, 4),
                (MouseEventKind::ScrollDown, 0, 0),
                (MouseEventKind::Down(MouseButton::Left), 0, 0),
            ]
        );
    }
}
