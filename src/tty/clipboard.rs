//! Copying to the clipboard of the terminal the user sits at, with OSC 52: the sequence travels
//! with the output, so it reaches the user's terminal through SSH and tmux (with set-clipboard
//! on); terminals that refuse it ignore it.

use base64::Engine;
use std::io::{self, Write};

/// Writes the sequence that puts `text` on the clipboard.
pub(crate) fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
