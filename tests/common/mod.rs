//! Helpers shared by the integration tests: building an app over a corpus, feeding it keys
//! through the real keymap, and rendering it into ratatui's TestBackend.
#![allow(dead_code)] // each test binary uses its own subset

pub mod hostile;
pub mod tmux;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::App;
use folio::corpus::{self, WalkOptions};
use folio::tty::event_loop::action_for_event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::path::Path;

pub fn options() -> WalkOptions {
    WalkOptions {
        extensions: vec!["txt".into(), "md".into()],
        ..WalkOptions::default()
    }
}

/// An app over `root`, sized `width`x`height` as the event loop would size it.
pub fn app_over(root: &Path, keywords: &[&str], query: &str, width: u16, height: u16) -> App {
    let corpus = match corpus::load(root, &options()) {
        Ok(corpus) => corpus,
        Err(error) => panic!("cannot load {}: {error}", root.display()),
    };
    let keywords = keywords.iter().map(|k| k.to_string()).collect();
    let mut app = App::new(corpus, keywords, query.to_string());
    app.update(folio::keys::action::Action::Resize(width, height));
    app
}

/// The sample corpus shipped with the repository (tests run from the package root, so the
/// relative path keeps displayed paths the same on every machine).
pub fn sample_app(width: u16, height: u16) -> App {
    app_over(Path::new("corpus"), &[], "", width, height)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Feeds key events through the keymap of the app's current mode, as the event loop does.
pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for key in keys {
        if let Some(action) = action_for_event(&Event::Key(*key), app.mode()) {
            app.update(action);
        }
    }
}

/// Types each character of `text` as a key press.
pub fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyEvent> = text
        .chars()
        .map(|c| {
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), modifiers)
        })
        .collect();
    press(app, &keys);
}

/// Occurrences of lowercase `word` in a document, ignoring case, counted independently of folio.
pub fn body_count(path: &str, word: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.to_lowercase().matches(word).count()
}

/// Draws the app into a TestBackend of the app's size and returns the buffer.
pub fn render(app: &App) -> Buffer {
    let (width, height) = app.size;
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    };
    match terminal.draw(|frame| folio::ui::draw(frame, app)) {
        Ok(frame) => frame.buffer.clone(),
        Err(never) => match never {},
    }
}

/// The buffer's text, one line per row, trailing spaces trimmed (for snapshots).
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character covers the next cell too; that cell holds no text of its own.
            x += (folio::text::fit::width(symbol) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A corpus of `count` generated documents: `document(i)` gives the i-th path and contents.
pub fn generated_corpus(
    count: usize,
    document: impl Fn(usize) -> (String, String),
) -> tempfile::TempDir {
    let files: Vec<(String, String)> = (0..count).map(document).collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    temp_corpus(&refs)
}

/// A small corpus in a temporary folder: `(relative path, contents)` pairs.
pub fn temp_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("cannot create a temporary folder: {error}"),
    };
    for (path, contents) in files {
        let full = dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&full, contents).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// Where the tests point `XDG_CONFIG_HOME`: nowhere, so a configuration file of the user's
/// running the tests changes nothing.
pub const NO_CONFIG: &str = "/nonexistent/folio-tests/config";

/// Runs the built folio with `args` in folder `dir` and waits for its output.
pub fn folio_output(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .env("XDG_CONFIG_HOME", NO_CONFIG)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run folio: {error}"))
}
