//! Turning the bytes a terminal sends into key, mouse and paste events. folio reads the
//! terminal itself rather than through crossterm's reader, which leaves a burst over 1 KiB
//! unread until more input comes, and whose parser (termina's too) holds an unfinished `ESC [`
//! for ever and drops the key after it. Here a sequence still unfinished when the bytes stop
//! coming is resolved as it stands (`flush`, called after a short quiet wait, as vim's
//! `ttimeout`): a lone `ESC` is Esc, `ESC [` is Alt-[, a cut-off sequence is dropped. Bytes that
//! decode to nothing (a Latin-1 `é`, an unknown sequence) are dropped, and the key after them is
//! always kept. The events are crossterm's types, which the keymap and the mouse already read.

mod csi;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use csi::csi;
use std::time::Duration;

/// How long an unfinished sequence waits for the rest of it (so also how long Esc alone waits
/// to be Esc: neovim's `ttimeoutlen`). A terminal sends a sequence in one write, so its bytes
/// come together even over SSH; a person typing Esc then `[` is slower.
pub(crate) const SEQUENCE_WAIT: Duration = Duration::from_millis(50);

/// How long a bracketed paste waits for more of its text before it is taken as it is: a big
/// paste over a slow link comes in pieces, far apart.
pub(crate) const PASTE_WAIT: Duration = Duration::from_millis(500);

pub(super) const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes of pasted text kept; the rest of a paste is dropped (the query is one line).
const PASTE_LIMIT: usize = 1 << 20;

/// The longest unfinished sequence held: anything longer is no sequence folio knows.
pub(super) const LONGEST_SEQUENCE: usize = 64;

/// Decodes a stream of terminal bytes, holding an unfinished sequence between reads.
#[derive(Default)]
pub(crate) struct Decoder {
    pending: Vec<u8>,
    /// The text of a bracketed paste under way.
    paste: Option<Vec<u8>>,
}

/// One step of decoding the front of the bytes.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
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
    pub(crate) fn feed(&mut self, bytes: &[u8], events: &mut Vec<Event>) {
        self.pending.extend_from_slice(bytes);
        self.decode(false, events);
    }

    /// No more bytes came in time: resolves what is held as it stands.
    pub(crate) fn flush(&mut self, events: &mut Vec<Event>) {
        self.decode(true, events);
    }

    /// How long to wait for more bytes before [`Decoder::flush`], if anything is held.
    pub(crate) fn patience(&self) -> Option<Duration> {
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
pub(super) fn alt(code: KeyCode, modifiers: KeyModifiers) -> Step {
    Step::Event(
        Event::Key(KeyEvent::new(code, modifiers | KeyModifiers::ALT)),
        2,
    )
}

pub(super) fn ss3_key(last: u8) -> Option<KeyCode> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{MouseButton, MouseEventKind};

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
