//! The bytes folio writes to the terminal while showing the escape-payload document, parsed
//! with a terminal parser (vte): no OSC, DCS or C1, and no control sequence beyond cursor
//! movement, erasing, colours and the modes folio itself sets.

use crate::common::TestResult;
use crate::common::{Browser, hostile};
use folio::testing::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use vte::{Params, Parser, Perform};

/// Everything in a byte stream that is not plain text or an allowed sequence.
#[derive(Default)]
struct Audit {
    violations: Vec<String>,
    printed: String,
    /// C0 controls allowed through (the tty echo of Enter, in the full-session stream).
    allowed_controls: Vec<u8>,
    /// Every private mode set (`h`) or reset (`l`), in order.
    modes: Vec<(u16, char)>,
}

/// Private modes folio turns on or off: cursor visibility, the alternate screen, synchronized
/// updates, the mouse's buttons in the SGR encoding, and bracketed paste.
const FOLIO_MODES: [u16; 6] = [25, 1000, 1006, 1049, 2004, 2026];

impl Perform for Audit {
    fn print(&mut self, c: char) {
        if c.is_control() {
            self.violations.push(format!("printed control {c:?}"));
        }
        self.printed.push(c);
    }

    fn execute(&mut self, byte: u8) {
        if !self.allowed_controls.contains(&byte) {
            self.violations.push(format!("control byte {byte:#04x}"));
        }
    }

    fn hook(&mut self, _: &Params, _: &[u8], _: bool, action: char) {
        self.violations.push(format!("DCS {action}"));
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        self.violations.push(format!(
            "OSC {:?}",
            params.first().map(|p| String::from_utf8_lossy(p))
        ));
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.violations
            .push(format!("ESC {intermediates:?} {}", byte as char));
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _: bool, action: char) {
        let values: Vec<u16> = params.iter().flat_map(|p| p.iter().copied()).collect();
        let allowed = match (intermediates, action) {
            // Cursor position and movement, erasing, colours and attributes.
            ([], 'H' | 'A' | 'B' | 'C' | 'D' | 'G' | 'J' | 'K' | 'm') => true,
            ([b'?'], 'h' | 'l') => {
                self.modes.extend(values.iter().map(|&mode| (mode, action)));
                values.iter().all(|mode| FOLIO_MODES.contains(mode))
            }
            _ => false,
        };
        if !allowed {
            self.violations
                .push(format!("CSI {intermediates:?} {values:?} {action}"));
        }
    }
}

