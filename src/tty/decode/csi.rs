//! The sequences that start with `ESC [` (CSI): keys with their modifiers, the Linux
//! console's function keys, mouse reports in the SGR and the old X10 form, the start of a
//! bracketed paste. Anything else complete is dropped whole.

use super::{LONGEST_SEQUENCE, PASTE_START, Step, alt, ss3_key};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// `ESC [`, parameters (0x30–0x3F), intermediates (0x20–0x2F) and a final byte (0x40–0x7E).
pub(super) fn csi(bytes: &[u8], finished: bool) -> Step {
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
    // The arrows, Home, End and F1–F4 end as their SS3 forms do.
    let code = match (ss3_key(last), last, first) {
        (Some(code), _, _) => code,
        (None, b'Z', _) => return key_step(KeyCode::BackTab, KeyModifiers::SHIFT, used),
        (None, b'~', Some(number)) => match tilde_key(number) {
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

/// The modifiers parameter of a key sequence: 1 + the bits of [`shift_alt_ctrl`].
fn modifiers(parameter: Option<u16>) -> KeyModifiers {
    shift_alt_ctrl(parameter.unwrap_or(1).saturating_sub(1))
}

/// Shift (1), Alt (2) and Ctrl (4), as key sequences and mouse reports (shifted by two) say.
fn shift_alt_ctrl(bits: u16) -> KeyModifiers {
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
    Some(MouseEvent {
        kind,
        column: column.saturating_sub(1),
        row: row.saturating_sub(1),
        modifiers: shift_alt_ctrl(button >> 2),
    })
}