/// A writer whose bytes the test can still read after handing it to the backend.
#[derive(Clone, Default)]
struct SharedBytes(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedBytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?;
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn audit(bytes: &[u8], allowed_controls: &[u8]) -> Audit {
    let mut audit = Audit {
        allowed_controls: allowed_controls.to_vec(),
        ..Audit::default()
    };
    Parser::new().advance(&mut audit, bytes);
    audit
}

#[test]
fn frames_of_the_escape_document_hold_no_foreign_sequence() -> TestResult {
    let (width, height) = (100, 30);
    let dir = hostile::corpus();
    let written = SharedBytes::default();
    let backend = CrosstermBackend::new(written.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let terminal = Terminal::with_options(backend, TerminalOptions { viewport })?;
    let corpus = crate::common::load(dir.path());
    let mut browser = Browser::on(terminal, corpus, crate::common::setup(), Theme::default());
    // Every document in the list and in the reader (a frame after each key), then the escape
    // document searched.
    for _ in 0..browser.matches().len() {
        browser.keys("Enter G Esc Down");
    }
    browser.keys("Ctrl-U payload Enter / osc52 Enter");
    let bytes = written.0.lock().map(|b| b.clone()).unwrap_or_default();
    let audit = audit(&bytes, &[]);
    assert!(
        audit.printed.contains("␛]52;c;cHduZWQ=␇"),
        "the payload was drawn, inertly"
    );
    assert!(
        audit.violations.is_empty(),
        "{:?}",
        &audit.violations[..audit.violations.len().min(10)]
    );
    assert!(
        audit.modes.iter().all(|(mode, _)| *mode == 25),
        "frames only show or hide the cursor"
    );
    Ok(())
}

#[test]
fn the_auditor_catches_what_a_raw_document_would_send() {
    let raw = hostile::ESCAPE_PAYLOAD.as_bytes();
    let audit = audit(raw, b"\n\r");
    let found = audit.violations.join(" | ");
    for expected in [
        "OSC Some(\"0\")",
        "OSC Some(\"52\")",
        "control byte 0x9b",
        "control byte 0x08",
    ] {
        assert!(found.contains(expected), "{expected} not caught in {found}");
    }
    // Leaving the alternate screen and asking for the mouse are folio's own modes: they are
    // caught by counting.
    assert_eq!(audit.modes, vec![(1049, 'l'), (1000, 'h')]);
}

#[test]
fn a_whole_session_on_the_escape_document_sends_only_folio_sequences() {
    let dir = hostile::corpus();
    let capture = dir
        .path()
        .join("..")
        .join(format!("folio-bytes-{}.out", std::process::id()));
    let term = crate::common::tmux::Tmux::start(100, 30, dir.path());
    // Only the tty's echo of Enter precedes folio: no shell prompt or line editor in the stream.
    term.run_in_pane_after_enter(
        &format!("exec folio -q payload {}", dir.path().display()),
        &capture,
    );
    term.wait_for("1/");
    term.keys(&["Enter"]);
    term.wait_for("osc52");
    term.type_text("/clipboard");
    term.keys(&["Enter"]);
    term.wait_for("match 1 of 1");
    term.keys(&["q"]);
    term.wait_for("Enter read");
    term.keys(&["Escape"]);
    term.wait_until("the query to clear", |s| !s.contains("> payload"));
    term.keys(&["Escape"]);
    term.wait_for_exit();
    let bytes = std::fs::read(&capture).unwrap_or_else(|e| panic!("{}: {e}", capture.display()));
    let _ = std::fs::remove_file(&capture);
    let audit = audit(&bytes, b"\r\n");
    assert!(
        audit.printed.contains("␛[?1049l"),
        "the payload was drawn, inertly"
    );
    assert!(
        audit.violations.is_empty(),
        "{:?}",
        &audit.violations[..audit.violations.len().min(10)]
    );
    // folio enters the alternate screen once and leaves it once, at the very end.
    let screens: Vec<&(u16, char)> = audit
        .modes
        .iter()
        .filter(|(mode, _)| *mode == 1049)
        .collect();
    assert_eq!(screens, vec![&(1049, 'h'), &(1049, 'l')]);
    // The mouse is asked for once at the start and let go once at the end, nothing between.
    let mouse: Vec<&(u16, char)> = audit
        .modes
        .iter()
        .filter(|(mode, _)| matches!(mode, 1000 | 1006))
        .collect();
    assert_eq!(
        mouse,
        vec![&(1000, 'h'), &(1006, 'h'), &(1006, 'l'), &(1000, 'l')]
    );
    // Bracketed paste likewise.
    let paste: Vec<&(u16, char)> = audit
        .modes
        .iter()
        .filter(|(mode, _)| *mode == 2004)
        .collect();
    assert_eq!(paste, vec![&(2004, 'h'), &(2004, 'l')]);
    // Every frame is one synchronized update: begun and ended in turn, several of them.
    let updates: Vec<char> = audit
        .modes
        .iter()
        .filter(|(mode, _)| *mode == 2026)
        .map(|&(_, action)| action)
        .collect();
    assert!(updates.len() >= 8, "{updates:?}");
    // Restoring ends an update in case a frame was cut short: one more `l` at the end.
    assert_eq!(updates.last(), Some(&'l'));
    let frames = &updates[..updates.len() - 1];
    assert!(
        frames.chunks(2).all(|pair| pair == ['h', 'l']),
        "{updates:?}"
    );
    assert_eq!(
        audit.modes.last(),
        Some(&(25, 'h')),
        "and shows the cursor last"
    );
}
